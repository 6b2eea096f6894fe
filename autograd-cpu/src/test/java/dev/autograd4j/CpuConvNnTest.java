package dev.autograd4j;

import dev.autograd4j.suites.ConvNnSuite;

/** The convolution and normalization modules suite on the CPU. */
class CpuConvNnTest extends ConvNnSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
