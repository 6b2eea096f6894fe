package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.nn.Reduction;

import java.util.Arrays;

import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * Losses that are a sum of per-element terms: binary cross-entropy (on probabilities and on logits), L1, smooth L1,
 * Huber and Kullback-Leibler divergence. Those PyTorch gives a node of their own (BinaryCrossEntropyBackward0,
 * BinaryCrossEntropyWithLogitsBackward0, SmoothL1LossBackward0, HuberLossBackward0) compute their value without
 * recording and record that node, its formula written with differentiable ops; l1_loss and kl_div are composites in
 * PyTorch and here (their nodes are the last op's: MeanBackward0, SubBackward0, ...). All are built from the SPI's
 * elementwise and reduction primitives, so every backend runs them.
 */
public final class ElementwiseLosses {
    private ElementwiseLosses() {
    }

    /** The per-element losses reduced as asked. */
    private static Tensor reduce(Tensor losses, Reduction reduction) {
        return switch (reduction) {
            case NONE -> losses;
            case SUM -> losses.sum();
            case MEAN -> losses.mean();
        };
    }

    /** The upstream gradient spread over the per-element losses ({@code g / N} for a mean of N). */
    private static Tensor spread(Tensor g, Reduction reduction, long count) {
        return reduction == Reduction.MEAN ? g.div((double) count) : g;
    }

    /** A third operand (a label or a variance) that need not broadcast with the input: live, floating, same device. */
    private static void checkOperand(String op, String what, Tensor input, Tensor t) {
        Dispatch.checkLive(op, t);
        Dispatch.device(op, input, t);
        if (!t.dtype().isFloatingPoint()) {
            throw Errors.argument(op, "expected a floating-point " + what + " but got " + t.dtype());
        }
    }

    private static void checkOperands(String op, Tensor input, Tensor target, boolean sameShape) {
        Dispatch.checkLive(op, input);
        Dispatch.checkLive(op, target);
        Dispatch.device(op, input, target);
        if (!input.dtype().isFloatingPoint() || !target.dtype().isFloatingPoint()) {
            throw Errors.argument(op, "expected floating-point input and target but got " + input.dtype() + " and "
                    + target.dtype());
        }
        if (sameShape && !Arrays.equals(view(input).shape, view(target).shape)) {
            throw Errors.argument(op, "target size " + Errors.shape(view(target).shape) + " must be the same as input"
                    + " size " + Errors.shape(view(input).shape));
        }
        Shapes.broadcast(op, view(input).shape, view(target).shape);
    }

    private static void checkWeight(String op, String what, Tensor weight, Tensor input) {
        if (weight != null) {
            Dispatch.checkLive(op, weight);
            Dispatch.device(op, input, weight);
            if (!Shapes.isExpandableTo(view(weight).shape, view(input).shape)) {
                throw Errors.argument(op, what + " of shape " + Errors.shape(view(weight).shape) + " does not"
                        + " broadcast to the input's shape " + Errors.shape(view(input).shape));
            }
        }
    }

    private static Tensor times(Tensor t, Tensor weight) {
        return weight == null ? t : t.mul(weight);
    }

    /** PyTorch's EPSILON in binary_cross_entropy's backward: 1e-12 as a float, so the float32 value in double. */
    private static final double BCE_EPSILON = 1e-12f;

    /**
     * {@code -weight * (t log x + (1 - t) log(1 - x))} over probabilities {@code x}, each log clamped at -100 as
     * PyTorch does so that {@code x = 0} or {@code 1} gives a finite loss. The input's gradient is
     * {@code g weight (x - t) / max(x (1 - x), 1e-12)}, the target's {@code g weight (log(1 - x) - log x)}. An input
     * outside [0, 1] (or NaN) is an error, as PyTorch's; see {@link #checkProbabilities}.
     */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        String op = "binary_cross_entropy";
        checkOperands(op, input, target, true);
        checkWeight(op, "weight", weight, input);
        checkProbabilities(op, input);
        long count = input.numel();
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor logX = input.log().clampMin(-100), log1mX = input.rsub(1.0).log().clampMin(-100);
            Tensor losses = times(target.mul(logX).add(target.rsub(1.0).mul(log1mX)).neg(), weight);
            out = reduce(losses, reduction);
        }
        return record("BinaryCrossEntropyBackward0", (n, g) -> {
            Tensor x = n.saved(0), t = n.saved(1), w = n.saved(2);
            Tensor grad = spread(g[0], reduction, count);
            return new Tensor[] {
                    n.needsInputGrad(0) ? times(grad.mul(x.sub(t)).div(x.mul(x.rsub(1.0)).clampMin(BCE_EPSILON)), w) : null,
                    n.needsInputGrad(1) ? times(grad.mul(x.rsub(1.0).log().sub(x.log())), w) : null};
        }, input, target).save(input, target, weight).output(out);
    }

    /**
     * PyTorch's "all elements of input should be between 0 and 1", checked without reading the input back: each
     * element becomes an index, 0 inside [0, 1] and 1 outside it or NaN, into a one-element tensor, so the backend's
     * index check (the only data-dependent check the SPI has) fails on a bad element. A synchronous backend (the CPU)
     * fails here and the error is renamed; an asynchronous one (CUDA) reports its index error at the next
     * synchronising call, as PyTorch's CUDA kernel asserts. Nothing is changed either way.
     */
    private static void checkProbabilities(String op, Tensor input) {
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            Tensor outside = input.ge(0.0).logicalAnd(input.le(1.0)).logicalNot().to(DType.INT64).reshape(-1);
            Tensor.zeros(new int[] {1}, input.dtype(), input.device()).indexSelect(0, outside);
        } catch (IndexOutOfBoundsException e) {
            IllegalArgumentException named = Errors.argument(op, "all elements of input should be between 0 and 1,"
                    + " but input " + Errors.shape(view(input).shape) + " " + input.dtype() + " has one outside");
            named.initCause(e);
            throw named;
        }
    }

    /**
     * Binary cross-entropy of {@code sigmoid(x)}, computed from the logits {@code x} without overflow:
     * {@code weight * ((1 - t) x + (1 + (posWeight - 1) t) (log(1 + exp(-|x|)) + max(-x, 0)))}. {@code posWeight}
     * (broadcast over the last dimension, the classes) weighs the positive term, {@code weight} each element; either
     * may be null. Input gradient {@code g weight (sigmoid(x) (1 + (pw - 1) t) - pw t)}, target gradient
     * {@code g weight ((pw - 1) softplus(-x) - x)}.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                      Reduction reduction) {
        String op = "binary_cross_entropy_with_logits";
        checkOperands(op, input, target, true);
        checkWeight(op, "weight", weight, input);
        checkWeight(op, "pos_weight", posWeight, input);
        long count = input.numel();
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor softplusNeg = input.abs().neg().exp().log1p().add(input.neg().clampMin(0));
            Tensor positive = posWeight == null ? softplusNeg : target.mul(posWeight.sub(1.0)).add(1.0).mul(softplusNeg);
            out = reduce(times(target.rsub(1.0).mul(input).add(positive), weight), reduction);
        }
        return record("BinaryCrossEntropyWithLogitsBackward0", (n, g) -> {
            Tensor x = n.saved(0), t = n.saved(1), w = n.saved(2), pw = n.saved(3);
            Tensor grad = spread(g[0], reduction, count);
            Tensor gx = null, gt = null;
            if (n.needsInputGrad(0)) {
                gx = pw == null ? x.sigmoid().sub(t) : x.sigmoid().mul(t.mul(pw.sub(1.0)).add(1.0)).sub(t.mul(pw));
                gx = times(grad.mul(gx), w);
            }
            if (n.needsInputGrad(1)) {
                gt = pw == null ? x.neg() : x.neg().softplus().mul(pw.sub(1.0)).sub(x);
                gt = times(grad.mul(gt), w);
            }
            return new Tensor[] {gx, gt};
        }, input, target).save(input, target, weight, posWeight).output(out);
    }

    /** {@code |input - target|}, reduced; a composite, as in PyTorch. */
    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        checkOperands("l1_loss", input, target, false);
        return reduce(input.sub(target).abs(), reduction);
    }

    /**
     * {@code |d| < beta ? 0.5 d^2 / beta : |d| - 0.5 beta} with {@code d = input - target} ({@code beta = 0} is the
     * L1 loss); gradient {@code g * (|d| < beta ? d / beta : sign(d))} to the input, its negation to the target.
     */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
        if (!(beta >= 0)) {
            throw Errors.argument("smooth_l1_loss", "does not support negative values for beta but got " + beta);
        }
        return piecewise("smooth_l1_loss", "SmoothL1LossBackward0", input, target, reduction, beta,
                (d, ad) -> Tensor.where(ad.lt(beta), d.square().mul(0.5 / beta), ad.sub(0.5 * beta)),
                (d, ad) -> Tensor.where(ad.lt(beta), d.div(beta), d.sign()));
    }

    /**
     * {@code |d| < delta ? 0.5 d^2 : delta (|d| - 0.5 delta)} with {@code d = input - target}; gradient
     * {@code g * clamp(d, -delta, delta)} to the input, its negation to the target.
     */
    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        if (!(delta > 0)) {
            throw Errors.argument("huber_loss", "does not support non-positive values for delta but got " + delta);
        }
        return piecewise("huber_loss", "HuberLossBackward0", input, target, reduction, delta,
                (d, ad) -> Tensor.where(ad.lt(delta), d.square().mul(0.5), ad.sub(0.5 * delta).mul(delta)),
                (d, ad) -> d.clamp(-delta, delta));
    }

    @FunctionalInterface
    private interface Piece {
        Tensor apply(Tensor d, Tensor absD);
    }

    private static Tensor piecewise(String op, String nodeName, Tensor input, Tensor target, Reduction reduction,
                                    double param, Piece value, Piece derivative) {
        checkOperands(op, input, target, false);
        long count = Shapes.numel(Shapes.broadcast(op, view(input).shape, view(target).shape));
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor d = input.sub(target);
            out = reduce(value.apply(d, d.abs()), reduction);
        }
        return record(nodeName, (n, g) -> {
            Tensor d = n.saved(0).sub(n.saved(1));
            Tensor grad = spread(g[0], reduction, count).mul(derivative.apply(d, d.abs()));
            return new Tensor[] {n.needsInputGrad(0) ? grad : null, n.needsInputGrad(1) ? grad.neg() : null};
        }, input, target).save(input, target).output(out);
    }

    /**
     * Kullback-Leibler divergence of {@code target} from the log-probabilities {@code input}:
     * {@code target (log target - input)} (0 where {@code target} is 0), or with {@code logTarget}
     * {@code exp(target) (target - input)}; reduced, or with {@code batchMean} summed and divided by the batch size
     * (PyTorch's "batchmean", the divergence's definition). A composite, as in PyTorch.
     */
    /**
     * {@code xlogy(t, t)}: {@code t log t}, 0 where {@code t} is 0, recorded as PyTorch's XlogyBackward0 with its
     * formula, {@code log t} (0 where {@code t} is 0) for the first operand plus {@code t / t} for the second: NaN
     * where {@code t} is 0, as PyTorch 1.13's kl_div target gradient.
     */
    private static Tensor xlogx(Tensor t) {
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = t.mul(Tensor.where(t.eq(0.0), 1.0, t).log());
        }
        return record("XlogyBackward0", (n, g) -> {
            Tensor self = n.saved(0);
            return new Tensor[] {g[0].mul(Tensor.where(self.ne(0.0), self.log(), 0.0).add(self.div(self)))};
        }, t).save(t).output(out);
    }

    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean batchMean,
                               boolean logTarget) {
        checkOperands("kl_div", input, target, false);
        Tensor losses;
        if (logTarget) {
            losses = target.exp().mul(target.sub(input));
        } else {
            losses = xlogx(target).sub(target.mul(input));
        }
        if (batchMean) {
            Tensor sum = losses.sum();
            return input.dim() == 0 ? sum : sum.div((double) input.size(0));
        }
        return reduce(losses, reduction);
    }

    // ------------------------------------------------------------------------------------------------------------
    // The ranking, embedding and likelihood losses, composed as torch.nn.functional composes them (so their gradients,
    // zeros at the clamps included, are PyTorch's).
    // ------------------------------------------------------------------------------------------------------------

    /** {@code max(0, -y (x1 - x2) + margin)}, like {@code F.margin_ranking_loss}. */
    public static Tensor marginRankingLoss(Tensor x1, Tensor x2, Tensor y, double margin, Reduction reduction) {
        checkOperands("margin_ranking_loss", x1, x2, false);
        checkOperands("margin_ranking_loss", x1, y, false);
        return reduce(y.neg().mul(x1.sub(x2)).add(margin).clampMin(0.0), reduction);
    }

    /** {@code x} where {@code y = 1}, {@code max(0, margin - x)} where {@code y = -1}, like {@code F.hinge_embedding_loss}. */
    public static Tensor hingeEmbeddingLoss(Tensor x, Tensor y, double margin, Reduction reduction) {
        checkOperands("hinge_embedding_loss", x, y, false);
        Tensor marginPart = Tensor.where(y.ne(1.0), x.rsub(margin).clampMin(0.0), 0.0);
        Tensor selfPart = Tensor.where(y.ne(-1.0), x, 0.0);
        return reduce(marginPart.add(selfPart), reduction);
    }

    /** {@code log(1 + exp(-y x))}, like {@code F.soft_margin_loss}. */
    public static Tensor softMarginLoss(Tensor x, Tensor y, Reduction reduction) {
        checkOperands("soft_margin_loss", x, y, false);
        return reduce(x.neg().mul(y).exp().log1p(), reduction);
    }

    /**
     * {@code 1 - cos(x1, x2)} where {@code y = 1}, {@code max(0, cos - margin)} where {@code y = -1}, over the last
     * dim of 1-D or 2-D inputs, like {@code F.cosine_embedding_loss} (its 1e-12 added to each squared norm).
     */
    public static Tensor cosineEmbeddingLoss(Tensor x1, Tensor x2, Tensor y, double margin, Reduction reduction) {
        String op = "cosine_embedding_loss";
        checkOperands(op, x1, x2, true);
        checkOperand(op, "target", x1, y);
        if (x1.dim() < 1 || x1.dim() > 2 || y.dim() != x1.dim() - 1 || (y.dim() == 1 && y.size(0) != x1.size(0))) {
            throw Errors.argument(op, "expected 1-D or 2-D inputs and a target of one dim less, got "
                    + Errors.shape(x1.shape()) + " and target " + Errors.shape(y.shape()));
        }
        double eps = 1e-12;
        int d = x1.dim() - 1;
        Tensor prod = x1.mul(x2).sum(new int[] {d}, false);
        Tensor mag1 = x1.mul(x1).sum(new int[] {d}, false).add(eps), mag2 = x2.mul(x2).sum(new int[] {d}, false).add(eps);
        Tensor cos = prod.div(mag1.mul(mag2).sqrt());
        Tensor pos = Tensor.where(y.eq(1.0), cos.rsub(1.0), 0.0);
        Tensor neg = Tensor.where(y.eq(-1.0), cos.sub(margin).clampMin(0.0), 0.0);
        return reduce(pos.add(neg), reduction);
    }

    /**
     * {@code max(0, margin + d(a, p) - d(a, n))} with PyTorch's pairwise distance {@code ||x1 - x2 + eps||_p}
     * (and with {@code swap}, the smaller of {@code d(a, n)} and {@code d(p, n)}), like {@code F.triplet_margin_loss}.
     */
    public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative, double margin, double p,
                                           double eps, boolean swap, Reduction reduction) {
        String op = "triplet_margin_loss";
        checkOperands(op, anchor, positive, false);
        checkOperands(op, anchor, negative, false);
        Tensor dPos = pairwiseDistance(anchor, positive, p, eps);
        Tensor dNeg = pairwiseDistance(anchor, negative, p, eps);
        if (swap) {
            dNeg = dNeg.minimum(pairwiseDistance(positive, negative, p, eps));
        }
        return reduce(dPos.sub(dNeg).add(margin).clampMin(0.0), reduction);
    }

    /** PyTorch's pairwise_distance: the p-norm of {@code x1 - x2 + eps} over the last dim. */
    private static Tensor pairwiseDistance(Tensor x1, Tensor x2, double p, double eps) {
        return Normalization.norm(x1.sub(x2).add(eps), p, new int[] {-1}, false);
    }

    /**
     * The Poisson negative log likelihood, like {@code F.poisson_nll_loss}: {@code exp(x) - t x} for a log-rate
     * input, else {@code x - t log(x + eps)}; {@code full} adds Stirling's {@code t log t - t + log(2 pi t) / 2}
     * where {@code t > 1}.
     */
    public static Tensor poissonNllLoss(Tensor input, Tensor target, boolean logInput, boolean full, double eps,
                                        Reduction reduction) {
        checkOperands("poisson_nll_loss", input, target, false);
        Tensor loss = logInput ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(eps).log()));
        if (full) {
            Tensor stirling = target.mul(target.log()).sub(target).add(target.mul(2 * Math.PI).log().mul(0.5));
            loss = loss.add(Tensor.where(target.gt(1.0), stirling, 0.0));
        }
        return reduce(loss, reduction);
    }

    /**
     * The Gaussian negative log likelihood {@code (log(var) + (x - t)^2 / var) / 2}, like {@code F.gaussian_nll_loss}:
     * var clamped below at {@code eps} for the value only (the gradient passes as if unclamped, as PyTorch's no-grad
     * clamp), of the input's shape or without its last dim; {@code full} adds {@code log(2 pi) / 2}.
     */
    public static Tensor gaussianNllLoss(Tensor input, Tensor target, Tensor var, boolean full, double eps,
                                         Reduction reduction) {
        String op = "gaussian_nll_loss";
        checkOperands(op, input, target, false);
        checkOperand(op, "var", input, var);
        Tensor v = var;
        if (!Arrays.equals(view(var).shape, view(input).shape)) {
            int[] is = view(input).shape, vs = view(var).shape;
            boolean oneLess = vs.length == is.length - 1 && Arrays.equals(vs, Arrays.copyOf(is, is.length - 1));
            boolean lastOne = vs.length == is.length && vs.length > 0 && vs[vs.length - 1] == 1
                    && Arrays.equals(Arrays.copyOf(vs, vs.length - 1), Arrays.copyOf(is, is.length - 1));
            if (!oneLess && !lastOne) {
                throw Errors.argument(op, "var is of incorrect size: " + Errors.shape(vs) + " for input "
                        + Errors.shape(is));
            }
            v = oneLess ? var.unsqueeze(-1) : var;
        }
        boolean negative;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            negative = v.lt(0.0).any().item() != 0;
        }
        if (negative) {
            throw Errors.argument(op, "var has negative entry/entries");
        }
        Tensor clamped = v.add(v.clampMin(eps).sub(v).detach());
        Tensor loss = clamped.log().add(input.sub(target).square().div(clamped)).mul(0.5);
        if (full) {
            loss = loss.add(0.5 * Math.log(2 * Math.PI));
        }
        return reduce(loss, reduction);
    }

    /**
     * {@code -(t log sigmoid(x) + (1 - t) log sigmoid(-x))}, times the class weights if given, averaged over the
     * classes (the last dim), like {@code F.multilabel_soft_margin_loss}.
     */
    public static Tensor multilabelSoftMarginLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        String op = "multilabel_soft_margin_loss";
        checkOperands(op, input, target, false);
        checkWeight(op, "weight", weight, input);
        if (input.dim() == 0) {
            throw Errors.argument(op, "expected an input with a class dim, got a 0-d tensor");
        }
        Tensor loss = target.mul(Activations.logsigmoid(input)).add(target.rsub(1.0).mul(Activations.logsigmoid(
                input.neg()))).neg();
        loss = times(loss, weight);
        int classDim = input.dim() - 1;
        return reduce(loss.sum(new int[] {classDim}, false).div((double) input.size(classDim)), reduction);
    }
}
