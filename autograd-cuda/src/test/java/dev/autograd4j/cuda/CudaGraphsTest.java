package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.GraphsSuite;

/** The graph-drawing suite on {@code cuda:0}. */
@RequiresCuda
class CudaGraphsTest extends GraphsSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
