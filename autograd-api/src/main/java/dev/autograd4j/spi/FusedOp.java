package dev.autograd4j.spi;

/**
 * The optional fused kernels a backend may implement to reach memory bandwidth where the composed formula would
 * make several passes. A backend lists the ones it has in {@link Backend#supports(FusedOp)}; the op layer falls back
 * to its formula composed from the required primitives where a backend lacks one, and always composes when the
 * backward pass is itself being recorded ({@code createGraph}), so higher derivatives never depend on a fused
 * kernel. Results must match the composed formula within the bounds of the package's accuracy statement.
 */
public enum FusedOp {
    /** {@link Backend#binary} with {@link BinaryOp#TANH_BACKWARD}. */
    TANH_BACKWARD,
    /** {@link Backend#binary} with {@link BinaryOp#SIGMOID_BACKWARD}. */
    SIGMOID_BACKWARD,
    /** {@link Backend#binary} with {@link BinaryOp#THRESHOLD_BACKWARD}. */
    THRESHOLD_BACKWARD,
    /** {@link Backend#binary} with {@link BinaryOp#LEAKY_RELU_BACKWARD}. */
    LEAKY_RELU_BACKWARD,
    /** {@link Backend#binary} with {@link BinaryOp#GELU_BACKWARD}. */
    GELU_BACKWARD,
    /** {@link Backend#binary} with {@link BinaryOp#GELU_TANH_BACKWARD}. */
    GELU_TANH_BACKWARD,
    /** {@link Backend#softmax} and {@link Backend#softmaxBackward} with {@code log == false}. */
    SOFTMAX,
    /** {@link Backend#softmax} and {@link Backend#softmaxBackward} with {@code log == true}. */
    LOG_SOFTMAX,
    /** {@link Backend#layerNorm} and {@link Backend#layerNormBackward}. */
    LAYER_NORM,
    /** {@link Backend#crossEntropy} and {@link Backend#nllLossBackward}. */
    CROSS_ENTROPY,
    /** {@link Backend#scan}: running sums and products along a dimension. */
    SCAN
}
