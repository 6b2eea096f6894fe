package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.util.Objects;

/**
 * Binary cross-entropy of probabilities, like {@code torch.nn.BCELoss} (see
 * {@link Functional#binaryCrossEntropy(Tensor, Tensor, Tensor, Reduction)}).
 *
 * @param weight    a weight broadcast to the input's shape (null: all 1)
 * @param reduction how per-element losses combine (PyTorch's default, the mean)
 */
public record BCELoss(Tensor weight, Reduction reduction) implements Loss {
    /**
     * Checks the options.
     *
     * @param weight a rescaling weight broadcast against each element's loss, or null
     * @param reduction how the elementwise losses are reduced
     * @throws NullPointerException for a null reduction
     */
    public BCELoss {
        Objects.requireNonNull(reduction, "reduction");
    }

    /** PyTorch's defaults: no weight, the mean. */
    public BCELoss() {
        this(null, Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.binaryCrossEntropy(input, target, weight, reduction);
    }
}
