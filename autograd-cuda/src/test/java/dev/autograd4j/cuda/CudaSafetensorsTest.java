package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.SafetensorsSuite;

/** The safetensors round trips on {@code cuda:0}. */
@RequiresCuda
class CudaSafetensorsTest extends SafetensorsSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
