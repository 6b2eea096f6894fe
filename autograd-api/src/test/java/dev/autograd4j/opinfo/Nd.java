package dev.autograd4j.opinfo;

import dev.autograd4j.DType;

import java.util.Arrays;

/**
 * A host-side n-d array of doubles in row-major order: an input as the reference sees it, or an expected result.
 * The reference works on these in plain Java arithmetic and never calls the code under test.
 *
 * <p>An expected result may carry what its tolerance depends on (see {@link Tolerance#allowed}): the {@code dtype}
 * the op must return (null: the entry's rule for the dtype under test), and for sums of many terms (reductions,
 * matmul, softmax) each element's {@code scale} (the sum of the absolute values of its terms) and the number of
 * terms {@code length}.
 */
public final class Nd {
    public final int[] shape;
    public final double[] data;
    final DType dtype;
    final double[] scale;
    final int length;

    private Nd(int[] shape, double[] data, DType dtype, double[] scale, int length) {
        if (numel(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + numel(shape)
                    + " elements, not " + data.length);
        }
        this.shape = shape;
        this.data = data;
        this.dtype = dtype;
        this.scale = scale;
        this.length = length;
    }

    public static Nd of(int[] shape, double... data) {
        return new Nd(shape.clone(), data, null, null, 1);
    }

    /** A 1-D array. */
    public static Nd vector(double... data) {
        return of(new int[] {data.length}, data);
    }

    public static Nd scalar(double value) {
        return of(new int[0], value);
    }

    /** This array, expected to come back with {@code dtype}. */
    public Nd as(DType dtype) {
        return new Nd(shape, data, dtype, scale, length);
    }

    /** This array, each element a sum of {@code length} terms whose absolute values sum to {@code scale}. */
    public Nd terms(double[] scale, int length) {
        return new Nd(shape, data, dtype, scale, length);
    }

    /** These values with {@code other}'s tolerance terms (a CPU result compared as the reference would be). */
    public Nd termsOf(Nd other) {
        return new Nd(shape, data, dtype, other.scale, other.length);
    }

    /** The dtype the op must return, or null for the entry's rule. */
    public DType dtype() {
        return dtype;
    }

    public Nd reshape(int... newShape) {
        return new Nd(newShape.clone(), data, dtype, scale, length);
    }

    public int rank() {
        return shape.length;
    }

    public int numel() {
        return data.length;
    }

    /** The element at a multi-index. */
    public double at(int... index) {
        return data[ravel(index, shape)];
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] > 0) {
                index[d] = flat % shape[d];
                flat /= shape[d];
            }
        }
        return index;
    }

    static int ravel(int[] index, int[] shape) {
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }

    @Override
    public String toString() {
        return Arrays.toString(shape) + " " + (data.length <= 12 ? Arrays.toString(data)
                : Arrays.toString(Arrays.copyOf(data, 12)) + "...");
    }
}
