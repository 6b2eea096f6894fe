package dev.autograd4j.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise and reduction kernels on the incubating Vector API, where it gains over what the JIT makes of plain
 * loops: a floating SUM (float32 in runs of four, then widened to double, as the accuracy contract allows), a row's
 * max and min, tanh, float32's exp, sigmoid, log, erf, GELU and its backward, sqrt and rsqrt, softmax's
 * exponentials, and relu's backward. Loaded only when {@link VectorApi#ON} (see there). Each has a plain-Java twin that stays the reference:
 * {@code ElemReduce.sum} and its MAX/MIN loops, {@link ScalarMath#tanh}, {@link Math#exp}, {@link ScalarMath#sigmoid},
 * {@link Math#log}, {@link ScalarMath#erf}, {@link ScalarMath#gelu}, {@link ScalarMath#geluGrad}, {@link Math#sqrt}
 * and {@code ElemBinary}'s THRESHOLD_BACKWARD loop.
 */
final class VecKernels {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Floats as many as D has doubles: one load widens to one vector of doubles. */
    private static final VectorSpecies<Float> FH =
            VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

    /**
     * The vector classes of D, FH and F (final classes). Every store goes through one of them, cast, so that C2
     * compiles it for exactly that class: see Note [Stores the JIT can type] in {@code RealVecGemm}.
     */
    private static final Class<?> EXACT_D = D.vectorType(), EXACT_FH = FH.vectorType(),
            EXACT_F = FloatVector.SPECIES_PREFERRED.vectorType();

    private VecKernels() {
    }

    /** How many floats each lane of the float32 sum adds in float32 before widening them to double. */
    static final int RUN = 4;

    /** The preferred vector size in bits. */
    static int bits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /**
     * {@code sum x[off .. off+n)}: four half-width float accumulators, each lane adding a run of {@link #RUN} floats
     * in float32, then each run widened exactly and added to one of four double accumulators; whole vectors past
     * the last runs widened one by one (so that a row of a few hundred floats does not end in a long scalar loop);
     * the lanes added in a fixed order; the last few floats in double. Within the contract's {@code (4 * 2^-24 +
     * n 2^-53) sum|x| + ulp/2}: a run of four has three float32 roundings.
     *
     * <p>Note [The float32 sum's speed]: widening every float to double costs a conversion per eight floats (at
     * 512 bits), and the conversions, not the loads, bound such a loop. On a 2-vCPU Zen 5 VM (AVX-512), over 128K
     * floats in L2 on one core, that loop ran at 86-94 GB/s, its C twin ({@code benchmarks/src/main/c/sum.c}) at
     * 91-93, and the same C loop accumulating in float32 at 200-204. PyTorch's CPU sum accumulates float32 in
     * float32 ({@code torch.tensor([1, 2**-24, 2**-24]).sum()} is 1.0 in 1.13; in double it is 1.0000001; over
     * 2^24 and then 2^20 ones it comes out 16 short). On a 2-vCPU Zen 4 VM (AVX-512 on 256-bit units), where a
     * conversion costs twice as much, the widening showed over the benchmark's 16M floats as well: PyTorch's sum read
     * 61-72 GB/s there, the widening kernel 46-52. So the contract now lets a FLOAT32 sum add runs of up to four
     * elements in float32 before widening them (still within three float32 roundings of the exact sum at any
     * length, where a running float32 sum drifts with {@code n}), and this loop converts once per four loads. On
     * the Zen 5 VM (JDK 17, {@code x.sum()} on 2 threads, medians of some 3 s in one JVM each, the kernels alternated
     * with PyTorch 1.13): 1M floats 161 GB/s against 103 before (PyTorch 106-113), 4M 146-159 against 108 (PyTorch
     * 129-130); on one core in L2 its C twin 162-190 GB/s against 79-92 every float widened. Over 16M floats memory
     * bounds all three loops alike (in C, medians of 70-76 GB/s each when the VM's memory was steady), and the VM's
     * memory moved between 30 and 120 GB/s from minute to minute. Runs of eight or sixteen gained little more in C
     * (181-192 in L2 against 165-190).
     */
    static double sum(float[] x, int off, int n) {
        int l = FH.length(), i = 0;
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
        for (; i + 4 * RUN * l <= n; i += 4 * RUN * l) {
            int p = off + i;
            FloatVector f0 = FloatVector.fromArray(FH, x, p), f1 = FloatVector.fromArray(FH, x, p + l);
            FloatVector f2 = FloatVector.fromArray(FH, x, p + 2 * l), f3 = FloatVector.fromArray(FH, x, p + 3 * l);
            for (int r = 1; r < RUN; r++) {
                p += 4 * l;
                f0 = f0.add(FloatVector.fromArray(FH, x, p));
                f1 = f1.add(FloatVector.fromArray(FH, x, p + l));
                f2 = f2.add(FloatVector.fromArray(FH, x, p + 2 * l));
                f3 = f3.add(FloatVector.fromArray(FH, x, p + 3 * l));
            }
            s0 = s0.add(f0.convertShape(VectorOperators.F2D, D, 0));
            s1 = s1.add(f1.convertShape(VectorOperators.F2D, D, 0));
            s2 = s2.add(f2.convertShape(VectorOperators.F2D, D, 0));
            s3 = s3.add(f3.convertShape(VectorOperators.F2D, D, 0));
        }
        for (; i + l <= n; i += l) { // past the last runs (up to 4 * RUN - 1 vectors), each vector widened
            s0 = s0.add(FloatVector.fromArray(FH, x, off + i).convertShape(VectorOperators.F2D, D, 0));
        }
        double s = addLanesInOrder(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }

    /** {@code sum x[off .. off+n)}, as {@link #sum(float[], int, int)}. */
    static double sum(double[] x, int off, int n) {
        int l = D.length(), i = 0;
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
        for (; i + 4 * l <= n; i += 4 * l) {
            s0 = s0.add(DoubleVector.fromArray(D, x, off + i));
            s1 = s1.add(DoubleVector.fromArray(D, x, off + i + l));
            s2 = s2.add(DoubleVector.fromArray(D, x, off + i + 2 * l));
            s3 = s3.add(DoubleVector.fromArray(D, x, off + i + 3 * l));
        }
        double s = addLanesInOrder(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }

    /**
     * {@code max} (or, with {@code min}, the minimum) of {@code x[off .. off+n)}, {@code n >= 1}, with
     * {@link Math#max}'s semantics: NaN wins, and 0.0 is above -0.0. Four vector accumulators, so the compares of
     * one do not wait on the last; the order does not matter (the extreme of a set is the same whatever the order,
     * NaN and the zeros' signs included), so the result is the scalar loop's bit for bit.
     */
    static float extreme(float[] x, int off, int n, boolean min) {
        int l = F.length(), i = 0;
        if (n < 4 * l) {
            return scalarExtreme(x, off, n, min, x[off]);
        }
        VectorOperators.Binary op = min ? VectorOperators.MIN : VectorOperators.MAX;
        FloatVector m0 = FloatVector.fromArray(F, x, off), m1 = m0, m2 = m0, m3 = m0;
        for (; i + 4 * l <= n; i += 4 * l) {
            m0 = m0.lanewise(op, FloatVector.fromArray(F, x, off + i));
            m1 = m1.lanewise(op, FloatVector.fromArray(F, x, off + i + l));
            m2 = m2.lanewise(op, FloatVector.fromArray(F, x, off + i + 2 * l));
            m3 = m3.lanewise(op, FloatVector.fromArray(F, x, off + i + 3 * l));
        }
        float m = scalarExtreme(m0.lanewise(op, m1).lanewise(op, m2.lanewise(op, m3)).toArray(), 0, l, min, x[off]);
        return scalarExtreme(x, off + i, n - i, min, m);
    }

    /** {@link #extreme(float[], int, int, boolean)} for doubles. */
    static double extreme(double[] x, int off, int n, boolean min) {
        int l = D.length(), i = 0;
        if (n < 4 * l) {
            return scalarExtreme(x, off, n, min, x[off]);
        }
        VectorOperators.Binary op = min ? VectorOperators.MIN : VectorOperators.MAX;
        DoubleVector m0 = DoubleVector.fromArray(D, x, off), m1 = m0, m2 = m0, m3 = m0;
        for (; i + 4 * l <= n; i += 4 * l) {
            m0 = m0.lanewise(op, DoubleVector.fromArray(D, x, off + i));
            m1 = m1.lanewise(op, DoubleVector.fromArray(D, x, off + i + l));
            m2 = m2.lanewise(op, DoubleVector.fromArray(D, x, off + i + 2 * l));
            m3 = m3.lanewise(op, DoubleVector.fromArray(D, x, off + i + 3 * l));
        }
        double m = scalarExtreme(m0.lanewise(op, m1).lanewise(op, m2.lanewise(op, m3)).toArray(), 0, l, min, x[off]);
        return scalarExtreme(x, off + i, n - i, min, m);
    }

    private static float scalarExtreme(float[] x, int off, int n, boolean min, float start) {
        float m = start;
        for (int i = 0; i < n; i++) {
            m = min ? Math.min(m, x[off + i]) : Math.max(m, x[off + i]);
        }
        return m;
    }

    private static double scalarExtreme(double[] x, int off, int n, boolean min, double start) {
        double m = start;
        for (int i = 0; i < n; i++) {
            m = min ? Math.min(m, x[off + i]) : Math.max(m, x[off + i]);
        }
        return m;
    }

    /**
     * The lanes of {@code v} added first to last. Not {@code reduceLanes(ADD)}: its order is unspecified for floating
     * point, and its intrinsic and its Java fallback add in different orders, so a sum would depend on whether the JIT
     * had compiled the loop yet (two identical runs differed in the last bit).
     */
    private static double addLanesInOrder(DoubleVector v) {
        double[] lanes = v.toArray();
        double s = 0;
        for (double lane : lanes) {
            s += lane;
        }
        return s;
    }

    /**
     * {@code o[oo + i] = b[bo + i] <= t ? 0 : a[ao + i]} for {@code i < n} (relu's backward; a NaN b passes a, as
     * in PyTorch): a compare and a blend per vector, no branch, so the result does not depend on the path either.
     */
    static void thresholdBackward(float[] o, int oo, float[] a, int ao, float[] b, int bo, int n, float t) {
        int l = F.length(), i = 0;
        FloatVector zero = FloatVector.zero(F);
        for (; i + l <= n; i += l) {
            FloatVector va = FloatVector.fromArray(F, a, ao + i);
            FloatVector r = va.blend(zero, FloatVector.fromArray(F, b, bo + i).compare(VectorOperators.LE, t));
            ((FloatVector) EXACT_F.cast(r)).intoArray(o, oo + i);
        }
        for (; i < n; i++) {
            o[oo + i] = b[bo + i] <= t ? 0f : a[ao + i];
        }
    }

    /** {@link #thresholdBackward(float[], int, float[], int, float[], int, int, float)} for doubles. */
    static void thresholdBackward(double[] o, int oo, double[] a, int ao, double[] b, int bo, int n, double t) {
        int l = D.length(), i = 0;
        DoubleVector zero = DoubleVector.zero(D);
        for (; i + l <= n; i += l) {
            DoubleVector va = DoubleVector.fromArray(D, a, ao + i);
            DoubleVector r = va.blend(zero, DoubleVector.fromArray(D, b, bo + i).compare(VectorOperators.LE, t));
            ((DoubleVector) EXACT_D.cast(r)).intoArray(o, oo + i);
        }
        for (; i < n; i++) {
            o[oo + i] = b[bo + i] <= t ? 0.0 : a[ao + i];
        }
    }

    /** Floats per vector at the preferred size: twice D's lanes, so one float vector widens to two of doubles. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /**
     * {@code o[oo + i] = tanh(a[ao + i])} for {@code i < n}, float32 without a detour through a chunk of doubles:
     * the formula of {@link #tanh(double[], int)} with its exponential {@code e^{2|x|}} taken in float32 (see
     * {@link #exp}), a full float vector at a time (twice the lanes of a double one; the exponential was most of
     * the cost), and the rest in double, rounded once. An exponential within an ulp (2^-23 relative) reaches
     * {@code 1 - 2/(e + 1)} scaled by {@code 2/(e + 1) <= 0.45} (as {@code |x| >= 0.625} there), under 0.9 ulp of a
     * result of at least 0.55, plus the final rounding's half ulp; below 0.625 the rational function runs in double
     * as for float64. Measured over every float: at most 0.82 ulp from {@code tanh} (at 0.69344276), against the
     * contract's 2. Special values as there: ±0 keep their sign, ±inf give ±1, NaN stays NaN. Results do not depend
     * on where {@code n} ends (the tail runs as a padded vector), so not on the thread count either.
     */
    static void tanh(float[] o, int oo, float[] a, int ao, int n) {
        int l = F.length(), i = 0;
        // The exponentials go through this array: on JDK 17 a half of a float vector widened in registers
        // (convertShape's part 1) is not compiled to vector code, while a half-width load widens well.
        float[] exp = new float[l];
        for (; i + l <= n; i += l) {
            tanh(o, oo + i, a, ao + i, exp);
        }
        if (i < n) { // the tail through a padded vector too, so a result never depends on where a thread's part ends
            float[] tail = new float[l];
            System.arraycopy(a, ao + i, tail, 0, n - i);
            tanh(tail, 0, tail, 0, exp);
            System.arraycopy(tail, 0, o, oo + i, n - i);
        }
    }

    /** One float vector of {@link #tanh(float[], int, float[], int, int)}. */
    private static void tanh(float[] o, int oo, float[] a, int ao, float[] exp) {
        int l = F.length(), h = D.length();
        // tanh rounds to ±1 in float32 from |x| = 9.01 on, so 2|x| stops at 20: no overflow below (NaN stays NaN)
        FloatVector w = FloatVector.fromArray(F, a, ao).abs().min(10f);
        ((FloatVector) EXACT_F.cast(exp(w.add(w)))).intoArray(exp, 0);
        for (int j = 0; j < l; j += h) {
            DoubleVector vd = (DoubleVector) FloatVector.fromArray(FH, a, ao + j).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector ed = (DoubleVector) FloatVector.fromArray(FH, exp, j).convertShape(VectorOperators.F2D, D, 0);
            Object r = tanhTail(vd, vd.abs(), ed.add(1)).convertShape(VectorOperators.D2F, FH, 0);
            ((FloatVector) EXACT_FH.cast(r)).intoArray(o, oo + j);
        }
    }

    /**
     * {@code x[i] = tanh(x[i])} for {@code i < n}, the formula of {@link ScalarMath#tanh} a vector at a time:
     * {@code 1 - 2/(e^{2|x|} + 1)}, or Cephes' rational function below {@code |x| = 0.625}, with the sign of x put
     * back bitwise (so -0.0 stays -0.0, ±inf gives ±1 and NaN stays NaN). The exponential is the Vector API's EXP
     * (within 1 ulp), so the result is within the contract's 2 ulps as the scalar one is.
     */
    static void tanh(double[] x, int n) {
        int l = D.length(), i = 0;
        for (; i + l <= n; i += l) {
            DoubleVector v = DoubleVector.fromArray(D, x, i);
            DoubleVector z = v.abs();
            DoubleVector r = tanhTail(v, z, z.add(z).lanewise(VectorOperators.EXP).add(1));
            ((DoubleVector) EXACT_D.cast(r)).intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] = ScalarMath.tanh(x[i]);
        }
    }

    /**
     * {@code o[oo + i] = e^{a[ao + i]}} for {@code i < n} in float32, a float vector at a time (see {@link #expAll}),
     * the tail as a padded vector, so a result does not depend on where {@code n} ends.
     */
    static void exp(float[] o, int oo, float[] a, int ao, int n) {
        int l = F.length(), i = 0;
        for (; i + l <= n; i += l) {
            ((FloatVector) EXACT_F.cast(expAll(FloatVector.fromArray(F, a, ao + i)))).intoArray(o, oo + i);
        }
        if (i < n) {
            float[] tail = new float[l];
            System.arraycopy(a, ao + i, tail, 0, n - i);
            ((FloatVector) EXACT_F.cast(expAll(FloatVector.fromArray(F, tail, 0)))).intoArray(tail, 0);
            System.arraycopy(tail, 0, o, oo + i, n - i);
        }
    }

    /**
     * {@code o[oo + i] = sqrt(a[ao + i])}, or with {@code reciprocal} {@code 1 / sqrt(a[ao + i])} (the float square
     * root, then a float division, as the plain loop rounds it), for {@code i < n}: IEEE's correctly rounded square
     * root, so the plain loop's bits.
     */
    static void sqrt(float[] o, int oo, float[] a, int ao, int n, boolean reciprocal) {
        int l = F.length(), i = 0;
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i + l <= n; i += l) {
            FloatVector r = FloatVector.fromArray(F, a, ao + i).lanewise(VectorOperators.SQRT);
            ((FloatVector) EXACT_F.cast(reciprocal ? one.div(r) : r)).intoArray(o, oo + i);
        }
        for (; i < n; i++) {
            float r = (float) Math.sqrt(a[ao + i]);
            o[oo + i] = reciprocal ? 1 / r : r;
        }
    }

    /**
     * {@code e[i] = exp(e[i])} for {@code i < n}, in double, for exponentials whose results end in float32 (a float32
     * softmax's, summed in double and each rounded to float): {@code x = k ln 2 + r} with {@code |r| <= ln 2 / 2}
     * (ln 2 in two parts), Taylor's series for {@code e^r} to {@code r^12} (what it leaves out is below 1e-15
     * relative) and {@code 2^k} put into the exponent bits; so within a few double ulps of {@link Math#exp}. x is
     * clamped to {@code [-708, 709]} first, and below -708 (far under float's smallest value) the result is 0, so
     * -inf gives 0; NaN stays NaN. Only FMAs, multiplications and additions, and the tail runs as a padded vector, so no
     * value depends on the JIT's state or on where {@code n} ends.
     */
    static void expForFloats(double[] e, int n) {
        int l = D.length(), i = 0;
        for (; i + l <= n; i += l) {
            ((DoubleVector) EXACT_D.cast(expClamped(DoubleVector.fromArray(D, e, i)))).intoArray(e, i);
        }
        if (i < n) {
            double[] tail = new double[l];
            System.arraycopy(e, i, tail, 0, n - i);
            ((DoubleVector) EXACT_D.cast(expClamped(DoubleVector.fromArray(D, tail, 0)))).intoArray(tail, 0);
            System.arraycopy(tail, 0, e, i, n - i);
        }
    }

    /** The exponential of {@link #expForFloats}, one vector; its only caller's loop is small enough to inline it. */
    private static DoubleVector expClamped(DoubleVector x) {
        DoubleVector w = x.max(-708.0).min(709.0);
        DoubleVector t = w.fma(DoubleVector.broadcast(D, 1.4426950408889634), DoubleVector.broadcast(D, 0x1.8p52));
        DoubleVector k = t.sub(0x1.8p52);
        DoubleVector r = k.fma(DoubleVector.broadcast(D, -6.93147180369123816490e-01), w)
                .add(k.mul(-1.90821492927058770002e-10));
        DoubleVector p = DoubleVector.broadcast(D, INVERSE_FACTORIALS[12]);
        for (int j = 11; j >= 0; j--) {
            p = p.fma(r, DoubleVector.broadcast(D, INVERSE_FACTORIALS[j]));
        }
        DoubleVector scale = t.reinterpretAsLongs().sub(0x4338000000000000L - 1023)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(scale).blend(DoubleVector.zero(D), x.compare(VectorOperators.LT, -708.0));
    }

    /**
     * {@code o[oo + i] = sigmoid(a[ao + i])} for {@code i < n} in float32, the formula of {@link ScalarMath#sigmoid}:
     * {@code e = e^{-|x|}} (in (0, 1], so it never overflows), {@code r = 1 / (1 + e)}, and {@code e r} for negative
     * x. Rounding: the exponential's (within 1 ulp, see {@link #expAll}), the sum's, the quotient's and, for
     * negative x, the product's half ulps, within the contract's 4 ulps (measured over every float in [-110, 110]: at
     * most 2.83, at -1.9542445). NaN stays NaN, -0.0 gives 0.5.
     */
    static void sigmoid(float[] o, int oo, float[] a, int ao, int n) {
        int l = F.length(), i = 0;
        for (; i + l <= n; i += l) {
            ((FloatVector) EXACT_F.cast(sigmoid(FloatVector.fromArray(F, a, ao + i)))).intoArray(o, oo + i);
        }
        if (i < n) {
            float[] tail = new float[l];
            System.arraycopy(a, ao + i, tail, 0, n - i);
            ((FloatVector) EXACT_F.cast(sigmoid(FloatVector.fromArray(F, tail, 0)))).intoArray(tail, 0);
            System.arraycopy(tail, 0, o, oo + i, n - i);
        }
    }

    /**
     * {@code o[oo + i] = log(a[ao + i])} for {@code i < n} in float32, computed in double and rounded once: each
     * float widens exactly (subnormals become normal doubles), {@code x = m 2^e} with {@code m} in
     * {@code [sqrt(1/2), sqrt(2))}, and {@code log m = 2 atanh(s)}, {@code s = (m - 1) / (m + 1)}, {@code |s| <= 0.172},
     * by its series to {@code s^17} (truncated past 3e-14 relative); {@code e ln 2 + log m} cancels only where
     * {@code e = 0}. So the double is within about 1e-14 relative of the logarithm, and the float within half an ulp
     * plus that: the contract's 1 ulp. Negative x and NaN give NaN, ±0 -inf, +inf +inf. Only exact conversions,
     * additions, multiplications and a division, so compiled and interpreted code agree; the tail runs as a padded
     * vector, so no result depends on where a thread's part ends.
     */
    static void log(float[] o, int oo, float[] a, int ao, int n) {
        int h = D.length(), i = 0;
        for (; i + h <= n; i += h) {
            log(o, oo + i, a, ao + i);
        }
        if (i < n) {
            float[] tail = new float[h];
            java.util.Arrays.fill(tail, 1f);
            System.arraycopy(a, ao + i, tail, 0, n - i);
            log(tail, 0, tail, 0);
            System.arraycopy(tail, 0, o, oo + i, n - i);
        }
    }

    /** One vector of doubles' worth of {@link #log(float[], int, float[], int, int)}. */
    private static void log(float[] o, int oo, float[] a, int ao) {
        DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, a, ao).convertShape(VectorOperators.F2D, D, 0);
        LongVector bits = x.reinterpretAsLongs();
        LongVector e = bits.lanewise(VectorOperators.LSHR, 52).and(0x7ff).sub(1023);
        DoubleVector m = bits.and(0x000fffffffffffffL).or(0x3ff0000000000000L).reinterpretAsDoubles(); // [1, 2)
        VectorMask<Double> high = m.compare(VectorOperators.GT, 1.4142135623730951);
        m = m.blend(m.mul(0.5), high);
        DoubleVector ed = ((DoubleVector) e.convert(VectorOperators.L2D, 0)).blend(
                ((DoubleVector) e.convert(VectorOperators.L2D, 0)).add(1), high);
        DoubleVector f = m.sub(1), sv = f.div(m.add(1)), z = sv.mul(sv);
        DoubleVector series = z.fma(DoubleVector.broadcast(D, 1.0 / 17), DoubleVector.broadcast(D, 1.0 / 15))
                .fma(z, DoubleVector.broadcast(D, 1.0 / 13)).fma(z, DoubleVector.broadcast(D, 1.0 / 11))
                .fma(z, DoubleVector.broadcast(D, 1.0 / 9)).fma(z, DoubleVector.broadcast(D, 1.0 / 7))
                .fma(z, DoubleVector.broadcast(D, 1.0 / 5)).fma(z, DoubleVector.broadcast(D, 1.0 / 3))
                .mul(z);
        DoubleVector twoS = sv.add(sv);
        DoubleVector r = twoS.fma(series, twoS).add(ed.mul(0.6931471805599453));
        // the special values: NaN and negatives (x < 0 is false for NaN, so NaN is tested apart), zeros, infinity
        r = r.blend(DoubleVector.broadcast(D, Double.NaN), x.compare(VectorOperators.LT, 0)
                .or(x.test(VectorOperators.IS_NAN)));
        r = r.blend(DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY), x.compare(VectorOperators.EQ, 0));
        r = r.blend(DoubleVector.broadcast(D, Double.POSITIVE_INFINITY), x.compare(VectorOperators.EQ,
                Double.POSITIVE_INFINITY));
        Object out = r.convertShape(VectorOperators.D2F, FH, 0);
        ((FloatVector) EXACT_FH.cast(out)).intoArray(o, oo);
    }

    /**
     * {@code o[oo + i] = erf(a[ao + i])} ({@code gelu} false) or the exact GELU {@code x Phi(x)} ({@code gelu} true)
     * for {@code i < n} in float32, computed in double and rounded once: Cody's rational approximations (the
     * coefficients of {@link ScalarMath#erf}) on vectors of doubles, every interval taken and the right one kept (see
     * {@link #erfChunk}). Over every float in [-8, 8] (erf) and every third in [-20, 20] (GELU), within half an ulp of
     * the float64 functions rounded, against the contract's 2 ulps for ERF and 4 of the float64 result for GELU;
     * GELU's lower tail goes through erfc, without cancellation. Special values as the scalar functions give them:
     * NaN stays NaN, ±inf give ±1 (erf) and inf, NaN (GELU), and -0.0 keeps its sign. Only conversions, additions,
     * multiplications, FMAs and divisions, so compiled and interpreted code agree; the tail runs as a padded vector.
     */
    static void erf(float[] o, int oo, float[] a, int ao, int n, boolean gelu) {
        int h = D.length(), full = n / h * h;
        double[] y = Transcendental.chunk(0), c = Transcendental.chunk(1), s = Transcendental.chunk(2);
        for (int at = 0; at < full; at += Transcendental.CHUNK) {
            erfChunk(o, oo + at, a, ao + at, Math.min(Transcendental.CHUNK, full - at), gelu, y, c, s);
        }
        if (full < n) { // the tail as a padded vector, so a result never depends on where a thread's part ends
            float[] tail = new float[h];
            System.arraycopy(a, ao + full, tail, 0, n - full);
            erfChunk(tail, 0, tail, 0, h, gelu, y, c, s);
            System.arraycopy(tail, 0, o, oo + full, n - full);
        }
    }

    private static final double SQRT1_2 = 0.70710678118654752440;
    /** {@code 1 / i!} for i = 0 .. 12. */
    private static final double[] INVERSE_FACTORIALS = new double[13];

    static {
        double f = 1;
        for (int i = 0; i < INVERSE_FACTORIALS.length; i++) {
            f *= Math.max(i, 1);
            INVERSE_FACTORIALS[i] = 1 / f;
        }
    }

    /**
     * {@code m} elements (whole vectors of doubles) of {@link #erf(float[], int, float[], int, int, boolean)}, in
     * passes over three chunks of doubles, each a method with its own loop: {@code y = |z|}, erf near 0 into
     * {@code s}, erfc's rational part and its {@code e^{-y^2}} into {@code c}, and the result. No vector crosses a
     * call: where one did (small helpers returning vectors), C2 compiled a helper on its own first and then would not
     * inline it ("already compiled into a big method"), so each call boxed its vectors, 24 bytes an element, and ran
     * at a third of the speed.
     */
    private static void erfChunk(float[] o, int oo, float[] a, int ao, int m, boolean gelu, double[] y, double[] c,
                                 double[] s) {
        absOfScaled(a, ao, m, gelu ? SQRT1_2 : 1, y);
        erfNearZero(y, s, m);
        erfcRational(y, c, m);
        erfcScale(y, c, m, false);
        if (gelu) {
            twoPhi(a, ao, m, s, c);
            geluFinish(o, oo, a, ao, m, s);
        } else {
            erfFinish(o, oo, a, ao, m, y, c, s);
        }
    }

    /** {@code y[j] = |scale a[ao + j]|}, widened to double. */
    private static void absOfScaled(float[] a, int ao, int m, double scale, double[] y) {
        for (int j = 0; j < m; j += D.length()) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, a, ao + j).convertShape(VectorOperators.F2D, D, 0);
            ((DoubleVector) EXACT_D.cast(x.mul(scale).abs())).intoArray(y, j);
        }
    }

    /**
     * {@code c[j] = erfc(y) e^{y^2}} for {@code y = min(y[j], 26.6)}: Cody's rational functions for
     * {@code 0.46875 < y <= 4} and past 4, both taken, one kept; his nested form {@code (num + C_i) y} as FMAs.
     */
    private static void erfcRational(double[] y, double[] c, int m) {
        for (int j = 0; j < m; j += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, y, j).min(26.6);
            DoubleVector num = DoubleVector.broadcast(D, ScalarMath.C[8]), den = DoubleVector.broadcast(D, 1);
            for (int i = 0; i < 8; i++) {
                num = num.fma(v, DoubleVector.broadcast(D, ScalarMath.C[i]));
                den = den.fma(v, DoubleVector.broadcast(D, ScalarMath.D[i]));
            }
            DoubleVector mid = num.div(den);
            DoubleVector inv = DoubleVector.broadcast(D, 1).div(v.mul(v));
            DoubleVector numP = DoubleVector.broadcast(D, ScalarMath.P[5]), denP = DoubleVector.broadcast(D, 1);
            for (int i = 0; i < 5; i++) {
                numP = numP.fma(inv, DoubleVector.broadcast(D, ScalarMath.P[i]));
                denP = denP.fma(inv, DoubleVector.broadcast(D, ScalarMath.Q[i]));
            }
            DoubleVector far = DoubleVector.broadcast(D, ScalarMath.SQRPI).sub(inv.mul(numP).div(denP)).div(v);
            ((DoubleVector) EXACT_D.cast(mid.blend(far, v.compare(VectorOperators.GT, 4)))).intoArray(c, j);
        }
    }

    /**
     * {@code c[j] *= e^{-y^2}} for {@code y = min(y[j], 26.6)}, then 0 from Cody's XBIG (26.543) on; NaN stays NaN.
     * As {@link ScalarMath}'s: {@code y^2 = hi + lo} exactly (an FMA gives lo), and {@code e^{-hi} (1 - lo)}. The
     * exponential: {@code -hi = k ln 2 + r}, {@code |r| <= ln 2 / 2} (ln 2 in two parts), Taylor's series for
     * {@code e^r} to {@code r^12} (what it leaves out is below 1e-15 relative), and {@code 2^k} (k >= -1021) put
     * into the exponent bits: {@link #expClamped}'s exponential, written out (see {@link #erfChunk} for why). With
     * {@code keep}, also {@code y[j] = e^{-y^2}} (0 from XBIG on).
     */
    private static void erfcScale(double[] y, double[] c, int m, boolean keep) {
        for (int j = 0; j < m; j += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, y, j), yc = v.min(26.6);
            DoubleVector hi = yc.mul(yc), lo = yc.fma(yc, hi.neg()), w = hi.neg();
            DoubleVector t = w.fma(DoubleVector.broadcast(D, 1.4426950408889634), DoubleVector.broadcast(D, 0x1.8p52));
            DoubleVector k = t.sub(0x1.8p52);
            DoubleVector r = k.fma(DoubleVector.broadcast(D, -6.93147180369123816490e-01), w)
                    .add(k.mul(-1.90821492927058770002e-10));
            DoubleVector p = DoubleVector.broadcast(D, INVERSE_FACTORIALS[12]);
            for (int i = 11; i >= 0; i--) {
                p = p.fma(r, DoubleVector.broadcast(D, INVERSE_FACTORIALS[i]));
            }
            DoubleVector scale = t.reinterpretAsLongs().sub(0x4338000000000000L - 1023)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            VectorMask<Double> past = v.compare(VectorOperators.GE, 26.543);
            DoubleVector e = p.mul(scale).mul(DoubleVector.broadcast(D, 1).sub(lo));
            DoubleVector out = DoubleVector.fromArray(D, c, j).mul(e).blend(DoubleVector.zero(D), past);
            ((DoubleVector) EXACT_D.cast(out)).intoArray(c, j);
            if (keep) {
                ((DoubleVector) EXACT_D.cast(e.blend(DoubleVector.zero(D), past))).intoArray(y, j);
            }
        }
    }

    /**
     * {@code o[oo + i] = g[go + i] * (Phi(x) + x phi(x))} with {@code x = x[xo + i]}, GELU's backward in float32,
     * computed in double and rounded once, in the passes of {@link #erf(float[], int, float[], int, int, boolean)}
     * (with {@code phi(x) = e^{-(x/sqrt 2)^2} / sqrt(2 pi)}, the exponential erfc already takes). Specials as
     * {@link ScalarMath#geluGrad}: ±inf give NaN ({@code inf * 0}).
     */
    static void geluBackward(float[] o, int oo, float[] g, int go, float[] x, int xo, int n) {
        int h = D.length(), full = n / h * h;
        double[] y = Transcendental.chunk(0), c = Transcendental.chunk(1), s = Transcendental.chunk(2);
        for (int at = 0; at < full; at += Transcendental.CHUNK) {
            geluBackwardChunk(o, oo + at, g, go + at, x, xo + at, Math.min(Transcendental.CHUNK, full - at), y, c,
                    s);
        }
        if (full < n) { // the tail as a padded vector, so a result never depends on where a thread's part ends
            float[] tailX = new float[h], tailG = new float[h];
            System.arraycopy(x, xo + full, tailX, 0, n - full);
            System.arraycopy(g, go + full, tailG, 0, n - full);
            geluBackwardChunk(tailG, 0, tailG, 0, tailX, 0, h, y, c, s);
            System.arraycopy(tailG, 0, o, oo + full, n - full);
        }
    }

    private static void geluBackwardChunk(float[] o, int oo, float[] g, int go, float[] x, int xo, int m, double[] y,
                                          double[] c, double[] s) {
        absOfScaled(x, xo, m, SQRT1_2, y);
        erfNearZero(y, s, m);
        erfcRational(y, c, m);
        erfcScale(y, c, m, true); // c = erfc(|z|), y = e^{-z^2}
        twoPhi(x, xo, m, s, c);
        for (int j = 0; j < m; j += D.length()) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(FH, x, xo + j).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector cdf = DoubleVector.fromArray(D, s, j).mul(0.5);
            DoubleVector pdf = DoubleVector.fromArray(D, y, j).mul(INV_SQRT_2PI);
            DoubleVector grad = (DoubleVector) FloatVector.fromArray(FH, g, go + j)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector r = grad.mul(v.fma(pdf, cdf));
            ((FloatVector) EXACT_FH.cast(r.convertShape(VectorOperators.D2F, FH, 0))).intoArray(o, oo + j);
        }
    }

    /** {@code 1 / sqrt(2 pi)}. */
    private static final double INV_SQRT_2PI = 0.39894228040143267794;

    /** Cody's {@code R(y^2)} for erf near 0, numerator and denominator, highest power first (for FMAs). */
    private static final double[] NEAR_ZERO_NUM = {ScalarMath.A[4], ScalarMath.A[0], ScalarMath.A[1], ScalarMath.A[2],
        ScalarMath.A[3]};
    private static final double[] NEAR_ZERO_DEN = {1, ScalarMath.B[0], ScalarMath.B[1], ScalarMath.B[2],
        ScalarMath.B[3]};

    /** {@code s[j] = erf(y[j])} near 0 ({@code y <= 0.46875}): Cody's {@code y R(y^2)}, his nested form as FMAs. */
    private static void erfNearZero(double[] y, double[] s, int m) {
        for (int j = 0; j < m; j += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, y, j), ysq = v.mul(v);
            DoubleVector num = DoubleVector.broadcast(D, NEAR_ZERO_NUM[0]), den = DoubleVector.broadcast(D, 1);
            for (int i = 1; i < 5; i++) {
                num = num.fma(ysq, DoubleVector.broadcast(D, NEAR_ZERO_NUM[i]));
                den = den.fma(ysq, DoubleVector.broadcast(D, NEAR_ZERO_DEN[i]));
            }
            ((DoubleVector) EXACT_D.cast(v.mul(num).div(den))).intoArray(s, j);
        }
    }

    /**
     * {@code s[j] = 1 + erf(z)}, twice the normal CDF at {@code x = a[ao + j]}, {@code z = x / sqrt 2}, from erf near
     * 0 ({@code s}) and erfc (c) of {@code |z|}: {@code 1 ± erf(|z|)} near 0, else {@code 2 - erfc(|z|)} or
     * {@code erfc(|z|)} by the sign of x, so the lower tail has no cancellation.
     */
    private static void twoPhi(float[] a, int ao, int m, double[] s, double[] c) {
        for (int j = 0; j < m; j += D.length()) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, a, ao + j).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector small = DoubleVector.fromArray(D, s, j), erfc = DoubleVector.fromArray(D, c, j);
            DoubleVector one = DoubleVector.broadcast(D, 1);
            VectorMask<Double> far = x.mul(SQRT1_2).abs().compare(VectorOperators.GT, 0.46875);
            DoubleVector upper = one.add(small).blend(DoubleVector.broadcast(D, 2).sub(erfc), far);
            DoubleVector lower = one.sub(small).blend(erfc, far);
            ((DoubleVector) EXACT_D.cast(upper.blend(lower, x.compare(VectorOperators.LT, 0)))).intoArray(s, j);
        }
    }

    /**
     * The float erf from {@code |z|} (y), erfc(y) (c) and erf near 0 (s): {@code s} up to 0.46875, else
     * {@code 1 - erfc}, signed.
     */
    private static void erfFinish(float[] o, int oo, float[] a, int ao, int m, double[] y, double[] c, double[] s) {
        for (int j = 0; j < m; j += D.length()) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, a, ao + j).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector magnitude = DoubleVector.fromArray(D, s, j).blend(
                    DoubleVector.broadcast(D, 1).sub(DoubleVector.fromArray(D, c, j)),
                    DoubleVector.fromArray(D, y, j).compare(VectorOperators.GT, 0.46875));
            DoubleVector r = magnitude.blend(magnitude.neg(), x.compare(VectorOperators.LT, 0));
            // erf(-0.0) is -0.0 (y R(y^2) gives +0.0); NaN stays NaN
            r = r.blend(x, x.compare(VectorOperators.EQ, 0).or(x.test(VectorOperators.IS_NAN)));
            ((FloatVector) EXACT_FH.cast(r.convertShape(VectorOperators.D2F, FH, 0))).intoArray(o, oo + j);
        }
    }

    /**
     * The float GELU {@code x (1 + erf(z)) / 2} from {@code 1 + erf(z)} ({@code s}, see {@link #twoPhi}). -inf gives
     * {@code -inf * 0}, NaN, as {@link ScalarMath#gelu} and PyTorch do; NaN stays NaN.
     */
    private static void geluFinish(float[] o, int oo, float[] a, int ao, int m, double[] s) {
        for (int j = 0; j < m; j += D.length()) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FH, a, ao + j).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector r = x.mul(0.5).mul(DoubleVector.fromArray(D, s, j));
            ((FloatVector) EXACT_FH.cast(r.convertShape(VectorOperators.D2F, FH, 0))).intoArray(o, oo + j);
        }
    }

    private static FloatVector sigmoid(FloatVector x) {
        FloatVector e = expAll(x.abs().neg());
        FloatVector r = FloatVector.broadcast(F, 1f).div(e.add(1f));
        return r.blend(e.mul(r), x.compare(VectorOperators.LT, 0f));
    }

    /**
     * {@code e^x} for every float x: the Cephes {@code expf} of {@link #exp(FloatVector)} over the whole range. x is
     * clamped to {@code [-104, 89]} first (NaN stays NaN), beyond which the float result is 0 or infinity anyway,
     * and {@code 2^k} (k from -150 to 129) is applied as two factors {@code 2^{k1} 2^{k - k1}}, each a normal float,
     * so results past {@code FLT_MAX} overflow and those below {@code FLT_MIN} round once into the subnormals.
     * Measured over every float from -104 to 89 against {@code (float) Math.exp}: at most 1 ulp apart (the contract
     * allows 2), subnormal results included. Only additions, multiplications and FMAs, so compiled and interpreted
     * code agree bit for bit.
     */
    private static FloatVector expAll(FloatVector x) {
        FloatVector w = x.max(-104f).min(89f);
        FloatVector t = w.fma(FloatVector.broadcast(F, 1.44269504088896341f), FloatVector.broadcast(F, 0x1.8p23f));
        FloatVector k = t.sub(0x1.8p23f); // round(w / ln 2), as a float
        FloatVector r = k.fma(FloatVector.broadcast(F, -0.693359375f), w).add(k.mul(2.12194440e-4f));
        FloatVector p = r.fma(FloatVector.broadcast(F, 1.9875691500e-4f), FloatVector.broadcast(F, 1.3981999507e-3f))
                .fma(r, FloatVector.broadcast(F, 8.3334519073e-3f))
                .fma(r, FloatVector.broadcast(F, 4.1665795894e-2f))
                .fma(r, FloatVector.broadcast(F, 1.6666665459e-1f))
                .fma(r, FloatVector.broadcast(F, 5.0000001201e-1f))
                .mul(r.mul(r)).add(r).add(1f);
        // t's low bits hold k; k1 = floor(k / 2) and k - k1 both lie within a normal float's exponents
        var ki = t.reinterpretAsInts().sub(0x4B400000);
        var k1 = ki.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = ki.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /**
     * {@code e^w} for {@code 0 <= w <= 20} (or NaN) in float32, Cephes' {@code expf}: {@code w = k ln 2 + r} with
     * {@code |r| <= ln 2 / 2} ({@code ln 2} in two parts, so {@code r} is nearly exact), a degree-7 polynomial for
     * {@code e^r} and {@code 2^k} put into the exponent bits. Only additions, multiplications and FMAs, so compiled
     * and interpreted code give the same bits (the Vector API's EXP does not: its intrinsic and its Java fallback
     * round differently, and a result would depend on whether the JIT had got to the loop yet).
     */
    private static FloatVector exp(FloatVector w) {
        FloatVector t = w.fma(FloatVector.broadcast(F, 1.44269504088896341f), FloatVector.broadcast(F, 0x1.8p23f));
        FloatVector k = t.sub(0x1.8p23f); // round(w / ln 2), as a float
        FloatVector r = k.fma(FloatVector.broadcast(F, -0.693359375f), w)
                .add(k.mul(2.12194440e-4f)); // w - k ln 2, with ln 2 = 0.693359375 - 2.12194440e-4
        FloatVector p = r.fma(FloatVector.broadcast(F, 1.9875691500e-4f), FloatVector.broadcast(F, 1.3981999507e-3f))
                .fma(r, FloatVector.broadcast(F, 8.3334519073e-3f))
                .fma(r, FloatVector.broadcast(F, 4.1665795894e-2f))
                .fma(r, FloatVector.broadcast(F, 1.6666665459e-1f))
                .fma(r, FloatVector.broadcast(F, 5.0000001201e-1f))
                .mul(r.mul(r)).add(r).add(1f);
        // t's low bits hold k (t = 1.5 * 2^23 + k exactly), so 2^k is (k + 127) << 23
        FloatVector scale = t.reinterpretAsInts().sub(0x4B400000 - 127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return p.mul(scale);
    }

    /** tanh of {@code v}, given {@code z = |v|} and {@code e = e^{2z} + 1}: either branch, then v's sign bit. */
    private static DoubleVector tanhTail(DoubleVector v, DoubleVector z, DoubleVector e) {
        DoubleVector large = DoubleVector.broadcast(D, 1).sub(DoubleVector.broadcast(D, 2).div(e));
        DoubleVector s = z.mul(z);
        DoubleVector p = s.mul(-9.64399179425052238628e-1).sub(9.92877231001918586564e1).mul(s)
                .sub(1.61468768441708447952e3).mul(s);
        DoubleVector q = s.add(1.12811678491632931402e2).mul(s).add(2.23548839060100448583e3).mul(s)
                .add(4.84406305325125486048e3);
        DoubleVector small = z.add(z.mul(p.div(q)));
        VectorMask<Double> useSmall = z.compare(VectorOperators.LT, 0.625);
        LongVector r = large.blend(small, useSmall).reinterpretAsLongs();
        LongVector sign = v.reinterpretAsLongs().and(Long.MIN_VALUE);
        return r.or(sign).reinterpretAsDoubles();
    }
}
