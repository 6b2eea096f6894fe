package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.spi.FusedOp;

import java.util.Arrays;
import java.util.List;

import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;
import static dev.autograd4j.ops.Rearrange.untracked;

/**
 * cumsum, cumprod, cummax, cummin, logcumsumexp, diff and prod, composed from narrow, cat and pointwise ops so they run
 * on every backend without a kernel of their own. cumsum and cumprod's forward take a backend's one-pass scan kernel
 * where it has one ({@link FusedOp#SCAN}): the composed scan reads and writes the tensor {@code 2 log2(n)} times, and
 * its graph (the backward, itself a cumsum) is recorded by the op whichever computed the values.
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
 *
 * <p>Note [cumprod's gradient]: with {@code y_k = x_0 ... x_k}, {@code d/dx_i sum_k g_k y_k} is
 * {@code (x_0 ... x_{i-1}) S_i} where {@code S_i = g_i + x_{i+1} S_{i+1}} (the sum over {@code k >= i} of {@code g_k}
 * times the product of {@code x_{i+1} ... x_k}). The first factor is the exclusive scan; {@code S} is a linear
 * recurrence, itself a scan of affine maps ({@code affineScan}) run from the end. Neither divides, so one zero, several
 * zeros or none need no case (PyTorch's {@code cumprod_backward} reads the data to choose among three formulas), and,
 * being composed of products and sums, it has the true second derivative.
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

    /**
     * The inclusive scan for cumsum and cumprod's forward: the backend's one-pass kernel ({@link FusedOp#SCAN}) where it
     * has one, else the composed scan. Not recorded: the caller records the op.
     */
    private static Tensor scan(String op, Tensor x, int d, boolean multiply) {
        if (x.numel() > 0 && Dispatch.backend(op, x).supports(FusedOp.SCAN)) {
            Tensor in = x.contiguous(), out = Dispatch.emptyLike(in);
            Dispatch.backend(op, in).scan(view(out), view(in), d, multiply);
            return out;
        }
        return scan(x, d, multiply);
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
            return x.dim() == 0 ? in.clone() : scan("cumsum", in, d, false);
        }, x);
        if (x.dim() == 0) {
            return record("CumsumBackward0", (n, g) -> new Tensor[] {g[0]}, x).output(out);
        }
        return record("CumsumBackward0", (n, g) -> new Tensor[] {Rearrange.flip(cumsum(Rearrange.flip(g[0],
                new int[] {d}), d), new int[] {d})}, x).output(out);
    }

    /**
     * The running product along {@code dim} ({@code torch.cumprod}); integers and bool multiply in int64 (wrapping).
     * CumprodBackward0, right with zeros in the input (see Note [cumprod's gradient]).
     *
     * @param x the input
     * @param dim the dim
     * @return the running products
     */
    public static Tensor cumprod(Tensor x, int dim) {
        Dispatch.checkLive("cumprod", x);
        int d = Shapes.wrapDim("cumprod", dim, x.dim());
        DType type = prodType(x);
        Tensor out = untracked(() -> x.dim() == 0 ? x.to(type).clone() : scan("cumprod", x.to(type), d, true), x);
        if (x.dim() == 0) {
            return record("CumprodBackward0", (n, g) -> new Tensor[] {g[0]}, x).output(out);
        }
        return record("CumprodBackward0", (n, g) -> new Tensor[] {cumprodBackward(n.saved(0), g[0], d)}, x)
                .save(x).output(out);
    }

    /** {@code (x_0 ... x_{i-1}) S_i} with {@code S_i = g_i + x_{i+1} S_{i+1}}: see Note [cumprod's gradient]. */
    private static Tensor cumprodBackward(Tensor x, Tensor g, int d) {
        int n = x.size(d);
        if (n <= 1) {
            return g;
        }
        int[] dims = {d};
        // From the end: S'_r = g'_r + x'_{r-1} S'_{r-1} over the flipped dim; the first multiplier is never used.
        Tensor xf = Rearrange.flip(x, dims);
        int[] first = x.shape();
        first[d] = 1;
        Tensor multipliers = Tensor.cat(List.of(Tensor.zeros(first, x.dtype(), x.device()), xf.narrow(d, 0, n - 1)),
                d);
        Tensor s = Rearrange.flip(affineScan(multipliers, Rearrange.flip(g, dims), d), dims);
        return exclusive(x, d, true).mul(s);
    }

    /**
     * {@code y_k = b_k + a_k y_{k-1}} along {@code d} ({@code y_{-1} = 0}), Hillis and Steele's scan over the affine
     * maps {@code y -> b + a y}: composing map {@code k} after map {@code j} gives {@code (a_k a_j, b_k + a_k b_j)}.
     * Differentiable.
     */
    private static Tensor affineScan(Tensor a, Tensor b, int d) {
        int n = b.size(d);
        for (int s = 1; s < n; s <<= 1) {
            Tensor aTail = a.narrow(d, s, n - s), aBefore = a.narrow(d, 0, n - s);
            Tensor bTail = b.narrow(d, s, n - s), bBefore = b.narrow(d, 0, n - s);
            b = Tensor.cat(List.of(b.narrow(d, 0, s), bTail.add(aTail.mul(bBefore))), d);
            a = Tensor.cat(List.of(a.narrow(d, 0, s), aTail.mul(aBefore)), d);
        }
        return b;
    }

    /**
     * The running maximum along {@code dim} and the index where it was taken ({@code torch.cummax}): of ties, the
     * last index; NaN, once seen, is the maximum, at the last NaN's index. Bool and integers keep their dtype.
     * CummaxBackward0 sends each gradient to its index.
     *
     * @param x the input
     * @param dim the dim
     * @return the running maxima and their int64 indices
     */
    public static Tensor.ValuesIndices cummax(Tensor x, int dim) {
        return runningExtreme("cummax", "CummaxBackward0", x, dim, true);
    }

    /**
     * The running minimum along {@code dim} and its index ({@code torch.cummin}), as {@link #cummax} with the
     * comparison reversed. CumminBackward0.
     *
     * @param x the input
     * @param dim the dim
     * @return the running minima and their int64 indices
     */
    public static Tensor.ValuesIndices cummin(Tensor x, int dim) {
        return runningExtreme("cummin", "CumminBackward0", x, dim, false);
    }

    /**
     * PyTorch's {@code cummax_cummin_helper} as a scan of (value, index) pairs: a later segment's pair wins where its
     * value is NaN, or where the earlier one's is not and it compares {@code >=} ({@code <=} for the minimum). The
     * rule is associative, so the pairs combine in Hillis and Steele's order as the sequential loop would.
     */
    private static Tensor.ValuesIndices runningExtreme(String name, String node, Tensor x, int dim, boolean max) {
        Dispatch.checkLive(name, x);
        // PyTorch 1.13 fills a 0-d input's result before looking at dim, so any dim goes there
        int d = x.dim() == 0 ? 0 : Shapes.wrapDim(name, dim, x.dim());
        int[] shape = x.shape();
        Tensor values, indices;
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            Tensor in = x.dim() == 0 ? x.reshape(1) : x;
            Tensor v = in.dtype() == DType.BOOL ? in.to(DType.INT32) : in;
            int n = in.size(d);
            long[] positions = new long[n];
            Arrays.setAll(positions, i -> i);
            int[] along = new int[in.dim()];
            Arrays.fill(along, 1);
            along[d] = n;
            Tensor idx = Rearrange.longs(positions, in.device()).reshape(along).expand(in.shape());
            boolean floating = v.dtype().isFloatingPoint();
            for (int s = 1; s < n; s <<= 1) {
                Tensor later = v.narrow(d, s, n - s), earlier = v.narrow(d, 0, n - s);
                Tensor take = max ? later.ge(earlier) : later.le(earlier);
                if (floating) {
                    take = later.isnan().logicalOr(earlier.isnan().logicalNot().logicalAnd(take));
                }
                v = Tensor.cat(List.of(v.narrow(d, 0, s), Tensor.where(take, later, earlier)), d);
                idx = Tensor.cat(List.of(idx.narrow(d, 0, s), Tensor.where(take, idx.narrow(d, s, n - s),
                        idx.narrow(d, 0, n - s))), d);
            }
            values = (in.dtype() == DType.BOOL ? v.to(DType.BOOL) : v).reshape(shape).clone();
            indices = idx.reshape(shape).clone();
            scope.keep(values, indices);
        }
        int[] inShape = x.dim() == 0 ? new int[] {1} : shape;
        int di = d;
        Tensor out = record(node, (nd, g) -> new Tensor[] {Tensor.zeros(inShape, g[0].dtype(), g[0].device())
                .scatterAdd(di, nd.saved(0).reshape(inShape), g[0].reshape(inShape)).reshape(shape)}, x)
                .save(indices).output(values);
        return new Tensor.ValuesIndices(out, indices);
    }

    /**
     * {@code log(cumsum(exp(x)))} along {@code dim} without overflow ({@code torch.logcumsumexp}): a scan whose step
     * is PyTorch's {@code _log_add_exp_helper}, {@code max + log1p(exp(min - max))}, or {@code a} where both are the
     * same infinity. Floating inputs only, as PyTorch's. LogcumsumexpBackward0 is PyTorch's
     * {@code logcumsumexp_backward}, built on logcumsumexp itself, so it has higher derivatives.
     *
     * @param x the input
     * @param dim the dim
     * @return the running log-sum-exps
     */
    public static Tensor logcumsumexp(Tensor x, int dim) {
        Dispatch.checkLive("logcumsumexp", x);
        Errors.requireFloating("logcumsumexp", x.dtype());
        int d = Shapes.wrapDim("logcumsumexp", dim, x.dim());
        Tensor out = untracked(() -> {
            if (x.dim() == 0) {
                return x.clone();
            }
            int n = x.size(d);
            Tensor y = x;
            for (int s = 1; s < n; s <<= 1) {
                Tensor head = y.narrow(d, 0, s), tail = y.narrow(d, s, n - s), before = y.narrow(d, 0, n - s);
                y = Tensor.cat(List.of(head, logAddExp(tail, before)), d);
            }
            return y;
        }, x);
        if (x.dim() == 0) {
            return record("LogcumsumexpBackward0", (n, g) -> new Tensor[] {g[0]}, x).output(out);
        }
        return record("LogcumsumexpBackward0", (n, g) -> new Tensor[] {logcumsumexpBackward(g[0], n.saved(0),
                n.saved(1), d)}, x).save(x, out).output(out);
    }

    /** PyTorch's {@code _log_add_exp_helper}: NaN propagates; two equal infinities give {@code a}. */
    private static Tensor logAddExp(Tensor a, Tensor b) {
        Tensor hi = a.maximum(b), lo = a.minimum(b);
        Tensor general = lo.ne(hi).logicalOr(lo.isfinite());
        return Tensor.where(general, hi.add(lo.sub(hi).exp().log1p()), a);
    }

    /**
     * PyTorch's {@code logcumsumexp_backward}: the positive and negative parts of the gradient, each as a log, go
     * through the reversed logcumsumexp of {@code log|g| - result}, then {@code exp(. + x)}; a part's zeros are the
     * dtype's lowest value rather than {@code -inf}.
     */
    private static Tensor logcumsumexpBackward(Tensor g, Tensor x, Tensor result, int d) {
        if (g.numel() == 0) {
            return g;
        }
        double lowest = g.dtype() == DType.FLOAT32 ? -Float.MAX_VALUE : -Double.MAX_VALUE;
        Tensor logAbs = g.abs().log();
        Tensor positive = Tensor.where(g.gt(0), logAbs, lowest), negative = Tensor.where(g.lt(0), logAbs, lowest);
        int[] dims = {d};
        Tensor outPositive = Rearrange.flip(logcumsumexp(Rearrange.flip(positive.sub(result), dims), d), dims).add(x)
                .exp();
        Tensor outNegative = Rearrange.flip(logcumsumexp(Rearrange.flip(negative.sub(result), dims), d), dims).add(x)
                .exp();
        return outPositive.sub(outNegative);
    }

    /**
     * The {@code n}-th forward difference along {@code dim} ({@code torch.diff(x, n, dim)}): {@code x[i + 1] - x[i]},
     * {@code n} times, each shortening the dim by one (to no elements at most); bool tensors differ by
     * {@code logicalXor}. PyTorch 1.13 returns a copy for {@code n <= 0}. Composed, so its gradient is sub's and
     * narrow's.
     *
     * @param x the input, at least 1-D
     * @param n how many times to difference
     * @param dim the dim
     * @return the differences
     */
    public static Tensor diff(Tensor x, int n, int dim) {
        Dispatch.checkLive("diff", x);
        if (x.dim() == 0) {
            throw Errors.argument("diff", "expects input to be at least one-dimensional, but got a 0-d tensor");
        }
        int d = Shapes.wrapDim("diff", dim, x.dim());
        Tensor y = x;
        for (int i = 0; i < n && y.size(d) > 0; i++) {
            int m = y.size(d);
            Tensor later = y.narrow(d, 1, m - 1), earlier = y.narrow(d, 0, m - 1);
            y = x.dtype() == DType.BOOL ? later.logicalXor(earlier) : later.sub(earlier);
        }
        return y == x ? x.clone() : y;
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
