package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.View;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Copies between views (with dtype conversion), fills, and the move between tensors and Java arrays. A copy
 * within one dtype is a plain move ({@code System.arraycopy} for contiguous runs); a converting copy streams
 * chunks through {@link Convert}.
 */
final class Copies {
    /** Elements converted per step: small enough for L1, large enough to amortise the call. */
    private static final int CHUNK = 1024;

    private Copies() {
    }

    /** {@code dst[i] = (dst dtype) src[i]}; {@code src} has {@code dst}'s shape or broadcasts to it. */
    static void copy(View dst, View src) {
        DType t = dst.dtype();
        if (t != src.dtype()) {
            convert(dst, src);
            return;
        }
        switch (t) {
            case FLOAT32 -> FloatMoves.copy(dst, src);
            case FLOAT64 -> DoubleMoves.copy(dst, src);
            case INT64 -> LongMoves.copy(dst, src);
            case INT32 -> IntMoves.copy(dst, src);
            case BOOL -> BoolMoves.copy(dst, src);
        }
    }

    /** Sets every element of {@code dst} to {@code value} converted to its dtype (as {@link Convert} does). */
    static void fill(View dst, double value) {
        switch (dst.dtype()) {
            case FLOAT32 -> FloatMoves.fill(dst, (float) value);
            case FLOAT64 -> DoubleMoves.fill(dst, value);
            case INT64 -> LongMoves.fill(dst, Convert.toInt64(value));
            case INT32 -> IntMoves.fill(dst, Convert.toInt32(value));
            case BOOL -> BoolMoves.fill(dst, value != 0);
        }
    }

    /** The elements of {@code src} in row-major order, in a new array of its dtype. */
    static Object toArray(View src) {
        if (src.numel() > CpuStorage.MAX_NUMEL) {
            // A broadcast view can be this large; a Java array cannot.
            throw new IllegalArgumentException("[toArray] a view of shape " + Arrays.toString(src.shape) + " holds "
                    + src.numel() + " elements, more than a Java array can (" + CpuStorage.MAX_NUMEL + ")");
        }
        CpuStorage s = CpuStorage.allocate(src.dtype(), src.numel());
        copy(View.contiguous(s, src.shape), src);
        return s.data;
    }

    /** A new storage holding a copy of {@code array}. */
    static Storage fromArray(Object array) {
        Object copy = array;
        if (array instanceof float[] a) {
            copy = a.clone();
        } else if (array instanceof double[] a) {
            copy = a.clone();
        } else if (array instanceof long[] a) {
            copy = a.clone();
        } else if (array instanceof int[] a) {
            copy = a.clone();
        } else if (array instanceof boolean[] a) {
            copy = a.clone();
        }
        return CpuStorage.wrap(copy); // rejects anything else, naming what it got
    }

    private static void convert(View dst, View src) {
        if (dst.numel() == 0) {
            return;
        }
        Object o = ((CpuStorage) dst.storage).data, a = ((CpuStorage) src.storage).data;
        DType dt = dst.dtype(), st = src.dtype();
        Strided it = Strided.of(dst.shape, dst, src);
        int os = it.inner(0), as = it.inner(1);
        int chunk = Math.min(CHUNK, it.rowLength());
        Supplier<Strided.Rows> rows = Convert.viaDouble(st)
                ? () -> {
                    double[] buf = new double[chunk];
                    return (off, n) -> {
                        for (int s = 0; s < n; s += chunk) {
                            int len = Math.min(chunk, n - s);
                            Convert.toDouble(a, st, off[1] + s * as, as, buf, len);
                            Convert.fromDouble(buf, 0, o, dt, off[0] + s * os, os, len);
                        }
                    };
                }
                : () -> {
                    long[] buf = new long[chunk];
                    return (off, n) -> {
                        for (int s = 0; s < n; s += chunk) {
                            int len = Math.min(chunk, n - s);
                            Convert.toLong(a, st, off[1] + s * as, as, buf, len);
                            Convert.fromLong(buf, 0, o, dt, off[0] + s * os, os, len);
                        }
                    };
                };
        it.run(Elementwise.GRAIN, rows);
    }
}
