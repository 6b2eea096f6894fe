package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.View;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.autograd4j.cuda.LaunchRecorder.contiguous;
import static dev.autograd4j.cuda.LaunchRecorder.strided;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reduce family's host logic: which kernel, how the work is split, the grid, and the argument list. */
class ReduceKernelsTest {
    private static final DType F = DType.FLOAT32;

    private static ReduceKernels.Plan plan(View out, View in) {
        return ReduceKernels.plan(ReduceLayout.of("sum", out, in));
    }

    @Test
    void opCodesAreTheHeadersAgReduceConstants() throws IOException {
        String header = Files.readString(Path.of("..", "cuda-kernels", "src", "main", "cuda", "ag_common.cuh"));
        Matcher m = Pattern.compile("#define AG_REDUCE_(\\w+) (\\d+)").matcher(header);
        int found = 0;
        while (m.find()) {
            assertEquals(Integer.parseInt(m.group(2)), ReduceKernels.code(ReduceOp.valueOf(m.group(1))), m.group());
            found++;
        }
        assertEquals(ReduceOp.values().length, found, "one AG_REDUCE_ code per ReduceOp");
    }

    @Test
    void aRowSumGivesEachRowAWarp() {
        LaunchRecorder k = new LaunchRecorder();
        View in = contiguous(F, 1024, 1024), out = contiguous(F, 1024, 1);
        ReduceKernels.reduce(k, ReduceOp.SUM, out, in);
        LaunchRecorder.Launch l = k.only();
        assertEquals("sum", l.op());
        assertEquals("reduce", l.module());
        assertEquals("reduce_warp_f32", l.kernel());
        assertEquals(128, l.gridX(), "8 warps per block of 256");
        assertEquals(256, l.blockX());
        assertEquals(1, l.gridY());
        assertEquals(0, l.sharedBytes());
        assertArrayEquals(ReduceLayout.of("sum", out, in).pack(), (long[]) l.arg(1));
        assertEquals(List.of(0, 1L, 1024L), List.of(l.arg(0), l.arg(2), l.arg(3)));
        assertSame(k.of(out), l.arg(4));
        assertSame(k.of(in), l.arg(5));
        assertNull(l.arg(6));
        assertNull(l.arg(7));
        assertTrue(k.scratches.isEmpty());
    }

    @Test
    void aColumnSumGivesEachColumnAThreadInParts() {
        LaunchRecorder k = new LaunchRecorder();
        View in = contiguous(F, 1024, 1024), out = contiguous(F, 1, 1024);
        ReduceKernels.reduce(k, ReduceOp.SUM, out, in);
        assertEquals(2, k.launches.size());
        LaunchRecorder.Launch parts = k.launches.get(0), combine = k.launches.get(1);
        // 1024 outputs of 1024 elements: 4 parts of 256 rows, 4096 threads.
        assertEquals("reduce_thread_f32", parts.kernel());
        assertEquals(16, parts.gridX());
        assertEquals(List.of(4L, 256L), List.of(parts.arg(2), parts.arg(3)));
        assertEquals(1, k.scratches.size());
        LaunchRecorder.FakeScratch partials = k.scratches.get(0);
        assertEquals(4096L * 8, partials.bytes);
        assertTrue(partials.closed, "the partials are released once both kernels are queued");
        assertSame(partials.address, parts.arg(6));
        assertNull(parts.arg(7), "no positions for a sum");
        assertEquals("reduce_combine_f32", combine.kernel());
        assertEquals(128, combine.gridX(), "a warp per output");
        assertEquals(List.of(0, 4L), List.of(combine.arg(0), combine.arg(2)));
        assertSame(k.of(out), combine.arg(3));
        assertSame(partials.address, combine.arg(4));
        assertNull(combine.arg(5));
        assertEquals(6, combine.args().size());
    }

    @Test
    void aLongReductionGivesBlocksInFixedParts() {
        // 2^26 elements to one output: 1024 parts of 65536, whatever the device.
        View in = contiguous(F, 8192, 8192), out = contiguous(F, 1, 1);
        assertEquals(new ReduceKernels.Plan(ReduceKernels.Group.BLOCK, 1024, 65536), plan(out, in));
        LaunchRecorder big = new LaunchRecorder(132), small = new LaunchRecorder(1);
        ReduceKernels.reduce(big, ReduceOp.SUM, out, in);
        ReduceKernels.reduce(small, ReduceOp.SUM, out, in);
        assertEquals("reduce_block_f32", big.launches.get(0).kernel());
        assertEquals(1024, big.launches.get(0).gridX());
        assertEquals(32, small.launches.get(0).gridX(), "capped at 32 blocks per multiprocessor");
        for (int i = 0; i < 2; i++) {
            LaunchRecorder.Launch a = big.launches.get(i), b = small.launches.get(i);
            assertEquals(a.kernel(), b.kernel());
            assertEquals(a.blockX(), b.blockX());
            assertArrayEquals((long[]) a.arg(1), (long[]) b.arg(1));
            assertEquals(a.arg(2), b.arg(2), "the parts do not depend on the device");
        }
        assertEquals(1, big.launches.get(1).gridX());
    }

    @Test
    void argReductionsKeepPositionsOfTheirParts() {
        LaunchRecorder k = new LaunchRecorder();
        View in = contiguous(DType.FLOAT64, 4, 100_000), out = contiguous(DType.INT64, 4, 1);
        ReduceKernels.reduce(k, ReduceOp.ARGMAX, out, in);
        // 6 parts of 16667 (the last shorter), two buffers of 4 * 6 longs
        LaunchRecorder.Launch parts = k.launches.get(0), combine = k.launches.get(1);
        assertEquals("reduce_block_f64", parts.kernel());
        assertEquals(List.of(3, 6L, 16667L), List.of(parts.arg(0), parts.arg(2), parts.arg(3)));
        assertEquals(2, k.scratches.size());
        assertEquals(192, k.scratches.get(0).bytes);
        assertEquals(192, k.scratches.get(1).bytes);
        assertSame(k.scratches.get(1).address, parts.arg(7));
        assertSame(k.scratches.get(1).address, combine.arg(5));
        assertEquals("reduce_combine_f64", combine.kernel());
        assertTrue(k.scratches.get(0).closed && k.scratches.get(1).closed);
    }

    @Test
    void shortRowsGiveEachOutputAThread() {
        assertEquals(new ReduceKernels.Plan(ReduceKernels.Group.THREAD, 1, 10),
                plan(contiguous(F, 1000, 1), contiguous(F, 1000, 10)));
        LaunchRecorder k = new LaunchRecorder();
        ReduceKernels.reduce(k, ReduceOp.MAX, contiguous(F, 1000, 1), contiguous(F, 1000, 10));
        assertEquals("reduce_thread_f32", k.only().kernel());
        assertEquals(4, k.only().gridX());
        // Nothing reduced (size-1 dims): a copy, one thread per element.
        assertEquals(new ReduceKernels.Plan(ReduceKernels.Group.THREAD, 1, 1),
                plan(contiguous(F, 3, 1), contiguous(F, 3, 1)));
    }

    @Test
    void theSplitIsChosenFromTheShapeAlone() {
        // Medium rows: a warp each, never split.
        assertEquals(new ReduceKernels.Plan(ReduceKernels.Group.WARP, 1, 4095),
                plan(contiguous(F, 1, 1), contiguous(F, 4095)));
        // From 4096: a block, in parts of at least 16384 elements.
        assertEquals(new ReduceKernels.Plan(ReduceKernels.Group.BLOCK, 1, 4096),
                plan(contiguous(F, 1, 1), contiguous(F, 4096)));
        assertEquals(new ReduceKernels.Plan(ReduceKernels.Group.BLOCK, 2, 16385),
                plan(contiguous(F, 1, 1), contiguous(F, 32770)));
        // Many long rows fill the device without splitting.
        assertEquals(new ReduceKernels.Plan(ReduceKernels.Group.BLOCK, 1, 100_000),
                plan(contiguous(F, 2048, 1), contiguous(F, 2048, 100_000)));
        // A column sum over many columns: each column a thread, split until some 2^18 threads share the work.
        assertEquals(new ReduceKernels.Plan(ReduceKernels.Group.THREAD, 4, 4096),
                plan(contiguous(F, 1, 65536), contiguous(F, 16384, 65536)));
        // A column sum over few columns splits the rows between threads: at least 256 rows each.
        assertEquals(new ReduceKernels.Plan(ReduceKernels.Group.THREAD, 3892, 257),
                plan(contiguous(F, 1, 2), contiguous(F, 1_000_000, 2)));
    }

    @Test
    void everyPartHoldsElements() {
        for (int n : new int[]{4096, 16384, 16385, 32767, 32768, 99_999, 1 << 20, (1 << 20) + 7}) {
            for (int outputs : new int[]{1, 3, 1000}) {
                ReduceKernels.Plan p = plan(contiguous(F, outputs, 1), contiguous(F, outputs, n));
                assertTrue(p.chunk() * p.parts() >= n, n + " " + p);
                assertTrue(p.chunk() * (p.parts() - 1) < n, "no empty part: " + n + " " + p);
                p = plan(contiguous(F, 1, outputs), contiguous(F, n, outputs));
                assertTrue(p.chunk() * p.parts() >= n && p.chunk() * (p.parts() - 1) < n, n + " " + p);
            }
        }
    }

    @Test
    void countsPastTwoToTheThirtyOneTravelAsLongs() {
        LaunchRecorder k = new LaunchRecorder();
        View rep = strided(F, new int[]{65536, 65536}, 0, 1);
        ReduceKernels.reduce(k, ReduceOp.SUM, contiguous(F, 1, 1), rep);
        LaunchRecorder.Launch l = k.launches.get(0);
        assertEquals("reduce_block_f32", l.kernel());
        assertEquals(1L << 32, ((long[]) l.arg(1))[1]);
        assertEquals(List.of(1024L, 1L << 22), List.of(l.arg(2), l.arg(3)));
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void theKernelIsNamedAfterTheInputAndWritesTheSpisDtype(ReduceOp op) {
        for (DType t : DType.values()) {
            LaunchRecorder k = new LaunchRecorder();
            DType o = ReduceKernels.outputType(op, t);
            ReduceKernels.reduce(k, op, contiguous(o, 2, 1), contiguous(t, 2, 3));
            assertEquals("reduce_thread_" + ReduceKernels.suffix(t), k.only().kernel());
            assertEquals(ReduceKernels.code(op), k.only().arg(0));
            assertEquals(op.name().toLowerCase(Locale.ROOT), k.only().op());
        }
        assertEquals(DType.INT64, ReduceKernels.outputType(ReduceOp.SUM, DType.INT32));
        assertEquals(DType.INT64, ReduceKernels.outputType(ReduceOp.SUM, DType.BOOL));
        assertEquals(DType.BOOL, ReduceKernels.outputType(ReduceOp.MAX, DType.BOOL));
    }

    @Test
    void aWrongOutputDtypeIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReduceKernels.reduce(
                new LaunchRecorder(), ReduceOp.SUM, contiguous(DType.INT32, 1), contiguous(DType.INT32, 3)));
        assertEquals("[sum] of int32 writes int64, not int32", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reductionsOverZeroElements(ReduceOp op) {
        LaunchRecorder k = new LaunchRecorder();
        View in = contiguous(F, 0, 3), out = contiguous(ReduceKernels.outputType(op, F), 1, 3);
        switch (op) {
            case SUM, ANY, ALL -> {
                // The thread kernel over zero elements writes each output's identity: 0, false, true.
                ReduceKernels.reduce(k, op, out, in);
                assertEquals("reduce_thread_f32", k.only().kernel());
                assertEquals(0L, ((long[]) k.only().arg(1))[1]);
                assertEquals(List.of(1L, 0L), List.of(k.only().arg(2), k.only().arg(3)));
            }
            default -> {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> ReduceKernels.reduce(k, op, out, in));
                assertEquals("[" + op.name().toLowerCase(Locale.ROOT) + "] cannot reduce over zero elements: input "
                        + "shape [0, 3], output shape [1, 3]", e.getMessage());
                assertTrue(k.launches.isEmpty());
            }
        }
        // No outputs: nothing to launch, for every op.
        LaunchRecorder none = new LaunchRecorder();
        ReduceKernels.reduce(none, op, contiguous(ReduceKernels.outputType(op, F), 0, 1), in);
        assertTrue(none.launches.isEmpty());
    }
}
