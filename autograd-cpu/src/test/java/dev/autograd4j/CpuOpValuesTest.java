package dev.autograd4j;

import dev.autograd4j.suites.OpValuesSuite;

/** The op database's values suite on the CPU. */
class CpuOpValuesTest extends OpValuesSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
