package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.OpValuesSuite;

/** The op database's values suite on {@code cuda:0}: every op, sample and dtype against the reference and the CPU. */
@RequiresCuda
class CudaOpValuesTest extends OpValuesSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
