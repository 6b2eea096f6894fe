package dev.autograd4j.ops;

import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.spi.FusedOp;

import static dev.autograd4j.internal.Internal.isRecording;
import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * softmax and log_softmax along one dimension. Both subtract the row maximum before exponentiating, so large
 * logits neither overflow nor lose the small probabilities (a fused op for stability, as in PyTorch). Over the last
 * dimension of a contiguous tensor, a backend's optional fused kernels ({@link FusedOp#SOFTMAX},
 * {@link FusedOp#LOG_SOFTMAX}) do each direction in one pass; elsewhere the formula is composed.
 */
public final class SoftmaxOps {
    private SoftmaxOps() {
    }

    /** {@code exp(x - m) / sum(exp(x - m))}; backward {@code y * (g - sum(g * y))}. */
    public static Tensor softmax(Tensor x, int dim) {
        return softmax(x, dim, false);
    }

    /** {@code (x - m) - log(sum(exp(x - m)))}; backward {@code g - exp(y) * sum(g)}. */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return softmax(x, dim, true);
    }

    private static Tensor softmax(Tensor x, int dim, boolean log) {
        String name = log ? "log_softmax" : "softmax";
        Tensor xf = floating(name, x);
        int d = Shapes.wrapDim(name, dim, x.dim());
        Tensor out;
        if (fusable(name, xf, d, log)) {
            out = Dispatch.emptyLike(xf);
            Dispatch.backend(name, xf).softmax(view(out), view(xf), log);
        } else {
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                Tensor s = shifted(xf, d);
                if (log) {
                    out = s.sub(s.exp().sum(d, true).log());
                } else {
                    Tensor e = s.exp();
                    out = e.div(e.sum(d, true));
                }
            }
        }
        return recordSoftmax(xf, out, d, log);
    }

    /** Records softmax's node: the backward takes the fused kernel when the pass is not recorded and it exists. */
    static Tensor recordSoftmax(Tensor x, Tensor out, int d, boolean log) {
        return record(log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", (n, g) -> {
            Tensor y = n.saved(0);
            String op = log ? "log_softmax_backward" : "softmax_backward";
            if (!isRecording(g[0], y) && fusable(op, y, d, log)) {
                Tensor grad = g[0].contiguous();
                Tensor gradIn = Dispatch.emptyLike(y);
                Dispatch.backend(op, grad, y).softmaxBackward(view(gradIn), view(grad), view(y), log);
                return new Tensor[] {gradIn};
            }
            return new Tensor[] {log ? g[0].sub(y.exp().mul(g[0].sum(d, true)))
                    : y.mul(g[0].sub(g[0].mul(y).sum(d, true)))};
        }, x).save(out).output(out);
    }

    /**
     * Whether the backend's fused kernel applies: it has one, the softmax is over the last dimension of a contiguous,
     * non-empty tensor.
     */
    static boolean fusable(String op, Tensor x, int dim, boolean log) {
        return x.dim() > 0 && dim == x.dim() - 1 && x.numel() > 0 && x.isContiguous()
                && Dispatch.backend(op, x).supports(log ? FusedOp.LOG_SOFTMAX : FusedOp.SOFTMAX);
    }

    /** {@code x - max(x, dim)}, with an infinite maximum taken as 0 so a row of -inf stays -inf, not NaN. */
    private static Tensor shifted(Tensor x, int dim) {
        if (x.dim() == 0 || x.numel() == 0) {
            return x.sub(x); // no maximum to take: a 0-d softmax is 1 (log: 0), an empty one is empty
        }
        // Shifted even by an infinite maximum, as PyTorch's softmax (unlike its logsumexp): a row with +inf, or of
        // -inf only, is all NaN.
        return x.sub(x.amax(new int[] {dim}, true));
    }

    /** {@code x}, which must be floating: PyTorch has no integer or bool softmax ("not implemented for 'Long'"). */
    private static Tensor floating(String op, Tensor x) {
        Dispatch.checkLive(op, x);
        Errors.requireFloating(op, x.dtype());
        return x;
    }
}
