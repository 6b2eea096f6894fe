package dev.autograd4j.cpu;

import dev.autograd4j.spi.View;

import java.util.function.Supplier;

/**
 * How an elementwise kernel walks operands of one shape (inputs broadcast with stride 0): in row-major order of
 * that shape, as rows along the innermost dimension. Dimensions of size 1 are dropped and adjacent dimensions that
 * are contiguous with respect to each other in every operand are merged, as PyTorch's TensorIterator coalesces
 * them, so a contiguous or row-broadcast operation of any rank becomes one long row (or a few), and the kernel needs
 * one tight loop per row whatever the rank.
 *
 * <p>A broadcast view can hold more than 2^31 elements though no storage does, so counts and positions in the walk
 * are longs; a coalesced dimension never grows past {@code Integer.MAX_VALUE} (such a merge is skipped), so a row
 * length, and the offset of any element, which lies in a storage, stay ints in the kernels' loops.
 *
 * <p>{@link #run} visits each element once in whatever order is fastest (tile by tile where an operand is
 * transposed) and may split the work between threads; {@link #forEach} keeps row-major order, for kernels whose
 * output depends on it.
 */
final class Strided {
    /**
     * Tiles of a transposed walk: {@link #TILE_ROWS} rows, so each cache line the transposed operand brings in
     * (16 floats along the rows) is used up before it is evicted, by {@link #TILE_COLS} columns, so each call of
     * the kernel's row loop still has a long run to amortise the call.
     */
    private static final int TILE_ROWS = 16;
    private static final int TILE_COLS = 256;

    /** A kernel's inner loop: {@code n} elements starting at {@code off[k]} in operand {@code k}. */
    @FunctionalInterface
    interface Rows {
        void row(int[] off, int n);
    }

    private final int operands;
    private final int rank;
    private final int[] shape;
    /** {@code strides[k * rank + d]}: operand {@code k}'s stride along coalesced dimension {@code d}. */
    private final long[] strides;
    private final long[] offsets;
    private final long numel;

    private Strided(int operands, int rank, int[] shape, long[] strides, long[] offsets, long numel) {
        this.operands = operands;
        this.rank = rank;
        this.shape = shape;
        this.strides = strides;
        this.offsets = offsets;
        this.numel = numel;
    }

    /** The coalesced walk of {@code views} (each of shape {@code shape}, or broadcast to it). */
    static Strided of(int[] shape, View... views) {
        int k = views.length, r = shape.length;
        int[] cs = new int[r + 1];
        long[][] cst = new long[k][r + 1];
        int cr = 0;
        for (int d = 0; d < r; d++) {
            if (shape[d] == 1) {
                continue;
            }
            // A merge past Integer.MAX_VALUE (stride-0 dimensions merge freely) is skipped: row lengths stay ints.
            if (cr > 0 && (long) cs[cr - 1] * shape[d] <= Integer.MAX_VALUE
                    && mergeable(views, d, shape[d], cst, cr - 1)) {
                cs[cr - 1] *= shape[d];
                for (int j = 0; j < k; j++) {
                    cst[j][cr - 1] = views[j].strides[d];
                }
            } else {
                cs[cr] = shape[d];
                for (int j = 0; j < k; j++) {
                    cst[j][cr] = views[j].strides[d];
                }
                cr++;
            }
        }
        if (cr == 0) {
            // A scalar, or only dimensions of size 1: one row of one element.
            cs[0] = 1;
            cr = 1;
        }
        long[] st = new long[k * cr];
        long[] offsets = new long[k];
        for (int j = 0; j < k; j++) {
            System.arraycopy(cst[j], 0, st, j * cr, cr);
            offsets[j] = views[j].offset;
        }
        return new Strided(k, cr, java.util.Arrays.copyOf(cs, cr), st, offsets, View.numelOf(shape));
    }

    /** Whether dimension {@code d} folds into coalesced dimension {@code c} (just outside it) in every view. */
    private static boolean mergeable(View[] views, int d, int size, long[][] cst, int c) {
        for (int j = 0; j < views.length; j++) {
            if (cst[j][c] != (long) size * views[j].strides[d]) {
                return false;
            }
        }
        return true;
    }

    long numel() {
        return numel;
    }

    /** The length of a full row (the innermost coalesced dimension). */
    int rowLength() {
        return shape[rank - 1];
    }

    /** Operand {@code k}'s stride within a row. */
    int inner(int k) {
        return (int) strides[k * rank + rank - 1];
    }

    /**
     * Walks every element once, in any order, in parallel chunks of at least {@code grain} elements where there
     * are enough. Where an operand is transposed against the walk, the last two dimensions go tile by tile, so its
     * cache lines are reused across rows instead of refetched for each.
     */
    void run(int grain, Rows body) {
        run(grain, () -> body);
    }

    /** Like {@link #run(int, Rows)}, with a fresh visitor (say, with its own scratch buffer) per chunk. */
    void run(int grain, Supplier<Rows> perChunk) {
        if (numel == 0) {
            return;
        }
        if (tiled()) {
            int rows = shape[rank - 2], cols = shape[rank - 1], blocks = (rows + TILE_ROWS - 1) / TILE_ROWS;
            long units = numel / ((long) rows * cols) * blocks;
            long grainUnits = Math.max(1, grain / ((long) TILE_ROWS * cols));
            if (units <= grainUnits) {
                forEachTile(0, units, perChunk.get());
            } else {
                Parallel.forLongRange(units, grainUnits, (s, e) -> forEachTile(s, e, perChunk.get()));
            }
        } else if (numel <= grain) {
            forEach(0, numel, perChunk.get());
        } else {
            Parallel.forLongRange(numel, grain, (s, e) -> forEach(s, e, perChunk.get()));
        }
    }

    /**
     * Whether some operand steps through memory faster along the second-to-last dimension than along the last
     * (a transpose), by at least a cache line per element along the last.
     */
    private boolean tiled() {
        if (rank < 2) {
            return false;
        }
        for (int k = 0; k < operands; k++) {
            long outer = Math.abs(strides[k * rank + rank - 2]), inner = Math.abs(strides[k * rank + rank - 1]);
            if (outer != 0 && outer < inner && inner >= 16) {
                return true;
            }
        }
        return false;
    }

    /**
     * Walks work units {@code [u0, u1)} of a tiled walk: unit {@code u} is a block of {@link #TILE_ROWS} rows of the
     * last two dimensions (for one index of the dimensions before them), visited tile by tile.
     */
    private void forEachTile(long u0, long u1, Rows body) {
        int rows = shape[rank - 2], cols = shape[rank - 1], blocks = (rows + TILE_ROWS - 1) / TILE_ROWS;
        int k = operands;
        long[] base = new long[k];
        int[] off = new int[k];
        for (long u = u0; u < u1; u++) {
            long outer = u / blocks;
            int r0 = (int) (u - outer * blocks) * TILE_ROWS, r1 = Math.min(rows, r0 + TILE_ROWS);
            for (int j = 0; j < k; j++) {
                base[j] = offsets[j];
            }
            for (int d = rank - 3; d >= 0; d--) {
                long i = outer % shape[d];
                outer /= shape[d];
                for (int j = 0; j < k; j++) {
                    base[j] += i * strides[j * rank + d];
                }
            }
            for (int c0 = 0; c0 < cols; c0 += TILE_COLS) {
                int len = Math.min(TILE_COLS, cols - c0);
                for (int r = r0; r < r1; r++) {
                    for (int j = 0; j < k; j++) {
                        off[j] = (int) (base[j] + r * strides[j * rank + rank - 2] + c0 * strides[j * rank + rank - 1]);
                    }
                    body.row(off, len);
                }
            }
        }
    }

    /**
     * Walks every element, splitting work only between whole rows, so that no two threads ever touch the same
     * row (kernels whose rows write to shared places, like scatterAdd, rely on this).
     */
    void runWholeRows(int grain, Rows body) {
        int n = rowLength();
        long rows = numel / n;
        int grainRows = Math.max(1, grain / n);
        if (rows <= grainRows) {
            forEach(0, numel, body);
        } else {
            Parallel.forLongRange(rows, grainRows, (s, e) -> forEach(s * n, e * n, body));
        }
    }

    /** Walks elements {@code [start, end)} of the row-major order. */
    void forEach(long start, long end, Rows body) {
        if (start >= end) {
            return;
        }
        int n = rowLength(), outer = rank - 1, k = operands;
        int[] idx = new int[outer];
        long[] base = new long[k];
        int[] off = new int[k];
        long row = start / n;
        int col = (int) (start - row * n);
        for (int d = outer - 1; d >= 0; d--) {
            idx[d] = (int) (row % shape[d]);
            row /= shape[d];
        }
        for (int j = 0; j < k; j++) {
            long o = offsets[j];
            for (int d = 0; d < outer; d++) {
                o += idx[d] * strides[j * rank + d];
            }
            base[j] = o;
        }
        long remaining = end - start;
        while (true) {
            int len = (int) Math.min(n - col, remaining);
            for (int j = 0; j < k; j++) {
                off[j] = (int) (base[j] + col * strides[j * rank + outer]);
            }
            body.row(off, len);
            remaining -= len;
            if (remaining == 0) {
                return;
            }
            col = 0;
            // Next row: bump the outer index like an odometer, moving each operand's base with it.
            for (int d = outer - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    for (int j = 0; j < k; j++) {
                        base[j] += strides[j * rank + d];
                    }
                    break;
                }
                idx[d] = 0;
                for (int j = 0; j < k; j++) {
                    base[j] -= (shape[d] - 1) * strides[j * rank + d];
                }
            }
        }
    }
}
