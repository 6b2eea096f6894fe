package dev.autograd4j;

import dev.autograd4j.suites.EngineSuite;

/** The engine suite on the CPU. */
class CpuEngineTest extends EngineSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
