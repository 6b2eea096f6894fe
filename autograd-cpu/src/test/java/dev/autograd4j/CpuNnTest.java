package dev.autograd4j;

import dev.autograd4j.suites.NnSuite;

/** The nn suite on the CPU. */
class CpuNnTest extends NnSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
