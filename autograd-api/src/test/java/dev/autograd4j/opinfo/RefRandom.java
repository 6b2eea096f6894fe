package dev.autograd4j.opinfo;

import dev.autograd4j.DType;

/**
 * The reference for the random factories and dropout: Philox4x32-10 written from its paper (Salmon et al., "Parallel
 * random numbers: as easy as 1, 2, 3", SC'11; checked against the paper's known-answer vectors in
 * {@code RefMathTest}), and the bit recipes the backend SPI documents for turning a block into a number. Element
 * {@code i} of a fill uses the block at counter {@code offset + i} under key {@code seed}.
 */
public final class RefRandom {
    private RefRandom() {
    }

    /** The four output words of Philox4x32-10 for the 128-bit counter {@code c} and 64-bit key {@code k}. */
    static int[] philox(int c0, int c1, int c2, int c3, int k0, int k1) {
        for (int round = 0; round < 10; round++) {
            long p0 = 0xD2511F53L * Integer.toUnsignedLong(c0);
            long p1 = 0xCD9E8D57L * Integer.toUnsignedLong(c2);
            int hi0 = (int) (p0 >>> 32), lo0 = (int) p0, hi1 = (int) (p1 >>> 32), lo1 = (int) p1;
            int n0 = hi1 ^ c1 ^ k0, n2 = hi0 ^ c3 ^ k1;
            c0 = n0;
            c1 = lo1;
            c2 = n2;
            c3 = lo0;
            k0 += 0x9E3779B9;
            k1 += 0xBB67AE85;
        }
        return new int[] {c0, c1, c2, c3};
    }

    private static int[] block(long seed, long counter) {
        return philox((int) counter, (int) (counter >>> 32), 0, 0, (int) seed, (int) (seed >>> 32));
    }

    private static double uniform(int[] w, DType dtype) {
        if (dtype == DType.FLOAT32) {
            return (w[0] >>> 8) * 0x1.0p-24;
        }
        return ((Integer.toUnsignedLong(w[0]) << 21) | (Integer.toUnsignedLong(w[1]) >>> 11)) * 0x1.0p-53;
    }

    /** {@code n} draws uniform on {@code [0, 1)}: 24 random bits for float32, 53 for float64. */
    public static double[] uniform(long seed, long offset, int n, DType dtype) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = round(uniform(block(seed, offset + i), dtype), dtype);
        }
        return out;
    }

    /** {@code n} standard normals by Box-Muller: {@code sqrt(-2 ln(1 - u1)) cos(2 pi u2)}, 53-bit uniforms. */
    public static double[] normal(long seed, long offset, int n, DType dtype) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int[] w = block(seed, offset + i);
            double u1 = uniform(w, DType.FLOAT64);
            double u2 = uniform(new int[] {w[2], w[3]}, DType.FLOAT64);
            out[i] = round(Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2), dtype);
        }
        return out;
    }

    /** {@code n} integers uniform on {@code [low, high)}: {@code low + unsigned(x0 x1) mod (high - low)}. */
    public static double[] randint(long seed, long offset, int n, long low, long high) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int[] w = block(seed, offset + i);
            long bits = (Integer.toUnsignedLong(w[0]) << 32) | Integer.toUnsignedLong(w[1]);
            out[i] = low + Long.remainderUnsigned(bits, high - low);
        }
        return out;
    }

    private static double round(double v, DType dtype) {
        return dtype == DType.FLOAT32 ? (float) v : v;
    }
}
