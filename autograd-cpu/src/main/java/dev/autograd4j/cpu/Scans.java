package dev.autograd4j.cpu;

import dev.autograd4j.spi.View;

/**
 * Running sums and products along one dimension ({@code Backend.scan}): one pass over the data, where the op layer's
 * composed scan makes {@code 2 log2(n)} (Note [Scans] in the op layer's {@code Scans}).
 *
 * <p>Note [A scan's accumulator]: float32 accumulates in double and float64 in double, as PyTorch's CPU kernel does
 * ({@code cpu_cum_base_kernel} with {@code acc_type<T, false>}, double for float), each output rounded from the
 * running value, so a float32 cumsum here equals PyTorch's on the CPU; int64 wraps as Java's {@code long} does. The
 * tensor is seen as {@code [outer, n, inner]}: with {@code inner == 1} each row is a sequential loop (one chain of
 * adds per row, rows split between threads); otherwise a row of {@code inner} accumulators walks down the dim, so
 * every load and store is contiguous, in column chunks of {@link #CHUNK} that stay in L1.
 */
final class Scans {
    /** Accumulator columns per task where the scan runs down a dim with {@code inner > 1}. */
    private static final int CHUNK = 1024;
    /** Elements per task below which a task is not worth forking. */
    private static final long GRAIN = 1 << 15;

    private Scans() {
    }

    /** {@code out = cumsum(in, dim)} or, with {@code multiply}, {@code cumprod}; both contiguous, same dtype. */
    static void scan(View out, View in, int dim, boolean multiply) {
        String op = multiply ? "cumprod" : "cumsum";
        if (!in.isContiguous() || !out.isContiguous()) {
            throw new IllegalArgumentException("[" + op + "] the scan kernel takes contiguous tensors");
        }
        long numel = in.numel();
        if (numel == 0) {
            return;
        }
        int n = in.shape[dim];
        long inner = View.numelOf(java.util.Arrays.copyOfRange(in.shape, dim + 1, in.rank()));
        long outer = numel / n / inner;
        Object src = ((CpuStorage) in.storage).data, dst = ((CpuStorage) out.storage).data;
        int si = (int) in.offset, di = (int) out.offset;
        switch (in.dtype()) {
            case FLOAT32, FLOAT64, INT64 -> { }
            default -> throw Errors.dtype(op, in.dtype());
        }
        if (inner == 1) {
            Parallel.forLongRange(outer, Math.max(1, GRAIN / n), (r0, r1) -> {
                for (long r = r0; r < r1; r++) {
                    row(dst, di + (int) (r * n), src, si + (int) (r * n), n, multiply);
                }
            });
        } else {
            long chunks = (inner + CHUNK - 1) / CHUNK;
            int cols = (int) inner;
            Parallel.forLongRange(outer * chunks, Math.max(1, GRAIN / ((long) n * Math.min(CHUNK, inner))),
                    (t0, t1) -> {
                        double[] acc = new double[(int) Math.min(CHUNK, inner)];
                        long[] accLong = src instanceof long[] ? new long[acc.length] : null;
                        for (long t = t0; t < t1; t++) {
                            long o = t / chunks;
                            int j0 = (int) (t % chunks) * CHUNK, width = Math.min(CHUNK, cols - j0);
                            int base = (int) (o * n * inner) + j0;
                            down(dst, di + base, src, si + base, n, cols, width, multiply, acc, accLong);
                        }
                    });
        }
    }

    /** One row of {@code n} contiguous elements. */
    private static void row(Object dst, int d, Object src, int s, int n, boolean multiply) {
        if (src instanceof float[] x) {
            float[] y = (float[]) dst;
            double acc = multiply ? 1 : 0;
            for (int i = 0; i < n; i++) {
                acc = multiply ? acc * x[s + i] : acc + x[s + i];
                y[d + i] = (float) acc;
            }
        } else if (src instanceof double[] x) {
            double[] y = (double[]) dst;
            double acc = multiply ? 1 : 0;
            for (int i = 0; i < n; i++) {
                acc = multiply ? acc * x[s + i] : acc + x[s + i];
                y[d + i] = acc;
            }
        } else {
            long[] x = (long[]) src, y = (long[]) dst;
            long acc = multiply ? 1 : 0;
            for (int i = 0; i < n; i++) {
                acc = multiply ? acc * x[s + i] : acc + x[s + i];
                y[d + i] = acc;
            }
        }
    }

    /** {@code width} columns, {@code stride} apart from one step of the dim to the next, scanned down {@code n} steps. */
    private static void down(Object dst, int d, Object src, int s, int n, int stride, int width, boolean multiply,
                             double[] acc, long[] accLong) {
        if (src instanceof long[] x) {
            long[] y = (long[]) dst;
            java.util.Arrays.fill(accLong, 0, width, multiply ? 1 : 0);
            for (int i = 0; i < n; i++) {
                int at = i * stride;
                for (int j = 0; j < width; j++) {
                    accLong[j] = multiply ? accLong[j] * x[s + at + j] : accLong[j] + x[s + at + j];
                    y[d + at + j] = accLong[j];
                }
            }
            return;
        }
        java.util.Arrays.fill(acc, 0, width, multiply ? 1 : 0);
        if (src instanceof float[] x) {
            float[] y = (float[]) dst;
            for (int i = 0; i < n; i++) {
                int at = i * stride;
                for (int j = 0; j < width; j++) {
                    double v = multiply ? acc[j] * x[s + at + j] : acc[j] + x[s + at + j];
                    acc[j] = v;
                    y[d + at + j] = (float) v;
                }
            }
        } else {
            double[] x = (double[]) src, y = (double[]) dst;
            for (int i = 0; i < n; i++) {
                int at = i * stride;
                for (int j = 0; j < width; j++) {
                    double v = multiply ? acc[j] * x[s + at + j] : acc[j] + x[s + at + j];
                    acc[j] = v;
                    y[d + at + j] = v;
                }
            }
        }
    }
}
