package dev.autograd4j;

import dev.autograd4j.suites.OpGradSuite;

/**
 * The op database's grad suite on the fake second device ({@link FakeCudaBackend}: "cuda:0" storages backed by
 * the CPU), so the suites' device handling (transfers, the comparison with the CPU, device mismatches) runs
 * without a GPU.
 */
class FakeDeviceOpGradTest extends OpGradSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
