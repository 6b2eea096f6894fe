package dev.autograd4j.opinfo;

import dev.autograd4j.DType;

import java.util.Arrays;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * How close a result must be to the reference: {@code |actual - expected| <= (atol + rtol * scale) * growth}, where
 * {@code scale} is {@code |expected|}, or for a sum of terms the larger of that and the sum of the terms' absolute
 * values (a sum's rounding error is relative to its terms, not to a result that may cancel to nearly zero), and
 * {@code growth = max(1, sqrt(length))} for a sum of {@code length} terms (rounding errors of a long sum grow with
 * it; sqrt is the typical growth, and the defaults leave room above it). NaN matches NaN and infinities match
 * exactly. Integer and bool results are exact.
 *
 * <p>The defaults per dtype: float64 within 1e-12 relative (about 5000 ulps: room for a backend's own exp or erf,
 * none for a wrong formula), float32 within 1e-5 relative (about 80 ulps), each with a small absolute floor for
 * results near zero. Entries and samples override them only where an op needs other bounds, and say why.
 */
public record Tolerance(double rtol, double atol) {
    public static final Tolerance EXACT = new Tolerance(0, 0);
    public static final Tolerance FLOAT64 = new Tolerance(1e-12, 1e-13);
    public static final Tolerance FLOAT32 = new Tolerance(1e-5, 1e-6);

    /** The default for results of {@code dtype}. */
    public static Tolerance of(DType dtype) {
        return switch (dtype) {
            case FLOAT64 -> FLOAT64;
            case FLOAT32 -> FLOAT32;
            default -> EXACT;
        };
    }

    /** Absolute only. */
    public static Tolerance abs(double atol) {
        return new Tolerance(0, atol);
    }

    /** Relative only. */
    public static Tolerance rel(double rtol) {
        return new Tolerance(rtol, 0);
    }

    /** The largest difference allowed for element {@code i} of {@code expected}. */
    public double allowed(Nd expected, int i) {
        double e = Math.abs(expected.data[i]);
        double scale = expected.scale == null ? e : Math.max(e, expected.scale[i]);
        return (atol + rtol * scale) * Math.max(1, Math.sqrt(expected.length));
    }

    /**
     * Fails, naming {@code what} and up to five offending elements, unless {@code actual} (row-major, of
     * {@code shape}) matches {@code expected} within this tolerance.
     */
    public void check(String what, Nd expected, int[] shape, double[] actual) {
        if (!Arrays.equals(expected.shape, shape)) {
            fail(what + ": shape " + Arrays.toString(shape) + ", expected " + Arrays.toString(expected.shape));
        }
        StringBuilder bad = new StringBuilder();
        int count = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = expected.data[i], a = actual[i];
            boolean ok;
            if (Double.isNaN(e) || Double.isInfinite(e) || Double.isNaN(a) || Double.isInfinite(a)) {
                ok = Double.compare(a, e) == 0 || (Double.isNaN(a) && Double.isNaN(e));
            } else {
                ok = Math.abs(a - e) <= allowed(expected, i);
            }
            if (!ok && count++ < 5) {
                bad.append(String.format(Locale.ROOT, "%n  at %s: actual %.17g, expected %.17g, |difference| %.3g,"
                        + " allowed %.3g", Arrays.toString(Nd.unravel(i, shape)), a, e, Math.abs(a - e),
                        allowed(expected, i)));
            }
        }
        if (count > 0) {
            fail(what + ": " + count + " of " + actual.length + " elements differ (" + this + ")" + bad);
        }
    }

    @Override
    public String toString() {
        return "rtol " + rtol + ", atol " + atol;
    }
}
