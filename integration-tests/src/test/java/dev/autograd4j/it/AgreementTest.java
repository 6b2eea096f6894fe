package dev.autograd4j.it;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;
import dev.autograd4j.opinfo.Nd;
import dev.autograd4j.opinfo.Tolerance;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparisons catch what they must, with numbers written down. */
class AgreementTest {
    private static final Tensor CPU = Tensor.of(new double[] {100, -0.001, 0, Double.NaN, Double.POSITIVE_INFINITY});

    @Test
    void atMagnitudeJudgesEveryElementAgainstTheLargest() {
        // max |cpu| is 100, so 1e-11 relative allows 1e-9 on every element, the near-zero ones too.
        Agreement.atMagnitude("x", CPU, Tensor.of(new double[] {100 + 9e-10, -0.001 + 9e-10, -9e-10, Double.NaN,
                Double.POSITIVE_INFINITY}), 1e-11);
        AssertionError e = assertThrows(AssertionError.class, () -> Agreement.atMagnitude("x", CPU,
                Tensor.of(new double[] {100, -0.001 + 2e-9, 0, Double.NaN, Double.POSITIVE_INFINITY}), 1e-11));
        assertTrue(e.getMessage().startsWith("x (cpu against the CPU in float64, at magnitude 100.0): 1 of 5"),
                e.getMessage());
        assertThrows(AssertionError.class, () -> Agreement.atMagnitude("x", CPU, Tensor.of(new double[] {100,
                -0.001, 0, 0, Double.POSITIVE_INFINITY}), 1e-11), "NaN against a number");
        assertThrows(AssertionError.class, () -> Agreement.atMagnitude("x", CPU, CPU.to(DType.FLOAT32), 1),
                "another dtype");
        assertThrows(AssertionError.class, () -> Agreement.atMagnitude("x", CPU, CPU.reshape(5, 1), 1),
                "another shape");
    }

    @Test
    void atMagnitudeAllowsRoundingOfOrderOneWhereEverythingCancels() {
        // A float32 gradient that is zero in exact arithmetic: 2e-5 relative to a magnitude of 1.
        Tensor zero = Tensor.of(new float[] {0, 1.5e-8f});
        Agreement.atMagnitude("g", zero, Tensor.of(new float[] {1.9e-5f, 0}), 2e-5);
        assertThrows(AssertionError.class, () -> Agreement.atMagnitude("g", zero, Tensor.of(new float[] {2.1e-5f,
                0}), 2e-5));
    }

    @Test
    void integersAndBoolsAreExactWhateverTheTolerance() {
        Tensor a = Tensor.of(new long[] {1, 2, 3});
        Agreement.sameAs("i", a, Tensor.of(new long[] {1, 2, 3}), Tolerance.rel(1), null);
        assertThrows(AssertionError.class, () -> Agreement.sameAs("i", a, Tensor.of(new long[] {1, 2, 4}),
                Tolerance.rel(1), null));
        assertThrows(AssertionError.class, () -> Agreement.atMagnitude("i", a, Tensor.of(new long[] {1, 2, 4}), 1));
    }

    @Test
    void sameAsJudgesASumAgainstItsTerms() {
        // 1 + 1e6 - 1e6: the terms' absolute values sum to 2e6 + 1, so float64's 1e-12 allows about 2e-6 * sqrt(3).
        Nd terms = Nd.of(new int[] {1}, 1).terms(new double[] {2e6 + 1}, 3);
        Tensor cpu = Tensor.of(new double[] {1});
        Agreement.sameAs("s", cpu, Tensor.of(new double[] {1 + 3e-6}), Tolerance.FLOAT64, terms);
        assertThrows(AssertionError.class, () -> Agreement.sameAs("s", cpu, Tensor.of(new double[] {1 + 3e-6}),
                Tolerance.FLOAT64, null));
    }

    @Test
    void seededValuesAreTheSameOnEveryCall() {
        double[] a = Agreement.uniform(5, new int[] {2, 3}, DType.FLOAT64, Device.cpu()).toDoubleArray();
        assertArrayEquals(a, Agreement.uniform(5, new int[] {2, 3}, DType.FLOAT64, Device.cpu()).toDoubleArray());
        for (double v : a) {
            assertTrue(v >= -1 && v < 1, String.valueOf(v));
        }
    }
}
