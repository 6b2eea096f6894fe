package dev.autograd4j.spi;

/**
 * Random fills from a counter-based generator, so every backend draws the same numbers: element {@code i} (in
 * row-major order of the output) uses the Philox4x32-10 block at counter {@code offset + i} with key {@code seed}.
 * See {@code dev.autograd4j.Generator} for the exact bit recipes each backend must follow.
 */
public enum RandomOp {
    /**
     * Uniform on {@code [a, b)}; floating dtypes: {@code a + (b - a) * u} computed in double and rounded to the dtype,
     * with {@code u = Philox.uniform24(x0)} for FLOAT32 and {@code Philox.uniform53(x0, x1)} for FLOAT64.
     */
    UNIFORM,
    /**
     * Normal with mean {@code a} and standard deviation {@code b} (Box-Muller); floating dtypes:
     * {@code a + b * Philox.normal(x0, x1, x2, x3)} computed in double and rounded to the dtype.
     */
    NORMAL,
    /**
     * Integers uniform on {@code [a, b)}; integer and floating dtypes: {@code Philox.randint(x0, x1, (long) a,
     * (long) b)} converted to the dtype.
     */
    RANDINT
}
