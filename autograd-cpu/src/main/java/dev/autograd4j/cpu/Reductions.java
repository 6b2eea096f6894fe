package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.View;

import java.util.Arrays;

/**
 * Reductions ({@link ReduceOp}): which dimensions are reduced, how the input is walked, and how the work is split
 * between threads. The typed loops live in the generated {@code FloatReduce}, {@code DoubleReduce},
 * {@code IntReduce} and {@code LongReduce}; BOOL inputs are reduced as INT32.
 *
 * <p>After coalescing, the kept dimensions K and the reduced dimensions R (usually one; more where they do not
 * merge, as a broadcast dimension next to a real one, or where a merge would pass {@code Integer.MAX_VALUE}) are
 * walked in one of two ways:
 * <ul>
 *   <li><b>outer</b>, when K's innermost dimension is contiguous and R's is not (sum over dim 0 of a matrix): each
 *       work item keeps a tile of output accumulators and adds whole input rows into it, so memory is read row by
 *       row, never column by column;</li>
 *   <li><b>inner</b> otherwise (sum over the last dim, a softmax's max, a full sum): each work item reduces a
 *       block of R, run by run of its innermost dimension, with independent accumulators (eight for a contiguous
 *       sum).</li>
 * </ul>
 * <p>Results never depend on the thread count: R is always reduced in blocks of {@link #BLOCK} elements (of its
 * row-major order) and the block results combined left to right, whether the blocks ran on one thread or many; an
 * outer tile always adds rows in order, four at a time.
 *
 * <p>A broadcast view can hold more than 2^31 elements, so the reduced count and positions in R are longs; every
 * coalesced dimension, and so every run a typed loop walks, stays an int.
 *
 * <p>ARGMAX/ARGMIN index the reduced elements in row-major order of the reduced dimensions, which for the single
 * dimension the SPI promises is the position along it (and for a flattened view, the flat index).
 */
final class Reductions {
    /** Elements of a row reduced as one partial result (fixed, so results do not depend on the thread count). */
    static final int BLOCK = 8192;
    /** Output columns per outer work item: the accumulators (8 KB of doubles) stay in L1. */
    static final int TILE = 1024;
    /** Elements per parallel chunk, below which a reduction stays on the calling thread. */
    private static final int GRAIN = 32768;

    private Reductions() {
    }

    static void reduce(ReduceOp op, View out, View in) {
        int rank = in.rank();
        boolean[] reduced = new boolean[rank];
        long outputs = 1, count = 1;
        for (int d = 0; d < rank; d++) {
            reduced[d] = out.shape[d] == 1 && in.shape[d] != 1;
            if (reduced[d]) {
                count *= in.shape[d];
            } else {
                outputs *= in.shape[d];
            }
        }
        if (outputs == 0) {
            return;
        }
        if (count == 0) {
            empty(op, out, in);
            return;
        }
        if (outputs == 1 && count <= BLOCK && in.isContiguous() && in.dtype() != DType.BOOL) {
            reduceSmall(op, out, in, (int) count);
            return;
        }
        View src = in.dtype() == DType.BOOL ? asInt32(op, in) : in;
        // outputs <= out.numel(), which a storage holds: an int.
        store(out, run(op, src, Plan.of(src, reduced), (int) outputs));
    }

    /**
     * The thin path for a small contiguous input reduced to one value (a loss, a 0-d tensor): one typed call and
     * one store, without a plan, so graphs of tiny tensors stay cheap.
     */
    private static void reduceSmall(ReduceOp op, View out, View in, int n) {
        Object x = ((CpuStorage) in.storage).data;
        int off = (int) in.offset;
        boolean isArg = op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN;
        Object o = ((CpuStorage) out.storage).data;
        int oo = (int) out.offset;
        double[] one = Transcendental.chunk(0);
        long[] oneLong = {0};
        switch (in.dtype()) {
            case FLOAT32 -> {
                if (isArg) {
                    oneLong[0] = FloatReduce.rowArg(op, (float[]) x, off, 1, n);
                } else {
                    one[0] = FloatReduce.rowValue(op, (float[]) x, off, 1, n);
                }
            }
            case FLOAT64 -> {
                if (isArg) {
                    oneLong[0] = DoubleReduce.rowArg(op, (double[]) x, off, 1, n);
                } else {
                    one[0] = DoubleReduce.rowValue(op, (double[]) x, off, 1, n);
                }
            }
            case INT32 -> oneLong[0] = isArg ? IntReduce.rowArg(op, (int[]) x, off, 1, n)
                    : IntReduce.rowValue(op, (int[]) x, off, 1, n);
            case INT64 -> oneLong[0] = isArg ? LongReduce.rowArg(op, (long[]) x, off, 1, n)
                    : LongReduce.rowValue(op, (long[]) x, off, 1, n);
            case BOOL -> throw new IllegalStateException("[" + Errors.name(op) + "] BOOL is reduced as INT32");
        }
        if (isArg || !in.dtype().isFloatingPoint()) {
            Convert.fromLong(oneLong, 0, o, out.dtype(), oo, 1, 1);
        } else {
            Convert.fromDouble(one, 0, o, out.dtype(), oo, 1, 1);
        }
    }

    /** Runs the plan; returns the results in output order ({@code double[]}, {@code long[]} or arg indices). */
    private static Object run(ReduceOp op, View src, Plan p, int outputs) {
        DType t = src.dtype();
        Object x = ((CpuStorage) src.storage).data;
        boolean isArg = op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN;
        if (p.outer) {
            Object val = wide(t, outputs);
            long[] arg = isArg ? new long[outputs] : null;
            int grain = (int) Math.max(1, GRAIN / ((long) Math.min(TILE, p.m) * p.rn));
            Parallel.forRange(p.items, grain, (s, e) -> outer(op, t, x, p, s, e, val, arg));
            return isArg ? arg : val;
        }
        long partials = (long) outputs * p.blocks;
        if (partials > CpuStorage.MAX_NUMEL) { // only past some 10^13 elements, hours of work
            throw new IllegalArgumentException("[" + Errors.name(op) + "] cannot reduce " + p.rn + " elements into"
                    + " each of " + outputs + " outputs on the CPU: their " + partials + " block results (one per "
                    + BLOCK + " elements) would not fit an array");
        }
        int items = (int) partials, blocks = (int) p.blocks;
        Object val = wide(t, items);
        long[] arg = isArg ? new long[items] : null;
        int grain = (int) Math.max(1, GRAIN / Math.min(BLOCK, p.rn));
        Parallel.forRange(items, grain, (s, e) -> inner(op, t, x, p, s, e, val, arg));
        if (blocks == 1) {
            return isArg ? arg : val;
        }
        Object combined = wide(t, outputs);
        long[] combinedArg = isArg ? new long[outputs] : null;
        switch (t) {
            case FLOAT32, FLOAT64 -> DoubleReduce.combineBlocks(op, (double[]) val, arg, blocks, outputs,
                    (double[]) combined, combinedArg);
            default -> LongReduce.combineBlocks(op, (long[]) val, arg, blocks, outputs, (long[]) combined,
                    combinedArg);
        }
        return isArg ? combinedArg : combined;
    }

    private static void inner(ReduceOp op, DType t, Object x, Plan p, int i0, int i1, Object val, long[] arg) {
        switch (t) {
            case FLOAT32 -> FloatReduce.inner(op, (float[]) x, p, i0, i1, (double[]) val, arg);
            case FLOAT64 -> DoubleReduce.inner(op, (double[]) x, p, i0, i1, (double[]) val, arg);
            case INT32 -> IntReduce.inner(op, (int[]) x, p, i0, i1, (long[]) val, arg);
            case INT64 -> LongReduce.inner(op, (long[]) x, p, i0, i1, (long[]) val, arg);
            case BOOL -> throw new IllegalStateException("[" + Errors.name(op) + "] BOOL is reduced as INT32");
        }
    }

    private static void outer(ReduceOp op, DType t, Object x, Plan p, int t0, int t1, Object val, long[] arg) {
        switch (t) {
            case FLOAT32 -> FloatReduce.outer(op, (float[]) x, p, t0, t1, (double[]) val, arg);
            case FLOAT64 -> DoubleReduce.outer(op, (double[]) x, p, t0, t1, (double[]) val, arg);
            case INT32 -> IntReduce.outer(op, (int[]) x, p, t0, t1, (long[]) val, arg);
            case INT64 -> LongReduce.outer(op, (long[]) x, p, t0, t1, (long[]) val, arg);
            case BOOL -> throw new IllegalStateException("[" + Errors.name(op) + "] BOOL is reduced as INT32");
        }
    }

    /** Floating inputs accumulate in double, integral ones in long. */
    private static Object wide(DType t, int n) {
        return t.isFloatingPoint() ? new double[n] : new long[n];
    }

    /** Writes results (in output order) into {@code out}, converting to its dtype. */
    private static void store(View out, Object results) {
        Object o = ((CpuStorage) out.storage).data;
        DType t = out.dtype();
        Strided it = Strided.of(out.shape, out);
        int os = it.inner(0);
        int[] done = {0};
        it.forEach(0, it.numel(), (off, n) -> {
            if (results instanceof double[] r) {
                Convert.fromDouble(r, done[0], o, t, off[0], os, n);
            } else {
                Convert.fromLong((long[]) results, done[0], o, t, off[0], os, n);
            }
            done[0] += n;
        });
    }

    /** A reduction over zero elements: the identity where there is one, else PyTorch's error. */
    private static void empty(ReduceOp op, View out, View in) {
        switch (op) {
            case SUM, ANY -> Copies.fill(out, 0);
            case ALL -> Copies.fill(out, 1);
            default -> throw new IllegalArgumentException("[" + Errors.name(op) + "] cannot reduce over zero elements: "
                    + "input shape " + Arrays.toString(in.shape) + ", output shape " + Arrays.toString(out.shape));
        }
    }

    /**
     * A BOOL view as INT32 (0 or 1), for the typed kernels: a copy of its distinct elements only, broadcast again
     * where {@code in} has stride 0, so a broadcast view of any size costs no more than its storage.
     */
    private static View asInt32(ReduceOp op, View in) {
        int r = in.rank();
        int[] distinct = new int[r];
        for (int d = 0; d < r; d++) {
            distinct[d] = in.strides[d] == 0 ? 1 : in.shape[d];
        }
        long numel = View.numelOf(distinct);
        View dst;
        try {
            dst = View.contiguous(CpuStorage.allocate(DType.INT32, numel), distinct);
        } catch (OutOfMemoryError e) {
            // As an allocation of the op layer's (Dispatch.empty): the request failed alone, so it is an exception.
            throw new IllegalStateException("[" + Errors.name(op) + "] out of memory on cpu: tried to allocate "
                    + numel * 4 + " bytes for an int32 copy of a bool tensor of shape " + Arrays.toString(in.shape)
                    + " (the Java heap's limit is " + Runtime.getRuntime().maxMemory() + " bytes; raise it with -Xmx)");
        }
        Copies.copy(dst, in.with(in.offset, distinct, in.strides));
        long[] strides = dst.strides.clone();
        for (int d = 0; d < r; d++) {
            if (in.strides[d] == 0) {
                strides[d] = 0;
            }
        }
        return dst.with(0, in.shape, strides);
    }

    /** The coalesced layout of one reduction and its split into work items; read by the typed kernels. */
    static final class Plan {
        final int[] keptShape;
        final long[] keptStrides;
        final long base;
        /** The reduced dimensions, coalesced, outermost first; one of size 1 and stride 0 when nothing is reduced. */
        final int[] redShape;
        final long[] redStrides;
        /** How many elements each output reduces (a long: a broadcast view can hold more than 2^31). */
        final long rn;
        /** Length and stride of the innermost reduced dimension: the runs the typed loops walk. */
        final int run;
        final int rs;
        /** Whether the outer walk is used (see {@link Reductions}). */
        final boolean outer;
        /** Inner walk: blocks of {@link #BLOCK} per output. */
        final long blocks;
        /** Outer walk: the contiguous kept extent, its tiles, and the work items (panels x tiles). */
        final int m;
        final int tiles;
        final int items;

        private Plan(int[] keptShape, long[] keptStrides, long base, int[] redShape, long[] redStrides) {
            this.keptShape = keptShape;
            this.keptStrides = keptStrides;
            this.base = base;
            this.redShape = redShape;
            this.redStrides = redStrides;
            int rr = redShape.length;
            this.rn = View.numelOf(redShape);
            this.run = redShape[rr - 1];
            // A reduced dimension of size > 1 has its last element in the storage, so its stride is an int.
            this.rs = (int) redStrides[rr - 1];
            int kr = keptShape.length;
            this.outer = kr > 0 && keptStrides[kr - 1] == 1 && rs != 1 && rn > 1;
            this.blocks = (rn + BLOCK - 1) / BLOCK;
            this.m = kr > 0 ? keptShape[kr - 1] : 1;
            this.tiles = (m + TILE - 1) / TILE;
            long panels = 1;
            for (int d = 0; d < kr - 1; d++) {
                panels *= keptShape[d];
            }
            this.items = (int) (panels * tiles); // at most the outputs, an int
        }

        static Plan of(View in, boolean[] reduced) {
            int r = in.rank();
            int[] ks = new int[r], rsz = new int[r + 1];
            long[] kst = new long[r], rst = new long[r + 1];
            int kr = coalesce(in, reduced, false, ks, kst);
            int rr = coalesce(in, reduced, true, rsz, rst);
            if (rr == 0) {
                rsz[0] = 1;
                rr = 1;
            }
            return new Plan(Arrays.copyOf(ks, kr), Arrays.copyOf(kst, kr), in.offset, Arrays.copyOf(rsz, rr),
                    Arrays.copyOf(rst, rr));
        }

        /**
         * Merges the dimensions with {@code reduced[d] == which} (skipping size 1), but never past
         * {@code Integer.MAX_VALUE}; returns how many remain.
         */
        private static int coalesce(View in, boolean[] reduced, boolean which, int[] shape, long[] strides) {
            int c = 0;
            for (int d = 0; d < in.rank(); d++) {
                if (reduced[d] != which || in.shape[d] == 1) {
                    continue;
                }
                if (c > 0 && strides[c - 1] == (long) in.shape[d] * in.strides[d]
                        && (long) shape[c - 1] * in.shape[d] <= Integer.MAX_VALUE) {
                    shape[c - 1] *= in.shape[d];
                    strides[c - 1] = in.strides[d];
                } else {
                    shape[c] = in.shape[d];
                    strides[c++] = in.strides[d];
                }
            }
            return c;
        }

        /** A cursor on the input offset of output {@code k}'s row (inner walk). */
        Odometer kept(int k) {
            return new Odometer(keptShape, keptStrides, keptShape.length, base, k);
        }

        /** A cursor on the input offset of panel {@code panel}, the kept dimensions but the last (outer walk). */
        Odometer panels(int panel) {
            return new Odometer(keptShape, keptStrides, keptShape.length - 1, base, panel);
        }

        /**
         * A cursor on the start of run {@code r} of the reduced elements (runs are the innermost reduced
         * dimension, {@link #run} long), from the offset {@code from} of an output's first element.
         */
        Odometer runs(long from, long r) {
            return new Odometer(redShape, redStrides, redShape.length - 1, from, r);
        }
    }

    /** An offset that follows a row-major multi-index over the first {@code rank} dimensions of a shape. */
    static final class Odometer {
        private final int[] shape;
        private final long[] strides;
        private final int[] idx;
        long offset;

        Odometer(int[] shape, long[] strides, int rank, long base, long start) {
            this.shape = shape;
            this.strides = strides;
            this.idx = new int[rank];
            long o = base;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d] = (int) (start % shape[d]);
                start /= shape[d];
                o += idx[d] * strides[d];
            }
            this.offset = o;
        }

        void next() {
            for (int d = idx.length - 1; d >= 0; d--) {
                offset += strides[d];
                if (++idx[d] < shape[d]) {
                    return;
                }
                idx[d] = 0;
                offset -= (long) shape[d] * strides[d];
            }
        }
    }
}
