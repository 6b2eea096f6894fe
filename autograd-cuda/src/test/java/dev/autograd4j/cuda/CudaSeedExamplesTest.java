package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.SeedExamplesSuite;

/** The seed documents' examples on {@code cuda:0}, with PyTorch's numbers. */
@RequiresCuda
class CudaSeedExamplesTest extends SeedExamplesSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
