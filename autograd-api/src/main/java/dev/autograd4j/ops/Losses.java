package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Reduction;

import java.util.Arrays;

import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * Losses: negative log-likelihood over class indices (with PyTorch's {@code ignore_index} and class weights),
 * cross-entropy as log-softmax followed by it, and mean squared error.
 */
public final class Losses {
    private Losses() {
    }

    /**
     * {@code loss_n = -weight[t_n] * input[n, t_n]}, skipping targets equal to {@code ignoreIndex}; the mean divides
     * by the total weight of the targets kept. {@code input} is {@code [N, C]}, {@code [C]} or
     * {@code [N, C, d1, ...]} log-probabilities; {@code target} is int64 {@code [N]}, {@code []} or
     * {@code [N, d1, ...]}. {@code weight} ({@code [C]}) may be null.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex) {
        if (!input.dtype().isFloatingPoint()) {
            throw Errors.argument("nll_loss", "expected a floating point input but got " + input.dtype());
        }
        if (target.dtype() != DType.INT64 && target.dtype() != DType.INT32) {
            throw Errors.argument("nll_loss", "expected target of class indices with dtype int64 but got "
                    + target.dtype() + " (for class probabilities use crossEntropy)");
        }
        Dispatch.device("nll_loss", input, target);
        int[] is = view(input).shape, ts = view(target).shape;
        boolean unbatched = is.length == 1;
        if (is.length == 0 || (unbatched ? ts.length != 0 : ts.length != is.length - 1 || ts[0] != is[0]
                || !Arrays.equals(Arrays.copyOfRange(ts, 1, ts.length), Arrays.copyOfRange(is, 2, is.length)))) {
            throw Errors.argument("nll_loss", "expected input [N, C, ...] with target [N, ...] (or input [C] with a 0-d"
                    + " target) but got input " + Errors.shape(is) + " and target " + Errors.shape(ts));
        }
        int classes = unbatched ? is[0] : is[1];
        if (weight != null && (weight.dim() != 1 || weight.size(0) != classes)) {
            throw Errors.argument("nll_loss", "weight tensor should be defined either for all " + classes
                    + " classes or no classes but got weight of shape " + Errors.shape(view(weight).shape));
        }
        // Work on [M, C] rows with a [M] target.
        Tensor rows = unbatched ? input.unsqueeze(0)
                : is.length == 2 ? input : input.movedim(1, -1).reshape(-1, classes);
        Tensor t = Dispatch.cast(target, DType.INT64).reshape(-1);
        Tensor out;
        Tensor safe, w;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor valid = t.ne((double) ignoreIndex);
            safe = Tensor.where(valid, t, Tensor.zerosLike(t));
            long[] values = safe.toLongArray();
            for (long v : values) {
                if (v < 0 || v >= classes) {
                    throw Errors.argument("nll_loss", "target " + v + " is out of bounds for " + classes + " classes");
                }
            }
            Tensor validF = valid.to(input.dtype());
            w = weight == null ? validF : weight.to(input.dtype()).indexSelect(0, safe).mul(validF);
            Tensor picked = rows.gather(1, safe.unsqueeze(1)).squeeze(1);
            Tensor losses = picked.mul(w).neg();
            out = switch (reduction) {
                case NONE -> unbatched ? losses.reshape() : losses.reshape(ts);
                case SUM -> losses.sum();
                case MEAN -> losses.sum().div(w.sum());
            };
        }
        Tensor totalWeight = reduction == Reduction.MEAN ? w.sum() : null;
        int[] rowShape = rows.shape();
        return record("NllLossBackward0", (n, g) -> {
            Tensor idx = n.saved(0), weights = n.saved(1);
            Tensor perRow = switch (reduction) {
                case NONE -> g[0].reshape(-1).mul(weights);
                case SUM -> g[0].expand(weights.shape()).mul(weights);
                case MEAN -> g[0].div(n.saved(2)).expand(weights.shape()).mul(weights);
            };
            Tensor gRows = Tensor.zeros(rowShape, g[0].dtype(), g[0].device())
                    .scatterAdd(1, idx.unsqueeze(1), perRow.neg().unsqueeze(1));
            Tensor gInput = unbatched ? gRows.squeeze(0)
                    : is.length == 2 ? gRows : gRows.reshape(movedShape(is)).movedim(-1, 1);
            return new Tensor[] {gInput};
        }, input).save(safe, w, totalWeight).output(out);
    }

    private static int[] movedShape(int[] is) {
        int[] s = new int[is.length];
        s[0] = is[0];
        System.arraycopy(is, 2, s, 1, is.length - 2);
        s[is.length - 1] = is[1];
        return s;
    }

    /**
     * Cross-entropy of logits: {@code nllLoss(logSoftmax(input, 1), target)} for class indices, or
     * {@code -sum(target * logSoftmax(input, 1), 1)} for class probabilities (a floating target of input's shape).
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex) {
        int classDim = input.dim() == 1 ? 0 : 1;
        Tensor logp = input.logSoftmax(classDim);
        if (target.dtype().isFloatingPoint()) {
            if (!Arrays.equals(view(target).shape, view(input).shape)) {
                throw Errors.argument("cross_entropy", "class-probability targets must have the input's shape "
                        + Errors.shape(view(input).shape) + " but have " + Errors.shape(view(target).shape));
            }
            Tensor weighted = weight == null ? logp.mul(target) : logp.mul(target).mul(classWeightView(weight, input));
            Tensor losses = weighted.sum(classDim, false).neg();
            return switch (reduction) {
                case NONE -> losses;
                case SUM -> losses.sum();
                case MEAN -> losses.sum().div(input.dim() == 1 ? 1 : input.numel() / input.size(1));
            };
        }
        return nllLoss(logp, target, weight, reduction, ignoreIndex);
    }

    private static Tensor classWeightView(Tensor weight, Tensor input) {
        int[] shape = new int[input.dim()];
        Arrays.fill(shape, 1);
        shape[input.dim() == 1 ? 0 : 1] = weight.size(0);
        return weight.reshape(shape);
    }

    /** {@code (input - target)^2}, reduced; MseLossBackward0 gives {@code 2 (input - target) g / N}. */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        Dispatch.device("mse_loss", input, target);
        int[] shape = Shapes.broadcast("mse_loss", view(input).shape, view(target).shape);
        long count = Shapes.numel(shape);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor diff = input.sub(target);
            Tensor sq = diff.mul(diff);
            out = switch (reduction) {
                case NONE -> sq;
                case SUM -> sq.sum();
                case MEAN -> sq.mean();
            };
        }
        return record("MseLossBackward0", (n, g) -> {
            Tensor diff = n.saved(0).sub(n.saved(1));
            Tensor scale = switch (reduction) {
                case NONE -> g[0].mul(2.0);
                case SUM -> g[0].mul(2.0);
                case MEAN -> g[0].mul(2.0 / count);
            };
            Tensor grad = diff.mul(scale);
            return new Tensor[] {
                    n.needsInputGrad(0) ? grad : null,
                    n.needsInputGrad(1) ? grad.neg() : null};
        }, input, target).save(input, target).output(out);
    }
}
