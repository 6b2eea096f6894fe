package dev.autograd4j.ops;

import dev.autograd4j.Backends;
import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;
import dev.autograd4j.spi.View;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.wrap;
import static dev.autograd4j.ops.Rearrange.untracked;

/**
 * Indexing with index tensors: {@code x[:, idx]} along one dim ({@code index}), {@code index_add},
 * {@code index_put} (with {@code accumulate}) and {@code one_hot}. All are the backend's gather and scatter-add
 * (through index_select and scatter_add with an index broadcast along the other dims), so they run on every backend;
 * each backward is an index_select or index_add of the gradient, differentiable again. Bool masks ({@code x[mask]},
 * {@code masked_select}, {@code nonzero}) become index tensors first, which reads the mask on the host: the number of
 * true elements decides the result's shape, so PyTorch synchronises there too.
 */
public final class AdvancedIndexing {
    private AdvancedIndexing() {
    }

    private static Tensor[] grads(Tensor... grads) {
        return grads;
    }

    /**
     * An int64 copy of an int64 or int32 index on {@code x}'s device, entries in {@code [-size, 0)} counted from
     * {@code size}; an entry below {@code -size} stays as it is, so the bounds check names it as PyTorch does.
     */
    private static Tensor wrapIndex(String op, Tensor x, Tensor index, int size) {
        Dispatch.device(op, x, index);
        if (index.dtype() != DType.INT64 && index.dtype() != DType.INT32) {
            throw Errors.argument(op, "tensors used as indices must be int64, int32 or bool, got " + index.dtype());
        }
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor idx = index.to(DType.INT64);
            return Tensor.where(idx.lt(0).logicalAnd(idx.ge((long) -size)), idx.add((long) size), idx);
        }
    }

    /**
     * The row-major positions of {@code mask}'s true elements, 1-D int64 on its device (read on the host: the count
     * is the result's size).
     */
    private static Tensor truePositions(Tensor mask) {
        long[] at = truePositions(mask.toBooleanArray());
        return Factories.fromArray(at, at.length, new int[] {at.length}, mask.device());
    }

    /** The positions of the true entries of {@code m}, in order. */
    private static long[] truePositions(boolean[] m) {
        int count = 0;
        for (boolean b : m) {
            count += b ? 1 : 0;
        }
        long[] at = new long[count];
        for (int i = 0, j = 0; i < m.length; i++) {
            if (m[i]) {
                at[j++] = i;
            }
        }
        return at;
    }

    /** Fails unless {@code mask}'s shape is {@code x}'s from dim {@code d} on, as PyTorch's mask indexing asks. */
    private static void checkMask(String op, Tensor x, int d, Tensor mask) {
        int[] xs = x.shape(), ms = mask.shape();
        if (d + ms.length > xs.length) {
            throw Errors.argument(op, "too many indices for tensor of shape " + Errors.shape(xs) + ": a bool mask of"
                    + " shape " + Errors.shape(ms) + " at dim " + d);
        }
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] != xs[d + i]) {
                throw Errors.argument(op, "the shape of the mask " + Errors.shape(ms) + " at index " + i + " does not"
                        + " match the shape of the indexed tensor " + Errors.shape(xs) + " at index " + (d + i));
            }
        }
    }

    /**
     * {@code torch.nonzero(x)}: the indices of {@code x}'s non-zero elements (NaN counts as non-zero; for bool, the
     * true ones), {@code [count, x.dim()]} int64 in row-major order.
     *
     * @param x the input, any dtype
     * @return the indices, a new int64 tensor on {@code x}'s device
     * @throws IllegalArgumentException when the indices would not fit one tensor
     */
    public static Tensor nonzero(Tensor x) {
        Dispatch.checkLive("nonzero", x);
        long[] at;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            at = truePositions((x.dtype() == DType.BOOL ? x : x.ne(0)).toBooleanArray());
        }
        int rank = x.dim(), count = at.length;
        if ((long) count * rank > Integer.MAX_VALUE - 8) {
            throw Errors.argument("nonzero", "the " + count + " x " + rank + " indices of a tensor of shape "
                    + Errors.shape(x.shape()) + " would not fit one tensor");
        }
        int[] xs = x.shape();
        long[] out = new long[count * rank];
        for (int row = 0; row < count; row++) { // each position unravelled into its row-major index
            long rest = at[row];
            for (int d = rank - 1; d >= 0; d--) {
                out[d * count + row] = rest % xs[d];
                rest /= xs[d];
            }
        }
        // Laid out dim by dim, as PyTorch's kernel writes it: the [count, rank] result has strides (1, count)
        // (torch.ones(2, 2).nonzero().stride() is (1, 4)), so its columns are contiguous and it is not
        return wrap(new View(Backends.of(x.device()).fromArray(out), 0, new int[] {count, rank},
                new long[] {1, count}));
    }

    /**
     * {@code torch.masked_select(x, mask)}: the elements of {@code x} where the bool {@code mask} is true, both
     * broadcast together, as a 1-D tensor in row-major order. Differentiable in {@code x} (the gradient goes back to
     * the selected positions and is summed over broadcast dims).
     *
     * @param x the input
     * @param mask a bool tensor broadcastable with {@code x}
     * @return the selected elements, a new 1-D tensor
     * @throws IllegalArgumentException for a non-bool mask, shapes that do not broadcast or another device
     */
    public static Tensor maskedSelect(Tensor x, Tensor mask) {
        Dispatch.checkLive("masked_select", x);
        Dispatch.checkLive("masked_select", mask);
        Dispatch.device("masked_select", x, mask);
        if (mask.dtype() != DType.BOOL) {
            throw Errors.argument("masked_select", "expected a bool mask but got " + mask.dtype());
        }
        int[] shape = Shapes.broadcast("masked_select", x.shape(), mask.shape()), xs = x.shape();
        Tensor positions = truePositions(mask.expand(shape));
        Tensor out = untracked(() -> x.expand(shape).reshape(-1).index(0, positions), x);
        // MaskedSelectBackward0: the gradient added back at the selected positions, summed to x's shape.
        return record("MaskedSelectBackward0", (n, g) -> grads(Reductions.sumToSize(Tensor.zeros(
                new int[] {(int) Shapes.numel(shape)}, g[0].dtype(), g[0].device()).indexAdd(0, n.saved(0), g[0])
                .reshape(shape), xs)), x).save(positions).output(out);
    }

    /** Runs {@code body}, naming {@code op} in an index-out-of-range error raised by the kernels it calls. */
    private static Tensor named(String op, Supplier<Tensor> body) {
        try {
            return body.get();
        } catch (IndexOutOfBoundsException e) {
            throw Errors.indexAs(op, e);
        }
    }

    /**
     * {@code x[:, ..., index]} with an index tensor of any shape at dim {@code dim} (PyTorch's advanced indexing on
     * one dim): the result's shape is {@code x.shape[:dim] + index.shape + x.shape[dim+1:]}; negative indices count
     * from the end. IndexBackward0 adds the gradient back at the indexed positions (repeats accumulate).
     *
     * @param x the input
     * @param dim the dim
     * @param index the index tensor (int64 or int32)
     * @return the selected entries
     */
    public static Tensor index(Tensor x, int dim, Tensor index) {
        Dispatch.checkLive("index", x);
        if (index.dtype() == DType.BOOL) { // x[..., mask]: the mask's dims, from dim on, become one of its true count
            Dispatch.device("index", x, index);
            int d = index.dim() == 0 ? Shapes.wrapDim("index", dim, x.dim() + 1)
                    : Shapes.wrapDim("index", dim, Math.max(x.dim(), 1));
            checkMask("index", x, d, index);
            Tensor merged = index.dim() == 0 ? x.unsqueeze(d) : x.flatten(d, d + index.dim() - 1);
            return index(merged, d, truePositions(index));
        }
        if (x.dim() == 0) {
            throw Errors.argument("index", "cannot index a 0-d tensor with an index tensor");
        }
        int d = Shapes.wrapDim("index", dim, x.dim());
        int[] xs = x.shape(), is = index.shape();
        Tensor flat = wrapIndex("index", x, index, xs[d]).reshape(-1);
        int[] outShape = new int[xs.length - 1 + is.length];
        System.arraycopy(xs, 0, outShape, 0, d);
        System.arraycopy(is, 0, outShape, d, is.length);
        System.arraycopy(xs, d + 1, outShape, d + is.length, xs.length - d - 1);
        int[] selected = xs.clone();
        selected[d] = flat.size(0);
        Tensor out = named("index", () -> untracked(() -> x.indexSelect(d, flat).reshape(outShape), x));
        return record("IndexBackward0", (n, g) -> grads(Tensor.zeros(xs, g[0].dtype(), g[0].device())
                .indexAdd(d, n.saved(0), g[0].reshape(selected))), x).save(flat).output(out);
    }

    /**
     * {@code x} with {@code alpha * source} added at the entries {@code index} (1-D) of {@code dim}, out of place
     * ({@code torch.index_add}); repeated indices accumulate.
     *
     * @param x the input
     * @param dim the dim
     * @param index the index tensor (int64 or int32)
     * @param source the dims moved
     * @param alpha the factor of {@code source}
     * @return the sum, a new tensor
     */
    public static Tensor indexAdd(Tensor x, int dim, Tensor index, Tensor source, double alpha) {
        Dispatch.checkLive("index_add", x);
        Dispatch.device("index_add", x, source);
        int d = Shapes.wrapDim("index_add", dim, x.dim());
        if (index.dtype() != DType.INT64 && index.dtype() != DType.INT32) {
            throw Errors.argument("index_add", "index must be int64 or int32, got " + index.dtype());
        }
        Dispatch.device("index_add", x, index);
        if (index.dim() > 1) {
            throw Errors.argument("index_add", "index must be at most 1-D but has shape " + Errors.shape(index.shape()));
        }
        if (source.dtype() != x.dtype()) {
            throw Errors.dtypes("index_add", "self and source must have the same dtype", x.dtype(), source.dtype());
        }
        int[] xs = x.shape(), ss = source.shape();
        int count = (int) index.numel();
        boolean shapesAgree = xs.length == 0 ? ss.length <= 1 && source.numel() == count
                : ss.length == xs.length && ss[d] == count;
        for (int k = 0; shapesAgree && k < xs.length; k++) {
            shapesAgree = k == d || ss[k] == xs[k];
        }
        if (!shapesAgree) {
            throw Errors.argument("index_add", "source " + Errors.shape(ss) + " must have the shape of self "
                    + Errors.shape(xs) + " with dim " + d + " of the index's size " + count);
        }
        Tensor out = named("index_add", () -> untracked(() -> {
            Tensor self = xs.length == 0 ? x.reshape(1) : x;
            Tensor src = xs.length == 0 ? source.reshape(count) : source;
            int[] along = new int[self.dim()];
            Arrays.fill(along, 1);
            along[d] = count;
            Tensor expanded = index.to(DType.INT64).reshape(along).expand(src.shape());
            // As PyTorch's kernel: integer dtypes truncate alpha, bool takes it as alpha != 0.
            Tensor scaled = alpha == 1 ? src : x.dtype().isFloatingPoint() ? src.mul(alpha)
                    : x.dtype() == DType.BOOL ? (alpha != 0 ? src : Tensor.zerosLike(src)) : src.mul((long) alpha);
            return self.scatterAdd(d, expanded, scaled).reshape(xs);
        }, x, source));
        return record("IndexAddBackward0", (n, g) -> {
            Tensor gSource = null;
            if (n.needsInputGrad(1)) {
                Tensor picked = (xs.length == 0 ? g[0].reshape(1) : g[0]).indexSelect(d, n.saved(0)).reshape(ss);
                gSource = alpha == 1 ? picked : picked.mul(alpha);
            }
            return grads(n.needsInputGrad(0) ? g[0] : null, gSource);
        }, x, source).save(index).output(out);
    }

    /**
     * {@code x} with {@code values} written (or, with {@code accumulate}, added) at the positions the index tensors
     * address in its leading dims ({@code torch.index_put}): the indices broadcast together to a shape {@code B},
     * and {@code values} broadcasts to {@code B + x.shape[indices.size():]}. Without accumulate, repeated positions
     * are undefined in PyTorch; here, as on PyTorch's CPU, the last value written wins.
     *
     * @param x the input
     * @param indices the index tensors (for one_hot, the int64 class indices)
     * @param values the values written or added
     * @param accumulate add instead of writing
     * @return the result, a new tensor
     */
    public static Tensor indexPut(Tensor x, List<Tensor> indices, Tensor values, boolean accumulate) {
        Dispatch.checkLive("index_put", x);
        Dispatch.device("index_put", x, values);
        indices = masksAsIndices(x, indices);
        int k = indices.size();
        if (k == 0 || k > x.dim()) {
            throw Errors.argument("index_put", "expected between 1 and " + x.dim() + " index tensors for self "
                    + Errors.shape(x.shape()) + ", got " + k);
        }
        if (values.dtype() != x.dtype()) {
            throw Errors.dtypes("index_put", "index_put requires the source and destination dtypes match",
                    x.dtype(), values.dtype());
        }
        int[] xs = x.shape();
        int[] broadcast = new int[0];
        for (Tensor idx : indices) {
            broadcast = Shapes.broadcast("index_put", broadcast, idx.shape());
        }
        int[] batch = broadcast;
        long product = 1;
        for (int i = 0; i < k; i++) {
            product *= xs[i];
        }
        if (product > Integer.MAX_VALUE - 8) { // the positions form one dim of a reshape
            throw Errors.argument("index_put", "self " + Errors.shape(xs) + " is too large: its " + k
                    + " indexed dims hold " + product + " positions, more than " + (Integer.MAX_VALUE - 8));
        }
        int positions = (int) product;
        int[] rest = Arrays.copyOfRange(xs, k, xs.length);
        int[] target = concat(batch, rest), flatX = concat(new int[] {positions}, rest);
        int count = (int) Shapes.numel(batch);
        if (!Shapes.isExpandableTo(values.shape(), target)) {
            throw Errors.argument("index_put", "shape mismatch: value tensor of shape " + Errors.shape(values.shape())
                    + " cannot be broadcast to indexing result of shape " + Errors.shape(target));
        }
        Tensor flat;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor linear = null;
            int stride = positions;
            for (int i = 0; i < k; i++) {
                stride /= Math.max(xs[i], 1);
                Tensor idx = wrapIndex("index_put", x, indices.get(i), xs[i]).expand(batch);
                Tensor term = stride == 1 ? idx : idx.mul((long) stride);
                linear = linear == null ? term : linear.add(term);
            }
            flat = linear.reshape(-1).contiguous();
        }
        int[] rowsShape = concat(new int[] {count}, rest);
        Tensor mask = accumulate ? null : named("index_put", () -> untracked(() -> Tensor.zeros(new int[] {positions},
                DType.INT64, x.device()).indexAdd(0, flat, Tensor.ones(new int[] {count}, DType.INT64, x.device()))
                .gt(0).reshape(concat(new int[] {positions}, ones(rest.length)))));
        Tensor out = named("index_put", () -> untracked(() -> {
            Tensor rows = values.expand(target).reshape(rowsShape);
            Tensor x2 = x.reshape(flatX);
            Tensor y = accumulate ? x2.indexAdd(0, flat, rows)
                    : Tensor.where(mask, Tensor.zerosLike(x2).indexAdd(0, flat, lastWrites(flat, rows)), x2);
            return y.reshape(xs);
        }, x, values));
        int[] valueShape = values.shape();
        return record("IndexPutBackward0", (n, g) -> {
            Tensor gx = null, gv = null;
            if (n.needsInputGrad(0)) {
                gx = accumulate ? g[0] : Tensor.where(n.saved(1), 0.0, g[0].reshape(flatX)).reshape(xs);
            }
            if (n.needsInputGrad(1)) {
                gv = g[0].reshape(flatX).indexSelect(0, n.saved(0)).reshape(target).sumToSize(valueShape);
            }
            return grads(gx, gv);
        }, x, values).save(flat, mask).output(out);
    }

    /**
     * {@code torch.scatter(self, dim, index, src)}: a copy of {@code self} with {@code src[i][j]} written at
     * {@code [i][index[i][j]]} (dim 1); {@code index} is int64 of self's rank, no larger than src in any dim nor than
     * self outside {@code dim}; indices must lie in {@code [0, self.size(dim))}. Repeated targets keep the last value
     * written, as PyTorch's CPU. ScatterBackward0: the gradient where nothing was written, and to src gathered back.
     *
     * @param self the input
     * @param dim the dim the index addresses
     * @param index the int64 targets
     * @param src the values, of self's dtype
     * @return the result, a new tensor
     */
    public static Tensor scatter(Tensor self, int dim, Tensor index, Tensor src) {
        Dispatch.checkLive("scatter", src);
        Dispatch.device("scatter", self, src);
        if (src.dtype() != self.dtype()) {
            throw Errors.dtypes("scatter", "expected self and src to have the same dtype", self.dtype(), src.dtype());
        }
        int d = checkScatter(self, dim, index);
        if (src.dim() != index.dim()) {
            throw Errors.argument("scatter", "index tensor must have the same number of dimensions as src tensor, got "
                    + Errors.shape(index.shape()) + " and " + Errors.shape(src.shape()));
        }
        int[] is = index.shape(), rs = src.shape(), ss = self.shape();
        for (int k = 0; k < is.length; k++) {
            if (is[k] > rs[k] || (k != d && is[k] > ss[k])) {
                throw Errors.argument("scatter", "expected index " + Errors.shape(is) + " to be smaller than self "
                        + Errors.shape(ss) + " apart from dimension " + d + " and to be smaller size than src "
                        + Errors.shape(rs));
            }
        }
        Tensor slice = src;
        for (int k = 0; k < is.length; k++) {
            slice = is[k] == rs[k] ? slice : slice.narrow(k, 0, is[k]);
        }
        return scatterInto("ScatterBackward0", self, d, index, slice, src);
    }

    /**
     * {@code torch.scatter(self, dim, index, value)}: {@link #scatter(Tensor, int, Tensor, Tensor)} with one value
     * (truncated toward zero for an integer self, as PyTorch casts it). ScatterBackward1.
     *
     * @param self the input
     * @param dim the dim the index addresses
     * @param index the int64 targets
     * @param value the value written
     * @return the result, a new tensor
     */
    public static Tensor scatter(Tensor self, int dim, Tensor index, double value) {
        int d = checkScatter(self, dim, index);
        int[] is = index.shape(), ss = self.shape();
        for (int k = 0; k < is.length; k++) {
            if (k != d && is[k] > ss[k]) {
                throw Errors.argument("scatter", "expected index " + Errors.shape(is) + " to be smaller than self "
                        + Errors.shape(ss) + " apart from dimension " + d);
            }
        }
        // full converts the value as the SPI's fill does (truncated toward zero, != 0 for bool), as PyTorch casts it;
        // a value the dtype cannot hold (NaN for an integer tensor) is PyTorch's error.
        Dispatch.checkScalar("scatter", value, self.dtype());
        Tensor values = Tensor.full(is, value, self.dtype(), self.device());
        return scatterInto("ScatterBackward1", self, d, index, values, null);
    }

    private static int checkScatter(Tensor self, int dim, Tensor index) {
        Dispatch.checkLive("scatter", self);
        Dispatch.checkLive("scatter", index);
        Dispatch.device("scatter", self, index);
        if (index.dtype() != DType.INT64) {
            throw Errors.argument("scatter", "expected dtype int64 for index but got " + index.dtype());
        }
        if (index.dim() != self.dim()) {
            throw Errors.argument("scatter", "index tensor must have the same number of dimensions as self tensor, got "
                    + Errors.shape(index.shape()) + " and " + Errors.shape(self.shape()));
        }
        return Shapes.wrapDim("scatter", dim, self.dim());
    }

    /** Writes {@code values} (index's shape) into a copy of self; {@code src}, when not null, gets a gradient. */
    private static Tensor scatterInto(String node, Tensor self, int d, Tensor index, Tensor values, Tensor src) {
        if (self.dim() == 0) {
            // As gather: a 0-d tensor is one element along dim 0.
            Tensor r = scatterInto(node, self.reshape(1), 0, index.reshape(1), values.reshape(1),
                    src == null ? null : src.reshape(1));
            return r.reshape();
        }
        int[] is = index.shape(), ss = self.shape();
        Tensor written, out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            // Counts the writes per position through the scatter kernel, under this op's name: an index outside
            // [0, size) fails here, negative ones included (scatter does not wrap them).
            written = named("scatter", () -> Tensor.zeros(ss, DType.INT64, self.device()).scatterAdd(d, index,
                    Tensor.ones(is, DType.INT64, self.device()))).gt(0);
            List<Tensor> coordinates = new java.util.ArrayList<>();
            for (int k = 0; k < is.length; k++) {
                int[] shape = ones(is.length);
                shape[k] = is[k];
                coordinates.add(k == d ? index : Tensor.arange(is[k]).to(self.device()).reshape(shape));
            }
            out = Shapes.numel(is) == 0 ? self.clone() : indexPut(self, coordinates, values, false);
        }
        int[] srcShape = src == null ? null : src.shape();
        Tensor[] inputs = src == null ? new Tensor[] {self} : new Tensor[] {self, src};
        return record(node, (n, g) -> {
            Tensor gSelf = n.needsInputGrad(0) ? Tensor.where(n.saved(0), 0.0, g[0]) : null;
            if (src == null) {
                return grads(gSelf);
            }
            Tensor gSrc = null;
            if (n.needsInputGrad(1)) {
                gSrc = g[0].gather(d, n.saved(1));
                if (!Arrays.equals(gSrc.shape(), srcShape)) {
                    // PyTorch 1.13 fails here ("invalid gradient"); the values not scattered get 0
                    gSrc = Functional.pad(gSrc, padAtEnds(gSrc.shape(), srcShape), "constant", 0);
                }
            }
            return grads(gSelf, gSrc);
        }, inputs).save(written, index).output(out);
    }

    /** {@code pad}'s list (last dim first) adding zeros at the end of each dim up to {@code shape}. */
    private static int[] padAtEnds(int[] from, int[] shape) {
        int[] pad = new int[2 * from.length];
        for (int k = 0; k < from.length; k++) {
            pad[2 * (from.length - 1 - k) + 1] = shape[k] - from[k];
        }
        return pad;
    }

    /**
     * {@code torch.index_fill(x, dim, index, value)}: the entries {@code index} (1-D or 0-d, int64; negative count
     * from the end) of dim {@code dim} set to {@code value}. IndexFillBackward0: the gradient elsewhere.
     *
     * @param x the input
     * @param dim the dim
     * @param index the entries to fill
     * @param value the value (truncated toward zero for an integer x)
     * @return the result, a new tensor
     */
    public static Tensor indexFill(Tensor x, int dim, Tensor index, double value) {
        Dispatch.checkLive("index_fill", x);
        Dispatch.checkLive("index_fill", index);
        if (index.dtype() != DType.INT64) {
            throw Errors.argument("index_fill", "expected dtype int64 for index but got " + index.dtype());
        }
        if (index.dim() > 1) {
            throw Errors.argument("index_fill", "index has to be a vector or a scalar, got shape "
                    + Errors.shape(index.shape()));
        }
        int d = Shapes.wrapDim("index_fill", dim, x.dim());
        Dispatch.checkScalar("index_fill", value, x.dtype()); // full below converts it as PyTorch casts it
        int size = x.dim() == 0 ? 1 : x.size(d);
        int[] column = ones(x.dim());
        if (x.dim() > 0) {
            column[d] = size;
        }
        Tensor mask, out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor idx = wrapIndex("index_fill", x, index.reshape(-1), size);
            mask = named("index_fill", () -> Tensor.zeros(new int[] {size}, DType.INT64, x.device()).indexAdd(0, idx,
                    Tensor.ones(new int[] {idx.size(0)}, DType.INT64, x.device()))).gt(0).reshape(column);
            out = Tensor.where(mask, Tensor.full(new int[0], value, x.dtype(), x.device()), x);
        }
        return record("IndexFillBackward0", (n, g) -> grads(Tensor.where(n.saved(0), 0.0, g[0])), x).save(mask)
                .output(out);
    }

    /**
     * {@code torch.index_copy(x, dim, index, source)}: entry {@code index[i]} of dim {@code dim} replaced by entry
     * {@code i} of source, which has x's shape but {@code index.numel()} along dim; indices must lie in
     * {@code [0, size)}. IndexCopyBackward0: the gradient elsewhere to x, and the copied entries to source.
     *
     * @param x the input
     * @param dim the dim
     * @param index the int64 entries to replace (1-D or 0-d)
     * @param source the replacements, of x's dtype
     * @return the result, a new tensor
     */
    public static Tensor indexCopy(Tensor x, int dim, Tensor index, Tensor source) {
        Dispatch.checkLive("index_copy", x);
        Dispatch.checkLive("index_copy", index);
        Dispatch.checkLive("index_copy", source);
        Dispatch.device("index_copy", x, index);
        Dispatch.device("index_copy", x, source);
        if (index.dtype() != DType.INT64) {
            throw Errors.argument("index_copy", "expected dtype int64 for index but got " + index.dtype());
        }
        if (index.dim() > 1) {
            throw Errors.argument("index_copy", "index should have dimension 1 or 0, got shape "
                    + Errors.shape(index.shape()));
        }
        if (source.dtype() != x.dtype()) {
            throw Errors.dtypes("index_copy", "self and source expected to have the same dtype", x.dtype(),
                    source.dtype());
        }
        int d = Shapes.wrapDim("index_copy", dim, x.dim());
        Tensor xs = x.dim() == 0 ? x.reshape(1) : x, src = source.dim() == 0 ? source.reshape(1) : source;
        long count = index.numel();
        int[] shape = xs.shape(), srcShape = src.shape();
        boolean fits = srcShape.length == shape.length && srcShape[d] == count;
        for (int k = 0; fits && k < shape.length; k++) {
            fits = k == d || shape[k] == srcShape[k];
        }
        if (!fits) {
            throw Errors.argument("index_copy", "source " + Errors.shape(source.shape()) + " must have self's shape "
                    + Errors.shape(x.shape()) + " except along dim " + d + ", where it must have the number of indices ("
                    + count + ")");
        }
        int size = shape[d];
        for (long i : index.toLongArray()) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("[index_copy] index " + i + " is out of bounds for dimension " + d
                        + " with size " + size);
            }
        }
        Tensor flatIndex = index.reshape(-1);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            List<Tensor> coordinates = new java.util.ArrayList<>();
            for (int k = 0; k <= d; k++) {
                int[] s = ones(d + 1);
                s[k] = k == d ? (int) count : shape[k];
                coordinates.add((k == d ? flatIndex : Tensor.arange(shape[k]).to(x.device())).reshape(s));
            }
            out = count == 0 ? xs.clone() : indexPut(xs, coordinates, src, false);
            out = out.reshape(x.shape());
        }
        return record("IndexCopyBackward0", (n, g) -> {
            Tensor idx = n.saved(0);
            Tensor gx = g[0].dim() == 0 ? g[0].reshape(1) : g[0];
            return grads(n.needsInputGrad(0) ? indexFill(gx, d, idx, 0).reshape(g[0].shape()) : null,
                    n.needsInputGrad(1) ? gx.indexSelect(d, idx).reshape(source.shape()) : null);
        }, x, source).save(flatIndex).output(out);
    }

    /** {@code indices} with each bool mask replaced by the index tensors of its true elements, one per mask dim. */
    private static List<Tensor> masksAsIndices(Tensor x, List<Tensor> indices) {
        if (indices.stream().noneMatch(i -> i.dtype() == DType.BOOL)) {
            return indices;
        }
        List<Tensor> out = new java.util.ArrayList<>();
        int d = 0;
        for (Tensor index : indices) {
            if (index.dtype() != DType.BOOL) {
                out.add(index);
                d++;
                continue;
            }
            Dispatch.device("index_put", x, index);
            if (index.dim() == 0) {
                throw Errors.argument("index_put", "a 0-d bool mask is not supported; use a mask of the indexed dims' "
                        + "shape, or where");
            }
            checkMask("index_put", x, d, index);
            Tensor at = nonzero(index);
            for (int j = 0; j < index.dim(); j++) {
                out.add(at.select(1, j));
            }
            d += index.dim();
        }
        return out;
    }

    /**
     * {@code rows} with every row zeroed whose position {@code flat} repeats later, so that adding them writes each
     * position's last value, as PyTorch's CPU kernel and its deterministic mode do: a stable sort groups the
     * repeats in their original order, and each group's last row is kept.
     */
    private static Tensor lastWrites(Tensor flat, Tensor rows) {
        int count = flat.size(0);
        if (count <= 1) {
            return rows;
        }
        Tensor.ValuesIndices sorted = flat.sort(0, false);
        Tensor positions = sorted.values();
        Tensor repeatsLater = Tensor.cat(List.of(positions.narrow(0, 0, count - 1).eq(positions.narrow(0, 1, count - 1)),
                Tensor.zeros(new int[] {1}, DType.BOOL, flat.device())), 0);
        int[] column = ones(rows.dim());
        column[0] = count;
        Tensor kept = rows.indexSelect(0, sorted.indices());
        return Tensor.zerosLike(kept).indexAdd(0, sorted.indices(),
                Tensor.where(repeatsLater.reshape(column), 0L, kept));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] ones(int n) {
        int[] out = new int[n];
        Arrays.fill(out, 1);
        return out;
    }

    /**
     * {@code torch.nn.functional.one_hot}: int64 class indices of any shape to an int64 tensor with a new last dim
     * of {@code numClasses}, 1 at each index. {@code numClasses == -1} takes the largest index plus one, which reads
     * the indices on the host (a synchronisation, as in PyTorch). An index outside {@code [0, numClasses)} is an
     * {@link IndexOutOfBoundsException}.
     *
     * @param indices the index tensors (for one_hot, the int64 class indices)
     * @param numClasses the number of classes, or -1 to infer it
     * @return the int64 encoding
     */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        Dispatch.checkLive("one_hot", indices);
        if (indices.dtype() != DType.INT64) {
            throw Errors.argument("one_hot", "is only applicable to index tensors (int64), got " + indices.dtype());
        }
        if (numClasses < -1) {
            throw Errors.argument("one_hot", "num_classes should be -1 or non-negative, got " + numClasses);
        }
        int classes = numClasses;
        if (classes == -1) {
            if (indices.numel() == 0) {
                throw Errors.argument("one_hot", "can not infer total number of classes from empty tensor "
                        + Errors.shape(indices.shape()));
            }
            classes = (int) indices.max().item() + 1;
        }
        int[] shape = Arrays.copyOf(indices.shape(), indices.dim() + 1);
        shape[indices.dim()] = classes;
        int[] single = shape.clone();
        single[indices.dim()] = 1;
        return named("one_hot", () -> untracked(() -> Tensor.zeros(shape, DType.INT64, indices.device())
                .scatterAdd(-1, indices.reshape(single), Tensor.ones(single, DType.INT64, indices.device()))));
    }
}
