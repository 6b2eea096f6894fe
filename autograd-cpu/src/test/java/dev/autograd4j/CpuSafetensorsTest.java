package dev.autograd4j;

import dev.autograd4j.suites.SafetensorsSuite;

/** The safetensors suite on the CPU. */
class CpuSafetensorsTest extends SafetensorsSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
