package dev.autograd4j;

import dev.autograd4j.suites.TensorFormatSuite;

/** The printing suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceTensorFormatTest extends TensorFormatSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
