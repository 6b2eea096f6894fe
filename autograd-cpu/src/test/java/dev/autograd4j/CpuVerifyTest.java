package dev.autograd4j;

import dev.autograd4j.suites.VerifySuite;

/** Gradient verification with float32 on the CPU as the candidate, and anomaly mode on the CPU. */
class CpuVerifyTest extends VerifySuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
