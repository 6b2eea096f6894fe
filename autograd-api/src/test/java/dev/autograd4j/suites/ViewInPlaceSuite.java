package dev.autograd4j.suites;

import dev.autograd4j.Autograd;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In-place ops on views while autograd records (PyTorch's CopySlices), and views that see in-place changes of their
 * base. Every expected number was printed by PyTorch 1.13 (float64) for the same expression, written beside it.
 */
public abstract class ViewInPlaceSuite extends DeviceSuite {

    private static Tensor leaf(double... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    @Test
    void inPlaceOnAViewRebasesTheBase() {
        // x = tensor([1,2,3,4], requires_grad=True); y = x.mul(1); v = y.narrow(0,0,2); v.mul_(3); y.sum().backward()
        Tensor x = leaf(1, 2, 3, 4);
        Tensor y = x.mul(1.0);
        Tensor v = y.narrow(0, 0, 2);
        v.mul_(3.0);
        assertEquals("CopySlices", y.gradFn().name());
        assertEquals("AsStridedBackward0", v.gradFn().name());
        assertArrayEquals(new double[] {3, 6, 3, 4}, y.toDoubleArray());
        y.sum().backward();
        assertArrayEquals(new double[] {3, 3, 1, 1}, x.grad().toDoubleArray());
    }

    @Test
    void aViewTakenBeforeAnInPlaceOpOnItsBaseSeesTheNewHistory() {
        // y = x.mul(1); w = y[1:3]; y.mul_(2); (w*w).sum().backward()  ->  x.grad = [0, 16, 24, 0]
        Tensor x = leaf(1, 2, 3, 4);
        Tensor y = x.mul(1.0);
        Tensor w = y.slice(0, 1, 3, 1);
        y.mul_(2.0);
        assertEquals("AsStridedBackward0", w.gradFn().name());
        w.mul(w).sum().backward();
        assertArrayEquals(new double[] {0, 16, 24, 0}, x.grad().toDoubleArray());
    }

    @Test
    void inPlaceWithATensorOperandOnATransposedView() {
        // y = x*1; v = y.t()[1]; v.mul_(a); (y*[[1,2,3],[4,5,6]]).sum().backward()
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor a = leaf(10, 20);
        Tensor y = x.mul(1.0);
        Tensor v = y.t().select(0, 1);
        v.mul_(a);
        assertArrayEquals(new double[] {1, 20, 3, 4, 100, 6}, y.toDoubleArray());
        y.mul(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3)).sum().backward();
        assertArrayEquals(new double[] {1, 20, 3, 4, 100, 6}, x.grad().toDoubleArray());
        assertArrayEquals(new double[] {4, 25}, a.grad().toDoubleArray());
    }

    @Test
    void copyIntoASliceOfATensorThatDoesNotRequireGrad() {
        // z = zeros(4); z[1:3].copy_(src); (z*[1,2,3,4]).sum().backward()  ->  src.grad = [2, 3]
        Tensor src = leaf(1, 2);
        Tensor z = Tensor.zeros(new int[] {4}, dev.autograd4j.DType.FLOAT64);
        z.narrow(0, 1, 2).copy_(src);
        assertEquals("CopySlices", z.gradFn().name());
        z.mul(Tensor.of(new double[] {1, 2, 3, 4})).sum().backward();
        assertArrayEquals(new double[] {2, 3}, src.grad().toDoubleArray());
    }

    @Test
    void addZeroAndFillOnViews() {
        // y = x*3; y[1].add_(b); y[0].zero_(); (y*y).sum().backward()  ->  x.grad = [[0,0],[84,102]], b.grad = [62]
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor b = leaf(5);
        Tensor y = x.mul(3.0);
        y.select(0, 1).add_(b);
        y.select(0, 0).zero_();
        y.mul(y).sum().backward();
        assertArrayEquals(new double[] {0, 0, 84, 102}, x.grad().toDoubleArray());
        assertArrayEquals(new double[] {62}, b.grad().toDoubleArray());
    }

    @Test
    void anInPlaceOpOnOneViewIsSeenThroughAnOverlappingView() {
        // y = x*2; a1 = y[0:2]; a2 = y[1:3]; a1.mul_(5); (a2*[1,10]).sum().backward()  ->  x.grad = [0, 10, 20, 0]
        Tensor x = leaf(1, 2, 3, 4);
        Tensor y = x.mul(2.0);
        Tensor a1 = y.narrow(0, 0, 2);
        Tensor a2 = y.narrow(0, 1, 2);
        a1.mul_(5.0);
        a2.mul(Tensor.of(new double[] {1, 10})).sum().backward();
        assertArrayEquals(new double[] {0, 10, 20, 0}, x.grad().toDoubleArray());
    }

    @Test
    void secondOrderThroughCopySlices() {
        // y2 = x*x; v2 = y2[1:]; v2.mul_(x[1:]); s = (y2**2).sum(); g = grad(s, x, create_graph=True)
        //   -> g = [4, 192, 1458]; g.sum().backward() -> x.grad = [12, 480, 2430]
        Tensor x = leaf(1, 2, 3);
        Tensor y2 = x.mul(x);
        y2.slice(0, 1, 3, 1).mul_(x.slice(0, 1, 3, 1));
        Tensor s = y2.pow(2).sum();
        Tensor g = Autograd.grad(s, x, true);
        assertArrayEquals(new double[] {4, 192, 1458}, g.toDoubleArray(), 1e-9);
        g.sum().backward();
        assertArrayEquals(new double[] {12, 480, 2430}, x.grad().toDoubleArray(), 1e-9);
    }

    @Test
    void aViewOfALeafThatRequiresGradCannotBeModifiedInPlace() {
        // PyTorch: "a view of a leaf Variable that requires grad is being used in an in-place operation."
        Tensor x = leaf(1, 2);
        Tensor v = x.narrow(0, 0, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.mul_(2.0));
        assertTrue(e.getMessage().startsWith("[mul_] a view of a leaf tensor that requires grad"), e.getMessage());
        assertArrayEquals(new double[] {1, 2}, x.toDoubleArray());
        assertEquals(0, x.version());
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            v.mul_(2.0);
        }
        assertArrayEquals(new double[] {2, 2}, x.toDoubleArray());
    }

    @Test
    void aSavedTensorModifiedThroughAViewIsCaught() {
        // y = x*1; z = y.sin(); y[0:1].mul_(2); z.sum().backward()  ->  modified by an inplace operation, version 1
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(1.0);
        Tensor z = y.sin();
        y.narrow(0, 0, 1).mul_(2.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> z.sum().backward());
        assertTrue(e.getMessage().contains("modified by an inplace operation"), e.getMessage());
        assertTrue(e.getMessage().contains("CopySlices") && e.getMessage().contains("version 1"), e.getMessage());
    }

    @Test
    void aViewMadeInNoGradModeCannotBeModifiedInPlaceWithGrad() {
        // PyTorch: "A view was created in no_grad mode and is being modified inplace with grad mode enabled."
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(2.0);
        Tensor v;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            v = y.narrow(0, 0, 2);
        }
        Tensor w = leaf(3, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.mul_(w));
        assertTrue(e.getMessage().startsWith("[mul_] a view was created in no-grad mode"), e.getMessage());
        assertArrayEquals(new double[] {2, 4, 6}, y.toDoubleArray());
    }

    @Test
    void aViewOfALeafMadeInNoGradModeCannotBeModifiedInPlaceWithGrad() {
        // PyTorch 1.13: with torch.no_grad(): v = x[0:1]; then v.add_(1) raises "A view was created in no_grad mode
        // and is being modified inplace with grad mode enabled", even with a scalar operand, and x stays [1, 2].
        Tensor x = leaf(1, 2);
        Tensor v;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            v = x.narrow(0, 0, 1);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.add_(1.0));
        assertTrue(e.getMessage().startsWith("[add_] a view was created in no-grad mode"), e.getMessage());
        assertArrayEquals(new double[] {1, 2}, x.toDoubleArray());
        assertEquals(0, x.version());
        // A view of that view (made with grad mode on) is no way around it.
        Tensor w = v.narrow(0, 0, 1);
        assertThrows(IllegalStateException.class, () -> w.mul_(3.0));
        assertArrayEquals(new double[] {1, 2}, x.toDoubleArray());
    }

    @Test
    void aViewMadeInNoGradModeOfATensorThatRequiresGradRequiresGradAsALeafWithoutAGradient() {
        // PyTorch 1.13: x = torch.tensor([1., 2., 3.], requires_grad=True); with torch.no_grad(): v = x[1:];
        // v.requires_grad -> True, v.grad_fn -> None, v.is_leaf -> True (its requires_grad is its base's); (v * 2)
        // requires grad, and (v * 2).sum().backward() runs with v.grad and x.grad None; v[0] (with grad mode on) has
        // grad_fn SelectBackward0; v.add_(1) raises as before
        Tensor x = leaf(1, 2, 3);
        Tensor v;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            v = x.narrow(0, 1, 2);
        }
        assertTrue(v.requiresGrad());
        assertNull(v.gradFn());
        assertTrue(v.isLeaf());
        Tensor y = v.mul(2.0).sum();
        assertTrue(y.requiresGrad());
        y.backward();
        assertNull(x.grad());
        assertNull(v.grad());
        assertEquals("SelectBackward0", v.select(0, 0).gradFn().name());
        assertThrows(IllegalStateException.class, () -> v.add_(1.0));
        assertArrayEquals(new double[] {1, 2, 3}, x.toDoubleArray());
        // Made of a tensor that does not require grad, or by detach(), it does not (torch.no_grad(): q[0:1])
        Tensor q = Tensor.of(new double[] {1, 2});
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            assertFalse(q.narrow(0, 0, 1).requiresGrad());
            assertFalse(x.detach().narrow(0, 0, 1).requiresGrad());
            assertFalse(x.mul(2.0).requiresGrad());
        }
    }

    @Test
    void aNoGradViewOfATensorWithoutGradCannotTakeAnOperandThatRequiresGrad() {
        // PyTorch 1.13: q = tensor([1., 2.]); with torch.no_grad(): qv = q[0:1]; qv.mul_(w) with w requiring grad
        // raises "A view was created in no_grad mode ..."; qv.mul_(2) without one is fine: q = [2, 2].
        Tensor q = Tensor.of(new double[] {1, 2});
        Tensor qv;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            qv = q.narrow(0, 0, 1);
        }
        Tensor w = leaf(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> qv.mul_(w));
        assertTrue(e.getMessage().startsWith("[mul_] a view was created in no-grad mode"), e.getMessage());
        assertArrayEquals(new double[] {1, 2}, q.toDoubleArray());
        qv.mul_(2.0);
        assertArrayEquals(new double[] {2, 2}, q.toDoubleArray());
    }

    @Test
    void theViewsOfSplitChunkAndUnbindCannotBeModifiedInPlaceWhileRecording() {
        // PyTorch 1.13: y = x*1 (x = tensor([1., 2., 3., 4.], requires_grad=True)); y.split(2)[1].mul_(2), y.chunk(2),
        // y.split([1, 3]), y.view(2, 2).unbind(1), a view of a piece, and x.split(2) itself all raise "Output 1 of
        // SplitBackward0 is a view and is being modified inplace. This view is the output of a function that returns
        // multiple views. Such functions do not allow the output views to be modified inplace."
        Tensor x = leaf(1, 2, 3, 4);
        Tensor y = x.mul(1.0);
        List<Executable> writes = List.of(
                () -> y.split(2, 0).get(1).mul_(2.0),
                () -> y.chunk(2, 0).get(1).add_(1.0),
                () -> y.split(new int[] {1, 3}, 0).get(1).copy_(Tensor.of(new double[] {0, 0, 0})),
                () -> y.view(2, 2).unbind(1).get(1).zero_(),
                () -> y.split(2, 0).get(0).narrow(0, 0, 1).mul_(2.0),
                () -> x.split(2, 0).get(1).mul_(2.0));
        for (Executable write : writes) {
            IllegalStateException e = assertThrows(IllegalStateException.class, write);
            assertTrue(e.getMessage().contains("output of a function that returns multiple views"), e.getMessage());
        }
        assertArrayEquals(new double[] {1, 2, 3, 4}, y.toDoubleArray());
        assertEquals(0, y.version());
        // Fine, as PyTorch: under no_grad, through detach(), and when nothing requires grad.
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            y.split(2, 0).get(0).mul_(2.0);
        }
        y.split(2, 0).get(1).detach().mul_(2.0);
        Tensor z = Tensor.of(new double[] {1, 2, 3, 4});
        z.split(2, 0).get(0).mul_(2.0);
        assertArrayEquals(new double[] {2, 4, 6, 8}, y.toDoubleArray());
        assertArrayEquals(new double[] {2, 4, 3, 4}, z.toDoubleArray());
    }

    @Test
    void anExpandedViewCannotBeWrittenInPlace() {
        // PyTorch: "unsupported operation: more than one element of the written-to tensor refers to a single memory
        // location. Please clone() the tensor before performing the operation."
        Tensor e = Tensor.of(new double[] {1, 2}).expand(3, 2);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> e.add_(1.0));
        assertTrue(error.getMessage().startsWith("[add_] unsupported operation: more than one element"),
                error.getMessage());
        assertEquals(0, e.version());
    }

    @Test
    void inPlaceOnADetachedViewRecordsOnItsOwnHistory() {
        // a = x.detach(); a.mul_(w): a is not a differentiable view, so the op is recorded on a itself.
        Tensor x = leaf(1, 2);
        Tensor w = leaf(3, 4);
        Tensor a = x.detach();
        a.mul_(w);
        assertEquals("MulBackward0", a.gradFn().name());
        a.sum().backward();
        assertArrayEquals(new double[] {1, 2}, w.grad().toDoubleArray());
        assertEquals(null, x.grad());

        // The same for detach() of a view of a leaf: PyTorch 1.13, x = tensor([1., 2.], requires_grad=True),
        // d = x[0:1].detach(); d.mul_(w) with w = tensor([3.], requires_grad=True) -> d = [3.] with MulBackward0,
        // x = [3., 2.]; d.sum().backward() -> w.grad = [1.], x.grad None
        Tensor x2 = leaf(1, 2);
        Tensor w2 = leaf(3);
        Tensor d = x2.narrow(0, 0, 1).detach();
        assertFalse(d.isView(), "x[0:1].detach()._is_view() is False");
        d.mul_(w2);
        assertEquals("MulBackward0", d.gradFn().name());
        assertArrayEquals(new double[] {3, 2}, x2.toDoubleArray());
        d.sum().backward();
        assertArrayEquals(new double[] {1}, w2.grad().toDoubleArray());
        assertEquals(null, x2.grad());
    }
}
