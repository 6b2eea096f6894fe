package dev.autograd4j.cpu;

import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;

/**
 * Binary elementwise kernels on {@code elem} operands. Generated from {@code src/main/template/.../ElemBinary.java}
 * (edit the template, not the copies): {@code elem} becomes float, double, int or long.
 *
 * <p>Each op has a strided loop, and the common arithmetic also has loops for the three shapes that dominate real
 * graphs and that the JIT vectorises: both operands contiguous, the second a broadcast scalar, the first one.
 * Arithmetic is done in the element type with {@code alpha} cast to it, as PyTorch does; pow and the GELU
 * backward formulas a chunk at a time in double, through {@link Transcendental}. The caller ({@link Elementwise}) sends integer types only the ops defined for them.
 */
@SuppressWarnings("cast") // a cast that narrows for float is redundant for double
final class ElemBinary {
    private ElemBinary() {
    }

    /** {@code out[i] = op(a[i], b[i]; alpha)} for the ops whose output has the operands' type. */
    static void run(BinaryOp op, View out, View a, View b, double alpha) {
        elem[] o = (elem[]) ((CpuStorage) out.storage).data;
        elem[] x = (elem[]) ((CpuStorage) a.storage).data;
        elem[] y = (elem[]) ((CpuStorage) b.storage).data;
        if (out.numel() == 0) {
            return;
        }
        int grain = Elementwise.grain(op);
        if (out.isContiguous()) { // then it lies in one storage: the count is an int
            int n = (int) out.numel();
            // Flat fast paths: a stride of 0 marks the operand that is one broadcast scalar.
            int as = a.isContiguous() ? 1 : Elementwise.isScalar(a) ? 0 : -1;
            int bs = b.isContiguous() ? 1 : Elementwise.isScalar(b) ? 0 : -1;
            if (as >= 0 && bs >= 0) {
                int oo = (int) out.offset, ao = (int) a.offset, bo = (int) b.offset;
                if (n <= grain) {
                    zip(op, o, oo, 1, x, ao, as, y, bo, bs, n, alpha);
                } else {
                    Parallel.forRange(n, grain,
                            (s, e) -> zip(op, o, oo + s, 1, x, ao + s * as, as, y, bo + s * bs, bs, e - s, alpha));
                }
                return;
            }
        }
        Strided it = Strided.of(out.shape, out, a, b);
        int os = it.inner(0), as = it.inner(1), bs = it.inner(2);
        it.run(grain, (off, len) -> zip(op, o, off[0], os, x, off[1], as, y, off[2], bs, len, alpha));
    }

    /** {@code out[i] = op(a[i], b[i])} into a BOOL {@code out}, for comparisons and logical ops. */
    static void compare(BinaryOp op, View out, View a, View b) {
        boolean[] o = (boolean[]) ((CpuStorage) out.storage).data;
        elem[] x = (elem[]) ((CpuStorage) a.storage).data;
        elem[] y = (elem[]) ((CpuStorage) b.storage).data;
        if (out.numel() == 0) {
            return;
        }
        if (out.numel() == 1) { // the 0-d case, without building a walk
            o[(int) out.offset] = test(op, x[(int) a.offset], y[(int) b.offset]);
            return;
        }
        Strided it = Strided.of(out.shape, out, a, b);
        int os = it.inner(0), as = it.inner(1), bs = it.inner(2);
        it.run(Elementwise.GRAIN, (off, len) -> compare(op, o, off[0], os, x, off[1], as, y, off[2], bs, len));
    }

    /** One row of {@link #run}. */
    static void zip(BinaryOp op, elem[] o, int oo, int os, elem[] a, int ao, int as, elem[] b, int bo, int bs,
                    int n, double alpha) {
        if (os == 1 && as == 1) {
            if (bs == 1 && zipContiguous(op, o, oo, a, ao, b, bo, n, alpha)) {
                return;
            }
            if (bs == 0 && zipScalar(op, o, oo, a, ao, b[bo], n, alpha)) {
                return;
            }
        } else if (os == 1 && as == 0 && bs == 1 && zipScalarFirst(op, o, oo, a[ao], b, bo, n, alpha)) {
            return;
        }
        switch (op) {
            case ADD -> {
                elem al = (elem) alpha;
                if (alpha == 1) {
                    for (int i = 0; i < n; i++) {
                        o[oo + i * os] = (elem) (a[ao + i * as] + b[bo + i * bs]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[oo + i * os] = (elem) (a[ao + i * as] + al * b[bo + i * bs]);
                    }
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) (a[ao + i * as] * b[bo + i * bs]);
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) (a[ao + i * as] / b[bo + i * bs]);
                }
            }
            case MAXIMUM -> { // Math.max propagates NaN, as torch.maximum does
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = Math.max(a[ao + i * as], b[bo + i * bs]);
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = Math.min(a[ao + i * as], b[bo + i * bs]);
                }
            }
            case TANH_BACKWARD -> {
                for (int i = 0; i < n; i++) {
                    elem y = b[bo + i * bs];
                    o[oo + i * os] = (elem) (a[ao + i * as] * (1 - y * y));
                }
            }
            case SIGMOID_BACKWARD -> { // PyTorch's order: grad * (1 - y) * y
                for (int i = 0; i < n; i++) {
                    elem y = b[bo + i * bs];
                    o[oo + i * os] = (elem) (a[ao + i * as] * (1 - y) * y);
                }
            }
            case THRESHOLD_BACKWARD -> {
                elem threshold = (elem) alpha;
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = b[bo + i * bs] <= threshold ? (elem) 0 : a[ao + i * as];
                }
            }
            case LEAKY_RELU_BACKWARD -> {
                elem slope = (elem) alpha;
                for (int i = 0; i < n; i++) {
                    elem g = a[ao + i * as];
                    o[oo + i * os] = b[bo + i * bs] > 0 ? g : (elem) (slope * g);
                }
            }
            case FMOD -> { // Java's % is C's fmod, for floating types too
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) (a[ao + i * as] % b[bo + i * bs]);
                }
            }
            case REMAINDER -> { // PyTorch's: fmod, moved into b's sign
                for (int i = 0; i < n; i++) {
                    elem d = b[bo + i * bs];
                    elem r = (elem) (a[ao + i * as] % d);
                    o[oo + i * os] = r != 0 && (r < 0) != (d < 0) ? (elem) (r + d) : r;
                }
            }
            case DIV_TRUNC -> { // overloads per element type: exact integer division, or trunc(a / b)
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = ScalarMath.divTrunc(a[ao + i * as], b[bo + i * bs]);
                }
            }
            case DIV_FLOOR -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = ScalarMath.divFloor(a[ao + i * as], b[bo + i * bs]);
                }
            }
            case POW, GELU_BACKWARD, GELU_TANH_BACKWARD, ATAN2 -> viaDouble(op, o, oo, os, a, ao, as, b, bo, bs, n);
            default -> throw new IllegalStateException("[" + Errors.name(op) + "] has a BOOL output");
        }
    }

    /** The costly functions: a chunk at a time through {@link Transcendental}, in double. */
    private static void viaDouble(BinaryOp op, elem[] o, int oo, int os, elem[] a, int ao, int as, elem[] b, int bo,
                                  int bs, int n) {
        double[] x = Transcendental.chunk(0), y = Transcendental.chunk(1);
        for (int s = 0; s < n; s += x.length) {
            int len = Math.min(x.length, n - s);
            ElemUnary.load(x, a, ao + s * as, as, len);
            ElemUnary.load(y, b, bo + s * bs, bs, len);
            Transcendental.apply(op, x, y, len);
            ElemUnary.store(o, oo + s * os, os, x, len);
        }
    }

    /** Unit-stride loops of the cheap ops; false where the op has none. */
    private static boolean zipContiguous(BinaryOp op, elem[] o, int oo, elem[] a, int ao, elem[] b, int bo, int n,
                                         double alpha) {
        switch (op) {
            case ADD -> {
                elem al = (elem) alpha;
                if (alpha == 1) {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = (elem) (a[ao + i] + b[bo + i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = (elem) (a[ao + i] + al * b[bo + i]);
                    }
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (elem) (a[ao + i] * b[bo + i]);
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (elem) (a[ao + i] / b[bo + i]);
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.max(a[ao + i], b[bo + i]);
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.min(a[ao + i], b[bo + i]);
                }
            }
            case TANH_BACKWARD -> {
                for (int i = 0; i < n; i++) {
                    elem y = b[bo + i];
                    o[oo + i] = (elem) (a[ao + i] * (1 - y * y));
                }
            }
            case SIGMOID_BACKWARD -> {
                for (int i = 0; i < n; i++) {
                    elem y = b[bo + i];
                    o[oo + i] = (elem) (a[ao + i] * (1 - y) * y);
                }
            }
            case THRESHOLD_BACKWARD -> { // relu's backward, on every training step
                // On the Vector API, a compare and a blend (VecKernels): the scalar loop branches on the sign of
                // each input, which a relu's inputs make a coin toss. The JIT knows o's class, so the tests fold.
                Object out = o;
                if (VectorApi.ON && out instanceof float[] of) {
                    VecKernels.thresholdBackward(of, oo, (float[]) (Object) a, ao, (float[]) (Object) b, bo, n,
                            (float) alpha);
                } else if (VectorApi.ON && out instanceof double[] od) {
                    VecKernels.thresholdBackward(od, oo, (double[]) (Object) a, ao, (double[]) (Object) b, bo, n,
                            alpha);
                } else {
                    elem threshold = (elem) alpha;
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = b[bo + i] <= threshold ? (elem) 0 : a[ao + i];
                    }
                }
            }
            case GELU_BACKWARD -> { // float32 on the Vector API (VecKernels); the rest through Transcendental
                Object out = o;
                if (!VectorApi.ON || !(out instanceof float[] of)) {
                    return false;
                }
                VecKernels.geluBackward(of, oo, (float[]) (Object) a, ao, (float[]) (Object) b, bo, n);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code op(a[i], s)} for a broadcast scalar second operand; false where the op has no such loop. */
    private static boolean zipScalar(BinaryOp op, elem[] o, int oo, elem[] a, int ao, elem s, int n, double alpha) {
        switch (op) {
            case ADD -> {
                elem c = (elem) ((elem) alpha * s);
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (elem) (a[ao + i] + c);
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (elem) (a[ao + i] * s);
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (elem) (a[ao + i] / s);
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.max(a[ao + i], s);
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.min(a[ao + i], s);
                }
            }
            // x ** c is the unary power, with its shortcuts for c = 2, 0.5, -1, ...
            case POW -> ElemUnary.map(UnaryOp.POW, o, oo, 1, a, ao, 1, n, s, 0);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code op(s, b[i])} for a broadcast scalar first operand; false where the op has no such loop. */
    private static boolean zipScalarFirst(BinaryOp op, elem[] o, int oo, elem s, elem[] b, int bo, int n,
                                          double alpha) {
        switch (op) {
            case ADD -> {
                elem al = (elem) alpha;
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (elem) (s + al * b[bo + i]);
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (elem) (s * b[bo + i]);
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (elem) (s / b[bo + i]);
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.max(s, b[bo + i]);
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.min(s, b[bo + i]);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** One row of {@link #compare}. */
    private static void compare(BinaryOp op, boolean[] o, int oo, int os, elem[] a, int ao, int as, elem[] b,
                                int bo, int bs, int n) {
        if (os == 1 && as == 1 && bs == 1 && compareContiguous(op, o, oo, a, ao, b, bo, n)) {
            return;
        }
        if (os == 1 && as == 1 && bs == 0 && compareScalar(op, o, oo, a, ao, b[bo], n)) {
            return;
        }
        if (os == 1 && as == 0 && bs == 1 && compareScalar(mirror(op), o, oo, b, bo, a[ao], n)) {
            return;
        }
        switch (op) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = a[ao + i * as] == b[bo + i * bs];
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = a[ao + i * as] != b[bo + i * bs];
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = a[ao + i * as] < b[bo + i * bs];
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = a[ao + i * as] <= b[bo + i * bs];
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = a[ao + i * as] > b[bo + i * bs];
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = a[ao + i * as] >= b[bo + i * bs];
                }
            }
            case LOGICAL_AND -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = a[ao + i * as] != 0 && b[bo + i * bs] != 0;
                }
            }
            case LOGICAL_OR -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = a[ao + i * as] != 0 || b[bo + i * bs] != 0;
                }
            }
            default -> throw new IllegalStateException("[" + Errors.name(op) + "] has no BOOL output");
        }
    }

    /** Unit-stride comparisons (LT and LE as GT and GE with the operands swapped); false for the others. */
    private static boolean compareContiguous(BinaryOp op, boolean[] o, int oo, elem[] a, int ao, elem[] b, int bo,
                                             int n) {
        switch (op) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] == b[bo + i];
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] != b[bo + i];
                }
            }
            case GT, LT -> {
                elem[] x = op == BinaryOp.GT ? a : b, y = op == BinaryOp.GT ? b : a;
                int xo = op == BinaryOp.GT ? ao : bo, yo = op == BinaryOp.GT ? bo : ao;
                for (int i = 0; i < n; i++) {
                    o[oo + i] = x[xo + i] > y[yo + i];
                }
            }
            case GE, LE -> {
                elem[] x = op == BinaryOp.GE ? a : b, y = op == BinaryOp.GE ? b : a;
                int xo = op == BinaryOp.GE ? ao : bo, yo = op == BinaryOp.GE ? bo : ao;
                for (int i = 0; i < n; i++) {
                    o[oo + i] = x[xo + i] >= y[yo + i];
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Comparisons with a broadcast scalar {@code s} (a mask such as {@code x > 0}); false for the others. */
    private static boolean compareScalar(BinaryOp op, boolean[] o, int oo, elem[] a, int ao, elem s, int n) {
        switch (op) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] == s;
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] != s;
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] < s;
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] <= s;
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] > s;
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] >= s;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The comparison with its operands swapped: {@code s < x} is {@code x > s}. */
    private static BinaryOp mirror(BinaryOp op) {
        return switch (op) {
            case LT -> BinaryOp.GT;
            case LE -> BinaryOp.GE;
            case GT -> BinaryOp.LT;
            case GE -> BinaryOp.LE;
            default -> op; // EQ, NE, LOGICAL_AND and LOGICAL_OR are symmetric
        };
    }

    /** One element of {@link #compare} (NaN compares unequal to everything, itself included). */
    private static boolean test(BinaryOp op, elem x, elem y) {
        return switch (op) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
            case LOGICAL_AND -> x != 0 && y != 0;
            case LOGICAL_OR -> x != 0 || y != 0;
            default -> throw new IllegalStateException("[" + Errors.name(op) + "] has no BOOL output");
        };
    }

    /**
     * One row of scatterAdd: {@code o[oo + i*os + index[io + i*is] * dimStride] += s[so + i*ss]}, the indices
     * already checked. Rows never share an output element with another row (see {@link Indexing}).
     */
    static void scatterAddRow(elem[] o, int oo, int os, long[] index, int io, int is, long dimStride, elem[] s,
                              int so, int ss, int n) {
        for (int i = 0; i < n; i++) {
            int t = (int) (oo + (long) i * os + index[io + i * is] * dimStride);
            o[t] = (elem) (o[t] + s[so + i * ss]);
        }
    }
}
