package dev.autograd4j;

import dev.autograd4j.suites.OpErrorsSuite;

/**
 * The op database's errors suite on the fake second device ({@link FakeCudaBackend}: "cuda:0" storages backed by
 * the CPU), so the suites' device handling (transfers, the comparison with the CPU, device mismatches) runs
 * without a GPU.
 */
class FakeDeviceOpErrorsTest extends OpErrorsSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
