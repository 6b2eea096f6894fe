package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.suites.TrainingSuite;

/** The training suite on {@code cuda:0}: small networks trained with SGD, and a Hessian-vector product. */
@RequiresCuda
class CudaTrainingTest extends TrainingSuite {
    @Override
    protected Device device() {
        return Device.cuda(0);
    }
}
