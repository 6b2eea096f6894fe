package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;

import static dev.autograd4j.internal.Internal.view;

/**
 * Scaled dot-product attention, composed of matmul, a mask, softmax and dropout, so its backward (and double
 * backward) is theirs and every backend runs it; a fused kernel can replace it later through the optional-primitive
 * mechanism ({@code FusedOp}) without changing the user surface.
 */
public final class Attention {
    private Attention() {
    }

    /**
     * {@code softmax(q k^T * scale + mask) v}, as {@code torch.nn.functional.scaled_dot_product_attention} (PyTorch
     * 2.0; its math path). A boolean mask says where to attend (true: attend; false: the score becomes
     * {@code -inf}); a floating mask is added to the scores; {@code isCausal} masks every key after the query's
     * position (the top-left aligned lower triangle). A query that may attend to nothing gets NaN, as PyTorch's math
     * path does.
     *
     * @param q queries {@code [..., L, E]}
     * @param k keys {@code [..., S, E]}
     * @param v values {@code [..., S, Ev]}
     * @param attnMask null, or a bool or floating mask broadcastable to {@code [..., L, S]}
     * @param dropoutP the probability of dropping an attention weight (0: none)
     * @param isCausal apply the causal mask (not together with {@code attnMask})
     * @param scale the factor of the scores; null: {@code 1 / sqrt(E)}
     * @param generator the dropout's generator; null: the default generator ({@link Generator#defaultGenerator()})
     * @return {@code [..., L, Ev]}
     * @throws IllegalArgumentException for bad ranks, sizes, dtypes, devices, a mask together with {@code isCausal},
     *     a dropout probability outside [0, 1], or dropout without a generator
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor attnMask, double dropoutP,
                                                   boolean isCausal, Double scale, Generator generator) {
        String op = "scaled_dot_product_attention";
        Dispatch.device(op, q, k);
        Dispatch.device(op, q, v);
        int[] qs = view(q).shape, ks = view(k).shape, vs = view(v).shape;
        if (qs.length < 2 || ks.length < 2 || vs.length < 2) {
            throw Errors.argument(op, "expected query, key and value of at least 2 dims but got " + Errors.shape(qs)
                    + ", " + Errors.shape(ks) + " and " + Errors.shape(vs));
        }
        if (!q.dtype().isFloatingPoint() || k.dtype() != q.dtype() || v.dtype() != q.dtype()) {
            throw Errors.argument(op, "expected query, key and value of one floating dtype but got " + q.dtype()
                    + ", " + k.dtype() + " and " + v.dtype());
        }
        int e = qs[qs.length - 1], l = qs[qs.length - 2], s = ks[ks.length - 2];
        if (ks[ks.length - 1] != e) {
            throw Errors.argument(op, "query " + Errors.shape(qs) + " and key " + Errors.shape(ks)
                    + " must have the same embedding size");
        }
        if (vs[vs.length - 2] != s) {
            throw Errors.argument(op, "key " + Errors.shape(ks) + " and value " + Errors.shape(vs)
                    + " must have the same sequence length");
        }
        if (!(dropoutP >= 0 && dropoutP <= 1)) {
            throw Errors.argument(op, "dropout probability has to be between 0 and 1, but got " + dropoutP);
        }
        if (isCausal && attnMask != null) {
            throw Errors.argument(op, "attn_mask and is_causal cannot both be given");
        }
        double factor = scale != null ? scale : 1 / Math.sqrt(e);
        Tensor scores = q.matmul(k.transpose(-2, -1)).mul(factor);
        Tensor mask = attnMask;
        if (isCausal) {
            boolean[] lower = new boolean[l * s];
            for (int i = 0; i < l; i++) {
                for (int j = 0; j <= i && j < s; j++) {
                    lower[i * s + j] = true;
                }
            }
            mask = Factories.fromArray(lower, lower.length, new int[] {l, s}, q.device());
        }
        if (mask != null) {
            Dispatch.device(op, q, mask);
            Shapes.broadcast(op, view(scores).shape, view(mask).shape);
            if (mask.dtype() == DType.BOOL) {
                scores = Tensor.where(mask, scores, Double.NEGATIVE_INFINITY);
            } else if (mask.dtype() == q.dtype()) {
                scores = scores.add(mask);
            } else {
                throw Errors.argument(op, "expected a bool mask or a mask of the query's dtype " + q.dtype()
                        + " but got " + mask.dtype());
            }
        }
        Tensor weights = scores.softmax(-1);
        if (dropoutP > 0) {
            weights = Dropout.dropout(weights, dropoutP, true, generator != null ? generator
                    : Generator.defaultGenerator()); // as torch: no generator draws from the default one
        }
        return weights.matmul(v);
    }
}
