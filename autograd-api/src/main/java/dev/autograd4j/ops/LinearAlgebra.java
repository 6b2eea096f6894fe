package dev.autograd4j.ops;

import dev.autograd4j.Backends;
import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.internal.Backward;
import dev.autograd4j.internal.Recorder;
import dev.autograd4j.spi.View;

import java.util.Arrays;

import static dev.autograd4j.internal.Internal.bumpVersion;
import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * matmul (PyTorch's rules for 1-D, 2-D and batched operands with broadcast batch dims) and linear. Every product is
 * one call of the backend's batched GEMM on strided views: a transpose is a stride swap, a broadcast batch a stride
 * of 0, so neither is copied. Backward formulas are matmuls of the gradient with transposed operands:
 * {@code dA = G @ B^T}, {@code dB = A^T @ G} (the engine sums broadcast batch dims away).
 */
public final class LinearAlgebra {
    private LinearAlgebra() {
    }

    private static void checkOperands(String op, Tensor a, Tensor b) {
        Dispatch.device(op, a, b);
        if (a.dtype() != b.dtype()) {
            throw Errors.dtypes(op, "expected both operands to have the same dtype", a.dtype(), b.dtype());
        }
        if (!a.dtype().isFloatingPoint()) {
            throw Errors.argument(op, "is only implemented for float32 and float64, got " + a.dtype());
        }
    }

    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) {
            throw Errors.argument("matmul", "both arguments to matmul need to be at least 1D, but they are " + a.dim()
                    + "D and " + b.dim() + "D");
        }
        if (isIntegerProduct(a, b)) {
            Dispatch.device("matmul", a, b);
            return integerMatmul(a, b);
        }
        checkOperands("matmul", a, b);
        if (a.dim() == 1 && b.dim() == 1) {
            return dot("matmul", a, b);
        }
        if (a.dim() == 2 && b.dim() == 2) {
            return mm(a, b, "matmul");
        }
        if (a.dim() == 2 && b.dim() == 1) {
            return mv("matmul", a, b);
        }
        Tensor a2 = a.dim() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.dim() == 1 ? b.unsqueeze(1) : b;
        Tensor out = batched(a2, b2);
        if (a.dim() == 1) {
            out = out.squeeze(-2);
        }
        if (b.dim() == 1) {
            out = out.squeeze(-1);
        }
        return out;
    }

    private static void checkInner(String op, int[] a, int[] b) {
        int ka = a[a.length - 1], kb = b[b.length - 2];
        if (ka != kb) {
            throw Errors.argument(op, "shapes " + Errors.shape(a) + " and " + Errors.shape(b) + " cannot be multiplied ("
                    + ka + " vs " + kb + ")");
        }
    }

    /**
     * matmul of two int32 or int64 tensors, as PyTorch's CPU computes it (exact, wrapping in two's complement; not
     * differentiable): the products broadcast to {@code [..., n, k, m]} and summed over {@code k}, from the SPI's
     * elementwise and reduction primitives (the backends' GEMMs are floating-point only). It holds {@code n k m}
     * products per batch, so it suits the small integer products it is used for.
     */
    private static Tensor integerMatmul(Tensor a, Tensor b) {
        Tensor a2 = a.dim() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.dim() == 1 ? b.unsqueeze(1) : b;
        int[] as = view(a2).shape, bs = view(b2).shape;
        checkInner("matmul", as, bs);
        Shapes.broadcast("matmul", Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        // the int64 sum of int32 products wraps to the same low 32 bits as an int32 accumulator would
        Tensor out = a2.unsqueeze(-1).mul(b2.unsqueeze(-3)).sum(-2).to(a.dtype());
        if (a.dim() == 1) {
            out = out.squeeze(-2);
        }
        if (b.dim() == 1) {
            out = out.squeeze(-1);
        }
        return out;
    }

    /** The inner product of two 1-D tensors (integers exact, as matmul's). */
    public static Tensor dot(Tensor a, Tensor b) {
        return dot("dot", a, b);
    }

    /** {@code torch.mv}: a matrix times a vector (integers exact, as matmul's). */
    public static Tensor mv(Tensor a, Tensor b) {
        if (a.dim() != 2 || b.dim() != 1) {
            throw Errors.argument("mv", "vector + matrix @ vector expected, got " + a.dim() + "D and " + b.dim() + "D");
        }
        if (isIntegerProduct(a, b)) {
            Dispatch.device("mv", a, b);
            checkInner("mv", view(a).shape, new int[] {b.size(0), 1});
            return integerMatmul(a, b);
        }
        checkOperands("mv", a, b);
        return mv("mv", a, b);
    }

    /** Both operands of one integer dtype: matmul's exact integer path serves the named products too. */
    private static boolean isIntegerProduct(Tensor a, Tensor b) {
        return a.dtype() == b.dtype() && a.dtype().isIntegral();
    }

    /** dot, its errors naming {@code op} (the op the user called: dot, or matmul of two vectors). */
    private static Tensor dot(String op, Tensor a, Tensor b) {
        boolean integral = isIntegerProduct(a, b);
        if (integral) {
            Dispatch.device(op, a, b);
        } else {
            checkOperands(op, a, b);
        }
        if (a.dim() != 1 || b.dim() != 1) {
            throw Errors.argument(op, "1D tensors expected, but got " + a.dim() + "D and " + b.dim() + "D tensors");
        }
        if (a.size(0) != b.size(0)) {
            throw Errors.argument(op, "inconsistent tensor size: expected tensor [" + a.size(0) + "] and src ["
                    + b.size(0) + "] to have the same number of elements");
        }
        if (integral) {
            return integerMatmul(a, b);
        }
        Tensor out = Dispatch.empty(new int[0], a.dtype(), a.device());
        View av = view(a), bv = view(b), ov = view(out);
        int k = av.shape[0];
        Dispatch.backend(op, a, b).gemm(ov.with(ov.offset, new int[] {1, 1, 1}, new long[] {0, 0, 0}),
                av.with(av.offset, new int[] {1, 1, k}, new long[] {0, 0, av.strides[0]}),
                bv.with(bv.offset, new int[] {1, k, 1}, new long[] {0, bv.strides[0], 0}), 1, 0);
        Recorder node = record("DotBackward0", (n, g) -> new Tensor[] {
                n.needsInputGrad(0) ? n.saved(1).mul(g[0]) : null,
                n.needsInputGrad(1) ? n.saved(0).mul(g[0]) : null}, a, b);
        return node.save(node.needsInputGrad(1) ? a : null, node.needsInputGrad(0) ? b : null).output(out);
    }

    /**
     * Matrix times vector, its errors naming {@code op} (mv, or matmul); MvBackward0: {@code dA = g b^T} (an outer
     * product), {@code db = A^T g}.
     */
    private static Tensor mv(String op, Tensor a, Tensor b) {
        checkInner(op, view(a).shape, new int[] {b.size(0), 1});
        int m = a.size(0), k = b.size(0);
        Tensor out = Dispatch.empty(new int[] {m}, a.dtype(), a.device());
        View ov = view(out), bv = view(b);
        Dispatch.backend(op, a, b).gemm(ov.with(ov.offset, new int[] {1, m, 1}, new long[] {0, ov.strides[0], 0}),
                as3d(view(a)), bv.with(bv.offset, new int[] {1, k, 1}, new long[] {0, bv.strides[0], 0}), 1, 0);
        Recorder node = record("MvBackward0", (nd, g) -> new Tensor[] {
                nd.needsInputGrad(0) ? g[0].unsqueeze(1).matmul(nd.saved(1).unsqueeze(0)) : null,
                nd.needsInputGrad(1) ? nd.saved(0).t().matmul(g[0]) : null}, a, b);
        return node.save(node.needsInputGrad(1) ? a : null, node.needsInputGrad(0) ? b : null).output(out);
    }

    /**
     * {@code torch.linalg.cross(a, b, dim)}: the cross product of the 3-vectors along {@code dim}; both of one rank
     * and dtype, size 3 at dim, the other dims broadcasting. LinalgCrossBackward0: {@code b x g} and {@code g x a}.
     */
    public static Tensor cross(Tensor a, Tensor b, int dim) {
        Dispatch.checkLive("linalg.cross", a);
        Dispatch.checkLive("linalg.cross", b);
        Dispatch.device("linalg.cross", a, b);
        if (a.dtype() != b.dtype()) {
            throw Errors.dtypes("linalg.cross", "expected both inputs to have the same dtype", a.dtype(), b.dtype());
        }
        if (a.dim() != b.dim()) {
            throw Errors.argument("linalg.cross", "inputs must have the same number of dimensions, got "
                    + Errors.shape(a.shape()) + " and " + Errors.shape(b.shape()));
        }
        int d = Shapes.wrapDim("linalg.cross", dim, a.dim());
        if (a.dim() == 0 || a.size(d) != 3 || b.size(d) != 3) {
            throw Errors.argument("linalg.cross", "inputs dimension " + dim + " must have length 3, got "
                    + Errors.shape(a.shape()) + " and " + Errors.shape(b.shape()));
        }
        Shapes.broadcast("linalg.cross", view(a).shape, view(b).shape);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = crossValue(a, b, d);
        }
        return record("LinalgCrossBackward0", (n, g) -> new Tensor[] {
            n.needsInputGrad(0) ? crossValue(n.saved(1), g[0], d) : null,
            n.needsInputGrad(1) ? crossValue(g[0], n.saved(0), d) : null}, a, b).save(a, b).output(out);
    }

    /** {@code (a1 b2 - a2 b1, a2 b0 - a0 b2, a0 b1 - a1 b0)} along {@code d}, in differentiable ops. */
    private static Tensor crossValue(Tensor a, Tensor b, int d) {
        Tensor a0 = a.narrow(d, 0, 1), a1 = a.narrow(d, 1, 1), a2 = a.narrow(d, 2, 1);
        Tensor b0 = b.narrow(d, 0, 1), b1 = b.narrow(d, 1, 1), b2 = b.narrow(d, 2, 1);
        return Tensor.cat(java.util.List.of(a1.mul(b2).sub(a2.mul(b1)), a2.mul(b0).sub(a0.mul(b2)),
                a0.mul(b1).sub(a1.mul(b0))), d);
    }

    /** {@code torch.cdist(x1, x2, p)} with PyTorch's default compute mode, "use_mm_for_euclid_dist_if_necessary". */
    public static Tensor cdist(Tensor x1, Tensor x2, double p) {
        return cdist(x1, x2, p, null);
    }

    /**
     * {@code torch.cdist(x1, x2, p, compute_mode)}: the p-norm distance between each row of x1 ({@code [..., P, M]})
     * and each row of x2 ({@code [..., R, M]}), the batch dims broadcasting; {@code [..., P, R]}.
     *
     * <p>Note [Two ways to cdist]: as in PyTorch, p = 2 goes through a matrix product when the mode says so
     * ("use_mm_for_euclid_dist"), or by default when either side has more than 25 rows: {@code |a|^2 + |b|^2 - 2 a.b},
     * clamped at 0 and square-rooted (PyTorch's {@code _euclidean_dist}, node EuclideanDistBackward0, under a
     * ViewBackward0). It needs no {@code [P, R, M]} difference tensor, so large point sets fit, but it cancels: a
     * distance near 0 comes out as the rounding of the squares, not as a small number of the inputs' precision, just
     * as PyTorch's does. Every other case, and empty inputs, compute the differences directly (CdistBackward0).
     */
    public static Tensor cdist(Tensor x1, Tensor x2, double p, String computeMode) {
        Dispatch.checkLive("cdist", x1);
        Dispatch.checkLive("cdist", x2);
        Dispatch.device("cdist", x1, x2);
        if (x1.dim() < 2 || x2.dim() < 2) {
            throw Errors.argument("cdist", "cdist only supports at least 2D tensors, X1 got: " + x1.dim() + "D, X2 got: "
                    + x2.dim() + "D");
        }
        if (!x1.dtype().isFloatingPoint() || !x2.dtype().isFloatingPoint()) {
            throw Errors.dtypes("cdist", "cdist only supports floating-point dtypes", x1.dtype(), x2.dtype());
        }
        if (x1.dtype() != x2.dtype()) {
            throw Errors.dtypes("cdist", "expected both inputs to have the same dtype", x1.dtype(), x2.dtype());
        }
        if (x1.size(-1) != x2.size(-1)) {
            throw Errors.argument("cdist", "X1 and X2 must have the same number of columns. X1: " + x1.size(-1)
                    + " X2: " + x2.size(-1));
        }
        if (!(p >= 0)) {
            throw Errors.argument("cdist", "cdist only supports non-negative p values, got " + p);
        }
        int mode = computeMode == null ? 0 : switch (computeMode) {
            case "use_mm_for_euclid_dist_if_necessary" -> 0;
            case "use_mm_for_euclid_dist" -> 1;
            case "donot_use_mm_for_euclid_dist" -> 2;
            default -> throw Errors.argument("cdist", computeMode + " is not a valid value for compute_mode; expected "
                    + "use_mm_for_euclid_dist_if_necessary, use_mm_for_euclid_dist or donot_use_mm_for_euclid_dist");
        };
        int[] s1 = view(x1).shape, s2 = view(x2).shape;
        int[] batch = Shapes.broadcast("cdist", Arrays.copyOf(s1, s1.length - 2), Arrays.copyOf(s2, s2.length - 2));
        int r1 = x1.size(-2), r2 = x2.size(-2);
        boolean matmul = p == 2 && (mode == 1 || (mode == 0 && (r1 > 25 || r2 > 25)));
        if (matmul && x1.numel() > 0 && x2.numel() > 0) {
            return euclideanByMatmul(x1, x2, batch, r1, r2, x1.size(-1));
        }
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = Normalization.norm(x1.unsqueeze(-2).sub(x2.unsqueeze(-3)), p, new int[] {-1}, false);
        }
        return record("CdistBackward0", (n, g) -> {
            Tensor[] gs = Normalization.differenceNormBackward(n.saved(0).unsqueeze(-2), n.saved(1).unsqueeze(-3), p,
                    new int[] {-1}, g[0].unsqueeze(-1), n.needsInputGrad(0), n.needsInputGrad(1));
            return new Tensor[] {gs[0] == null ? null : gs[0].squeeze(-2), gs[1] == null ? null : gs[1].squeeze(-3)};
        }, x1, x2).save(x1, x2).output(out);
    }

    /** PyTorch's {@code cdist_impl} on its matmul path: both sides expanded to the batch (unless it is one), then viewed. */
    private static Tensor euclideanByMatmul(Tensor x1, Tensor x2, int[] batch, int r1, int r2, int c) {
        long product = 1;
        for (int b : batch) {
            product *= b;
        }
        int[] e1 = Arrays.copyOf(batch, batch.length + 2), e2 = Arrays.copyOf(batch, batch.length + 2);
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        e1[batch.length] = r1;
        e1[batch.length + 1] = c;
        e2[batch.length] = r2;
        e2[batch.length + 1] = c;
        outShape[batch.length] = r1;
        outShape[batch.length + 1] = r2;
        Tensor dist = product == 1 ? euclideanDist(x1, x2) : euclideanDist(x1.expand(e1), x2.expand(e2));
        return dist.view(outShape);
    }

    /**
     * PyTorch's {@code _euclidean_dist}: {@code sqrt(max(|a|^2 + |b|^2 - 2 a.b, 0))} as one product of
     * {@code [-2a, |a|^2, 1]} and {@code [b, 1, |b|^2]}, with its own node and PyTorch's backward: for
     * {@code r = g / dist} (0 where the distance is 0), {@code a * sum_j r - r b} and {@code b * sum_i r - r^T a}.
     */
    private static Tensor euclideanDist(Tensor a, Tensor b) {
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor an = a.pow(2).sum(new int[] {-1}, true), bn = b.pow(2).sum(new int[] {-1}, true);
            Tensor a1 = Tensor.cat(java.util.List.of(a.mul(-2), an, Tensor.onesLike(an)), -1);
            Tensor b1 = Tensor.cat(java.util.List.of(b, Tensor.onesLike(bn), bn), -1);
            out = a1.matmul(b1.transpose(-2, -1)).clampMin(0).sqrt();
        }
        return record("EuclideanDistBackward0", (n, g) -> {
            Tensor x = n.saved(0), y = n.saved(1), res = n.saved(2);
            Tensor ratio = g[0].div(res).maskedFill(res.eq(0), 0);
            return new Tensor[] {
                n.needsInputGrad(0) ? x.mul(ratio.sum(new int[] {-1}, true)).sub(ratio.matmul(y)) : null,
                n.needsInputGrad(1) ? y.mul(ratio.sum(new int[] {-2}, false).unsqueeze(-1))
                        .sub(ratio.transpose(-2, -1).matmul(x)) : null};
        }, a, b).save(a, b, out).output(out);
    }

    /**
     * {@code torch.linalg.inv(a)} (and {@code a.inverse()}): the inverse of each square matrix of {@code [..., n, n]},
     * by Gauss-Jordan elimination with partial pivoting (see Note [Elimination in tensor ops]); node
     * LinalgInvExBackward0, whose gradient {@code -A^-T g A^-T} is written with differentiable ops.
     *
     * @throws IllegalArgumentException for a non-floating or non-square input, or a singular matrix (PyTorch's
     *         message: the diagonal element i of its LU factorisation is zero)
     */
    public static Tensor inverse(Tensor a) {
        String op = "linalg.inv";
        int n = squareMatrices(op, a);
        int[] shape = view(a).shape;
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Elimination e = eliminate(a, true);
            int zero = e.firstZeroPivot();
            if (zero >= 0) {
                throw Errors.argument(op, "The diagonal element " + (zero + 1) + " is zero, the inversion could not be "
                        + "completed because the input matrix is singular.");
            }
            out = n == 0 ? a.clone() : e.solution.reshape(shape);
        }
        return record("LinalgInvExBackward0", (nd, g) -> {
            Tensor invT = nd.saved(0).transpose(-2, -1);
            return new Tensor[] {invT.matmul(g[0]).matmul(invT).neg()};
        }, a).save(out).output(out);
    }

    /**
     * {@code torch.linalg.det(a)} (and {@code a.det()}): the determinant of each square matrix of {@code [..., n, n]}
     * (1 for 0 x 0), the product of the pivots of Gauss-Jordan elimination with partial pivoting and the sign of
     * its row swaps; node LinalgDetBackward0, gradient {@code g det A^-T}.
     *
     * <p>Its gradient needs an invertible matrix: at a singular one (determinant exactly 0) the backward raises
     * rather than returning a wrong number (PyTorch 1.13 returns zeros there, later versions the adjugate).
     *
     * @throws IllegalArgumentException for a non-floating or non-square input
     */
    public static Tensor det(Tensor a) {
        String op = "linalg.det";
        squareMatrices(op, a);
        int[] shape = view(a).shape;
        int[] batch = Arrays.copyOf(shape, shape.length - 2);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = eliminate(a, false).det.reshape(batch);
        }
        int[] column = Arrays.copyOf(batch, batch.length + 2);
        column[batch.length] = 1;
        column[batch.length + 1] = 1;
        return record("LinalgDetBackward0", (nd, g) -> {
            Tensor x = nd.saved(0), d = nd.saved(1);
            if (d.numel() > 0 && d.eq(0).any().item() != 0) {
                throw Errors.argument(op, "the gradient of the determinant at a singular matrix is not supported: its "
                        + "determinant is 0");
            }
            return new Tensor[] {g[0].mul(d).reshape(column).mul(inverse(x).transpose(-2, -1))};
        }, a).save(a, out).output(out);
    }

    /**
     * {@code torch.linalg.solve(a, b)}: X with {@code A X = B} for each square matrix of {@code a}
     * ({@code [..., n, n]}); {@code b} is {@code [..., n, k]}, or a vector {@code [..., n]} where it is 1-D or has one
     * dim fewer than {@code a} and {@code a}'s shape without its last dim (PyTorch's rule); batch dims broadcast. By
     * elimination of {@code [A | B]} (see Note [Elimination in tensor ops]); node LinalgSolveExBackward0, gradients
     * {@code gB = solve(A^T, g)} and {@code gA = -gB X^T}.
     *
     * @throws IllegalArgumentException for non-floating, mixed or non-square inputs, shapes that do not match or
     *         broadcast, or a singular matrix
     */
    public static Tensor solve(Tensor a, Tensor b) {
        String op = "linalg.solve";
        int n = squareMatrices(op, a);
        Dispatch.checkLive(op, b);
        Dispatch.device(op, a, b);
        if (b.dtype() != a.dtype()) {
            throw Errors.dtypes(op, "Expected A and B to have the same dtype", a.dtype(), b.dtype());
        }
        int[] as = view(a).shape, bs = view(b).shape;
        boolean vector = bs.length == 1 || (bs.length == as.length - 1
                && Arrays.equals(bs, Arrays.copyOf(as, as.length - 1)));
        Tensor bm = vector ? b.unsqueeze(-1) : b;
        int[] ms = view(bm).shape;
        if (ms.length < 2 || ms[ms.length - 2] != n) {
            throw Errors.argument(op, "Incompatible shapes of A and B for the equation AX = B ("
                    + as[as.length - 2] + "x" + n + " and " + (ms.length < 2 ? Errors.shape(bs)
                    : ms[ms.length - 2] + "x" + ms[ms.length - 1]) + ")");
        }
        int k = ms[ms.length - 1];
        int[] batch = Shapes.broadcast(op, Arrays.copyOf(as, as.length - 2), Arrays.copyOf(ms, ms.length - 2));
        int[] aShape = Arrays.copyOf(batch, batch.length + 2), xShape = Arrays.copyOf(batch, batch.length + 2);
        aShape[batch.length] = n;
        aShape[batch.length + 1] = n;
        xShape[batch.length] = n;
        xShape[batch.length + 1] = k;
        Tensor x;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Elimination e = eliminate(a.expand(aShape), bm.expand(xShape));
            if (e.firstZeroPivot() >= 0) {
                throw Errors.argument(op, "The solver failed because the input matrix is singular.");
            }
            x = e.solution.reshape(xShape);
        }
        Tensor out = vector ? x.squeeze(-1) : x;
        return record("LinalgSolveExBackward0", (nd, g) -> {
            Tensor saved = nd.saved(0), solution = nd.saved(1);
            Tensor gx = vector ? g[0].unsqueeze(-1) : g[0];
            Tensor xm = vector ? solution.unsqueeze(-1) : solution;
            Tensor gb = solve(saved.transpose(-2, -1), gx);
            return new Tensor[] {nd.needsInputGrad(0) ? gb.matmul(xm.transpose(-2, -1)).neg() : null,
                nd.needsInputGrad(1) ? (vector ? gb.squeeze(-1) : gb) : null};
        }, a, b).save(a, out).output(out);
    }

    /** Checks {@code [..., n, n]} and a floating dtype; returns n. */
    private static int squareMatrices(String op, Tensor a) {
        Dispatch.checkLive(op, a);
        if (a.dim() < 2 || a.size(-1) != a.size(-2)) {
            throw Errors.argument(op, "A must be batches of square matrices, but they are " + (a.dim() < 2 ? "not"
                    : a.size(-2) + " by " + a.size(-1)) + " matrices");
        }
        if (!a.dtype().isFloatingPoint()) {
            throw Errors.argument(op, "Expected a floating point tensor as input. Got " + a.dtype());
        }
        return a.size(-1);
    }

    /** What elimination leaves: the solutions (or null), the determinants, the pivots ({@code [steps, matrices]}). */
    private record Elimination(Tensor solution, Tensor det, Tensor pivots) {
        /** The first (0-based) step whose pivot was 0 in any matrix, or -1. */
        int firstZeroPivot() {
            if (pivots == null || pivots.numel() == 0) {
                return -1;
            }
            double[] v = pivots.toDoubleArray(); // [steps, matrices]
            int perStep = pivots.size(1);
            for (int i = 0; i < v.length; i++) {
                if (v[i] == 0) {
                    return i / perStep;
                }
            }
            return -1;
        }
    }

    /**
     * Note [Elimination in tensor ops]: {@code inverse} and {@code det} run Gauss-Jordan elimination with partial
     * pivoting on the whole batch at once, written in tensor ops (argmax, gather, where, broadcast arithmetic), so
     * every backend runs it with the kernels it has: n steps of about a dozen ops each, fine for the small matrices
     * these are used on (a projection, a covariance), slow for large n, where a LAPACK or cuSOLVER factorisation
     * would do better. Step k picks the row of largest |value| in column k at or below k, swaps it up (the
     * determinant changes sign), divides it by the pivot and subtracts its multiples from every other row; a zero
     * pivot (a singular matrix) is replaced by 1 for the division, so the arithmetic stays finite and the
     * determinant, which multiplies the real pivot, is 0. Computed without grad: the ops record their own nodes.
     */
    private static Elimination eliminate(Tensor a, boolean invert) {
        int n = a.size(-1);
        return eliminate(a, invert ? Tensor.eye(n, n, a.dtype()).to(a.device()).expand(view(a).shape) : null);
    }

    /**
     * Elimination of {@code a} ({@code [..., n, n]}) with the right-hand sides {@code rhs} ({@code [..., n, k]}, the
     * same batch; or null): the solution is {@code [B, n, k]} with the batch flattened.
     */
    private static Elimination eliminate(Tensor a, Tensor rhs) {
        int[] shape = view(a).shape;
        int n = shape[shape.length - 1];
        long count = 1;
        for (int d = 0; d < shape.length - 2; d++) {
            count *= shape[d];
        }
        int b = (int) count;
        Tensor m = a.reshape(b, n, n);
        int k0 = rhs == null ? 0 : rhs.size(-1);
        if (n == 0) {
            return new Elimination(rhs == null ? null : rhs.reshape(b, n, k0),
                    Tensor.ones(new int[] {b}, a.dtype(), a.device()), null);
        }
        if (rhs != null) {
            m = Tensor.cat(java.util.List.of(m, rhs.reshape(b, n, k0)), 2);
        }
        int w = m.size(2);
        Tensor rows = Tensor.arange(n).to(a.device()).reshape(1, n);
        Tensor det = Tensor.ones(new int[] {b}, a.dtype(), a.device());
        java.util.List<Tensor> pivots = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            Tensor column = m.narrow(1, k, n - k).select(2, k).abs();
            Tensor p = column.argmax(1).add(k).reshape(b, 1);
            Tensor isK = rows.eq((double) k), isP = rows.eq(p);
            // row k takes row p and row p takes row k (the identity where p == k)
            Tensor perm = Tensor.where(isK, p.expand(b, n), Tensor.where(isP, (long) k, rows.expand(b, n)));
            m = m.gather(1, perm.unsqueeze(2).expand(b, n, w));
            Tensor pivot = m.select(1, k).select(1, k);
            Tensor swapped = p.reshape(b).ne(Tensor.full(new int[] {b}, k, DType.INT64, a.device()));
            det = det.mul(pivot).mul(Tensor.where(swapped, -1.0, Tensor.ones(new int[] {b}, a.dtype(), a.device())));
            pivots.add(pivot);
            Tensor safe = Tensor.where(pivot.eq(0.0), 1.0, pivot);
            Tensor rowK = m.select(1, k).div(safe.unsqueeze(1)).unsqueeze(1);
            Tensor eliminated = m.sub(m.narrow(2, k, 1).mul(rowK));
            m = Tensor.where(isK.reshape(1, n, 1), rowK.expand(b, n, w), eliminated);
        }
        return new Elimination(rhs != null ? m.narrow(2, n, k0) : null, det, Tensor.stack(pivots, 0));
    }

    /**
     * {@code matmul(a, b)} written into {@code out} ({@code torch.matmul(a, b, out=out)}): not recorded, so, as in
     * PyTorch, refused in grad mode when an argument requires grad. {@code out} must already have the result's shape,
     * dtype and device (PyTorch would resize it; here a wrong shape is an error naming both shapes). A floating 2-D
     * product into a contiguous {@code out} runs the backend's GEMM straight into it, so nothing is allocated; other
     * ranks, integer products and strided outs compute the result, then copy it in.
     */
    public static Tensor matmul(Tensor a, Tensor b, Tensor out) {
        String op = "matmul";
        Dispatch.checkLive(op, a);
        Dispatch.checkLive(op, b);
        Dispatch.checkLive(op, out);
        if (GradMode.isEnabled() && (a.requiresGrad() || b.requiresGrad() || out.requiresGrad())) {
            throw Errors.state(op, "functions with out=... arguments don't support automatic differentiation, but one"
                    + " of the arguments requires grad; run it under GradMode.noGrad(), or use matmul(other)");
        }
        if (a.dim() == 2 && b.dim() == 2 && !isIntegerProduct(a, b) && out.isContiguous()) {
            checkOperands(op, a, b);
            checkInner(op, view(a).shape, view(b).shape);
            checkOut(op, out, new int[] {a.size(0), b.size(1)}, a.dtype(), a, b);
            Dispatch.backend(op, a, b, out).gemm(as3d(view(out)), as3d(view(a)), as3d(view(b)), 1, 0);
            bumpVersion(out);
            return out;
        }
        Tensor result;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            result = matmul(a, b);
        }
        checkOut(op, out, result.shape(), result.dtype(), a, b);
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            return out.copy_(result);
        }
    }

    /** {@code out} can take a result of this shape and dtype, on the operands' device, without aliasing them. */
    private static void checkOut(String op, Tensor out, int[] shape, DType dtype, Tensor a, Tensor b) {
        if (out.dtype() != dtype) {
            throw Errors.argument(op, "expected out tensor to have dtype " + dtype + ", but got " + out.dtype()
                    + " instead");
        }
        Dispatch.device(op, a, out);
        View v = view(out);
        if (!Arrays.equals(v.shape, shape)) {
            throw Errors.argument(op, "out has shape " + Errors.shape(v.shape) + " but the result has shape "
                    + Errors.shape(shape) + " (out is not resized)");
        }
        InPlace.checkNotExpanded(op, v);
        if (v.numel() > 0 && (v.storage == view(a).storage || v.storage == view(b).storage)) {
            throw Errors.argument(op, "unsupported operation: out shares memory with an input; the product would"
                    + " read what it has already written. Pass a separate out tensor");
        }
    }

    /** The product of two 2-D tensors (integers exact, as matmul's). */
    public static Tensor mm(Tensor a, Tensor b) {
        return mm(a, b, "mm");
    }

    private static Tensor mm(Tensor a, Tensor b, String op) {
        boolean integral = isIntegerProduct(a, b);
        if (integral) {
            Dispatch.device(op, a, b);
        } else {
            checkOperands(op, a, b);
        }
        if (a.dim() != 2 || b.dim() != 2) {
            throw Errors.argument(op, "expects 2D tensors but got " + a.dim() + "D and " + b.dim() + "D");
        }
        checkInner(op, view(a).shape, view(b).shape);
        if (integral) {
            return integerMatmul(a, b);
        }
        int m = a.size(0), n = b.size(1);
        Tensor out = Dispatch.empty(new int[] {m, n}, a.dtype(), a.device());
        Dispatch.backend(op, a, b).gemm(as3d(view(out)), as3d(view(a)), as3d(view(b)), 1, 0);
        Recorder node = record("MmBackward0", (nd, g) -> new Tensor[] {
                nd.needsInputGrad(0) ? mm(g[0], nd.saved(1).t()) : null,
                nd.needsInputGrad(1) ? mm(nd.saved(0).t(), g[0]) : null}, a, b);
        return node.save(node.needsInputGrad(1) ? a : null, node.needsInputGrad(0) ? b : null).output(out);
    }

    /** {@code [..., n, k] @ [..., k, m]} with broadcast batch dims. */
    private static Tensor batched(Tensor a, Tensor b) {
        int[] as = view(a).shape, bs = view(b).shape;
        checkInner("matmul", as, bs);
        int[] batch = Shapes.broadcast("matmul", Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        int n = as[as.length - 2], k = as[as.length - 1], m = bs[bs.length - 1];
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = n;
        outShape[batch.length + 1] = m;
        Tensor out = Dispatch.empty(outShape, a.dtype(), a.device());
        View av = flattenBatch(expandTo(a, batch, n, k)), bv = flattenBatch(expandTo(b, batch, k, m));
        Dispatch.backend("matmul", a, b).gemm(flattenBatch(view(out)), av, bv, 1, 0);
        Recorder node = record("BmmBackward0", (nd, g) -> new Tensor[] {
                nd.needsInputGrad(0) ? matmul(g[0], nd.saved(1).transpose(-1, -2)) : null,
                nd.needsInputGrad(1) ? matmul(nd.saved(0).transpose(-1, -2), g[0]) : null}, a, b);
        return node.save(node.needsInputGrad(1) ? a : null, node.needsInputGrad(0) ? b : null).output(out);
    }

    /** {@code t}'s view broadcast to {@code batch + [rows, cols]}. */
    private static View expandTo(Tensor t, int[] batch, int rows, int cols) {
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = rows;
        shape[batch.length + 1] = cols;
        return Dispatch.broadcast(t, shape);
    }

    /** A 2-D view as a batch of one (batch stride 0). */
    private static View as3d(View v) {
        return v.with(v.offset, new int[] {1, v.shape[0], v.shape[1]}, new long[] {0, v.strides[0], v.strides[1]});
    }

    /**
     * Merges the batch dims of {@code [..., r, c]} into one, {@code [P, r, c]}, when their strides allow a single
     * batch stride; otherwise copies the operand into contiguous memory first.
     */
    private static View flattenBatch(View v) {
        int rank = v.shape.length;
        int p = 1;
        long stride = 0, next = 0;
        boolean first = true, mergeable = true;
        for (int d = rank - 3; d >= 0; d--) {
            int size = v.shape[d];
            p *= size;
            if (size == 1) {
                continue;
            }
            if (first) {
                stride = v.strides[d];
                next = stride * size;
                first = false;
            } else if (stride == 0 && v.strides[d] == 0) {
                continue; // every batch dim so far is a broadcast
            } else if (stride != 0 && v.strides[d] == next) {
                next *= size;
            } else {
                mergeable = false;
            }
        }
        if (!mergeable) {
            Tensor copy = Dispatch.empty(v.shape, v.dtype(), v.device());
            Backends.of(v.device()).copy(view(copy), v); // v's tensor was checked by the op that passed it
            return flattenBatch(view(copy));
        }
        return v.with(v.offset, new int[] {p, v.shape[rank - 2], v.shape[rank - 1]},
                new long[] {stride, v.strides[rank - 2], v.strides[rank - 1]});
    }

    /**
     * {@code x @ weight^T + bias} over the last dim of {@code x}, like {@code torch.nn.functional.linear}. The
     * bias is written into the output first and the GEMM accumulates onto it ({@code beta = 1}): one pass, no
     * temporary. {@code bias} may be null.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        checkOperands("linear", x, weight);
        if (weight.dim() != 2) {
            throw Errors.argument("linear", "weight must be 2-D [out_features, in_features] but has shape "
                    + Errors.shape(view(weight).shape));
        }
        int in = weight.size(1), outFeatures = weight.size(0);
        if (x.dim() == 0 || x.size(-1) != in) {
            throw Errors.argument("linear", "input shape " + Errors.shape(view(x).shape) + " and weight shape "
                    + Errors.shape(view(weight).shape) + " cannot be multiplied (" + (x.dim() == 0 ? 0 : x.size(-1))
                    + " vs " + in + ")");
        }
        if (bias != null) {
            checkOperands("linear", x, bias);
            if (bias.dim() > 1 || (bias.dim() == 1 && bias.size(0) != outFeatures && bias.size(0) != 1)) {
                throw Errors.argument("linear", "bias shape " + Errors.shape(view(bias).shape) + " does not match "
                        + outFeatures + " output features");
            }
        }
        if (x.dim() != 2) {
            int[] lead = Arrays.copyOf(view(x).shape, x.dim() - 1);
            Tensor flat = x.dim() == 1 ? x.unsqueeze(0) : x.reshape(-1, in);
            Tensor y = linear(flat, weight, bias);
            int[] outShape = Arrays.copyOf(lead, lead.length + 1);
            outShape[lead.length] = outFeatures;
            return y.reshape(outShape);
        }
        int rows = x.size(0);
        Tensor out = Dispatch.empty(new int[] {rows, outFeatures}, x.dtype(), x.device());
        View wt = view(weight);
        View wtT = wt.with(wt.offset, new int[] {in, outFeatures}, new long[] {wt.strides[1], wt.strides[0]});
        if (bias != null) {
            Dispatch.backend("linear", bias).copy(view(out), Dispatch.broadcast(bias, view(out).shape));
        }
        Dispatch.backend("linear", x, weight).gemm(as3d(view(out)), as3d(view(x)), as3d(wtT), 1, bias != null ? 1 : 0);
        boolean hasBias = bias != null;
        int[] biasShape = hasBias ? bias.shape() : null;
        int offset = hasBias ? 1 : 0;
        Recorder node = record(hasBias ? "AddmmBackward0" : "MmBackward0", (nd, g) -> {
            Tensor gBias = hasBias && nd.needsInputGrad(0) ? g[0].sum(0, false).sumToSize(biasShape) : null;
            Tensor gx = nd.needsInputGrad(offset) ? mm(g[0], nd.saved(1)) : null;
            Tensor gw = nd.needsInputGrad(offset + 1) ? mm(g[0].t(), nd.saved(0)) : null;
            return hasBias ? new Tensor[] {gBias, gx, gw} : new Tensor[] {gx, gw};
        }, hasBias ? new Tensor[] {bias, x, weight} : new Tensor[] {x, weight});
        node.save(node.needsInputGrad(offset + 1) ? x : null, node.needsInputGrad(offset) ? weight : null)
                .output(out);
        return out;
    }
}
