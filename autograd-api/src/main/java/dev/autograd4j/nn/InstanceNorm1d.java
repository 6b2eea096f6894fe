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
        super("InstanceNorm1d", 1, numFeatures, eps, affine);
    }
}
