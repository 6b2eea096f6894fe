package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Cross-entropy of logits against class indices or class probabilities, like {@code torch.nn.CrossEntropyLoss}
 * (see {@link Functional#crossEntropy(Tensor, Tensor, Tensor, Reduction, long, double)}). Options are set with the
 * withers: {@code new CrossEntropyLoss().labelSmoothing(0.1)}.
 *
 * @param weight         a class weight {@code [C]} (null: all 1)
 * @param reduction      how per-sample losses combine (PyTorch's default, the mean)
 * @param ignoreIndex    a target value that contributes nothing (PyTorch's default -100)
 * @param labelSmoothing how much of the target's mass is spread uniformly over the classes, in [0, 1]
 */
public record CrossEntropyLoss(Tensor weight, Reduction reduction, long ignoreIndex, double labelSmoothing)
        implements Loss {
    /**
     * Checks the options.
     *
     * @param weight a {@code [C]} weight per class, or null
     * @param reduction NONE, MEAN or SUM
     * @param ignoreIndex the target value that contributes nothing
     * @param labelSmoothing the smoothing, in {@code [0, 1]}
     * @throws IllegalArgumentException if {@code labelSmoothing} is outside {@code [0, 1]}
     * @throws NullPointerException if {@code reduction} is null
     */
    public CrossEntropyLoss {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("[CrossEntropyLoss] label_smoothing must be between 0.0 and 1.0 but got "
                    + labelSmoothing);
        }
        java.util.Objects.requireNonNull(reduction, "reduction");
    }

    /** PyTorch's defaults: no weight, mean, ignore index -100, no smoothing. */
    public CrossEntropyLoss() {
        this(null, Reduction.MEAN, Functional.IGNORE_INDEX, 0);
    }

    /**
     * This loss with class weights.
     *
     * @param weight a {@code [C]} weight per class, or null
     * @return a new loss
     */
    public CrossEntropyLoss weight(Tensor weight) {
        return new CrossEntropyLoss(weight, reduction, ignoreIndex, labelSmoothing);
    }

    /**
     * This loss with another reduction.
     *
     * @param reduction NONE, MEAN or SUM
     * @return a new loss
     */
    public CrossEntropyLoss reduction(Reduction reduction) {
        return new CrossEntropyLoss(weight, reduction, ignoreIndex, labelSmoothing);
    }

    /**
     * This loss with another ignored target value.
     *
     * @param ignoreIndex the target value that contributes nothing
     * @return a new loss
     */
    public CrossEntropyLoss ignoreIndex(long ignoreIndex) {
        return new CrossEntropyLoss(weight, reduction, ignoreIndex, labelSmoothing);
    }

    /**
     * This loss with label smoothing.
     *
     * @param labelSmoothing the smoothing, in {@code [0, 1]}
     * @return a new loss
     * @throws IllegalArgumentException if {@code labelSmoothing} is outside {@code [0, 1]}
     */
    public CrossEntropyLoss labelSmoothing(double labelSmoothing) {
        return new CrossEntropyLoss(weight, reduction, ignoreIndex, labelSmoothing);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.crossEntropy(input, target, weight, reduction, ignoreIndex, labelSmoothing);
    }
}
