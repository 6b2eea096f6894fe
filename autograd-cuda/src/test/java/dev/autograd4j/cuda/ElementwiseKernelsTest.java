package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.RandomOp;
import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

import static dev.autograd4j.cuda.RecordingLauncher.contiguous;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The host side of the elementwise and random kernels, with a recording launcher and no GPU: which kernel each call
 * launches, the arguments it passes (checked against the parameters of the shipped PTX), and the dtype errors.
 */
class ElementwiseKernelsTest {

    private final RecordingLauncher k = new RecordingLauncher();

    /** The view a pointer argument names. */
    private static View viewOf(Object pointer) {
        return ((RecordingLauncher.ViewPointer) pointer).view;
    }

    /** A [2, 3] view that is not contiguous: the transpose of a contiguous [3, 2] (strides [1, 2]). */
    private static View transposed(DType t) {
        return contiguous(t, 3, 2).with(0, new int[]{2, 3}, new long[]{1, 2});
    }

    // ------------------------------------------------------------------------------------------------------------
    // Every kernel the Java side can launch exists, with the parameters it passes
    // ------------------------------------------------------------------------------------------------------------

    /** Calls every method with every op and dtype, contiguous and strided; skips what the method rejects. */
    private List<RecordingLauncher.Launch> launchEverything() {
        List<Consumer<Boolean>> calls = new ArrayList<>();
        for (DType t : DType.values()) {
            for (DType s : DType.values()) {
                calls.add(c -> ElementwiseKernels.copy(k, out(t, c), in(s, c)));
            }
            calls.add(c -> ElementwiseKernels.fill(k, out(t, c), 1.5));
            for (UnaryOp op : UnaryOp.values()) {
                DType o = op == UnaryOp.ISNAN ? DType.BOOL : t;
                calls.add(c -> ElementwiseKernels.unary(k, op, out(o, c), in(t, c), 0.5, 2));
            }
            for (BinaryOp op : BinaryOp.values()) {
                DType o = ElementwiseKernels.hasBoolOutput(op) ? DType.BOOL : t;
                calls.add(c -> ElementwiseKernels.binary(k, op, out(o, c), in(t, c), in(t, c), 1));
                calls.add(c -> ElementwiseKernels.binaryScalar(k, op, out(o, c), in(t, c), 2));
            }
            calls.add(c -> ElementwiseKernels.where(k, out(t, c), in(DType.BOOL, c), in(t, c), in(t, c)));
            calls.add(c -> ElementwiseKernels.whereScalar(k, out(t, c), in(DType.BOOL, c), in(t, c), 0, true));
            for (RandomOp op : RandomOp.values()) {
                calls.add(c -> ElementwiseKernels.random(k, op, out(t, c), 42, 7, 0, 10));
            }
        }
        for (Consumer<Boolean> call : calls) {
            for (boolean contiguousOperands : new boolean[]{true, false}) {
                try {
                    call.accept(contiguousOperands);
                } catch (IllegalArgumentException rejected) {
                    assertTrue(rejected.getMessage().startsWith("["), rejected.getMessage());
                }
            }
        }
        return k.launches;
    }

    private static View out(DType t, boolean contiguousOperands) {
        return contiguousOperands ? contiguous(t, 2, 3) : transposed(t);
    }

    private static View in(DType t, boolean contiguousOperands) {
        return contiguousOperands ? contiguous(t, 2, 3) : transposed(t);
    }

    /** The PTX parameter types a Java argument may fill. */
    private static boolean fits(Object arg, String ptxType) {
        if (arg instanceof Integer) {
            return ptxType.equals("u32") || ptxType.equals("s32");
        }
        if (arg instanceof Long) {
            return ptxType.equals("u64") || ptxType.equals("s64");
        }
        if (arg instanceof Double) {
            return ptxType.equals("f64");
        }
        if (arg instanceof RecordingLauncher.ViewPointer) {
            return ptxType.equals("u64");
        }
        if (arg instanceof long[] struct) {
            return ptxType.equals("b8[" + struct.length * 8 + "]");
        }
        return false;
    }

    @Test
    void everyKernelTheJavaSideLaunchesIsInThePtxWithMatchingParameters() {
        Map<String, Map<String, List<String>>> modules = Map.of(
                ElementwiseKernels.MODULE, PtxEntries.of(ElementwiseKernels.MODULE),
                ElementwiseKernels.RANDOM_MODULE, PtxEntries.of(ElementwiseKernels.RANDOM_MODULE));
        TreeSet<String> launched = new TreeSet<>();
        for (RecordingLauncher.Launch l : launchEverything()) {
            List<String> params = modules.get(l.module()).get(l.kernel());
            if (params == null) {
                fail(l.kernel() + " (for " + l.op() + ") is not in " + l.module() + ".ptx");
            }
            assertEquals(params.size(), l.args().size(), l.kernel() + ": parameters " + params + ", arguments "
                    + l.args());
            for (int i = 0; i < params.size(); i++) {
                assertTrue(fits(l.arg(i), params.get(i)), l.kernel() + ": argument " + i + " (" + l.arg(i)
                        + ") does not fit the parameter of type " + params.get(i));
            }
            launched.add(l.module() + "/" + l.kernel());
        }
        // And the converse: every kernel shipped is one the Java side launches.
        TreeSet<String> shipped = new TreeSet<>();
        modules.forEach((module, entries) -> entries.keySet().forEach(e -> shipped.add(module + "/" + e)));
        assertEquals(shipped, launched);
        assertEquals(2 * (25 + 5 * 9) + 2 * 4, shipped.size(), "copy, 9 families per dtype, random");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Kernel names
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void kernelNamesFollowTheAbi() {
        assertEquals("unary_contig_f32", ElementwiseKernels.kernelName("unary", true, "f32"));
        assertEquals("where_scalar_strided_b8", ElementwiseKernels.kernelName("where_scalar", false, "b8"));

        ElementwiseKernels.unary(k, UnaryOp.EXP, contiguous(DType.FLOAT64, 4), contiguous(DType.FLOAT64, 4), 0, 0);
        ElementwiseKernels.unary(k, UnaryOp.ISNAN, contiguous(DType.BOOL, 4), contiguous(DType.INT64, 4), 0, 0);
        ElementwiseKernels.unary(k, UnaryOp.LOGICAL_NOT, contiguous(DType.BOOL, 4), contiguous(DType.BOOL, 4), 0, 0);
        ElementwiseKernels.copy(k, contiguous(DType.FLOAT32, 4), contiguous(DType.INT64, 4));
        ElementwiseKernels.binary(k, BinaryOp.LT, contiguous(DType.BOOL, 2, 3), transposed(DType.INT32),
                contiguous(DType.INT32, 2, 3), 1);
        ElementwiseKernels.binary(k, BinaryOp.ADD, contiguous(DType.BOOL, 4), contiguous(DType.BOOL, 4),
                contiguous(DType.BOOL, 4), 1);
        ElementwiseKernels.binaryScalar(k, BinaryOp.GE, contiguous(DType.BOOL, 4), contiguous(DType.FLOAT64, 4), 0);
        ElementwiseKernels.binaryScalar(k, BinaryOp.MUL, contiguous(DType.INT64, 4), contiguous(DType.INT64, 4), 3);
        ElementwiseKernels.random(k, RandomOp.RANDINT, contiguous(DType.INT32, 4), 1, 0, 0, 5);
        List<String> names = k.launches.stream().map(l -> l.module() + "/" + l.kernel()).toList();
        assertEquals(List.of("elementwise/unary_contig_f64", "elementwise/isnan_contig_i64",
                "elementwise/unary_contig_b8", "elementwise/copy_contig_i64_f32", "elementwise/compare_strided_i32",
                "elementwise/binary_contig_b8", "elementwise/compare_scalar_contig_f64",
                "elementwise/binary_scalar_contig_i64", "random/random_contig_i32"), names);
        List<String> ops = k.launches.stream().map(RecordingLauncher.Launch::op).toList();
        assertEquals(List.of("exp", "isnan", "logical_not", "copy", "lt", "add", "ge", "mul", "randint"), ops);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Argument lists
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void contiguousBinaryPassesOpCodeCountPointersAndAlpha() {
        View out = contiguous(DType.FLOAT32, 2, 3), a = contiguous(DType.FLOAT32, 2, 3);
        View b = contiguous(DType.FLOAT32, 2, 3);
        ElementwiseKernels.binary(k, BinaryOp.ADD, out, a, b, 2.5);
        RecordingLauncher.Launch l = k.only();
        assertEquals("binary_contig_f32", l.kernel());
        assertEquals(6, l.n());
        assertEquals(6, l.args().size());
        assertEquals(0, l.arg(0), "AG_BINARY_ADD");
        assertEquals(6L, l.arg(1));
        assertSame(out, viewOf(l.arg(2)));
        assertSame(a, viewOf(l.arg(3)));
        assertSame(b, viewOf(l.arg(4)));
        assertEquals(2.5, l.arg(5));
    }

    @Test
    void stridedUnaryPassesTheCollapsedLayout() {
        View out = contiguous(DType.FLOAT64, 2, 3), in = transposed(DType.FLOAT64);
        ElementwiseKernels.unary(k, UnaryOp.CLAMP, out, in, -1, 1);
        RecordingLauncher.Launch l = k.only();
        assertEquals("unary_strided_f64", l.kernel());
        assertEquals(21, l.arg(0), "AG_UNARY_CLAMP");
        long[] layout = (long[]) l.arg(1);
        assertEquals(51, layout.length);
        assertEquals(2, layout[0]);
        assertArrayEquals(new long[]{2, 3}, new long[]{layout[1], layout[2]});
        assertArrayEquals(new long[]{3, 1}, new long[]{layout[11], layout[12]}, "out's strides");
        assertArrayEquals(new long[]{1, 2}, new long[]{layout[21], layout[22]}, "in's strides");
        assertEquals(6L, l.arg(2));
        assertSame(out, viewOf(l.arg(3)));
        assertSame(in, viewOf(l.arg(4)));
        assertEquals(-1.0, l.arg(5));
        assertEquals(1.0, l.arg(6));
    }

    @Test
    void aBroadcastOperandTakesTheStridedKernelWithStrideZero() {
        View out = contiguous(DType.INT64, 2, 3), a = contiguous(DType.INT64, 2, 3);
        View b = contiguous(DType.INT64).with(0, new int[]{2, 3}, new long[]{0, 0});
        ElementwiseKernels.binary(k, BinaryOp.MAXIMUM, out, a, b, 1);
        RecordingLauncher.Launch l = k.only();
        assertEquals("binary_strided_i64", l.kernel());
        long[] layout = (long[]) l.arg(1);
        assertEquals(1, layout[0], "rank 1 after collapsing");
        assertEquals(6, layout[1]);
        assertEquals(1, layout[11]);
        assertEquals(1, layout[21]);
        assertEquals(0, layout[31], "the broadcast scalar");
    }

    @Test
    void scalarFormsPassTheScalarAsADoubleAndWorkInPlace() {
        View a = contiguous(DType.INT32, 5);
        ElementwiseKernels.binaryScalar(k, BinaryOp.ADD, a, a, 3);
        RecordingLauncher.Launch l = k.only();
        assertEquals("binary_scalar_contig_i32", l.kernel());
        assertEquals(List.of(0, 5L), l.args().subList(0, 2));
        assertSame(a, viewOf(l.arg(2)));
        assertSame(a, viewOf(l.arg(3)), "in place: the output is the operand");
        assertEquals(3.0, l.arg(4));

        // A broadcast operand: strided, stride 0, the scalar last.
        View out = contiguous(DType.BOOL, 4);
        View bcast = contiguous(DType.FLOAT32).with(0, new int[]{4}, new long[]{0});
        ElementwiseKernels.binaryScalar(k, BinaryOp.EQ, out, bcast, 0.1);
        l = k.launches.get(1);
        assertEquals("compare_scalar_strided_f32", l.kernel());
        assertEquals(OpCodes.of(BinaryOp.EQ), l.arg(0));
        long[] layout = (long[]) l.arg(1);
        assertEquals(1, layout[11]);
        assertEquals(0, layout[21]);
        assertEquals(0.1, l.arg(5));
    }

    @Test
    void whereTakesFourOperandsInTheAbisOrder() {
        View out = contiguous(DType.FLOAT32, 3), cond = contiguous(DType.BOOL, 3);
        View a = contiguous(DType.FLOAT32, 3), b = contiguous(DType.FLOAT32, 3);
        ElementwiseKernels.where(k, out, cond, a, b);
        RecordingLauncher.Launch l = k.only();
        assertEquals("where_contig_f32", l.kernel());
        assertEquals(3L, l.arg(0));
        assertSame(out, viewOf(l.arg(1)));
        assertSame(cond, viewOf(l.arg(2)));
        assertSame(a, viewOf(l.arg(3)));
        assertSame(b, viewOf(l.arg(4)));

        ElementwiseKernels.whereScalar(k, out, cond, a, -2, true);
        ElementwiseKernels.whereScalar(k, out, cond, a, -2, false);
        assertEquals(List.of(-2.0, 1), k.launches.get(1).args().subList(4, 6));
        assertEquals(List.of(-2.0, 0), k.launches.get(2).args().subList(4, 6));
        assertEquals("where_scalar_contig_f32", k.launches.get(2).kernel());
    }

    @Test
    void fillAndCopy() {
        View m = contiguous(DType.INT32, 2, 3);
        View column = m.with(1, new int[]{2}, new long[]{3});
        ElementwiseKernels.fill(k, column, 3.7);
        RecordingLauncher.Launch l = k.only();
        assertEquals("fill_strided_i32", l.kernel());
        long[] layout = (long[]) l.arg(0);
        assertArrayEquals(new long[]{1, 2}, new long[]{layout[0], layout[1]});
        assertEquals(3, layout[11]);
        assertEquals(2L, l.arg(1));
        assertSame(column, viewOf(l.arg(2)));
        assertEquals(3.7, l.arg(3));

        View dst = contiguous(DType.BOOL, 6), src = contiguous(DType.FLOAT64, 2, 3);
        ElementwiseKernels.copy(k, dst.with(0, new int[]{2, 3}, new long[]{3, 1}), src);
        l = k.launches.get(1);
        assertEquals("copy_contig_f64_b8", l.kernel());
        assertEquals(3, l.args().size());
        assertEquals(6L, l.arg(0));
        assertSame(src, viewOf(l.arg(2)));
    }

    @Test
    void zeroDimensionalViewsTakeTheContiguousKernelAndEmptyOnesNone() {
        View s = contiguous(DType.FLOAT64, 5).with(2, new int[0], new long[0]);
        ElementwiseKernels.unary(k, UnaryOp.EXP, s, s, 0, 0);
        assertEquals("unary_contig_f64", k.only().kernel());
        assertEquals(1L, k.only().arg(1));

        k.launches.clear();
        View empty = contiguous(DType.FLOAT32, 3, 0);
        ElementwiseKernels.unary(k, UnaryOp.EXP, empty, empty, 0, 0);
        ElementwiseKernels.fill(k, empty, 1);
        ElementwiseKernels.copy(k, empty, contiguous(DType.INT64, 3, 0));
        ElementwiseKernels.random(k, RandomOp.NORMAL, empty, 1, 2, 0, 1);
        assertEquals(List.of(), k.launches);
    }

    @Test
    void randomFillsPassSeedOffsetAndBounds() {
        View out = contiguous(DType.FLOAT32, 4, 5);
        ElementwiseKernels.random(k, RandomOp.UNIFORM, out, -3L, 100, -1, 1);
        RecordingLauncher.Launch l = k.only();
        assertEquals("random", l.module());
        assertEquals("random_contig_f32", l.kernel());
        assertEquals("uniform", l.op());
        assertEquals(List.of(0, 20L), l.args().subList(0, 2));
        assertSame(out, viewOf(l.arg(2)));
        assertEquals(List.of(-3L, 100L, -1.0, 1.0), l.args().subList(3, 7));
    }

    @Test
    void aRandomFillSplitPastTenDimsAdvancesTheCounterByEachBlocksFirstElement() {
        int[] shape = new int[11];
        long[] reversed = new long[11];
        for (int d = 0; d < 11; d++) {
            shape[d] = 2;
            reversed[d] = 1L << d;
        }
        View out = contiguous(DType.FLOAT64, 2048).with(0, shape, reversed);
        ElementwiseKernels.random(k, RandomOp.NORMAL, out, 9, 1000, 0, 1);
        assertEquals(2, k.launches.size());
        RecordingLauncher.Launch first = k.launches.get(0), second = k.launches.get(1);
        assertEquals("random_strided_f64", first.kernel());
        assertEquals(1024, first.n());
        assertEquals(1024L, first.arg(2));
        assertEquals(1000L, first.arg(5), "elements 0.. draw counters 1000..");
        assertEquals(1024 + 1000L, second.arg(5), "elements 1024.. draw counters 2024..");
        assertSame(out, viewOf(first.arg(3)));
        View shifted = viewOf(second.arg(3));
        assertEquals(out.storage, shifted.storage);
        assertEquals(1, shifted.offset, "index 1 of dim 0, whose stride is 1");
        assertEquals(10, ((long[]) second.arg(1))[0]);
    }

    @Test
    void aSplitBinaryShiftsEveryOperandByItsOwnStride() {
        int[] shape = new int[11];
        long[] reversed = new long[11];
        for (int d = 0; d < 11; d++) {
            shape[d] = 2;
            reversed[d] = 1L << d;
        }
        View out = contiguous(DType.FLOAT32, shape);
        View a = contiguous(DType.FLOAT32, 2048).with(5, shape, reversed);
        View b = contiguous(DType.FLOAT32).with(0, shape, new long[11]);
        ElementwiseKernels.binary(k, BinaryOp.MUL, out, a, b, 1);
        assertEquals(2, k.launches.size());
        RecordingLauncher.Launch second = k.launches.get(1);
        assertEquals(1024, viewOf(second.arg(3)).offset, "out: stride 1024 along dim 0");
        assertEquals(6, viewOf(second.arg(4)).offset, "a: offset 5 plus stride 1");
        assertSame(b, viewOf(second.arg(5)), "b broadcasts: no shift, the view itself");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Errors
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void opsOnDtypesWithoutKernelsAreOneLineErrorsNamingTheOp() {
        View i = contiguous(DType.INT32, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ElementwiseKernels.unary(k, UnaryOp.EXP, i, i, 0, 0));
        assertEquals("[exp] is not defined for dtype int32 on cuda:0", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ElementwiseKernels.binary(k, BinaryOp.DIV, i, i, i, 1));
        View bool = contiguous(DType.BOOL, 2);
        assertThrows(IllegalArgumentException.class,
                () -> ElementwiseKernels.unary(k, UnaryOp.ABS, bool, bool, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ElementwiseKernels.unary(k, UnaryOp.LOGICAL_NOT, i, i, 0, 0));
        View f = contiguous(DType.FLOAT32, 2);
        e = assertThrows(IllegalArgumentException.class,
                () -> ElementwiseKernels.binaryScalar(k, BinaryOp.TANH_BACKWARD, f, f, 1));
        assertTrue(e.getMessage().startsWith("[tanh_backward] "), e.getMessage());
        assertEquals(List.of(), k.launches);
    }

    @Test
    void randomChecksDtypeAndBounds() {
        View i = contiguous(DType.INT64, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ElementwiseKernels.random(k, RandomOp.NORMAL, i, 1, 0, 0, 1));
        assertTrue(e.getMessage().startsWith("[normal] "), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ElementwiseKernels.random(k, RandomOp.RANDINT, contiguous(DType.BOOL, 2), 1, 0, 0, 2));
        e = assertThrows(IllegalArgumentException.class,
                () -> ElementwiseKernels.random(k, RandomOp.RANDINT, i, 1, 0, 5, 5));
        assertEquals("[randint] expected low < high but got low=5, high=5", e.getMessage());
        assertEquals(List.of(), k.launches);
    }
}
