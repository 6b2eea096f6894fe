package dev.autograd4j;

import dev.autograd4j.suites.NumericsSuite;

/** The numerics suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceNumericsTest extends NumericsSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
