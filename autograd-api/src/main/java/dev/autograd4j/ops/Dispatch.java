package dev.autograd4j.ops;

import dev.autograd4j.Backends;
import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.View;

import java.util.Arrays;
import java.util.Locale;

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

    /**
     * The backend that runs {@code op} on {@code operands} (all on one device: callers check that first), after
     * checking that none of them was closed. Every kernel launch of the op layer goes through here or
     * {@link #checkLive}, so using a closed tensor is a clear error naming the op, never a kernel reading freed
     * memory.
     */
    public static Backend backend(String op, Tensor... operands) {
        for (Tensor t : operands) {
            checkLive(op, t);
        }
        return Backends.of(operands[0].device());
    }

    /** {@link #backend(String, Tensor...)} for one operand, without the array (every unary op comes here). */
    public static Backend backend(String op, Tensor t) {
        checkLive(op, t);
        return Backends.of(t.device());
    }

    /** {@link #backend(String, Tensor...)} for two operands, without the array. */
    public static Backend backend(String op, Tensor a, Tensor b) {
        checkLive(op, a);
        checkLive(op, b);
        return Backends.of(a.device());
    }

    /** Fails, naming {@code op}, if {@code t} was closed or its storage released. */
    public static void checkLive(String op, Tensor t) {
        if (t.isClosed() || view(t).storage.isReleased()) {
            throw closed(op, t);
        }
    }

    private static IllegalStateException closed(String op, Tensor t) {
        return Errors.state(op, "the tensor of shape " + Errors.shape(view(t).shape) + " (" + t.dtype() + ", "
                + t.device() + ") is closed: it was released by close() or by the scope it was created in");
    }

    /**
     * A new tensor with uninitialised contents. A failed allocation is reported under the op that asked for it (see
     * {@link #askingOp()}), as {@code [matmul] cannot allocate ... on cpu: ...}, not under the backend.
     */
    public static Tensor empty(int[] shape, DType dtype, Device device) {
        Backend backend = Backends.of(device);
        long numel = Shapes.numel(shape);
        try {
            return wrap(View.contiguous(backend.allocate(dtype, numel), shape));
        } catch (OutOfMemoryError e) {
            // A request the Java heap cannot hold fails alone (the heap is no fuller than before), so it is an
            // exception a program can catch and act on, as PyTorch's "not enough memory" RuntimeError is.
            throw Errors.state(askingOp(), "out of memory on " + device + ": tried to allocate "
                    + numel * dtype.byteSize() + " bytes for a " + dtype + " tensor of shape " + Errors.shape(shape)
                    + " (the Java heap's limit is " + Runtime.getRuntime().maxMemory() + " bytes; raise it with -Xmx)");
        } catch (IllegalArgumentException e) {
            throw Errors.argument(askingOp(), withoutOpName(e.getMessage()));
        } catch (IllegalStateException e) {
            throw Errors.state(askingOp(), withoutOpName(e.getMessage()));
        }
    }

    /** A backend's message without the {@code [allocate] } it names itself by. */
    private static String withoutOpName(String message) {
        return message != null && message.startsWith("[") && message.indexOf("] ") > 0
                ? message.substring(message.indexOf("] ") + 2) : String.valueOf(message);
    }

    /**
     * The op a failed allocation is reported under: the outermost call into {@code Tensor} or {@code Functional} on
     * this thread, before the first caller outside the library or the autograd engine (inside a backward, the op of
     * the formula that asked), in PyTorch's spelling ({@code logSoftmax} is {@code log_softmax}); "allocate" when
     * there is none. Read from the stack only when an allocation fails, so no op passes its name down to it.
     */
    static String askingOp() {
        String name = StackWalker.getInstance().walk(frames -> {
            String found = null;
            for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                String c = f.getClassName();
                if (!c.startsWith("dev.autograd4j.") || c.equals("dev.autograd4j.Engine")
                        || c.startsWith("dev.autograd4j.Engine$")) {
                    break;
                }
                if ((c.equals("dev.autograd4j.Tensor") || c.equals("dev.autograd4j.nn.Functional"))
                        && !f.getMethodName().startsWith("lambda$")) {
                    found = f.getMethodName();
                }
            }
            return found;
        });
        return name == null ? "allocate" : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    public static Tensor emptyLike(Tensor t) {
        return empty(view(t).shape, t.dtype(), t.device());
    }

    /**
     * A fresh, history-less, contiguous tensor seen with another shape of the same element count: the new tensor
     * takes over the storage and {@code t} is closed, so closing the result frees the memory at once.
     */
    public static Tensor reshaped(Tensor t, int[] shape) {
        Tensor out = wrap(View.contiguous(view(t).storage, shape));
        t.close();
        return out;
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
    public static Tensor cast(String op, Tensor t, DType dtype) {
        if (t.dtype() == dtype) {
            return t;
        }
        Backend backend = backend(op, t);
        Tensor out = empty(view(t).shape, dtype, t.device());
        backend.copy(view(out), view(t));
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

    /**
     * Fails, naming {@code op}, where {@code value} cannot be stored in {@code dtype} without overflow, as PyTorch's
     * checked scalar conversion ({@code torch.full([1], nan, dtype=torch.int32)}, {@code fill_(1e40)} of float32):
     * NaN or a value past the range of an integer dtype, a finite value past float32's range.
     */
    public static void checkScalar(String op, double value, DType dtype) {
        boolean overflows = switch (dtype) {
            case INT32 -> !(value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE); // true for NaN
            case INT64 -> !(value >= -0x1p63 && value < 0x1p63);
            case FLOAT32 -> Math.abs(value) > Float.MAX_VALUE && !Double.isInfinite(value);
            case FLOAT64, BOOL -> false;
        };
        if (overflows) {
            throw Errors.argument(op, "value " + value + " cannot be converted to type " + dtype + " without overflow");
        }
    }

    /** The dtype of {@code t op scalar} for a Python-like scalar (a float, or an int when {@code integral}). */
    public static DType resultTypeWithScalar(Tensor t, boolean integral) {
        DType wrapped = integral ? DType.INT64 : DType.defaultFloat();
        return combineCategories(t.dtype(), wrapped);
    }

    /**
     * A scalar as an AFFINE kernel of {@code type} takes it: an integral one is cast to int32 first for an int32
     * tensor, wrapping as PyTorch's cast does ({@code int32_tensor * 2**40} multiplies by 0), where the kernel's
     * double-to-int conversion would saturate.
     */
    public static double kernelScalar(double value, DType type) {
        return type == DType.INT32 ? (int) (long) value : value;
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
}
