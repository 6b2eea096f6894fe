package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.spi.View;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static dev.autograd4j.cuda.LaunchRecorder.contiguous;
import static dev.autograd4j.cuda.LaunchRecorder.strided;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gather and scatter-add: the merged Layout, the launch, and the index check they register. */
class IndexKernelsTest {
    private static final long[] NONE = new long[0];

    private static void assertLayout(IndexLayout l, long[] sizes, long[]... strides) {
        assertArrayEquals(sizes, l.sizes, "sizes of " + l);
        assertEquals(strides.length, l.strides.length);
        for (int k = 0; k < strides.length; k++) {
            assertArrayEquals(strides[k], l.strides[k], "operand " + k + " of " + l);
        }
    }

    @Test
    void dimsMergeOnlyWhereEveryOperandAllows() {
        // gather along dim 1 of [2, 3] into [2, 2]: in (stride 0 along dim) stops the merge.
        assertLayout(IndexLayout.of("gather", new int[]{2, 2}, new long[]{2, 1}, new long[]{2, 1}, new long[]{3, 0}),
                new long[]{2, 2}, new long[]{2, 1}, new long[]{2, 1}, new long[]{3, 0});
        // gather along dim 2 of [4, 5, 6] into [4, 5, 2]: the two outer dims merge.
        assertLayout(IndexLayout.of("gather", new int[]{4, 5, 2}, new long[]{10, 2, 1}, new long[]{10, 2, 1},
                        new long[]{30, 6, 0}),
                new long[]{20, 2}, new long[]{2, 1}, new long[]{2, 1}, new long[]{6, 0});
        // Size-1 dims go: along dim 0 of [2, 3] into [1, 3].
        assertLayout(IndexLayout.of("gather", new int[]{1, 3}, new long[]{3, 1}, new long[]{3, 1}, new long[]{0, 1}),
                new long[]{3}, new long[]{1}, new long[]{1}, new long[]{1});
        // 0-d: nothing left.
        assertLayout(IndexLayout.of("gather", new int[0], NONE, NONE, NONE), NONE, NONE, NONE, NONE);
    }

    @Test
    void packsTheAbiLayout() {
        long[] p = IndexLayout.of("gather", new int[]{2, 2}, new long[]{2, 1}, new long[]{1, 2}, new long[]{3, 0})
                .pack();
        long[] expected = new long[51];
        expected[0] = 2;
        expected[1] = 2;
        expected[2] = 2;
        expected[11] = 2; // operand 0
        expected[12] = 1;
        expected[21] = 1; // operand 1
        expected[22] = 2;
        expected[31] = 3; // operand 2
        expected[32] = 0;
        assertArrayEquals(expected, p);
    }

    @Test
    void tooManyDimsNameTheOp() {
        int[] shape = new int[11];
        long[] a = new long[11], b = new long[11];
        long s = 1;
        for (int d = 10; d >= 0; d--) {
            shape[d] = 2;
            a[d] = s;
            b[d] = s * 3; // a stride pattern that never merges with a's
            s *= 4;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IndexLayout.of("scatter_add", shape, a, b));
        assertTrue(e.getMessage().startsWith("[scatter_add] "), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gatherWalksTheOutput(DType t) {
        LaunchRecorder k = new LaunchRecorder();
        View in = contiguous(t, 2, 3), out = contiguous(t, 2, 2), index = contiguous(DType.INT64, 2, 2);
        IndexKernels.gather(k, out, in, 1, index);
        LaunchRecorder.Launch l = k.only();
        assertEquals("gather", l.op());
        assertEquals("index", l.module());
        assertEquals("gather_strided_" + ReduceKernels.suffix(t), l.kernel());
        assertEquals(4, l.n());
        assertArrayEquals(IndexLayout.of("gather", new int[]{2, 2}, new long[]{2, 1}, new long[]{2, 1},
                new long[]{3, 0}).pack(), (long[]) l.arg(0));
        assertEquals(4L, l.arg(1));
        assertSame(k.of(out), l.arg(2));
        assertSame(k.of(index), l.arg(3));
        assertSame(k.of(in), l.arg(4));
        assertEquals(List.of(3L, 1L), List.of(l.arg(5), l.arg(6)), "in's size and stride along dim");
        assertSame(k.errors, l.arg(7));
        assertEquals(8, l.args().size());
        assertEquals(List.of("gather for dimension 1 with size 3"), k.checks);
    }

    @Test
    void gatherFromATransposedInputWithATransposedIndex() {
        LaunchRecorder k = new LaunchRecorder();
        View in = strided(DType.FLOAT32, new int[]{2, 3}, 1, 2), index = strided(DType.INT64, new int[]{2, 2}, 1, 2);
        IndexKernels.gather(k, contiguous(DType.FLOAT32, 2, 2), in, 1, index);
        assertArrayEquals(IndexLayout.of("gather", new int[]{2, 2}, new long[]{2, 1}, new long[]{1, 2},
                new long[]{1, 0}).pack(), (long[]) k.only().arg(0));
        assertEquals(List.of(3L, 2L), List.of(k.only().arg(5), k.only().arg(6)));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void scatterAddWalksTheSource(DType t) {
        LaunchRecorder k = new LaunchRecorder();
        // Embedding backward: rows of src added into the rows of out that index picks (dim 0, [4, 2] into [3, 2]).
        View out = contiguous(t, 3, 2), src = contiguous(t, 4, 2);
        View index = strided(DType.INT64, new int[]{4, 2}, 1, 0);
        IndexKernels.scatterAdd(k, out, 0, index, src);
        LaunchRecorder.Launch l = k.only();
        assertEquals("scatter_add", l.op());
        assertEquals("scatter_add_strided_" + ReduceKernels.suffix(t), l.kernel());
        assertEquals(8, l.n());
        assertArrayEquals(IndexLayout.of("scatter_add", new int[]{4, 2}, new long[]{0, 1}, new long[]{1, 0},
                new long[]{2, 1}).pack(), (long[]) l.arg(0));
        assertSame(k.of(out), l.arg(2));
        assertSame(k.of(index), l.arg(3));
        assertSame(k.of(src), l.arg(4));
        assertEquals(List.of(3L, 2L), List.of(l.arg(5), l.arg(6)), "out's size and stride along dim");
        assertSame(k.errors, l.arg(7));
        assertEquals(List.of("scatter_add for dimension 0 with size 3"), k.checks);
    }

    @Test
    void nothingToDoLaunchesNothing() {
        LaunchRecorder k = new LaunchRecorder();
        IndexKernels.gather(k, contiguous(DType.FLOAT32, 2, 0), contiguous(DType.FLOAT32, 2, 3), 1,
                contiguous(DType.INT64, 2, 0));
        IndexKernels.scatterAdd(k, contiguous(DType.FLOAT32, 2, 3), 1, contiguous(DType.INT64, 0, 3),
                contiguous(DType.FLOAT32, 0, 3));
        assertTrue(k.launches.isEmpty());
        assertTrue(k.checks.isEmpty());
    }

    @Test
    void elementCountsPastTwoToTheThirtyOne() {
        LaunchRecorder k = new LaunchRecorder();
        // A [65536, 65536] gather along dim 1 from a broadcast input: 2^32 outputs.
        View in = strided(DType.FLOAT32, new int[]{65536, 8}, 0, 1);
        View index = strided(DType.INT64, new int[]{65536, 65536}, 0, 1);
        View out = View.contiguous(new LaunchRecorder.FakeStorage(DType.FLOAT32, 1L << 32), new int[]{65536, 65536});
        IndexKernels.gather(k, out, in, 1, index);
        assertEquals(1L << 32, k.only().n());
        assertEquals(1L << 32, k.only().arg(1));
    }
}
