package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.View;
import jcuda.jcublas.cublasOperation;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How gemm's views become one column-major cuBLAS call (see Note [Row-major through column-major cuBLAS]), checked
 * by running the plan through cuBLAS's definition of gemm, written out here, against a plain row-major product.
 */
class BlasPlanTest {
    private static final int N = cublasOperation.CUBLAS_OP_N;
    private static final int T = cublasOperation.CUBLAS_OP_T;

    /** Memory for views: doubles on the host. */
    private static final class Host extends Storage {
        final double[] data;

        Host(int n, Random r) {
            super(DType.FLOAT64, Device.cpu(), n);
            data = new double[n];
            for (int i = 0; i < n; i++) {
                data[i] = r.nextInt(19) - 9;
            }
        }
    }

    private static View view(Host s, long offset, int[] shape, long[] strides) {
        return new View(s, offset, shape, strides);
    }

    private static double at(View v, int p, int i, int j) {
        return ((Host) v.storage).data[(int) (v.offset + p * v.strides[0] + i * v.strides[1] + j * v.strides[2])];
    }

    /** cuBLAS's gemm as documented: C = alpha op(A) op(B) + beta C, column-major, element (i, j) at i + j * ld. */
    private static void cublasGemm(Blas.Plan p, int batches, View a, View b, View c, double alpha, double beta) {
        View first = p.swapped() ? b : a;
        View second = p.swapped() ? a : b;
        double[] x = ((Host) first.storage).data;
        double[] y = ((Host) second.storage).data;
        double[] z = ((Host) c.storage).data;
        for (int q = 0; q < batches; q++) {
            long xo = first.offset + q * Blas.batchStride(first);
            long yo = second.offset + q * Blas.batchStride(second);
            long zo = c.offset + q * Blas.batchStride(c);
            for (int i = 0; i < p.m(); i++) {
                for (int j = 0; j < p.n(); j++) {
                    double s = 0;
                    for (int l = 0; l < p.k(); l++) {
                        s += x[(int) (xo + at(p.first(), i, l))] * y[(int) (yo + at(p.second(), l, j))];
                    }
                    int zi = (int) (zo + i + (long) j * p.ldc());
                    z[zi] = alpha * s + (beta == 0 ? 0 : beta * z[zi]);
                }
            }
        }
    }

    /** Where element (r, c) of op(M) is in M, column-major with M's leading dimension. */
    private static long at(Blas.Operand o, int r, int c) {
        return o.op() == N ? r + (long) c * o.ld() : c + (long) r * o.ld();
    }

    /** Plans out = a b + out, runs the plan as cuBLAS would, and compares with the row-major product. */
    private static Blas.Plan check(View out, View a, View b) {
        Blas.Plan p = Blas.plan(out, a, b);
        assertFalse(p.aNeedsCopy() || p.bNeedsCopy() || p.ldc() < 0, "no copy needed: " + p);
        int batches = out.shape[0];
        double[][][] expected = new double[batches][out.shape[1]][out.shape[2]];
        for (int q = 0; q < batches; q++) {
            for (int i = 0; i < out.shape[1]; i++) {
                for (int j = 0; j < out.shape[2]; j++) {
                    double s = 0;
                    for (int l = 0; l < a.shape[2]; l++) {
                        s += at(a, q, i, l) * at(b, q, l, j);
                    }
                    expected[q][i][j] = 2 * s + at(out, q, i, j);
                }
            }
        }
        cublasGemm(p, batches, a, b, out, 2, 1);
        for (int q = 0; q < batches; q++) {
            for (int i = 0; i < out.shape[1]; i++) {
                for (int j = 0; j < out.shape[2]; j++) {
                    assertEquals(expected[q][i][j], at(out, q, i, j), "[" + q + ", " + i + ", " + j + "] of " + p);
                }
            }
        }
        return p;
    }

    private final Random r = new Random(6);

    @Test
    void contiguousOperandsComputeTheTransposedProduct() {
        Blas.Plan p = check(view(new Host(30, r), 0, new int[] {2, 3, 5}, new long[] {15, 5, 1}),
                view(new Host(24, r), 0, new int[] {2, 3, 4}, new long[] {12, 4, 1}),
                view(new Host(40, r), 0, new int[] {2, 4, 5}, new long[] {20, 5, 1}));
        // out^T (5x3, ld 5) = b^T (5x4, ld 5) a^T (4x3, ld 4): no transposes at all
        assertEquals(new Blas.Plan(true, 5, 3, 4, new Blas.Operand(N, 5), new Blas.Operand(N, 4), 5), p);
    }

    @Test
    void transposedOperandsAreOpFlagsNotCopies() {
        Host out = new Host(30, r);
        // a = x.transpose(1, 2) for x [2, 4, 3]; b = y.transpose(1, 2) for y [2, 5, 4]
        View a = view(new Host(24, r), 0, new int[] {2, 3, 4}, new long[] {12, 1, 3});
        View b = view(new Host(40, r), 0, new int[] {2, 4, 5}, new long[] {20, 1, 4});
        View o = view(out, 0, new int[] {2, 3, 5}, new long[] {15, 5, 1});
        Blas.Plan p = check(o, a, b);
        assertEquals(new Blas.Operand(T, 4), p.first());
        assertEquals(new Blas.Operand(T, 3), p.second());
        check(o, a, view(new Host(40, r), 0, new int[] {2, 4, 5}, new long[] {20, 5, 1}));
        check(o, view(new Host(24, r), 0, new int[] {2, 3, 4}, new long[] {12, 4, 1}), b);
    }

    @Test
    void aBroadcastBatchIsStrideZero() {
        View w = view(new Host(20, r), 0, new int[] {3, 4, 5}, new long[] {0, 5, 1}); // one weight for 3 batches
        check(view(new Host(45, r), 0, new int[] {3, 3, 5}, new long[] {15, 5, 1}),
                view(new Host(36, r), 0, new int[] {3, 3, 4}, new long[] {12, 4, 1}), w);
        assertEquals(0, Blas.batchStride(w));
    }

    @Test
    void aColumnMajorOutputTakesTheProductDirectly() {
        // out = z.transpose(1, 2) for z [2, 5, 3]
        Blas.Plan p = check(view(new Host(30, r), 0, new int[] {2, 3, 5}, new long[] {15, 1, 3}),
                view(new Host(24, r), 0, new int[] {2, 3, 4}, new long[] {12, 4, 1}),
                view(new Host(40, r), 0, new int[] {2, 4, 5}, new long[] {20, 5, 1}));
        assertFalse(p.swapped());
        assertEquals(3, p.ldc());
    }

    @Test
    void paddedRowsAndOffsetsUseTheLeadingDimension() {
        // a is columns 1..4 of a [2, 3, 6] tensor; out is rows of a [2, 3, 7] tensor
        check(view(new Host(42, r), 2, new int[] {2, 3, 5}, new long[] {21, 7, 1}),
                view(new Host(36, r), 1, new int[] {2, 3, 4}, new long[] {18, 6, 1}),
                view(new Host(40, r), 0, new int[] {2, 4, 5}, new long[] {20, 5, 1}));
    }

    @Test
    void vectorsAndSizeOneDimsTakeAnyStride() {
        // [1, K] @ [K, 1]: a row and a column sliced out of larger tensors
        check(view(new Host(1, r), 0, new int[] {1, 1, 1}, new long[] {1, 7, 9}),
                view(new Host(40, r), 3, new int[] {1, 1, 4}, new long[] {40, 40, 1}),
                view(new Host(40, r), 2, new int[] {1, 4, 1}, new long[] {40, 8, 3}));
        // [M, 1] @ [1, N]: an outer product
        check(view(new Host(12, r), 0, new int[] {1, 3, 4}, new long[] {12, 4, 1}),
                view(new Host(3, r), 0, new int[] {1, 3, 1}, new long[] {3, 1, 5}),
                view(new Host(4, r), 0, new int[] {1, 1, 4}, new long[] {4, 9, 1}));
        // a column vector result: [M, K] @ [K, 1]
        check(view(new Host(3, r), 0, new int[] {1, 3, 1}, new long[] {3, 1, 1}),
                view(new Host(12, r), 0, new int[] {1, 3, 4}, new long[] {12, 4, 1}),
                view(new Host(4, r), 0, new int[] {1, 4, 1}, new long[] {4, 1, 1}));
    }

    @Test
    void stridesCuBlasCannotReadAskForACopy() {
        View out = view(new Host(30, r), 0, new int[] {2, 3, 5}, new long[] {15, 5, 1});
        View a = view(new Host(24, r), 0, new int[] {2, 3, 4}, new long[] {12, 4, 1});
        View b = view(new Host(40, r), 0, new int[] {2, 4, 5}, new long[] {20, 5, 1});
        View stepped = view(new Host(48, r), 0, new int[] {2, 3, 4}, new long[] {24, 8, 2}); // x[:, :, ::2]
        assertTrue(Blas.plan(out, stepped, b).aNeedsCopy());
        assertFalse(Blas.plan(out, stepped, b).bNeedsCopy());
        View expanded = view(new Host(5, r), 0, new int[] {2, 4, 5}, new long[] {0, 0, 1}); // a row broadcast over K
        assertTrue(Blas.plan(out, a, expanded).bNeedsCopy());
        View steppedOut = view(new Host(60, r), 0, new int[] {2, 3, 5}, new long[] {30, 10, 2});
        assertTrue(Blas.plan(steppedOut, a, b).ldc() < 0);
        assertNull(Blas.operand(3, 4, 1L << 32, 1), "a leading dimension past int");
        assertEquals(new Blas.Operand(N, 3), Blas.operand(3, 1, 1, 0), "a single column: ld is the rows");
    }
}
