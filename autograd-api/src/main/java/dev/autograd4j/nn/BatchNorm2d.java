package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** Batch normalization of {@code [N, C, H, W]} inputs, like {@code torch.nn.BatchNorm2d}; see {@link BatchNorm}. */
public class BatchNorm2d extends BatchNorm {
    /**
     * With PyTorch's defaults: eps 1e-5, momentum 0.1, affine, running statistics.
     *
     * @param numFeatures the channels {@code C}
     */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /**
     * @param numFeatures the channels {@code C}
     * @param eps added to the variance
     * @param momentum the running statistics' factor, or null for the cumulative average
     * @param affine whether to learn a per-channel weight and bias
     * @param trackRunningStats whether to keep running statistics
     */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super("BatchNorm2d", numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInput(Tensor input) {
        checkRank(input, 4, -1);
    }
}
