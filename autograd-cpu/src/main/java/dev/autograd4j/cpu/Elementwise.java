package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;

/**
 * Dispatch of the elementwise ops ({@link UnaryOp}, {@link BinaryOp}, where) to the generated typed kernels
 * ({@code FloatUnary}, {@code IntBinary}, ...), with the checks of which dtypes each op is defined for, and the
 * few BOOL kernels. Work splits between threads in chunks of at least {@link #GRAIN} elements (fewer for
 * transcendental functions, whose per-element cost pays for a fork sooner).
 */
final class Elementwise {
    /**
     * Elements per parallel chunk for cheap ops. A fork-join round trip costs about 5 us (measured on a 2-core
     * machine), so two threads only beat one on a multiply from about 64K elements, 32K per chunk.
     */
    static final int GRAIN = 32768;
    /** Elements per parallel chunk for ops that call exp, tanh, erf, pow, ... (3-20 ns each): about 8K for two. */
    static final int GRAIN_COSTLY = 4096;

    private Elementwise() {
    }

    static int grain(UnaryOp op) {
        return switch (op) {
            case AFFINE, ABS, SIGN, RELU, LEAKY_RELU, CLAMP, SQRT, RSQRT, RECIPROCAL, FLOOR, CEIL, ROUND,
                 LOGICAL_NOT, ISNAN -> GRAIN;
            default -> GRAIN_COSTLY;
        };
    }

    static int grain(BinaryOp op) {
        return switch (op) {
            case POW, GELU_BACKWARD, GELU_TANH_BACKWARD, ATAN2 -> GRAIN_COSTLY;
            default -> GRAIN;
        };
    }

    /** Whether every element of {@code v} is the same one (all strides 0 but for size-1 dimensions). */
    static boolean isScalar(View v) {
        for (int d = 0; d < v.rank(); d++) {
            if (v.shape[d] != 1 && v.strides[d] != 0) {
                return false;
            }
        }
        return true;
    }

    static void unary(UnaryOp op, View out, View in, double alpha, double beta) {
        DType t = in.dtype();
        if (op == UnaryOp.ISNAN) {
            switch (t) {
                case FLOAT32 -> FloatUnary.isNan(out, in);
                case FLOAT64 -> DoubleUnary.isNan(out, in);
                default -> Copies.fill(out, 0); // only floating values can be NaN
            }
            return;
        }
        if (op == UnaryOp.LOGICAL_NOT) {
            if (t != DType.BOOL) {
                throw Errors.dtype(op, t);
            }
            logicalNot(out, in);
            return;
        }
        if (!t.isFloatingPoint() && !(t.isIntegral() && definedForIntegers(op))) {
            throw Errors.dtype(op, t);
        }
        switch (t) {
            case FLOAT32 -> FloatUnary.run(op, out, in, alpha, beta);
            case FLOAT64 -> DoubleUnary.run(op, out, in, alpha, beta);
            case INT64 -> LongUnary.run(op, out, in, alpha, beta);
            case INT32 -> IntUnary.run(op, out, in, alpha, beta);
            case BOOL -> throw Errors.dtype(op, t);
        }
    }

    private static boolean definedForIntegers(UnaryOp op) {
        return switch (op) {
            case AFFINE, ABS, SIGN, RELU, CLAMP -> true;
            default -> false;
        };
    }

    static void binary(BinaryOp op, View out, View a, View b, double alpha) {
        DType t = a.dtype();
        if (t == DType.BOOL) {
            boolBinary(op, out, a, b);
            return;
        }
        if (hasBoolOutput(op)) {
            switch (t) {
                case FLOAT32 -> FloatBinary.compare(op, out, a, b);
                case FLOAT64 -> DoubleBinary.compare(op, out, a, b);
                case INT64 -> LongBinary.compare(op, out, a, b);
                case INT32 -> IntBinary.compare(op, out, a, b);
                case BOOL -> throw new IllegalStateException("unreachable");
            }
            return;
        }
        if (!t.isFloatingPoint() && !definedForIntegers(op)) {
            throw Errors.dtype(op, t);
        }
        switch (t) {
            case FLOAT32 -> FloatBinary.run(op, out, a, b, alpha);
            case FLOAT64 -> DoubleBinary.run(op, out, a, b, alpha);
            case INT64 -> LongBinary.run(op, out, a, b, alpha);
            case INT32 -> IntBinary.run(op, out, a, b, alpha);
            case BOOL -> throw new IllegalStateException("unreachable");
        }
    }

    static boolean hasBoolOutput(BinaryOp op) {
        return switch (op) {
            case EQ, NE, LT, LE, GT, GE, LOGICAL_AND, LOGICAL_OR -> true;
            default -> false;
        };
    }

    private static boolean definedForIntegers(BinaryOp op) {
        return switch (op) {
            case ADD, MUL, MAXIMUM, MINIMUM, FMOD, REMAINDER, DIV_TRUNC, DIV_FLOOR -> true;
            default -> false;
        };
    }

    static void where(View out, View cond, View a, View b) {
        switch (out.dtype()) {
            case FLOAT32 -> FloatMoves.where(out, cond, a, b);
            case FLOAT64 -> DoubleMoves.where(out, cond, a, b);
            case INT64 -> LongMoves.where(out, cond, a, b);
            case INT32 -> IntMoves.where(out, cond, a, b);
            case BOOL -> BoolMoves.where(out, cond, a, b);
        }
    }

    private static void logicalNot(View out, View in) {
        boolean[] o = (boolean[]) ((CpuStorage) out.storage).data;
        boolean[] a = (boolean[]) ((CpuStorage) in.storage).data;
        Strided it = Strided.of(out.shape, out, in);
        int os = it.inner(0), as = it.inner(1);
        it.run(GRAIN, (off, n) -> {
            for (int i = 0; i < n; i++) {
                o[off[0] + i * os] = !a[off[1] + i * as];
            }
        });
    }

    /**
     * Binary ops on BOOL operands, with false &lt; true: comparisons, logical ops, and (as PyTorch allows) ADD and
     * MAXIMUM as "or", MUL and MINIMUM as "and".
     */
    private static void boolBinary(BinaryOp op, View out, View a, View b) {
        boolean[] o = (boolean[]) ((CpuStorage) out.storage).data;
        boolean[] x = (boolean[]) ((CpuStorage) a.storage).data;
        boolean[] y = (boolean[]) ((CpuStorage) b.storage).data;
        Strided it = Strided.of(out.shape, out, a, b);
        int os = it.inner(0), as = it.inner(1), bs = it.inner(2);
        Strided.Rows rows = switch (op) {
            case EQ -> (off, n) -> {
                for (int i = 0; i < n; i++) {
                    o[off[0] + i * os] = x[off[1] + i * as] == y[off[2] + i * bs];
                }
            };
            case NE -> (off, n) -> {
                for (int i = 0; i < n; i++) {
                    o[off[0] + i * os] = x[off[1] + i * as] != y[off[2] + i * bs];
                }
            };
            case LT -> (off, n) -> {
                for (int i = 0; i < n; i++) {
                    o[off[0] + i * os] = !x[off[1] + i * as] && y[off[2] + i * bs];
                }
            };
            case LE -> (off, n) -> {
                for (int i = 0; i < n; i++) {
                    o[off[0] + i * os] = !x[off[1] + i * as] || y[off[2] + i * bs];
                }
            };
            case GT -> (off, n) -> {
                for (int i = 0; i < n; i++) {
                    o[off[0] + i * os] = x[off[1] + i * as] && !y[off[2] + i * bs];
                }
            };
            case GE -> (off, n) -> {
                for (int i = 0; i < n; i++) {
                    o[off[0] + i * os] = x[off[1] + i * as] || !y[off[2] + i * bs];
                }
            };
            case LOGICAL_AND, MUL, MINIMUM -> (off, n) -> {
                for (int i = 0; i < n; i++) {
                    o[off[0] + i * os] = x[off[1] + i * as] && y[off[2] + i * bs];
                }
            };
            case LOGICAL_OR, ADD, MAXIMUM -> (off, n) -> {
                for (int i = 0; i < n; i++) {
                    o[off[0] + i * os] = x[off[1] + i * as] || y[off[2] + i * bs];
                }
            };
            default -> throw Errors.dtype(op, DType.BOOL);
        };
        it.run(GRAIN, rows);
    }
}
