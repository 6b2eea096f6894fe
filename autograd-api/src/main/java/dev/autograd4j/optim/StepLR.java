package dev.autograd4j.optim;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} epochs, like {@code torch.optim.lr_scheduler.StepLR}:
 * {@code lr = baseLr * gamma^floor(epoch / stepSize)}.
 */
public final class StepLR extends LRScheduler {
    public StepLR(Optimizer<?> optimizer, int stepSize, double gamma) {
        super(optimizer, check(stepSize, (epoch, base) -> base * Math.pow(gamma, Math.floorDiv(epoch, stepSize))));
    }

    /** {@code gamma} 0.1, PyTorch's default. */
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
