package dev.autograd4j.cpu;

import dev.autograd4j.Device;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BackendProvider;

/** Provides the CPU backend, which is always available: it needs nothing but the JVM. */
public final class CpuBackendProvider implements BackendProvider {

    /** For {@link java.util.ServiceLoader}; does nothing. */
    public CpuBackendProvider() {
    }

    @Override
    public Device.Type deviceType() {
        return Device.Type.CPU;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Backend backend(Device device) {
        if (!device.isCpu()) {
            throw new IllegalArgumentException("[cpu] the CPU provider serves device cpu but was asked for " + device);
        }
        return CpuBackend.INSTANCE;
    }
}
