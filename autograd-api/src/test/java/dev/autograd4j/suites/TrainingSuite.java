package dev.autograd4j.suites;

import dev.autograd4j.Autograd;
import dev.autograd4j.DType;
import dev.autograd4j.Generator;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small networks trained with plain SGD written against the API, and a Hessian-vector product, on the suite's
 * {@link #device()}.
 */
public abstract class TrainingSuite extends DeviceSuite {

    /** A two-layer perceptron's parameters, initialised like PyTorch's nn.Linear (uniform +-1/sqrt(fan_in)). */
    private List<Tensor> mlp(Generator gen, DType dtype, int... sizes) {
        List<Tensor> params = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            double bound = 1 / Math.sqrt(sizes[i]);
            params.add(Tensor.rand(gen, new int[] {sizes[i + 1], sizes[i]}, dtype, device()).mul(2 * bound)
                    .sub(bound).requiresGrad(true));
            params.add(Tensor.rand(gen, new int[] {sizes[i + 1]}, dtype, device()).mul(2 * bound)
                    .sub(bound).requiresGrad(true));
        }
        return params;
    }

    private static Tensor forward(List<Tensor> p, Tensor x) {
        Tensor h = x;
        for (int i = 0; i < p.size(); i += 2) {
            h = Functional.linear(h, p.get(i), p.get(i + 1));
            if (i + 2 < p.size()) {
                h = h.tanh();
            }
        }
        return h;
    }

    private static void sgdStep(List<Tensor> params, double lr) {
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            for (Tensor p : params) {
                p.sub_(p.grad().mul(lr));
                p.setGrad(null);
            }
        }
    }

    private static double accuracy(Tensor logits, Tensor labels) {
        long[] predicted = logits.argmax(1, false).toLongArray();
        long[] expected = labels.toLongArray();
        int correct = 0;
        for (int i = 0; i < expected.length; i++) {
            correct += predicted[i] == expected[i] ? 1 : 0;
        }
        return correct / (double) expected.length;
    }

    @Test
    void xorIsLearned() {
        Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new long[] {0, 1, 1, 0});
        List<Tensor> params = mlp(new Generator(0), DType.FLOAT32, 2, 8, 2);
        for (int step = 0; step < 500; step++) {
            Functional.crossEntropy(forward(params, x), y).backward();
            sgdStep(params, 0.5);
        }
        Tensor logits = forward(params, x);
        assertEquals(device(), logits.device());
        assertTrue(accuracy(logits, y) == 1.0, "XOR accuracy " + accuracy(logits, y));
        assertTrue(Functional.crossEntropy(logits, y).item() < 0.1);
    }

    /** Two interleaved spirals, 100 points each (fixed generator): a 2-32-32-2 tanh MLP reaches >= 95%. */
    @Test
    void twoSpiralsReachNinetyFivePercent() {
        int perClass = 100;
        Generator gen = new Generator(42);
        float[] noise = Tensor.randn(gen, 2 * perClass, 2).mul(0.05).toFloatArray();
        float[] data = new float[2 * perClass * 2];
        long[] labels = new long[2 * perClass];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < perClass; i++) {
                int k = c * perClass + i;
                double r = 0.1 + 0.9 * i / perClass;
                double theta = 3.0 * Math.PI * i / perClass + c * Math.PI;
                data[2 * k] = (float) (r * Math.cos(theta)) + noise[2 * k];
                data[2 * k + 1] = (float) (r * Math.sin(theta)) + noise[2 * k + 1];
                labels[k] = c;
            }
        }
        Tensor x = Tensor.of(data, 2 * perClass, 2);
        Tensor y = Tensor.of(labels);
        List<Tensor> params = mlp(new Generator(1), DType.FLOAT32, 2, 32, 32, 2);
        for (int step = 0; step < 3000; step++) {
            Functional.crossEntropy(forward(params, x), y).backward();
            sgdStep(params, 0.3);
        }
        double acc = accuracy(forward(params, x), y);
        assertTrue(acc >= 0.95, "spiral accuracy " + acc);
    }

    /** H v by double backward equals the finite difference of gradients along v. */
    @Test
    void hessianVectorProductOfAnMlp() {
        Generator gen = new Generator(3);
        List<Tensor> params = mlp(gen, DType.FLOAT64, 3, 5, 2);
        Tensor x = Tensor.randn(gen, new int[] {4, 3}, DType.FLOAT64, device());
        Tensor y = Tensor.of(new long[] {0, 1, 1, 0});
        Tensor w = params.get(0);
        Tensor v = Tensor.randn(gen, w.shape(), DType.FLOAT64, device());

        Tensor loss = Functional.crossEntropy(forward(params, x), y);
        Tensor g = Autograd.grad(loss, w, true);
        Tensor hv = Autograd.grad(g.mul(v).sum(), w, false);

        double eps = 1e-6;
        double[] plus = gradientAt(params, x, y, v, eps), minus = gradientAt(params, x, y, v, -eps);
        double[] expected = new double[plus.length];
        for (int i = 0; i < plus.length; i++) {
            expected[i] = (plus[i] - minus[i]) / (2 * eps);
        }
        assertArrayEquals(expected, hv.toDoubleArray(), 1e-6);
    }

    private static double[] gradientAt(List<Tensor> params, Tensor x, Tensor y, Tensor v, double eps) {
        List<Tensor> shifted = new ArrayList<>();
        for (Tensor p : params) {
            shifted.add(p.detach().clone().requiresGrad(true));
        }
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor w0 = shifted.get(0).detach();
            w0.add_(v.mul(eps));
        }
        Tensor loss = Functional.crossEntropy(forward(shifted, x), y);
        return Autograd.grad(loss, shifted.get(0))[0].toDoubleArray();
    }
}
