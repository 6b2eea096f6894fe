package dev.autograd4j.ops;

import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.internal.Backward;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.FusedOp;
import dev.autograd4j.spi.View;

import java.util.Arrays;

import static dev.autograd4j.internal.Internal.isRecording;
import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * Normalization: layer, batch and group norm, vector norms, {@code normalize} and cosine similarity. Batch and group
 * norm, {@code normalize} and cosine similarity are compositions of differentiable ops (so their double backward is
 * the composition's); the vector norm has its own backward for PyTorch's gradient at 0.
 */
public final class Normalization {
    private Normalization() {
    }

    /**
     * {@code (x - mean) / sqrt(var + eps) * weight + bias}, with the biased variance over the last
     * {@code normalizedShape.length} dims. Backward (NativeLayerNormBackward0), with {@code xhat} the normalized
     * input and {@code gh = g * weight}: {@code dx = rstd (gh - mean(gh) - xhat mean(gh xhat))},
     * {@code dweight = sum(g xhat)}, {@code dbias = sum(g)} over the leading dims. The statistics are recomputed from
     * the saved input in backward, so a recorded backward differentiates through them too. On contiguous operands a
     * backend's fused kernels ({@link FusedOp#LAYER_NORM}) do each direction in one pass, the forward saving the
     * row statistics its backward reads.
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShapeArg, Tensor weight, Tensor bias, double eps) {
        int[] normalizedShape = normalizedShapeArg.clone();
        int k = normalizedShape.length;
        int[] xs = view(x).shape;
        if (k == 0 || k > xs.length
                || !Arrays.equals(Arrays.copyOfRange(xs, xs.length - k, xs.length), normalizedShape)) {
            throw Errors.argument("layer_norm", "given normalized_shape=" + Arrays.toString(normalizedShape)
                    + ", expected input with shape [*, " + Arrays.toString(normalizedShape).substring(1)
                    + ", but got input of size " + Errors.shape(xs));
        }
        Errors.requireFloating("layer_norm", x.dtype());
        for (Tensor p : new Tensor[] {weight, bias}) {
            if (p != null) {
                Dispatch.device("layer_norm", x, p);
                if (!Arrays.equals(view(p).shape, normalizedShape)) {
                    throw Errors.argument("layer_norm", "weight and bias must have shape " + Arrays.toString(normalizedShape)
                            + " but got " + Errors.shape(view(p).shape));
                }
                if (p.dtype() != x.dtype()) { // PyTorch: "expected scalar type Double but found Float"
                    throw Errors.dtypes("layer_norm", "expected weight and bias of the input's dtype", x.dtype(),
                            p.dtype());
                }
            }
        }
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) {
            dims[i] = xs.length - k + i;
        }
        Dispatch.checkLive("layer_norm", x);
        boolean hasWeight = weight != null, hasBias = bias != null;
        Tensor out, mean = null, rstd = null;
        if (fusable("layer_norm", x, weight, bias)) {
            int d = (int) Shapes.numel(normalizedShape);
            int m = d == 0 ? 0 : (int) (x.numel() / d);
            out = Dispatch.emptyLike(x);
            mean = Dispatch.empty(new int[] {m}, x.dtype(), x.device());
            rstd = Dispatch.empty(new int[] {m}, x.dtype(), x.device());
            Dispatch.backend("layer_norm", x).layerNorm(rows(view(out), m, d), view(mean), view(rstd),
                    rows(view(x), m, d), hasWeight ? view(weight) : null, hasBias ? view(bias) : null, eps);
        } else {
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                Tensor xhat = normalize(x, dims, eps);
                out = affine(xhat, weight, bias);
            }
        }
        return record("NativeLayerNormBackward0", (n, g) -> {
            Tensor self = n.saved(0), w = n.saved(1), savedMean = n.saved(2), savedRstd = n.saved(3);
            if (savedMean != null && !isRecording(g[0], self, w)) {
                return fusedBackward(n, g[0].contiguous(), self, w, savedMean, savedRstd, normalizedShape,
                        hasWeight, hasBias);
            }
            Tensor mu = self.mean(dims, true);
            Tensor centered = self.sub(mu);
            Tensor r = centered.mul(centered).mean(dims, true).add(eps).rsqrt();
            Tensor xhat = centered.mul(r);
            Tensor gh = w == null ? g[0] : g[0].mul(w);
            Tensor gx = null, gw = null, gb = null;
            if (n.needsInputGrad(0)) {
                gx = r.mul(gh.sub(gh.mean(dims, true)).sub(xhat.mul(gh.mul(xhat).mean(dims, true))));
            }
            if (hasWeight && n.needsInputGrad(1)) {
                gw = g[0].mul(xhat).sumToSize(normalizedShape);
            }
            if (hasBias && n.needsInputGrad(2)) {
                gb = g[0].sumToSize(normalizedShape);
            }
            return new Tensor[] {gx, gw, gb};
        }, x, weight, bias).save(x, weight, mean, rstd).output(out);
    }

    /** The backend's fused backward (see {@link Backend#layerNormBackward}), only for the gradients needed. */
    private static Tensor[] fusedBackward(Backward.Context n, Tensor g, Tensor x, Tensor w, Tensor mean, Tensor rstd,
                                          int[] normalizedShape, boolean hasWeight, boolean hasBias) {
        int d = (int) Shapes.numel(normalizedShape);
        int m = (int) mean.numel();
        Tensor gx = n.needsInputGrad(0) ? Dispatch.emptyLike(x) : null;
        Tensor gw = hasWeight && n.needsInputGrad(1) ? Dispatch.empty(normalizedShape, x.dtype(), x.device()) : null;
        Tensor gb = hasBias && n.needsInputGrad(2) ? Dispatch.empty(normalizedShape, x.dtype(), x.device()) : null;
        Dispatch.backend("layer_norm_backward", g, x, mean, rstd).layerNormBackward(
                gx == null ? null : rows(view(gx), m, d), gw == null ? null : flat(view(gw), d),
                gb == null ? null : flat(view(gb), d), rows(view(g), m, d), rows(view(x), m, d), view(mean),
                view(rstd), w == null ? null : flat(view(w), d));
        return new Tensor[] {gx, gw, gb};
    }

    /** Whether the fused kernels apply: the backend has them and every operand is contiguous and non-empty. */
    private static boolean fusable(String op, Tensor x, Tensor weight, Tensor bias) {
        return x.numel() > 0 && x.isContiguous() && (weight == null || weight.isContiguous())
                && (bias == null || bias.isContiguous()) && (weight == null || weight.dtype() == x.dtype())
                && (bias == null || bias.dtype() == x.dtype())
                && Dispatch.backend(op, x).supports(FusedOp.LAYER_NORM);
    }

    /** A contiguous view seen as {@code [m, d]} rows. */
    private static View rows(View v, int m, int d) {
        return v.with(v.offset, new int[] {m, d}, new long[] {d, 1});
    }

    /** A contiguous view seen as {@code [d]}. */
    private static View flat(View v, int d) {
        return v.with(v.offset, new int[] {d}, new long[] {1});
    }

    private static Tensor normalize(Tensor x, int[] dims, double eps) {
        Tensor centered = x.sub(x.mean(dims, true));
        return centered.mul(centered.mul(centered).mean(dims, true).add(eps).rsqrt());
    }

    private static Tensor affine(Tensor xhat, Tensor weight, Tensor bias) {
        Tensor out = weight == null ? xhat : xhat.mul(weight);
        return bias == null ? out : out.add(bias);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Batch norm, group norm, vector norms
    // ------------------------------------------------------------------------------------------------------------

    /** The shape of a batch or group norm's input, after checking it is a floating {@code [N, C, *]} tensor. */
    private static int[] channelsInput(String op, Tensor x) {
        int[] xs = view(x).shape;
        if (xs.length < 2) {
            throw Errors.argument(op, "expected an input of at least 2 dims [N, C, *] but got " + Errors.shape(xs));
        }
        Errors.requireFloating(op, x.dtype());
        return xs;
    }

    /**
     * Batch normalization over every dim but the channel dim 1, as {@code torch.nn.functional.batch_norm}. Training:
     * {@code (x - mean) / sqrt(var + eps) * weight + bias} with the batch's mean and biased variance, and the running
     * statistics (when given) updated in place as {@code r = (1 - momentum) r + momentum s}, with the unbiased
     * variance. Evaluation: the running statistics normalise. Composed of differentiable ops.
     *
     * @param x {@code [N, C, *]}
     * @param runningMean {@code [C]} or null (training only)
     * @param runningVar {@code [C]} or null (training only)
     * @param weight {@code [C]} or null
     * @param bias {@code [C]} or null
     * @param training whether to use (and update) the batch's statistics
     * @param momentum the running statistics' update factor
     * @param eps added to the variance
     * @return the normalised {@code x}
     * @throws IllegalArgumentException for a bad rank, a parameter of the wrong shape, dtype or device, missing
     *     running statistics in evaluation, or one value per channel in training
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        String op = "batch_norm";
        int[] xs = channelsInput(op, x);
        int c = xs[1];
        String[] names = {"running_mean", "running_var", "weight", "bias"};
        Tensor[] params = {runningMean, runningVar, weight, bias};
        for (int i = 0; i < params.length; i++) {
            Tensor p = params[i];
            if (p != null) {
                Dispatch.device(op, x, p);
                if (p.dim() != 1 || p.size(0) != c) {
                    throw Errors.argument(op, "expected " + names[i] + " of shape [" + c + "] for input "
                            + Errors.shape(xs) + " but got " + Errors.shape(view(p).shape));
                }
                if (p.dtype() != x.dtype()) {
                    throw Errors.dtypes(op, "expected " + names[i] + " of the input's dtype", x.dtype(), p.dtype());
                }
            }
        }
        if ((runningMean == null) != (runningVar == null)) {
            throw Errors.argument(op, "running_mean and running_var must both be given or both be null");
        }
        if (!training && runningMean == null) {
            throw Errors.argument(op, "running_mean and running_var must be given when not training");
        }
        int[] dims = new int[xs.length - 1];
        dims[0] = 0;
        for (int d = 2; d < xs.length; d++) {
            dims[d - 1] = d;
        }
        int[] channelShape = new int[xs.length];
        Arrays.fill(channelShape, 1);
        channelShape[1] = c;
        Tensor xhat;
        if (x.numel() == 0) {
            // PyTorch returns an empty result (still in the graph) and leaves the running statistics alone.
            xhat = x;
        } else if (training) {
            long count = x.numel() / c;
            if (count == 1) {
                throw Errors.argument(op, "expected more than 1 value per channel when training, got input of shape "
                        + Errors.shape(xs));
            }
            Tensor mean = x.mean(dims, true);
            Tensor centered = x.sub(mean);
            Tensor var = centered.mul(centered).mean(dims, true);
            xhat = centered.mul(var.add(eps).rsqrt());
            if (runningMean != null) {
                try (GradMode.Guard ignored = GradMode.noGrad()) {
                    runningMean.mul_(1 - momentum).add_(mean.detach().reshape(c), momentum);
                    runningVar.mul_(1 - momentum).add_(var.detach().reshape(c), momentum * count / (count - 1.0));
                }
            }
        } else {
            xhat = x.sub(runningMean.reshape(channelShape)).mul(runningVar.reshape(channelShape).add(eps).rsqrt());
        }
        Tensor out = weight == null ? xhat : xhat.mul(weight.reshape(channelShape));
        return bias == null ? out : out.add(bias.reshape(channelShape));
    }

    /**
     * {@code F.instance_norm} without running statistics: each (sample, channel) normalised over its spatial
     * elements, then scaled and shifted per channel; group norm with one channel per group, which it equals.
     *
     * @param x {@code [N, C, *]} with more than one spatial element
     * @param weight per-channel scale, or null
     * @param bias per-channel shift, or null
     * @param eps added to the variance
     * @return the normalised input
     */
    public static Tensor instanceNorm(Tensor x, Tensor weight, Tensor bias, double eps) {
        return instanceNorm(x, null, null, weight, bias, true, 0.1, eps);
    }

    /**
     * {@code F.instance_norm(x, running_mean, running_var, weight, bias, use_input_stats, momentum, eps)}. With the
     * input's statistics and no running ones, group norm with one channel per group, which it equals. With running
     * statistics, PyTorch's way: the batch folded into the channels ({@code [1, N*C, *]}), batch norm over it with the
     * running statistics repeated N times, and each running statistic then set to the mean of its N updated copies
     * ({@code r = (1 - momentum) r + momentum * mean_n s_n}, the unbiased variance). Without the input's statistics,
     * every (sample, channel) is normalised with the running ones, which stay as they are. An empty batch makes
     * the running statistics NaN (the mean of no copies), as PyTorch 1.13's do.
     *
     * @param x {@code [N, C, *]}, floating; more than one spatial element when {@code useInputStats}
     * @param runningMean {@code [C]}, updated in place when {@code useInputStats}; or null
     * @param runningVar {@code [C]}, likewise; null exactly when runningMean is
     * @param weight per-channel scale, or null
     * @param bias per-channel shift, or null
     * @param useInputStats normalise with each instance's own statistics (training), else with the running ones
     * @param momentum the running statistics' factor
     * @param eps added to the variance
     * @return the normalised input
     * @throws IllegalArgumentException for one spatial element when using the input's statistics, missing running
     *         statistics when not, or statistics and parameters of other shapes, dtypes or devices
     */
    public static Tensor instanceNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                      boolean useInputStats, double momentum, double eps) {
        String op = "instance_norm";
        Dispatch.checkLive(op, x);
        if (!useInputStats && (runningMean == null || runningVar == null)) {
            throw Errors.argument(op, "Expected running_mean and running_var to be defined when use_input_stats is "
                    + "false");
        }
        if ((runningMean == null) != (runningVar == null)) {
            throw Errors.argument(op, "running_mean and running_var must both be given or both be null");
        }
        long spatial = 1;
        for (int d = 2; d < x.dim(); d++) {
            spatial *= x.size(d);
        }
        if (x.dim() < 2 || (useInputStats && spatial <= 1)) {
            throw Errors.argument(op, "expected more than 1 spatial element when training, got input size "
                    + Errors.shape(x.shape()));
        }
        if (runningMean == null) {
            return groupNorm(x, x.size(1), weight, bias, eps);
        }
        int[] xs = view(x).shape;
        int n = xs[0], c = xs[1];
        String[] names = {"running_mean", "running_var", "weight", "bias"};
        Tensor[] params = {runningMean, runningVar, weight, bias};
        for (int i = 0; i < params.length; i++) {
            if (params[i] != null && (params[i].dim() != 1 || params[i].size(0) != c)) {
                throw Errors.argument(op, "expected " + names[i] + " of shape [" + c + "] (the input's channels) for "
                        + "input " + Errors.shape(xs) + " but got " + Errors.shape(view(params[i]).shape));
            }
        }
        if ((long) n * c > Integer.MAX_VALUE) {
            throw Errors.argument(op, "input " + Errors.shape(xs) + " has " + (long) n * c + " instances, more than "
                    + Integer.MAX_VALUE);
        }
        int[] folded = xs.clone();
        folded[0] = 1;
        folded[1] = n * c;
        Tensor meanCopies = runningMean.repeat(n), varCopies = runningVar.repeat(n);
        Tensor out = batchNorm(x.contiguous().view(folded), meanCopies, varCopies,
                weight == null ? null : weight.repeat(n), bias == null ? null : bias.repeat(n), useInputStats, momentum,
                eps);
        // Also for an empty batch, whose mean of no copies is NaN: PyTorch 1.13 leaves NaN statistics there too
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            runningMean.copy_(meanCopies.view(n, c).mean(0));
            runningVar.copy_(varCopies.view(n, c).mean(0));
        }
        return out.view(xs);
    }

    /**
     * Group normalization, as {@code torch.nn.functional.group_norm}: the channels split into {@code numGroups}
     * groups, each sample's group normalised by its own mean and biased variance, then {@code * weight + bias} per
     * channel. Composed of differentiable ops.
     *
     * @param x {@code [N, C, *]}
     * @param numGroups dividing {@code C}
     * @param weight {@code [C]} or null
     * @param bias {@code [C]} or null
     * @param eps added to the variance
     * @return the normalised {@code x}
     * @throws IllegalArgumentException for a bad rank, groups that do not divide the channels, or bad parameters
     */
    public static Tensor groupNorm(Tensor x, int numGroups, Tensor weight, Tensor bias, double eps) {
        String op = "group_norm";
        int[] xs = channelsInput(op, x);
        int c = xs[1];
        if (numGroups <= 0 || c % numGroups != 0) {
            throw Errors.argument(op, "expected the number of channels " + c + " of input " + Errors.shape(xs)
                    + " to be divisible by num_groups " + numGroups);
        }
        for (Tensor p : new Tensor[] {weight, bias}) {
            if (p != null) {
                Dispatch.device(op, x, p);
                if (p.dim() != 1 || p.size(0) != c) {
                    throw Errors.argument(op, "expected weight and bias of shape [" + c + "] but got "
                            + Errors.shape(view(p).shape));
                }
                if (p.dtype() != x.dtype()) { // PyTorch: "expected scalar type Double but found Float"
                    throw Errors.dtypes(op, "expected weight and bias of the input's dtype", x.dtype(), p.dtype());
                }
            }
        }
        int n = xs[0];
        long perGroup = c / numGroups; // explicit, not -1: an empty batch leaves -1 undetermined
        for (int d = 2; d < xs.length; d++) {
            perGroup *= xs[d];
        }
        if (perGroup > Integer.MAX_VALUE - 8) {
            throw Errors.argument(op, "input " + Errors.shape(xs) + " has " + perGroup + " elements per group, more"
                    + " than " + (Integer.MAX_VALUE - 8));
        }
        Tensor grouped = x.reshape(n, numGroups, (int) perGroup);
        Tensor xhat = normalize(grouped, new int[] {2}, eps).reshape(xs);
        int[] channelShape = new int[xs.length];
        Arrays.fill(channelShape, 1);
        channelShape[1] = c;
        Tensor out = weight == null ? xhat : xhat.mul(weight.reshape(channelShape));
        return bias == null ? out : out.add(bias.reshape(channelShape));
    }

    /**
     * The vector {@code p}-norm over {@code dims}, as {@code torch.norm(x, p, dim, keepdim)}: {@code (sum |x|^p)^(1/p)},
     * the largest {@code |x|} for {@code p = inf}, the smallest for {@code -inf}, the number of non-zero elements for
     * {@code p = 0}; a negative {@code p} is the same formula (the norm is 0 where an element is 0), a NaN one gives
     * NaN. Backward (NormBackward1), written
     * with differentiable ops: {@code g * x |x|^(p-2) / norm^(p-1)}, 0 where the norm is 0 (PyTorch's value at the
     * origin); {@code g sign(x)} for {@code p = 1}; for {@code +-inf}, {@code g sign(x)} shared evenly among the
     * elements that attain the norm.
     *
     * @param x a floating tensor
     * @param p the order, any double as in PyTorch
     * @param dims the dims to reduce (null or empty: all)
     * @param keepdim keep the reduced dims as size 1
     * @return the norms
     * @throws IllegalArgumentException for a bad dim or an integer input
     */
    public static Tensor norm(Tensor x, double p, int[] dims, boolean keepdim) {
        String op = "norm";
        Dispatch.checkLive(op, x);
        Errors.requireFloating(op, x.dtype());
        int rank = x.dim();
        int[] ds = dims == null || dims.length == 0 ? allDims(rank) : dims.clone();
        boolean[] reduced = Shapes.reducedDims(op, ds, rank);
        int[] keepShape = Reductions.keepdimShape(view(x).shape, reduced);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = normValue(x, p, ds);
        }
        Tensor result = keepdim ? out : out.reshape(Reductions.squeezedShape(view(x).shape, reduced));
        return record("NormBackward1",
                (n, g) -> new Tensor[] {normBackward(n.saved(0), p, ds, g[0].reshape(keepShape))}, x)
                .save(x).output(result);
    }

    /**
     * {@code torch.dist(x, y, p)}: the p-norm of {@code x - y} (broadcast) over all elements, a 0-d tensor, with
     * PyTorch's node (DistBackward0): the gradient is norm's, of the difference, for x and negated for y, each
     * summed down to its own shape.
     *
     * @param x a floating tensor
     * @param y a tensor that broadcasts with x
     * @param p the order, as {@link #norm(Tensor, double, int[], boolean)}
     * @return the distance
     * @throws IllegalArgumentException for shapes that do not broadcast or an integer input
     */
    public static Tensor dist(Tensor x, Tensor y, double p) {
        String op = "dist";
        Dispatch.checkLive(op, x);
        Dispatch.checkLive(op, y);
        Dispatch.device(op, x, y);
        Errors.requireFloating(op, x.dtype());
        Errors.requireFloating(op, y.dtype());
        int[] xs = view(x).shape, ys = view(y).shape;
        Shapes.broadcast(op, xs, ys);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor diff = x.sub(y);
            out = normValue(diff, p, allDims(diff.dim())).reshape();
        }
        int rank = Math.max(xs.length, ys.length);
        int[] ones = new int[rank];
        Arrays.fill(ones, 1);
        return record("DistBackward0", (n, g) -> differenceNormBackward(n.saved(0), n.saved(1), p, allDims(rank),
                g[0].reshape(ones), n.needsInputGrad(0), n.needsInputGrad(1)), x, y).save(x, y).output(out);
    }

    /**
     * The gradients of the keepdim norm of {@code a - b} (broadcast) over {@code ds} for the incoming {@code gk}:
     * norm's gradient of the difference summed to a's shape, and negated and summed to b's; null where not needed.
     * dist's and cdist's backward.
     */
    static Tensor[] differenceNormBackward(Tensor a, Tensor b, double p, int[] ds, Tensor gk, boolean needA,
                                           boolean needB) {
        Tensor gd = normBackward(a.sub(b), p, ds, gk);
        return new Tensor[] {needA ? Reductions.sumToSize(gd, view(a).shape) : null,
            needB ? Reductions.sumToSize(gd.neg(), view(b).shape) : null};
    }

    private static int[] allDims(int rank) {
        int[] all = new int[rank];
        for (int d = 0; d < rank; d++) {
            all[d] = d;
        }
        return all;
    }

    /**
     * The gradient of the keepdim norm of {@code self} over {@code ds} for the incoming {@code gk} (keepdim shape),
     * written with differentiable ops: {@code g * x |x|^(p-2) / norm^(p-1)}, 0 where the norm is 0.
     */
    private static Tensor normBackward(Tensor self, double p, int[] ds, Tensor gk) {
        Tensor nk = normValue(self, p, ds);
        if (p == 0) { // a count: its gradient is 0 everywhere, as PyTorch's
            return Tensor.zerosLike(self).mul(gk);
        } else if (p == 1) {
            return gk.mul(self.sign());
        } else if (Double.isInfinite(p)) {
            Tensor hit = self.abs().eq(nk).to(self.dtype());
            return gk.mul(self.sign()).mul(hit).div(hit.sum(ds, true));
        }
        Tensor zero = nk.eq(0);
        Tensor safe = Tensor.where(zero, 1.0, nk);
        Tensor scale = Tensor.where(zero, 0.0, gk.div(p == 2 ? safe : safe.pow(p - 1)));
        Tensor scaled = p == 2 ? self : p < 2
                ? Tensor.where(self.eq(0), 0.0, self.mul(Tensor.where(self.eq(0), 1.0, self.abs()).pow(p - 2)))
                : self.mul(self.abs().pow(p - 2));
        return scaled.mul(scale);
    }

    /**
     * {@link #norm(Tensor, double, int[], boolean)} with {@code p = "fro"}, the Frobenius norm (the 2-norm of the
     * elements), as {@code torch.norm(x, "fro", dim, keepdim)}.
     *
     * @param x a floating tensor
     * @param p {@code "fro"}
     * @param dims the dims to reduce (null or empty: all)
     * @param keepdim keep the reduced dims as size 1
     * @return the norms
     * @throws IllegalArgumentException for another string, a bad dim or an integer input
     */
    public static Tensor norm(Tensor x, String p, int[] dims, boolean keepdim) {
        if (!"fro".equals(p)) {
            throw Errors.argument("norm", "the only string order is \"fro\" but got \"" + p + "\"");
        }
        return norm(x, 2, dims, keepdim);
    }

    /** The keepdim norm, composed (differentiable where the backward above uses it). */
    private static Tensor normValue(Tensor x, double p, int[] dims) {
        if (p == 0) {
            return x.ne(0.0).to(x.dtype()).sum(dims, true);
        }
        if ((Double.isInfinite(p) || p < 0) && x.numel() == 0) {
            // torch.norm's inf and negative norms of nothing are 0 (amax/amin have no identity, 0^(1/p) is inf)
            return x.sum(dims, true);
        }
        if (p == Double.POSITIVE_INFINITY) {
            return x.abs().amax(dims, true);
        }
        if (p == Double.NEGATIVE_INFINITY) {
            return x.abs().amin(dims, true);
        }
        if (p == 1) {
            return x.abs().sum(dims, true);
        }
        if (p == 2) {
            return x.mul(x).sum(dims, true).sqrt();
        }
        return x.abs().pow(p).sum(dims, true).pow(1 / p);
    }

    /**
     * {@code x / max(norm(x, p, dim), eps)}, as {@code torch.nn.functional.normalize}.
     *
     * @param x a floating tensor
     * @param p the norm's order
     * @param dim the dim along which vectors are normalised
     * @param eps the smallest divisor
     * @return the normalised {@code x}
     * @throws IllegalArgumentException for a bad dim, order or dtype
     */
    public static Tensor normalize(Tensor x, double p, int dim, double eps) {
        int d = Shapes.wrapDim("normalize", dim, x.dim());
        return x.div(norm(x, p, new int[] {d}, true).clampMin(eps));
    }

    /**
     * Cosine similarity along {@code dim}, as {@code torch.nn.functional.cosine_similarity} in PyTorch 1.13:
     * {@code sum(x1 / max(|x1|, eps) * x2 / max(|x2|, eps))}, the inputs broadcast together; the clamp changes the
     * norm's value only, not its gradient, as PyTorch's in-place no-grad clamp does.
     *
     * @param x1 a floating tensor
     * @param x2 a floating tensor broadcastable with {@code x1}
     * @param dim the dim of the vectors
     * @param eps the smallest norm
     * @return the similarities, without {@code dim}
     * @throws IllegalArgumentException for shapes that do not broadcast, a bad dim, dtype or device
     */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2, int dim, double eps) {
        String op = "cosine_similarity";
        Dispatch.device(op, x1, x2);
        int[] shape = Shapes.broadcast(op, view(x1).shape, view(x2).shape);
        Tensor a = x1.expand(shape), b = x2.expand(shape);
        int d = Shapes.wrapDim(op, dim, shape.length);
        return a.div(clampedNorm(a, d, eps)).mul(b.div(clampedNorm(b, d, eps))).sum(d);
    }

    private static Tensor clampedNorm(Tensor x, int dim, double eps) {
        Tensor n = norm(x, 2, new int[] {dim}, true);
        Tensor value = n.detach();
        return n.add(value.clampMin(eps).sub(value));
    }
}
