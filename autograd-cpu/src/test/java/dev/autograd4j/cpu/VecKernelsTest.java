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
 * within 2 ulps (FLOAT64, FLOAT32 after rounding, and the FLOAT32 kernel) with NaN, ±inf and ±0 exact; float32 EXP
 * within 1 ulp (the contract allows 2), SIGMOID within 3 (4), LOG within 1 (1), ERF and GELU within 1 of the
 * float64 functions (2, 4), overflow, underflow and specials exact; SUM within {@code n 2^-53 sum|x| + ulp/2} of
 * the exact sum, plus {@code 4 * 2^-24 sum|x|} for float32's runs. Skips where the tests run without
 * {@code --add-modules jdk.incubator.vector}; the plain kernels have their own tests.
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

    /** The spacing of floats at {@code exact}, subnormal spacing below the normals. */
    private static double floatUlp(double exact) {
        return Math.abs(exact) < Float.MIN_NORMAL ? Float.MIN_VALUE : Math.ulp((float) exact);
    }

    @Test
    void float32ExpSpecialValuesAndTheEdgesOfTheRange() {
        // 88.72283 is the last float whose exponential is finite, -87.33655 gives about FLT_MIN, -103.972 the
        // smallest subnormal and -103.973 rounds to 0; each as (float) Math.exp gives it
        float[] x = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 88.72283f, 88.72284f,
            -87.33655f, -103.972f, -103.973f, -150f, 1e30f, -1e30f, 1f};
        float[] y = new float[x.length + 1];
        VecKernels.exp(y, 1, x, 0, x.length); // whole vectors, then a padded one for the tail
        float[] expected = {Float.NaN, Float.POSITIVE_INFINITY, 0f, 1f, 1f, 3.4027985e38f, Float.POSITIVE_INFINITY,
            1.1754907e-38f, Float.MIN_VALUE, 0f, 0f, Float.POSITIVE_INFINITY, 0f, 2.7182817f};
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.valueOf(expected[i]), Float.valueOf(y[i + 1]), "exp(" + x[i] + ")");
        }
    }

    @Test
    void float32ExpWithinOneUlpAcrossTheFloats() {
        // Every 997th float from 2^-30 to 104, either sign: overflow, the subnormal results and the 2^k split; an
        // exhaustive run over every float from -104 to 89 measured at most 0.99 ulp (the contract allows 2)
        int lo = Float.floatToIntBits(0x1p-30f), hi = Float.floatToIntBits(104f), n = (hi - lo) / 997 + 1;
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 2 == 0 ? 1 : -1) * Float.intBitsToFloat(lo + 997 * i);
        }
        VecKernels.exp(y, 0, x, 0, n);
        for (int i = 0; i < n; i++) {
            double exact = Math.exp(x[i]);
            boolean ok = exact > Float.MAX_VALUE ? y[i] == Float.POSITIVE_INFINITY
                    : Math.abs(y[i] - exact) <= floatUlp(exact);
            assertTrue(ok, "exp(" + x[i] + ") = " + y[i] + " vs " + exact);
        }
    }

    @Test
    void float32SigmoidWithinTheContractAcrossTheFloats() {
        // Every 997th float from 2^-30 to 110, either sign; an exhaustive run over every float from -110 to 110
        // measured at most 2.83 ulps (at -1.9542445), the contract's bound 4
        int lo = Float.floatToIntBits(0x1p-30f), hi = Float.floatToIntBits(110f), n = (hi - lo) / 997 + 1;
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 2 == 0 ? 1 : -1) * Float.intBitsToFloat(lo + 997 * i);
        }
        VecKernels.sigmoid(y, 0, x, 0, n);
        for (int i = 0; i < n; i++) {
            double e = Math.exp(-Math.abs(x[i])), exact = x[i] < 0 ? e / (1 + e) : 1 / (1 + e);
            assertTrue(Math.abs(y[i] - exact) <= 3 * floatUlp(exact), "sigmoid(" + x[i] + ") = " + y[i]);
        }
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, -103.973f};
        float[] out = new float[special.length];
        VecKernels.sigmoid(out, 0, special, 0, special.length);
        float[] expected = {Float.NaN, 1f, 0f, 0.5f, 0.5f, 0f};
        for (int i = 0; i < special.length; i++) {
            assertEquals(Float.valueOf(expected[i]), Float.valueOf(out[i]), "sigmoid(" + special[i] + ")");
        }
    }

    @Test
    void float32LogWithinOneUlpAcrossTheFloats() {
        // Every 997th positive float, subnormals to the largest; an exhaustive run over every positive float measured
        // at most 0.5 ulp from Math.log, rounded (the contract allows 1)
        int hi = Float.floatToIntBits(Float.MAX_VALUE), n = hi / 997 + 1;
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = Float.intBitsToFloat(1 + 997 * i);
        }
        VecKernels.log(y, 0, x, 0, n);
        for (int i = 0; i < n; i++) {
            double exact = Math.log(x[i]);
            assertTrue(Math.abs(y[i] - exact) <= Math.ulp((float) exact), "log(" + x[i] + ") = " + y[i]);
        }
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, -1f, 1f,
            Float.MIN_VALUE, -Float.MIN_VALUE};
        float[] out = new float[special.length];
        VecKernels.log(out, 0, special, 0, special.length);
        float[] expected = {Float.NaN, Float.POSITIVE_INFINITY, Float.NaN, Float.NEGATIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, 0f, (float) Math.log(Float.MIN_VALUE), Float.NaN};
        for (int i = 0; i < special.length; i++) {
            assertEquals(Float.valueOf(expected[i]), Float.valueOf(out[i]), "log(" + special[i] + ")");
        }
    }

    @Test
    void float32ErfGeluAndGelusBackwardWithinAnUlpOfTheFloat64FunctionsAcrossTheFloats() {
        // Every 997th float from 2^-40 to 30, either sign: each of Cody's intervals, GELU's lower tail (through
        // erfc) and the values that round to ±1 or 0. Exhaustive runs measured at most half an ulp (erf over every
        // float in [-8, 8], GELU and its backward over every third in [-20, 20]); the contract allows 2 (ERF) and 4
        // (GELU, GELU_BACKWARD).
        int lo = Float.floatToIntBits(0x1p-40f), hi = Float.floatToIntBits(30f), n = (hi - lo) / 997 + 1;
        float[] x = new float[n], erf = new float[n], gelu = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 2 == 0 ? 1 : -1) * Float.intBitsToFloat(lo + 997 * i);
        }
        float[] grad = new float[n], backward = new float[n];
        for (int i = 0; i < n; i++) {
            grad[i] = 0.25f + (i % 7); // the incoming gradient: the backward multiplies by it in double
        }
        VecKernels.erf(erf, 0, x, 0, n, false);
        VecKernels.erf(gelu, 0, x, 0, n, true);
        VecKernels.geluBackward(backward, 0, grad, 0, x, 0, n);
        for (int i = 0; i < n; i++) {
            double e = ScalarMath.erf(x[i]), g = ScalarMath.gelu(x[i]), b = grad[i] * ScalarMath.geluGrad(x[i]);
            assertTrue(Math.abs(erf[i] - e) <= floatUlp(e), "erf(" + x[i] + ") = " + erf[i] + " vs " + e);
            assertTrue(Math.abs(gelu[i] - g) <= floatUlp(g), "gelu(" + x[i] + ") = " + gelu[i] + " vs " + g);
            assertTrue(Math.abs(backward[i] - b) <= floatUlp(b), "gelu backward at " + x[i] + " = " + backward[i]);
        }
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, -40f, 40f};
        float[] e = new float[special.length], g = new float[special.length];
        VecKernels.erf(e, 0, special, 0, special.length, false);
        VecKernels.erf(g, 0, special, 0, special.length, true);
        // PyTorch 1.13 (float64): torch.nn.functional.gelu of [-inf, inf, nan, -0., -40.] is [nan, inf, nan, -0., -0.]
        float[] expectedErf = {Float.NaN, 1f, -1f, 0f, -0f, -1f, 1f};
        float[] expectedGelu = {Float.NaN, Float.POSITIVE_INFINITY, Float.NaN, 0f, -0f, -0f, 40f};
        for (int i = 0; i < special.length; i++) {
            assertEquals(Float.valueOf(expectedErf[i]), Float.valueOf(e[i]), "erf(" + special[i] + ")");
            assertEquals(Float.valueOf(expectedGelu[i]), Float.valueOf(g[i]), "gelu(" + special[i] + ")");
        }
    }

    @Test
    void float32KernelsDoNotDependOnWhereARunEnds() {
        // a thread's part may end anywhere: each element's value is the same at every position and every length
        Random r = new Random(3);
        float[] x = new float[101];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 30);
        }
        float[] whole = new float[x.length], sig = new float[x.length], log = new float[x.length];
        float[] gelu = new float[x.length], back = new float[x.length];
        VecKernels.erf(gelu, 0, x, 0, x.length, true);
        VecKernels.geluBackward(back, 0, x, 0, x, 0, x.length);
        VecKernels.exp(whole, 0, x, 0, x.length);
        VecKernels.sigmoid(sig, 0, x, 0, x.length);
        VecKernels.log(log, 0, x, 0, x.length);
        for (int start = 0; start < 40; start += 7) {
            for (int len : new int[] {1, 5, 17, 61}) {
                float[] part = new float[len], partSig = new float[len], partLog = new float[len];
                VecKernels.exp(part, 0, x, start, len);
                VecKernels.sigmoid(partSig, 0, x, start, len);
                VecKernels.log(partLog, 0, x, start, len);
                float[] partGelu = new float[len];
                VecKernels.erf(partGelu, 0, x, start, len, true);
                float[] partBack = new float[len];
                VecKernels.geluBackward(partBack, 0, x, start, x, start, len);
                for (int i = 0; i < len; i++) {
                    assertEquals(whole[start + i], part[i], "exp at " + (start + i) + " in a run of " + len);
                    assertEquals(sig[start + i], partSig[i], "sigmoid at " + (start + i) + " in a run of " + len);
                    assertEquals(log[start + i], partLog[i], "log at " + (start + i) + " in a run of " + len);
                    assertEquals(gelu[start + i], partGelu[i], "gelu at " + (start + i) + " in a run of " + len);
                    assertEquals(back[start + i], partBack[i], "gelu backward at " + (start + i) + " in a run of " + len);
                }
            }
        }
    }

    @Test
    void float32SqrtAndRsqrtAreThePlainLoopsBitForBit() {
        // every 1009th float of either sign (subnormals, negatives give NaN, -0.0 stays -0.0, rsqrt(0) is inf)
        int n = (int) (0x1_0000_0000L / 1009) + 1;
        float[] x = new float[n], root = new float[n], reciprocal = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = Float.intBitsToFloat((int) (1009L * i));
        }
        x[0] = -0f;
        x[1] = Float.POSITIVE_INFINITY;
        VecKernels.sqrt(root, 0, x, 0, n, false);
        VecKernels.sqrt(reciprocal, 0, x, 0, n, true);
        for (int i = 0; i < n; i++) {
            float r = (float) Math.sqrt(x[i]);
            assertEquals(Float.valueOf(r), Float.valueOf(root[i]), "sqrt(" + x[i] + ")");
            assertEquals(Float.valueOf(1 / r), Float.valueOf(reciprocal[i]), "rsqrt(" + x[i] + ")");
        }
    }

    @Test
    void doubleExponentialsForFloat32ResultsWithinAFewUlpsOfMathExp() {
        // softmax's shifted values (x - max <= 0) and log-softmax's log-probabilities, and past them either way
        Random r = new Random(9);
        int n = 20_003; // not a multiple of any vector length: the padded tail runs too
        double[] x = new double[n], e = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 3 == 0 ? -r.nextDouble() * 120 : (r.nextDouble() - 0.5) * 1400;
        }
        x[0] = Double.NEGATIVE_INFINITY;
        x[1] = Double.NaN;
        x[2] = 0;
        System.arraycopy(x, 0, e, 0, n);
        VecKernels.expForFloats(e, n);
        assertEquals(0.0, e[0], "exp(-inf)");
        assertTrue(Double.isNaN(e[1]), "exp(NaN)");
        assertEquals(1.0, e[2], "exp(0)");
        for (int i = 3; i < n; i++) {
            double exact = Math.exp(x[i]);
            if (x[i] < -708) {
                assertEquals(0.0, e[i], "exp(" + x[i] + ") is 0 below -708, far under any float");
            } else if (x[i] > 709) {
                assertEquals(Math.exp(709), e[i], "exp(" + x[i] + ") is clamped at 709");
            } else {
                assertTrue(Math.abs(e[i] - exact) <= 4 * Math.ulp(exact), "exp(" + x[i] + ") = " + e[i]);
                assertEquals((float) exact, (float) e[i], 1.01f * Math.ulp((float) exact), "rounded to float");
            }
        }
    }

    @Test
    void extremesAreTheScalarLoopsBitForBit() {
        // Math.max/min's semantics (NaN wins, 0.0 above -0.0) at every length around the vector loop's edges, with
        // the NaN or the zero of the other sign in the vectors, in the tail, or absent
        Random r = new Random(5);
        for (int n = 1; n < 300; n += 7) {
            for (int variant = 0; variant < 4; variant++) {
                float[] f = new float[n + 3];
                double[] d = new double[n + 3];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) r.nextGaussian();
                    d[i] = r.nextGaussian();
                }
                int at = 3 + r.nextInt(n);
                if (variant == 1) {
                    f[at] = Float.NaN;
                    d[at] = Double.NaN;
                } else if (variant >= 2) { // all zeros of one sign but one of the other
                    java.util.Arrays.fill(f, variant == 2 ? -0f : 0f);
                    java.util.Arrays.fill(d, variant == 2 ? -0d : 0d);
                    f[at] = variant == 2 ? 0f : -0f;
                    d[at] = variant == 2 ? 0d : -0d;
                }
                for (boolean min : new boolean[] {false, true}) {
                    float fe = f[3];
                    double de = d[3];
                    for (int i = 3; i < n + 3; i++) {
                        fe = min ? Math.min(fe, f[i]) : Math.max(fe, f[i]);
                        de = min ? Math.min(de, d[i]) : Math.max(de, d[i]);
                    }
                    String what = (min ? "min" : "max") + " of " + n + ", variant " + variant;
                    assertEquals(Float.floatToRawIntBits(fe), Float.floatToRawIntBits(VecKernels.extreme(f, 3, n, min)),
                            what);
                    assertEquals(Double.doubleToRawLongBits(de),
                            Double.doubleToRawLongBits(VecKernels.extreme(d, 3, n, min)), what);
                }
            }
        }
    }

    @Test
    void sumWithinTheContractBound() {
        Random r = new Random(3);
        for (int n : new int[] {0, 1, 15, 16, 17, 63, 64, 127, 128, 129, 200, 1000, 1063, 100_003}) {
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
            // runs of four floats added in float32 first: at most 3 roundings of 2^-24 each, bounded by 4 * 2^-24
            assertTrue(Math.abs(gotF - exactF) <= (4 * 0x1p-24 + n * 0x1p-53) * af + Math.ulp((float) exactF) / 2
                    + Math.ulp(exactF), "float sum of " + n);
            double gotD = VecKernels.sum(d, 3, n);
            assertTrue(Math.abs(gotD - exactD) <= n * 0x1p-53 * ad + Math.ulp(exactD) / 2, "double sum of " + n);
        }
    }

    @Test
    void sumOfFloatsAddsRunsOfFourInFloatThenWidens() {
        // 2^24 then 1024 ones: 2^24 + 1 == 2^24 in float32. A lane adds RUN = 4 floats in float32 before widening,
        // so the run that starts at 2^24 loses its three ones and every other one counts (a running float
        // accumulator would stay at 2^24, a double one reach 2^24 + 1024).
        float[] x = new float[1025];
        java.util.Arrays.fill(x, 1f);
        x[0] = 0x1p24f;
        assertEquals(4, VecKernels.RUN);
        assertEquals(0x1p24 + 1024 - 3, VecKernels.sum(x, 0, x.length), 0);
        // The same 2^24 past the last whole block of 4 * RUN vectors (1024 floats at 512 and at 256 bits) is widened
        // alone, in the vectors after the runs or in the scalar tail, and every one counts.
        for (int n : new int[] {1025, 1064}) {
            float[] y = new float[n];
            java.util.Arrays.fill(y, 1f);
            y[1024] = 0x1p24f;
            assertEquals(0x1p24 + n - 1, VecKernels.sum(y, 0, y.length), 0, "2^24 at 1024 of " + n);
        }
        float[] nan = new float[200];
        java.util.Arrays.fill(nan, 1f);
        nan[1] = Float.NaN;
        assertEquals(Double.NaN, VecKernels.sum(nan, 0, nan.length), 0);
        assertEquals(Double.NaN, VecKernels.sum(new float[] {1, Float.NaN, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
            15, 16, 17}, 0, 18), 0);
    }
}
