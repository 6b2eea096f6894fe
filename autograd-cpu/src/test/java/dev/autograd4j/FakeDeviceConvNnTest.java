package dev.autograd4j;

import dev.autograd4j.suites.ConvNnSuite;

/** The convolution and normalization modules suite on the fake second device ({@link FakeCudaBackend}). */
class FakeDeviceConvNnTest extends ConvNnSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
