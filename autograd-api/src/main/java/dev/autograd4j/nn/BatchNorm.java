package dev.autograd4j.nn;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share, like PyTorch's {@code _BatchNorm}: a per-channel weight
 * (ones at first) and bias (zeros), and the buffers {@code running_mean} (zeros), {@code running_var} (ones) and
 * {@code num_batches_tracked} (an int64 count). Training normalises with the batch's statistics and updates the
 * running ones ({@code r = (1 - momentum) r + momentum s}, the unbiased variance; a null momentum is the cumulative
 * average {@code 1 / num_batches_tracked}); evaluation normalises with the running statistics. Without
 * {@code trackRunningStats} there are no buffers and the batch's statistics are always used.
 */
public abstract class BatchNorm extends Module {
    private final String name;
    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final boolean trackRunningStats;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param name the module's name for messages
     * @param numFeatures the channels {@code C}
     * @param eps added to the variance
     * @param momentum the running statistics' factor, or null for the cumulative average
     * @param affine whether to learn a per-channel weight and bias
     * @param trackRunningStats whether to keep running statistics
     */
    protected BatchNorm(String name, int numFeatures, double eps, Double momentum, boolean affine,
                        boolean trackRunningStats) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException("[" + name + "] num_features must be positive but got " + numFeatures);
        }
        this.name = name;
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.trackRunningStats = trackRunningStats;
        weight = affine ? registerParameter("weight", Tensor.ones(numFeatures)) : null;
        bias = affine ? registerParameter("bias", Tensor.zeros(numFeatures)) : null;
        if (trackRunningStats) {
            registerBuffer("running_mean", Tensor.zeros(numFeatures));
            registerBuffer("running_var", Tensor.ones(numFeatures));
            registerBuffer("num_batches_tracked", Tensor.zeros(new int[0], DType.INT64));
        }
    }

    /**
     * Checks the input's rank.
     *
     * @param input the input
     * @throws IllegalArgumentException when its rank is not one this module takes
     */
    protected abstract void checkInput(Tensor input);

    @Override
    public Tensor forward(Tensor input) {
        checkInput(input);
        boolean useBatch = isTraining() || !trackRunningStats;
        double factor = momentum == null ? 0 : momentum;
        boolean counts = isTraining() && trackRunningStats;
        Tensor count = counts ? buffer("num_batches_tracked") : null;
        if (counts && momentum == null) {
            factor = 1.0 / (count.item() + 1); // the cumulative average reads the count back
        }
        Tensor runningMean = trackRunningStats ? buffer("running_mean") : null;
        Tensor runningVar = trackRunningStats ? buffer("running_var") : null;
        Tensor out = Functional.batchNorm(input, runningMean, runningVar, weight == null ? null : weight.tensor(),
                bias == null ? null : bias.tensor(), useBatch, factor, eps);
        if (counts) { // only once batch_norm accepted the input: a rejected one leaves every buffer as it was
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                count.add_(Tensor.ones(new int[0], DType.INT64, count.device()));
            }
        }
        return out;
    }

    /** @return the weight, or null without affine */
    public Parameter weight() {
        return weight;
    }

    /** @return the bias, or null without affine */
    public Parameter bias() {
        return bias;
    }

    /** @return the running mean, or null without running statistics */
    public Tensor runningMean() {
        return trackRunningStats ? buffer("running_mean") : null;
    }

    /** @return the running variance, or null without running statistics */
    public Tensor runningVar() {
        return trackRunningStats ? buffer("running_var") : null;
    }

    /**
     * @param input the input
     * @param rank a rank this module takes
     * @param otherRank another rank it takes (or -1)
     * @throws IllegalArgumentException when the input has neither rank
     */
    protected final void checkRank(Tensor input, int rank, int otherRank) {
        if (input.dim() != rank && input.dim() != otherRank) {
            throw new IllegalArgumentException("[" + name + "] expected a " + (otherRank > 0 ? otherRank + "-D or " : "")
                    + rank + "-D input but got shape " + java.util.Arrays.toString(input.shape()));
        }
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + LayerNorm.pythonFloat(eps) + ", momentum="
                + (momentum == null ? "None" : LayerNorm.pythonFloat(momentum)) + ", affine="
                + (weight != null ? "True" : "False") + ", track_running_stats=" + (trackRunningStats ? "True" : "False");
    }
}
