package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.OpGradSuite;

/** The op database's gradient suite on {@code cuda:0}: gradcheck and gradgradcheck of every sample in float64. */
@RequiresCuda
class CudaOpGradTest extends OpGradSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
