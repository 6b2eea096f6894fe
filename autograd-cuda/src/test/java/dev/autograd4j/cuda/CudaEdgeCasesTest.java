package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.EdgeCasesSuite;

/** The edge-cases suite (0-d and empty tensors, sizes past 2^31) on {@code cuda:0}. */
@RequiresCuda
class CudaEdgeCasesTest extends EdgeCasesSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
