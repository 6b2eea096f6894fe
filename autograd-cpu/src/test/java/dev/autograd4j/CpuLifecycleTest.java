package dev.autograd4j;

import dev.autograd4j.suites.LifecycleSuite;

class CpuLifecycleTest extends LifecycleSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
