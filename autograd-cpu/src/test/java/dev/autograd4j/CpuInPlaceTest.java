package dev.autograd4j;

import dev.autograd4j.suites.InPlaceSuite;

/** The in-place suite on the CPU. */
class CpuInPlaceTest extends InPlaceSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
