package dev.autograd4j.spi;

import dev.autograd4j.DType;
import dev.autograd4j.Device;

/**
 * The primitive kernels a device provides. Every differentiable op is written once against this interface; a
 * backend knows nothing of gradients. Kernels write into outputs the caller allocated with {@link #allocate};
 * operands are {@link View}s with arbitrary strides (stride 0 for broadcast dimensions).
 *
 * <h2>What a kernel may assume</h2>
 * The op layer has checked everything that depends only on metadata before a kernel runs:
 * <ul>
 * <li>shapes agree as each method states (operands already broadcast to the output's shape), ranks and dims are in
 *     range, and dtypes are ones the method is defined for;</li>
 * <li>every view is on this backend's device (except the other end of {@link #transfer}), and its storage is live:
 *     no kernel ever receives a storage that was {@linkplain Storage#isReleased() released};</li>
 * <li>an output never overlaps an input unless it is the very same view (in-place elementwise ops pass
 *     {@code out == in}), and an output's elements are distinct (no stride-0 output dimension of size > 1);</li>
 * <li>no view addresses memory outside its storage.</li>
 * </ul>
 *
 * <h2>What a kernel must check</h2>
 * Only what depends on data: index values ({@link #gather}, {@link #scatterAdd}, the targets of
 * {@link #crossEntropy}) are checked against their bound, reported as an {@link IndexOutOfBoundsException} naming
 * the bad value. A synchronous backend reports it before writing anything; an asynchronous one may report it at the
 * next synchronising call, as PyTorch's CUDA device-side asserts do.
 *
 * <h2>Synchronisation</h2>
 * Kernels may run asynchronously, in call order. {@link #toArray}, a {@link #transfer} to the CPU, and
 * {@link #synchronize} wait for the work queued before them; nothing else may be assumed to block, and the op layer
 * never reads tensor data on the host inside a forward or backward pass.
 *
 * <p>Which results are exact and which are within a stated bound is the package's accuracy statement
 * ({@code package-info}); the abstract contract test in the api test-jar checks it for every backend.
 */
public interface Backend {

    /**
     * The device this backend instance computes on.
     *
     * @return the device this backend serves, fixed for the instance's life
     */
    Device device();

    // ------------------------------------------------------------------------------------------------------------
    // Memory
    // ------------------------------------------------------------------------------------------------------------

    /**
     * A new storage of {@code numel} elements; its contents are unspecified.
     *
     * @param dtype the element type
     * @param numel the number of elements, 0 allowed
     * @return a new storage owned by the caller (released through {@link Storage}'s reference count)
     * @throws IllegalArgumentException if the backend cannot hold that many elements, and IllegalStateException if its
     *     memory is exhausted, each with a one-line message that names the device; the op layer reports it under the
     *     op that asked, in place of a leading {@code [allocate]}
     */
    Storage allocate(DType dtype, long numel);

    /**
     * A new storage holding a copy of a Java array, copied once: {@code float[]} (FLOAT32), {@code double[]}
     * (FLOAT64), {@code long[]} (INT64), {@code int[]} (INT32) or {@code boolean[]} (BOOL).
     *
     * @param array a primitive array of one of the five element types
     * @return a new storage of {@code array.length} elements
     */
    Storage fromArray(Object array);

    /**
     * The elements of {@code src} in row-major order, in a new Java array of its dtype; synchronises.
     *
     * @param src the view to read, any strides
     * @return a new primitive array of {@code src}'s dtype, {@code src.numel()} long
     */
    Object toArray(View src);

    /**
     * Copies {@code src} into {@code dst} when they are on different devices and one of them is this backend's:
     * same dtype and shape, both contiguous. Returns false where this backend cannot copy between the two devices
     * directly (the library then goes through the CPU). A backend of a device other than the CPU must copy to and
     * from CPU storages, reading and writing their Java array ({@link Storage#hostArray()}) directly; a copy to the
     * CPU synchronises. The CPU backend never receives this call.
     *
     * @param dst the destination, contiguous
     * @param src the source, contiguous, of {@code dst}'s dtype and shape
     * @return true when copied; false when this backend cannot copy between these two devices
     */
    default boolean transfer(View dst, View src) {
        return false;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Elementwise
    // ------------------------------------------------------------------------------------------------------------

    /**
     * {@code dst[i] = (dst dtype) src[i]}; same shape (src may broadcast with 0 strides); any dtype pair.
     *
     * @param dst the destination
     * @param src the source, of {@code dst}'s shape
     */
    void copy(View dst, View src);

    /**
     * Sets every element of {@code dst} to {@code value} converted to its dtype.
     *
     * @param dst the view to fill
     * @param value the value, converted as {@link #copy} converts a float64
     */
    void fill(View dst, double value);

    /**
     * {@code out[i] = op(in[i]; alpha, beta)}; see {@link UnaryOp}. {@code out} may be {@code in} itself.
     *
     * @param op the function
     * @param out the output, of {@code in}'s shape
     * @param in the input
     * @param alpha the op's first parameter (as {@link UnaryOp} says; ignored by most)
     * @param beta the op's second parameter
     */
    void unary(UnaryOp op, View out, View in, double alpha, double beta);

    /**
     * {@code out[i] = op(a[i], b[i]; alpha)}; see {@link BinaryOp}. {@code out} may be {@code a} itself.
     *
     * @param op the function
     * @param out the output
     * @param a the first operand, broadcast to {@code out}'s shape
     * @param b the second operand, broadcast to {@code out}'s shape
     * @param alpha the op's parameter (as {@link BinaryOp} says)
     */
    void binary(BinaryOp op, View out, View a, View b, double alpha);

    /**
     * {@code out[i] = op(a[i], b)} with the scalar {@code b} converted to {@code a}'s dtype first, exactly as if it
     * were a broadcast tensor of that dtype (so a comparison of a float32 tensor with 0.1 compares with
     * {@code (float) 0.1}); {@code alpha} is 1. Any {@link BinaryOp} but the fused {@code *_BACKWARD} ones.
     * {@code out} may be {@code a} itself. The scalar travels as a kernel parameter: no storage is allocated for it.
     *
     * @param op the function
     * @param out the output, of {@code a}'s shape
     * @param a the tensor operand
     * @param b the scalar operand
     */
    void binaryScalar(BinaryOp op, View out, View a, double b);

    /**
     * {@code out[i] = cond[i] ? a[i] : b[i]}; {@code cond} is BOOL, {@code a}, {@code b} and {@code out} share a dtype.
     *
     * @param out the output
     * @param cond the condition, BOOL, broadcast to {@code out}'s shape
     * @param a the values where {@code cond} is true
     * @param b the values where it is false
     */
    void where(View out, View cond, View a, View b);

    /**
     * {@code out[i] = cond[i] ? a[i] : b}, or {@code cond[i] ? b : a[i]} when {@code scalarWhenTrue}, with the
     * scalar {@code b} converted to the dtype of {@code a} and {@code out}; {@code cond} is BOOL.
     *
     * @param out the output
     * @param cond the condition, BOOL
     * @param a the tensor operand
     * @param b the scalar operand
     * @param scalarWhenTrue whether {@code b} is taken where {@code cond} is true (else where it is false)
     */
    void whereScalar(View out, View cond, View a, double b, boolean scalarWhenTrue);

    // ------------------------------------------------------------------------------------------------------------
    // Reductions, products, indexing, random
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Reduces {@code in} into {@code out}, which has {@code in}'s rank; see {@link ReduceOp}.
     *
     * @param op the reduction
     * @param out the output; a dimension of size 1 where {@code in}'s is reduced, equal to {@code in}'s otherwise
     * @param in the input
     */
    void reduce(ReduceOp op, View out, View in);

    /**
     * Batched matrix multiply: {@code out[p] = alpha * a[p] @ b[p] + beta * out[p]} for every batch {@code p}, where
     * {@code a} is {@code [B, M, K]}, {@code b} is {@code [B, K, N]} and {@code out} is {@code [B, M, N]}; any
     * strides (a transpose is a stride swap, a broadcast batch has stride 0). {@code beta == 0} ignores what
     * {@code out} held, NaN included. FLOAT32 and FLOAT64.
     *
     * @param out the {@code [B, M, N]} output, also read when {@code beta != 0}
     * @param a the {@code [B, M, K]} left operand
     * @param b the {@code [B, K, N]} right operand
     * @param alpha the factor of the product
     * @param beta the factor of {@code out}'s old contents
     */
    void gemm(View out, View a, View b, double alpha, double beta);

    /**
     * {@code out[i][j][k] = in[i][index[i][j][k]][k]} for {@code dim == 1} (and likewise for any dim);
     * {@code index} is INT64 with {@code out}'s shape. An index outside {@code [0, in.shape[dim])} is an
     * {@link IndexOutOfBoundsException} naming it.
     *
     * @param out the output
     * @param in the input
     * @param dim the dimension indexed
     * @param index the INT64 indices, of {@code out}'s shape
     */
    void gather(View out, View in, int dim, View index);

    /**
     * {@code out[i][index[i][j][k]][k] += src[i][j][k]} for {@code dim == 1} (and likewise for any dim);
     * {@code index} is INT64 with {@code src}'s shape; repeated indices accumulate. An index outside
     * {@code [0, out.shape[dim])} is an {@link IndexOutOfBoundsException} naming it.
     *
     * @param out the view added into
     * @param dim the dimension indexed
     * @param index the INT64 indices, of {@code src}'s shape
     * @param src the values added
     */
    void scatterAdd(View out, int dim, View index, View src);

    /**
     * Fills {@code out} from the counter-based generator; see {@link RandomOp}.
     *
     * @param op the distribution
     * @param out the output; element {@code i} (row-major) takes Philox counter {@code offset + i}
     * @param seed the generator's seed
     * @param offset the first counter, reserved from the generator
     * @param a the distribution's first parameter (as {@link RandomOp} says)
     * @param b its second parameter
     */
    void random(RandomOp op, View out, long seed, long offset, double a, double b);

    // ------------------------------------------------------------------------------------------------------------
    // Optional fused kernels (see FusedOp). Each default throws: the op layer calls one only if supports() says so.
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Whether this backend implements the fused kernel {@code op}. None by default.
     *
     * @param op the fused kernel
     * @return true when the method for {@code op} is implemented
     */
    default boolean supports(FusedOp op) {
        return false;
    }

    /**
     * Softmax ({@link FusedOp#SOFTMAX}) or log-softmax ({@link FusedOp#LOG_SOFTMAX}) over the last dimension:
     * {@code in} and {@code out} are contiguous, of the same floating dtype and shape {@code [..., C]} with
     * {@code C > 0}. The maximum of each row is subtracted before exponentiating (a NaN maximum propagates); a row
     * whose maximum is infinite is shifted by 0 instead, as the composed formula does (so a row of -inf gives NaN,
     * as in PyTorch).
     *
     * @param out the output
     * @param in the input
     * @param log log-softmax instead of softmax
     * @throws UnsupportedOperationException where {@link #supports} says false for the op
     */
    default void softmax(View out, View in, boolean log) {
        throw unsupported(log ? FusedOp.LOG_SOFTMAX : FusedOp.SOFTMAX);
    }

    /**
     * The gradient of {@link #softmax} given its output {@code out} and the output's gradient {@code gradOut}:
     * {@code gradIn = out * (gradOut - sum(gradOut * out))} for softmax, {@code gradOut - exp(out) * sum(gradOut)}
     * for log-softmax, the sums over the last dimension. All four views contiguous, same dtype and shape.
     *
     * @param gradIn the input's gradient, written
     * @param gradOut the output's gradient
     * @param out the forward's output
     * @param log log-softmax instead of softmax
     * @throws UnsupportedOperationException where {@link #supports} says false for the op
     */
    default void softmaxBackward(View gradIn, View gradOut, View out, boolean log) {
        throw unsupported(log ? FusedOp.LOG_SOFTMAX : FusedOp.SOFTMAX);
    }

    /**
     * Layer normalisation of the rows of {@code in} ({@code [M, D]}, contiguous, floating):
     * {@code mean[m]} and {@code rstd[m] = 1 / sqrt(var[m] + eps)} (biased variance) are written to the
     * {@code [M]} views, and {@code out = (in - mean) * rstd * weight + bias}, where {@code weight} and {@code bias}
     * are {@code [D]} or null. Statistics accumulate in double precision (float32 data).
     *
     * @param out the {@code [M, D]} output
     * @param mean the {@code [M]} row means, written
     * @param rstd the {@code [M]} reciprocal standard deviations, written
     * @param in the {@code [M, D]} input
     * @param weight the {@code [D]} scale, or null
     * @param bias the {@code [D]} shift, or null
     * @param eps added to the variance
     * @throws UnsupportedOperationException where {@link #supports} says false for {@link FusedOp#LAYER_NORM}
     */
    default void layerNorm(View out, View mean, View rstd, View in, View weight, View bias, double eps) {
        throw unsupported(FusedOp.LAYER_NORM);
    }

    /**
     * The gradients of {@link #layerNorm} from {@code gradOut} ({@code [M, D]}) and the forward's {@code in},
     * {@code mean}, {@code rstd} and {@code weight} (null: none). With {@code xhat = (in - mean) * rstd} and
     * {@code gh = gradOut * weight}: {@code gradIn = rstd * (gh - mean_D(gh) - xhat * mean_D(gh * xhat))},
     * {@code gradWeight = sum_M(gradOut * xhat)}, {@code gradBias = sum_M(gradOut)}. Any of the three outputs may
     * be null (not wanted).
     *
     * @param gradIn the input's gradient, or null
     * @param gradWeight the weight's gradient, or null
     * @param gradBias the bias's gradient, or null
     * @param gradOut the output's gradient
     * @param in the forward's input
     * @param mean the forward's row means
     * @param rstd the forward's reciprocal standard deviations
     * @param weight the forward's weight, or null
     * @throws UnsupportedOperationException where {@link #supports} says false for {@link FusedOp#LAYER_NORM}
     */
    default void layerNormBackward(View gradIn, View gradWeight, View gradBias, View gradOut, View in, View mean,
                                   View rstd, View weight) {
        throw unsupported(FusedOp.LAYER_NORM);
    }

    /**
     * Cross-entropy of logits against class indices, in one pass over {@code logits} ({@code [M, C]}, contiguous,
     * floating): {@code logProbs = log_softmax(logits)} (as {@link #softmax} with {@code log}), and for each row
     * {@code m} with target {@code t = target[m]} (INT64 {@code [M]}): {@code weights[m] = t == ignoreIndex ? 0 :
     * classWeight[t]} (1 without {@code classWeight}, a {@code [C]} view or null), {@code losses[m] =
     * -weights[m] * logProbs[m, t]} (0 when ignored). A target outside {@code [0, C)} other than
     * {@code ignoreIndex} is an {@link IndexOutOfBoundsException} naming it.
     *
     * @param logProbs the {@code [M, C]} log-probabilities, written
     * @param losses the {@code [M]} per-row losses, written
     * @param weights the {@code [M]} per-row weights, written
     * @param logits the {@code [M, C]} input
     * @param target the {@code [M]} INT64 class indices
     * @param classWeight the {@code [C]} class weights, or null
     * @param ignoreIndex the target value that contributes nothing
     * @throws IndexOutOfBoundsException for a target outside {@code [0, C)} other than {@code ignoreIndex}
     * @throws UnsupportedOperationException where {@link #supports} says false for {@link FusedOp#CROSS_ENTROPY}
     */
    default void crossEntropy(View logProbs, View losses, View weights, View logits, View target, View classWeight,
                              long ignoreIndex) {
        throw unsupported(FusedOp.CROSS_ENTROPY);
    }

    /**
     * The gradient of the negative log-likelihood with respect to its {@code [M, C]} input: {@code gradInput[m, c] =
     * c == target[m] ? -weights(m) * gradLosses[m] : 0}, with the row weight as in {@link #crossEntropy};
     * {@code gradLosses} is {@code [M]} and may be a broadcast scalar (stride 0). {@code gradInput} is contiguous.
     *
     * @param gradInput the {@code [M, C]} gradient, written
     * @param gradLosses the {@code [M]} gradient of the per-row losses
     * @param target the {@code [M]} INT64 class indices
     * @param classWeight the {@code [C]} class weights, or null
     * @param ignoreIndex the target value that contributes nothing
     * @throws UnsupportedOperationException where {@link #supports} says false for {@link FusedOp#CROSS_ENTROPY}
     */
    default void nllLossBackward(View gradInput, View gradLosses, View target, View classWeight, long ignoreIndex) {
        throw unsupported(FusedOp.CROSS_ENTROPY);
    }

    /**
     * The running sum ({@code torch.cumsum}) or, with {@code multiply}, product ({@code torch.cumprod}) of {@code in}
     * along {@code dim}: {@code out[..., i, ...]} combines {@code in[..., 0..i, ...]}. Both views are contiguous, of
     * the same shape and dtype: FLOAT32, FLOAT64 or INT64 (which wraps); {@code dim} is in range. The result must
     * match the op layer's composed scan within the package's accuracy statement; PyTorch's CPU kernel, which this
     * mirrors, accumulates float32 in double.
     *
     * @param out the output, written
     * @param in the input
     * @param dim the dimension scanned
     * @param multiply products instead of sums
     * @throws UnsupportedOperationException where {@link #supports} says false for {@link FusedOp#SCAN}
     */
    default void scan(View out, View in, int dim, boolean multiply) {
        throw unsupported(FusedOp.SCAN);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Threads and queues
    // ------------------------------------------------------------------------------------------------------------

    /** Waits for queued work to finish (a no-op where kernels run synchronously). */
    default void synchronize() {
    }

    /**
     * Sets the number of threads intra-op kernels may use, where the backend has such threads.
     *
     * @param threads the number of threads, positive
     */
    default void setNumThreads(int threads) {
    }

    /**
     * The number of threads intra-op kernels use (1 where the backend has no such notion).
     *
     * @return the number of threads
     */
    default int numThreads() {
        return 1;
    }

    private UnsupportedOperationException unsupported(FusedOp op) {
        return new UnsupportedOperationException("[" + device() + "] the fused kernel " + op + " is not implemented"
                + " by this backend; the op layer calls it only where supports(" + op + ") is true");
    }
}
