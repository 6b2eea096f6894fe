package dev.autograd4j.ops;

import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.internal.Backward;

import java.util.Arrays;

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
     * the saved input in backward, so a recorded backward differentiates through them too.
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
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
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor xhat = normalize(x, dims, eps);
            out = affine(xhat, weight, bias);
        }
        return record("NativeLayerNormBackward0", (n, g) -> {
            Tensor self = n.saved(0), w = n.saved(1);
            Tensor mean = self.mean(dims, true);
            Tensor centered = self.sub(mean);
            Tensor rstd = centered.mul(centered).mean(dims, true).add(eps).rsqrt();
            Tensor xhat = centered.mul(rstd);
            Tensor gh = w == null ? g[0] : g[0].mul(w);
            Tensor gx = null, gw = null, gb = null;
            if (n.needsInputGrad(0)) {
                gx = rstd.mul(gh.sub(gh.mean(dims, true)).sub(xhat.mul(gh.mul(xhat).mean(dims, true))));
            }
            if (weight != null && n.needsInputGrad(1)) {
                gw = g[0].mul(xhat).sumToSize(normalizedShape);
            }
            if (bias != null && n.needsInputGrad(2)) {
                gb = g[0].sumToSize(normalizedShape);
            }
            return new Tensor[] {gx, gw, gb};
        }, x, weight, bias).save(x, weight).output(out);
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
