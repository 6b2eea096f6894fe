package dev.autograd4j.nn;

import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.ops.Activations;
import dev.autograd4j.ops.Dropout;
import dev.autograd4j.ops.ElementwiseLosses;
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

    // ------------------------------------------------------------------------------------------------------------
    // More activations and losses (issue 9)
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Dropout drawing from the default generator ({@link Generator#defaultGenerator()}), like
     * {@code torch.nn.functional.dropout}.
     *
     * @param x the input
     * @param p the probability of zeroing an element, in [0, 1]
     * @param training whether to drop (false returns {@code x})
     * @return the input with elements zeroed and the rest scaled by {@code 1 / (1 - p)}
     * @throws IllegalArgumentException if {@code p} is outside [0, 1] or {@code x} is not floating
     */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        return Dropout.dropout(x, p, training, Generator.defaultGenerator());
    }

    /**
     * {@code x * sigmoid(x)}, like {@code torch.nn.functional.silu} (node SiluBackward0).
     *
     * @param x the input
     * @return a new tensor
     */
    public static Tensor silu(Tensor x) {
        return Activations.silu(x);
    }

    /**
     * {@code x * tanh(softplus(x))}, like {@code torch.nn.functional.mish} (node MishBackward0).
     *
     * @param x the input
     * @return a new tensor
     */
    public static Tensor mish(Tensor x) {
        return Activations.mish(x);
    }

    /**
     * {@code x > 0 ? x : alpha (exp(x) - 1)}, like {@code torch.nn.functional.elu} (node EluBackward0).
     *
     * @param x the input
     * @param alpha the negative saturation value (PyTorch's default 1)
     * @return a new tensor
     */
    public static Tensor elu(Tensor x, double alpha) {
        return Activations.elu(x, alpha);
    }

    /**
     * {@code elu(x, 1.0)}, like {@code torch.nn.functional.elu(x)}.
     *
     * @param x the input
     * @return a new tensor
     */
    public static Tensor elu(Tensor x) {
        return Activations.elu(x, 1.0);
    }

    /**
     * {@code clamp(x, minVal, maxVal)} whose gradient flows strictly inside the bounds, like
     * {@code torch.nn.functional.hardtanh} (node HardtanhBackward0).
     *
     * @param x the input
     * @param minVal the lower bound (PyTorch's default -1)
     * @param maxVal the upper bound (PyTorch's default 1)
     * @return a new tensor
     * @throws IllegalArgumentException for a NaN bound
     */
    public static Tensor hardtanh(Tensor x, double minVal, double maxVal) {
        return Activations.hardtanh(x, minVal, maxVal);
    }

    /**
     * {@code hardtanh(x, -1, 1)}, like {@code torch.nn.functional.hardtanh(x)}.
     *
     * @param x the input
     * @return a new tensor
     */
    public static Tensor hardtanh(Tensor x) {
        return Activations.hardtanh(x, -1, 1);
    }

    /**
     * {@code log(sigmoid(x))}, computed stably, like {@code torch.nn.functional.logsigmoid} (node
     * LogSigmoidBackward0).
     *
     * @param x the input
     * @return a new tensor
     */
    public static Tensor logsigmoid(Tensor x) {
        return Activations.logsigmoid(x);
    }

    /**
     * Binary cross-entropy of probabilities, like {@code torch.nn.functional.binary_cross_entropy}: each log clamped
     * at -100.
     *
     * @param input probabilities in [0, 1]
     * @param target targets of the input's shape, in [0, 1]
     * @param weight a weight broadcast to the input's shape, or null
     * @param reduction how the per-element losses combine
     * @return the loss
     * @throws IllegalArgumentException for other shapes, non-floating dtypes or another device
     */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        return ElementwiseLosses.binaryCrossEntropy(input, target, weight, reduction);
    }

    /**
     * The mean binary cross-entropy, like {@code torch.nn.functional.binary_cross_entropy(input, target)}.
     *
     * @param input probabilities in [0, 1]
     * @param target targets of the input's shape, in [0, 1]
     * @return the loss
     * @throws IllegalArgumentException for other shapes, non-floating dtypes or another device
     */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        return ElementwiseLosses.binaryCrossEntropy(input, target, null, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy of {@code sigmoid(input)} computed from logits, like
     * {@code torch.nn.functional.binary_cross_entropy_with_logits}.
     *
     * @param input logits
     * @param target targets of the input's shape, in [0, 1]
     * @param weight a weight broadcast to the input's shape, or null
     * @param posWeight a weight of the positive term per class (the last dim), or null
     * @param reduction how the per-element losses combine
     * @return the loss
     * @throws IllegalArgumentException for other shapes, non-floating dtypes or another device
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                      Reduction reduction) {
        return ElementwiseLosses.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
    }

    /**
     * The mean binary cross-entropy with logits, like
     * {@code torch.nn.functional.binary_cross_entropy_with_logits(input, target)}.
     *
     * @param input logits
     * @param target targets of the input's shape, in [0, 1]
     * @return the loss
     * @throws IllegalArgumentException for other shapes, non-floating dtypes or another device
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return ElementwiseLosses.binaryCrossEntropyWithLogits(input, target, null, null, Reduction.MEAN);
    }

    /**
     * {@code |input - target|}, reduced, like {@code torch.nn.functional.l1_loss}.
     *
     * @param input the prediction
     * @param target the target, broadcast with the input
     * @param reduction how the per-element losses combine
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        return ElementwiseLosses.l1Loss(input, target, reduction);
    }

    /**
     * The mean absolute error, like {@code torch.nn.functional.l1_loss(input, target)}.
     *
     * @param input the prediction
     * @param target the target, broadcast with the input
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor l1Loss(Tensor input, Tensor target) {
        return ElementwiseLosses.l1Loss(input, target, Reduction.MEAN);
    }

    /**
     * Smooth L1: quadratic below {@code beta}, linear above, like {@code torch.nn.functional.smooth_l1_loss}.
     *
     * @param input the prediction
     * @param target the target, broadcast with the input
     * @param reduction how the per-element losses combine
     * @param beta where the loss turns linear, at least 0 (PyTorch's default 1)
     * @return the loss
     * @throws IllegalArgumentException for a negative beta, bad shapes, dtypes or devices
     */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
        return ElementwiseLosses.smoothL1Loss(input, target, reduction, beta);
    }

    /**
     * The mean smooth L1 loss with {@code beta = 1}, like {@code torch.nn.functional.smooth_l1_loss(input, target)}.
     *
     * @param input the prediction
     * @param target the target, broadcast with the input
     * @return the loss
     * @throws IllegalArgumentException for bad shapes, dtypes or devices
     */
    public static Tensor smoothL1Loss(Tensor input, Tensor target) {
        return ElementwiseLosses.smoothL1Loss(input, target, Reduction.MEAN, 1.0);
    }

    /**
     * Huber: quadratic below {@code delta}, then linear with slope {@code delta}, like
     * {@code torch.nn.functional.huber_loss}.
     *
     * @param input the prediction
     * @param target the target, broadcast with the input
     * @param reduction how the per-element losses combine
     * @param delta where the loss turns linear, positive (PyTorch's default 1)
     * @return the loss
     * @throws IllegalArgumentException for a delta that is not positive, bad shapes, dtypes or devices
     */
    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        return ElementwiseLosses.huberLoss(input, target, reduction, delta);
    }

    /**
     * The mean Huber loss with {@code delta = 1}, like {@code torch.nn.functional.huber_loss(input, target)}.
     *
     * @param input the prediction
     * @param target the target, broadcast with the input
     * @return the loss
     * @throws IllegalArgumentException for bad shapes, dtypes or devices
     */
    public static Tensor huberLoss(Tensor input, Tensor target) {
        return ElementwiseLosses.huberLoss(input, target, Reduction.MEAN, 1.0);
    }

    /**
     * Kullback-Leibler divergence of {@code target} from the log-probabilities {@code input}, like
     * {@code torch.nn.functional.kl_div}: {@code target (log target - input)}, or
     * {@code exp(target) (target - input)} with {@code logTarget}.
     *
     * @param input log-probabilities
     * @param target probabilities, or log-probabilities with {@code logTarget}
     * @param reduction how the per-element terms combine (PyTorch's "mean" averages over every element; see
     *                  {@link #klDivBatchmean} for the divergence per sample)
     * @param logTarget whether the target is given as log-probabilities
     * @return the divergence
     * @throws IllegalArgumentException for bad shapes, dtypes or devices
     */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        return ElementwiseLosses.klDiv(input, target, reduction, false, logTarget);
    }

    /**
     * Kullback-Leibler divergence summed and divided by the batch size (the first dim), PyTorch's
     * {@code kl_div(..., reduction="batchmean")}, which matches the divergence's definition.
     *
     * @param input log-probabilities {@code [N, ...]}
     * @param target probabilities, or log-probabilities with {@code logTarget}
     * @param logTarget whether the target is given as log-probabilities
     * @return the divergence per sample
     * @throws IllegalArgumentException for bad shapes, dtypes or devices
     */
    public static Tensor klDivBatchmean(Tensor input, Tensor target, boolean logTarget) {
        return ElementwiseLosses.klDiv(input, target, Reduction.SUM, true, logTarget);
    }
}
