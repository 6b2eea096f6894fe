package dev.autograd4j.cpu;

import dev.autograd4j.DType;

/**
 * Moves strided runs of any dtype to and from {@code double[]} or {@code long[]} chunks, converting as PyTorch's
 * {@code Tensor.to} does: to BOOL is {@code x != 0} (NaN is true), from BOOL is 0 or 1, floating to integer
 * truncates toward zero, int64 to int32 wraps. A NaN, an infinity or a value out of the integer type's range
 * converts to the type's minimum, as PyTorch's CPU does on x86 (C++ leaves it undefined; the SSE truncating
 * conversions give the "integer indefinite" value), where Java would saturate and take NaN to 0.
 *
 * <p>A floating source travels as {@code double} and an integral or BOOL source as {@code long}; both hold every
 * source value exactly, so each conversion rounds at most once, straight to the destination dtype.
 */
final class Convert {
    private Convert() {
    }

    /** Whether values of {@code source} travel as {@code double} (else as {@code long}). */
    static boolean viaDouble(DType source) {
        return source.isFloatingPoint();
    }

    /** {@code dst[i] = src[off + i*stride]} for a FLOAT32 or FLOAT64 source. */
    static void toDouble(Object src, DType type, int off, int stride, double[] dst, int n) {
        switch (type) {
            case FLOAT32 -> {
                float[] s = (float[]) src;
                for (int i = 0; i < n; i++) {
                    dst[i] = s[off + i * stride];
                }
            }
            case FLOAT64 -> {
                double[] s = (double[]) src;
                for (int i = 0; i < n; i++) {
                    dst[i] = s[off + i * stride];
                }
            }
            default -> throw new IllegalStateException("[copy] " + type + " does not travel as double");
        }
    }

    /** {@code dst[i] = src[off + i*stride]} for an INT64, INT32 or BOOL source. */
    static void toLong(Object src, DType type, int off, int stride, long[] dst, int n) {
        switch (type) {
            case INT64 -> {
                long[] s = (long[]) src;
                for (int i = 0; i < n; i++) {
                    dst[i] = s[off + i * stride];
                }
            }
            case INT32 -> {
                int[] s = (int[]) src;
                for (int i = 0; i < n; i++) {
                    dst[i] = s[off + i * stride];
                }
            }
            case BOOL -> {
                boolean[] s = (boolean[]) src;
                for (int i = 0; i < n; i++) {
                    dst[i] = s[off + i * stride] ? 1 : 0;
                }
            }
            default -> throw new IllegalStateException("[copy] " + type + " does not travel as long");
        }
    }

    /** {@code dst[off + i*stride] = (type) src[so + i]}. */
    static void fromDouble(double[] src, int so, Object dst, DType type, int off, int stride, int n) {
        switch (type) {
            case FLOAT32 -> {
                float[] d = (float[]) dst;
                for (int i = 0; i < n; i++) {
                    d[off + i * stride] = (float) src[so + i];
                }
            }
            case FLOAT64 -> {
                double[] d = (double[]) dst;
                for (int i = 0; i < n; i++) {
                    d[off + i * stride] = src[so + i];
                }
            }
            case INT64 -> {
                long[] d = (long[]) dst;
                for (int i = 0; i < n; i++) {
                    d[off + i * stride] = toInt64(src[so + i]);
                }
            }
            case INT32 -> {
                int[] d = (int[]) dst;
                for (int i = 0; i < n; i++) {
                    d[off + i * stride] = toInt32(src[so + i]);
                }
            }
            case BOOL -> {
                boolean[] d = (boolean[]) dst;
                for (int i = 0; i < n; i++) {
                    d[off + i * stride] = src[so + i] != 0;
                }
            }
        }
    }

    /** {@code v} truncated toward zero, or Long.MIN_VALUE for NaN and outside [-2^63, 2^63) (x86's cvttsd2si). */
    static long toInt64(double v) {
        return v >= -0x1p63 && v < 0x1p63 ? (long) v : Long.MIN_VALUE; // false for NaN
    }

    /** {@code v} truncated toward zero, or Integer.MIN_VALUE for NaN and when the truncation is out of int range. */
    static int toInt32(double v) {
        return v > -0x1p31 - 1 && v < 0x1p31 ? (int) v : Integer.MIN_VALUE;
    }

    /** {@code dst[off + i*stride] = (type) src[so + i]}. */
    static void fromLong(long[] src, int so, Object dst, DType type, int off, int stride, int n) {
        switch (type) {
            case FLOAT32 -> {
                float[] d = (float[]) dst;
                for (int i = 0; i < n; i++) {
                    d[off + i * stride] = (float) src[so + i];
                }
            }
            case FLOAT64 -> {
                double[] d = (double[]) dst;
                for (int i = 0; i < n; i++) {
                    d[off + i * stride] = (double) src[so + i];
                }
            }
            case INT64 -> {
                long[] d = (long[]) dst;
                for (int i = 0; i < n; i++) {
                    d[off + i * stride] = src[so + i];
                }
            }
            case INT32 -> {
                int[] d = (int[]) dst;
                for (int i = 0; i < n; i++) {
                    d[off + i * stride] = (int) src[so + i];
                }
            }
            case BOOL -> {
                boolean[] d = (boolean[]) dst;
                for (int i = 0; i < n; i++) {
                    d[off + i * stride] = src[so + i] != 0;
                }
            }
        }
    }
}
