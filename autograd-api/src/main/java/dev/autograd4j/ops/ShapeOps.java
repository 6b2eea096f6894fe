package dev.autograd4j.ops;

import dev.autograd4j.Device;
import dev.autograd4j.Tensor;
import dev.autograd4j.internal.Backward;
import dev.autograd4j.internal.Internal;
import dev.autograd4j.internal.Recorder;
import dev.autograd4j.spi.View;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.autograd4j.internal.Internal.alias;
import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * Shape ops. Most are views: a new {@link View} of the same storage, so they cost no copy and share the version
 * counter, as in PyTorch. Each backward undoes the shape change on the gradient (a reshape, the inverse permutation,
 * a sum over broadcast dims, or a zero tensor with the gradient placed into the slice).
 */
public final class ShapeOps {
    private ShapeOps() {
    }

    private static Tensor[] grads(Tensor... grads) {
        return grads;
    }

    /** A view of {@code x} with the layout {@code v}, after checking {@code x} is still open. */
    private static Tensor aliasOf(String op, Tensor x, View v) {
        Dispatch.checkLive(op, x);
        return alias(x, v);
    }

    private static Tensor recordView(Tensor x, Tensor out, String nodeName, Backward backward) {
        return record(nodeName, backward, x).output(out);
    }

    public static Tensor viewShape(Tensor x, int[] shape) {
        View v = view(x);
        int[] target = Shapes.inferShape("view", shape, v.numel());
        long[] strides = Shapes.viewStrides(v.shape, v.strides, target);
        if (strides == null) {
            throw Errors.argument("view", "view size " + Errors.shape(target) + " is not compatible with input tensor's"
                    + " size " + Errors.shape(v.shape) + " and stride " + Arrays.toString(v.strides) + " (at least one"
                    + " dimension spans across two contiguous subspaces); use reshape(...) instead");
        }
        return viewWith(x, target, strides);
    }

    private static Tensor viewWith(Tensor x, int[] target, long[] strides) {
        int[] inputShape = view(x).shape;
        Tensor out = aliasOf("view", x, view(x).with(view(x).offset, target, strides));
        return recordView(x, out, "ViewBackward0", (n, g) -> grads(g[0].reshape(inputShape)));
    }

    /** A view when the strides allow one, else a contiguous copy reshaped. */
    public static Tensor reshape(Tensor x, int[] shape) {
        View v = view(x);
        int[] target = Shapes.inferShape("reshape", shape, v.numel());
        if (Arrays.equals(target, v.shape)) {
            return x;
        }
        long[] strides = Shapes.viewStrides(v.shape, v.strides, target);
        if (strides != null) {
            return viewWith(x, target, strides);
        }
        return viewShape(x.clone(), target);
    }

    public static Tensor flatten(Tensor x, int startDim, int endDim) {
        if (x.dim() == 0) {
            return reshape(x, new int[] {1});
        }
        int s = Shapes.wrapDim("flatten", startDim, x.dim()), e = Shapes.wrapDim("flatten", endDim, x.dim());
        if (s > e) {
            throw Errors.argument("flatten", "start_dim " + startDim + " cannot come after end_dim " + endDim);
        }
        int[] shape = view(x).shape;
        int[] target = new int[shape.length - (e - s)];
        int k = 0;
        for (int d = 0; d < s; d++) {
            target[k++] = shape[d];
        }
        long merged = 1;
        for (int d = s; d <= e; d++) {
            merged *= shape[d];
        }
        if (merged > Integer.MAX_VALUE) { // a broadcast view can hold more elements than one dim
            throw Errors.argument("flatten", "dims " + s + ".." + e + " of " + Errors.shape(shape) + " hold " + merged
                    + " elements, more than a dimension can (" + Integer.MAX_VALUE + ")");
        }
        target[k++] = (int) merged;
        for (int d = e + 1; d < shape.length; d++) {
            target[k++] = shape[d];
        }
        return reshape(x, target);
    }

    public static Tensor transpose(Tensor x, int dim0, int dim1) {
        if (x.dim() == 0) {
            Shapes.wrapDim("transpose", dim0, 0);
            Shapes.wrapDim("transpose", dim1, 0);
            return x;
        }
        int a = Shapes.wrapDim("transpose", dim0, x.dim()), b = Shapes.wrapDim("transpose", dim1, x.dim());
        View v = view(x);
        int[] shape = v.shape.clone();
        long[] strides = v.strides.clone();
        shape[a] = v.shape[b];
        shape[b] = v.shape[a];
        strides[a] = v.strides[b];
        strides[b] = v.strides[a];
        Tensor out = aliasOf("transpose", x, v.with(v.offset, shape, strides));
        return recordView(x, out, "TransposeBackward0", (n, g) -> grads(g[0].transpose(a, b)));
    }

    /** The transpose of a tensor with at most 2 dims (PyTorch's {@code t()}). */
    public static Tensor t(Tensor x) {
        if (x.dim() > 2) {
            throw Errors.argument("t", "expects a tensor with <= 2 dimensions, but self is " + x.dim() + "-D");
        }
        if (x.dim() < 2) {
            return recordView(x, aliasOf("t", x, view(x)), "TBackward0", (n, g) -> grads(g[0]));
        }
        View v = view(x);
        Tensor out = aliasOf("t", x, v.with(v.offset, new int[] {v.shape[1], v.shape[0]},
                new long[] {v.strides[1], v.strides[0]}));
        return recordView(x, out, "TBackward0", (n, g) -> grads(g[0].t()));
    }

    public static Tensor permute(Tensor x, int[] dims) {
        int rank = x.dim();
        if (dims.length != rank) {
            throw Errors.argument("permute", "number of dims " + Arrays.toString(dims) + " doesn't match the tensor's "
                    + rank + " dimensions");
        }
        View v = view(x);
        int[] shape = new int[rank];
        long[] strides = new long[rank];
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int d = Shapes.wrapDim("permute", dims[i], rank);
            if (seen[d]) {
                throw Errors.argument("permute", "repeated dim " + d + " in " + Arrays.toString(dims));
            }
            seen[d] = true;
            shape[i] = v.shape[d];
            strides[i] = v.strides[d];
            inverse[d] = i;
        }
        Tensor out = aliasOf("permute", x, v.with(v.offset, shape, strides));
        return recordView(x, out, "PermuteBackward0", (n, g) -> grads(g[0].permute(inverse)));
    }

    /** Moves dimension {@code source} to position {@code destination}, keeping the others in order (a permute). */
    public static Tensor movedim(Tensor x, int source, int destination) {
        int rank = x.dim();
        int s = Shapes.wrapDim("movedim", source, rank), d = Shapes.wrapDim("movedim", destination, rank);
        if (rank == 0 || s == d) {
            return x;
        }
        int[] order = new int[rank];
        for (int i = 0, k = 0; i < rank; i++) {
            if (i == d) {
                order[i] = s;
            } else {
                if (k == s) {
                    k++;
                }
                order[i] = k++;
            }
        }
        return permute(x, order);
    }

    public static Tensor expand(Tensor x, int[] sizes) {
        View v = view(x);
        if (sizes.length < v.shape.length) {
            throw Errors.argument("expand", "the number of sizes provided (" + sizes.length + ") must be greater or"
                    + " equal to the number of dimensions in the tensor (" + v.shape.length + ")");
        }
        int lead = sizes.length - v.shape.length;
        int[] shape = new int[sizes.length];
        long[] strides = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            int want = sizes[i];
            if (i < lead) {
                if (want < 0) {
                    throw Errors.argument("expand", "the expanded size " + want + " is not allowed in a leading,"
                            + " non-existing dimension " + i);
                }
                shape[i] = want;
                strides[i] = 0;
            } else {
                int have = v.shape[i - lead];
                if (want == -1 || want == have) {
                    shape[i] = have;
                    strides[i] = v.strides[i - lead];
                } else if (have == 1 && want >= 0) {
                    shape[i] = want;
                    strides[i] = 0;
                } else {
                    throw Errors.argument("expand", "the expanded size of the tensor (" + want + ") must match the"
                            + " existing size (" + have + ") at non-singleton dimension " + i + ". Target sizes: "
                            + Arrays.toString(sizes) + ". Tensor sizes: " + Errors.shape(v.shape));
                }
            }
        }
        if (Arrays.equals(shape, v.shape)) {
            return x;
        }
        int[] inputShape = v.shape;
        Tensor out = aliasOf("expand", x, v.with(v.offset, shape, strides));
        return recordView(x, out, "ExpandBackward0", (n, g) -> grads(g[0].sumToSize(inputShape)));
    }

    /** {@code x[..., start:end:step, ...]} along {@code dim} (bounds clamped as in Python slicing, step > 0). */
    public static Tensor slice(Tensor x, int dim, int start, int end, int step, String opName) {
        if (x.dim() == 0) {
            throw Errors.argument(opName, "cannot be applied to a 0-dim tensor");
        }
        int d = Shapes.wrapDim(opName, dim, x.dim());
        View v = view(x);
        int size = v.shape[d];
        if (step <= 0) {
            throw Errors.argument(opName, "step must be positive but got " + step);
        }
        if (opName.equals("narrow")) {
            int length = end - start;
            int s = start < 0 ? start + size : start;
            if (s < 0 || s > size || length < 0 || s + length > size) {
                throw Errors.argument("narrow", "start (" + start + ") + length (" + length + ") exceeds dimension "
                        + d + " of size " + size);
            }
            start = s;
            end = s + length;
        } else {
            start = clampIndex(start, size);
            end = Math.max(start, clampIndex(end, size));
        }
        int length = (end - start + step - 1) / step;
        int[] shape = v.shape.clone();
        long[] strides = v.strides.clone();
        shape[d] = length;
        strides[d] = v.strides[d] * step;
        long offset = v.offset + (long) start * v.strides[d];
        Tensor out = aliasOf(opName, x, v.with(offset, shape, strides));
        int[] inputShape = v.shape;
        int s0 = start, e0 = end;
        return recordView(x, out, "SliceBackward0", (n, g) -> grads(sliceBackward(g[0], inputShape, d, s0, e0, step)));
    }

    private static int clampIndex(int i, int size) {
        if (i < 0) {
            i += size;
        }
        return Math.max(0, Math.min(size, i));
    }

    /** Zeros of {@code inputShape} with {@code grad} placed into the slice; its own backward slices again. */
    static Tensor sliceBackward(Tensor grad, int[] inputShape, int dim, int start, int end, int step) {
        Tensor out = Tensor.zeros(inputShape, grad.dtype(), grad.device());
        View ov = view(out);
        int[] shape = ov.shape.clone();
        long[] strides = ov.strides.clone();
        shape[dim] = (end - start + step - 1) / step;
        strides[dim] *= step;
        Dispatch.backend("slice_backward", grad).copy(ov.with(ov.offset + (long) start * ov.strides[dim], shape, strides), view(grad));
        return recordView(grad, out, "SliceBackwardBackward0",
                (n, g) -> grads(g[0].slice(dim, start, end, step)));
    }

    /** {@code x[index]} along {@code dim}: a view without that dimension. */
    public static Tensor select(Tensor x, int dim, int index) {
        if (x.dim() == 0) {
            throw Errors.argument("select", "cannot be applied to a 0-dim tensor");
        }
        int d = Shapes.wrapDim("select", dim, x.dim());
        View v = view(x);
        int size = v.shape[d];
        if (index < -size || index >= size) {
            throw Errors.argument("select", "index " + index + " is out of range for dimension " + d + " with size " + size);
        }
        int i = index < 0 ? index + size : index;
        int[] shape = new int[v.shape.length - 1];
        long[] strides = new long[shape.length];
        for (int k = 0, j = 0; k < v.shape.length; k++) {
            if (k != d) {
                shape[j] = v.shape[k];
                strides[j++] = v.strides[k];
            }
        }
        Tensor out = aliasOf("select", x, v.with(v.offset + (long) i * v.strides[d], shape, strides));
        int[] inputShape = v.shape;
        return recordView(x, out, "SelectBackward0", (n, g) -> grads(selectBackward(g[0], inputShape, d, i)));
    }

    static Tensor selectBackward(Tensor grad, int[] inputShape, int dim, int index) {
        Tensor out = Tensor.zeros(inputShape, grad.dtype(), grad.device());
        Dispatch.backend("select_backward", grad).copy(view(select(out.detach(), dim, index)), view(grad));
        return recordView(grad, out, "SelectBackwardBackward0", (n, g) -> grads(g[0].select(dim, index)));
    }

    /**
     * The window of a contiguous tensor {@code x} with the given shape, strides and offset (in elements from x's
     * first), as a view (PyTorch's {@code as_strided}, for the library: CopySlices and regenerated view histories).
     * Its backward places the gradient back into a zero tensor of x's shape ({@link #scatterStrided}).
     */
    public static Tensor asStrided(Tensor x, int[] shape, long[] strides, long offset) {
        View v = view(x);
        if (!v.isContiguous()) {
            throw Errors.argument("as_strided", "expects a contiguous tensor, got shape " + Errors.shape(v.shape)
                    + " with strides " + Arrays.toString(v.strides));
        }
        int[] inputShape = v.shape;
        Tensor out = aliasOf("as_strided", x, v.with(v.offset + offset, shape, strides));
        return recordView(x, out, "AsStridedBackward0",
                (n, g) -> grads(scatterStrided(g[0], inputShape, shape, strides, offset)));
    }

    /**
     * A zero tensor of {@code baseShape} (contiguous) with {@code grad} written into the window of the given shape,
     * strides and offset: the backward of {@link #asStrided}. Where the window repeats elements (a stride-0
     * dimension, an expanded view), the gradient is summed over the repeats first, so each element of the base gets
     * the sum of the gradients of the window elements that read it.
     */
    public static Tensor scatterStrided(Tensor grad, int[] baseShape, int[] shape, long[] strides, long offset) {
        int[] repeated = new int[shape.length];
        int r = 0;
        for (int d = 0; d < shape.length; d++) {
            if (strides[d] == 0 && shape[d] > 1) {
                repeated[r++] = d;
            }
        }
        boolean summed = r > 0;
        Tensor g = summed ? grad.sum(Arrays.copyOf(repeated, r), true) : grad;
        int[] placed = view(g).shape;
        Tensor out = Tensor.zeros(baseShape, g.dtype(), g.device());
        View ov = view(out);
        Dispatch.backend("as_strided_backward", g).copy(ov.with(ov.offset + offset, placed, strides), view(g));
        Recorder node = record("AsStridedBackwardBackward0", (n, gg) -> {
            Tensor window = asStrided(gg[0].contiguous(), placed, strides, offset);
            return grads(summed ? window.expand(shape) : window);
        }, grad);
        return node.output(out);
    }

    /** Removes size-1 dims: all of them ({@code dim == null}) or just {@code dim} if it has size 1. */
    public static Tensor squeeze(Tensor x, Integer dim) {
        View v = view(x);
        int[] inputShape = v.shape;
        boolean[] drop = new boolean[inputShape.length];
        if (dim == null) {
            for (int d = 0; d < inputShape.length; d++) {
                drop[d] = inputShape[d] == 1;
            }
        } else {
            int d = Shapes.wrapDim("squeeze", dim, x.dim());
            if (x.dim() == 0 || inputShape[d] != 1) {
                return x;
            }
            drop[d] = true;
        }
        int n = 0;
        for (boolean b : drop) {
            if (!b) {
                n++;
            }
        }
        if (n == inputShape.length) {
            return x;
        }
        int[] shape = new int[n];
        long[] strides = new long[n];
        for (int d = 0, j = 0; d < inputShape.length; d++) {
            if (!drop[d]) {
                shape[j] = inputShape[d];
                strides[j++] = v.strides[d];
            }
        }
        Tensor out = aliasOf("squeeze", x, v.with(v.offset, shape, strides));
        return recordView(x, out, dim == null ? "SqueezeBackward0" : "SqueezeBackward1",
                (n2, g) -> grads(g[0].reshape(inputShape)));
    }

    public static Tensor unsqueeze(Tensor x, int dim) {
        View v = view(x);
        int rank = v.shape.length;
        if (dim < -(rank + 1) || dim > rank) {
            throw Errors.dimOutOfRange("unsqueeze", dim, rank + 1);
        }
        int d = dim < 0 ? dim + rank + 1 : dim;
        int[] shape = new int[rank + 1];
        long[] strides = new long[rank + 1];
        for (int k = 0, j = 0; k <= rank; k++) {
            if (k == d) {
                shape[k] = 1;
                strides[k] = k < rank ? v.strides[k] * v.shape[k] : 1;
            } else {
                shape[k] = v.shape[j];
                strides[k] = v.strides[j++];
            }
        }
        Tensor out = aliasOf("unsqueeze", x, v.with(v.offset, shape, strides));
        return recordView(x, out, "UnsqueezeBackward0", (n, g) -> grads(g[0].squeeze(d)));
    }

    /**
     * Joins along {@code dim}; each input's gradient is its slice of the output's. As PyTorch (its legacy rule), a
     * 1-D tensor of size 0 is left out of the shape checks and the copy (it still counts for the dtype and device),
     * so results can be collected starting from {@code zeros(0)}; it gets an empty gradient.
     */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw Errors.argument("cat", "expected a non-empty list of tensors");
        }
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).dim() == 0) {
                throw Errors.argument("cat", "zero-dimensional tensor (at position " + i + ") cannot be concatenated");
            }
        }
        Tensor first = tensors.stream().filter(t -> !skippedByCat(t)).findFirst().orElse(tensors.get(0));
        int d = Shapes.wrapDim("cat", dim, first.dim());
        int[] shape = view(first).shape.clone();
        Device device = first.device();
        var type = first.dtype();
        long total = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            Dispatch.device("cat", first, t);
            type = dev.autograd4j.DType.promote(type, t.dtype());
            if (skippedByCat(t) && t != first) {
                continue;
            }
            int[] s = view(t).shape;
            if (s.length != shape.length) {
                throw Errors.argument("cat", "tensors must have the same number of dimensions: got " + shape.length
                        + " and " + s.length + " (tensor " + i + ")");
            }
            for (int k = 0; k < s.length; k++) {
                if (k != d && s[k] != shape[k]) {
                    throw Errors.argument("cat", "sizes of tensors must match except in dimension " + d + ": expected "
                            + "size " + shape[k] + " but got size " + s[k] + " for tensor " + i + " in dimension " + k);
                }
            }
            total += s[d];
        }
        if (total > Integer.MAX_VALUE) {
            throw Errors.argument("cat", "the result would have " + total + " entries in dimension " + d
                    + ", more than a dimension can (" + Integer.MAX_VALUE + ")");
        }
        shape[d] = (int) total;
        Tensor out = Dispatch.empty(shape, type, device);
        View ov = view(out);
        int offset = 0;
        int[] sizes = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (skippedByCat(t) && t != first) {
                sizes[i] = -1;
                continue;
            }
            int[] s = view(t).shape;
            sizes[i] = s[d];
            Dispatch.backend("cat", t).copy(ov.with(ov.offset + (long) offset * ov.strides[d], s, ov.strides), view(t));
            offset += s[d];
        }
        return record("CatBackward0", (n, g) -> {
            Tensor[] result = new Tensor[sizes.length];
            int start = 0;
            for (int i = 0; i < sizes.length; i++) {
                if (sizes[i] < 0) {
                    result[i] = n.needsInputGrad(i) ? Tensor.zeros(new int[] {0}, g[0].dtype(), g[0].device()) : null;
                    continue;
                }
                if (n.needsInputGrad(i)) {
                    result[i] = g[0].narrow(d, start, sizes[i]);
                }
                start += sizes[i];
            }
            return result;
        }, tensors.toArray(new Tensor[0])).output(out);
    }

    /** A tensor of shape [0], which cat leaves out as PyTorch's legacy rule does. */
    private static boolean skippedByCat(Tensor t) {
        return t.dim() == 1 && t.size(0) == 0;
    }

    /** {@code torch.unflatten(x, dim, sizes)}: dim split into {@code sizes} (one may be -1), as a view. */
    public static Tensor unflatten(Tensor x, int dim, int[] sizes) {
        Dispatch.checkLive("unflatten", x);
        int d = Shapes.wrapDimNoScalar("unflatten", dim, x.dim());
        if (sizes.length == 0) {
            throw Errors.argument("unflatten", "sizes must be non-empty");
        }
        int size = x.dim() == 0 ? 1 : x.size(d), inferred = -1;
        long product = 1;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (sizes[i] < 0) {
                throw Errors.argument("unflatten", "invalid sizes " + Arrays.toString(sizes)
                        + ": only one dimension can be inferred, and no size may be negative");
            } else {
                product *= sizes[i];
            }
        }
        int[] resolved = sizes.clone();
        if (inferred >= 0 && product != 0 && size % product == 0) {
            resolved[inferred] = (int) (size / product);
            product = size;
        }
        if (product != size) {
            throw Errors.argument("unflatten", "provided sizes " + Arrays.toString(sizes) + " don't multiply up to the"
                    + " size of dim " + dim + " (" + size + ") in the input tensor");
        }
        int[] shape = view(x).shape, out = new int[Math.max(shape.length, 1) - 1 + resolved.length];
        System.arraycopy(shape, 0, out, 0, d);
        System.arraycopy(resolved, 0, out, d, resolved.length);
        if (shape.length > 0) {
            System.arraycopy(shape, d + 1, out, d + resolved.length, shape.length - d - 1);
        }
        return viewShape(x, out);
    }

    /** The tensors with at least {@code rank} dims, as torch.atleast_1d/2d/3d pad them. */
    private static List<Tensor> atLeast(String op, List<Tensor> tensors, int rank) {
        if (tensors.isEmpty()) {
            throw Errors.argument(op, "expects a non-empty list of tensors");
        }
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : tensors) {
            Dispatch.checkLive(op, t);
            int[] s = t.shape();
            int[] shape = switch (Math.min(s.length, rank)) {
                case 0 -> rank == 1 ? new int[] {1} : rank == 2 ? new int[] {1, 1} : new int[] {1, 1, 1};
                case 1 -> rank == 1 ? s : rank == 2 ? new int[] {1, s[0]} : new int[] {1, s[0], 1};
                case 2 -> rank == 2 ? s : new int[] {s[0], s[1], 1};
                default -> s;
            };
            out.add(shape == s ? t : t.reshape(shape));
        }
        return out;
    }

    /** {@code torch.hstack}: 1-D tensors end to end, others along dim 1. */
    public static Tensor hstack(List<Tensor> tensors) {
        List<Tensor> ts = atLeast("hstack", tensors, 1);
        return cat(ts, ts.get(0).dim() == 1 ? 0 : 1);
    }

    /** {@code torch.vstack}: along dim 0, a 1-D tensor counting as one row. */
    public static Tensor vstack(List<Tensor> tensors) {
        return cat(atLeast("vstack", tensors, 2), 0);
    }

    /** {@code torch.dstack}: along dim 2, after torch.atleast_3d. */
    public static Tensor dstack(List<Tensor> tensors) {
        return cat(atLeast("dstack", tensors, 3), 2);
    }

    /**
     * {@code torch.meshgrid(*tensors, indexing)}: 0-d or 1-D tensors of one dtype and device, each expanded along
     * its own dim of the grid; "xy" swaps the first two dims of the grid.
     */
    public static List<Tensor> meshgrid(String indexing, Tensor... tensors) {
        if (!"ij".equals(indexing) && !"xy".equals(indexing)) {
            throw Errors.argument("meshgrid", "indexing must be one of \"xy\" or \"ij\", but received: " + indexing);
        }
        if (tensors.length == 0) {
            throw Errors.argument("meshgrid", "expects a non-empty list of tensors");
        }
        int k = tensors.length;
        int[] axis = new int[k], grid = new int[k];
        for (int i = 0; i < k; i++) {
            Tensor t = tensors[i];
            Dispatch.checkLive("meshgrid", t);
            Dispatch.device("meshgrid", tensors[0], t);
            if (t.dim() > 1) {
                throw Errors.argument("meshgrid", "expected 0D or 1D tensor in the tensor list but got a tensor of "
                        + "shape " + Errors.shape(t.shape()));
            }
            if (t.dtype() != tensors[0].dtype()) {
                throw Errors.dtypes("meshgrid", "expects all tensors to have the same dtype", tensors[0].dtype(),
                        t.dtype());
            }
            axis[i] = "xy".equals(indexing) && k >= 2 && i < 2 ? 1 - i : i;
            grid[axis[i]] = (int) t.numel();
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int[] shape = new int[k];
            Arrays.fill(shape, 1);
            shape[axis[i]] = grid[axis[i]];
            out.add(tensors[i].reshape(shape).expand(grid));
        }
        return out;
    }

    /** Joins equal-shaped tensors along a new dimension {@code dim}; StackBackward0 hands each its slice. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw Errors.argument("stack", "expected a non-empty list of tensors");
        }
        int[] shape = view(tensors.get(0)).shape;
        for (int i = 1; i < tensors.size(); i++) {
            if (!Arrays.equals(shape, view(tensors.get(i)).shape)) {
                throw Errors.argument("stack", "expects each tensor to be equal size, but got " + Errors.shape(shape)
                        + " at entry 0 and " + Errors.shape(view(tensors.get(i)).shape) + " at entry " + i);
            }
        }
        if (dim < -(shape.length + 1) || dim > shape.length) {
            throw Errors.dimOutOfRange("stack", dim, shape.length + 1);
        }
        int d = dim < 0 ? dim + shape.length + 1 : dim;
        List<Tensor> expanded = new ArrayList<>(tensors.size());
        try (dev.autograd4j.GradMode.Guard ignored = dev.autograd4j.GradMode.noGrad()) {
            for (Tensor t : tensors) {
                expanded.add(t.unsqueeze(d));
            }
        }
        Tensor out = cat(expanded, d).detach();
        int count = tensors.size();
        return record("StackBackward0", (n, g) -> {
            Tensor[] result = new Tensor[count];
            for (int i = 0; i < count; i++) {
                if (n.needsInputGrad(i)) {
                    result[i] = g[0].select(d, i);
                }
            }
            return result;
        }, tensors.toArray(new Tensor[0])).output(out);
    }

    public static List<Tensor> split(Tensor x, int size, int dim) {
        requireDims("split", x);
        int d = Shapes.wrapDim("split", dim, x.dim());
        int total = x.size(d);
        if (size < 0) {
            throw Errors.argument("split", "split expects split_size be non-negative, but got split_size=" + size);
        }
        if (size == 0 && total != 0) {
            throw Errors.argument("split", "split_size can only be 0 if dimension size is 0, but got dimension size of "
                    + total);
        }
        List<Tensor> parts = new ArrayList<>();
        for (int start = 0; start < total || (total == 0 && parts.isEmpty()); start += size) {
            parts.add(x.narrow(d, start, Math.min(size, total - start)));
            if (total == 0) {
                break;
            }
        }
        return Internal.markMultiOutputViews(parts);
    }

    public static List<Tensor> chunk(Tensor x, int chunks, int dim) {
        if (chunks <= 0) {
            throw Errors.argument("chunk", "number of chunks must be positive but got " + chunks);
        }
        requireDims("chunk", x);
        int d = Shapes.wrapDim("chunk", dim, x.dim());
        if (x.size(d) == 0) {
            // PyTorch gives `chunks` empty pieces here, where split gives one.
            return Internal.markMultiOutputViews(java.util.Collections.nCopies(chunks, x).stream()
                    .map(t -> t.narrow(d, 0, 0)).toList());
        }
        int size = (x.size(d) + chunks - 1) / chunks;
        return split(x, size, d);
    }

    /** PyTorch's check before splitting: a 0-d tensor has no dim to split. */
    static void requireDims(String op, Tensor x) {
        if (x.dim() == 0) {
            throw Errors.argument(op, op + " expects at least a 1-dimensional tensor");
        }
    }
}
