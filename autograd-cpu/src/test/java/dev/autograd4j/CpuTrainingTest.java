package dev.autograd4j;

import dev.autograd4j.suites.TrainingSuite;

/** The training suite on the CPU. */
class CpuTrainingTest extends TrainingSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
