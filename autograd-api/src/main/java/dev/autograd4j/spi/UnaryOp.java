package dev.autograd4j.spi;

/**
 * Elementwise functions of one operand, {@code out[i] = f(in[i])}; {@code alpha} and {@code beta} are the
 * parameters named below (ignored otherwise). Input and output have the same dtype unless noted. Floating-point
 * ops are only called with floating dtypes; the op layer casts integers first.
 */
public enum UnaryOp {
    /**
     * {@code alpha * x + beta}; any numeric dtype (for integers alpha and beta are whole numbers and the arithmetic
     * is exact). {@code beta == 0} adds nothing, so {@code -0.0 * 1} stays {@code -0.0} as in a plain multiply.
     */
    AFFINE,
    EXP,
    LOG,
    LOG1P,
    EXPM1,
    SQRT,
    RSQRT,
    /** {@code 1 / x}. */
    RECIPROCAL,
    /** Any numeric dtype. */
    ABS,
    /** -1, 0 or 1 (NaN stays NaN); any numeric dtype. */
    SIGN,
    SIN,
    COS,
    TANH,
    /** {@code 1 / (1 + exp(-x))}, computed without overflow for large |x|. */
    SIGMOID,
    /** {@code max(x, 0)} (NaN stays NaN); any numeric dtype. */
    RELU,
    /** {@code x > 0 ? x : alpha * x}. */
    LEAKY_RELU,
    /** {@code x * Phi(x)} with the exact normal CDF {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}. */
    GELU,
    /** {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
    GELU_TANH,
    ERF,
    /** {@code log(1 + exp(alpha x)) / alpha}, or {@code x} where {@code alpha x > beta} (PyTorch's threshold). */
    SOFTPLUS,
    /** {@code x ^ alpha}. */
    POW,
    /** {@code min(max(x, alpha), beta)}; a NaN bound means no bound on that side; any numeric dtype. */
    CLAMP,
    FLOOR,
    CEIL,
    /** Round half to even, like {@code torch.round}. */
    ROUND,
    /** BOOL in, BOOL out. */
    LOGICAL_NOT,
    /** Any dtype in, BOOL out. */
    ISNAN
}
