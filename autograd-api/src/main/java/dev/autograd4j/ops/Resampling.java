package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

/**
 * The 1-D pools, nearest and (bi)linear resizing and pixel shuffling, built from the 2-D pools, index_select and views
 * (so every backend runs them and their gradients are those ops'): {@code max_pool1d}/{@code avg_pool1d} are the 2-D
 * pools over a height of 1, as PyTorch computes them; {@code interpolate} selects source rows and columns with PyTorch's index
 * rules (and weighs two neighbours per dim for the linear modes); {@code pixel_shuffle} and {@code pixel_unshuffle} are a reshape, a permute and
 * a reshape.
 */
public final class Resampling {
    private Resampling() {
    }

    /** {@code F.max_pool1d} of {@code [N, C, L]} or {@code [C, L]}: the 2-D pool over a height of 1. */
    public static Tensor maxPool1d(Tensor x, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
        check1d("max_pool1d", x);
        return Convolution.maxPool2d(x.unsqueeze(-2), new int[] {1, kernel}, new int[] {1, stride},
                new int[] {0, padding}, new int[] {1, dilation}, ceilMode).squeeze(-2);
    }

    /** {@code F.avg_pool1d} of {@code [N, C, L]} or {@code [C, L]}: the 2-D pool over a height of 1. */
    public static Tensor avgPool1d(Tensor x, int kernel, int stride, int padding, boolean ceilMode,
                                   boolean countIncludePad) {
        check1d("avg_pool1d", x);
        return Convolution.avgPool2d(x.unsqueeze(-2), new int[] {1, kernel}, new int[] {1, stride},
                new int[] {0, padding}, ceilMode, countIncludePad).squeeze(-2);
    }

    private static void check1d(String op, Tensor x) {
        Dispatch.checkLive(op, x);
        if (x.dim() != 2 && x.dim() != 3) {
            throw Errors.argument(op, "expected a 2-D or 3-D input [C, L] or [N, C, L], got " + Errors.shape(x.shape()));
        }
    }

    /**
     * {@code F.interpolate(x, size, scale_factor, mode, align_corners)} of {@code [N, C, L]} or {@code [N, C, H, W]};
     * exactly one of {@code size} and {@code scale} is non-null, with one entry per spatial dim. Modes:
     * <ul>
     *   <li>"nearest": output index {@code o} reads {@code min(floor(o * s), in - 1)} with PyTorch's float {@code s}
     *       ({@code 1 / scale} where a scale factor is given, else {@code in / out});</li>
     *   <li>"linear" (3-D) and "bilinear" (4-D): each spatial dim in turn, {@code (1 - l) x[i0] + l x[i1]} at PyTorch's
     *       source index ({@code o (in - 1) / (out - 1)} with align_corners, else
     *       {@code max((o + 0.5) s - 0.5, 0)}); bilinear is separable, so this is its value.</li>
     *   <li>"bicubic" (4-D): each spatial dim in turn, four neighbours {@code floor(src) - 1 .. floor(src) + 2}
     *       (clamped to the input) weighted by Keys' cubic convolution with {@code A = -0.75} at {@code t = src -
     *       floor(src)}, the source index as for the linear modes but not clamped at 0, as PyTorch's
     *       {@code upsample_bicubic2d}; separable likewise. It can overshoot the input's range.</li>
     * </ul>
     */
    public static Tensor interpolate(Tensor x, int[] size, double[] scale, String mode, boolean alignCorners) {
        String op = "interpolate";
        boolean nearest = "nearest".equals(mode), cubic = "bicubic".equals(mode);
        if (!nearest && !cubic && !"linear".equals(mode) && !"bilinear".equals(mode)) {
            throw Errors.argument(op, "mode \"" + mode + "\" is not supported; nearest, linear, bilinear and bicubic "
                    + "are");
        }
        if (nearest && alignCorners) {
            throw Errors.argument(op, "align_corners option can only be set with the interpolating modes: linear | "
                    + "bilinear | bicubic | trilinear");
        }
        Dispatch.checkLive(op, x);
        int spatial = x.dim() - 2;
        int wanted = nearest ? spatial : "linear".equals(mode) ? 1 : 2;
        if ((spatial != 1 && spatial != 2) || spatial != wanted) {
            throw Errors.argument(op, "mode " + mode + " supports " + (nearest ? "3-D and 4-D inputs ([N, C, L], "
                    + "[N, C, H, W])" : wanted == 1 ? "3-D inputs [N, C, L]" : "4-D inputs [N, C, H, W]") + ", got "
                    + Errors.shape(x.shape()));
        }
        if (!nearest) {
            Errors.requireFloating(op, x.dtype());
        }
        if ((size == null) == (scale == null)) {
            throw Errors.argument(op, "exactly one of size and scale_factor must be given");
        }
        int given = size != null ? size.length : scale.length;
        if (given != spatial) {
            throw Errors.argument(op, "expected " + spatial + " output sizes or scale factors for input "
                    + Errors.shape(x.shape()) + ", got " + given);
        }
        Tensor out = x;
        for (int d = 0; d < spatial; d++) {
            int dim = 2 + d, in = x.size(dim);
            int o;
            if (size != null) {
                o = size[d];
            } else {
                if (!(scale[d] > 0)) {
                    throw Errors.argument(op, "scale factors must be positive, got " + scale[d]);
                }
                o = (int) Math.floor(in * scale[d]);
            }
            if (o <= 0) {
                throw Errors.argument(op, "input and output sizes should be greater than 0, but got input "
                        + Errors.shape(x.shape()) + " and output size " + o + " at spatial dim " + d);
            }
            Double factor = scale == null ? null : scale[d];
            out = nearest ? nearestAlong(out, dim, in, o, factor) : cubic ? cubicAlong(out, dim, in, o, factor,
                    alignCorners) : linearAlong(out, dim, in, o, factor, alignCorners);
        }
        return out;
    }

    private static Tensor nearestAlong(Tensor x, int dim, int in, int o, Double scale) {
        float s = scale != null ? (float) (1.0 / scale) : (float) in / o;
        long[] index = new long[o];
        for (int i = 0; i < o; i++) {
            index[i] = o == in ? i : Math.min((long) Math.floor(i * s), in - 1);
        }
        return x.indexSelect(dim, Tensor.of(index, o).to(x.device()));
    }

    /** PyTorch's area_pixel_compute_scale, rounded to float for float32 as its opmath is. */
    private static double sourceScale(int in, int o, Double scale, boolean alignCorners, boolean f32) {
        double s = alignCorners ? (o > 1 ? (double) (in - 1) / (o - 1) : 0)
                : scale != null ? 1.0 / scale : (double) in / o;
        return f32 ? (float) s : s;
    }

    /** PyTorch's area_pixel_compute_scale and source index for the linear modes, in the dtype's precision. */
    private static Tensor linearAlong(Tensor x, int dim, int in, int o, Double scale, boolean alignCorners) {
        boolean f32 = x.dtype() == DType.FLOAT32;
        double s = sourceScale(in, o, scale, alignCorners, f32);
        long[] lo = new long[o], hi = new long[o];
        double[] lambda = new double[o];
        for (int i = 0; i < o; i++) {
            double src = f32 ? (alignCorners ? (float) s * i : Math.max((float) s * (i + 0.5f) - 0.5f, 0f))
                    : alignCorners ? s * i : Math.max(s * (i + 0.5) - 0.5, 0);
            int i0 = (int) src;
            lo[i] = i0;
            hi[i] = Math.min(i0 + 1, in - 1);
            lambda[i] = f32 ? (float) (src - i0) : src - i0;
        }
        int[] column = new int[x.dim()];
        java.util.Arrays.fill(column, 1);
        column[dim] = o;
        Tensor l = Tensor.of(lambda, o).to(x.dtype()).to(x.device()).reshape(column);
        Tensor x0 = x.indexSelect(dim, Tensor.of(lo, o).to(x.device()));
        Tensor x1 = x.indexSelect(dim, Tensor.of(hi, o).to(x.device()));
        return x0.mul(l.rsub(1.0)).add(x1.mul(l));
    }

    /**
     * PyTorch's bicubic taps along one dim: for each output {@code o}, source {@code src} (not clamped at 0),
     * {@code i = floor(src)}, {@code t = src - i}, and the inputs {@code i - 1 .. i + 2} (clamped to the input)
     * weighted by {@code W(t + 1), W(t), W(1 - t), W(2 - t)}, Keys' kernel with {@code A = -0.75}; in float arithmetic
     * for float32, as PyTorch's opmath.
     */
    private static Tensor cubicAlong(Tensor x, int dim, int in, int o, Double scale, boolean alignCorners) {
        boolean f32 = x.dtype() == DType.FLOAT32;
        double s = sourceScale(in, o, scale, alignCorners, f32);
        long[][] taps = new long[4][o];
        double[][] weights = new double[4][o];
        for (int i = 0; i < o; i++) {
            double src = f32 ? (alignCorners ? (float) s * i : (float) s * (i + 0.5f) - 0.5f)
                    : alignCorners ? s * i : s * (i + 0.5) - 0.5;
            long i0 = (long) Math.floor(src);
            double t = f32 ? (float) (src - i0) : src - i0;
            double[] w = f32 ? new double[] {cubicFar((float) t + 1f), cubicNear((float) t), cubicNear(1f - (float) t),
                cubicFar(2f - (float) t)} : new double[] {cubicFar(t + 1), cubicNear(t), cubicNear(1 - t), cubicFar(2 - t)};
            for (int k = 0; k < 4; k++) {
                taps[k][i] = Math.max(Math.min(i0 - 1 + k, in - 1), 0);
                weights[k][i] = w[k];
            }
        }
        int[] column = new int[x.dim()];
        java.util.Arrays.fill(column, 1);
        column[dim] = o;
        Tensor out = null;
        for (int k = 0; k < 4; k++) {
            Tensor wk = Tensor.of(weights[k], o).to(x.dtype()).to(x.device()).reshape(column);
            Tensor term = x.indexSelect(dim, Tensor.of(taps[k], o).to(x.device())).mul(wk);
            out = out == null ? term : out.add(term);
        }
        return out;
    }

    private static final double CUBIC_A = -0.75;

    /** Keys' kernel for {@code |x| <= 1}: PyTorch's cubic_convolution1. */
    private static double cubicNear(double x) {
        return ((CUBIC_A + 2) * x - (CUBIC_A + 3)) * x * x + 1;
    }

    /** Keys' kernel for {@code 1 < |x| < 2}: PyTorch's cubic_convolution2. */
    private static double cubicFar(double x) {
        return ((CUBIC_A * x - 5 * CUBIC_A) * x + 8 * CUBIC_A) * x - 4 * CUBIC_A;
    }

    /** As {@link #cubicNear(double)}, rounded as float arithmetic rounds it. */
    private static double cubicNear(float x) {
        float a = (float) CUBIC_A;
        return ((a + 2) * x - (a + 3)) * x * x + 1;
    }

    /** As {@link #cubicFar(double)}, rounded as float arithmetic rounds it. */
    private static double cubicFar(float x) {
        float a = (float) CUBIC_A;
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
    }

    /** {@code F.pixel_shuffle}: {@code [*, C r^2, H, W]} to {@code [*, C, H r, W r]}. */
    public static Tensor pixelShuffle(Tensor x, int r) {
        String op = "pixel_shuffle";
        Dispatch.checkLive(op, x);
        if (x.dim() < 3 || r <= 0) {
            throw Errors.argument(op, "expects an input of at least 3 dims and a positive upscale factor, got "
                    + Errors.shape(x.shape()) + " and " + r);
        }
        int n = x.dim(), c = x.size(-3), h = x.size(-2), w = x.size(-1);
        if (c % (r * r) != 0) {
            throw Errors.argument(op, "expects its input's 'channel' dimension to be divisible by the square of "
                    + "upscale_factor, but input.size(-3)=" + c + " is not divisible by " + r * r);
        }
        int[] lead = java.util.Arrays.copyOf(x.shape(), n - 3);
        int oc = c / (r * r);
        Tensor split = x.reshape(concat(lead, oc, r, r, h, w));
        int k = lead.length;
        int[] perm = new int[k + 5];
        for (int i = 0; i < k; i++) {
            perm[i] = i;
        }
        perm[k] = k;         // C
        perm[k + 1] = k + 3; // H
        perm[k + 2] = k + 1; // r (rows)
        perm[k + 3] = k + 4; // W
        perm[k + 4] = k + 2; // r (columns)
        return split.permute(perm).reshape(concat(lead, oc, h * r, w * r));
    }

    /** {@code F.pixel_unshuffle}: {@code [*, C, H r, W r]} to {@code [*, C r^2, H, W]}, pixel_shuffle's inverse. */
    public static Tensor pixelUnshuffle(Tensor x, int r) {
        String op = "pixel_unshuffle";
        Dispatch.checkLive(op, x);
        if (x.dim() < 3 || r <= 0) {
            throw Errors.argument(op, "expects an input of at least 3 dims and a positive downscale factor, got "
                    + Errors.shape(x.shape()) + " and " + r);
        }
        int n = x.dim(), c = x.size(-3), h = x.size(-2), w = x.size(-1);
        if (h % r != 0) {
            throw Errors.argument(op, "expects height to be divisible by downscale_factor, but input.size(-2)=" + h
                    + " is not divisible by " + r);
        }
        if (w % r != 0) {
            throw Errors.argument(op, "expects width to be divisible by downscale_factor, but input.size(-1)=" + w
                    + " is not divisible by " + r);
        }
        int[] lead = java.util.Arrays.copyOf(x.shape(), n - 3);
        int k = lead.length;
        Tensor split = x.reshape(concat(lead, c, h / r, r, w / r, r));
        int[] perm = new int[k + 5];
        for (int i = 0; i < k; i++) {
            perm[i] = i;
        }
        perm[k] = k;         // C
        perm[k + 1] = k + 2; // r (rows)
        perm[k + 2] = k + 4; // r (columns)
        perm[k + 3] = k + 1; // H / r
        perm[k + 4] = k + 3; // W / r
        return split.permute(perm).reshape(concat(lead, c * r * r, h / r, w / r));
    }

    private static int[] concat(int[] lead, int... rest) {
        int[] out = java.util.Arrays.copyOf(lead, lead.length + rest.length);
        System.arraycopy(rest, 0, out, lead.length, rest.length);
        return out;
    }
}
