package dev.autograd4j.spi;

/**
 * Random fills from a counter-based generator, so every backend draws the same numbers: element {@code i} (in
 * row-major order of the output) uses the Philox4x32-10 block at counter {@code offset + i} with key {@code seed}.
 * See {@code dev.autograd4j.Generator} for the exact bit recipes each backend must follow.
 */
public enum RandomOp {
    /** Uniform on {@code [a, b)}; floating dtypes. */
    UNIFORM,
    /** Normal with mean {@code a} and standard deviation {@code b} (Box-Muller); floating dtypes. */
    NORMAL,
    /** Integers uniform on {@code [a, b)}; integer and floating dtypes. */
    RANDINT
}
