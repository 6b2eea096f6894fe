package dev.autograd4j.cuda;

import dev.autograd4j.spi.View;

import java.util.Arrays;

/**
 * The geometry of one reduction as the reduce kernels take it: the input's dims split into kept and reduced ones
 * (a dim is reduced where the output has size 1 and the input does not, as {@link dev.autograd4j.spi.ReduceOp}
 * says), size-1 dims dropped, and neighbours of each kind merged where the strides allow. Packed by {@link #pack}
 * into the {@code ReduceLayout} struct of {@code reduce.cu}.
 *
 * <p>Output {@code k} is the row-major element {@code k} of the kept dims, reduced element {@code j} the row-major
 * element {@code j} of the reduced dims (which merging preserves, so ARGMAX/ARGMIN positions are the CPU's). Counts
 * are longs: a broadcast view can hold more than 2^31 elements.
 */
final class ReduceLayout {
    /** Dims of each kind a kernel takes ({@code AG_MAX_DIMS}). */
    static final int MAX_DIMS = 10;
    /** The struct's length in longs: outputs, count, keptRank, three kept arrays, redRank, two reduced arrays. */
    static final int LONGS = 4 + 5 * MAX_DIMS;

    final long outputs;
    final long count;
    final long[] keptSizes;
    final long[] keptIn;
    final long[] keptOut;
    final long[] redSizes;
    final long[] redIn;

    private ReduceLayout(long[] keptSizes, long[] keptIn, long[] keptOut, long[] redSizes, long[] redIn) {
        this.keptSizes = keptSizes;
        this.keptIn = keptIn;
        this.keptOut = keptOut;
        this.redSizes = redSizes;
        this.redIn = redIn;
        this.outputs = product(keptSizes);
        this.count = product(redSizes);
    }

    /** The layout of reducing {@code in} into {@code out} (same rank); {@code op} names the error. */
    static ReduceLayout of(String op, View out, View in) {
        int rank = in.rank();
        long[] ks = new long[rank], ki = new long[rank], ko = new long[rank];
        long[] rs = new long[rank], ri = new long[rank];
        int kept = 0, red = 0;
        for (int d = 0; d < rank; d++) {
            long size = in.shape[d];
            if (size == 1) {
                continue;
            }
            if (out.shape[d] == 1) {
                // A reduced dim merges into the previous reduced one where stepping it is stepping that one.
                if (red > 0 && ri[red - 1] == size * in.strides[d]) {
                    rs[red - 1] *= size;
                    ri[red - 1] = in.strides[d];
                } else {
                    rs[red] = size;
                    ri[red++] = in.strides[d];
                }
            } else if (kept > 0 && ki[kept - 1] == size * in.strides[d] && ko[kept - 1] == size * out.strides[d]) {
                ks[kept - 1] *= size;
                ki[kept - 1] = in.strides[d];
                ko[kept - 1] = out.strides[d];
            } else {
                ks[kept] = size;
                ki[kept] = in.strides[d];
                ko[kept++] = out.strides[d];
            }
        }
        if (kept > MAX_DIMS || red > MAX_DIMS) {
            throw new IllegalArgumentException("[" + op + "] cannot reduce input shape " + Arrays.toString(in.shape)
                    + " (strides " + Arrays.toString(in.strides) + ") on CUDA: " + kept + " kept and " + red
                    + " reduced dims remain after merging, and the kernels take at most " + MAX_DIMS + " of each");
        }
        return new ReduceLayout(Arrays.copyOf(ks, kept), Arrays.copyOf(ki, kept), Arrays.copyOf(ko, kept),
                Arrays.copyOf(rs, red), Arrays.copyOf(ri, red));
    }

    int keptRank() {
        return keptSizes.length;
    }

    int redRank() {
        return redSizes.length;
    }

    /** Whether the innermost kept dim is contiguous in the input (neighbouring outputs read neighbouring elements). */
    boolean keptInnerContiguous() {
        return keptSizes.length > 0 && keptIn[keptIn.length - 1] == 1;
    }

    /** Whether the innermost reduced dim is contiguous in the input (a group reads neighbouring elements). */
    boolean reducedInnerContiguous() {
        return redSizes.length > 0 && redIn[redIn.length - 1] == 1;
    }

    /** The {@code ReduceLayout} struct of reduce.cu, unused entries 0. */
    long[] pack() {
        long[] p = new long[LONGS];
        p[0] = outputs;
        p[1] = count;
        p[2] = keptSizes.length;
        System.arraycopy(keptSizes, 0, p, 3, keptSizes.length);
        System.arraycopy(keptIn, 0, p, 3 + MAX_DIMS, keptIn.length);
        System.arraycopy(keptOut, 0, p, 3 + 2 * MAX_DIMS, keptOut.length);
        p[3 + 3 * MAX_DIMS] = redSizes.length;
        System.arraycopy(redSizes, 0, p, 4 + 3 * MAX_DIMS, redSizes.length);
        System.arraycopy(redIn, 0, p, 4 + 4 * MAX_DIMS, redIn.length);
        return p;
    }

    private static long product(long[] sizes) {
        long n = 1;
        for (long s : sizes) {
            n *= s;
        }
        return n;
    }

    @Override
    public String toString() {
        return "ReduceLayout(kept " + Arrays.toString(keptSizes) + " in " + Arrays.toString(keptIn) + " out "
                + Arrays.toString(keptOut) + ", reduced " + Arrays.toString(redSizes) + " in "
                + Arrays.toString(redIn) + ")";
    }
}
