package dev.autograd4j.it;

import dev.autograd4j.Device;
import dev.autograd4j.cuda.RequiresCuda;

/** {@code cuda:0} held to the CPU in the same dtype: every op, sample and dtype of the database, values and grads. */
@RequiresCuda
class CudaOpAgreementTest extends OpAgreementSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
