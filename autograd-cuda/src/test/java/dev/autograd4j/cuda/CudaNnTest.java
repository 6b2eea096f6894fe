package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.NnSuite;

/** The nn modules suite on {@code cuda:0}. */
@RequiresCuda
class CudaNnTest extends NnSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
