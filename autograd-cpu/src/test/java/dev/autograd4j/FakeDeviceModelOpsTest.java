package dev.autograd4j;

import dev.autograd4j.suites.ModelOpsSuite;

/** The model-ops suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceModelOpsTest extends ModelOpsSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
