package dev.autograd4j.spi;

import dev.autograd4j.DType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a backend's optional fused kernels ({@link FusedOp}) must compute, against plain-Java references in double:
 * each test is skipped, saying why, for a kernel the backend does not {@linkplain Backend#supports support}.
 * Results are within a few units of the dtype's precision of the reference (the kernels accumulate in double).
 */
public abstract class FusedKernelContract {

    /** The backend under test. */
    protected abstract Backend backend();

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;
    /**
     * Rows of 5: ordinary, large (overflows exp without the shift), with -inf, all -inf, with NaN, and with +inf (the
     * last three all NaN in softmax and log-softmax, as PyTorch's).
     */
    private static final double[][] ROWS = {
            {0.5, -1.25, 2.0, 0.0, 3.5},
            {1000, 1001, 999, 1000.5, 998},
            {1.0, NEG_INF, 2.0, NEG_INF, 0.0},
            {NEG_INF, NEG_INF, NEG_INF, NEG_INF, NEG_INF},
            {1.0, Double.NaN, 2.0, 0.0, 0.0},
            {Double.POSITIVE_INFINITY, 1.0, NEG_INF, 2.0, 0.0}};

    private void assume(FusedOp op) {
        Assumptions.assumeTrue(backend().supports(op), backend().device() + " has no fused " + op + " kernel");
    }

    private View tensor(DType dtype, double[] values, int... shape) {
        return View.contiguous(backend().fromArray(BackendContract.array(dtype, values)), shape);
    }

    private View empty(DType dtype, int... shape) {
        return View.contiguous(backend().allocate(dtype, View.numelOf(shape)), shape);
    }

    private double[] values(View v) {
        return BackendContract.doubles(backend().toArray(v));
    }

    private static double tol(DType dtype) {
        return dtype == DType.FLOAT32 ? 2e-6 : 1e-13;
    }

    private static double[] flat(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    /** The data rounded to the dtype, as the kernel sees it. */
    private static double[] rounded(DType dtype, double[] v) {
        double[] r = v.clone();
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) r[i];
            }
        }
        return r;
    }

    private static double[] softmaxReference(double[] x, int cols, boolean log) {
        double[] out = new double[x.length];
        for (int r = 0; r < x.length / cols; r++) {
            double m = NEG_INF;
            for (int j = 0; j < cols; j++) {
                m = Math.max(m, x[r * cols + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[r * cols + j] - m);
            }
            for (int j = 0; j < cols; j++) {
                double s = x[r * cols + j] - m;
                out[r * cols + j] = log ? s - Math.log(sum) : Math.exp(s) / sum;
            }
        }
        return out;
    }

    private static void assertClose(String what, double[] expected, double[] actual, double rtol) {
        BackendContract.assertClose(what, expected, actual, rtol, rtol);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void softmaxAndLogSoftmaxOverTheLastDimension(DType dtype) {
        for (boolean log : new boolean[] {false, true}) {
            assume(log ? FusedOp.LOG_SOFTMAX : FusedOp.SOFTMAX);
            double[] x = rounded(dtype, flat(ROWS));
            View out = empty(dtype, 6, 5);
            backend().softmax(out, tensor(dtype, x, 6, 5), log);
            assertClose((log ? "log_softmax " : "softmax ") + dtype, softmaxReference(x, 5, log), values(out),
                    tol(dtype));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void softmaxBackward(DType dtype) {
        for (boolean log : new boolean[] {false, true}) {
            assume(log ? FusedOp.LOG_SOFTMAX : FusedOp.SOFTMAX);
            double[] x = rounded(dtype, flat(new double[][] {ROWS[0], ROWS[1], ROWS[2]}));
            double[] y = rounded(dtype, softmaxReference(x, 5, log));
            double[] g = rounded(dtype, new double[] {1, -2, 0.5, 3, 0, 0.25, 1, 1, -1, 2, 4, 0, -3, 1, 1});
            double[] expected = new double[15];
            for (int r = 0; r < 3; r++) {
                double s = 0;
                for (int j = 0; j < 5; j++) {
                    s += log ? g[r * 5 + j] : g[r * 5 + j] * y[r * 5 + j];
                }
                for (int j = 0; j < 5; j++) {
                    int i = r * 5 + j;
                    expected[i] = log ? g[i] - Math.exp(y[i]) * s : y[i] * (g[i] - s);
                }
            }
            View gradIn = empty(dtype, 3, 5);
            backend().softmaxBackward(gradIn, tensor(dtype, g, 3, 5), tensor(dtype, y, 3, 5), log);
            assertClose("softmax backward " + dtype + (log ? " log" : ""), expected, values(gradIn), 4 * tol(dtype));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void layerNormForwardAndBackward(DType dtype) {
        assume(FusedOp.LAYER_NORM);
        int m = 3, d = 4;
        double eps = 1e-5;
        double[] x = rounded(dtype, new double[] {1, 2, 3, 4, -1, 0.5, 8, 2, 0.1, 0.1, 0.1, 0.1});
        double[] w = rounded(dtype, new double[] {1.5, -1, 0.5, 2});
        double[] b = rounded(dtype, new double[] {0.1, 0.2, -0.3, 0});
        double[] g = rounded(dtype, new double[] {1, -1, 2, 0.5, 0, 1, 1, -2, 3, 1, -1, 1});
        double[] mean = new double[m], rstd = new double[m], out = new double[m * d];
        double[] gx = new double[m * d], gw = new double[d], gb = new double[d];
        for (int r = 0; r < m; r++) {
            double s = 0, sq = 0;
            for (int j = 0; j < d; j++) {
                s += x[r * d + j];
            }
            mean[r] = s / d;
            for (int j = 0; j < d; j++) {
                sq += (x[r * d + j] - mean[r]) * (x[r * d + j] - mean[r]);
            }
            rstd[r] = 1 / Math.sqrt(sq / d + eps);
            double a = 0, c = 0;
            for (int j = 0; j < d; j++) {
                double xhat = (x[r * d + j] - mean[r]) * rstd[r];
                out[r * d + j] = xhat * w[j] + b[j];
                a += g[r * d + j] * w[j];
                c += g[r * d + j] * w[j] * xhat;
                gw[j] += g[r * d + j] * xhat;
                gb[j] += g[r * d + j];
            }
            for (int j = 0; j < d; j++) {
                double xhat = (x[r * d + j] - mean[r]) * rstd[r];
                gx[r * d + j] = rstd[r] * (g[r * d + j] * w[j] - a / d - xhat * c / d);
            }
        }
        View xv = tensor(dtype, x, m, d), wv = tensor(dtype, w, d), bv = tensor(dtype, b, d);
        View outV = empty(dtype, m, d), meanV = empty(dtype, m), rstdV = empty(dtype, m);
        backend().layerNorm(outV, meanV, rstdV, xv, wv, bv, eps);
        double t = 10 * tol(dtype);
        assertClose("layer_norm out", out, values(outV), t);
        assertClose("layer_norm mean", mean, values(meanV), t);
        assertClose("layer_norm rstd", rstd, values(rstdV), t);
        View gxV = empty(dtype, m, d), gwV = empty(dtype, d), gbV = empty(dtype, d);
        backend().layerNormBackward(gxV, gwV, gbV, tensor(dtype, g, m, d), xv, meanV, rstdV, wv);
        assertClose("layer_norm grad input", gx, values(gxV), 100 * t);
        assertClose("layer_norm grad weight", gw, values(gwV), 100 * t);
        assertClose("layer_norm grad bias", gb, values(gbV), t);
        // Without weight and bias, and only the input's gradient wanted.
        View plain = empty(dtype, m, d);
        backend().layerNorm(plain, meanV, rstdV, xv, null, null, eps);
        double[] expectedPlain = new double[m * d];
        for (int i = 0; i < m * d; i++) {
            expectedPlain[i] = (out[i] - b[i % d]) / w[i % d];
        }
        assertClose("layer_norm without affine", expectedPlain, values(plain), 100 * t);
        backend().layerNormBackward(gxV, null, null, tensor(dtype, g, m, d), xv, meanV, rstdV, null);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void crossEntropyWithClassWeightsAndAnIgnoredTarget(DType dtype) {
        assume(FusedOp.CROSS_ENTROPY);
        double[] logits = rounded(dtype, flat(new double[][] {ROWS[0], ROWS[1], ROWS[2], ROWS[0]}));
        long[] target = {4, 1, 2, -100};
        double[] classWeight = {1, 2, 0.5, 1, 3};
        double[] logp = softmaxReference(logits, 5, true);
        double[] weights = new double[4], losses = new double[4];
        for (int r = 0; r < 4; r++) {
            if (target[r] != -100) {
                weights[r] = classWeight[(int) target[r]];
                losses[r] = -weights[r] * logp[r * 5 + (int) target[r]];
            }
        }
        View lp = empty(dtype, 4, 5), l = empty(dtype, 4), w = empty(dtype, 4);
        View t = View.contiguous(backend().fromArray(target), new int[] {4});
        backend().crossEntropy(lp, l, w, tensor(dtype, logits, 4, 5), t, tensor(dtype, classWeight, 5), -100);
        assertClose("log probabilities", logp, values(lp), tol(dtype));
        assertClose("row weights", weights, values(w), 0);
        assertClose("losses", losses, values(l), 4 * tol(dtype));
        // The gradient of the weighted NLL, with the per-row gradient a broadcast scalar.
        View gradLosses = tensor(dtype, new double[] {0.25}).with(0, new int[] {4}, new long[] {0});
        View gradInput = empty(dtype, 4, 5);
        backend().nllLossBackward(gradInput, gradLosses, t, tensor(dtype, classWeight, 5), -100);
        double[] expected = new double[20];
        for (int r = 0; r < 4; r++) {
            if (target[r] != -100) {
                expected[r * 5 + (int) target[r]] = -0.25 * weights[r];
            }
        }
        assertClose("nll_loss backward", expected, values(gradInput), 0);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void aTargetOutOfRangeIsAnIndexErrorNamingIt(DType dtype) {
        assume(FusedOp.CROSS_ENTROPY);
        View lp = empty(dtype, 2, 5), l = empty(dtype, 2), w = empty(dtype, 2);
        View t = View.contiguous(backend().fromArray(new long[] {1, 5}), new int[] {2});
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> {
            backend().crossEntropy(lp, l, w, tensor(dtype, flat(new double[][] {ROWS[0], ROWS[0]}), 2, 5), t, null,
                    -100);
            backend().synchronize(); // an asynchronous backend may report it here
        });
        assertTrue(e.getMessage().contains("5"), e.getMessage());
        View negative = View.contiguous(backend().fromArray(new long[] {-1, 0}), new int[] {2});
        View gradInput = empty(dtype, 2, 5);
        assertThrows(IndexOutOfBoundsException.class, () -> {
            backend().nllLossBackward(gradInput, tensor(dtype, new double[] {1, 1}, 2), negative, null, -100);
            backend().synchronize();
        });
    }

    /** The running sums (or products) of a contiguous {@code [outer, n, inner]} array along its middle dim. */
    private static double[] scanReference(double[] x, int outer, int n, int inner, boolean multiply, boolean wrap) {
        double[] out = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double acc = multiply ? 1 : 0;
                long accLong = multiply ? 1 : 0;
                for (int i = 0; i < n; i++) {
                    int at = (o * n + i) * inner + j;
                    acc = multiply ? acc * x[at] : acc + x[at];
                    accLong = multiply ? accLong * (long) x[at] : accLong + (long) x[at];
                    out[at] = wrap ? accLong : acc;
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "INT64"})
    void scanSumsAndMultipliesAlongEachDimension(DType dtype) {
        assume(FusedOp.SCAN);
        // [2, 3, 1100]: along dim 1 the rows of accumulators pass 1024 columns; along dim 2 each row is one chain
        int[] shape = {2, 3, 1100};
        double[] x = new double[2 * 3 * 1100];
        for (int i = 0; i < x.length; i++) {
            x[i] = dtype == DType.INT64 ? (i * 7 % 5) - 2 : rounded(dtype, new double[] {Math.sin(i) * 1.5})[0];
        }
        for (int dim = 0; dim < 3; dim++) {
            int outer = 1, inner = 1;
            for (int i = 0; i < dim; i++) {
                outer *= shape[i];
            }
            for (int i = dim + 1; i < 3; i++) {
                inner *= shape[i];
            }
            for (boolean multiply : new boolean[] {false, true}) {
                // products of 1100 factors near 1.5 overflow: multiply the first two dims only
                if (multiply && dim == 2) {
                    continue;
                }
                View out = empty(dtype, shape);
                backend().scan(out, tensor(dtype, x, shape), dim, multiply);
                double[] expected = scanReference(x, outer, shape[dim], inner, multiply, dtype == DType.INT64);
                assertClose((multiply ? "cumprod" : "cumsum") + " along dim " + dim, expected, values(out),
                        dtype == DType.INT64 ? 0 : 100 * tol(dtype));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "INT64"})
    void scanOfOneElementAlongTheDimIsACopy(DType dtype) {
        assume(FusedOp.SCAN);
        double[] x = {1, -2, 3, 4, 5, -6};
        for (boolean multiply : new boolean[] {false, true}) {
            View out = empty(dtype, 2, 1, 3);
            backend().scan(out, tensor(dtype, x, 2, 1, 3), 1, multiply);
            assertClose("a dim of one", x, values(out), 0);
        }
    }

    @Test
    void int64ScansWrapAsPyTorchs() {
        assume(FusedOp.SCAN);
        // PyTorch 1.13: torch.tensor([2**62] * 3).cumsum(0) is [2**62, -2**63, -2**62]; cumprod is [2**62, 0, 0]
        long big = 1L << 62;
        View in = View.contiguous(backend().fromArray(new long[] {big, big, big}), new int[] {3});
        View sum = empty(DType.INT64, 3), product = empty(DType.INT64, 3);
        backend().scan(sum, in, 0, false);
        backend().scan(product, in, 0, true);
        assertArrayEquals(new long[] {big, Long.MIN_VALUE, -big},
                (long[]) backend().toArray(sum));
        assertArrayEquals(new long[] {big, 0, 0}, (long[]) backend().toArray(product));
    }
}
