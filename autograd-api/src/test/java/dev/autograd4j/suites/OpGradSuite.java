package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.Function;
import dev.autograd4j.FunctionCtx;
import dev.autograd4j.Generator;
import dev.autograd4j.GradCheck;
import dev.autograd4j.Node;
import dev.autograd4j.Tensor;
import dev.autograd4j.opinfo.Nd;
import dev.autograd4j.opinfo.OpDb;
import dev.autograd4j.opinfo.OpInfo;
import dev.autograd4j.opinfo.Sample;
import dev.autograd4j.nn.Functional;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.autograd4j.suites.OpValuesSuite.onDevice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradients of every differentiable sample of the database on the suite's device in float64, against central
 * finite differences ({@code GradCheck.check}, like PyTorch's {@code test_ops_gradients.py}), and second derivatives
 * ({@code GradCheck.checkSecondOrder}) where the op supports double backward. The inputs' storages are the leaves,
 * so a non-contiguous input's view is part of the differentiated function. Also: gradient values PyTorch printed,
 * PyTorch's names of the backward nodes, and that the checks fail when a gradient is wrong.
 */
public abstract class OpGradSuite extends DeviceSuite {

    private Stream<DynamicContainer> perSample(java.util.function.Predicate<Sample> include, OpInfo op,
                                               SampleCheck check) {
        return Stream.of(DynamicContainer.dynamicContainer(op.name, op.samples().stream()
                .filter(include).map(s -> DynamicTest.dynamicTest(s + " float64",
                        () -> onDevice(device(), () -> check.run(op, s))))));
    }

    @FunctionalInterface
    private interface SampleCheck {
        void run(OpInfo op, Sample s) throws Throwable;
    }

    @TestFactory
    Stream<DynamicContainer> gradientsMatchFiniteDifferences() {
        return OpDb.all().stream().flatMap(op -> perSample(op::gradcheck, op, (o, s) -> check(o, s, false)));
    }

    @TestFactory
    Stream<DynamicContainer> secondDerivativesMatchFiniteDifferences() {
        return OpDb.all().stream().flatMap(op -> perSample(op::gradgradcheck, op, (o, s) -> check(o, s, true)));
    }

    /** Gradchecks every floating output of {@code s} with respect to the storages of its differentiable inputs. */
    private void check(OpInfo op, Sample s, boolean secondOrder) {
        Sample.Built b = s.build(DType.FLOAT64, device(), op.seed(s), true);
        List<Tensor> outputs = b.runOn(b.storage, op.isInplace());
        for (int k = 0; k < outputs.size(); k++) {
            if (!outputs.get(k).dtype().isFloatingPoint()) {
                continue;
            }
            int output = k;
            java.util.function.Function<Tensor[], Tensor> fn = xs -> b.runOn(xs, op.isInplace()).get(output);
            GradCheck.Result r = secondOrder ? GradCheck.checkSecondOrder(fn, b.storage) : GradCheck.check(fn, b.storage);
            assertTrue(r.passed(), "output " + k + ": " + r);
        }
    }

    /** Gradient values PyTorch printed for the same call (the samples that carry them). */
    @TestFactory
    Stream<DynamicContainer> gradientsMatchPyTorchValues() {
        return OpDb.all().stream().filter(op -> op.samples().stream().anyMatch(s -> s.expectedGrads() != null))
                .map(op -> DynamicContainer.dynamicContainer(op.name, op.samples().stream()
                        .filter(s -> s.expectedGrads() != null)
                        .flatMap(s -> op.dtypes(s).stream().map(dtype -> DynamicTest.dynamicTest(s + " " + dtype,
                                () -> onDevice(device(), () -> checkGradValues(op, s, dtype)))))));
    }

    private void checkGradValues(OpInfo op, Sample s, DType dtype) {
        Sample.Built b = s.build(dtype, device(), op.seed(s), true);
        Tensor out = b.run().get(0);
        out.backward(s.gradOutput() == null ? Tensor.onesLike(out)
                : Tensor.of(s.gradOutput()).reshape(out.shape()).to(out.dtype()));
        int j = 0;
        for (int i = 0; i < b.storage.length; i++) {
            if (!s.inputs().get(i).differentiable()) {
                continue;
            }
            Tensor grad = b.storage[i].grad();
            double[] want = s.expectedGrads()[j];
            s.gradTolerance(j).check("the gradient of input " + i, Nd.of(b.storage[i].shape(), want),
                    grad.shape(), grad.toDoubleArray());
            j++;
        }
        assertEquals(s.expectedGrads().length, j, "expected gradients for each differentiable input");
    }

    /** Outputs of ops without a gradient never require grad, whatever their inputs do. */
    @TestFactory
    Stream<DynamicContainer> nonDifferentiableOpsRecordNothing() {
        return OpDb.all().stream().filter(op -> !op.isDifferentiable()).flatMap(op -> perSample(
                s -> op.dtypes(s).contains(DType.FLOAT64) && s.inputs().stream().anyMatch(i -> i.differentiable()), op,
                (o, s) -> {
                    Sample.Built b = s.build(DType.FLOAT64, device(), o.seed(s), true);
                    for (Tensor out : b.runOn(b.storage, o.isInplace())) {
                        assertFalse(out.requiresGrad(), "the output requires grad");
                        assertNull(out.gradFn(), "the output has a gradFn");
                    }
                }));
    }

    // ------------------------------------------------------------------------------------------------------------
    // PyTorch's node names
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Each sample's output has the {@code gradFn} PyTorch gives the same call (and, where the entry names more, the
     * nodes behind it). Every mismatch is reported at once.
     */
    @Test
    void gradFnNamesMatchPyTorch() throws Throwable {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (OpInfo op : OpDb.all()) {
            for (Sample s : op.samples()) {
                List<String> names = op.gradFns(s);
                if (names.isEmpty() || !op.dtypes(s).contains(DType.FLOAT64)
                        || s.inputs().stream().noneMatch(i -> i.differentiable())) {
                    continue;
                }
                checked++;
                List<String> actual = new ArrayList<>();
                onDevice(device(), () -> {
                    Sample.Built b = s.build(DType.FLOAT64, device(), op.seed(s), true);
                    Tensor[] leaves = b.storage;
                    Node node = b.runOn(leaves, op.isInplace()).get(0).gradFn();
                    for (int i = 0; i < names.size(); i++) {
                        actual.add(node == null ? "none" : node.name());
                        node = node == null || node.nextFunctions().isEmpty() ? null : node.nextFunctions().get(0);
                    }
                });
                if (!actual.equals(names)) {
                    mismatches.add(op.name + ": " + s + ": expected " + names + ", got " + actual);
                }
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + checked + " node names differ from PyTorch's:\n"
                + String.join("\n", mismatches));
        assertTrue(checked > 300, "names checked: " + checked);
    }

    @Test
    void nodeNamesOfKnownBugs() throws Throwable {
        onDevice(device(), () -> {
            Tensor w = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
            Map<String, Supplier<Tensor>> cases = new LinkedHashMap<>();
            cases.put("ClampMinBackward0", () -> w.clampMin(0.1));
            cases.put("ClampMaxBackward0", () -> w.clampMax(0.1));
            cases.put("SumBackward1", () -> w.sum(new int[0], false));
            cases.put("MeanBackward1", () -> w.mean(new int[0], false));
            cases.put("SubBackward0", () -> w.clone().sub_(1.0));
            cases.put("SubBackward0 ", () -> w.clone().sub_(w));
            List<String> mismatches = new ArrayList<>();
            cases.forEach((name, op) -> {
                String actual = op.get().gradFn().name();
                if (!actual.equals(name.trim())) {
                    mismatches.add("expected " + name + ", got " + actual);
                }
            });
            assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // The checks fail when a gradient is wrong; custom functions are checked like ops
    // ------------------------------------------------------------------------------------------------------------

    /** {@code x^2}, with a backward of {@code 3x} instead of {@code 2x}: off by a factor 1.5. */
    static final class OffByAFactor extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor x = (Tensor) args[0];
            ctx.saveForBackward(x);
            return new Tensor[] {x.mul(x)};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            return new Tensor[] {grads[0].mul(ctx.savedTensors().get(0)).mul(3.0)};
        }
    }

    /**
     * {@code x^3}, with the right first derivative {@code 3x^2} computed from a detached {@code x}: the backward is
     * not differentiable in {@code x}, so its second derivative is missing the {@code 6x} term.
     */
    static final class DetachedBackward extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor x = (Tensor) args[0];
            ctx.saveForBackward(x);
            return new Tensor[] {x.pow(3)};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            Tensor x = ctx.savedTensors().get(0).detach();
            return new Tensor[] {grads[0].mul(x.mul(x)).mul(3.0)};
        }
    }

    /** {@code (a + b)^2}, the custom function of the seed tests. */
    static final class MultiInput extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor a = (Tensor) args[0], b = (Tensor) args[1];
            ctx.saveForBackward(a, b);
            return new Tensor[] {a.add(b).pow(2)};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            Tensor a = ctx.savedTensors().get(0), b = ctx.savedTensors().get(1);
            Tensor g = grads[0].mul(2.0).mul(a.add(b));
            return new Tensor[] {g, g};
        }
    }

    /** {@code sum(x^2)} with backward {@code g * 2x}, differentiable twice. */
    static final class SumOfSquares extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor x = (Tensor) args[0];
            ctx.saveForBackward(x);
            return new Tensor[] {x.pow(2).sum()};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            return new Tensor[] {grads[0].mul(2.0).mul(ctx.savedTensors().get(0))};
        }
    }

    private static Tensor input(long seed, int... shape) {
        return Tensor.rand(new Generator(seed), shape, DType.FLOAT64, dev.autograd4j.Device.getDefault()).mul(2.0)
                .sub(1.0).requiresGrad(true);
    }

    @Test
    void gradCheckRejectsAWrongBackward() throws Throwable {
        onDevice(device(), () -> {
            Tensor x = input(1, 4);
            GradCheck.Result r = GradCheck.check(xs -> new OffByAFactor().apply(xs[0]), x);
            assertFalse(r.passed(), r.toString());
            // The right formula passes, so it is the factor that fails.
            assertTrue(GradCheck.check(xs -> xs[0].mul(xs[0]), x).passed());
        });
    }

    @Test
    void checkSecondOrderRejectsAWrongDoubleBackward() throws Throwable {
        onDevice(device(), () -> {
            Tensor x = input(2, 4);
            Function f = new DetachedBackward();
            GradCheck.Result first = GradCheck.check(xs -> f.apply(xs[0]), x);
            assertTrue(first.passed(), "the first derivative is right: " + first);
            GradCheck.Result second = GradCheck.checkSecondOrder(xs -> f.apply(xs[0]), x);
            assertFalse(second.passed(), second.toString());
            assertTrue(GradCheck.checkSecondOrder(xs -> xs[0].pow(3), x).passed());
        });
    }

    @Test
    void customFunctionsAreCheckedLikeOps() throws Throwable {
        onDevice(device(), () -> {
            GradCheck.Result r = GradCheck.check(xs -> new MultiInput().apply(xs[0], xs[1]), input(1, 3), input(2, 3));
            assertTrue(r.passed(), r.toString());
            GradCheck.Result r2 = GradCheck.checkSecondOrder(xs -> new SumOfSquares().apply(xs[0]), input(1, 3));
            assertTrue(r2.passed(), r2.toString());
            assertTrue(GradCheck.check(xs -> Functional.relu(new SumOfSquares().apply(xs[0])), input(3, 2)).passed());
        });
    }
}
