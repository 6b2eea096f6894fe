package dev.autograd4j;

import dev.autograd4j.suites.VerifySuite;

/** Gradient verification with float32 on "cuda:0", the fake second device, as the candidate. */
class FakeDeviceVerifyTest extends VerifySuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
