package dev.autograd4j.cpu;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.FusedKernelContract;

/** The CPU backend against the fused-kernel contract (it implements every fused kernel). */
class CpuFusedKernelTest extends FusedKernelContract {
    @Override
    protected Backend backend() {
        return Backends.of(Device.cpu());
    }
}
