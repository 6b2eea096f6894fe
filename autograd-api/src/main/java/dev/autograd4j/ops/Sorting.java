package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;

import static dev.autograd4j.internal.Internal.record;

/**
 * sort and topk. Values are differentiable (the gradient goes back to the position each value came from, a
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
}
