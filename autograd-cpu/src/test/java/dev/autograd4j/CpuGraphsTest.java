package dev.autograd4j;

import dev.autograd4j.suites.GraphsSuite;

/** The graphs suite on the CPU. */
class CpuGraphsTest extends GraphsSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
