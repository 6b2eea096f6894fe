package dev.autograd4j.optim;

import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Parameter;

import java.util.List;

/**
 * Adam with decoupled weight decay, like {@code torch.optim.AdamW}: before Adam's update (without the L2 term) the
 * weights shrink, {@code param *= 1 - lr * weightDecay}. PyTorch's default weight decay here is 0.01, so
 * {@link #defaults()} starts from it.
 */
public final class AdamW extends Adam {

    /**
     * PyTorch's AdamW defaults: Adam's, with weight decay 0.01.
     *
     * @return new options with weight decay 0.01
     */
    public static Options defaults() {
        return new Options().weightDecay(1e-2);
    }

    /**
     * AdamW over one group, like {@code torch.optim.AdamW(params, ...)}.
     *
     * @param params the parameters to update
     * @param options the hyperparameters (start from {@link #defaults()} for PyTorch's)
     * @throws IllegalArgumentException if {@code params} is empty or an option is invalid
     */
    public AdamW(List<Parameter> params, Options options) {
        this(List.of(new ParamGroup<>(params, options)));
    }

    /**
     * AdamW over groups with their own options.
     *
     * @param groups the parameter groups
     * @throws IllegalArgumentException if {@code groups} is empty, a parameter is in two groups, or an option is
     *     invalid
     */
    public AdamW(List<ParamGroup<Options>> groups) {
        super("AdamW", groups);
    }

    @Override
    Tensor decay(Tensor param, Tensor grad, Options o) {
        if (o.weightDecay() != 0) {
            param.mul_(1 - o.lr() * o.weightDecay());
        }
        return grad;
    }
}
