package dev.autograd4j;

import dev.autograd4j.suites.SeedExamplesSuite;

/** The seed documents' examples on the CPU. */
class CpuSeedExamplesTest extends SeedExamplesSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
