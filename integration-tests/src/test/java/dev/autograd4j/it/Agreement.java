package dev.autograd4j.it;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;
import dev.autograd4j.opinfo.Nd;
import dev.autograd4j.opinfo.Tolerance;

import java.util.Arrays;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How a result on the device under test is held to the same computation on the CPU in the same dtype: same dtype,
 * same shape, and values within a tolerance (integers and bools exactly). Two kinds of bound:
 * <ul>
 *   <li>{@link #sameAs}: the op database's own tolerance for the sample, with the reference's terms (a sum is judged
 *       against the size of its terms), so a device is held to the CPU as tightly as the CPU is to the reference;</li>
 *   <li>{@link #atMagnitude}: {@code |actual - cpu| <= rtol * max(1, max|cpu|)} over the whole tensor, for results
 *       with no reference (gradients, chained programs, training), where an element that cancels to nearly zero must
 *       not demand more digits than the tensor's largest element carries.</li>
 * </ul>
 * NaN matches NaN and infinities match exactly, as in {@link Tolerance#check}.
 */
final class Agreement {
    /** Relative bounds at the tensor's magnitude: float64 tight, float32 about 170 units in the last place. */
    static final double FLOAT64_RTOL = 1e-11, FLOAT32_RTOL = 2e-5;

    private Agreement() {
    }

    /** The default relative bound at magnitude for results of {@code dtype} (0: exact, for integers and bools). */
    static double rtol(DType dtype) {
        return switch (dtype) {
            case FLOAT64 -> FLOAT64_RTOL;
            case FLOAT32 -> FLOAT32_RTOL;
            default -> 0;
        };
    }

    /** {@code actual} (on any device) equals {@code cpu} within {@code tolerance} applied to {@code terms}' terms. */
    static void sameAs(String what, Tensor cpu, Tensor actual, Tolerance tolerance, Nd terms) {
        shapeAndDtype(what, cpu, actual);
        Tolerance t = cpu.dtype().isFloatingPoint() ? tolerance : Tolerance.EXACT;
        Nd expected = Nd.of(cpu.shape(), cpu.toDoubleArray());
        if (terms != null && t.rtol() > 0 && Arrays.equals(terms.shape, cpu.shape())) {
            expected = expected.termsOf(terms); // an exact bound has no terms: 0 times an infinite term is NaN
        }
        t.check(what + " (" + actual.device() + " against the CPU in " + cpu.dtype() + ")", expected, actual.shape(),
                actual.toDoubleArray());
    }

    /**
     * {@code actual} equals {@code cpu} within {@code rtol} of the largest magnitude in {@code cpu}, and of 1 at least:
     * the inputs here are of order one, so a result that cancels to nearly zero everywhere (the gradient of a softmax
     * along a broadcast dim) still carries rounding errors of order one times the dtype's precision.
     */
    static void atMagnitude(String what, Tensor cpu, Tensor actual, double rtol) {
        shapeAndDtype(what, cpu, actual);
        double[] e = cpu.toDoubleArray();
        double max = 1;
        for (double v : e) {
            if (Double.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        double[] scale = new double[e.length];
        Arrays.fill(scale, max);
        Tolerance t = cpu.dtype().isFloatingPoint() ? Tolerance.rel(rtol) : Tolerance.EXACT;
        t.check(what + " (" + actual.device() + " against the CPU in " + cpu.dtype() + ", at magnitude "
                + (float) max + ")", Nd.of(cpu.shape(), e).terms(scale, 1), actual.shape(), actual.toDoubleArray());
    }

    private static void shapeAndDtype(String what, Tensor cpu, Tensor actual) {
        assertEquals(cpu.dtype(), actual.dtype(), what + ": dtype");
        assertArrayEquals(cpu.shape(), actual.shape(), what + ": shape");
    }

    /** Seeded values uniform on [-1, 1), drawn on the CPU in float64, then converted and moved: the same everywhere. */
    static Tensor uniform(long seed, int[] shape, DType dtype, Device device) {
        return on(Device.cpu(), () -> Tensor.rand(new dev.autograd4j.Generator(seed), shape, DType.FLOAT64,
                Device.cpu()).mul(2.0).sub(1.0)).to(dtype).to(device);
    }

    /** Runs {@code body} with {@code device} as the default device (factories without a device create there). */
    static <T> T on(Device device, Supplier<T> body) {
        Device previous = Device.getDefault();
        Device.setDefault(device);
        try {
            return body.get();
        } finally {
            Device.setDefault(previous);
        }
    }
}
