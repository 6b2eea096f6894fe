package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;

import static dev.autograd4j.internal.Internal.record;

/**
 * softmax and log_softmax along one dimension. Both subtract the row maximum before exponentiating, so large
 * logits neither overflow nor lose the small probabilities (a fused op for stability, as in PyTorch).
 */
public final class SoftmaxOps {
    private SoftmaxOps() {
    }

    /** {@code exp(x - m) / sum(exp(x - m))}; backward {@code y * (g - sum(g * y))}. */
    public static Tensor softmax(Tensor x, int dim) {
        Tensor xf = floating(x);
        int d = Shapes.wrapDim("softmax", dim, x.dim());
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor e = shifted(xf, d).exp();
            out = e.div(e.sum(d, true));
        }
        return record("SoftmaxBackward0", (n, g) -> {
            Tensor y = n.saved(0);
            return new Tensor[] {y.mul(g[0].sub(g[0].mul(y).sum(d, true)))};
        }, xf).save(out).output(out);
    }

    /** {@code (x - m) - log(sum(exp(x - m)))}; backward {@code g - exp(y) * sum(g)}. */
    public static Tensor logSoftmax(Tensor x, int dim) {
        Tensor xf = floating(x);
        int d = Shapes.wrapDim("log_softmax", dim, x.dim());
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor s = shifted(xf, d);
            out = s.sub(s.exp().sum(d, true).log());
        }
        return record("LogSoftmaxBackward0", (n, g) -> {
            Tensor y = n.saved(0);
            return new Tensor[] {g[0].sub(y.exp().mul(g[0].sum(d, true)))};
        }, xf).save(out).output(out);
    }

    /** {@code x - max(x, dim)}, with an infinite maximum taken as 0 so a row of -inf stays -inf, not NaN. */
    private static Tensor shifted(Tensor x, int dim) {
        if (x.dim() == 0) {
            return x.sub(x);
        }
        Tensor m = x.amax(new int[] {dim}, true);
        m = Tensor.where(m.abs().eq(Double.POSITIVE_INFINITY), Tensor.zerosLike(m), m);
        return x.sub(m);
    }

    private static Tensor floating(Tensor x) {
        return x.dtype().isFloatingPoint() ? x : x.to(DType.defaultFloat());
    }
}
