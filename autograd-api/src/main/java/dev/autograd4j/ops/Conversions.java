package dev.autograd4j.ops;

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
        Tensor out = Dispatch.empty(view(x).shape, x.dtype(), x.device());
        Dispatch.backend(x).copy(view(out), view(x));
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
        Tensor out = Dispatch.cast(x, dtype);
        if (dtype.isFloatingPoint()) {
            Recorder node = record("ToCopyBackward0", (n, g) -> new Tensor[] {g[0].to(from)}, x);
            node.output(out);
        }
        return out;
    }

    /** A copy on {@code device}; the gradient is moved back. */
    public static Tensor to(Tensor x, Device device) {
        Device from = x.device();
        if (from == device) {
            return x;
        }
        Backend target = dev.autograd4j.Backends.of(device);
        Object host = Dispatch.backend(x).toArray(view(x));
        Tensor out = wrap(View.contiguous(target.fromArray(host), view(x).shape));
        return record("ToCopyBackward0", (n, g) -> new Tensor[] {g[0].to(from)}, x).output(out);
    }

    private static Object host(Tensor t) {
        return Dispatch.backend(t).toArray(view(t));
    }

    public static double[] toDoubleArray(Tensor t) {
        Object a = host(t);
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

    public static float[] toFloatArray(Tensor t) {
        Object a = host(t);
        if (a instanceof float[] f) {
            return f;
        }
        double[] d = a instanceof double[] dd ? dd : toDoubleArray(t);
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    public static long[] toLongArray(Tensor t) {
        Object a = host(t);
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
        double[] d = toDoubleArray(t);
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (long) d[i];
        }
        return out;
    }

    public static int[] toIntArray(Tensor t) {
        long[] l = toLongArray(t);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }

    public static boolean[] toBooleanArray(Tensor t) {
        Object a = host(t);
        if (a instanceof boolean[] b) {
            return b;
        }
        double[] d = toDoubleArray(t);
        boolean[] out = new boolean[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] != 0;
        }
        return out;
    }
}
