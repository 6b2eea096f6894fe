package dev.autograd4j.spi;

/**
 * Elementwise functions of two operands, {@code out[i] = f(a[i], b[i])}, after broadcasting (the op layer passes
 * views already expanded to the output's shape, broadcast dimensions having stride 0). Both operands have the same
 * dtype; the output has that dtype too, except for comparisons and logical ops, whose output is BOOL.
 *
 * <p>The {@code *_BACKWARD} ops are optional fused kernels (see {@link FusedOp}): the op layer calls one only when the
 * backend {@link Backend#supports(FusedOp) supports} it, never through {@link Backend#binaryScalar}.
 */
public enum BinaryOp {
    /** {@code a + alpha * b}; any numeric dtype (alpha is a whole number for integers). */
    ADD,
    /** Any numeric dtype. */
    MUL,
    /** True division; floating dtypes only (the op layer promotes integers). */
    DIV,
    /** {@code a ^ b}; floating dtypes. */
    POW,
    /** NaN-propagating maximum; any numeric dtype. */
    MAXIMUM,
    /** NaN-propagating minimum; any numeric dtype. */
    MINIMUM,
    /** {@code a == b}, BOOL out (NaN equals nothing). */
    EQ,
    /** {@code a != b}, BOOL out. */
    NE,
    /** {@code a < b}, BOOL out. */
    LT,
    /** {@code a <= b}, BOOL out. */
    LE,
    /** {@code a > b}, BOOL out. */
    GT,
    /** {@code a >= b}, BOOL out. */
    GE,
    /** Both non-zero, BOOL out. */
    LOGICAL_AND,
    /** Either non-zero, BOOL out. */
    LOGICAL_OR,
    /** {@code a * (1 - b*b)}: tanh's backward with grad {@code a} and result {@code b}. */
    TANH_BACKWARD,
    /** {@code a * b * (1 - b)}: sigmoid's backward with grad {@code a} and result {@code b}. */
    SIGMOID_BACKWARD,
    /** {@code b > alpha ? a : 0}: relu/threshold backward with grad {@code a} and input (or result) {@code b}. */
    THRESHOLD_BACKWARD,
    /** {@code b > 0 ? a : alpha * a}: leaky relu's backward with grad {@code a} and input {@code b}. */
    LEAKY_RELU_BACKWARD,
    /** {@code a * d/dx gelu(x)} at {@code x = b} (exact GELU). */
    GELU_BACKWARD,
    /** {@code a * d/dx gelu_tanh(x)} at {@code x = b} (tanh-approximated GELU). */
    GELU_TANH_BACKWARD,
    /**
     * C's {@code fmod(a, b)}: the remainder of division truncated toward zero, with the sign of {@code a}; any
     * numeric dtype but BOOL (for integers the op layer rules out {@code b == 0}).
     */
    FMOD,
    /**
     * Python's {@code a % b}: the remainder of floor division, with the sign of {@code b} ({@code fmod}, plus
     * {@code b} where the two signs differ and the remainder is not 0); any numeric dtype but BOOL.
     */
    REMAINDER
}
