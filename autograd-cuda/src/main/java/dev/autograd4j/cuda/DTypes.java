package dev.autograd4j.cuda;

import dev.autograd4j.DType;

/** How the kernel ABI (cuda-kernels/README.md) names and sizes each dtype. */
final class DTypes {
    private DTypes() {
    }

    /** The suffix of a kernel's name for elements of {@code t}: {@code f32 f64 i32 i64 b8}. */
    static String suffix(DType t) {
        return switch (t) {
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
            case INT32 -> "i32";
            case INT64 -> "i64";
            case BOOL -> "b8";
        };
    }

    /** Bytes per element on the device ({@code float}, {@code double}, {@code int}, {@code long long}, one byte). */
    static int size(DType t) {
        return switch (t) {
            case FLOAT32, INT32 -> 4;
            case FLOAT64, INT64 -> 8;
            case BOOL -> 1;
        };
    }
}
