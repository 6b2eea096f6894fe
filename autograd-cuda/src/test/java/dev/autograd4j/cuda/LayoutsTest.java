package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.View;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.autograd4j.cuda.RecordingLauncher.contiguous;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dimension collapsing, the Layout struct and the split of walks past AG_MAX_DIMS, on the CPU. */
class LayoutsTest {

    private static View view(View base, long offset, int[] shape, long... strides) {
        return base.with(offset, shape, strides);
    }

    private static void assertLayout(Layouts.Collapsed c, long[] sizes, long[]... strides) {
        assertArrayEquals(sizes, c.sizes(), "sizes");
        assertEquals(strides.length, c.strides().length, "operands");
        for (int k = 0; k < strides.length; k++) {
            assertArrayEquals(strides[k], c.strides()[k], "strides of operand " + k);
        }
    }

    @Test
    void contiguousOperandsCollapseToOneDimension() {
        View out = contiguous(DType.FLOAT32, 2, 3, 4);
        View in = contiguous(DType.FLOAT32, 2, 3, 4);
        Layouts.Collapsed c = Layouts.collapse(out.shape, out, in);
        assertLayout(c, new long[]{24}, new long[]{1}, new long[]{1});
        assertTrue(c.contiguous());
        assertEquals(24, c.numel());
    }

    @Test
    void aTransposedOperandKeepsTwoDimensions() {
        // in = a [3, 2] contiguous matrix seen as its transpose [2, 3]: strides [1, 2].
        View out = contiguous(DType.FLOAT64, 2, 3);
        View t = view(contiguous(DType.FLOAT64, 3, 2), 0, new int[]{2, 3}, 1, 2);
        Layouts.Collapsed c = Layouts.collapse(out.shape, out, t);
        assertLayout(c, new long[]{2, 3}, new long[]{3, 1}, new long[]{1, 2});
        assertFalse(c.contiguous());
    }

    @Test
    void aTransposeOfTheLeadingDimsMergesTheTrailingOnes() {
        // [4, 3, 5, 6] whose first two dims are swapped: dims 2 and 3 still merge (30 contiguous elements).
        View out = contiguous(DType.FLOAT32, 4, 3, 5, 6);
        View in = view(contiguous(DType.FLOAT32, 3, 4, 5, 6), 0, new int[]{4, 3, 5, 6}, 30, 120, 6, 1);
        assertLayout(Layouts.collapse(out.shape, out, in), new long[]{4, 3, 30}, new long[]{90, 30, 1},
                new long[]{30, 120, 1});
    }

    @Test
    void aSlicedOperandMergesOnlyWhereItsRowsAreContiguous() {
        // Columns 1..3 of a [4, 5] matrix: offset 1, strides [5, 1], shape [4, 3]; rows have gaps between them.
        View out = contiguous(DType.INT32, 4, 3);
        View slice = view(contiguous(DType.INT32, 4, 5), 1, new int[]{4, 3}, 5, 1);
        assertLayout(Layouts.collapse(out.shape, out, slice), new long[]{4, 3}, new long[]{3, 1}, new long[]{5, 1});
        // Every other row of a [6, 4] matrix: no gaps within rows, so each row is one run, but not across rows.
        View rows = view(contiguous(DType.INT32, 6, 4), 0, new int[]{3, 4}, 8, 1);
        View out2 = contiguous(DType.INT32, 3, 4);
        assertLayout(Layouts.collapse(out2.shape, out2, rows), new long[]{3, 4}, new long[]{4, 1}, new long[]{8, 1});
        // A strided vector (stride 2) stays rank 1, but is not contiguous.
        View strided = view(contiguous(DType.INT32, 10), 3, new int[]{5}, 2);
        View out3 = contiguous(DType.INT32, 5);
        Layouts.Collapsed c = Layouts.collapse(out3.shape, out3, strided);
        assertLayout(c, new long[]{5}, new long[]{1}, new long[]{2});
        assertFalse(c.contiguous());
    }

    @Test
    void broadcastOperandsHaveStrideZeroAndMergeWhereTheyCan() {
        View out = contiguous(DType.FLOAT32, 2, 3, 4);
        // A broadcast scalar: every stride 0, so everything merges.
        View scalar = view(contiguous(DType.FLOAT32), 0, new int[]{2, 3, 4}, 0, 0, 0);
        assertLayout(Layouts.collapse(out.shape, out, scalar), new long[]{24}, new long[]{1}, new long[]{0});
        // A row [4] repeated over [2, 3]: the two outer dims merge (stride 0 both), the row stays apart.
        View row = view(contiguous(DType.FLOAT32, 4), 0, new int[]{2, 3, 4}, 0, 0, 1);
        assertLayout(Layouts.collapse(out.shape, out, row), new long[]{6, 4}, new long[]{4, 1}, new long[]{0, 1});
        // A column [2, 3, 1] repeated along the last dim: the outer two merge, the last has stride 0.
        View col = view(contiguous(DType.FLOAT32, 2, 3, 1), 0, new int[]{2, 3, 4}, 3, 1, 0);
        assertLayout(Layouts.collapse(out.shape, out, col), new long[]{6, 4}, new long[]{4, 1}, new long[]{1, 0});
    }

    @Test
    void sizeOneDimensionsAreDroppedWhateverTheirStride() {
        View out = view(contiguous(DType.FLOAT32, 3, 4), 0, new int[]{3, 1, 4, 1}, 4, 99, 1, 7);
        View in = view(contiguous(DType.FLOAT32, 3, 4), 0, new int[]{3, 1, 4, 1}, 4, 0, 1, 0);
        Layouts.Collapsed c = Layouts.collapse(out.shape, out, in);
        assertLayout(c, new long[]{12}, new long[]{1}, new long[]{1});
        assertTrue(c.contiguous());
    }

    @Test
    void zeroDimensionalAndAllOnesShapesHaveRankZero() {
        View s = view(contiguous(DType.FLOAT64, 5), 2, new int[0]);
        Layouts.Collapsed c = Layouts.collapse(s.shape, s, s);
        assertEquals(0, c.rank());
        assertEquals(1, c.numel());
        assertTrue(c.contiguous());
        long[] packed = c.pack();
        assertEquals(Layouts.STRUCT_LONGS, packed.length);
        assertArrayEquals(new long[Layouts.STRUCT_LONGS], packed, "rank 0, every other entry unused");
        View ones = view(contiguous(DType.FLOAT64, 5), 4, new int[]{1, 1, 1}, 9, 9, 9);
        assertEquals(0, Layouts.collapse(ones.shape, ones).rank());
    }

    @Test
    void emptyWalksAreOneContiguousDimensionOfSizeZero() {
        View out = contiguous(DType.INT64, 3, 0, 2);
        View in = view(contiguous(DType.INT64, 6), 0, new int[]{3, 0, 2}, 0, 5, 3);
        Layouts.Collapsed c = Layouts.collapse(out.shape, out, in);
        assertLayout(c, new long[]{0}, new long[]{1}, new long[]{1});
        assertEquals(0, c.numel());
        assertTrue(c.contiguous());
    }

    @Test
    void packWritesRankSizesAndStridesInTheStructsOrder() {
        View out = contiguous(DType.FLOAT32, 2, 3);
        View a = view(contiguous(DType.FLOAT32, 3, 2), 0, new int[]{2, 3}, 1, 2);
        View cond = view(contiguous(DType.BOOL, 3), 0, new int[]{2, 3}, 0, 1);
        View b = view(contiguous(DType.FLOAT32, 2), 0, new int[]{2, 3}, 1, 0);
        long[] packed = Layouts.collapse(out.shape, out, cond, a, b).pack();
        long[] expected = new long[51];
        expected[0] = 2;
        expected[1] = 2;
        expected[2] = 3;
        // strides[k][d] at 1 + 10 + 10 k + d
        expected[11] = 3;
        expected[12] = 1;
        expected[21] = 0;
        expected[22] = 1;
        expected[31] = 1;
        expected[32] = 2;
        expected[41] = 1;
        expected[42] = 0;
        assertArrayEquals(expected, packed);
    }

    @Test
    void theStructHoldsAtMostTenDimsAndFourOperands() {
        Layouts.Collapsed eleven = new Layouts.Collapsed(new long[11], new long[1][11]);
        assertThrows(IllegalStateException.class, eleven::pack);
        Layouts.Collapsed five = new Layouts.Collapsed(new long[]{2}, new long[5][1]);
        assertThrows(IllegalStateException.class, five::pack);
    }

    /** [2] * 11 with every stride reversed: no two dims merge for the pair (out, in). */
    private static View[] rankElevenPair() {
        int[] shape = new int[11];
        long[] reversed = new long[11];
        for (int d = 0; d < 11; d++) {
            shape[d] = 2;
            reversed[d] = 1L << d;
        }
        View out = contiguous(DType.FLOAT32, shape);
        View in = view(contiguous(DType.FLOAT32, 2048), 0, shape, reversed);
        return new View[]{out, in};
    }

    @Test
    void rankElevenThatDoesNotCollapseSplitsIntoBlocksOfTenDims() {
        View[] ops = rankElevenPair();
        Layouts.Collapsed c = Layouts.collapse(ops[0].shape, ops);
        assertEquals(11, c.rank());
        List<Layouts.Block> blocks = c.blocks();
        assertEquals(2, blocks.size());
        Layouts.Block first = blocks.get(0), second = blocks.get(1);
        assertArrayEquals(new long[]{0, 0}, first.offsets());
        assertEquals(0, first.first());
        // The second block starts at index 1 of dim 0: out stride 1024, in stride 1; elements 1024 on.
        assertArrayEquals(new long[]{1024, 1}, second.offsets());
        assertEquals(1024, second.first());
        for (Layouts.Block b : blocks) {
            assertEquals(10, b.layout().rank());
            assertEquals(1024, b.layout().numel());
            assertEquals(2, b.layout().pack()[1]);
            assertEquals(512, b.layout().pack()[11], "out's stride along the block's first dim");
            assertEquals(2, b.layout().pack()[21], "in's stride along the block's first dim");
        }
    }

    @Test
    void rankElevenWithMergeableDimsCollapsesBelowTen() {
        int[] shape = new int[11];
        Arrays.fill(shape, 2);
        View out = contiguous(DType.FLOAT32, shape);
        View in = contiguous(DType.FLOAT32, shape);
        Layouts.Collapsed c = Layouts.collapse(shape, out, in);
        assertEquals(1, c.rank());
        assertEquals(1, c.blocks().size());
    }

    @Test
    void blocksOfASplitWalkCoverEveryElementOnceInRowMajorOrder() {
        // rank 12 of sizes 2 and 3 that cannot merge: 4 blocks in the row-major order of the two outer dims.
        int[] shape = {3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
        long[] strides = new long[12];
        long s = 1;
        for (int d = 0; d < 12; d++) { // column-major: the first dim varies fastest
            strides[d] = s;
            s *= shape[d];
        }
        View out = contiguous(DType.FLOAT32, shape);
        View in = view(contiguous(DType.FLOAT32, (int) s), 0, shape, strides);
        Layouts.Collapsed c = Layouts.collapse(shape, out, in);
        assertEquals(12, c.rank());
        List<Layouts.Block> blocks = c.blocks();
        assertEquals(6, blocks.size());
        long[] outOffsets = blocks.stream().mapToLong(b -> b.offsets()[0]).toArray();
        long[] inOffsets = blocks.stream().mapToLong(b -> b.offsets()[1]).toArray();
        long[] firsts = blocks.stream().mapToLong(Layouts.Block::first).toArray();
        assertArrayEquals(new long[]{0, 1024, 2048, 3072, 4096, 5120}, outOffsets);
        assertArrayEquals(new long[]{0, 3, 1, 4, 2, 5}, inOffsets);
        assertArrayEquals(outOffsets, firsts, "out is contiguous, so its offsets are the row-major indices");
    }

    @Test
    void everyOperandMustHaveTheOutputsRank() {
        View out = contiguous(DType.FLOAT32, 2, 3);
        View in = contiguous(DType.FLOAT32, 6);
        assertThrows(IllegalArgumentException.class, () -> Layouts.collapse(out.shape, out, in));
    }

    @Test
    void aCollapsedWalkVisitsTheSameElementsInTheSameOrder() {
        // Brute force over a few layouts: walking the collapsed dims gives each operand's row-major offsets.
        Storage st = RecordingLauncher.storage(DType.FLOAT32, 1000);
        View out = View.contiguous(st, new int[]{2, 1, 3, 4});
        View[][] cases = {
            {out, new View(st, 7, new int[]{2, 1, 3, 4}, new long[]{12, 5, 4, 1})},
            {out, new View(st, 7, new int[]{2, 1, 3, 4}, new long[]{1, 0, 8, 2})},
            {out, new View(st, 0, new int[]{2, 1, 3, 4}, new long[]{0, 0, 4, 1})},
            {out, new View(st, 3, new int[]{2, 1, 3, 4}, new long[]{24, 3, 8, 2})},
        };
        for (View[] ops : cases) {
            Layouts.Collapsed c = Layouts.collapse(out.shape, ops);
            for (int k = 0; k < ops.length; k++) {
                assertArrayEquals(rowMajorOffsets(ops[k].shape, ops[k].strides),
                        rowMajorOffsets(c.sizes(), c.strides()[k]), "operand " + k + " of " + Arrays.toString(ops));
            }
        }
    }

    private static long[] rowMajorOffsets(int[] shape, long[] strides) {
        long[] sizes = new long[shape.length];
        for (int d = 0; d < shape.length; d++) {
            sizes[d] = shape[d];
        }
        return rowMajorOffsets(sizes, strides);
    }

    private static long[] rowMajorOffsets(long[] sizes, long[] strides) {
        long n = 1;
        for (long s : sizes) {
            n *= s;
        }
        long[] offsets = new long[(int) n];
        for (int i = 0; i < n; i++) {
            long rest = i, off = 0;
            for (int d = sizes.length - 1; d >= 0; d--) {
                off += (rest % sizes[d]) * strides[d];
                rest /= sizes[d];
            }
            offsets[i] = off;
        }
        return offsets;
    }
}
