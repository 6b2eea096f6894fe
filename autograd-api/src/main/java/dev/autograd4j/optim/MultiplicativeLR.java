package dev.autograd4j.optim;

import java.util.function.IntToDoubleFunction;

/**
 * Multiplies the current rate by a factor of the epoch at each step, like
 * {@code torch.optim.lr_scheduler.MultiplicativeLR}: {@code lr = lr * lrLambda(epoch)} for epochs from 1; making it
 * changes no rate. One function for every group (PyTorch also takes one per group).
 */
public final class MultiplicativeLR extends LRScheduler {
    private final IntToDoubleFunction lrLambda;

    /**
     * A multiplicative factor of the epoch, like {@code MultiplicativeLR(optimizer, lr_lambda)}.
     *
     * @param optimizer the optimizer
     * @param lrLambda the factor each step from epoch 1 multiplies the rate by
     */
    public MultiplicativeLR(Optimizer<?> optimizer, IntToDoubleFunction lrLambda) {
        super(optimizer, (epoch, base) -> closedForm(lrLambda, epoch, base), true);
        this.lrLambda = lrLambda;
        initialStep();
    }

    /** PyTorch's form: the current rate times {@code lrLambda(epoch)}, unchanged at epoch 0. */
    @Override
    protected double chained(int epoch, double currentLr, double baseLr) {
        return epoch > 0 ? currentLr * lrLambda.applyAsDouble(epoch) : currentLr;
    }

    /** As PyTorch's {@code step(0)} of a scheduler without a closed form: the current rate. */
    @Override
    double atMilestone(double currentLr, double baseLr) {
        return currentLr;
    }

    /** The product of the factors of epochs 1 to {@code epoch} (what a {@link SequentialLR} restart uses). */
    private static double closedForm(IntToDoubleFunction lrLambda, int epoch, double base) {
        double lr = base;
        for (int e = 1; e <= epoch; e++) {
            lr *= lrLambda.applyAsDouble(e);
        }
        return lr;
    }
}
