package dev.autograd4j;

import dev.autograd4j.suites.DataSuite;

/** The data suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceDataTest extends DataSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
