package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.CustomFunctionSuite;

/** The custom-function suite on {@code cuda:0}: forward and backward of user {@code Function}s on the GPU. */
@RequiresCuda
class CudaCustomFunctionTest extends CustomFunctionSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
