package dev.autograd4j.spi;

import dev.autograd4j.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every {@link Backend} must do, tested through the SPI alone: each backend's test class extends this one and
 * supplies {@link #backend()}. Expected values are written down where they are short (and say where they come
 * from), or computed here in plain Java from the op's definition.
 *
 * <p>Each elementwise op is run on several layouts of the same logical values: contiguous, strided with an offset,
 * transposed, broadcast (stride 0), in place, 0-d, and large enough for a backend to split it between threads.
 *
 * <p>Results are checked against the "Accuracy" list of the {@code dev.autograd4j.spi} package, line by line: exact
 * where it says exact, within its bound otherwise, each kind of bound through one helper ({@link #assertExact},
 * {@link #assertUlps}, {@link #assertAccumulated}, {@link #assertClose}). Some checks exist to fail a backend that
 * is off by more than the list allows, such as one that sums float32 in float32.
 */
public abstract class BackendContract {

    /** The backend under test. */
    protected abstract Backend backend();

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final DType[] FLOATING = {DType.FLOAT32, DType.FLOAT64};
    private static final DType[] INTEGRAL = {DType.INT32, DType.INT64};

    // ------------------------------------------------------------------------------------------------------------
    // Building and reading views
    // ------------------------------------------------------------------------------------------------------------

    /** A Java array of {@code dtype} holding {@code values} converted as the SPI converts ({@code != 0} for BOOL). */
    protected static Object array(DType dtype, double... values) {
        int n = values.length;
        switch (dtype) {
            case FLOAT32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) values[i];
                }
                return a;
            }
            case FLOAT64 -> {
                return values.clone();
            }
            case INT64 -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (long) values[i];
                }
                return a;
            }
            case INT32 -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (int) values[i];
                }
                return a;
            }
            default -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = values[i] != 0;
                }
                return a;
            }
        }
    }

    /** The elements of a Java array of any SPI dtype, as doubles. */
    protected static double[] doubles(Object array) {
        if (array instanceof float[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        } else if (array instanceof double[] a) {
            return a.clone();
        } else if (array instanceof long[] a) {
            return Arrays.stream(a).asDoubleStream().toArray();
        } else if (array instanceof int[] a) {
            return Arrays.stream(a).asDoubleStream().toArray();
        } else if (array instanceof boolean[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i] ? 1 : 0;
            }
            return d;
        }
        throw new IllegalArgumentException("not an SPI array: " + array);
    }

    /** A contiguous tensor holding {@code values} (row-major) with the given shape. */
    protected final View tensor(DType dtype, double[] values, int... shape) {
        assertEquals(View.numelOf(shape), values.length, "values for shape " + Arrays.toString(shape));
        return View.contiguous(backend().fromArray(array(dtype, values)), shape);
    }

    /** A 0-d tensor. */
    protected final View scalar(DType dtype, double value) {
        return tensor(dtype, new double[]{value});
    }

    /** A contiguous tensor of zeros. */
    protected final View zeros(DType dtype, int... shape) {
        View v = View.contiguous(backend().allocate(dtype, View.numelOf(shape)), shape);
        backend().fill(v, 0);
        return v;
    }

    /** The tensor's elements in row-major order, as doubles. */
    protected final double[] values(View v) {
        return doubles(backend().toArray(v));
    }

    /** The same logical 1-d values, stored at offset 1 with stride 2 (the gaps hold 99). */
    protected final View stridedVector(DType dtype, double[] values) {
        double[] raw = new double[2 * values.length + 1];
        Arrays.fill(raw, 99);
        for (int i = 0; i < values.length; i++) {
            raw[1 + 2 * i] = values[i];
        }
        return new View(backend().fromArray(array(dtype, raw)), 1, new int[]{values.length}, new long[]{2});
    }

    /** A {@code [rows, cols]} view of row-major {@code values} that is stored column-major (a transpose). */
    protected final View columnMajor(DType dtype, double[] values, int rows, int cols) {
        double[] raw = new double[values.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                raw[j * rows + i] = values[i * cols + j];
            }
        }
        return new View(backend().fromArray(array(dtype, raw)), 0, new int[]{rows, cols}, new long[]{1, rows});
    }

    /** One value seen as a tensor of {@code shape} with every stride 0 (a broadcast scalar). */
    protected final View broadcast(DType dtype, double value, int... shape) {
        return new View(backend().fromArray(array(dtype, 7, value)), 1, shape, new long[shape.length]);
    }

    /** The value rounded to the dtype, as the reference computes expectations. */
    private static double round(DType dtype, double v) {
        return switch (dtype) {
            case FLOAT32 -> (float) v;
            case FLOAT64 -> v;
            case INT64 -> (long) v;
            case INT32 -> (int) v;
            case BOOL -> v != 0 ? 1 : 0;
        };
    }

    private static double[] round(DType dtype, double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = round(dtype, v[i]);
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Accuracy: one helper per kind of bound in the spi package's "Accuracy" list
    // ------------------------------------------------------------------------------------------------------------

    /** A floating dtype's unit roundoff u: 2^-24 for float32, 2^-53 for float64. */
    protected static double unitRoundoff(DType t) {
        return t == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
    }

    /** The spacing of {@code t}'s values at {@code v}: an ulp of {@code v} in {@code t}. */
    protected static double ulp(DType t, double v) {
        return t == DType.FLOAT32 ? Math.ulp((float) v) : Math.ulp(v);
    }

    /** Exact: the same values (NaN matches NaN, and a zero matches a zero of either sign). */
    protected static void assertExact(String what, double[] expected, double[] actual) {
        assertWithin(what, expected, actual, new double[expected.length]);
    }

    /**
     * Within {@code ulps} ulps of {@code t} around {@code reference}, with NaN, infinite and zero results exact. A
     * correctly rounded result is half an ulp from the exact value, so a bound of N ulps of the correctly rounded
     * result is {@code N + 0.5} here when the reference is exact at {@code t}'s scale, more when it has errors.
     */
    protected static void assertUlps(String what, DType t, double[] reference, double[] actual, double ulps) {
        double[] tolerance = new double[reference.length];
        for (int i = 0; i < tolerance.length; i++) {
            tolerance[i] = reference[i] == 0 ? 0 : ulps * ulp(t, reference[i]);
        }
        assertWithin(what, reference, actual, tolerance);
    }

    /**
     * An accumulation of {@code n} terms (a sum, a product, a dot product) in any order with unit roundoff {@code u},
     * rounded to {@code t}: {@code |actual - exact| <= n u scale + ulp/2}, where {@code scale} is the sum of the
     * terms' magnitudes (the magnitude of the result, for a product).
     */
    protected static void assertAccumulated(String what, DType t, double u, long n, double[] exact, double[] scale,
                                            double[] actual) {
        long[] counts = new long[exact.length];
        Arrays.fill(counts, n);
        assertAccumulated(what, t, u, counts, exact, scale, actual);
    }

    /** Like {@link #assertAccumulated(String, DType, double, long, double[], double[], double[])}, n per element. */
    protected static void assertAccumulated(String what, DType t, double u, long[] n, double[] exact, double[] scale,
                                            double[] actual) {
        double[] tolerance = new double[exact.length];
        for (int i = 0; i < tolerance.length; i++) {
            tolerance[i] = n[i] * u * scale[i] + ulp(t, exact[i]) / 2;
        }
        assertWithin(what, exact, actual, tolerance);
    }

    /** Within {@code rtol * |e| + atol} of each expected value {@code e} (NaN and infinities exactly). */
    protected static void assertClose(String what, double[] expected, double[] actual, double rtol, double atol) {
        double[] tolerance = new double[expected.length];
        for (int i = 0; i < tolerance.length; i++) {
            tolerance[i] = rtol * Math.abs(expected[i]) + atol;
        }
        assertWithin(what, expected, actual, tolerance);
    }

    /** The comparison every helper ends in: NaN matches NaN, infinities exactly, finite values within tolerance. */
    protected static void assertWithin(String what, double[] expected, double[] actual, double[] tolerance) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : Double.isInfinite(e) ? e == a
                    : a == e || Math.abs(a - e) <= tolerance[i];
            if (!ok) {
                fail(what + ": element " + i + " expected " + e + " but got " + a + " (allowed error " + tolerance[i]
                        + ")\n expected " + Arrays.toString(expected) + "\n actual   " + Arrays.toString(actual));
            }
        }
    }

    /** A line of the Accuracy list, as the elementwise checks apply it. */
    @FunctionalInterface
    private interface Accuracy {
        /**
         * Checks results of dtype {@code t} against {@code reference}, computed in float64 from the operands {@code a}
         * (and {@code b}) rounded to their dtype.
         */
        void check(String what, DType t, double[] reference, double[] actual, double[] a, double[] b);
    }

    /** Exact: the reference rounded to the output dtype. */
    private static final Accuracy EXACT = (what, t, reference, actual, a, b) -> assertExact(what, round(t, reference),
            actual);

    /**
     * Within {@code f32} or {@code f64} ulps of the exact result. A float64 reference is exact at float32's scale;
     * java.lang.Math's functions are themselves within an ulp, so float64 results get that ulp more.
     */
    private static Accuracy ulps(double f32, double f64) {
        return (what, t, reference, actual, a, b) -> assertUlps(what, t, reference, actual,
                t == DType.FLOAT32 ? f32 + 0.5 : f64 + 1.5);
    }

    /** TANH_BACKWARD {@code g (1 - y^2)}: within {@code 4u |g| (1 + y^2)} ({@code 1 - y^2} may cancel). */
    private static final Accuracy TANH_BACKWARD_BOUND = (what, t, reference, actual, g, y) -> {
        double[] tolerance = new double[reference.length];
        for (int i = 0; i < tolerance.length; i++) {
            tolerance[i] = 4 * unitRoundoff(t) * Math.abs(g[i]) * (1 + y[i] * y[i]);
        }
        assertWithin(what, reference, actual, tolerance);
    };

    /** The Accuracy list's line for each unary op (GELU and GELU_TANH are checked against tables instead). */
    private static Accuracy accuracy(UnaryOp op) {
        return switch (op) {
            // Exact where alpha * x is representable: the checks use alpha = +-1 or powers of two.
            case AFFINE, LEAKY_RELU -> EXACT;
            case SQRT, RECIPROCAL, ABS, SIGN, RELU, CLAMP, FLOOR, CEIL, ROUND, LOGICAL_NOT, ISNAN -> EXACT;
            case EXP -> ulps(2, 1);
            case EXPM1, LOG, LOG1P -> ulps(1, 1);
            case SIN, COS, TANH, RSQRT -> ulps(2, 2);
            case ERF -> ulps(2, 3);
            case POW -> ulps(4, 2);
            case SIGMOID, SOFTPLUS -> ulps(4, 3);
            case LOG2, LOG10, TAN, ASIN, ACOS, ATAN -> ulps(1, 2);
            case SINH, COSH, ASINH, ACOSH, ATANH -> ulps(1, 3);
            case GELU, GELU_TANH -> throw new IllegalArgumentException(op + " is checked against its table");
        };
    }

    /** The Accuracy list's line for each binary op (the GELU backwards are checked against tables instead). */
    private static Accuracy accuracy(BinaryOp op) {
        return switch (op) {
            // ADD is exact where alpha * b is representable: the checks use alpha = +-1, and 2.5 on values it keeps
            // exact.
            case ADD, MUL, DIV, MAXIMUM, MINIMUM, FMOD, REMAINDER, THRESHOLD_BACKWARD, LEAKY_RELU_BACKWARD -> EXACT;
            case DIV_TRUNC, DIV_FLOOR -> EXACT;
            case EQ, NE, LT, LE, GT, GE, LOGICAL_AND, LOGICAL_OR -> EXACT;
            case POW -> ulps(4, 2);
            case ATAN2 -> ulps(3, 2);
            case SIGMOID_BACKWARD -> ulps(3, 3);
            case TANH_BACKWARD -> TANH_BACKWARD_BOUND;
            case GELU_BACKWARD, GELU_TANH_BACKWARD -> throw new IllegalArgumentException(op + " is checked against its"
                    + " table");
        };
    }

    /** The exact sum of {@code values}, however many and whatever their magnitudes. */
    protected static double exactSum(double... values) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : values) {
            s = s.add(new BigDecimal(v));
        }
        return s.doubleValue();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Layouts: the same logical values on every kind of view a kernel may meet
    // ------------------------------------------------------------------------------------------------------------

    /** An input layout for a unary op over {@code n} logical values; {@code out} is where the result goes. */
    private record UnaryCase(String name, View in, View out, double[] logical) {
    }

    private List<UnaryCase> unaryCases(DType in, DType out, double[] xs) {
        int n = xs.length;
        List<UnaryCase> cases = new ArrayList<>();
        cases.add(new UnaryCase("contiguous", tensor(in, xs, n), zeros(out, n), xs));
        cases.add(new UnaryCase("offset and stride 2", stridedVector(in, xs), stridedVector(out, new double[n]), xs));
        if (n % 2 == 0) {
            cases.add(new UnaryCase("transposed", columnMajor(in, xs, 2, n / 2), zeros(out, 2, n / 2), xs));
        }
        double[] same = new double[n];
        Arrays.fill(same, xs[0]);
        cases.add(new UnaryCase("broadcast scalar", broadcast(in, xs[0], n), zeros(out, n), same));
        View zeroD = new View(backend().fromArray(array(in, 5, 5, xs[n - 1])), 2, new int[0], new long[0]);
        cases.add(new UnaryCase("0-d", zeroD, zeros(out), new double[]{xs[n - 1]}));
        if (in == out) {
            View inPlace = tensor(in, xs, n);
            cases.add(new UnaryCase("in place", inPlace, inPlace, xs));
        }
        // Large enough that a backend may split it between threads (and odd-sized, to leave a remainder).
        int big = 70_001;
        double[] many = new double[big];
        for (int i = 0; i < big; i++) {
            many[i] = xs[i % n];
        }
        cases.add(new UnaryCase("large", tensor(in, many, big), zeros(out, big), many));
        // A bigger transpose, with sides that are not multiples of any tile a backend may walk it in.
        double[] block = Arrays.copyOf(many, 37 * 70);
        cases.add(new UnaryCase("large transposed", columnMajor(in, block, 37, 70), zeros(out, 37, 70), block));
        return cases;
    }

    /**
     * Runs a unary op on every layout and checks it against {@code ref} applied (in float64) to the dtype-rounded
     * inputs, as the op's line of the Accuracy list says.
     */
    private void checkUnary(UnaryOp op, DType dtype, DType outType, double alpha, double beta, double[] xs,
                            DoubleUnaryOperator ref, Accuracy accuracy) {
        for (UnaryCase c : unaryCases(dtype, outType, xs)) {
            backend().unary(op, c.out, c.in, alpha, beta);
            double[] in = round(dtype, c.logical), reference = new double[in.length];
            for (int i = 0; i < in.length; i++) {
                reference[i] = ref.applyAsDouble(in[i]);
            }
            accuracy.check(op + " " + dtype + " (" + alpha + ", " + beta + ") " + c.name, outType, reference,
                    values(c.out), in, null);
        }
    }

    private void checkFloatingUnary(UnaryOp op, double alpha, double beta, double[] xs, DoubleUnaryOperator ref) {
        for (DType t : FLOATING) {
            checkUnary(op, t, t, alpha, beta, xs, ref, accuracy(op));
        }
    }

    /** A binary case: the operand layouts and the logical operand values the output is checked against. */
    private record BinaryCase(String name, View out, View a, View b, double[] la, double[] lb) {
    }

    private List<BinaryCase> binaryCases(DType in, DType out, double[] as, double[] bs) {
        int n = as.length, half = n / 2;
        List<BinaryCase> cases = new ArrayList<>();
        cases.add(new BinaryCase("contiguous", zeros(out, n), tensor(in, as, n), tensor(in, bs, n), as, bs));
        cases.add(new BinaryCase("strided", stridedVector(out, new double[n]), stridedVector(in, as),
                stridedVector(in, bs), as, bs));
        double[] b0 = new double[n], a0 = new double[n];
        Arrays.fill(b0, bs[0]);
        Arrays.fill(a0, as[0]);
        cases.add(new BinaryCase("second operand a broadcast scalar", zeros(out, n), tensor(in, as, n),
                broadcast(in, bs[0], n), as, b0));
        cases.add(new BinaryCase("first operand a broadcast scalar", zeros(out, n), broadcast(in, as[0], n),
                tensor(in, bs, n), a0, bs));
        // [2, half] op [half]: the second operand repeats along rows (strides [0, 1]).
        double[] rowB = new double[n];
        for (int i = 0; i < n; i++) {
            rowB[i] = bs[i % half];
        }
        View row = new View(backend().fromArray(array(in, Arrays.copyOf(bs, half))), 0, new int[]{2, half},
                new long[]{0, 1});
        cases.add(new BinaryCase("row broadcast", zeros(out, 2, half), tensor(in, as, 2, half), row, as, rowB));
        // [2, half] op [2, 1]: the second operand repeats along columns (strides [1, 0]).
        double[] colB = new double[n];
        for (int i = 0; i < n; i++) {
            colB[i] = bs[i / half];
        }
        View col = new View(backend().fromArray(array(in, bs[0], bs[1])), 0, new int[]{2, half}, new long[]{1, 0});
        cases.add(new BinaryCase("column broadcast", zeros(out, 2, half), tensor(in, as, 2, half), col, as, colB));
        cases.add(new BinaryCase("transposed", zeros(out, 2, half), columnMajor(in, as, 2, half),
                tensor(in, bs, 2, half), as, bs));
        cases.add(new BinaryCase("0-d", zeros(out), scalar(in, as[1]), scalar(in, bs[1]), new double[]{as[1]},
                new double[]{bs[1]}));
        if (in == out) {
            View a = tensor(in, as, n);
            cases.add(new BinaryCase("in place", a, a, tensor(in, bs, n), as, bs));
        }
        int big = 70_001;
        double[] ma = new double[big], mb = new double[big];
        for (int i = 0; i < big; i++) {
            ma[i] = as[i % n];
            mb[i] = bs[(i / 3) % n];
        }
        cases.add(new BinaryCase("large", zeros(out, big), tensor(in, ma, big), tensor(in, mb, big), ma, mb));
        double[] ta = Arrays.copyOf(ma, 37 * 70), tb = Arrays.copyOf(mb, 37 * 70);
        cases.add(new BinaryCase("large transposed", zeros(out, 37, 70), columnMajor(in, ta, 37, 70),
                tensor(in, tb, 37, 70), ta, tb));
        return cases;
    }

    private void checkBinary(BinaryOp op, DType dtype, DType outType, double alpha, double[] as, double[] bs,
                             DoubleBinaryOperator ref, Accuracy accuracy) {
        for (BinaryCase c : binaryCases(dtype, outType, as, bs)) {
            backend().binary(op, c.out, c.a, c.b, alpha);
            double[] a = round(dtype, c.la), b = round(dtype, c.lb), reference = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                reference[i] = ref.applyAsDouble(a[i], b[i]);
            }
            accuracy.check(op + " " + dtype + " alpha=" + alpha + " " + c.name, outType, reference, values(c.out), a,
                    b);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Storage, arrays, copy, fill
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void deviceAndThreads() {
        assertEquals(backend().device(), backend().allocate(DType.FLOAT32, 3).device());
        assertTrue(backend().numThreads() >= 1);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void fromArrayCopiesAndToArrayRoundTrips(DType t) {
        Object source = array(t, 1, 0, 3, 1);
        Storage s = backend().fromArray(source);
        assertEquals(t, s.dtype());
        assertEquals(4, s.numel());
        View v = View.contiguous(s, new int[]{2, 2});
        // The storage holds a copy: changing the source array afterwards changes nothing.
        java.lang.reflect.Array.set(source, 0, java.lang.reflect.Array.get(array(t, t == DType.BOOL ? 0 : 9), 0));
        assertArrayEquals(round(t, new double[]{1, 0, 3, 1}), values(v));
        Object out = backend().toArray(v);
        assertEquals(source.getClass(), out.getClass());
        assertNotSame(source, out);
    }

    @Test
    void fromArrayRejectsOtherTypes() {
        assertThrows(IllegalArgumentException.class, () -> backend().fromArray(new short[2]));
        assertThrows(IllegalArgumentException.class, () -> backend().fromArray("x"));
    }

    @Test
    void toArrayReadsStridedViewsInRowMajorOrder() {
        View t = columnMajor(DType.FLOAT32, new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, (float[]) backend().toArray(t));
        assertArrayEquals(new double[]{2, 4, 6}, values(stridedVector(DType.FLOAT64, new double[]{2, 4, 6})));
        assertEquals(0, ((long[]) backend().toArray(zeros(DType.INT64, 0, 3))).length);
        assertArrayEquals(new int[]{7}, (int[]) backend().toArray(scalar(DType.INT32, 7)));
    }

    /** Every dtype pair, with PyTorch's conversions: truncation toward zero, x != 0 for BOOL, 0/1 from BOOL. */
    @Test
    void copyConvertsBetweenEveryPairOfDtypes() {
        double[] xs = {-2.75, -1, 0, 0.5, 1, 3.9};
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                double[] src = round(from, xs);
                View dst = zeros(to, 2, 3);
                backend().copy(dst, tensor(from, src, 2, 3));
                assertArrayEquals(round(to, src), values(dst), from + " -> " + to);
                // The same through a transposed source and a strided destination.
                View strided = stridedVector(to, new double[6]);
                backend().copy(strided, tensor(from, src, 6));
                assertArrayEquals(round(to, src), values(strided), from + " -> " + to + " strided");
                View t = zeros(to, 2, 3);
                backend().copy(t, columnMajor(from, src, 2, 3));
                assertArrayEquals(round(to, src), values(t), from + " -> " + to + " transposed source");
            }
        }
    }

    @Test
    void largeTransposedCopies() {
        double[] xs = new double[37 * 70];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (i * 31 % 17) - 8.5;
        }
        for (DType from : DType.values()) {
            for (DType to : new DType[]{from, DType.FLOAT32, DType.INT64}) {
                View dst = zeros(to, 37, 70);
                backend().copy(dst, columnMajor(from, xs, 37, 70));
                assertArrayEquals(round(to, round(from, xs)), values(dst), from + " -> " + to);
            }
        }
    }

    @Test
    void copyConversionEdgeCases() {
        View b = zeros(DType.BOOL, 3);
        backend().copy(b, tensor(DType.FLOAT64, new double[]{NAN, -0.0, 1e-300}, 3));
        assertArrayEquals(new boolean[]{true, false, true}, (boolean[]) backend().toArray(b));
        View i = zeros(DType.INT32, 2);
        backend().copy(i, View.contiguous(backend().fromArray(new long[]{(1L << 32) + 5, -(1L << 32) - 1}),
                new int[]{2}));
        assertArrayEquals(new int[]{5, -1}, (int[]) backend().toArray(i), "int64 -> int32 wraps");
        View f = zeros(DType.FLOAT32, 1);
        backend().copy(f, View.contiguous(backend().fromArray(new long[]{(1L << 53) + 1}), new int[]{1}));
        assertArrayEquals(new float[]{(float) ((1L << 53) + 1)}, (float[]) backend().toArray(f),
                "int64 -> float32 rounds once");
        View l = zeros(DType.INT64, 1);
        backend().copy(l, View.contiguous(backend().fromArray(new long[]{Long.MAX_VALUE}), new int[]{1}));
        assertArrayEquals(new long[]{Long.MAX_VALUE}, (long[]) backend().toArray(l), "int64 copies exactly");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void copyBroadcastsAndFillsStridedViews(DType t) {
        View dst = zeros(t, 2, 3);
        backend().copy(dst, broadcast(t, 1, 2, 3));
        assertArrayEquals(round(t, new double[]{1, 1, 1, 1, 1, 1}), values(dst));
        // Fill only column 1 of a [2, 3] matrix: offset 1, stride 3.
        View m = zeros(t, 2, 3);
        backend().fill(new View(m.storage, 1, new int[]{2}, new long[]{3}), 3.7);
        assertArrayEquals(round(t, new double[]{0, 3.7, 0, 0, 3.7, 0}), values(m));
        View s = scalar(t, 0);
        backend().fill(s, -1.5);
        assertArrayEquals(new double[]{round(t, -1.5)}, values(s));
        backend().fill(zeros(t, 0), 1); // empty: nothing to do
        backend().copy(zeros(t, 3, 0), zeros(t, 3, 0));
    }

    @Test
    void fillConvertsTheValue() {
        View f = zeros(DType.FLOAT32, 2);
        backend().fill(f, 0.1);
        assertArrayEquals(new float[]{0.1f, 0.1f}, (float[]) backend().toArray(f));
        View b = zeros(DType.BOOL, 1);
        backend().fill(b, NAN);
        assertArrayEquals(new boolean[]{true}, (boolean[]) backend().toArray(b));
        View i = zeros(DType.INT64, 1);
        backend().fill(i, -2.9);
        assertArrayEquals(new long[]{-2}, (long[]) backend().toArray(i));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Unary ops
    // ------------------------------------------------------------------------------------------------------------

    /** Both signs, zero, halves (for ROUND), values past thresholds, NaN and the infinities: 16 values. */
    private static final double[] XS = {-2.5, -1.5, -1, -0.5, -0.3, 0, 0.25, 0.5, 0.7, 1, 1.5, 2.5, 3, NAN, -INF, INF};
    /** Positive values for LOG, SQRT, ... (negative ones are in XS and give NaN there). */
    private static final double[] POSITIVE = {1e-3, 0.1, 0.5, 1, 2, 10, 1e5, INF};

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryOnFloatingDtypes(UnaryOp op) {
        Runnable test = switch (op) {
            case AFFINE -> () -> {
                checkFloatingUnary(op, -1, 0, XS, x -> -x);
                checkFloatingUnary(op, 2, 0.5, XS, x -> 2 * x + 0.5);
                checkFloatingUnary(op, 0.5, -3, XS, x -> 0.5 * x - 3);
            };
            case EXP -> () -> checkFloatingUnary(op, 0, 0, XS, Math::exp);
            case LOG -> () -> {
                checkFloatingUnary(op, 0, 0, XS, Math::log);
                checkFloatingUnary(op, 0, 0, POSITIVE, Math::log);
            };
            case LOG1P -> () -> checkFloatingUnary(op, 0, 0, XS, Math::log1p);
            case EXPM1 -> () -> checkFloatingUnary(op, 0, 0, XS, Math::expm1);
            case SQRT -> () -> {
                checkFloatingUnary(op, 0, 0, XS, Math::sqrt);
                checkFloatingUnary(op, 0, 0, POSITIVE, Math::sqrt);
            };
            case RSQRT -> () -> checkFloatingUnary(op, 0, 0, POSITIVE, x -> 1 / Math.sqrt(x));
            case RECIPROCAL -> () -> checkFloatingUnary(op, 0, 0, XS, x -> 1 / x);
            case ABS -> () -> checkFloatingUnary(op, 0, 0, XS, Math::abs);
            // PyTorch's (0 < x) - (x < 0): NaN and -0 give 0, where Math.signum keeps them
            case SIGN -> () -> checkFloatingUnary(op, 0, 0, XS, x -> x > 0 ? 1 : x < 0 ? -1 : 0);
            case SIN -> () -> checkFloatingUnary(op, 0, 0, XS, Math::sin);
            case COS -> () -> checkFloatingUnary(op, 0, 0, XS, Math::cos);
            case TAN -> () -> checkFloatingUnary(op, 0, 0, XS, Math::tan);
            case ASIN -> () -> checkFloatingUnary(op, 0, 0, XS, Math::asin);
            case ACOS -> () -> checkFloatingUnary(op, 0, 0, XS, Math::acos);
            case ATAN -> () -> checkFloatingUnary(op, 0, 0, XS, Math::atan);
            case SINH -> () -> checkFloatingUnary(op, 0, 0, XS, Math::sinh);
            case COSH -> () -> checkFloatingUnary(op, 0, 0, XS, Math::cosh);
            case LOG10 -> () -> {
                checkFloatingUnary(op, 0, 0, XS, Math::log10);
                checkFloatingUnary(op, 0, 0, POSITIVE, Math::log10);
            };
            // Java has no asinh, acosh, atanh or log2: mpmath's values at inputs float32 holds exactly.
            case ASINH -> () -> checkFloatingUnary(op, 0, 0, ASINH_TABLE[0], table(ASINH_TABLE));
            case ACOSH -> () -> checkFloatingUnary(op, 0, 0, ACOSH_TABLE[0], table(ACOSH_TABLE));
            case ATANH -> () -> checkFloatingUnary(op, 0, 0, ATANH_TABLE[0], table(ATANH_TABLE));
            case LOG2 -> () -> checkFloatingUnary(op, 0, 0, LOG2_TABLE[0], table(LOG2_TABLE));
            case TANH -> () -> checkFloatingUnary(op, 0, 0, XS, Math::tanh);
            case SIGMOID -> () -> checkFloatingUnary(op, 0, 0, XS, x -> 1 / (1 + Math.exp(-x)));
            case RELU -> () -> checkFloatingUnary(op, 0, 0, XS, x -> Double.isNaN(x) ? x : Math.max(x, 0));
            case LEAKY_RELU -> () -> checkFloatingUnary(op, 0.125, 0, XS, x -> x > 0 ? x : 0.125 * x);
            case GELU -> () -> checkSpecial(op, SPECIAL_GELU, relative(GELU_RTOL, 0), GELU_FLOAT32_ULPS);
            case GELU_TANH -> () -> checkSpecial(op, SPECIAL_GELU_TANH, relative(GELU_TANH_RTOL, GELU_TANH_ATOL),
                    GELU_FLOAT32_ULPS);
            // ERF: 2 ulps (float32) / 3 ulps (float64) of the exact value, which the table and, at float32's scale,
            // the float64 kernel stand for; a correctly rounded result is half an ulp away.
            case ERF -> () -> checkSpecial(op, SPECIAL_ERF, (what, t, r, x, a, b) -> assertUlps(what, t, r, x, 3.5),
                    2.5);
            case SOFTPLUS -> () -> {
                checkFloatingUnary(op, 1, 20, XS, x -> x > 20 ? x : Math.log1p(Math.exp(x)));
                // beta = 2, threshold = 3: x itself wherever 2x > 3.
                checkFloatingUnary(op, 2, 3, XS, x -> 2 * x > 3 ? x : Math.log1p(Math.exp(2 * x)) / 2);
            };
            case POW -> () -> {
                for (double p : new double[]{2, 3, 0.5, 1, -1, 0, 1.75, -2}) {
                    checkFloatingUnary(op, p, 0, POSITIVE, x -> Math.pow(x, p));
                }
                // Negative bases: integral exponents are fine, fractional ones are NaN.
                checkFloatingUnary(op, 2, 0, XS, x -> x * x);
                checkFloatingUnary(op, 3, 0, XS, x -> x * x * x);
                checkFloatingUnary(op, 1.75, 0, XS, x -> Math.pow(x, 1.75));
            };
            case CLAMP -> () -> {
                checkFloatingUnary(op, -1, 1, XS, x -> Math.min(Math.max(x, -1), 1));
                checkFloatingUnary(op, NAN, 0.5, XS, x -> Math.min(x, 0.5));
                checkFloatingUnary(op, -0.5, NAN, XS, x -> Math.max(x, -0.5));
                checkFloatingUnary(op, NAN, NAN, XS, x -> x);
                checkFloatingUnary(op, 1, -1, XS, x -> Double.isNaN(x) ? x : -1); // lo > hi: hi, as torch.clamp
            };
            case FLOOR -> () -> checkFloatingUnary(op, 0, 0, XS, Math::floor);
            case CEIL -> () -> checkFloatingUnary(op, 0, 0, XS, Math::ceil);
            case ROUND -> () -> checkFloatingUnary(op, 0, 0, XS, Math::rint);
            case LOGICAL_NOT -> () -> checkUnary(op, DType.BOOL, DType.BOOL, 0, 0, new double[]{1, 0, 0, 1},
                    x -> x == 0 ? 1 : 0, EXACT);
            case ISNAN -> () -> {
                for (DType t : DType.values()) {
                    checkUnary(op, t, DType.BOOL, 0, 0, t.isFloatingPoint() ? XS : new double[]{0, 1, -3, 1},
                            x -> Double.isNaN(x) ? 1 : 0, EXACT);
                }
            };
        };
        test.run();
    }

    /** Ops with integer kernels: AFFINE (integer alpha and beta), ABS, SIGN, RELU, CLAMP. */
    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"AFFINE", "ABS", "SIGN", "RELU", "CLAMP"})
    void unaryOnIntegerDtypes(UnaryOp op) {
        double[] xs = {-7, -3, -1, 0, 1, 2, 5, 1000};
        for (DType t : INTEGRAL) {
            switch (op) {
                case AFFINE -> {
                    checkUnary(op, t, t, -1, 0, xs, x -> -x, EXACT);
                    checkUnary(op, t, t, 3, -2, xs, x -> 3 * x - 2, EXACT);
                    checkUnary(op, t, t, 2.9, 1.5, xs, x -> 2 * x + 1, EXACT); // alpha, beta truncated toward zero
                }
                case ABS -> checkUnary(op, t, t, 0, 0, xs, Math::abs, EXACT);
                case SIGN -> checkUnary(op, t, t, 0, 0, xs, Math::signum, EXACT);
                case RELU -> checkUnary(op, t, t, 0, 0, xs, x -> Math.max(x, 0), EXACT);
                case CLAMP -> {
                    checkUnary(op, t, t, -2, 3, xs, x -> Math.min(Math.max(x, -2), 3), EXACT);
                    checkUnary(op, t, t, NAN, 3, xs, x -> Math.min(x, 3), EXACT);
                    checkUnary(op, t, t, 0, NAN, xs, x -> Math.max(x, 0), EXACT);
                }
                default -> fail("no integer test for " + op);
            }
        }
    }

    // mpmath at 40 digits: {x, f(x)} for inputs float32 holds exactly (so one table serves both dtypes).
    private static final double[][] ASINH_TABLE = {
        {-1e10, -100.0, -3.0, -1.0, -0.5, -0x1p-30, 0.0, 0x1p-30, 0.25, 0.5, 1.0, 2.0, 2.5, 3.0, 1e10, 0x1p127, INF,
            -INF, NAN},
        {-23.7189981105004, -5.298342365610589, -1.8184464592320668, -0.881373587019543, -0.48121182505960347,
            -9.313225746154785e-10, 0.0, 9.313225746154785e-10, 0.24746646154726346, 0.48121182505960347,
            0.881373587019543, 1.4436354751788103, 1.6472311463710958, 1.8184464592320668, 23.7189981105004,
            88.722839111673, INF, -INF, NAN}};
    private static final double[][] ACOSH_TABLE = {
        {1.0, 1.0000001192092896, 1.25, 1.5, 2.0, 2.5, 3.0, 10.0, 100.0, 1e10, 0x1p127, 0.5, -1.0, INF, NAN},
        {0.0, 0.0004882812451493617, 0.6931471805599453, 0.9624236501192069, 1.3169578969248168,
            1.566799236972411, 1.762747174039086, 2.993222846126381, 5.298292365610485, 23.7189981105004,
            88.722839111673, NAN, NAN, INF, NAN}};
    private static final double[][] ATANH_TABLE = {
        {-1.0, -0.9375, -0.5, -0.25, -0x1p-30, 0.0, 0x1p-30, 0.125, 0.25, 0.5, 0.75, 0.9375, 0.9999999403953552, 1.0,
            1.5, INF, NAN},
        {-INF, -1.7169936022425731, -0.5493061443340549, -0.25541281188299536, -9.313225746154785e-10, 0.0,
            9.313225746154785e-10, 0.12565721414045303, 0.25541281188299536, 0.5493061443340549, 0.9729550745276566,
            1.7169936022425731, 8.664339742098155, INF, NAN, NAN, NAN}};
    private static final double[][] LOG2_TABLE = {
        {0x1p-140, 0x1p-100, 0.125, 0.5, 0.6875, 0.75, 1.0, 1.25, 1.375, 1.5, 2.0, 3.0, 10.0, 1024.0, 0x3p90, 0.0, -1.0,
            INF, NAN},
        {-140.0, -100.0, -3.0, -1.0, -0.5405683813627028, -0.4150374992788438, 0.0, 0.32192809488736235,
            0.45943161863729726, 0.5849625007211562, 1.0, 1.584962500721156, 3.321928094887362, 10.0,
            91.58496250072116, -INF, NAN, INF, NAN}};

    /** The function a {@code {xs, f(xs)}} table defines, at its inputs only. */
    private static DoubleUnaryOperator table(double[][] table) {
        return x -> {
            for (int i = 0; i < table[0].length; i++) {
                if (Double.compare(table[0][i], x) == 0 || (Double.isNaN(x) && Double.isNaN(table[0][i]))) {
                    return table[1][i];
                }
            }
            throw new IllegalArgumentException(x + " is not in the table");
        };
    }

    @Test
    void log2IsExactAtPowersOfTwoAndSubnormals() {
        // 2^-1074 and 2^-1060 are float64 subnormals; log2 scales them into the normal range first.
        double[] x = {0x1p-1074, 0x1p-1060, 0x1p-1022, 0.25, 1, 8, 0x1p1023};
        View out = zeros(DType.FLOAT64, x.length);
        backend().unary(UnaryOp.LOG2, out, tensor(DType.FLOAT64, x, x.length), 0, 0);
        assertExact("log2 of powers of two", new double[]{-1074, -1060, -1022, -2, 0, 3, 1023}, values(out));
    }

    // Reference values from mpmath at 40 digits, for x = the doubles below (erf; x Phi(x); PyTorch's tanh GELU).
    private static final double[] SPECIAL_X = {-6.0, -3.0, -1.5, -0.5, -0.001, 0.0, 1e-08, 0.25, 0.46875, 0.5, 1.0,
        2.0, 3.5, 4.5, 10.0, NAN};
    private static final double[] SPECIAL_ERF = {-1.0, -0.9999779095030014, -0.9661051464753108,
        -0.5204998778130465, -0.0011283787909692365, 0.0, 1.1283791670955126e-08, 0.27632639016823696,
        0.49261347321793797, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527, 0.9999992569016276,
        0.9999999998033839, 1.0, NAN};
    private static final double[] SPECIAL_GELU = {-5.9195258702261885e-09, -0.0040496940948902835,
        -0.1002108019032871, -0.15426876936299344, -0.000499601057786089, 0.0, 5.000000039894228e-09,
        0.14967658142073093, 0.3189261696013511, 0.34573123063700656, 0.8413447460685429, 1.9544997361036416,
        3.4991857982233756, 4.4999847104709385, 10.0, NAN};
    private static final double[] SPECIAL_GELU_TANH = {-8.439646700762297e-11, -0.003637392081773019,
        -0.10042842301976708, -0.15428599017485609, -0.000499601057786418, 0.0, 5.000000039894228e-09,
        0.149675350701685, 0.3189125711964789, 0.34571400982514394, 0.8411919906082767, 1.954597694087775,
        3.499383802344626, 4.499994863262588, 10.0, NAN};
    /** d/dx of x Phi(x) = Phi(x) + x phi(x), and of the tanh GELU, at SPECIAL_X. */
    private static final double[] SPECIAL_GELU_GRAD = {-3.5468709453902015e-08, -0.011945647204183927,
        -0.12746919222997952, 0.13250487534383715, 0.4992021157051586, 0.5, 0.5000000079788456, 0.695373354883636,
        0.8479234741951654, 0.8674951246561629, 1.0833154705876864, 1.085231801078197, 1.0028217603536247,
        1.0000685291618563, 1.0, NAN};
    private static final double[] SPECIAL_GELU_TANH_GRAD = {-7.709973930953696e-10, -0.011584166630969726,
        -0.12771079315143308, 0.1326300964653577, 0.499202115706475, 0.5, 0.5000000079788456, 0.6953540951510604,
        0.847816665985532, 0.8673699035346423, 1.0829640838457826, 1.0860992566236183, 1.0024226437601165,
        1.0000293222704428, 1.0, NAN};

    /**
     * Exact GELU's bound (float64, relative): {@code Phi(x) = erfc(-x/sqrt 2)/2} magnifies the rounding of
     * {@code x/sqrt 2} by about {@code x^2} in the lower tail (x = -6 loses 36 ulps to it however erfc is computed).
     */
    private static final double GELU_RTOL = 1e-14;
    /**
     * The tanh GELU's bound (float64): PyTorch's formula {@code 0.5 x (1 + tanh(..))} cancels for large negative
     * {@code x}, so its error is about an ulp of {@code x}, not of the result.
     */
    private static final double GELU_TANH_RTOL = 4e-15;
    private static final double GELU_TANH_ATOL = 1e-15;
    /** The GELUs' float32 bound: ulps of the float64 result for the same input. */
    private static final double GELU_FLOAT32_ULPS = 4;

    /** A relative bound with an absolute floor, as an Accuracy line. */
    private static Accuracy relative(double rtol, double atol) {
        return (what, t, reference, actual, a, b) -> assertClose(what, reference, actual, rtol, atol);
    }

    /**
     * ERF and the GELUs: float64 results against the mpmath table, by the line {@code float64}; float32 results
     * within {@code float32Ulps} of the float64 kernel's on the same (float32) inputs.
     */
    private void checkSpecial(UnaryOp op, double[] expected, Accuracy float64, double float32Ulps) {
        View out = zeros(DType.FLOAT64, SPECIAL_X.length);
        backend().unary(op, out, tensor(DType.FLOAT64, SPECIAL_X, SPECIAL_X.length), 0, 0);
        float64.check(op + " float64", DType.FLOAT64, expected, values(out), SPECIAL_X, null);
        // Float32 inputs differ from SPECIAL_X, so compare the float32 kernel with the float64 one on them.
        View in32 = tensor(DType.FLOAT32, SPECIAL_X, SPECIAL_X.length);
        View widened = zeros(DType.FLOAT64, SPECIAL_X.length);
        backend().copy(widened, in32);
        View ref = zeros(DType.FLOAT64, SPECIAL_X.length);
        backend().unary(op, ref, widened, 0, 0);
        View out32 = zeros(DType.FLOAT32, SPECIAL_X.length);
        backend().unary(op, out32, in32, 0, 0);
        assertUlps(op + " float32", DType.FLOAT32, values(ref), values(out32), float32Ulps);
        for (UnaryCase c : unaryCases(DType.FLOAT64, DType.FLOAT64, SPECIAL_X)) {
            backend().unary(op, c.out, c.in, 0, 0);
            double[] e = new double[c.logical.length];
            for (int i = 0; i < e.length; i++) {
                e[i] = expected[Arrays.asList(box(SPECIAL_X)).indexOf(c.logical[i])];
            }
            float64.check(op + " " + c.name, DType.FLOAT64, e, values(c.out), c.logical, null);
        }
    }

    private static Double[] box(double[] a) {
        return Arrays.stream(a).boxed().toArray(Double[]::new);
    }

    @Test
    void sigmoidIsStableForLargeArguments() {
        // mpmath: 1/(1+e^40) = 4.248354255291589e-18, 1/(1+e^710) = 4.47628622567513e-309 (subnormal).
        double[] x = {40, -40, 1000, -1000, -710, 0, 2, NAN};
        double[] expected = {1.0, 4.248354255291589e-18, 1.0, 0.0, 4.47628622567513e-309, 0.5, 0.8807970779778824,
            NAN};
        View out = zeros(DType.FLOAT64, x.length);
        backend().unary(UnaryOp.SIGMOID, out, tensor(DType.FLOAT64, x, x.length), 0, 0);
        // SIGMOID: 4 ulps (float32) / 3 ulps (float64) of the exact value; the table is correctly rounded.
        assertUlps("sigmoid float64", DType.FLOAT64, expected, values(out), 3.5);
        View out32 = zeros(DType.FLOAT32, x.length);
        backend().unary(UnaryOp.SIGMOID, out32, tensor(DType.FLOAT32, x, x.length), 0, 0);
        assertUlps("sigmoid float32", DType.FLOAT32, expected, values(out32), 4.5);
    }

    @Test
    void softplusFollowsPyTorchsThreshold() {
        // softplus(1) = log(1 + e) = 1.3132616875182228 (mpmath); past the threshold the input comes back as is.
        View out = zeros(DType.FLOAT64, 4);
        backend().unary(UnaryOp.SOFTPLUS, out, tensor(DType.FLOAT64, new double[]{1, 25, 20, -30}, 4), 1, 20);
        // SOFTPLUS: 3 ulps (float64) of the exact value, which the mpmath values round correctly; x itself, exactly,
        // past the threshold.
        double[] got = values(out);
        assertUlps("softplus", DType.FLOAT64, new double[]{1.3132616875182228, 20.000000002061153,
            9.357622968839737e-14}, new double[]{got[0], got[2], got[3]}, 3.5);
        assertExact("softplus past the threshold", new double[]{25}, new double[]{got[1]});
        backend().unary(UnaryOp.SOFTPLUS, out, tensor(DType.FLOAT64, new double[]{0.5, 10.5, 10, 1e-3}, 4), 2, 20);
        got = values(out);
        assertUlps("softplus beta 2", DType.FLOAT64, new double[]{0.6566308437591114}, new double[]{got[0]}, 3.5);
        assertExact("2 * 10.5 > 20: the input itself", new double[]{10.5}, new double[]{got[1]});
    }

    @Test
    void roundHalfToEvenAndSignedZeros() {
        View out = zeros(DType.FLOAT32, 8);
        backend().unary(UnaryOp.ROUND, out, tensor(DType.FLOAT32, new double[]{0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4,
            -2.6}, 8), 0, 0);
        assertArrayEquals(new float[]{0, 2, 2, -0f, -2, -2, 2, -3}, (float[]) backend().toArray(out));
        // neg(0.0) is -0.0 (an affine map with beta 0 adds nothing).
        View neg = zeros(DType.FLOAT64, 1);
        backend().unary(UnaryOp.AFFINE, neg, scalar(DType.FLOAT64, 0), -1, 0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(values(neg)[0]));
    }

    @Test
    void unaryOnEmptyTensorsDoesNothing() {
        for (DType t : FLOATING) {
            backend().unary(UnaryOp.EXP, zeros(t, 0, 4), zeros(t, 0, 4), 0, 0);
            backend().unary(UnaryOp.ISNAN, zeros(DType.BOOL, 0), zeros(t, 0), 0, 0);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Binary ops
    // ------------------------------------------------------------------------------------------------------------

    /** First operands (12 values: also [2, 6]); exact in float32, so products and sums are exact too. */
    private static final double[] AS = {-2, -1.5, -0.5, 0, 0.25, 1, 2, 3, NAN, INF, -INF, 0.5};
    /** Second operands; the first is the broadcast scalar in the scalar layouts. */
    private static final double[] BS = {3, -1, 2, -0.25, 0, 4, NAN, 1, 0.75, -INF, 0.5, -2};
    private static final double[] AI = {-7, -3, -1, 0, 1, 2, 5, 100, 6, -2, 3, 9};
    private static final double[] BI = {2, -3, 4, 0, 1, -5, 5, 7, 6, 3, -1, 9};
    private static final double[] NONZERO_BI = {2, -3, 4, 8, 1, -5, 5, 7, 6, 3, -1, 9};

    /** PyTorch's remainder: fmod, plus {@code b} where the remainder is not 0 and its sign differs from b's. */
    static double remainder(double a, double b) {
        double r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }

    /**
     * C's trunc of the quotient (the operands' quotients are exact or far from whole numbers, in either dtype); also
     * the op database's reference.
     *
     * @param a the dividend
     * @param b the divisor
     * @return the truncated quotient
     */
    public static double divTrunc(double a, double b) {
        double q = a / b;
        return q < 0 ? Math.ceil(q) : Math.floor(q);
    }

    /**
     * PyTorch's {@code div_floor_floating}, the Accuracy list's formula for DIV_FLOOR (exact integer floor division);
     * also the op database's reference.
     *
     * @param a the dividend
     * @param b the divisor
     * @return the floored quotient
     */
    public static double divFloor(double a, double b) {
        if (b == 0) {
            return a / b;
        }
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1;
        }
        if (div == 0) {
            return Math.copySign(0.0, a / b);
        }
        double floor = Math.floor(div);
        return div - floor > 0.5 ? floor + 1 : floor;
    }
    private static final double[] BOOLS_A = {1, 1, 0, 0, 1, 0, 1, 0};
    private static final double[] BOOLS_B = {1, 0, 1, 0, 0, 0, 1, 1};

    private void checkFloatingBinary(BinaryOp op, double alpha, double[] as, double[] bs, DoubleBinaryOperator ref) {
        for (DType t : FLOATING) {
            checkBinary(op, t, t, alpha, as, bs, ref, accuracy(op));
        }
    }

    private void checkComparison(BinaryOp op, DoubleBinaryOperator ref) {
        for (DType t : FLOATING) {
            checkBinary(op, t, DType.BOOL, 1, AS, BS, ref, EXACT);
        }
        for (DType t : INTEGRAL) {
            checkBinary(op, t, DType.BOOL, 1, AI, BI, ref, EXACT);
        }
        checkBinary(op, DType.BOOL, DType.BOOL, 1, BOOLS_A, BOOLS_B, ref, EXACT);
    }

    private static double truth(boolean b) {
        return b ? 1 : 0;
    }

    /** ATAN2 at signed zeros and infinities (C's values), DIV_TRUNC and DIV_FLOOR keeping PyTorch's zero signs. */
    @Test
    void atan2AndRoundedDivisionKeepSignedZeros() {
        double[] a = {0, -0.0, 0, -0.0, INF, -INF, INF, 1, -INF, 1, -1, 0.5};
        double[] b = {0, 0, -0.0, -0.0, INF, INF, -INF, -INF, -INF, INF, INF, -0.0};
        for (DType t : FLOATING) {
            View out = zeros(t, a.length);
            backend().binary(BinaryOp.ATAN2, out, tensor(t, a, a.length), tensor(t, b, b.length), 1);
            double[] want = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                want[i] = Math.atan2(a[i], b[i]);
            }
            assertSameValues("atan2 " + t, t, want, out);
        }
        // PyTorch 1.13: torch.div(torch.tensor([0.5, -0.5, 0., 0., -1., 5.5, -5.5, 1.]), torch.tensor([1., 1., -3.,
        // 3., inf, inf, inf, 0.]), rounding_mode=...) is, for "trunc", [0., -0., -0., 0., -0., 0., -0., inf] and,
        // for "floor", [0., -1., -0., 0., -1., 0., -1., inf]
        double[] x = {0.5, -0.5, 0, 0, -1, 5.5, -5.5, 1}, y = {1, 1, -3, 3, INF, INF, INF, 0};
        for (DType t : FLOATING) {
            View trunc = zeros(t, x.length), floor = zeros(t, x.length);
            backend().binary(BinaryOp.DIV_TRUNC, trunc, tensor(t, x, x.length), tensor(t, y, y.length), 1);
            backend().binary(BinaryOp.DIV_FLOOR, floor, tensor(t, x, x.length), tensor(t, y, y.length), 1);
            assertSameValues("div trunc " + t, t, new double[] {0, -0.0, -0.0, 0, -0.0, 0, -0.0, INF}, trunc);
            assertSameValues("div floor " + t, t, new double[] {0, -1, -0.0, 0, -1, 0, -1, INF}, floor);
        }
    }

    /** Bit for bit: a zero's sign counts. */
    private void assertSameValues(String what, DType t, double[] want, View got) {
        if (t == DType.FLOAT32) {
            float[] w = new float[want.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) want[i];
            }
            assertArrayEquals(w, (float[]) backend().toArray(got), what);
        } else {
            assertArrayEquals(want, (double[]) backend().toArray(got), what);
        }
    }

    /** DIV_TRUNC and DIV_FLOOR divide int64 exactly, past 2^53 where a double would round. */
    @Test
    void integerDivisionIsExactPast2To53() {
        // PyTorch 1.13: torch.floor_divide(torch.tensor([2**60 + 1, -(2**60) - 1, 7, -7]), torch.tensor([3, 3, -2,
        // -2])) is [384307168202282325, -384307168202282326, -4, 3]; rounding_mode="trunc" gives
        // [384307168202282325, -384307168202282325, -3, 3]
        long big = (1L << 60) + 1;
        View a = View.contiguous(backend().fromArray(new long[] {big, -big, 7, -7}), new int[] {4});
        View b = View.contiguous(backend().fromArray(new long[] {3, 3, -2, -2}), new int[] {4});
        View floor = zeros(DType.INT64, 4), trunc = zeros(DType.INT64, 4);
        backend().binary(BinaryOp.DIV_FLOOR, floor, a, b, 1);
        backend().binary(BinaryOp.DIV_TRUNC, trunc, a, b, 1);
        assertArrayEquals(new long[] {384307168202282325L, -384307168202282326L, -4, 3},
                (long[]) backend().toArray(floor));
        assertArrayEquals(new long[] {384307168202282325L, -384307168202282325L, -3, 3},
                (long[]) backend().toArray(trunc));
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryOps(BinaryOp op) {
        Runnable test = switch (op) {
            case ADD -> () -> {
                for (double alpha : new double[]{1, -1, 2.5}) {
                    checkFloatingBinary(op, alpha, AS, BS, (a, b) -> a + alpha * b);
                }
                for (DType t : INTEGRAL) {
                    checkBinary(op, t, t, 1, AI, BI, Double::sum, EXACT);
                    checkBinary(op, t, t, -2, AI, BI, (a, b) -> a - 2 * b, EXACT);
                }
            };
            case MUL -> () -> {
                checkFloatingBinary(op, 1, AS, BS, (a, b) -> a * b);
                for (DType t : INTEGRAL) {
                    checkBinary(op, t, t, 1, AI, BI, (a, b) -> a * b, EXACT);
                }
            };
            case DIV -> () -> checkFloatingBinary(op, 1, AS, BS, (a, b) -> a / b);
            // C's pow, as PyTorch and CUDA: 1 ^ NaN and (-1) ^ inf are 1, where Java's Math.pow gives NaN
            case POW -> () -> checkFloatingBinary(op, 1, AS, BS,
                    (a, b) -> a == 1 || (a == -1 && Double.isInfinite(b)) ? 1 : Math.pow(a, b));
            case MAXIMUM -> () -> {
                checkFloatingBinary(op, 1, AS, BS, Math::max);
                for (DType t : INTEGRAL) {
                    checkBinary(op, t, t, 1, AI, BI, Math::max, EXACT);
                }
            };
            case MINIMUM -> () -> {
                checkFloatingBinary(op, 1, AS, BS, Math::min);
                for (DType t : INTEGRAL) {
                    checkBinary(op, t, t, 1, AI, BI, Math::min, EXACT);
                }
            };
            case EQ -> () -> checkComparison(op, (a, b) -> truth(a == b));
            case NE -> () -> checkComparison(op, (a, b) -> truth(a != b));
            case LT -> () -> checkComparison(op, (a, b) -> truth(a < b));
            case LE -> () -> checkComparison(op, (a, b) -> truth(a <= b));
            case GT -> () -> checkComparison(op, (a, b) -> truth(a > b));
            case GE -> () -> checkComparison(op, (a, b) -> truth(a >= b));
            case LOGICAL_AND -> () -> checkComparison(op, (a, b) -> truth(a != 0 && b != 0));
            case LOGICAL_OR -> () -> checkComparison(op, (a, b) -> truth(a != 0 || b != 0));
            case TANH_BACKWARD -> () -> checkFloatingBinary(op, 1, AS, BS, (g, y) -> g * (1 - y * y));
            case SIGMOID_BACKWARD -> () -> checkFloatingBinary(op, 1, AS, BS, (g, y) -> g * (1 - y) * y);
            case THRESHOLD_BACKWARD -> () -> {
                // PyTorch's threshold_backward: self <= threshold ? 0 : grad, so a NaN self passes grad
                checkFloatingBinary(op, 0, AS, BS, (g, x) -> x <= 0 ? 0 : g);
                checkFloatingBinary(op, 1, AS, BS, (g, x) -> x <= 1 ? 0 : g);
            };
            case LEAKY_RELU_BACKWARD -> () -> checkFloatingBinary(op, 0.25, AS, BS, (g, x) -> x > 0 ? g : 0.25 * g);
            case GELU_BACKWARD -> () -> checkGradTable(op, SPECIAL_GELU_GRAD, relative(GELU_RTOL, 0));
            case GELU_TANH_BACKWARD -> () -> checkGradTable(op, SPECIAL_GELU_TANH_GRAD,
                    relative(GELU_TANH_RTOL, GELU_TANH_ATOL));
            // Java's % is C's fmod, NaN, infinities and zeros included; integers never see a 0 divisor (the op
            // layer raises), so BI's 0 becomes 8 here
            case FMOD -> () -> {
                checkFloatingBinary(op, 1, AS, BS, (a, b) -> a % b);
                for (DType t : INTEGRAL) {
                    checkBinary(op, t, t, 1, AI, NONZERO_BI, (a, b) -> a % b, EXACT);
                }
            };
            case REMAINDER -> () -> {
                checkFloatingBinary(op, 1, AS, BS, BackendContract::remainder);
                for (DType t : INTEGRAL) {
                    checkBinary(op, t, t, 1, AI, NONZERO_BI, BackendContract::remainder, EXACT);
                }
            };
            case ATAN2 -> () -> checkFloatingBinary(op, 1, AS, BS, Math::atan2);
            case DIV_TRUNC -> () -> {
                checkFloatingBinary(op, 1, AS, BS, BackendContract::divTrunc);
                for (DType t : INTEGRAL) {
                    checkBinary(op, t, t, 1, AI, NONZERO_BI, BackendContract::divTrunc, EXACT);
                }
            };
            case DIV_FLOOR -> () -> {
                checkFloatingBinary(op, 1, AS, BS, BackendContract::divFloor);
                for (DType t : INTEGRAL) {
                    checkBinary(op, t, t, 1, AI, NONZERO_BI, (x, y) -> Math.floor(x / y), EXACT);
                }
            };
        };
        test.run();
    }

    /** {@code a * f'(b)} with {@code f'} from the mpmath table, on a few layouts; float32 as in checkSpecial. */
    private void checkGradTable(BinaryOp op, double[] grad, Accuracy float64) {
        int n = SPECIAL_X.length;
        double[] g = new double[n];
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = i % 3 == 0 ? 2 : -0.5;
            expected[i] = g[i] * grad[i];
        }
        View out = zeros(DType.FLOAT64, n);
        backend().binary(op, out, tensor(DType.FLOAT64, g, n), tensor(DType.FLOAT64, SPECIAL_X, n), 0);
        float64.check(op + " float64", DType.FLOAT64, expected, values(out), g, SPECIAL_X);
        View strided = stridedVector(DType.FLOAT64, new double[n]);
        backend().binary(op, strided, stridedVector(DType.FLOAT64, g), stridedVector(DType.FLOAT64, SPECIAL_X), 0);
        float64.check(op + " strided", DType.FLOAT64, expected, values(strided), g, SPECIAL_X);
        View scaled = zeros(DType.FLOAT64, n);
        backend().binary(op, scaled, broadcast(DType.FLOAT64, 1, n), tensor(DType.FLOAT64, SPECIAL_X, n), 0);
        float64.check(op + " broadcast grad", DType.FLOAT64, grad, values(scaled), null, SPECIAL_X);
        View out32 = zeros(DType.FLOAT32, n);
        backend().binary(op, out32, broadcast(DType.FLOAT32, 1, n), tensor(DType.FLOAT32, SPECIAL_X, n), 0);
        View in32as64 = zeros(DType.FLOAT64, n);
        backend().copy(in32as64, tensor(DType.FLOAT32, SPECIAL_X, n));
        View ref = zeros(DType.FLOAT64, n);
        backend().binary(op, ref, broadcast(DType.FLOAT64, 1, n), in32as64, 0);
        assertUlps(op + " float32", DType.FLOAT32, values(ref), values(out32), GELU_FLOAT32_ULPS);
    }

    @Test
    void maximumAndMinimumPropagateNaN() {
        View out = zeros(DType.FLOAT32, 3);
        View a = tensor(DType.FLOAT32, new double[]{NAN, 1, -INF}, 3);
        View b = tensor(DType.FLOAT32, new double[]{5, NAN, -1}, 3);
        backend().binary(BinaryOp.MAXIMUM, out, a, b, 1);
        assertArrayEquals(new float[]{Float.NaN, Float.NaN, -1}, (float[]) backend().toArray(out));
        backend().binary(BinaryOp.MINIMUM, out, a, b, 1);
        assertArrayEquals(new float[]{Float.NaN, Float.NaN, Float.NEGATIVE_INFINITY}, (float[]) backend().toArray(out));
    }

    @Test
    void integerArithmeticWrapsLikeJavaAndPyTorch() {
        View out = zeros(DType.INT32, 2);
        backend().binary(BinaryOp.ADD, out, tensor(DType.INT32, new double[]{Integer.MAX_VALUE, -5}, 2),
                tensor(DType.INT32, new double[]{1, 2}, 2), 1);
        assertArrayEquals(new int[]{Integer.MIN_VALUE, -3}, (int[]) backend().toArray(out));
        View big = View.contiguous(backend().fromArray(new long[]{1L << 60, 3}), new int[]{2});
        View lo = zeros(DType.INT64, 2);
        backend().binary(BinaryOp.MUL, lo, big, big, 1);
        assertArrayEquals(new long[]{(1L << 60) * (1L << 60), 9}, (long[]) backend().toArray(lo));
        View exact = zeros(DType.INT64, 1);
        backend().binary(BinaryOp.ADD, exact, View.contiguous(backend().fromArray(new long[]{(1L << 53) + 1}),
                new int[]{1}), View.contiguous(backend().fromArray(new long[]{2}), new int[]{1}), 1);
        assertArrayEquals(new long[]{(1L << 53) + 3}, (long[]) backend().toArray(exact), "int64 stays exact");
    }

    @Test
    void binaryOnEmptyTensorsDoesNothing() {
        backend().binary(BinaryOp.ADD, zeros(DType.FLOAT32, 0, 2), zeros(DType.FLOAT32, 0, 2),
                zeros(DType.FLOAT32, 0, 2), 1);
        backend().binary(BinaryOp.LT, zeros(DType.BOOL, 0), zeros(DType.INT64, 0), zeros(DType.INT64, 0), 1);
    }

    // ------------------------------------------------------------------------------------------------------------
    // where
    // ------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DType.class)
    void whereSelectsPerElement(DType t) {
        double[] cond = {1, 0, 0, 1, 1, 0};
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {0, 1, 0, 1, 0, 1};
        double[] expected = round(t, new double[]{1, 1, 0, 4, 5, 1});
        View out = zeros(t, 2, 3);
        backend().where(out, tensor(DType.BOOL, cond, 2, 3), tensor(t, a, 2, 3), tensor(t, b, 2, 3));
        assertArrayEquals(expected, values(out), "contiguous");
        View t2 = zeros(t, 2, 3);
        backend().where(t2, columnMajor(DType.BOOL, cond, 2, 3), columnMajor(t, a, 2, 3), tensor(t, b, 2, 3));
        assertArrayEquals(expected, values(t2), "transposed");
        View s = zeros(t, 2, 3);
        backend().where(s, tensor(DType.BOOL, cond, 2, 3), tensor(t, a, 2, 3), broadcast(t, 0, 2, 3));
        assertArrayEquals(round(t, new double[]{1, 0, 0, 4, 5, 0}), values(s), "broadcast scalar");
        View z = zeros(t);
        backend().where(z, scalar(DType.BOOL, 0), scalar(t, 1), scalar(t, 0));
        assertArrayEquals(new double[]{0}, values(z), "0-d");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reductions
    // ------------------------------------------------------------------------------------------------------------

    /** [[1, 5, 3], [4, 2, 6]]. */
    private static final double[] M = {1, 5, 3, 4, 2, 6};

    private View reduce(ReduceOp op, DType outType, View in, int... outShape) {
        View out = zeros(outType, outShape);
        backend().reduce(op, out, in);
        return out;
    }

    /**
     * A reduction's results by its line of the Accuracy list: floating SUM within the bound of an accumulation in
     * double ({@code u = 2^-53}, any order) of the exact results, plus {@code 4 * 2^-24} of {@code scale} for FLOAT32
     * (runs of up to four added in FLOAT32 first), every other reduction exact. {@code n} is how many elements each
     * output reduces, {@code scale} the sum of their magnitudes.
     */
    private static void assertReduced(String what, ReduceOp op, DType out, long n, double[] exact, double[] scale,
                                      double[] actual) {
        if (op == ReduceOp.SUM && out.isFloatingPoint()) {
            double runs = out == DType.FLOAT32 ? FLOAT32_RUNS : 0;
            double[] tolerance = new double[exact.length];
            for (int i = 0; i < tolerance.length; i++) {
                tolerance[i] = (runs + n * 0x1p-53) * scale[i] + ulp(out, exact[i]) / 2;
            }
            assertWithin(what, exact, actual, tolerance);
        } else {
            assertExact(what, exact, actual);
        }
    }

    /** What the Accuracy list allows a FLOAT32 sum's runs added in FLOAT32, relative to the sum of magnitudes. */
    private static final double FLOAT32_RUNS = 4 * 0x1p-24;

    /** The output dtype the op layer gives each reduction of an input of {@code t} (as the ReduceOp Javadoc says). */
    private static DType reducedType(ReduceOp op, DType t) {
        return switch (op) {
            case SUM -> t == DType.BOOL || t == DType.INT32 ? DType.INT64 : t;
            case MAX, MIN -> t;
            case ARGMAX, ARGMIN -> DType.INT64;
            case ANY, ALL -> DType.BOOL;
        };
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceAMatrixAlongEachDimension(ReduceOp op) {
        // Expected values for M, per op: over dim 0, over dim 1, over both.
        double[][] expected = switch (op) {
            case SUM -> new double[][]{{5, 7, 9}, {9, 12}, {21}};
            case MAX -> new double[][]{{4, 5, 6}, {5, 6}, {6}};
            case MIN -> new double[][]{{1, 2, 3}, {1, 2}, {1}};
            case ARGMAX -> new double[][]{{1, 0, 1}, {1, 2}, {5}};
            case ARGMIN -> new double[][]{{0, 1, 0}, {0, 1}, {0}};
            case ANY, ALL -> new double[][]{{1, 1, 1}, {1, 1}, {1}};
        };
        // M is positive, so each sum of magnitudes is the exact result itself.
        for (DType t : new DType[]{DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64}) {
            DType o = reducedType(op, t);
            for (View in : new View[]{tensor(t, M, 2, 3), columnMajor(t, M, 2, 3)}) {
                assertReduced(op + " " + t + " dim 0", op, o, 2, expected[0], expected[0], values(reduce(op, o, in, 1,
                        3)));
                assertReduced(op + " " + t + " dim 1", op, o, 3, expected[1], expected[1], values(reduce(op, o, in, 2,
                        1)));
                if (op != ReduceOp.ARGMAX && op != ReduceOp.ARGMIN) {
                    assertReduced(op + " " + t + " all", op, o, 6, expected[2], expected[2], values(reduce(op, o, in,
                            1, 1)));
                }
            }
            // An arg-reduction over everything is one over the flattened tensor (the op layer passes that view).
            View flat = tensor(t, M, 6);
            assertReduced(op + " " + t + " flattened", op, o, 6, expected[2], expected[2], values(reduce(op, o, flat,
                    1)));
        }
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceBool(ReduceOp op) {
        // [[1, 0, 1], [1, 0, 0]]
        View in = tensor(DType.BOOL, new double[]{1, 0, 1, 1, 0, 0}, 2, 3);
        double[] overRows = switch (op) {
            case SUM -> new double[]{2, 1};
            case MIN, ALL -> new double[]{0, 0};
            case MAX, ANY -> new double[]{1, 1};
            case ARGMAX -> new double[]{0, 0};
            case ARGMIN -> new double[]{1, 1};
        };
        assertArrayEquals(overRows, values(reduce(op, reducedType(op, DType.BOOL), in, 2, 1)), op.toString());
    }

    @Test
    void reductionsOfIntegersAreExact() {
        View big = View.contiguous(backend().fromArray(new long[]{(1L << 53) + 1, 2, Long.MAX_VALUE - 10}),
                new int[]{3});
        assertArrayEquals(new long[]{(1L << 53) + 3}, (long[]) backend().toArray(reduce(ReduceOp.SUM, DType.INT64,
                big.with(0, new int[]{2}, new long[]{1}), 1)));
        assertArrayEquals(new long[]{Long.MAX_VALUE - 10}, (long[]) backend().toArray(reduce(ReduceOp.MAX,
                DType.INT64, big, 1)));
        View ints = tensor(DType.INT32, new double[]{Integer.MAX_VALUE, Integer.MAX_VALUE}, 2);
        assertArrayEquals(new long[]{2L * Integer.MAX_VALUE}, (long[]) backend().toArray(reduce(ReduceOp.SUM,
                DType.INT64, ints, 1)), "int32 sums into int64");
    }

    /**
     * Floating sums accumulate in double: the Accuracy list's bound has {@code u = 2^-53} (with FLOAT32's short runs
     * allowed {@code 4 * 2^-24} of the magnitudes), so sums that a running float32 accumulator gets wrong by far more
     * than that must come out right, in whatever order.
     */
    @Test
    void floatSumsAccumulateInDouble() {
        // In float32 arithmetic 2^24 + 1 == 2^24, so a float accumulator would return 16777216, 8 short: twice what
        // the runs may lose.
        double[] eightOnes = {16777216, 1, 1, 1, 1, 1, 1, 1, 1};
        double[] exact = {16777224};
        assertReduced("2^24 and 8 ones", ReduceOp.SUM, DType.FLOAT32, 9, exact, exact, values(reduce(ReduceOp.SUM,
                DType.FLOAT32, tensor(DType.FLOAT32, eightOnes, 9), 1)));
        // 2^24 then 2^20 ones, along a row and down a column: the exact sum 17825792 is a float32 that any order of
        // double additions reaches (runs of four may lose 3 of the ones), while a float32 running sum stays at 2^24,
        // 2^20 (a million ulps) short.
        int n = (1 << 20) + 1;
        double[] xs = new double[2 * n];
        Arrays.fill(xs, 1);
        xs[0] = 16777216;
        double[] row = {17825792};
        assertReduced("2^24 and 2^20 ones", ReduceOp.SUM, DType.FLOAT32, n, row, row, values(reduce(ReduceOp.SUM,
                DType.FLOAT32, tensor(DType.FLOAT32, Arrays.copyOf(xs, n), n), 1)));
        double[] columns = {17825792, n};
        assertReduced("2^24 and 2^20 ones down a column", ReduceOp.SUM, DType.FLOAT32, n, columns, columns,
                values(reduce(ReduceOp.SUM, DType.FLOAT32, columnMajor(DType.FLOAT32, interleave(xs, n), n, 2), 1, 2)));
    }

    /** {@code [x0, x1, ..., x(2n-1)]} as the row-major {@code [n, 2]} matrix whose columns are the two halves. */
    private static double[] interleave(double[] xs, int n) {
        double[] m = new double[2 * n];
        for (int i = 0; i < n; i++) {
            m[2 * i] = xs[i];
            m[2 * i + 1] = xs[n + i];
        }
        return m;
    }

    @Test
    void maxMinPropagateNaNAndArgmaxTakesFirstNaNAndFirstTie() {
        View in = tensor(DType.FLOAT64, new double[]{1, NAN, 3, NAN, 3, 0, 3, -1, 3}, 3, 3);
        assertExact("max", new double[]{NAN, NAN, 3}, values(reduce(ReduceOp.MAX, DType.FLOAT64, in, 3, 1)));
        assertExact("min", new double[]{NAN, NAN, -1}, values(reduce(ReduceOp.MIN, DType.FLOAT64, in, 3, 1)));
        assertArrayEquals(new double[]{1, 0, 0}, values(reduce(ReduceOp.ARGMAX, DType.INT64, in, 3, 1)));
        assertArrayEquals(new double[]{1, 0, 1}, values(reduce(ReduceOp.ARGMIN, DType.INT64, in, 3, 1)));
        assertArrayEquals(new double[]{0}, values(reduce(ReduceOp.ARGMAX, DType.INT64,
                tensor(DType.FLOAT32, new double[]{2, 2, 2}, 1, 3), 1, 1)), "ties: the first");
        assertArrayEquals(new double[]{1}, values(reduce(ReduceOp.ARGMAX, DType.INT64,
                tensor(DType.INT32, new double[]{2, 7, 7}, 3), 1)), "ties: the first");
        // Over dim 0 (columns), NaN anywhere in a column wins there too.
        assertArrayEquals(new double[]{1, 0, 0}, values(reduce(ReduceOp.ARGMAX, DType.INT64, in, 1, 3)));
        assertExact("max dim 0", new double[]{NAN, NAN, 3}, values(reduce(ReduceOp.MAX, DType.FLOAT64, in, 1, 3)));
        assertArrayEquals(new double[]{1, 0, 1}, values(reduce(ReduceOp.ANY, DType.BOOL,
                tensor(DType.FLOAT32, new double[]{NAN, 0, 0, 0, 0, 1e-30}, 3, 2), 3, 1)), "NaN is true");
    }

    @Test
    void argmaxOverLongRowsTakesFirstNaNAndFirstTie() {
        // rows of 100, long enough for a CPU kernel's two-pass search: ties at 40 and 70; NaN at 60 and 80 after a
        // larger value; -0.0 before 0.0 (equal: the first); the same in int32
        int n = 100;
        double[] rows = new double[4 * n];
        for (int i = 0; i < 4 * n; i++) {
            rows[i] = Math.sin(i) * 10;
        }
        rows[40] = 50;
        rows[70] = 50;
        rows[n + 30] = 99;
        rows[n + 60] = NAN;
        rows[n + 80] = NAN;
        for (int i = 2 * n; i < 3 * n; i++) {
            rows[i] = -1 - i % 7;
        }
        rows[2 * n + 17] = -0.0;
        rows[2 * n + 18] = 0.0;
        for (int i = 3 * n; i < 4 * n; i++) {
            rows[i] = 3;
        }
        rows[3 * n + 99] = -4;
        View in = tensor(DType.FLOAT32, rows, 4, n);
        assertArrayEquals(new double[]{40, 60, 17, 0}, values(reduce(ReduceOp.ARGMAX, DType.INT64, in, 4, 1)));
        assertArrayEquals(new double[]{99}, values(reduce(ReduceOp.ARGMIN, DType.INT64,
                in.with(in.offset + 3 * n, new int[]{1, n}, new long[]{n, 1}), 1, 1)));
        double[] ints = new double[n];
        for (int i = 0; i < n; i++) {
            ints[i] = i % 10;
        }
        ints[55] = -3;
        ints[77] = -3;
        View in32 = tensor(DType.INT32, ints, 1, n);
        assertArrayEquals(new double[]{9}, values(reduce(ReduceOp.ARGMAX, DType.INT64, in32, 1, 1)), "the first 9");
        assertArrayEquals(new double[]{55}, values(reduce(ReduceOp.ARGMIN, DType.INT64, in32, 1, 1)));
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceOverZeroElements(ReduceOp op) {
        View in = zeros(DType.FLOAT32, 0, 3);
        DType o = reducedType(op, DType.FLOAT32);
        switch (op) {
            case SUM -> assertArrayEquals(new double[]{0, 0, 0}, values(reduce(op, o, in, 1, 3)));
            case ANY -> assertArrayEquals(new double[]{0, 0, 0}, values(reduce(op, o, in, 1, 3)));
            case ALL -> assertArrayEquals(new double[]{1, 1, 1}, values(reduce(op, o, in, 1, 3)));
            default -> {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reduce(op, o, in, 1, 3));
                String name = op.name().toLowerCase(java.util.Locale.ROOT);
                assertTrue(e.getMessage().startsWith("[" + name + "]"), e.getMessage());
            }
        }
        // Reducing the non-empty dimension of an empty tensor gives an empty result, for every op.
        backend().reduce(op, zeros(o, 0, 1), in);
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reducingSizeOneDimensionsIsTheIdentity(ReduceOp op) {
        View in = tensor(DType.FLOAT64, new double[]{-1.5, 0, 2}, 3, 1);
        double[] expected = switch (op) {
            case SUM, MAX, MIN -> new double[]{-1.5, 0, 2};
            case ARGMAX, ARGMIN -> new double[]{0, 0, 0};
            case ANY, ALL -> new double[]{1, 0, 1};
        };
        assertArrayEquals(expected, values(reduce(op, reducedType(op, DType.FLOAT64), in, 3, 1)));
        View s = scalar(DType.INT32, 4);
        assertArrayEquals(new double[]{op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN ? 0
                : op == ReduceOp.ANY || op == ReduceOp.ALL ? 1 : 4}, values(reduce(op, reducedType(op, DType.INT32), s)));
    }

    @Test
    void reduceNonAdjacentDimensionsAndBroadcastInputs() {
        int a = 2, b = 3, c = 4;
        double[] x = new double[a * b * c];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7 % 11) - 5;
        }
        View in = tensor(DType.FLOAT64, x, a, b, c);
        double[] sums = new double[b], magnitudes = new double[b], maxes = new double[b];
        Arrays.fill(maxes, -INF);
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int k = 0; k < c; k++) {
                    sums[j] += x[(i * b + j) * c + k]; // small integers: exact in any order
                    magnitudes[j] += Math.abs(x[(i * b + j) * c + k]);
                    maxes[j] = Math.max(maxes[j], x[(i * b + j) * c + k]);
                }
            }
        }
        assertReduced("sum over dims 0 and 2", ReduceOp.SUM, DType.FLOAT64, a * c, sums, magnitudes,
                values(reduce(ReduceOp.SUM, DType.FLOAT64, in, 1, b, 1)));
        assertExact("max over dims 0 and 2", maxes, values(reduce(ReduceOp.MAX, DType.FLOAT64, in, 1, b, 1)));
        // A broadcast input (stride 0 along the reduced dimension) counts each repeat.
        View rep = new View(backend().fromArray(new float[]{1, 2, 3}), 0, new int[]{4, 3}, new long[]{0, 1});
        double[] columns = {4, 8, 12}, rows = {6, 6, 6, 6};
        assertReduced("sum of a broadcast, dim 0", ReduceOp.SUM, DType.FLOAT32, 4, columns, columns,
                values(reduce(ReduceOp.SUM, DType.FLOAT32, rep, 1, 3)));
        assertReduced("sum of a broadcast, dim 1", ReduceOp.SUM, DType.FLOAT32, 3, rows, rows,
                values(reduce(ReduceOp.SUM, DType.FLOAT32, rep, 4, 1)));
    }

    @Test
    void largeReductionsMatchAReference() {
        int rows = 256, cols = 1024;
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i * 0.37) * (1 + i % 5);
        }
        double[] f = round(DType.FLOAT32, x); // what the float32 kernel sees
        double[] colSum = new double[cols], colMagnitude = new double[cols], colMax = new double[cols];
        double[] rowSum = new double[rows], rowMagnitude = new double[rows];
        for (int j = 0; j < cols; j++) {
            double[] col = new double[rows];
            for (int i = 0; i < rows; i++) {
                col[i] = f[i * cols + j];
            }
            colSum[j] = exactSum(col);
            colMagnitude[j] = Arrays.stream(col).map(Math::abs).sum();
            colMax[j] = Arrays.stream(col).max().orElseThrow();
        }
        for (int i = 0; i < rows; i++) {
            double[] row = Arrays.copyOfRange(f, i * cols, (i + 1) * cols);
            rowSum[i] = exactSum(row);
            rowMagnitude[i] = Arrays.stream(row).map(Math::abs).sum();
        }
        double[] total = {exactSum(f)}, totalMagnitude = {Arrays.stream(f).map(Math::abs).sum()};
        View in = tensor(DType.FLOAT32, x, rows, cols);
        assertReduced("sum dim 0", ReduceOp.SUM, DType.FLOAT32, rows, colSum, colMagnitude,
                values(reduce(ReduceOp.SUM, DType.FLOAT32, in, 1, cols)));
        assertReduced("sum dim 1", ReduceOp.SUM, DType.FLOAT32, cols, rowSum, rowMagnitude,
                values(reduce(ReduceOp.SUM, DType.FLOAT32, in, rows, 1)));
        assertReduced("sum", ReduceOp.SUM, DType.FLOAT32, (long) rows * cols, total, totalMagnitude,
                values(reduce(ReduceOp.SUM, DType.FLOAT32, in, 1, 1)));
        assertExact("max dim 0", colMax, values(reduce(ReduceOp.MAX, DType.FLOAT32, in, 1, cols)));
        // Softmax's pattern: the max over the last dimension of [300, 10].
        View small = tensor(DType.FLOAT64, Arrays.copyOf(x, 3000), 300, 10);
        double[] rowMax = values(reduce(ReduceOp.MAX, DType.FLOAT64, small, 300, 1));
        double[] rowArg = values(reduce(ReduceOp.ARGMAX, DType.INT64, small, 300, 1));
        for (int i = 0; i < 300; i++) {
            double m = -INF;
            int at = 0;
            for (int j = 0; j < 10; j++) {
                if (x[i * 10 + j] > m) {
                    m = x[i * 10 + j];
                    at = j;
                }
            }
            assertEquals(m, rowMax[i]);
            assertEquals(at, rowArg[i]);
        }
        // A long row (past any blocking a backend does).
        int n = 100_003;
        double[] longRow = new double[n];
        for (int i = 0; i < n; i++) {
            longRow[i] = 1.0 / (1 + i % 97);
        }
        double[] s = {exactSum(longRow)};
        assertReduced("a long row", ReduceOp.SUM, DType.FLOAT64, n, s, s, values(reduce(ReduceOp.SUM, DType.FLOAT64,
                tensor(DType.FLOAT64, longRow, n), 1)));
        longRow[77_777] = 5;
        assertArrayEquals(new double[]{77_777}, values(reduce(ReduceOp.ARGMAX, DType.INT64,
                tensor(DType.FLOAT64, longRow, n), 1)));
    }

    // ------------------------------------------------------------------------------------------------------------
    // gemm
    // ------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void gemmComputesAlphaABPlusBetaC(DType t) {
        // [[1, 2, 3], [4, 5, 6]] @ [[7, 8], [9, 10], [11, 12]] = [[58, 64], [139, 154]]
        double[] a = {1, 2, 3, 4, 5, 6}, b = {7, 8, 9, 10, 11, 12};
        View out = tensor(t, new double[]{NAN, NAN, NAN, NAN}, 1, 2, 2);
        backend().gemm(out, tensor(t, a, 1, 2, 3), tensor(t, b, 1, 3, 2), 1, 0);
        assertGemm("beta 0 ignores NaN in out", t, 1, 0, a, b, null, 1, 2, 3, 2, values(out));
        assertExact("small integers", new double[]{58, 64, 139, 154}, values(out));
        View acc = tensor(t, new double[]{1, 1, 1, 1}, 1, 2, 2);
        backend().gemm(acc, tensor(t, a, 1, 2, 3), tensor(t, b, 1, 3, 2), 2, 0.5);
        assertGemm("alpha 2, beta 0.5", t, 2, 0.5, a, b, new double[]{1, 1, 1, 1}, 1, 2, 3, 2, values(acc));
        // b given transposed (a stride swap), and a batch of 2 broadcasting b with stride 0.
        View bt = new View(backend().fromArray(array(t, 7, 9, 11, 8, 10, 12)), 0, new int[]{2, 3, 2},
                new long[]{0, 1, 3});
        double[] a2 = {1, 2, 3, 4, 5, 6, 1, 0, 0, 0, 1, 0};
        View out2 = zeros(t, 2, 2, 2);
        backend().gemm(out2, tensor(t, a2, 2, 2, 3), bt, 1, 0);
        double[] b2 = Arrays.copyOf(b, 12);
        System.arraycopy(b, 0, b2, 6, 6);
        assertGemm("transposed and broadcast b", t, 1, 0, a2, b2, null, 2, 2, 3, 2, values(out2));
    }

    /**
     * Random operands, with b stored transposed as well: deep enough for a backend to block the products, shallow
     * enough (K = 64) that inputs rounded to TF32's 10 bits would land far outside the bound.
     */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void gemmIsWithinTheAccumulationBound(DType t) {
        int batches = 2, m = 33, k = 64, n = 17;
        java.util.Random r = new java.util.Random(11);
        double[] a = round(t, r.doubles((long) batches * m * k, -1, 1).toArray());
        double[] b = round(t, r.doubles((long) batches * k * n, -1, 1).toArray());
        double[] c = round(t, r.doubles((long) batches * m * n, -1, 1).toArray());
        double[] bt = new double[b.length];
        for (int p = 0; p < batches; p++) {
            for (int l = 0; l < k; l++) {
                for (int j = 0; j < n; j++) {
                    bt[(p * n + j) * k + l] = b[(p * k + l) * n + j];
                }
            }
        }
        View storedTransposed = new View(backend().fromArray(array(t, bt)), 0, new int[]{batches, k, n},
                new long[]{(long) k * n, 1, k});
        for (View bv : new View[]{tensor(t, b, batches, k, n), storedTransposed}) {
            View out = tensor(t, c, batches, m, n);
            backend().gemm(out, tensor(t, a, batches, m, k), bv, 0.75, -0.5);
            assertGemm(t + " " + bv, t, 0.75, -0.5, a, b, c, batches, m, k, n, values(out));
        }
    }

    /**
     * gemm's line of the Accuracy list: each element of {@code alpha a @ b + beta c}, from row-major
     * {@code [B, M, K]}, {@code [B, K, N]} and {@code [B, M, N]} values ({@code c} unused where beta is 0), within
     * {@code (K + 2) u (|alpha| sum|a b| + |beta c|) + ulp/2} of the exact value.
     */
    private static void assertGemm(String what, DType t, double alpha, double beta, double[] a, double[] b, double[] c,
                                   int batches, int m, int k, int n, double[] actual) {
        double[] exact = new double[batches * m * n], scale = new double[exact.length];
        for (int p = 0; p < batches; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    BigDecimal dot = BigDecimal.ZERO;
                    double magnitude = 0;
                    for (int l = 0; l < k; l++) {
                        double x = a[(p * m + i) * k + l], y = b[(p * k + l) * n + j];
                        dot = dot.add(new BigDecimal(x).multiply(new BigDecimal(y)));
                        magnitude += Math.abs(x * y);
                    }
                    int o = (p * m + i) * n + j;
                    BigDecimal e = new BigDecimal(alpha).multiply(dot);
                    scale[o] = Math.abs(alpha) * magnitude;
                    if (beta != 0) {
                        e = e.add(new BigDecimal(beta).multiply(new BigDecimal(c[o])));
                        scale[o] += Math.abs(beta * c[o]);
                    }
                    exact[o] = e.doubleValue();
                }
            }
        }
        assertAccumulated(what, t, unitRoundoff(t), k + 2, exact, scale, actual);
    }

    // ------------------------------------------------------------------------------------------------------------
    // gather, scatterAdd
    // ------------------------------------------------------------------------------------------------------------

    private View index(long[] values, int... shape) {
        return View.contiguous(backend().fromArray(values), shape);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gatherAlongEachDimension(DType t) {
        View in = tensor(t, new double[]{1, 2, 3, 4, 0, 6}, 2, 3); // [[1, 2, 3], [4, 0, 6]]
        View out = zeros(t, 2, 2);
        backend().gather(out, in, 1, index(new long[]{2, 0, 1, 1}, 2, 2));
        assertArrayEquals(round(t, new double[]{3, 1, 0, 0}), values(out));
        View out0 = zeros(t, 1, 3);
        backend().gather(out0, in, 0, index(new long[]{1, 0, 1}, 1, 3));
        assertArrayEquals(round(t, new double[]{4, 2, 6}), values(out0));
        // A transposed input and a transposed index.
        View inT = columnMajor(t, new double[]{1, 2, 3, 4, 0, 6}, 2, 3);
        View idxT = new View(backend().fromArray(new long[]{2, 1, 0, 1}), 0, new int[]{2, 2}, new long[]{1, 2});
        View outT = zeros(t, 2, 2);
        backend().gather(outT, inT, 1, idxT);
        assertArrayEquals(round(t, new double[]{3, 1, 0, 0}), values(outT));
    }

    @Test
    void gatherOutOfBoundsNamesTheIndexAndTheDimension() {
        View in = tensor(DType.FLOAT32, new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        // An asynchronous backend may report a bad index at the next synchronising call (Backend's Javadoc).
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> {
            backend().gather(zeros(DType.FLOAT32, 2, 2), in, 1, index(new long[]{0, 1, 5, 0}, 2, 2));
            backend().synchronize();
        });
        assertTrue(e.getMessage().contains("[gather] index 5 is out of bounds for dimension 1 with size 3"),
                e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> {
            backend().gather(zeros(DType.FLOAT32, 1, 1), in, 0, index(new long[]{-1}, 1, 1));
            backend().synchronize();
        });
        assertTrue(e.getMessage().contains("index -1 is out of bounds for dimension 0 with size 2"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "INT32", "INT64"})
    void scatterAddAccumulatesRepeatedIndices(DType t) {
        View out = zeros(t, 2, 3);
        View src = tensor(t, new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        backend().scatterAdd(out, 1, index(new long[]{0, 0, 2, 1, 1, 1}, 2, 3), src);
        assertScattered("dim 1", t, new double[]{3, 0, 3, 0, 15, 0}, new long[]{2, 0, 1, 0, 3, 0}, values(out));
        View out0 = tensor(t, new double[]{10, 10, 10, 10, 10, 10}, 2, 3);
        backend().scatterAdd(out0, 0, index(new long[]{1, 1, 0}, 1, 3), tensor(t, new double[]{1, 2, 3}, 1, 3));
        assertScattered("dim 0", t, new double[]{10, 10, 13, 11, 12, 10}, new long[]{0, 0, 1, 1, 1, 0}, values(out0));
        // Embedding-backward shape: rows of src added into rows of out picked by index (dim 0, [4, 2] into [3, 2]).
        View emb = zeros(t, 3, 2);
        View rows = new View(backend().fromArray(new long[]{2, 0, 2, 2}), 0, new int[]{4, 2}, new long[]{1, 0});
        backend().scatterAdd(emb, 0, rows, tensor(t, new double[]{1, 2, 3, 4, 5, 6, 7, 8}, 4, 2));
        assertScattered("embedding rows", t, new double[]{3, 4, 0, 0, 13, 16}, new long[]{1, 1, 0, 0, 3, 3},
                values(emb));
    }

    /**
     * scatterAdd's line of the Accuracy list for these all-positive cases: integers exact; a floating element that
     * received {@code m} contributions within {@code m u (|c| + sum|s|) + ulp/2}, here {@code m u exact + ulp/2}.
     */
    private static void assertScattered(String what, DType t, double[] exact, long[] contributions, double[] actual) {
        if (t.isFloatingPoint()) {
            assertAccumulated(what, t, unitRoundoff(t), contributions, exact, exact, actual);
        } else {
            assertExact(what, exact, actual);
        }
    }

    /** Many contributions of both signs to few places, in whatever order a backend adds them. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void floatingScatterAddIsWithinTheAccumulationBound(DType t) {
        int sources = 3000, places = 3, cols = 5;
        java.util.Random r = new java.util.Random(5);
        double[] c = round(t, r.doubles((long) places * cols, -1, 1).toArray());
        double[] s = round(t, r.doubles((long) sources * cols, -100, 100).toArray());
        long[] idx = r.longs((long) sources * cols, 0, places).toArray();
        BigDecimal[] sums = new BigDecimal[c.length];
        double[] exact = new double[c.length], scale = new double[c.length];
        long[] contributions = new long[c.length];
        for (int o = 0; o < c.length; o++) {
            sums[o] = new BigDecimal(c[o]);
            scale[o] = Math.abs(c[o]);
        }
        for (int i = 0; i < sources; i++) {
            for (int j = 0; j < cols; j++) {
                int o = (int) idx[i * cols + j] * cols + j;
                sums[o] = sums[o].add(new BigDecimal(s[i * cols + j]));
                scale[o] += Math.abs(s[i * cols + j]);
                contributions[o]++;
            }
        }
        for (int o = 0; o < c.length; o++) {
            exact[o] = sums[o].doubleValue();
        }
        View out = tensor(t, c, places, cols);
        backend().scatterAdd(out, 0, index(idx, sources, cols), tensor(t, s, sources, cols));
        assertAccumulated("repeated indices", t, unitRoundoff(t), contributions, exact, scale, values(out));
    }

    @Test
    void scatterAddOutOfBoundsNamesTheIndexAndTheDimension() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> {
            backend().scatterAdd(zeros(DType.FLOAT64, 2, 3), 0, index(new long[]{0, 2, 1}, 1, 3),
                    tensor(DType.FLOAT64, new double[]{1, 2, 3}, 1, 3));
            backend().synchronize();
        });
        assertTrue(e.getMessage().contains("index 2 is out of bounds for dimension 0 with size 2"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Random fills
    // ------------------------------------------------------------------------------------------------------------

    /** Random123's known-answer vectors for Philox4x32-10 (kat_vectors): counter and key all 0, and all ones. */
    @Test
    void philoxKnownAnswers() {
        int[] w = new int[4];
        Philox.block(0, 0, 0, 0, 0, 0, w);
        assertArrayEquals(new int[]{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, w);
        Philox.block(-1, -1, -1, -1, -1, -1, w);
        assertArrayEquals(new int[]{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, w);
        Philox.block(0L, 0L, w); // the recipes' form: counter (lo, hi, 0, 0), key (lo, hi)
        assertArrayEquals(new int[]{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, w);
    }

    /** The value element {@code i} of a fill must hold, from {@link RandomOp}'s recipe. */
    private static double recipe(RandomOp op, DType t, long seed, long counter, double a, double b) {
        int[] w = new int[4];
        Philox.block(seed, counter, w);
        return switch (op) {
            case UNIFORM -> round(t, a + (b - a) * (t == DType.FLOAT32 ? Philox.uniform24(w[0])
                    : Philox.uniform53(w[0], w[1])));
            case NORMAL -> round(t, a + b * Philox.normal(w[0], w[1], w[2], w[3]));
            case RANDINT -> round(t, Philox.randint(w[0], w[1], (long) a, (long) b));
        };
    }

    /**
     * The Accuracy list's line for draws: UNIFORM and RANDINT bit for bit; NORMAL, through log, sqrt and cos, within
     * {@code 2^-17 |b|} (float32) or {@code 2^-44 |b|} (float64) of the recipe's value, plus an ulp ({@code 2u}).
     */
    private static void assertDrawn(String what, RandomOp op, DType t, double b, double[] recipe, double[] actual) {
        if (op == RandomOp.NORMAL) {
            double scale = (t == DType.FLOAT32 ? 0x1p-17 : 0x1p-44) * Math.abs(b);
            assertClose(what, recipe, actual, 2 * unitRoundoff(t), scale);
        } else {
            assertExact(what, recipe, actual);
        }
    }

    @ParameterizedTest
    @EnumSource(RandomOp.class)
    void randomFillsFollowThePhiloxRecipes(RandomOp op) {
        DType[] types = op == RandomOp.RANDINT ? new DType[]{DType.INT64, DType.INT32, DType.FLOAT32, DType.FLOAT64}
                : FLOATING;
        double a = op == RandomOp.RANDINT ? -3 : op == RandomOp.NORMAL ? 1 : -2;
        double b = op == RandomOp.RANDINT ? 1000 : op == RandomOp.NORMAL ? 0.5 : 5;
        long seed = 0x1234_5678_9abcL, offset = 40;
        for (DType t : types) {
            int n = 20_011;
            View out = zeros(t, n);
            backend().random(op, out, seed, offset, a, b);
            double[] got = values(out), expected = new double[n];
            for (int i = 0; i < n; i++) {
                expected[i] = recipe(op, t, seed, offset + i, a, b);
                if (op != RandomOp.NORMAL) {
                    assertTrue(got[i] >= a && got[i] <= b, op + " " + t + " out of range: " + got[i]);
                }
            }
            assertDrawn(op + " " + t, op, t, b, expected, got);
            // A non-contiguous output still draws element i (row-major) from counter offset + i.
            View m = columnMajor(t, new double[6], 2, 3);
            backend().random(op, m, seed, 7, a, b);
            double[] transposed = new double[6];
            for (int i = 0; i < 6; i++) {
                transposed[i] = recipe(op, t, seed, 7 + i, a, b);
            }
            assertDrawn(op + " " + t + " transposed", op, t, b, transposed, values(m));
            View z = zeros(t);
            backend().random(op, z, seed, 3, a, b);
            assertDrawn(op + " " + t + " 0-d", op, t, b, new double[]{recipe(op, t, seed, 3, a, b)}, values(z));
        }
    }

    @Test
    void uniformDrawsLookUniform() {
        View out = zeros(DType.FLOAT64, 100_000);
        backend().random(RandomOp.UNIFORM, out, 42, 0, 0, 1);
        double[] v = values(out);
        double mean = Arrays.stream(v).average().orElseThrow();
        assertEquals(0.5, mean, 0.01);
        assertTrue(Arrays.stream(v).allMatch(x -> x >= 0 && x < 1));
        View normal = zeros(DType.FLOAT32, 100_000);
        backend().random(RandomOp.NORMAL, normal, 42, 0, 0, 1);
        double[] nv = values(normal);
        double m = Arrays.stream(nv).average().orElseThrow();
        double var = Arrays.stream(nv).map(x -> (x - m) * (x - m)).sum() / nv.length;
        assertEquals(0, m, 0.02);
        assertEquals(1, var, 0.02);
    }
}
