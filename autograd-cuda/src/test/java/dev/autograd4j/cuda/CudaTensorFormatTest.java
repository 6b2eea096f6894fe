package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.TensorFormatSuite;

/** The printing suite on {@code cuda:0}: {@code toString()} as PyTorch prints a CUDA tensor. */
@RequiresCuda
class CudaTensorFormatTest extends TensorFormatSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
