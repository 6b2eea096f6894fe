package dev.autograd4j.cuda;

import dev.autograd4j.spi.View;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The geometry an elementwise kernel walks: the output's shape and each operand's strides (the {@code Layout} struct
 * of the kernel ABI, cuda-kernels/README.md), with the dimensions collapsed first so that most views reach a kernel
 * with rank 1 or 2, and every operand contiguous reaches the {@code contig} kernel.
 *
 * <p>Collapsing drops size-1 dimensions and merges dimension {@code d} into {@code d + 1} wherever every operand has
 * {@code stride[d] == stride[d+1] * size[d+1]}: the merged dimension walks the same elements in the same row-major
 * order, so element {@code i} of the collapsed walk is element {@code i} of the view (random fills rely on it). A
 * walk that still has more than {@link #MAX_DIMS} dimensions is split into {@link Block}s of its inner
 * {@code MAX_DIMS} dimensions, one launch each.
 */
final class Layouts {
    /** {@code AG_MAX_DIMS}. */
    static final int MAX_DIMS = 10;
    /** {@code AG_MAX_OPERANDS}. */
    static final int MAX_OPERANDS = 4;
    /** The Layout struct in longs: rank, sizes[MAX_DIMS], strides[MAX_OPERANDS][MAX_DIMS]. */
    static final int STRUCT_LONGS = 1 + MAX_DIMS * (1 + MAX_OPERANDS);

    private Layouts() {
    }

    /**
     * Operands walked together: {@code sizes[d]} is the (collapsed) shape, {@code strides[k][d]} operand {@code k}'s
     * stride along {@code d}, in elements.
     */
    record Collapsed(long[] sizes, long[][] strides) {

        int rank() {
            return sizes.length;
        }

        long numel() {
            long n = 1;
            for (long s : sizes) {
                n *= s;
            }
            return n;
        }

        /** Whether element {@code i} of every operand is at its offset {@code i} (the {@code contig} kernels). */
        boolean contiguous() {
            if (rank() == 0) {
                return true;
            }
            if (rank() > 1) {
                return false;
            }
            for (long[] s : strides) {
                if (s[0] != 1) {
                    return false;
                }
            }
            return true;
        }

        /** The Layout struct, {@link #STRUCT_LONGS} longs with the unused entries 0; at most MAX_DIMS dims. */
        long[] pack() {
            if (rank() > MAX_DIMS || strides.length > MAX_OPERANDS) {
                throw new IllegalStateException("[layout] rank " + rank() + " with " + strides.length
                        + " operands does not fit the kernels' Layout (at most " + MAX_DIMS + " dims, " + MAX_OPERANDS
                        + " operands): split it into blocks first");
            }
            long[] packed = new long[STRUCT_LONGS];
            packed[0] = rank();
            System.arraycopy(sizes, 0, packed, 1, rank());
            for (int k = 0; k < strides.length; k++) {
                System.arraycopy(strides[k], 0, packed, 1 + MAX_DIMS + k * MAX_DIMS, rank());
            }
            return packed;
        }

        /**
         * The launches this walk needs: itself if it has at most {@link #MAX_DIMS} dimensions, else one block per
         * index of its outer {@code rank - MAX_DIMS} dimensions, in row-major order.
         */
        List<Block> blocks() {
            int outer = Math.max(0, rank() - MAX_DIMS);
            if (outer == 0) {
                return List.of(new Block(new long[strides.length], 0, this));
            }
            long[] innerSizes = Arrays.copyOfRange(sizes, outer, rank());
            long[][] innerStrides = new long[strides.length][];
            for (int k = 0; k < strides.length; k++) {
                innerStrides[k] = Arrays.copyOfRange(strides[k], outer, rank());
            }
            Collapsed inner = new Collapsed(innerSizes, innerStrides);
            long innerNumel = inner.numel(), count = numel() / innerNumel;
            List<Block> blocks = new ArrayList<>();
            long[] index = new long[outer];
            for (long b = 0; b < count; b++) {
                long[] offsets = new long[strides.length];
                for (int k = 0; k < strides.length; k++) {
                    for (int d = 0; d < outer; d++) {
                        offsets[k] += index[d] * strides[k][d];
                    }
                }
                blocks.add(new Block(offsets, b * innerNumel, inner));
                for (int d = outer - 1; d >= 0 && ++index[d] == sizes[d]; d--) { // the next index, row-major
                    index[d] = 0;
                }
            }
            return blocks;
        }
    }

    /**
     * One launch of a walk: operand {@code k} starts {@code offsets[k]} elements after its view's first element,
     * and the block's elements are {@code [first, first + layout.numel())} of the whole walk in row-major order.
     */
    record Block(long[] offsets, long first, Collapsed layout) {
    }

    /**
     * Collapses the walk of {@code operands} (the output first) over {@code shape}, which each of them has (a
     * broadcast operand with stride 0). A walk with no elements is one contiguous dimension of size 0; a 0-d walk,
     * or one of size-1 dimensions only, has rank 0.
     */
    static Collapsed collapse(int[] shape, View... operands) {
        int count = operands.length;
        for (View v : operands) {
            if (v.rank() != shape.length) {
                throw new IllegalArgumentException("[layout] operand " + v + " does not have the shape "
                        + Arrays.toString(shape));
            }
        }
        if (View.numelOf(shape) == 0) {
            long[][] ones = new long[count][];
            for (int k = 0; k < count; k++) {
                ones[k] = new long[]{1};
            }
            return new Collapsed(new long[]{0}, ones);
        }
        // From the innermost dimension out: extend the current run while every operand's strides allow it.
        long[] sizes = new long[shape.length];
        long[][] strides = new long[count][shape.length];
        int rank = 0; // dims found so far, innermost first; dim rank - 1 is the run being extended
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 1) {
                continue;
            }
            if (rank > 0 && mergeable(operands, d, strides, sizes[rank - 1], rank - 1)) {
                sizes[rank - 1] *= shape[d];
                continue;
            }
            sizes[rank] = shape[d];
            for (int k = 0; k < count; k++) {
                strides[k][rank] = operands[k].strides[d];
            }
            rank++;
        }
        long[] outSizes = new long[rank];
        long[][] outStrides = new long[count][rank];
        for (int d = 0; d < rank; d++) {
            outSizes[d] = sizes[rank - 1 - d];
            for (int k = 0; k < count; k++) {
                outStrides[k][d] = strides[k][rank - 1 - d];
            }
        }
        return new Collapsed(outSizes, outStrides);
    }

    /** Whether dim {@code d} of every operand continues the run {@code r} (of {@code runSize} elements) outward. */
    private static boolean mergeable(View[] operands, int d, long[][] strides, long runSize, int r) {
        for (int k = 0; k < operands.length; k++) {
            if (operands[k].strides[d] != strides[k][r] * runSize) {
                return false;
            }
        }
        return true;
    }
}
