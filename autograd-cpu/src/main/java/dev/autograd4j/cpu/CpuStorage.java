package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Storage;

/**
 * A CPU storage is a plain Java array: {@code float[]}, {@code double[]}, {@code long[]}, {@code int[]}, or
 * {@code boolean[]} for BOOL. Kernels cast {@link #data} once per call, never per element. The garbage collector
 * reclaims the array with the storage; a storage released explicitly (its last tensor closed) drops the array at
 * once, and no kernel receives it again (the op layer checks).
 */
final class CpuStorage extends Storage {
    /** The most elements a Java array holds on common JVMs (a few header words short of 2^31 - 1). */
    static final int MAX_NUMEL = Integer.MAX_VALUE - 8;

    Object data;

    private CpuStorage(DType dtype, int numel, Object data) {
        super(dtype, Device.cpu(), numel);
        this.data = data;
    }

    static CpuStorage allocate(DType dtype, long numel) {
        if (numel > MAX_NUMEL) {
            throw new IllegalArgumentException("[allocate] cannot allocate " + numel + " elements of " + dtype
                    + " on cpu: a CPU storage holds at most " + MAX_NUMEL + " (a broadcast view may hold more, a result"
                    + " not)");
        }
        int n = (int) numel;
        Object data = switch (dtype) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT64 -> new long[n];
            case INT32 -> new int[n];
            case BOOL -> new boolean[n];
        };
        return new CpuStorage(dtype, n, data);
    }

    /** Fills with values no op should read (Note [Fresh storage is not zeros] in CpuBackend). */
    static void fillUninitialized(CpuStorage s) {
        switch (s.dtype()) {
            case FLOAT32 -> java.util.Arrays.fill((float[]) s.data, Float.NaN);
            case FLOAT64 -> java.util.Arrays.fill((double[]) s.data, Double.NaN);
            case INT64 -> java.util.Arrays.fill((long[]) s.data, Long.MAX_VALUE);
            case INT32 -> java.util.Arrays.fill((int[]) s.data, Integer.MAX_VALUE);
            case BOOL -> java.util.Arrays.fill((boolean[]) s.data, true);
        }
    }

    @Override
    public Object hostArray() {
        return data;
    }

    @Override
    protected void onRelease() {
        data = null;
    }

    /** Wraps (does not copy) a Java array; the caller hands over ownership. */
    static CpuStorage wrap(Object array) {
        if (array instanceof float[] a) {
            return new CpuStorage(DType.FLOAT32, a.length, a);
        } else if (array instanceof double[] a) {
            return new CpuStorage(DType.FLOAT64, a.length, a);
        } else if (array instanceof long[] a) {
            return new CpuStorage(DType.INT64, a.length, a);
        } else if (array instanceof int[] a) {
            return new CpuStorage(DType.INT32, a.length, a);
        } else if (array instanceof boolean[] a) {
            return new CpuStorage(DType.BOOL, a.length, a);
        }
        throw new IllegalArgumentException("[cpu] expected float[], double[], long[], int[] or boolean[] but got "
                + (array == null ? "null" : array.getClass().getSimpleName()));
    }
}
