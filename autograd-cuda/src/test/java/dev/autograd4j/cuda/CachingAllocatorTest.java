package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caching allocator's bookkeeping over a fake device memory (see Note [Caching allocator]). */
class CachingAllocatorTest {
    private static final long KiB = 1 << 10;
    private static final long MiB = 1 << 20;

    private static CachingAllocator allocator(FakeMemory memory) {
        return new CachingAllocator("cuda:0", memory, TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void smallRequestsRoundTo512AndShareATwoMiBSegment() {
        FakeMemory memory = new FakeMemory(1L << 40);
        CachingAllocator a = allocator(memory);
        CachingAllocator.Block x = a.allocate(1);
        CachingAllocator.Block y = a.allocate(513);
        assertEquals(512, x.size());
        assertEquals(1024, y.size());
        assertEquals(x.address() + 512, y.address(), "the second block is carved from the rest of the segment");
        assertEquals(List.of("malloc " + 2 * MiB), memory.calls);
        assertEquals(new MemoryStats(1536, 2 * MiB, 1536, 1, 0), a.stats());
        // 1 MiB exactly is still small: it fits in the segment's rest, the next one does not
        assertEquals(y.address() + 1024, a.allocate(MiB).address());
        a.allocate(MiB);
        assertEquals(List.of("malloc " + 2 * MiB, "malloc " + 2 * MiB), memory.calls);
    }

    @Test
    void largeRequestsGetTwentyMiBSegmentsUnderTenMiBAndTheirSizeInTwoMiBStepsAbove() {
        FakeMemory memory = new FakeMemory(1L << 40);
        allocator(memory).allocate(MiB + 1);
        allocator(memory).allocate(10 * MiB - 512);
        allocator(memory).allocate(10 * MiB);
        allocator(memory).allocate(11 * MiB + 1);
        assertEquals(List.of("malloc " + 20 * MiB, "malloc " + 20 * MiB, "malloc " + 10 * MiB, "malloc " + 12 * MiB),
                memory.calls);
    }

    @Test
    void aRequestTakesTheSmallestCachedBlockThatFits() {
        CachingAllocator a = allocator(new FakeMemory(1L << 40));
        // [x 1K][512][y 4K][512][z 2K][512][rest]: the 512-byte blocks stay allocated so that x, y, z cannot merge
        CachingAllocator.Block x = a.allocate(KiB);
        a.allocate(512);
        CachingAllocator.Block y = a.allocate(4 * KiB);
        a.allocate(512);
        CachingAllocator.Block z = a.allocate(2 * KiB);
        a.allocate(512);
        a.free(x);
        a.free(y);
        a.free(z);
        CachingAllocator.Block b = a.allocate(1500); // 1536: z (2K) fits best, and keeps 512 as a block of its own
        assertEquals(z.address(), b.address());
        assertEquals(1536, b.size());
        CachingAllocator.Block c = a.allocate(3000); // 3072: y (4K)
        assertEquals(y.address(), c.address());
        CachingAllocator.Block d = a.allocate(512); // the 512 split off z is the best fit now
        assertEquals(z.address() + 1536, d.address());
    }

    @Test
    void freedNeighboursMergeAndOnlyWholeSegmentsGoBackToTheDriver() {
        FakeMemory memory = new FakeMemory(1L << 40);
        CachingAllocator a = allocator(memory);
        // One 2 MiB segment: [x 512][y 512][z 1 MiB][rest, cached]
        CachingAllocator.Block x = a.allocate(512);
        CachingAllocator.Block y = a.allocate(512);
        CachingAllocator.Block z = a.allocate(MiB);
        assertEquals(1, memory.segments());
        a.free(x);
        a.free(z); // merges with the rest after it
        a.releaseCached(); // y still lives in the segment: nothing to return
        assertEquals(List.of("malloc " + 2 * MiB), memory.calls);
        a.free(y); // merges with x before and z after: the segment is whole again
        CachingAllocator.Block whole = a.allocate(MiB);
        assertEquals(x.address(), whole.address(), "x, y, z and the rest merged back into one block");
        assertEquals(new MemoryStats(MiB, 2 * MiB, MiB + 1024, 1, 0), a.stats());
        a.free(whole);
        a.releaseCached();
        assertEquals(List.of("malloc " + 2 * MiB, "synchronize", "free " + 2 * MiB), memory.calls);
    }

    @Test
    void emptyCacheWaitsForTheStreamThenFreesEveryWholeSegment() {
        FakeMemory memory = new FakeMemory(1L << 40);
        CachingAllocator a = allocator(memory);
        CachingAllocator.Block small = a.allocate(100);
        CachingAllocator.Block large = a.allocate(5 * MiB);
        CachingAllocator.Block kept = a.allocate(30 * MiB);
        a.free(small);
        a.free(large);
        a.releaseCached();
        assertEquals(List.of("malloc " + 2 * MiB, "malloc " + 20 * MiB, "malloc " + 30 * MiB, "synchronize",
                "free " + 2 * MiB, "free " + 20 * MiB), memory.calls);
        assertEquals(new MemoryStats(30 * MiB, 30 * MiB, 512 + 5 * MiB + 30 * MiB, 3, 2), a.stats());
        a.releaseCached(); // nothing whole and free: no call at all, not even the wait
        assertEquals(6, memory.calls.size());
        a.free(kept);
    }

    @Test
    void aSteadyLoopStopsCallingTheDriverOnceTheCacheIsWarm() {
        FakeMemory memory = new FakeMemory(1L << 40);
        CachingAllocator a = allocator(memory);
        long[] sizes = {1000, 300_000, 5 * MiB, 30 * MiB, 4, 7 * MiB};
        long allocsAfterFirstStep = -1;
        for (int step = 0; step < 100; step++) {
            List<CachingAllocator.Block> blocks = new ArrayList<>();
            for (long size : sizes) {
                blocks.add(a.allocate(size));
            }
            // free in another order each step, as a graph does
            for (int i = 0; i < blocks.size(); i++) {
                a.free(blocks.get((i + step) % blocks.size()));
            }
            if (step == 0) {
                allocsAfterFirstStep = a.stats().deviceAllocs();
            }
        }
        assertEquals(allocsAfterFirstStep, a.stats().deviceAllocs(), "no cuMemAlloc after the first step");
        assertEquals(0, a.stats().allocatedBytes());
        assertEquals(0, a.stats().deviceFrees());
    }

    @Test
    void statsCountAllocatedReservedAndPeak() {
        CachingAllocator a = allocator(new FakeMemory(1L << 40));
        CachingAllocator.Block x = a.allocate(1000);
        CachingAllocator.Block y = a.allocate(3000);
        assertEquals(new MemoryStats(1024 + 3072, 2 * MiB, 4096, 1, 0), a.stats());
        a.free(y);
        assertEquals(new MemoryStats(1024, 2 * MiB, 4096, 1, 0), a.stats());
        a.resetPeak();
        assertEquals(1024, a.stats().peakAllocatedBytes());
        a.free(x);
        assertEquals(0, a.stats().allocatedBytes());
        assertEquals(1024, a.stats().peakAllocatedBytes());
    }

    @Test
    void largePoolKeepsARestOfAtMostOneMiBInTheBlock() {
        CachingAllocator a = allocator(new FakeMemory(1L << 40));
        a.free(a.allocate(12 * MiB)); // a 12 MiB segment, cached
        CachingAllocator.Block b = a.allocate(11 * MiB + 512 * KiB);
        assertEquals(12 * MiB, b.size(), "a rest of 512 KiB is not worth a block of its own in the large pool");
        assertEquals(12 * MiB, a.stats().allocatedBytes());
    }

    @Test
    void zeroBytesNeedNoMemoryAndADoubleFreeIsAnError() {
        FakeMemory memory = new FakeMemory(1L << 40);
        CachingAllocator a = allocator(memory);
        CachingAllocator.Block none = a.allocate(0);
        assertSame(CachingAllocator.EMPTY, none);
        assertEquals(0, none.address());
        a.free(none);
        assertTrue(memory.calls.isEmpty());
        CachingAllocator.Block b = a.allocate(64);
        a.free(b);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.free(b));
        assertTrue(e.getMessage().startsWith("[free] the block at 0x"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.allocate(-1));
    }

    @Test
    void outOfMemoryFreesTheCacheAndRetriesFirst() {
        FakeMemory memory = new FakeMemory(24 * MiB);
        CachingAllocator a = allocator(memory);
        a.free(a.allocate(5 * MiB)); // 20 MiB cached
        CachingAllocator.Block b = a.allocate(21 * MiB); // 22 MiB: only after the cached 20 MiB is returned
        assertEquals(22 * MiB, b.size());
        assertEquals(List.of("malloc " + 20 * MiB, "malloc " + 22 * MiB + " failed", "synchronize",
                "free " + 20 * MiB, "malloc " + 22 * MiB), memory.calls);
        assertEquals(new MemoryStats(22 * MiB, 22 * MiB, 22 * MiB, 2, 1), a.stats());
    }

    @Test
    void outOfMemorySaysWhatWasAskedAllocatedReservedAndFree() {
        FakeMemory memory = new FakeMemory(4 * MiB);
        CachingAllocator a = allocator(memory);
        // No 20 MiB segment fits, but the request itself does
        CachingAllocator.Block b = a.allocate(3 * MiB);
        assertEquals(3 * MiB, b.size());
        CudaOutOfMemoryException e = assertThrows(CudaOutOfMemoryException.class, () -> a.allocate(2 * MiB));
        assertEquals("[allocate] CUDA out of memory on cuda:0: tried to allocate 2.00 MiB; 3.00 MiB is allocated by"
                + " storages, 3.00 MiB reserved by the caching allocator, 1.00 MiB free on the device", e.getMessage());
        assertEquals(3 * MiB, a.stats().allocatedBytes(), "a failed allocation changes nothing");
    }

    @Test
    void outOfMemoryWaitsForTheCleanerToFreeUnreachableStorages() {
        FakeMemory memory = new FakeMemory(24 * MiB);
        CachingAllocator a = new CachingAllocator("cuda:0", memory, TimeUnit.SECONDS.toNanos(10));
        leak(a); // a 16 MiB storage nobody closed or references
        CachingAllocator.Block b = a.allocate(16 * MiB); // only fits once the Cleaner returned the leaked block
        assertEquals(16 * MiB, b.size());
        assertEquals(1, a.stats().deviceAllocs(), "the leaked storage's block was reused");
    }

    private static void leak(CachingAllocator a) {
        CudaStorage s = CudaStorage.allocate(a, Device.cuda(0), DType.FLOAT32, 4 * MiB);
        assertEquals(16 * MiB, s.bytes);
    }

    @Test
    void threadsAllocateAndFreeConcurrentlyWithoutOverlappingBlocks() throws Exception {
        CachingAllocator a = allocator(new FakeMemory(1L << 40));
        TreeMap<Long, Long> live = new TreeMap<>(); // address -> end of every allocated block
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            long seed = t;
            done.add(pool.submit(() -> {
                Random r = new Random(seed);
                List<CachingAllocator.Block> mine = new ArrayList<>();
                for (int i = 0; i < 3000; i++) {
                    if (mine.size() < 8 && r.nextBoolean()) {
                        long size = r.nextInt(4) == 0 ? 1 + r.nextInt(12 << 20) : 1 + r.nextInt(64 << 10);
                        CachingAllocator.Block b = a.allocate(size);
                        synchronized (live) {
                            Map.Entry<Long, Long> before = live.floorEntry(b.address());
                            Long after = live.ceilingKey(b.address());
                            assertTrue(before == null || before.getValue() <= b.address(), "overlaps the block before");
                            assertTrue(after == null || after >= b.address() + b.size(), "overlaps the block after");
                            live.put(b.address(), b.address() + b.size());
                        }
                        mine.add(b);
                    } else if (!mine.isEmpty()) {
                        CachingAllocator.Block b = mine.remove(r.nextInt(mine.size()));
                        synchronized (live) {
                            live.remove(b.address());
                        }
                        a.free(b);
                    }
                }
                mine.forEach(b -> {
                    synchronized (live) {
                        live.remove(b.address());
                    }
                    a.free(b);
                });
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(0, a.stats().allocatedBytes());
    }

    @Test
    void sizesPrintAsPyTorchPrintsThem() {
        assertEquals("512 bytes", CachingAllocator.bytes(512));
        assertEquals("2.00 MiB", CachingAllocator.bytes(2 * MiB));
        assertEquals("1.50 GiB", CachingAllocator.bytes(3L << 29));
    }
}
