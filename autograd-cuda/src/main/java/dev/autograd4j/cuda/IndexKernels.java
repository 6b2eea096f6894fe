package dev.autograd4j.cuda;

import dev.autograd4j.spi.View;

/**
 * gather and scatter-add (module "index"; parameters at the top of index.cu), checking every index: a bad one is
 * skipped on the device and recorded in the index-error buffer, and reported as an
 * {@link IndexOutOfBoundsException} naming the op, the index, the dim and its size at the next synchronising call
 * (see the kernel ABI's index errors).
 *
 * <p>Both walk one view element by element over the ABI's Layout ({@link IndexLayout}), with the indexed operand
 * seen with stride 0 along {@code dim}: the kernel adds {@code index * stride} to its address.
 */
final class IndexKernels {
    static final String MODULE = "index";

    private IndexKernels() {
    }

    /** {@code out[i][j][k] = in[i][index[i][j][k]][k]} for {@code dim == 1}, and likewise for any dim. */
    static void gather(KernelLauncher k, View out, View in, int dim, View index) {
        long n = out.numel();
        if (n == 0) {
            return;
        }
        IndexLayout l = IndexLayout.of("gather", out.shape, out.strides, index.strides, along(in.strides, dim));
        int size = in.shape[dim];
        k.launchElements("gather", MODULE, "gather_strided_" + ReduceKernels.suffix(out.dtype()), n, l.pack(), n,
                k.address(out), k.address(index), k.address(in), (long) size, in.strides[dim], k.indexErrors());
        k.checksIndices("gather", bound(dim, size));
    }

    /**
     * {@code out[i][index[i][j][k]][k] += src[i][j][k]} for {@code dim == 1}, and likewise for any dim, with atomic
     * adds: repeated indices accumulate (floating sums in whatever order the atomics land; BOOL with "or").
     */
    static void scatterAdd(KernelLauncher k, View out, int dim, View index, View src) {
        long n = src.numel();
        if (n == 0) {
            return;
        }
        IndexLayout l = IndexLayout.of("scatter_add", src.shape, along(out.strides, dim), index.strides,
                src.strides);
        int size = out.shape[dim];
        k.launchElements("scatter_add", MODULE, "scatter_add_strided_" + ReduceKernels.suffix(out.dtype()), n,
                l.pack(), n, k.address(out), k.address(index), k.address(src), (long) size, out.strides[dim],
                k.indexErrors());
        k.checksIndices("scatter_add", bound(dim, size));
    }

    /** The strides with 0 along {@code dim}: the index supplies that coordinate. */
    private static long[] along(long[] strides, int dim) {
        long[] s = strides.clone();
        s[dim] = 0;
        return s;
    }

    /** What an index broke, in PyTorch's words: {@code index 5 is out of bounds for dimension 1 with size 3}. */
    private static String bound(int dim, int size) {
        return "for dimension " + dim + " with size " + size;
    }
}
