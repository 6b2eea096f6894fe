package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.VerifySuite;

/** Gradient verification with float32 on {@code cuda:0} as the candidate, and anomaly mode on {@code cuda:0}. */
@RequiresCuda
class CudaVerifyTest extends VerifySuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
