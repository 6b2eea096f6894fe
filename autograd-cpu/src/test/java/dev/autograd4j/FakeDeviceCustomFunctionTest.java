package dev.autograd4j;

import dev.autograd4j.suites.CustomFunctionSuite;

/** The custom-function suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceCustomFunctionTest extends CustomFunctionSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
