package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * {@code log(1 + exp(beta x)) / beta} elementwise, linear where {@code beta x > threshold}, like
 * {@code torch.nn.Softplus}.
 */
public class Softplus extends Module {
    private final double beta;
    private final double threshold;

    /** PyTorch's defaults, {@code beta = 1, threshold = 20}. */
    public Softplus() {
        this(1, 20);
    }

    /**
     * The module, like {@code nn.Softplus(beta, threshold)}.
     *
     * @param beta the sharpness
     * @param threshold above which ({@code beta x}) the function is taken as linear
     */
    public Softplus(double beta, double threshold) {
        this.beta = beta;
        this.threshold = threshold;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.softplus(input, beta, threshold);
    }

    /** As PyTorch prints its default integer arguments: {@code beta=1, threshold=20}. */
    @Override
    protected String extraRepr() {
        return "beta=" + number(beta) + ", threshold=" + number(threshold);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
