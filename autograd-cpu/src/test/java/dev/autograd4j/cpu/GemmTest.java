package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.spi.View;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The blocked GEMM against a plain triple loop in double, across transposes, sizes around every blocking boundary
 * (IB = 16 rows, NC = 512 columns, the 4-deep k unroll, KC = 2048), broadcast batches, offsets and alpha/beta.
 */
class GemmTest {
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    /** A strided [B, R, C] view of a fresh storage filled with seeded values; transposed when asked. */
    private static View matrix(DType dtype, int batches, int rows, int cols, boolean transposed, int offset, long seed) {
        int n = batches * rows * cols + offset;
        Random r = new Random(seed);
        Object data;
        if (dtype == DType.FLOAT32) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = r.nextFloat() * 2 - 1;
            }
            data = f;
        } else {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = r.nextDouble() * 2 - 1;
            }
            data = d;
        }
        CpuStorage s = CpuStorage.wrap(data);
        long[] strides = transposed ? new long[] {(long) rows * cols, 1, rows} : new long[] {(long) rows * cols, cols, 1};
        return new View(s, offset, new int[] {batches, rows, cols}, strides);
    }

    private static double get(View v, int p, int i, int j) {
        int idx = (int) (v.offset + p * v.strides[0] + i * v.strides[1] + j * v.strides[2]);
        Object d = ((CpuStorage) v.storage).data;
        return d instanceof float[] f ? f[idx] : ((double[]) d)[idx];
    }

    /** Checks out == alpha * a @ b + beta * before against a double-precision triple loop. */
    private static void check(View out, double[] before, View a, View b, double alpha, double beta, double tolerance) {
        int batches = out.shape[0], m = out.shape[1], n = out.shape[2], k = a.shape[2];
        for (int p = 0; p < batches; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int l = 0; l < k; l++) {
                        sum += get(a, p, i, l) * get(b, p, l, j);
                    }
                    double prev = beta == 0 ? 0 : beta * before[(p * m + i) * n + j];
                    double expected = alpha * sum + prev;
                    assertEquals(expected, get(out, p, i, j), tolerance * (1 + Math.sqrt(k)),
                            () -> "element (" + "batch, row, col) of " + m + "x" + n + "x" + k);
                }
            }
        }
    }

    private static double[] snapshot(View v) {
        int batches = v.shape[0], m = v.shape[1], n = v.shape[2];
        double[] out = new double[batches * m * n];
        for (int p = 0; p < batches; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    out[(p * m + i) * n + j] = get(v, p, i, j);
                }
            }
        }
        return out;
    }

    private static void run(DType dtype, int batches, int m, int n, int k, boolean ta, boolean tb, double alpha,
                            double beta) {
        View a = matrix(dtype, batches, m, k, ta, 3, 1);
        View b = matrix(dtype, batches, k, n, tb, 5, 2);
        View out = matrix(dtype, batches, m, n, false, 7, 3);
        double[] before = snapshot(out);
        Gemm.gemm(out, a, b, alpha, beta);
        check(out, before, a, b, alpha, beta, dtype == DType.FLOAT32 ? 1e-5 : 1e-12);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 15, 16, 17, 63, 65, 129})
    void allTransposeCombinationsAroundRowAndUnrollBoundaries(int size) {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                run(DType.FLOAT32, 1, size, size + 2, size + 1, ta, tb, 1, 0);
                run(DType.FLOAT64, 1, size + 1, size, size + 3, ta, tb, 1, 0);
            }
        }
    }

    @Test
    void columnPanelAndDepthPanelBoundaries() {
        run(DType.FLOAT32, 1, 33, 1100, 37, false, false, 1, 0);   // 1100 = 2 panels of 512 + 76
        run(DType.FLOAT32, 1, 20, 40, 2100, false, true, 1, 0);    // K over one 2048-deep panel
        run(DType.FLOAT64, 1, 18, 530, 2050, true, false, 0.5, 2); // both, with alpha and beta
    }

    @Test
    void alphaBetaAndBetaZeroIgnoringNaN() {
        run(DType.FLOAT32, 1, 40, 70, 50, false, false, 2.5, 0.5);
        View a = matrix(DType.FLOAT32, 1, 20, 30, false, 0, 1);
        View b = matrix(DType.FLOAT32, 1, 30, 40, false, 0, 2);
        View out = matrix(DType.FLOAT32, 1, 20, 40, false, 0, 3);
        java.util.Arrays.fill((float[]) ((CpuStorage) out.storage).data, Float.NaN);
        Gemm.gemm(out, a, b, 1, 0);
        check(out, new double[20 * 40], a, b, 1, 0, 1e-5);
    }

    @Test
    void broadcastBatchesWithZeroStride() {
        View a = matrix(DType.FLOAT32, 1, 30, 20, false, 0, 1);
        View shared = a.with(a.offset, new int[] {4, 30, 20}, new long[] {0, a.strides[1], a.strides[2]});
        View b = matrix(DType.FLOAT32, 4, 20, 50, true, 2, 2);
        View out = matrix(DType.FLOAT32, 4, 30, 50, false, 0, 3);
        Gemm.gemm(out, shared, b, 1, 0);
        check(out, new double[4 * 30 * 50], shared, b, 1, 0, 1e-5);
        run(DType.FLOAT64, 6, 9, 5, 4, true, false, 1, 1);
    }

    @Test
    void emptyDepthGivesBetaTimesOut() {
        View a = matrix(DType.FLOAT64, 1, 3, 0, false, 0, 1);
        View b = matrix(DType.FLOAT64, 1, 0, 4, false, 0, 2);
        View out = matrix(DType.FLOAT64, 1, 3, 4, false, 0, 3);
        double[] before = snapshot(out);
        Gemm.gemm(out, a, b, 1, 0.5);
        for (int i = 0; i < before.length; i++) {
            before[i] *= 0.5;
        }
        assertArrayEquals(before, snapshot(out), 0);
        Gemm.gemm(out, a, b, 1, 0);
        assertArrayEquals(new double[12], snapshot(out), 0);
    }

    @Test
    void aTransposedASplitOverRowsMatchesTheReferenceAndOneThread() {
        // 601 rows: over 2 x 288, so 2 threads split rows (Note [Splitting a product between threads]), in pieces
        // of 12 rows, the last one short
        Parallel.setThreads(2);
        run(DType.FLOAT32, 1, 601, 70, 40, true, false, 1, 0);
        run(DType.FLOAT64, 2, 590, 33, 50, true, false, 0.5, 2);
        oneAndTwoThreadsAgree(601, 200, 300, true, false);
    }

    @Test
    void aNarrowOutputSplitOverRowsMatchesTheReferenceAndOneThread() {
        // 100 columns, fewer than 256 a thread: 2 threads split 620 rows instead (Note [Splitting a product between
        // threads]), B row-major and transposed
        Parallel.setThreads(2);
        for (boolean tb : new boolean[] {false, true}) {
            run(DType.FLOAT32, 1, 620, 100, 70, false, tb, 1, 0);
            run(DType.FLOAT64, 1, 611, 37, 90, false, tb, 2, 0.5);
            oneAndTwoThreadsAgree(620, 100, 300, false, tb);
        }
    }

    @Test
    void oneAndTwoThreadsAgreeBitForBit() {
        for (int[] shape : new int[][] {{256, 784, 1024}, {1024, 256, 10}, {10, 1024, 256}, {300, 300, 300}}) {
            oneAndTwoThreadsAgree(shape[0], shape[1], shape[2], false, true);
        }
    }

    /**
     * A float32 {@code m x k} by {@code k x n} product on one thread and on two gives the same bits, on one kernel.
     * The Vector API kernel and the plain one add in different orders, and the kernel watch can set the vector
     * kernel aside between the two products (in a busy test JVM, while the JIT has not compiled it yet) or try it
     * again for one of them while it is set aside. So a pair is compared when the vector kernel was in use before and
     * after it (then both products ran on it) or when there is none; other pairs are run again, up to five times,
     * and the last is compared whatever the state.
     */
    private static void oneAndTwoThreadsAgree(int m, int n, int k, boolean ta, boolean tb) {
        View a = matrix(DType.FLOAT32, 1, m, k, ta, 0, 1);
        View b = matrix(DType.FLOAT32, 1, k, n, tb, 0, 2);
        for (int attempt = 1; ; attempt++) {
            View one = matrix(DType.FLOAT32, 1, m, n, false, 0, 3);
            View two = matrix(DType.FLOAT32, 1, m, n, false, 0, 3);
            boolean before = Gemm.vectorInUse(true);
            Parallel.setThreads(1);
            Gemm.gemm(one, a, b, 1, 0);
            Parallel.setThreads(2);
            Gemm.gemm(two, a, b, 1, 0);
            boolean oneKernel = !Gemm.VECTOR || (before && Gemm.vectorInUse(true));
            if (oneKernel || attempt == 5) {
                assertArrayEquals((float[]) ((CpuStorage) one.storage).data, (float[]) ((CpuStorage) two.storage).data,
                        m + " x " + k + " x " + n + (ta ? ", A transposed" : "") + (tb ? ", B transposed" : ""));
                return;
            }
        }
    }
}
