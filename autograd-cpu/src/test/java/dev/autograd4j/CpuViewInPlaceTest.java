package dev.autograd4j;

import dev.autograd4j.suites.ViewInPlaceSuite;

class CpuViewInPlaceTest extends ViewInPlaceSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
