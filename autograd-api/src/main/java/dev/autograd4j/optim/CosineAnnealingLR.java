package dev.autograd4j.optim;

/**
 * Anneals the learning rate along a cosine from its base to {@code etaMin} over {@code tMax} epochs, like
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR}:
 * {@code lr = etaMin + (baseLr - etaMin) * (1 + cos(pi * epoch / tMax)) / 2} (PyTorch's closed form; past
 * {@code tMax} it rises again along the same cosine); each step follows PyTorch's recursive form from the current
 * rate, so a rate set by hand carries on.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    /**
     * Cosine annealing, like {@code CosineAnnealingLR(optimizer, T_max, eta_min)}.
     *
     * @param optimizer the optimizer
     * @param tMax the number of epochs to reach {@code etaMin}, at least 1
     * @param etaMin the smallest learning rate
     * @throws IllegalArgumentException if {@code tMax} is less than 1
     */
    public CosineAnnealingLR(Optimizer<?> optimizer, int tMax, double etaMin) {
        super(optimizer, check(tMax,
                (epoch, base) -> etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2), true);
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    /**
     * PyTorch's recursive form: the current rate's distance to {@code etaMin} scaled by the ratio of this epoch's
     * cosine factor to the last one's, or, on leaving a minimum (where that ratio divides by 0), raised by the closed
     * form's first step.
     */
    @Override
    protected double chained(int epoch, double currentLr, double baseLr) {
        if (epoch == 0) {
            return currentLr;
        }
        if (Math.floorMod(epoch - 1 - tMax, 2 * tMax) == 0) {
            return currentLr + (baseLr - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * epoch / tMax)) / (1 + Math.cos(Math.PI * (epoch - 1) / tMax))
                * (currentLr - etaMin) + etaMin;
    }

    /**
     * Cosine annealing down to 0, like {@code CosineAnnealingLR(optimizer, T_max)}.
     *
     * @param optimizer the optimizer
     * @param tMax the number of epochs to reach 0, at least 1
     * @throws IllegalArgumentException if {@code tMax} is less than 1
     */
    public CosineAnnealingLR(Optimizer<?> optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    private static Schedule check(int tMax, Schedule s) {
        if (tMax < 1) {
            throw new IllegalArgumentException("[CosineAnnealingLR] T_max must be at least 1 but got " + tMax);
        }
        return s;
    }
}
