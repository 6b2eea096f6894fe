package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Node;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In-place ops under PyTorch's rules: version counters, leaves, and history rebased onto the in-place node, on the
 * suite's {@link #device()}.
 */
public abstract class InPlaceSuite extends DeviceSuite {

    @Test
    void everyInPlaceWriteBumpsTheSharedVersion() {
        Tensor x = Tensor.zeros(2, 2);
        Tensor row = x.select(0, 1);
        assertEquals(0, x.version());
        x.add_(1.0);
        row.mul_(3.0);
        x.fill_(2.0);
        x.zero_();
        x.copy_(Tensor.ones(2));
        assertEquals(5, x.version());
        assertEquals(5, row.version(), "views share the version counter");
        assertEquals(5, x.detach().version(), "so does detach()");
    }

    @Test
    void aTensorThatRetainsItsGradKeepsDoingSoAfterAnInPlaceOp() {
        // PyTorch 1.13: y = x*1; y.retain_grad(); y.mul_(2); (y*3).sum().backward()
        //   -> y.grad = [3., 3.] (the gradient of the new y), y.retains_grad True, x.grad = [6., 6.]
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(1.0);
        y.retainGrad();
        y.mul_(2.0);
        assertTrue(y.retainsGrad());
        y.mul(3.0).sum().backward();
        assertArrayEquals(new double[] {3, 3}, y.grad().toDoubleArray());
        assertArrayEquals(new double[] {6, 6}, x.grad().toDoubleArray());

        // A view keeps it after an in-place op on itself or on its base; a base written through a view keeps it on its
        // old node. PyTorch 1.13, x = tensor([1., 2., 3.], requires_grad=True), y = x*1, v = y[0:2]:
        //   v.retain_grad(); v.mul_(2); (v*3).sum().backward()  -> v.grad [3., 3.]
        //   v.retain_grad(); y.mul_(2); (v*3).sum().backward()  -> v.grad [3., 3.]
        //   y.retain_grad(); v.mul_(2); (y*3).sum().backward()  -> y.grad [6., 6., 3.], y.retains_grad True
        for (boolean writeTheView : new boolean[] {true, false}) {
            Tensor x2 = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
            Tensor y2 = x2.mul(1.0);
            Tensor v = y2.narrow(0, 0, 2);
            v.retainGrad();
            (writeTheView ? v : y2).mul_(2.0);
            assertTrue(v.retainsGrad());
            v.mul(3.0).sum().backward();
            assertArrayEquals(new double[] {3, 3}, v.grad().toDoubleArray());
            assertArrayEquals(new double[] {6, 6, 0}, x2.grad().toDoubleArray());
        }
        Tensor x3 = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Tensor y3 = x3.mul(1.0);
        y3.retainGrad();
        y3.narrow(0, 0, 2).mul_(2.0);
        assertTrue(y3.retainsGrad());
        y3.mul(3.0).sum().backward();
        assertArrayEquals(new double[] {6, 6, 3}, y3.grad().toDoubleArray());
    }

    @Test
    void sgdUpdateUnderNoGrad() {
        Tensor w = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        w.mul(w).sum().backward();
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            w.sub_(w.grad().mul(0.1));
        }
        assertArrayEquals(new float[] {0.8f, 1.6f}, w.toFloatArray(), 1e-7f);
        assertTrue(w.isLeaf());
        assertTrue(w.requiresGrad());
        w.zeroGrad();
        assertArrayEquals(new float[] {0, 0}, w.grad().toFloatArray());
    }

    @Test
    void inPlaceOnNonLeafRebasesHistory() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Tensor y = x.mul(2.0);
        Node before = y.gradFn();
        Tensor same = y.mul_(x);              // y = 2x * x
        assertSame(y, same);
        assertEquals("MulBackward0", y.gradFn().name());
        assertFalse(before == y.gradFn(), "the in-place op is recorded as a new node");
        y.sum().backward();
        assertArrayEquals(new double[] {4, 8, 12}, x.grad().toDoubleArray(), "d/dx 2x^2 = 4x");
    }

    @Test
    void inPlaceAddOfAGradTensorIntoAPlainTensor() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor acc = Tensor.zeros(new int[] {2}, DType.FLOAT64);
        acc.add_(w.mul(3.0));
        assertTrue(acc.requiresGrad());
        assertFalse(acc.isLeaf());
        assertEquals("AddBackward0", acc.gradFn().name());
        acc.sum().backward();
        assertArrayEquals(new double[] {3, 3}, w.grad().toDoubleArray());
    }

    @Test
    void copyFillAndZeroNodes() {
        Tensor src = Tensor.of(new double[] {5, 6}).requiresGrad(true);
        Tensor dst = Tensor.zeros(new int[] {2, 2}, DType.FLOAT64);
        dst.copy_(src);
        assertEquals("CopyBackwards", dst.gradFn().name());
        assertArrayEquals(new double[] {5, 6, 5, 6}, dst.toDoubleArray());
        dst.sum().backward();
        assertArrayEquals(new double[] {2, 2}, src.grad().toDoubleArray(), "the broadcast source gets the summed grad");

        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(1.0);
        y.fill_(7.0);
        assertEquals("FillBackward0", y.gradFn().name());
        y.sum().backward();
        assertArrayEquals(new double[] {0, 0}, x.grad().toDoubleArray(), "overwritten values get zero gradient");
    }

    @Test
    void inPlaceValidatesShapesAndTypesBeforeWriting() {
        Tensor x = Tensor.zeros(3);
        assertThrows(IllegalArgumentException.class, () -> x.add_(Tensor.ones(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> x.mul_(Tensor.ones(4)));
        assertEquals(0, x.version());
        Tensor i = Tensor.zeros(new int[] {2}, DType.INT64);
        i.add_(Tensor.of(new long[] {1, 2}));
        assertArrayEquals(new long[] {1, 2}, i.toLongArray());
    }

    @Test
    void matmulIntoOutWritesTheProductAndReturnsOut() {
        // PyTorch 1.13: a = torch.tensor([[1., 2, 3], [4, 5, 6]]); b = torch.tensor([[1., 0], [0, 1], [2, 3]]);
        // c = torch.empty(2, 2); torch.matmul(a, b, out=c) -> tensor([[ 7., 11.], [16., 23.]]), and it returns c
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), b = Tensor.of(new double[][] {{1, 0}, {0, 1},
            {2, 3}});
        Tensor c = Tensor.zeros(new int[] {2, 2}, DType.FLOAT64);
        assertSame(c, a.matmul(b, c));
        assertArrayEquals(new double[] {7, 11, 16, 23}, c.toDoubleArray());
        assertEquals(1, c.version(), "a write into out, as an in-place op");
        // into a transposed view (strided): the same values, seen through the view
        Tensor base = Tensor.zeros(new int[] {2, 2}, DType.FLOAT64);
        a.matmul(b, base.t());
        assertArrayEquals(new double[] {7, 16, 11, 23}, base.toDoubleArray());
        // the other ranks: a batch, a dot product into a 0-d out, integers
        Tensor batch = Tensor.zeros(new int[] {2, 2, 2}, DType.FLOAT64);
        Tensor.stack(java.util.List.of(a, a.mul(2.0)), 0).matmul(b, batch);
        assertArrayEquals(new double[] {7, 11, 16, 23, 14, 22, 32, 46}, batch.toDoubleArray());
        Tensor dot = Tensor.zeros(new int[0], DType.FLOAT64);
        Tensor.of(new double[] {1, 2}).matmul(Tensor.of(new double[] {3, 4}), dot);
        assertEquals(11.0, dot.item());
        Tensor ints = Tensor.zeros(new int[] {1, 1}, DType.INT64);
        Tensor.of(new long[] {2, 3}).reshape(1, 2).matmul(Tensor.of(new long[] {4, 5}).reshape(2, 1), ints);
        assertArrayEquals(new long[] {23}, ints.toLongArray());
    }

    @Test
    void matmulIntoOutRefusesWhatPyTorchRefusesAndLeavesOutAlone() {
        Tensor a = Tensor.ones(2, 3), b = Tensor.ones(3, 4), out = Tensor.full(new int[] {2, 4}, 5.0, DType.FLOAT32,
                a.device());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> a.matmul(b, Tensor.zeros(4, 2)));
        assertTrue(shape.getMessage().contains("[4, 2]") && shape.getMessage().contains("[2, 4]"), shape.getMessage());
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
                () -> a.matmul(b, Tensor.zeros(new int[] {2, 4}, DType.FLOAT64)));
        assertTrue(dtype.getMessage().contains("float64"), dtype.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.matmul(b, Tensor.zeros(1, 4).expand(2, 4)));
        Tensor square = Tensor.ones(3, 3);
        assertThrows(IllegalArgumentException.class, () -> square.matmul(square, square), "out aliases an input");
        // PyTorch 1.13: torch.matmul(a, b, out=c) with a.requires_grad raises "functions with out=... arguments don't
        // support automatic differentiation, but one of the arguments requires grad."
        Tensor leaf = Tensor.ones(2, 3).requiresGrad(true);
        IllegalStateException grad = assertThrows(IllegalStateException.class, () -> leaf.matmul(b, out));
        assertTrue(grad.getMessage().contains("out="), grad.getMessage());
        assertArrayEquals(new double[] {5, 5, 5, 5, 5, 5, 5, 5}, out.toDoubleArray(), "out untouched");
        assertEquals(0, out.version());
        try (GradMode.Guard ignored = GradMode.noGrad()) { // allowed where nothing is recorded
            leaf.matmul(b, out);
        }
        assertArrayEquals(new double[] {3, 3, 3, 3, 3, 3, 3, 3}, out.toDoubleArray());
        assertFalse(out.requiresGrad());
    }

    @Test
    void inPlaceOnAViewUnderNoGradWritesThroughToItsBase() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}).requiresGrad(true);
        Tensor y = x.mul(2.0);
        Tensor view = y.narrow(0, 1, 2);
        assertArrayEquals(new double[] {2, 4, 6, 8}, y.toDoubleArray());
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            view.mul_(3.0);
        }
        assertArrayEquals(new double[] {2, 12, 18, 8}, y.toDoubleArray());
    }
}
