package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.internal.Internal;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.View;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Views of more than 2^31 elements. A CPU storage holds at most 2^31 - 8 elements, but a view with stride-0
 * dimensions ({@code expand}) can hold any number, and every kernel that walks one must count in longs. Most views
 * here are N x N = 2,147,488,281 elements (4633 past 2^31) over a storage of at most N; the expected values are
 * exact integers, and PyTorch 1.13 gives the same ones for the same expressions.
 *
 * <p>Each test walks its view at most twice, about a second a walk on two cores (less where a run of stride 0
 * lets MAX, MIN or an arg-reduction take its first element); the slower ones say so.
 */
class LargeViewTest {
    private static final int N = 46_341;
    private static final long NN = 2_147_488_281L;
    private static final Backend CPU = CpuBackend.INSTANCE;

    /** [0, 1, ..., n-1] as float64, seen as an [n, N] matrix whose row i is all i (strides [1, 0]). */
    private static Tensor rowIndexTimesN(int n) {
        return Tensor.arange(0, n, 1, DType.FLOAT64).reshape(n, 1).expand(n, N);
    }

    @Test
    void sumAndMeanOfOnes() {
        // Before the 64-bit walk: NegativeArraySizeException (and 1.41e9 for 100000 x 100000, the count mod 2^32).
        Tensor ones = Tensor.ones(new int[] {1, 1}, DType.FLOAT64).expand(N, N);
        assertEquals(NN, ones.sum().item());
        assertEquals(1.0, ones.mean().item());
    }

    @Test
    void intSumsCountPastTheIntRange() {
        Tensor ones = Tensor.ones(new int[] {1, 1}, DType.INT32).expand(N, N);
        Tensor total = ones.sum();
        assertEquals(DType.INT64, total.dtype());
        assertArrayEquals(new long[] {NN}, total.toLongArray());
    }

    @Test
    void fullSumOfARealDimensionTimesABroadcastOne() {
        // sum over i, j of i = N * N(N-1)/2, exact in double. The two dims do not merge (strides 1 and 0).
        assertEquals(49_757_303_470_770.0, rowIndexTimesN(N).sum().item());
    }

    @Test
    void fullMaxAndMin() {
        Tensor x = rowIndexTimesN(N);
        assertEquals(N - 1, x.max().item());
        assertEquals(0, x.min().item());
    }

    @Test
    void sumAlongEachDimension() {
        Tensor x = rowIndexTimesN(N);
        double[] columns = x.sum(0).toDoubleArray();
        double[] rows = x.sum(1).toDoubleArray();
        assertEquals(N, columns.length);
        for (int j = 0; j < N; j++) {
            assertEquals(1_073_720_970.0, columns[j], "column " + j); // N(N-1)/2
        }
        for (int i = 0; i < N; i++) {
            assertEquals((double) N * i, rows[i], "row " + i);
        }
    }

    /** Slow (about 2 s): argmax(0) compares every element along the real dimension. */
    @Test
    void maxAndArgmaxAlongEachDimension() {
        Tensor x = rowIndexTimesN(N);
        Tensor.ValuesIndices byRow = x.max(1);
        double[] values = byRow.values().toDoubleArray();
        long[] indices = byRow.indices().toLongArray();
        for (int i = 0; i < N; i++) {
            assertEquals(i, values[i]);
            assertEquals(0, indices[i], "a row of ties: the first");
        }
        long[] byColumn = x.argmax(0).toLongArray();
        for (int j = 0; j < N; j++) {
            assertEquals(N - 1, byColumn[j]);
        }
    }

    @Test
    void amaxOverBothDimensionsAndOneOfThem() {
        Tensor x = rowIndexTimesN(N);
        assertArrayEquals(new double[] {N - 1}, x.amax(new int[] {0, 1}, false).toDoubleArray());
        double[] rows = x.amax(new int[] {1}, false).toDoubleArray();
        for (int i = 0; i < N; i++) {
            assertEquals(i, rows[i]);
        }
    }

    /**
     * Positions past 2^31 in a flat arg-reduction: over all dims the CPU indexes in row-major order, so the first
     * element of the last row of [N + 1, N] is at N * N.
     */
    @Test
    void argmaxOverEveryDimensionCountsPastTheIntRange() {
        View x = Internal.view(rowIndexTimesN(N + 1));
        View at = View.contiguous(CPU.allocate(DType.INT64, 1), new int[] {1, 1});
        CPU.reduce(ReduceOp.ARGMAX, at, x);
        assertArrayEquals(new long[] {NN}, (long[]) CPU.toArray(at));
    }

    /** A comparison on the small tensor, broadcast afterwards: bool reductions copy only the distinct elements. */
    @Test
    void boolReductionsOfABroadcastComparison() {
        Tensor small = Tensor.arange(N).reshape(N, 1).lt(1000).expand(N, N); // the first 1000 rows are true
        assertArrayEquals(new long[] {1000L * N}, small.sum().toLongArray());
        View c = Internal.view(small);
        assertArrayEquals(new boolean[] {false}, reduceToBool(ReduceOp.ALL, c, 1, 1));
        assertArrayEquals(new boolean[] {true}, reduceToBool(ReduceOp.ANY, c, 1, 1));
        boolean[] rows = reduceToBool(ReduceOp.ALL, c, N, 1);
        for (int i = 0; i < N; i++) {
            assertEquals(i < 1000, rows[i], "row " + i);
        }
    }

    private static boolean[] reduceToBool(ReduceOp op, View in, int... outShape) {
        View out = View.contiguous(CPU.allocate(DType.BOOL, View.numelOf(outShape)), outShape);
        CPU.reduce(op, out, in);
        return (boolean[]) CPU.toArray(out);
    }

    /**
     * An output that repeats its rows (stride 0) is the one way an elementwise kernel or a copy meets more than
     * 2^31 elements; each row writes the same values, so the storage ends up holding one row. Before the 64-bit
     * walk these kernels returned without writing anything. Slow (about 3 s): two walks that write every element.
     */
    @Test
    void elementwiseAndCopyOfHugeBroadcastsIntoARepeatedRow() {
        double[] ramp = new double[N];
        for (int j = 0; j < N; j++) {
            ramp[j] = j;
        }
        View a = new View(CPU.fromArray(ramp), 0, new int[] {N, N}, new long[] {0, 1});
        View one = new View(CPU.fromArray(new double[] {1}), 0, new int[] {N, N}, new long[] {0, 0});
        View out = new View(CPU.allocate(DType.FLOAT64, N), 0, new int[] {N, N}, new long[] {0, 1});
        CPU.binary(BinaryOp.ADD, out, a, one, 1);
        double[] added = (double[]) CPU.toArray(out.with(0, new int[] {N}, new long[] {1}));
        for (int j = 0; j < N; j++) {
            assertEquals(j + 1, added[j], "element " + j);
        }
        View copy = new View(CPU.allocate(DType.FLOAT64, N), 0, new int[] {N, N}, new long[] {0, 1});
        CPU.copy(copy, a);
        assertArrayEquals(ramp, (double[]) CPU.toArray(copy.with(0, new int[] {N}, new long[] {1})));
    }

    /** The walks themselves visit each element once, in parallel chunks, whatever the count (no element work). */
    @Test
    void stridedWalksVisitEveryElementOnce() {
        View scalar = new View(CPU.allocate(DType.FLOAT32, 1), 0, new int[] {N, N}, new long[] {0, 0});
        View column = new View(CPU.allocate(DType.FLOAT32, N), 0, new int[] {3, N, N}, new long[] {0, 1, 0});
        for (View v : new View[] {scalar, column}) {
            Strided it = Strided.of(v.shape, v);
            assertEquals(v.numel(), it.numel());
            LongAdder parallel = new LongAdder(), wholeRows = new LongAdder(), inOrder = new LongAdder();
            it.run(Elementwise.GRAIN, (off, n) -> parallel.add(n));
            it.runWholeRows(Elementwise.GRAIN, (off, n) -> wholeRows.add(n));
            it.forEach(0, it.numel(), (off, n) -> inOrder.add(n));
            assertEquals(v.numel(), parallel.sum(), "run");
            assertEquals(v.numel(), wholeRows.sum(), "runWholeRows");
            assertEquals(v.numel(), inOrder.sum(), "forEach");
        }
    }

    /**
     * var and logsumexp subtract the mean or the max from every element first (as PyTorch's logsumexp does), and
     * that intermediate cannot exist on the CPU: a clear error, not a NegativeArraySizeException. Slow: the mean or
     * max over the whole view runs before the subtraction fails.
     */
    @Test
    void varAndLogsumexpNeedAnInputSizedIntermediate() {
        Tensor x = Tensor.ones(1, 1).expand(N, N);
        Runnable[] ops = {x::var, () -> x.logsumexp(new int[] {0, 1}, false)};
        for (Runnable op : ops) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, op::run);
            assertTrue(e.getMessage().startsWith("[" + (op == ops[0] ? "var" : "logsumexp") + "] cannot allocate"
                    + " 2147488281 elements of float32 on cpu"), e.getMessage());
        }
    }

    @Test
    void aResultTooBigForTheCpuIsAClearError() {
        Tensor x = Tensor.ones(1, 1).expand(N, N);
        IllegalArgumentException add = assertThrows(IllegalArgumentException.class, () -> x.add(1.0));
        // The op that asked is named, not the backend (it said "[cpu] cannot allocate ...")
        assertEquals("[add] cannot allocate 2147488281 elements of float32 on cpu: a CPU storage holds at most"
                + " 2147483639 (a broadcast view may hold more, a result not)", add.getMessage());
        IllegalArgumentException matmul = assertThrows(IllegalArgumentException.class,
                () -> Tensor.ones(N, 1).matmul(Tensor.ones(1, N)));
        assertTrue(matmul.getMessage().startsWith("[matmul] cannot allocate 2147488281 elements of float32 on cpu"),
                matmul.getMessage());
        IllegalArgumentException logSoftmax = assertThrows(IllegalArgumentException.class, () -> x.logSoftmax(1));
        assertTrue(logSoftmax.getMessage().startsWith("[log_softmax] cannot allocate"), logSoftmax.getMessage());
        IllegalArgumentException array = assertThrows(IllegalArgumentException.class, x::toFloatArray);
        assertEquals("[toArray] a view of shape [46341, 46341] holds 2147488281 elements, more than a Java array can"
                + " (2147483639)", array.getMessage());
        // Before: "[view] view size [-2147479015] is not compatible ..." and "[reshape] invalid shape dimension".
        IllegalArgumentException view = assertThrows(IllegalArgumentException.class, () -> x.view(-1));
        assertTrue(view.getMessage().startsWith("[view] shape [-1] would need a dimension of 2147488281 elements"),
                view.getMessage());
        IllegalArgumentException flatten = assertThrows(IllegalArgumentException.class, x::flatten);
        assertTrue(flatten.getMessage().startsWith("[flatten] dims 0..1 of [46341, 46341] hold 2147488281 elements"),
                flatten.getMessage());
    }

    /**
     * 2^20 rows of 2^24 would need 2^31 block partials (one per 8192 elements): an error before any work, where
     * the int count of partials used to wrap to a NegativeArraySizeException.
     */
    @Test
    void aReductionWithTooManyBlocksIsAClearError() {
        Tensor x = Tensor.ones(1, 1).expand(1 << 20, 1 << 24);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.sum(1));
        assertTrue(e.getMessage().startsWith("[sum] cannot reduce 16777216 elements into each of 1048576 outputs"),
                e.getMessage());
    }

    /**
     * The walk huge views take when their reduced dimensions do not merge, at a size where every boundary shows:
     * [3, 5000] stored column-major (strides [1, 3]) reduced over both dims runs along 5000-element rows, and its
     * 8192-element blocks end inside a row. Element (i, j) is stored at 3j + i and holds that position.
     */
    @Test
    void reducedRunsCrossBlockBoundaries() {
        int rows = 3, cols = 5000;
        double[] stored = new double[rows * cols];
        for (int k = 0; k < stored.length; k++) {
            stored[k] = k;
        }
        // Ties across the block boundary: flat (row-major) 8191 and 8192 hold -1, flat 9000 and 12000 hold 1e9.
        int[] flat = {8191, 8192, 9000, 12000};
        double[] v = {-1, -1, 1e9, 1e9};
        double total = (stored.length - 1) * stored.length / 2.0;
        for (int t = 0; t < flat.length; t++) {
            int i = flat[t] / cols, j = flat[t] % cols;
            total += v[t] - stored[3 * j + i];
            stored[3 * j + i] = v[t];
        }
        View x = new View(CPU.fromArray(stored), 0, new int[] {rows, cols}, new long[] {1, 3});
        View out = View.contiguous(CPU.allocate(DType.FLOAT64, 1), new int[] {1, 1});
        CPU.reduce(ReduceOp.SUM, out, x);
        assertArrayEquals(new double[] {total}, (double[]) CPU.toArray(out));
        View at = View.contiguous(CPU.allocate(DType.INT64, 1), new int[] {1, 1});
        CPU.reduce(ReduceOp.ARGMAX, at, x);
        assertArrayEquals(new long[] {9000}, (long[]) CPU.toArray(at));
        CPU.reduce(ReduceOp.ARGMIN, at, x);
        assertArrayEquals(new long[] {8191}, (long[]) CPU.toArray(at));
    }
}
