package dev.autograd4j;

import dev.autograd4j.suites.NnSuite;

/** The nn suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceNnTest extends NnSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
