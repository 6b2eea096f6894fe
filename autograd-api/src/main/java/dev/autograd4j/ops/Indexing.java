package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.spi.View;

import java.util.Arrays;

import static dev.autograd4j.internal.Internal.aliasData;
import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;
import static dev.autograd4j.internal.Internal.wrap;

/**
 * gather / scatter_add / index_select / embedding. All are the backend's two index primitives: index_select and
 * embedding gather with an index broadcast along the other dims (stride 0), and their backwards scatter-add into
 * zeros, which is differentiable with respect to the gradient (its backward is a gather), so double backward works.
 */
public final class Indexing {
    private Indexing() {
    }

    /** {@code out[i][j] = x[i][index[i][j]]} (dim 1); {@code index} is int64 with x's rank. */
    public static Tensor gather(Tensor x, int dim, Tensor index) {
        int d = checkIndex("gather", x, dim, index);
        if (x.dim() == 0 || index.dim() == 0) {
            // PyTorch treats a 0-d tensor as one element along dim 0 (the kernels need a dimension to index), so a
            // 0-d input takes a 0-d or 1-d index and the other way round; the result has the index's shape.
            return gather(x.reshape(-1), 0, index.reshape(-1)).reshape(index.shape());
        }
        int[] xs = view(x).shape, is = view(index).shape;
        for (int k = 0; k < xs.length; k++) {
            if (k != d && is[k] > xs[k]) {
                throw Errors.argument("gather", "size of dimension " + k + " of index " + Errors.shape(is)
                        + " must not exceed that of the input " + Errors.shape(xs));
            }
        }
        Tensor out = Dispatch.empty(is, x.dtype(), x.device());
        runIndexKernel("gather", () -> Dispatch.backend("gather", x, index).gather(view(out), view(x), d, view(index)));
        return record("GatherBackward0", (n, g) -> {
            Tensor idx = n.saved(0);
            return new Tensor[] {scatterAdd(Tensor.zeros(xs, g[0].dtype(), g[0].device()), d, idx, g[0])};
        }, x).save(index).output(out);
    }

    /** A copy of {@code self} with {@code src[i][j]} added at {@code [i][index[i][j]]} (dim 1). */
    public static Tensor scatterAdd(Tensor self, int dim, Tensor index, Tensor src) {
        int d = checkIndex("scatter_add", self, dim, index);
        Dispatch.device("scatter_add", self, src);
        if (src.dtype() != self.dtype()) {
            throw Errors.dtypes("scatter_add", "expected self and src to have the same dtype", self.dtype(), src.dtype());
        }
        if (self.dim() <= 1 && src.dim() <= 1 && (self.dim() == 0 || index.dim() == 0 || src.dim() == 0)) {
            // As gather: a 0-d tensor is one element along dim 0, interchangeable with a 1-d one.
            return scatterAdd(self.reshape(-1), 0, index.reshape(-1), src.reshape(-1))
                    .reshape(self.shape());
        }
        int[] ss = view(self).shape, is = view(index).shape, rs = view(src).shape;
        if (rs.length != is.length) {
            throw Errors.argument("scatter_add", "index " + Errors.shape(is) + " and src " + Errors.shape(rs)
                    + " must have the same number of dimensions");
        }
        for (int k = 0; k < is.length; k++) {
            if (is[k] > rs[k] || (k != d && is[k] > ss[k])) {
                throw Errors.argument("scatter_add", "index " + Errors.shape(is) + " must not be larger than src "
                        + Errors.shape(rs) + " in any dimension, nor than self " + Errors.shape(ss)
                        + " apart from dimension " + d);
            }
        }
        View srcView = view(src);
        if (!Arrays.equals(rs, is)) {
            srcView = srcView.with(srcView.offset, is, srcView.strides);
        }
        Tensor out = Dispatch.empty(ss, self.dtype(), self.device());
        Dispatch.backend("scatter_add", self, index, src).copy(view(out), view(self));
        View sv = srcView;
        runIndexKernel("scatter_add", () -> Dispatch.backend("scatter_add", self).scatterAdd(view(out), d, view(index), sv));
        return record("ScatterAddBackward0", (n, g) -> {
            Tensor idx = n.saved(0);
            Tensor gSrc = null;
            if (n.needsInputGrad(1)) {
                gSrc = gather(g[0], d, idx);
                if (!Arrays.equals(rs, is)) {
                    gSrc = Tensor.zeros(rs, g[0].dtype(), g[0].device()).add(padTo(gSrc, rs));
                }
            }
            return new Tensor[] {n.needsInputGrad(0) ? g[0] : null, gSrc};
        }, self, src).save(index).output(out);
    }

    /** Zero-pads {@code t} at the end of each dim up to {@code shape} (a differentiable narrow-inverse). */
    private static Tensor padTo(Tensor t, int[] shape) {
        Tensor out = t;
        for (int k = 0; k < shape.length; k++) {
            int missing = shape[k] - out.size(k);
            if (missing > 0) {
                int[] padShape = out.shape();
                padShape[k] = missing;
                out = Tensor.cat(java.util.List.of(out, Tensor.zeros(padShape, t.dtype(), t.device())), k);
            }
        }
        return out;
    }

    /** The entries {@code index} (1-D, int64 or int32) of dimension {@code dim}. */
    public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        return indexSelect("index_select", x, dim, index);
    }

    /** index_select under the name of the op the user called (embedding uses it). */
    private static Tensor indexSelect(String op, Tensor x, int dim, Tensor index) {
        int d = Shapes.wrapDim(op, dim, x.dim());
        if (x.dim() == 0) {
            // PyTorch treats a 0-d tensor as one element along dim 0 and returns a 0-d result.
            Tensor picked = indexSelect(op, x.reshape(1), 0, index);
            return picked.numel() == 0 ? picked.reshape(0) : picked.narrow(0, 0, 1).reshape();
        }
        Tensor idx = index1d(op, x, index);
        int[] xs = view(x).shape;
        int[] outShape = xs.length == 0 ? new int[0] : xs.clone();
        if (xs.length > 0) {
            outShape[d] = idx.size(0);
        }
        Tensor out = Dispatch.empty(outShape, x.dtype(), x.device());
        View expanded = alongDim(idx, outShape, d);
        runIndexKernel(op, () -> Dispatch.backend(op, x, idx).gather(view(out), view(x), d, expanded));
        return record("IndexSelectBackward0", (n, g) -> {
            Tensor saved = n.saved(0);
            Tensor expandedIndex = aliasData(saved, alongDim(saved, view(g[0]).shape, d));
            return new Tensor[] {scatterAdd(Tensor.zeros(xs, g[0].dtype(), g[0].device()), d, expandedIndex, g[0])};
        }, x).save(idx).output(out);
    }

    /**
     * Rows of {@code weight} ({@code [V, D]}) picked by {@code indices} (any shape, int64 or int32): the result has
     * shape {@code indices.shape + [D]}. Rows at {@code paddingIdx} (negative: none) get no gradient.
     */
    public static Tensor embedding(Tensor indices, Tensor weight, int paddingIdx) {
        if (weight.dim() != 2) {
            throw Errors.argument("embedding", "weight must be 2-D [num_embeddings, embedding_dim] but has shape "
                    + Errors.shape(view(weight).shape));
        }
        Tensor flat = index1d("embedding", weight, indices.reshape(-1));
        int[] ws = view(weight).shape;
        int[] is = view(indices).shape;
        int[] outShape = Arrays.copyOf(is, is.length + 1);
        outShape[is.length] = ws[1];
        Tensor rows;
        try (dev.autograd4j.GradMode.Guard ignored = dev.autograd4j.GradMode.noGrad()) {
            rows = indexSelect("embedding", weight, 0, flat);
        }
        Tensor out = Dispatch.reshaped(rows, outShape);
        return record("EmbeddingBackward0", (n, g) -> {
            Tensor idx = n.saved(0);
            Tensor g2 = g[0].reshape(idx.size(0), ws[1]);
            if (paddingIdx >= 0) {
                g2 = Tensor.where(idx.eq(paddingIdx).unsqueeze(1), Tensor.zerosLike(g2), g2);
            }
            Tensor expandedIndex = aliasData(idx, alongDim(idx, view(g2).shape, 0));
            return new Tensor[] {scatterAdd(Tensor.zeros(ws, g[0].dtype(), g[0].device()), 0, expandedIndex, g2)};
        }, weight).save(flat).output(out);
    }

    /** A 1-D int64 index on x's device (int32 converted). */
    private static Tensor index1d(String op, Tensor x, Tensor index) {
        Dispatch.device(op, x, index);
        if (index.dtype() != DType.INT64 && index.dtype() != DType.INT32) {
            throw Errors.argument(op, "expected an int64 or int32 index but got " + index.dtype());
        }
        if (index.dim() > 1) {
            throw Errors.argument(op, "index must be at most 1-D but has shape " + Errors.shape(view(index).shape));
        }
        Tensor idx = Dispatch.cast(op, index, DType.INT64);
        return idx.dim() == 0 ? idx.reshape(1) : idx;
    }

    /** A 1-D index viewed as {@code shape}, varying along {@code dim} only (stride 0 elsewhere). */
    private static View alongDim(Tensor index, int[] shape, int dim) {
        View v = view(index);
        long[] strides = new long[shape.length];
        if (shape.length > 0) {
            strides[dim] = v.strides[0];
        }
        return v.with(v.offset, shape, strides);
    }

    private static int checkIndex(String op, Tensor x, int dim, Tensor index) {
        Dispatch.device(op, x, index);
        if (index.dtype() != DType.INT64) {
            throw Errors.argument(op, "expected an int64 index but got " + index.dtype());
        }
        if (Math.max(1, index.dim()) != Math.max(1, x.dim())) { // 0-d counts as 1-d, as PyTorch's check
            throw Errors.argument(op, "index " + Errors.shape(view(index).shape) + " and input "
                    + Errors.shape(view(x).shape) + " must have the same number of dimensions");
        }
        return Shapes.wrapDim(op, dim, x.dim());
    }

    /**
     * A bad index value is an {@link IndexOutOfBoundsException} naming the op the user called (the backend names its
     * kernel). A synchronous backend throws it here; an asynchronous one at the next synchronising call, with the name
     * of the op that launched the kernel.
     */
    private static void runIndexKernel(String op, Runnable kernel) {
        try {
            kernel.run();
        } catch (IndexOutOfBoundsException e) {
            throw Errors.indexAs(op, e);
        }
    }
}
