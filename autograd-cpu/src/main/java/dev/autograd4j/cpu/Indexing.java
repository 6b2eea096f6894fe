package dev.autograd4j.cpu;

import dev.autograd4j.spi.View;

/**
 * gather and scatterAdd along one dimension. Every index is checked before anything is written, so a bad index
 * leaves the output untouched and the error names the op, the index, the dimension and its size.
 */
final class Indexing {
    private Indexing() {
    }

    /** {@code out[i][j][k] = in[i][index[i][j][k]][k]} for {@code dim == 1}, and likewise for any dim. */
    static void gather(View out, View in, int dim, View index) {
        if (out.numel() == 0) {
            return;
        }
        checkBounds("gather", index, dim, in.shape[dim]);
        // The input seen with the output's shape and stride 0 along dim: the index supplies that coordinate.
        long[] along = in.strides.clone();
        along[dim] = 0;
        View inAlong = in.with(in.offset, out.shape, along);
        long dimStride = in.strides[dim];
        switch (in.dtype()) {
            case FLOAT32 -> FloatMoves.gather(out, index, inAlong, dimStride);
            case FLOAT64 -> DoubleMoves.gather(out, index, inAlong, dimStride);
            case INT64 -> LongMoves.gather(out, index, inAlong, dimStride);
            case INT32 -> IntMoves.gather(out, index, inAlong, dimStride);
            case BOOL -> BoolMoves.gather(out, index, inAlong, dimStride);
        }
    }

    /**
     * {@code out[i][index[i][j][k]][k] += src[i][j][k]} for {@code dim == 1}, and likewise for any dim; repeated
     * indices accumulate (BOOL accumulates with "or").
     *
     * <p>The walk puts {@code dim} innermost, so one row holds every source element that can reach a given output
     * element, and rows can run on different threads without ever adding into the same place. Within an output
     * element, contributions are added in index order, so results do not depend on the thread count.
     */
    static void scatterAdd(View out, int dim, View index, View src) {
        if (src.numel() == 0) {
            return;
        }
        checkBounds("scatter_add", index, dim, out.shape[dim]);
        int r = src.rank();
        int[] order = new int[r];
        for (int d = 0, j = 0; d < r; d++) {
            if (d != dim) {
                order[j++] = d;
            }
        }
        order[r - 1] = dim;
        long[] along = out.strides.clone();
        along[dim] = 0;
        int[] shape = permute(src.shape, order);
        View o = out.with(out.offset, shape, permute(along, order));
        View idx = index.with(index.offset, shape, permute(index.strides, order));
        View s = src.with(src.offset, shape, permute(src.strides, order));
        long dimStride = out.strides[dim];
        Strided it = Strided.of(shape, o, idx, s);
        int os = it.inner(0), is = it.inner(1), ss = it.inner(2);
        long[] ix = (long[]) ((CpuStorage) index.storage).data;
        Object od = ((CpuStorage) out.storage).data, sd = ((CpuStorage) src.storage).data;
        Strided.Rows rows = switch (out.dtype()) {
            case FLOAT32 -> (off, n) -> FloatBinary.scatterAddRow((float[]) od, off[0], os, ix, off[1], is, dimStride,
                    (float[]) sd, off[2], ss, n);
            case FLOAT64 -> (off, n) -> DoubleBinary.scatterAddRow((double[]) od, off[0], os, ix, off[1], is,
                    dimStride, (double[]) sd, off[2], ss, n);
            case INT64 -> (off, n) -> LongBinary.scatterAddRow((long[]) od, off[0], os, ix, off[1], is, dimStride,
                    (long[]) sd, off[2], ss, n);
            case INT32 -> (off, n) -> IntBinary.scatterAddRow((int[]) od, off[0], os, ix, off[1], is, dimStride,
                    (int[]) sd, off[2], ss, n);
            case BOOL -> (off, n) -> {
                boolean[] ob = (boolean[]) od, sb = (boolean[]) sd;
                for (int i = 0; i < n; i++) {
                    ob[(int) (off[0] + (long) i * os + ix[off[1] + i * is] * dimStride)] |= sb[off[2] + i * ss];
                }
            };
        };
        it.runWholeRows(Elementwise.GRAIN, rows);
    }

    /** Throws for the first (row-major) index outside {@code [0, size)}. */
    private static void checkBounds(String op, View index, int dim, int size) {
        long[] ix = (long[]) ((CpuStorage) index.storage).data;
        Strided it = Strided.of(index.shape, index);
        int is = it.inner(0);
        it.forEach(0, it.numel(), (off, n) -> {
            int io = off[0];
            for (int i = 0; i < n; i++) {
                long v = ix[io + i * is];
                if (v < 0 || v >= size) {
                    throw Errors.index(op, v, dim, size);
                }
            }
        });
    }

    private static int[] permute(int[] a, int[] order) {
        int[] p = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            p[i] = a[order[i]];
        }
        return p;
    }

    private static long[] permute(long[] a, int[] order) {
        long[] p = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            p[i] = a[order[i]];
        }
        return p;
    }
}
