package dev.autograd4j.optim;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} epochs, like {@code torch.optim.lr_scheduler.StepLR}:
 * {@code lr = baseLr * gamma^floor(epoch / stepSize)}, each step scaling the current rate (PyTorch's chainable
 * form).
 */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /**
     * A step decay, like {@code StepLR(optimizer, step_size, gamma)}.
     *
     * @param optimizer the optimizer
     * @param stepSize the number of epochs between decays, at least 1
     * @param gamma the factor of each decay
     * @throws IllegalArgumentException if {@code stepSize} is less than 1
     */
    public StepLR(Optimizer<?> optimizer, int stepSize, double gamma) {
        super(optimizer, check(stepSize, (epoch, base) -> base * Math.pow(gamma, Math.floorDiv(epoch, stepSize))),
                true);
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    /** PyTorch's chainable form: the current rate times {@code gamma} every {@code stepSize} epochs. */
    @Override
    protected double chained(int epoch, double currentLr, double baseLr) {
        return epoch != 0 && epoch % stepSize == 0 ? currentLr * gamma : currentLr;
    }

    /**
     * {@code gamma} 0.1, PyTorch's default.
     *
     * @param optimizer the optimizer
     * @param stepSize the number of epochs between decays, at least 1
     * @throws IllegalArgumentException if {@code stepSize} is less than 1
     */
    public StepLR(Optimizer<?> optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    private static Schedule check(int stepSize, Schedule s) {
        if (stepSize < 1) {
            throw new IllegalArgumentException("[StepLR] step_size must be at least 1 but got " + stepSize);
        }
        return s;
    }
}
