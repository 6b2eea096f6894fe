package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.util.Objects;

/**
 * Mean absolute error, like {@code torch.nn.L1Loss}: {@code |input - target|}, reduced (the mean by default).
 *
 * @param reduction how per-element losses combine
 */
public record L1Loss(Reduction reduction) implements Loss {
    /**
     * Checks the options.
     *
     * @param reduction how the elementwise losses are reduced
     * @throws NullPointerException for a null reduction
     */
    public L1Loss {
        Objects.requireNonNull(reduction, "reduction");
    }

    /** PyTorch's default, the mean. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.l1Loss(input, target, reduction);
    }
}
