package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Reduction;
import dev.autograd4j.spi.FusedOp;

import java.util.Arrays;

import static dev.autograd4j.internal.Internal.isRecording;
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
     * {@code [N, d1, ...]}. {@code weight} ({@code [C]}) may be null. Targets are checked by the kernels that read
     * them (no host read): one out of range is an error naming it, reported when the device reports it.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex) {
        return nllLoss("nll_loss", input, target, weight, reduction, ignoreIndex);
    }

    /** nll_loss whose errors name {@code op}, the loss the user called (cross_entropy delegates here). */
    private static Tensor nllLoss(String op, Tensor input, Tensor target, Tensor weight, Reduction reduction,
                                  long ignoreIndex) {
        Problem p = check(op, input, target, weight);
        Tensor rows = p.rows(input);
        Tensor losses, w;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor valid = p.target.ne((double) ignoreIndex);
            Tensor safe = Tensor.where(valid, p.target, 0L);
            Tensor validF = valid.to(input.dtype());
            w = outOfBounds(p, () -> weight == null ? validF
                    : weight.to(input.dtype()).indexSelect(0, safe).mul(validF));
            Tensor picked = outOfBounds(p, () -> rows.gather(1, safe.unsqueeze(1)).squeeze(1));
            losses = picked.mul(w).neg();
        }
        return reduce(p, input, losses, w, weight, reduction, ignoreIndex);
    }

    /** The shapes and the flattened int64 target of an NLL/cross-entropy call, after checking them. */
    private record Problem(String op, int[] inputShape, int[] targetShape, int classes, Tensor target) {
        boolean unbatched() {
            return inputShape.length == 1;
        }

        /** The input as {@code [M, C]} rows (a view where possible). */
        Tensor rows(Tensor input) {
            return unbatched() ? input.unsqueeze(0)
                    : inputShape.length == 2 ? input : input.movedim(1, -1).reshape(-1, classes);
        }

    }

    /** A gradient of the {@code [M, C]} rows' shape, back in the input's shape. */
    private static Tensor unrows(Tensor gradRows, int[] inputShape) {
        if (inputShape.length == 1) {
            return gradRows.squeeze(0);
        }
        if (inputShape.length == 2) {
            return gradRows;
        }
        int[] moved = new int[inputShape.length];
        moved[0] = inputShape[0];
        System.arraycopy(inputShape, 2, moved, 1, inputShape.length - 2);
        moved[inputShape.length - 1] = inputShape[1];
        return gradRows.reshape(moved).movedim(-1, 1);
    }

    private static Problem check(String op, Tensor input, Tensor target, Tensor weight) {
        Errors.requireFloating(op, input.dtype());
        // PyTorch 1.13 takes only int64 (and uint8, which we do not have): int32 raises "expected scalar type Long"
        if (target.dtype() != DType.INT64) {
            throw Errors.argument(op, "expected target of class indices with dtype int64 but got "
                    + target.dtype() + " (for class probabilities use crossEntropy)");
        }
        Dispatch.device(op, input, target);
        int[] is = view(input).shape, ts = view(target).shape;
        boolean unbatched = is.length == 1;
        if (is.length == 0 || (unbatched ? ts.length != 0 : ts.length != is.length - 1 || ts[0] != is[0]
                || !Arrays.equals(Arrays.copyOfRange(ts, 1, ts.length), Arrays.copyOfRange(is, 2, is.length)))) {
            throw Errors.argument(op, "expected input [N, C, ...] with target [N, ...] (or input [C] with a 0-d"
                    + " target) but got input " + Errors.shape(is) + " and target " + Errors.shape(ts));
        }
        int classes = unbatched ? is[0] : is[1];
        if (weight != null) {
            Dispatch.device(op, input, weight);
            if (weight.dim() != 1 || weight.size(0) != classes) {
                throw Errors.argument(op, "weight tensor should be defined either for all " + classes
                        + " classes or no classes but got weight of shape " + Errors.shape(view(weight).shape));
            }
            if (weight.dtype() != input.dtype()) { // PyTorch: "expected scalar type Double but found Float"
                throw Errors.dtypes(op, "expected a weight of the input's dtype", input.dtype(), weight.dtype());
            }
        }
        Dispatch.checkLive(op, input);
        Tensor flat = Dispatch.cast(op, target, DType.INT64).reshape(-1);
        return new Problem(op, is, ts, classes, flat);
    }

    /** Kernels report a target out of range as an IndexOutOfBoundsException; users get the loss's own error. */
    private static Tensor outOfBounds(Problem p, java.util.function.Supplier<Tensor> kernel) {
        try {
            return kernel.get();
        } catch (IndexOutOfBoundsException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^\\[[^]]*] ", "");
            IndexOutOfBoundsException named = new IndexOutOfBoundsException("[" + p.op + "] " + (detail.startsWith("target ")
                    ? detail : "a target is out of bounds for " + p.classes + " classes (" + detail + ")"));
            named.initCause(e);
            throw named;
        }
    }

    /**
     * The reduction of per-row losses and its node, NllLossBackward0, shared by the composed and fused paths.
     * {@code w} holds each row's weight (0 where ignored); the mean divides by their sum.
     */
    private static Tensor reduce(Problem p, Tensor logProbs, Tensor losses, Tensor w, Tensor classWeight,
                                 Reduction reduction, long ignoreIndex) {
        Tensor totalWeight = reduction == Reduction.MEAN ? w.sum() : null;
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = switch (reduction) {
                case NONE -> p.unbatched() ? losses.reshape() : losses.reshape(p.targetShape);
                case SUM -> losses.sum();
                case MEAN -> losses.sum().div(totalWeight);
            };
        }
        // Note [What a backward closure may capture]: values only, never p (it holds the target tensor).
        int[] rowShape = {(int) p.target.numel(), p.classes};
        int[] inputShape = p.inputShape;
        DType cwType = logProbs.dtype();
        return record("NllLossBackward0", (n, g) -> {
            if (n.needsInputGrad(1)) {
                throw Errors.state("NllLossBackward0", "the derivative for 'weight' is not implemented (as in PyTorch);"
                        + " pass a weight that does not require grad");
            }
            Tensor target = n.saved(0), weights = n.saved(1);
            Tensor perRow = switch (reduction) {
                case NONE -> g[0].reshape(-1);
                case SUM -> g[0].expand(view(weights).shape);
                case MEAN -> g[0].div(n.saved(2)).expand(view(weights).shape);
            };
            Tensor gRows;
            if (!isRecording(perRow) && Dispatch.backend("nll_loss_backward", perRow).supports(FusedOp.CROSS_ENTROPY)) {
                gRows = Dispatch.empty(rowShape, perRow.dtype(), perRow.device());
                Tensor cw = n.saved(3);
                Dispatch.backend("nll_loss_backward", perRow, target).nllLossBackward(view(gRows), view(perRow),
                        view(target), cw == null ? null : view(cw.to(cwType)), ignoreIndex);
            } else {
                Tensor safe = Tensor.where(target.ne((double) ignoreIndex), target, 0L);
                gRows = Tensor.zeros(rowShape, g[0].dtype(), g[0].device())
                        .scatterAdd(1, safe.unsqueeze(1), perRow.mul(weights).neg().unsqueeze(1));
            }
            return new Tensor[] {unrows(gRows, inputShape), null};
        }, logProbs, classWeight).save(p.target, w, totalWeight, classWeight).output(out);
    }

    /**
     * Cross-entropy of logits: {@code nllLoss(logSoftmax(input, 1), target)} for class indices, or
     * {@code -sum(target * logSoftmax(input, 1), 1)} for class probabilities (a floating target of input's shape).
     * With class indices on {@code [N, C]} (or {@code [C]}) logits, a backend's fused kernel
     * ({@link FusedOp#CROSS_ENTROPY}) computes the log-probabilities and the losses in one pass; the graph is the
     * same either way (LogSoftmaxBackward0, then NllLossBackward0), as PyTorch's.
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex) {
        checkLogits(input);
        int classDim = input.dim() == 1 ? 0 : 1;
        if (!target.dtype().isFloatingPoint() && input.dim() <= 2 && input.dim() >= 1 && input.isContiguous()
                && input.dtype().isFloatingPoint() && input.numel() > 0
                && Dispatch.backend("cross_entropy", input).supports(FusedOp.CROSS_ENTROPY)) {
            return fusedCrossEntropy(input, target, weight, reduction, ignoreIndex);
        }
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
        return nllLoss("cross_entropy", logp, target, weight, reduction, ignoreIndex);
    }

    /**
     * Cross-entropy with label smoothing {@code eps} in [0, 1], PyTorch's {@code label_smoothing}: the target
     * distribution mixes the true class with the uniform one, so for class indices
     * {@code loss_n = (1 - eps) * nll_n + eps / C * sum_c (-weight[c] * logp[n, c])} (ignored targets count 0 in both
     * terms, and the mean divides both by the total weight of the targets kept), and for class probabilities the
     * target becomes {@code target * (1 - eps) + eps / C}. A composite of differentiable ops, as in PyTorch (whose
     * node is AddBackward0), so its backward is theirs; {@code eps = 0} is plain {@link #crossEntropy}.
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex,
                                      double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw Errors.argument("cross_entropy", "label_smoothing must be between 0.0 and 1.0 but got "
                    + labelSmoothing);
        }
        if (labelSmoothing == 0) {
            return crossEntropy(input, target, weight, reduction, ignoreIndex);
        }
        checkLogits(input);
        if (input.dim() == 0) {
            throw Errors.argument("cross_entropy", "expected input [N, C, ...] or [C] but got a 0-d input");
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        int classes = input.size(classDim);
        if (target.dtype().isFloatingPoint()) {
            Tensor smoothed = target.mul(1 - labelSmoothing).add(labelSmoothing / classes);
            return crossEntropy(input, smoothed, weight, reduction, ignoreIndex);
        }
        Tensor logp = input.logSoftmax(classDim);
        Tensor nll = nllLoss("cross_entropy", logp, target, weight, reduction, ignoreIndex);
        Tensor weighted = weight == null ? logp : logp.mul(classWeightView(weight.to(logp.dtype()), input));
        Tensor ignored = target.eq((double) ignoreIndex);
        Tensor smooth = Tensor.where(ignored, 0.0, weighted.sum(classDim, false).neg());
        Tensor smoothLoss = switch (reduction) {
            case NONE -> smooth;
            case SUM -> smooth.sum();
            case MEAN -> smooth.sum().div(weight == null ? ignored.logicalNot().sum().to(logp.dtype())
                    : weight.to(logp.dtype()).indexSelect(0, Tensor.where(ignored, 0L, target).reshape(-1).to(DType.INT64))
                            .mul(ignored.logicalNot().reshape(-1).to(logp.dtype())).sum());
        };
        return nll.mul(1 - labelSmoothing).add(smoothLoss.mul(labelSmoothing / classes));
    }

    /** PyTorch's log_softmax has no integer kernel ("not implemented for 'Long'"): integer logits are an error. */
    private static void checkLogits(Tensor input) {
        if (!input.dtype().isFloatingPoint()) {
            throw Errors.argument("cross_entropy", "expected floating-point logits but got input "
                    + Errors.shape(view(input).shape) + " of " + input.dtype());
        }
    }

    private static Tensor fusedCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction,
                                            long ignoreIndex) {
        Problem p = check("cross_entropy", input, target, weight);
        Tensor rows = p.rows(input);
        int m = rows.size(0);
        Tensor logProbRows = Dispatch.empty(view(rows).shape, input.dtype(), input.device());
        Tensor losses = Dispatch.empty(new int[] {m}, input.dtype(), input.device());
        Tensor w = Dispatch.empty(new int[] {m}, input.dtype(), input.device());
        Tensor cw = weight == null ? null : Dispatch.cast("cross_entropy", weight, input.dtype());
        outOfBounds(p, () -> {
            Dispatch.backend("cross_entropy", rows, p.target).crossEntropy(view(logProbRows), view(losses), view(w),
                    view(rows), view(p.target), cw == null ? null : view(cw), ignoreIndex);
            return losses;
        });
        Tensor logProbs = p.unbatched() ? Dispatch.reshaped(logProbRows, view(input).shape) : logProbRows;
        SoftmaxOps.recordSoftmax(input, logProbs, input.dim() - 1, true);
        return reduce(p, logProbs, losses, w, weight, reduction, ignoreIndex);
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
        if (!input.dtype().isFloatingPoint() || !target.dtype().isFloatingPoint()) { // as PyTorch's mse_loss
            throw Errors.argument("mse_loss", "expected floating-point input and target but got " + input.dtype()
                    + " and " + target.dtype());
        }
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
