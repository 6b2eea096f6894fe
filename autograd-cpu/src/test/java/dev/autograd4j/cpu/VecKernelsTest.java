package dev.autograd4j.cpu;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Vector API kernels ({@link VecKernels}) against the accuracy contract of {@code spi/package-info.java}: TANH
 * within 2 ulps (FLOAT64, FLOAT32 after rounding, and the FLOAT32 kernel) with NaN, ±inf and ±0 exact; SUM within
 * {@code n 2^-53 sum|x| + ulp/2} of the exact sum. Skips where the tests run without {@code --add-modules
 * jdk.incubator.vector}; the plain kernels have their own tests.
 */
class VecKernelsTest {
    @BeforeEach
    void vectorPathPresent() {
        assumeTrue(VectorApi.ON, "the Vector API kernels are not in use: jdk.incubator.vector is not in the boot "
                + "layer or its vectors are narrower than 256 bits");
    }

    private static double[] tanh(double... x) {
        double[] y = x.clone();
        VecKernels.tanh(y, y.length);
        return y;
    }

    @Test
    void tanhSpecialValuesExact() {
        double[] x = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1e300, -1e300, 20,
            -20, 400, Double.MIN_VALUE, -Double.MIN_VALUE};
        double[] y = tanh(x);
        double[] expected = {Double.NaN, 1, -1, 0.0, -0.0, 1, -1, 1, -1, 1, Double.MIN_VALUE, -Double.MIN_VALUE};
        for (int i = 0; i < x.length; i++) {
            // assertEquals on doubles compares bits for zeros' signs and treats NaN as equal to NaN
            assertEquals(Double.valueOf(expected[i]), Double.valueOf(y[i]), "tanh(" + x[i] + ")");
        }
    }

    @Test
    void tanhWithinTwoUlpsInDoubleAndFloat() {
        Random r = new Random(7);
        int n = 20_003; // not a multiple of any vector length: the scalar tail runs too
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            // both branches (|x| < 0.625 and above), the switch point, tiny and saturating values
            x[i] = switch (i % 4) {
                case 0 -> r.nextGaussian();
                case 1 -> (r.nextDouble() * 2 - 1) * 0.7;
                case 2 -> (r.nextDouble() * 2 - 1) * 25;
                default -> Math.scalb(r.nextDouble() - 0.5, -r.nextInt(60));
            };
        }
        double[] y = tanh(x);
        for (int i = 0; i < n; i++) {
            double exact = Math.tanh(x[i]); // StrictMath-grade: within 2.5 ulps itself, so compare with margin 1
            assertTrue(Math.abs(y[i] - exact) <= 3 * Math.ulp(exact), "tanh(" + x[i] + ") = " + y[i] + " vs " + exact);
            float f = (float) y[i], fe = (float) exact;
            assertTrue(Math.abs(f - fe) <= 2 * Math.ulp(fe), "float32 tanh(" + x[i] + ")");
        }
    }

    @Test
    void tanhAgreesWithTheScalarFormulaClosely() {
        // The same formula: only the exponential differs (the Vector API's EXP against Math.exp), by an ulp or two.
        Random r = new Random(11);
        for (int i = 0; i < 5000; i++) {
            double x = r.nextGaussian() * 3;
            double v = tanh(x, x, x, x, x, x, x, x)[0], s = ScalarMath.tanh(x);
            assertTrue(Math.abs(v - s) <= 2 * Math.ulp(s), "tanh(" + x + "): vector " + v + ", scalar " + s);
        }
    }

    @Test
    void float32TanhSpecialValuesExact() {
        float[] x = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1e30f, -1e30f, 44.4f,
            -44.4f, 9f, Float.MIN_VALUE, -Float.MIN_VALUE};
        float[] y = new float[x.length + 1];
        VecKernels.tanh(y, 1, x, 0, x.length); // whole vectors, then a padded one for the tail
        // tanh(9) rounds to the float below 1 (0.99999994f), as (float) Math.tanh(9) does
        float[] expected = {Float.NaN, 1, -1, 0f, -0f, 1, -1, 1, -1, 0.99999994f, Float.MIN_VALUE, -Float.MIN_VALUE};
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.valueOf(expected[i]), Float.valueOf(y[i + 1]), "tanh(" + x[i] + ")");
        }
    }

    @Test
    void float32TanhWithinTwoUlpsAcrossTheFloats() {
        // Every 61st float from 2^-40 to 16 (both branches, the switch at 0.625 and saturation), either sign; an
        // exhaustive run over all floats measured at most 0.82 ulp (at 0.69344276), the float exponential's error
        // reaching 1 - 2/(e + 1).
        int lo = Float.floatToIntBits(0x1p-40f), hi = Float.floatToIntBits(16f), n = (hi - lo) / 61 + 1;
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 2 == 0 ? 1 : -1) * Float.intBitsToFloat(lo + 61 * i);
        }
        VecKernels.tanh(y, 0, x, 0, n);
        for (int i = 0; i < n; i++) {
            double exact = Math.tanh(x[i]);
            assertTrue(Math.abs(y[i] - exact) <= 2 * Math.ulp((float) exact), "tanh(" + x[i] + ") = " + y[i]);
        }
    }

    @Test
    void sumWithinTheContractBound() {
        Random r = new Random(3);
        for (int n : new int[] {0, 1, 15, 16, 17, 63, 64, 1000, 100_003}) {
            float[] f = new float[n + 3];
            double[] d = new double[n + 3];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3));
                d[i] = r.nextGaussian() * 1e3;
            }
            BigDecimal ef = BigDecimal.ZERO, ed = BigDecimal.ZERO;
            double af = 0, ad = 0;
            for (int i = 3; i < n + 3; i++) { // from offset 3
                ef = ef.add(new BigDecimal(f[i]));
                ed = ed.add(new BigDecimal(d[i]));
                af += Math.abs(f[i]);
                ad += Math.abs(d[i]);
            }
            double exactF = ef.round(MathContext.DECIMAL128).doubleValue();
            double exactD = ed.round(MathContext.DECIMAL128).doubleValue();
            // float32 output rounds once: the double sum, then the float ulp/2
            float gotF = (float) VecKernels.sum(f, 3, n);
            assertTrue(Math.abs(gotF - exactF) <= n * 0x1p-53 * af + Math.ulp((float) exactF) / 2 + Math.ulp(exactF),
                    "float sum of " + n);
            double gotD = VecKernels.sum(d, 3, n);
            assertTrue(Math.abs(gotD - exactD) <= n * 0x1p-53 * ad + Math.ulp(exactD) / 2, "double sum of " + n);
        }
    }

    @Test
    void sumOfFloatsIsWidenedNotAccumulatedInFloat() {
        // 2^24 + 1 + 1 + ...: a float accumulator would stay at 2^24; in double every 1 counts.
        float[] x = new float[1025];
        java.util.Arrays.fill(x, 1f);
        x[0] = 0x1p24f;
        assertEquals(0x1p24 + 1024, VecKernels.sum(x, 0, x.length), 0);
        assertEquals(Double.NaN, VecKernels.sum(new float[] {1, Float.NaN, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
            15, 16, 17}, 0, 18), 0);
    }
}
