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

/** Layer normalization over the trailing {@code normalizedShape} dims, like {@code torch.nn.functional.layer_norm}. */
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
        if (!x.dtype().isFloatingPoint()) {
            throw Errors.argument("layer_norm", "expected a floating point input but got " + x.dtype());
        }
        for (Tensor p : new Tensor[] {weight, bias}) {
            if (p != null) {
                Dispatch.device("layer_norm", x, p);
                if (!Arrays.equals(view(p).shape, normalizedShape)) {
                    throw Errors.argument("layer_norm", "weight and bias must have shape " + Arrays.toString(normalizedShape)
                            + " but got " + Errors.shape(view(p).shape));
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
}
