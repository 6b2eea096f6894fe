package dev.autograd4j.it;

import dev.autograd4j.Device;
import dev.autograd4j.cuda.RequiresCuda;

/** {@code cuda:0} held to the CPU on random programs built from the op database, forward and backward. */
@RequiresCuda
class CudaRandomProgramTest extends RandomProgramSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
