package dev.autograd4j.spi;

/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11), the counter-based generator
 * PyTorch's CUDA backend uses, and the bit recipes that turn its output into numbers. Every backend follows these
 * recipes for {@link RandomOp}, so a seeded {@code Generator} draws the same values on every device: element
 * {@code i} of a fill uses the block at counter {@code offset + i}, key {@code seed}.
 *
 * <p>The counter is {@code (lo32(c), hi32(c), 0, 0)} and the key {@code (lo32(seed), hi32(seed))}.
 */
public final class Philox {
    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final double TWO_POW_M24 = 0x1.0p-24;
    private static final double TWO_POW_M53 = 0x1.0p-53;

    private Philox() {
    }

    /**
     * Writes the four 32-bit output words of block {@code counter} under {@code seed} into {@code out[0..3]}.
     *
     * @param seed the key, split into its low and high 32 bits
     * @param counter the block's counter, split into the first two counter words
     * @param out receives the four output words; at least 4 long
     */
    public static void block(long seed, long counter, int[] out) {
        block((int) counter, (int) (counter >>> 32), 0, 0, (int) seed, (int) (seed >>> 32), out);
    }

    /** The general block, all four counter words given (the recipes use only the first two; tests use all four). */
    static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int round = 0; round < 10; round++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /**
     * Uniform on [0, 1) with 24 random bits (float32 fills): {@code (x0 >>> 8) * 2^-24}.
     *
     * @param x0 the block's first output word
     * @return a value in {@code [0, 1)}
     */
    public static double uniform24(int x0) {
        return (x0 >>> 8) * TWO_POW_M24;
    }

    /**
     * Uniform on [0, 1) with 53 random bits (float64 fills): {@code ((x0 << 21) | (x1 >>> 11)) * 2^-53}.
     *
     * @param x0 the block's first output word
     * @param x1 its second output word
     * @return a value in {@code [0, 1)}
     */
    public static double uniform53(int x0, int x1) {
        long bits = ((x0 & 0xFFFFFFFFL) << 21) | ((x1 & 0xFFFFFFFFL) >>> 11);
        return bits * TWO_POW_M53;
    }

    /**
     * A standard normal by Box-Muller: {@code sqrt(-2 ln(1 - u1)) * cos(2 pi u2)} with {@code u1 = uniform53(x0, x1)}
     * and {@code u2 = uniform53(x2, x3)}.
     *
     * @param x0 the block's first output word
     * @param x1 its second output word
     * @param x2 its third output word
     * @param x3 its fourth output word
     * @return a standard normal value
     */
    public static double normal(int x0, int x1, int x2, int x3) {
        double u1 = 1.0 - uniform53(x0, x1);
        double u2 = uniform53(x2, x3);
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /**
     * An integer uniform on {@code [low, high)}: {@code low + unsigned((x0 << 32) | x1) mod (high - low)}.
     *
     * @param x0 the block's first output word
     * @param x1 its second output word
     * @param low the smallest value
     * @param high one more than the largest value
     * @return a value in {@code [low, high)}
     */
    public static long randint(int x0, int x1, long low, long high) {
        long bits = ((x0 & 0xFFFFFFFFL) << 32) | (x1 & 0xFFFFFFFFL);
        return low + Long.remainderUnsigned(bits, high - low);
    }
}
