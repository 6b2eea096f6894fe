package dev.autograd4j;

import dev.autograd4j.suites.OpErrorsSuite;

/** The op database's errors suite on the CPU. */
class CpuOpErrorsTest extends OpErrorsSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
