package dev.autograd4j;

import dev.autograd4j.suites.ModelOpsSuite;

/** The model-ops suite (issue 9's modules, default generator and rough edges) on the CPU. */
class CpuModelOpsTest extends ModelOpsSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
