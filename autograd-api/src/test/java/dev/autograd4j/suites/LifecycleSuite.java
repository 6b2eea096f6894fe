package dev.autograd4j.suites;

import dev.autograd4j.Autograd;
import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.nn.Functional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The storage lifecycle every device honours: {@code close()}, scopes, tensors a graph saved staying valid until
 * the graph is freed, and thread safety of gradient accumulation.
 */
public abstract class LifecycleSuite extends DeviceSuite {

    private static void closedError(String op, Executable call) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertTrue(e.getMessage().startsWith("[" + op + "] the tensor of shape"), e.getMessage());
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    }

    @Test
    void usingAClosedTensorIsAClearErrorNamingTheOp() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor other = Tensor.ones(2, 3);
        x.close();
        assertTrue(x.isClosed());
        closedError("mul", () -> x.mul(other));
        closedError("mul", () -> other.mul(x));
        closedError("add", () -> x.add(1.0));
        closedError("exp", x::exp);
        closedError("sum", x::sum);
        closedError("matmul", () -> x.matmul(other.t()));
        closedError("transpose", () -> x.transpose(0, 1));
        closedError("view", () -> x.view(6));
        closedError("narrow", () -> x.narrow(0, 0, 1));
        // Reductions composed of others still name themselves.
        closedError("var", x::var);
        closedError("std", x::std);
        closedError("logsumexp", () -> x.logsumexp(1, false));
        closedError("amax", () -> x.amax(new int[] {0}, false));
        closedError("mean", x::mean);
        closedError("prod", x::prod);
        closedError("cumsum", () -> x.cumsum(0));
        closedError("cumprod", () -> x.cumprod(0));
        closedError("median", x::median);
        closedError("kthvalue", () -> x.kthvalue(1, 0, false));
        closedError("argmax", x::argmax);
        closedError("argmin", x::argmin);
        closedError("norm", () -> dev.autograd4j.nn.Functional.norm(x, 2.0, null, false));
        Tensor one = Tensor.scalar(5.0);
        one.close();
        closedError("item", one::item);
        closedError("to_double_array", x::toDoubleArray);
        closedError("clone", x::clone);
        closedError("mul_", () -> x.mul_(2.0));
        closedError("copy_", () -> other.copy_(x));
        // Metadata stays readable, printing does not throw, and closing again does nothing.
        assertArrayEquals(new int[] {2, 3}, x.shape());
        assertEquals(DType.FLOAT32, x.dtype());
        assertTrue(x.toString().startsWith("tensor(<closed>, size=(2, 3)"), x.toString());
        x.close();
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, other.toDoubleArray(), "the other operand is untouched");
    }

    @Test
    void aViewKeepsTheMemoryItSharesWithAClosedBase() {
        Tensor base = Tensor.of(new double[] {1, 2, 3, 4});
        Tensor view = base.narrow(0, 1, 2);
        base.close();
        assertArrayEquals(new double[] {2, 3}, view.toDoubleArray());
        view.mul_(10.0);
        assertArrayEquals(new double[] {20, 30}, view.toDoubleArray());
        view.close();
        closedError("to_double_array", view::toDoubleArray);
    }

    @Test
    void aScopeClosesWhatWasCreatedInItExceptWhatIsKept() {
        Tensor outside = Tensor.of(new double[] {1, 2, 3});
        Tensor intermediate, kept;
        try (Scope scope = Tensors.scope()) {
            intermediate = outside.mul(2.0);
            kept = scope.keep(intermediate.add(1.0));
            assertEquals(1, scope.size(), "the intermediate (the kept tensor will not be closed)");
        }
        assertTrue(intermediate.isClosed());
        assertFalse(kept.isClosed());
        assertFalse(outside.isClosed());
        assertArrayEquals(new double[] {3, 5, 7}, kept.toDoubleArray());
        closedError("to_double_array", intermediate::toDoubleArray);
    }

    /** What an optimizer makes on its first step (its moments) outlives the scope the step runs in. */
    @Test
    void tensorsMadeInAnUntrackedRegionBelongToNoScope() {
        Tensor state, temporary, after;
        try (Scope scope = Tensors.scope()) {
            try (Scope untracked = Tensors.untracked()) {
                state = Tensor.zeros(3);
            }
            temporary = state.add(1.0);
            after = Tensor.ones(2);
            assertEquals(2, scope.size(), "the scope tracks what was made outside the untracked region");
        }
        assertFalse(state.isClosed());
        assertTrue(temporary.isClosed() && after.isClosed());
        assertArrayEquals(new float[] {0, 0, 0}, state.toFloatArray());
    }

    @Test
    void scopesNestAndAKeptTensorMovesToTheEnclosingScope() {
        Tensor inner, outer;
        try (Scope a = Tensors.scope()) {
            try (Scope b = Tensors.scope()) {
                inner = b.keep(Tensor.ones(2).mul(3.0));
            }
            assertFalse(inner.isClosed(), "kept by the inner scope");
            outer = a.keep(inner.add(1.0));
        }
        assertTrue(inner.isClosed(), "the enclosing scope closed it");
        assertArrayEquals(new double[] {4, 4}, outer.toDoubleArray(), 1e-6);
    }

    @Test
    void scopesMustBeClosedInReverseOrder() {
        Scope a = Tensors.scope();
        Scope b = Tensors.scope();
        IllegalStateException e = assertThrows(IllegalStateException.class, a::close);
        assertTrue(e.getMessage().startsWith("[scope] scopes must be closed in the reverse order"), e.getMessage());
        b.close();
        a.close();
    }

    @Test
    void parametersKeepTheirGradsWhenTheStepScopeCloses() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        for (int step = 0; step < 2; step++) {
            try (Scope ignored = Tensors.scope()) {
                w.mul(w).sum().backward();
            }
        }
        // d/dw sum(w^2) = 2w, accumulated over two steps.
        assertArrayEquals(new double[] {4, 8}, w.grad().toDoubleArray());
        assertFalse(w.grad().isClosed());
    }

    @Test
    void savedTensorsStayValidUntilTheGraphIsFreed() {
        Tensor x = Tensor.of(new double[] {0.5, -1.0}).requiresGrad(true);
        Tensor loss;
        try (Scope scope = Tensors.scope()) {
            Tensor h = x.mul(3.0).tanh(); // TanhBackward0 saved h, and the scope closes h
            loss = scope.keep(h.mul(h).sum()); // MulBackward0 saved h twice
        }
        loss.backward();
        // d/dx sum(tanh(3x)^2) = 2 tanh(3x) (1 - tanh(3x)^2) 3
        double[] expected = new double[2];
        double[] xs = {0.5, -1.0};
        for (int i = 0; i < 2; i++) {
            double t = Math.tanh(3 * xs[i]);
            expected[i] = 6 * t * (1 - t * t);
        }
        assertArrayEquals(expected, x.grad().toDoubleArray(), 1e-12);
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("Trying to backward through the graph a second time"), e.getMessage());
    }

    @Test
    void aClosedSavedTensorStillCarriesItsHistoryForDoubleBackward() {
        // y = x^3 through saved intermediates that the scope closes; d2y/dx2 = 6x.
        Tensor x = Tensor.of(new double[] {2.0}).requiresGrad(true);
        Tensor y;
        try (Scope scope = Tensors.scope()) {
            Tensor sq = x.mul(x);
            y = scope.keep(sq.mul(x).sum());
        }
        Tensor g = Autograd.grad(y, x, true);
        assertArrayEquals(new double[] {12}, g.toDoubleArray(), 1e-12);
        Tensor gg = Autograd.grad(g.sum(), x, false);
        assertArrayEquals(new double[] {12}, gg.toDoubleArray(), 1e-12);
    }

    @Test
    void aClosedLeafSavedByAGraphStillReceivesItsGradient() {
        Tensor w = Tensor.of(new double[] {3.0}).requiresGrad(true);
        Tensor loss = w.mul(w).sum();
        w.close();
        loss.backward();
        assertArrayEquals(new double[] {6}, w.grad().toDoubleArray());
    }

    @Test
    void backwardOfAClosedOutputIsAnError() {
        Tensor x = Tensor.of(new double[] {1}).requiresGrad(true);
        Tensor y = x.mul(2.0).sum();
        y.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("[backward] output 0 is closed"), e.getMessage());
        assertEquals(null, x.grad());
    }

    @Test
    void aTrainingStepInAScopeLeavesOnlyWhatWasKept() {
        Tensor w = Tensor.randn(new dev.autograd4j.Generator(1), new int[] {3, 4}, DType.FLOAT32, device())
                .requiresGrad(true);
        Tensor x = Tensor.randn(new dev.autograd4j.Generator(2), new int[] {5, 4}, DType.FLOAT32, device());
        Tensor target = Tensor.of(new long[] {0, 1, 2, 1, 0});
        Tensor before = w.detach().clone();
        Tensor loss;
        try (Scope scope = Tensors.scope()) {
            Tensor l = Functional.crossEntropy(Functional.linear(x, w, null).tanh(), target);
            l.backward();
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                w.sub_(w.grad().mul(0.1));
            }
            loss = scope.keep(l.detach());
        }
        assertFalse(loss.isClosed());
        assertTrue(loss.item() > 0);
        assertFalse(before.sub(w.detach()).abs().sum().item() == 0, "the step changed the weights");
    }

    @Test
    void twoThreadsAccumulatingIntoOneLeafLoseNoUpdate() throws Exception {
        // PyTorch locks each leaf's accumulation; 2 x 2000 backward passes of sum(w) add exactly 4000.
        Tensor w = Tensor.zeros(new int[] {3}, DType.FLOAT64).requiresGrad(true);
        Callable<Void> job = () -> {
            for (int i = 0; i < 2000; i++) {
                w.mul(1.0).sum().backward();
            }
            return null;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> done = pool.invokeAll(List.of(job, job));
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(new double[] {4000, 4000, 4000}, w.grad().toDoubleArray());
    }

    @Test
    void scopesBelongToTheirThread() throws Exception {
        Tensor made;
        try (Scope ignored = Tensors.scope()) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                made = pool.submit(() -> Tensor.ones(2).mul(2.0)).get();
            } finally {
                pool.shutdown();
            }
        }
        assertFalse(made.isClosed(), "a tensor another thread made belongs to no scope of this thread");
        assertArrayEquals(new double[] {2, 2}, made.toDoubleArray());
    }
}
