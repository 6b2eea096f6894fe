package dev.autograd4j.cpu;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;

/**
 * Watches one Vector API GEMM kernel (float32 or float64) for the JIT leaving it unvectorised, and says whether
 * products should use it; see Note [The Vector API on JDK 17] in {@link Gemm}.
 *
 * <p>Note [Watching a vector kernel by what it allocates]: a vector the JIT intrinsifies lives in a register; one it
 * does not is a heap object, so an unvectorised kernel allocates as it computes. Over the same 512^3 float32
 * product, on JDK 17 after other Vector API code had run (the Note's hazard), 2 of 30 JVMs ran at 7-8 and 19-23
 * GFLOP/s instead of 80 and allocated 395 and 132 MB per product (1 to 3 bytes per multiply-add), every time; the
 * other 28 allocated nothing once their buffers had grown. So each large product measures what its thread allocated
 * ({@code com.sun.management.ThreadMXBean}, about 12 ns a reading); a product that allocated more than a byte per
 * {@link #BYTES_PER_FMA_DIVISOR} multiply-adds is boxed. A kernel is given up only after {@link #STREAK} boxed
 * products in a row spanning at least {@link #STREAK_NANOS}, because a kernel also allocates for a moment while
 * the JIT has not compiled it yet, or recompiles it after a deoptimisation (the first products of a JVM; a new
 * shape). Given up is not for good: after {@link #RETRY_NANOS} (doubling each time, to at most a minute) one product
 * tries it again, and a product that allocates nothing brings it back. The watch replaces a check that timed the
 * vector kernel against the plain one on a product of its own: its new shape deoptimised the vector kernel,
 * which then ran unvectorised for the few milliseconds the timing took, and 4 of 10 JVMs gave a fast kernel up
 * for good.
 */
final class KernelWatch {
    private static final Logger LOG = LoggerFactory.getLogger(KernelWatch.class);

    /** Products of fewer multiply-adds are not watched (a reading would cost too large a share of them). */
    static final long MIN_FMAS = 1L << 21;
    /** More than {@code fmas / BYTES_PER_FMA_DIVISOR} bytes allocated marks a product boxed. */
    static final long BYTES_PER_FMA_DIVISOR = 8;
    /** Boxed products in a row before the kernel is given up ... */
    static final int STREAK = 4;
    /** ... spanning at least this long (a compile after a deoptimisation takes tens of milliseconds). */
    static final long STREAK_NANOS = 1_000_000_000L;
    /** After giving the kernel up, the first wait before a product tries it again. */
    static final long RETRY_NANOS = 2_000_000_000L;
    private static final long MAX_RETRY_NANOS = 60_000_000_000L;

    private final String kernel;
    private final long streakNanos;
    private final long firstRetryNanos;
    private volatile boolean use = true;
    private volatile int boxed;
    private long boxedSince;
    private long retryAt;
    private long retryWait;
    private boolean warned;

    KernelWatch(String kernel) {
        this(kernel, STREAK_NANOS, RETRY_NANOS);
    }

    /** A watch with other waits (tests use zero). */
    KernelWatch(String kernel, long streakNanos, long firstRetryNanos) {
        this.kernel = kernel;
        this.streakNanos = streakNanos;
        this.firstRetryNanos = firstRetryNanos;
        this.retryWait = firstRetryNanos;
    }

    /** Whether a product of {@code fmas} multiply-adds should run on the vector kernel. */
    boolean use(long fmas) {
        if (use) {
            return true;
        }
        if (fmas < MIN_FMAS || Allocations.MX == null) {
            return false;
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (now - retryAt < 0) {
                return false;
            }
            retryAt = now + retryWait; // one try per wait, whichever thread takes it
            return true;
        }
    }

    /** What the current thread has allocated so far, or -1 when that cannot be read; pass it to {@link #after}. */
    static long before(long fmas) {
        return fmas >= MIN_FMAS && Allocations.MX != null ? Allocations.MX.getCurrentThreadAllocatedBytes() : -1;
    }

    /** Records one vector product of {@code fmas} multiply-adds by the current thread, begun at {@code before}. */
    void after(long before, long fmas) {
        if (before < 0) {
            return;
        }
        long bytes = Allocations.MX.getCurrentThreadAllocatedBytes() - before;
        if (bytes <= fmas / BYTES_PER_FMA_DIVISOR) {
            if (boxed != 0 || !use) {
                clean(bytes, fmas);
            }
            return;
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (!use) {
                retryWait = Math.min(MAX_RETRY_NANOS, Math.max(1, 2 * retryWait));
                retryAt = now + retryWait;
                LOG.debug("GEMM: the {} Vector API kernel still allocates ({} bytes for {} multiply-adds); trying it "
                        + "again in {} s", kernel, bytes, fmas, retryWait / 1_000_000_000L);
                return;
            }
            if (boxed++ == 0) {
                boxedSince = now;
            }
            if (boxed >= STREAK && now - boxedSince >= streakNanos) {
                use = false;
                retryAt = now + retryWait;
                String message = "GEMM: the {} Vector API kernel allocated {} bytes for {} multiply-adds, as it does "
                        + "when the JIT leaves it unvectorised ({} products in a row over {} ms; seen on JDK 17 after "
                        + "other Vector API code ran: Note [The Vector API on JDK 17] in Gemm); using plain Java, "
                        + "trying it again from time to time";
                Object[] args = {kernel, bytes, fmas, boxed, (now - boxedSince) / 1_000_000};
                if (warned) {
                    LOG.debug(message, args);
                } else {
                    LOG.warn(message, args);
                    warned = true;
                }
            }
        }
    }

    private synchronized void clean(long bytes, long fmas) {
        boxed = 0;
        if (!use) {
            use = true;
            retryWait = firstRetryNanos;
            LOG.info("GEMM: the {} Vector API kernel runs vectorised again ({} bytes for {} multiply-adds); using it",
                    kernel, bytes, fmas);
        }
    }

    /** Whether the kernel is in use now (for tests and logs). */
    boolean inUse() {
        return use;
    }

    /** Whether this runtime counts each thread's allocations (else nothing is watched). */
    static boolean canWatch() {
        return Allocations.MX != null;
    }

    /**
     * The per-thread allocation counter, or null where the runtime lacks it (a runtime image without
     * {@code jdk.management}, or a JVM that does not count): then nothing is watched.
     */
    private static final class Allocations {
        static final com.sun.management.ThreadMXBean MX = find();

        private static com.sun.management.ThreadMXBean find() {
            try {
                if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
                        && mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled()) {
                    return mx;
                }
            } catch (LinkageError | RuntimeException e) {
                LOG.debug("GEMM: no per-thread allocation counter ({}); the Vector API kernels are not watched",
                        e.toString());
                return null;
            }
            LOG.debug("GEMM: no per-thread allocation counter; the Vector API kernels are not watched");
            return null;
        }
    }
}
