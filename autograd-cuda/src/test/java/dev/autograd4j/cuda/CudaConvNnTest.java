package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.ConvNnSuite;

/** The convolution and normalization modules suite on {@code cuda:0}. */
@RequiresCuda
class CudaConvNnTest extends ConvNnSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
