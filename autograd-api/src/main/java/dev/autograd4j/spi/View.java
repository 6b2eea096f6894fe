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
    /** The storage the elements live in. */
    public final Storage storage;
    /** Where element {@code (0, 0, ...)} is in the storage, in elements. */
    public final long offset;
    /** The size of each dimension; never modify it (it may be shared). */
    public final int[] shape;
    /**
     * The distance in the storage, in elements, between consecutive indices of each dimension (0 along a broadcast
     * one); never modify it.
     */
    public final long[] strides;
    private final long numel;
    // One instance for every 0-d shape, so shape comparisons of scalars are a reference check.
    private static final int[] SCALAR_SHAPE = new int[0];
    private static final long[] SCALAR_STRIDES = new long[0];

    /**
     * A view of {@code storage} with the given layout; the arrays are kept, not copied.
     *
     * @param storage the storage
     * @param offset the position of the first element, in elements
     * @param shape the sizes of the dimensions
     * @param strides the strides, one per dimension
     * @throws IllegalArgumentException if {@code shape} and {@code strides} differ in length
     */
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

    /**
     * A contiguous (row-major) view of the whole storage with the given shape.
     *
     * @param storage the storage, of at least the shape's element count
     * @param shape the shape
     * @return a view at offset 0 with row-major strides
     */
    public static View contiguous(Storage storage, int[] shape) {
        return new View(storage, 0, shape, contiguousStrides(shape));
    }

    /**
     * The element type, the storage's.
     *
     * @return the dtype
     */
    public DType dtype() {
        return storage.dtype();
    }

    /**
     * The device, the storage's.
     *
     * @return the device
     */
    public Device device() {
        return storage.device();
    }

    /**
     * The number of dimensions.
     *
     * @return the length of {@link #shape}
     */
    public int rank() {
        return shape.length;
    }

    /**
     * The number of elements, the product of the shape.
     *
     * @return the element count (1 for 0-d, 0 when a size is 0)
     */
    public long numel() {
        return numel;
    }

    /**
     * Row-major with no gaps: element {@code k} of the flattened view is at {@code offset + k}. A view with no
     * elements is contiguous, as in PyTorch.
     *
     * @return true when the elements lie in row-major order without gaps
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

    /**
     * The same window with another shape and strides (for kernels that reinterpret, e.g. broadcast).
     *
     * @param offset the new offset
     * @param shape the new shape
     * @param strides the new strides
     * @return a view of the same storage
     */
    public View with(long offset, int[] shape, long[] strides) {
        return new View(storage, offset, shape, strides);
    }

    /**
     * The number of elements a shape holds.
     *
     * @param shape the shape
     * @return the product of its sizes (1 for an empty shape)
     */
    public static long numelOf(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /**
     * The row-major strides of a shape: the last dimension has stride 1 (a size-0 dimension counts as 1).
     *
     * @param shape the shape
     * @return a new array of strides (a shared empty array for 0-d)
     */
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
