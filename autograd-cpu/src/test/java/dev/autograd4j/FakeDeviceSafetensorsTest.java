package dev.autograd4j;

import dev.autograd4j.suites.SafetensorsSuite;

/** The safetensors suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceSafetensorsTest extends SafetensorsSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
