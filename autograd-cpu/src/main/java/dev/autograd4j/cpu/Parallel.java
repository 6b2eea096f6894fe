package dev.autograd4j.cpu;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CPU backend's intra-op thread pool, like PyTorch's {@code set_num_threads}. Work is split into at most
 * {@link #threads()} contiguous chunks; the calling thread runs the first chunk itself, so a one-thread setting
 * never touches the pool. Small work (fewer than {@code grain} items per chunk) runs inline: a fork costs
 * microseconds, which would dominate tiny tensors.
 *
 * <p>Note [Worker threads belong to no caller]: the workers are daemon threads in a thread group of their own, made
 * under the JVM's root group, not in the group of whichever thread first ran a parallel kernel. A host that waits
 * for the threads of its group when a program ends (Maven's {@code exec:java} interrupts them and joins each for up
 * to 15 seconds, since interrupting a pool's worker does not end it) then has none of ours to wait for. A kernel
 * that runs on a worker (nested parallelism) runs its chunks inline rather than waiting on its own pool.
 */
final class Parallel {
    /** A body that handles items {@code [start, end)}. */
    @FunctionalInterface
    interface Range {
        void run(int start, int end);
    }

    /** A body over a count that may pass 2^31 (the elements of a broadcast view, say). */
    @FunctionalInterface
    interface LongRange {
        void run(long start, long end);
    }

    private static volatile int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static volatile ThreadPoolExecutor pool;

    private Parallel() {
    }

    static int threads() {
        return threads;
    }

    static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("[set_num_threads] the thread count must be at least 1 but got " + n);
        }
        threads = n;
    }

    /** Runs {@code body} over {@code [0, n)}, in parallel where each chunk gets at least {@code grain} items. */
    static void forRange(int n, int grain, Range body) {
        forLongRange(n, grain, (s, e) -> body.run((int) s, (int) e));
    }

    /** Like {@link #forRange(int, int, Range)} for a count that may pass 2^31. */
    static void forLongRange(long n, long grain, LongRange body) {
        int t = threads;
        int chunks = (int) Math.min(t, Math.max(1L, n / Math.max(1, grain)));
        if (chunks <= 1 || onWorker()) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        ThreadPoolExecutor p = pool();
        Future<?>[] tasks = new Future<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            long start = bound(n, c, chunks), end = bound(n, c + 1, chunks);
            tasks[c - 1] = p.submit(() -> body.run(start, end));
        }
        Throwable failure = null;
        try {
            body.run(0, bound(n, 1, chunks));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> task : tasks) {
            while (true) {
                try {
                    task.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the chunks write into the caller's output: finish them, then re-assert
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error err) {
            throw err;
        } else if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Where chunk {@code c} of {@code chunks} starts: {@code n * c / chunks}, without overflowing for any long n. */
    private static long bound(long n, int c, int chunks) {
        return n / chunks * c + n % chunks * c / chunks;
    }

    /** The workers' group, under the root group (see Note [Worker threads belong to no caller]). */
    private static volatile ThreadGroup group;

    private static boolean onWorker() {
        ThreadGroup g = group;
        return g != null && Thread.currentThread().getThreadGroup() == g;
    }

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    ThreadGroup root = Thread.currentThread().getThreadGroup();
                    while (root.getParent() != null) {
                        root = root.getParent();
                    }
                    ThreadGroup workers = new ThreadGroup(root, "autograd4j-cpu");
                    AtomicInteger ids = new AtomicInteger();
                    // Sized for the machine, since the thread count can be raised later; idle workers cost nothing.
                    int size = Math.max(1, Runtime.getRuntime().availableProcessors());
                    p = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread w = new Thread(workers, r, "autograd4j-cpu-" + ids.incrementAndGet());
                        w.setDaemon(true);
                        return w;
                    });
                    // Idle workers end after a minute; the next parallel kernel starts them again.
                    p.allowCoreThreadTimeOut(true);
                    group = workers;
                    pool = p;
                }
            }
        }
        return p;
    }
}
