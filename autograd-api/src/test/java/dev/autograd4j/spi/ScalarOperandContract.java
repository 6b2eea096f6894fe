package dev.autograd4j.spi;

import dev.autograd4j.DType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * What every backend's scalar-operand kernels must do: {@link Backend#binaryScalar} and {@link Backend#whereScalar}
 * give exactly what the tensor kernels give with the scalar as a broadcast tensor of the operand's dtype (the scalar
 * converted first, so a float32 comparison with 0.1 compares with {@code (float) 0.1}), in place too.
 */
public abstract class ScalarOperandContract {

    /** The backend under test. */
    protected abstract Backend backend();

    private static final double[] VALUES = {-2.5, -1, -0.0, 0, 0.1, 0.5, 1, 3, 7.25, Double.NaN,
            Double.POSITIVE_INFINITY};
    private static final double[] SCALARS = {0.1, -1, 0, 2, 0.5, Double.NaN};
    /** The fused backward ops are not scalar ops; logical ops take BOOL operands (tested separately). */
    private static final EnumSet<BinaryOp> SCALAR_OPS = EnumSet.of(BinaryOp.ADD, BinaryOp.MUL, BinaryOp.DIV,
            BinaryOp.POW, BinaryOp.MAXIMUM, BinaryOp.MINIMUM, BinaryOp.EQ, BinaryOp.NE, BinaryOp.LT, BinaryOp.LE,
            BinaryOp.GT, BinaryOp.GE);

    private View tensor(DType dtype, double... values) {
        return View.contiguous(backend().fromArray(BackendContract.array(dtype, values)), new int[] {values.length});
    }

    private View scalarTensor(DType dtype, double value, int n) {
        View one = View.contiguous(backend().fromArray(BackendContract.array(dtype, value)), new int[0]);
        return one.with(one.offset, new int[] {n}, new long[] {0});
    }

    private View empty(DType dtype, int n) {
        return View.contiguous(backend().allocate(dtype, n), new int[] {n});
    }

    private double[] values(View v) {
        return BackendContract.doubles(backend().toArray(v));
    }

    private static boolean definedFor(BinaryOp op, DType t) {
        if (op == BinaryOp.DIV || op == BinaryOp.POW) {
            return t.isFloatingPoint();
        }
        return t != DType.BOOL;
    }

    private static boolean comparison(BinaryOp op) {
        return EnumSet.of(BinaryOp.EQ, BinaryOp.NE, BinaryOp.LT, BinaryOp.LE, BinaryOp.GT, BinaryOp.GE).contains(op);
    }

    @TestFactory
    List<DynamicTest> binaryScalarEqualsABroadcastScalarTensor() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BinaryOp op : SCALAR_OPS) {
            for (DType t : DType.values()) {
                if (!definedFor(op, t)) {
                    continue;
                }
                for (double s : SCALARS) {
                    if (!t.isFloatingPoint() && (Double.isNaN(s) || s != Math.rint(s))) {
                        continue;
                    }
                    tests.add(DynamicTest.dynamicTest(op + " " + t + " with " + s, () -> {
                        double[] in = t.isFloatingPoint() ? VALUES
                                : Arrays.stream(VALUES).filter(v -> v == Math.rint(v)).toArray();
                        DType outType = comparison(op) ? DType.BOOL : t;
                        View a = tensor(t, in);
                        View expected = empty(outType, in.length), actual = empty(outType, in.length);
                        backend().binary(op, expected, a, scalarTensor(t, s, in.length), 1);
                        backend().binaryScalar(op, actual, a, s);
                        assertArrayEquals(values(expected), values(actual), 0, "out of place");
                        if (!comparison(op)) {
                            View inPlace = tensor(t, in);
                            backend().binaryScalar(op, inPlace, inPlace, s);
                            assertArrayEquals(values(expected), values(inPlace), 0, "in place");
                        }
                    }));
                }
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> whereScalarEqualsWhereWithABroadcastScalarTensor() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType t : DType.values()) {
            for (boolean scalarWhenTrue : new boolean[] {false, true}) {
                tests.add(DynamicTest.dynamicTest(t + (scalarWhenTrue ? " scalar when true" : " scalar when false"),
                        () -> {
                            double[] in = {1, 0, 3, 1, 0};
                            View cond = tensor(DType.BOOL, 1, 0, 0, 1, 1);
                            View a = tensor(t, in);
                            View s = scalarTensor(t, 0.0, in.length);
                            View expected = empty(t, in.length), actual = empty(t, in.length);
                            backend().where(expected, cond, scalarWhenTrue ? s : a, scalarWhenTrue ? a : s);
                            backend().whereScalar(actual, cond, a, 0.0, scalarWhenTrue);
                            assertArrayEquals(values(expected), values(actual), 0);
                        }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> theScalarIsConvertedToTheOperandsDtypeFirst() {
        // float32: 0.1 is compared as (float) 0.1, so x == 0.1 holds for x = (float) 0.1; int32: 2 ** 31 - 1 + 1 wraps.
        return List.of(
                DynamicTest.dynamicTest("float32 eq 0.1", () -> {
                    View a = tensor(DType.FLOAT32, 0.1, 0.2);
                    View out = empty(DType.BOOL, 2);
                    backend().binaryScalar(BinaryOp.EQ, out, a, 0.1);
                    assertArrayEquals(new double[] {1, 0}, values(out), 0);
                }),
                DynamicTest.dynamicTest("float64 eq (float) 0.1", () -> {
                    View a = tensor(DType.FLOAT64, 0.1, (float) 0.1);
                    View out = empty(DType.BOOL, 2);
                    backend().binaryScalar(BinaryOp.EQ, out, a, 0.1);
                    assertArrayEquals(new double[] {1, 0}, values(out), 0);
                }));
    }
}
