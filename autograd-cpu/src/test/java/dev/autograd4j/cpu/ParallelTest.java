package dev.autograd4j.cpu;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parallel loop (Note [A team that waits by spinning] in {@link Parallel}): every index runs exactly once, in
 * contiguous chunks, whether the team runs the loop or a busy team sends it to the fork-join pool; a chunk's failure
 * reaches the caller after every chunk has finished; loops inside loops and loops from many threads at once finish.
 */
@Timeout(120) // a lost wake-up would hang, not fail
class ParallelTest {
    private int before;

    @BeforeEach
    void fourThreads() {
        before = Parallel.threads();
        Parallel.setThreads(4);
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    /** Runs a loop over [0, n) that counts each index it is given, and checks that each ran once. */
    private static void coversEachIndexOnce(long n, long grain) {
        AtomicLongArray hits = new AtomicLongArray((int) n);
        ConcurrentLinkedQueue<long[]> chunks = new ConcurrentLinkedQueue<>();
        Parallel.forLongRange(n, grain, (s, e) -> {
            chunks.add(new long[] {s, e});
            for (long i = s; i < e; i++) {
                hits.incrementAndGet((int) i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i), "index " + i + " of " + n);
        }
        long expected = Math.min(4, Math.max(1, n / grain));
        assertEquals(n == 0 ? 0 : expected, chunks.size(), "chunks of " + n + " with grain " + grain);
    }

    @Test
    void everyIndexRunsOnceInAtMostThreadsChunks() {
        for (long n : new long[] {0, 1, 2, 3, 4, 5, 7, 64, 1000, 4097}) {
            for (long grain : new long[] {1, 2, 16, 1000}) {
                coversEachIndexOnce(n, grain);
            }
        }
    }

    @Test
    void theThreadCountCanChangeBetweenLoops() {
        for (int t : new int[] {2, 4, 3, 1, 4}) {
            Parallel.setThreads(t);
            AtomicLong sum = new AtomicLong();
            Parallel.forRange(1000, 1, (s, e) -> {
                for (int i = s; i < e; i++) {
                    sum.addAndGet(i);
                }
            });
            assertEquals(999L * 1000 / 2, sum.get(), t + " threads");
        }
    }

    @Test
    void aChunkFailureReachesTheCallerAfterEveryChunkHasFinished() {
        for (int round = 0; round < 50; round++) {
            AtomicLong finished = new AtomicLong();
            int failing = round % 4; // the caller's own chunk, then each worker's
            IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                    Parallel.forRange(4, 1, (s, end) -> {
                        if (s == failing) {
                            throw new IllegalStateException("chunk " + s);
                        }
                        finished.incrementAndGet();
                    }));
            assertEquals("chunk " + failing, e.getMessage());
            assertEquals(3, finished.get(), "the other chunks ran to their end before the caller saw the failure");
        }
        coversEachIndexOnce(1000, 1); // and the team still works
    }

    @Test
    void anErrorIsRethrownAsItself() {
        AssertionError thrown = new AssertionError("from a worker");
        AssertionError e = assertThrows(AssertionError.class, () -> Parallel.forRange(4, 1, (s, end) -> {
            if (s == 3) {
                throw thrown;
            }
        }));
        assertSame(thrown, e);
    }

    @Test
    void aLoopInsideALoopFinishes() {
        AtomicLong sum = new AtomicLong();
        Parallel.forRange(4, 1, (s, e) -> Parallel.forRange(100, 1, (s2, e2) -> {
            for (int i = s2; i < e2; i++) {
                sum.addAndGet(i);
            }
        }));
        assertEquals(4 * 99L * 100 / 2, sum.get());
    }

    @Test
    void loopsFromManyThreadsAtOnceAllFinishWithTheirOwnResults() throws InterruptedException {
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int c = 0; c < callers; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < 300; round++) {
                        int n = 100 + id * 10 + round % 7;
                        AtomicLong sum = new AtomicLong();
                        Parallel.forRange(n, 1, (s, e) -> {
                            for (int i = s; i < e; i++) {
                                sum.addAndGet(i + id);
                            }
                        });
                        assertEquals((long) n * (n - 1) / 2 + (long) n * id, sum.get(), "caller " + id);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(60_000);
            assertTrue(!t.isAlive(), "a caller did not finish within a minute");
        }
        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
    }

    @Test
    void anInterruptedCallerStillWaitsForEveryChunkAndKeepsItsInterrupt() {
        AtomicLong finished = new AtomicLong();
        Thread.currentThread().interrupt();
        try {
            Parallel.forRange(4, 1, (s, e) -> {
                if (s != 0) {
                    long until = System.nanoTime() + 20_000_000; // longer than the caller's spin
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
                finished.incrementAndGet();
            });
            assertEquals(4, finished.get());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
