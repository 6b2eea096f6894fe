package dev.autograd4j.opinfo;

import dev.autograd4j.DType;

/**
 * Where a sample's drawn values lie: uniform on {@code [lo, hi)} for floating dtypes, uniform integers in
 * {@code [intLo, intHi]} for integer dtypes, and true or false with even odds for bool.
 */
public record Domain(String name, double lo, double hi, long intLo, long intHi) {
    /** Anything: [-1, 1), integers -5..5. */
    public static final Domain ANY = new Domain("any", -1, 1, -5, 5);
    /** Away from the kinks and poles of the unary functions' interesting ranges: [-3, 3). */
    public static final Domain WIDE = new Domain("wide", -3, 3, -5, 5);
    /** Strictly positive, away from 0 (log, sqrt, reciprocal, divisors): [0.5, 3), integers 1..5. */
    public static final Domain POSITIVE = new Domain("positive", 0.5, 3, 1, 5);
    /** Non-negative (log1p): [0, 2), integers 0..5. */
    public static final Domain NONNEG = new Domain("non-negative", 0, 2, 0, 5);

    /** The value of {@code dtype} a uniform draw {@code u} in [0, 1) maps to. */
    double value(double u, DType dtype) {
        return switch (dtype.category()) {
            case FLOATING -> lo + (hi - lo) * u;
            case INTEGRAL -> intLo + Math.floor(u * (intHi - intLo + 1));
            case BOOLEAN -> u < 0.5 ? 1 : 0;
        };
    }
}
