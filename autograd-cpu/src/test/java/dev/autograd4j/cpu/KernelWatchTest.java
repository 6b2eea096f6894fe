package dev.autograd4j.cpu;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * When a Vector API kernel is set aside and taken back (Note [Watching a vector kernel by what it allocates]): the
 * "products" here are allocations of a known size between {@link KernelWatch#before} and {@link KernelWatch#after},
 * as an unvectorised kernel's boxes would be, or none, as a vectorised kernel's.
 */
class KernelWatchTest {
    /** Multiply-adds of each pretend product: large enough to be watched, so 2^18 bytes marks it boxed. */
    private static final long FMAS = KernelWatch.MIN_FMAS;
    /** Keeps the pretend boxes reachable, so that no compiler removes their allocation. */
    static volatile Object sink;

    @BeforeEach
    void countsAllocations() {
        assumeTrue(KernelWatch.canWatch(), "this runtime does not count each thread's allocations");
    }

    /** One product on the kernel: {@code boxed} allocates 8 bytes per multiply-add, else nothing. */
    private static void product(KernelWatch watch, boolean boxed) {
        long before = KernelWatch.before(FMAS);
        if (boxed) {
            sink = new byte[(int) (FMAS * 8)];
        }
        watch.after(before, FMAS);
    }

    @Test
    void aKernelThatAllocatesNothingStaysInUse() {
        KernelWatch watch = new KernelWatch("pretend (test)", 0, 0);
        for (int i = 0; i < 10; i++) {
            product(watch, false);
        }
        assertTrue(watch.inUse());
        assertTrue(watch.use(FMAS));
    }

    @Test
    void aStreakOfBoxedProductsSetsTheKernelAside() {
        KernelWatch watch = new KernelWatch("pretend (test)", 0, Long.MAX_VALUE / 4);
        for (int i = 0; i < KernelWatch.STREAK - 1; i++) {
            product(watch, true);
        }
        assertTrue(watch.inUse(), "fewer boxed products than the streak");
        product(watch, true);
        assertFalse(watch.inUse());
        assertFalse(watch.use(FMAS), "the first retry is far away");
        assertFalse(watch.use(1), "a product too small to watch never tries the kernel");
    }

    @Test
    void aCleanProductBreaksTheStreak() {
        KernelWatch watch = new KernelWatch("pretend (test)", 0, 0);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < KernelWatch.STREAK - 1; i++) {
                product(watch, true);
            }
            product(watch, false);
        }
        assertTrue(watch.inUse());
    }

    @Test
    void aStreakMustAlsoLastLongEnough() {
        KernelWatch watch = new KernelWatch("pretend (test)", Long.MAX_VALUE / 4, 0);
        for (int i = 0; i < 3 * KernelWatch.STREAK; i++) {
            product(watch, true);
        }
        assertTrue(watch.inUse(), "as while the JIT compiles the kernel for the first time");
    }

    @Test
    void aRetryThatAllocatesNothingTakesTheKernelBack() {
        KernelWatch watch = new KernelWatch("pretend (test)", 0, 0);
        for (int i = 0; i < KernelWatch.STREAK; i++) {
            product(watch, true);
        }
        assertFalse(watch.inUse());
        assertTrue(watch.use(FMAS), "the retry is due at once here");
        product(watch, true);
        assertFalse(watch.inUse(), "a boxed retry keeps it aside");
        boolean retried = false;
        for (long start = System.nanoTime(); !retried && System.nanoTime() - start < 1_000_000_000L; ) {
            retried = watch.use(FMAS);
        }
        assertTrue(retried, "the next retry, a nanosecond later");
        product(watch, false);
        assertTrue(watch.inUse());
        assertTrue(watch.use(FMAS));
    }
}
