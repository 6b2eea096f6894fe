package dev.autograd4j.optim;

/**
 * Decays the learning rate by {@code gamma} every epoch, like {@code torch.optim.lr_scheduler.ExponentialLR}:
 * {@code lr = baseLr * gamma^epoch}, each step scaling the current rate (PyTorch's chainable form).
 */
public final class ExponentialLR extends LRScheduler {
    private final double gamma;

    /**
     * An exponential decay, like {@code ExponentialLR(optimizer, gamma)}.
     *
     * @param optimizer the optimizer
     * @param gamma the factor of each epoch's decay
     */
    public ExponentialLR(Optimizer<?> optimizer, double gamma) {
        super(optimizer, (epoch, base) -> base * Math.pow(gamma, epoch), true);
        this.gamma = gamma;
        initialStep();
    }

    /** PyTorch's chainable form: the current rate times {@code gamma}, except at epoch 0. */
    @Override
    protected double chained(int epoch, double currentLr, double baseLr) {
        return epoch == 0 ? currentLr : currentLr * gamma;
    }
}
