package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.spi.View;
import org.junit.jupiter.api.Test;

import static dev.autograd4j.cuda.LaunchRecorder.contiguous;
import static dev.autograd4j.cuda.LaunchRecorder.strided;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How reductions are described to the kernels: kept and reduced dims, merged, with their strides. */
class ReduceLayoutTest {
    private static final DType F = DType.FLOAT32;

    private static ReduceLayout layout(View out, View in) {
        return ReduceLayout.of("sum", out, in);
    }

    private static void assertKept(ReduceLayout l, long[] sizes, long[] in, long[] out) {
        assertArrayEquals(sizes, l.keptSizes, "kept sizes of " + l);
        assertArrayEquals(in, l.keptIn, "kept input strides of " + l);
        assertArrayEquals(out, l.keptOut, "kept output strides of " + l);
    }

    private static void assertReduced(ReduceLayout l, long[] sizes, long[] in) {
        assertArrayEquals(sizes, l.redSizes, "reduced sizes of " + l);
        assertArrayEquals(in, l.redIn, "reduced strides of " + l);
    }

    @Test
    void aMatrixAlongEachDimension() {
        View in = contiguous(F, 2, 3);
        ReduceLayout rows = layout(contiguous(F, 2, 1), in);
        assertKept(rows, new long[]{2}, new long[]{3}, new long[]{1});
        assertReduced(rows, new long[]{3}, new long[]{1});
        assertEquals(2, rows.outputs);
        assertEquals(3, rows.count);
        assertTrue(rows.reducedInnerContiguous());
        assertFalse(rows.keptInnerContiguous());

        ReduceLayout columns = layout(contiguous(F, 1, 3), in);
        assertKept(columns, new long[]{3}, new long[]{1}, new long[]{1});
        assertReduced(columns, new long[]{2}, new long[]{3});
        assertTrue(columns.keptInnerContiguous());
        assertFalse(columns.reducedInnerContiguous());
    }

    @Test
    void aTransposedInput() {
        View colMajor = strided(F, new int[]{2, 3}, 1, 2);
        ReduceLayout rows = layout(contiguous(F, 2, 1), colMajor);
        assertKept(rows, new long[]{2}, new long[]{1}, new long[]{1});
        assertReduced(rows, new long[]{3}, new long[]{2});
        ReduceLayout columns = layout(contiguous(F, 1, 3), colMajor);
        assertKept(columns, new long[]{3}, new long[]{2}, new long[]{1});
        assertReduced(columns, new long[]{2}, new long[]{1});
    }

    @Test
    void neighboursOfOneKindMerge() {
        View in = contiguous(F, 2, 3, 4);
        // dims 1 and 2 reduced: one reduced dim of 12
        ReduceLayout inner = layout(contiguous(F, 2, 1, 1), in);
        assertKept(inner, new long[]{2}, new long[]{12}, new long[]{1});
        assertReduced(inner, new long[]{12}, new long[]{1});
        // dims 0 and 1 kept: one kept dim of 6
        ReduceLayout outer = layout(contiguous(F, 2, 3, 1), in);
        assertKept(outer, new long[]{6}, new long[]{4}, new long[]{1});
        assertReduced(outer, new long[]{4}, new long[]{1});
        // everything: one reduced dim, nothing kept
        ReduceLayout all = layout(contiguous(F, 1, 1, 1), in);
        assertKept(all, new long[0], new long[0], new long[0]);
        assertReduced(all, new long[]{24}, new long[]{1});
        assertEquals(1, all.outputs);
    }

    @Test
    void nonAdjacentReducedDimsStaySeparate() {
        ReduceLayout l = layout(contiguous(F, 1, 3, 1), contiguous(F, 2, 3, 4));
        assertKept(l, new long[]{3}, new long[]{4}, new long[]{1});
        assertReduced(l, new long[]{2, 4}, new long[]{12, 1});
        assertEquals(8, l.count);
        // Kept dims on either side of a reduced one do not merge either.
        ReduceLayout middle = layout(contiguous(F, 2, 1, 4), contiguous(F, 2, 3, 4));
        assertKept(middle, new long[]{2, 4}, new long[]{12, 1}, new long[]{4, 1});
        assertReduced(middle, new long[]{3}, new long[]{4});
    }

    @Test
    void keptDimsMergeOnlyWhereTheOutputAllowsToo() {
        View out = strided(F, new int[]{2, 3, 1}, 1, 2, 1); // a column-major output
        ReduceLayout l = layout(out, contiguous(F, 2, 3, 4));
        assertKept(l, new long[]{2, 3}, new long[]{12, 4}, new long[]{1, 2});
        // An output that is a strided slice of a larger buffer.
        ReduceLayout slice = layout(strided(F, new int[]{3, 1}, 2, 1), contiguous(F, 3, 5));
        assertKept(slice, new long[]{3}, new long[]{5}, new long[]{2});
    }

    @Test
    void broadcastInputs() {
        View rep = strided(F, new int[]{4, 3}, 0, 1);
        ReduceLayout down = layout(contiguous(F, 1, 3), rep);
        assertKept(down, new long[]{3}, new long[]{1}, new long[]{1});
        assertReduced(down, new long[]{4}, new long[]{0});
        ReduceLayout across = layout(contiguous(F, 4, 1), rep);
        assertKept(across, new long[]{4}, new long[]{0}, new long[]{1});
        assertReduced(across, new long[]{3}, new long[]{1});
    }

    @Test
    void sizeOneDimsAreDroppedAndZeroDIsOneElement() {
        ReduceLayout scalar = layout(contiguous(F), contiguous(F));
        assertEquals(1, scalar.outputs);
        assertEquals(1, scalar.count);
        assertEquals(0, scalar.keptRank());
        assertEquals(0, scalar.redRank());
        ReduceLayout identity = layout(contiguous(F, 3, 1), contiguous(F, 3, 1));
        assertEquals(3, identity.outputs);
        assertEquals(1, identity.count);
        assertEquals(0, identity.redRank());
    }

    @Test
    void emptyInputs() {
        ReduceLayout overEmpty = layout(contiguous(F, 1, 3), contiguous(F, 0, 3));
        assertEquals(3, overEmpty.outputs);
        assertEquals(0, overEmpty.count);
        ReduceLayout noOutputs = layout(contiguous(F, 0, 1), contiguous(F, 0, 3));
        assertEquals(0, noOutputs.outputs);
    }

    @Test
    void countsPastTwoToTheThirtyOne() {
        View big = View.contiguous(new LaunchRecorder.FakeStorage(F, 1L << 32), new int[]{65536, 65536});
        ReduceLayout all = layout(contiguous(F, 1, 1), big);
        assertReduced(all, new long[]{1L << 32}, new long[]{1});
        assertEquals(1L << 32, all.count);
        assertEquals(1L << 32, all.pack()[1]);
        ReduceLayout rows = layout(contiguous(F, 65536, 1), big);
        assertEquals(65536, rows.outputs);
        assertKept(rows, new long[]{65536}, new long[]{65536}, new long[]{1});
        // A broadcast view: 2^32 elements over a storage of 65536.
        View rep = strided(F, new int[]{65536, 65536}, 0, 1);
        ReduceLayout repAll = layout(contiguous(F, 1, 1), rep);
        assertReduced(repAll, new long[]{65536, 65536}, new long[]{0, 1});
        assertEquals(1L << 32, repAll.count);
        // Merged reduced dims past Integer.MAX_VALUE: [4, 2^30, 4] over dims 1 and 2.
        ReduceLayout merged = layout(contiguous(F, 4, 1, 1), View.contiguous(new LaunchRecorder.FakeStorage(F,
                1L << 34), new int[]{4, 1 << 30, 4}));
        assertReduced(merged, new long[]{1L << 32}, new long[]{1});
        assertKept(merged, new long[]{4}, new long[]{1L << 32}, new long[]{1});
    }

    @Test
    void packsTheStructInOrder() {
        long[] p = layout(contiguous(F, 1, 3, 1), contiguous(F, 2, 3, 4)).pack();
        assertEquals(54, p.length);
        long[] expected = new long[54];
        expected[0] = 3; // outputs
        expected[1] = 8; // count
        expected[2] = 1; // keptRank
        expected[3] = 3; // keptSizes[0]
        expected[13] = 4; // keptIn[0]
        expected[23] = 1; // keptOut[0]
        expected[33] = 2; // redRank
        expected[34] = 2; // redSizes
        expected[35] = 4;
        expected[44] = 12; // redIn
        expected[45] = 1;
        assertArrayEquals(expected, p);
    }

    @Test
    void tooManyDimsNameTheOp() {
        // Eleven kept dims that cannot merge (each stride is twice what merging needs).
        int[] shape = new int[22];
        long[] strides = new long[22];
        int[] outShape = new int[22];
        long s = 1;
        for (int d = 21; d >= 0; d--) {
            shape[d] = 2;
            strides[d] = s;
            s *= 4;
            outShape[d] = d % 2 == 0 ? 2 : 1;
        }
        View in = strided(F, shape, strides);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReduceLayout.of("amax", contiguous(F, outShape), in));
        assertTrue(e.getMessage().startsWith("[amax] "), e.getMessage());
    }
}
