package dev.autograd4j.cpu;

import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;

/**
 * Unary elementwise kernels on {@code elem} tensors. Generated from {@code src/main/template/.../ElemUnary.java}
 * (edit the template, not the copies): {@code elem} becomes float, double, int or long.
 *
 * <p>Every op has a strided loop; the cheap ops (where the loop, not the function, is the cost) also have a
 * unit-stride loop that the JIT vectorises. Transcendental functions are computed in double and rounded once;
 * the arithmetic ones ({@code alpha * x}, {@code 1 / sqrt(x)}) in the element type, as PyTorch does. The caller
 * ({@link Elementwise}) sends integer types only the ops defined for them.
 */
@SuppressWarnings("cast") // a cast that narrows for float is redundant for double
final class ElemUnary {
    private ElemUnary() {
    }

    /** {@code out[i] = op(in[i]; alpha, beta)}; {@code out} and {@code in} have this type and one shape. */
    static void run(UnaryOp op, View out, View in, double alpha, double beta) {
        elem[] o = (elem[]) ((CpuStorage) out.storage).data;
        elem[] a = (elem[]) ((CpuStorage) in.storage).data;
        int n = (int) out.numel();
        if (n == 0) {
            return;
        }
        int grain = Elementwise.grain(op);
        if (out.isContiguous() && in.isContiguous()) {
            int oo = (int) out.offset, ao = (int) in.offset;
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
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) Math.exp(a[ao + i * as]);
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) Math.log(a[ao + i * as]);
                }
            }
            case LOG1P -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) Math.log1p(a[ao + i * as]);
                }
            }
            case EXPM1 -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) Math.expm1(a[ao + i * as]);
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
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) Math.signum(a[ao + i * as]);
                }
            }
            case SIN -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) Math.sin(a[ao + i * as]);
                }
            }
            case COS -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) Math.cos(a[ao + i * as]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) ScalarMath.tanh(a[ao + i * as]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) ScalarMath.sigmoid(a[ao + i * as]);
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
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) ScalarMath.gelu(a[ao + i * as]);
                }
            }
            case GELU_TANH -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) ScalarMath.geluTanh(a[ao + i * as]);
                }
            }
            case ERF -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) ScalarMath.erf(a[ao + i * as]);
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = (elem) ScalarMath.softplus(a[ao + i * as], alpha, beta);
                }
            }
            case POW -> pow(o, oo, os, a, ao, as, n, alpha);
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
            case LOGICAL_NOT, ISNAN -> throw new IllegalStateException("[" + Errors.name(op) + "] has a BOOL output");
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
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (elem) Math.sqrt(a[ao + i]);
                }
            }
            case RSQRT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (elem) (1 / (elem) Math.sqrt(a[ao + i]));
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
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = (elem) Math.pow(a[ao + i * as], p);
            }
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
