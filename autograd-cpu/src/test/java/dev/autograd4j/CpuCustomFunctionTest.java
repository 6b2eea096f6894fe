package dev.autograd4j;

import dev.autograd4j.suites.CustomFunctionSuite;

/** The custom-function suite on the CPU. */
class CpuCustomFunctionTest extends CustomFunctionSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
