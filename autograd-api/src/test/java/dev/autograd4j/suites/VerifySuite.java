package dev.autograd4j.suites;

import dev.autograd4j.Autograd;
import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Function;
import dev.autograd4j.FunctionCtx;
import dev.autograd4j.Generator;
import dev.autograd4j.Node;
import dev.autograd4j.Tensor;
import dev.autograd4j.data.Digits;
import dev.autograd4j.data.TensorDataset;
import dev.autograd4j.nn.CrossEntropyLoss;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.verify.AnomalyException;
import dev.autograd4j.verify.Report;
import dev.autograd4j.verify.Verify;
import dev.autograd4j.verify.Verify.Config;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient verification ({@code dev.autograd4j.verify}): float64 on the CPU as the reference, float32 on the
 * suite's {@link #device()} as the candidate; and anomaly mode on the device.
 */
public abstract class VerifySuite extends DeviceSuite {

    private Config reference() {
        return new Config(Device.cpu(), DType.FLOAT64);
    }

    private Config candidate() {
        return new Config(device(), DType.FLOAT32);
    }

    /** The line this is called from. */
    private static int line() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber();
    }

    /**
     * {@code x^2} with a float32 "fast path" in backward that is slightly wrong ({@code 2.01 x} instead of
     * {@code 2x}): the planted bug. The float64 path is right, so only a float32 run differs.
     */
    static final class PlantedSquare extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor x = (Tensor) args[0];
            ctx.saveForBackward(x);
            return new Tensor[] {x.mul(x)};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            Tensor x = ctx.savedTensors().get(0);
            double two = x.dtype() == DType.FLOAT32 ? 2.01 : 2.0;
            return new Tensor[] {grads[0].mul(x).mul(two)};
        }
    }

    @Test
    void aPlantedBugInABackwardIsNamedWithTheLineThatCalledIt() {
        Tensor x = Tensor.of(new double[] {0.5, -1.0, 2.0}).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {1.5, 0.25, -0.75}).requiresGrad(true);
        int[] line = new int[1];
        Report report = Verify.compare(in -> {
            Tensor h = in.get(0).mul(in.get(1)).sin();
            Tensor y = new PlantedSquare().apply(h); line[0] = line();
            return y.exp().sum();
        }, List.of(x, w), reference(), candidate());

        Report.NodeReport first = report.firstDivergence().orElseThrow(() -> new AssertionError(report.toString()));
        assertEquals("PlantedSquareBackward", first.name(), report.toString());
        assertEquals("VerifySuite.java", first.callSite().getFileName());
        assertEquals(line[0], first.callSite().getLineNumber(), report.toString());
        assertEquals(VerifySuite.class.getName(), first.callSite().getClassName().replaceAll("\\$.*", ""));
        // Its value agrees (the forward is right); the gradient it returns is off by 0.5%.
        assertFalse(first.value().exceeded(), report.toString());
        assertEquals(0.005, first.gradient().maxRel(), 1e-4, report.toString());
        assertTrue(report.diverged());
        assertTrue(report.leaves().stream().allMatch(l -> l.gradient().exceeded()), report.toString());
        assertTrue(report.toString().contains("first divergence: node 2 PlantedSquareBackward [3] float64/float32:"
                + " gradient"), report.toString());
        assertTrue(report.toString().contains("(VerifySuite.java:" + line[0] + ")"), report.toString());
        // Nodes before it in creation order are fine forward; backward runs it before them, so it is the first.
        assertEquals(List.of("MulBackward0", "SinBackward0", "PlantedSquareBackward", "ExpBackward0", "SumBackward0"),
                report.nodes().stream().map(Report.NodeReport::name).toList());
        assertTrue(report.nodes().get(0).gradient().exceeded() && report.nodes().get(1).gradient().exceeded(),
                "the nodes backward runs after it inherit the error");
        assertFalse(report.nodes().get(3).diverged() || report.nodes().get(4).diverged(), report.toString());
    }

    /** A float32 forward "fast path" that is wrong: the first node whose value diverges is the one. */
    static final class PlantedCube extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor x = (Tensor) args[0];
            ctx.saveForBackward(x);
            Tensor cube = x.mul(x).mul(x);
            return new Tensor[] {x.dtype() == DType.FLOAT32 ? cube.mul(1.001) : cube};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {grads[0].mul(x).mul(x).mul(3.0)};
        }
    }

    @Test
    void aPlantedBugInAForwardIsTheFirstValueThatDiverges() {
        Tensor x = Tensor.of(new double[] {0.5, -1.0, 2.0}).requiresGrad(true);
        int[] line = new int[1];
        Report report = Verify.compare(in -> {
            Tensor h = in.get(0).tanh();
            Tensor y = new PlantedCube().apply(h); line[0] = line();
            return y.mul(h).sum();
        }, List.of(x), reference(), candidate());
        Report.NodeReport first = report.firstDivergence().orElseThrow(() -> new AssertionError(report.toString()));
        assertEquals("PlantedCubeBackward", first.name(), report.toString());
        assertEquals(line[0], first.callSite().getLineNumber());
        assertTrue(first.value().exceeded());
        assertEquals(0.001, first.value().maxRel(), 1e-5, report.toString());
        assertFalse(report.nodes().get(0).value().exceeded(), "tanh is computed before it");
        assertTrue(report.nodes().get(0).gradient().exceeded(), "its gradient depends on the wrong value");
    }

    /** The same configuration twice gives the same numbers, bit for bit. */
    @Test
    void identicalConfigurationsReportNoDivergence() {
        Generator gen = new Generator(3);
        Tensor x = Tensor.randn(gen, new int[] {4, 5}, DType.FLOAT64, device());
        Tensor w = Tensor.randn(gen, new int[] {5, 3}, DType.FLOAT64, device()).requiresGrad(true);
        Report report = Verify.compare(in -> in.get(0).matmul(in.get(1)).tanh().pow(2).mean(), List.of(x, w),
                candidate(), candidate());
        assertFalse(report.diverged(), report.toString());
        assertTrue(report.firstDivergence().isEmpty());
        assertTrue(report.graphMismatch().isEmpty());
        assertEquals(4, report.nodes().size(), report.toString());
        for (Report.NodeReport n : report.nodes()) {
            assertEquals(0.0, n.value().maxAbs(), n.name());
            assertEquals(0.0, n.gradient().maxAbs(), n.name());
            assertEquals(DType.FLOAT32, n.candidateDtype());
        }
        assertEquals(List.of("input 1"), report.leaves().stream().map(Report.LeafReport::name).toList());
        assertEquals(0.0, report.leaves().get(0).gradient().maxAbs());
        assertTrue(report.toString().contains("no divergence: 4 nodes and 1 leaf gradients within tolerance"),
                report.toString());
        assertTrue(x.grad() == null && w.grad() == null, "the caller's tensors are untouched");
    }

    /** 64 images of the digits through a 64-128-10 MLP: float32 differs from float64, within tolerance. */
    @Test
    void float32AgainstFloat64OnTheDigitsMlpIsWithinTolerance() {
        Generator gen = new Generator(0);
        Sequential mlp = new Sequential(new Linear(64, 128, gen), new ReLU(), new Linear(128, 10, gen));
        mlp.to(device());
        TensorDataset digits = Digits.load();
        List<Tensor> batch = digits.get(IntStream.range(0, 64).toArray());
        CrossEntropyLoss ce = new CrossEntropyLoss();
        float[] before = mlp.parameters().get(0).tensor().toFloatArray();

        Report report = Verify.compare(mlp, in -> ce.forward(mlp.forward(in.get(0)), in.get(1)), batch, reference(),
                candidate());

        assertFalse(report.diverged(), report.toString());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"),
                report.leaves().stream().map(Report.LeafReport::name).toList());
        double largest = 0;
        for (Report.NodeReport n : report.nodes()) {
            largest = Math.max(largest, n.value().maxRel());
            assertEquals(DType.FLOAT64, n.referenceDtype());
        }
        assertTrue(largest > 1e-9, "float32 rounds: " + report);
        for (Report.LeafReport l : report.leaves()) {
            assertTrue(l.gradient().maxRel() > 0 && !l.gradient().exceeded(), report.toString());
        }
        // The module is as it was: its device, dtype and values, and no gradient.
        Tensor w0 = mlp.parameters().get(0).tensor();
        assertEquals(device(), w0.device());
        assertEquals(DType.FLOAT32, w0.dtype());
        assertArrayEquals(before, w0.toFloatArray());
        assertNull(w0.grad());
    }

    /**
     * 24 layers of {@code tanh(W x)} with a gain of 3 (the chaotic regime of random tanh networks): a rounding
     * difference grows by a roughly constant factor per layer, so the last layer's error is far above the first's.
     */
    @Test
    void aDeepTanhChainShowsTheErrorGrowing() {
        int depth = 24, width = 32;
        Generator gen = new Generator(7);
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(Tensor.randn(gen, new int[] {width, 1}, DType.FLOAT64, device()));
        for (int k = 0; k < depth; k++) {
            inputs.add(Tensor.randn(gen, new int[] {width, width}, DType.FLOAT64, device())
                    .mul(3.0 / Math.sqrt(width)).requiresGrad(true));
        }
        Report report = Verify.compare(in -> {
            Tensor h = in.get(0);
            for (int k = 1; k < in.size(); k++) {
                h = in.get(k).matmul(h).tanh();
            }
            return h.sum();
        }, inputs, reference(), candidate(), new Verify.Tolerance(1, 1));
        List<Report.NodeReport> tanh = report.nodes().stream().filter(n -> n.name().equals("TanhBackward0")).toList();
        assertEquals(depth, tanh.size());
        double first = tanh.get(0).value().maxAbs(), last = tanh.get(depth - 1).value().maxAbs();
        assertTrue(last > 100 * first, "error " + first + " at the first layer, " + last + " at the last:\n" + report);
    }

    /** An empty input broadcast against a 1-D one, and a 0-d loss: nothing to differ in the empty parts. */
    @Test
    void emptyAndBroadcastInputsAreCompared() {
        Tensor empty = Tensor.zeros(new int[] {0, 3}, DType.FLOAT64).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {0.5, -1.5, 2.0}).requiresGrad(true);
        Report report = Verify.compare(in -> in.get(0).add(in.get(1)).sum().add(in.get(1).exp().sum()),
                List.of(empty, b), reference(), candidate());
        assertFalse(report.diverged(), report.toString());
        assertArrayEquals(new int[] {0, 3}, report.leaves().get(0).shape());
        assertEquals(0.0, report.leaves().get(0).gradient().maxAbs());
        assertArrayEquals(new int[] {0, 3}, report.nodes().get(0).shape(), report.toString());
    }

    @Test
    void graphsThatDifferAreReportedWhereTheyFirstDiffer() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Report report = Verify.compare(in -> {
            Tensor h = in.get(0).exp();
            if (h.dtype() == DType.FLOAT32) {
                h = h.mul(1.0); // an op only one configuration runs
            }
            return h.sum();
        }, List.of(x), reference(), candidate());
        Report.GraphMismatch m = report.graphMismatch().orElseThrow(() -> new AssertionError(report.toString()));
        assertEquals(1, m.index());
        assertEquals("SumBackward0 []", m.reference());
        assertEquals("MulBackward0 [3]", m.candidate());
        assertEquals("VerifySuite.java", m.candidateSite().getFileName());
        assertEquals(1, report.nodes().size());
        assertTrue(report.diverged());
        assertTrue(report.toString().contains("graphs differ at node 1: reference SumBackward0 [] at "),
                report.toString());
    }

    @Test
    void theDrawingColoursTheFirstDivergingNodeRed() {
        Tensor x = Tensor.of(new double[] {0.5, -1.0}).requiresGrad(true);
        Report report = Verify.compare(in -> new PlantedSquare().apply(in.get(0).sin()).sum(), List.of(x),
                reference(), candidate());
        String dot = report.toDot();
        assertTrue(dot.matches("(?s).*label=\"PlantedSquareBackward\\\\nvalue [0-9.e-]+ grad 5\\.0.e-03\","
                + " shape=ellipse, style=filled, fillcolor=red\\].*"), dot);
        assertTrue(dot.matches("(?s).*label=\"SinBackward0\\\\nvalue [0-9.e-]+ grad 5\\.0.e-03\","
                + " shape=ellipse, style=filled, fillcolor=orange\\].*"), "it inherits the error: " + dot);
        assertTrue(dot.matches("(?s).*label=\"SumBackward0\\\\nvalue [0-9.e-]+ grad 0\", shape=ellipse,"
                + " style=filled, fillcolor=lightgrey\\].*"), dot);
    }

    @Test
    void badUseIsAOneLineError() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Verify.compare(in -> in.get(0).exp(), List.of(x), reference(), candidate()));
        assertEquals("[verify] the model must return a single-element loss, but returned a tensor of shape [2] on "
                + reference(), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Config.of("cpu:int64"));
        assertEquals("[verify] a configuration's dtype must be floating point, not int64", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Config.of("gpu:float32"));
        assertEquals("[device] expected 'cpu', 'cuda' or 'cuda:N' but got 'gpu'", e.getMessage());
        assertEquals(new Config(Device.cuda(1), DType.FLOAT32), Config.of("cuda:1:float32"));
        assertEquals("cpu:float64", Config.of("float64").toString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Anomaly mode
    // ---------------------------------------------------------------------------------------------------------

    /** sqrt at 0 through a where: the forward is fine, the backward of sqrt is 0 * inf = NaN (PyTorch's too). */
    @Test
    void anomalyModeNamesTheNodeThatMadeANanAndItsLine() {
        Tensor x = Tensor.of(new double[] {0.0, 4.0}).requiresGrad(true);
        int sqrtLine;
        AnomalyException e;
        try (var anomaly = Autograd.detectAnomaly()) {
            Tensor s = x.sqrt(); sqrtLine = line();
            Tensor y = Tensor.where(x.gt(0.0), s, x).sum();
            e = assertThrows(AnomalyException.class, y::backward);
        }
        assertEquals("SqrtBackward0", e.nodeName());
        assertEquals(sqrtLine, e.callSite().getLineNumber());
        assertEquals("[SqrtBackward0] returned nan values in its 0th output; the forward call that created it: "
                + VerifySuite.class.getName()
                + ".anomalyModeNamesTheNodeThatMadeANanAndItsLine(VerifySuite.java:" + sqrtLine + ")", e.getMessage());
        assertEquals(1, e.getSuppressed().length, "the forward stack is attached");
        assertEquals(sqrtLine, e.getSuppressed()[0].getStackTrace()[0].getLineNumber());
        assertNull(x.grad(), "a failed backward changes nothing");
    }

    @Test
    void withoutAnomalyModeTheNanFlowsAndNoSiteIsRecorded() {
        Tensor x = Tensor.of(new double[] {0.0, 4.0}).requiresGrad(true);
        Tensor s = x.sqrt();
        assertNull(s.gradFn().callSite());
        assertEquals(0, s.gradFn().forwardStack().length);
        Tensor.where(x.gt(0.0), s, x).sum().backward();
        assertTrue(Double.isNaN(x.grad().toDoubleArray()[0]));
        try (var anomaly = Autograd.detectAnomaly()) {
            Node n = x.exp().gradFn(); int expLine = line();
            assertNotNull(n.callSite());
            assertEquals(expLine, n.callSite().getLineNumber());
        }
        assertNull(x.exp().gradFn().callSite(), "off again once closed");
    }

    /** Double backward under anomaly mode: the nodes the first backward records are checked like any other. */
    @Test
    void anomalyModeAllowsADoubleBackward() {
        Tensor x = Tensor.of(new double[] {1.0, 2.0}).requiresGrad(true);
        try (var anomaly = Autograd.detectAnomaly()) {
            Tensor g = Autograd.grad(x.pow(3).sum(), x, true);
            assertNotNull(g.gradFn().callSite(), "recorded by the first backward, under anomaly mode");
            g.sum().backward();
        }
        assertArrayEquals(new double[] {6.0, 12.0}, x.grad().toDoubleArray(), 1e-12); // d2/dx2 x^3 = 6x
    }

    /** A backward that throws. */
    static final class Failing extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            return new Tensor[] {((Tensor) args[0]).mul(2.0)};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            throw new IllegalArgumentException("[failing] this backward always fails");
        }
    }

    @Test
    void anomalyModeNamesTheNodeWhoseBackwardThrew() {
        Tensor x = Tensor.of(new double[] {1.0, 4.0}).requiresGrad(true);
        int line;
        AnomalyException e;
        try (var anomaly = Autograd.detectAnomaly()) {
            Tensor y = new Failing().apply(x).exp().sum(); line = line();
            e = assertThrows(AnomalyException.class, y::backward);
        }
        assertEquals("FailingBackward", e.nodeName());
        assertEquals(line, e.callSite().getLineNumber());
        assertTrue(e.getMessage().startsWith("[FailingBackward] backward failed: [failing] this backward always"
                + " fails; the forward call that created it: "), e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(Arrays.stream(e.getSuppressed()).allMatch(t -> t.getStackTrace().length > 0));
    }

    /** An infinity is an anomaly too (PyTorch checks for NaN only). */
    @Test
    void anomalyModeCatchesAnInfiniteGradient() {
        Tensor x = Tensor.of(new double[] {0.0, 1.0}).requiresGrad(true);
        try (var anomaly = Autograd.detectAnomaly()) {
            Tensor y = x.sqrt().sum();
            AnomalyException e = assertThrows(AnomalyException.class, y::backward);
            assertTrue(e.getMessage().startsWith("[SqrtBackward0] returned inf values in its 0th output"),
                    e.getMessage());
        }
    }

    @Test
    void anomalyModeNamesTheOutputWithANanBeforeOneWithAnInfinity() {
        // PyTorch 1.13: x = tensor([0., 1.], requires_grad=True); with detect_anomaly(): (x / x).sum().backward()
        // raises "Function 'DivBackward0' returned nan values in its 1th output." (output 0 holds 1 / 0 = inf)
        Tensor x = Tensor.of(new double[] {0.0, 1.0}).requiresGrad(true);
        try (var anomaly = Autograd.detectAnomaly()) {
            Tensor y = x.div(x).sum();
            AnomalyException e = assertThrows(AnomalyException.class, y::backward);
            assertTrue(e.getMessage().startsWith("[DivBackward0] returned nan values in its 1th output"),
                    e.getMessage());
        }
        assertNull(x.grad());
    }

    @Test
    void verifySetsTheDefaultDeviceOfItsOwnThreadOnly() throws InterruptedException {
        // Verify used to set the global default device while the model ran: another thread's factories landed on
        // the verified device, and two verifying threads could restore each other's device for good.
        Device before = Device.getDefault();
        Device[] seen = new Device[3];
        Verify.compare(in -> {
            seen[0] = Device.getDefault();
            Thread other = new Thread(() -> seen[1] = Device.getDefault());
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return in.get(0).sum();
        }, List.of(Tensor.ones(2)), reference(), candidate());
        assertEquals(device(), seen[0], "the model runs with the candidate's device as its default");
        assertEquals(before, seen[1], "another thread keeps the global default");
        assertEquals(before, Device.getDefault());
        try (Device.Guard outer = Device.withDefault(Device.cuda(0))) {
            try (Device.Guard inner = Device.withDefault(Device.cpu())) {
                seen[2] = Device.getDefault();
            }
            assertEquals(Device.cuda(0), Device.getDefault(), "guards nest");
        }
        assertEquals(Device.cpu(), seen[2]);
        assertEquals(before, Device.getDefault());
    }
}
