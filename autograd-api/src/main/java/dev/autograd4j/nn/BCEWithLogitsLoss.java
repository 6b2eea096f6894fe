package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.util.Objects;

/**
 * Binary cross-entropy of logits, like {@code torch.nn.BCEWithLogitsLoss} (see
 * {@link Functional#binaryCrossEntropyWithLogits(Tensor, Tensor, Tensor, Tensor, Reduction)}). Options are set with
 * the withers: {@code new BCEWithLogitsLoss().posWeight(w)}.
 *
 * @param weight    a weight broadcast to the input's shape (null: all 1)
 * @param posWeight a weight of the positive term per class, the last dim (null: all 1)
 * @param reduction how per-element losses combine (PyTorch's default, the mean)
 */
public record BCEWithLogitsLoss(Tensor weight, Tensor posWeight, Reduction reduction) implements Loss {
    /**
     * Checks the options.
     *
     * @param weight a rescaling weight broadcast against each element's loss, or null
     * @param posWeight the weight of the positive term, broadcast over the classes, or null
     * @param reduction how the elementwise losses are reduced
     * @throws NullPointerException for a null reduction
     */
    public BCEWithLogitsLoss {
        Objects.requireNonNull(reduction, "reduction");
    }

    /** PyTorch's defaults: no weights, the mean. */
    public BCEWithLogitsLoss() {
        this(null, null, Reduction.MEAN);
    }

    /**
     * This loss with another {@code posWeight}.
     *
     * @param posWeight a weight of the positive term per class, or null
     * @return a new loss
     */
    public BCEWithLogitsLoss posWeight(Tensor posWeight) {
        return new BCEWithLogitsLoss(weight, posWeight, reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
    }
}
