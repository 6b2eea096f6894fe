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
    /** {@code e^x}. */
    EXP,
    /** The natural logarithm. */
    LOG,
    /** {@code log(1 + x)}, accurate for small {@code x}. */
    LOG1P,
    /** The base-2 logarithm (exact at powers of two). */
    LOG2,
    /** The base-10 logarithm. */
    LOG10,
    /** {@code e^x - 1}, accurate for small {@code x}. */
    EXPM1,
    /** The square root (NaN below 0). */
    SQRT,
    /** {@code 1 / sqrt(x)}. */
    RSQRT,
    /** {@code 1 / x}. */
    RECIPROCAL,
    /** Any numeric dtype. */
    ABS,
    /** -1, 0 or 1, as PyTorch's {@code (0 < x) - (x < 0)}: NaN and -0 give 0; any numeric dtype. */
    SIGN,
    /** The sine. */
    SIN,
    /** The cosine. */
    COS,
    /** The tangent. */
    TAN,
    /** The arcsine (NaN outside [-1, 1]). */
    ASIN,
    /** The arccosine (NaN outside [-1, 1]). */
    ACOS,
    /** The arctangent. */
    ATAN,
    /** The hyperbolic sine. */
    SINH,
    /** The hyperbolic cosine. */
    COSH,
    /** The inverse hyperbolic sine. */
    ASINH,
    /** The inverse hyperbolic cosine (NaN below 1). */
    ACOSH,
    /** The inverse hyperbolic tangent (infinite at +-1, NaN beyond). */
    ATANH,
    /** The hyperbolic tangent. */
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
    /** The error function. */
    ERF,
    /** {@code log(1 + exp(alpha x)) / alpha}, or {@code x} where {@code alpha x > beta} (PyTorch's threshold). */
    SOFTPLUS,
    /** {@code x ^ alpha}. */
    POW,
    /** {@code min(max(x, alpha), beta)}; a NaN bound means no bound on that side; any numeric dtype. */
    CLAMP,
    /** Rounds down (floating dtypes). */
    FLOOR,
    /** Rounds up (floating dtypes). */
    CEIL,
    /** Round half to even, like {@code torch.round}. */
    ROUND,
    /** BOOL in, BOOL out. */
    LOGICAL_NOT,
    /** Any dtype in, BOOL out. */
    ISNAN
}
