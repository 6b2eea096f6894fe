package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.RandomOp;
import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;
import jcuda.Pointer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Elementwise kernels (module "elementwise"): fill, copy, unary, binary, scalar operands, where; and the random
 * fills (module "random"). Each method checks the dtype (a missing kernel would otherwise be a CUDA error at
 * launch), collapses the operands' dimensions ({@link Layouts}) and launches
 * {@code <family>_<contig|strided>_<suffix>} with the parameters of the kernel ABI (cuda-kernels/README.md):
 * {@code [int op,] [Layout,] long long n, pointers (the output first), scalars}. A scalar operand travels as a
 * {@code double} parameter, converted to the element type in the kernel.
 */
final class ElementwiseKernels {
    static final String MODULE = "elementwise";
    static final String RANDOM_MODULE = "random";

    private ElementwiseKernels() {
    }

    static void fill(KernelLauncher k, View dst, double value) {
        launch(k, "fill", MODULE, "fill", DTypes.suffix(dst.dtype()), null, new View[]{dst}, first -> args(value));
    }

    /** Converts as the CPU backend's {@code Convert}: the kernel {@code copy_<variant>_<from>_<to>}. */
    static void copy(KernelLauncher k, View dst, View src) {
        String suffix = DTypes.suffix(src.dtype()) + "_" + DTypes.suffix(dst.dtype());
        launch(k, "copy", MODULE, "copy", suffix, null, new View[]{dst, src}, first -> args());
    }

    static void unary(KernelLauncher k, UnaryOp op, View out, View in, double alpha, double beta) {
        DType t = in.dtype();
        if (op == UnaryOp.ISNAN) {
            launch(k, name(op), MODULE, "isnan", DTypes.suffix(t), null, new View[]{out, in}, first -> args());
            return;
        }
        if (!definedFor(op, t)) {
            throw dtypeError(k, op, t);
        }
        launch(k, name(op), MODULE, "unary", DTypes.suffix(t), OpCodes.of(op), new View[]{out, in},
                first -> args(alpha, beta));
    }

    static void binary(KernelLauncher k, BinaryOp op, View out, View a, View b, double alpha) {
        DType t = a.dtype();
        if (hasBoolOutput(op)) {
            launch(k, name(op), MODULE, "compare", DTypes.suffix(t), OpCodes.of(op), new View[]{out, a, b},
                    first -> args());
            return;
        }
        if (!definedFor(op, t)) {
            throw dtypeError(k, op, t);
        }
        launch(k, name(op), MODULE, "binary", DTypes.suffix(t), OpCodes.of(op), new View[]{out, a, b},
                first -> args(alpha));
    }

    /** {@code op(a, b)} with the scalar converted to {@code a}'s dtype in the kernel; alpha is 1. */
    static void binaryScalar(KernelLauncher k, BinaryOp op, View out, View a, double b) {
        DType t = a.dtype();
        if (isFusedBackward(op)) {
            throw new IllegalArgumentException("[" + name(op) + "] is a fused backward kernel with no scalar form"
                    + " (binaryScalar takes ADD to LOGICAL_OR)");
        }
        if (hasBoolOutput(op)) {
            launch(k, name(op), MODULE, "compare_scalar", DTypes.suffix(t), OpCodes.of(op), new View[]{out, a},
                    first -> args(b));
            return;
        }
        if (!definedFor(op, t)) {
            throw dtypeError(k, op, t);
        }
        launch(k, name(op), MODULE, "binary_scalar", DTypes.suffix(t), OpCodes.of(op), new View[]{out, a},
                first -> args(b));
    }

    static void where(KernelLauncher k, View out, View cond, View a, View b) {
        launch(k, "where", MODULE, "where", DTypes.suffix(out.dtype()), null, new View[]{out, cond, a, b},
                first -> args());
    }

    static void whereScalar(KernelLauncher k, View out, View cond, View a, double b, boolean scalarWhenTrue) {
        launch(k, "where", MODULE, "where_scalar", DTypes.suffix(out.dtype()), null, new View[]{out, cond, a},
                first -> args(b, scalarWhenTrue ? 1 : 0));
    }

    /**
     * Philox fills: element {@code i} (row-major) of {@code out} draws counter {@code offset + i}, so a launch over
     * the elements from {@code first} on passes {@code offset + first}.
     */
    static void random(KernelLauncher k, RandomOp op, View out, long seed, long offset, double a, double b) {
        DType t = out.dtype();
        if (t == DType.BOOL || (op != RandomOp.RANDINT && !t.isFloatingPoint())) {
            throw dtypeError(k, op, t);
        }
        if (op == RandomOp.RANDINT && !((long) a < (long) b)) {
            throw new IllegalArgumentException("[randint] expected low < high but got low=" + (long) a
                    + ", high=" + (long) b);
        }
        launch(k, name(op), RANDOM_MODULE, "random", DTypes.suffix(t), OpCodes.of(op), new View[]{out},
                first -> args(seed, offset + first, a, b));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Which dtypes each op has kernels for (the CPU backend's, see its Elementwise)
    // ------------------------------------------------------------------------------------------------------------

    /** Whether {@code unary_*_<t>} implements {@code op} (ISNAN has kernels of its own, for every dtype). */
    static boolean definedFor(UnaryOp op, DType t) {
        return switch (op) {
            case ISNAN -> true;
            case LOGICAL_NOT -> t == DType.BOOL;
            case AFFINE, ABS, SIGN, RELU, CLAMP -> t != DType.BOOL;
            default -> t.isFloatingPoint();
        };
    }

    /** Whether {@code binary_*_<t>} or {@code compare_*_<t>} implements {@code op}. */
    static boolean definedFor(BinaryOp op, DType t) {
        if (hasBoolOutput(op)) {
            return true;
        }
        return switch (op) {
            case ADD, MUL, MAXIMUM, MINIMUM -> true; // on BOOL: ADD and MAXIMUM are "or", MUL and MINIMUM "and"
            case FMOD, REMAINDER, DIV_TRUNC, DIV_FLOOR -> t != DType.BOOL;
            default -> t.isFloatingPoint();
        };
    }

    /** Comparisons and logical ops: BOOL out, the {@code compare} kernels. */
    static boolean hasBoolOutput(BinaryOp op) {
        return switch (op) {
            case EQ, NE, LT, LE, GT, GE, LOGICAL_AND, LOGICAL_OR -> true;
            default -> false;
        };
    }

    private static boolean isFusedBackward(BinaryOp op) {
        return switch (op) {
            case TANH_BACKWARD, SIGMOID_BACKWARD, THRESHOLD_BACKWARD, LEAKY_RELU_BACKWARD, GELU_BACKWARD,
                 GELU_TANH_BACKWARD -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------------------------------------------------
    // Launching
    // ------------------------------------------------------------------------------------------------------------

    /** {@code <family>_<contig|strided>_<suffix>}, the ABI's kernel names. */
    static String kernelName(String family, boolean contiguous, String suffix) {
        return family + (contiguous ? "_contig_" : "_strided_") + suffix;
    }

    /**
     * Launches the family's kernel over {@code operands} (the output first, all of its shape): the {@code contig}
     * variant when every operand is contiguous, else the {@code strided} one with the collapsed Layout, once per
     * {@link Layouts.Block} (once unless more than {@link Layouts#MAX_DIMS} dims remain). {@code code} is the op
     * code, or null for a family without one; {@code tail} gives the parameters after the pointers for a launch
     * whose elements start at row-major index {@code first}.
     */
    private static void launch(KernelLauncher k, String op, String module, String family, String suffix,
                               Integer code, View[] operands, LongFunction<Object[]> tail) {
        View out = operands[0];
        if (out.numel() == 0) {
            return;
        }
        Layouts.Collapsed layout = Layouts.collapse(out.shape, operands);
        if (layout.contiguous()) {
            k.launchElements(op, module, kernelName(family, true, suffix), out.numel(),
                    arguments(code, null, out.numel(), pointers(k, operands, null), tail.apply(0)));
            return;
        }
        String kernel = kernelName(family, false, suffix);
        for (Layouts.Block block : layout.blocks()) {
            long n = block.layout().numel();
            k.launchElements(op, module, kernel, n,
                    arguments(code, block.layout().pack(), n, pointers(k, operands, block.offsets()),
                            tail.apply(block.first())));
        }
    }

    /** The device address of each operand, {@code offsets[i]} elements on ({@code offsets} null: none). */
    private static Pointer[] pointers(KernelLauncher k, View[] operands, long[] offsets) {
        Pointer[] p = new Pointer[operands.length];
        for (int i = 0; i < operands.length; i++) {
            View v = operands[i];
            if (offsets != null && offsets[i] != 0) {
                v = v.with(v.offset + offsets[i], new int[0], new long[0]); // only its first element's address
            }
            p[i] = k.address(v);
        }
        return p;
    }

    /** {@code [code,] [layout,] n, pointers..., tail...} as the ABI orders them. */
    private static Object[] arguments(Integer code, long[] layout, long n, Pointer[] pointers, Object[] tail) {
        List<Object> a = new ArrayList<>(3 + pointers.length + tail.length);
        if (code != null) {
            a.add(code);
        }
        if (layout != null) {
            a.add(layout);
        }
        a.add(n);
        Collections.addAll(a, pointers);
        Collections.addAll(a, tail);
        return a.toArray();
    }

    private static Object[] args(Object... values) {
        return values;
    }

    /** PyTorch's name for an op constant: {@code LOGICAL_AND} is {@code logical_and}. */
    private static String name(Enum<?> op) {
        return op.name().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException dtypeError(KernelLauncher k, Enum<?> op, DType t) {
        return new IllegalArgumentException("[" + name(op) + "] is not defined for dtype " + t + " on "
                + k.device());
    }
}
