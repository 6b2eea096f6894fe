package dev.autograd4j.optim;

/**
 * Decays the learning rate polynomially to 0 over {@code totalIters} epochs, like
 * {@code torch.optim.lr_scheduler.PolynomialLR}: {@code lr = baseLr * (1 - min(epoch, totalIters) / totalIters)^power},
 * each step scaling the current rate (PyTorch's chainable form).
 */
public final class PolynomialLR extends LRScheduler {
    private final int totalIters;
    private final double power;

    /**
     * A polynomial decay, like {@code PolynomialLR(optimizer, total_iters, power)}.
     *
     * @param optimizer the optimizer
     * @param totalIters the epochs until the rate reaches 0
     * @param power the power of the polynomial
     */
    public PolynomialLR(Optimizer<?> optimizer, int totalIters, double power) {
        super(optimizer, (epoch, base) -> base * Math.pow(1.0 - (double) Math.min(totalIters, epoch) / totalIters,
                power), true);
        this.totalIters = totalIters;
        this.power = power;
        initialStep();
    }

    /**
     * PyTorch's defaults: a linear decay over 5 epochs.
     *
     * @param optimizer the optimizer
     */
    public PolynomialLR(Optimizer<?> optimizer) {
        this(optimizer, 5, 1.0);
    }

    /** PyTorch's chainable form: the ratio of this epoch's factor to the last one's, up to {@code totalIters}. */
    @Override
    protected double chained(int epoch, double currentLr, double baseLr) {
        if (epoch == 0 || epoch > totalIters) {
            return currentLr;
        }
        return currentLr * Math.pow((1.0 - (double) epoch / totalIters) / (1.0 - (double) (epoch - 1) / totalIters),
                power);
    }
}
