package dev.autograd4j;

import dev.autograd4j.suites.InPlaceSuite;

/** The in-place suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceInPlaceTest extends InPlaceSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
