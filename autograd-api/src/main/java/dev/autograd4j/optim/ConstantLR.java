package dev.autograd4j.optim;

/**
 * Scales the learning rate by a constant {@code factor} until epoch {@code totalIters}, like
 * {@code torch.optim.lr_scheduler.ConstantLR}: {@code lr = baseLr * factor} before it, {@code baseLr} from it on, the
 * step to {@code totalIters} dividing the current rate by {@code factor} (PyTorch's chainable form). A warm-up at a
 * lower rate, often first in a {@link SequentialLR}.
 */
public final class ConstantLR extends LRScheduler {
    private final double factor;
    private final int totalIters;

    /**
     * A constant factor, like {@code ConstantLR(optimizer, factor, total_iters)}.
     *
     * @param optimizer the optimizer
     * @param factor the factor until {@code totalIters}, in {@code [0, 1]}
     * @param totalIters the epoch the factor ends at
     * @throws IllegalArgumentException if {@code factor} is outside {@code [0, 1]}
     */
    public ConstantLR(Optimizer<?> optimizer, double factor, int totalIters) {
        super(optimizer, check(factor, (epoch, base) -> base * (factor + (epoch >= totalIters ? 1 - factor : 0))),
                true);
        this.factor = factor;
        this.totalIters = totalIters;
        initialStep();
    }

    /**
     * PyTorch's defaults: {@code factor} 1/3 for 5 epochs.
     *
     * @param optimizer the optimizer
     */
    public ConstantLR(Optimizer<?> optimizer) {
        this(optimizer, 1.0 / 3, 5);
    }

    /**
     * PyTorch's chainable form: times {@code factor} at epoch 0, divided by it at {@code totalIters}.
     *
     * @throws IllegalStateException at {@code totalIters} with {@code factor} 0 (PyTorch divides by zero there)
     */
    @Override
    protected double chained(int epoch, double currentLr, double baseLr) {
        if (epoch == 0) {
            return currentLr * factor;
        }
        if (epoch != totalIters) {
            return currentLr;
        }
        if (factor == 0) {
            throw new IllegalStateException("[ConstantLR] cannot restore the rate at total_iters " + totalIters
                    + " from factor 0 (PyTorch divides by zero here)");
        }
        return currentLr * (1.0 / factor);
    }

    private static Schedule check(double factor, Schedule s) {
        if (!(factor >= 0 && factor <= 1)) {
            throw new IllegalArgumentException("[ConstantLR] constant multiplicative factor expected to be between 0"
                    + " and 1, but got " + factor);
        }
        return s;
    }
}
