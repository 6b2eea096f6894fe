package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.spi.FusedOp;
import dev.autograd4j.spi.View;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static dev.autograd4j.cuda.LaunchRecorder.contiguous;
import static dev.autograd4j.cuda.LaunchRecorder.strided;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fused family: row geometry, kernel names and argument lists. */
class FusedKernelsTest {
    private static final DType F = DType.FLOAT32;

    @ParameterizedTest
    @EnumSource(FusedOp.class)
    void everyFusedOpButTheScanIsSupported(FusedOp op) {
        // no scan kernel on the GPU yet: cumsum and cumprod compose theirs there
        assertEquals(op != FusedOp.SCAN, FusedKernels.supports(op));
    }

    @Test
    void rowsOfUpToAThousandGetAWarpLongerOnesABlock() {
        assertEquals(new FusedKernels.Rows("warp", 256, 13), FusedKernels.rows(100, 5, 132));
        assertEquals(new FusedKernels.Rows("warp", 256, 4224), FusedKernels.rows(1 << 20, 1024, 132));
        assertEquals(new FusedKernels.Rows("warp", 256, 32), FusedKernels.rows(1 << 20, 1024, 1));
        assertEquals(new FusedKernels.Rows("block", 128, 10), FusedKernels.rows(10, 1025, 132));
        assertEquals(new FusedKernels.Rows("block", 128, 10), FusedKernels.rows(10, 4096, 132));
        assertEquals(new FusedKernels.Rows("block", 256, 10), FusedKernels.rows(10, 4097, 132));
        assertEquals(new FusedKernels.Rows("block", 1024, 4096), FusedKernels.rows(4096, 32768, 132));
        assertEquals(new FusedKernels.Rows("block", 1024, 4224), FusedKernels.rows(100_000, 1 << 20, 132));
    }

    @Test
    void softmaxAndItsBackward() {
        for (boolean log : new boolean[]{false, true}) {
            LaunchRecorder k = new LaunchRecorder();
            View in = contiguous(F, 4, 3, 5), out = contiguous(F, 4, 3, 5);
            FusedKernels.softmax(k, out, in, log);
            LaunchRecorder.Launch l = k.only();
            assertEquals(log ? "log_softmax" : "softmax", l.op());
            assertEquals("fused", l.module());
            assertEquals("softmax_warp_f32", l.kernel());
            assertEquals(List.of(2, 1, 256, 0), List.of(l.gridX(), l.gridY(), l.blockX(), l.sharedBytes()));
            assertEquals(List.of(12L, 5L, k.of(out), k.of(in), log ? 1 : 0), l.args());

            LaunchRecorder b = new LaunchRecorder();
            View g = contiguous(DType.FLOAT64, 2, 5000), y = contiguous(DType.FLOAT64, 2, 5000);
            View gi = contiguous(DType.FLOAT64, 2, 5000);
            FusedKernels.softmaxBackward(b, gi, g, y, log);
            l = b.only();
            assertEquals(log ? "log_softmax_backward" : "softmax_backward", l.op());
            assertEquals("softmax_backward_block_f64", l.kernel());
            assertEquals(256, l.blockX());
            assertEquals(List.of(2L, 5000L, b.of(gi), b.of(g), b.of(y), log ? 1 : 0), l.args());
        }
    }

    @Test
    void onlyContiguousFloatingRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FusedKernels.softmax(
                new LaunchRecorder(), contiguous(DType.INT32, 2, 3), contiguous(DType.INT32, 2, 3), false));
        assertEquals("[softmax] is not defined for dtype int32 on CUDA", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FusedKernels.softmax(new LaunchRecorder(),
                contiguous(F, 2, 3), strided(F, new int[]{2, 3}, 1, 2), true));
        assertTrue(e.getMessage().startsWith("[log_softmax] needs contiguous rows"), e.getMessage());
    }

    @Test
    void emptyRowsLaunchNothing() {
        LaunchRecorder k = new LaunchRecorder();
        FusedKernels.softmax(k, contiguous(F, 0, 5), contiguous(F, 0, 5), false);
        FusedKernels.layerNorm(k, contiguous(F, 0, 5), contiguous(F, 0), contiguous(F, 0), contiguous(F, 0, 5), null,
                null, 1e-5);
        FusedKernels.crossEntropy(k, contiguous(F, 0, 5), contiguous(F, 0), contiguous(F, 0), contiguous(F, 0, 5),
                contiguous(DType.INT64, 0), null, -100);
        FusedKernels.nllLossBackward(k, contiguous(F, 0, 5), contiguous(F, 0), contiguous(DType.INT64, 0), null, -100);
        assertTrue(k.launches.isEmpty());
        assertTrue(k.checks.isEmpty());
    }

    @Test
    void layerNormPassesEachVectorsStride() {
        LaunchRecorder k = new LaunchRecorder();
        View out = contiguous(F, 3, 4), in = contiguous(F, 3, 4);
        View mean = strided(F, new int[]{3}, 2), rstd = contiguous(F, 3), w = strided(F, new int[]{4}, 3);
        View b = contiguous(F, 4);
        FusedKernels.layerNorm(k, out, mean, rstd, in, w, b, 1e-5);
        LaunchRecorder.Launch l = k.only();
        assertEquals("layer_norm_warp_f32", l.kernel());
        assertEquals(List.of(3L, 4L, k.of(out), k.of(mean), 2L, k.of(rstd), 1L, k.of(in), k.of(w), 3L, k.of(b), 1L,
                1e-5), l.args());
        LaunchRecorder plain = new LaunchRecorder();
        FusedKernels.layerNorm(plain, out, mean, rstd, in, null, null, 0.5);
        assertEquals(Arrays.asList(null, 0L, null, 0L, 0.5), plain.only().args().subList(8, 13));
    }

    @Test
    void layerNormBackwardGradientsOfTheInputAndOfTheParameters() {
        LaunchRecorder k = new LaunchRecorder();
        View g = contiguous(F, 20, 8), x = contiguous(F, 20, 8), mean = contiguous(F, 20), rstd = contiguous(F, 20);
        View gi = contiguous(F, 20, 8), w = contiguous(F, 8), gw = contiguous(F, 8), gb = contiguous(F, 8);
        FusedKernels.layerNormBackward(k, gi, gw, gb, g, x, mean, rstd, w);
        assertEquals(2, k.launches.size());
        LaunchRecorder.Launch rows = k.launches.get(0), params = k.launches.get(1);
        assertEquals("layer_norm_backward", rows.op());
        assertEquals("layer_norm_backward_warp_f32", rows.kernel());
        assertEquals(List.of(20L, 8L, k.of(gi), k.of(g), k.of(x), k.of(mean), 1L, k.of(rstd), 1L, k.of(w), 1L),
                rows.args());
        // 20 rows: one part, written straight to the gradients.
        assertEquals("layer_norm_params_f32", params.kernel());
        assertEquals(8, params.n());
        assertEquals(Arrays.asList(8L, 8L, 20L, 32L, k.of(gw), 1L, k.of(gb), 1L, k.of(g), k.of(x), k.of(mean), 1L,
                k.of(rstd), 1L, null, null), params.args());
        assertTrue(k.scratches.isEmpty());
    }

    @Test
    void manyRowsAreSummedInParts() {
        LaunchRecorder k = new LaunchRecorder();
        int rows = 10_000;
        View g = contiguous(DType.FLOAT64, rows, 768), x = contiguous(DType.FLOAT64, rows, 768);
        View mean = contiguous(DType.FLOAT64, rows), rstd = contiguous(DType.FLOAT64, rows);
        View gb = contiguous(DType.FLOAT64, 768);
        FusedKernels.layerNormBackward(k, null, null, gb, g, x, mean, rstd, null);
        // 10000 rows: parts of 40 rows (at most 256 parts), so 250 parts.
        assertEquals(40, FusedKernels.rowsPerPart(rows));
        assertEquals(2, k.launches.size());
        LaunchRecorder.Launch parts = k.launches.get(0), combine = k.launches.get(1);
        assertEquals("layer_norm_params_f64", parts.kernel());
        assertEquals(250L * 768, parts.n());
        assertEquals(List.of(250L * 768, 768L, 10_000L, 40L), parts.args().subList(0, 4));
        assertNull(parts.arg(4), "no weight gradient wanted");
        assertSame(k.scratches.get(0).address, parts.arg(14));
        assertSame(k.scratches.get(1).address, parts.arg(15));
        assertEquals(250L * 768 * 8, k.scratches.get(0).bytes);
        assertEquals("layer_norm_params_combine_f64", combine.kernel());
        assertEquals(768, combine.n());
        assertEquals(Arrays.asList(768L, 250L, null, 0L, k.of(gb), 1L, k.scratches.get(0).address,
                k.scratches.get(1).address), combine.args());
        assertTrue(k.scratches.get(0).closed && k.scratches.get(1).closed);
        // Nothing wanted, nothing launched.
        LaunchRecorder none = new LaunchRecorder();
        FusedKernels.layerNormBackward(none, null, null, null, g, x, mean, rstd, null);
        assertTrue(none.launches.isEmpty());
    }

    @Test
    void crossEntropyAndTheNllBackwardCheckTheirTargets() {
        LaunchRecorder k = new LaunchRecorder();
        View lp = contiguous(F, 4, 5), losses = contiguous(F, 4), weights = contiguous(F, 4);
        View logits = contiguous(F, 4, 5), target = contiguous(DType.INT64, 4), cw = contiguous(F, 5);
        FusedKernels.crossEntropy(k, lp, losses, weights, logits, target, cw, -100);
        LaunchRecorder.Launch l = k.only();
        assertEquals("cross_entropy", l.op());
        assertEquals("cross_entropy_warp_f32", l.kernel());
        assertEquals(List.of(4L, 5L, k.of(lp), k.of(losses), 1L, k.of(weights), 1L, k.of(logits), k.of(target), 1L,
                k.of(cw), 1L, -100L, k.errors), l.args());
        assertEquals(List.of("cross_entropy for 5 classes"), k.checks);

        LaunchRecorder b = new LaunchRecorder();
        View gi = contiguous(F, 4, 5), gl = strided(F, new int[]{4}, 0);
        FusedKernels.nllLossBackward(b, gi, gl, target, null, 7);
        l = b.only();
        assertEquals("nll_loss_backward", l.op());
        assertEquals("nll_loss_backward_contig_f32", l.kernel());
        assertEquals(20, l.n());
        assertEquals(Arrays.asList(20L, 5L, b.of(gi), b.of(gl), 0L, b.of(target), 1L, null, 0L, 7L, b.errors),
                l.args());
        assertEquals(List.of("nll_loss_backward for 5 classes"), b.checks);
    }
}
