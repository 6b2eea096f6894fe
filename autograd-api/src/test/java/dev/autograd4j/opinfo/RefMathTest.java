package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference checked on its own, with numbers written down: it needs no backend. */
class RefMathTest {

    /** {@code x, erf(x), erfc(x)} as Python 3's {@code math.erf} and {@code math.erfc} print them. */
    private static final double[][] ERF = {
            {-6.0, -1.0, 2.0},
            {-3.5, -0.9999992569016276, 1.9999992569016276},
            {-2.5, -0.999593047982555, 1.999593047982555},
            {-2.0001, -0.9953243313041966, 1.9953243313041966},
            {-1.99, -0.995111413199617, 1.995111413199617},
            {-1.0, -0.8427007929497149, 1.842700792949715},
            {-0.3, -0.3286267594591274, 1.3286267594591274},
            {0.0, 0.0, 1.0},
            {1e-05, 1.1283791670579e-05, 0.9999887162083294},
            {0.3, 0.3286267594591274, 0.6713732405408726},
            {1.0, 0.8427007929497149, 0.15729920705028513},
            {1.99, 0.995111413199617, 0.004888586800383003},
            {2.0, 0.9953222650189527, 0.004677734981047265},
            {2.5, 0.999593047982555, 0.0004069520174449589},
            {3.5, 0.9999992569016276, 7.430983723414128e-07},
            {6.0, 1.0, 2.1519736712498916e-17},
            {10.0, 1.0, 2.088487583762545e-45}};

    @Test
    void inverseHyperbolicsAndLog2MatchPython() {
        // Python 3's math.asinh, math.acosh, math.atanh and math.log2 at the same inputs.
        double[][] cases = {
            {RefMath.asinh(0.001), 0.0009999998333334083}, {RefMath.asinh(-0.75), -0.6931471805599453},
            {RefMath.asinh(30), 4.09462222433053}, {RefMath.acosh(2), 1.3169578969248166},
            {RefMath.acosh(30), 4.0940666686320855}, {RefMath.atanh(0.001), 0.0010000003333335333},
            {RefMath.atanh(-0.75), -0.9729550745276566}, {RefMath.log2(30), 4.906890595608519},
            {RefMath.log2(0.001), -9.965784284662087}};
        for (double[] c : cases) {
            assertEquals(c[1], c[0], 1e-15 * Math.abs(c[1]));
        }
        assertTrue(Double.isNaN(RefMath.acosh(0.5)));
    }

    @Test
    void erfAndErfcMatchPython() {
        for (double[] row : ERF) {
            assertEquals(row[1], RefMath.erf(row[0]), 1e-15 * Math.abs(row[1]), "erf(" + row[0] + ")");
            assertEquals(row[2], RefMath.erfc(row[0]), 1e-15 * Math.abs(row[2]), "erfc(" + row[0] + ")");
        }
    }

    @Test
    void philoxMatchesThePapersKnownAnswers() {
        // Random123's kat_vectors: counter (4 words), key (2 words) -> output (4 words).
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
                RefRandom.philox(0, 0, 0, 0, 0, 0));
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
                RefRandom.philox(-1, -1, -1, -1, -1, -1));
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
                RefRandom.philox(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0));
    }

    @Test
    void uniformDrawsUseTheTopBits() {
        // 0x6627e8d5 >>> 8 = 0x6627e8, over 2^24: the float32 draw of counter 0 under key 0.
        assertEquals(0x6627e8 / (double) (1 << 24), RefRandom.uniform(0, 0, 1, DType.FLOAT32)[0]);
        double u = RefRandom.uniform(0, 0, 1, DType.FLOAT64)[0];
        assertTrue(u >= 0x6627e8 / (double) (1 << 24) && u < 0x6627e9 / (double) (1 << 24), "u = " + u);
    }

    @Test
    void broadcastingAndReductionsByHand() {
        Nd a = Nd.of(new int[] {2, 1}, 1, 2), b = Nd.vector(10, 20, 30);
        assertArrayEquals(new double[] {11, 21, 31, 12, 22, 32}, Ref.zip(a, b, Double::sum).data);
        Nd x = Nd.of(new int[] {2, 3}, 1, -2, 3, 4, 5, -6);
        Nd rows = Ref.reduce(x, new int[] {1}, false, Ref::sum);
        assertArrayEquals(new int[] {2}, rows.shape);
        assertArrayEquals(new double[] {2, 3}, rows.data);
        assertArrayEquals(new double[] {6, 15}, rows.scale, "the sums of the absolute values");
        assertArrayEquals(new double[] {2, 1}, Ref.reduce(x, new int[] {-1}, true, Ref::argmax).data);
        assertEquals(Ref.var(new double[] {1, 2, 3, 4}, 1), 5.0 / 3, 1e-15);
    }

    @Test
    void matmulAndShapesByHand() {
        Nd a = Nd.of(new int[] {2, 2}, 1, 2, 3, 4), b = Nd.of(new int[] {2, 2}, 5, 6, 7, 8);
        assertArrayEquals(new double[] {19, 22, 43, 50}, Ref.matmul(a, b).data);
        Nd mv = Ref.matmul(a, Nd.vector(1, -1));
        assertArrayEquals(new int[] {2}, mv.shape);
        assertArrayEquals(new double[] {-1, -1}, mv.data);
        assertArrayEquals(new double[] {1, 3, 2, 4}, Ref.transpose(a, 0, 1).data);
        assertArrayEquals(new double[] {3, 4, 1, 2}, Ref.cat(List.of(Ref.select(a, 0, 1).reshape(1, 2),
                Ref.select(a, 0, 0).reshape(1, 2)), 0).data);
        assertArrayEquals(new double[] {2, 1, 4, 3}, Ref.gather(a, 1, Nd.of(new int[] {2, 2}, 1, 0, 1, 0)).data);
    }

    @Test
    void theToleranceFailsOnAWrongResult() {
        Nd expected = Nd.vector(1, 2, Double.NaN, Double.POSITIVE_INFINITY);
        Tolerance.FLOAT32.check("right", expected, new int[] {4}, new double[] {1 + 5e-6, 2, Double.NaN,
                Double.POSITIVE_INFINITY});
        assertThrows(AssertionError.class, () -> Tolerance.FLOAT32.check("1e-4 off", expected, new int[] {4},
                new double[] {1 + 1e-4, 2, Double.NaN, Double.POSITIVE_INFINITY}));
        assertThrows(AssertionError.class, () -> Tolerance.FLOAT64.check("a number for NaN", expected, new int[] {4},
                new double[] {1, 2, 0, Double.POSITIVE_INFINITY}));
        assertThrows(AssertionError.class, () -> Tolerance.FLOAT64.check("-inf for inf", expected, new int[] {4},
                new double[] {1, 2, Double.NaN, Double.NEGATIVE_INFINITY}));
        assertThrows(AssertionError.class, () -> Tolerance.EXACT.check("shape", expected, new int[] {2, 2},
                expected.data));
        // A sum's tolerance is relative to its terms: 1e-3 + 1e-3 - 2e-3 may come back as 1e-19, not exactly 0.
        Nd sum = Nd.scalar(0).terms(new double[] {4e-3}, 3);
        Tolerance.FLOAT64.check("a cancelling sum", sum, new int[0], new double[] {1e-19});
        assertThrows(AssertionError.class, () -> Tolerance.FLOAT64.check("a wrong sum", sum, new int[0],
                new double[] {1e-12}));
    }
}
