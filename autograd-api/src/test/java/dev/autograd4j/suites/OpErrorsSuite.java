package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.Function;
import dev.autograd4j.FunctionCtx;
import dev.autograd4j.GradCheck;
import dev.autograd4j.GradMode;
import dev.autograd4j.Node;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;
import dev.autograd4j.opinfo.ErrorCase;
import dev.autograd4j.opinfo.OpDb;
import dev.autograd4j.opinfo.OpInfo;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Arrays;
import java.util.stream.Stream;

import static dev.autograd4j.suites.OpValuesSuite.onDevice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bad inputs of every op in the database (shapes, dtypes, dims, indices, devices) on the suite's device: each must
 * throw the expected exception with a one-line message that names the op first in brackets and the offending
 * shapes, dtypes or devices, and must leave every input's values, version, grad and gradFn as they were. Device
 * mismatches need a second device and are skipped, saying why, where there is none. Then the autograd API's own
 * errors (backward, in-place on saved tensors, custom functions, gradcheck).
 */
public abstract class OpErrorsSuite extends DeviceSuite {

    @org.junit.jupiter.api.TestFactory
    Stream<DynamicContainer> everyBadInputIsRejected() {
        return OpDb.all().stream().filter(op -> !op.errors().isEmpty()).map(op -> DynamicContainer.dynamicContainer(
                op.name, op.errors().stream().map(c -> DynamicTest.dynamicTest(c.toString(),
                        () -> onDevice(device(), () -> checkRejected(op, c))))));
    }

    /** What an input looked like: nothing of it may change when an op fails. */
    private record State(double[] values, int version, Tensor grad, Node gradFn, boolean requiresGrad) {
        static State of(Tensor t) {
            return new State(t.toDoubleArray(), t.version(), t.grad(), t.gradFn(), t.requiresGrad());
        }

        void assertSameAs(State after, String what) {
            assertArrayEquals(values, after.values, what + ": values changed");
            assertEquals(version, after.version, what + ": version changed");
            assertSame(grad, after.grad, what + ": grad changed");
            assertSame(gradFn, after.gradFn, what + ": gradFn changed");
            assertEquals(requiresGrad, after.requiresGrad, what + ": requiresGrad changed");
        }
    }

    private void checkRejected(OpInfo op, ErrorCase c) {
        Device other = null;
        if (c.acrossDevices()) {
            other = secondDevice();
            assumeTrue(other != null, this::noSecondDevice);
        }
        Tensor[] inputs = c.inputs(other);
        State[] before = Arrays.stream(inputs).map(State::of).toArray(State[]::new);
        RuntimeException e = assertThrows(c.type(), () -> {
            c.call(inputs);
            if (c.dataDependent()) {
                Backends.of(device()).synchronize(); // an asynchronous device reports a bad index here
            }
        });
        String message = e.getMessage();
        String prefix = "[" + c.op(op) + "] ";
        assertTrue(message != null && message.startsWith(prefix), () -> "message '" + message + "' does not start with '"
                + prefix + "'");
        assertFalse(message.contains("\n"), () -> "message '" + message + "' is not one line");
        for (String fragment : c.fragments(device(), other)) {
            assertTrue(message.contains(fragment), () -> "message '" + message + "' lacks '" + fragment + "'");
        }
        for (int i = 0; i < inputs.length; i++) {
            before[i].assertSameAs(State.of(inputs[i]), "input " + i);
        }
    }

    private static <T extends Throwable> String fails(Class<T> type, Executable call, String... mustContain) {
        T e = assertThrows(type, call);
        for (String s : mustContain) {
            assertTrue(e.getMessage().contains(s), () -> "message '" + e.getMessage() + "' lacks '" + s + "'");
        }
        return e.getMessage();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Errors of the autograd API
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void requiresGradOnIntegerTensor() {
        Tensor t = Tensor.of(new long[] {1, 2});
        fails(IllegalArgumentException.class, () -> t.requiresGrad(true), "[requires_grad]", "int64");
        assertFalse(t.requiresGrad());
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
    void inPlaceOnLeafThatRequiresGradWorksWithoutGrad() {
        // add_ and zero_ on such a leaf fail (the database's cases); under noGrad, as an optimizer step, it works.
        Tensor w = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        fails(IllegalStateException.class, () -> w.add_(1.0), "[add_]", "leaf");
        fails(IllegalStateException.class, w::zero_, "[zero_]", "leaf");
        assertArrayEquals(new float[] {1, 2}, w.toFloatArray());
        assertEquals(0, w.version());
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            w.sub_(w.mul(0.5));
        }
        assertArrayEquals(new float[] {0.5f, 1}, w.toFloatArray());
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

    @Test
    void deviceMismatchNamesBothDevices() {
        Device other = secondDevice();
        assumeTrue(other != null, this::noSecondDevice);
        Tensor here = Tensor.ones(2);
        Tensor there = Tensor.ones(2).to(other);
        fails(IllegalArgumentException.class, () -> here.add(there), "[add]", device().toString(), other.toString());
        fails(IllegalArgumentException.class, () -> here.matmul(there), "[matmul]", device().toString(),
                other.toString());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Errors name the op the user called, not the one that checks
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void errorsNameTheOpTheUserCalled() {
        fails(IndexOutOfBoundsException.class, () -> {
            Functional.embedding(Tensor.of(new long[] {9}), Tensor.ones(4, 2));
            Backends.of(device()).synchronize();
        }, "[embedding]", "9");
        fails(IllegalArgumentException.class, () -> Tensor.zeros(2, -1), "[zeros]");
        fails(IllegalArgumentException.class, () -> Tensor.ones(new int[] {-1}, DType.FLOAT32), "[ones]");
    }
}
