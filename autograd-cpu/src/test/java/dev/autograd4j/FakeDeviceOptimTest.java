package dev.autograd4j;

import dev.autograd4j.suites.OptimSuite;

/** The optim suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceOptimTest extends OptimSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
