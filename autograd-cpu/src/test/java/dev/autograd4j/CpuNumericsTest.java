package dev.autograd4j;

import dev.autograd4j.suites.NumericsSuite;

/** The numerics suite (dtypes, integer arithmetic, conversions, special values) on the CPU. */
class CpuNumericsTest extends NumericsSuite {
    @Override
    protected Device device() {
        return Device.cpu();
    }
}
