package dev.autograd4j;

import dev.autograd4j.suites.DataSuite;

/** The data suite on the CPU. */
class CpuDataTest extends DataSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
