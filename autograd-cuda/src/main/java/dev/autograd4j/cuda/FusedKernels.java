package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.spi.FusedOp;
import dev.autograd4j.spi.View;
import jcuda.Pointer;

import java.util.Arrays;

/**
 * The optional fused kernels of the SPI (module "fused"; parameters and formulas at the top of fused.cu), with the
 * semantics of {@link dev.autograd4j.spi.Backend}'s Javadoc and the CPU's: sums, maxima and intermediates in
 * double, rounded once where stored.
 *
 * <p>Row kernels (softmax, layer norm, cross-entropy) give each row of a contiguous {@code [rows, cols]} view to a
 * warp, for rows up to {@link #WARP_COLS} long, or to a block sized from {@code cols} ({@link #rows}); a result
 * depends on that choice, made from the shape alone, and never on the grid. Layer norm's weight and bias gradients
 * are column sums over the rows, in a second kernel, cut into parts of rows where there are many.
 */
final class FusedKernels {
    static final String MODULE = "fused";
    /** Rows up to this long get a warp each, eight to a block of {@link #WARP_BLOCK} threads. */
    static final long WARP_COLS = 1024;
    static final int WARP_BLOCK = 256;
    /** Longer rows get a block each, of a power of two threads in [MIN_BLOCK, MAX_BLOCK], about this many elements each. */
    static final long COLS_PER_THREAD = 32;
    static final int MIN_BLOCK = 128;
    static final int MAX_BLOCK = 1024;
    /** Layer norm's parameter gradients: parts of at least this many rows, and at most this many parts. */
    static final long MIN_ROWS_PER_PART = 32;
    static final long MAX_PARTS = 256;

    private FusedKernels() {
    }

    /**
     * Every fused op but SCAN: softmax, log-softmax, layer norm and cross-entropy here; the six activation backwards
     * (TANH_BACKWARD ... GELU_TANH_BACKWARD) are binary op codes of the elementwise family's binary kernels
     * ({@link ElementwiseKernels#binary}, the AG_BINARY_*_BACKWARD codes of ag_common.cuh).
     */
    static boolean supports(FusedOp op) {
        return op != FusedOp.SCAN; // no scan kernel yet: cumsum and cumprod compose theirs (narrow, cat, add)
    }

    /** How a row kernel is launched: the variant ("warp" or "block"), threads per block, and blocks. */
    record Rows(String variant, int block, int grid) {
    }

    /** The launch of a row kernel over {@code rows} rows of {@code cols} elements. */
    static Rows rows(long rows, long cols, int multiprocessors) {
        if (cols <= WARP_COLS) {
            return new Rows("warp", WARP_BLOCK, ReduceKernels.grid(rows, WARP_BLOCK / 32, multiprocessors));
        }
        long perThread = ReduceKernels.ceilDiv(cols, COLS_PER_THREAD);
        int block = (int) Math.min(MAX_BLOCK, Math.max(MIN_BLOCK, Long.highestOneBit(perThread - 1) << 1));
        return new Rows("block", block, ReduceKernels.grid(rows, 1, multiprocessors));
    }

    static void softmax(KernelLauncher k, View out, View in, boolean log) {
        String op = log ? "log_softmax" : "softmax";
        String t = floating(op, in.dtype());
        contiguous(op, out, in);
        long cols = lastDim(in), rows = cols == 0 ? 0 : in.numel() / cols;
        if (rows == 0) {
            return;
        }
        Rows r = rows(rows, cols, k.multiprocessors());
        k.launch(op, MODULE, "softmax_" + r.variant() + "_" + t, r.grid(), 1, r.block(), 0, rows, cols,
                k.address(out), k.address(in), log ? 1 : 0);
    }

    static void softmaxBackward(KernelLauncher k, View gradIn, View gradOut, View out, boolean log) {
        String op = log ? "log_softmax_backward" : "softmax_backward";
        String t = floating(op, out.dtype());
        contiguous(op, gradIn, gradOut, out);
        long cols = lastDim(out), rows = cols == 0 ? 0 : out.numel() / cols;
        if (rows == 0) {
            return;
        }
        Rows r = rows(rows, cols, k.multiprocessors());
        k.launch(op, MODULE, "softmax_backward_" + r.variant() + "_" + t, r.grid(), 1, r.block(), 0, rows, cols,
                k.address(gradIn), k.address(gradOut), k.address(out), log ? 1 : 0);
    }

    static void layerNorm(KernelLauncher k, View out, View mean, View rstd, View in, View weight, View bias,
                          double eps) {
        String t = floating("layer_norm", in.dtype());
        contiguous("layer_norm", out, in);
        long rows = in.shape[0], cols = in.shape[1];
        if (rows == 0) {
            return;
        }
        Rows r = rows(rows, cols, k.multiprocessors());
        k.launch("layer_norm", MODULE, "layer_norm_" + r.variant() + "_" + t, r.grid(), 1, r.block(), 0, rows, cols,
                k.address(out), k.address(mean), stride(mean), k.address(rstd), stride(rstd), k.address(in),
                address(k, weight), stride(weight), address(k, bias), stride(bias), eps);
    }

    static void layerNormBackward(KernelLauncher k, View gradIn, View gradWeight, View gradBias, View gradOut,
                                  View in, View mean, View rstd, View weight) {
        String op = "layer_norm_backward";
        String t = floating(op, in.dtype());
        contiguous(op, gradOut, in);
        long rows = in.shape[0], cols = in.shape[1];
        if (gradIn != null && rows > 0) {
            contiguous(op, gradIn);
            Rows r = rows(rows, cols, k.multiprocessors());
            k.launch(op, MODULE, "layer_norm_backward_" + r.variant() + "_" + t, r.grid(), 1, r.block(), 0, rows,
                    cols, k.address(gradIn), k.address(gradOut), k.address(in), k.address(mean), stride(mean),
                    k.address(rstd), stride(rstd), address(k, weight), stride(weight));
        }
        if ((gradWeight == null && gradBias == null) || cols == 0) {
            return;
        }
        long rowsPerPart = rowsPerPart(rows), parts = Math.max(1, ReduceKernels.ceilDiv(rows, rowsPerPart));
        long n = parts * cols;
        try (KernelLauncher.Scratch partWeight = parts > 1 ? k.scratch(n * Double.BYTES) : null;
             KernelLauncher.Scratch partBias = parts > 1 ? k.scratch(n * Double.BYTES) : null) {
            Pointer pw = partWeight == null ? null : partWeight.address();
            Pointer pb = partBias == null ? null : partBias.address();
            k.launchElements(op, MODULE, "layer_norm_params_" + t, n, n, cols, rows, rowsPerPart,
                    address(k, gradWeight), stride(gradWeight), address(k, gradBias), stride(gradBias),
                    k.address(gradOut), k.address(in), k.address(mean), stride(mean), k.address(rstd), stride(rstd),
                    pw, pb);
            if (parts > 1) {
                k.launchElements(op, MODULE, "layer_norm_params_combine_" + t, cols, cols, parts,
                        address(k, gradWeight), stride(gradWeight), address(k, gradBias), stride(gradBias), pw, pb);
            }
        }
    }

    /** Rows per part of the parameter gradients' column sums: at least 32, and at most 256 parts. */
    static long rowsPerPart(long rows) {
        return Math.max(MIN_ROWS_PER_PART, ReduceKernels.ceilDiv(rows, MAX_PARTS));
    }

    static void crossEntropy(KernelLauncher k, View logProbs, View losses, View weights, View logits, View target,
                             View classWeight, long ignoreIndex) {
        String op = "cross_entropy";
        String t = floating(op, logits.dtype());
        contiguous(op, logProbs, logits);
        long rows = logits.shape[0], cols = logits.shape[1];
        if (rows == 0) {
            return;
        }
        Rows r = rows(rows, cols, k.multiprocessors());
        k.launch(op, MODULE, "cross_entropy_" + r.variant() + "_" + t, r.grid(), 1, r.block(), 0, rows, cols,
                k.address(logProbs), k.address(losses), stride(losses), k.address(weights), stride(weights),
                k.address(logits), k.address(target), stride(target), address(k, classWeight), stride(classWeight),
                ignoreIndex, k.indexErrors());
        k.checksIndices(op, classes(cols));
    }

    static void nllLossBackward(KernelLauncher k, View gradInput, View gradLosses, View target, View classWeight,
                                long ignoreIndex) {
        String op = "nll_loss_backward";
        String t = floating(op, gradInput.dtype());
        contiguous(op, gradInput);
        long cols = gradInput.shape[1], n = gradInput.numel();
        if (n == 0) {
            return;
        }
        k.launchElements(op, MODULE, "nll_loss_backward_contig_" + t, n, n, cols, k.address(gradInput),
                k.address(gradLosses), stride(gradLosses), k.address(target), stride(target), address(k, classWeight),
                stride(classWeight), ignoreIndex, k.indexErrors());
        k.checksIndices(op, classes(cols));
    }

    /** The suffix of a floating dtype; the fused kernels have no others. */
    private static String floating(String op, DType t) {
        if (!t.isFloatingPoint()) {
            throw new IllegalArgumentException("[" + op + "] is not defined for dtype " + t + " on CUDA");
        }
        return ReduceKernels.suffix(t);
    }

    /** The data views must be contiguous (the op layer passes them so): the kernels index rows as row * cols. */
    private static void contiguous(String op, View... views) {
        for (View v : views) {
            if (!v.isContiguous()) {
                throw new IllegalArgumentException("[" + op + "] needs contiguous rows on CUDA, got shape "
                        + Arrays.toString(v.shape) + " with strides " + Arrays.toString(v.strides));
            }
        }
    }

    private static long lastDim(View v) {
        return v.rank() == 0 ? 1 : v.shape[v.rank() - 1];
    }

    /** The element stride of a vector ({@code [M]} or {@code [C]}), 0 for a 0-d or absent one. */
    private static long stride(View v) {
        return v == null || v.rank() == 0 ? 0 : v.strides[0];
    }

    private static Pointer address(KernelLauncher k, View v) {
        return v == null ? null : k.address(v);
    }

    private static String classes(long cols) {
        return "for " + cols + " classes";
    }
}
