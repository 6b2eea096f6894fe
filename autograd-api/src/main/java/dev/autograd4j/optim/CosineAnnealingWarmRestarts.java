package dev.autograd4j.optim;

/**
 * Cosine annealing with warm restarts (SGDR), like {@code torch.optim.lr_scheduler.CosineAnnealingWarmRestarts}:
 * {@code lr = etaMin + (baseLr - etaMin) (1 + cos(pi tCur / tI)) / 2}, where the cycle length {@code tI} starts at
 * {@code t0} and is multiplied by {@code tMult} at each restart, and {@code tCur} counts the epochs since the last
 * restart. As PyTorch's, it sets the closed form from the initial rate each step (it does not scale the current rate).
 */
public final class CosineAnnealingWarmRestarts extends LRScheduler {

    /**
     * Warm restarts, like {@code CosineAnnealingWarmRestarts(optimizer, T_0, T_mult, eta_min)}.
     *
     * @param optimizer the optimizer
     * @param t0 the epochs of the first cycle, at least 1
     * @param tMult the factor by which each cycle is longer than the last, at least 1
     * @param etaMin the smallest rate
     * @throws IllegalArgumentException if {@code t0} or {@code tMult} is less than 1
     */
    public CosineAnnealingWarmRestarts(Optimizer<?> optimizer, int t0, int tMult, double etaMin) {
        super(optimizer, schedule(t0, tMult, etaMin));
    }

    /**
     * Cycles of {@code t0} epochs annealing to 0, like {@code CosineAnnealingWarmRestarts(optimizer, T_0)}.
     *
     * @param optimizer the optimizer
     * @param t0 the epochs of each cycle, at least 1
     * @throws IllegalArgumentException if {@code t0} is less than 1
     */
    public CosineAnnealingWarmRestarts(Optimizer<?> optimizer, int t0) {
        this(optimizer, t0, 1, 0);
    }

    private static Schedule schedule(int t0, int tMult, double etaMin) {
        if (t0 < 1) {
            throw new IllegalArgumentException("[CosineAnnealingWarmRestarts] expected a positive T_0, but got " + t0);
        }
        if (tMult < 1) {
            throw new IllegalArgumentException("[CosineAnnealingWarmRestarts] expected T_mult >= 1, but got " + tMult);
        }
        return (epoch, base) -> {
            // PyTorch's step: tCur += 1, and at tI a restart with a cycle tMult times longer
            long tCur = tMult == 1 ? epoch % t0 : epoch, tI = t0;
            while (tCur >= tI) {
                tCur -= tI;
                tI *= tMult;
            }
            return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
        };
    }
}
