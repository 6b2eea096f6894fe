package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** Mean squared error, like {@code torch.nn.MSELoss}: {@code (input - target)^2}, reduced (the mean by default). */
public record MSELoss(Reduction reduction) implements Loss {
    /**
     * Checks the options.
     *
     * @param reduction NONE, MEAN or SUM
     * @throws NullPointerException if {@code reduction} is null
     */
    public MSELoss {
        java.util.Objects.requireNonNull(reduction, "reduction");
    }

    /** The mean squared error, like {@code nn.MSELoss()}. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.mseLoss(input, target, reduction);
    }
}
