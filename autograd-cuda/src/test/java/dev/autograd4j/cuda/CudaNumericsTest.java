package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.NumericsSuite;

/** The numerics suite (dtypes, integer arithmetic, conversions, special values) on {@code cuda:0}. */
@RequiresCuda
class CudaNumericsTest extends NumericsSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
