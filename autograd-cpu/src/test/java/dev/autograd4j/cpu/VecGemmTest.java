package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.spi.View;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Vector API GEMM ({@code FloatVecGemm}/{@code DoubleVecGemm}) against the plain-Java one on the same operands,
 * both held to the SPI's gemm bound ({@code |got - exact| <= (K + 2) u (|alpha| sum|ab| + |beta c|) + ulp/2}, from
 * {@code spi/package-info.java}) around an exact reference (each product exact through fma, summed with a
 * compensated sum). Layouts: transposed and strided operands, an output with a column stride, offsets, sub-blocks
 * of rows and columns (as the threads split them), tiny and odd sizes, every tile and panel edge, alpha and beta.
 * Runs where the tests run with {@code --add-modules jdk.incubator.vector} (the build's default), skips otherwise.
 */
class VecGemmTest {
    @BeforeEach
    void vectorPathPresent() {
        assumeTrue(Gemm.VECTOR, "the Vector API GEMM is not in use: jdk.incubator.vector is not in the boot layer "
                + "or its vectors are narrower than 256 bits");
    }

    /** An M x N operand inside a larger array: at {@code off}, rows {@code s0} apart, columns {@code s1} apart. */
    private record Mat(double[] d, int off, int s0, int s1) {
        double at(int i, int j) {
            return d[off + i * s0 + j * s1];
        }
    }

    /** Layout codes: 0 row-major, 1 transposed (column-major), 2 both strides padded (a strided view). */
    private static Mat mat(Random r, int rows, int cols, int layout, boolean f32) {
        int off = r.nextInt(5);
        int s0 = switch (layout) { case 0 -> cols; case 1 -> 1; default -> 2 * cols + 3; };
        int s1 = switch (layout) { case 0 -> 1; case 1 -> Math.max(rows, 1); default -> 2; };
        double[] d = new double[off + Math.max(0, (rows - 1) * s0 + (cols - 1) * s1 + 1) + 1];
        for (int i = 0; i < d.length; i++) {
            double v = r.nextDouble() * 2 - 1;
            d[i] = f32 ? (float) v : v;
        }
        return new Mat(d, off, s0, s1);
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /**
     * Runs both kernels on rows [m0, m1) x columns [n0, n1) of an m x n x k product and checks each against the
     * bound, and that elements outside the block are untouched.
     */
    private static void check(boolean f32, int m, int n, int k, int la, int lb, int lo, double alpha, double beta,
                              int m0, int m1, int n0, int n1, long seed) {
        Random r = new Random(seed);
        Mat a = mat(r, m, k, la, f32), b = mat(r, k, n, lb, f32), c = mat(r, m, n, lo, f32);
        double u = f32 ? 0x1p-24 : 0x1p-53;
        double[] got;
        double[] plain;
        if (f32) {
            float[] vo = floats(c.d), po = floats(c.d), fa = floats(a.d), fb = floats(b.d);
            FloatVecGemm.block(vo, c.off, c.s0, c.s1, fa, a.off, a.s0, a.s1, fb, b.off, b.s0, b.s1, k, m0, m1, n0, n1,
                    (float) alpha, (float) beta);
            FloatGemm.block(po, c.off, c.s0, c.s1, fa, a.off, a.s0, a.s1, fb, b.off, b.s0, b.s1, k, m0, m1, n0, n1,
                    (float) alpha, (float) beta);
            got = new double[vo.length];
            plain = new double[po.length];
            for (int i = 0; i < vo.length; i++) {
                got[i] = vo[i];
                plain[i] = po[i];
            }
        } else {
            got = c.d.clone();
            plain = c.d.clone();
            DoubleVecGemm.block(got, c.off, c.s0, c.s1, a.d, a.off, a.s0, a.s1, b.d, b.off, b.s0, b.s1, k, m0, m1, n0,
                    n1, alpha, beta);
            DoubleGemm.block(plain, c.off, c.s0, c.s1, a.d, a.off, a.s0, a.s1, b.d, b.off, b.s0, b.s1, k, m0, m1, n0,
                    n1, alpha, beta);
        }
        boolean[] inBlock = new boolean[c.d.length];
        for (int i = m0; i < m1; i++) {
            for (int j = n0; j < n1; j++) {
                int at = c.off + i * c.s0 + j * c.s1;
                inBlock[at] = true;
                double hi = 0, comp = 0, abs = 0; // compensated (TwoSum) sum of exact products
                for (int l = 0; l < k; l++) {
                    double x = a.at(i, l), y = b.at(l, j), p = x * y, e = Math.fma(x, y, -p);
                    double s = hi + p, bp = s - hi, err = (hi - (s - bp)) + (p - bp);
                    hi = s;
                    comp += err + e;
                    abs += Math.abs(p);
                }
                double exact = alpha * (hi + comp) + beta * c.d[at];
                double ulp = f32 ? Math.ulp((float) exact) : Math.ulp(exact);
                double bound = (k + 2) * u * (Math.abs(alpha) * abs + Math.abs(beta * c.d[at])) + ulp / 2;
                String where = m + "x" + n + "x" + k + " layouts " + la + lb + lo + " element (" + i + ", " + j + ")";
                assertTrue(Math.abs(got[at] - exact) <= bound,
                        () -> "vector " + where + ": " + got[at] + " vs " + exact);
                assertTrue(Math.abs(plain[at] - exact) <= bound, () -> "plain " + where);
            }
        }
        for (int i = 0; i < c.d.length; i++) {
            if (!inBlock[i]) {
                assertEquals(f32 ? (float) c.d[i] : c.d[i], got[i], 0, "element " + i + " outside the block changed");
            }
        }
    }

    private static void check(boolean f32, int m, int n, int k, int la, int lb, int lo, double alpha, double beta) {
        check(f32, m, n, k, la, lb, lo, alpha, beta, 0, m, 0, n, 31L * m + 17L * n + k);
    }

    @Test
    void tinyAndOddSizesOnEveryLayout() {
        int[][] sizes = {{1, 1, 1}, {1, 7, 3}, {5, 1, 9}, {3, 5, 2}, {6, 16, 1}, {7, 17, 13}, {13, 31, 29}};
        for (int[] s : sizes) {
            for (int layouts = 0; layouts < 27; layouts++) {
                check(true, s[0], s[1], s[2], layouts % 3, layouts / 3 % 3, layouts / 9, 1, 0);
                check(false, s[0], s[1], s[2], layouts % 3, layouts / 3 % 3, layouts / 9, 1, 0);
            }
        }
    }

    @Test
    void tileAndPanelEdges() {
        int mr = FloatVecGemm.MR, nr = FloatVecGemm.NR, kc = FloatVecGemm.KC_MAX, mc = FloatVecGemm.MC;
        check(true, mr, nr, 8, 0, 0, 0, 1, 0);                 // exactly one tile, stored straight into C
        check(true, mr + 1, nr + 1, kc + 1, 0, 1, 0, 1, 0);    // one past the tile and the deepest panel
        check(true, mc + 5, 3 * nr - 1, 2 * kc + 3, 1, 0, 0, 1, 0); // three panels, one a row shallower
        check(true, 2 * mr + 1, nr, 784, 0, 1, 0, 1, 0);       // K = 784: panels of 262, 262, 260 (AVX2) or 392, 392 (AVX-512)
        check(false, mc + 1, DoubleVecGemm.NR * 2 + 3, DoubleVecGemm.KC_MAX + 7, 0, 0, 0, 1, 0);
        check(false, DoubleVecGemm.MR * 4, DoubleVecGemm.NR * 4, 512, 1, 1, 2, 1, 0);
    }

    @Test
    void alphaBetaAndBetaZeroIgnoringNaN() {
        check(true, 40, 70, 300, 0, 1, 0, 2.5, 0.5);
        check(false, 40, 70, 300, 1, 0, 2, -0.75, 1);
        check(true, 19, 45, 260, 2, 2, 0, 1, -3); // beta applies once, on the first depth panel only
        float[] o = new float[12 * 40];
        Arrays.fill(o, Float.NaN);
        float[] a = new float[12 * 30], b = new float[30 * 40];
        Arrays.fill(a, 1);
        Arrays.fill(b, 0.5f);
        FloatVecGemm.block(o, 0, 40, 1, a, 0, 30, 1, b, 0, 40, 1, 30, 0, 12, 0, 40, 1, 0);
        float[] fifteen = new float[12 * 40];
        Arrays.fill(fifteen, 15);
        assertArrayEquals(fifteen, o);
    }

    @Test
    void subBlocksAsTheThreadsSplitThem() {
        check(true, 50, 200, 70, 0, 0, 0, 1, 0, 7, 43, 64, 128, 1);
        check(true, 50, 200, 70, 1, 1, 2, 1, 1, 0, 50, 128, 200, 2);
        check(false, 90, 33, 40, 0, 1, 0, 2, 0, 13, 90, 5, 30, 3);
    }

    @Test
    void emptyOutputsWriteNothing() {
        // Batches, depth 0 and broadcast batches through Gemm.gemm are GemmTest's, which runs this kernel too.
        float[] o = {7, 7};
        View out = new View(CpuStorage.wrap(o), 0, new int[] {1, 0, 2}, new long[] {0, 2, 1});
        View a = new View(CpuStorage.wrap(new float[3]), 0, new int[] {1, 0, 3}, new long[] {0, 3, 1});
        View b = new View(CpuStorage.wrap(new float[6]), 0, new int[] {1, 3, 2}, new long[] {0, 2, 1});
        Gemm.gemm(out, a, b, 1, 0);
        assertArrayEquals(new float[] {7, 7}, o);
        assertEquals(DType.FLOAT32, out.dtype());
    }
}
