package dev.autograd4j.ops;

import dev.autograd4j.Backends;
import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.spi.RandomOp;
import dev.autograd4j.spi.View;

import java.util.Arrays;

import static dev.autograd4j.internal.Internal.view;
import static dev.autograd4j.internal.Internal.wrap;

/** Tensor factories: from Java arrays, constant fills, ranges, the identity, and random fills. */
public final class Factories {
    private Factories() {
    }

    private static void checkShape(String op, int[] shape) {
        for (int s : shape) {
            if (s < 0) {
                throw Errors.argument(op, "negative dimension " + s + " in shape " + Arrays.toString(shape));
            }
        }
    }

    /** The length of a primitive Java array given to {@code Tensor.of}; a null array is a bad argument. */
    public static int length(Object data) {
        if (data == null) {
            throw Errors.argument("tensor", "the data array is null");
        }
        return java.lang.reflect.Array.getLength(data);
    }

    /** A tensor holding a copy of a primitive Java array; an empty shape means 1-D of the array's length. */
    public static Tensor fromArray(Object data, int length, int[] shape, Device device) {
        int[] s = shape.length == 0 ? new int[] {length} : shape.clone();
        checkShape("tensor", s);
        if (Shapes.numel(s) != length) {
            throw Errors.argument("tensor", "shape " + Arrays.toString(s) + " holds " + Shapes.numel(s)
                    + " elements but the data has " + length);
        }
        return wrap(View.contiguous(Backends.of(device).fromArray(data), s));
    }

    public static Tensor fromRows(float[][] rows) {
        length(rows);
        for (float[] row : rows) {
            length(row);
        }
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw Errors.argument("tensor", "row " + i + " has " + rows[i].length + " elements but row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return fromArray(data, data.length, new int[] {rows.length, cols}, Device.getDefault());
    }

    public static Tensor fromRows(double[][] rows) {
        length(rows);
        for (double[] row : rows) {
            length(row);
        }
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw Errors.argument("tensor", "row " + i + " has " + rows[i].length + " elements but row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return fromArray(data, data.length, new int[] {rows.length, cols}, Device.getDefault());
    }

    public static Tensor full(int[] shape, double value, DType dtype, Device device) {
        return full("full", shape, value, dtype, device);
    }

    /** {@code full} under the name of the factory the user called ({@code zeros}, {@code ones}, ...). */
    public static Tensor full(String op, int[] shape, double value, DType dtype, Device device) {
        checkShape(op, shape);
        if (!op.equals("scalar") || dtype != DType.FLOAT32) {
            Dispatch.checkScalar(op, value, dtype); // torch.tensor(1e40) is inf, torch.full([1], 1e40) an error
        }
        Tensor out = Dispatch.empty(shape.clone(), dtype, device);
        Backends.of(device).fill(view(out), value);
        return out;
    }

    /**
     * {@code full} with an integer value, exact for int64 past 2^53 (where a double no longer holds every integer):
     * PyTorch takes a Python int as an int64 scalar. Other dtypes get the value rounded once, as PyTorch's cast.
     */
    public static Tensor full(String op, int[] shape, long value, DType dtype, Device device) {
        if (dtype != DType.INT64 || (value >= -(1L << 53) && value <= 1L << 53)) {
            double v = dtype == DType.FLOAT32 ? (float) value : (double) value; // one rounding, long to float
            return full(op, shape, v, dtype, device);
        }
        checkShape(op, shape);
        // The fill kernels take a double, so the exact value is copied from a one-element tensor, expanded
        Tensor one = fromArray(new long[] {value}, 1, new int[] {1}, device).reshape();
        return one.expand(shape.clone()).contiguous();
    }

    public static Tensor arange(double start, double end, double step, DType dtype, Device device) {
        if (step == 0 || Double.isNaN(start) || Double.isNaN(end) || Double.isNaN(step)
                || Double.isInfinite(start) || Double.isInfinite(end)) {
            throw Errors.argument("arange", "invalid range: start " + start + ", end " + end + ", step " + step);
        }
        // PyTorch takes an integer range's values in int64, start and step truncated (a step of 0.5 is 0, an
        // error), and for int64 (not int32) counts them with the end truncated too: arange(0, 5, 1.5) is
        // [0, 1, 2, 3, 4] as int64
        long first = (long) start, stride = (long) step;
        if (!dtype.isFloatingPoint() && stride == 0) {
            throw Errors.argument("arange", "step must be nonzero (step " + step + " is 0 as " + dtype + ")");
        }
        double span = dtype == DType.INT64 ? (double) ((long) end - first) / stride : (end - start) / step;
        if (span < 0) {
            throw Errors.argument("arange", "upper bound and larger bound inconsistent with step sign");
        }
        long n = (long) Math.ceil(span);
        if (n > Integer.MAX_VALUE) {
            throw Errors.argument("arange", "the range holds " + n + " elements, more than a tensor can");
        }
        int count = (int) n;
        Object data;
        switch (dtype) {
            case FLOAT32 -> {
                float[] a = new float[count];
                for (int i = 0; i < count; i++) {
                    a[i] = (float) (start + i * step);
                }
                data = a;
            }
            case FLOAT64 -> {
                double[] a = new double[count];
                for (int i = 0; i < count; i++) {
                    a[i] = start + i * step;
                }
                data = a;
            }
            case INT64 -> {
                long[] a = new long[count];
                for (int i = 0; i < count; i++) {
                    a[i] = first + i * stride;
                }
                data = a;
            }
            case INT32 -> {
                int[] a = new int[count];
                for (int i = 0; i < count; i++) {
                    a[i] = (int) (first + i * stride);
                }
                data = a;
            }
            default -> throw Errors.argument("arange", "is not implemented for dtype " + dtype);
        }
        return fromArray(data, count, new int[] {count}, device);
    }

    /**
     * {@code steps} values from {@code start} to {@code end}, computed as PyTorch does (in the dtype's precision,
     * the first half counting up from start and the second half down from end, so both ends are exact).
     */
    public static Tensor linspace(double start, double end, int steps, DType dtype, Device device) {
        if (steps < 0) {
            throw Errors.argument("linspace", "number of steps must be non-negative but got " + steps);
        }
        if (dtype == DType.BOOL) {
            throw Errors.argument("linspace", "is not implemented for dtype bool");
        }
        if (!dtype.isFloatingPoint()) {
            // PyTorch converts the ends to the integer type first, then steps between them in double and truncates.
            Dispatch.checkScalar("linspace", start, dtype);
            Dispatch.checkScalar("linspace", end, dtype);
            double[] values = linspaceValues((long) start, (long) end, steps);
            return fromArray(values, steps, new int[] {steps}, device).to(dtype);
        }
        if (dtype == DType.FLOAT32) {
            float s = (float) start, e = (float) end;
            float step = steps > 1 ? (e - s) / (float) (steps - 1) : 0f;
            float[] a = new float[steps];
            int half = steps / 2;
            for (int i = 0; i < steps; i++) {
                a[i] = i < half ? s + step * i : e - step * (steps - i - 1);
            }
            if (steps == 1) {
                a[0] = s; // PyTorch: one step is [start]
            }
            return fromArray(a, steps, new int[] {steps}, device);
        }
        return fromArray(linspaceValues(start, end, steps), steps, new int[] {steps}, device);
    }

    private static double[] linspaceValues(double start, double end, int steps) {
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        double[] a = new double[steps];
        int half = steps / 2;
        for (int i = 0; i < steps; i++) {
            a[i] = i < half ? start + step * i : end - step * (steps - i - 1);
        }
        if (steps == 1) {
            a[0] = start; // PyTorch: one step is [start]
        }
        return a;
    }

    public static Tensor eye(int n, int m, DType dtype, Device device) {
        checkShape("eye", new int[] {n, m});
        Tensor out = full(new int[] {n, m}, 0, dtype, device);
        View diagonal = new View(view(out).storage, 0, new int[] {Math.min(n, m)}, new long[] {m + 1L});
        Backends.of(device).fill(diagonal, 1); // on the device: no n*m host array
        return out;
    }

    private static Tensor random(RandomOp op, Generator generator, int[] shape, DType dtype, Device device, double a,
                                 double b, String name) {
        checkShape(name, shape);
        if (generator == null) {
            throw Errors.argument(name, "a Generator is required (random ops take one explicitly, for reproducibility)");
        }
        Tensor out = Dispatch.empty(shape.clone(), dtype, device);
        long offset = generator.reserve(out.numel());
        Backends.of(device).random(op, view(out), generator.seed(), offset, a, b);
        return out;
    }

    public static Tensor rand(Generator generator, int[] shape, DType dtype, Device device) {
        requireFloating("rand", dtype);
        return random(RandomOp.UNIFORM, generator, shape, dtype, device, 0, 1, "rand");
    }

    public static Tensor randn(Generator generator, int[] shape, DType dtype, Device device) {
        requireFloating("randn", dtype);
        return random(RandomOp.NORMAL, generator, shape, dtype, device, 0, 1, "randn");
    }

    /** Uniform on {@code [low, high)} in any floating dtype, like {@code torch.empty(...).uniform_(low, high)}. */
    public static Tensor uniform(Generator generator, int[] shape, double low, double high, DType dtype, Device device) {
        requireFloating("uniform", dtype);
        return random(RandomOp.UNIFORM, generator, shape, dtype, device, low, high, "uniform");
    }

    public static Tensor randint(Generator generator, long low, long high, int[] shape, DType dtype, Device device) {
        if (high <= low) {
            throw Errors.argument("randint", "random_ expects 'from' to be less than 'to', but got from=" + low
                    + " >= to=" + high);
        }
        if (dtype == DType.BOOL) {
            throw Errors.argument("randint", "is not implemented for bool");
        }
        if (dtype == DType.INT32) { // as PyTorch's check_from_to_in_range: the draws would wrap around
            if (low < Integer.MIN_VALUE || low > Integer.MAX_VALUE) {
                throw Errors.argument("randint", "from is out of bounds for int32: " + low);
            }
            if (high - 1 > Integer.MAX_VALUE) {
                throw Errors.argument("randint", "to - 1 is out of bounds for int32: " + (high - 1));
            }
        }
        return random(RandomOp.RANDINT, generator, shape, dtype, device, low, high, "randint");
    }

    private static void requireFloating(String op, DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw Errors.argument(op, "expects a floating point dtype but got " + dtype);
        }
    }
}
