package dev.autograd4j;

import dev.autograd4j.suites.LifecycleSuite;

class FakeDeviceLifecycleTest extends LifecycleSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
