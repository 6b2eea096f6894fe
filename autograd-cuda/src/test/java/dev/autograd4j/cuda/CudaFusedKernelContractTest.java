package dev.autograd4j.cuda;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.FusedKernelContract;

/** The CUDA backend against the fused-kernel contract (a kernel it does not support is skipped, saying so). */
@RequiresCuda
class CudaFusedKernelContractTest extends FusedKernelContract {
    @Override
    protected Backend backend() {
        return Backends.of(Device.cuda(0));
    }
}
