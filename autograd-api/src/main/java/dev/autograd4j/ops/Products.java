package dev.autograd4j.ops;

import dev.autograd4j.Tensor;
import dev.autograd4j.internal.Recorder;
import dev.autograd4j.spi.View;

import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * The products PyTorch names apart from matmul: bmm, addmm and baddbmm (the backend's batched GEMM with its
 * {@code alpha} and {@code beta}: the input is copied into the output and the GEMM accumulates onto it, one pass)
 * and outer (a broadcast multiply, as in PyTorch). Backward formulas are products of the gradient with the other
 * operand transposed, scaled by alpha; the input's gradient is the gradient times beta, summed to its shape.
 */
public final class Products {
    private Products() {
    }

    private static void checkFloating(String op, Tensor... operands) {
        for (Tensor t : operands) {
            Dispatch.checkLive(op, t);
            Dispatch.device(op, operands[0], t);
            if (t.dtype() != operands[0].dtype()) {
                throw Errors.dtypes(op, "expected all operands to have the same dtype", operands[0].dtype(), t.dtype());
            }
        }
        if (!operands[0].dtype().isFloatingPoint()) {
            throw Errors.argument(op, "is only implemented for float32 and float64, got " + operands[0].dtype());
        }
    }

    /** Checks {@code a} ({@code [..., M, K]}) and {@code b} ({@code [..., K, N]}) of rank {@code rank}. */
    private static void checkMatrices(String op, Tensor a, Tensor b, int rank) {
        if (a.dim() != rank || b.dim() != rank) {
            throw Errors.argument(op, "expects " + rank + "-D tensors but got shapes " + Errors.shape(a.shape())
                    + " and " + Errors.shape(b.shape()));
        }
        if (rank == 3 && a.size(0) != b.size(0)) {
            throw Errors.argument(op, "batch sizes of " + Errors.shape(a.shape()) + " and " + Errors.shape(b.shape())
                    + " differ (" + a.size(0) + " vs " + b.size(0) + ")");
        }
        if (a.size(-1) != b.size(-2)) {
            throw Errors.argument(op, "shapes " + Errors.shape(a.shape()) + " and " + Errors.shape(b.shape())
                    + " cannot be multiplied (" + a.size(-1) + " vs " + b.size(-2) + ")");
        }
    }

    /**
     * The batched product of {@code [B, M, K]} and {@code [B, K, N]} ({@code torch.bmm}); BmmBackward0.
     *
     * @param a the left operand
     * @param b the right operand
     * @return the batched product
     */
    public static Tensor bmm(Tensor a, Tensor b) {
        checkFloating("bmm", a, b);
        checkMatrices("bmm", a, b, 3);
        return a.matmul(b);
    }

    /**
     * {@code beta * input + alpha * (a @ b)} for 2-D {@code a}, {@code b} ({@code torch.addmm}).
     *
     * @param input the tensor added
     * @param a the left operand
     * @param b the right operand
     * @param beta the factor of {@code input} (0: ignored)
     * @param alpha the factor of the product
     * @return the result
     */
    public static Tensor addmm(Tensor input, Tensor a, Tensor b, double beta, double alpha) {
        return addProduct("addmm", "AddmmBackward0", input, a, b, beta, alpha, 2);
    }

    /**
     * {@code beta * input + alpha * (a @ b)} for batches {@code [B, M, K]}, {@code [B, K, N]} ({@code torch.baddbmm}).
     *
     * @param input the tensor added
     * @param a the left operand
     * @param b the right operand
     * @param beta the factor of {@code input} (0: ignored)
     * @param alpha the factor of the product
     * @return the result
     */
    public static Tensor baddbmm(Tensor input, Tensor a, Tensor b, double beta, double alpha) {
        return addProduct("baddbmm", "BaddbmmBackward0", input, a, b, beta, alpha, 3);
    }

    /**
     * The shared body of addmm and baddbmm. With {@code beta == 0} the input is ignored, NaN and infinity included,
     * as in PyTorch.
     */
    private static Tensor addProduct(String op, String node, Tensor input, Tensor a, Tensor b, double beta,
                                     double alpha, int rank) {
        checkFloating(op, input, a, b);
        checkMatrices(op, a, b, rank);
        int[] outShape = rank == 2 ? new int[] {a.size(0), b.size(1)} : new int[] {a.size(0), a.size(1), b.size(2)};
        int[] inputShape = input.shape();
        if (!Shapes.isExpandableTo(inputShape, outShape)) {
            throw Errors.argument(op, "input " + Errors.shape(inputShape) + " cannot be broadcast to the product's"
                    + " shape " + Errors.shape(outShape));
        }
        Tensor out = Dispatch.empty(outShape, a.dtype(), a.device());
        if (beta != 0) {
            Dispatch.backend(op, input).copy(view(out), Dispatch.broadcast(input, outShape));
        }
        Dispatch.backend(op, a, b).gemm(batch(view(out)), batch(view(a)), batch(view(b)), alpha, beta);
        Recorder r = record(node, (n, g) -> {
            Tensor gi = null, ga = null, gb = null;
            if (n.needsInputGrad(0)) {
                gi = (beta == 1 ? g[0] : g[0].mul(beta)).sumToSize(inputShape);
            }
            if (n.needsInputGrad(1)) {
                ga = g[0].matmul(n.saved(1).transpose(-1, -2));
                ga = alpha == 1 ? ga : ga.mul(alpha);
            }
            if (n.needsInputGrad(2)) {
                gb = n.saved(0).transpose(-1, -2).matmul(g[0]);
                gb = alpha == 1 ? gb : gb.mul(alpha);
            }
            return new Tensor[] {gi, ga, gb};
        }, input, a, b);
        return r.save(r.needsInputGrad(2) ? a : null, r.needsInputGrad(1) ? b : null).output(out);
    }

    /** A 2-D view as a batch of one (batch stride 0); a 3-D view as it is. */
    private static View batch(View v) {
        if (v.shape.length == 3) {
            return v;
        }
        return v.with(v.offset, new int[] {1, v.shape[0], v.shape[1]}, new long[] {0, v.strides[0], v.strides[1]});
    }

    /**
     * {@code a[i] * b[j]} for 1-D {@code a} and {@code b} ({@code torch.outer}): a broadcast multiply, MulBackward0.
     *
     * @param a the left operand
     * @param b the right operand
     * @return the outer product
     */
    public static Tensor outer(Tensor a, Tensor b) {
        Dispatch.checkLive("outer", a);
        Dispatch.checkLive("outer", b);
        if (a.dim() != 1 || b.dim() != 1) {
            throw Errors.argument("outer", "expects 1-D tensors but got shapes " + Errors.shape(a.shape()) + " and "
                    + Errors.shape(b.shape()));
        }
        Dispatch.device("outer", a, b);
        return a.reshape(-1, 1).mul(b);
    }

    /**
     * {@code torch.kron(a, b)}: the Kronecker product. Both shapes padded with leading ones to one rank; element
     * {@code i*bs + j} (per dim) of the result is {@code a[i] * b[j]}, so its shape is the product of the two, dim by
     * dim. Computed as PyTorch does, {@code a} as {@code [a0, 1, a1, 1, ...]} times {@code b} as
     * {@code [1, b0, 1, b1, ...]}, then viewed as the result (node UnsafeViewBackward0 over MulBackward0); the dtypes
     * promote as for {@code mul}.
     */
    public static Tensor kron(Tensor a, Tensor b) {
        Dispatch.checkLive("kron", a);
        Dispatch.checkLive("kron", b);
        Dispatch.device("kron", a, b);
        int[] as = view(a).shape, bs = view(b).shape;
        int rank = Math.max(as.length, bs.length);
        int[] aView = new int[2 * rank], bView = new int[2 * rank], outShape = new int[rank];
        for (int d = 0; d < rank; d++) {
            int ad = d - (rank - as.length) >= 0 ? as[d - (rank - as.length)] : 1;
            int bd = d - (rank - bs.length) >= 0 ? bs[d - (rank - bs.length)] : 1;
            long size = (long) ad * bd;
            if (size > Integer.MAX_VALUE) {
                throw Errors.argument("kron", "the product of shapes " + Errors.shape(as) + " and " + Errors.shape(bs)
                        + " has " + size + " elements along dim " + d + ", more than " + Integer.MAX_VALUE);
            }
            aView[2 * d] = ad;
            aView[2 * d + 1] = 1;
            bView[2 * d] = 1;
            bView[2 * d + 1] = bd;
            outShape[d] = (int) size;
        }
        Tensor product = a.reshape(aView).mul(b.reshape(bView)).contiguous();
        int[] productShape = view(product).shape;
        View pv = view(product);
        // PyTorch's _unsafe_view: the product's storage under the result's shape, not a differentiable view of it
        Tensor out = dev.autograd4j.internal.Internal.aliasData(product,
                pv.with(pv.offset, outShape, View.contiguousStrides(outShape)));
        return record("UnsafeViewBackward0", (n, g) -> new Tensor[] {g[0].reshape(productShape)}, product).output(out);
    }
}
