package dev.autograd4j.it;

import dev.autograd4j.Autograd;
import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Function;
import dev.autograd4j.FunctionCtx;
import dev.autograd4j.Generator;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static dev.autograd4j.it.Agreement.on;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole computations on {@link #device()} against the CPU: a small MLP trained for 50 SGD steps from the same seed
 * (the loss curves agree step by step, and so do the trained weights), and a custom {@link Function} whose backward
 * is written with tensor ops, through first and second derivatives.
 */
public abstract class TrainingAgreementSuite {
    static final int STEPS = 50, BATCH = 64, IN = 20, HIDDEN = 32, CLASSES = 4;

    /** The device held to the CPU. */
    protected abstract Device device();

    /** Whether results must be bit-identical (the CPU against itself: the harness's own check). */
    protected boolean exact() {
        return false;
    }

    private double rtol(DType dtype, double float64, double float32) {
        return exact() ? 0 : dtype == DType.FLOAT64 ? float64 : float32;
    }

    /** A training run: the loss before each step, and the weights at the end. */
    record Training(double[] losses, List<Tensor> weights) {
    }

    /**
     * {@code IN -> HIDDEN -> tanh -> HIDDEN -> tanh -> CLASSES}, initialised like nn.Linear by the device's own
     * generator from seed 0 (so the Philox draws are compared too), cross-entropy on seeded data, SGD with lr 0.5.
     * Tanh rather than ReLU: a pre-activation a rounding away from zero would switch a ReLU's gradient on one device.
     */
    static Training train(DType dtype, Device device) {
        return on(device, () -> {
            Generator gen = new Generator(0);
            int[] sizes = {IN, HIDDEN, HIDDEN, CLASSES};
            List<Tensor> params = new ArrayList<>();
            for (int i = 0; i + 1 < sizes.length; i++) {
                double bound = 1 / Math.sqrt(sizes[i]);
                params.add(Tensor.rand(gen, new int[] {sizes[i + 1], sizes[i]}, dtype, device).mul(2 * bound)
                        .sub(bound).requiresGrad(true));
                params.add(Tensor.rand(gen, new int[] {sizes[i + 1]}, dtype, device).mul(2 * bound).sub(bound)
                        .requiresGrad(true));
            }
            Tensor x = Tensor.randn(gen, new int[] {BATCH, IN}, dtype, device);
            Tensor y = Tensor.randint(gen, 0, CLASSES, new int[] {BATCH}, DType.INT64, device);
            double[] losses = new double[STEPS];
            for (int step = 0; step < STEPS; step++) {
                Tensor h = Functional.linear(x, params.get(0), params.get(1)).tanh();
                h = Functional.linear(h, params.get(2), params.get(3)).tanh();
                Tensor loss = Functional.crossEntropy(Functional.linear(h, params.get(4), params.get(5)), y);
                loss.backward();
                losses[step] = loss.item();
                try (GradMode.Guard ignored = GradMode.noGrad()) {
                    for (Tensor p : params) {
                        p.sub_(p.grad().mul(0.5));
                        p.grad().zero_();
                    }
                }
            }
            return new Training(losses, params);
        });
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void anMlpTrainsAlikeOnBothDevices(DType dtype) {
        Training ours = train(dtype, device());
        Training cpu = train(dtype, Device.cpu());
        // Float32 runs drift apart by rounding as training goes on; 50 small steps stay well inside 1e-4.
        double rtol = rtol(dtype, 1e-9, 1e-4);
        for (int step = 0; step < STEPS; step++) {
            double c = cpu.losses[step], o = ours.losses[step];
            assertTrue(Math.abs(c - o) <= rtol * Math.abs(c), "step " + step + ": loss " + o + " on " + device()
                    + ", " + c + " on the CPU (" + dtype + ")");
        }
        assertTrue(cpu.losses[STEPS - 1] < 0.8 * cpu.losses[0], "the loss fell from " + cpu.losses[0] + " to "
                + cpu.losses[STEPS - 1]);
        for (int i = 0; i < cpu.weights.size(); i++) {
            Agreement.atMagnitude("trained parameter " + i, cpu.weights.get(i), ours.weights.get(i),
                    rtol(dtype, 1e-9, 1e-3));
        }
    }

    /**
     * Softsign {@code x / (1 + |x|)} scaled by a second tensor {@code w}, with a hand-written backward made of tensor
     * ops: {@code dx = g * w / (1 + |x|)^2}, {@code dw = sum of g * softsign(x)} reduced to {@code w}'s shape. Being
     * tensor ops, the backward is itself differentiable.
     */
    static final class ScaledSoftsign extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor x = (Tensor) args[0], w = (Tensor) args[1];
            ctx.saveForBackward(x, w);
            return new Tensor[] {x.div(x.abs().add(1.0)).mul(w)};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            Tensor x = ctx.savedTensors().get(0), w = ctx.savedTensors().get(1);
            Tensor g = grads[0];
            Tensor denominator = x.abs().add(1.0);
            Tensor dx = ctx.needsInputGrad(0) ? g.mul(w).div(denominator.mul(denominator)) : null;
            Tensor dw = ctx.needsInputGrad(1) ? g.mul(x.div(denominator)).sumToSize(w.shape()) : null;
            return new Tensor[] {dx, dw};
        }
    }

    /** Values, gradients and a Hessian-vector product through the custom function: x [5, 7], w [7]. */
    static List<Tensor> customFunction(DType dtype, Device device) {
        return on(device, () -> {
            Tensor x = Agreement.uniform(11, new int[] {5, 7}, dtype, device).mul(3.0).detach().requiresGrad(true);
            Tensor w = Agreement.uniform(12, new int[] {7}, dtype, device).requiresGrad(true);
            Tensor v = Agreement.uniform(13, new int[] {5, 7}, dtype, device);
            Tensor y = new ScaledSoftsign().apply(x, w);
            assertEquals("ScaledSoftsignBackward", y.gradFn().name());
            Tensor loss = y.mul(y).sum();
            Tensor[] g = Autograd.grad(new Tensor[] {loss}, new Tensor[] {x, w}, null, true, true, false);
            Tensor hvp = Autograd.grad(g[0].mul(v).sum(), x, false);
            return List.of(y, g[0], g[1], hvp);
        });
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void aCustomFunctionWithATensorOpBackwardAgrees(DType dtype) {
        List<Tensor> ours = customFunction(dtype, device());
        List<Tensor> cpu = customFunction(dtype, Device.cpu());
        String[] what = {"the output", "d loss / dx", "d loss / dw", "the Hessian-vector product"};
        for (int i = 0; i < what.length; i++) {
            Agreement.atMagnitude(what[i], cpu.get(i), ours.get(i), rtol(dtype, Agreement.FLOAT64_RTOL,
                    Agreement.FLOAT32_RTOL));
        }
    }
}
