package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.DataSuite;

/** The data loading suite on {@code cuda:0}. */
@RequiresCuda
class CudaDataTest extends DataSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
