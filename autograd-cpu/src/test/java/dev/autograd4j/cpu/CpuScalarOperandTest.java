package dev.autograd4j.cpu;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.ScalarOperandContract;

/** The CPU backend against the scalar-operand contract. */
class CpuScalarOperandTest extends ScalarOperandContract {
    @Override
    protected Backend backend() {
        return Backends.of(Device.cpu());
    }
}
