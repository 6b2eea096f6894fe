package dev.autograd4j;

import dev.autograd4j.suites.SeedExamplesSuite;

/** The seed documents' examples on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceSeedExamplesTest extends SeedExamplesSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
