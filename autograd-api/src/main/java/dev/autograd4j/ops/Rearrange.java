package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.internal.Internal;
import dev.autograd4j.spi.View;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static dev.autograd4j.internal.Internal.alias;
import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * Ops that move elements around: flip, roll, repeat, diag, unfold, pad, split by sizes, unbind, movedim with lists.
 *
 * <p>Note [Composed forwards]: most of these compose their forward from other ops (index_select, cat, narrow, a
 * copy into a strided view), so they run on every backend without a kernel of their own. The forward runs without
 * recording ({@link #untracked}) and the op records one node with PyTorch's name whose backward is again written
 * with differentiable ops (a flip is undone by a flip, a pad by a negative pad, a gather by an index_add), so
 * double backward works.
 */
public final class Rearrange {
    private Rearrange() {
    }

    private static Tensor[] grads(Tensor... grads) {
        return grads;
    }

    /**
     * Runs a composed forward without recording and returns a tensor of its own: never one of {@code inputs} nor a
     * view (the op's node becomes its {@code gradFn}). The forward's intermediates are closed when it returns, so a
     * device gets their memory back at once rather than when the garbage collector finds them.
     */
    static Tensor untracked(Supplier<Tensor> forward, Tensor... inputs) {
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            Tensor out = forward.get();
            boolean isInput = false;
            for (Tensor in : inputs) {
                isInput |= in == out;
            }
            return scope.keep(isInput || out.isView() ? out.clone() : out);
        }
    }

    /** A 1-D int64 tensor on {@code device} holding {@code values} (index arithmetic done on the host). */
    static Tensor longs(long[] values, Device device) {
        return Factories.fromArray(values, values.length, new int[] {values.length}, device);
    }

    /** Wraps each dim of {@code dims} for a tensor of rank {@code rank}; a repeat is an error naming {@code op}. */
    static int[] wrapDims(String op, int[] dims, int rank) {
        int[] out = new int[dims.length];
        boolean[] seen = new boolean[Math.max(rank, 1)];
        for (int i = 0; i < dims.length; i++) {
            out[i] = Shapes.wrapDim(op, dims[i], rank);
            if (seen[out[i]]) {
                throw Errors.argument(op, "dim " + out[i] + " appears multiple times in the list of dims "
                        + Arrays.toString(dims));
            }
            seen[out[i]] = true;
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------
    // flip, roll, repeat
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Reverses the order of elements along {@code dims}; FlipBackward0 flips the gradient back.
     *
     * @param x the input
     * @param dims the dims
     * @return a flipped copy
     */
    public static Tensor flip(Tensor x, int[] dims) {
        Dispatch.checkLive("flip", x);
        int[] ds = wrapDims("flip", dims, x.dim());
        Tensor out = untracked(() -> {
            Tensor y = x;
            for (int d : ds) {
                int n = x.dim() == 0 ? 1 : x.size(d);
                if (n > 1) {
                    y = y.indexSelect(d, Factories.arange(n - 1, -1, -1, DType.INT64, x.device()));
                }
            }
            return y;
        }, x);
        return record("FlipBackward0", (n, g) -> grads(flip(g[0], ds)), x).output(out);
    }

    /**
     * Shifts elements along {@code dims} by {@code shifts} (cyclically); with no dims, along the flattened tensor
     * and reshaped back. RollBackward0 rolls the gradient by the opposite shifts.
     *
     * @param x the input
     * @param shifts the shifts, one per dim (or one, with no dims)
     * @param dims the dims
     * @return a rolled copy
     */
    public static Tensor roll(Tensor x, int[] shifts, int[] dims) {
        Dispatch.checkLive("roll", x);
        if (dims.length == 0) {
            if (shifts.length != 1) {
                throw Errors.argument("roll", "without dims, shifts must hold one value, got " + Arrays.toString(shifts));
            }
            int[] shape = x.shape();
            Tensor out = untracked(() -> rollDims(Shapes.flatten("roll", x), shifts, new int[] {0}).reshape(shape), x);
            int[] back = {-shifts[0]};
            return record("RollBackward0", (n, g) -> grads(roll(g[0], back, new int[0])), x).output(out);
        }
        if (shifts.length != dims.length) {
            throw Errors.argument("roll", "shifts " + Arrays.toString(shifts) + " and dims " + Arrays.toString(dims)
                    + " must have the same length");
        }
        int[] ds = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            ds[i] = Shapes.wrapDimNoScalar("roll", dims[i], x.dim());
        }
        Tensor out = untracked(() -> rollDims(x, shifts, ds), x);
        int[] back = Arrays.stream(shifts).map(s -> -s).toArray();
        return record("RollBackward0", (n, g) -> grads(roll(g[0], back, ds)), x).output(out);
    }

    private static Tensor rollDims(Tensor x, int[] shifts, int[] dims) {
        Tensor y = x;
        for (int i = 0; i < dims.length; i++) {
            int n = y.dim() == 0 ? 1 : y.size(dims[i]);
            int s = n == 0 ? 0 : Math.floorMod(shifts[i], n);
            if (s != 0) {
                y = Tensor.cat(List.of(y.narrow(dims[i], n - s, s), y.narrow(dims[i], 0, n - s)), dims[i]);
            }
        }
        return y;
    }

    /**
     * The tensor tiled {@code repeats[i]} times along each dim (leading repeats add dims), like
     * {@code torch.Tensor.repeat}: an expand of interleaved size-1 dims, reshaped. RepeatBackward0 sums the tiles.
     *
     * @param x the input
     * @param repeats the tiling counts, one per dim (leading extras add dims)
     * @return the tiled copy
     */
    public static Tensor repeat(Tensor x, int[] repeats) {
        Dispatch.checkLive("repeat", x);
        int rank = x.dim(), r = repeats.length;
        if (r < rank) {
            throw Errors.argument("repeat", "number of dimensions of repeat dims " + Arrays.toString(repeats)
                    + " can not be smaller than number of dimensions of tensor " + Errors.shape(x.shape()));
        }
        int[] padded = new int[r], interleaved = new int[2 * r], tiled = new int[2 * r], outShape = new int[r];
        for (int i = 0; i < r; i++) {
            if (repeats[i] < 0) {
                throw Errors.argument("repeat", "repeats must be non-negative, got " + Arrays.toString(repeats));
            }
            padded[i] = i < r - rank ? 1 : x.size(i - (r - rank));
            interleaved[2 * i] = 1;
            interleaved[2 * i + 1] = padded[i];
            tiled[2 * i] = repeats[i];
            tiled[2 * i + 1] = padded[i];
            outShape[i] = repeats[i] * padded[i];
        }
        int[] inputShape = x.shape();
        Tensor out = untracked(() -> x.reshape(interleaved).expand(tiled).reshape(outShape), x);
        int[] tileDims = new int[r];
        for (int i = 0; i < r; i++) {
            tileDims[i] = 2 * i;
        }
        return record("RepeatBackward0", (n, g) -> grads(g[0].reshape(tiled).sum(tileDims, false)
                .reshape(inputShape)), x).output(out);
    }

    /** {@code torch.tile}: {@link #repeat} with {@code reps} padded with leading 1s to the input's rank. */
    public static Tensor tile(Tensor x, int[] reps) {
        Dispatch.checkLive("tile", x);
        for (int r : reps) {
            if (r < 0) {
                throw Errors.argument("tile", "repeats must be non-negative, got " + Arrays.toString(reps));
            }
        }
        int[] padded = reps;
        if (reps.length < x.dim()) {
            padded = new int[x.dim()];
            Arrays.fill(padded, 1);
            System.arraycopy(reps, 0, padded, x.dim() - reps.length, reps.length);
        }
        return repeat(x, padded);
    }

    /**
     * {@code torch.repeat_interleave(x, repeats, dim)}: each element (or slice along {@code dim}; of the flattened
     * input when {@code dim} is null) {@code repeats} times in a row, through index_select as in PyTorch.
     */
    public static Tensor repeatInterleave(Tensor x, int repeats, Integer dim) {
        Dispatch.checkLive("repeat_interleave", x);
        if (repeats < 0) {
            throw Errors.argument("repeat_interleave", "repeats can not be negative, got " + repeats);
        }
        Tensor input = dim == null ? x.reshape(-1) : x.dim() == 0 ? x.reshape(1) : x;
        int d = dim == null ? 0 : Shapes.wrapDim("repeat_interleave", dim, x.dim());
        long total = (long) input.size(d) * repeats;
        if (total > Integer.MAX_VALUE) {
            throw Errors.argument("repeat_interleave", "the result's dim " + d + " would have " + total
                    + " elements, past 2^31 - 1");
        }
        long[] index = new long[(int) total];
        for (int i = 0; i < index.length; i++) {
            index[i] = i / repeats;
        }
        return input.indexSelect(d, Tensor.of(index, index.length).to(x.device()));
    }

    /**
     * {@code torch.take_along_dim(x, indices, dim)}: gather along {@code dim} with the other dims broadcast between
     * the two; with {@code dim} null, the flattened input at the flattened indices.
     */
    public static Tensor takeAlongDim(Tensor x, Tensor indices, Integer dim) {
        Dispatch.checkLive("take_along_dim", x);
        Dispatch.checkLive("take_along_dim", indices);
        Dispatch.device("take_along_dim", x, indices);
        if (indices.dtype() != DType.INT64) {
            throw Errors.argument("take_along_dim", "dtype of indices should be INT64 but got " + indices.dtype());
        }
        if (dim == null) {
            return x.reshape(-1).gather(0, indices.reshape(-1));
        }
        if (x.dim() != indices.dim()) {
            throw Errors.argument("take_along_dim", "input and indices should have the same number of dimensions, "
                    + "but got " + x.dim() + " dimensions for input, and " + indices.dim() + " dimensions for indices");
        }
        int d = Shapes.wrapDimNoScalar("take_along_dim", dim, x.dim());
        int[] xs = x.shape(), is = indices.shape();
        int[] a = xs.clone(), b = is.clone();
        a[d] = 1;
        b[d] = 1;
        int[] shape = Shapes.broadcast("take_along_dim", a, b);
        int[] xShape = shape.clone(), iShape = shape.clone();
        xShape[d] = xs[d];
        iShape[d] = is[d];
        return x.expand(xShape).gather(d, indices.expand(iShape));
    }

    // ------------------------------------------------------------------------------------------------------------
    // diag, diagonal, unfold
    // ------------------------------------------------------------------------------------------------------------

    /**
     * {@code torch.diag}: a 1-D tensor becomes a square matrix with it on diagonal {@code k} (above the main one for
     * {@code k > 0}); a 2-D tensor gives diagonal {@code k} as a 1-D copy. Each is the other's backward.
     *
     * @param x the input
     * @param k which diagonal (above the main one when positive); for topk, how many values
     * @return the matrix or the diagonal
     */
    public static Tensor diag(Tensor x, int k) {
        Dispatch.checkLive("diag", x);
        if (x.dim() == 1) {
            int m = x.size(0) + Math.abs(k);
            Tensor out = untracked(() -> diagonalBackward(x, new int[] {m, m}, k, 0, 1), x);
            return record("DiagBackward0", (n, g) -> grads(diagonal(g[0], k, 0, 1)), x).output(out);
        }
        if (x.dim() == 2) {
            int[] inputShape = x.shape();
            Tensor out = untracked(() -> diagonal(x, k, 0, 1), x);
            return record("DiagBackward0", (n, g) -> grads(diagonalBackward(g[0], inputShape, k, 0, 1)), x)
                    .output(out);
        }
        throw Errors.argument("diag", "expects a 1-D or 2-D tensor but got shape " + Errors.shape(x.shape()));
    }

    /**
     * The diagonal {@code offset} of the planes spanned by dims {@code d1} and {@code d2}, as a view whose last dim
     * runs along it ({@code torch.diagonal}); DiagonalBackward0 places the gradient on the diagonal of zeros.
     *
     * @param x the input
     * @param offset which diagonal (above the main one when positive)
     * @param d1 the first dim of the planes
     * @param d2 the second dim of the planes
     * @return a view of the diagonal
     */
    public static Tensor diagonal(Tensor x, int offset, int d1, int d2) {
        Dispatch.checkLive("diagonal", x);
        int a = Shapes.wrapDim("diagonal", d1, x.dim()), b = Shapes.wrapDim("diagonal", d2, x.dim());
        if (a == b) {
            throw Errors.argument("diagonal", "dim1 and dim2 cannot be the same dim " + a);
        }
        View v = view(x);
        View dv = diagonalView(v, offset, a, b);
        int[] inputShape = v.shape;
        Tensor out = alias(x, dv);
        return record("DiagonalBackward0", (n, g) -> grads(diagonalBackward(g[0], inputShape, offset, a, b)), x)
                .output(out);
    }

    private static View diagonalView(View v, int offset, int a, int b) {
        int length = offset >= 0 ? Math.min(v.shape[a], v.shape[b] - offset) : Math.min(v.shape[a] + offset, v.shape[b]);
        length = Math.max(0, length);
        long start = v.offset;
        if (length > 0) {
            start += offset >= 0 ? (long) offset * v.strides[b] : (long) -offset * v.strides[a];
        }
        int[] shape = new int[v.shape.length - 1];
        long[] strides = new long[shape.length];
        for (int d = 0, j = 0; d < v.shape.length; d++) {
            if (d != a && d != b) {
                shape[j] = v.shape[d];
                strides[j++] = v.strides[d];
            }
        }
        shape[shape.length - 1] = length;
        strides[shape.length - 1] = v.strides[a] + v.strides[b];
        return v.with(start, shape, strides);
    }

    /** Zeros of {@code inputShape} with {@code grad} on the diagonal; its own backward takes the diagonal again. */
    static Tensor diagonalBackward(Tensor grad, int[] inputShape, int offset, int a, int b) {
        Tensor out = Tensor.zeros(inputShape, grad.dtype(), grad.device());
        Dispatch.backend("diagonal_backward", grad).copy(diagonalView(view(out), offset, a, b), view(grad));
        return record("DiagonalBackwardBackward0", (n, g) -> grads(diagonal(g[0], offset, a, b)), grad).output(out);
    }

    /**
     * The windows of {@code size} elements, {@code step} apart, along {@code dim}, as a view with the window index
     * at {@code dim} and a new last dim running through each window ({@code torch.Tensor.unfold}). UnfoldBackward0
     * adds each window's gradient back into its elements (overlaps accumulate).
     *
     * @param x the input
     * @param dim the dim
     * @param size each window's length
     * @param step the distance between windows' starts
     * @return a view of the windows
     */
    public static Tensor unfold(Tensor x, int dim, int size, int step) {
        Dispatch.checkLive("unfold", x);
        int d = Shapes.wrapDim("unfold", dim, x.dim());
        View v = view(x);
        int n = x.dim() == 0 ? 1 : v.shape[d];
        if (size < 0 || size > n) {
            throw Errors.argument("unfold", "maximum size for tensor at dimension " + d + " is " + n + " but size is "
                    + size);
        }
        if (step <= 0) {
            throw Errors.argument("unfold", "step is " + step + " but must be > 0");
        }
        int windows = (n - size) / step + 1;
        int rank = v.shape.length;
        int[] shape = Arrays.copyOf(v.shape, rank + 1);
        long[] strides = Arrays.copyOf(v.strides, rank + 1);
        if (rank == 0) {
            shape = new int[] {size};
            strides = new long[] {1};
        } else {
            shape[d] = windows;
            strides[d] = v.strides[d] * step;
            shape[rank] = size;
            strides[rank] = v.strides[d];
        }
        int[] inputShape = v.shape;
        Tensor out = alias(x, v.with(v.offset, shape, strides));
        return record("UnfoldBackward0", (nd, g) -> grads(unfoldBackward(g[0], inputShape, d, size, step)), x)
                .output(out);
    }

    private static Tensor unfoldBackward(Tensor grad, int[] inputShape, int d, int size, int step) {
        if (inputShape.length == 0) {
            return grad.sum().reshape();
        }
        int windows = grad.size(d);
        long[] positions = new long[windows * size];
        for (int w = 0; w < windows; w++) {
            for (int j = 0; j < size; j++) {
                positions[w * size + j] = (long) w * step + j;
            }
        }
        Tensor flat = grad.movedim(grad.dim() - 1, d + 1).flatten(d, d + 1);
        return Tensor.zeros(inputShape, grad.dtype(), grad.device())
                .indexAdd(d, longs(positions, grad.device()), flat);
    }

    // ------------------------------------------------------------------------------------------------------------
    // pad
    // ------------------------------------------------------------------------------------------------------------

    /**
     * {@code torch.nn.functional.pad}: {@code pad} holds (before, after) pairs starting from the last dim.
     * "constant" fills with {@code value} (negative pads crop), "reflect" mirrors without repeating the edge,
     * "replicate" repeats the edge; the latter two pad the last 1, 2 or 3 dims of a tensor with one or two more.
     *
     * @param x the input
     * @param pad (before, after) pairs from the last dim
     * @param mode "constant", "reflect", "replicate" or "circular"
     * @param value the fill of constant padding
     * @return the padded tensor
     */
    public static Tensor pad(Tensor x, int[] pad, String mode, double value) {
        Dispatch.checkLive("pad", x);
        if (pad == null || mode == null) {
            throw Errors.argument("pad", "expected a padding array and a mode but got pad "
                    + (pad == null ? "null" : Arrays.toString(pad)) + " and mode " + mode);
        }
        if (pad.length % 2 != 0 || pad.length / 2 > x.dim()) {
            throw Errors.argument("pad", "padding length " + pad.length + " must be even and at most twice the number"
                    + " of dimensions of the input " + Errors.shape(x.shape()));
        }
        return switch (mode) {
            case "constant" -> constantPad(x, pad, value);
            case "reflect", "replicate", "circular" -> indexPad(x, pad, mode);
            default -> throw Errors.argument("pad", "unknown padding mode '" + mode
                    + "' (expected constant, reflect, replicate or circular)");
        };
    }

    private static Tensor constantPad(Tensor x, int[] pad, double value) {
        int rank = x.dim();
        int[] in = x.shape(), outShape = in.clone();
        for (int i = 0; i < pad.length / 2; i++) {
            int d = rank - 1 - i;
            outShape[d] = in[d] + pad[2 * i] + pad[2 * i + 1];
            if (outShape[d] < 0) {
                throw Errors.argument("pad", "the input size " + in[d] + ", plus negative padding " + pad[2 * i]
                        + " and " + pad[2 * i + 1] + " resulted in a negative output size, which is invalid. Check"
                        + " dimension " + d + " of your input " + Errors.shape(in));
            }
        }
        Tensor out = Factories.full("pad", outShape, value, x.dtype(), x.device());
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor src = x, dst = out;
            for (int i = 0; i < pad.length / 2; i++) {
                int d = rank - 1 - i, before = pad[2 * i], after = pad[2 * i + 1];
                int from = Math.max(0, -before), length = in[d] - from - Math.max(0, -after);
                if (length <= 0) {
                    src = null;
                    break;
                }
                src = src.narrow(d, from, length);
                dst = dst.narrow(d, Math.max(0, before), length);
            }
            if (src != null) {
                Dispatch.backend("pad", x).copy(view(dst), view(src));
            }
        }
        int[] negated = Arrays.stream(pad).map(p -> -p).toArray();
        return record("ConstantPadNdBackward0", (n, g) -> grads(constantPad(g[0], negated, 0)), x).output(out);
    }

    /**
     * Reflect, replicate and circular padding as an index_select per padded dim with indices computed on the host.
     * Circular padding wraps around what a negative padding leaves, as PyTorch's: {@code (-1, 1)} of {@code [0, 1, 2]}
     * is {@code [1, 2, 1]}.
     */
    private static Tensor indexPad(Tensor x, int[] pad, String mode) {
        int k = pad.length / 2, rank = x.dim();
        if (k < 1 || k > 3 || rank < k + 1 || rank > k + 2) {
            throw Errors.argument("pad", mode + " padding of " + k + " dims expects a " + (k + 1) + "-D or "
                    + (k + 2) + "-D input, got shape " + Errors.shape(x.shape()) + " (padding " + Arrays.toString(pad)
                    + ")");
        }
        boolean reflect = mode.equals("reflect"), circular = mode.equals("circular");
        int[] dims = new int[k];
        Tensor[] indices = new Tensor[k];
        int[][] shapes = new int[k + 1][];
        shapes[0] = x.shape();
        for (int i = 0; i < k; i++) {
            int d = rank - 1 - i, n = x.size(d), before = pad[2 * i], after = pad[2 * i + 1];
            if (n + before + after < 1) { // a negative padding crops, as in PyTorch, down to one element at least
                throw Errors.argument("pad", mode + " padding " + Arrays.toString(pad) + " of input "
                        + Errors.shape(x.shape()) + " leaves " + (n + before + after) + " elements at dimension " + d
                        + "; at least 1 must remain");
            }
            // circular: wrap around the elements left after negative padding, [lo, lo + kept)
            int lo = Math.max(0, -before), kept = n - lo - Math.max(0, -after);
            if (circular && (Math.max(before, after) > n || Math.max(before, after) > kept)) {
                throw Errors.argument("pad", "padding (" + before + ", " + after + ") at dimension " + d + " of input "
                        + Errors.shape(x.shape()) + " causes wrapping around more than once");
            }
            if (reflect ? before >= n || after >= n : n == 0) {
                throw Errors.argument("pad", reflect
                        ? "padding size should be less than the corresponding input dimension, but got padding ("
                        + before + ", " + after + ") at dimension " + d + " of input " + Errors.shape(x.shape())
                        : "cannot " + mode + " pad an empty dimension " + d + " of input " + Errors.shape(x.shape()));
            }
            long[] index = new long[n + before + after];
            for (int j = 0; j < index.length; j++) {
                int at = j - before;
                index[j] = circular ? lo + Math.floorMod(j - Math.max(0, before), kept)
                        : reflect ? (at < 0 ? -at : at >= n ? 2L * (n - 1) - at : at) : Math.max(0, Math.min(n - 1, at));
            }
            dims[i] = d;
            indices[i] = longs(index, x.device());
            shapes[i + 1] = shapes[i].clone();
            shapes[i + 1][d] = index.length;
        }
        Tensor out = untracked(() -> {
            Tensor y = x;
            for (int i = 0; i < k; i++) {
                y = y.indexSelect(dims[i], indices[i]);
            }
            return y;
        }, x);
        String name = (reflect ? "ReflectionPad" : circular ? "CircularPad" : "ReplicationPad") + k + "DBackward0";
        return record(name, (n, g) -> {
            Tensor grad = g[0];
            for (int i = k - 1; i >= 0; i--) {
                grad = Tensor.zeros(shapes[i], grad.dtype(), grad.device()).indexAdd(dims[i], n.saved(i), grad);
            }
            return grads(grad);
        }, x).save(indices).output(out);
    }

    // ------------------------------------------------------------------------------------------------------------
    // split by sizes, unbind, movedim with lists
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Views of consecutive pieces of {@code sizes} elements along {@code dim}, which must sum to its size.
     *
     * @param x the input
     * @param sizes the pieces' sizes
     * @param dim the dim
     * @return views of the pieces
     */
    public static List<Tensor> split(Tensor x, int[] sizes, int dim) {
        Dispatch.checkLive("split_with_sizes", x);
        if (x.dim() == 0) {
            throw Errors.argument("split_with_sizes", "split expects at least a 1-dimensional tensor");
        }
        int d = Shapes.wrapDim("split_with_sizes", dim, x.dim());
        int total = x.size(d);
        long sum = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw Errors.argument("split_with_sizes", "split_sizes must be non-negative, got "
                        + Arrays.toString(sizes));
            }
            sum += s;
        }
        if (sum != total) {
            throw Errors.argument("split_with_sizes", "expects split_sizes to sum exactly to " + total + " (input"
                    + " tensor's size at dimension " + d + "), but got split_sizes=" + Arrays.toString(sizes));
        }
        List<Tensor> parts = new ArrayList<>(sizes.length);
        int start = 0;
        for (int s : sizes) {
            parts.add(x.narrow(d, start, s));
            start += s;
        }
        return Internal.markMultiOutputViews(parts);
    }

    /**
     * The slices along {@code dim}, each without it (views).
     *
     * @param x the input
     * @param dim the dim
     * @return views of the slices
     */
    public static List<Tensor> unbind(Tensor x, int dim) {
        Dispatch.checkLive("unbind", x);
        int d = Shapes.wrapDimNoScalar("unbind", dim, x.dim());
        List<Tensor> parts = new ArrayList<>(x.size(d));
        for (int i = 0; i < x.size(d); i++) {
            parts.add(x.select(d, i));
        }
        return Internal.markMultiOutputViews(parts);
    }

    /**
     * Moves dims {@code source[i]} to positions {@code destination[i]}, the others keeping their order (a permute).
     *
     * @param x the input
     * @param source the dims moved
     * @param destination their new positions
     * @return a permuted view
     */
    public static Tensor movedim(Tensor x, int[] source, int[] destination) {
        Dispatch.checkLive("movedim", x);
        if (source.length != destination.length) {
            throw Errors.argument("movedim", "Invalid source or destination dims: source " + Arrays.toString(source)
                    + " and destination " + Arrays.toString(destination) + " must have the same number of elements");
        }
        int rank = x.dim();
        int[] src = wrapDims("movedim", source, rank), dst = wrapDims("movedim", destination, rank);
        if (rank == 0) {
            return x;
        }
        int[] order = new int[rank];
        Arrays.fill(order, -1);
        boolean[] moved = new boolean[rank];
        for (int i = 0; i < src.length; i++) {
            order[dst[i]] = src[i];
            moved[src[i]] = true;
        }
        for (int i = 0, next = 0; i < rank; i++) {
            if (order[i] < 0) {
                while (moved[next]) {
                    next++;
                }
                order[i] = next++;
            }
        }
        return x.permute(order);
    }
}
