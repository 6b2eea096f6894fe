package dev.autograd4j.nn;

import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.ops.Activations;
import dev.autograd4j.ops.Attention;
import dev.autograd4j.ops.Convolution;
import dev.autograd4j.ops.Dropout;
import dev.autograd4j.ops.ElementwiseLosses;
import dev.autograd4j.ops.Indexing;
import dev.autograd4j.ops.LinearAlgebra;
import dev.autograd4j.ops.Losses;
import dev.autograd4j.ops.Normalization;
import dev.autograd4j.ops.Pointwise;
import dev.autograd4j.ops.Resampling;

/**
 * Neural-network functions, like {@code torch.nn.functional}: layers without state, activations and losses.
 * Each is differentiable; the defaults are PyTorch's.
 */
public final class Functional {
    /** PyTorch's default {@code ignore_index}. */
    public static final long IGNORE_INDEX = -100;

    private Functional() {
    }

    /**
     * {@code x @ weight^T + bias}; {@code bias} may be null.
     *
     * @param x the input, {@code [..., in_features]}
     * @param weight the weight, {@code [out_features, in_features]}
     * @param bias the bias, {@code [out_features]}, or null
     * @return {@code [..., out_features]}, like {@code F.linear(x, weight, bias)}
     * @throws IllegalArgumentException if the shapes, dtypes or devices do not fit
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        return LinearAlgebra.linear(x, weight, bias);
    }

    /**
     * {@code max(x, 0)}, like {@code F.relu}; see {@link Tensor#relu()}.
     *
     * @param x the input
     * @return a new tensor
     */
    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /**
     * {@code x > 0 ? x : negativeSlope * x} (PyTorch's default slope is 0.01).
     *
     * @param x the input
     * @param negativeSlope the slope below zero
     * @return a new floating tensor
     */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Pointwise.leakyRelu(x, negativeSlope);
    }

    /**
     * {@code x > 0 ? x : 0.01 x}, like {@code F.leaky_relu(x)}.
     *
     * @param x the input
     * @return a new floating tensor
     */
    public static Tensor leakyRelu(Tensor x) {
        return leakyRelu(x, 0.01);
    }

    /**
     * Exact GELU, {@code x * Phi(x)}.
     *
     * @param x the input
     * @return a new floating tensor, like {@code F.gelu(x)}
     */
    public static Tensor gelu(Tensor x) {
        return Pointwise.gelu(x, false);
    }

    /**
     * GELU with {@code approximate} "none" (exact) or "tanh".
     *
     * @param x the input
     * @param approximate {@code "none"} or {@code "tanh"}
     * @return a new floating tensor, like {@code F.gelu(x, approximate=...)}
     * @throws IllegalArgumentException if {@code approximate} is neither
     */
    public static Tensor gelu(Tensor x, String approximate) {
        return switch (approximate) {
            case "none" -> Pointwise.gelu(x, false);
            case "tanh" -> Pointwise.gelu(x, true);
            default -> throw new IllegalArgumentException("[gelu] approximate must be 'none' or 'tanh' but got '"
                    + approximate + "'");
        };
    }

    /**
     * {@code log(1 + exp(x))}, linear above 20 (PyTorch's defaults beta 1, threshold 20).
     *
     * @param x the input
     * @return a new floating tensor, like {@code F.softplus(x)}
     */
    public static Tensor softplus(Tensor x) {
        return Pointwise.softplus(x, 1, 20);
    }

    /**
     * {@code log(1 + exp(beta x)) / beta}, linear where {@code beta x > threshold}, like {@code F.softplus(x, beta,
     * threshold)}.
     *
     * @param x the input
     * @param beta the sharpness
     * @param threshold above which the function is taken as linear
     * @return a new floating tensor
     */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        return Pointwise.softplus(x, beta, threshold);
    }

    /**
     * The logistic function, like {@code torch.sigmoid}; see {@link Tensor#sigmoid()}.
     *
     * @param x the input
     * @return a new floating tensor
     */
    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    /**
     * The hyperbolic tangent, like {@code torch.tanh}.
     *
     * @param x the input
     * @return a new floating tensor
     */
    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /**
     * Softmax along {@code dim}, like {@code F.softmax(x, dim)}; see {@link Tensor#softmax(int)}.
     *
     * @param x the input
     * @param dim the dimension whose entries sum to 1
     * @return a new floating tensor
     */
    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    /**
     * Log-softmax along {@code dim}, computed stably, like {@code F.log_softmax(x, dim)}.
     *
     * @param x the input
     * @param dim the dimension to normalise over
     * @return a new floating tensor
     */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    /**
     * Mean cross-entropy of logits {@code [N, C]} against class indices {@code [N]} (or class probabilities).
     *
     * <pre>{@code
     * Tensor logits = model.forward(x);                       // [N, C]
     * Tensor loss = Functional.crossEntropy(logits, labels);  // labels: int64 [N]
     * loss.backward();
     * }</pre>
     * <p>Like {@code F.cross_entropy(input, target)}: {@code log_softmax} then the negative log-likelihood, in one
     * fused kernel where the backend has one. {@code input} may also be {@code [N, C, d1, ...]} with target {@code [N,
     * d1, ...]}, or {@code [C]} with a 0-d target; targets equal to {@link #IGNORE_INDEX} are skipped.
     *
     * @param input the logits, floating
     * @param target int64 class indices, or floating class probabilities of {@code input}'s shape
     * @return the mean loss, a 0-d tensor
     * @throws IllegalArgumentException if the shapes or dtypes do not fit
     * @throws IndexOutOfBoundsException if a class index is out of range
     */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return Losses.crossEntropy(input, target, null, Reduction.MEAN, IGNORE_INDEX);
    }

    /**
     * Cross-entropy with the given reduction, like {@code F.cross_entropy(input, target, reduction=...)}.
     *
     * @param input the logits
     * @param target class indices or class probabilities
     * @param reduction NONE (one loss per sample), MEAN or SUM
     * @return the loss
     * @throws IllegalArgumentException if the shapes or dtypes do not fit
     * @throws IndexOutOfBoundsException if a class index is out of range
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Reduction reduction) {
        return Losses.crossEntropy(input, target, null, reduction, IGNORE_INDEX);
    }

    /**
     * Cross-entropy with class {@code weight} (may be null) and targets equal to {@code ignoreIndex} skipped.
     *
     * <p>Like {@code F.cross_entropy(input, target, weight, ignore_index=..., reduction=...)}: the mean divides by the
     * sum of the weights of the targets that are not ignored.
     *
     * @param input the logits
     * @param target class indices or class probabilities
     * @param weight a {@code [C]} weight per class, or null
     * @param reduction NONE, MEAN or SUM
     * @param ignoreIndex the target value that contributes nothing
     * @return the loss
     * @throws IllegalArgumentException if the shapes or dtypes do not fit
     * @throws IndexOutOfBoundsException if a class index other than {@code ignoreIndex} is out of range
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex) {
        return Losses.crossEntropy(input, target, weight, reduction, ignoreIndex);
    }

    /**
     * Cross-entropy against a target smoothed by {@code labelSmoothing} in [0, 1] (PyTorch's {@code label_smoothing}):
     * the true class keeps {@code 1 - labelSmoothing} of the mass and every class gets {@code labelSmoothing / C}.
     *
     * @param input the logits
     * @param target class indices or class probabilities
     * @param weight a {@code [C]} weight per class, or null
     * @param reduction NONE, MEAN or SUM
     * @param ignoreIndex the target value that contributes nothing
     * @param labelSmoothing the smoothing, in {@code [0, 1]}
     * @return the loss, like {@code F.cross_entropy(..., label_smoothing=...)}
     * @throws IllegalArgumentException if {@code labelSmoothing} is outside {@code [0, 1]} or the shapes or dtypes do
     *     not fit
     * @throws IndexOutOfBoundsException if a class index is out of range
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex,
                                      double labelSmoothing) {
        return Losses.crossEntropy(input, target, weight, reduction, ignoreIndex, labelSmoothing);
    }

    /**
     * Mean negative log-likelihood of log-probabilities {@code [N, C]} at class indices {@code [N]}.
     *
     * <p>Like {@code F.nll_loss(input, target)}: {@code -input[n, target[n]]} averaged; targets equal to {@link
     * #IGNORE_INDEX} are skipped.
     *
     * @param input log-probabilities, floating
     * @param target int64 class indices
     * @return the mean loss, a 0-d tensor
     * @throws IllegalArgumentException if the shapes or dtypes do not fit
     * @throws IndexOutOfBoundsException if a class index is out of range
     */
    public static Tensor nllLoss(Tensor input, Tensor target) {
        return Losses.nllLoss(input, target, null, Reduction.MEAN, IGNORE_INDEX);
    }

    /**
     * The negative log-likelihood with the given reduction, like {@code F.nll_loss(input, target, reduction=...)}.
     *
     * @param input log-probabilities
     * @param target int64 class indices
     * @param reduction NONE, MEAN or SUM
     * @return the loss
     * @throws IllegalArgumentException if the shapes or dtypes do not fit
     * @throws IndexOutOfBoundsException if a class index is out of range
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Reduction reduction) {
        return Losses.nllLoss(input, target, null, reduction, IGNORE_INDEX);
    }

    /**
     * The negative log-likelihood with class weights and an ignored index, like {@code F.nll_loss(input, target,
     * weight, ignore_index=..., reduction=...)}; the mean divides by the sum of the weights used.
     *
     * @param input log-probabilities
     * @param target int64 class indices
     * @param weight a {@code [C]} weight per class, or null
     * @param reduction NONE, MEAN or SUM
     * @param ignoreIndex the target value that contributes nothing
     * @return the loss
     * @throws IllegalArgumentException if the shapes or dtypes do not fit
     * @throws IndexOutOfBoundsException if a class index other than {@code ignoreIndex} is out of range
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex) {
        return Losses.nllLoss(input, target, weight, reduction, ignoreIndex);
    }

    /**
     * The mean squared error {@code mean((input - target)^2)}, like {@code F.mse_loss(input, target)}; the operands
     * broadcast.
     *
     * @param input the prediction
     * @param target the target
     * @return a 0-d tensor
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return Losses.mseLoss(input, target, Reduction.MEAN);
    }

    /**
     * The squared error {@code (input - target)^2} with the given reduction, like {@code F.mse_loss(input, target,
     * reduction=...)}.
     *
     * @param input the prediction
     * @param target the target
     * @param reduction NONE, MEAN or SUM
     * @return the loss
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        return Losses.mseLoss(input, target, reduction);
    }

    /**
     * Rows of {@code weight} picked by {@code indices}.
     *
     * <p>Like {@code F.embedding(indices, weight)}: the result has shape {@code indices.shape + [D]}, and the gradient
     * is added back into the picked rows.
     *
     * @param indices int64 or int32 row numbers, any shape
     * @param weight the {@code [V, D]} table
     * @return a new tensor
     * @throws IllegalArgumentException if {@code weight} is not 2-D or {@code indices} is not an integer tensor
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, V)}
     */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        return Indexing.embedding(indices, weight, -1);
    }

    /**
     * Rows of {@code weight} picked by {@code indices}; the row {@code paddingIdx} gets no gradient.
     *
     * @param indices int64 or int32 row numbers, any shape
     * @param weight the {@code [V, D]} table
     * @param paddingIdx the row that gets no gradient; negative counts from the end
     * @return a new tensor, like {@code F.embedding(indices, weight, padding_idx)}
     * @throws IllegalArgumentException if {@code weight} is not 2-D or {@code indices} is not an integer tensor
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, V)}
     */
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
     * "reflect" mirrors without repeating the edge, "replicate" repeats the edge and "circular" wraps around (those
     * three pad the last 1, 2 or 3 dims of a tensor with one or two more dims, as in PyTorch, and take {@code value}
     * as unused).
     *
     * @param x the input
     * @param pad (before, after) pairs starting from the last dim
     * @param mode "constant", "reflect", "replicate" or "circular"
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

    /**
     * Layer normalization over the trailing {@code normalizedShape} dims ({@code weight}/{@code bias} may be null).
     *
     * <p>Like {@code F.layer_norm(x, normalized_shape, weight, bias, eps)}: {@code (x - mean) / sqrt(var + eps) *
     * weight + bias}, the mean and the biased variance taken over the trailing dimensions.
     *
     * @param x the input, floating
     * @param normalizedShape the trailing shape to normalise over
     * @param weight the scale, of {@code normalizedShape}, or null
     * @param bias the shift, of {@code normalizedShape}, or null
     * @param eps added to the variance
     * @return a new tensor of {@code x}'s shape
     * @throws IllegalArgumentException if {@code x} does not end with {@code normalizedShape}, is not floating, or
     *     {@code weight}/{@code bias} have another shape
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Normalization.layerNorm(x, normalizedShape, weight, bias, eps);
    }

    /**
     * Layer normalisation with PyTorch's {@code eps = 1e-5}.
     *
     * @param x the input, floating
     * @param normalizedShape the trailing shape to normalise over
     * @param weight the scale, or null
     * @param bias the shift, or null
     * @return a new tensor of {@code x}'s shape
     * @throws IllegalArgumentException if the shapes or dtype do not fit
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias) {
        return Normalization.layerNorm(x, normalizedShape, weight, bias, 1e-5);
    }

    /**
     * Dropout with probability {@code p} when {@code training}, drawing from {@code generator}.
     *
     * <p>Like {@code F.dropout(x, p, training)}: each element is zeroed where a uniform draw is below {@code p}, and
     * the rest are scaled by {@code 1 / (1 - p)}, so the expectation is unchanged; outside training, {@code x} itself
     * is returned.
     *
     * @param x the input, floating
     * @param p the probability of zeroing, in {@code [0, 1]}
     * @param training whether to drop (false returns {@code x})
     * @param generator the source of the mask
     * @return a new tensor, or {@code x}
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]} or {@code x} is not floating
     */
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
     * {@code min(max(x, 0), 6)}, like {@code torch.nn.functional.relu6}: hardtanh with bounds 0 and 6 (node
     * HardtanhBackward0); integer tensors stay integral.
     *
     * @param x the input
     * @return a new tensor
     */
    public static Tensor relu6(Tensor x) {
        return Activations.hardtanh(x, 0, 6);
    }

    /**
     * {@code relu6(x + 3) / 6}, like {@code torch.nn.functional.hardsigmoid} (node HardsigmoidBackward0).
     *
     * @param x the input
     * @return a new floating tensor
     */
    public static Tensor hardsigmoid(Tensor x) {
        return Activations.hardsigmoid(x);
    }

    /**
     * {@code x relu6(x + 3) / 6}, like {@code torch.nn.functional.hardswish} (node HardswishBackward0).
     *
     * @param x the input
     * @return a new floating tensor
     */
    public static Tensor hardswish(Tensor x) {
        return Activations.hardswish(x);
    }

    /**
     * {@code scale (x > 0 ? x : alpha (e^x - 1))} with PyTorch's constants, like
     * {@code torch.nn.functional.selu} (node EluBackward0).
     *
     * @param x the input
     * @return a new floating tensor
     */
    public static Tensor selu(Tensor x) {
        return Activations.selu(x);
    }

    /**
     * {@code x > 0 ? x : alpha (e^(x/alpha) - 1)}, like {@code torch.nn.functional.celu} (node CeluBackward0).
     *
     * @param x the input
     * @param alpha the negative saturation value (PyTorch's default 1); not 0
     * @return a new floating tensor
     * @throws IllegalArgumentException for alpha 0
     */
    public static Tensor celu(Tensor x, double alpha) {
        return Activations.celu(x, alpha);
    }

    /**
     * {@code celu(x, 1.0)}, like {@code torch.nn.functional.celu(x)}.
     *
     * @param x the input
     * @return a new floating tensor
     */
    public static Tensor celu(Tensor x) {
        return Activations.celu(x, 1.0);
    }

    /**
     * {@code x / (1 + |x|)}, like {@code torch.nn.functional.softsign}.
     *
     * @param x the input
     * @return a new floating tensor
     */
    public static Tensor softsign(Tensor x) {
        return x.div(x.abs().add(1.0));
    }

    /**
     * {@code x - tanh(x)}, like {@code torch.nn.functional.tanhshrink}.
     *
     * @param x the input
     * @return a new floating tensor
     */
    public static Tensor tanhshrink(Tensor x) {
        return x.sub(x.tanh());
    }

    /**
     * {@code softmax(-x)} along {@code dim}, like {@code torch.nn.functional.softmin}.
     *
     * @param x the input
     * @param dim the dimension that sums to 1
     * @return a new floating tensor
     */
    public static Tensor softmin(Tensor x, int dim) {
        return x.neg().softmax(dim);
    }

    /**
     * {@code x > threshold ? x : value}, like {@code torch.nn.functional.threshold} (node ThresholdBackward0);
     * integer tensors stay integral.
     *
     * @param x the input
     * @param threshold the threshold
     * @param value the value at or below it
     * @return a new tensor
     */
    public static Tensor threshold(Tensor x, double threshold, double value) {
        return Activations.threshold(x, threshold, value);
    }

    /**
     * {@code |x| > lambd ? x : 0}, like {@code torch.nn.functional.hardshrink} (node HardshrinkBackward0).
     *
     * @param x the input
     * @param lambd the half-width of the zeroed band (PyTorch's default 0.5)
     * @return a new floating tensor
     */
    public static Tensor hardshrink(Tensor x, double lambd) {
        return Activations.hardshrink(x, lambd);
    }

    /**
     * Shrinks toward 0 by {@code lambd}, zero inside {@code [-lambd, lambd]}, like
     * {@code torch.nn.functional.softshrink} (node SoftshrinkBackward0).
     *
     * @param x the input
     * @param lambd the shrinkage, not negative (PyTorch's default 0.5)
     * @return a new floating tensor
     * @throws IllegalArgumentException for a negative lambd
     */
    public static Tensor softshrink(Tensor x, double lambd) {
        return Activations.softshrink(x, lambd);
    }

    /**
     * The gated linear unit {@code a * sigmoid(b)} of the two halves of {@code dim}, like
     * {@code torch.nn.functional.glu} (node GluBackward0).
     *
     * @param x the input, of an even size along dim
     * @param dim the dimension to halve (PyTorch's default -1)
     * @return a new floating tensor, half as long along dim
     * @throws IllegalArgumentException for an odd size along dim or a 0-d input
     */
    public static Tensor glu(Tensor x, int dim) {
        return Activations.glu(x, dim);
    }

    /**
     * {@code x > 0 ? x : weight * x} with one learnable slope or one per channel (dim 1), like
     * {@code torch.nn.functional.prelu} (node PreluBackward0).
     *
     * @param x the input
     * @param weight one slope, or one per channel
     * @return a new floating tensor
     * @throws IllegalArgumentException for a weight count that is neither 1 nor the channel count, or another
     *         dtype
     */
    public static Tensor prelu(Tensor x, Tensor weight) {
        return Activations.prelu(x, weight);
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
     * @throws IllegalArgumentException for other shapes, non-floating dtypes or another device, or an input element
     *     outside [0, 1] or NaN (an asynchronous device reports that one at its next synchronisation, as an
     *     {@link IndexOutOfBoundsException})
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
     * @throws IllegalArgumentException for other shapes, non-floating dtypes or another device, or an input element
     *     outside [0, 1] or NaN (as in {@link #binaryCrossEntropy(Tensor, Tensor, Tensor, Reduction)})
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
     * {@code max(0, -y (x1 - x2) + margin)}, reduced, like {@code torch.nn.functional.margin_ranking_loss}.
     *
     * @param x1 the first scores
     * @param x2 the second scores
     * @param y 1 where x1 should rank higher, -1 where x2 should
     * @param margin the margin (PyTorch's default 0)
     * @param reduction how the per-element losses combine
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor marginRankingLoss(Tensor x1, Tensor x2, Tensor y, double margin, Reduction reduction) {
        return ElementwiseLosses.marginRankingLoss(x1, x2, y, margin, reduction);
    }

    /**
     * {@code marginRankingLoss(x1, x2, y, 0, MEAN)}, like {@code F.margin_ranking_loss(x1, x2, y)}.
     *
     * @param x1 the first scores
     * @param x2 the second scores
     * @param y 1 or -1 per pair
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor marginRankingLoss(Tensor x1, Tensor x2, Tensor y) {
        return ElementwiseLosses.marginRankingLoss(x1, x2, y, 0, Reduction.MEAN);
    }

    /**
     * {@code x} where {@code y = 1}, {@code max(0, margin - x)} where {@code y = -1}, reduced, like
     * {@code torch.nn.functional.hinge_embedding_loss}.
     *
     * @param x the distances
     * @param y 1 (similar) or -1 (dissimilar)
     * @param margin the margin (PyTorch's default 1)
     * @param reduction how the per-element losses combine
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor hingeEmbeddingLoss(Tensor x, Tensor y, double margin, Reduction reduction) {
        return ElementwiseLosses.hingeEmbeddingLoss(x, y, margin, reduction);
    }

    /**
     * {@code hingeEmbeddingLoss(x, y, 1, MEAN)}, like {@code F.hinge_embedding_loss(x, y)}.
     *
     * @param x the distances
     * @param y 1 or -1
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor hingeEmbeddingLoss(Tensor x, Tensor y) {
        return ElementwiseLosses.hingeEmbeddingLoss(x, y, 1, Reduction.MEAN);
    }

    /**
     * {@code log(1 + exp(-y x))}, reduced, like {@code torch.nn.functional.soft_margin_loss}.
     *
     * @param x the scores
     * @param y 1 or -1
     * @param reduction how the per-element losses combine
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor softMarginLoss(Tensor x, Tensor y, Reduction reduction) {
        return ElementwiseLosses.softMarginLoss(x, y, reduction);
    }

    /**
     * The mean soft-margin loss, like {@code F.soft_margin_loss(x, y)}.
     *
     * @param x the scores
     * @param y 1 or -1
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor softMarginLoss(Tensor x, Tensor y) {
        return ElementwiseLosses.softMarginLoss(x, y, Reduction.MEAN);
    }

    /**
     * {@code 1 - cos(x1, x2)} where {@code y = 1}, {@code max(0, cos - margin)} where {@code y = -1}, over the last dim,
     * reduced, like {@code torch.nn.functional.cosine_embedding_loss}.
     *
     * @param x1 1-D or 2-D embeddings
     * @param x2 embeddings of x1's shape
     * @param y 1 or -1 per row (0-d for 1-D inputs)
     * @param margin the margin (PyTorch's default 0)
     * @param reduction how the per-element losses combine
     * @return the loss
     * @throws IllegalArgumentException for other ranks or shapes, non-floating dtypes or another device
     */
    public static Tensor cosineEmbeddingLoss(Tensor x1, Tensor x2, Tensor y, double margin, Reduction reduction) {
        return ElementwiseLosses.cosineEmbeddingLoss(x1, x2, y, margin, reduction);
    }

    /**
     * {@code cosineEmbeddingLoss(x1, x2, y, 0, MEAN)}, like {@code F.cosine_embedding_loss(x1, x2, y)}.
     *
     * @param x1 1-D or 2-D embeddings
     * @param x2 embeddings of x1's shape
     * @param y 1 or -1 per row
     * @return the loss
     * @throws IllegalArgumentException for other ranks or shapes, non-floating dtypes or another device
     */
    public static Tensor cosineEmbeddingLoss(Tensor x1, Tensor x2, Tensor y) {
        return ElementwiseLosses.cosineEmbeddingLoss(x1, x2, y, 0, Reduction.MEAN);
    }

    /**
     * {@code max(0, margin + d(a, p) - d(a, n))} with the pairwise distance {@code ||x1 - x2 + eps||_p}, reduced,
     * like {@code torch.nn.functional.triplet_margin_loss}; {@code swap} uses the smaller of {@code d(a, n)} and
     * {@code d(p, n)}.
     *
     * @param anchor the anchors, one per row
     * @param positive embeddings like the anchors
     * @param negative embeddings unlike the anchors
     * @param margin the margin (PyTorch's default 1)
     * @param p the distance's norm order (default 2)
     * @param eps added to the differences (default 1e-6)
     * @param swap the distance swap of Balntas et al. (default false)
     * @param reduction how the per-element losses combine
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative, double margin, double p, double eps,
                                           boolean swap, Reduction reduction) {
        return ElementwiseLosses.tripletMarginLoss(anchor, positive, negative, margin, p, eps, swap, reduction);
    }

    /**
     * The triplet margin loss with PyTorch's defaults (margin 1, p 2, eps 1e-6, no swap, mean), like
     * {@code F.triplet_margin_loss(a, p, n)}.
     *
     * @param anchor the anchors, one per row
     * @param positive embeddings like the anchors
     * @param negative embeddings unlike the anchors
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative) {
        return ElementwiseLosses.tripletMarginLoss(anchor, positive, negative, 1, 2, 1e-6, false, Reduction.MEAN);
    }

    /**
     * The Poisson negative log likelihood, reduced, like {@code torch.nn.functional.poisson_nll_loss}:
     * {@code exp(x) - t x} for a log-rate input, else {@code x - t log(x + eps)}; {@code full} adds Stirling's term
     * where {@code t > 1}.
     *
     * @param input the rates, or their logs
     * @param target the counts
     * @param logInput whether input holds log-rates (PyTorch's default true)
     * @param full add Stirling's approximation of log(t!) (default false)
     * @param eps keeps log away from 0 when the input holds rates (default 1e-8)
     * @param reduction how the per-element losses combine
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor poissonNllLoss(Tensor input, Tensor target, boolean logInput, boolean full, double eps,
                                        Reduction reduction) {
        return ElementwiseLosses.poissonNllLoss(input, target, logInput, full, eps, reduction);
    }

    /**
     * The mean Poisson negative log likelihood of log-rates, like {@code F.poisson_nll_loss(input, target)}.
     *
     * @param input the log-rates
     * @param target the counts
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor poissonNllLoss(Tensor input, Tensor target) {
        return ElementwiseLosses.poissonNllLoss(input, target, true, false, 1e-8, Reduction.MEAN);
    }

    /**
     * The Gaussian negative log likelihood {@code (log(var) + (x - t)^2 / var) / 2}, reduced, like
     * {@code torch.nn.functional.gaussian_nll_loss}: var is clamped below at eps for the value only, as PyTorch does.
     *
     * @param input the means
     * @param target the samples
     * @param var the variances: the input's shape, or without its last dim, or with 1 there
     * @param full add log(2 pi) / 2 (default false)
     * @param eps the variances' floor (default 1e-6)
     * @param reduction how the per-element losses combine
     * @return the loss
     * @throws IllegalArgumentException for a var of another size or with a negative entry, or for non-floating dtypes
     */
    public static Tensor gaussianNllLoss(Tensor input, Tensor target, Tensor var, boolean full, double eps,
                                         Reduction reduction) {
        return ElementwiseLosses.gaussianNllLoss(input, target, var, full, eps, reduction);
    }

    /**
     * The mean Gaussian negative log likelihood with PyTorch's defaults, like
     * {@code F.gaussian_nll_loss(input, target, var)}.
     *
     * @param input the means
     * @param target the samples
     * @param var the variances
     * @return the loss
     * @throws IllegalArgumentException for a var of another size or with a negative entry, or for non-floating dtypes
     */
    public static Tensor gaussianNllLoss(Tensor input, Tensor target, Tensor var) {
        return ElementwiseLosses.gaussianNllLoss(input, target, var, false, 1e-6, Reduction.MEAN);
    }

    /**
     * The multi-label one-versus-all loss, averaged over the classes (the last dim) and reduced, like
     * {@code torch.nn.functional.multilabel_soft_margin_loss}.
     *
     * @param input the logits, classes last
     * @param target 0 or 1 per class
     * @param weight per-class weights, or null
     * @param reduction how the per-element losses combine
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor multilabelSoftMarginLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        return ElementwiseLosses.multilabelSoftMarginLoss(input, target, weight, reduction);
    }

    /**
     * The mean multi-label soft-margin loss, like {@code F.multilabel_soft_margin_loss(input, target)}.
     *
     * @param input the logits, classes last
     * @param target 0 or 1 per class
     * @return the loss
     * @throws IllegalArgumentException for shapes that do not broadcast, non-floating dtypes or another device
     */
    public static Tensor multilabelSoftMarginLoss(Tensor input, Tensor target) {
        return ElementwiseLosses.multilabelSoftMarginLoss(input, target, null, Reduction.MEAN);
    }

    /**
     * The 1-D max pool with stride equal to the kernel, like {@code torch.nn.functional.max_pool1d(x, k)}.
     *
     * @param x the input, [C, L] or [N, C, L]
     * @param kernelSize the window length
     * @return a new tensor
     * @throws IllegalArgumentException for another rank, a bad size or factor, or a closed tensor
     */
    public static Tensor maxPool1d(Tensor x, int kernelSize) {
        return Resampling.maxPool1d(x, kernelSize, kernelSize, 0, 1, false);
    }

    /**
     * The 1-D max pool, like {@code torch.nn.functional.max_pool1d} (the 2-D pool over a height of 1).
     *
     * @param x the input, [C, L] or [N, C, L]
     * @param kernelSize the window length
     * @param stride the step
     * @param padding implicit -inf padding on both sides, at most half the kernel
     * @param dilation the spacing of the window's elements
     * @param ceilMode round the output length up
     * @return a new tensor
     * @throws IllegalArgumentException for another rank, a bad size or factor, or a closed tensor
     */
    public static Tensor maxPool1d(Tensor x, int kernelSize, int stride, int padding, int dilation, boolean ceilMode) {
        return Resampling.maxPool1d(x, kernelSize, stride, padding, dilation, ceilMode);
    }

    /**
     * The 1-D average pool with stride equal to the kernel, like {@code torch.nn.functional.avg_pool1d(x, k)}.
     *
     * @param x the input, [C, L] or [N, C, L]
     * @param kernelSize the window length
     * @return a new tensor
     * @throws IllegalArgumentException for another rank, a bad size or factor, or a closed tensor
     */
    public static Tensor avgPool1d(Tensor x, int kernelSize) {
        return Resampling.avgPool1d(x, kernelSize, kernelSize, 0, false, true);
    }

    /**
     * The 1-D average pool, like {@code torch.nn.functional.avg_pool1d} (the 2-D pool over a height of 1).
     *
     * @param x the input, [C, L] or [N, C, L]
     * @param kernelSize the window length
     * @param stride the step
     * @param padding implicit zero padding on both sides, at most half the kernel
     * @param ceilMode round the output length up
     * @param countIncludePad count the padding in each average
     * @return a new tensor
     * @throws IllegalArgumentException for another rank, a bad size or factor, or a closed tensor
     */
    public static Tensor avgPool1d(Tensor x, int kernelSize, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        return Resampling.avgPool1d(x, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    /**
     * Resizes the spatial dims to {@code size}, like {@code torch.nn.functional.interpolate(x, size=size, mode=mode)}:
     * mode "nearest" (PyTorch's default), "linear" (3-D), "bilinear" or "bicubic" (4-D), without align_corners.
     *
     * @param x [N, C, L] or [N, C, H, W]
     * @param size the output length, or height and width
     * @param mode "nearest", "linear", "bilinear" or "bicubic"
     * @return a resized tensor
     * @throws IllegalArgumentException for another rank, mode or a non-positive size
     */
    public static Tensor interpolate(Tensor x, int[] size, String mode) {
        return Resampling.interpolate(x, size, null, mode, false);
    }

    /**
     * Resizes the spatial dims by {@code scaleFactor} (each output size {@code floor(in * factor)}), like
     * {@code torch.nn.functional.interpolate(x, scale_factor=f, mode=mode)}: "nearest", "linear", "bilinear" or
     * "bicubic".
     *
     * @param x [N, C, L] or [N, C, H, W]
     * @param scaleFactor one factor per spatial dim
     * @param mode "nearest", "linear", "bilinear" or "bicubic"
     * @return a resized tensor
     * @throws IllegalArgumentException for another rank, mode or a non-positive factor
     */
    public static Tensor interpolate(Tensor x, double[] scaleFactor, String mode) {
        return Resampling.interpolate(x, null, scaleFactor, mode, false);
    }

    /**
     * Resizes the spatial dims to {@code size} with the linear modes' {@code align_corners}, like
     * {@code torch.nn.functional.interpolate(x, size=size, mode=mode, align_corners=alignCorners)}.
     *
     * @param x [N, C, L] for "linear", [N, C, H, W] for "bilinear" and "bicubic"
     * @param size the output length, or height and width
     * @param mode "linear", "bilinear" or "bicubic" (or "nearest" with alignCorners false)
     * @param alignCorners map the corner pixels' centres onto each other
     * @return a resized tensor
     * @throws IllegalArgumentException for another rank or mode, a non-positive size, or alignCorners with nearest
     */
    public static Tensor interpolate(Tensor x, int[] size, String mode, boolean alignCorners) {
        return Resampling.interpolate(x, size, null, mode, alignCorners);
    }

    /**
     * Rearranges {@code [*, C r^2, H, W]} into {@code [*, C, H r, W r]}, like {@code torch.nn.functional.pixel_shuffle}.
     *
     * @param x at least 3 dims, channels divisible by r^2
     * @param upscaleFactor r
     * @return a new tensor
     * @throws IllegalArgumentException for fewer dims or channels not divisible by r^2
     */
    public static Tensor pixelShuffle(Tensor x, int upscaleFactor) {
        return Resampling.pixelShuffle(x, upscaleFactor);
    }

    /**
     * Rearranges {@code [*, C, H r, W r]} into {@code [*, C r^2, H, W]}, like
     * {@code torch.nn.functional.pixel_unshuffle} (pixel_shuffle's inverse).
     *
     * @param x at least 3 dims, height and width divisible by r
     * @param downscaleFactor r
     * @return a new tensor
     * @throws IllegalArgumentException for fewer dims or sizes not divisible by r
     */
    public static Tensor pixelUnshuffle(Tensor x, int downscaleFactor) {
        return Resampling.pixelUnshuffle(x, downscaleFactor);
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

    // ------------------------------------------------------------------------------------------------------------
    // Convolution, pooling, normalization, norms and attention (ops.Convolution, ops.Normalization, ops.Attention)
    // ------------------------------------------------------------------------------------------------------------

    /**
     * 2-D convolution with stride 1, no padding, dilation 1 and one group, as {@code F.conv2d(x, weight, bias)}.
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param weight {@code [Cout, C, kH, kW]}
     * @param bias {@code [Cout]} or null
     * @return {@code [N, Cout, H - kH + 1, W - kW + 1]}
     * @throws IllegalArgumentException for bad ranks, shapes, dtypes or devices
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias) {
        return Convolution.conv2d(x, weight, bias, new int[] {1}, new int[] {0}, new int[] {1}, 1);
    }

    /**
     * 2-D convolution (cross-correlation), as {@code F.conv2d}; see {@link Convolution#conv2d} for the formula.
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param weight {@code [Cout, C / groups, kH, kW]}
     * @param bias {@code [Cout]} or null
     * @param stride {@code {s}} or {@code {sH, sW}}
     * @param padding {@code {p}} or {@code {pH, pW}} zeros on both sides
     * @param dilation {@code {d}} or {@code {dH, dW}}
     * @param groups the number of channel groups
     * @return {@code [N, Cout, Ho, Wo]}
     * @throws IllegalArgumentException for bad ranks, shapes, strides, paddings, dilations, groups, dtypes or devices
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        return Convolution.conv2d(x, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * 2-D convolution with padding by name, as {@code F.conv2d(x, weight, bias, stride, padding="same")} or
     * {@code padding="valid"}; see {@link Convolution#conv2d(Tensor, Tensor, Tensor, int[], String, int[], int)}.
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param weight {@code [Cout, C / groups, kH, kW]}
     * @param bias {@code [Cout]} or null
     * @param stride {@code {s}} or {@code {sH, sW}}; 1 for "same"
     * @param padding "same" (the output keeps the input's size; an extra zero goes right or bottom) or "valid" (none)
     * @param dilation {@code {d}} or {@code {dH, dW}}
     * @param groups the number of channel groups
     * @return {@code [N, Cout, Ho, Wo]}
     * @throws IllegalArgumentException for another padding string, "same" with a stride, or bad shapes, dilations,
     *     groups, dtypes or devices
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation,
                                int groups) {
        return Convolution.conv2d(x, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * 1-D convolution with stride 1, no padding, dilation 1 and one group, as {@code F.conv1d(x, weight, bias)}.
     *
     * @param x {@code [N, C, L]} or {@code [C, L]}
     * @param weight {@code [Cout, C, k]}
     * @param bias {@code [Cout]} or null
     * @return {@code [N, Cout, L - k + 1]}
     * @throws IllegalArgumentException for bad ranks, shapes, dtypes or devices
     */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias) {
        return Convolution.conv1d(x, weight, bias, 1, 0, 1, 1);
    }

    /**
     * 1-D convolution (cross-correlation), as {@code F.conv1d}.
     *
     * @param x {@code [N, C, L]} or {@code [C, L]}
     * @param weight {@code [Cout, C / groups, k]}
     * @param bias {@code [Cout]} or null
     * @param stride the stride
     * @param padding zeros on both sides
     * @param dilation the spacing of the kernel's taps
     * @param groups the number of channel groups
     * @return {@code [N, Cout, Lo]}
     * @throws IllegalArgumentException for bad ranks, shapes, strides, paddings, dilations, groups, dtypes or devices
     */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation,
                                int groups) {
        return Convolution.conv1d(x, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * 1-D convolution with padding by name, as {@code F.conv1d(x, weight, bias, stride, padding="same")} or
     * {@code padding="valid"}; see {@link Convolution#conv1d(Tensor, Tensor, Tensor, int, String, int, int)}.
     *
     * @param x {@code [N, C, L]} or {@code [C, L]}
     * @param weight {@code [Cout, C / groups, k]}
     * @param bias {@code [Cout]} or null
     * @param stride the stride; 1 for "same"
     * @param padding "same" (the output keeps the input's length; an extra zero goes right) or "valid" (none)
     * @param dilation the spacing of the kernel's taps
     * @param groups the number of channel groups
     * @return {@code [N, Cout, Lo]}
     * @throws IllegalArgumentException for another padding string, "same" with a stride, or bad shapes, dilations,
     *     groups, dtypes or devices
     */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, String padding, int dilation,
                                int groups) {
        return Convolution.conv1d(x, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * 2-D max pooling over {@code kernelSize x kernelSize} windows with stride {@code kernelSize}, as
     * {@code F.max_pool2d(x, k)}.
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param kernelSize the window's side
     * @return the maxima
     * @throws IllegalArgumentException for a bad rank, size or dtype
     */
    public static Tensor maxPool2d(Tensor x, int kernelSize) {
        return Convolution.maxPool2d(x, new int[] {kernelSize}, null, new int[] {0}, new int[] {1}, false);
    }

    /**
     * 2-D max pooling, as {@code F.max_pool2d}; see {@link Convolution#maxPool2d}.
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param kernelSize {@code {k}} or {@code {kH, kW}}
     * @param stride {@code {s}} or {@code {sH, sW}}; null or empty: the kernel size
     * @param padding {@code -inf} on both sides, at most half the kernel
     * @param dilation the spacing of the window's taps
     * @param ceilMode round the output size up
     * @return the maxima
     * @throws IllegalArgumentException for a bad rank, size, stride, padding or dtype
     */
    public static Tensor maxPool2d(Tensor x, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
                                   boolean ceilMode) {
        return Convolution.maxPool2d(x, kernelSize, stride, padding, dilation, ceilMode);
    }

    /**
     * 2-D max pooling with the flat indices of the maxima in each {@code H x W} plane, as
     * {@code F.max_pool2d(..., return_indices=True)}.
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param kernelSize {@code {k}} or {@code {kH, kW}}
     * @param stride {@code {s}} or {@code {sH, sW}}; null or empty: the kernel size
     * @param padding {@code -inf} on both sides, at most half the kernel
     * @param dilation the spacing of the window's taps
     * @param ceilMode round the output size up
     * @return the maxima and their int64 indices
     * @throws IllegalArgumentException for a bad rank, size, stride, padding or dtype
     */
    public static Tensor.ValuesIndices maxPool2dWithIndices(Tensor x, int[] kernelSize, int[] stride, int[] padding,
                                                            int[] dilation, boolean ceilMode) {
        return Convolution.maxPool2dWithIndices(x, kernelSize, stride, padding, dilation, ceilMode);
    }

    /**
     * 2-D average pooling over {@code kernelSize x kernelSize} windows with stride {@code kernelSize}, as
     * {@code F.avg_pool2d(x, k)}.
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param kernelSize the window's side
     * @return the means
     * @throws IllegalArgumentException for a bad rank, size or dtype
     */
    public static Tensor avgPool2d(Tensor x, int kernelSize) {
        return Convolution.avgPool2d(x, new int[] {kernelSize}, null, new int[] {0}, false, true);
    }

    /**
     * 2-D average pooling, as {@code F.avg_pool2d}; see {@link Convolution#avgPool2d}.
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param kernelSize {@code {k}} or {@code {kH, kW}}
     * @param stride {@code {s}} or {@code {sH, sW}}; null or empty: the kernel size
     * @param padding zeros on both sides, at most half the kernel
     * @param ceilMode round the output size up
     * @param countIncludePad whether the padding counts in the divisor
     * @return the means
     * @throws IllegalArgumentException for a bad rank, size, stride, padding or dtype
     */
    public static Tensor avgPool2d(Tensor x, int[] kernelSize, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad) {
        return Convolution.avgPool2d(x, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    /**
     * 2-D adaptive average pooling to {@code outputSize}, as {@code F.adaptive_avg_pool2d}.
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param outputSize {@code s} or {@code Ho, Wo}
     * @return {@code [N, C, Ho, Wo]}
     * @throws IllegalArgumentException for a bad rank, size or dtype
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int... outputSize) {
        return Convolution.adaptiveAvgPool2d(x, outputSize);
    }

    /**
     * Batch normalization, as {@code F.batch_norm}; see {@link Normalization#batchNorm}.
     *
     * @param x {@code [N, C, *]}
     * @param runningMean {@code [C]} or null, updated in place when training
     * @param runningVar {@code [C]} or null, updated in place when training
     * @param weight {@code [C]} or null
     * @param bias {@code [C]} or null
     * @param training use the batch's statistics (and update the running ones)
     * @param momentum the running statistics' update factor (PyTorch's default 0.1)
     * @param eps added to the variance (PyTorch's default 1e-5)
     * @return the normalised input
     * @throws IllegalArgumentException for bad ranks, shapes, dtypes or devices
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return Normalization.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /**
     * Instance normalisation without running statistics, like {@code torch.nn.functional.instance_norm(x, weight=w,
     * bias=b, eps=eps)}: each (sample, channel) normalised over its spatial elements.
     *
     * @param x {@code [N, C, *]} with more than one spatial element, floating
     * @param weight per-channel scale, or null
     * @param bias per-channel shift, or null
     * @param eps added to the variance (PyTorch's default 1e-5)
     * @return the normalised input
     * @throws IllegalArgumentException for one spatial element or fewer, or bad weight or bias shapes or dtypes
     */
    public static Tensor instanceNorm(Tensor x, Tensor weight, Tensor bias, double eps) {
        return Normalization.instanceNorm(x, weight, bias, eps);
    }

    /**
     * Instance normalisation with running statistics, like {@code torch.nn.functional.instance_norm(x, running_mean,
     * running_var, weight, bias, use_input_stats, momentum, eps)}: with {@code useInputStats} each (sample, channel)
     * is normalised over its spatial elements and the running statistics move towards the batch's mean of them
     * ({@code r = (1 - momentum) r + momentum * mean_n s_n}, unbiased variances); without, every instance is
     * normalised with the running statistics.
     *
     * @param x {@code [N, C, *]}, floating; more than one spatial element when {@code useInputStats}
     * @param runningMean {@code [C]}, updated in place when {@code useInputStats}; or null (then runningVar too)
     * @param runningVar {@code [C]}, likewise
     * @param weight per-channel scale, or null
     * @param bias per-channel shift, or null
     * @param useInputStats normalise with each instance's statistics (PyTorch's default), else the running ones
     * @param momentum the running statistics' factor (PyTorch's default 0.1)
     * @param eps added to the variance (PyTorch's default 1e-5)
     * @return the normalised input
     * @throws IllegalArgumentException for one spatial element when using the input's statistics, missing running
     *         statistics when not, or statistics and parameters of other shapes, dtypes or devices
     */
    public static Tensor instanceNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                      boolean useInputStats, double momentum, double eps) {
        return Normalization.instanceNorm(x, runningMean, runningVar, weight, bias, useInputStats, momentum, eps);
    }

    /**
     * Group normalization with eps 1e-5, as {@code F.group_norm(x, numGroups, weight, bias)}.
     *
     * @param x {@code [N, C, *]}
     * @param numGroups dividing {@code C}
     * @param weight {@code [C]} or null
     * @param bias {@code [C]} or null
     * @return the normalised input
     * @throws IllegalArgumentException for bad ranks, groups, shapes, dtypes or devices
     */
    public static Tensor groupNorm(Tensor x, int numGroups, Tensor weight, Tensor bias) {
        return Normalization.groupNorm(x, numGroups, weight, bias, 1e-5);
    }

    /**
     * Group normalization, as {@code F.group_norm}; see {@link Normalization#groupNorm}.
     *
     * @param x {@code [N, C, *]}
     * @param numGroups dividing {@code C}
     * @param weight {@code [C]} or null
     * @param bias {@code [C]} or null
     * @param eps added to the variance
     * @return the normalised input
     * @throws IllegalArgumentException for bad ranks, groups, shapes, dtypes or devices
     */
    public static Tensor groupNorm(Tensor x, int numGroups, Tensor weight, Tensor bias, double eps) {
        return Normalization.groupNorm(x, numGroups, weight, bias, eps);
    }

    /**
     * The vector {@code p}-norm over {@code dims}, as {@code torch.norm(x, p, dim, keepdim)}; its gradient at 0 is 0,
     * as PyTorch's.
     *
     * @param x a floating tensor
     * @param p the order: any double (0 counts the non-zero elements, {@code +-inf} the largest or smallest {@code |x|})
     * @param dims the dims to reduce (null or empty: all)
     * @param keepdim keep the reduced dims as size 1
     * @return the norms
     * @throws IllegalArgumentException for a bad dim or dtype
     */
    public static Tensor norm(Tensor x, double p, int[] dims, boolean keepdim) {
        return Normalization.norm(x, p, dims, keepdim);
    }

    /**
     * The p-norm distances between the rows of {@code x1} and {@code x2}, like {@code torch.cdist(x1, x2, p)}.
     *
     * @param x1 a floating tensor {@code [..., P, M]}
     * @param x2 a tensor {@code [..., R, M]} of x1's dtype; the batch dims broadcast
     * @param p the norm's order: non-negative, or {@code Double.POSITIVE_INFINITY}
     * @return the distances {@code [..., P, R]}
     * @throws IllegalArgumentException for fewer than 2 dims, another number of columns, a negative p, or a
     *         non-floating or differing dtype
     */
    public static Tensor cdist(Tensor x1, Tensor x2, double p) {
        return LinearAlgebra.cdist(x1, x2, p);
    }

    /**
     * {@link #cdist(Tensor, Tensor, double)} with PyTorch's {@code compute_mode}: for p = 2,
     * "use_mm_for_euclid_dist_if_necessary" (the default, also for null) takes the matrix-product formula
     * {@code sqrt(max(|a|^2 + |b|^2 - 2 a.b, 0))} when either side has more than 25 rows, "use_mm_for_euclid_dist"
     * always, "donot_use_mm_for_euclid_dist" never. The product needs no {@code [..., P, R, M]} differences, so it
     * fits large point sets, but distances near 0 lose precision to cancellation, as in PyTorch.
     *
     * @param x1 a floating tensor {@code [..., P, M]}
     * @param x2 a tensor {@code [..., R, M]} of x1's dtype; the batch dims broadcast
     * @param p the norm's order: non-negative, or {@code Double.POSITIVE_INFINITY}
     * @param computeMode one of the three modes above, or null for the default
     * @return the distances {@code [..., P, R]}
     * @throws IllegalArgumentException as {@link #cdist(Tensor, Tensor, double)}, or for an unknown mode
     */
    public static Tensor cdist(Tensor x1, Tensor x2, double p, String computeMode) {
        return LinearAlgebra.cdist(x1, x2, p, computeMode);
    }

    /**
     * The Frobenius norm over {@code dims}, as {@code torch.norm(x, "fro", dim, keepdim)}.
     *
     * @param x a floating tensor
     * @param p {@code "fro"}
     * @param dims the dims to reduce (null or empty: all)
     * @param keepdim keep the reduced dims as size 1
     * @return the norms
     * @throws IllegalArgumentException for another string, a bad dim or dtype
     */
    public static Tensor norm(Tensor x, String p, int[] dims, boolean keepdim) {
        return Normalization.norm(x, p, dims, keepdim);
    }

    /**
     * Rows normalised to unit 2-norm along dim 1, as {@code F.normalize(x)} (eps 1e-12).
     *
     * @param x a floating tensor of at least 2 dims
     * @return {@code x / max(norm(x, 2, 1), 1e-12)}
     * @throws IllegalArgumentException for a bad dim or dtype
     */
    public static Tensor normalize(Tensor x) {
        return Normalization.normalize(x, 2, 1, 1e-12);
    }

    /**
     * {@code x / max(norm(x, p, dim), eps)}, as {@code F.normalize(x, p, dim, eps)}.
     *
     * @param x a floating tensor
     * @param p the norm's order
     * @param dim the dim of the vectors
     * @param eps the smallest divisor
     * @return the normalised input
     * @throws IllegalArgumentException for a bad order, dim or dtype
     */
    public static Tensor normalize(Tensor x, double p, int dim, double eps) {
        return Normalization.normalize(x, p, dim, eps);
    }

    /**
     * Cosine similarity along dim 1 with eps 1e-8, as {@code F.cosine_similarity(x1, x2)}.
     *
     * @param x1 a floating tensor
     * @param x2 a floating tensor broadcastable with {@code x1}
     * @return the similarities
     * @throws IllegalArgumentException for shapes that do not broadcast, a bad dim, dtype or device
     */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2) {
        return Normalization.cosineSimilarity(x1, x2, 1, 1e-8);
    }

    /**
     * Cosine similarity along {@code dim}, as {@code F.cosine_similarity(x1, x2, dim, eps)}.
     *
     * @param x1 a floating tensor
     * @param x2 a floating tensor broadcastable with {@code x1}
     * @param dim the dim of the vectors
     * @param eps the smallest norm
     * @return the similarities
     * @throws IllegalArgumentException for shapes that do not broadcast, a bad dim, dtype or device
     */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2, int dim, double eps) {
        return Normalization.cosineSimilarity(x1, x2, dim, eps);
    }

    /**
     * Attention without mask or dropout, as {@code F.scaled_dot_product_attention(q, k, v)}:
     * {@code softmax(q k^T / sqrt(E)) v}.
     *
     * @param q {@code [..., L, E]}
     * @param k {@code [..., S, E]}
     * @param v {@code [..., S, Ev]}
     * @return {@code [..., L, Ev]}
     * @throws IllegalArgumentException for bad ranks, sizes, dtypes or devices
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v) {
        return Attention.scaledDotProductAttention(q, k, v, null, 0, false, null, null);
    }

    /**
     * Scaled dot-product attention, as {@code F.scaled_dot_product_attention}; see
     * {@link Attention#scaledDotProductAttention}.
     *
     * @param q {@code [..., L, E]}
     * @param k {@code [..., S, E]}
     * @param v {@code [..., S, Ev]}
     * @param attnMask null, a bool mask (true: attend) or a float mask added to the scores
     * @param dropoutP the probability of dropping an attention weight
     * @param isCausal mask the keys after each query's position
     * @param scale the scores' factor; null: {@code 1 / sqrt(E)}
     * @param generator the dropout's generator; null: the default generator ({@link Generator#defaultGenerator()})
     * @return {@code [..., L, Ev]}
     * @throws IllegalArgumentException for bad ranks, sizes, dtypes, devices or arguments
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor attnMask, double dropoutP,
                                                   boolean isCausal, Double scale, Generator generator) {
        return Attention.scaledDotProductAttention(q, k, v, attnMask, dropoutP, isCausal, scale, generator);
    }
}
