package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.AdaptiveAvgPool2d;
import dev.autograd4j.nn.AvgPool2d;
import dev.autograd4j.nn.BatchNorm1d;
import dev.autograd4j.nn.BatchNorm2d;
import dev.autograd4j.nn.Conv1d;
import dev.autograd4j.nn.Conv2d;
import dev.autograd4j.nn.Flatten;
import dev.autograd4j.nn.Functional;
import dev.autograd4j.nn.GroupNorm;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.MaxPool2d;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.optim.SGD;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The convolution, pooling and normalization modules, attention's dropout, and a small CNN against PyTorch. */
public abstract class ConvNnSuite extends DeviceSuite {

    /** {@code sin(a i + b) * scale} for {@code i < n}: weights both sides can write down. */
    private static float[] sines(int n, double a, double b, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((float) Math.sin(a * i + b) * (float) scale);
        }
        return out;
    }

    private static Sequential smallCnn() {
        Generator gen = new Generator(0);
        return new Sequential(new Conv2d(1, 4, new int[] {3}, new int[] {1}, new int[] {1}, new int[] {1}, 1, true, gen),
                new BatchNorm2d(4), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(64, 10, gen));
    }

    @Test
    void aSmallCnnTrainsAsPyTorchsWithTheSameWeights() {
        Sequential model = smallCnn();
        Map<String, Tensor> state = new LinkedHashMap<>(model.stateDict());
        state.put("0.weight", Tensor.of(sines(36, 0.37, 0.1, 0.3), 4, 1, 3, 3));
        state.put("0.bias", Tensor.of(sines(4, 1.1, 0.2, 0.1), 4));
        state.put("5.weight", Tensor.of(sines(640, 0.11, 0.3, 0.1), 10, 64));
        state.put("5.bias", Tensor.of(sines(10, 0.7, 0.4, 0.05), 10));
        model.loadStateDict(state);
        float[] xs = new float[4 * 64];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) Math.cos(0.05 * i * i % 7);
        }
        Tensor x = Tensor.of(xs, 4, 1, 8, 8);
        Tensor y = Tensor.of(new long[] {0, 3, 7, 9});
        SGD opt = new SGD(model.parameters(), new SGD.Options().lr(0.1).momentum(0.9));
        // PyTorch 1.13 (float32): nn.Sequential(Conv2d(1, 4, 3, padding=1), BatchNorm2d(4), ReLU(), MaxPool2d(2),
        // Flatten(), Linear(64, 10)) with these weights, SGD(lr=0.1, momentum=0.9), cross_entropy, three steps.
        double[] expected = {2.28430438041687, 1.1056084632873535, 0.32286563515663147};
        for (double e : expected) {
            opt.zeroGrad();
            Tensor loss = Functional.crossEntropy(model.forward(x), y);
            loss.backward();
            opt.step();
            assertEquals(e, loss.item(), 2e-5);
        }
        BatchNorm2d bn = (BatchNorm2d) model.namedChildren().get("1");
        assertArrayEquals(new float[] {0.06697970628738403f, -0.0342082679271698f, 0.07799225300550461f,
                -0.06484545767307281f}, bn.runningMean().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.7708008885383606f, 0.7727829813957214f, 0.7730128169059753f,
                0.7749441862106323f}, bn.runningVar().toFloatArray(), 1e-6f);
        assertEquals(3, model.stateDict().get("1.num_batches_tracked").item());
        model.eval();
        assertArrayEquals(new float[] {2.789414882659912f, -1.0457298755645752f, -1.2276781797409058f,
                1.5798453092575073f, -1.1251193284988403f, -0.9797711968421936f, -0.8022767901420593f,
                1.3046926259994507f, -0.7295283079147339f, 0.8083465099334717f},
                model.forward(x).select(0, 0).toFloatArray(), 5e-5f);
    }

    @Test
    void modulesPrintAsPyTorchsAndHoldItsStateDictKeys() {
        // PyTorch 1.13's repr of the same modules.
        assertEquals("Sequential(\n  (0): Conv2d(1, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))\n"
                + "  (1): BatchNorm2d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n"
                + "  (2): ReLU()\n  (3): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)\n"
                + "  (4): Flatten(start_dim=1, end_dim=-1)\n"
                + "  (5): Linear(in_features=64, out_features=10, bias=True)\n)", smallCnn().toString());
        Generator gen = new Generator(1);
        assertEquals("Conv2d(3, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)",
                new Conv2d(3, 8, new int[] {3}, new int[] {2}, new int[] {1}, new int[] {1}, 1, false, gen).toString());
        assertEquals("Conv1d(2, 4, kernel_size=(3,), stride=(1,), padding=(1,), dilation=(2,), groups=2)",
                new Conv1d(2, 4, 3, 1, 1, 2, 2, true, gen).toString());
        assertEquals("AvgPool2d(kernel_size=3, stride=1, padding=1)",
                new AvgPool2d(new int[] {3}, new int[] {1}, new int[] {1}, false, true).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=(2, 3))", new AdaptiveAvgPool2d(2, 3).toString());
        assertEquals("GroupNorm(2, 4, eps=1e-05, affine=True)", new GroupNorm(2, 4).toString());
        assertEquals("BatchNorm1d(5, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
                new BatchNorm1d(5).toString());
        assertEquals(java.util.List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                new java.util.ArrayList<>(new BatchNorm2d(3).stateDict().keySet()));
        assertEquals(DType.INT64, new BatchNorm2d(3).stateDict().get("num_batches_tracked").dtype());
    }

    @Test
    void convolutionInitIsPyTorchsUniformBoundAndTheModuleIsTheFunction() {
        Conv2d conv = new Conv2d(2, 6, new int[] {3, 2}, new int[] {1}, new int[] {1}, new int[] {1}, 2, true,
                new Generator(3));
        assertArrayEquals(new int[] {6, 1, 3, 2}, conv.weight().shape());
        assertEquals(device(), conv.weight().device());
        double bound = 1 / Math.sqrt(1 * 3 * 2); // fan_in = in / groups * kH * kW
        for (float v : conv.weight().tensor().toFloatArray()) {
            assertTrue(Math.abs(v) <= bound, "weight " + v);
        }
        for (float v : conv.bias().tensor().toFloatArray()) {
            assertTrue(Math.abs(v) <= bound, "bias " + v);
        }
        Tensor x = Tensor.rand(new Generator(4), 2, 2, 5, 5);
        assertArrayEquals(Functional.conv2d(x, conv.weight().tensor(), conv.bias().tensor(), new int[] {1},
                new int[] {1}, new int[] {1}, 2).toFloatArray(), conv.forward(x).toFloatArray());
        assertArrayEquals(new int[] {2, 6, 5, 6}, conv.forward(x).shape());
        Conv1d conv1 = new Conv1d(3, 2, 3, new Generator(5));
        assertArrayEquals(new int[] {4, 2, 5}, conv1.forward(Tensor.rand(new Generator(6), 4, 3, 7)).shape());
        assertArrayEquals(new int[] {2, 3, 2, 2}, new MaxPool2d(2).forward(Tensor.rand(new Generator(7), 2, 3, 5, 4))
                .shape());
        assertArrayEquals(new int[] {3, 1, 1}, new AdaptiveAvgPool2d(1).forward(Tensor.rand(new Generator(7), 3, 5, 4))
                .shape());
        assertArrayEquals(new int[] {2, 60}, new Flatten().forward(Tensor.zeros(2, 3, 5, 4)).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(3, 4, 3, new Generator(0)).forward(Tensor.zeros(1, 2, 5, 5)));
        assertTrue(e.getMessage().startsWith("[conv2d] weight [4, 3, 3, 3]"), e.getMessage());
    }

    @Test
    void batchNormWithoutMomentumKeepsTheCumulativeAverage() {
        BatchNorm1d bn = new BatchNorm1d(2, 1e-5, null, true, true);
        bn.forward(Tensor.of(new float[] {1, 2, 3, -1, 0, 0.5f}, 3, 2));
        bn.forward(Tensor.of(new float[] {2, 2, -1, 1, 4, 0}, 3, 2));
        // PyTorch 1.13: nn.BatchNorm1d(2, momentum=None) after the same two batches.
        assertArrayEquals(new float[] {1.5f, 0.75f}, bn.runningMean().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {4.333333492279053f, 1.625f}, bn.runningVar().toFloatArray(), 1e-6f);
        bn.eval();
        Tensor before = bn.runningMean().clone();
        bn.forward(Tensor.of(new float[] {10, 10, 20, 20}, 2, 2));
        assertArrayEquals(before.toFloatArray(), bn.runningMean().toFloatArray(), "eval leaves the statistics");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchNorm2d(2).forward(Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().startsWith("[BatchNorm2d] expected a 4-D input"), e.getMessage());
    }

    @Test
    void conv2dHasPyTorchsSecondDerivative() {
        Tensor x = Tensor.of(new float[] {0.5f, -1, 2, 0, 1.5f, -0.5f, 1, 2, -2, 0.25f, 3, -1, 1, 1, -1.5f, 0.75f, 2,
                -0.25f}, 1, 2, 3, 3).requiresGrad(true);
        Tensor w = Tensor.of(new float[] {1, -1, 0.5f, 2, 0, 1, -0.5f, 0.25f, 1.5f, 0.5f, -1, 1, -2, 0.5f, 1, 0},
                2, 2, 2, 2).requiresGrad(true);
        int[] one = {1};
        Tensor y = Functional.conv2d(x, w, null, one, one, one, 1);
        Tensor gx = dev.autograd4j.Autograd.grad(y.pow(2).sum(), x, true);
        gx.pow(2).sum().backward();
        // PyTorch 1.13 (float32): gx, = torch.autograd.grad(F.conv2d(x, w, padding=1).pow(2).sum(), x,
        // create_graph=True); gx.pow(2).sum().backward(), x and w as here.
        assertArrayEquals(new float[] {32.75f, -62.25f, 45.75f, 6.875f, 24.75f, -28.375f, 27.25f, 21.5625f, -50.25f,
                -15.46875f, 59.9375f, -40.875f, 4.125f, 13.0f, -22.9375f, -8.15625f, 12.625f, 22.96875f},
                gx.toFloatArray(), 1e-4f);
        assertArrayEquals(new float[] {2501.59375f, -4718.5f, 2693.4375f, -45.28125f, 1763.9375f, -2892.59375f,
                1298.1875f, 1091.078125f, -2532.875f, -1119.3984375f, 3591.53125f, -2983.25f, 159.65625f, 456.65625f,
                -668.390625f, -756.9140625f, 158.625f, 1712.5234375f}, x.grad().toFloatArray(), 2e-3f);
        assertArrayEquals(new float[] {6021.796875f, -5363.015625f, -1430.171875f, 6902.546875f, -3283.59375f,
                7611.90625f, -1071.921875f, 1576.171875f, 6125.65625f, -2706.53125f, -8858.375f, 7302.5f,
                -7667.28125f, 5851.40625f, 1552.5f, -392.125f}, w.grad().toFloatArray(), 2e-3f);
    }

    @Test
    void maxPool2dRecordsPyTorchsNodesAndAZeroSecondDerivative() {
        // PyTorch 1.13 (float32): x as here, y = F.max_pool2d(x, 2, 1); y.grad_fn is MaxPool2DWithIndicesBackward0;
        // g, = torch.autograd.grad(y.sum(), x, create_graph=True) is [[0, 2, 0], [0, 0, 0], [1, 0, 1]] with grad_fn
        // MaxPool2DWithIndicesBackwardBackward0, and g.sum().backward() leaves x.grad all zeros (not an error).
        Tensor x = Tensor.of(new float[] {1, 5, 2, 4, 3, 0, 7, 1, 6}, 1, 1, 3, 3).requiresGrad(true);
        int[] two = {2}, one = {1}, none = {0};
        Tensor y = Functional.maxPool2d(x, two, one, none, one, false);
        assertEquals("MaxPool2DWithIndicesBackward0", y.gradFn().name());
        Tensor g = dev.autograd4j.Autograd.grad(y.sum(), x, true);
        assertArrayEquals(new float[] {0, 2, 0, 0, 0, 0, 1, 0, 1}, g.toFloatArray());
        assertTrue(g.requiresGrad());
        assertEquals("MaxPool2DWithIndicesBackwardBackward0", g.gradFn().name());
        g.sum().backward();
        assertArrayEquals(new float[9], x.grad().toFloatArray());
        // With a weight upstream: y = F.max_pool2d(x * w, 2, 1), w ones; g, = grad((y * y).sum(), x,
        // create_graph=True); (g * g).sum().backward() gives these x.grad and w.grad.
        x.setGrad(null);
        Tensor w = Tensor.ones(1, 1, 3, 3).requiresGrad(true);
        Tensor yw = Functional.maxPool2d(x.mul(w), two, one, none, one, false);
        Tensor gw = dev.autograd4j.Autograd.grad(yw.mul(yw).sum(), x, true);
        gw.mul(gw).sum().backward();
        assertArrayEquals(new float[] {0, 160, 0, 0, 0, 0, 56, 0, 48}, x.grad().toFloatArray(), 1e-4f);
        assertArrayEquals(new float[] {0, 1600, 0, 0, 0, 0, 784, 0, 576}, w.grad().toFloatArray(), 1e-3f);
    }

    @Test
    void attentionDropoutDrawsFromTheGenerator() {
        Tensor q = Tensor.rand(new Generator(1), 2, 3, 4), k = Tensor.rand(new Generator(2), 2, 5, 4);
        Tensor v = Tensor.rand(new Generator(3), 2, 5, 2);
        Tensor out = Functional.scaledDotProductAttention(q, k, v, null, 0.5, false, null, new Generator(9));
        Tensor weights = q.matmul(k.transpose(1, 2)).mul(0.5).softmax(-1);
        Tensor expected = Functional.dropout(weights, 0.5, true, new Generator(9)).matmul(v);
        assertArrayEquals(expected.toFloatArray(), out.toFloatArray(), 1e-6f);
        Tensor again = Functional.scaledDotProductAttention(q, k, v, null, 0.5, false, null, new Generator(9));
        assertArrayEquals(out.toFloatArray(), again.toFloatArray(), "same seed, same draws");
        Tensor.manualSeed(9); // no generator: the default one, as torch's (it was an error)
        Tensor seeded = Functional.scaledDotProductAttention(q, k, v, null, 0.5, false, null, null);
        assertArrayEquals(out.toFloatArray(), seeded.toFloatArray(), "the default generator seeded alike");
    }

    @Test
    void emptyBatchesPassThroughAsInPyTorch() {
        // PyTorch 1.13: F.conv2d(zeros(0, 2, 5, 5), zeros(3, 2, 3, 3)).shape == (0, 3, 3, 3), F.max_pool2d(zeros(0, 2,
        // 4, 4), 2).shape == (0, 2, 2, 2); F.batch_norm(zeros(0, 3), rm, rv, w, training=True) is empty and leaves rm
        // and rv as they were; its backward gives w a zero gradient.
        assertArrayEquals(new int[] {0, 3, 3, 3}, Functional.conv2d(Tensor.zeros(0, 2, 5, 5), Tensor.zeros(3, 2, 3, 3),
                null).shape());
        assertArrayEquals(new int[] {0, 2, 2, 2}, Functional.maxPool2d(Tensor.zeros(0, 2, 4, 4), 2).shape());
        Tensor rm = Tensor.of(new float[] {1, 2, 3}), rv = Tensor.of(new float[] {4, 5, 6});
        Tensor x = Tensor.zeros(0, 3).requiresGrad(true), w = Tensor.ones(3).requiresGrad(true);
        Tensor y = Functional.batchNorm(x, rm, rv, w, null, true, 0.1, 1e-5);
        assertArrayEquals(new int[] {0, 3}, y.shape());
        y.sum().backward();
        assertArrayEquals(new float[] {0, 0, 0}, w.grad().toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3}, rm.toFloatArray());
        assertArrayEquals(new float[] {4, 5, 6}, rv.toFloatArray());
        assertArrayEquals(new int[] {2, 0}, Functional.batchNorm(Tensor.zeros(2, 0), Tensor.zeros(0), Tensor.ones(0),
                null, null, true, 0.1, 1e-5).shape(), "no channels");
        // PyTorch 1.13: F.group_norm(zeros(0, 4, 3), 2).shape == (0, 4, 3) (we failed in reshape's -1).
        assertArrayEquals(new int[] {0, 4, 3}, Functional.groupNorm(Tensor.zeros(0, 4, 3), 2, null, null, 1e-5)
                .shape());
    }

    @Test
    void aRejectedBatchLeavesTheBatchNormModuleAsItWas() {
        BatchNorm1d bn = new BatchNorm1d(3);
        bn.forward(Tensor.of(new float[] {1, 2, 3, 3, 2, 1}, 2, 3));
        Map<String, Tensor> before = new LinkedHashMap<>();
        bn.stateDict().forEach((k, v) -> before.put(k, v.clone()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Tensor.ones(4, 2)));
        assertTrue(e.getMessage().contains("[4, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.ones(1, 3)), "one value per channel");
        bn.stateDict().forEach((k, v) -> assertArrayEquals(before.get(k).toDoubleArray(), v.toDoubleArray(), 0.0, k));
        assertEquals(1, bn.stateDict().get("num_batches_tracked").item(), "the rejected batches were not counted");
    }

    @Test
    void planesPastTwoToThe31ElementsAreRejectedBeforeAnythingIsAllocated() {
        // A broadcast 50000x50000 plane holds 2.5e9 elements in one stored value; its sizes overflowed int.
        Tensor big = Tensor.zeros(1, 1, 1, 1).expand(1, 1, 50000, 50000);
        IllegalArgumentException conv = assertThrows(IllegalArgumentException.class,
                () -> Functional.conv2d(big, Tensor.ones(1, 1, 3, 3), null));
        assertTrue(conv.getMessage().startsWith("[conv2d] input [1, 1, 50000, 50000] is too large"), conv.getMessage());
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
                () -> Functional.maxPool2d(big, 2));
        assertTrue(pool.getMessage().startsWith("[max_pool2d] input [1, 1, 50000, 50000] is too large"),
                pool.getMessage());
        IllegalArgumentException adaptive = assertThrows(IllegalArgumentException.class,
                () -> Functional.adaptiveAvgPool2d(big, 2));
        assertTrue(adaptive.getMessage().startsWith("[adaptive_avg_pool2d]"), adaptive.getMessage());
    }

    // ------------------------------------------------------------------------------------------------------------
    // padding="same"/"valid" and padding_mode (PyTorch 1.13, float32)
    // ------------------------------------------------------------------------------------------------------------

    /** {@code (arange(1, n + 1) % period - shift) / scale}, PyTorch's expression for the inputs below. */
    private static float[] periodic(int n, int period, int shift, float scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((i + 1) % period - shift) / scale;
        }
        return out;
    }

    /**
     * {@code m = nn.Conv2d(2, 3, (2, 3), padding='same', dilation=(1, 2), padding_mode=mode)} with
     * {@code m.weight = (arange(1., 37).reshape(3, 2, 2, 3) % 5 - 2) / 4}, {@code m.bias = [0.1, -0.2, 0.3]}, applied
     * to {@code x = (arange(1., 41).reshape(1, 2, 4, 5) % 7 - 3) / 2}.
     */
    private static Tensor conv2dSame(String padding, String mode, int[] paddingNumbers) {
        Generator gen = new Generator(0);
        Conv2d m = padding != null
                ? new Conv2d(2, 3, new int[] {2, 3}, new int[] {1}, padding, new int[] {1, 2}, 1, true, mode, gen)
                : new Conv2d(2, 3, new int[] {2, 3}, new int[] {1}, paddingNumbers, new int[] {1}, 1, true, mode, gen);
        m.loadStateDict(Map.of("weight", Tensor.of(periodic(36, 5, 2, 4), 3, 2, 2, 3),
                "bias", Tensor.of(new float[] {0.1f, -0.2f, 0.3f})));
        return m.forward(Tensor.of(periodic(40, 7, 3, 2), 1, 2, 4, 5));
    }

    @Test
    void conv2dSamePaddingInEveryModeMatchesPyTorch() {
        // PyTorch 1.13: the even kernel height pads one row below, the width 2 * (3 - 1) = 4 columns, 2 each side.
        Map<String, float[]> expected = new LinkedHashMap<>();
        expected.put("zeros", new float[] {-1.275f, 0.475f, 1.85f, -0.775f, 0.6f, -1.275f, -0.4f, -1.4f, 0.85f, 1.35f,
                1.35f, 0.475f, -1.15f, -0.15f, -1.4f, -0.025f, 0.475f, 1.1f, 0.225f, 0.225f, -0.575f, -0.45f, -2.575f,
                -0.45f, -0.075f, 1.8f, -0.7f, 0.175f, 0.55f, -1.7f, -1.075f, 0.8f, 2.05f, -1.075f, 1.05f, -0.2f, -0.575f,
                -1.575f, -0.2f, 0.175f, 1.55f, -0.575f, 2.55f, 1.3f, -0.575f, -1.2f, 1.05f, 0.675f, -0.2f, 2.3f, 0.425f,
                0.05f, -2.075f, 0.05f, -0.075f, 0.425f, 0.425f, 0.925f, 0.175f, -0.325f});
        expected.put("reflect", new float[] {-1.025f, -0.9f, 1.85f, -0.525f, 0.6f, -0.775f, 0.225f, -1.4f, 0.6f,
                -0.025f, 1.225f, 0.475f, -1.15f, -0.025f, -0.65f, -0.525f, 0.475f, 0.6f, 1.725f, 1.1f, -0.575f, -0.7f,
                -2.575f, -1.325f, -0.95f, 0.425f, -0.575f, 0.175f, 1.425f, 0.05f, -0.325f, 1.3f, 2.05f, -0.2f, 0.175f,
                0.425f, -0.575f, -2.45f, -0.325f, 0.05f, 0.675f, 0.3f, 2.55f, 1.8f, 0.175f, 0.55f, 1.925f, 0.675f,
                -0.075f, 0.925f, -0.45f, -0.825f, -2.075f, -0.2f, -0.075f, 0.3f, 1.675f, 2.175f, -0.325f, -0.2f});
        expected.put("replicate", new float[] {-0.775f, 0.975f, 1.85f, -0.275f, 1.1f, -1.4f, -0.525f, -1.4f, 0.85f,
                1.35f, 1.475f, 0.6f, -1.15f, -1.525f, -2.775f, 0.725f, 0.725f, 0.725f, 0.35f, -0.025f, -1.95f, -1.825f,
                -2.575f, -1.325f, -0.95f, 2.55f, 0.05f, 0.175f, -0.325f, -2.575f, -0.825f, 1.05f, 2.05f, 0.675f, 2.8f,
                -0.825f, -0.7f, -0.575f, -0.2f, 0.175f, 3.3f, 1.175f, 2.55f, 1.55f, -0.325f, -2.075f, 0.175f, 0.675f,
                0.55f, 3.05f, -0.45f, -0.825f, -2.075f, -1.325f, -1.45f, 0.3f, -0.075f, -0.45f, -0.575f, -0.7f});
        expected.put("circular", new float[] {-1.15f, 0.475f, 1.85f, -2.15f, 0.35f, -2.65f, -0.15f, -1.4f, 1.6f,
                1.475f, 1.975f, 0.975f, -1.15f, 0.1f, -0.9f, 0.85f, 0.725f, 1.225f, -0.15f, -0.275f, -0.325f, 0.05f,
                -2.575f, 1.3f, 0.8f, 1.55f, -0.7f, 0.175f, -0.325f, -0.825f, -0.95f, -0.575f, 2.05f, -1.95f, 0.175f,
                -0.45f, -0.075f, -0.95f, -0.575f, -0.2f, 0.675f, -1.45f, 2.55f, -0.075f, -0.45f, -0.325f, 0.175f, 0.675f,
                -0.2f, 2.05f, 1.3f, 1.8f, -2.075f, 0.55f, 0.175f, 0.3f, -0.075f, -0.45f, 0.425f, 0.05f});
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            Tensor y = conv2dSame("same", e.getKey(), null);
            assertArrayEquals(new int[] {1, 3, 4, 5}, y.shape(), e.getKey());
            assertArrayEquals(e.getValue(), y.toFloatArray(), 2e-6f, e.getKey());
        }
        // nn.Conv2d(2, 3, (2, 3), padding=1, padding_mode='circular'): [1, 3, 5, 5], first row and last values
        Tensor circular = conv2dSame(null, "circular", new int[] {1});
        assertArrayEquals(new int[] {1, 3, 5, 5}, circular.shape());
        float[] c = circular.toFloatArray();
        assertArrayEquals(new float[] {0.475f, 0.975f, 0.85f, 0.725f, -0.65f}, java.util.Arrays.copyOfRange(c, 0, 5),
                2e-6f);
        assertArrayEquals(new float[] {2.175f, 0.55f, 0.175f, -0.2f, -0.575f, 0.3f},
                java.util.Arrays.copyOfRange(c, 69, 75), 2e-6f);
        // padding='valid' pads nothing: [1, 3, 3, 1] (the width's dilated kernel spans 5)
        assertArrayEquals(new int[] {1, 3, 3, 1}, conv2dSame("valid", "zeros", null).shape());
    }

    @Test
    void conv1dSameReflectMatchesPyTorchWithItsGradient() {
        // m = nn.Conv1d(2, 2, 4, padding='same', padding_mode='reflect', bias=False),
        // m.weight = (arange(1., 17).reshape(2, 2, 4) % 3 - 1) / 2, x = (arange(1., 13).reshape(1, 2, 6) % 5 - 2) / 2;
        // m(x).sum().backward()
        Conv1d m = new Conv1d(2, 2, 4, 1, "same", 1, 1, false, "reflect", new Generator(0));
        m.loadStateDict(Map.of("weight", Tensor.of(periodic(16, 3, 1, 2), 2, 2, 4)));
        Tensor x = Tensor.of(periodic(12, 5, 2, 2), 1, 2, 6).requiresGrad(true);
        Tensor y = m.forward(x);
        assertArrayEquals(new float[] {0.5f, -1, -0.75f, 2, -0.75f, -0.5f, -0.5f, -0.25f, 2, -0.75f, -0.5f, -0.25f},
                y.toFloatArray(), 1e-6f);
        y.sum().backward();
        assertArrayEquals(new float[] {0, -0.5f, -0.5f, -1, -1, 0, 0.5f, 0.5f, 0.5f, 1, 0.5f, 0},
                x.grad().toFloatArray(), 1e-6f);
        // nn.Conv1d(2, 2, 4, padding=2, padding_mode='replicate', bias=False): [1, 2, 7]
        Conv1d r = new Conv1d(2, 2, 4, 1, 2, 1, 1, false, "replicate", new Generator(0));
        r.loadStateDict(Map.of("weight", Tensor.of(periodic(16, 3, 1, 2), 2, 2, 4)));
        assertArrayEquals(new float[] {0.25f, 0.25f, -1, -0.75f, 2, -0.5f, -0.25f, 0, -0.25f, -0.25f, 2, -0.75f,
                -0.75f, 0.5f}, r.forward(x.detach()).toFloatArray(), 1e-6f);
        // Unbatched [C, L] input, as PyTorch's
        assertArrayEquals(new int[] {2, 6}, m.forward(x.detach().reshape(2, 6)).shape());
    }

    @Test
    void paddingNamesAndModesPrintAndFailAsPyTorchs() {
        Generator gen = new Generator(0);
        // repr(nn.Conv2d(2, 3, (2, 3), padding='same', dilation=(1, 2), padding_mode='reflect'))
        assertEquals("Conv2d(2, 3, kernel_size=(2, 3), stride=(1, 1), padding=same, dilation=(1, 2),"
                + " padding_mode=reflect)", new Conv2d(2, 3, new int[] {2, 3}, new int[] {1}, "same", new int[] {1, 2},
                1, true, "reflect", gen).toString());
        // repr(nn.Conv1d(2, 2, 3, padding='valid')), repr(nn.Conv1d(2, 2, 3, padding=2, padding_mode='circular'))
        assertEquals("Conv1d(2, 2, kernel_size=(3,), stride=(1,), padding=valid)",
                new Conv1d(2, 2, 3, 1, "valid", 1, 1, true, "zeros", gen).toString());
        assertEquals("Conv1d(2, 2, kernel_size=(3,), stride=(1,), padding=(2,), padding_mode=circular)",
                new Conv1d(2, 2, 3, 1, 2, 1, 1, true, "circular", gen).toString());
        // ValueError: padding='same' is not supported for strided convolutions
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(2, 3,
                new int[] {3}, new int[] {2}, "same", new int[] {1}, 1, true, "zeros", gen));
        assertEquals("[Conv2d] padding='same' is not supported for strided convolutions, but got stride [2, 2]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv1d(2, 2, 3, 2, "same", 1, 1, true, "zeros", gen));
        // ValueError: Invalid padding string 'foo', should be one of {'valid', 'same'}
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(2, 3, new int[] {3}, new int[] {1}, "foo",
                new int[] {1}, 1, true, "zeros", gen));
        assertEquals("[Conv2d] invalid padding string 'foo', should be 'same' or 'valid'", e.getMessage());
        // ValueError: padding_mode must be one of {...}, but got padding_mode='zero'
        e = assertThrows(IllegalArgumentException.class, () -> new Conv1d(2, 2, 3, 1, 1, 1, 1, true, "zero", gen));
        assertEquals("[Conv1d] padding_mode must be one of 'zeros', 'reflect', 'replicate' or 'circular', but got"
                + " 'zero'", e.getMessage());
        // nn.Conv2d(1, 1, 3, padding=4, padding_mode='reflect')(ones(1, 1, 4, 4)): RuntimeError, padding size should
        // be less than the corresponding input dimension
        Conv2d tooMuch = new Conv2d(1, 1, new int[] {3}, new int[] {1}, new int[] {4}, new int[] {1}, 1, true,
                "reflect", gen);
        e = assertThrows(IllegalArgumentException.class, () -> tooMuch.forward(Tensor.ones(1, 1, 4, 4)));
        assertTrue(e.getMessage().startsWith("[pad]"), e.getMessage());
    }
}
