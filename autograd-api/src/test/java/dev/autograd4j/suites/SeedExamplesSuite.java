package dev.autograd4j.suites;

import dev.autograd4j.Autograd;
import dev.autograd4j.CustomFunctions;
import dev.autograd4j.DType;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The examples of the five seed documents, with PyTorch's numbers (checked with PyTorch 1.13; float64 unless
 * noted), on the suite's {@link #device()}. Where a seed is wrong, the test follows PyTorch and says so.
 */
public abstract class SeedExamplesSuite extends DeviceSuite {

    private static Tensor scalar(double v) {
        return Tensor.scalar(v, DType.FLOAT64).requiresGrad(true);
    }

    /** Seed 000: f = (sin(x2) + 1) / (x2 + exp(x1)) + x1 * x2 at x1 = 1.5, x2 = 0.5. */
    @Test
    void seed000FunctionOfTwoVariables() {
        Tensor x1 = scalar(1.5), x2 = scalar(0.5);
        Tensor f = x2.sin().add(1.0).div(x2.add(x1.exp())).add(x1.mul(x2));
        assertEquals(1.0469726768804155, f.item(), 1e-15);
        f.backward();
        assertEquals(0.23283374747559749, x1.grad().item(), 1e-15);
        assertEquals(1.6165488003791766, x2.grad().item(), 1e-15);
    }

    /** Seed 000 also computes a gradient "for any input": Autograd.grad works for non-leaves too. */
    @Test
    void seed000GradWithRespectToAnIntermediate() {
        Tensor x1 = scalar(1.5), x2 = scalar(0.5);
        Tensor denominator = x2.add(x1.exp());
        Tensor f = x2.sin().add(1.0).div(denominator).add(x1.mul(x2));
        // df/d(denominator) = -(sin(x2) + 1) / denominator^2
        double d = 0.5 + Math.exp(1.5);
        assertEquals(-(Math.sin(0.5) + 1) / (d * d), Autograd.grad(f, denominator)[0].item(), 1e-15);
        assertNull(x1.grad(), "Autograd.grad does not touch .grad");
    }

    /** Seed 001: leaves, grad_fn names, requires_grad only for floating point. */
    @Test
    void seed001GraphAttributes() {
        Tensor x1 = Tensor.of(new float[] {2, 3, 4, 5}).requiresGrad(true);
        Tensor w1 = Tensor.ones(4).requiresGrad(true);
        Tensor x2 = x1.mul(w1);
        assertArrayEquals(new float[] {2, 3, 4, 5}, x2.toFloatArray());
        assertEquals("MulBackward0", x2.gradFn().name());
        assertNull(x1.gradFn());
        assertTrue(x1.isLeaf());
        assertFalse(x2.isLeaf());

        Tensor a = Tensor.ones(2, 2).requiresGrad(true);
        Tensor b = a.add(2.0);
        Tensor c = b.mul(b).mul(3.0);
        assertEquals("AddBackward0", b.gradFn().name());
        assertEquals("MulBackward0", c.gradFn().name());

        Tensor ints = Tensor.of(new long[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> ints.requiresGrad(true));
    }

    /** Seed 001: backward() of a non-scalar needs a gradient; with one it is a vector-Jacobian product. */
    @Test
    void seed001VectorJacobianProduct() {
        Tensor x = Tensor.of(new float[] {0, 2, 8}).requiresGrad(true);
        Tensor y = Tensor.of(new float[] {5, 1, 7}).requiresGrad(true);
        Tensor z = x.mul(y);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, z::backward);
        assertTrue(e.getMessage().contains("grad can be implicitly created only for scalar outputs"), e.getMessage());
        z.backward(Tensor.of(new float[] {1, 1, 1}));
        assertArrayEquals(new float[] {5, 1, 7}, x.grad().toFloatArray());
        assertArrayEquals(new float[] {0, 2, 8}, y.grad().toFloatArray());
    }

    /**
     * Seed 001's loss L = mean(Y - x1*w1*w2). The seed uses Y = ones(2, 2), which PyTorch rejects against a [4]
     * tensor; with Y = ones(4) the gradients are as below (float32).
     */
    @Test
    void seed001MeanLossGradients() {
        Tensor x1 = Tensor.of(new float[] {2, 3, 4, 5}).requiresGrad(true);
        Tensor w1 = Tensor.ones(4).requiresGrad(true);
        Tensor w2 = Tensor.of(new float[] {1, 2, 3, 4}).requiresGrad(true);
        Tensor y = x1.mul(w1).mul(w2);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 2).sub(y));
        assertTrue(e.getMessage().contains("[2, 2]") && e.getMessage().contains("[4]"), e.getMessage());

        Tensor loss = Tensor.ones(4).sub(y).mean();
        loss.backward();
        assertArrayEquals(new float[] {-0.25f, -0.5f, -0.75f, -1f}, x1.grad().toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {-0.5f, -1.5f, -3f, -5f}, w1.grad().toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {-0.5f, -0.75f, -1f, -1.25f}, w2.grad().toFloatArray(), 1e-7f);
    }

    /** Seed 001: gradients accumulate across backward calls until they are zeroed. */
    @Test
    void seed001GradientsAccumulate() {
        Tensor x = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        x.mul(3.0).sum().backward();
        x.mul(3.0).sum().backward();
        assertArrayEquals(new float[] {6, 6}, x.grad().toFloatArray());
        x.zeroGrad();
        assertArrayEquals(new float[] {0, 0}, x.grad().toFloatArray());
        x.mul(3.0).sum().backward();
        assertArrayEquals(new float[] {3, 3}, x.grad().toFloatArray());
        x.setGrad(null);
        x.mul(2.0).sum().backward();
        assertArrayEquals(new float[] {2, 2}, x.grad().toFloatArray());
    }

    /** Seed 002: micrograd's graph a, b, c, f -> e = a*b, d = e + c, L = d * f. */
    @Test
    void seed002MicrogradGraph() {
        Tensor a = scalar(2.0), b = scalar(-3.0), c = scalar(10.0), f = scalar(-2.0);
        Tensor e = a.mul(b);
        e.retainGrad();
        Tensor d = e.add(c);
        d.retainGrad();
        Tensor loss = d.mul(f);
        assertEquals(-8.0, loss.item());
        loss.backward();
        assertEquals(6.0, a.grad().item());
        assertEquals(-4.0, b.grad().item());
        assertEquals(-2.0, c.grad().item());
        assertEquals(4.0, f.grad().item());
        assertEquals(-2.0, d.grad().item());
        assertEquals(-2.0, e.grad().item());
    }

    /** Seed 002: a node used twice gets the sum of both gradients (why micrograd uses +=). */
    @Test
    void seed002NodeUsedTwice() {
        Tensor a = scalar(3.0);
        Tensor b = a.add(a);
        b.backward();
        assertEquals(2.0, a.grad().item());

        Tensor x = scalar(-2.0), y = scalar(3.0);
        Tensor d = x.mul(y);
        Tensor e = x.add(y);
        Tensor g = d.mul(e);
        g.backward();
        assertEquals(-3.0, x.grad().item()); // y*e + d = 3*1 + -6
        assertEquals(-8.0, y.grad().item()); // x*e + d = -2*1 + -6
    }

    /** Seed 003: MyFunction computes 2x; x.grad = [2, 2, 2]. */
    @Test
    void seed003MyFunction() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}).requiresGrad(true);
        Tensor y = new CustomFunctions.MyFunction().apply(x);
        y.sum().backward();
        assertArrayEquals(new float[] {2, 2, 2}, x.grad().toFloatArray());
        assertEquals("MyFunctionBackward", y.gradFn().name());
    }

    /** Seed 003: ComplexFunction computes sum(x^2); x.grad = [2, 4, 6]. */
    @Test
    void seed003ComplexFunction() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}).requiresGrad(true);
        new CustomFunctions.ComplexFunction().apply(x).sum().backward();
        assertArrayEquals(new float[] {2, 4, 6}, x.grad().toFloatArray());
    }

    /** Seed 003: MultiInputFunction computes (a + b)^2; both grads are [10, 14, 18]. */
    @Test
    void seed003MultiInputFunction() {
        Tensor a = Tensor.of(new float[] {1, 2, 3}).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {4, 5, 6}).requiresGrad(true);
        new CustomFunctions.MultiInputFunction().apply(a, b).sum().backward();
        assertArrayEquals(new float[] {10, 14, 18}, a.grad().toFloatArray());
        assertArrayEquals(new float[] {10, 14, 18}, b.grad().toFloatArray());
    }

    /**
     * Seed 003's higher-order example. The seed calls backward() on the non-scalar x.grad, which PyTorch rejects;
     * with x.grad.sum().backward() the second backward accumulates into x.grad, which already holds [2, 4, 6], so
     * the result is [4, 6, 8], not the seed's [2, 2, 2].
     */
    @Test
    void seed003SecondOrderThroughCustomBackward() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}).requiresGrad(true);
        Tensor y = new CustomFunctions.ComplexFunction().apply(x);
        y.backward(null, false, true);
        Tensor gradX = x.grad();
        assertArrayEquals(new float[] {2, 4, 6}, gradX.toFloatArray());
        assertTrue(gradX.requiresGrad(), "with createGraph the gradient is itself differentiable");
        assertThrows(IllegalArgumentException.class, gradX::backward);
        gradX.sum().backward();
        assertArrayEquals(new float[] {4, 6, 8}, x.grad().toFloatArray());
    }

    /** Seed 004: the custom line function w*x + b with a hand-written backward. */
    @Test
    void seed004LineFunction() {
        Generator gen = new Generator(4);
        Tensor w = Tensor.randn(gen, 2, 2).requiresGrad(true);
        Tensor x = Tensor.randn(gen, 2, 2).requiresGrad(true);
        Tensor b = Tensor.randn(gen, 2, 2).requiresGrad(true);
        Tensor out = new CustomFunctions.Line().apply(w, x, b);
        assertArrayEquals(w.mul(x).add(b).toFloatArray(), out.toFloatArray());
        out.backward(Tensor.ones(2, 2));
        assertArrayEquals(w.toFloatArray(), x.grad().toFloatArray());
        assertArrayEquals(x.toFloatArray(), w.grad().toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1, 1}, b.grad().toFloatArray());
    }
}
