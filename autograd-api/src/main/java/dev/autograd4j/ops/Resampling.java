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
     * </ul>
     */
    public static Tensor interpolate(Tensor x, int[] size, double[] scale, String mode, boolean alignCorners) {
        String op = "interpolate";
        boolean nearest = "nearest".equals(mode);
        if (!nearest && !"linear".equals(mode) && !"bilinear".equals(mode)) {
            throw Errors.argument(op, "mode \"" + mode + "\" is not supported; nearest, linear and bilinear are");
        }
        if (nearest && alignCorners) {
            throw Errors.argument(op, "align_corners option can only be set with the interpolating modes: linear | "
                    + "bilinear");
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
            out = nearest ? nearestAlong(out, dim, in, o, scale == null ? null : scale[d])
                    : linearAlong(out, dim, in, o, scale == null ? null : scale[d], alignCorners);
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

    /** PyTorch's area_pixel_compute_scale and source index for the linear modes, in the dtype's precision. */
    private static Tensor linearAlong(Tensor x, int dim, int in, int o, Double scale, boolean alignCorners) {
        boolean f32 = x.dtype() == DType.FLOAT32;
        double s = alignCorners ? (o > 1 ? (double) (in - 1) / (o - 1) : 0)
                : scale != null ? 1.0 / scale : (double) in / o;
        if (f32) {
            s = (float) s;
        }
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
