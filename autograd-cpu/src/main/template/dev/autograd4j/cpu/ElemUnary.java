package dev.autograd4j.cpu;

import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;

/**
 * Unary elementwise kernels on {@code elem} tensors. Generated from {@code src/main/template/.../ElemUnary.java}
 * (edit the template, not the copies): {@code elem} becomes float, double, int or long.
 *
 * <p>The cheap ops (where the loop, not the function, is the cost) have typed loops, strided and unit-stride (which
 * the JIT vectorises), computed in the element type as PyTorch does ({@code alpha * x}, {@code 1 / sqrt(x)}).
 * The costly ones (exp, tanh, erf, ...) go a chunk at a time through {@link Transcendental}, in double, rounded
 * once. The caller ({@link Elementwise}) sends integer types only the ops defined for them.
 */
@SuppressWarnings("cast") // a cast that narrows for float is redundant for double
final class ElemUnary {
    private ElemUnary() {
    }

    /** {@code out[i] = op(in[i]; alpha, beta)}; {@code out} and {@code in} have this type and one shape. */
    static void run(UnaryOp op, View out, View in, double alpha, double beta) {
        elem[] o = (elem[]) ((CpuStorage) out.storage).data;
        elem[] a = (elem[]) ((CpuStorage) in.storage).data;
        if (out.numel() == 0) {
            return;
        }
        int grain = Elementwise.grain(op);
        if (out.isContiguous() && in.isContiguous()) { // then it lies in one storage: the count is an int
            int oo = (int) out.offset, ao = (int) in.offset, n = (int) out.numel();
            if (n <= grain) {
                map(op, o, oo, 1, a, ao, 1, n, alpha, beta);
            } else {
                Parallel.forRange(n, grain, (s, e) -> map(op, o, oo + s, 1, a, ao + s, 1, e - s, alpha, beta));
            }
            return;
        }
        Strided it = Strided.of(out.shape, out, in);
        int os = it.inner(0), as = it.inner(1);
        it.run(grain, (off, len) -> map(op, o, off[0], os, a, off[1], as, len, alpha, beta));
    }

    /** {@code out[i] = in[i] != in[i]} into a BOOL {@code out}: true only for NaN. */
    static void isNan(View out, View in) {
        boolean[] o = (boolean[]) ((CpuStorage) out.storage).data;
        elem[] a = (elem[]) ((CpuStorage) in.storage).data;
        Strided it = Strided.of(out.shape, out, in);
        int os = it.inner(0), as = it.inner(1);
        it.run(Elementwise.GRAIN, (off, n) -> {
            int oo = off[0], ao = off[1];
            for (int i = 0; i < n; i++) {
                elem x = a[ao + i * as];
                o[oo + i * os] = x != x;
            }
        });
    }

    /** One row: {@code o[oo + i*os] = op(a[ao + i*as])} for {@code i < n}. */
    static void map(UnaryOp op, elem[] o, int oo, int os, elem[] a, int ao, int as, int n, double alpha,
                    double beta) {
        if (os == 1 && as == 1 && mapContiguous(op, o, oo, a, ao, n, alpha, beta)) {
            return;
        }
        switch (op) {
            case AFFINE -> {
                elem al = (elem) alpha, be = (elem) beta;
                if (be == 0) { // no "+ 0", which would turn -0.0 into 0.0 (neg(0.0) is -0.0)
                    for (int i = 0; i < n; i++) {
                        o[oo + i * os] = (elem) (al * a[ao + i * as]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[oo + i * os] = (elem) (al * a[ao + i * as] + be);
                    }
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) Math.sqrt(a[ao + i * as]);
                }
            }
            case RSQRT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) (1 / (elem) Math.sqrt(a[ao + i * as]));
                }
            }
            case RECIPROCAL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) (1 / a[ao + i * as]);
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = Math.abs(a[ao + i * as]);
                }
            }
            case SIGN -> { // PyTorch's (0 < x) - (x < 0): NaN and -0 give 0 (Math.signum keeps both)
                for (int i = 0; i < n; i++) {
                    elem v = a[ao + i * as];
                    o[oo + i * os] = v > 0 ? (elem) 1 : v < 0 ? (elem) -1 : (elem) 0;
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = Math.max(a[ao + i * as], (elem) 0);
                }
            }
            case LEAKY_RELU -> {
                elem slope = (elem) alpha;
                for (int i = 0; i < n; i++) {
                    elem x = a[ao + i * as];
                    o[oo + i * os] = x > 0 ? x : (elem) (slope * x);
                }
            }
            case CLAMP -> clamp(o, oo, os, a, ao, as, n, alpha, beta);
            case FLOOR -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) Math.floor(a[ao + i * as]);
                }
            }
            case CEIL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) Math.ceil(a[ao + i * as]);
                }
            }
            case ROUND -> { // Math.rint rounds half to even, like torch.round
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) Math.rint(a[ao + i * as]);
                }
            }
            case POW -> pow(o, oo, os, a, ao, as, n, alpha);
            case LOGICAL_NOT, ISNAN -> throw new IllegalStateException("[" + Errors.name(op) + "] has a BOOL output");
            default -> viaDouble(op, o, oo, os, a, ao, as, n, alpha, beta);
        }
    }

    /** The costly functions: a chunk at a time through {@link Transcendental}, in double. */
    private static void viaDouble(UnaryOp op, elem[] o, int oo, int os, elem[] a, int ao, int as, int n,
                                  double alpha, double beta) {
        double[] x = Transcendental.chunk(0);
        for (int s = 0; s < n; s += x.length) {
            int len = Math.min(x.length, n - s);
            load(x, a, ao + s * as, as, len);
            Transcendental.apply(op, x, len, alpha, beta);
            store(o, oo + s * os, os, x, len);
        }
    }

    /** {@code x[i] = a[off + i*stride]}, widened to double. */
    static void load(double[] x, elem[] a, int off, int stride, int n) {
        if (stride == 1) {
            for (int i = 0; i < n; i++) {
                x[i] = a[off + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                x[i] = a[off + i * stride];
            }
        }
    }

    /** {@code o[off + i*stride] = x[i]}, rounded to the element type. */
    static void store(elem[] o, int off, int stride, double[] x, int n) {
        if (stride == 1) {
            for (int i = 0; i < n; i++) {
                o[off + i] = (elem) x[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                o[off + i * stride] = (elem) x[i];
            }
        }
    }

    /** The unit-stride loops of the cheap ops; false where the op has none (its strided loop serves). */
    private static boolean mapContiguous(UnaryOp op, elem[] o, int oo, elem[] a, int ao, int n, double alpha,
                                         double beta) {
        switch (op) {
            case AFFINE -> {
                elem al = (elem) alpha, be = (elem) beta;
                if (be == 0) {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = (elem) (al * a[ao + i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = (elem) (al * a[ao + i] + be);
                    }
                }
            }
            case SQRT, RSQRT -> {
                // float32 on the Vector API: its SQRT is IEEE's, correctly rounded, as (float) Math.sqrt of the
                // widened float is, so the bits are the same; the loop below leaves the conversions unvectorised
                Object out = o;
                if (VectorApi.ON && out instanceof float[] of) {
                    VecKernels.sqrt(of, oo, (float[]) (Object) a, ao, n, op == UnaryOp.RSQRT);
                } else if (op == UnaryOp.SQRT) {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = (elem) Math.sqrt(a[ao + i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = (elem) (1 / (elem) Math.sqrt(a[ao + i]));
                    }
                }
            }
            case RECIPROCAL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (elem) (1 / a[ao + i]);
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.abs(a[ao + i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.max(a[ao + i], (elem) 0);
                }
            }
            case POW -> {
                if (alpha != 2) {
                    return false;
                }
                for (int i = 0; i < n; i++) {
                    elem x = a[ao + i];
                    o[oo + i] = (elem) (x * x);
                }
            }
            case TANH -> {
                // float32 on the Vector API skips the chunk of doubles (VecKernels); the JIT knows o's class, so
                // the test folds away, and every other type takes the chunked path
                Object out = o, in = a;
                if (!VectorApi.ON || !(out instanceof float[] of)) {
                    return false;
                }
                VecKernels.tanh(of, oo, (float[]) in, ao, n);
            }
            case EXP, SIGMOID, LOG, ERF, GELU -> { // float32 on the Vector API, as tanh: VecKernels
                Object out = o, in = a;
                if (!VectorApi.ON || !(out instanceof float[] of)) {
                    return false;
                }
                switch (op) {
                    case EXP -> VecKernels.exp(of, oo, (float[]) in, ao, n);
                    case SIGMOID -> VecKernels.sigmoid(of, oo, (float[]) in, ao, n);
                    case ERF, GELU -> VecKernels.erf(of, oo, (float[]) in, ao, n, op == UnaryOp.GELU);
                    default -> VecKernels.log(of, oo, (float[]) in, ao, n);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code x ^ p}, with PyTorch's shortcuts for the common exponents (exact squares, sqrt, reciprocal). */
    private static void pow(elem[] o, int oo, int os, elem[] a, int ao, int as, int n, double p) {
        if (p == 2) {
            for (int i = 0; i < n; i++) {
                elem x = a[ao + i * as];
                o[oo + i * os] = (elem) (x * x);
            }
        } else if (p == 3) {
            for (int i = 0; i < n; i++) {
                elem x = a[ao + i * as];
                o[oo + i * os] = (elem) (x * x * x);
            }
        } else if (p == 1) {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = a[ao + i * as];
            }
        } else if (p == 0.5) {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = (elem) Math.sqrt(a[ao + i * as]);
            }
        } else if (p == -1) {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = (elem) (1 / a[ao + i * as]);
            }
        } else {
            viaDouble(UnaryOp.POW, o, oo, os, a, ao, as, n, p, 0);
        }
    }

    /** {@code min(max(x, lo), hi)}, where a NaN bound means no bound on that side; NaN {@code x} stays NaN. */
    private static void clamp(elem[] o, int oo, int os, elem[] a, int ao, int as, int n, double lo, double hi) {
        elem l = (elem) lo, h = (elem) hi;
        if (lo == lo && hi == hi) {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = Math.min(Math.max(a[ao + i * as], l), h);
            }
        } else if (lo == lo) {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = Math.max(a[ao + i * as], l);
            }
        } else if (hi == hi) {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = Math.min(a[ao + i * as], h);
            }
        } else {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = a[ao + i * as];
            }
        }
    }
}
