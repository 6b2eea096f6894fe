package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.ModelOpsSuite;

/** The model-ops suite (issue 9's modules, default generator and rough edges) on {@code cuda:0}. */
@RequiresCuda
class CudaModelOpsTest extends ModelOpsSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
