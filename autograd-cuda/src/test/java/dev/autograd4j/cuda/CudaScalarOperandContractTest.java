package dev.autograd4j.cuda;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.ScalarOperandContract;

/** The CUDA backend against the scalar-operand contract: scalar kernels agree exactly with their tensor forms. */
@RequiresCuda
class CudaScalarOperandContractTest extends ScalarOperandContract {
    @Override
    protected Backend backend() {
        return Backends.of(Device.cuda(0));
    }
}
