package dev.autograd4j.cpu;

import dev.autograd4j.spi.View;

/**
 * The optional fused kernels (softmax, layer norm, cross-entropy) for {@code elem}, one pass per row, rows split
 * between threads. Sums accumulate in double. Generated from {@code src/main/template/.../RealFused.java} (edit the
 * template, not the copies). The op layer passes contiguous data views; the small index and weight vectors
 * (targets, class weights, per-row gradients) may have any stride.
 */
@SuppressWarnings("cast")
final class RealFused {
    /** Elements per parallel chunk: a row costs a few ns per element (exp), so about 8K elements per thread. */
    private static final int GRAIN = 8192;

    private RealFused() {
    }

    private static elem[] data(View v) {
        return (elem[]) ((CpuStorage) v.storage).data;
    }

    private static long[] longs(View v) {
        return (long[]) ((CpuStorage) v.storage).data;
    }

    /** The last dimension's size and the number of rows of a {@code [..., C]} view. */
    private static int cols(View v) {
        return v.shape[v.shape.length - 1];
    }

    private static int rowsPerChunk(int cols) {
        return Math.max(1, GRAIN / Math.max(1, cols));
    }

    /**
     * Softmax or log-softmax over the last dimension (see Backend.softmax).
     *
     * <p>Note [Softmax in chunks of doubles]: the exponentials are taken a chunk of a row at a time over doubles
     * ({@code x - max} widened by a vectorised loop, then {@link Transcendental}'s loop of {@code Math.exp}), not as
     * {@code Math.exp(x[j] - m)} on each float, whose conversions chain the iterations together (see
     * {@link Transcendental}); softmax keeps a row's exponentials in a per-thread row of doubles for the output
     * (rows up to {@link #KEPT_ROW}; longer ones take them twice). The maximum and the sum run four accumulators.
     * Rows of 4096 float32, 4096 of them, on 2 threads of a Zen 5 VM: softmax 214 ms before, 113 with the
     * exponentials taken twice this way, 55-57 kept; log-softmax 77 before, 71-72. With the Vector API, float32's
     * exponentials are taken on vectors of doubles ({@code VecKernels.expForFloats}, within a few double ulps of
     * Math.exp): softmax 37-42 ms, log-softmax 49-53, log-softmax forward and backward 81-83 against 115-126.
     */
    static void softmax(View out, View in, boolean log) {
        elem[] o = data(out), x = data(in);
        int c = cols(in);
        int rows = (int) (in.numel() / c);
        int oo = (int) out.offset, xo = (int) in.offset;
        Parallel.forRange(rows, rowsPerChunk(c), (r0, r1) -> {
            double[] e = Transcendental.chunk(0);
            for (int r = r0; r < r1; r++) {
                int xs = xo + r * c, os = oo + r * c;
                // Shifted by the maximum even when it is infinite, as PyTorch: a row with +inf, or of -inf only,
                // gets inf - inf = NaN and comes out all NaN (softmax([inf, 1]) is [nan, nan], not [nan, 0]).
                double m = rowMax(x, xs, c), sum = 0;
                double[] kept = !log && c > Transcendental.CHUNK && c <= KEPT_ROW ? keptRow(c) : null;
                for (int j0 = 0; j0 < c; j0 += Transcendental.CHUNK) {
                    int len = Math.min(Transcendental.CHUNK, c - j0);
                    shiftedExp(x, xs + j0, len, m, e);
                    sum += sumOf(e, len);
                    if (kept != null) {
                        System.arraycopy(e, 0, kept, j0, len);
                    }
                }
                if (log) {
                    double logSum = Math.log(sum);
                    for (int j = 0; j < c; j++) {
                        o[os + j] = (elem) (x[xs + j] - m - logSum);
                    }
                } else if (c <= Transcendental.CHUNK || kept != null) { // the row's exponentials, kept
                    double[] row = kept != null ? kept : e;
                    for (int i = 0; i < c; i++) {
                        o[os + i] = (elem) (row[i] / sum);
                    }
                } else {
                    for (int j0 = 0; j0 < c; j0 += Transcendental.CHUNK) {
                        int len = Math.min(Transcendental.CHUNK, c - j0);
                        shiftedExp(x, xs + j0, len, m, e);
                        for (int i = 0; i < len; i++) {
                            o[os + j0 + i] = (elem) (e[i] / sum);
                        }
                    }
                }
            }
        });
    }

    /** The longest row whose exponentials softmax keeps (512 KB of doubles) rather than takes twice. */
    private static final int KEPT_ROW = 1 << 16;

    /** Per-thread rows of doubles for softmax, grown on demand up to {@link #KEPT_ROW}. */
    private static final ThreadLocal<double[][]> KEPT = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    private static double[] keptRow(int c) {
        double[][] holder = KEPT.get();
        if (holder[0].length < c) {
            holder[0] = new double[c];
        }
        return holder[0];
    }

    /** The largest of {@code x[from .. from+n)}, NaN if any is (four running maxima). */
    private static double rowMax(elem[] x, int from, int n) {
        elem m0 = (elem) Double.NEGATIVE_INFINITY, m1 = m0, m2 = m0, m3 = m0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            m0 = Math.max(m0, x[from + j]);
            m1 = Math.max(m1, x[from + j + 1]);
            m2 = Math.max(m2, x[from + j + 2]);
            m3 = Math.max(m3, x[from + j + 3]);
        }
        for (; j < n; j++) {
            m0 = Math.max(m0, x[from + j]);
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    /** {@code e[i] = exp(x[from + i] - m)} for {@code i < n}, in double (see Note [Softmax in chunks of doubles]). */
    private static void shiftedExp(elem[] x, int from, int n, double m, double[] e) {
        for (int i = 0; i < n; i++) {
            e[i] = x[from + i] - m;
        }
        // float32's exponentials on the Vector API, in double (VecKernels.expForFloats: within a few double ulps of
        // Math.exp, and each result ends rounded to float); float64's through Math.exp. The JIT knows x's class.
        Object any = x;
        if (VectorApi.ON && any instanceof float[]) {
            VecKernels.expForFloats(e, n);
        } else {
            Transcendental.apply(dev.autograd4j.spi.UnaryOp.EXP, e, n, 0, 0);
        }
    }

    /** {@code sum e[0 .. n)} with four accumulators. */
    private static double sumOf(double[] e, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += e[i];
            s1 += e[i + 1];
            s2 += e[i + 2];
            s3 += e[i + 3];
        }
        for (; i < n; i++) {
            s0 += e[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The gradient of softmax or log-softmax given the output (see Backend.softmaxBackward). */
    static void softmaxBackward(View gradIn, View gradOut, View out, boolean log) {
        elem[] gi = data(gradIn), g = data(gradOut), y = data(out);
        int c = cols(out);
        int rows = (int) (out.numel() / c);
        int gio = (int) gradIn.offset, go = (int) gradOut.offset, yo = (int) out.offset;
        Parallel.forRange(rows, rowsPerChunk(c), (r0, r1) -> {
            double[] e = Transcendental.chunk(0);
            for (int r = r0; r < r1; r++) {
                int off = r * c;
                double s = 0;
                if (log) {
                    for (int j = 0; j < c; j++) {
                        s += g[go + off + j];
                    }
                    for (int j0 = 0; j0 < c; j0 += Transcendental.CHUNK) { // exp over doubles, as softmax's
                        int len = Math.min(Transcendental.CHUNK, c - j0);
                        shiftedExp(y, yo + off + j0, len, 0, e);
                        for (int i = 0; i < len; i++) {
                            gi[gio + off + j0 + i] = (elem) (g[go + off + j0 + i] - e[i] * s);
                        }
                    }
                } else {
                    for (int j = 0; j < c; j++) {
                        s += (double) g[go + off + j] * y[yo + off + j];
                    }
                    for (int j = 0; j < c; j++) {
                        gi[gio + off + j] = (elem) (y[yo + off + j] * (g[go + off + j] - s));
                    }
                }
            }
        });
    }

    /** Layer normalisation of {@code [M, D]} rows (see Backend.layerNorm). */
    static void layerNorm(View out, View mean, View rstd, View in, View weight, View bias, double eps) {
        elem[] o = data(out), x = data(in), mu = data(mean), rs = data(rstd);
        elem[] w = weight == null ? null : data(weight), b = bias == null ? null : data(bias);
        int d = in.shape[1], rows = in.shape[0];
        int oo = (int) out.offset, xo = (int) in.offset, mo = (int) mean.offset, ro = (int) rstd.offset;
        long ms = mean.strides[0], rss = rstd.strides[0];
        int wo = weight == null ? 0 : (int) weight.offset, bo = bias == null ? 0 : (int) bias.offset;
        long wst = weight == null ? 0 : weight.strides[0], bst = bias == null ? 0 : bias.strides[0];
        Parallel.forRange(rows, rowsPerChunk(d), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int xs = xo + r * d, os = oo + r * d;
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += x[xs + j];
                }
                double m = sum / d;
                double sq = 0;
                for (int j = 0; j < d; j++) {
                    double c = x[xs + j] - m;
                    sq += c * c;
                }
                double r1d = 1 / Math.sqrt(sq / d + eps);
                mu[(int) (mo + r * ms)] = (elem) m;
                rs[(int) (ro + r * rss)] = (elem) r1d;
                for (int j = 0; j < d; j++) {
                    double v = (x[xs + j] - m) * r1d;
                    if (w != null) {
                        v *= w[(int) (wo + j * wst)];
                    }
                    if (b != null) {
                        v += b[(int) (bo + j * bst)];
                    }
                    o[os + j] = (elem) v;
                }
            }
        });
    }

    /** The gradients of layer normalisation (see Backend.layerNormBackward); any output may be null. */
    static void layerNormBackward(View gradIn, View gradWeight, View gradBias, View gradOut, View in, View mean,
                                  View rstd, View weight) {
        elem[] g = data(gradOut), x = data(in), mu = data(mean), rs = data(rstd);
        elem[] w = weight == null ? null : data(weight);
        int d = in.shape[1], rows = in.shape[0];
        int go = (int) gradOut.offset, xo = (int) in.offset, mo = (int) mean.offset, ro = (int) rstd.offset;
        long ms = mean.strides[0], rss = rstd.strides[0];
        int wo = weight == null ? 0 : (int) weight.offset;
        long wst = weight == null ? 0 : weight.strides[0];
        if (gradIn != null) {
            elem[] gi = data(gradIn);
            int gio = (int) gradIn.offset;
            Parallel.forRange(rows, rowsPerChunk(d), (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int off = r * d;
                    double m = mu[(int) (mo + r * ms)], rr = rs[(int) (ro + r * rss)];
                    double sumGh = 0, sumGhXhat = 0;
                    for (int j = 0; j < d; j++) {
                        double gh = w == null ? g[go + off + j] : (double) g[go + off + j] * w[(int) (wo + j * wst)];
                        sumGh += gh;
                        sumGhXhat += gh * (x[xo + off + j] - m) * rr;
                    }
                    double a = sumGh / d, b = sumGhXhat / d;
                    for (int j = 0; j < d; j++) {
                        double gh = w == null ? g[go + off + j] : (double) g[go + off + j] * w[(int) (wo + j * wst)];
                        double xhat = (x[xo + off + j] - m) * rr;
                        gi[gio + off + j] = (elem) (rr * (gh - a - xhat * b));
                    }
                }
            });
        }
        if (gradWeight != null || gradBias != null) {
            elem[] gw = gradWeight == null ? null : data(gradWeight), gb = gradBias == null ? null : data(gradBias);
            int gwo = gradWeight == null ? 0 : (int) gradWeight.offset, gbo = gradBias == null ? 0 : (int) gradBias.offset;
            long gws = gradWeight == null ? 0 : gradWeight.strides[0], gbs = gradBias == null ? 0 : gradBias.strides[0];
            // Column sums over the rows: each thread owns a range of columns and walks every row.
            Parallel.forRange(d, Math.max(1, GRAIN / Math.max(1, rows)), (j0, j1) -> {
                double[] sw = new double[j1 - j0], sb = new double[j1 - j0];
                for (int r = 0; r < rows; r++) {
                    int off = r * d;
                    double m = mu[(int) (mo + r * ms)], rr = rs[(int) (ro + r * rss)];
                    for (int j = j0; j < j1; j++) {
                        double gv = g[go + off + j];
                        sw[j - j0] += gv * (x[xo + off + j] - m) * rr;
                        sb[j - j0] += gv;
                    }
                }
                for (int j = j0; j < j1; j++) {
                    if (gw != null) {
                        gw[(int) (gwo + j * gws)] = (elem) sw[j - j0];
                    }
                    if (gb != null) {
                        gb[(int) (gbo + j * gbs)] = (elem) sb[j - j0];
                    }
                }
            });
        }
    }

    /** Checks every target before anything is written, as a synchronous backend must. */
    private static void checkTargets(String op, View target, int classes, long ignoreIndex) {
        long[] t = longs(target);
        int to = (int) target.offset;
        long ts = target.rank() == 0 ? 0 : target.strides[0];
        int m = (int) target.numel();
        for (int r = 0; r < m; r++) {
            long v = t[(int) (to + r * ts)];
            if (v != ignoreIndex && (v < 0 || v >= classes)) {
                throw new IndexOutOfBoundsException("[" + op + "] target " + v + " is out of bounds for " + classes
                        + " classes");
            }
        }
    }

    /** Log-softmax and the weighted negative log-likelihood of each row (see Backend.crossEntropy). */
    static void crossEntropy(View logProbs, View losses, View weights, View logits, View target, View classWeight,
                             long ignoreIndex) {
        int c = cols(logits);
        checkTargets("cross_entropy", target, c, ignoreIndex);
        softmax(logProbs, logits, true);
        elem[] lp = data(logProbs), l = data(losses), wr = data(weights);
        elem[] cw = classWeight == null ? null : data(classWeight);
        long[] t = longs(target);
        int rows = logits.shape[0];
        int lpo = (int) logProbs.offset, lo = (int) losses.offset, wro = (int) weights.offset;
        long ls = losses.strides[0], wrs = weights.strides[0];
        int to = (int) target.offset, cwo = classWeight == null ? 0 : (int) classWeight.offset;
        long ts = target.strides[0], cws = classWeight == null ? 0 : classWeight.strides[0];
        for (int r = 0; r < rows; r++) {
            long k = t[(int) (to + r * ts)];
            double w = k == ignoreIndex ? 0 : cw == null ? 1 : cw[(int) (cwo + k * cws)];
            wr[(int) (wro + r * wrs)] = (elem) w;
            l[(int) (lo + r * ls)] = k == ignoreIndex ? (elem) 0 : (elem) (-w * lp[(int) (lpo + (long) r * c + k)]);
        }
    }

    /** The gradient of the negative log-likelihood with respect to its {@code [M, C]} input. */
    static void nllLossBackward(View gradInput, View gradLosses, View target, View classWeight, long ignoreIndex) {
        int c = cols(gradInput), rows = gradInput.shape[0];
        checkTargets("nll_loss_backward", target, c, ignoreIndex);
        elem[] gi = data(gradInput), gl = data(gradLosses);
        elem[] cw = classWeight == null ? null : data(classWeight);
        long[] t = longs(target);
        int gio = (int) gradInput.offset, glo = (int) gradLosses.offset, to = (int) target.offset;
        long gls = gradLosses.strides[0], ts = target.strides[0];
        int cwo = classWeight == null ? 0 : (int) classWeight.offset;
        long cws = classWeight == null ? 0 : classWeight.strides[0];
        java.util.Arrays.fill(gi, gio, gio + rows * c, (elem) 0);
        for (int r = 0; r < rows; r++) {
            long k = t[(int) (to + r * ts)];
            if (k != ignoreIndex) {
                double w = cw == null ? 1 : cw[(int) (cwo + k * cws)];
                gi[(int) (gio + (long) r * c + k)] = (elem) (-w * gl[(int) (glo + r * gls)]);
            }
        }
    }
}
