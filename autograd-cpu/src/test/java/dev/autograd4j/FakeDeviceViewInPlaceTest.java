package dev.autograd4j;

import dev.autograd4j.suites.ViewInPlaceSuite;

class FakeDeviceViewInPlaceTest extends ViewInPlaceSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
