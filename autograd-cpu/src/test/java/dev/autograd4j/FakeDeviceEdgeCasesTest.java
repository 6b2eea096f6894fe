package dev.autograd4j;

import dev.autograd4j.suites.EdgeCasesSuite;

/** The edge-cases suite on "cuda:0": the fake second device ({@link FakeCudaBackend}, CPU kernels). */
class FakeDeviceEdgeCasesTest extends EdgeCasesSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
