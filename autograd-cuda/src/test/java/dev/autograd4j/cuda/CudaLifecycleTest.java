package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.LifecycleSuite;

/** The storage-lifecycle suite on {@code cuda:0}: close, scopes and saved tensors releasing GPU memory. */
@RequiresCuda
class CudaLifecycleTest extends LifecycleSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
