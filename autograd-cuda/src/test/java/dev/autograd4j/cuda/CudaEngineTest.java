package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.EngineSuite;

/** The engine suite on {@code cuda:0}: PyTorch's autograd semantics with every tensor on the GPU. */
@RequiresCuda
class CudaEngineTest extends EngineSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
