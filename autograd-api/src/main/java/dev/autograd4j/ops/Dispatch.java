package dev.autograd4j.ops;

import dev.autograd4j.Backends;
import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.View;

import java.util.Arrays;

import static dev.autograd4j.internal.Internal.view;
import static dev.autograd4j.internal.Internal.wrap;

/**
 * What every op does before a kernel runs: find the backend, check devices, pick the result dtype (PyTorch's
 * {@code result_type}), broadcast operands as stride-0 views, allocate the output. Kept thin: a 0-d op must cost
 * little more than its kernel.
 */
public final class Dispatch {
    private Dispatch() {
    }

    public static Backend backend(Tensor t) {
        return Backends.of(t.device());
    }

    /** A new tensor with uninitialised contents. */
    public static Tensor empty(int[] shape, DType dtype, Device device) {
        Backend backend = Backends.of(device);
        return wrap(View.contiguous(backend.allocate(dtype, Shapes.numel(shape)), shape));
    }

    public static Tensor emptyLike(Tensor t) {
        return empty(view(t).shape, t.dtype(), t.device());
    }

    /** The common device of two operands, or an error naming the op and both devices. */
    public static Device device(String op, Tensor a, Tensor b) {
        Device da = a.device(), db = b.device();
        if (da != db) {
            throw Errors.devices(op, da, db);
        }
        return da;
    }

    /** {@code t}'s view broadcast to {@code shape} (stride 0 along broadcast dims); no copy. */
    public static View broadcast(Tensor t, int[] shape) {
        View v = view(t);
        if (Arrays.equals(v.shape, shape)) {
            return v;
        }
        return v.with(v.offset, shape, Shapes.expandStrides(v.shape, v.strides, shape));
    }

    /** {@code t} converted to {@code dtype} without recording (a forward-only promotion of an operand). */
    public static Tensor cast(Tensor t, DType dtype) {
        if (t.dtype() == dtype) {
            return t;
        }
        Tensor out = empty(view(t).shape, dtype, t.device());
        backend(t).copy(view(out), view(t));
        return out;
    }

    /**
     * PyTorch's {@code torch.result_type} for two tensors: dimensioned operands take priority over 0-d ones within
     * a category, and a higher category (bool &lt; integral &lt; floating) always wins.
     */
    public static DType resultType(Tensor a, Tensor b) {
        DType ta = a.dtype(), tb = b.dtype();
        if (ta == tb) {
            return ta;
        }
        boolean za = a.dim() == 0, zb = b.dim() == 0;
        if (za == zb) {
            return DType.promote(ta, tb);
        }
        DType dimensioned = za ? tb : ta, zeroDim = za ? ta : tb;
        return combineCategories(dimensioned, zeroDim);
    }

    /** The dtype of {@code t op scalar} for a Python-like scalar (a float, or an int when {@code integral}). */
    public static DType resultTypeWithScalar(Tensor t, boolean integral) {
        DType wrapped = integral ? DType.INT64 : DType.defaultFloat();
        return combineCategories(t.dtype(), wrapped);
    }

    private static DType combineCategories(DType higher, DType lower) {
        if (higher.isFloatingPoint()) {
            return higher;
        }
        if (higher == DType.BOOL || lower.isFloatingPoint()) {
            return DType.promote(higher, lower);
        }
        return higher;
    }

    /** A 0-d tensor holding {@code value}, for scalar operands of binary kernels. */
    public static Tensor scalar(double value, DType dtype, Device device) {
        Tensor t = empty(new int[0], dtype, device);
        Backends.of(device).fill(view(t), value);
        return t;
    }
}
