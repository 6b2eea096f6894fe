package dev.autograd4j.suites;

import dev.autograd4j.Backends;
import dev.autograd4j.DType;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.BCELoss;
import dev.autograd4j.nn.BCEWithLogitsLoss;
import dev.autograd4j.nn.Dropout;
import dev.autograd4j.nn.ELU;
import dev.autograd4j.nn.Functional;
import dev.autograd4j.nn.Hardtanh;
import dev.autograd4j.nn.HuberLoss;
import dev.autograd4j.nn.Init;
import dev.autograd4j.nn.KLDivLoss;
import dev.autograd4j.nn.L1Loss;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.LogSigmoid;
import dev.autograd4j.nn.Mish;
import dev.autograd4j.nn.Reduction;
import dev.autograd4j.nn.SiLU;
import dev.autograd4j.nn.SmoothL1Loss;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What issue 9 added besides the op database's entries (see {@code ActivationLossDb}), on the suite's device: the nn
 * modules of the new activations and losses, the default generator, the shorter backward, and the rough edges a new
 * user hit (std at zero variance, softmax over an empty dim, integer matmul, errors naming the op called, a null
 * array, an allocation the heap cannot hold). Numbers from PyTorch 1.13 say so.
 */
public abstract class ModelOpsSuite extends DeviceSuite {

    private static void assertSameValues(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0.0);
    }

    @Test
    void activationModulesCallTheirFunctions() {
        Tensor x = Tensor.of(new float[] {-2, -0.5f, 0, 0.5f, 2});
        assertSameValues(Functional.silu(x), new SiLU().forward(x));
        assertSameValues(Functional.mish(x), new Mish().forward(x));
        assertSameValues(Functional.elu(x, 0.5), new ELU(0.5).forward(x));
        assertSameValues(Functional.elu(x), new ELU().forward(x));
        assertSameValues(Functional.hardtanh(x, -1, 0.25), new Hardtanh(-1, 0.25).forward(x));
        assertSameValues(Functional.logsigmoid(x), new LogSigmoid().forward(x));
        assertEquals("ELU(alpha=0.5)", new ELU(0.5).toString());
    }

    @Test
    void theNewActivationAndResamplingModulesCallTheirFunctions() {
        Tensor x = Tensor.of(new float[] {-4, -2, -0.5f, 0, 0.5f, 2, 4, 1}, 2, 4);
        assertSameValues(Functional.relu6(x), new dev.autograd4j.nn.ReLU6().forward(x));
        assertSameValues(Functional.hardsigmoid(x), new dev.autograd4j.nn.Hardsigmoid().forward(x));
        assertSameValues(Functional.hardswish(x), new dev.autograd4j.nn.Hardswish().forward(x));
        assertSameValues(Functional.selu(x), new dev.autograd4j.nn.SELU().forward(x));
        assertSameValues(Functional.celu(x, 0.5), new dev.autograd4j.nn.CELU(0.5).forward(x));
        assertSameValues(Functional.softsign(x), new dev.autograd4j.nn.Softsign().forward(x));
        assertSameValues(Functional.tanhshrink(x), new dev.autograd4j.nn.Tanhshrink().forward(x));
        assertSameValues(Functional.softmin(x, 1), new dev.autograd4j.nn.Softmin(1).forward(x));
        assertSameValues(Functional.threshold(x, 0.5, -2), new dev.autograd4j.nn.Threshold(0.5, -2).forward(x));
        assertSameValues(Functional.hardshrink(x, 0.5), new dev.autograd4j.nn.Hardshrink().forward(x));
        assertSameValues(Functional.softshrink(x, 0.3), new dev.autograd4j.nn.Softshrink(0.3).forward(x));
        assertSameValues(Functional.glu(x, -1), new dev.autograd4j.nn.GLU().forward(x));
        Tensor img = Tensor.arange(16).to(DType.FLOAT32).reshape(1, 4, 2, 2);
        assertSameValues(Functional.pixelShuffle(img, 2), new dev.autograd4j.nn.PixelShuffle(2).forward(img));
        assertSameValues(img, new dev.autograd4j.nn.PixelUnshuffle(2).forward(Functional.pixelShuffle(img, 2)));
        assertSameValues(Functional.interpolate(img, new double[] {2, 2}, "nearest"),
                dev.autograd4j.nn.Upsample.byFactor(2, "nearest").forward(img));
        assertSameValues(Functional.interpolate(img, new int[] {3, 5}, "bilinear", true),
                dev.autograd4j.nn.Upsample.toSize(new int[] {3, 5}, "bilinear", true).forward(img));
        // PyTorch 1.13's reprs: repr(nn.CELU(0.5)), repr(nn.Threshold(0.5, -2.)), repr(nn.Upsample(...)), ...
        assertEquals("CELU(alpha=0.5)", new dev.autograd4j.nn.CELU(0.5).toString());
        assertEquals("Threshold(threshold=0.5, value=-2.0)", new dev.autograd4j.nn.Threshold(0.5, -2).toString());
        assertEquals("Softshrink(0.3)", new dev.autograd4j.nn.Softshrink(0.3).toString());
        assertEquals("GLU(dim=-1)", new dev.autograd4j.nn.GLU().toString());
        assertEquals("PixelShuffle(upscale_factor=2)", new dev.autograd4j.nn.PixelShuffle(2).toString());
        assertEquals("Upsample(scale_factor=2.0, mode=nearest)", dev.autograd4j.nn.Upsample.byFactor(2,
                "nearest").toString());
        assertEquals("Upsample(size=(4, 5), mode=bilinear)", dev.autograd4j.nn.Upsample.toSize(new int[] {4, 5},
                "bilinear", true).toString());
        assertEquals("InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)",
                new dev.autograd4j.nn.InstanceNorm2d(3).toString());
    }

    @Test
    void preluLearnsItsSlopesAndInstanceNormItsAffineParameters() {
        // PyTorch 1.13: nn.PReLU(2) holds weight = [0.25, 0.25]; for x = [[1, -2], [-3, 0.5]] the output is
        // [[1, -0.5], [-0.75, 0.5]] and out.sum().backward() gives weight.grad = [-3, -2]
        var prelu = new dev.autograd4j.nn.PReLU(2, 0.25);
        prelu.to(device());
        assertEquals(List.of("weight"), List.copyOf(prelu.namedParameters().keySet()));
        Tensor x = Tensor.of(new float[] {1, -2, -3, 0.5f}, 2, 2).to(device());
        Tensor out = prelu.forward(x);
        assertArrayEquals(new double[] {1, -0.5, -0.75, 0.5}, out.toDoubleArray(), 1e-7);
        out.sum().backward();
        assertArrayEquals(new double[] {-3, -2}, prelu.weight.tensor().grad().toDoubleArray(), 1e-6);
        var norm = new dev.autograd4j.nn.InstanceNorm1d(2, 1e-5, true);
        norm.to(device());
        assertEquals(List.of("weight", "bias"), List.copyOf(norm.namedParameters().keySet()));
        Tensor seq = Tensor.of(new float[] {1, 2, 4, 7, 3, 5, 9, 0}, 2, 4).to(device()); // unbatched [C, L]
        assertArrayEquals(Functional.instanceNorm(seq.unsqueeze(0), null, null, 1e-5).squeeze(0).toDoubleArray(),
                norm.forward(seq).toDoubleArray(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> norm.forward(Tensor.ones(2).to(device())));
    }

    @Test
    void instanceNormKeepsRunningStatisticsAsPyTorchDoes() {
        // PyTorch 1.13 (float32): m = nn.InstanceNorm2d(2, track_running_stats=True, affine=True), x =
        // torch.arange(24.).reshape(2, 2, 2, 3).sin() * 2 + 0.5; m(x), then m(x * 3), then m.eval() and m(x), then
        // m.train() and m(x[0]) (unbatched). num_batches_tracked stays 0.
        var m = new dev.autograd4j.nn.InstanceNorm2d(2, 1e-5, 0.1, true, true);
        m.to(device());
        assertEquals("InstanceNorm2d(2, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)", m.toString());
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(m.stateDict().keySet()));
        Tensor x = Tensor.arange(24).to(DType.FLOAT32).reshape(2, 2, 2, 3).sin().mul(2).add(0.5).to(device());
        Tensor y = m.forward(x);
        assertEquals("ViewBackward0", y.gradFn().name());
        assertArrayEquals(new double[] {0.05752251, 0.05880759}, m.runningMean().toDoubleArray(), 1e-6);
        assertArrayEquals(new double[] {1.13620412, 1.13067341}, m.runningVar().toDoubleArray(), 1e-6);
        m.forward(x.mul(3));
        assertArrayEquals(new double[] {0.22433777, 0.22934961}, m.runningMean().toDoubleArray(), 1e-6);
        assertArrayEquals(new double[] {3.14842129, 3.09366560}, m.runningVar().toDoubleArray(), 1e-5);
        m.eval();
        double[] eval = m.forward(x).toDoubleArray();
        assertArrayEquals(new double[] {0.15535676, 1.10382330, 1.18027413, 0.31442061, -0.69767547, -0.92549765},
                Arrays.copyOf(eval, 6), 1e-5);
        assertArrayEquals(new double[] {0.22433777, 0.22934961}, m.runningMean().toDoubleArray(), 1e-6, "eval keeps them");
        m.train();
        assertArrayEquals(new int[] {2, 2, 3}, m.forward(x.select(0, 0)).shape());
        assertArrayEquals(new double[] {0.25777602, 0.26424918}, m.runningMean().toDoubleArray(), 1e-6);
        assertEquals(0L, m.stateDict().get("num_batches_tracked").itemLong());
        // F.instance_norm(x, zeros(2), ones(2), use_input_stats=False)[:3] = [0.4999975, 2.18293095, 2.31858325];
        // without running statistics: "Expected running_mean and running_var to be defined when use_input_stats is
        // false"
        Tensor rm = Tensor.zeros(2).to(device()), rv = Tensor.ones(2).to(device());
        assertArrayEquals(new double[] {0.4999975, 2.18293095, 2.31858325}, Arrays.copyOf(Functional.instanceNorm(x, rm,
                rv, null, null, false, 0.1, 1e-5).toDoubleArray(), 3), 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functional.instanceNorm(x, null, null, null, null, false, 0.1, 1e-5));
        assertTrue(e.getMessage().contains("Expected running_mean and running_var to be defined"), e.getMessage());
        // three channels into a module of two: PyTorch 1.13 fails in batch norm, "running_mean should contain 6
        // elements not 4"; the statistics stay as they were
        Tensor before = m.runningMean().clone();
        assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.ones(2, 3, 2, 2).to(device())));
        assertArrayEquals(before.toDoubleArray(), m.runningMean().toDoubleArray());
    }

    @Test
    void binaryCrossEntropyRejectsAnInputOutsideZeroToOne() {
        // PyTorch 1.13 (CPU): F.binary_cross_entropy(torch.tensor([1.5, 0.5]), torch.tensor([1., 0.])) raises "all
        // elements of input should be between 0 and 1", as do -0.5 and NaN; ours returned NaN. A kernel checks, so
        // nothing is read back: a synchronous device fails the call, CUDA (like PyTorch's) at its next synchronisation.
        Tensor t = Tensor.of(new float[] {1, 0});
        for (float bad : new float[] {1.5f, -0.5f, Float.NaN}) {
            Tensor p = Tensor.of(new float[] {bad, 0.5f}).requiresGrad(true);
            RuntimeException e = assertThrows(RuntimeException.class, () -> {
                Functional.binaryCrossEntropy(p, t);
                Backends.of(device()).synchronize();
            });
            if (device().isCuda() && e instanceof IndexOutOfBoundsException) {
                continue; // the asynchronous index check's report
            }
            assertEquals(IllegalArgumentException.class, e.getClass(), e.toString());
            assertEquals("[binary_cross_entropy] all elements of input should be between 0 and 1, but input [2] float32"
                    + " has one outside", e.getMessage());
        }
        // 0 and 1 themselves are allowed, each log clamped at -100: PyTorch 1.13 gives 100.0 for input [0, 1], target
        // [1, 0] (mean of 100 and 100).
        assertEquals(100.0, Functional.binaryCrossEntropy(Tensor.of(new float[] {0, 1}), t).item(), 1e-4);
    }

    @Test
    void lossModulesCallTheirFunctions() {
        Tensor p = Tensor.of(new float[] {0.2f, 0.7f, 0.9f}), t = Tensor.of(new float[] {0, 1, 0.5f});
        Tensor w = Tensor.of(new float[] {1, 2, 3});
        assertSameValues(Functional.binaryCrossEntropy(p, t), new BCELoss().forward(p, t));
        assertSameValues(Functional.binaryCrossEntropy(p, t, w, Reduction.SUM),
                new BCELoss(w, Reduction.SUM).forward(p, t));
        assertSameValues(Functional.binaryCrossEntropyWithLogits(p, t, null, w, Reduction.MEAN),
                new BCEWithLogitsLoss().posWeight(w).forward(p, t));
        assertSameValues(Functional.l1Loss(p, t), new L1Loss().forward(p, t));
        assertSameValues(Functional.smoothL1Loss(p, t, Reduction.NONE, 0.5),
                new SmoothL1Loss(Reduction.NONE, 0.5).forward(p, t));
        assertSameValues(Functional.huberLoss(p, t), new HuberLoss().forward(p, t));
        Tensor logp = p.log();
        assertSameValues(Functional.klDivBatchmean(logp, t, false), KLDivLoss.batchmean(false).forward(logp, t));
        assertSameValues(Functional.klDiv(logp, t, Reduction.MEAN, false), new KLDivLoss().forward(logp, t));
        assertThrows(IllegalArgumentException.class, () -> new HuberLoss(Reduction.MEAN, 0));
        assertThrows(IllegalArgumentException.class, () -> new SmoothL1Loss(Reduction.MEAN, -1));
    }

    @Test
    void klDivsTargetGradientIsNanWhereTheTargetIs0AsPyTorchs() {
        // PyTorch 1.13: x = tensor([-1., -2., -0.5], float64), t = tensor([0., 0.3, 0.7], float64), both requiring
        // grad; F.kl_div(x, t, reduction='sum') = 0.3391, backward: x.grad = [-0., -0.3, -0.7], t.grad =
        // [nan, 1.7960, 1.1433] (log t + 1 - x; PyTorch differentiates xlogy(t, t), whose t / t is NaN at 0)
        double nan = Double.NaN;
        Tensor x = Tensor.of(new double[] {-1, -2, -0.5}).requiresGrad(true);
        Tensor t = Tensor.of(new double[] {0, 0.3, 0.7}).requiresGrad(true);
        Tensor loss = Functional.klDiv(x, t, Reduction.SUM, false);
        assertEquals(0.3 * Math.log(0.3) + 0.7 * Math.log(0.7) + 0.6 + 0.35, loss.item(), 1e-12);
        loss.backward();
        assertArrayEquals(new double[] {-0.0, -0.3, -0.7}, x.grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {nan, Math.log(0.3) + 3, Math.log(0.7) + 1.5}, t.grad().toDoubleArray(), 1e-12);
        // log_target=True with a target of -inf (probability 0): the loss is nan, x.grad = [-0., -0.3012, -0.7408],
        // t.grad = [nan, 0.5421, 0.8890] (exp(t) (t - x + 1))
        Tensor lx = Tensor.of(new double[] {-1, -2, -0.5}).requiresGrad(true);
        Tensor lt = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, -1.2, -0.3}).requiresGrad(true);
        Tensor logLoss = Functional.klDiv(lx, lt, Reduction.SUM, true);
        assertTrue(Double.isNaN(logLoss.item()));
        logLoss.backward();
        assertArrayEquals(new double[] {-0.0, -Math.exp(-1.2), -Math.exp(-0.3)}, lx.grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {nan, Math.exp(-1.2) * 1.8, Math.exp(-0.3) * 1.2}, lt.grad().toDoubleArray(),
                1e-12);
    }

    @Test
    void theDefaultGeneratorIsSeededByManualSeed() {
        Generator g = Tensor.manualSeed(42);
        assertEquals(42, g.seed());
        Tensor a = Tensor.rand(3, 2);
        Tensor b = Tensor.randn(4);
        Tensor c = Tensor.randint(0, 10, 5);
        Generator reference = new Generator(42);
        assertSameValues(Tensor.rand(reference, 3, 2), a);
        assertSameValues(Tensor.randn(reference, 4), b);
        assertSameValues(Tensor.randint(reference, 0, 10, 5), c);
        assertEquals(reference.offset(), Generator.defaultGenerator().offset());
    }

    @Test
    void modulesAndInitialisersWithoutAGeneratorDrawFromTheDefault() {
        Tensor.manualSeed(1);
        Linear seeded = new Linear(3, 2);
        Linear explicit = new Linear(3, 2, new Generator(1));
        assertSameValues(explicit.weight().tensor(), seeded.weight().tensor());
        assertSameValues(explicit.bias().tensor(), seeded.bias().tensor());

        Tensor.manualSeed(2);
        Tensor w = Init.kaimingUniform_(Tensor.zeros(4, 3));
        assertSameValues(Init.kaimingUniform_(Tensor.zeros(4, 3), new Generator(2)), w);
        Tensor.manualSeed(2);
        assertSameValues(Init.xavierUniform_(Tensor.zeros(4, 3), new Generator(2)), Init.xavierUniform_(Tensor.zeros(4, 3)));
        Tensor.manualSeed(2);
        assertSameValues(Init.normal_(Tensor.zeros(5), 1, 2, new Generator(2)), Init.normal_(Tensor.zeros(5), 1, 2));
        Tensor.manualSeed(2);
        assertSameValues(Init.uniform_(Tensor.zeros(5), -1, 3, new Generator(2)), Init.uniform_(Tensor.zeros(5), -1, 3));

        Tensor x = Tensor.ones(20);
        Tensor.manualSeed(3);
        Tensor dropped = new Dropout(0.5).forward(x);
        assertSameValues(Functional.dropout(x, 0.5, true, new Generator(3)), dropped);
    }

    /**
     * Threads drawing from the default generator at once get disjoint counters: together they use each of the
     * sequence's first numbers exactly once (which thread gets which depends on their order, as in PyTorch).
     */
    @Test
    void theDefaultGeneratorIsThreadSafe() throws InterruptedException {
        Tensor.manualSeed(9);
        int threads = 4, draws = 50, size = 10;
        List<double[]> results = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> running = new ArrayList<>();
        var device = device();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                for (int k = 0; k < draws; k++) {
                    results.add(Tensor.rand(Generator.defaultGenerator(), new int[] {size}, DType.FLOAT64, device)
                            .toDoubleArray());
                }
            });
            running.add(t);
            t.start();
        }
        for (Thread t : running) {
            t.join();
        }
        int total = threads * draws * size;
        assertEquals(total, Generator.defaultGenerator().offset());
        double[] all = results.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        double[] expected = Tensor.rand(new Generator(9), new int[] {total}, DType.FLOAT64, device).toDoubleArray();
        Arrays.sort(expected);
        assertArrayEquals(expected, all, 0.0);
    }

    @Test
    void backwardWithRetainGraphRunsTwice() {
        Tensor x = Tensor.of(new float[] {1, -2}).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward(null, true);
        loss.backward();
        // PyTorch 1.13: l.backward(retain_graph=True); l.backward() gives x.grad = [4, -8]
        assertArrayEquals(new float[] {4, -8}, x.grad().toFloatArray());
    }

    @Test
    void stdAtZeroVarianceHasGradientZeroAsPyTorch() {
        // PyTorch 1.13: torch.tensor([1., 1., 1.], dtype=torch.float64, requires_grad=True).std().backward() gives
        // [0., 0., 0.]
        Tensor x = Tensor.of(new double[] {1, 1, 1}).requiresGrad(true);
        x.std().backward();
        assertArrayEquals(new double[] {0, 0, 0}, x.grad().toDoubleArray(), 0.0);
        assertEquals("StdBackward0", x.std().gradFn().name());
        // PyTorch 1.13: torch.tensor([1., 2., 4.], dtype=torch.float64).std() backward
        Tensor y = Tensor.of(new double[] {1, 2, 4}).requiresGrad(true);
        y.std().backward();
        assertArrayEquals(new double[] {-0.43643578047198484, -0.10910894511799625, 0.5455447255899809},
                y.grad().toDoubleArray(), 1e-15);
        Tensor rows = Tensor.of(new double[] {2, 2, 1, 3}, 2, 2).requiresGrad(true);
        rows.std(new int[] {1}, 1, false).sum().backward();
        // a row of equal values gets 0, the other sqrt(2)/2 * [-1, 1] (d std / dx of [1, 3])
        assertArrayEquals(new double[] {0, 0, -Math.sqrt(0.5), Math.sqrt(0.5)}, rows.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void softmaxOverAnEmptyDimIsEmpty() {
        // PyTorch 1.13: torch.zeros(2, 0).softmax(1) is an empty [2, 0] tensor, and so is its gradient
        Tensor x = Tensor.zeros(2, 0).requiresGrad(true);
        Tensor y = x.softmax(1);
        assertArrayEquals(new int[] {2, 0}, y.shape());
        y.sum().backward();
        assertArrayEquals(new int[] {2, 0}, x.grad().shape());
        assertArrayEquals(new int[] {0, 3}, Tensor.zeros(0, 3).logSoftmax(0).shape());
        assertArrayEquals(new int[] {0, 3}, Tensor.zeros(0, 3).logSoftmax(1).shape());
    }

    @Test
    void integerMatmulIsExactAsPyTorch() {
        // PyTorch 1.13: a @ b, torch.tensor([1, 2, 3]) @ b, and int32 products wrap
        Tensor a = Tensor.of(new long[] {1, -2, 3, 4, 5, -6}, 2, 3);
        Tensor b = Tensor.of(new long[] {7, 8, 9, -10, 11, 12}, 3, 2);
        Tensor ab = a.matmul(b);
        assertEquals(DType.INT64, ab.dtype());
        assertArrayEquals(new long[] {22, 64, 7, -90}, ab.toLongArray());
        assertArrayEquals(new long[] {58, 24}, Tensor.of(new long[] {1, 2, 3}).matmul(b).toLongArray());
        Tensor i32 = Tensor.of(new int[] {1 << 30, 1 << 30}).matmul(Tensor.of(new int[] {4, 4}));
        assertEquals(DType.INT32, i32.dtype());
        assertArrayEquals(new int[0], i32.shape());
        assertEquals(0, i32.toIntArray()[0]);
        Tensor batched = Tensor.of(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2).matmul(Tensor.of(new int[] {1, 1}));
        assertArrayEquals(new int[] {3, 7, 11, 15}, batched.toIntArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.matmul(Tensor.ones(3, 2)));
        assertTrue(e.getMessage().startsWith("[matmul]") && e.getMessage().contains("int64")
                && e.getMessage().contains("float32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.matmul(a));
        assertTrue(e.getMessage().startsWith("[matmul]") && e.getMessage().contains("cannot be multiplied"),
                e.getMessage());
    }

    @Test
    void errorsNameTheOpTheUserCalled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.ones(3).matmul(Tensor.ones(4)));
        assertTrue(e.getMessage().startsWith("[matmul]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Functional.crossEntropy(Tensor.ones(2, 3), Tensor.of(new long[] {1, 2, 0})));
        assertTrue(e.getMessage().startsWith("[cross_entropy]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Functional.embedding(Tensor.ones(2), Tensor.ones(3, 2)));
        assertTrue(e.getMessage().startsWith("[embedding]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Functional.nllLoss(Tensor.ones(2, 3), Tensor.of(new long[] {1, 2, 0})));
        assertTrue(e.getMessage().startsWith("[nll_loss]"), e.getMessage());
    }

    @Test
    void aNullArrayIsABadArgument() {
        for (Runnable r : List.<Runnable>of(() -> Tensor.of((float[]) null), () -> Tensor.of((double[]) null),
                () -> Tensor.of((long[]) null), () -> Tensor.of((int[]) null), () -> Tensor.of((boolean[]) null),
                () -> Tensor.of((float[][]) null), () -> Tensor.of(new double[][] {{1}, null}))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertEquals("[tensor] the data array is null", e.getMessage());
        }
    }

    /** A request the Java heap cannot hold says what was asked: bytes, dtype and shape (the CPU's heap only). */
    @Test
    void anAllocationTheHeapCannotHoldSaysHowMuchWasAsked() {
        Assumptions.assumeTrue(device().isCpu(), "the Java heap is the CPU's memory");
        long floats = Runtime.getRuntime().maxMemory() / 4 + (1 << 20);
        Assumptions.assumeTrue(floats < Integer.MAX_VALUE - 8, "the heap can hold the largest array");
        int rows = (int) (floats / 1024 + 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.zeros(rows, 1024));
        assertTrue(e.getMessage().startsWith("[zeros] out of memory on cpu: tried to allocate "
                + (long) rows * 1024 * 4 + " bytes for a float32 tensor of shape [" + rows + ", 1024]"), e.getMessage());
        assertEquals(1, Tensor.ones(1).numel()); // nothing else changed: the next allocation works
    }

    @Test
    void indexPutWritesTheLastOfRepeatedPositionsAsPyTorch() {
        // PyTorch 1.13: torch.zeros(3).index_put((tensor([0, 0, 2, 0]),), tensor([1., 2, 3, 4])) is [4, 0, 3] (the
        // CPU kernel writes in order; we wrote the sum, [7, 0, 3]); rows likewise: zeros(3, 2) with rows [1, 1] =
        // [[1, 2], [3, 4]] gives [[0, 0], [3, 4], [0, 0]]. Its backward gives every value the gradient at its position.
        Tensor values = Tensor.of(new float[] {1, 2, 3, 4}).requiresGrad(true);
        Tensor y = Tensor.zeros(3).indexPut(List.of(Tensor.of(new long[] {0, 0, 2, 0})), values, false);
        assertArrayEquals(new float[] {4, 0, 3}, y.toFloatArray());
        y.mul(Tensor.of(new float[] {10, 20, 30})).sum().backward();
        assertArrayEquals(new float[] {10, 10, 30, 10}, values.grad().toFloatArray());
        Tensor rows = Tensor.zeros(3, 2).indexPut(List.of(Tensor.of(new long[] {1, 1})),
                Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), false);
        assertArrayEquals(new float[] {0, 0, 3, 4, 0, 0}, rows.toFloatArray());
        Tensor big = Tensor.zeros(1, 1).expand(50000, 50000); // 2.5e9 positions overflowed int
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> big.indexPut(
                List.of(Tensor.of(new long[] {1}), Tensor.of(new long[] {1})), Tensor.of(new float[] {1}), false));
        assertTrue(e.getMessage().startsWith("[index_put] self [50000, 50000] is too large"), e.getMessage());
    }

    @Test
    void hardtanhKeepsAnIntegerInputsDtype() {
        // PyTorch 1.13: F.hardtanh(tensor([3, -2])) is tensor([1, -1]) (int64); F.hardtanh(tensor([3, -2],
        // dtype=int32), -1.5, 1.5) is tensor([1, -1], dtype=int32). We returned float32.
        Tensor y = Functional.hardtanh(Tensor.of(new long[] {3, -2}));
        assertEquals(DType.INT64, y.dtype());
        assertArrayEquals(new long[] {1, -1}, y.toLongArray());
        Tensor z = Functional.hardtanh(Tensor.of(new int[] {3, -2}), -1.5, 1.5);
        assertEquals(DType.INT32, z.dtype());
        assertArrayEquals(new int[] {1, -1}, z.toIntArray());
    }

    @Test
    void sortAndTopkRejectADimPastTwoToThe30() {
        // The sorting network's width (the next power of two) overflowed int: a NegativeArraySizeException.
        Tensor big = Tensor.zeros(1).expand((1 << 30) + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, big::sort);
        assertTrue(e.getMessage().startsWith("[sort] cannot sort a dimension of 1073741825 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> big.topk(3));
        assertTrue(e.getMessage().startsWith("[topk] cannot sort"), e.getMessage());
    }

    @Test
    void einsumRejectsAMatmulDimPastTwoToThe31() {
        // 'ij,ij->' contracts i and j into one matmul dim of 2.5e9 (broadcast views, nothing allocated): the int
        // product overflowed into a reshape of a negative size.
        Tensor big = Tensor.zeros(1, 1).expand(50000, 50000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.einsum("ij,ij->", big, big));
        assertTrue(e.getMessage().startsWith("[einsum] the operand of shape [50000, 50000] merges 2500000000"),
                e.getMessage());
    }
}
