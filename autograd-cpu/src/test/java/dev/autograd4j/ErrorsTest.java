package dev.autograd4j;

import dev.autograd4j.nn.Functional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad input gets an exception whose message names the op and what was wrong, and the failed call
 * changes nothing.
 */
class ErrorsTest {

    private static <T extends Throwable> String fails(Class<T> type, Executable call, String... mustContain) {
        T e = assertThrows(type, call);
        for (String s : mustContain) {
            assertTrue(e.getMessage().contains(s), () -> "message '" + e.getMessage() + "' lacks '" + s + "'");
        }
        return e.getMessage();
    }

    @Test
    void shapeMismatchNamesOpAndBothShapes() {
        // Seed 001's mistake: ones(2, 2) - a [4] tensor.
        Tensor y = Tensor.of(new float[] {2, 3, 4, 5}).requiresGrad(true);
        String m = fails(IllegalArgumentException.class, () -> Tensor.ones(2, 2).sub(y), "[sub]", "[2, 2]", "[4]");
        assertTrue(m.contains("must match the size of tensor b (4) at non-singleton dimension 1"), m);
        fails(IllegalArgumentException.class, () -> Tensor.ones(2, 3).mul(Tensor.ones(4)), "[mul]", "[2, 3]", "[4]");
        fails(IllegalArgumentException.class, () -> Tensor.ones(2, 3).matmul(Tensor.ones(4, 5)), "[matmul]",
                "[2, 3]", "[4, 5]");
        fails(IllegalArgumentException.class, () -> Tensor.ones(6).view(4, -1), "[view]", "[4, -1]");
        fails(IllegalArgumentException.class, () -> Tensor.ones(2, 3).expand(4, 4), "[expand]");
        fails(IllegalArgumentException.class, () -> Tensor.cat(List.of(Tensor.ones(2, 3), Tensor.ones(2, 4)), 0),
                "[cat]");
    }

    @Test
    void dtypeMismatch() {
        fails(IllegalArgumentException.class,
                () -> Tensor.ones(2, 2).matmul(Tensor.ones(new int[] {2, 2}, DType.FLOAT64)), "[matmul]", "float32",
                "float64");
        fails(IllegalArgumentException.class, () -> Tensor.ones(new int[] {2}, DType.INT64).add_(Tensor.ones(2)),
                "[add_]", "float32", "int64");
        fails(IllegalArgumentException.class, () -> Tensor.where(Tensor.ones(2), Tensor.ones(2), Tensor.ones(2)),
                "[where]", "bool");
    }

    @Test
    void deviceMismatch() {
        Tensor onCpu = Tensor.ones(2);
        Tensor onOther = Tensor.ones(2).to(Device.cuda(0));
        fails(IllegalArgumentException.class, () -> onCpu.add(onOther), "[add]", "cpu", "cuda:0");
        fails(IllegalArgumentException.class, () -> onCpu.matmul(onOther), "[matmul]", "cpu", "cuda:0");
    }

    @Test
    void requiresGradOnIntegerTensor() {
        Tensor t = Tensor.of(new long[] {1, 2});
        fails(IllegalArgumentException.class, () -> t.requiresGrad(true), "[requires_grad]", "int64");
        assertTrue(!t.requiresGrad());
    }

    @Test
    void backwardOnNonScalarWithoutGradient() {
        Tensor x = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(2.0);
        fails(IllegalArgumentException.class, y::backward, "[backward]", "scalar outputs", "[2]");
        assertNull(x.grad());
    }

    @Test
    void backwardTwiceThroughFreedGraph() {
        Tensor x = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(x).sum();
        y.backward();
        fails(IllegalStateException.class, y::backward, "[MulBackward0]", "second time", "retainGraph");
        assertArrayEquals(new float[] {2, 4}, x.grad().toFloatArray(), "the failed backward accumulated nothing");
    }

    @Test
    void backwardOnTensorThatDoesNotRequireGrad() {
        fails(IllegalStateException.class, () -> Tensor.ones(1).sum().backward(), "[backward]",
                "does not require grad");
    }

    @Test
    void inPlaceModificationOfSavedTensor() {
        Tensor x = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        Tensor y = x.exp();
        Tensor z = y.mul(2.0).add(y.sin());   // SinBackward0 saves y
        y.add_(1.0);
        fails(IllegalStateException.class, () -> z.sum().backward(), "SinBackward0", "modified by an inplace operation",
                "output 0 of AddBackward0", "version 1", "expected version 0");
        assertNull(x.grad());
    }

    @Test
    void inPlaceOnLeafThatRequiresGrad() {
        Tensor w = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        fails(IllegalStateException.class, () -> w.add_(1.0), "[add_]", "leaf");
        fails(IllegalStateException.class, () -> w.zero_(), "[zero_]", "leaf");
        assertArrayEquals(new float[] {1, 2}, w.toFloatArray());
        assertEquals(0, w.version());
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            w.sub_(w.mul(0.5));
        }
        assertArrayEquals(new float[] {0.5f, 1}, w.toFloatArray());
    }

    @Test
    void outOfRangeIndexAndDim() {
        Tensor x = Tensor.ones(2, 3);
        fails(IllegalArgumentException.class, () -> x.sum(2, false), "[sum]", "dimension out of range", "got 2");
        fails(IllegalArgumentException.class, () -> x.transpose(0, -3), "[transpose]", "got -3");
        fails(IllegalArgumentException.class, () -> x.select(0, 5), "[select]", "5");
        fails(IllegalArgumentException.class, () -> x.gather(1, Tensor.of(new long[] {0, 3, 0, 1}, 2, 2)),
                "[gather]", "3");
        fails(IllegalArgumentException.class, () -> x.indexSelect(0, Tensor.of(new long[] {2})), "[index_select]",
                "2");
        Tensor logits = Tensor.ones(2, 3).requiresGrad(true);
        fails(IllegalArgumentException.class, () -> Functional.crossEntropy(logits, Tensor.of(new long[] {0, 7})),
                "[nll_loss]", "7", "3 classes");
        fails(IllegalArgumentException.class, () -> Functional.embedding(Tensor.of(new long[] {9}), Tensor.ones(4, 2)),
                "9");
    }

    @Test
    void failedOpLeavesTheGraphUsable() {
        Tensor x = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(3.0);
        assertThrows(IllegalArgumentException.class, () -> y.add(Tensor.ones(3)));
        y.sum().backward();
        assertArrayEquals(new float[] {3, 3}, x.grad().toFloatArray());
    }

    @Test
    void customFunctionReturningWrongNumberOfGradients() {
        Function bad = new Function() {
            @Override
            protected Tensor[] forward(FunctionCtx ctx, Object... args) {
                return new Tensor[] {((Tensor) args[0]).mul((Tensor) args[1])};
            }

            @Override
            protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
                return new Tensor[] {grads[0]};
            }
        };
        Tensor a = Tensor.ones(2).requiresGrad(true), b = Tensor.ones(2).requiresGrad(true);
        Tensor out = bad.apply(a, b);
        fails(IllegalStateException.class, () -> out.sum().backward(), "incorrect number of gradients",
                "expected 2, got 1");
        assertNull(a.grad());
    }

    @Test
    void gradCheckRequiresFloat64() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        fails(IllegalArgumentException.class, () -> GradCheck.check(xs -> xs[0].exp(), x), "[gradcheck]", "float64");
    }
}
