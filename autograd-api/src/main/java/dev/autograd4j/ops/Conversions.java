package dev.autograd4j.ops;

import dev.autograd4j.Backends;
import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;
import dev.autograd4j.internal.Recorder;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.View;

import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;
import static dev.autograd4j.internal.Internal.wrap;

/** Copies between dtypes and devices, clones, and reading elements out into Java arrays. */
public final class Conversions {
    private Conversions() {
    }

    /** A contiguous copy; {@code CloneBackward0} passes the gradient through. */
    public static Tensor clone(Tensor x) {
        Backend backend = Dispatch.backend("clone", x);
        Tensor out = Dispatch.empty(view(x).shape, x.dtype(), x.device());
        backend.copy(view(out), view(x));
        return record("CloneBackward0", (n, g) -> new Tensor[] {g[0]}, x).output(out);
    }

    public static Tensor contiguous(Tensor x) {
        return x.isContiguous() ? x : clone(x);
    }

    /** A copy converted to {@code dtype}; differentiable only into floating dtypes (as PyTorch). */
    public static Tensor to(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        DType from = x.dtype();
        Tensor out = Dispatch.cast("to", x, dtype);
        if (dtype.isFloatingPoint()) {
            Recorder node = record("ToCopyBackward0", (n, g) -> new Tensor[] {g[0].to(from)}, x);
            node.output(out);
        }
        return out;
    }

    /**
     * A copy on {@code device}; the gradient is moved back. The data moves once, between the two devices' memories:
     * the backend of the device that is not the CPU copies from or to the CPU tensor's Java array (see
     * {@link Backend#transfer}); between two other devices, through the CPU only if neither backend can copy directly.
     */
    public static Tensor to(Tensor x, Device device) {
        Device from = x.device();
        if (from == device) {
            return x;
        }
        Tensor src = contiguousCopy("to", x);
        Tensor out = Dispatch.empty(view(x).shape, x.dtype(), device);
        transfer(src, out);
        return record("ToCopyBackward0", (n, g) -> new Tensor[] {g[0].to(from)}, x).output(out);
    }

    /** {@code x} itself if it is contiguous, else a contiguous copy on its device (not recorded). */
    private static Tensor contiguousCopy(String op, Tensor x) {
        Backend backend = Dispatch.backend(op, x);
        if (view(x).isContiguous()) {
            return x;
        }
        Tensor copy = Dispatch.empty(view(x).shape, x.dtype(), x.device());
        backend.copy(view(copy), view(x));
        return copy;
    }

    private static void transfer(Tensor src, Tensor dst) {
        Backend source = Backends.of(src.device()), target = Backends.of(dst.device());
        View s = view(src), d = view(dst);
        if (src.device().isCpu()) {
            requireTransfer(target.transfer(d, s), target, src, dst);
        } else if (dst.device().isCpu()) {
            requireTransfer(source.transfer(d, s), source, src, dst);
        } else if (!target.transfer(d, s) && !source.transfer(d, s)) {
            Tensor host = Dispatch.empty(s.shape, src.dtype(), Device.cpu());
            requireTransfer(source.transfer(view(host), s), source, src, host);
            requireTransfer(target.transfer(d, view(host)), target, host, dst);
        }
    }

    private static void requireTransfer(boolean done, Backend backend, Tensor src, Tensor dst) {
        if (!done) {
            throw Errors.state("to", "the " + backend.device() + " backend cannot copy from " + src.device() + " to "
                    + dst.device());
        }
    }

    /** The elements in row-major order, in a Java array of the tensor's dtype (synchronises). */
    private static Object host(String op, Tensor t) {
        return Dispatch.backend(op, t).toArray(view(t));
    }

    /** The value of a one-element tensor as a double (synchronises). */
    public static double item(Tensor t) {
        return doubles(single(t))[0];
    }

    /** The value of a one-element tensor as a long, exact for int64 (synchronises). */
    public static long itemLong(Tensor t) {
        return longs(single(t))[0];
    }

    /** The host array of a tensor that must hold exactly one element, as {@code item()} requires. */
    private static Object single(Tensor t) {
        if (t.numel() != 1) {
            throw Errors.argument("item", "a tensor with " + t.numel() + " elements cannot be converted to a scalar");
        }
        return host("item", t);
    }

    public static double[] toDoubleArray(Tensor t) {
        return doubles(host("to_double_array", t));
    }

    public static float[] toFloatArray(Tensor t) {
        Object a = host("to_float_array", t);
        if (a instanceof float[] f) {
            return f;
        }
        double[] d = doubles(a);
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    public static long[] toLongArray(Tensor t) {
        return longs(host("to_long_array", t));
    }

    public static int[] toIntArray(Tensor t) {
        Object a = host("to_int_array", t);
        if (a instanceof int[] in) {
            return in;
        }
        if (a instanceof float[] || a instanceof double[]) { // as to(INT32): the minimum where int cannot hold it
            double[] d = doubles(a);
            int[] out = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = d[i] > -0x1p31 - 1 && d[i] < 0x1p31 ? (int) d[i] : Integer.MIN_VALUE; // false for NaN
            }
            return out;
        }
        long[] l = longs(a);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i]; // int64 wraps, as PyTorch's .int()
        }
        return out;
    }

    public static boolean[] toBooleanArray(Tensor t) {
        Object a = host("to_boolean_array", t);
        if (a instanceof boolean[] b) {
            return b;
        }
        double[] d = doubles(a);
        boolean[] out = new boolean[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] != 0;
        }
        return out;
    }

    private static double[] doubles(Object a) {
        if (a instanceof double[] d) {
            return d;
        }
        int n = java.lang.reflect.Array.getLength(a);
        double[] out = new double[n];
        if (a instanceof float[] f) {
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        } else if (a instanceof long[] l) {
            for (int i = 0; i < n; i++) {
                out[i] = l[i];
            }
        } else if (a instanceof int[] in) {
            for (int i = 0; i < n; i++) {
                out[i] = in[i];
            }
        } else if (a instanceof boolean[] b) {
            for (int i = 0; i < n; i++) {
                out[i] = b[i] ? 1 : 0;
            }
        }
        return out;
    }

    /**
     * Integers as they are, floating values truncated toward zero (NaN and values outside int64 give its minimum, as
     * {@code to(INT64)} and PyTorch's CPU on x86), booleans as 0 and 1.
     */
    private static long[] longs(Object a) {
        if (a instanceof long[] l) {
            return l;
        }
        if (a instanceof int[] in) {
            long[] out = new long[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = in[i];
            }
            return out;
        }
        double[] d = doubles(a);
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] >= -0x1p63 && d[i] < 0x1p63 ? (long) d[i] : Long.MIN_VALUE; // false for NaN
        }
        return out;
    }
}
