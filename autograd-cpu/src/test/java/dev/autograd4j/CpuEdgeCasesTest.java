package dev.autograd4j;

import dev.autograd4j.suites.EdgeCasesSuite;

/** The edge-cases suite (0-d and empty tensors, sizes past 2^31) on the CPU. */
class CpuEdgeCasesTest extends EdgeCasesSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
