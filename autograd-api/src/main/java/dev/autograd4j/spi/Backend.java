package dev.autograd4j.spi;

import dev.autograd4j.DType;
import dev.autograd4j.Device;

/**
 * The primitive kernels a device provides. Every differentiable op is written once against this interface; a
 * backend knows nothing of gradients. Kernels write into outputs the caller allocated with {@link #allocate};
 * operands are {@link View}s with arbitrary strides (stride 0 for broadcast dimensions). The caller has already
 * checked shapes, dtypes and devices, so a kernel only validates what depends on data (index bounds).
 *
 * <p>Unless a method says otherwise, an output view never overlaps an input except when it is the very same view
 * (in-place elementwise ops pass {@code out == in}).
 */
public interface Backend {

    /** The device this backend instance computes on. */
    Device device();

    /** A new storage of {@code numel} elements; its contents are unspecified. */
    Storage allocate(DType dtype, long numel);

    /**
     * A new storage holding a copy of a Java array: {@code float[]} (FLOAT32), {@code double[]} (FLOAT64),
     * {@code long[]} (INT64), {@code int[]} (INT32) or {@code boolean[]} (BOOL).
     */
    Storage fromArray(Object array);

    /** The elements of {@code src} in row-major order, in a new Java array of its dtype (see {@link #fromArray}). */
    Object toArray(View src);

    /** {@code dst[i] = (dst dtype) src[i]}; same shape (src may broadcast with 0 strides); any dtype pair. */
    void copy(View dst, View src);

    /** Sets every element of {@code dst} to {@code value} converted to its dtype. */
    void fill(View dst, double value);

    /** {@code out[i] = op(in[i]; alpha, beta)}; see {@link UnaryOp}. {@code out} may be {@code in} itself. */
    void unary(UnaryOp op, View out, View in, double alpha, double beta);

    /** {@code out[i] = op(a[i], b[i]; alpha)}; see {@link BinaryOp}. {@code out} may be {@code a} itself. */
    void binary(BinaryOp op, View out, View a, View b, double alpha);

    /** {@code out[i] = cond[i] ? a[i] : b[i]}; {@code cond} is BOOL, {@code a}, {@code b} and {@code out} share a dtype. */
    void where(View out, View cond, View a, View b);

    /** Reduces {@code in} into {@code out}, which has {@code in}'s rank; see {@link ReduceOp}. */
    void reduce(ReduceOp op, View out, View in);

    /**
     * Batched matrix multiply: {@code out[p] = alpha * a[p] @ b[p] + beta * out[p]} for every batch {@code p}, where
     * {@code a} is {@code [B, M, K]}, {@code b} is {@code [B, K, N]} and {@code out} is {@code [B, M, N]}; any
     * strides (a transpose is a stride swap, a broadcast batch has stride 0). {@code beta == 0} ignores what
     * {@code out} held, NaN included. FLOAT32 and FLOAT64.
     */
    void gemm(View out, View a, View b, double alpha, double beta);

    /**
     * {@code out[i][j][k] = in[i][index[i][j][k]][k]} for {@code dim == 1} (and likewise for any dim);
     * {@code index} is INT64 with {@code out}'s shape. An index outside {@code [0, in.shape[dim])} is an
     * {@link IndexOutOfBoundsException} naming it, before anything is written where the backend can check first.
     */
    void gather(View out, View in, int dim, View index);

    /**
     * {@code out[i][index[i][j][k]][k] += src[i][j][k]} for {@code dim == 1} (and likewise for any dim);
     * {@code index} is INT64 with {@code src}'s shape; repeated indices accumulate.
     */
    void scatterAdd(View out, int dim, View index, View src);

    /** Fills {@code out} from the counter-based generator; see {@link RandomOp}. */
    void random(RandomOp op, View out, long seed, long offset, double a, double b);

    /** Waits for queued work to finish (a no-op where kernels run synchronously). */
    default void synchronize() {
    }

    /** Sets the number of threads intra-op kernels may use, where the backend has such threads. */
    default void setNumThreads(int threads) {
    }

    /** The number of threads intra-op kernels use (1 where the backend has no such notion). */
    default int numThreads() {
        return 1;
    }
}
