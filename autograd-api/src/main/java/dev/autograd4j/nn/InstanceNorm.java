package dev.autograd4j.nn;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

/**
 * Instance normalisation, like {@code torch.nn.InstanceNorm1d}/{@code 2d}: each (sample, channel) normalised over its
 * spatial elements, with an optional per-channel {@code weight} and {@code bias} ({@code affine}). An unbatched input
 * (one dim fewer) is taken as one sample.
 *
 * <p>With {@code trackRunningStats} (PyTorch's default is without) the module keeps the buffers
 * {@code running_mean} (zeros), {@code running_var} (ones) and {@code num_batches_tracked} (an int64 count that
 * PyTorch registers but never advances for instance norm, so it stays 0 here too): training normalises with each
 * instance's statistics and moves the running ones towards the batch's mean of them; evaluation normalises with the
 * running statistics.
 */
public class InstanceNorm extends Module {
    private final String kind;
    private final int spatialDims;
    private final int numFeatures;
    private final double eps;
    private final double momentum;
    private final boolean affine;
    private final boolean trackRunningStats;
    /** The per-channel scale, or null without affine. */
    public final Parameter weight;
    /** The per-channel shift, or null without affine. */
    public final Parameter bias;

    InstanceNorm(String kind, int spatialDims, int numFeatures, double eps, double momentum, boolean affine,
                 boolean trackRunningStats) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException("[" + kind + "] num_features must be positive, got " + numFeatures);
        }
        this.kind = kind;
        this.spatialDims = spatialDims;
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        this.weight = affine ? registerParameter("weight", Tensor.ones(numFeatures)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(numFeatures)) : null;
        if (trackRunningStats) {
            registerBuffer("running_mean", Tensor.zeros(numFeatures));
            registerBuffer("running_var", Tensor.ones(numFeatures));
            registerBuffer("num_batches_tracked", Tensor.zeros(new int[0], DType.INT64));
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        int batched = spatialDims + 2;
        if (input.dim() != batched && input.dim() != batched - 1) {
            throw new IllegalArgumentException("[" + kind + "] expected a " + (batched - 1) + "-D (unbatched) or "
                    + batched + "-D input, got shape " + java.util.Arrays.toString(input.shape()));
        }
        boolean unbatched = input.dim() == batched - 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        Tensor y = Functional.instanceNorm(x, runningMean(), runningVar(), weight == null ? null : weight.tensor(),
                bias == null ? null : bias.tensor(), isTraining() || !trackRunningStats, momentum, eps);
        return unbatched ? y.squeeze(0) : y;
    }

    /** @return the running mean, or null without running statistics */
    public Tensor runningMean() {
        return trackRunningStats ? buffer("running_mean") : null;
    }

    /** @return the running variance, or null without running statistics */
    public Tensor runningVar() {
        return trackRunningStats ? buffer("running_var") : null;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + LayerNorm.pythonFloat(eps) + ", momentum=" + LayerNorm.pythonFloat(momentum)
                + ", affine=" + (affine ? "True" : "False") + ", track_running_stats="
                + (trackRunningStats ? "True" : "False");
    }
}
