package dev.autograd4j;

import dev.autograd4j.suites.OpValuesSuite;

/**
 * The op database's values suite on the fake second device ({@link FakeCudaBackend}: "cuda:0" storages backed by
 * the CPU), so the suites' device handling (transfers, the comparison with the CPU, device mismatches) runs
 * without a GPU.
 */
class FakeDeviceOpValuesTest extends OpValuesSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
