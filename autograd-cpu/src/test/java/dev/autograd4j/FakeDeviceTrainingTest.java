package dev.autograd4j;

import dev.autograd4j.suites.TrainingSuite;

/** The training suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceTrainingTest extends TrainingSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
