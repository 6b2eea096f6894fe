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
    /**
     * {@code b <= alpha ? 0 : a}: relu/threshold backward with grad {@code a} and input (or result) {@code b}; a NaN
     * {@code b} passes the gradient, as PyTorch's {@code threshold_backward} does.
     */
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
    REMAINDER,
    /**
     * C's {@code atan2(a, b)}: the angle of the point {@code (b, a)} in {@code [-pi, pi]}, with C's values at signed
     * zeros and infinities ({@code atan2(0, -0)} is pi, {@code atan2(-0, 0)} is {@code -0.0}); floating dtypes only.
     */
    ATAN2,
    /**
     * Division rounded toward zero, PyTorch's {@code div(a, b, rounding_mode="trunc")}: integers divide exactly (the
     * op layer rules out {@code b == 0}); floating types are {@code trunc(a / b)}, IEEE's quotient truncated (so
     * {@code -1 / 3} is {@code -0.0} and a zero divisor gives an infinity or NaN). Any numeric dtype but BOOL.
     */
    DIV_TRUNC,
    /**
     * Division rounded toward minus infinity, PyTorch's {@code div(a, b, rounding_mode="floor")} and
     * {@code floor_divide}: integers divide exactly (the op layer rules out {@code b == 0}); floating types follow
     * PyTorch's (and Python's) formula: {@code a / b} where {@code b == 0}; otherwise with {@code m = fmod(a, b)},
     * {@code q = (a - m) / b}, less 1 where {@code m != 0} and the signs of {@code m} and {@code b} differ; then
     * {@code floor(q)}, plus 1 where {@code q - floor(q) > 0.5}; a zero {@code q} gives a zero with the sign of
     * {@code a / b}. Any numeric dtype but BOOL.
     */
    DIV_FLOOR
}
