package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;

import java.util.Arrays;

/**
 * One input of a sample, described without creating anything (so the database can be listed without a backend):
 * its logical shape, its dtype (null: the dtype under test), where its values come from, and its memory layout.
 *
 * <p>A tensor is made in two steps. Its <em>storage</em> is built on the host from values drawn by a seeded
 * {@link Generator} on the CPU in float64, moved to the device and converted to the dtype there. The input is then a
 * view of that storage made on the device: the storage itself (contiguous), its transpose (the storage holds the
 * transposed values), every other element of a longer last dimension starting at offset 1 (the elements in between
 * are NaN, so an op that reads them shows it), or a size-1 dimension expanded (stride 0). The gradient suite makes
 * the storage the leaf, so the backward of the layout runs too.
 */
public final class In {
    /** How the input is laid out in its storage. */
    public enum Layout { CONTIGUOUS, TRANSPOSED, STRIDED, EXPANDED }

    final int[] shape;
    final DType dtype;
    final Domain domain;
    final double[] values;
    final Layout layout;
    final int expandDim;
    final boolean grad;

    private In(int[] shape, DType dtype, Domain domain, double[] values, Layout layout, int expandDim, boolean grad) {
        this.shape = shape;
        this.dtype = dtype;
        this.domain = domain;
        this.values = values;
        this.layout = layout;
        this.expandDim = expandDim;
        this.grad = grad;
    }

    /** A tensor of the dtype under test with values drawn from {@link Domain#ANY}. */
    public static In t(int... shape) {
        return new In(shape, null, Domain.ANY, null, Layout.CONTIGUOUS, -1, true);
    }

    /** A tensor of the dtype under test holding {@code values}. */
    public static In values(double[] values, int... shape) {
        int[] s = shape.length == 0 ? new int[] {values.length} : shape;
        return new In(s, null, Domain.ANY, values, Layout.CONTIGUOUS, -1, true);
    }

    /** A 0-d tensor of the dtype under test holding {@code value}. */
    public static In scalar(double value) {
        return new In(new int[0], null, Domain.ANY, new double[] {value}, Layout.CONTIGUOUS, -1, true);
    }

    /** An int64 index tensor (never differentiated). */
    public static In index(long[] values, int... shape) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
        }
        int[] s = shape.length == 0 ? new int[] {values.length} : shape;
        return new In(s, DType.INT64, Domain.ANY, v, Layout.CONTIGUOUS, -1, false);
    }

    /** A 0-d int64 index. */
    public static In index(long value) {
        return new In(new int[0], DType.INT64, Domain.ANY, new double[] {value}, Layout.CONTIGUOUS, -1, false);
    }

    /** A bool tensor with values drawn at even odds. */
    public static In mask(int... shape) {
        return new In(shape, DType.BOOL, Domain.ANY, null, Layout.CONTIGUOUS, -1, false);
    }

    /** A bool tensor holding {@code values}. */
    public static In mask(boolean[] values, int... shape) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i] ? 1 : 0;
        }
        int[] s = shape.length == 0 ? new int[] {values.length} : shape;
        return new In(s, DType.BOOL, Domain.ANY, v, Layout.CONTIGUOUS, -1, false);
    }

    /** A tensor of a fixed {@code dtype}, whatever the dtype under test (for type promotion). */
    public static In of(DType dtype, int... shape) {
        return new In(shape, dtype, Domain.ANY, null, Layout.CONTIGUOUS, -1, dtype.isFloatingPoint());
    }

    public In in(Domain d) {
        return new In(shape, dtype, d, values, layout, expandDim, grad);
    }

    /** Laid out as the transpose of its storage (the last two dims swapped). */
    public In transposed() {
        return new In(shape, dtype, domain, values, Layout.TRANSPOSED, -1, grad);
    }

    /** Every other element of a last dimension of {@code 2n + 1}, from offset 1. */
    public In strided() {
        return new In(shape, dtype, domain, values, Layout.STRIDED, -1, grad);
    }

    /** Dimension {@code dim} expanded from size 1 (stride 0): the values repeat along it. */
    public In expanded(int dim) {
        return new In(shape, dtype, domain, values, Layout.EXPANDED, dim, grad);
    }

    /** Never differentiated (an argument PyTorch gives no gradient, like class weights). */
    public In noGrad() {
        return new In(shape, dtype, domain, values, layout, expandDim, false);
    }

    /** The dtype this input has when {@code dtype} is under test. */
    DType dtypeFor(DType underTest) {
        return dtype != null ? dtype : underTest;
    }

    /** Whether the gradient suite makes this input require grad. */
    public boolean differentiable() {
        return grad && (dtype == null || dtype.isFloatingPoint());
    }

    int[] storageShape() {
        int[] s = shape.clone();
        int r = s.length;
        switch (layout) {
            case TRANSPOSED -> {
                s[r - 1] = shape[r - 2];
                s[r - 2] = shape[r - 1];
            }
            case STRIDED -> s[r - 1] = 2 * shape[r - 1] + 1;
            case EXPANDED -> s[expandDim] = 1;
            default -> {
            }
        }
        return s;
    }

    /** The storage index of each logical element, in row-major order. */
    public int[] storageIndex() {
        int n = Nd.numel(shape);
        int[] storage = storageShape();
        int[] out = new int[n];
        int r = shape.length;
        for (int i = 0; i < n; i++) {
            int[] index = Nd.unravel(i, shape);
            switch (layout) {
                case TRANSPOSED -> {
                    int tmp = index[r - 1];
                    index[r - 1] = index[r - 2];
                    index[r - 2] = tmp;
                }
                case STRIDED -> index[r - 1] = 1 + 2 * index[r - 1];
                case EXPANDED -> index[expandDim] = 0;
                default -> {
                }
            }
            out[i] = Nd.ravel(index, storage);
        }
        return out;
    }

    /**
     * The storage's values on the host in the dtype {@code type} (drawn with {@code seed}, or the fixed values),
     * NaN (or 77 for integers, true for bool) where the view does not look.
     */
    Nd hostStorage(DType type, long seed) {
        int[] storage = storageShape();
        double[] out = new double[Nd.numel(storage)];
        Arrays.fill(out, type.isFloatingPoint() ? Double.NaN : type.isIntegral() ? 77 : 1);
        int[] where = storageIndex();
        double[] logical = values != null ? values.clone() : null;
        if (logical == null) {
            double[] u = Tensor.rand(new Generator(seed), new int[] {out.length}, DType.FLOAT64, Device.cpu())
                    .toDoubleArray();
            for (int i = 0; i < where.length; i++) {
                out[where[i]] = domain.value(u[where[i]], type);
            }
        } else {
            for (int i = 0; i < where.length; i++) {
                out[where[i]] = logical[i];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = roundTo(out[i], type);
        }
        return Nd.of(storage, out);
    }

    /** The logical values (what the op sees) of a storage built by {@link #hostStorage}. */
    Nd logical(Nd storage) {
        int[] where = storageIndex();
        double[] out = new double[where.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = storage.data[where[i]];
        }
        return Nd.of(shape, out);
    }

    /** The storage as a tensor of {@code type} on {@code device}: built on the CPU in float64, then moved. */
    static Tensor storageTensor(Nd host, DType type, Device device) {
        return cpuFloat64(host).to(device).to(type);
    }

    /** This input's view of {@code storage}, made on the storage's device. */
    Tensor view(Tensor storage) {
        int r = shape.length;
        return switch (layout) {
            case CONTIGUOUS -> storage;
            case TRANSPOSED -> storage.transpose(r - 2, r - 1);
            case STRIDED -> storage.slice(r - 1, 1, 2 * shape[r - 1] + 1, 2);
            case EXPANDED -> storage.expand(shape);
        };
    }

    /** A float64 CPU tensor holding {@code host}'s values (made with the CPU as the default device). */
    static Tensor cpuFloat64(Nd host) {
        Device previous = Device.getDefault();
        Device.setDefault(Device.cpu());
        try {
            return Tensor.of(host.data.clone(), host.shape.length == 0 ? new int[] {1} : host.shape).reshape(host.shape);
        } finally {
            Device.setDefault(previous);
        }
    }

    static double roundTo(double v, DType type) {
        return switch (type) {
            case FLOAT32 -> (float) v;
            case FLOAT64 -> v;
            case BOOL -> v != 0 ? 1 : 0;
            default -> RefMath.truncate(v);
        };
    }

    @Override
    public String toString() {
        String s = (dtype != null ? dtype + " " : "") + Arrays.toString(shape);
        return switch (layout) {
            case CONTIGUOUS -> s;
            case TRANSPOSED -> s + " transposed";
            case STRIDED -> s + " strided";
            case EXPANDED -> s + " expanded";
        };
    }
}
