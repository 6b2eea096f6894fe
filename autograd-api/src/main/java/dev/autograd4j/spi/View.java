package dev.autograd4j.spi;

import dev.autograd4j.DType;
import dev.autograd4j.Device;

import java.util.Arrays;

/**
 * A strided window onto a storage: element {@code (i0, i1, ...)} lives at
 * {@code offset + i0*strides[0] + i1*strides[1] + ...}. Transposes, slices and broadcasts are views (a broadcast
 * dimension has stride 0), so kernels receive them without copies. Shapes and strides are never mutated after
 * construction; the arrays may be shared.
 */
public final class View {
    public final Storage storage;
    public final long offset;
    public final int[] shape;
    public final long[] strides;
    private final long numel;
    // One instance for every 0-d shape, so shape comparisons of scalars are a reference check.
    private static final int[] SCALAR_SHAPE = new int[0];
    private static final long[] SCALAR_STRIDES = new long[0];

    public View(Storage storage, long offset, int[] shape, long[] strides) {
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("[view] shape " + Arrays.toString(shape) + " and strides "
                    + Arrays.toString(strides) + " differ in rank");
        }
        this.storage = storage;
        this.offset = offset;
        this.shape = shape.length == 0 ? SCALAR_SHAPE : shape;
        this.strides = strides.length == 0 ? SCALAR_STRIDES : strides;
        this.numel = numelOf(shape);
    }

    /** A contiguous (row-major) view of the whole storage with the given shape. */
    public static View contiguous(Storage storage, int[] shape) {
        return new View(storage, 0, shape, contiguousStrides(shape));
    }

    public DType dtype() {
        return storage.dtype();
    }

    public Device device() {
        return storage.device();
    }

    public int rank() {
        return shape.length;
    }

    public long numel() {
        return numel;
    }

    /**
     * Row-major with no gaps: element {@code k} of the flattened view is at {@code offset + k}. A view with no
     * elements is contiguous, as in PyTorch.
     */
    public boolean isContiguous() {
        if (numel == 0) {
            return true;
        }
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1) {
                if (strides[d] != expected) {
                    return false;
                }
                expected *= shape[d];
            }
        }
        return true;
    }

    /** The same window with another shape and strides (for kernels that reinterpret, e.g. broadcast). */
    public View with(long offset, int[] shape, long[] strides) {
        return new View(storage, offset, shape, strides);
    }

    public static long numelOf(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    public static long[] contiguousStrides(int[] shape) {
        if (shape.length == 0) {
            return SCALAR_STRIDES;
        }
        long[] strides = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return strides;
    }

    @Override
    public String toString() {
        return "View(" + dtype() + ", offset=" + offset + ", shape=" + Arrays.toString(shape) + ", strides="
                + Arrays.toString(strides) + ")";
    }
}
