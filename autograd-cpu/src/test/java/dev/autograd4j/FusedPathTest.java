package dev.autograd4j;

import dev.autograd4j.nn.Functional;
import dev.autograd4j.nn.Reduction;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The op layer's two paths agree: the CPU backend has every fused kernel (softmax, layer norm, cross-entropy, the
 * activation backwards) and the fake device has none, so the same expression run on both compares the fused path
 * with the composed formula, values and gradients, in float64 and float32. The graph is the same on both paths.
 */
class FusedPathTest {

    private record Case(String name, Function<Tensor[], Tensor> fn, int[][] shapes) {
    }

    private static Case c(String name, Function<Tensor[], Tensor> fn, int[]... shapes) {
        return new Case(name, fn, shapes);
    }

    private static final Tensor TARGET = Tensor.of(new long[] {2, 0, -100, 3, 1});

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(c("softmax last dim", x -> x[0].softmax(-1), new int[] {4, 7}));
        cases.add(c("log_softmax last dim", x -> x[0].logSoftmax(1), new int[] {4, 7}));
        cases.add(c("softmax 3-d", x -> x[0].softmax(2).mul(x[0]), new int[] {2, 3, 5}));
        cases.add(c("softmax over an empty dim", x -> x[0].softmax(1), new int[] {3, 0}));
        // rows within one chunk of exponentials, rows whose exponentials are kept, and rows past that (taken twice):
        // see Note [Softmax in chunks of doubles]
        cases.add(c("softmax rows of 300", x -> x[0].softmax(-1), new int[] {3, 300}));
        cases.add(c("softmax rows of 1300", x -> x[0].softmax(-1), new int[] {3, 1300}));
        cases.add(c("softmax rows of 70000", x -> x[0].softmax(-1), new int[] {2, 70000}));
        cases.add(c("log_softmax rows of 1300", x -> x[0].logSoftmax(-1), new int[] {3, 1300}));
        cases.add(c("log_softmax of an empty batch", x -> x[0].logSoftmax(1), new int[] {0, 4}));
        cases.add(c("layer_norm affine", x -> Functional.layerNorm(x[0], new int[] {6}, x[1], x[2]),
                new int[] {5, 6}, new int[] {6}, new int[] {6}));
        cases.add(c("layer_norm two dims, no affine", x -> Functional.layerNorm(x[0], new int[] {2, 3}, null, null),
                new int[] {4, 2, 3}));
        cases.add(c("cross_entropy weights and ignore index", x -> Functional.crossEntropy(x[0],
                TARGET.to(x[0].device()), x[1].abs().detach(), Reduction.MEAN, -100), new int[] {5, 4}, new int[] {4}));
        cases.add(c("cross_entropy sum", x -> Functional.crossEntropy(x[0], TARGET.to(x[0].device()),
                null, Reduction.SUM, -100), new int[] {5, 4}));
        cases.add(c("cross_entropy none", x -> Functional.crossEntropy(x[0], TARGET.to(x[0].device()),
                null, Reduction.NONE, -100).mul(x[1]), new int[] {5, 4}, new int[] {5}));
        cases.add(c("cross_entropy unbatched", x -> Functional.crossEntropy(x[0],
                Tensor.scalar(2, DType.INT64).to(x[0].device())), new int[] {4}));
        // the scan kernel: rows scanned one chain each (dim -1), and down a dim with rows of accumulators past 1024
        cases.add(c("cumsum dims", x -> x[0].cumsum(0).add(x[0].cumsum(1)).add(x[0].cumsum(-1)), new int[] {4, 7, 3}));
        cases.add(c("cumsum wide rows", x -> x[0].cumsum(1), new int[] {2, 3, 1100}));
        cases.add(c("cumprod dims", x -> x[0].cumprod(0).add(x[0].cumprod(2)), new int[] {4, 7, 3}));
        cases.add(c("cumsum of an empty tensor", x -> x[0].cumsum(1), new int[] {3, 0}));
        cases.add(c("cumsum of a transposed tensor", x -> x[0].t().cumsum(0), new int[] {5, 6}));
        cases.add(c("activations", x -> x[0].tanh().add(x[0].sigmoid()).add(x[0].relu()).add(Functional.gelu(x[0]))
                .add(Functional.gelu(x[0], "tanh")).add(Functional.leakyRelu(x[0], 0.1)), new int[] {3, 5}));
        return cases;
    }

    private static Tensor[] inputs(Case k, DType dtype, Device device) {
        Generator gen = new Generator(11);
        Tensor[] xs = new Tensor[k.shapes.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Tensor.randn(gen, k.shapes[i], DType.FLOAT64, Device.cpu()).mul(2.0).to(dtype).to(device)
                    .detach().requiresGrad(true);
        }
        return xs;
    }

    private static void assertClose(String what, double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            if (!(Math.abs(a - e) <= tol * (1 + Math.abs(e)) || (Double.isNaN(e) && Double.isNaN(a)))) {
                fail(what + ": element " + i + " fused " + e + " composed " + a);
            }
        }
    }

    @TestFactory
    List<DynamicTest> fusedAndComposedPathsAgree() {
        assertTrue(Backends.of(Device.cpu()).supports(dev.autograd4j.spi.FusedOp.CROSS_ENTROPY));
        List<DynamicTest> tests = new ArrayList<>();
        for (Case k : cases()) {
            for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                tests.add(DynamicTest.dynamicTest(k.name + " " + dtype, () -> {
                    double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
                    Tensor[] a = inputs(k, dtype, Device.cpu()), b = inputs(k, dtype, Device.cuda(0));
                    Tensor ya = k.fn.apply(a), yb = k.fn.apply(b);
                    assertEquals(ya.gradFn() == null ? null : ya.gradFn().name(),
                            yb.gradFn() == null ? null : yb.gradFn().name(), "the same graph on both paths");
                    assertClose("value", ya.toDoubleArray(), yb.toDoubleArray(), tol);
                    Tensor seed = Tensor.randn(new Generator(5), ya.shape(), DType.FLOAT64, Device.cpu()).to(dtype);
                    ya.backward(seed);
                    yb.backward(seed.to(Device.cuda(0)));
                    for (int i = 0; i < a.length; i++) {
                        if (a[i].grad() == null || b[i].grad() == null) {
                            assertEquals(a[i].grad(), b[i].grad(), "input " + i + " gets no gradient on either path");
                            continue;
                        }
                        assertClose("grad of input " + i, a[i].grad().toDoubleArray(), b[i].grad().toDoubleArray(),
                                tol);
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void float32ScansAccumulateInDoubleAsPyTorchsCpuKernel() {
        // PyTorch 1.13 on the CPU: torch.tensor([1e8, 1, -1e8]).cumsum(0) is [1e8, 1e8, 1.] (the running value is a
        // double; the composed scan, in float32, ends at 0), and torch.tensor([1e-30, 1e-30, 1e30, 1e30]).cumprod(0)
        // is [1e-30, 0., 1e-30, 1.] (1e-60 underflows float32 in the output only)
        Tensor sum = Tensor.of(new float[] {1e8f, 1, -1e8f}).cumsum(0);
        assertArrayEquals(new float[] {1e8f, 1e8f, 1f}, sum.toFloatArray());
        Tensor product = Tensor.of(new float[] {1e-30f, 1e-30f, 1e30f, 1e30f}).cumprod(0);
        assertArrayEquals(new float[] {1e-30f, 0f, 1e-30f, 1f}, product.toFloatArray());
        // the same down a dim, where a row of accumulators walks the columns: x.t().contiguous().cumsum(0) for
        // x = [[1e8, 1, -1e8], [2, 3, 4]] is [[1e8, 2], [1e8, 5], [1, 9]]
        Tensor down = Tensor.of(new float[] {1e8f, 2, 1, 3, -1e8f, 4}).reshape(3, 2).cumsum(0);
        assertArrayEquals(new float[] {1e8f, 2, 1e8f, 5, 1, 9}, down.toFloatArray());
    }
}
