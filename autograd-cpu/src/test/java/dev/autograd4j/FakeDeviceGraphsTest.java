package dev.autograd4j;

import dev.autograd4j.suites.GraphsSuite;

/** The graphs suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceGraphsTest extends GraphsSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
