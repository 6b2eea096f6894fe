package dev.autograd4j.cuda;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BackendContract;

/** The CUDA backend against the backend contract: every primitive, dtype and layout, to the SPI's accuracy list. */
@RequiresCuda
class CudaBackendContractTest extends BackendContract {
    @Override
    protected Backend backend() {
        return Backends.of(Device.cuda(0));
    }
}
