package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;

import java.util.ArrayList;
import java.util.List;

import static dev.autograd4j.internal.Internal.record;

/**
 * sort and topk; searchsorted and bucketize (binary search); unique. Values are differentiable (the gradient goes back to the position each value came from, a
 * scatter-add that is differentiable again); indices are int64 and not.
 *
 * <p>Note [Sorting network]: the sort is a bitonic network composed from gather, comparisons and where, so it runs
 * unchanged on every backend with no sort kernel in the SPI: the dim is padded to a power of two {@code m}, and each
 * of the {@code log2(m) (log2(m) + 1) / 2} stages compares every element with a partner at a fixed distance and
 * keeps the one its place wants. Each element travels with a tag, its original index plus a class, and ties are
 * ordered by the tag, which makes the network stable (as {@code torch.sort(stable=True)}) and every comparison
 * strict. The cost is
 * {@code O(n log^2 n)} elementwise work per row, in about fifteen kernel launches per stage; a dedicated kernel would
 * be faster on long rows, and can be added behind the SPI later without changing the op.
 *
 * <p>Note [Sort keys]: NaN sorts above every number, as in PyTorch (last ascending, first descending), and the
 * padding after everything. Rather than test for NaN and padding at every stage, the keys are made so that one
 * comparison of (key, tag) pairs orders them: a NaN's key becomes +inf and the padding's the row's last key in the
 * sort's order (its maximum ascending, its minimum descending), and the tag is {@code class * m + index} with the classes ordered as the elements must be:
 * ascending, numbers 0, NaN 1, padding 2; descending, NaN 0, numbers 1, padding 2. A NaN then ties with +inf on
 * the key and comes after it (ascending) or before it (descending) on the tag. The index is the tag less
 * {@code m} (or {@code 2m}, for padding, which is cut off).
 */
public final class Sorting {
    private Sorting() {
    }

    /**
     * Values sorted along {@code dim} and the int64 indices they came from; stable. SortBackward0.
     *
     * @param x the input
     * @param dim the dim
     * @param descending largest first
     * @return the values and their int64 indices
     */
    public static Tensor.ValuesIndices sort(Tensor x, int dim, boolean descending) {
        return select("sort", "SortBackward0", x, dim, -1, descending);
    }

    /**
     * The indices that sort {@code x} along {@code dim}, like {@code torch.argsort}: {@link #sort}'s indices, with
     * errors naming argsort.
     *
     * @param x the input
     * @param dim the dim
     * @param descending largest first
     * @return int64 indices of x's shape
     */
    public static Tensor argsort(Tensor x, int dim, boolean descending) {
        Dispatch.checkLive("argsort", x);
        Shapes.wrapDim("argsort", dim, x.dim());
        return sort(x, dim, descending).indices();
    }

    /**
     * The {@code k} largest (or smallest) values along {@code dim}, in order, and their indices. TopkBackward0.
     *
     * @param x the input
     * @param k which diagonal (above the main one when positive); for topk, how many values
     * @param dim the dim
     * @param largest the largest first, else the smallest
     * @return the values and their int64 indices
     */
    public static Tensor.ValuesIndices topk(Tensor x, int k, int dim, boolean largest) {
        Dispatch.checkLive("topk", x);
        int d = Shapes.wrapDim("topk", dim, x.dim());
        int n = x.dim() == 0 ? 1 : x.size(d);
        if (k < 0 || k > n) {
            throw Errors.argument("topk", "selected index k (" + k + ") out of range for dimension " + d + " of size "
                    + n + " (shape " + Errors.shape(x.shape()) + ")");
        }
        return select("topk", "TopkBackward0", x, d, k, largest);
    }

    /**
     * The {@code k}-th smallest value along {@code dim} (NaN counts as the largest) and its index, like
     * {@code torch.kthvalue}; the gradient goes to that index.
     *
     * @param x the input
     * @param k from 1 to the dim's size
     * @param dim the dim
     * @param keepdim keep {@code dim} with size 1
     * @return the values and their int64 indices
     */
    public static Tensor.ValuesIndices kthvalue(Tensor x, int k, int dim, boolean keepdim) {
        Dispatch.checkLive("kthvalue", x);
        int d = Shapes.wrapDim("kthvalue", dim, x.dim());
        int n = x.dim() == 0 ? 1 : x.size(d);
        if (k < 1 || k > n) {
            throw Errors.argument("kthvalue", "selected number k = " + k + " out of range for dimension " + d
                    + " of size " + n + " (shape " + Errors.shape(x.shape()) + ")");
        }
        return ranked("kthvalue", "KthvalueBackward0", x, d, keepdim, k - 1, false);
    }

    /**
     * The lower median along {@code dim} (of an even count, the smaller middle value) and its index, like
     * {@code torch.median(x, dim)}; a row holding NaN has median NaN, at a NaN's index. The gradient goes to that
     * index.
     *
     * @param x the input
     * @param dim the dim
     * @param keepdim keep {@code dim} with size 1
     * @return the values and their int64 indices
     */
    public static Tensor.ValuesIndices median(Tensor x, int dim, boolean keepdim) {
        Dispatch.checkLive("median", x);
        int d = Shapes.wrapDim("median", dim, x.dim());
        int n = x.dim() == 0 ? 1 : x.size(d);
        if (n == 0) {
            throw Errors.argument("median", "expected reduction dim " + d + " to have non-zero size (shape "
                    + Errors.shape(x.shape()) + ")");
        }
        return ranked("median", "MedianBackward1", x, d, keepdim, (n - 1) / 2, true);
    }

    /**
     * The lower median of all elements, like {@code torch.median(x)}: NaN if any element is NaN or there are none.
     *
     * @param x the input
     * @return a 0-d tensor
     */
    public static Tensor median(Tensor x) {
        Dispatch.checkLive("median", x);
        if (x.numel() == 0) {
            Pointwise.checkNumeric("median", x);
            Tensor nan = Factories.full("median", new int[0], Double.NaN, x.dtype().isFloatingPoint() ? x.dtype()
                    : DType.defaultFloat(), x.device());
            int[] shape = x.shape();
            return record("MedianBackward0", (nd, g) -> new Tensor[] {Tensor.zeros(shape, g[0].dtype(),
                    g[0].device())}, x).output(nan);
        }
        Tensor value;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor flat = x.reshape(-1);
            value = ranked("median", "MedianBackward0", flat, 0, false, (flat.size(0) - 1) / 2, true).values();
        }
        return record("MedianBackward0", (nd, g) -> new Tensor[] {Reductions.evenlyDistribute(g[0], nd.saved(0),
                nd.saved(1))}, x).save(x, value).output(value);
    }

    /**
     * Entry {@code at} of each row sorted ascending along {@code d} (NaN last), or, with {@code nanWins}, the row's
     * first NaN where it has one (median's rule); the gradient is scattered back to the entry's index.
     */
    private static Tensor.ValuesIndices ranked(String op, String node, Tensor x, int d, boolean keepdim, int at,
                                               boolean nanWins) {
        Pointwise.checkNumeric(op, x);
        Tensor in = x.dim() == 0 ? x.reshape(1) : x;
        int[] shape = in.shape(), kept = one(shape, d), result = keptShape(x, d, keepdim);
        Tensor values, indices;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor.ValuesIndices sorted = in.sort(d, false);
            Tensor position = Tensor.full(kept, at, DType.INT64, in.device());
            indices = sorted.indices().gather(d, position);
            if (nanWins && in.dtype().isFloatingPoint()) { // PyTorch returns the row's first NaN
                Tensor nan = in.isnan();
                indices = Tensor.where(nan.any(d, true), nan.to(DType.INT32).argmax(d, true), indices);
            }
            values = in.gather(d, indices);
        }
        Tensor out = record(node, (nd, g) -> new Tensor[] {Tensor.zeros(shape, g[0].dtype(), g[0].device())
                .scatterAdd(d, nd.saved(0), g[0].reshape(kept)).reshape(x.shape())}, x)
                .save(indices).output(values.reshape(result));
        return new Tensor.ValuesIndices(out, indices.reshape(result));
    }

    /** {@code shape} with dim {@code d} of size 1. */
    private static int[] one(int[] shape, int d) {
        int[] out = shape.clone();
        out[d] = 1;
        return out;
    }

    /** The result shape of a reduction of {@code x} over {@code d}: {@code d} kept with size 1, or dropped. */
    private static int[] keptShape(Tensor x, int d, boolean keepdim) {
        int[] shape = x.shape();
        if (shape.length == 0) {
            return shape;
        }
        if (keepdim) {
            return one(shape, d);
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != d) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    private static Tensor.ValuesIndices select(String op, String node, Tensor x, int dim, int k, boolean descending) {
        Dispatch.checkLive(op, x);
        int d = Shapes.wrapDim(op, dim, x.dim());
        int[] shape = x.shape();
        boolean scalar = x.dim() == 0;
        Tensor values, indices;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            if (x.dim() == 0) {
                indices = Tensor.zeros(new int[0], DType.INT64, x.device());
                values = x.clone();
            } else if (shape[d] == 0) {
                indices = Tensor.zeros(shape, DType.INT64, x.device());
                values = x.clone();
            } else {
                try (Scope scope = Tensors.scope()) {
                    Tensor sorted = sortedIndices(op, x.movedim(d, -1), descending);
                    indices = scope.keep(sorted.narrow(-1, 0, k >= 0 ? k : shape[d]).movedim(-1, d).clone());
                }
                values = x.gather(d, indices);
            }
        }
        Tensor out = record(node, (nd, g) -> new Tensor[] {scalar ? g[0]
                : Tensor.zeros(shape, g[0].dtype(), g[0].device()).scatterAdd(d, nd.saved(0), g[0])}, x)
                .save(indices).output(values);
        return new Tensor.ValuesIndices(out, indices);
    }

    /** The indices that sort each row of {@code x} along its last dim (see Note [Sorting network]). */
    private static Tensor sortedIndices(String op, Tensor x, boolean descending) {
        int n = x.size(-1);
        if (n > 1 << 30) { // the network's width, the next power of two, would overflow int
            throw Errors.argument(op, "cannot sort a dimension of " + n + " elements (shape "
                    + Errors.shape(x.shape()) + "): at most " + (1 << 30));
        }
        Device device = x.device();
        int m = Integer.highestOneBit(Math.max(1, n));
        m = m < n ? m * 2 : m;
        int[] shape = x.shape();
        shape[shape.length - 1] = m;
        DType type = x.dtype() == DType.BOOL ? DType.INT32 : x.dtype();
        Tensor keys = x.to(type);
        // Each element's class (see Note [Sort keys]) goes into the high part of its tag: tag = class * m + index.
        Tensor tag = Factories.arange(0, n, 1, DType.INT64, device).expand(x.shape());
        if (type.isFloatingPoint()) {
            Tensor nan = keys.isnan();
            tag = descending ? Tensor.where(nan, tag, tag.add((long) m)) : Tensor.where(nan, tag.add((long) m), tag);
            keys = Tensor.where(nan, Double.POSITIVE_INFINITY, keys);
        } else if (descending) {
            tag = tag.add((long) m);
        }
        if (m > n) {
            int[] padShape = shape.clone();
            padShape[shape.length - 1] = m - n;
            Tensor padTag = Factories.arange(2L * m + n, 3L * m, 1, DType.INT64, device).expand(padShape);
            // The padding's key ties with the row's last key in the sort's order (and comes after it on the tag).
            Tensor last = descending ? keys.amin(new int[] {-1}, true) : keys.amax(new int[] {-1}, true);
            keys = Tensor.cat(java.util.List.of(keys, last.expand(padShape)), -1);
            tag = Tensor.cat(java.util.List.of(tag, padTag), -1);
        } else {
            tag = tag.contiguous();
        }
        for (int block = 2; block <= m; block <<= 1) {
            for (int distance = block / 2; distance >= 1; distance >>= 1) {
                long[] partner = new long[m];
                boolean[] second = new boolean[m];
                for (int i = 0; i < m; i++) {
                    partner[i] = i ^ distance;
                    second[i] = ((i & distance) == 0) != ((i & block) == 0);
                }
                Tensor previousKeys = keys, previousTag = tag;
                try (Scope stage = Tensors.scope()) { // a stage's temporaries are freed as it ends
                    Tensor partnerIndex = Rearrange.longs(partner, device).expand(shape);
                    Tensor takesSecond = Factories.fromArray(second, m, new int[] {m}, device);
                    Tensor otherKeys = keys.gather(-1, partnerIndex), otherTag = tag.gather(-1, partnerIndex);
                    Tensor ahead = descending ? keys.gt(otherKeys) : keys.lt(otherKeys);
                    Tensor before = ahead.logicalOr(keys.eq(otherKeys).logicalAnd(tag.lt(otherTag)));
                    Tensor keep = before.ne(takesSecond);
                    keys = stage.keep(Tensor.where(keep, keys, otherKeys));
                    tag = stage.keep(Tensor.where(keep, tag, otherTag));
                }
                if (previousKeys != x) { // the caller's tensor stays open; the previous stage's results are done
                    previousKeys.close();
                }
                previousTag.close();
            }
        }
        Tensor sorted = m > n ? tag.narrow(-1, 0, n) : tag;
        return Tensor.where(sorted.ge((double) m), sorted.sub((long) m), sorted);
    }
    /**
     * For each value, the index at which it would be inserted into the sorted last dim of {@code sorted}
     * ({@code torch.searchsorted}): the first position whose element is {@code >=} the value, or {@code >} with
     * {@code right}. {@code sorted} is 1-D, or has the values' leading dims. Not differentiable.
     *
     * @param sorted the sorted sequence(s), along the last dim
     * @param values the values to place
     * @param right the last position instead of the first among equal elements
     * @return int64 indices of the values' shape
     */
    public static Tensor searchsorted(Tensor sorted, Tensor values, boolean right) {
        String name = "searchsorted";
        checkSearchable(name, sorted, values);
        if (sorted.dim() == 0) {
            throw Errors.argument(name, "expected the sorted sequence to have at least one dimension, but got a 0-d"
                    + " tensor");
        }
        int[] s = sorted.shape(), v = values.shape();
        if (sorted.dim() > 1 && (v.length != s.length
                || !java.util.Arrays.equals(s, 0, s.length - 1, v, 0, v.length - 1))) {
            throw Errors.argument(name, "the sorted sequence must be 1-D or match the values in all but the last dim,"
                    + " but got " + Errors.shape(s) + " and " + Errors.shape(v));
        }
        return binarySearch(sorted, values, right);
    }

    /**
     * The bucket of each element of {@code x} among 1-D sorted {@code boundaries} ({@code torch.bucketize}):
     * {@link #searchsorted} with the arguments swapped.
     *
     * @param x the values
     * @param boundaries the 1-D sorted boundaries
     * @param right the last position instead of the first among equal boundaries
     * @return int64 indices of {@code x}'s shape
     */
    public static Tensor bucketize(Tensor x, Tensor boundaries, boolean right) {
        checkSearchable("bucketize", boundaries, x);
        if (boundaries.dim() != 1) {
            throw Errors.argument("bucketize", "expected 1-D boundaries, but got " + Errors.shape(boundaries.shape()));
        }
        return binarySearch(boundaries, x, right);
    }

    private static void checkSearchable(String name, Tensor sorted, Tensor values) {
        Dispatch.checkLive(name, sorted);
        Dispatch.checkLive(name, values);
        Dispatch.device(name, sorted, values);
        if (sorted.dtype() == DType.BOOL || values.dtype() == DType.BOOL) {
            throw Errors.argument(name, "is not supported for bool tensors (got " + sorted.dtype() + " and "
                    + values.dtype() + ")");
        }
    }

    /**
     * PyTorch's {@code cus_lower_bound} / {@code cus_upper_bound} loop, run for every value at once: while
     * {@code start < end}, {@code mid = start + (end - start) / 2} moves {@code start} past {@code mid} where
     * {@code !(sorted[mid] >= value)} ({@code !(sorted[mid] > value)} for {@code right}), else {@code end} to it.
     * Written with negations, as PyTorch's, so NaN values and NaN in the sequence land where PyTorch puts them. The
     * loop ends after the bit length of {@code n} steps.
     */
    private static Tensor binarySearch(Tensor sorted, Tensor values, boolean right) {
        int n = sorted.size(sorted.dim() - 1);
        int[] shape = values.shape();
        Device device = values.device();
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            Tensor start = Tensor.zeros(shape, DType.INT64, device), end = Tensor.full(shape, n, DType.INT64, device);
            for (int step = 32 - Integer.numberOfLeadingZeros(n); step > 0; step--) {
                Tensor active = start.lt(end);
                Tensor mid = start.add(end.sub(start).floorDivide(2));
                Tensor at = mid.clamp(0, n - 1);
                Tensor midValue = sorted.dim() == 1 ? sorted.gather(0, at.reshape(-1)).reshape(shape)
                        : sorted.gather(sorted.dim() - 1, at);
                Tensor forward = (right ? midValue.gt(values) : midValue.ge(values)).logicalNot();
                start = Tensor.where(active.logicalAnd(forward), mid.add(1), start);
                end = Tensor.where(active.logicalAnd(forward.logicalNot()), mid, end);
            }
            return scope.keep(start.isView() ? start.clone() : start);
        }
    }
    /**
     * The distinct elements of {@code x}, sorted ({@code torch.unique(x, sorted, return_inverse, return_counts)}),
     * built on the stable sort: a run of equal sorted values starts where a value differs from the one before it (so
     * each NaN is its own run, last, and {@code -0.0} joins {@code 0.0}), the inverse is each element's run number
     * scattered back through the sort's indices, and the counts are the runs' lengths. Reads the number of runs (as
     * {@code nonzero} does). Not differentiable.
     *
     * @param x the input, any shape
     * @param sorted ignored: the result is always sorted (PyTorch allows this for {@code sorted=False})
     * @param returnInverse also return, for each element of {@code x}, the index of its value (int64, {@code x}'s shape)
     * @param returnCounts also return how often each value occurs (int64)
     * @return the values (1-D, {@code x}'s dtype), then the inverse and the counts if asked for
     */
    public static List<Tensor> unique(Tensor x, boolean sorted, boolean returnInverse, boolean returnCounts) {
        Dispatch.checkLive("unique", x);
        List<Tensor> out = new ArrayList<>();
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            Tensor flat = x.reshape(-1);
            int n = flat.size(0);
            Tensor.ValuesIndices order = flat.sort(0, false);
            Tensor v = order.values();
            Tensor starts = n == 0 ? Tensor.zeros(new int[] {0}, DType.BOOL, x.device())
                    : Tensor.cat(List.of(Tensor.full(new int[] {1}, 1, DType.BOOL, x.device()),
                    v.narrow(0, 1, n - 1).ne(v.narrow(0, 0, n - 1))), 0);
            Tensor values = v.maskedSelect(starts);
            out.add(values);
            Tensor run = starts.cumsum(0).sub(1L);
            if (returnInverse) {
                out.add(Tensor.zeros(new int[] {n}, DType.INT64, x.device()).scatterAdd(0, order.indices(), run)
                        .reshape(x.shape()));
            }
            if (returnCounts) {
                out.add(Tensor.zeros(new int[] {values.size(0)}, DType.INT64, x.device()).scatterAdd(0, run,
                        Tensor.ones(new int[] {n}, DType.INT64, x.device())));
            }
            for (Tensor t : out) {
                scope.keep(t);
            }
        }
        return out;
    }
    /**
     * The distinct slices of {@code x} along {@code dim}, in lexicographic order
     * ({@code torch.unique(x, sorted, return_inverse, return_counts, dim)}): the slices, flattened to rows, are
     * ordered by stable sorts on each column from the last to the first (a radix sort over columns), and a run starts
     * where a row differs from the one before in any column (NaN differs from itself, so rows holding NaN stay
     * apart, as PyTorch's do). Values keep the other dims; the inverse and the counts are 1-D int64. Reads the number
     * of runs. Not differentiable.
     *
     * @param x the input, at least 1-D, with no empty dim but {@code dim}
     * @param dim the dim whose slices are compared
     * @param returnInverse also return each slice's index into the values
     * @param returnCounts also return how often each slice occurs
     * @return the values, then the inverse and the counts if asked for
     */
    public static List<Tensor> unique(Tensor x, int dim, boolean returnInverse, boolean returnCounts) {
        Dispatch.checkLive("unique", x);
        if (x.dim() == 0) {
            throw Errors.argument("unique", "dimension specified as " + dim + " but the tensor has no dimensions");
        }
        int d = Shapes.wrapDim("unique", dim, x.dim());
        int[] shape = x.shape();
        int n = shape[d], m = 1;
        for (int k = 0; k < shape.length; k++) {
            if (k != d) {
                if (shape[k] == 0) {
                    throw Errors.argument("unique", "there are 0-sized dimensions other than dim " + d + " in "
                            + Errors.shape(shape) + ", so unique cannot be applied");
                }
                m *= shape[k];
            }
        }
        List<Tensor> out = new ArrayList<>();
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            Tensor rows = x.movedim(d, 0).reshape(n, m);
            long[] identity = new long[n];
            java.util.Arrays.setAll(identity, i -> i);
            Tensor perm = Rearrange.longs(identity, x.device());
            for (int c = m - 1; c >= 0 && n > 1; c--) {
                Tensor key = rows.select(1, c).index(0, perm);
                perm = perm.index(0, key.sort(0, false).indices());
            }
            Tensor sortedRows = rows.index(0, perm);
            Tensor starts = n == 0 ? Tensor.zeros(new int[] {0}, DType.BOOL, x.device())
                    : Tensor.cat(List.of(Tensor.full(new int[] {1}, 1, DType.BOOL, x.device()),
                    sortedRows.narrow(0, 1, n - 1).ne(sortedRows.narrow(0, 0, n - 1)).any(1, false)), 0);
            Tensor first = perm.maskedSelect(starts);
            out.add(x.index(d, first));
            Tensor run = starts.cumsum(0).sub(1L);
            if (returnInverse) {
                out.add(Tensor.zeros(new int[] {n}, DType.INT64, x.device()).scatterAdd(0, perm, run));
            }
            if (returnCounts) {
                out.add(Tensor.zeros(new int[] {first.size(0)}, DType.INT64, x.device()).scatterAdd(0, run,
                        Tensor.ones(new int[] {n}, DType.INT64, x.device())));
            }
            for (Tensor t : out) {
                scope.keep(t);
            }
        }
        return out;
    }
}
