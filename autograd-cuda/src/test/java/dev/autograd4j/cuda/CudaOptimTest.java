package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.OptimSuite;

/** The optimizers suite (updates on the device, no host reads) on {@code cuda:0}. */
@RequiresCuda
class CudaOptimTest extends OptimSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
