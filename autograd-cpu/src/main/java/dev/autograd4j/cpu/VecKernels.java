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
 * loops: a floating SUM (float32 widened to double on the way, as the accuracy contract asks) and tanh. Loaded only
 * when {@link VectorApi#ON} (see there). Each has a plain-Java twin that stays the reference: {@code ElemReduce.sum}
 * and {@link ScalarMath#tanh}.
 */
final class VecKernels {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Floats as many as D has doubles: one load widens to one vector of doubles. */
    private static final VectorSpecies<Float> FH =
            VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

    private VecKernels() {
    }

    /** The preferred vector size in bits. */
    static int bits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /**
     * {@code sum x[off .. off+n)} in double: four vector accumulators (the additions of one cannot overlap, so four
     * keep the adders busy), each float widened exactly, then the lanes added in a fixed order.
     */
    static double sum(float[] x, int off, int n) {
        int l = D.length(), i = 0;
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
        for (; i + 4 * l <= n; i += 4 * l) {
            s0 = s0.add(FloatVector.fromArray(FH, x, off + i).convertShape(VectorOperators.F2D, D, 0));
            s1 = s1.add(FloatVector.fromArray(FH, x, off + i + l).convertShape(VectorOperators.F2D, D, 0));
            s2 = s2.add(FloatVector.fromArray(FH, x, off + i + 2 * l).convertShape(VectorOperators.F2D, D, 0));
            s3 = s3.add(FloatVector.fromArray(FH, x, off + i + 3 * l).convertShape(VectorOperators.F2D, D, 0));
        }
        double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
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
        double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += x[off + i];
        }
        return s;
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
            DoubleVector e = z.add(z).lanewise(VectorOperators.EXP).add(1);
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
            r.or(sign).reinterpretAsDoubles().intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] = ScalarMath.tanh(x[i]);
        }
    }
}
