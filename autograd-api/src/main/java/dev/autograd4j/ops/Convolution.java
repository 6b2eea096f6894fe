package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;

import java.util.Arrays;
import java.util.List;

import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * Convolution and pooling over the last two dims: {@code conv1d}, {@code conv2d}, {@code max_pool2d},
 * {@code avg_pool2d} and {@code adaptive_avg_pool2d}, all built from one differentiable im2col.
 *
 * <p>Note [convolution as a gather]: every op here reads, for each output position {@code l} and kernel slot
 * {@code k}, one input element of the same image and channel, or a padding value. The geometry alone decides which
 * element, so the host computes once per call a table {@code table[k * L + l]} of flat offsets into the
 * {@code H * W} plane, with {@code H * W} itself standing for "padding". The input, flattened to
 * {@code [N, C, H * W]} and extended by one padding element ({@code cat}), is then read by one {@code gather} with
 * the table broadcast over {@code N} and {@code C} (stride 0): the columns {@code [N, C, K, L]}. A convolution is a
 * batched {@code matmul} of the weight {@code [G, Cout/G, C/G * K]} with the columns seen as
 * {@code [N, G, C/G * K, L]}; pooling is a {@code max} or {@code sum} over {@code K}. Nothing here has a backward of
 * its own: gather's backward is a scatter-add into zeros (col2im) whose backward is again a gather, and matmul's is
 * two matmuls, so double backward works, and every backend that has gather, scatter-add and gemm runs these ops
 * unchanged. The tables are built from shapes only; no tensor data is read on the host.
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * 2-D cross-correlation, as {@code torch.nn.functional.conv2d}: {@code out[n, o] = bias[o] + sum over the
     * channels c of group(o) and kernel offsets (i, j) of weight[o, c, i, j] * x[n, c, oh * sH - pH + i * dH,
     * ow * sW - pW + j * dW]} (zero outside the input).
     *
     * @param x input {@code [N, C, H, W]} or unbatched {@code [C, H, W]}
     * @param weight {@code [Cout, C / groups, kH, kW]}
     * @param bias {@code [Cout]} or null
     * @param stride {@code {s}} or {@code {sH, sW}}
     * @param padding {@code {p}} or {@code {pH, pW}}, zeros added on both sides
     * @param dilation {@code {d}} or {@code {dH, dW}}
     * @param groups number of channel groups, dividing {@code C} and {@code Cout}
     * @return {@code [N, Cout, Ho, Wo]} (or {@code [Cout, Ho, Wo]}), {@code Ho = (H + 2 pH - dH (kH - 1) - 1) / sH + 1}
     * @throws IllegalArgumentException for bad ranks, shapes, strides, paddings, dilations, groups, dtypes or devices
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        return conv("conv2d", 2, x, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * 1-D cross-correlation, as {@code torch.nn.functional.conv1d}: {@link #conv2d} on {@code [N, C, 1, L]}.
     *
     * @param x input {@code [N, C, L]} or unbatched {@code [C, L]}
     * @param weight {@code [Cout, C / groups, k]}
     * @param bias {@code [Cout]} or null
     * @param stride the stride
     * @param padding zeros added on both sides
     * @param dilation the spacing of the kernel's taps
     * @param groups number of channel groups
     * @return {@code [N, Cout, Lo]} (or {@code [Cout, Lo]})
     * @throws IllegalArgumentException for bad ranks, shapes, strides, paddings, dilations, groups, dtypes or devices
     */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation,
                                int groups) {
        return conv("conv1d", 1, x, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {dilation},
                groups);
    }

    /**
     * 2-D cross-correlation with padding given by name, as {@code F.conv2d(x, weight, bias, stride, padding="same")}
     * and {@code padding="valid"}: "valid" pads nothing; "same" pads so the output has the input's size, a total of
     * {@code d (k - 1)} zeros per dim, {@code total / 2} before and the rest after (an even kernel with an odd dilation
     * puts the extra zero on the right or bottom, as PyTorch does), and needs stride 1.
     *
     * @param x input {@code [N, C, H, W]} or unbatched {@code [C, H, W]}
     * @param weight {@code [Cout, C / groups, kH, kW]}
     * @param bias {@code [Cout]} or null
     * @param stride {@code {s}} or {@code {sH, sW}}; all 1 for "same"
     * @param padding "same" or "valid"
     * @param dilation {@code {d}} or {@code {dH, dW}}
     * @param groups number of channel groups, dividing {@code C} and {@code Cout}
     * @return {@code [N, Cout, H, W]} for "same"
     * @throws IllegalArgumentException for another padding string, "same" with a stride other than 1, or what
     *     {@link #conv2d(Tensor, Tensor, Tensor, int[], int[], int[], int)} rejects
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation,
                                int groups) {
        return convNamedPadding("conv2d", 2, x, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * 1-D cross-correlation with padding given by name, as {@code F.conv1d(x, weight, bias, stride, padding="same")}
     * and {@code padding="valid"}; see {@link #conv2d(Tensor, Tensor, Tensor, int[], String, int[], int)}.
     *
     * @param x input {@code [N, C, L]} or unbatched {@code [C, L]}
     * @param weight {@code [Cout, C / groups, k]}
     * @param bias {@code [Cout]} or null
     * @param stride the stride; 1 for "same"
     * @param padding "same" or "valid"
     * @param dilation the spacing of the kernel's taps
     * @param groups number of channel groups
     * @return {@code [N, Cout, L]} for "same"
     * @throws IllegalArgumentException for another padding string, "same" with a stride other than 1, or what
     *     {@link #conv1d(Tensor, Tensor, Tensor, int, int, int, int)} rejects
     */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, String padding, int dilation,
                                int groups) {
        return convNamedPadding("conv1d", 1, x, weight, bias, new int[] {stride}, padding, new int[] {dilation},
                groups);
    }

    /**
     * The paddings "same" pads per spatial dim, as PyTorch's {@code _ConvNd} computes them: {@code {before, after}}
     * with {@code before = d (k - 1) / 2}, the rest after.
     *
     * @param kernelSize the kernel's size per spatial dim
     * @param dilation the dilation per spatial dim
     * @return {@code [dims][2]} paddings
     */
    public static int[][] samePadding(int[] kernelSize, int[] dilation) {
        int[][] out = new int[kernelSize.length][];
        for (int i = 0; i < kernelSize.length; i++) {
            int total = dilation[i] * (kernelSize[i] - 1);
            out[i] = new int[] {total / 2, total - total / 2};
        }
        return out;
    }

    private static Tensor convNamedPadding(String op, int spatial, Tensor x, Tensor weight, Tensor bias,
                                           int[] strideArg, String padding, int[] dilationArg, int groups) {
        if ("valid".equals(padding)) {
            return conv(op, spatial, x, weight, bias, strideArg, new int[] {0}, dilationArg, groups);
        }
        if (!"same".equals(padding)) {
            throw Errors.argument(op, "invalid padding string '" + padding + "', should be 'same' or 'valid'");
        }
        int[] stride = pair(op, "stride", strideArg, spatial, 1);
        if (Arrays.stream(stride).anyMatch(s -> s != 1)) {
            throw Errors.argument(op, "padding='same' is not supported for strided convolutions, but got stride "
                    + Arrays.toString(strideArg));
        }
        int[] dilation = pair(op, "dilation", dilationArg, spatial, 1);
        int[] ws = view(weight).shape, xs = view(x).shape;
        if (ws.length != spatial + 2 || (xs.length != spatial + 1 && xs.length != spatial + 2)) {
            return conv(op, spatial, x, weight, bias, stride, new int[] {0}, dilation, groups); // raises
        }
        int[][] same = samePadding(Arrays.copyOfRange(ws, 2, ws.length), dilation);
        int[] before = new int[spatial], extra = new int[2 * spatial];
        boolean symmetric = true;
        for (int i = 0; i < spatial; i++) {
            before[i] = same[i][0];
            extra[2 * (spatial - 1 - i) + 1] = same[i][1] - same[i][0]; // F.pad's pairs start from the last dim
            symmetric &= same[i][1] == same[i][0];
        }
        // An asymmetric padding pads the extra zero first (PyTorch's constant_pad_nd), the rest symmetrically.
        Tensor in = symmetric ? x : Rearrange.pad(x, extra, "constant", 0);
        return conv(op, spatial, in, weight, bias, stride, before, dilation, groups);
    }

    private static Tensor conv(String op, int spatial, Tensor x, Tensor weight, Tensor bias, int[] strideArg,
                               int[] paddingArg, int[] dilationArg, int groups) {
        int[] ws = view(weight).shape, xs = view(x).shape;
        if (xs.length != spatial + 1 && xs.length != spatial + 2) {
            throw Errors.argument(op, "expected a " + (spatial + 1) + "-D (unbatched) or " + (spatial + 2)
                    + "-D (batched) input but got input of shape " + Errors.shape(xs));
        }
        if (ws.length != spatial + 2) {
            throw Errors.argument(op, "expected a " + (spatial + 2) + "-D weight but got weight of shape "
                    + Errors.shape(ws));
        }
        floating(op, x, weight, bias);
        if (ws[0] == 0) {
            throw Errors.argument(op, "expected weight to be at least 1 at dimension 0, but got weight of shape "
                    + Errors.shape(ws));
        }
        for (int d = 2; d < ws.length; d++) {
            if (ws[d] == 0) {
                throw Errors.argument(op, "kernel size should be greater than zero, but got weight of shape "
                        + Errors.shape(ws));
            }
        }
        boolean unbatched = xs.length == spatial + 1;
        int[] stride = pair(op, "stride", strideArg, spatial, 1);
        int[] padding = pair(op, "padding", paddingArg, spatial, 0);
        int[] dilation = pair(op, "dilation", dilationArg, spatial, 1);
        if (groups <= 0) {
            throw Errors.argument(op, "groups must be positive but got " + groups);
        }
        int cin = xs[unbatched ? 0 : 1], cout = ws[0];
        if (cin % groups != 0) {
            throw Errors.argument(op, "input channels " + cin + " are not divisible by groups " + groups);
        }
        if (cout % groups != 0) {
            throw Errors.argument(op, "output channels " + cout + " (weight " + Errors.shape(ws)
                    + ") are not divisible by groups " + groups);
        }
        if (ws[1] * groups != cin) {
            throw Errors.argument(op, "weight " + Errors.shape(ws) + " with groups " + groups + " expects "
                    + ws[1] * groups + " input channels, but input " + Errors.shape(xs) + " has " + cin);
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != cout)) {
            throw Errors.argument(op, "expected bias of shape [" + cout + "] for weight " + Errors.shape(ws)
                    + " but got " + Errors.shape(view(bias).shape));
        }
        Tensor in = unbatched ? x.unsqueeze(0) : x;
        Tensor w = weight;
        if (spatial == 1) { // [N, C, 1, L]: the height is 1 with stride 1, no padding, dilation 1
            in = in.unsqueeze(2);
            w = w.unsqueeze(2);
            stride = new int[] {1, stride[0]};
            padding = new int[] {0, padding[0]};
            dilation = new int[] {1, dilation[0]};
        }
        int[] is = in.shape();
        int n = is[0], h = is[2], wd = is[3], kh = w.size(2), kw = w.size(3);
        Geometry g = Geometry.sliding(op, h, wd, new int[] {kh, kw}, stride, padding, dilation, false, xs);
        int cg = cin / groups, k = kh * kw, l = g.oh * g.ow;
        Tensor wm = w.reshape(groups, cout / groups, cg * k);
        Tensor out = g.byBatch(op, in, part -> wm.matmul(g.columns(part, 0).reshape(part.size(0), groups, cg * k, l))
                .reshape(part.size(0), cout, g.oh, g.ow));
        if (bias != null) {
            out = out.add(bias.reshape(cout, 1, 1));
        }
        if (spatial == 1) {
            out = out.squeeze(2);
        }
        return unbatched ? out.squeeze(0) : out;
    }

    /**
     * 2-D max pooling, as {@code torch.nn.functional.max_pool2d}: the maximum of each window (NaN if the window holds
     * one); the gradient goes to the first maximum of each window, as PyTorch's does.
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param kernelSize {@code {k}} or {@code {kH, kW}}
     * @param stride {@code {s}} or {@code {sH, sW}}; null or empty: the kernel size
     * @param padding implicit {@code -inf} added on both sides, at most half the kernel
     * @param dilation the spacing of the window's taps
     * @param ceilMode round the output size up (a last window that starts inside the input or left padding)
     * @return the pooled values, {@code [N, C, Ho, Wo]}
     * @throws IllegalArgumentException for bad ranks, sizes, strides, paddings or dtypes
     */
    public static Tensor maxPool2d(Tensor x, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
                                   boolean ceilMode) {
        return maxPool2dWithIndices("max_pool2d", x, kernelSize, stride, padding, dilation, ceilMode).values();
    }

    /**
     * {@link #maxPool2d} with the indices of the maxima, as {@code max_pool2d(..., return_indices=True)}: each index
     * is the flat offset {@code h * W + w} of the maximum in its image's {@code H x W} plane (int64).
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param kernelSize {@code {k}} or {@code {kH, kW}}
     * @param stride {@code {s}} or {@code {sH, sW}}; null or empty: the kernel size
     * @param padding implicit {@code -inf} added on both sides, at most half the kernel
     * @param dilation the spacing of the window's taps
     * @param ceilMode round the output size up
     * @return the values and their indices, both {@code [N, C, Ho, Wo]}
     * @throws IllegalArgumentException for bad ranks, sizes, strides, paddings or dtypes
     */
    public static Tensor.ValuesIndices maxPool2dWithIndices(Tensor x, int[] kernelSize, int[] stride, int[] padding,
                                                            int[] dilation, boolean ceilMode) {
        return maxPool2dWithIndices("max_pool2d_with_indices", x, kernelSize, stride, padding, dilation, ceilMode);
    }

    private static Tensor.ValuesIndices maxPool2dWithIndices(String op, Tensor x, int[] kernelSize, int[] stride,
                                                             int[] padding, int[] dilation, boolean ceilMode) {
        Pool p = pool(op, x, kernelSize, stride, padding, dilation, ceilMode);
        Tensor values, indices;
        try (GradMode.Guard ignored = GradMode.noGrad()) { // one node below, as PyTorch records (see maxPoolBackward)
            List<Tensor.ValuesIndices> parts = p.g.pieces(op, p.in,
                    part -> p.g.columns(part, Double.NEGATIVE_INFINITY).max(2));
            Tensor.ValuesIndices m = parts.size() == 1 ? parts.get(0) : new Tensor.ValuesIndices(
                    Tensor.cat(parts.stream().map(Tensor.ValuesIndices::values).toList(), 0),
                    Tensor.cat(parts.stream().map(Tensor.ValuesIndices::indices).toList(), 0));
            int[] outShape = p.outShape();
            // The slot of the maximum names its input offset through the same table (int64, never differentiated).
            Tensor table = p.g.table(p.in).reshape(1, 1, p.g.k, p.g.oh * p.g.ow)
                    .expand(p.n, p.c, p.g.k, p.g.oh * p.g.ow);
            indices = table.gather(2, m.indices().unsqueeze(2)).reshape(outShape);
            values = m.values().reshape(outShape);
        }
        Tensor out = record("MaxPool2DWithIndicesBackward0",
                (n, g) -> new Tensor[] {maxPoolBackward(g[0], n.saved(0), n.saved(1))}, x)
                .save(x, indices).output(values);
        return new Tensor.ValuesIndices(out, indices);
    }

    /**
     * PyTorch's {@code max_pool2d_with_indices_backward}: each gradient added to the input element its window's
     * maximum came from ({@code indices}: flat offsets in each {@code H x W} plane; overlapping windows add up), as
     * a node of its own (MaxPool2DWithIndicesBackwardBackward0) over the gradient and the input. Its derivative is the
     * incoming gradient gathered at the indices for the gradient, and zeros for the input: so with createGraph the
     * first gradient requires grad whenever the input does, and a second derivative through it is 0, not an error,
     * as in PyTorch (derivatives.yaml: {@code self: zeros_like(self)}).
     */
    private static Tensor maxPoolBackward(Tensor g, Tensor x, Tensor indices) {
        int[] xs = view(x).shape, gs = view(g).shape;
        int rank = xs.length, plane = xs[rank - 2] * xs[rank - 1], cells = gs[rank - 2] * gs[rank - 1];
        int[] flatX = Arrays.copyOf(xs, rank - 1), flatG = Arrays.copyOf(gs, rank - 1);
        flatX[rank - 2] = plane;
        flatG[rank - 2] = cells;
        Tensor gx;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            gx = Tensor.zeros(flatX, g.dtype(), g.device()).scatterAdd(rank - 2, indices.reshape(flatG),
                    g.reshape(flatG)).reshape(xs);
        }
        return record("MaxPool2DWithIndicesBackwardBackward0", (n, gg) -> new Tensor[] {
            n.needsInputGrad(0) ? gg[0].reshape(flatX).gather(rank - 2, n.saved(0).reshape(flatG)).reshape(gs) : null,
            n.needsInputGrad(1) ? Tensor.zerosLike(n.saved(1)) : null}, g, x).save(indices, x).output(gx);
    }

    /**
     * 2-D average pooling, as {@code torch.nn.functional.avg_pool2d}: the mean of each window, which counts the
     * zero padding when {@code countIncludePad} (a window that {@code ceilMode} lets run past the padding is
     * divided by its size within the padded input, as PyTorch's).
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param kernelSize {@code {k}} or {@code {kH, kW}}
     * @param stride {@code {s}} or {@code {sH, sW}}; null or empty: the kernel size
     * @param padding zeros added on both sides, at most half the kernel
     * @param ceilMode round the output size up
     * @param countIncludePad whether the padding zeros count in the divisor
     * @return the pooled values, {@code [N, C, Ho, Wo]}
     * @throws IllegalArgumentException for bad ranks, sizes, strides, paddings or dtypes
     */
    public static Tensor avgPool2d(Tensor x, int[] kernelSize, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad) {
        Pool p = pool("avg_pool2d", x, kernelSize, stride, padding, new int[] {1}, ceilMode);
        double[] divisor = p.g.avgDivisor(countIncludePad);
        Tensor d = constant(divisor, x);
        return p.g.byBatch("avg_pool2d", p.in, part -> p.g.columns(part, 0).sum(2).div(d)).reshape(p.outShape());
    }

    /**
     * 2-D adaptive average pooling, as {@code torch.nn.functional.adaptive_avg_pool2d}: output cell {@code (i, j)}
     * is the mean of rows {@code [floor(i H / Ho), ceil((i + 1) H / Ho))} and the columns likewise.
     *
     * @param x {@code [N, C, H, W]} or {@code [C, H, W]}
     * @param outputSize {@code {s}} or {@code {Ho, Wo}}, positive
     * @return {@code [N, C, Ho, Wo]} (or {@code [C, Ho, Wo]})
     * @throws IllegalArgumentException for bad ranks, sizes or dtypes
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int[] outputSize) {
        String op = "adaptive_avg_pool2d";
        int[] xs = view(x).shape;
        if (xs.length != 3 && xs.length != 4) {
            throw Errors.argument(op, "expected a 3-D (unbatched) or 4-D (batched) input but got input of shape "
                    + Errors.shape(xs));
        }
        floating(op, x, null, null);
        int[] size = pair(op, "output_size", outputSize, 2, 1);
        if (xs[xs.length - 1] == 0 || xs[xs.length - 2] == 0) {
            throw Errors.argument(op, "expected an input with non-zero spatial size but got " + Errors.shape(xs));
        }
        Tensor in = xs.length == 3 ? x.unsqueeze(0) : x;
        Geometry g = Geometry.adaptive(op, in.size(2), in.size(3), size[0], size[1], xs);
        Pool p = new Pool(in, g, xs.length == 3);
        Tensor counts = constant(g.counts, x);
        return g.byBatch(op, in, part -> g.columns(part, 0).sum(2).div(counts)).reshape(p.outShape());
    }

    /** A pooling op's input (batched), geometry and whether to drop the batch dim again. */
    private static final class Pool {
        final Tensor in;
        final Geometry g;
        final boolean unbatched;
        final int n;
        final int c;

        Pool(Tensor in, Geometry g, boolean unbatched) {
            this.in = in;
            this.g = g;
            this.unbatched = unbatched;
            this.n = in.size(0);
            this.c = in.size(1);
        }

        int[] outShape() {
            return unbatched ? new int[] {c, g.oh, g.ow} : new int[] {n, c, g.oh, g.ow};
        }
    }

    private static Pool pool(String op, Tensor x, int[] kernelSize, int[] strideArg, int[] paddingArg,
                             int[] dilationArg, boolean ceilMode) {
        int[] xs = view(x).shape;
        if (xs.length != 3 && xs.length != 4) {
            throw Errors.argument(op, "expected a 3-D (unbatched) or 4-D (batched) input but got input of shape "
                    + Errors.shape(xs));
        }
        floating(op, x, null, null);
        int[] kernel = pair(op, "kernel_size", kernelSize, 2, 1);
        int[] stride = strideArg == null || strideArg.length == 0 ? kernel : pair(op, "stride", strideArg, 2, 1);
        int[] padding = pair(op, "padding", paddingArg, 2, 0);
        int[] dilation = pair(op, "dilation", dilationArg, 2, 1);
        for (int i = 0; i < 2; i++) {
            if (padding[i] > kernel[i] / 2) {
                throw Errors.argument(op, "padding " + Arrays.toString(padding) + " must be at most half of kernel size "
                        + Arrays.toString(kernel));
            }
        }
        Tensor in = xs.length == 3 ? x.unsqueeze(0) : x;
        Geometry g = Geometry.sliding(op, in.size(2), in.size(3), kernel, stride, padding, dilation, ceilMode, xs);
        return new Pool(in, g, xs.length == 3);
    }

    /**
     * Which input element each (kernel slot, output position) reads: {@code table[k * L + l]} is a flat offset into
     * the {@code h x w} plane, or {@code h * w} for padding.
     */
    private static final class Geometry {
        /** The most elements one array (and one CPU storage) holds. */
        static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
        final int h;
        final int w;
        final int oh;
        final int ow;
        final int k;
        final long[] table;
        int[] kernel;
        int[] stride;
        int[] padding;
        double[] counts;

        private Geometry(String op, int h, int w, int oh, int ow, long k, int[] inputShape) {
            // Note: shapes are ints but their products need not be; the plane (plus its padding element) and the
            // table must each fit one array, so larger inputs fail here, before anything is allocated.
            long plane = (long) h * w + 1, slots = (long) k * oh * ow;
            if (Math.max(plane, slots) > MAX_ELEMENTS) {
                throw Errors.argument(op, "input " + Errors.shape(inputShape) + " is too large: its " + h + "x" + w
                        + " plane and " + k + " kernel slots x " + oh + "x" + ow + " outputs must each be at most "
                        + MAX_ELEMENTS + " elements");
            }
            this.h = h;
            this.w = w;
            this.oh = oh;
            this.ow = ow;
            this.k = (int) k;
            this.table = new long[(int) slots];
        }

        static Geometry sliding(String op, int h, int w, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                boolean ceilMode, int[] inputShape) {
            int oh = outSize(h, kernel[0], stride[0], padding[0], dilation[0], ceilMode);
            int ow = outSize(w, kernel[1], stride[1], padding[1], dilation[1], ceilMode);
            if (oh <= 0 || ow <= 0) {
                throw Errors.argument(op, "input " + Errors.shape(inputShape) + " padded to " + (h + 2 * padding[0])
                        + "x" + (w + 2 * padding[1]) + " is smaller than the kernel " + kernel[0] + "x" + kernel[1]
                        + " dilated by " + Arrays.toString(dilation) + ": the output would be " + oh + "x" + ow);
            }
            Geometry g = new Geometry(op, h, w, oh, ow, (long) kernel[0] * kernel[1], inputShape);
            g.kernel = kernel;
            g.stride = stride;
            g.padding = padding;
            int l = oh * ow;
            for (int i = 0; i < kernel[0]; i++) {
                for (int j = 0; j < kernel[1]; j++) {
                    int slot = i * kernel[1] + j;
                    for (int y = 0; y < oh; y++) {
                        int r = y * stride[0] - padding[0] + i * dilation[0];
                        for (int x = 0; x < ow; x++) {
                            int c = x * stride[1] - padding[1] + j * dilation[1];
                            boolean inside = r >= 0 && r < h && c >= 0 && c < w;
                            g.table[slot * l + y * ow + x] = inside ? (long) r * w + c : (long) h * w;
                        }
                    }
                }
            }
            return g;
        }

        /** PyTorch's {@code pooling_output_shape}: with ceil, a last window must start inside the input or left padding. */
        static int outSize(int in, int kernel, int stride, int pad, int dilation, boolean ceilMode) {
            long span = (long) in + 2L * pad - (long) dilation * (kernel - 1) - 1;
            if (span < 0) {
                return 0;
            }
            long out = (ceilMode ? Math.floorDiv(span + stride - 1, stride) : Math.floorDiv(span, stride)) + 1;
            if (ceilMode && (out - 1) * stride >= in + pad) {
                out--;
            }
            return (int) Math.min(out, Integer.MAX_VALUE); // too large: the Geometry check reports it
        }

        static Geometry adaptive(String op, int h, int w, int oh, int ow, int[] inputShape) {
            int kh = 0, kw = 0;
            for (int y = 0; y < oh; y++) {
                kh = Math.max(kh, end(y, h, oh) - start(y, h, oh));
            }
            for (int x = 0; x < ow; x++) {
                kw = Math.max(kw, end(x, w, ow) - start(x, w, ow));
            }
            Geometry g = new Geometry(op, h, w, oh, ow, (long) kh * kw, inputShape);
            int l = oh * ow;
            Arrays.fill(g.table, (long) h * w);
            g.counts = new double[l];
            for (int y = 0; y < oh; y++) {
                int r0 = start(y, h, oh), r1 = end(y, h, oh);
                for (int x = 0; x < ow; x++) {
                    int c0 = start(x, w, ow), c1 = end(x, w, ow);
                    g.counts[y * ow + x] = (double) (r1 - r0) * (c1 - c0);
                    for (int r = r0; r < r1; r++) {
                        for (int c = c0; c < c1; c++) {
                            int slot = (r - r0) * kw + (c - c0);
                            g.table[slot * l + y * ow + x] = (long) r * w + c;
                        }
                    }
                }
            }
            return g;
        }

        private static int start(int i, int in, int out) {
            return (int) Math.floorDiv((long) i * in, out);
        }

        private static int end(int i, int in, int out) {
            return (int) -Math.floorDiv(-(long) (i + 1) * in, out);
        }

        /** avg_pool2d's divisor of each output position, as PyTorch computes it. */
        double[] avgDivisor(boolean countIncludePad) {
            double[] d = new double[oh * ow];
            for (int y = 0; y < oh; y++) {
                int h0 = y * stride[0] - padding[0], h1 = Math.min(h0 + kernel[0], h + padding[0]);
                int padded = h1 - h0;
                h0 = Math.max(h0, 0);
                h1 = Math.min(h1, h);
                for (int x = 0; x < ow; x++) {
                    int w0 = x * stride[1] - padding[1], w1 = Math.min(w0 + kernel[1], w + padding[1]);
                    int paddedW = w1 - w0;
                    w0 = Math.max(w0, 0);
                    w1 = Math.min(w1, w);
                    d[y * ow + x] = countIncludePad ? (double) padded * paddedW : (double) (h1 - h0) * (w1 - w0);
                }
            }
            return d;
        }

        /** The table on {@code x}'s device as {@code [1, 1, K * L]}, int64. */
        Tensor table(Tensor x) {
            return Factories.fromArray(table, table.length, new int[] {1, 1, table.length}, x.device());
        }

        /**
         * {@code f} applied to {@code x} ({@code [N, C, h, w]}), whose result has the batch as dim 0, in as few pieces
         * of the batch as keep each piece's {@link #columns} (and its padded copy) within one array, the results
         * joined again: so a batch whose columns pass 2^31 elements, though its input and output do not, still runs,
         * as PyTorch's per-image im2col does. One image's columns past that are an error naming {@code op}.
         */
        Tensor byBatch(String op, Tensor x, java.util.function.UnaryOperator<Tensor> f) {
            List<Tensor> parts = pieces(op, x, f);
            return parts.size() == 1 ? parts.get(0) : Tensor.cat(parts, 0);
        }

        /** {@code f} applied to each piece of the batch that {@link #byBatch} would make, in order. */
        <T> List<T> pieces(String op, Tensor x, java.util.function.Function<Tensor, T> f) {
            int n = x.size(0), c = x.size(1);
            long perImage = (long) c * Math.max((long) k * oh * ow, (long) h * w + 1);
            if (perImage > MAX_ELEMENTS) {
                throw Errors.argument(op, "input " + Errors.shape(view(x).shape) + " is too large: one image's "
                        + c + " channels x " + k + " kernel slots x " + oh + "x" + ow + " outputs are " + perImage
                        + " elements, more than " + MAX_ELEMENTS);
            }
            int piece = (int) Math.max(1, Math.min(n, MAX_ELEMENTS / perImage));
            if (piece >= n) {
                return List.of(f.apply(x));
            }
            List<T> parts = new java.util.ArrayList<>();
            for (int start = 0; start < n; start += piece) {
                parts.add(f.apply(x.narrow(0, start, Math.min(piece, n - start))));
            }
            return parts;
        }

        /**
         * The columns {@code [N, C, K, L]} of {@code x} ({@code [N, C, h, w]}): the element each slot reads, or
         * {@code pad} where it reads padding. Differentiable (cat and gather).
         */
        Tensor columns(Tensor x, double pad) {
            int n = x.size(0), c = x.size(1);
            Tensor flat = x.reshape(n, c, h * w);
            Tensor padded = Tensor.cat(List.of(flat, Tensor.full(new int[] {n, c, 1}, pad, x.dtype(), x.device())), 2);
            Tensor index = table(x).expand(n, c, table.length);
            return padded.gather(2, index).reshape(n, c, k, oh * ow);
        }
    }

    /** A host-computed divisor (from shapes only) as a tensor of {@code x}'s dtype and device. */
    private static Tensor constant(double[] values, Tensor x) {
        int[] shape = {values.length};
        if (x.dtype() == DType.FLOAT64) {
            return Factories.fromArray(values, values.length, shape, x.device());
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Factories.fromArray(f, f.length, shape, x.device()).to(x.dtype());
    }

    /** {@code {v}} or {@code {a, b}} as {@code n} values, each at least {@code min}. */
    private static int[] pair(String op, String what, int[] values, int n, int min) {
        if (values == null || (values.length != 1 && values.length != n)) {
            throw Errors.argument(op, what + " must be 1 or " + n + " values but got "
                    + (values == null ? "null" : Arrays.toString(values)));
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[values.length == 1 ? 0 : i];
            if (out[i] < min) {
                throw Errors.argument(op, what + " must be " + (min == 0 ? "non-negative" : "positive") + " but got "
                        + Arrays.toString(values));
            }
        }
        return out;
    }

    private static void floating(String op, Tensor x, Tensor weight, Tensor bias) {
        for (Tensor t : new Tensor[] {weight, bias}) {
            if (t != null) {
                Dispatch.device(op, x, t);
                if (t.dtype() != x.dtype()) {
                    throw Errors.dtypes(op, "expected input, weight and bias of one dtype", x.dtype(), t.dtype());
                }
            }
        }
        Errors.requireFloating(op, x.dtype());
    }
}
