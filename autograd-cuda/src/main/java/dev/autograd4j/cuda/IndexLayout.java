package dev.autograd4j.cuda;

import java.util.Arrays;

/**
 * The ABI's {@code Layout} struct (cuda-kernels/README.md) for the index kernels: one shape walked row-major and each
 * operand's strides along it, after dropping size-1 dims and merging a dim into the next wherever every operand's
 * strides allow (stepping the outer dim once is stepping the inner one {@code size} times). gather walks the output
 * with operands (out, index, in with stride 0 along dim); scatter-add walks the source with operands (out with
 * stride 0 along dim, index, src).
 */
final class IndexLayout {
    /** {@code AG_MAX_DIMS} and {@code AG_MAX_OPERANDS}. */
    static final int MAX_DIMS = 10;
    static final int MAX_OPERANDS = 4;
    /** The struct's length in longs: rank, sizes, then each operand's strides. */
    static final int LONGS = 1 + MAX_DIMS * (1 + MAX_OPERANDS);

    final long[] sizes;
    /** {@code strides[k][d]}: operand k's stride along merged dim d. */
    final long[][] strides;

    private IndexLayout(long[] sizes, long[][] strides) {
        this.sizes = sizes;
        this.strides = strides;
    }

    /** The merged layout of {@code shape} with each operand's strides ({@code op} names the error). */
    static IndexLayout of(String op, int[] shape, long[]... operandStrides) {
        int rank = shape.length, operands = operandStrides.length;
        if (operands > MAX_OPERANDS) {
            throw new IllegalStateException("[" + op + "] a Layout holds at most " + MAX_OPERANDS + " operands");
        }
        long[] sizes = new long[rank];
        long[][] strides = new long[operands][rank];
        int r = 0;
        for (int d = 0; d < rank; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (r > 0 && mergeable(strides, r - 1, shape[d], operandStrides, d)) {
                sizes[r - 1] *= shape[d];
                for (int k = 0; k < operands; k++) {
                    strides[k][r - 1] = operandStrides[k][d];
                }
            } else {
                sizes[r] = shape[d];
                for (int k = 0; k < operands; k++) {
                    strides[k][r] = operandStrides[k][d];
                }
                r++;
            }
        }
        if (r > MAX_DIMS) {
            throw new IllegalArgumentException("[" + op + "] cannot walk shape " + Arrays.toString(shape)
                    + " on CUDA: " + r + " dims remain after merging, and the kernels take at most " + MAX_DIMS);
        }
        long[][] kept = new long[operands][];
        for (int k = 0; k < operands; k++) {
            kept[k] = Arrays.copyOf(strides[k], r);
        }
        return new IndexLayout(Arrays.copyOf(sizes, r), kept);
    }

    private static boolean mergeable(long[][] strides, int outer, long size, long[][] operandStrides, int d) {
        for (int k = 0; k < strides.length; k++) {
            if (strides[k][outer] != size * operandStrides[k][d]) {
                return false;
            }
        }
        return true;
    }

    int rank() {
        return sizes.length;
    }

    /** The Layout struct: rank, sizes[MAX_DIMS], strides[MAX_OPERANDS][MAX_DIMS], unused entries 0. */
    long[] pack() {
        long[] p = new long[LONGS];
        p[0] = sizes.length;
        System.arraycopy(sizes, 0, p, 1, sizes.length);
        for (int k = 0; k < strides.length; k++) {
            System.arraycopy(strides[k], 0, p, 1 + MAX_DIMS * (1 + k), strides[k].length);
        }
        return p;
    }

    @Override
    public String toString() {
        return "IndexLayout(" + Arrays.toString(sizes) + ", " + Arrays.deepToString(strides) + ")";
    }
}
