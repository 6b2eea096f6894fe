package dev.autograd4j.cpu;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

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
        if (!Team.INSTANCE.tryRun(n, chunks, body)) {
            forkJoin(n, chunks, body); // the team is busy: another caller's op, or a chunk's own parallel loop
        }
    }

    /** The chunks of one parallel loop on the shared fork-join pool, for a caller that finds the team busy. */
    private static void forkJoin(long n, int chunks, LongRange body) {
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
        rethrow(failure);
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error err) {
            throw err;
        }
    }

    /**
     * Note [A team that waits by spinning]: a parallel loop is handed to a team of long-lived workers that, after a
     * loop, spin for {@link #SPIN_NANOS} before they sleep, and the caller spins while it waits for them, as
     * OpenMP's threads do under PyTorch. A fork-join pool's worker sleeps as soon as it finds no work, and waking a
     * sleeping thread is slow on a virtual machine: on a 2-vCPU VM, one empty parallel loop on the fork-join pool
     * took 31 us back to back and 140 us with 1 ms of serial work between loops (the worker had gone to sleep);
     * a float32 sum of 4M elements (16 MB, about 130 us of reading) ran at 75-81 GB/s on 2 threads against 66 on
     * one. The team serves one loop at a time; a caller that finds it busy (another thread's op, or a chunk that
     * runs a parallel loop of its own) uses the fork-join pool as before, so no caller waits for another.
     */
    static final long SPIN_NANOS = Long.getLong("autograd4j.cpu.spinMicros", 500) * 1000;

    /** One parallel loop: its range, chunks, body, and how many of the workers' chunks are still running. */
    private static final class Job {
        final long n;
        final int chunks;
        final LongRange body;
        final Thread caller = Thread.currentThread();
        final AtomicInteger pending;
        volatile boolean callerAsleep;
        volatile Throwable failure;

        Job(long n, int chunks, LongRange body) {
            this.n = n;
            this.chunks = chunks;
            this.body = body;
            this.pending = new AtomicInteger(chunks - 1);
        }

        void fail(Throwable e) {
            synchronized (this) {
                if (failure == null) {
                    failure = e;
                }
            }
        }

        /** A worker's chunk is done: the last one wakes the caller if it went to sleep. */
        void done() {
            if (pending.decrementAndGet() == 0 && callerAsleep) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** The workers of Note [A team that waits by spinning], and the job they run. */
    private static final class Team {
        static final Team INSTANCE = new Team();

        private final AtomicBoolean busy = new AtomicBoolean();
        /** The current job; a worker runs chunk {@code index + 1} of each job it has not seen. */
        private volatile Job job;
        private TeamWorker[] workers = new TeamWorker[0];

        /** Runs the loop on the team and returns true, or returns false at once if the team is busy. */
        boolean tryRun(long n, int chunks, LongRange body) {
            if (!busy.compareAndSet(false, true)) {
                return false;
            }
            try {
                if (workers.length < chunks - 1) {
                    grow(chunks - 1);
                }
                Job j = new Job(n, chunks, body);
                job = j; // publishes the job: each worker reads this field after its spin sees a new one
                for (int w = 0; w < chunks - 1; w++) {
                    TeamWorker worker = workers[w];
                    if (worker.asleep) {
                        LockSupport.unpark(worker);
                    }
                }
                try {
                    body.run(0, bound(n, 1, chunks));
                } catch (RuntimeException | Error e) {
                    j.fail(e);
                }
                await(j);
                rethrow(j.failure);
                return true;
            } finally {
                busy.set(false);
            }
        }

        /** Waits until every worker's chunk of {@code j} is done: spins first, then sleeps. */
        private static void await(Job j) {
            long start = System.nanoTime();
            while (j.pending.get() > 0) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    j.callerAsleep = true; // then the pending count is read again: the last worker sees this
                    boolean interrupted = false;
                    while (j.pending.get() > 0) {
                        LockSupport.park(j);
                        interrupted |= Thread.interrupted(); // park returns at once while interrupted
                    }
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }

        /** Starts workers up to {@code size}; if a start fails, the team keeps the ones that run. */
        private void grow(int size) {
            TeamWorker[] bigger = java.util.Arrays.copyOf(workers, size);
            int have = workers.length;
            try {
                for (; have < size; have++) {
                    TeamWorker w = new TeamWorker(this, have + 1, job);
                    w.start();
                    bigger[have] = w;
                }
            } finally {
                workers = java.util.Arrays.copyOf(bigger, have);
            }
        }

        /** A team worker: runs its chunk of each new job, then spins, then sleeps until the next. */
        private static final class TeamWorker extends Thread {
            private final Team team;
            private final int chunk;
            private Job seen;
            volatile boolean asleep;

            TeamWorker(Team team, int chunk, Job current) {
                super(group(), null, "autograd4j-cpu-team-" + chunk);
                this.team = team;
                this.chunk = chunk;
                this.seen = current; // a job that started before this worker existed is not its to run
                setDaemon(true);
            }

            @Override
            public void run() {
                while (true) {
                    Job j = next();
                    if (chunk < j.chunks) {
                        try {
                            j.body.run(bound(j.n, chunk, j.chunks), bound(j.n, chunk + 1, j.chunks));
                        } catch (Throwable e) {
                            j.fail(e);
                        }
                        j.done();
                    }
                }
            }

            /** The next job this worker has not seen: spins for SPIN_NANOS, then sleeps until the caller wakes it. */
            private Job next() {
                long start = System.nanoTime();
                while (true) {
                    Job j = team.job;
                    if (j != seen) {
                        seen = j;
                        return j;
                    }
                    if (System.nanoTime() - start < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        asleep = true; // then the job is read again: a caller that publishes after this sees it
                        if (team.job == seen) {
                            LockSupport.park(this);
                        }
                        asleep = false;
                        Thread.interrupted(); // an interrupt must not turn the sleep into a busy loop
                        start = System.nanoTime();
                    }
                }
            }
        }
    }

    /** Where chunk {@code c} of {@code chunks} starts: {@code n * c / chunks}, without overflowing for any long n. */
    private static long bound(long n, int c, int chunks) {
        return n / chunks * c + n % chunks * c / chunks;
    }

    /** The library's thread group, under the JVM's root group (Note [Worker threads belong to no caller]). */
    private static ThreadGroup group() {
        return Group.INSTANCE;
    }

    /** Holds the group, made when first asked for (the JVM runs this initialiser once, on any thread). */
    private static final class Group {
        static final ThreadGroup INSTANCE = make();

        private static ThreadGroup make() {
            ThreadGroup root = Thread.currentThread().getThreadGroup();
            while (root.getParent() != null) {
                root = root.getParent();
            }
            return new ThreadGroup(root, "autograd4j-cpu");
        }
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    ThreadGroup group = group();
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
