package dev.autograd4j.nn;

/** Instance normalisation of {@code [N, C, L]} inputs, like {@code torch.nn.InstanceNorm1d} (see {@link InstanceNorm}). */
public class InstanceNorm1d extends InstanceNorm {
    /**
     * Without affine parameters, eps 1e-5: PyTorch's defaults.
     *
     * @param numFeatures the channels C
     */
    public InstanceNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, false);
    }

    /**
     * Makes the module.
     *
     * @param numFeatures the channels C
     * @param eps added to the variance
     * @param affine learn a per-channel weight (ones) and bias (zeros)
     */
    public InstanceNorm1d(int numFeatures, double eps, boolean affine) {
        this(numFeatures, eps, 0.1, affine, false);
    }

    /**
     * Makes the module, as {@code torch.nn.InstanceNorm1d(num_features, eps, momentum, affine, track_running_stats)}.
     *
     * @param numFeatures the channels C
     * @param eps added to the variance
     * @param momentum the running statistics' factor (PyTorch's default 0.1)
     * @param affine learn a per-channel weight (ones) and bias (zeros)
     * @param trackRunningStats keep running statistics, used in evaluation (see {@link InstanceNorm})
     */
    public InstanceNorm1d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super("InstanceNorm1d", 1, numFeatures, eps, momentum, affine, trackRunningStats);
    }
}
