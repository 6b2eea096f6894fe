package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.View;
import jcuda.Pointer;

import java.util.Arrays;
import java.util.Locale;

/**
 * Reductions over any set of dims (module "reduce"; the kernels and their parameters are documented at the top of
 * reduce.cu), with the CPU backend's semantics: floating sums in double, integer and BOOL sums into INT64, MAX/MIN
 * propagating NaN, ARGMAX/ARGMIN taking the first of ties with NaN first of all, ANY/ALL into BOOL.
 *
 * <p>Each output's reduced elements are cut into a number of parts fixed by the shape ({@link #plan}), and each part
 * is reduced by one <i>group</i>: a thread, where outputs are short or the outputs' innermost dim is the input's
 * contiguous one (neighbouring threads then read neighbouring elements, as a column sum wants); a warp, for
 * medium rows; a block, for long ones. Where there are several parts, a second kernel folds them in order. The grid
 * only spreads the fixed work items over the device, so results never depend on it (nor on the device's size).
 */
final class ReduceKernels {
    static final String MODULE = "reduce";
    /** Threads per block of every reduce launch. */
    static final int THREADS = 256;
    /** Below this many elements per output, one thread reduces each: a warp's lanes would mostly idle. */
    static final long WARP_MIN = 32;
    /** From this many elements per output, a block reduces each. */
    static final long BLOCK_MIN = 4096;
    /**
     * Parts for thread groups: at least this many elements each, and about this many work items in all (as many
     * threads as a large GPU holds at once: 132 multiprocessors of 2048).
     */
    static final long THREAD_CHUNK = 256;
    static final long THREAD_ITEMS = 1 << 18;
    /** Parts for block groups: at least this many elements each (64 per thread), about this many blocks in all. */
    static final long BLOCK_CHUNK = 16384;
    static final long BLOCK_ITEMS = 1024;
    /** A grid holds at most this many blocks per multiprocessor; the kernels loop over the rest. */
    static final int BLOCKS_PER_SM = 32;

    private ReduceKernels() {
    }

    /** Who reduces one part: the kernel variants {@code reduce_thread_*}, {@code reduce_warp_*}, {@code reduce_block_*}. */
    enum Group {
        THREAD(THREADS), WARP(THREADS / 32), BLOCK(1);

        /** How many groups one block of {@link ReduceKernels#THREADS} threads holds. */
        final int perBlock;

        Group(int perBlock) {
            this.perBlock = perBlock;
        }

        String variant() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a reduction is split: each output into {@code parts} parts of {@code chunk} elements, one group each. */
    record Plan(Group group, long parts, long chunk) {
        long items(long outputs) {
            return outputs * parts;
        }
    }

    /** The AG_REDUCE_* code of ag_common.cuh. */
    static int code(ReduceOp op) {
        return switch (op) {
            case SUM -> 0;
            case MAX -> 1;
            case MIN -> 2;
            case ARGMAX -> 3;
            case ARGMIN -> 4;
            case ANY -> 5;
            case ALL -> 6;
        };
    }

    /** The kernel-name suffix of a dtype (the ABI's element types). */
    static String suffix(DType t) {
        return switch (t) {
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
            case INT32 -> "i32";
            case INT64 -> "i64";
            case BOOL -> "b8";
        };
    }

    /** PyTorch's name for the op, as errors and launch failures name it. */
    static String name(ReduceOp op) {
        return op.name().toLowerCase(Locale.ROOT);
    }

    /** The dtype a reduction of {@code in} writes (ReduceOp's Javadoc); the kernels write exactly that. */
    static DType outputType(ReduceOp op, DType in) {
        return switch (op) {
            case SUM -> in == DType.BOOL || in == DType.INT32 ? DType.INT64 : in;
            case MAX, MIN -> in;
            case ARGMAX, ARGMIN -> DType.INT64;
            case ANY, ALL -> DType.BOOL;
        };
    }

    /**
     * The split of a reduction, from its shape alone: one thread per part where each output reduces few elements or
     * where the outputs' innermost dim is the input's contiguous one and the reduced one is not; otherwise a warp,
     * or a block from {@link #BLOCK_MIN} elements. Thread and block groups split long outputs into parts, so that
     * few outputs still fill the device.
     */
    static Plan plan(ReduceLayout l) {
        long count = l.count;
        if (count == 0) {
            return new Plan(Group.THREAD, 1, 0);
        }
        if (count < WARP_MIN || (l.keptInnerContiguous() && !l.reducedInnerContiguous())) {
            return split(Group.THREAD, count, l.outputs, THREAD_CHUNK, THREAD_ITEMS);
        }
        if (count < BLOCK_MIN) {
            return new Plan(Group.WARP, 1, count);
        }
        return split(Group.BLOCK, count, l.outputs, BLOCK_CHUNK, BLOCK_ITEMS);
    }

    /** Parts of at least {@code minChunk} elements, about {@code items} work items in all, none empty. */
    private static Plan split(Group g, long count, long outputs, long minChunk, long items) {
        long parts = Math.min(count / minChunk, Math.max(1, ceilDiv(items, outputs)));
        if (parts <= 1) {
            return new Plan(g, 1, count);
        }
        long chunk = ceilDiv(count, parts);
        return new Plan(g, ceilDiv(count, chunk), chunk);
    }

    /** Blocks for {@code groups} groups of {@code perBlock} per block, capped (the kernels walk grid-stride). */
    static int grid(long groups, int perBlock, int multiprocessors) {
        long cap = (long) Math.max(1, multiprocessors) * BLOCKS_PER_SM;
        return (int) Math.max(1, Math.min(ceilDiv(groups, perBlock), cap));
    }

    static void reduce(KernelLauncher k, ReduceOp op, View out, View in) {
        String name = name(op);
        DType expected = outputType(op, in.dtype());
        if (out.dtype() != expected) {
            throw new IllegalArgumentException("[" + name + "] of " + in.dtype() + " writes " + expected + ", not "
                    + out.dtype());
        }
        ReduceLayout l = ReduceLayout.of(name, out, in);
        if (l.outputs == 0) {
            return;
        }
        if (l.count == 0 && op != ReduceOp.SUM && op != ReduceOp.ANY && op != ReduceOp.ALL) {
            throw new IllegalArgumentException("[" + name + "] cannot reduce over zero elements: input shape "
                    + Arrays.toString(in.shape) + ", output shape " + Arrays.toString(out.shape));
        }
        Plan p = plan(l);
        long[] layout = l.pack();
        String kernel = "reduce_" + p.group().variant() + "_" + suffix(in.dtype());
        int grid = grid(p.items(l.outputs), p.group().perBlock, k.multiprocessors());
        if (p.parts() == 1) {
            k.launch(name, MODULE, kernel, grid, 1, THREADS, 0, code(op), layout, 1L, p.chunk(), k.address(out),
                    k.address(in), null, null);
            return;
        }
        boolean arg = op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN;
        long bytes = p.items(l.outputs) * Long.BYTES;
        try (KernelLauncher.Scratch partials = k.scratch(bytes);
             KernelLauncher.Scratch positions = arg ? k.scratch(bytes) : null) {
            Pointer at = positions == null ? null : positions.address();
            k.launch(name, MODULE, kernel, grid, 1, THREADS, 0, code(op), layout, p.parts(), p.chunk(),
                    k.address(out), k.address(in), partials.address(), at);
            k.launch(name, MODULE, "reduce_combine_" + suffix(in.dtype()), grid(l.outputs, Group.WARP.perBlock,
                    k.multiprocessors()), 1, THREADS, 0, code(op), layout, p.parts(), k.address(out),
                    partials.address(), at);
        }
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
