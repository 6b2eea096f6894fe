package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasMath;
import jcuda.jcublas.cublasOperation;
import jcuda.runtime.cudaStream_t;

/**
 * GEMM through cuBLAS (JCublas2), on the device's stream: {@code cublasSgemmStridedBatched} and
 * {@code cublasDgemmStridedBatched}, one call per {@code gemm}.
 *
 * <p>Note [Row-major through column-major cuBLAS]: cuBLAS reads a matrix column by column, element {@code (i, j)} at
 * {@code i + j * ld}. A view's matrix {@code [R, C]} with strides {@code (rs, cs)} is such a matrix when its rows
 * have unit stride ({@code rs == 1}, {@code ld = cs >= R}): cuBLAS takes it as is (op N); it is the transpose of one
 * when its columns have unit stride ({@code cs == 1}, {@code ld = rs >= C}): cuBLAS transposes it (op T). Anything
 * else (a stride-0 broadcast inside a matrix, a step in both dims) is first copied to contiguous memory. A row-major
 * output is the transpose of a column-major one, so {@code C = A B} is computed as {@code C^T = B^T A^T} with the
 * operands' roles swapped; a column-major output (a transposed view) takes {@code C = A B} directly. The batch is a
 * stride, 0 for a broadcast operand. With {@code beta == 0} cuBLAS does not read the output, so NaN there is
 * ignored, as the SPI requires.
 *
 * <p>TF32 is off by default ({@code CUBLAS_DEFAULT_MATH}: float32 products accumulate in float32), as in PyTorch;
 * {@link Cuda#setAllowTf32} turns it on ({@code CUBLAS_TF32_TENSOR_OP_MATH}) like
 * {@code torch.backends.cuda.matmul.allow_tf32}.
 */
final class Blas {
    private static final String OP = "matmul";
    private static volatile boolean allowTf32;

    private final DeviceContext ctx;
    private final cublasHandle handle = new cublasHandle();
    private boolean tf32;

    Blas(DeviceContext ctx) {
        this.ctx = ctx;
        CublasLoader.Outcome loaded = CublasLoader.prepare();
        if (!loaded.ok()) {
            throw new IllegalStateException("[" + OP + "] " + loaded.message());
        }
        ctx.enter();
        try {
            JCublas2.setExceptionsEnabled(true);
            JCublas2.cublasCreate(handle);
            JCublas2.cublasSetStream(handle, new cudaStream_t(ctx.stream()));
            JCublas2.cublasSetMathMode(handle, cublasMath.CUBLAS_DEFAULT_MATH);
        } catch (CudaException e) {
            throw CudaErrors.of(OP, "creating the cuBLAS handle of " + ctx.device(), e);
        }
    }

    static void setAllowTf32(boolean allow) {
        allowTf32 = allow;
    }

    static boolean allowTf32() {
        return allowTf32;
    }

    /** {@code out[p] = alpha a[p] b[p] + beta out[p]} over {@code [B, M, K] x [B, K, N] -> [B, M, N]}. */
    synchronized void gemm(View out, View a, View b, double alpha, double beta) {
        int batches = out.shape[0];
        int m = out.shape[1];
        int n = out.shape[2];
        int k = a.shape[2];
        if (batches == 0 || m == 0 || n == 0) {
            return;
        }
        if (k == 0) { // no products: out = beta out, as the CPU does (and PyTorch, which skips cuBLAS here)
            if (beta == 0) {
                ElementwiseKernels.fill(ctx, out, 0);
            } else {
                ElementwiseKernels.unary(ctx, UnaryOp.AFFINE, out, out, beta, 0);
            }
            return;
        }
        View o = out;
        View x = a;
        View y = b;
        CudaStorage[] temps = new CudaStorage[3];
        try {
            Plan p = plan(o, x, y);
            if (p.ldc < 0) {
                temps[0] = contiguous(out, beta != 0);
                o = View.contiguous(temps[0], out.shape);
                p = plan(o, x, y);
            }
            if (p.aNeedsCopy()) {
                temps[1] = contiguous(a, true);
                x = View.contiguous(temps[1], a.shape);
                p = plan(o, x, y);
            }
            if (p.bNeedsCopy()) {
                temps[2] = contiguous(b, true);
                y = View.contiguous(temps[2], b.shape);
                p = plan(o, x, y);
            }
            run(p, o, x, y, alpha, beta, batches);
            if (o != out) {
                ElementwiseKernels.copy(ctx, out, o);
            }
        } finally {
            for (CudaStorage t : temps) {
                if (t != null) {
                    t.freeNow(); // queued kernels still see it: one stream
                }
            }
        }
    }

    /** A contiguous copy of {@code v} (or only its memory, when {@code fill} is false). */
    private CudaStorage contiguous(View v, boolean fill) {
        CudaStorage s = CudaStorage.allocate(ctx.allocator(), ctx.device(), v.dtype(), v.numel());
        if (fill) {
            ElementwiseKernels.copy(ctx, View.contiguous(s, v.shape), v);
        }
        return s;
    }

    private void run(Plan p, View out, View a, View b, double alpha, double beta, int batches) {
        View first = p.swapped ? b : a;
        View second = p.swapped ? a : b;
        Pointer pa = ctx.address(first);
        Pointer pb = ctx.address(second);
        Pointer pc = ctx.address(out);
        long strideA = batchStride(first);
        long strideB = batchStride(second);
        long strideC = batchStride(out);
        ctx.enter();
        try {
            if (out.dtype() == DType.FLOAT32) {
                if (tf32 != allowTf32) {
                    tf32 = allowTf32;
                    JCublas2.cublasSetMathMode(handle,
                            tf32 ? cublasMath.CUBLAS_TF32_TENSOR_OP_MATH : cublasMath.CUBLAS_DEFAULT_MATH);
                }
                JCublas2.cublasSgemmStridedBatched(handle, p.first.op, p.second.op, p.m, p.n, p.k,
                        Pointer.to(new float[] {(float) alpha}), pa, p.first.ld, strideA, pb, p.second.ld, strideB,
                        Pointer.to(new float[] {(float) beta}), pc, p.ldc, strideC, batches);
            } else if (out.dtype() == DType.FLOAT64) {
                JCublas2.cublasDgemmStridedBatched(handle, p.first.op, p.second.op, p.m, p.n, p.k,
                        Pointer.to(new double[] {alpha}), pa, p.first.ld, strideA, pb, p.second.ld, strideB,
                        Pointer.to(new double[] {beta}), pc, p.ldc, strideC, batches);
            } else {
                throw new IllegalArgumentException("[" + OP + "] is not defined for dtype " + out.dtype() + " on CUDA");
            }
        } catch (CudaException e) {
            throw CudaErrors.of(OP, "cuBLAS gemm " + p, e);
        }
    }

    static long batchStride(View v) {
        return v.shape[0] == 1 ? 0 : v.strides[0];
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The plan: how cuBLAS reads each operand (see Note [Row-major through column-major cuBLAS])
    // ---------------------------------------------------------------------------------------------------------------

    /** How cuBLAS reads one operand: op N or T, and the leading dimension. */
    record Operand(int op, int ld) {
        @Override
        public String toString() {
            return (op == cublasOperation.CUBLAS_OP_N ? "N" : "T") + " ld=" + ld;
        }
    }

    /**
     * One cuBLAS call: {@code C(m x n) = op(first) op(second)}, column-major; {@code swapped} when it computes
     * {@code out^T = b^T a^T} (first is {@code b}). A null operand, or {@code ldc < 0}, needs a contiguous copy.
     */
    record Plan(boolean swapped, int m, int n, int k, Operand first, Operand second, int ldc) {
        boolean aNeedsCopy() {
            return (swapped ? second : first) == null;
        }

        boolean bNeedsCopy() {
            return (swapped ? first : second) == null;
        }

        @Override
        public String toString() {
            return "m=" + m + " n=" + n + " k=" + k + " (" + first + ", " + second + ", ldc=" + ldc + ")";
        }
    }

    static Plan plan(View out, View a, View b) {
        int m = out.shape[1];
        int n = out.shape[2];
        int k = a.shape[2];
        Operand ct = operand(n, m, out.strides[2], out.strides[1]);
        if (ct != null && ct.op == cublasOperation.CUBLAS_OP_N) { // a row-major output: out^T = b^T a^T
            return new Plan(true, n, m, k, operand(n, k, b.strides[2], b.strides[1]),
                    operand(k, m, a.strides[2], a.strides[1]), ct.ld);
        }
        Operand c = operand(m, n, out.strides[1], out.strides[2]);
        if (c != null && c.op == cublasOperation.CUBLAS_OP_N) { // a column-major output: out = a b
            return new Plan(false, m, n, k, operand(m, k, a.strides[1], a.strides[2]),
                    operand(k, n, b.strides[1], b.strides[2]), c.ld);
        }
        return new Plan(true, n, m, k, operand(n, k, b.strides[2], b.strides[1]),
                operand(k, m, a.strides[2], a.strides[1]), -1);
    }

    /**
     * How cuBLAS reads the {@code [rows, cols]} matrix whose element {@code (i, j)} is at {@code i * rs + j * cs}:
     * as is (N) when it is column-major, transposed (T) when it is row-major, or null. A dim of size 1 takes any
     * stride; the leading dimension must fit in an int and be at least the other dim.
     */
    static Operand operand(int rows, int cols, long rs, long cs) {
        if ((rows == 1 || rs == 1) && (cols == 1 || cs >= Math.max(1, rows))) {
            long ld = cols == 1 ? Math.max(1, rows) : cs;
            return ld <= Integer.MAX_VALUE ? new Operand(cublasOperation.CUBLAS_OP_N, (int) ld) : null;
        }
        if ((cols == 1 || cs == 1) && (rows == 1 || rs >= Math.max(1, cols))) {
            long ld = rows == 1 ? Math.max(1, cols) : rs;
            return ld <= Integer.MAX_VALUE ? new Operand(cublasOperation.CUBLAS_OP_T, (int) ld) : null;
        }
        return null;
    }
}
