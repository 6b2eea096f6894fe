package dev.autograd4j.nn;

import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.ops.Dropout;
import dev.autograd4j.ops.Indexing;
import dev.autograd4j.ops.LinearAlgebra;
import dev.autograd4j.ops.Losses;
import dev.autograd4j.ops.Normalization;
import dev.autograd4j.ops.Pointwise;

/**
 * Neural-network functions, like {@code torch.nn.functional}: layers without state, activations and losses.
 * Each is differentiable; the defaults are PyTorch's.
 */
public final class Functional {
    /** PyTorch's default {@code ignore_index}. */
    public static final long IGNORE_INDEX = -100;

    private Functional() {
    }

    /** {@code x @ weight^T + bias}; {@code bias} may be null. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        return LinearAlgebra.linear(x, weight, bias);
    }

    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /** {@code x > 0 ? x : negativeSlope * x} (PyTorch's default slope is 0.01). */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Pointwise.leakyRelu(x, negativeSlope);
    }

    public static Tensor leakyRelu(Tensor x) {
        return leakyRelu(x, 0.01);
    }

    /** Exact GELU, {@code x * Phi(x)}. */
    public static Tensor gelu(Tensor x) {
        return Pointwise.gelu(x, false);
    }

    /** GELU with {@code approximate} "none" (exact) or "tanh". */
    public static Tensor gelu(Tensor x, String approximate) {
        return switch (approximate) {
            case "none" -> Pointwise.gelu(x, false);
            case "tanh" -> Pointwise.gelu(x, true);
            default -> throw new IllegalArgumentException("[gelu] approximate must be 'none' or 'tanh' but got '"
                    + approximate + "'");
        };
    }

    /** {@code log(1 + exp(x))}, linear above 20 (PyTorch's defaults beta 1, threshold 20). */
    public static Tensor softplus(Tensor x) {
        return Pointwise.softplus(x, 1, 20);
    }

    public static Tensor softplus(Tensor x, double beta, double threshold) {
        return Pointwise.softplus(x, beta, threshold);
    }

    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    /** Mean cross-entropy of logits {@code [N, C]} against class indices {@code [N]} (or class probabilities). */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return Losses.crossEntropy(input, target, null, Reduction.MEAN, IGNORE_INDEX);
    }

    public static Tensor crossEntropy(Tensor input, Tensor target, Reduction reduction) {
        return Losses.crossEntropy(input, target, null, reduction, IGNORE_INDEX);
    }

    /** Cross-entropy with class {@code weight} (may be null) and targets equal to {@code ignoreIndex} skipped. */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex) {
        return Losses.crossEntropy(input, target, weight, reduction, ignoreIndex);
    }

    /**
     * Cross-entropy against a target smoothed by {@code labelSmoothing} in [0, 1] (PyTorch's {@code label_smoothing}):
     * the true class keeps {@code 1 - labelSmoothing} of the mass and every class gets {@code labelSmoothing / C}.
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex,
                                      double labelSmoothing) {
        return Losses.crossEntropy(input, target, weight, reduction, ignoreIndex, labelSmoothing);
    }

    /** Mean negative log-likelihood of log-probabilities {@code [N, C]} at class indices {@code [N]}. */
    public static Tensor nllLoss(Tensor input, Tensor target) {
        return Losses.nllLoss(input, target, null, Reduction.MEAN, IGNORE_INDEX);
    }

    public static Tensor nllLoss(Tensor input, Tensor target, Reduction reduction) {
        return Losses.nllLoss(input, target, null, reduction, IGNORE_INDEX);
    }

    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex) {
        return Losses.nllLoss(input, target, weight, reduction, ignoreIndex);
    }

    public static Tensor mseLoss(Tensor input, Tensor target) {
        return Losses.mseLoss(input, target, Reduction.MEAN);
    }

    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        return Losses.mseLoss(input, target, reduction);
    }

    /** Rows of {@code weight} picked by {@code indices}. */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        return Indexing.embedding(indices, weight, -1);
    }

    /** Rows of {@code weight} picked by {@code indices}; the row {@code paddingIdx} gets no gradient. */
    public static Tensor embedding(Tensor indices, Tensor weight, int paddingIdx) {
        return Indexing.embedding(indices, weight, paddingIdx < 0 ? weight.size(0) + paddingIdx : paddingIdx);
    }

    /**
     * Pads with zeros, like {@code torch.nn.functional.pad(x, pad)}: {@code pad} holds (before, after) pairs
     * starting from the last dim; negative values crop.
     *
     * @param x the input
     * @param pad an even number of paddings, at most two per dim
     * @return the padded tensor
     * @throws IllegalArgumentException for an odd or too long {@code pad}, or a negative output size
     */
    public static Tensor pad(Tensor x, int[] pad) {
        return dev.autograd4j.ops.Rearrange.pad(x, pad, "constant", 0);
    }

    /**
     * Pads like {@code torch.nn.functional.pad(x, pad, mode, value)}: mode "constant" fills with {@code value},
     * "reflect" mirrors without repeating the edge and "replicate" repeats the edge (those two pad the last 1, 2 or
     * 3 dims of a tensor with one or two more dims, as in PyTorch, and take {@code value} as unused).
     *
     * @param x the input
     * @param pad (before, after) pairs starting from the last dim
     * @param mode "constant", "reflect" or "replicate"
     * @param value the fill of constant padding
     * @return the padded tensor
     * @throws IllegalArgumentException for a bad mode, padding or input rank
     */
    public static Tensor pad(Tensor x, int[] pad, String mode, double value) {
        return dev.autograd4j.ops.Rearrange.pad(x, pad, mode, value);
    }

    /**
     * One-hot encoding, like {@code torch.nn.functional.one_hot}: an int64 tensor with a new last dim of
     * {@code numClasses}, 1 at each index and 0 elsewhere.
     *
     * @param indices int64 class indices of any shape
     * @param numClasses the number of classes, or -1 for the largest index plus one (which reads the indices)
     * @return the int64 encoding
     * @throws IllegalArgumentException for a non-int64 input or a bad {@code numClasses}
     * @throws IndexOutOfBoundsException for an index outside {@code [0, numClasses)}
     */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        return dev.autograd4j.ops.AdvancedIndexing.oneHot(indices, numClasses);
    }

    /** Layer normalization over the trailing {@code normalizedShape} dims ({@code weight}/{@code bias} may be null). */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Normalization.layerNorm(x, normalizedShape, weight, bias, eps);
    }

    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias) {
        return Normalization.layerNorm(x, normalizedShape, weight, bias, 1e-5);
    }

    /** Dropout with probability {@code p} when {@code training}, drawing from {@code generator}. */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator generator) {
        return Dropout.dropout(x, p, training, generator);
    }
}
