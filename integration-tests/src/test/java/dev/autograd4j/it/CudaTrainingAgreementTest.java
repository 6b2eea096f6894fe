package dev.autograd4j.it;

import dev.autograd4j.Device;
import dev.autograd4j.cuda.RequiresCuda;

/** {@code cuda:0} held to the CPU on a 50-step MLP training run and a custom function's derivatives. */
@RequiresCuda
class CudaTrainingAgreementTest extends TrainingAgreementSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
