package dev.autograd4j.nn;

/** How a loss combines its per-element values, like PyTorch's {@code reduction=} argument. */
public enum Reduction {
    /** One loss per element (or sample), same shape as the target. */
    NONE,
    /** The (weighted) average, the default. */
    MEAN,
    /** The sum. */
    SUM
}
