package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Negative log-likelihood of log-probabilities at class indices, like {@code torch.nn.NLLLoss} (see
 * {@link Functional#nllLoss(Tensor, Tensor, Tensor, Reduction, long)}).
 *
 * @param weight      a class weight {@code [C]} (null: all 1)
 * @param reduction   how per-sample losses combine (PyTorch's default, the mean over the kept targets' weight)
 * @param ignoreIndex a target value that contributes nothing (PyTorch's default -100)
 */
public record NLLLoss(Tensor weight, Reduction reduction, long ignoreIndex) implements Loss {
    /**
     * Checks the options.
     *
     * @param weight a {@code [C]} weight per class, or null
     * @param reduction NONE, MEAN or SUM
     * @param ignoreIndex the target value that contributes nothing
     * @throws NullPointerException if {@code reduction} is null
     */
    public NLLLoss {
        java.util.Objects.requireNonNull(reduction, "reduction");
    }

    /** PyTorch's defaults: no weight, mean, ignore index -100. */
    public NLLLoss() {
        this(null, Reduction.MEAN, Functional.IGNORE_INDEX);
    }

    /**
     * This loss with class weights.
     *
     * @param weight a {@code [C]} weight per class, or null
     * @return a new loss
     */
    public NLLLoss weight(Tensor weight) {
        return new NLLLoss(weight, reduction, ignoreIndex);
    }

    /**
     * This loss with another reduction.
     *
     * @param reduction NONE, MEAN or SUM
     * @return a new loss
     */
    public NLLLoss reduction(Reduction reduction) {
        return new NLLLoss(weight, reduction, ignoreIndex);
    }

    /**
     * This loss with another ignored target value.
     *
     * @param ignoreIndex the target value that contributes nothing
     * @return a new loss
     */
    public NLLLoss ignoreIndex(long ignoreIndex) {
        return new NLLLoss(weight, reduction, ignoreIndex);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.nllLoss(input, target, weight, reduction, ignoreIndex);
    }
}
