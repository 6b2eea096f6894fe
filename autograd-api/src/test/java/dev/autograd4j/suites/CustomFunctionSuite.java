package dev.autograd4j.suites;

import dev.autograd4j.CustomFunctions;
import dev.autograd4j.DType;
import dev.autograd4j.Function;
import dev.autograd4j.FunctionCtx;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Custom {@link Function}s beyond the seeds: non-tensor arguments, several outputs, needsInputGrad, contexts, on the
 * suite's {@link #device()}. The seeds' own functions are in {@link CustomFunctions}.
 */
public abstract class CustomFunctionSuite extends DeviceSuite {

    /** {@code x * k} for a Java number {@code k}, returning also the non-differentiable sign of x. */
    static final class ScaleAndSign extends Function {
        boolean[] needs;

        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor x = (Tensor) args[0];
            double k = (Double) args[1];
            ctx.put("k", k);
            needs = new boolean[] {ctx.needsInputGrad(0), ctx.needsInputGrad(1)};
            Tensor sign = x.sign().to(DType.INT64);
            ctx.markNonDifferentiable(sign);
            return new Tensor[] {x.mul(k), sign};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            double k = ctx.get("k");
            return new Tensor[] {grads[0].mul(k), null};
        }
    }

    @Test
    void nonTensorArgumentsAndNonDifferentiableOutputs() {
        Tensor x = Tensor.of(new double[] {-1, 2}).requiresGrad(true);
        ScaleAndSign f = new ScaleAndSign();
        Tensor[] out = f.applyAll(x, 3.0);
        assertArrayEquals(new boolean[] {true, false}, f.needs);
        assertEquals("ScaleAndSignBackward", out[0].gradFn().name());
        assertFalse(out[1].requiresGrad());
        assertArrayEquals(new long[] {-1, 1}, out[1].toLongArray());
        assertEquals(device(), out[1].device());
        out[0].sum().backward();
        assertEquals(device(), x.grad().device());
        assertArrayEquals(new double[] {3, 3}, x.grad().toDoubleArray());
    }

    /** Two outputs; backward receives zeros for the one not used (materialized grads). */
    static final class SplitHalves extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor x = (Tensor) args[0];
            return new Tensor[] {x.narrow(0, 0, 2).clone(), x.narrow(0, 2, 2).clone()};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            return new Tensor[] {Tensor.cat(List.of(grads[0], grads[1]), 0)};
        }
    }

    @Test
    void multipleOutputsWithMaterializedZeros() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}).requiresGrad(true);
        Tensor[] halves = new SplitHalves().applyAll(x);
        assertEquals(0, halves[0].outputNr());
        assertEquals(1, halves[1].outputNr());
        halves[1].mul(5.0).sum().backward();
        assertArrayEquals(new double[] {0, 0, 5, 5}, x.grad().toDoubleArray());
    }

    @Test
    void withoutGradModeNothingIsRecorded() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor y = new CustomFunctions.MyFunction().apply(x);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
        }
    }

    @Test
    void savedTensorsAreVersionChecked() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor h = x.mul(1.0);
        Tensor y = new CustomFunctions.ComplexFunction().apply(h);
        h.add_(1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("ComplexFunctionBackward"), e.getMessage());
    }

    @Test
    void inputReturnedAsIsGetsItsOwnHistory() {
        Function identity = new Function() {
            @Override
            protected Tensor[] forward(FunctionCtx ctx, Object... args) {
                return new Tensor[] {(Tensor) args[0]};
            }

            @Override
            protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
                return new Tensor[] {grads[0].mul(2.0)};
            }

            @Override
            protected String name() {
                return "Identity";
            }
        };
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = identity.apply(x);
        assertTrue(x.isLeaf(), "the input keeps being a leaf");
        assertEquals("Identity", y.gradFn().name());
        // PyTorch 1.13 refuses y.mul_(2): "Output 0 of IdentityBackward is a view and is being modified inplace"
        assertThrows(IllegalStateException.class, () -> y.mul_(2.0));
        assertArrayEquals(new double[] {1, 2}, x.toDoubleArray());
        y.sum().backward();
        assertArrayEquals(new double[] {2, 2}, x.grad().toDoubleArray());
    }

    /** {@code 2x}, whose backward returns {@code extra} more entries after the gradient. */
    static Function twiceWithExtraGradients(Tensor... extra) {
        return new Function() {
            @Override
            protected Tensor[] forward(FunctionCtx ctx, Object... args) {
                return new Tensor[] {((Tensor) args[0]).mul(2.0)};
            }

            @Override
            protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
                Tensor[] out = new Tensor[1 + extra.length];
                out[0] = grads[0].mul(2.0);
                System.arraycopy(extra, 0, out, 1, extra.length);
                return out;
            }

            @Override
            protected String name() {
                return "TwiceBackward";
            }
        };
    }

    @Test
    void trailingNullGradientsBeyondTheInputsAreIgnored() {
        // PyTorch 1.13: a backward returning (g*2, None, None) for one input is accepted -> x.grad = [2.];
        // (g*2, ones(1)) fails: "function TwiceBackward returned an incorrect number of gradients (expected 1, got 2)"
        Tensor x = Tensor.of(new double[] {1}).requiresGrad(true);
        twiceWithExtraGradients(null, null).apply(x).sum().backward();
        assertArrayEquals(new double[] {2}, x.grad().toDoubleArray());
        Tensor y = twiceWithExtraGradients(Tensor.ones(1)).apply(x).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("incorrect number of gradients (expected 1, got 2)"), e.getMessage());
        assertArrayEquals(new double[] {2}, x.grad().toDoubleArray());
    }
}
