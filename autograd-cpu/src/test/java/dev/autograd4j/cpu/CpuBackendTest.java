package dev.autograd4j.cpu;

import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BackendContract;

/** The CPU backend against the backend contract. */
class CpuBackendTest extends BackendContract {
    @Override
    protected Backend backend() {
        return CpuBackend.INSTANCE;
    }
}
