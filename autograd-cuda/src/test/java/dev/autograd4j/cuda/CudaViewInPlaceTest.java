package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.ViewInPlaceSuite;

/** The in-place-on-views suite on {@code cuda:0}: CopySlices and views that see their base change. */
@RequiresCuda
class CudaViewInPlaceTest extends ViewInPlaceSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
