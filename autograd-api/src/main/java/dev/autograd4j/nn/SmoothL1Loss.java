package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.util.Objects;

/**
 * Smooth L1 loss, like {@code torch.nn.SmoothL1Loss} (see
 * {@link Functional#smoothL1Loss(Tensor, Tensor, Reduction, double)}).
 *
 * @param reduction how per-element losses combine (PyTorch's default, the mean)
 * @param beta      where the loss turns from quadratic to linear, at least 0 (PyTorch's default 1)
 */
public record SmoothL1Loss(Reduction reduction, double beta) implements Loss {
    /**
     * Checks the options.
     *
     * @param reduction how the elementwise losses are reduced
     * @param beta where the loss changes from quadratic to linear, not negative
     * @throws IllegalArgumentException for a negative beta
     * @throws NullPointerException for a null reduction
     */
    public SmoothL1Loss {
        Objects.requireNonNull(reduction, "reduction");
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("[SmoothL1Loss] beta must not be negative but got " + beta);
        }
    }

    /** PyTorch's defaults: the mean, {@code beta = 1}. */
    public SmoothL1Loss() {
        this(Reduction.MEAN, 1.0);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.smoothL1Loss(input, target, reduction, beta);
    }
}
