package dev.autograd4j.optim;

import java.util.Arrays;

/**
 * Decays the learning rate by {@code gamma} at each milestone epoch, like
 * {@code torch.optim.lr_scheduler.MultiStepLR}: {@code lr = baseLr * gamma^(number of milestones <= epoch)}, each step
 * scaling the current rate (PyTorch's chainable form). Milestones need not be sorted; one given twice decays twice,
 * as PyTorch counts them.
 */
public final class MultiStepLR extends LRScheduler {
    private final int[] milestones;
    private final double gamma;

    /**
     * Decays at the milestones, like {@code MultiStepLR(optimizer, milestones, gamma)}.
     *
     * @param optimizer the optimizer
     * @param milestones the epochs at which to decay
     * @param gamma the factor of each decay
     */
    public MultiStepLR(Optimizer<?> optimizer, int[] milestones, double gamma) {
        super(optimizer, closedForm(milestones.clone(), gamma), true);
        this.milestones = milestones.clone();
        this.gamma = gamma;
        initialStep();
    }

    /**
     * {@code gamma} 0.1, PyTorch's default.
     *
     * @param optimizer the optimizer
     * @param milestones the epochs at which to decay
     */
    public MultiStepLR(Optimizer<?> optimizer, int... milestones) {
        this(optimizer, milestones, 0.1);
    }

    /** PyTorch's chainable form: the current rate times {@code gamma} once per milestone equal to this epoch. */
    @Override
    protected double chained(int epoch, double currentLr, double baseLr) {
        return currentLr * Math.pow(gamma, count(milestones, epoch, false));
    }

    private static Schedule closedForm(int[] milestones, double gamma) {
        return (epoch, base) -> base * Math.pow(gamma, count(milestones, epoch, true));
    }

    /** How many milestones equal {@code epoch}, or are at most {@code epoch} when {@code upTo}. */
    private static int count(int[] milestones, int epoch, boolean upTo) {
        return (int) Arrays.stream(milestones).filter(m -> upTo ? m <= epoch : m == epoch).count();
    }
}
