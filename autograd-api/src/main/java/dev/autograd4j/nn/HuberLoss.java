package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.util.Objects;

/**
 * Huber loss, like {@code torch.nn.HuberLoss} (see {@link Functional#huberLoss(Tensor, Tensor, Reduction, double)}).
 *
 * @param reduction how per-element losses combine (PyTorch's default, the mean)
 * @param delta     where the loss turns from quadratic to linear, positive (PyTorch's default 1)
 */
public record HuberLoss(Reduction reduction, double delta) implements Loss {
    /**
     * Checks the options.
     *
     * @param reduction how the elementwise losses are reduced
     * @param delta where the loss changes from quadratic to linear, positive
     * @throws IllegalArgumentException for a delta that is not positive
     * @throws NullPointerException for a null reduction
     */
    public HuberLoss {
        Objects.requireNonNull(reduction, "reduction");
        if (!(delta > 0)) {
            throw new IllegalArgumentException("[HuberLoss] delta must be positive but got " + delta);
        }
    }

    /** PyTorch's defaults: the mean, {@code delta = 1}. */
    public HuberLoss() {
        this(Reduction.MEAN, 1.0);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.huberLoss(input, target, reduction, delta);
    }
}
