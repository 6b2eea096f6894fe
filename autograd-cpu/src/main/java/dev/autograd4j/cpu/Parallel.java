package dev.autograd4j.cpu;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
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
 * to 15 seconds, and a pool's worker does not end when interrupted) then has none of ours to wait for. Java 17's
 * ForkJoinWorkerThread takes the group of the thread that constructs it, so a worker the pool asks for from another
 * group is constructed by a spawner thread that lives in ours (the pool asks rarely: once per worker it starts).
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
    private static volatile ForkJoinPool pool;

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
        if (chunks <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        ForkJoinPool p = pool();
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[chunks - 1];
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
        for (ForkJoinTask<?> task : tasks) {
            try {
                task.join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error err) {
            throw err;
        }
    }

    /** Where chunk {@code c} of {@code chunks} starts: {@code n * c / chunks}, without overflowing for any long n. */
    private static long bound(long n, int c, int chunks) {
        return n / chunks * c + n % chunks * c / chunks;
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    ThreadGroup root = Thread.currentThread().getThreadGroup();
                    while (root.getParent() != null) {
                        root = root.getParent();
                    }
                    ThreadGroup group = new ThreadGroup(root, "autograd4j-cpu");
                    ExecutorService spawner = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(group, r, "autograd4j-cpu-spawner");
                        t.setDaemon(true);
                        return t;
                    });
                    AtomicInteger ids = new AtomicInteger();
                    // Daemon workers, so the pool never keeps a JVM alive; sized for the machine, since the
                    // thread count can be raised later and idle workers cost nothing.
                    p = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()), fjp -> {
                        ForkJoinWorkerThread w = Thread.currentThread().getThreadGroup() == group ? new Worker(fjp)
                                : spawn(spawner, fjp);
                        w.setName("autograd4j-cpu-" + ids.incrementAndGet());
                        w.setDaemon(true);
                        return w;
                    }, null, false);
                    pool = p;
                }
            }
        }
        return p;
    }

    /** A worker constructed on the spawner's thread, so it joins the spawner's group. */
    private static ForkJoinWorkerThread spawn(ExecutorService spawner, ForkJoinPool pool) {
        boolean interrupted = false;
        try {
            var made = spawner.submit(() -> new Worker(pool));
            while (true) {
                try {
                    return made.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("[cpu] cannot start a pool worker", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A pool worker; Java 17 gives it the group of the thread that constructs it. */
    private static final class Worker extends ForkJoinWorkerThread {
        Worker(ForkJoinPool pool) {
            super(pool);
        }
    }
}
