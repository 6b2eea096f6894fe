package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Device;

import java.util.Arrays;

/**
 * The one place error messages are made, so they all read alike: the op's name in brackets first, then what was
 * wrong with the offending shapes, dtypes or devices in it, e.g. {@code [mul] shapes [2, 2] and [4] are not
 * broadcastable}. Bad arguments are {@link IllegalArgumentException}s; a wrong state of the graph or of a tensor is
 * an {@link IllegalStateException}.
 */
public final class Errors {
    private Errors() {
    }

    public static IllegalArgumentException argument(String op, String message) {
        return new IllegalArgumentException("[" + op + "] " + message);
    }

    public static IllegalStateException state(String op, String message) {
        return new IllegalStateException("[" + op + "] " + message);
    }

    /** Fails, naming {@code op}, unless {@code dtype} is floating (the ops PyTorch has no integer kernel for). */
    public static void requireFloating(String op, DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw argument(op, "expected a floating point input but got " + dtype);
        }
    }

    /**
     * A kernel's index error renamed to the op the user called: the kernel's own {@code [name]} is dropped, so
     * {@code x.index(0, i)} fails as {@code [index] ...}, not as {@code [index_select] ...}; the kernel's error is the
     * cause.
     */
    public static IndexOutOfBoundsException indexAs(String op, IndexOutOfBoundsException e) {
        String message = e.getMessage() == null ? "index out of range" : e.getMessage();
        if (message.startsWith("[") && message.indexOf("] ") > 0) {
            message = message.substring(message.indexOf("] ") + 2);
        }
        IndexOutOfBoundsException named = new IndexOutOfBoundsException("[" + op + "] " + message);
        named.initCause(e);
        return named;
    }

    public static IllegalArgumentException notBroadcastable(String op, int[] a, int[] b, int dimFromEnd) {
        int da = a.length - 1 - dimFromEnd, db = b.length - 1 - dimFromEnd;
        int dim = Math.max(a.length, b.length) - 1 - dimFromEnd;
        return argument(op, "shapes " + shape(a) + " and " + shape(b) + " are not broadcastable: the size of tensor a ("
                + a[da] + ") must match the size of tensor b (" + b[db] + ") at non-singleton dimension " + dim);
    }

    public static IllegalArgumentException dtypes(String op, String what, DType a, DType b) {
        return argument(op, what + ": got " + a + " and " + b);
    }

    public static IllegalArgumentException devices(String op, Device a, Device b) {
        return argument(op, "expected all tensors to be on the same device, but found at least two devices, " + a
                + " and " + b);
    }

    public static IllegalArgumentException dimOutOfRange(String op, int dim, int rank) {
        int lo = rank == 0 ? -1 : -rank, hi = rank == 0 ? 0 : rank - 1;
        return argument(op, "dimension out of range (expected to be in range of [" + lo + ", " + hi + "], but got "
                + dim + ")");
    }

    public static String shape(int[] shape) {
        return Arrays.toString(shape);
    }
}
