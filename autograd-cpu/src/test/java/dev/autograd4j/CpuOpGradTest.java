package dev.autograd4j;

import dev.autograd4j.suites.OpGradSuite;

/** The op database's grad suite on the CPU. */
class CpuOpGradTest extends OpGradSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
