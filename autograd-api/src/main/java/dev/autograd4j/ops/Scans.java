package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

import java.util.List;

import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.ops.Rearrange.untracked;

/**
 * cumsum and prod, composed from narrow, cat, add and mul so they run on every backend without a kernel of their
 * own.
 *
 * <p>Note [Scans]: an inclusive scan along a dim of {@code n} elements is Hillis and Steele's: {@code log2(n)}
 * steps, step {@code s} adding (or multiplying) each element with the one {@code s} before it. Each output is then
 * a sum over a binary tree of at most {@code n} terms, within the bound the accuracy statement gives a backend's SUM
 * of {@code n} terms in the dtype's own arithmetic ({@code log2(n) u sum|x|}). A product over a dim is a tree too:
 * the halves are multiplied until one element is left.
 *
 * <p>Note [prod's gradient]: {@code d prod(x) / d x_i} is the product of the other elements, computed as the
 * exclusive scan from the left times the exclusive scan from the right, so it is right with one zero (the zero's
 * gradient is the product of the rest) or several (every gradient is 0) without reading the data to decide, as
 * PyTorch's {@code prod_backward} does; and, being composed of differentiable ops, it has a second derivative.
 */
public final class Scans {
    private Scans() {
    }

    /** The inclusive scan of {@code x} along {@code d}: sums, or products with {@code multiply}. Differentiable. */
    static Tensor scan(Tensor x, int d, boolean multiply) {
        int n = x.size(d);
        Tensor y = x;
        for (int s = 1; s < n; s <<= 1) {
            Tensor head = y.narrow(d, 0, s), tail = y.narrow(d, s, n - s), before = y.narrow(d, 0, n - s);
            y = Tensor.cat(List.of(head, multiply ? tail.mul(before) : tail.add(before)), d);
        }
        return y;
    }

    /** The exclusive scan: the identity first, then the inclusive scan without its last element. */
    private static Tensor exclusive(Tensor x, int d, boolean multiply) {
        int n = x.size(d);
        int[] first = x.shape();
        first[d] = 1;
        Tensor identity = Tensor.full(first, multiply ? 1 : 0, x.dtype(), x.device());
        return Tensor.cat(List.of(identity, scan(x, d, multiply).narrow(d, 0, n - 1)), d);
    }

    /**
     * The running sum along {@code dim} ({@code torch.cumsum}); integers and bool accumulate in int64.
     * CumsumBackward0 is the running sum of the gradient from the end.
     *
     * @param x the input
     * @param dim the dim
     * @return the running sums
     */
    public static Tensor cumsum(Tensor x, int dim) {
        Dispatch.checkLive("cumsum", x);
        int d = Shapes.wrapDim("cumsum", dim, x.dim());
        Tensor out = untracked(() -> {
            Tensor in = x.dtype().isFloatingPoint() ? x : x.to(DType.INT64);
            return x.dim() == 0 ? in.clone() : scan(in, d, false);
        }, x);
        if (x.dim() == 0) {
            return record("CumsumBackward0", (n, g) -> new Tensor[] {g[0]}, x).output(out);
        }
        return record("CumsumBackward0", (n, g) -> new Tensor[] {Rearrange.flip(cumsum(Rearrange.flip(g[0],
                new int[] {d}), d), new int[] {d})}, x).output(out);
    }

    /**
     * The product of all elements, a 0-d tensor ({@code torch.prod}); ProdBackward0.
     *
     * @param x the input
     * @return the product(s)
     */
    public static Tensor prod(Tensor x) {
        Dispatch.checkLive("prod", x);
        int[] shape = x.shape();
        DType type = prodType(x);
        Tensor out = untracked(() -> product(Shapes.flatten("prod", x).to(type), 0).reshape(), x);
        return record("ProdBackward0", (n, g) -> new Tensor[] {
                otherProducts(n.saved(0).reshape(-1), 0).mul(g[0]).reshape(shape)}, x).save(x).output(out);
    }

    /**
     * The product over {@code dim} ({@code torch.prod(x, dim, keepdim)}); ProdBackward1.
     *
     * @param x the input
     * @param dim the dim
     * @param keepdim keep the dim with size 1
     * @return the product(s)
     */
    public static Tensor prod(Tensor x, int dim, boolean keepdim) {
        Dispatch.checkLive("prod", x);
        int d = Shapes.wrapDim("prod", dim, x.dim());
        DType type = prodType(x);
        if (x.dim() == 0) {
            Tensor out = untracked(() -> x.to(type).clone(), x);
            return record("ProdBackward1", (n, g) -> new Tensor[] {g[0]}, x).output(out);
        }
        Tensor out = untracked(() -> {
            Tensor p = product(x.to(type), d);
            return keepdim ? p : p.squeeze(d);
        }, x);
        return record("ProdBackward1", (n, g) -> new Tensor[] {otherProducts(n.saved(0), d)
                .mul(keepdim ? g[0] : g[0].unsqueeze(d))}, x).save(x).output(out);
    }

    private static DType prodType(Tensor x) {
        return x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
    }

    /** The product over {@code d}, kept as a size-1 dim: the halves multiplied until one element is left. */
    private static Tensor product(Tensor x, int d) {
        int n = x.size(d);
        if (n == 0) {
            int[] shape = x.shape();
            shape[d] = 1;
            return Tensor.ones(shape, x.dtype(), x.device());
        }
        Tensor y = x;
        while (n > 1) {
            int half = n / 2;
            Tensor pairs = y.narrow(d, 0, half).mul(y.narrow(d, half, half));
            y = n % 2 == 0 ? pairs : Tensor.cat(List.of(pairs, y.narrow(d, 2 * half, 1)), d);
            n = n - half;
        }
        return y;
    }

    /** For each element, the product of the others along {@code d} (see Note [prod's gradient]). */
    private static Tensor otherProducts(Tensor x, int d) {
        if (x.size(d) == 0) {
            return Tensor.zerosLike(x);
        }
        int[] dims = {d};
        Tensor fromRight = Rearrange.flip(exclusive(Rearrange.flip(x, dims), d, true), dims);
        return exclusive(x, d, true).mul(fromRight);
    }
}
