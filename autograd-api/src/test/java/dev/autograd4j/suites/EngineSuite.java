package dev.autograd4j.suites;

import dev.autograd4j.Autograd;
import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Node;
import dev.autograd4j.RemovableHandle;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's semantics, each compared with what PyTorch does, on the suite's {@link #device()}. */
public abstract class EngineSuite extends DeviceSuite {

    private static Tensor leaf(double... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    @Test
    void diamondRunsEachNodeOnceAndSumsBothPaths() {
        // y = x*x is used by two branches; x.grad = d/dx (y*2 + y*3) = 5 * 2x.
        Tensor x = leaf(3.0);
        int[] calls = {0};
        Tensor y = x.mul(x);
        y.registerHook(g -> {
            calls[0]++;
            return null;
        });
        y.mul(2.0).add(y.mul(3.0)).sum().backward();
        assertEquals(30.0, x.grad().item());
        assertEquals(1, calls[0], "the hook of a shared node runs once, with the summed gradient");
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        Tensor x = Tensor.scalar(1.0, DType.FLOAT64).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 50_000; i++) {
            y = y.mul(1.0);
        }
        y.backward();
        assertEquals(1.0, x.grad().item());
    }

    @Test
    void secondBackwardThroughFreedGraphFails() {
        Tensor x = leaf(2.0);
        Tensor y = x.exp().sum();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("Trying to backward through the graph a second time"), e.getMessage());
        assertTrue(e.getMessage().contains("ExpBackward0"), e.getMessage());
    }

    @Test
    void retainGraphAllowsASecondBackwardThatAccumulates() {
        Tensor x = leaf(2.0);
        Tensor y = x.exp().sum();
        y.backward(null, true, false);
        y.backward();
        assertEquals(2 * Math.exp(2.0), x.grad().item(), 1e-12);
    }

    @Test
    void nodesWithoutSavedTensorsCanBeRunTwice() {
        // PyTorch only fails when a freed saved tensor is needed: AddBackward0 saves nothing.
        Tensor x = leaf(1.0, 2.0);
        Tensor y = x.add(1.0).sum();
        y.backward();
        y.backward();
        assertArrayEquals(new double[] {2, 2}, x.grad().toDoubleArray());
    }

    @Test
    void aProductOrQuotientByAScalarSavesItSoASecondBackwardFails() {
        // PyTorch 1.13: x = tensor([1., 2.], requires_grad=True); y = (x * 2).sum(); y.backward(); y.backward() raises
        // "Trying to backward through the graph a second time" (MulBackward0 saves the wrapped number); so do x / 2
        // and x * 1, while x + 2, x - 2, 2 - x and -x run twice
        for (java.util.function.UnaryOperator<Tensor> f : List.<java.util.function.UnaryOperator<Tensor>>of(
                t -> t.mul(2.0), t -> t.div(2.0), t -> t.mul(1L))) {
            Tensor x = leaf(1.0, 2.0);
            Tensor y = f.apply(x).sum();
            y.backward();
            IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
            assertTrue(e.getMessage().contains("Trying to backward through the graph a second time"), e.getMessage());
        }
        for (java.util.function.UnaryOperator<Tensor> f : List.<java.util.function.UnaryOperator<Tensor>>of(
                t -> t.add(2.0), t -> t.sub(2.0), t -> t.rsub(2.0), Tensor::neg)) {
            Tensor x = leaf(1.0, 2.0);
            Tensor y = f.apply(x).sum();
            y.backward();
            y.backward();
        }
    }

    @Test
    void createGraphGivesDifferentiableGradients() {
        // y = x^3: dy/dx = 3x^2 = 12, d2y/dx2 = 6x = 12, d3y/dx3 = 6 at x = 2.
        Tensor x = Tensor.scalar(2.0, DType.FLOAT64).requiresGrad(true);
        Tensor y = x.pow(3);
        Tensor dy = Autograd.grad(y, x, true);
        assertEquals(12.0, dy.item());
        assertEquals("MulBackward0", dy.gradFn().name());
        Tensor d2y = Autograd.grad(dy, x, true);
        assertEquals(12.0, d2y.item());
        Tensor d3y = Autograd.grad(d2y, x, false);
        assertEquals(6.0, d3y.item());
    }

    @Test
    void autogradGradOfNonLeafInputsLeavesGradFieldsAlone() {
        Tensor x = leaf(1.0, 2.0, 3.0);
        Tensor h = x.mul(2.0);
        Tensor out = h.mul(h).sum();
        Tensor[] g = Autograd.grad(new Tensor[] {out}, new Tensor[] {h, x}, null, false, false, false);
        assertArrayEquals(new double[] {4, 8, 12}, g[0].toDoubleArray());
        assertArrayEquals(new double[] {8, 16, 24}, g[1].toDoubleArray());
        assertNull(x.grad());
        assertNull(h.grad());
    }

    @Test
    void autogradGradOnlyRunsWhatLeadsToTheInputs() {
        Tensor x = leaf(1.0), w = leaf(5.0);
        Tensor h = x.mul(2.0);
        boolean[] ran = {false};
        Tensor far = w.mul(3.0);
        far.registerHook(g -> {
            ran[0] = true;
            return null;
        });
        Tensor out = h.mul(far).sum();
        Tensor[] g = Autograd.grad(new Tensor[] {out}, new Tensor[] {h}, null, false, false, false);
        assertEquals(15.0, g[0].item());
        assertFalse(ran[0], "branches that do not lead to the inputs are not run");
    }

    @Test
    void allowUnused() {
        Tensor x = leaf(1.0), unused = leaf(2.0);
        Tensor y = x.mul(3.0).sum();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(new Tensor[] {y}, new Tensor[] {x, unused}, null, true, false, false));
        assertTrue(e.getMessage().contains("allowUnused"), e.getMessage());
        Tensor[] g = Autograd.grad(new Tensor[] {y}, new Tensor[] {x, unused}, null, false, false, true);
        assertEquals(3.0, g[0].item());
        assertNull(g[1]);
    }

    @Test
    void gradOfInputThatDoesNotRequireGradFails() {
        Tensor x = leaf(1.0);
        Tensor c = Tensor.of(new double[] {2.0});
        Tensor y = x.mul(c).sum();
        assertThrows(IllegalArgumentException.class, () -> Autograd.grad(y, c));
    }

    @Test
    void backwardOnTensorThatDoesNotRequireGradFails() {
        Tensor x = Tensor.of(new double[] {1.0}).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, x::backward);
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
    }

    @Test
    void backwardWithGradientOfWrongShapeFails() {
        Tensor x = leaf(1.0, 2.0, 3.0);
        Tensor y = x.mul(2.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> y.backward(Tensor.of(new double[] {1, 1})));
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[3]"), e.getMessage());
        assertNull(x.grad());
        y.backward(Tensor.of(new double[] {1, 1, 1}));
        assertArrayEquals(new double[] {2, 2, 2}, x.grad().toDoubleArray());
    }

    @Test
    void noGradScopesNestAndRestore() {
        Tensor x = leaf(1.0);
        try (GradMode.Guard outer = GradMode.noGrad()) {
            assertFalse(x.mul(2.0).requiresGrad());
            try (GradMode.Guard inner = GradMode.enableGrad()) {
                assertTrue(x.mul(2.0).requiresGrad());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertTrue(x.mul(2.0).requiresGrad());
    }

    @Test
    void detachCutsTheGraphButSharesStorage() {
        Tensor x = leaf(1.0, 2.0);
        Tensor y = x.mul(2.0);
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertNull(d.gradFn());
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            d.mul_(10.0);
        }
        assertArrayEquals(new double[] {20, 40}, y.toDoubleArray(), "detach shares storage");
    }

    @Test
    void hooksCanReplaceGradientsAndBeRemoved() {
        Tensor x = leaf(1.0, 2.0);
        RemovableHandle handle = x.registerHook(g -> g.mul(10.0));
        x.mul(2.0).sum().backward();
        assertArrayEquals(new double[] {20, 20}, x.grad().toDoubleArray());
        handle.remove();
        x.setGrad(null);
        x.mul(2.0).sum().backward();
        assertArrayEquals(new double[] {2, 2}, x.grad().toDoubleArray());

        Tensor y = x.mul(3.0);
        List<double[]> seen = new ArrayList<>();
        y.registerHook(g -> {
            seen.add(g.toDoubleArray());
            return g.mul(0.0);
        });
        x.setGrad(null);
        y.sum().backward();
        assertArrayEquals(new double[] {1, 1}, seen.get(0));
        assertArrayEquals(new double[] {0, 0}, x.grad().toDoubleArray());
    }

    @Test
    void retainGradOnNonLeafAccumulates() {
        Tensor x = leaf(1.0, 2.0);
        Tensor y = x.mul(2.0);
        y.retainGrad();
        assertTrue(y.retainsGrad());
        Tensor loss = y.mul(y).sum();
        loss.backward(null, true, false);
        assertArrayEquals(new double[] {4, 8}, y.grad().toDoubleArray());
        loss.backward();
        assertArrayEquals(new double[] {8, 16}, y.grad().toDoubleArray());
        assertNull(x.mul(2.0).grad(), "non-leaves without retainGrad keep no grad");
    }

    @Test
    void retainGradKeepsTheGradientAtItsPlaceAmongTheHooks() {
        // PyTorch 1.13 runs retain_grad as one more tensor hook, in registration order:
        // y = x*1; y.retain_grad(); y.register_hook(lambda g: g*10); y.sum().backward() -> y.grad [1, 1], x.grad [10, 10]
        Tensor x = leaf(1.0, 2.0);
        Tensor y = x.mul(1.0);
        y.retainGrad();
        y.registerHook(g -> g.mul(10.0));
        y.sum().backward();
        assertArrayEquals(new double[] {1, 1}, y.grad().toDoubleArray());
        assertArrayEquals(new double[] {10, 10}, x.grad().toDoubleArray());
        // y.register_hook(lambda g: g*10); y.retain_grad() -> y.grad [10, 10], x.grad [10, 10]
        Tensor x2 = leaf(1.0, 2.0);
        Tensor y2 = x2.mul(1.0);
        y2.registerHook(g -> g.mul(10.0));
        y2.retainGrad();
        y2.retainGrad();
        y2.sum().backward();
        assertArrayEquals(new double[] {10, 10}, y2.grad().toDoubleArray());
        assertArrayEquals(new double[] {10, 10}, x2.grad().toDoubleArray());
    }

    @Test
    void autogradGradFillsTheRetainedGradOfANodeItRuns() {
        // PyTorch 1.13: y = x*2; y.retain_grad(); torch.autograd.grad(y*3, x) -> y.grad = [3.], x.grad None
        Tensor x = leaf(2.0);
        Tensor y = x.mul(2.0);
        y.retainGrad();
        Tensor[] g = Autograd.grad(y.mul(3.0), x);
        assertArrayEquals(new double[] {6}, g[0].toDoubleArray());
        assertArrayEquals(new double[] {3}, y.grad().toDoubleArray());
        assertNull(x.grad());
    }

    @Test
    void autogradGradCapturesANonLeafInputBeforeItsHooks() {
        // PyTorch 1.13 captures an input's gradient before the tensor's hooks run:
        // y = x*1; y.register_hook(lambda g: g*10); torch.autograd.grad([y.sum()], [y]) -> (tensor([1., 1.]),)
        // and with x an input too, the hook still changes what flows on: grad([y.sum()], [y, x]) -> ([1, 1], [10, 10])
        Tensor x = leaf(1.0, 2.0);
        Tensor y = x.mul(1.0);
        y.registerHook(g -> g.mul(10.0));
        Tensor[] g = Autograd.grad(new Tensor[] {y.sum()}, new Tensor[] {y}, null, true, false, false);
        assertArrayEquals(new double[] {1, 1}, g[0].toDoubleArray());
        Tensor[] both = Autograd.grad(new Tensor[] {y.sum()}, new Tensor[] {y, x}, null, false, false, false);
        assertArrayEquals(new double[] {1, 1}, both[0].toDoubleArray());
        assertArrayEquals(new double[] {10, 10}, both[1].toDoubleArray());
    }

    @Test
    void failedBackwardChangesNothing() {
        Tensor x = leaf(1.0, 2.0);
        Tensor w = leaf(3.0, 4.0);
        Tensor a = x.mul(w);           // fine
        Tensor e = w.exp();            // saves its result
        Tensor loss = a.add(e).sum();
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            e.add_(1.0);               // invalidates ExpBackward0's saved result
        }
        IllegalStateException error = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(error.getMessage().contains("modified by an inplace operation"), error.getMessage());
        assertNull(x.grad(), "no leaf was touched");
        assertNull(w.grad());
    }

    @Test
    void backwardOnALeafAccumulatesOnes() {
        Tensor x = Tensor.scalar(5.0, DType.FLOAT64).requiresGrad(true);
        x.backward();
        assertEquals(1.0, x.grad().item());
    }

    @Test
    void multipleRootsAtOnce() {
        Tensor x = leaf(1.0, 2.0);
        Tensor a = x.mul(2.0).sum(), b = x.mul(x).sum();
        Autograd.backward(new Tensor[] {a, b}, null, false, false);
        assertArrayEquals(new double[] {4, 6}, x.grad().toDoubleArray());
    }

    @Test
    void gradientIsCopiedNotAliased() {
        // add's backward passes the incoming gradient through to both inputs; each leaf gets its own copy, so a
        // write into one leaf's grad is seen neither in the other's nor in the gradient the caller passed.
        Tensor x = leaf(1.0), y = leaf(2.0);
        Tensor g = Tensor.of(new double[] {1.0});
        x.add(y).backward(g);
        x.grad().zero_();
        assertEquals(0.0, x.grad().item());
        assertEquals(1.0, y.grad().item(), "x.grad and y.grad do not share storage");
        assertEquals(1.0, g.item(), "x.grad and the gradient passed to backward do not share storage");
        y.grad().fill_(7.0);
        assertEquals(1.0, g.item(), "nor do y.grad and the gradient passed to backward");
    }

    @Test
    void gradFnGraphIsInspectable() {
        Tensor a = leaf(1.0), b = leaf(2.0);
        Tensor c = a.mul(b).add(a);
        Node add = c.gradFn();
        assertEquals("AddBackward0", add.name());
        assertEquals("MulBackward0", add.nextFunctions().get(0).name());
        assertEquals("AccumulateGrad", add.nextFunctions().get(1).name());
        assertSame(add.nextFunctions().get(1), a.mul(1.0).gradFn().nextFunctions().get(0),
                "a leaf has one AccumulateGrad node");
    }

    @Test
    void requiresGradOnlyOnLeaves() {
        Tensor x = leaf(1.0);
        Tensor y = x.mul(2.0);
        assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertTrue(y.requiresGrad());
        assertNotNull(y.gradFn());
    }

    @Test
    void mixedPrecisionGradientsComeBackInTheInputsDtype() {
        Tensor x = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {3, 4}).requiresGrad(true);
        Tensor y = x.mul(w);
        assertEquals(DType.FLOAT64, y.dtype());
        y.sum().backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertArrayEquals(new float[] {3, 4}, x.grad().toFloatArray());
        assertEquals(DType.FLOAT64, w.grad().dtype());
    }

    @Test
    void broadcastGradientsAreSummedToTheInputShape() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {10, 20, 30}).requiresGrad(true);
        Tensor s = Tensor.scalar(2.0, DType.FLOAT64).requiresGrad(true);
        x.add(b).mul(s).sum().backward();
        assertEquals(device(), b.grad().device(), "gradients live on their leaf's device");
        assertArrayEquals(new double[] {4, 4, 4}, b.grad().toDoubleArray());
        assertEquals(21 + 120, s.grad().item());
        assertArrayEquals(new int[] {}, s.grad().shape());
    }

    /** The first three derivatives of {@code f(x).sum()}, each taken with createGraph. */
    private static List<Tensor> threeDerivatives(java.util.function.UnaryOperator<Tensor> f, Tensor x) {
        List<Tensor> out = new ArrayList<>();
        Tensor g = f.apply(x).sum();
        for (int k = 0; k < 3; k++) {
            g = Autograd.grad(g.sum(), x, true);
            out.add(g);
        }
        return out;
    }

    @Test
    void higherDerivativesOfPiecewiseLinearActivationsRequireGrad() {
        // PyTorch 1.13, x = tensor([-1.5, 0.5, 2.], dtype=float64, requires_grad=True), each order by
        // torch.autograd.grad(g.sum(), x, create_graph=True): relu(x)**2 -> [0, 1, 4], [0, 2, 2], [0, 0, 0], all
        // requiring grad (ThresholdBackwardBackward0); leaky_relu(x, 0.1)**3 -> [0.00675, 0.75, 12], [-0.009, 3, 12],
        // [0.006, 6, 6]; hardtanh(x)**3 -> [0, 0.75, 0], [0, 3, 0], [0, 6, 0]; relu(x) * x -> [0, 1, 4], [0, 2, 2],
        // [0, 0, 0]; the first gradient of relu, leaky_relu and hardtanh alone requires grad too
        Tensor x = Tensor.of(new double[] {-1.5, 0.5, 2}).requiresGrad(true);
        double[][] relu2 = {{0, 1, 4}, {0, 2, 2}, {0, 0, 0}};
        double[][] leaky3 = {{0.00675, 0.75, 12}, {-0.009, 3, 12}, {0.006, 6, 6}};
        double[][] hardtanh3 = {{0, 0.75, 0}, {0, 3, 0}, {0, 6, 0}};
        List<List<Tensor>> runs = List.of(threeDerivatives(t -> t.relu().pow(2L), x),
                threeDerivatives(t -> t.leakyRelu(0.1).pow(3L), x),
                threeDerivatives(t -> dev.autograd4j.nn.Functional.hardtanh(t, -1, 1).pow(3L), x),
                threeDerivatives(t -> t.relu().mul(t), x));
        double[][][] expected = {relu2, leaky3, hardtanh3, relu2};
        for (int r = 0; r < runs.size(); r++) {
            for (int k = 0; k < 3; k++) {
                Tensor g = runs.get(r).get(k);
                assertArrayEquals(expected[r][k], g.toDoubleArray(), 1e-12, "run " + r + ", order " + (k + 1));
                assertTrue(g.requiresGrad(), "run " + r + ", order " + (k + 1));
            }
        }
        assertEquals("ThresholdBackwardBackward0", Autograd.grad(x.relu().sum(), x, true).gradFn().name());
        assertEquals("LeakyReluBackwardBackward0", Autograd.grad(x.leakyRelu(0.1).sum(), x, true).gradFn().name());
        assertTrue(Autograd.grad(dev.autograd4j.nn.Functional.hardtanh(x, -1, 1).sum(), x, true).requiresGrad());
        // torch 1.13: F.threshold(x, 0.1, 20.), F.hardshrink(x, 0.5), F.softshrink(x, 0.5) and F.hardsigmoid(x):
        // their first gradient requires grad too (ThresholdBackwardBackward0, HardshrinkBackwardBackward0, ...)
        for (Tensor y : List.of(dev.autograd4j.nn.Functional.threshold(x, 0.1, 20.0),
                dev.autograd4j.nn.Functional.hardshrink(x, 0.5), dev.autograd4j.nn.Functional.softshrink(x, 0.5),
                dev.autograd4j.nn.Functional.hardsigmoid(x))) {
            assertTrue(Autograd.grad(y.sum(), x, true).requiresGrad(), y.gradFn().name());
        }
        // Without createGraph nothing is recorded
        assertFalse(Autograd.grad(x.relu().sum(), x, false).requiresGrad());
        // ... and where PyTorch's gradient does not require grad, neither does ours: clamp, where, max (torch 1.13:
        // torch.autograd.grad(x.clamp(-1, 1).sum(), x, create_graph=True)[0].requires_grad is False)
        assertFalse(Autograd.grad(x.clamp(-1.0, 1.0).sum(), x, true).requiresGrad());
        assertFalse(Autograd.grad(Tensor.where(x.gt(0.0), x, 0.0).sum(), x, true).requiresGrad());
        assertFalse(Autograd.grad(x.max(), x, true).requiresGrad());
    }

    @Test
    void anIntegerOrBoolGradientIsConvertedToTheOutputsDtype() {
        // PyTorch 1.13: x = tensor([1., 2.], requires_grad=True); (x * 2).backward(torch.ones(2, dtype=torch.int64))
        // -> x.grad = [2., 2.]; the same with a bool gradient; torch.autograd.grad(x * 2, x, torch.ones(2,
        // dtype=torch.int64)) -> ([2., 2.],); (x * 2).sum().backward(torch.tensor(3)) -> x.grad = [6., 6.]
        Tensor x = leaf(1, 2);
        x.mul(2.0).backward(Tensor.of(new long[] {1, 1}));
        assertEquals(DType.FLOAT64, x.grad().dtype());
        assertArrayEquals(new double[] {2, 2}, x.grad().toDoubleArray());
        Tensor b = leaf(1, 2);
        b.mul(2.0).backward(Tensor.of(new boolean[] {true, true}));
        assertArrayEquals(new double[] {2, 2}, b.grad().toDoubleArray());
        Tensor c = leaf(1, 2);
        assertArrayEquals(new double[] {2, 2}, Autograd.grad(new Tensor[] {c.mul(2.0)}, new Tensor[] {c},
                new Tensor[] {Tensor.of(new long[] {1, 1})}, false, false, false)[0].toDoubleArray());
        Tensor d = leaf(1, 2);
        d.mul(2.0).sum().backward(Tensor.scalar(3, DType.INT64));
        assertArrayEquals(new double[] {6, 6}, d.grad().toDoubleArray());
    }

    @Test
    void aLeafWhoseRequiresGradWasTurnedOffAfterRecordingGetsNoGradient() {
        // PyTorch 1.13: x = tensor([1., 2.], requires_grad=True); y = (x * 2).sum(); x.requires_grad_(False);
        // y.backward() -> x.grad is None (AccumulateGrad returns early for a variable that no longer requires grad);
        // its hooks still run
        Tensor x = leaf(1, 2);
        int[] calls = {0};
        x.registerHook(g -> {
            calls[0]++;
            return null;
        });
        Tensor y = x.mul(2.0).sum();
        x.requiresGrad(false);
        y.backward();
        assertNull(x.grad());
        assertEquals(1, calls[0]);
    }
}
