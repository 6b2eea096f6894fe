package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;

import static dev.autograd4j.internal.Internal.record;

/**
 * sort and topk. Values are differentiable (the gradient goes back to the position each value came from, a
 * scatter-add that is differentiable again); indices are int64 and not.
 *
 * <p>Note [Sorting network]: the sort is a bitonic network composed from gather, comparisons and where, so it runs
 * unchanged on every backend with no sort kernel in the SPI: the dim is padded to a power of two {@code m}, and each
 * of the {@code log2(m) (log2(m) + 1) / 2} stages compares every element with a partner at a fixed distance and
 * keeps the one its place wants. Each element travels with its original index, and ties are ordered by that index,
 * which makes the network stable (as {@code torch.sort(stable=True)}) and every comparison strict. NaN sorts above
 * every number, as in PyTorch (last ascending, first descending); padding sorts after everything. The cost is
 * {@code O(n log^2 n)} elementwise work per row, in about fifteen kernel launches per stage; a dedicated kernel would
 * be faster on long rows, and can be added behind the SPI later without changing the op.
 */
public final class Sorting {
    private Sorting() {
    }

    /** Values sorted along {@code dim} and the int64 indices they came from; stable. SortBackward0. */
    public static Tensor.ValuesIndices sort(Tensor x, int dim, boolean descending) {
        return select("sort", "SortBackward0", x, dim, -1, descending);
    }

    /**
     * The {@code k} largest (or smallest) values along {@code dim}, in order, and their indices. TopkBackward0.
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
            } else {
                Tensor sorted = sortedIndices(x.movedim(d, -1), descending);
                if (k >= 0) {
                    sorted = sorted.narrow(-1, 0, k);
                }
                indices = sorted.movedim(-1, d).contiguous();
                values = x.gather(d, indices);
            }
        }
        Tensor out = record(node, (nd, g) -> new Tensor[] {scalar ? g[0]
                : Tensor.zeros(shape, g[0].dtype(), g[0].device()).scatterAdd(d, nd.saved(0), g[0])}, x)
                .save(indices).output(values);
        return new Tensor.ValuesIndices(out, indices);
    }

    /** The indices that sort each row of {@code x} along its last dim (see Note [Sorting network]). */
    private static Tensor sortedIndices(Tensor x, boolean descending) {
        int n = x.size(-1);
        Device device = x.device();
        int m = Integer.highestOneBit(Math.max(1, n));
        m = m < n ? m * 2 : m;
        int[] shape = x.shape();
        shape[shape.length - 1] = m;
        Tensor keys = x.dtype() == DType.BOOL ? x.to(DType.INT32) : x;
        if (m > n) {
            int[] padShape = shape.clone();
            padShape[shape.length - 1] = m - n;
            keys = Tensor.cat(java.util.List.of(keys, Tensor.zeros(padShape, keys.dtype(), device)), -1);
        }
        Tensor index = Factories.arange(0, m, 1, DType.INT64, device).expand(shape).contiguous();
        boolean floating = keys.dtype().isFloatingPoint();
        for (int block = 2; block <= m; block <<= 1) {
            for (int distance = block / 2; distance >= 1; distance >>= 1) {
                long[] partner = new long[m];
                boolean[] takeFirst = new boolean[m];
                for (int i = 0; i < m; i++) {
                    partner[i] = i ^ distance;
                    takeFirst[i] = ((i & distance) == 0) == ((i & block) == 0);
                }
                Tensor partnerIndex = Rearrange.longs(partner, device).expand(shape);
                Tensor first = Factories.fromArray(takeFirst, m, new int[] {m}, device);
                Tensor otherKeys = keys.gather(-1, partnerIndex), otherIndex = index.gather(-1, partnerIndex);
                Tensor before = comesFirst(keys, index, otherKeys, otherIndex, n, descending, floating);
                Tensor keep = Tensor.where(first, before, before.logicalNot());
                keys = Tensor.where(keep, keys, otherKeys);
                index = Tensor.where(keep, index, otherIndex);
            }
        }
        return m > n ? index.narrow(-1, 0, n) : index;
    }

    /**
     * Whether element {@code (a, ia)} comes before {@code (b, ib)}: padding (an index of at least {@code n}) last,
     * then by value with NaN above every number, then by index.
     */
    private static Tensor comesFirst(Tensor a, Tensor ia, Tensor b, Tensor ib, int n, boolean descending,
                                     boolean floating) {
        Tensor byIndex = ia.lt(ib);
        Tensor ahead = descending ? a.gt(b) : a.lt(b);
        Tensor tie = a.eq(b);
        if (floating) {
            Tensor nanA = a.isnan(), nanB = b.isnan();
            Tensor nanAhead = descending ? nanA.logicalAnd(nanB.logicalNot()) : nanB.logicalAnd(nanA.logicalNot());
            ahead = ahead.logicalOr(nanAhead);
            tie = tie.logicalOr(nanA.logicalAnd(nanB));
        }
        Tensor byValue = ahead.logicalOr(tie.logicalAnd(byIndex));
        Tensor padding = ia.ge((double) n).logicalOr(ib.ge((double) n));
        return Tensor.where(padding, byIndex, byValue);
    }
}
