package dev.autograd4j;

/**
 * A seeded source of random numbers, like {@code torch.Generator}: every random op takes one explicitly, so runs
 * are reproducible. It is counter-based (Philox4x32-10, see {@link dev.autograd4j.spi.Philox}): a fill of
 * {@code n} elements uses counters {@code offset .. offset+n-1} and advances the offset by {@code n}, so the numbers
 * depend only on the seed and the sequence of calls, not on threads or on the device that draws them.
 */
public final class Generator {
    /** PyTorch's default CPU seed (its {@code default_rng_seed_val}). */
    private static final long DEFAULT_SEED = 67280421310721L;
    private static final Generator DEFAULT = new Generator(DEFAULT_SEED);

    private long seed;
    private long offset;

    /**
     * A generator at the start of {@code seed}'s sequence, like {@code torch.Generator().manual_seed(seed)}.
     *
     * @param seed the seed
     */
    public Generator(long seed) {
        this.seed = seed;
    }

    /**
     * The generator random ops use when none is passed ({@code Tensor.rand(shape)}, dropout and the initialisers
     * without one), like PyTorch's default generator; {@code Tensor.manualSeed(seed)} seeds it. It is one for the JVM
     * and thread-safe: a fill reserves its counters atomically, so draws on several threads never overlap, though
     * which thread gets which numbers depends on their order (pass each thread its own generator to fix that).
     *
     * @return the default generator
     */
    public static Generator defaultGenerator() {
        return DEFAULT;
    }

    /**
     * Restarts the sequence from {@code seed}, like {@code generator.manual_seed(seed)}.
     *
     * @param seed the new seed
     * @return this generator
     */
    public synchronized Generator manualSeed(long seed) {
        this.seed = seed;
        this.offset = 0;
        return this;
    }

    /**
     * The seed, like {@code generator.initial_seed()}.
     *
     * @return the seed
     */
    public synchronized long seed() {
        return seed;
    }

    /**
     * How many counters have been used so far.
     *
     * @return the number of counters used since the seed was set
     */
    public synchronized long offset() {
        return offset;
    }

    /**
     * Reserves {@code n} counters for one fill and returns the first. For op implementations.
     *
     * @param n the number of counters (elements) the fill draws
     * @return the first counter reserved
     */
    public synchronized long reserve(long n) {
        long start = offset;
        offset += n;
        return start;
    }

    @Override
    public synchronized String toString() {
        return "Generator(seed=" + seed + ", offset=" + offset + ")";
    }
}
