package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.InPlaceSuite;

/** The in-place suite on {@code cuda:0}: version counters and rebased history with GPU storages. */
@RequiresCuda
class CudaInPlaceTest extends InPlaceSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
