package dev.autograd4j.cpu;

import dev.autograd4j.spi.View;

import java.util.Arrays;

/**
 * Kernels that move {@code elem} values without arithmetic: fill, same-dtype copy, where, gather. Generated from
 * {@code src/main/template/.../ElemMoves.java} (edit the template, not the copies): {@code elem} becomes float,
 * double, int, long and boolean.
 *
 * <p>Moves are bound by memory bandwidth, so they split between threads only above a large grain.
 */
@SuppressWarnings("cast")
final class ElemMoves {
    private static final int GRAIN = 1 << 16;

    private ElemMoves() {
    }

    /** Sets every element of {@code dst} to {@code v}. */
    static void fill(View dst, elem v) {
        elem[] o = (elem[]) ((CpuStorage) dst.storage).data;
        if (dst.numel() == 0) {
            return;
        }
        if (dst.isContiguous()) { // then it lies in one storage, so its count is an int
            int oo = (int) dst.offset, n = (int) dst.numel();
            if (n <= GRAIN) {
                Arrays.fill(o, oo, oo + n, v);
            } else {
                Parallel.forRange(n, GRAIN, (s, e) -> Arrays.fill(o, oo + s, oo + e, v));
            }
            return;
        }
        Strided it = Strided.of(dst.shape, dst);
        int os = it.inner(0);
        it.run(GRAIN, (off, len) -> {
            int oo = off[0];
            for (int i = 0; i < len; i++) {
                o[oo + i * os] = v;
            }
        });
    }

    /** {@code dst[i] = src[i]} for views of this type ({@code src} may broadcast). */
    static void copy(View dst, View src) {
        elem[] o = (elem[]) ((CpuStorage) dst.storage).data;
        elem[] a = (elem[]) ((CpuStorage) src.storage).data;
        if (dst.numel() == 0) {
            return;
        }
        if (dst.isContiguous() && src.isContiguous()) { // so the count is an int (see fill)
            int oo = (int) dst.offset, ao = (int) src.offset, n = (int) dst.numel();
            if (n <= GRAIN) {
                System.arraycopy(a, ao, o, oo, n);
            } else {
                Parallel.forRange(n, GRAIN, (s, e) -> System.arraycopy(a, ao + s, o, oo + s, e - s));
            }
            return;
        }
        Strided it = Strided.of(dst.shape, dst, src);
        int os = it.inner(0), as = it.inner(1);
        it.run(GRAIN, (off, len) -> {
            int oo = off[0], ao = off[1];
            if (os == 1 && as == 1) {
                System.arraycopy(a, ao, o, oo, len);
            } else {
                for (int i = 0; i < len; i++) {
                    o[oo + i * os] = a[ao + i * as];
                }
            }
        });
    }

    /** {@code out[i] = cond[i] ? a[i] : b[i]}. */
    static void where(View out, View cond, View a, View b) {
        elem[] o = (elem[]) ((CpuStorage) out.storage).data;
        boolean[] c = (boolean[]) ((CpuStorage) cond.storage).data;
        elem[] x = (elem[]) ((CpuStorage) a.storage).data;
        elem[] y = (elem[]) ((CpuStorage) b.storage).data;
        if (out.numel() == 0) {
            return;
        }
        Strided it = Strided.of(out.shape, out, cond, a, b);
        int os = it.inner(0), cs = it.inner(1), as = it.inner(2), bs = it.inner(3);
        boolean unit = os == 1 && cs == 1 && as == 1 && bs == 1;
        it.run(Elementwise.GRAIN, (off, n) -> {
            int oo = off[0], co = off[1], ao = off[2], bo = off[3];
            if (unit) {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = c[co + i] ? x[ao + i] : y[bo + i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    o[oo + i * os] = c[co + i * cs] ? x[ao + i * as] : y[bo + i * bs];
                }
            }
        });
    }

    /**
     * {@code out[i] = in[inAlong(i) + index[i] * dimStride]}: {@code inAlong} is the input seen with the output's
     * shape and stride 0 along the gathered dimension, whose real stride is {@code dimStride}; indices are checked.
     */
    static void gather(View out, View index, View inAlong, long dimStride) {
        elem[] o = (elem[]) ((CpuStorage) out.storage).data;
        long[] idx = (long[]) ((CpuStorage) index.storage).data;
        elem[] a = (elem[]) ((CpuStorage) inAlong.storage).data;
        Strided it = Strided.of(out.shape, out, index, inAlong);
        int os = it.inner(0), is = it.inner(1), as = it.inner(2);
        it.run(Elementwise.GRAIN, (off, n) -> {
            int oo = off[0], io = off[1], ao = off[2];
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = a[(int) (ao + (long) i * as + idx[io + i * is] * dimStride)];
            }
        });
    }
}
