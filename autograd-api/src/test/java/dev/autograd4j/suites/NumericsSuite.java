package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Dtypes and special values through the op layer, on the suite's device: type promotion with bool and integer
 * operands, integer arithmetic, conversions of NaN, infinities and out-of-range values, and NaN through the ops.
 * Each expectation is PyTorch 1.13's behaviour on the CPU, with the expression that gave it.
 */
public abstract class NumericsSuite extends DeviceSuite {
    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;

    @Test
    void floatToIntegerConversionGivesTheMinimumForNanInfinitiesAndOutOfRangeValues() {
        // PyTorch 1.13 on x86 (cvttsd2si): torch.tensor([nan, inf, -inf, 3e10, -3e10, -2.7, 2.7],
        // dtype=torch.float64).long() -> [-9223372036854775808 x 3, 30000000000, -30000000000, -2, 2]
        Tensor x = Tensor.of(new double[] {NAN, INF, -INF, 3e10, -3e10, -2.7, 2.7}, 7);
        assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, 30000000000L, -30000000000L, -2, 2},
                x.to(DType.INT64).toLongArray());
        // .int() -> [-2147483648 x 5, -2, 2]: out of int32's range is the minimum too (no wrap through int64)
        int min = Integer.MIN_VALUE;
        assertArrayEquals(new int[] {min, min, min, min, min, -2, 2}, x.to(DType.INT32).toIntArray());
        // torch.tensor([nan, inf, 3e10, -2.7, 2147483647.0, -2147483648.0]).int() (float32)
        // -> [-2147483648 x 3, -2, -2147483648, -2147483648]: float32 2147483647.0 rounds to 2^31, out of range
        Tensor f = Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, 3e10f, -2.7f, 2147483647.0f,
                -2147483648.0f}, 6);
        assertArrayEquals(new int[] {min, min, min, -2, min, min}, f.to(DType.INT32).toIntArray());
        // torch.tensor([9.3e18, -9.3e18, 9.2e18], dtype=torch.float64).long()
        // -> [-9223372036854775808, -9223372036854775808, 9200000000000000000]
        assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MIN_VALUE, 9200000000000000000L},
                Tensor.of(new double[] {9.3e18, -9.3e18, 9.2e18}, 3).to(DType.INT64).toLongArray());
        // torch.tensor([2147483647.5, -2147483648.5, 2147483648.0], dtype=torch.float64).int()
        // -> [2147483647, -2147483648, -2147483648]: truncated first, then checked against the range
        assertArrayEquals(new int[] {Integer.MAX_VALUE, min, min},
                Tensor.of(new double[] {2147483647.5, -2147483648.5, 2147483648.0}, 3).to(DType.INT32).toIntArray());
    }

    @Test
    void toIntArrayAndToLongArrayOfFloatsConvertAsToDoes() {
        // PyTorch 1.13: torch.tensor([nan, inf, 3e9, -2.7, 1e19]).int().tolist()
        // -> [-2147483648, -2147483648, -2147483648, -2, -2147483648]; .long().tolist()
        // -> [-9223372036854775808, -9223372036854775808, 3000000000, -2, -9223372036854775808]
        Tensor f = Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, 3e9f, -2.7f, 1e19f}, 5);
        int min = Integer.MIN_VALUE;
        long lmin = Long.MIN_VALUE;
        assertArrayEquals(new int[] {min, min, min, -2, min}, f.toIntArray());
        assertArrayEquals(new long[] {lmin, lmin, 3000000000L, -2, lmin}, f.toLongArray());
        Tensor d = Tensor.of(new double[] {NAN, -INF, 2147483647.5, -3e10, 9.3e18}, 5);
        assertArrayEquals(new int[] {min, min, Integer.MAX_VALUE, min, min}, d.toIntArray());
        assertArrayEquals(new long[] {lmin, lmin, 2147483647L, -30000000000L, lmin}, d.toLongArray());
    }

    @Test
    void addMulMaximumAndMinimumOfTwoBoolTensorsAreLogicalWithABoolResult() {
        // PyTorch 1.13: a = torch.tensor([True, True, False, False]); b = torch.tensor([True, False, True, False])
        // a + b -> [True, True, True, False] (bool); a * b -> [True, False, False, False]; torch.maximum(a, b) ->
        // a + b; torch.minimum(a, b) -> a * b
        Tensor a = Tensor.of(new boolean[] {true, true, false, false}, 4);
        Tensor b = Tensor.of(new boolean[] {true, false, true, false}, 4);
        boolean[] or = {true, true, true, false}, and = {true, false, false, false};
        for (Tensor t : new Tensor[] {a.add(b), a.maximum(b)}) {
            assertEquals(DType.BOOL, t.dtype());
            assertArrayEquals(or, t.toBooleanArray());
        }
        for (Tensor t : new Tensor[] {a.mul(b), a.minimum(b)}) {
            assertEquals(DType.BOOL, t.dtype());
            assertArrayEquals(and, t.toBooleanArray());
        }
        // a.clone().add_(b) -> a + b; a.clone().mul_(b) -> a * b
        assertArrayEquals(or, a.clone().add_(b).toBooleanArray());
        assertArrayEquals(and, a.clone().mul_(b).toBooleanArray());
        // torch.tensor([True]) * torch.tensor(2.5) -> tensor([2.5000]): a number operand still promotes
        assertArrayEquals(new float[] {2.5f, 0}, Tensor.of(new boolean[] {true, false}, 2)
                .mul(Tensor.scalar(2.5)).toFloatArray());
    }

    @Test
    void subtractionWithABoolOperandFails() {
        // PyTorch 1.13: torch.tensor([True]) - torch.tensor([1]), torch.tensor([1.]) - torch.tensor([True]),
        // torch.tensor([True]) - 1, 1 - torch.tensor([True]), torch.tensor([1]).sub_(torch.tensor([True])) and
        // torch.tensor([True]).sub_(1) all raise "Subtraction, the `-` operator, with a bool tensor is not supported.
        // If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
        Tensor b = Tensor.of(new boolean[] {true}, 1);
        Tensor i = Tensor.of(new long[] {1}, 1);
        Tensor f = Tensor.of(new float[] {1}, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.sub(i));
        assertEquals("[sub] subtraction with a bool tensor is not supported (got bool and int64); to invert a mask,"
                + " use logicalNot instead", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.sub(b));
        assertThrows(IllegalArgumentException.class, () -> b.sub(1L));
        assertThrows(IllegalArgumentException.class, () -> b.sub(1.5));
        assertThrows(IllegalArgumentException.class, () -> b.rsub(1L));
        assertThrows(IllegalArgumentException.class, () -> b.rsub(1.5));
        assertThrows(IllegalArgumentException.class, () -> i.sub_(b));
        assertThrows(IllegalArgumentException.class, () -> b.sub_(1.0));
        assertArrayEquals(new long[] {1}, i.toLongArray());
        assertArrayEquals(new boolean[] {true}, b.toBooleanArray());
    }

    @Test
    void integerPowIsExactWrapsAndTruncatesNegativeExponentsTowardZero() {
        // PyTorch 1.13: torch.tensor([3]).pow(39) -> 4052555153018976267 (past 2^53, exact);
        // torch.tensor([46341], dtype=torch.int32).pow(2) -> -2147479015 (wraps);
        // torch.tensor([2**31 - 1], dtype=torch.int32).square() -> 1
        assertArrayEquals(new long[] {4052555153018976267L}, Tensor.of(new long[] {3}, 1).pow(39).toLongArray());
        assertArrayEquals(new int[] {-2147479015}, Tensor.of(new int[] {46341}, 1).pow(2).toIntArray());
        assertArrayEquals(new int[] {1}, Tensor.of(new int[] {Integer.MAX_VALUE}, 1).square().toIntArray());
        // torch.tensor([-3, 2, 0], dtype=torch.int32).pow(0) -> [1, 1, 1]; .pow(1) -> itself; .pow(3) -> [-27, 8, 0]
        Tensor x = Tensor.of(new int[] {-3, 2, 0}, 3);
        assertArrayEquals(new int[] {1, 1, 1}, x.pow(0).toIntArray());
        assertArrayEquals(new int[] {-3, 2, 0}, x.pow(1).toIntArray());
        assertArrayEquals(new int[] {-27, 8, 0}, x.pow(3).toIntArray());
        assertEquals(DType.INT32, x.pow(3).dtype());
        // torch.tensor([-2, -1, 1, 2, 0, -7]).pow(torch.tensor([-1, -3, -2, -2, -1, -1])) -> [0, -1, 1, 0, 0, 0]
        assertArrayEquals(new long[] {0, -1, 1, 0, 0, 0}, Tensor.of(new long[] {-2, -1, 1, 2, 0, -7}, 6)
                .pow(Tensor.of(new long[] {-1, -3, -2, -2, -1, -1}, 6)).toLongArray());
    }

    @Test
    void boolTensorsThroughPowSquareSignAndClamp() {
        // PyTorch 1.13, b = torch.tensor([True, False]): b.pow(3) -> int64 [1, 0]; b.pow(0) -> int64 [1, 1];
        // b.square() -> int64 [1, 0]; b.sign() -> bool [True, False]; torch.pow(2.0, b) -> float32 [2., 1.];
        // b.clamp(0, 1) -> int64 [1, 0]; b.clamp(max=0.5) -> float32 [0.5, 0.]
        Tensor b = Tensor.of(new boolean[] {true, false}, 2);
        assertEquals(DType.INT64, b.pow(3).dtype());
        assertArrayEquals(new long[] {1, 0}, b.pow(3).toLongArray());
        assertArrayEquals(new long[] {1, 1}, b.pow(0).toLongArray());
        assertEquals(DType.INT64, b.square().dtype());
        assertArrayEquals(new long[] {1, 0}, b.square().toLongArray());
        assertEquals(DType.BOOL, b.sign().dtype());
        assertArrayEquals(new boolean[] {true, false}, b.sign().toBooleanArray());
        assertEquals(DType.FLOAT32, Tensor.pow(2.0, b).dtype());
        assertArrayEquals(new float[] {2, 1}, Tensor.pow(2.0, b).toFloatArray());
        assertEquals(DType.INT64, b.clamp(0, 1).dtype());
        assertArrayEquals(new long[] {1, 0}, b.clamp(0, 1).toLongArray());
        assertArrayEquals(new float[] {0.5f, 0}, b.clampMax(0.5).toFloatArray());
        // b.pow(-1) -> "Integers to negative integer powers are not allowed."; b.pow(b) -> "pow" not implemented
        // for 'Bool'
        assertThrows(IllegalArgumentException.class, () -> b.pow(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.pow(b));
        assertEquals("[pow] is not supported for two bool tensors; convert one with to(DType.INT64)", e.getMessage());
    }

    @Test
    void powOfOneIsOneEvenForANanExponentAsCsPow() {
        // PyTorch 1.13 (C's pow): torch.tensor([1., -1., 1., -1.], dtype=torch.float64).pow(torch.tensor([nan, inf,
        // -inf, -inf], dtype=torch.float64)) -> [1., 1., 1., 1.]; torch.tensor([1.]).pow(nan) -> [1.];
        // torch.pow(1.0, torch.tensor([nan])) -> [1.]; torch.tensor([nan]).pow(0.) -> [1.]
        Tensor base = Tensor.of(new double[] {1, -1, 1, -1}, 4);
        assertArrayEquals(new double[] {1, 1, 1, 1}, base.pow(Tensor.of(new double[] {NAN, INF, -INF, -INF}, 4))
                .toDoubleArray());
        assertArrayEquals(new float[] {1}, Tensor.of(new float[] {1}, 1).pow(NAN).toFloatArray());
        assertArrayEquals(new float[] {1}, Tensor.pow(1.0, Tensor.of(new float[] {Float.NaN}, 1)).toFloatArray());
        assertArrayEquals(new float[] {1}, Tensor.of(new float[] {Float.NaN}, 1).pow(0.0).toFloatArray());
    }

    @Test
    void maximumAndMinimumGiveBothSidesTheGradientWhereEitherIsNan() {
        // PyTorch 1.13: x = torch.tensor([nan, 1., 2., 1.], dtype=torch.float64, requires_grad=True)
        // y = torch.tensor([1., nan, 1., 3.], dtype=torch.float64, requires_grad=True)
        // torch.maximum(x, y).sum().backward() -> x.grad [1., 1., 1., 0.], y.grad [1., 1., 0., 1.]
        // torch.minimum(x, y).sum().backward() -> x.grad [1., 1., 0., 1.], y.grad [1., 1., 1., 0.]
        Tensor x = Tensor.of(new double[] {NAN, 1, 2, 1}, 4).requiresGrad(true);
        Tensor y = Tensor.of(new double[] {1, NAN, 1, 3}, 4).requiresGrad(true);
        x.maximum(y).sum().backward();
        assertArrayEquals(new double[] {1, 1, 1, 0}, x.grad().toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 0, 1}, y.grad().toDoubleArray());
        x.zeroGrad();
        y.zeroGrad();
        x.minimum(y).sum().backward();
        assertArrayEquals(new double[] {1, 1, 0, 1}, x.grad().toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1, 0}, y.grad().toDoubleArray());
    }

    @Test
    void whereWithAScalarPromotesAsAPythonNumber() {
        // PyTorch 1.13, c = torch.tensor([True, False, True]): torch.where(c, torch.tensor([5, -3, 2],
        // dtype=torch.int32), 2.5) -> float32 [5., 2.5, 2.]; torch.where(c, 2.5, that) -> float32 [2.5, -3., 2.5];
        // torch.where(c, that, 2) -> int32 [5, 2, 2]; torch.where(c, torch.tensor([False, True, True]), 2) -> int64
        // [0, 2, 1]; with 0.5 -> float32 [0., 0.5, 1.]
        Tensor c = Tensor.of(new boolean[] {true, false, true}, 3);
        Tensor i = Tensor.of(new int[] {5, -3, 2}, 3);
        Tensor b = Tensor.of(new boolean[] {false, true, true}, 3);
        assertEquals(DType.FLOAT32, Tensor.where(c, i, 2.5).dtype());
        assertArrayEquals(new float[] {5, 2.5f, 2}, Tensor.where(c, i, 2.5).toFloatArray());
        assertArrayEquals(new float[] {2.5f, -3, 2.5f}, Tensor.where(c, 2.5, i).toFloatArray());
        assertEquals(DType.INT32, Tensor.where(c, i, 2).dtype());
        assertArrayEquals(new int[] {5, 2, 2}, Tensor.where(c, i, 2).toIntArray());
        assertEquals(DType.INT64, Tensor.where(c, b, 2).dtype());
        assertArrayEquals(new long[] {0, 2, 1}, Tensor.where(c, b, 2).toLongArray());
        assertArrayEquals(new float[] {0, 0.5f, 1}, Tensor.where(c, b, 0.5).toFloatArray());
        // torch.where(c, torch.zeros(3), 1e40) -> "value cannot be converted to type float without overflow";
        // torch.where(c, torch.zeros(3), float('inf')) -> [0., inf, 0.]
        assertThrows(IllegalArgumentException.class, () -> Tensor.where(c, Tensor.zeros(3), 1e40));
        assertArrayEquals(new float[] {0, Float.POSITIVE_INFINITY, 0}, Tensor.where(c, Tensor.zeros(3), INF)
                .toFloatArray());
    }

    @Test
    void aScalarThatOverflowsTheDtypeFailsInFillsAsPyTorch() {
        // PyTorch 1.13: torch.full([2], nan, dtype=torch.int32), torch.full([1], 2147483647.9, dtype=torch.int32),
        // torch.full([1], 3.5e38), torch.tensor(nan, dtype=torch.int32), torch.zeros(2, dtype=torch.int32).fill_(inf),
        // torch.zeros(2, dtype=torch.int64).masked_fill(m, 1e19) all raise "value cannot be converted to type ...
        // without overflow"; torch.full([1], 9.2e18, dtype=torch.int64) -> 9200000000000000000; torch.full([1], inf)
        // and torch.full([1], 1e-50) -> [inf] and [0.]
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.full(new int[] {2}, NAN, DType.INT32));
        assertEquals("[full] value NaN cannot be converted to type int32 without overflow", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.full(new int[] {1}, 2147483647.9, DType.INT32));
        assertThrows(IllegalArgumentException.class, () -> Tensor.full(new int[] {1}, 3.5e38));
        assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(NAN, DType.INT32));
        // torch.tensor(1e40) -> tensor(inf): the tensor constructor does not check float32
        assertEquals(INF, Tensor.scalar(1e40).item());
        Tensor ints = Tensor.zeros(new int[] {2}, DType.INT32);
        assertThrows(IllegalArgumentException.class, () -> ints.fill_(INF));
        Tensor mask = Tensor.of(new boolean[] {true, false}, 2);
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(new int[] {2}, DType.INT64).maskedFill(mask,
                1e19));
        assertThrows(IllegalArgumentException.class, () -> ints.maskedFill_(mask, NAN));
        assertArrayEquals(new int[] {0, 0}, ints.toIntArray());
        assertArrayEquals(new long[] {9200000000000000000L}, Tensor.full(new int[] {1}, 9.2e18, DType.INT64)
                .toLongArray());
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY}, Tensor.full(new int[] {1}, INF).toFloatArray());
        assertArrayEquals(new float[] {0}, Tensor.full(new int[] {1}, 1e-50).toFloatArray());
    }

    @Test
    void anIntegerFillAndItemLongAreExactPastTwoToThe53() {
        // PyTorch 1.13: torch.full([2], 2**53 + 1, dtype=torch.int64) -> [9007199254740993, 9007199254740993];
        // torch.full([], -(2**62) - 3, dtype=torch.int64).item() -> -4611686018427387907;
        // torch.full([1], 2**53 + 1, dtype=torch.float64) -> [9007199254740992.]; torch.full([1], 2**24 + 1,
        // dtype=torch.float32) -> [16777216.]; torch.full([1], 2**31, dtype=torch.int32) raises "value cannot be
        // converted to type int32 without overflow"; torch.full([0, 3], 2**60, dtype=torch.int64).shape -> [0, 3]
        long big = (1L << 53) + 1;
        assertArrayEquals(new long[] {big, big}, Tensor.full(new int[] {2}, big, DType.INT64).toLongArray());
        Tensor scalar = Tensor.full(new int[0], -(1L << 62) - 3, DType.INT64);
        assertEquals(0, scalar.dim());
        assertEquals(-(1L << 62) - 3, scalar.itemLong());
        assertEquals(-(1L << 62), (long) scalar.item()); // item()'s double rounds (doubles are 1024 apart here)
        assertArrayEquals(new double[] {9007199254740992.0}, Tensor.full(new int[] {1}, big, DType.FLOAT64)
                .toDoubleArray());
        assertArrayEquals(new float[] {16777216f}, Tensor.full(new int[] {1}, (1L << 24) + 1, DType.FLOAT32)
                .toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.full(new int[] {1}, 1L << 31, DType.INT32));
        assertEquals("[full] value 2.147483648E9 cannot be converted to type int32 without overflow", e.getMessage());
        assertArrayEquals(new int[] {0, 3}, Tensor.full(new int[] {0, 3}, 1L << 60, DType.INT64).shape());
        // int32 and bool read exactly; a float is truncated, as toLongArray converts it
        assertEquals(-7, Tensor.full(new int[] {1}, -7L, DType.INT32).itemLong());
        assertEquals(-2, Tensor.scalar(-2.7).itemLong());
        assertEquals(1, Tensor.of(new boolean[] {true}, 1).itemLong());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).itemLong());
    }

    @Test
    void anIntegerArangeTruncatesStartAndStepAsPyTorch() {
        // PyTorch 1.13: torch.arange(0, 5, 1.5, dtype=torch.int64) -> [0, 1, 2, 3, 4];
        // torch.arange(0.5, 5, 1, dtype=torch.int64) -> [0, 1, 2, 3, 4];
        // torch.arange(-2.5, 2, 1.5, dtype=torch.int32) -> [-2, -1, 0] (int32 counts in double);
        // torch.arange(0, 2.5, 0.5, dtype=torch.int64) -> "step must be nonzero"
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, Tensor.arange(0, 5, 1.5, DType.INT64).toLongArray());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, Tensor.arange(0.5, 5, 1, DType.INT64).toLongArray());
        assertArrayEquals(new int[] {-2, -1, 0}, Tensor.arange(-2.5, 2, 1.5, DType.INT32).toIntArray());
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 2.5, 0.5, DType.INT64));
        // torch.arange(0, 1, 0.3) -> [0.0, 0.3, 0.6, 0.9] (unchanged)
        assertArrayEquals(new float[] {0, 0.3f, 0.6f, 0.9f}, Tensor.arange(0, 1, 0.3, DType.FLOAT32).toFloatArray());
    }

    @Test
    void aDoubleScalarIsAPythonFloatAndALongOneAPythonInt() {
        // PyTorch 1.13: torch.tensor([1, 2]).mul_(2.0), .add_(2.0), .sub_(2.0) and .clamp_(0.0, 1.0) raise "result type
        // Float can't be cast to the desired output type Long"; .mul_(2) -> [2, 4], .add_(2) -> [3, 4], .sub_(2) ->
        // [-1, 0], .clamp_(0, 1) -> [1, 1]
        Tensor i = Tensor.of(new long[] {1, 2}, 2);
        for (String op : new String[] {"mul_", "add_", "sub_", "clamp_"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                Tensor ignored = switch (op) {
                    case "mul_" -> i.mul_(2.0);
                    case "add_" -> i.add_(2.0);
                    case "sub_" -> i.sub_(2.0);
                    default -> i.clamp_(0.0, 1.0);
                };
            });
            assertEquals("[" + op + "] result type float32 can't be cast to the desired output type int64",
                    e.getMessage());
        }
        assertArrayEquals(new long[] {1, 2}, i.toLongArray(), "a failed call changes nothing");
        assertArrayEquals(new long[] {2, 4}, i.clone().mul_(2L).toLongArray());
        assertArrayEquals(new long[] {3, 4}, i.clone().add_(2L).toLongArray());
        assertArrayEquals(new long[] {-1, 0}, i.clone().sub_(2L).toLongArray());
        assertArrayEquals(new long[] {1, 1}, i.clone().clamp_(0L, 1L).toLongArray());
        // torch.tensor([1.5]).mul_(2) -> [3.]: an int scalar into a floating tensor
        assertArrayEquals(new float[] {3}, Tensor.of(new float[] {1.5f}, 1).mul_(2L).toFloatArray());
        // torch.tensor([1, 2]).pow(2.0) -> tensor([1., 4.]); .pow(2) -> tensor([1, 4]); fmod(2.0) -> [1., 0.],
        // remainder(2.0) -> [1., 0.]; clamp(0.0, 1.0) -> [1., 1.]; clamp_max(1.0) -> [1., 1.]; clamp_min(1.0) ->
        // [1., 2.]; torch.where(torch.tensor([True, False]), i, 2.0) -> [1., 2.]; ... 2) -> [1, 2]
        Tensor mask = Tensor.of(new boolean[] {true, false}, 2);
        for (Tensor t : new Tensor[] {i.pow(2.0), i.fmod(2.0), i.remainder(2.0), i.clamp(0.0, 1.0), i.clampMax(1.0),
                i.clampMin(1.0), Tensor.where(mask, i, 2.0), Tensor.where(mask, 2.0, i)}) {
            assertEquals(DType.FLOAT32, t.dtype(), t.toString());
        }
        assertArrayEquals(new float[] {1, 4}, i.pow(2.0).toFloatArray());
        assertArrayEquals(new float[] {1, 2}, Tensor.where(mask, i, 2.0).toFloatArray());
        for (Tensor t : new Tensor[] {i.pow(2L), i.fmod(2L), i.remainder(2L), i.clamp(0L, 1L), i.clampMax(1L),
                i.clampMin(1L), Tensor.where(mask, i, 2L), Tensor.where(mask, 2L, i)}) {
            assertEquals(DType.INT64, t.dtype(), t.toString());
        }
        assertArrayEquals(new long[] {1, 4}, i.pow(2L).toLongArray());
        assertArrayEquals(new long[] {1, 0}, i.fmod(2L).toLongArray());
        assertArrayEquals(new long[] {2, 2}, Tensor.where(mask, 2L, i).toLongArray());
        // torch.tensor([True, False]).pow(2) -> int64 [1, 0]; .clamp(0, 1) -> int64; .pow(2.0) -> float32
        Tensor b = Tensor.of(new boolean[] {true, false}, 2);
        assertEquals(DType.INT64, b.pow(2L).dtype());
        assertEquals(DType.INT64, b.clamp(0L, 1L).dtype());
        assertEquals(DType.FLOAT32, b.pow(2.0).dtype());
    }

    @Test
    void aDoubleAlphaIsAPythonFloatForIntegerOperands() {
        // PyTorch 1.13: i = torch.tensor([1, 2]); i.add(i, alpha=2.0), i.sub(i, alpha=2.0) and i.clone().add_(i,
        // alpha=2.0) raise "For integral input tensors, argument alpha must not be a floating point number."; with
        // alpha=2: [3, 6], [-1, -2], [3, 6]; i.add(torch.tensor([1.]), alpha=2.5) -> [3.5, 4.5] (a float result)
        Tensor i = Tensor.of(new long[] {1, 2}, 2);
        for (String op : new String[] {"add", "sub", "add_"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                Tensor ignored = switch (op) {
                    case "add" -> i.add(i, 2.0);
                    case "sub" -> i.sub(i, 2.0);
                    default -> i.clone().add_(i, 2.0);
                };
            });
            assertEquals("[" + op + "] for integral input tensors, argument alpha must not be a floating point number,"
                    + " but got 2.0", e.getMessage());
        }
        assertArrayEquals(new long[] {3, 6}, i.add(i, 2L).toLongArray());
        assertArrayEquals(new long[] {-1, -2}, i.sub(i, 2L).toLongArray());
        assertArrayEquals(new long[] {3, 6}, i.clone().add_(i, 2L).toLongArray());
        assertArrayEquals(new float[] {3.5f, 4.5f}, i.add(Tensor.of(new float[] {1}, 1), 2.5).toFloatArray());
        assertArrayEquals(new float[] {3, 4}, Tensor.of(new float[] {1, 2}, 2).add(Tensor.of(new float[] {1}, 1), 2L)
                .toFloatArray());
    }

    @Test
    void aLongScalarOutsideInt32WrapsIntoAnInt32Tensor() {
        // PyTorch 1.13: i = torch.tensor([1, 2], dtype=torch.int32); i.mul(2**40) -> [0, 0] and i.add(2**31) ->
        // [-2147483647, -2147483646] (the scalar is cast to int32 first, wrapping); i.clone().mul_(2**40) -> [0, 0]
        Tensor i = Tensor.of(new int[] {1, 2}, 2);
        assertArrayEquals(new int[] {0, 0}, i.mul(1L << 40).toIntArray());
        assertArrayEquals(new int[] {-2147483647, -2147483646}, i.add(1L << 31).toIntArray());
        assertArrayEquals(new int[] {0, 0}, i.clone().mul_(1L << 40).toIntArray());
        assertArrayEquals(new int[] {-2147483647, -2147483646}, i.clone().add_(1L << 31).toIntArray());
    }

    // Rounded division, atan2 and the scans (one block, so merges stay easy).

    @Test
    void roundedDivisionKeepsPythonsZeroSignsAndDividesInt64Exactly() {
        // PyTorch 1.13: torch.floor_divide(torch.tensor([0.5, -0.5, 0., -0., 1e-30, 5.5]), torch.tensor([1., 1, -3,
        // 3, -1, inf])) -> [0., -1., -0., -0., -1., 0.]; torch.div(..., rounding_mode="trunc") ->
        // [0., -0., -0., -0., -0., 0.]
        Tensor a = Tensor.of(new double[] {0.5, -0.5, 0, -0.0, 1e-30, 5.5}, 6);
        Tensor b = Tensor.of(new double[] {1, 1, -3, 3, -1, INF}, 6);
        assertArrayEquals(new double[] {0, -1, -0.0, -0.0, -1, 0}, a.floorDivide(b).toDoubleArray());
        assertArrayEquals(new double[] {0, -0.0, -0.0, -0.0, -0.0, 0}, a.div(b, "trunc").toDoubleArray());
        // torch.floor_divide(torch.tensor([7., -7]), -0.) -> [-inf, inf]
        assertArrayEquals(new float[] {-Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY},
                Tensor.of(new float[] {7, -7}, 2).floorDivide(-0.0).toFloatArray());
        // torch.floor_divide(torch.tensor([2**60 + 1, -(2**60) - 1]), torch.tensor([3, 3])) ->
        // [384307168202282325, -384307168202282326]; rounding_mode="trunc" -> [..., -384307168202282325]
        long big = (1L << 60) + 1;
        Tensor x = Tensor.of(new long[] {big, -big}, 2), three = Tensor.of(new long[] {3, 3}, 2);
        assertArrayEquals(new long[] {384307168202282325L, -384307168202282326L}, x.floorDivide(three).toLongArray());
        assertArrayEquals(new long[] {384307168202282325L, -384307168202282325L}, x.div(3, "trunc").toLongArray());
        // torch.floor_divide(torch.tensor([7, -7], dtype=torch.int32), torch.tensor(2.)) -> float32 [3., -4.]
        Tensor mixed = Tensor.of(new int[] {7, -7}, 2).floorDivide(Tensor.scalar(2.0, DType.FLOAT32));
        assertEquals(DType.FLOAT32, mixed.dtype());
        assertArrayEquals(new float[] {3, -4}, mixed.toFloatArray());
    }

    @Test
    void floorDivisionAndRemainderRebuildTheDividend() {
        // PyTorch 1.13: a = torch.tensor([-7, 7, -2**62 - 1, 2**62 + 3, 0, -1]); b = torch.tensor([2, -3, 5, -7, -4, 9]);
        // torch.floor_divide(a, b) -> [-4, -3, -922337203685477581, -658812288346769701, 0, -1],
        // torch.remainder(a, b) -> [1, -2, 0, 0, 0, 8], torch.div(a, b, rounding_mode="trunc") ->
        // [-3, -2, -922337203685477581, -658812288346769701, 0, 0], torch.fmod(a, b) -> [-1, 1, 0, 0, 0, -1];
        // floor_divide(a, b) * b + remainder(a, b) == a, and the same with trunc and fmod
        Tensor a = Tensor.of(new long[] {-7, 7, -(1L << 62) - 1, (1L << 62) + 3, 0, -1}, 6);
        Tensor b = Tensor.of(new long[] {2, -3, 5, -7, -4, 9}, 6);
        assertArrayEquals(new long[] {-4, -3, -922337203685477581L, -658812288346769701L, 0, -1},
                a.floorDivide(b).toLongArray());
        assertArrayEquals(new long[] {-3, -2, -922337203685477581L, -658812288346769701L, 0, 0},
                a.div(b, "trunc").toLongArray());
        assertArrayEquals(a.toLongArray(), a.floorDivide(b).mul(b).add(a.remainder(b)).toLongArray());
        assertArrayEquals(a.toLongArray(), a.div(b, "trunc").mul(b).add(a.fmod(b)).toLongArray());
        // int32: torch.floor_divide(torch.tensor([-7, 7, -5, 5], dtype=torch.int32), torch.tensor([2, -2, 3, -3],
        // dtype=torch.int32)) -> [-4, -4, -2, -2] (int32)
        Tensor q = Tensor.of(new int[] {-7, 7, -5, 5}, 4).floorDivide(Tensor.of(new int[] {2, -2, 3, -3}, 4));
        assertEquals(DType.INT32, q.dtype());
        assertArrayEquals(new int[] {-4, -4, -2, -2}, q.toIntArray());
    }

    @Test
    void atan2AtSignedZerosAndInfinities() {
        // PyTorch 1.13: torch.atan2(torch.tensor([0., -0., 0., -0., inf, -inf], dtype=torch.float64),
        // torch.tensor([0., 0., -0., -0., -inf, inf], dtype=torch.float64)) -> [0., -0., pi, -pi, 3pi/4, -pi/4]
        Tensor y = Tensor.of(new double[] {0, -0.0, 0, -0.0, INF, -INF}, 6);
        Tensor x = Tensor.of(new double[] {0, 0, -0.0, -0.0, -INF, INF}, 6);
        assertArrayEquals(new double[] {0, -0.0, Math.PI, -Math.PI, 3 * Math.PI / 4, -Math.PI / 4},
                y.atan2(x).toDoubleArray(), 1e-15);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(y.atan2(x).toDoubleArray()[1]));
        // torch.atan2(torch.tensor([1, 2]), torch.tensor([3, 4])) -> float32 [0.3218, 0.4636]
        Tensor ints = Tensor.of(new long[] {1, 2}, 2).atan2(Tensor.of(new long[] {3, 4}, 2));
        assertEquals(DType.FLOAT32, ints.dtype());
        assertArrayEquals(new float[] {(float) Math.atan2(1, 3), (float) Math.atan2(2, 4)}, ints.toFloatArray(), 1e-7f);
    }

    @Test
    void cumprodsSecondDerivativeWithZeros() {
        // PyTorch 1.13 (float64): x = [2., 0, 3, 4]; g = autograd.grad(x.cumprod(0), x, [1, 2, 3, 4],
        // create_graph=True) -> [1, 118, 0, 0]; autograd.grad(g.sum(), x) -> [59, 121, 38, 24]; for
        // x = [2., 0, 3, 0, 5] and [1, 2, 3, 4, 5]: [1, 22, 0, 0, 0] and [11, 191, 6, 174, 0]
        double[][] xs = {{2, 0, 3, 4}, {2, 0, 3, 0, 5}};
        double[][] firsts = {{1, 118, 0, 0}, {1, 22, 0, 0, 0}}, seconds = {{59, 121, 38, 24}, {11, 191, 6, 174, 0}};
        for (int c = 0; c < xs.length; c++) {
            int n = xs[c].length;
            Tensor x = Tensor.of(xs[c], n).requiresGrad(true);
            Tensor w = Tensor.arange(1, n + 1, 1).to(DType.FLOAT64);
            Tensor g = dev.autograd4j.Autograd.grad(new Tensor[] {x.cumprod(0)}, new Tensor[] {x}, new Tensor[] {w},
                    true, true, false)[0];
            assertArrayEquals(firsts[c], g.toDoubleArray(), 1e-12);
            assertArrayEquals(seconds[c], dev.autograd4j.Autograd.grad(g.sum(), x)[0].toDoubleArray(), 1e-12);
        }
    }
}
