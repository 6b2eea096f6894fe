package dev.autograd4j;

import dev.autograd4j.suites.OptimSuite;

/** The optim suite on the CPU. */
class CpuOptimTest extends OptimSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
