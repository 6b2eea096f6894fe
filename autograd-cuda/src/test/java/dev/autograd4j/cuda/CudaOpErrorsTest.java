package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.OpErrorsSuite;

/** The op database's error suite on {@code cuda:0}, the CPU being the second device for the mismatch cases. */
@RequiresCuda
class CudaOpErrorsTest extends OpErrorsSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
