package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.spi.Philox;
import dev.autograd4j.spi.RandomOp;
import dev.autograd4j.spi.View;

/**
 * Random fills from Philox4x32-10, following {@link Philox}'s recipes bit for bit: element {@code i} (row-major)
 * draws block {@code offset + i} under key {@code seed}. Each value is computed in double (RANDINT in long) and
 * rounded once to the output dtype. Being counter-based, the fill splits between threads with no effect on the
 * numbers.
 */
final class RandomFill {
    /** A Philox block costs about 10 ns, so a fork pays for itself sooner than for cheap elementwise ops. */
    private static final int GRAIN = 8192;
    private static final int CHUNK = 256;

    private RandomFill() {
    }

    static void fill(RandomOp op, View out, long seed, long offset, double a, double b) {
        DType t = out.dtype();
        if (t == DType.BOOL || (op != RandomOp.RANDINT && !t.isFloatingPoint())) {
            throw Errors.dtype(op, t);
        }
        if (op == RandomOp.RANDINT && !((long) a < (long) b)) {
            throw new IllegalArgumentException("[randint] expected low < high but got low=" + (long) a
                    + ", high=" + (long) b);
        }
        if (out.numel() == 0) {
            return;
        }
        if (!out.isContiguous()) {
            // Rare (fills target fresh tensors): draw in row-major order into a temporary, then scatter.
            View tmp = View.contiguous(CpuStorage.allocate(t, out.numel()), out.shape);
            fill(op, tmp, seed, offset, a, b);
            Copies.copy(out, tmp);
            return;
        }
        Object o = ((CpuStorage) out.storage).data;
        int oo = (int) out.offset, n = (int) out.numel(); // contiguous, so within one storage
        Parallel.forRange(n, GRAIN, (s, e) -> draw(op, t, o, oo, s, e, seed, offset, a, b));
    }

    /** Elements {@code [s, e)} of a contiguous output starting at {@code o[oo]}. */
    private static void draw(RandomOp op, DType t, Object o, int oo, int s, int e, long seed, long offset,
                             double a, double b) {
        int[] w = new int[4];
        int chunk = Math.min(CHUNK, e - s);
        if (op == RandomOp.RANDINT) {
            long lo = (long) a, hi = (long) b;
            long[] buf = new long[chunk];
            for (int c = s; c < e; c += chunk) {
                int len = Math.min(chunk, e - c);
                for (int i = 0; i < len; i++) {
                    Philox.block(seed, offset + c + i, w);
                    buf[i] = Philox.randint(w[0], w[1], lo, hi);
                }
                Convert.fromLong(buf, 0, o, t, oo + c, 1, len);
            }
            return;
        }
        double[] buf = new double[chunk];
        for (int c = s; c < e; c += chunk) {
            int len = Math.min(chunk, e - c);
            if (op == RandomOp.NORMAL) {
                for (int i = 0; i < len; i++) {
                    Philox.block(seed, offset + c + i, w);
                    buf[i] = a + b * Philox.normal(w[0], w[1], w[2], w[3]);
                }
            } else if (t == DType.FLOAT32) {
                for (int i = 0; i < len; i++) {
                    Philox.block(seed, offset + c + i, w);
                    buf[i] = a + (b - a) * Philox.uniform24(w[0]);
                }
            } else {
                for (int i = 0; i < len; i++) {
                    Philox.block(seed, offset + c + i, w);
                    buf[i] = a + (b - a) * Philox.uniform53(w[0], w[1]);
                }
            }
            Convert.fromDouble(buf, 0, o, t, oo + c, 1, len);
        }
    }
}
