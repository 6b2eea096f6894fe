package dev.autograd4j.optim;

/**
 * Scales the learning rate linearly from {@code startFactor} to {@code endFactor} of its base over
 * {@code totalIters} epochs, then holds it, like {@code torch.optim.lr_scheduler.LinearLR}: the usual linear warm-up
 * ({@code new LinearLR(opt, 0.1, 1.0, 5)}), or a linear decay. {@code lr = baseLr * (startFactor + (endFactor -
 * startFactor) * min(epoch, totalIters) / totalIters)}, each step scaling the current rate (PyTorch's chainable
 * form).
 */
public final class LinearLR extends LRScheduler {
    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    /**
     * A linear ramp of the learning rate's factor, like {@code LinearLR(optimizer, start_factor, end_factor,
     * total_iters)}.
     *
     * @param optimizer the optimizer
     * @param startFactor the factor at epoch 0, in {@code (0, 1]}
     * @param endFactor the factor from {@code totalIters} on, in {@code [0, 1]}
     * @param totalIters the number of epochs of the ramp, at least 1
     * @throws IllegalArgumentException if a factor or {@code totalIters} is out of range
     */
    public LinearLR(Optimizer<?> optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer, check(startFactor, endFactor, totalIters, (epoch, base) -> base * (startFactor
                + (endFactor - startFactor) * Math.min(epoch, totalIters) / totalIters)), true);
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    /** PyTorch's chainable form: the current rate times the ratio of this epoch's factor to the last one's. */
    @Override
    protected double chained(int epoch, double currentLr, double baseLr) {
        if (epoch == 0) {
            return currentLr * startFactor;
        }
        return epoch > totalIters ? currentLr : currentLr * (1 + (endFactor - startFactor)
                / (totalIters * startFactor + (epoch - 1) * (endFactor - startFactor)));
    }

    /**
     * PyTorch's defaults: from 1/3 to 1 over 5 epochs.
     *
     * @param optimizer the optimizer
     */
    public LinearLR(Optimizer<?> optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    private static Schedule check(double start, double end, int total, Schedule s) {
        if (!(start > 0 && start <= 1)) {
            throw new IllegalArgumentException("[LinearLR] start_factor must be in (0, 1] but got " + start);
        }
        if (!(end >= 0 && end <= 1)) {
            throw new IllegalArgumentException("[LinearLR] end_factor must be in [0, 1] but got " + end);
        }
        if (total < 1) {
            throw new IllegalArgumentException("[LinearLR] total_iters must be at least 1 but got " + total);
        }
        return s;
    }
}
