package dev.autograd4j.cpu;

import dev.autograd4j.spi.ReduceOp;

/**
 * Reduction kernels over {@code elem} inputs, accumulating in {@code wide}. Generated from
 * {@code src/main/template/.../ElemReduce.java} (edit the template, not the copies): {@code elem}/{@code wide} become
 * float/double, double/double, int/long and long/long. NaN tests such as {@code v != v} are simply false for
 * integers.
 *
 * <p>{@link Reductions} plans the layout and the split into work items; these kernels do the items. Results go to
 * {@code val} (values) and {@code arg} (ARGMAX/ARGMIN indices, whose {@code val} holds the winning value).
 */
@SuppressWarnings("cast") // a cast that narrows for float is redundant for double
final class ElemReduce {
    private ElemReduce() {
    }

    /**
     * Inner reductions (the reduced dimensions are walked by each item): item {@code i = k * blocks + b} reduces
     * block {@code b} (of {@link Reductions#BLOCK} elements) of output {@code k}'s reduced elements into
     * {@code val[i]} (and {@code arg[i]}), for {@code i} in {@code [i0, i1)}.
     */
    static void inner(ReduceOp op, elem[] x, Reductions.Plan p, int i0, int i1, wide[] val, long[] arg) {
        int blocks = (int) p.blocks, rs = p.rs;
        boolean oneRun = p.redShape.length == 1;
        int k = i0 / blocks, b = i0 - k * blocks;
        Reductions.Odometer kept = p.kept(k);
        for (int i = i0; i < i1; i++) {
            long start = (long) b * Reductions.BLOCK;
            int len = (int) Math.min(Reductions.BLOCK, p.rn - start);
            if (!oneRun) {
                runs(op, x, p, kept.offset, start, len, val, arg, i);
            } else if (arg != null) {
                int off = (int) (kept.offset + start * rs);
                int j = rowArg(op, x, off, rs, len);
                arg[i] = start + j;
                val[i] = x[off + j * rs];
            } else {
                val[i] = rowValue(op, x, (int) (kept.offset + start * rs), rs, len);
            }
            if (++b == blocks) {
                b = 0;
                kept.next();
            }
        }
    }

    /**
     * Block {@code [start, start + len)} of reduced elements that span several dimensions (from an output whose
     * first element is at {@code from}), reduced run by run of the innermost one and folded left to right.
     */
    private static void runs(ReduceOp op, elem[] x, Reductions.Plan p, long from, long start, int len, wide[] val,
                             long[] arg, int i) {
        int n = p.run, rs = p.rs, col = (int) (start % n);
        Reductions.Odometer runs = p.runs(from, start / n);
        wide acc = 0;
        long at = 0;
        for (int done = 0, seg; done < len; done += seg, col = 0, runs.next()) {
            int off = (int) (runs.offset + (long) col * rs);
            seg = Math.min(n - col, len - done);
            if (arg != null) {
                int j = rowArg(op, x, off, rs, seg);
                wide v = x[off + j * rs];
                if (done == 0 || better(op, v, acc)) {
                    acc = v;
                    at = done + j;
                }
            } else {
                wide v = rowValue(op, x, off, rs, seg);
                acc = done == 0 ? v : combine(op, acc, v);
            }
        }
        val[i] = acc;
        if (arg != null) {
            arg[i] = start + at;
        }
    }

    /**
     * Outer reductions (the kept innermost dimension is contiguous): item {@code t} accumulates one tile of up to
     * {@link Reductions#TILE} output columns over every reduced row, a vectorisable row operation per reduced
     * index, so memory is read row by row rather than column by column. Items {@code [t0, t1)}.
     */
    static void outer(ReduceOp op, elem[] x, Reductions.Plan p, int t0, int t1, wide[] val, long[] arg) {
        int m = p.m, tiles = p.tiles, n = p.run, rs = p.rs;
        long runCount = p.rn / n;
        // A run of stride 0 repeats one row: all but SUM are done with its first (as in rowValue).
        int rows = rs == 0 && op != ReduceOp.SUM ? 1 : n;
        int panel = t0 / tiles, tile = t0 - panel * tiles;
        Reductions.Odometer panels = p.panels(panel);
        for (int t = t0; t < t1; t++) {
            int j0 = tile * Reductions.TILE, cols = Math.min(Reductions.TILE, m - j0);
            int d = panel * m + j0;
            Reductions.Odometer runs = p.runs(panels.offset + j0, 0);
            for (long q = 0; q < runCount; q++, runs.next()) {
                // Reduced row q * n + r is at x[base + r * rs], the four-at-a-time sum going a run at a time.
                int base = (int) runs.offset;
                int r = q == 0 ? start(op, val, d, arg, x, base, cols) : 0;
                if (op == ReduceOp.SUM) {
                    for (; r + 4 <= rows; r += 4) {
                        sum4(val, d, x, base + r * rs, rs, cols);
                    }
                }
                for (; r < rows; r++) {
                    accumulate(op, val, d, arg, x, base + r * rs, cols, q * n + r);
                }
            }
            if (++tile == tiles) {
                tile = 0;
                panel++;
                panels.next();
            }
        }
    }

    /** Folds output {@code k}'s block partials {@code part[k*blocks ..]} into {@code val[k]}, block by block. */
    static void combineBlocks(ReduceOp op, wide[] part, long[] partArg, int blocks, int outputs, wide[] val,
                              long[] arg) {
        for (int k = 0; k < outputs; k++) {
            int i = k * blocks;
            wide acc = part[i];
            long at = partArg != null ? partArg[i] : 0;
            for (int b = 1; b < blocks; b++) {
                wide v = part[i + b];
                if (partArg == null) {
                    acc = combine(op, acc, v);
                } else if (better(op, v, acc)) {
                    acc = v;
                    at = partArg[i + b];
                }
            }
            val[k] = acc;
            if (arg != null) {
                arg[k] = at;
            }
        }
    }

    /** The reduction of {@code n >= 1} elements {@code x[off + i*stride]} (ANY/ALL as 1 or 0). */
    static wide rowValue(ReduceOp op, elem[] x, int off, int stride, int n) {
        if (stride == 0 && op != ReduceOp.SUM) {
            // n copies of one value (a broadcast): their max, min, any and all is that value, with no walk.
            return op == ReduceOp.ANY || op == ReduceOp.ALL ? (x[off] != 0 ? 1 : 0) : x[off];
        }
        Object any = x; // a floating row's max or min on the Vector API (VecKernels), the same value; tests fold away
        if (VectorApi.ON && stride == 1 && (op == ReduceOp.MAX || op == ReduceOp.MIN)) {
            if (any instanceof float[] f) {
                return (wide) VecKernels.extreme(f, off, n, op == ReduceOp.MIN);
            } else if (any instanceof double[] d) {
                return (wide) VecKernels.extreme(d, off, n, op == ReduceOp.MIN);
            }
        }
        switch (op) {
            case SUM -> {
                return stride == 1 ? sum(x, off, n) : sumStrided(x, off, stride, n);
            }
            case MAX -> { // Math.max propagates NaN; in the element type, the JIT vectorises a contiguous run
                elem m = x[off];
                if (stride == 1) {
                    for (int i = 1; i < n; i++) {
                        m = Math.max(m, x[off + i]);
                    }
                } else {
                    for (int i = 1; i < n; i++) {
                        m = Math.max(m, x[off + i * stride]);
                    }
                }
                return m;
            }
            case MIN -> {
                elem m = x[off];
                if (stride == 1) {
                    for (int i = 1; i < n; i++) {
                        m = Math.min(m, x[off + i]);
                    }
                } else {
                    for (int i = 1; i < n; i++) {
                        m = Math.min(m, x[off + i * stride]);
                    }
                }
                return m;
            }
            case ANY -> { // NaN is non-zero, so it counts as true
                for (int i = 0; i < n; i++) {
                    if (x[off + i * stride] != 0) {
                        return 1;
                    }
                }
                return 0;
            }
            case ALL -> {
                for (int i = 0; i < n; i++) {
                    if (x[off + i * stride] == 0) {
                        return 0;
                    }
                }
                return 1;
            }
            default -> throw new IllegalStateException("[" + Errors.name(op) + "] is not a value reduction");
        }
    }

    /**
     * A contiguous sum with eight independent accumulators: additions in double cannot be reordered by the JIT, so
     * one accumulator would wait out each addition's latency; eight keep the adder busy.
     */
    private static wide sum(elem[] x, int off, int n) {
        // Floating arrays go to the Vector API's sum where it runs (VecKernels); for each type the JIT knows x's
        // class, so the tests below fold away. Integer types never match.
        Object any = x;
        if (VectorApi.ON && n >= 64) {
            if (any instanceof float[] f) {
                return (wide) VecKernels.sum(f, off, n);
            } else if (any instanceof double[] d) {
                return (wide) VecKernels.sum(d, off, n);
            }
        }
        wide s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            int q = off + i;
            s0 += x[q];
            s1 += x[q + 1];
            s2 += x[q + 2];
            s3 += x[q + 3];
            s4 += x[q + 4];
            s5 += x[q + 5];
            s6 += x[q + 6];
            s7 += x[q + 7];
        }
        for (; i < n; i++) {
            s0 += x[off + i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    private static wide sumStrided(elem[] x, int off, int stride, int n) {
        wide s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0, q = off;
        for (; i + 4 <= n; i += 4, q += 4 * stride) {
            s0 += x[q];
            s1 += x[q + stride];
            s2 += x[q + 2 * stride];
            s3 += x[q + 3 * stride];
        }
        for (; i < n; i++, q += stride) {
            s0 += x[q];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The position of the first maximum (ARGMAX) or minimum (ARGMIN) of {@code n >= 1} elements; NaN wins. */
    static int rowArg(ReduceOp op, elem[] x, int off, int stride, int n) {
        if (stride == 0) {
            return 0; // n copies of one value: the first
        }
        if (stride == 1 && n >= 32) {
            // The extreme first (a loop the JIT vectorises), then its first position: each pass free of the
            // dependency the one-pass loop carries from element to element through best, which bounded it at about
            // 4.5 cycles an element. The same answer: NaN wins at its first place, else the first of equal values
            // (-0.0 and 0.0 are equal, as in the one-pass comparison).
            elem m = x[off];
            if (op == ReduceOp.ARGMAX) {
                for (int i = 1; i < n; i++) {
                    m = (elem) Math.max(m, x[off + i]);
                }
            } else {
                for (int i = 1; i < n; i++) {
                    m = (elem) Math.min(m, x[off + i]);
                }
            }
            if (m != m) {
                for (int i = 0; i < n; i++) {
                    if (x[off + i] != x[off + i]) {
                        return i;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (x[off + i] == m) {
                    return i;
                }
            }
        }
        elem best = x[off];
        int at = 0;
        if (op == ReduceOp.ARGMAX) {
            for (int i = 1; i < n; i++) {
                elem v = x[off + i * stride];
                if (v > best || (v != v && best == best)) {
                    best = v;
                    at = i;
                }
            }
        } else {
            for (int i = 1; i < n; i++) {
                elem v = x[off + i * stride];
                if (v < best || (v != v && best == best)) {
                    best = v;
                    at = i;
                }
            }
        }
        return at;
    }

    /** Whether {@code v} replaces {@code best} (strictly, so the first of equal values stays; NaN beats numbers). */
    private static boolean better(ReduceOp op, wide v, wide best) {
        boolean nan = v != v && best == best;
        return op == ReduceOp.ARGMAX ? v > best || nan : v < best || nan;
    }

    private static wide combine(ReduceOp op, wide acc, wide v) {
        return switch (op) {
            case SUM -> acc + v;
            case MAX -> Math.max(acc, v);
            case MIN -> Math.min(acc, v);
            case ANY -> acc != 0 || v != 0 ? 1 : 0;
            case ALL -> acc != 0 && v != 0 ? 1 : 0;
            default -> throw new IllegalStateException("[" + Errors.name(op) + "] is not a value reduction");
        };
    }

    /** Starts a tile of outer accumulators; returns the first reduced row still to fold in. */
    private static int start(ReduceOp op, wide[] val, int d, long[] arg, elem[] x, int base, int cols) {
        switch (op) {
            case SUM, ANY -> {
                java.util.Arrays.fill(val, d, d + cols, (wide) 0);
                return 0;
            }
            case ALL -> {
                java.util.Arrays.fill(val, d, d + cols, (wide) 1);
                return 0;
            }
            default -> { // MAX, MIN, ARGMAX, ARGMIN start from row 0
                for (int j = 0; j < cols; j++) {
                    val[d + j] = x[base + j];
                }
                if (arg != null) {
                    java.util.Arrays.fill(arg, d, d + cols, 0);
                }
                return 1;
            }
        }
    }

    /**
     * Adds four reduced rows (contiguous, at {@code x[xo]}, {@code rs} apart) into a tile's sums, pairwise: one
     * load and store of each accumulator per four rows instead of per row.
     */
    private static void sum4(wide[] val, int d, elem[] x, int xo, int rs, int cols) {
        for (int j = 0; j < cols; j++) {
            int q = xo + j;
            val[d + j] += ((wide) x[q] + x[q + rs]) + ((wide) x[q + 2 * rs] + x[q + 3 * rs]);
        }
    }

    /** Folds reduced row {@code r} (contiguous, at {@code x[xo]}) into a tile's accumulators. */
    private static void accumulate(ReduceOp op, wide[] val, int d, long[] arg, elem[] x, int xo, int cols, long r) {
        switch (op) {
            case SUM -> {
                for (int j = 0; j < cols; j++) {
                    val[d + j] += x[xo + j];
                }
            }
            case MAX -> {
                for (int j = 0; j < cols; j++) {
                    val[d + j] = Math.max(val[d + j], x[xo + j]);
                }
            }
            case MIN -> {
                for (int j = 0; j < cols; j++) {
                    val[d + j] = Math.min(val[d + j], x[xo + j]);
                }
            }
            case ANY -> {
                for (int j = 0; j < cols; j++) {
                    if (x[xo + j] != 0) {
                        val[d + j] = 1;
                    }
                }
            }
            case ALL -> {
                for (int j = 0; j < cols; j++) {
                    if (x[xo + j] == 0) {
                        val[d + j] = 0;
                    }
                }
            }
            case ARGMAX -> {
                for (int j = 0; j < cols; j++) {
                    wide v = x[xo + j], best = val[d + j];
                    if (v > best || (v != v && best == best)) {
                        val[d + j] = v;
                        arg[d + j] = r;
                    }
                }
            }
            case ARGMIN -> {
                for (int j = 0; j < cols; j++) {
                    wide v = x[xo + j], best = val[d + j];
                    if (v < best || (v != v && best == best)) {
                        val[d + j] = v;
                        arg[d + j] = r;
                    }
                }
            }
        }
    }
}
