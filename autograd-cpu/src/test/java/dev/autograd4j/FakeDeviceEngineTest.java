package dev.autograd4j;

import dev.autograd4j.suites.EngineSuite;

/** The engine suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceEngineTest extends EngineSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
