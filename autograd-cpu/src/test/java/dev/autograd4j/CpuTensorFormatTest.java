package dev.autograd4j;

import dev.autograd4j.suites.TensorFormatSuite;

/** The printing suite on the CPU. */
class CpuTensorFormatTest extends TensorFormatSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
