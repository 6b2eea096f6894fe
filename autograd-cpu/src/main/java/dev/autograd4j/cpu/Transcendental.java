package dev.autograd4j.cpu;

import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.UnaryOp;

/**
 * The costly elementwise functions (exp, log, tanh, erf, the GELUs, ...), applied in double precision to a chunk of
 * doubles in place. Float32 and float64 kernels both copy a chunk of their operands here, call {@link #apply}, and
 * round the results back, so each function is written once and float32 is computed in double and rounded once.
 *
 * <p>The copy is also what makes float32 fast: a loop of {@code (float) Math.exp(f[i])} converts each element
 * through a register whose previous contents the conversion depends on, which chains the iterations together; it
 * runs four times slower than the same loop over doubles. Converting a chunk first (a vectorised loop) and then
 * looping over doubles avoids that.
 */
final class Transcendental {
    /** Elements per chunk: two chunks of doubles fit in L1 with room for the operands. */
    static final int CHUNK = 512;

    /** Per-thread chunks, so no kernel call allocates (a 0-d op must stay cheap). */
    private static final ThreadLocal<double[][]> CHUNKS = ThreadLocal.withInitial(() -> new double[3][CHUNK]);

    private Transcendental() {
    }

    /** This thread's chunk {@code i} (0, 1 or 2); a kernel uses it only until it returns. */
    static double[] chunk(int i) {
        return CHUNKS.get()[i];
    }

    /** Whether {@code op} is computed here (the rest have typed loops in the element type). */
    static boolean handles(UnaryOp op) {
        return switch (op) {
            case EXP, LOG, LOG1P, EXPM1, SIN, COS, TANH, SIGMOID, GELU, GELU_TANH, ERF, SOFTPLUS, POW -> true;
            case LOG2, LOG10, TAN, ASIN, ACOS, ATAN, SINH, COSH, ASINH, ACOSH, ATANH -> true;
            default -> false;
        };
    }

    static boolean handles(BinaryOp op) {
        return switch (op) {
            case POW, GELU_BACKWARD, GELU_TANH_BACKWARD, ATAN2 -> true;
            default -> false;
        };
    }

    /** {@code x[i] = op(x[i]; alpha, beta)} for {@code i < n}. */
    static void apply(UnaryOp op, double[] x, int n, double alpha, double beta) {
        switch (op) {
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.exp(x[i]);
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.log(x[i]);
                }
            }
            case LOG1P -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.log1p(x[i]);
                }
            }
            case EXPM1 -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.expm1(x[i]);
                }
            }
            case SIN -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.sin(x[i]);
                }
            }
            case COS -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.cos(x[i]);
                }
            }
            case LOG2 -> {
                for (int i = 0; i < n; i++) {
                    x[i] = ScalarMath.log2(x[i]);
                }
            }
            case LOG10 -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.log10(x[i]);
                }
            }
            case TAN -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.tan(x[i]);
                }
            }
            case ASIN -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.asin(x[i]);
                }
            }
            case ACOS -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.acos(x[i]);
                }
            }
            case ATAN -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.atan(x[i]);
                }
            }
            case SINH -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.sinh(x[i]);
                }
            }
            case COSH -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.cosh(x[i]);
                }
            }
            case ASINH -> {
                for (int i = 0; i < n; i++) {
                    x[i] = ScalarMath.asinh(x[i]);
                }
            }
            case ACOSH -> {
                for (int i = 0; i < n; i++) {
                    x[i] = ScalarMath.acosh(x[i]);
                }
            }
            case ATANH -> {
                for (int i = 0; i < n; i++) {
                    x[i] = ScalarMath.atanh(x[i]);
                }
            }
            case TANH -> {
                // Not VecKernels' float64 tanh: the Vector API's EXP rounds differently compiled and interpreted, and
                // its scalar tail differs again, so results would depend on JIT state and on the thread split.
                for (int i = 0; i < n; i++) {
                    x[i] = ScalarMath.tanh(x[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    x[i] = ScalarMath.sigmoid(x[i]);
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    x[i] = ScalarMath.gelu(x[i]);
                }
            }
            case GELU_TANH -> {
                for (int i = 0; i < n; i++) {
                    x[i] = ScalarMath.geluTanh(x[i]);
                }
            }
            case ERF -> {
                for (int i = 0; i < n; i++) {
                    x[i] = ScalarMath.erf(x[i]);
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    x[i] = ScalarMath.softplus(x[i], alpha, beta);
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    x[i] = ScalarMath.pow(x[i], alpha);
                }
            }
            default -> throw new IllegalStateException("[" + Errors.name(op) + "] has a typed kernel");
        }
    }

    /** {@code a[i] = op(a[i], b[i])} for {@code i < n}. */
    static void apply(BinaryOp op, double[] a, double[] b, int n) {
        switch (op) {
            case POW -> {
                for (int i = 0; i < n; i++) {
                    a[i] = ScalarMath.pow(a[i], b[i]);
                }
            }
            case GELU_BACKWARD -> {
                for (int i = 0; i < n; i++) {
                    a[i] *= ScalarMath.geluGrad(b[i]);
                }
            }
            case GELU_TANH_BACKWARD -> {
                for (int i = 0; i < n; i++) {
                    a[i] *= ScalarMath.geluTanhGrad(b[i]);
                }
            }
            case ATAN2 -> { // within 2 ulps in double, so float32 rounds once to within 1
                for (int i = 0; i < n; i++) {
                    a[i] = Math.atan2(a[i], b[i]);
                }
            }
            default -> throw new IllegalStateException("[" + Errors.name(op) + "] has a typed kernel");
        }
    }
}
