package dev.autograd4j.optim;

import java.util.function.IntToDoubleFunction;

/**
 * The initial rate times a factor of the epoch, like {@code torch.optim.lr_scheduler.LambdaLR}:
 * {@code lr = baseLr * lrLambda(epoch)}, the closed form at every step (it does not scale the current rate). One
 * function for every group (PyTorch also takes one per group).
 * <pre>{@code
 * new LambdaLR(opt, epoch -> Math.pow(0.95, epoch));
 * }</pre>
 */
public final class LambdaLR extends LRScheduler {

    /**
     * A factor of the epoch, like {@code LambdaLR(optimizer, lr_lambda)}; sets epoch 0's rates at once.
     *
     * @param optimizer the optimizer
     * @param lrLambda the factor of the initial rate at each epoch (from 0)
     */
    public LambdaLR(Optimizer<?> optimizer, IntToDoubleFunction lrLambda) {
        super(optimizer, (epoch, base) -> base * lrLambda.applyAsDouble(epoch));
    }
}
