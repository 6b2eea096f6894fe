package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.autograd4j.opinfo.In.t;
import static dev.autograd4j.opinfo.In.values;
import static dev.autograd4j.opinfo.OpInfo.FLOATING;
import static dev.autograd4j.opinfo.OpInfo.op;

/**
 * Convolution, pooling, batch and group norm, vector norms, normalize, cosine similarity and attention. The
 * references are direct loops (a convolution as its defining sum); the PyTorch 1.13 values come from the expressions
 * written beside them.
 */
final class ConvDb {
    private ConvDb() {
    }

    private static final String COMPOSED = "a composition of differentiable ops: its last node is not PyTorch's";

    // ------------------------------------------------------------------------------------------------------------
    // References
    // ------------------------------------------------------------------------------------------------------------

    /** The defining sum of conv2d on a 4-D input; each output a sum of {@code C/groups * kH * kW (+ 1)} terms. */
    static Nd conv2d(Nd x, Nd w, Nd b, int[] s, int[] p, int[] d, int groups) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3];
        int co = w.shape[0], cg = w.shape[1], kh = w.shape[2], kw = w.shape[3];
        int oh = (h + 2 * p[0] - d[0] * (kh - 1) - 1) / s[0] + 1, ow = (wd + 2 * p[1] - d[1] * (kw - 1) - 1) / s[1] + 1;
        double[] out = new double[n * co * oh * ow], scale = new double[out.length];
        int cog = co / groups;
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < co; o++) {
                int g = o / cog;
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        double acc = b == null ? 0 : b.data[o], abs = Math.abs(acc);
                        for (int ci = 0; ci < cg; ci++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int r = y * s[0] - p[0] + u * d[0], q = z * s[1] - p[1] + v * d[1];
                                    if (r < 0 || r >= h || q < 0 || q >= wd) {
                                        continue;
                                    }
                                    double t = w.at(o, ci, u, v) * x.at(i, g * cg + ci, r, q);
                                    acc += t;
                                    abs += Math.abs(t);
                                }
                            }
                        }
                        int at = ((i * co + o) * oh + y) * ow + z;
                        out[at] = acc;
                        scale[at] = abs;
                    }
                }
            }
        }
        return Nd.of(new int[] {n, co, oh, ow}, out).terms(scale, cg * kh * kw + 1);
    }

    /** Max pooling of a 4-D input: values and flat indices (the first maximum; NaN wins). */
    static Nd[] maxPool2d(Nd x, int[] k, int[] s, int[] p, int[] d, boolean ceil) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        int oh = outSize(h, k[0], s[0], p[0], d[0], ceil), ow = outSize(w, k[1], s[1], p[1], d[1], ceil);
        double[] vals = new double[n * c * oh * ow], idx = new double[vals.length];
        for (int i = 0; i < n * c; i++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int where = -1;
                    for (int u = 0; u < k[0]; u++) {
                        for (int v = 0; v < k[1]; v++) {
                            int r = y * s[0] - p[0] + u * d[0], q = z * s[1] - p[1] + v * d[1];
                            if (r < 0 || r >= h || q < 0 || q >= w) {
                                continue;
                            }
                            double e = x.data[i * h * w + r * w + q];
                            if (where < 0 || e > best || (Double.isNaN(e) && !Double.isNaN(best))) {
                                best = e;
                                where = r * w + q;
                            }
                        }
                    }
                    vals[(i * oh + y) * ow + z] = best;
                    idx[(i * oh + y) * ow + z] = where;
                }
            }
        }
        int[] shape = {n, c, oh, ow};
        return new Nd[] {Nd.of(shape, vals), Nd.of(shape, idx).as(DType.INT64)};
    }

    /** Average pooling of a 4-D input with PyTorch's divisor. */
    static Nd avgPool2d(Nd x, int[] k, int[] s, int[] p, boolean ceil, boolean countIncludePad) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        int oh = outSize(h, k[0], s[0], p[0], 1, ceil), ow = outSize(w, k[1], s[1], p[1], 1, ceil);
        double[] out = new double[n * c * oh * ow];
        for (int i = 0; i < n * c; i++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    int h0 = y * s[0] - p[0], w0 = z * s[1] - p[1];
                    int h1 = Math.min(h0 + k[0], h + p[0]), w1 = Math.min(w0 + k[1], w + p[1]);
                    int pool = (h1 - h0) * (w1 - w0);
                    h0 = Math.max(h0, 0);
                    w0 = Math.max(w0, 0);
                    h1 = Math.min(h1, h);
                    w1 = Math.min(w1, w);
                    double sum = 0;
                    for (int r = h0; r < h1; r++) {
                        for (int q = w0; q < w1; q++) {
                            sum += x.data[i * h * w + r * w + q];
                        }
                    }
                    out[(i * oh + y) * ow + z] = sum / (countIncludePad ? pool : (h1 - h0) * (w1 - w0));
                }
            }
        }
        return Nd.of(new int[] {n, c, oh, ow}, out).terms(null, k[0] * k[1]);
    }

    static Nd adaptiveAvgPool2d(Nd x, int oh, int ow) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        double[] out = new double[n * c * oh * ow];
        for (int i = 0; i < n * c; i++) {
            for (int y = 0; y < oh; y++) {
                int h0 = y * h / oh, h1 = ((y + 1) * h + oh - 1) / oh;
                for (int z = 0; z < ow; z++) {
                    int w0 = z * w / ow, w1 = ((z + 1) * w + ow - 1) / ow;
                    double sum = 0;
                    for (int r = h0; r < h1; r++) {
                        for (int q = w0; q < w1; q++) {
                            sum += x.data[i * h * w + r * w + q];
                        }
                    }
                    out[(i * oh + y) * ow + z] = sum / ((h1 - h0) * (w1 - w0));
                }
            }
        }
        return Nd.of(new int[] {n, c, oh, ow}, out).terms(null, h * w);
    }

    static int outSize(int in, int k, int s, int p, int d, boolean ceil) {
        int span = in + 2 * p - d * (k - 1) - 1;
        int out = (ceil ? (span + s - 1) / s : span / s) + 1;
        if (ceil && (out - 1) * s >= in + p) {
            out--;
        }
        return out;
    }

    /** Normalises each of {@code groups} consecutive blocks of {@code x}'s data (biased variance). */
    static double[] normalizeBlocks(double[] x, int blocks, double eps) {
        int size = x.length / blocks;
        double[] out = new double[x.length];
        for (int g = 0; g < blocks; g++) {
            double[] v = Arrays.copyOfRange(x, g * size, g * size + size);
            double mean = Ref.mean(v), rstd = 1 / Math.sqrt(Ref.var(v, 0) + eps);
            for (int j = 0; j < size; j++) {
                out[g * size + j] = (v[j] - mean) * rstd;
            }
        }
        return out;
    }

    /** Training-mode batch norm of {@code [N, C, *]} with the batch's statistics, then the channel affine. */
    static Nd batchNorm(Nd x, Nd w, Nd b, double eps) {
        Nd channelsFirst = Ref.transpose(x, 0, 1);
        Nd normed = Nd.of(channelsFirst.shape, normalizeBlocks(channelsFirst.data, x.shape[1], eps));
        return affine(Ref.transpose(normed, 0, 1), w, b).terms(null, x.numel() / Math.max(1, x.shape[1]));
    }

    static Nd groupNorm(Nd x, int groups, Nd w, Nd b, double eps) {
        return affine(Nd.of(x.shape, normalizeBlocks(x.data, x.shape[0] * groups, eps)), w, b)
                .terms(null, x.numel() / Math.max(1, x.shape[0] * groups));
    }

    /** {@code x * w[c] + b[c]} along dim 1. */
    static Nd affine(Nd x, Nd w, Nd b) {
        int c = x.shape[1], inner = x.numel() / Math.max(1, x.shape[0] * c);
        double[] out = x.data.clone();
        for (int i = 0; i < out.length; i++) {
            int ch = (i / Math.max(1, inner)) % c;
            out[i] = out[i] * (w == null ? 1 : w.data[ch]) + (b == null ? 0 : b.data[ch]);
        }
        return Nd.of(x.shape, out);
    }

    static double pnorm(double[] v, double p) {
        if (p == Double.POSITIVE_INFINITY) {
            return v.length == 0 ? 0 : Arrays.stream(v).map(Math::abs).max().getAsDouble();
        }
        if (p == Double.NEGATIVE_INFINITY) {
            return Arrays.stream(v).map(Math::abs).min().getAsDouble();
        }
        double s = 0;
        for (double e : v) {
            s += Math.pow(Math.abs(e), p);
        }
        return Math.pow(s, 1 / p);
    }

    /** Scaled dot-product attention of 2-D or batched inputs with an optional additive mask (host values). */
    static Nd attention(Nd q, Nd k, Nd v, Nd mask, boolean causal, double scale) {
        Nd s = Ref.map(Ref.matmul(q, Ref.transpose(k, k.rank() - 2, k.rank() - 1)), e -> e * scale);
        int l = s.shape[s.rank() - 2], n = s.shape[s.rank() - 1];
        double[] data = s.data.clone();
        for (int i = 0; i < data.length; i++) {
            int row = (i / n) % l, col = i % n;
            if (causal && col > row) {
                data[i] = Double.NEGATIVE_INFINITY;
            }
        }
        Nd scores = Nd.of(s.shape, data);
        if (mask != null) {
            scores = Ref.zip(scores, mask, Double::sum);
        }
        return Ref.matmul(Ref.alongDim(scores, scores.rank() - 1, Ref::softmax), v);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Entries
    // ------------------------------------------------------------------------------------------------------------

    private static final String CONV2D = "Functional.conv2d(Tensor,Tensor,Tensor,int[],int[],int[],int)";
    private static final String CONV2D_NAMED = "Functional.conv2d(Tensor,Tensor,Tensor,int[],String,int[],int)";
    private static final String CONV1D_NAMED = "Functional.conv1d(Tensor,Tensor,Tensor,int,String,int,int)";

    /** {@code (arange(1, n + 1) % period - shift) / scale}, PyTorch's expression for the test inputs. */
    private static double[] periodic(int n, int period, int shift, double scale) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((i + 1) % period - shift) / scale;
        }
        return out;
    }

    /** {@code x [N, C, H, W]} with {@code rows} zero rows appended below and {@code cols} zero columns right. */
    private static Nd padAfter(Nd x, int rows, int cols) {
        int nc = x.shape[0] * x.shape[1], h = x.shape[2], w = x.shape[3];
        double[] out = new double[nc * (h + rows) * (w + cols)];
        for (int i = 0; i < nc; i++) {
            for (int y = 0; y < h; y++) {
                for (int z = 0; z < w; z++) {
                    out[(i * (h + rows) + y) * (w + cols) + z] = x.data[(i * h + y) * w + z];
                }
            }
        }
        return Nd.of(new int[] {x.shape[0], x.shape[1], h + rows, w + cols}, out);
    }

    private static Sample conv2d(In x, In w, In b, int[] s, int[] p, int[] d, int groups) {
        int[] ss = twice(s), ps = twice(p), ds = twice(d);
        Sample sample = b == null
                ? Sample.of(CONV2D, v -> Functional.conv2d(v[0], v[1], null, s, p, d, groups), x, w)
                        .ref(v -> conv2d(v[0], v[1], null, ss, ps, ds, groups))
                : Sample.of(CONV2D, v -> Functional.conv2d(v[0], v[1], v[2], s, p, d, groups), x, w, b)
                        .ref(v -> conv2d(v[0], v[1], v[2], ss, ps, ds, groups));
        return sample.label("stride " + Arrays.toString(s) + " padding " + Arrays.toString(p) + " dilation "
                + Arrays.toString(d) + " groups " + groups);
    }

    private static int[] twice(int[] v) {
        return v.length == 2 ? v : new int[] {v[0], v[0]};
    }

    private static Nd unsqueeze0(Nd x) {
        int[] s = new int[x.rank() + 1];
        s[0] = 1;
        System.arraycopy(x.shape, 0, s, 1, x.rank());
        return x.reshape(s);
    }

    private static Nd squeeze0(Nd x) {
        return x.reshape(Arrays.copyOfRange(x.shape, 1, x.rank()));
    }

    /** A 3-D {@code [N, C, L]} array as {@code [N, C, 1, L]}, and back. */
    private static Nd as2d(Nd x) {
        return x.reshape(x.shape[0], x.shape[1], 1, x.shape[2]);
    }

    private static Nd as1d(Nd x) {
        return x.reshape(x.shape[0], x.shape[1], x.shape[3]);
    }

    private static Tensor[] ins(Tensor... t) {
        return t;
    }

    static List<OpInfo> entries() {
        List<OpInfo> db = new ArrayList<>();
        int[] one = {1}, zero = {0};

        db.add(op("conv2d").dtypes(FLOATING).errorName("conv2d")
                .add(Sample.of("Functional.conv2d(Tensor,Tensor,Tensor)", v -> Functional.conv2d(v[0], v[1], v[2]),
                        t(2, 3, 5, 4), t(4, 3, 3, 2), t(4)).ref(v -> conv2d(v[0], v[1], v[2], new int[] {1, 1},
                        new int[] {0, 0}, new int[] {1, 1}, 1)).noGradFn(COMPOSED).label("defaults"))
                .add(Sample.of("Functional.conv2d(Tensor,Tensor,Tensor)", v -> Functional.conv2d(v[0], v[1], null),
                        t(1, 2, 3, 3).transposed(), t(3, 2, 2, 2).strided()).ref(v -> conv2d(v[0], v[1], null,
                        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1)).noGradFn(COMPOSED)
                        .label("no bias, transposed input, strided weight"))
                .add(conv2d(t(2, 2, 5, 5), t(3, 2, 3, 3), t(3), new int[] {2}, one, one, 1).noGradFn(COMPOSED))
                .add(conv2d(t(1, 4, 6, 5), t(6, 2, 2, 3), t(6), new int[] {1, 2}, new int[] {1, 0}, new int[] {2, 1}, 2)
                        .noGradFn(COMPOSED))
                .add(conv2d(t(2, 3, 4, 4), t(3, 1, 3, 3), null, one, new int[] {2}, one, 3).noGradFn(COMPOSED)
                        .label("depthwise, padding 2"))
                .add(Sample.of(CONV2D, v -> Functional.conv2d(v[0], v[1], v[2], one, one, one, 1), t(2, 4, 3),
                        t(3, 2, 3, 3), t(3)).ref(v -> squeeze0(conv2d(unsqueeze0(v[0]), v[1], v[2], new int[] {1, 1},
                        new int[] {1, 1}, new int[] {1, 1}, 1))).noGradFn(COMPOSED).label("unbatched"))
                .add(conv2d(t(0, 2, 4, 4), t(3, 2, 3, 3), t(3), one, zero, one, 1).noGradFn(COMPOSED)
                        .label("empty batch"))
                // PyTorch 1.13 (float32): F.conv2d(x, w, b, padding=1), x = the 18 values as [1, 2, 3, 3], w the 16 as
                // [2, 2, 2, 2], b = [0.1, -0.2]; y.backward(arange(1, 33).reshape(y.shape) / 10).
                .add(Sample.of(CONV2D, v -> Functional.conv2d(v[0], v[1], v[2], one, one, one, 1),
                        values(new double[] {0.5, -1, 2, 0, 1.5, -0.5, 1, 2, -2, 0.25, 3, -1, 1, 1, -1.5, 0.75, 2, -0.25},
                                1, 2, 3, 3),
                        values(new double[] {1, -1, 0.5, 2, 0, 1, -0.5, 0.25, 1.5, 0.5, -1, 1, -2, 0.5, 1, 0}, 2, 2, 2, 2),
                        values(new double[] {0.1, -0.2}))
                        .ref(v -> Nd.of(new int[] {1, 2, 4, 4}, 1.1625, -1.025, 1.85, 1.6, 0.1, 7.35, -5.025, 2.6,
                                3.2875, 4.225, -3.4625, -1.275, -0.15, 1.1, 3.85, -1.9, 0.3, -1.45, 5.8, -3.2, 0.175,
                                3.55, -8.2, 3.8, 1.3, 0.8, -2.95, 3.8, 0.675, 1.8, -2.325, -2.7))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(2e-6)).noGradFn(COMPOSED)
                        .grads(tenths(32), Tolerance.abs(5e-6),
                                new double[] {4.65, 5.1, 5.55, 6.45, 6.9, 7.35, 8.25, 8.7, 9.15, -1.125, -1.1, -1.075,
                                        -1.025, -1.0, -0.975, -0.925, -0.9, -0.875},
                                new double[] {3.45, 3.1, 2.05, 1.7, 5.4, 4.875, 3.3, 2.775, 9.05, 8.7, 7.65, 7.3, 13.8,
                                        13.275, 11.7, 11.175},
                                new double[] {13.6, 39.2})
                        .label("PyTorch 1.13 values"))
                .add(Sample.of(CONV2D_NAMED, v -> Functional.conv2d(v[0], v[1], v[2], one, "same", new int[] {2, 1}, 1),
                        t(2, 2, 5, 6), t(3, 2, 3, 3), t(3)).ref(v -> conv2d(v[0], v[1], v[2], new int[] {1, 1},
                        new int[] {2, 1}, new int[] {2, 1}, 1)).noGradFn(COMPOSED).label("same, odd kernel, dilation 2x1"))
                .add(Sample.of(CONV2D_NAMED, v -> Functional.conv2d(v[0], v[1], null, new int[] {2}, "valid", one, 1),
                        t(1, 2, 5, 6), t(3, 2, 2, 3)).ref(v -> conv2d(v[0], v[1], null, new int[] {2, 2},
                        new int[] {0, 0}, new int[] {1, 1}, 1)).noGradFn(COMPOSED).label("valid, stride 2"))
                // A 2x3 kernel with dilation 1x2: totals 1 and 4, so one zero row goes below (PyTorch pads the extra
                // on the bottom and right) and two zero columns each side.
                .add(Sample.of(CONV2D_NAMED, v -> Functional.conv2d(v[0], v[1], v[2], one, "same", new int[] {1, 2}, 1),
                        t(1, 2, 4, 5), t(3, 2, 2, 3), t(3)).ref(v -> conv2d(padAfter(v[0], 1, 0), v[1], v[2],
                        new int[] {1, 1}, new int[] {0, 2}, new int[] {1, 2}, 1)).noGradFn(COMPOSED)
                        .label("same, even kernel: the extra zero after"))
                // PyTorch 1.13 (float32): F.conv2d(x, w, b, padding='same', dilation=(1, 2)) with
                // x = (arange(1., 41).reshape(1, 2, 4, 5) % 7 - 3) / 2, w = (arange(1., 37).reshape(3, 2, 2, 3) % 5 - 2) / 4,
                // b = [0.1, -0.2, 0.3]; y.backward(arange(1., 61).reshape(y.shape) / 10).
                .add(Sample.of(CONV2D_NAMED, v -> Functional.conv2d(v[0], v[1], v[2], one, "same", new int[] {1, 2}, 1),
                        values(periodic(40, 7, 3, 2), 1, 2, 4, 5), values(periodic(36, 5, 2, 4), 3, 2, 2, 3),
                        values(new double[] {0.1, -0.2, 0.3}))
                        .ref(v -> Nd.of(new int[] {1, 3, 4, 5}, -1.275, 0.475, 1.85, -0.775, 0.6, -1.275, -0.4, -1.4,
                                0.85, 1.35, 1.35, 0.475, -1.15, -0.15, -1.4, -0.025, 0.475, 1.1, 0.225, 0.225, -0.575,
                                -0.45, -2.575, -0.45, -0.075, 1.8, -0.7, 0.175, 0.55, -1.7, -1.075, 0.8, 2.05, -1.075,
                                1.05, -0.2, -0.575, -1.575, -0.2, 0.175, 1.55, -0.575, 2.55, 1.3, -0.575, -1.2, 1.05,
                                0.675, -0.2, 2.3, 0.425, 0.05, -2.075, 0.05, -0.075, 0.425, 0.425, 0.925, 0.175, -0.325))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(2e-6)).noGradFn(COMPOSED)
                        .grads(tenths(60), Tolerance.abs(5e-6),
                                new double[] {-1.625, -1.65, -2.7, -0.95, -0.95, 0.9, 0.925, -1.75, -0.55, -0.6, 1.025,
                                        1.05, -2.0, -0.8, -0.85, 1.15, 1.175, -2.25, -1.05, -1.1, -0.95, -0.95, -0.4,
                                        -0.5, -0.475, -0.5, -0.55, 0.225, -2.025, -2.025, -0.75, -0.8, 0.35, -2.025,
                                        -2.025, -1.0, -1.05, 0.475, -2.025, -2.025},
                                new double[] {2.75, 4.2, 3.2, 2.25, 2.95, 2.55, -1.0, 1.05, 1.7, -0.4, 0.8, 1.85, 3.75,
                                        7.2, 7.2, 6.25, 5.95, 3.55, -5.0, -1.95, 0.7, 1.6, 2.8, 0.85, 4.75, 10.2, 11.2,
                                        10.25, 8.95, 4.55, -9.0, -4.95, -0.3, 3.6, 4.8, -0.15},
                                new double[] {21, 61, 101})
                        .label("PyTorch 1.13 values, same with an even kernel"))
                // PyTorch 1.13: RuntimeError: padding='same' is not supported for strided convolutions;
                // RuntimeError: Invalid padding string: 'foo'
                .error(ErrorCase.of("same with stride 2", () -> ins(Tensor.ones(1, 1, 5, 5), Tensor.ones(1, 1, 3, 3)),
                        x -> Functional.conv2d(x[0], x[1], null, new int[] {1, 2}, "same", one, 1),
                        "padding='same' is not supported for strided convolutions", "[1, 2]"))
                .error(ErrorCase.of("padding 'foo'", () -> ins(Tensor.ones(1, 1, 5, 5), Tensor.ones(1, 1, 3, 3)),
                        x -> Functional.conv2d(x[0], x[1], null, one, "foo", one, 1), "invalid padding string 'foo'"))
                .error(ErrorCase.of("groups 2 of 3 channels", () -> ins(Tensor.ones(1, 3, 5, 5), Tensor.ones(4, 1, 3, 3)),
                        x -> Functional.conv2d(x[0], x[1], null, one, zero, one, 2),
                        "input channels 3 are not divisible by groups 2"))
                .error(ErrorCase.of("weight of 2 channels for 3", () -> ins(Tensor.ones(1, 3, 5, 5),
                        Tensor.ones(4, 2, 3, 3)), x -> Functional.conv2d(x[0], x[1], null), "[4, 2, 3, 3]",
                        "[1, 3, 5, 5]"))
                .error(ErrorCase.of("kernel larger than the input", () -> ins(Tensor.ones(1, 1, 2, 2),
                        Tensor.ones(1, 1, 3, 3)), x -> Functional.conv2d(x[0], x[1], null), "[1, 1, 2, 2]", "3x3"))
                .error(ErrorCase.of("stride 0", () -> ins(Tensor.ones(1, 1, 4, 4), Tensor.ones(1, 1, 3, 3)),
                        x -> Functional.conv2d(x[0], x[1], null, zero, zero, one, 1), "stride", "[0]"))
                .error(ErrorCase.of("padding -1", () -> ins(Tensor.ones(1, 1, 4, 4), Tensor.ones(1, 1, 3, 3)),
                        x -> Functional.conv2d(x[0], x[1], null, one, new int[] {-1}, one, 1), "padding", "[-1]"))
                .error(ErrorCase.of("2-D input", () -> ins(Tensor.ones(4, 4), Tensor.ones(1, 1, 3, 3)),
                        x -> Functional.conv2d(x[0], x[1], null), "[4, 4]"))
                .error(ErrorCase.of("bias [2] for 1 output", () -> ins(Tensor.ones(1, 1, 4, 4), Tensor.ones(1, 1, 3, 3),
                        Tensor.ones(2)), x -> Functional.conv2d(x[0], x[1], x[2]), "[2]"))
                .error(ErrorCase.of("float64 weight", () -> ins(Tensor.ones(1, 1, 4, 4),
                        Tensor.ones(new int[] {1, 1, 3, 3}, DType.FLOAT64)), x -> Functional.conv2d(x[0], x[1], null),
                        "float32", "float64"))
                .error(ErrorCase.devices(other -> ins(Tensor.ones(1, 1, 4, 4), Tensor.ones(1, 1, 3, 3).to(other)),
                        x -> Functional.conv2d(x[0], x[1], null)))
                // PyTorch 1.13 rejects both: "kernel size should be greater than zero" and "expected weight to be at
                // least 1 at dimension 0" (we returned a [1, 3, 6, 3] result and an empty one).
                .error(ErrorCase.of("a 0x3 kernel", () -> ins(Tensor.ones(1, 2, 5, 5), Tensor.ones(3, 2, 0, 3)),
                        x -> Functional.conv2d(x[0], x[1], null), "kernel size", "[3, 2, 0, 3]"))
                .error(ErrorCase.of("0 output channels", () -> ins(Tensor.ones(1, 2, 5, 5), Tensor.ones(0, 2, 3, 3)),
                        x -> Functional.conv2d(x[0], x[1], null), "at least 1 at dimension 0", "[0, 2, 3, 3]")));

        String conv1d = "Functional.conv1d(Tensor,Tensor,Tensor,int,int,int,int)";
        db.add(op("conv1d").dtypes(FLOATING).errorName("conv1d")
                .add(Sample.of("Functional.conv1d(Tensor,Tensor,Tensor)", v -> Functional.conv1d(v[0], v[1], v[2]),
                        t(2, 3, 6), t(4, 3, 3), t(4)).ref(v -> as1d(conv2d(as2d(v[0]), as2d(v[1]), v[2],
                        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1))).noGradFn(COMPOSED).label("defaults"))
                .add(Sample.of(conv1d, v -> Functional.conv1d(v[0], v[1], null, 2, 1, 2, 2), t(1, 2, 7), t(2, 1, 3))
                        .ref(v -> as1d(conv2d(as2d(v[0]), as2d(v[1]), null, new int[] {1, 2}, new int[] {0, 1},
                                new int[] {1, 2}, 2))).noGradFn(COMPOSED).label("stride 2, padding 1, dilation 2, groups 2"))
                // PyTorch 1.13 (float32): F.conv1d(x, w, None, stride=2, padding=1, dilation=2, groups=2), x the 14
                // values as [1, 2, 7], w the 6 as [2, 1, 3]; y.sum().backward().
                .add(Sample.of(conv1d, v -> Functional.conv1d(v[0], v[1], null, 2, 1, 2, 2),
                        values(new double[] {1, -2, 3, 0.5, -1, 2, 1.5, 0, 1, -1, 2, 3, -0.5, 0.25}, 1, 2, 7),
                        values(new double[] {1, 0.5, -1, 2, -1, 0.25}, 2, 1, 3))
                        .ref(v -> Nd.of(new int[] {1, 2, 3}, -1.5, -3.75, 1.5, -0.5, -0.125, 4.5))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.EXACT).noGradFn(COMPOSED)
                        .grads(null, Tolerance.EXACT,
                                new double[] {0, 1.5, 0, 0.5, 0, -0.5, 0, 0, 1, 0, 1.25, 0, -0.75, 0},
                                new double[] {-1.5, 0.5, 2.5, 3, 2.5, 1.5})
                        .label("PyTorch 1.13 values"))
                .add(Sample.of(CONV1D_NAMED, v -> Functional.conv1d(v[0], v[1], v[2], 1, "same", 2, 1), t(2, 3, 7),
                        t(4, 3, 3), t(4)).ref(v -> as1d(conv2d(as2d(v[0]), as2d(v[1]), v[2], new int[] {1, 1},
                        new int[] {0, 2}, new int[] {1, 2}, 1))).noGradFn(COMPOSED).label("same, dilation 2"))
                .add(Sample.of(CONV1D_NAMED, v -> Functional.conv1d(v[0], v[1], null, 1, "same", 1, 1), t(3, 6),
                        t(2, 3, 4)).ref(v -> as1d(conv2d(padAfter(as2d(unsqueeze0(v[0])), 0, 1), as2d(v[1]), null,
                        new int[] {1, 1}, new int[] {0, 1}, new int[] {1, 1}, 1)).reshape(2, 6)).noGradFn(COMPOSED)
                        .label("same, unbatched, kernel 4: the extra zero after"))
                .add(Sample.of(CONV1D_NAMED, v -> Functional.conv1d(v[0], v[1], null, 3, "valid", 1, 1), t(1, 2, 8),
                        t(2, 2, 3)).ref(v -> as1d(conv2d(as2d(v[0]), as2d(v[1]), null, new int[] {1, 3},
                        new int[] {0, 0}, new int[] {1, 1}, 1))).noGradFn(COMPOSED).label("valid, stride 3"))
                // PyTorch 1.13 (float32): F.conv1d(x, w, None, padding='same', dilation=3) with
                // x = (arange(1., 13).reshape(1, 2, 6) % 5 - 2) / 2, w = (arange(1., 17).reshape(2, 2, 4) % 3 - 1) / 2;
                // y.sum().backward().
                .add(Sample.of(CONV1D_NAMED, v -> Functional.conv1d(v[0], v[1], null, 1, "same", 3, 1),
                        values(periodic(12, 5, 2, 2), 1, 2, 6), values(periodic(16, 3, 1, 2), 2, 2, 4))
                        .ref(v -> Nd.of(new int[] {1, 2, 6}, -0.25, -0.75, 0.25, 0, 1, 0, 0, 1, 0, 0.25, -0.25, -0.25))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.EXACT).noGradFn(COMPOSED)
                        .grads(null, Tolerance.EXACT,
                                new double[] {0, 0, 0.5, 0.5, 0.5, -0.5, 0.5, 0.5, -0.5, -0.5, -0.5, 0},
                                new double[] {-0.5, 0, 0, -0.5, 0.5, 0, -0.5, 0, -0.5, 0, 0, -0.5, 0.5, 0, -0.5, 0})
                        .label("PyTorch 1.13 values, same with an even kernel and dilation 3"))
                .error(ErrorCase.of("same with stride 2", () -> ins(Tensor.ones(1, 1, 5), Tensor.ones(1, 1, 3)),
                        x -> Functional.conv1d(x[0], x[1], null, 2, "same", 1, 1),
                        "padding='same' is not supported for strided convolutions"))
                .error(ErrorCase.of("groups 2 of 3 channels", () -> ins(Tensor.ones(1, 3, 5), Tensor.ones(4, 1, 3)),
                        x -> Functional.conv1d(x[0], x[1], null, 1, 0, 1, 2),
                        "input channels 3 are not divisible by groups 2"))
                .error(ErrorCase.of("4-D weight", () -> ins(Tensor.ones(1, 3, 5), Tensor.ones(4, 3, 1, 3)),
                        x -> Functional.conv1d(x[0], x[1], null), "3-D weight", "[4, 3, 1, 3]")));

        String maxFull = "Functional.maxPool2d(Tensor,int[],int[],int[],int[],boolean)";
        String withIndices = "Functional.maxPool2dWithIndices(Tensor,int[],int[],int[],int[],boolean)";
        db.add(op("maxPool2d").dtypes(FLOATING).errorName("max_pool2d")
                .add(Sample.of("Functional.maxPool2d(Tensor,int)", v -> Functional.maxPool2d(v[0], 2), t(2, 3, 4, 5))
                        .ref(v -> maxPool2d(v[0], new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0},
                                new int[] {1, 1}, false)[0]).noGradFn(COMPOSED).label("kernel 2"))
                .add(Sample.of(maxFull, v -> Functional.maxPool2d(v[0], new int[] {3, 2}, new int[] {2, 1},
                        new int[] {1, 1}, new int[] {1, 2}, true), t(1, 2, 5, 6).transposed())
                        .ref(v -> maxPool2d(v[0], new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1},
                                new int[] {1, 2}, true)[0]).noGradFn(COMPOSED)
                        .label("kernel 3x2, stride 2x1, padding 1, dilation 1x2, ceil mode"))
                .add(Sample.of(maxFull, v -> Functional.maxPool2d(v[0], new int[] {2}, null, new int[] {0},
                        new int[] {1}, false), t(3, 4, 4)).ref(v -> squeeze0(maxPool2d(unsqueeze0(v[0]),
                        new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, false)[0]))
                        .noGradFn(COMPOSED).label("unbatched"))
                .add(Sample.of(maxFull, v -> Functional.maxPool2d(v[0], new int[] {2}, null, new int[] {0},
                        new int[] {1}, false), t(0, 2, 4, 4)).ref(v -> maxPool2d(v[0],
                        new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, false)[0])
                        .noGradFn(COMPOSED).label("empty batch"))
                .add(Sample.of(withIndices, v -> Functional.maxPool2dWithIndices(v[0], new int[] {2}, new int[] {2},
                        new int[] {1}, new int[] {1}, true), t(2, 1, 4, 5)).ref(v -> maxPool2d(v[0], new int[] {2, 2},
                        new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, true)).noGradFn(COMPOSED)
                        .label("with indices, padding 1, ceil mode"))
                // PyTorch 1.13 (float32): v, i = F.max_pool2d(x, 2, stride=2, padding=1, return_indices=True,
                // ceil_mode=True) with x the 20 values as [1, 1, 4, 5]; v.backward(arange(1, 10).reshape(v.shape)).
                .add(Sample.of(withIndices, v -> Functional.maxPool2dWithIndices(v[0], new int[] {2}, new int[] {2},
                        new int[] {1}, new int[] {1}, true),
                        values(new double[] {1, 3, 2, 0, -1, 5, 4, 4, 2, 2, -3, 1, 0, 6, 1, 7, 3, -2, 8, 0}, 1, 1, 4, 5))
                        .ref(v -> new Nd[] {Nd.of(new int[] {1, 1, 3, 3}, 1, 3, 0, 5, 4, 6, 7, 3, 8),
                                Nd.of(new int[] {1, 1, 3, 3}, 0, 1, 3, 5, 6, 13, 15, 16, 18).as(DType.INT64)})
                        .only(DType.FLOAT32).noGradFn(COMPOSED)
                        .grads(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, Tolerance.EXACT,
                                new double[] {1, 2, 0, 3, 0, 4, 5, 0, 0, 0, 0, 0, 0, 6, 0, 7, 8, 0, 9, 0})
                        .label("PyTorch 1.13 values and indices"))
                .error(ErrorCase.of("padding 2 of kernel 3", () -> ins(Tensor.ones(1, 1, 5, 5)),
                        x -> Functional.maxPool2d(x[0], new int[] {3}, null, new int[] {2}, new int[] {1}, false),
                        "padding [2, 2]", "half of kernel size [3, 3]"))
                .error(ErrorCase.of("kernel 0", () -> ins(Tensor.ones(1, 1, 5, 5)), x -> Functional.maxPool2d(x[0], 0),
                        "kernel_size", "[0]"))
                .error(ErrorCase.of("2-D input", () -> ins(Tensor.ones(5, 5)), x -> Functional.maxPool2d(x[0], 2),
                        "[5, 5]"))
                .error(ErrorCase.of("int64 input", () -> ins(Tensor.ones(new int[] {1, 1, 4, 4}, DType.INT64)),
                        x -> Functional.maxPool2d(x[0], 2), "int64")));

        String avgFull = "Functional.avgPool2d(Tensor,int[],int[],int[],boolean,boolean)";
        db.add(op("avgPool2d").dtypes(FLOATING).errorName("avg_pool2d")
                .add(Sample.of("Functional.avgPool2d(Tensor,int)", v -> Functional.avgPool2d(v[0], 2), t(2, 3, 4, 5))
                        .ref(v -> avgPool2d(v[0], new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, false, true))
                        .noGradFn(COMPOSED).label("kernel 2"))
                .add(Sample.of(avgFull, v -> Functional.avgPool2d(v[0], new int[] {3}, new int[] {2}, new int[] {1},
                        true, true), t(1, 2, 4, 5)).ref(v -> avgPool2d(v[0], new int[] {3, 3}, new int[] {2, 2},
                        new int[] {1, 1}, true, true)).noGradFn(COMPOSED).label("kernel 3, stride 2, padding 1, ceil"))
                .add(Sample.of(avgFull, v -> Functional.avgPool2d(v[0], new int[] {3, 2}, new int[] {2, 1},
                        new int[] {1, 1}, true, false), t(2, 1, 5, 4).transposed()).ref(v -> avgPool2d(v[0],
                        new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1}, true, false)).noGradFn(COMPOSED)
                        .label("padding not counted"))
                // PyTorch 1.13 (float32): F.avg_pool2d(x, 3, stride=2, padding=1, ceil_mode=True,
                // count_include_pad=True), x as in max_pool2d's values; backward of ones.
                .add(Sample.of(avgFull, v -> Functional.avgPool2d(v[0], new int[] {3}, new int[] {2}, new int[] {1},
                        true, true),
                        values(new double[] {1, 3, 2, 0, -1, 5, 4, 4, 2, 2, -3, 1, 0, 6, 1, 7, 3, -2, 8, 0}, 1, 1, 4, 5))
                        .ref(v -> Nd.of(new int[] {1, 1, 3, 3}, 1.4444444179534912, 1.6666666269302368,
                                0.3333333432674408, 1.8888888359069824, 2.8888888359069824, 2.1111111640930176,
                                1.6666666269302368, 1.5, 1.3333333730697632))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(1e-6)).noGradFn(COMPOSED)
                        .grads(null, Tolerance.abs(1e-7), new double[] {0.1111111119389534, 0.2222222238779068,
                                0.1111111119389534, 0.2222222238779068, 0.1111111119389534, 0.2222222238779068,
                                0.4444444477558136, 0.2222222238779068, 0.4444444477558136, 0.2222222238779068,
                                0.1111111119389534, 0.2222222238779068, 0.1111111119389534, 0.2222222238779068,
                                0.1111111119389534, 0.2777777910232544, 0.5555555820465088, 0.2777777910232544,
                                0.5555555820465088, 0.2777777910232544})
                        .label("PyTorch 1.13 values"))
                // PyTorch 1.13 (float32): the same with count_include_pad=False.
                .add(Sample.of(avgFull, v -> Functional.avgPool2d(v[0], new int[] {3}, new int[] {2}, new int[] {1},
                        true, false),
                        values(new double[] {1, 3, 2, 0, -1, 5, 4, 4, 2, 2, -3, 1, 0, 6, 1, 7, 3, -2, 8, 0}, 1, 1, 4, 5))
                        .ref(v -> Nd.of(new int[] {1, 1, 3, 3}, 3.25, 2.5, 0.75, 2.8333332538604736,
                                2.8888888359069824, 3.1666667461395264, 5, 3, 4))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(1e-6)).noGradFn(COMPOSED)
                        .label("PyTorch 1.13 values, padding not counted"))
                .error(ErrorCase.of("padding 2 of kernel 2", () -> ins(Tensor.ones(1, 1, 5, 5)),
                        x -> Functional.avgPool2d(x[0], new int[] {2}, null, new int[] {2}, false, true),
                        "half of kernel size"))
                .error(ErrorCase.of("kernel 6 of 5x5", () -> ins(Tensor.ones(1, 1, 5, 5)),
                        x -> Functional.avgPool2d(x[0], 6), "[1, 1, 5, 5]", "6x6")));

        db.add(op("adaptiveAvgPool2d").dtypes(FLOATING).errorName("adaptive_avg_pool2d")
                .add(Sample.of("Functional.adaptiveAvgPool2d(Tensor,int[])", v -> Functional.adaptiveAvgPool2d(v[0], 3, 2),
                        t(2, 2, 4, 5)).ref(v -> adaptiveAvgPool2d(v[0], 3, 2)).noGradFn(COMPOSED).label("to 3x2"))
                .add(Sample.of("Functional.adaptiveAvgPool2d(Tensor,int[])", v -> Functional.adaptiveAvgPool2d(v[0], 1),
                        t(3, 4, 4)).ref(v -> squeeze0(adaptiveAvgPool2d(unsqueeze0(v[0]), 1, 1))).noGradFn(COMPOSED)
                        .label("unbatched, to 1 (global average)"))
                .add(Sample.of("Functional.adaptiveAvgPool2d(Tensor,int[])", v -> Functional.adaptiveAvgPool2d(v[0], 5, 7),
                        t(1, 1, 3, 4).transposed()).ref(v -> adaptiveAvgPool2d(v[0], 5, 7)).noGradFn(COMPOSED)
                        .label("larger than the input"))
                // PyTorch 1.13 (float32): F.adaptive_avg_pool2d(x, (3, 2)), x as in max_pool2d's values.
                .add(Sample.of("Functional.adaptiveAvgPool2d(Tensor,int[])", v -> Functional.adaptiveAvgPool2d(v[0], 3, 2),
                        values(new double[] {1, 3, 2, 0, -1, 5, 4, 4, 2, 2, -3, 1, 0, 6, 1, 7, 3, -2, 8, 0}, 1, 1, 4, 5))
                        .ref(v -> Nd.of(new int[] {1, 1, 3, 2}, 3.1666667461395264, 1.5, 1.8333333730697632, 2.5, 1,
                                2.1666667461395264)).only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(1e-6))
                        .noGradFn(COMPOSED).label("PyTorch 1.13 values"))
                .error(ErrorCase.of("output size 0", () -> ins(Tensor.ones(1, 1, 4, 4)),
                        x -> Functional.adaptiveAvgPool2d(x[0], 0), "output_size", "[0]"))
                .error(ErrorCase.of("empty plane", () -> ins(Tensor.ones(1, 1, 0, 4)),
                        x -> Functional.adaptiveAvgPool2d(x[0], 2), "[1, 1, 0, 4]")));

        String bn = "Functional.batchNorm(Tensor,Tensor,Tensor,Tensor,Tensor,boolean,double,double)";
        db.add(op("batchNorm").dtypes(FLOATING).errorName("batch_norm")
                .add(Sample.of(bn, v -> Functional.batchNorm(v[0], null, null, v[1], v[2], true, 0.1, 1e-5),
                        t(4, 3, 2, 2), t(3), t(3)).ref(v -> batchNorm(v[0], v[1], v[2], 1e-5)).noGradFn(COMPOSED)
                        .label("training, 4-D"))
                .add(Sample.of(bn, v -> Functional.batchNorm(v[0], null, null, null, null, true, 0.1, 1e-3),
                        t(5, 3).transposed()).ref(v -> batchNorm(v[0], null, null, 1e-3)).noGradFn(COMPOSED)
                        .label("training, 2-D, no affine, eps 1e-3"))
                .add(Sample.of(bn, v -> Functional.batchNorm(v[0], v[1], v[2], v[3], v[4], false, 0.1, 1e-5),
                        t(2, 3, 4), t(3).noGrad(), t(3).in(Domain.POSITIVE).noGrad(), t(3), t(3))
                        .ref(v -> affine(Nd.of(v[0].shape, evalNorm(v[0], v[1], v[2], 1e-5)), v[3], v[4]))
                        .noGradFn(COMPOSED).label("eval, running statistics"))
                // PyTorch 1.13 (float32): rm = zeros(2), rv = ones(2); y = F.batch_norm(x, rm, rv, w, b, training=True,
                // momentum=0.1, eps=1e-5), x the 12 values as [3, 2, 2], w = [1.5, -0.5], b = [0.1, 0.2];
                // y.backward(arange(1, 13).reshape(3, 2, 2) / 10).
                .add(Sample.of(bn, v -> Functional.batchNorm(v[0], null, null, v[1], v[2], true, 0.1, 1e-5),
                        values(new double[] {1, 2, -1, 0.5, 3, -2, 0, 1, 2, 2, 1, -1}, 3, 2, 2),
                        values(new double[] {1.5, -0.5}), values(new double[] {0.1, 0.2}))
                        .ref(v -> Nd.of(new int[] {3, 2, 2}, -0.21277105808258057, 0.7255419492721558,
                                0.8467695713043213, -0.04875752329826355, 1.663854956626892, -3.0277099609375,
                                0.2497515082359314, -0.3472665548324585, 0.7255419492721558, 0.7255419492721558,
                                -0.3472665548324585, 0.8467695713043213))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(2e-6)).noGradFn(COMPOSED)
                        .grads(tenths(12), Tolerance.abs(2e-6),
                                new double[] {-0.4181612730026245, -0.3365687429904938, 0.23407889902591705,
                                        0.22225606441497803, -0.06731364876031876, 0.0877116471529007,
                                        0.027191003784537315, -0.0005915053770877421, 0.3202503025531769,
                                        0.4140816330909729, -0.1796969324350357, -0.30323734879493713},
                                new double[] {0.12510818243026733, 0.2686580419540405}, new double[] {3.3, 4.5})
                        .label("PyTorch 1.13 values"))
                .error(ErrorCase.of("one value per channel", () -> ins(Tensor.ones(1, 3)),
                        x -> Functional.batchNorm(x[0], null, null, null, null, true, 0.1, 1e-5),
                        "more than 1 value per channel", "[1, 3]"))
                .error(ErrorCase.of("weight [2] for 3 channels", () -> ins(Tensor.ones(2, 3), Tensor.ones(2)),
                        x -> Functional.batchNorm(x[0], null, null, x[1], null, true, 0.1, 1e-5), "weight", "[3]",
                        "[2]"))
                .error(ErrorCase.of("eval without running statistics", () -> ins(Tensor.ones(2, 3)),
                        x -> Functional.batchNorm(x[0], null, null, null, null, false, 0.1, 1e-5), "running_mean"))
                .error(ErrorCase.of("1-D input", () -> ins(Tensor.ones(3)),
                        x -> Functional.batchNorm(x[0], null, null, null, null, true, 0.1, 1e-5), "[3]"))
                .error(ErrorCase.of("one value per channel, 3-D", () -> ins(Tensor.ones(1, 3, 1)),
                        x -> Functional.batchNorm(x[0], null, null, null, null, true, 0.1, 1e-5),
                        "more than 1 value per channel", "[1, 3, 1]")));

        db.add(op("groupNorm").dtypes(FLOATING).errorName("group_norm")
                .add(Sample.of("Functional.groupNorm(Tensor,int,Tensor,Tensor)",
                        v -> Functional.groupNorm(v[0], 2, v[1], v[2]), t(2, 4, 3), t(4), t(4))
                        .ref(v -> groupNorm(v[0], 2, v[1], v[2], 1e-5)).noGradFn(COMPOSED).label("2 groups"))
                .add(Sample.of("Functional.groupNorm(Tensor,int,Tensor,Tensor,double)",
                        v -> Functional.groupNorm(v[0], 3, null, null, 1e-3), t(2, 3, 2, 2))
                        .ref(v -> groupNorm(v[0], 3, null, null, 1e-3)).noGradFn(COMPOSED)
                        .label("one channel a group (instance norm), eps 1e-3"))
                // PyTorch 1.13 (float32): F.group_norm(x, 2, w, b), x the 12 values as [1, 4, 3], w = [1, 2, -1, 0.5],
                // b = [0, 1, 0, -1]; y.backward(arange(1, 13).reshape(1, 4, 3) / 10).
                .add(Sample.of("Functional.groupNorm(Tensor,int,Tensor,Tensor)",
                        v -> Functional.groupNorm(v[0], 2, v[1], v[2]),
                        values(new double[] {1, 2, -1, 0.5, 3, -2, 0, 1, 2, 2, 1, -1}, 1, 4, 3),
                        values(new double[] {1, 2, -1, 0.5}), values(new double[] {0, 1, 0, -1}))
                        .ref(v -> Nd.of(new int[] {1, 4, 3}, 0.2460334599018097, 0.836513876914978,
                                -0.9349273443222046, 0.9015865325927734, 3.8539884090423584, -2.0508153438568115,
                                0.7808653712272644, -0.15617305040359497, -1.0932114124298096, -0.4533942937850952,
                                -0.9219135046005249, -1.8589519262313843))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(2e-6)).noGradFn(COMPOSED)
                        .grads(tenths(12), Tolerance.abs(2e-6),
                                new double[] {-0.2823726236820221, -0.19244243204593658, -0.22604086995124817,
                                        0.11552256345748901, 0.31082403659820557, 0.2745093107223511,
                                        -0.6559258103370667, -0.6090751886367798, -0.5622245073318481,
                                        0.7496292591094971, 0.6559267044067383, 0.4216696321964264},
                                new double[] {-0.08857208490371704, -0.22143018245697021, 0.5622227787971497,
                                        -0.7964829206466675}, new double[] {0.6, 1.5, 2.4, 3.3})
                        .label("PyTorch 1.13 values"))
                .error(ErrorCase.of("3 channels in 2 groups", () -> ins(Tensor.ones(2, 3, 4)),
                        x -> Functional.groupNorm(x[0], 2, null, null), "number of channels 3", "num_groups 2"))
                // PyTorch 1.13: F.group_norm(x.double(), 1, None, torch.ones(3)) raises "expected scalar type Double but
                // found Float"; ours computed in float64.
                .error(ErrorCase.of("float32 bias for float64", () -> ins(Tensor.ones(new int[] {2, 3, 4},
                        DType.FLOAT64), Tensor.ones(3)), x -> Functional.groupNorm(x[0], 1, null, x[1]), "float64",
                        "float32")));

        String norm = "Functional.norm(Tensor,double,int[],boolean)";
        db.add(op("norm").dtypes(FLOATING).gradFn("NormBackward1")
                .add(normSample(t(3, 4), 2, new int[] {1}, false))
                .add(normSample(t(3, 4).transposed(), 1, new int[] {0}, true))
                .add(normSample(t(2, 3, 2), Double.POSITIVE_INFINITY, new int[] {0, 2}, false))
                .add(normSample(t(2, 3), Double.NEGATIVE_INFINITY, new int[] {1}, false))
                .add(normSample(t(2, 3, 2), 3, null, false))
                .add(normSample(t(4).in(Domain.POSITIVE), 0.5, new int[] {0}, false))
                .add(normSample(t(), 2, null, false))
                .add(normSample(t(0, 3), 2, new int[] {0}, false).label("empty: zeros"))
                .add(Sample.of("Functional.norm(Tensor,String,int[],boolean)", v -> Functional.norm(v[0], "fro",
                        new int[] {1}, true), t(2, 3)).ref(v -> Ref.reduce(v[0], new int[] {1}, true,
                        a -> pnorm(a, 2))).label("fro"))
                // PyTorch 1.13 (float32): torch.norm(x, p, 1).sum().backward(), x = [[3, -4, 0], [0, 0, 0]]: the
                // gradient at a zero vector is 0.
                .add(normValues(2, new double[] {5, 0}, new double[] {0.6, -0.8, 0, 0, 0, 0}))
                .add(normValues(1, new double[] {7, 0}, new double[] {1, -1, 0, 0, 0, 0}))
                .add(normValues(Double.POSITIVE_INFINITY, new double[] {4, 0}, new double[] {0, -1, 0, 0, 0, 0}))
                .add(normValues(3, new double[] {4.497941493988037, 0},
                        new double[] {0.4448513388633728, -0.7908468246459961, 0, 0, 0, 0}))
                // PyTorch 1.13 (float32): torch.norm(x, inf, 1).sum().backward(), x = [[1, -3, 3], [2, 0.5, -2]]: ties
                // share the gradient.
                .add(Sample.of(norm, v -> Functional.norm(v[0], Double.POSITIVE_INFINITY, new int[] {1}, false),
                        values(new double[] {1, -3, 3, 2, 0.5, -2}, 2, 3)).ref(v -> Nd.vector(3, 2))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.EXACT)
                        .grads(null, Tolerance.EXACT, new double[] {0, -0.5, 0.5, 0.5, 0, -0.5})
                        .noGrad("ties: not differentiable there").label("inf, ties, PyTorch 1.13 values"))
                // PyTorch 1.13 (float32): torch.norm(x, 0, 1), x = [[1, -3, 0], [0, 0, 2]], counts the non-zero
                // elements: [2, 1]; .sum().backward() gives zeros.
                .add(Sample.of(norm, v -> Functional.norm(v[0], 0, new int[] {1}, false),
                        values(new double[] {1, -3, 0, 0, 0, 2}, 2, 3)).ref(v -> Nd.vector(2, 1))
                        .tol(DType.FLOAT32, Tolerance.EXACT).grads(null, Tolerance.EXACT, new double[] {0, 0, 0, 0, 0, 0})
                        .noGrad("a count: piecewise constant").label("0, PyTorch 1.13 values"))
                // PyTorch 1.13 (float64): x = [[1., 2, 4], [0.5, -3, 2]]; torch.norm(x, -1.0, [1]) is
                // [0.5714285714285714, 0.3529411764705882], its .sum().backward() the gradient below; a negative order
                // is (sum |x|^p)^(1/p) as any other (torch.norm(torch.zeros(0), -1.0) is 0)
                .add(Sample.of(norm, v -> Functional.norm(v[0], -1, new int[] {1}, false),
                        values(new double[] {1, 2, 4, 0.5, -3, 2}, 2, 3))
                        .ref(v -> Nd.vector(0.5714285714285714, 0.3529411764705882)).only(DType.FLOAT64)
                        .grads(null, Tolerance.abs(1e-12), new double[] {0.32653061224489793, 0.08163265306122448,
                                0.02040816326530612, 0.49826989619377154, -0.013840830449826987,
                                0.03114186851211072}).label("p -1, PyTorch 1.13 values"))
                .add(normSample(t(2, 3).in(Domain.POSITIVE), -2.5, new int[] {1}, true))
                .add(Sample.of(norm, v -> Functional.norm(v[0], -1, null, false), t(0)).ref(v -> Nd.scalar(0))
                        .label("p -1, empty: 0 (PyTorch 1.13)"))
                // PyTorch 1.13: torch.norm(torch.ones(2), nan) is nan
                .add(Sample.of(norm, v -> Functional.norm(v[0], Double.NaN, null, false), values(new double[] {1, 1}))
                        .ref(v -> Nd.scalar(Double.NaN)).noGrad("NaN").label("p NaN, PyTorch 1.13"))
                .error(ErrorCase.of("p \"nuc\"", () -> ins(Tensor.ones(2)), x -> Functional.norm(x[0], "nuc", null,
                        false), "fro", "nuc"))
                .error(ErrorCase.of("int64", () -> ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> Functional.norm(x[0], 2, null, false), "int64"))
                .error(Fails.dim(x -> Functional.norm(x, 2, new int[] {2}, false))));

        db.add(op("normalize").dtypes(FLOATING).errorName("normalize")
                .add(Sample.of("Functional.normalize(Tensor)", v -> Functional.normalize(v[0]), t(3, 4))
                        .ref(v -> normalizeRef(v[0], 2, 1, 1e-12)).noGradFn(COMPOSED).label("defaults"))
                .add(Sample.of("Functional.normalize(Tensor,double,int,double)", v -> Functional.normalize(v[0], 1, 0,
                        1e-6), t(3, 4).transposed()).ref(v -> normalizeRef(v[0], 1, 0, 1e-6)).noGradFn(COMPOSED)
                        .label("p 1, dim 0"))
                // PyTorch 1.13 (float32): F.normalize(x).backward([[1, 2], [3, 4], [5, 6]]), x = [[3, -4], [0, 0], [1, 2]].
                .add(Sample.of("Functional.normalize(Tensor)", v -> Functional.normalize(v[0]),
                        values(new double[] {3, -4, 0, 0, 1, 2}, 3, 2))
                        .ref(v -> Nd.of(new int[] {3, 2}, 0.6, -0.8, 0, 0, 0.4472135901451111, 0.8944271802902222))
                        .only(DType.FLOAT32).noGradFn(COMPOSED)
                        .grads(new double[] {1, 2, 3, 4, 5, 6}, Tolerance.rel(1e-6), new double[] {0.32, 0.24,
                                3000000053248.0, 3999999983616.0, 0.7155418395996094, -0.3577709197998047})
                        .noGrad("a zero row: the clamp's kink").label("a zero row, PyTorch 1.13 values"))
                .error(Fails.dim(x -> Functional.normalize(x, 2, 2, 1e-12))));

        db.add(op("cosineSimilarity").dtypes(FLOATING).errorName("cosine_similarity")
                .add(Sample.of("Functional.cosineSimilarity(Tensor,Tensor)", v -> Functional.cosineSimilarity(v[0],
                        v[1]), t(3, 4), t(3, 4)).ref(v -> cosineRef(v[0], v[1])).noGradFn(COMPOSED).label("defaults"))
                .add(Sample.of("Functional.cosineSimilarity(Tensor,Tensor,int,double)",
                        v -> Functional.cosineSimilarity(v[0], v[1], 0, 1e-8), t(4, 3).transposed(), t(4, 1))
                        .ref(v -> Ref.transpose(cosineRef(Ref.transpose(v[0], 0, 1), Ref.transpose(
                                Ref.expand(v[1], 4, 3), 0, 1)).reshape(1, 3), 0, 1).reshape(3))
                        .noGradFn(COMPOSED).label("dim 0, broadcast"))
                // PyTorch 1.13 (float32): F.cosine_similarity(a, b).backward([1, 2, 3]), a = [[1, 2, 3], [0, 0, 0],
                // [-1, 0.5, 2]], b = [[2, -1, 0.5]]: the zero row's gradient is a / (|a| eps), as PyTorch's.
                .add(Sample.of("Functional.cosineSimilarity(Tensor,Tensor)", v -> Functional.cosineSimilarity(v[0],
                        v[1]), values(new double[] {1, 2, 3, 0, 0, 0, -1, 0.5, 2}, 3, 3),
                        values(new double[] {2, -1, 0.5}, 1, 3))
                        .ref(v -> Nd.vector(0.17496353387832642, 0, -0.2857142686843872))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(1e-7)).noGradFn(COMPOSED)
                        .grads(new double[] {1, 2, 3}, Tolerance.rel(1e-6),
                                new double[] {0.22078731656074524, -0.1416371464729309, 0.020828992128372192,
                                        174574304.0, -87287152.0, 43643576.0, 0.9795917868614197,
                                        -0.48979589343070984, 0.6122448444366455},
                                new double[] {-0.19490841031074524, 0.3890600800514221, 1.557753562927246})
                        .noGrad("a zero row: the clamp's kink").label("a zero row, PyTorch 1.13 values"))
                .error(ErrorCase.of("[2, 3] and [4, 3]", () -> ins(Tensor.ones(2, 3), Tensor.ones(4, 3)),
                        x -> Functional.cosineSimilarity(x[0], x[1]), "[2, 3]", "[4, 3]")));

        String sdpa = "Functional.scaledDotProductAttention(Tensor,Tensor,Tensor,Tensor,double,boolean,Double,Generator)";
        db.add(op("scaledDotProductAttention").dtypes(FLOATING).errorName("scaled_dot_product_attention")
                .add(Sample.of("Functional.scaledDotProductAttention(Tensor,Tensor,Tensor)",
                        v -> Functional.scaledDotProductAttention(v[0], v[1], v[2]), t(2, 3, 4), t(2, 5, 4), t(2, 5, 2))
                        .ref(v -> attention(v[0], v[1], v[2], null, false, 0.5)).noGradFn(COMPOSED).label("batched"))
                .add(Sample.of(sdpa, v -> Functional.scaledDotProductAttention(v[0], v[1], v[2], null, 0, true, 0.3,
                        null), t(2, 1, 4, 3), t(2, 1, 4, 3).transposed(), t(2, 1, 4, 2)).ref(v -> attention(v[0], v[1],
                        v[2], null, true, 0.3)).noGradFn(COMPOSED).label("causal, scale 0.3"))
                .add(Sample.of(sdpa, v -> Functional.scaledDotProductAttention(v[0], v[1], v[2], v[3], 0, false, null,
                        null), t(3, 4), t(5, 4), t(5, 2), t(3, 5).noGrad()).ref(v -> attention(v[0], v[1], v[2], v[3],
                        false, 0.5)).noGradFn(COMPOSED).label("float mask"))
                .add(Sample.of(sdpa, v -> Functional.scaledDotProductAttention(v[0], v[1], v[2],
                        Tensor.of(new boolean[] {true, false, true, true, true, false}, 2, 3).to(v[0].device()), 0,
                        false, null, null), t(2, 4), t(3, 4), t(3, 2)).ref(v -> attention(v[0], v[1], v[2],
                        Nd.of(new int[] {2, 3}, 0, NEG, 0, 0, 0, NEG), false, 0.5)).noGradFn(COMPOSED)
                        .label("bool mask (true: attend)"))
                // PyTorch 1.13 (float32): softmax((q @ k.T / 2).masked_fill(~tril(ones(3, 3)), -inf), -1) @ v with q, k
                // [3, 4] and v [3, 2] the values below; o.backward([[1, 2], [3, 4], [5, 6]]).
                .add(Sample.of(sdpa, v -> Functional.scaledDotProductAttention(v[0], v[1], v[2], null, 0, true, null,
                        null), values(new double[] {0.5, -1, 2, 0, 1, 1, -0.5, 0.25, 0, 2, 1, -1}, 3, 4),
                        values(new double[] {1, 0, -1, 2, 0.5, 0.5, 0.5, 0.5, -1, 2, 0, 1}, 3, 4),
                        values(new double[] {1, 2, -1, 0.5, 3, -2}, 3, 2))
                        .ref(v -> Nd.of(new int[] {3, 2}, 1, 2, 0.27406156063079834, 1.4555461406707764,
                                1.8917760848999023, -1.210782766342163))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(1e-6)).noGradFn(COMPOSED)
                        .grads(new double[] {1, 2, 3, 4, 5, 6}, Tolerance.abs(2e-6),
                                new double[] {0, 0, 0, 0, 0.6936677694320679, -0.6936676502227783, -2.081003189086914,
                                        2.081003189086914, -0.29631614685058594, 0.2963162660598755,
                                        -0.5320768356323242, 0.5320769548416138},
                                new double[] {1.3873354196548462, 1.9073011875152588, -0.4336847960948944,
                                        0.08685094118118286, -1.3873353004455566, -2.4757111072540283,
                                        0.14947974681854248, 0.19735407829284668, 0, 0.5684102177619934,
                                        0.2842051088809967, -0.2842051088809967},
                                new double[] {3.0866873264312744, 4.758837699890137, 2.386389970779419,
                                        3.0088555812835693, 3.5269224643707275, 4.232306957244873})
                        .label("causal, PyTorch 1.13 values"))
                .error(ErrorCase.of("embedding sizes 4 and 3", () -> ins(Tensor.ones(2, 4), Tensor.ones(3, 3),
                        Tensor.ones(3, 2)), x -> Functional.scaledDotProductAttention(x[0], x[1], x[2]), "[2, 4]",
                        "[3, 3]"))
                .error(ErrorCase.of("mask and causal", () -> ins(Tensor.ones(2, 4), Tensor.ones(3, 4), Tensor.ones(3, 2),
                        Tensor.ones(2, 3)), x -> Functional.scaledDotProductAttention(x[0], x[1], x[2], x[3], 0, true,
                        null, null), "is_causal"))
                .error(ErrorCase.of("dropout 1.5", () -> ins(Tensor.ones(2, 4), Tensor.ones(3, 4),
                        Tensor.ones(3, 2)), x -> Functional.scaledDotProductAttention(x[0], x[1], x[2], null, 1.5, false,
                        null, null), "between 0 and 1", "1.5"))
                .error(ErrorCase.devices(other -> ins(Tensor.ones(2, 4), Tensor.ones(3, 4).to(other), Tensor.ones(3, 2)),
                        x -> Functional.scaledDotProductAttention(x[0], x[1], x[2]))));
        return db;
    }

    private static final double NEG = Double.NEGATIVE_INFINITY;

    private static double[] tenths(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = (i + 1) / 10.0;
        }
        return out;
    }

    private static double[] evalNorm(Nd x, Nd mean, Nd var, double eps) {
        int c = x.shape[1], inner = x.numel() / (x.shape[0] * c);
        double[] out = new double[x.numel()];
        for (int i = 0; i < out.length; i++) {
            int ch = (i / inner) % c;
            out[i] = (x.data[i] - mean.data[ch]) / Math.sqrt(var.data[ch] + eps);
        }
        return out;
    }

    private static Sample normSample(In x, double p, int[] dims, boolean keepdim) {
        return Sample.of("Functional.norm(Tensor,double,int[],boolean)", v -> Functional.norm(v[0], p, dims, keepdim), x)
                .ref(v -> Ref.reduce(v[0], dims, keepdim, a -> pnorm(a, p)))
                .label("p " + p + " dims " + Arrays.toString(dims) + (keepdim ? " keepdim" : ""));
    }

    private static Sample normValues(double p, double[] norms, double[] grad) {
        return Sample.of("Functional.norm(Tensor,double,int[],boolean)",
                v -> Functional.norm(v[0], p, new int[] {1}, false), values(new double[] {3, -4, 0, 0, 0, 0}, 2, 3))
                .ref(v -> Nd.vector(norms)).only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(1e-6))
                .grads(null, Tolerance.abs(1e-6), grad).noGrad("a zero vector: not differentiable there")
                .label("p " + p + ", a zero row, PyTorch 1.13 values");
    }

    private static Nd normalizeRef(Nd x, double p, int dim, double eps) {
        Nd n = Ref.reduce(x, new int[] {dim}, true, a -> Math.max(pnorm(a, p), eps));
        return Ref.zip(x, n, (a, b) -> a / b);
    }

    /** Cosine similarity of the rows of two [M, D] arrays (b may have one row). */
    private static Nd cosineRef(Nd a, Nd b) {
        int m = a.shape[0], d = a.shape[1];
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            double[] u = Arrays.copyOfRange(a.data, i * d, i * d + d);
            int j = b.shape[0] == 1 ? 0 : i;
            double[] w = Arrays.copyOfRange(b.data, j * d, j * d + d);
            double nu = Math.max(pnorm(u, 2), 1e-8), nw = Math.max(pnorm(w, 2), 1e-8), s = 0;
            for (int k = 0; k < d; k++) {
                s += u[k] / nu * (w[k] / nw);
            }
            out[i] = s;
        }
        return Nd.vector(out).terms(null, d);
    }
}
