package dev.autograd4j.cuda;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Device memory for storages, cached as PyTorch's CUDA caching allocator does ({@code c10/cuda/CUDACachingAllocator})
 * so that a training loop, which frees and allocates the same sizes every step, stops calling {@code cuMemAlloc}
 * (slow, and synchronising) once the cache is warm.
 *
 * <p>Note [Caching allocator]: requests are rounded up to 512 bytes. Requests of at most 1 MiB come from the small
 * pool, whose segments (memory from the driver) are 2 MiB; larger ones from the large pool, whose segments are
 * 20 MiB for requests under 10 MiB and the request rounded up to 2 MiB otherwise. A request takes the smallest
 * cached block of its pool that fits (best fit), and splits off the rest when the rest is at least 512 bytes (small
 * pool) or more than 1 MiB (large pool), so that a small request does not pin a large block. A freed block merges
 * with free neighbours of its segment. Only whole free segments go back to the driver: on {@link #releaseCached()}
 * ({@code torch.cuda.empty_cache()}) and when the driver is out of memory.
 *
 * <p>Every kernel runs on the device's one stream, in order, so a block may be reused as soon as it is freed, even
 * while kernels that read it are still queued: they run before anything the next owner queues.
 *
 * <p>When the driver has no memory for a new segment: the cached segments are freed and the request retried; then
 * the garbage collector runs, and the allocator waits briefly for the storages it found unreachable to come back
 * through the Cleaner (their tensors were never closed); then it retries once more and only then throws
 * {@link CudaOutOfMemoryException}. Thread-safe: the Cleaner's thread frees blocks while others allocate.
 */
final class CachingAllocator {
    static final long ROUND = 512;
    static final long SMALL_REQUEST = 1L << 20;
    static final long SMALL_SEGMENT = 2L << 20;
    static final long MEDIUM_REQUEST = 10L << 20;
    static final long MEDIUM_SEGMENT = 20L << 20;
    static final long LARGE_ROUND = 2L << 20;
    /** Once storages start coming back from the Cleaner, this long without one means it is done. */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** The block of a zero-byte request: no memory, address 0 (PyTorch returns a null pointer too). */
    static final Block EMPTY = new Block(true, 0, 0);

    private static final Comparator<Block> BEST_FIT =
            Comparator.<Block>comparingLong(b -> b.size).thenComparingLong(b -> b.address);

    private final String device;
    private final DeviceMemory memory;
    private final long cleanerWaitNanos;
    private final TreeSet<Block> smallPool = new TreeSet<>(BEST_FIT);
    private final TreeSet<Block> largePool = new TreeSet<>(BEST_FIT);
    private long allocated;
    private long reserved;
    private long peakAllocated;
    private long deviceAllocs;
    private long deviceFrees;
    private long blockFrees;

    /**
     * @param device           the device's name, for messages
     * @param cleanerWaitNanos how long an allocation that found no memory waits, at most, for the Cleaner to return
     *                         the blocks of unreachable storages
     */
    CachingAllocator(String device, DeviceMemory memory, long cleanerWaitNanos) {
        this.device = device;
        this.memory = memory;
        this.cleanerWaitNanos = cleanerWaitNanos;
    }

    CachingAllocator(String device, DeviceMemory memory) {
        this(device, memory, TimeUnit.MILLISECONDS.toNanos(500));
    }

    /** A piece of a segment: free and cached, or allocated to one owner. */
    static final class Block {
        private final boolean small;
        private final long address;
        private long size;
        private boolean allocated;
        private Block prev;
        private Block next;

        private Block(boolean small, long address, long size) {
            this.small = small;
            this.address = address;
            this.size = size;
        }

        long address() {
            return address;
        }

        long size() {
            return size;
        }
    }

    /** A block of at least {@code bytes} bytes (rounded up to 512); {@link #EMPTY} for none. */
    Block allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("[allocate] cannot allocate " + bytes + " bytes");
        }
        if (bytes == 0) {
            return EMPTY;
        }
        long size = roundUp(bytes, ROUND);
        boolean small = size <= SMALL_REQUEST;
        synchronized (this) {
            Block b = takeCached(small, size);
            if (b == null) {
                b = newSegment(small, size, bytes);
            }
            split(b, size);
            b.allocated = true;
            allocated += b.size;
            peakAllocated = Math.max(peakAllocated, allocated);
            return b;
        }
    }

    /** Returns a block to its pool; it must not be used again (a second free is an error). */
    void free(Block b) {
        if (b == EMPTY) {
            return;
        }
        synchronized (this) {
            if (!b.allocated) {
                throw new IllegalStateException("[free] the block at 0x" + Long.toHexString(b.address) + " on "
                        + device + " was freed twice");
            }
            b.allocated = false;
            allocated -= b.size;
            blockFrees++;
            TreeSet<Block> pool = pool(b.small);
            Block p = b.prev;
            if (p != null && !p.allocated) {
                pool.remove(p); // before its size changes: the pool is ordered by size
                p.size += b.size;
                unlink(b);
                b = p;
            }
            Block n = b.next;
            if (n != null && !n.allocated) {
                pool.remove(n);
                b.size += n.size;
                unlink(n);
            }
            pool.add(b);
            notifyAll(); // an allocation may be waiting for the Cleaner (see newSegment)
        }
    }

    /**
     * Returns every cached segment that no block of is allocated to the driver ({@code torch.cuda.empty_cache()}).
     * Waits for queued work first.
     */
    synchronized void releaseCached() {
        List<Block> whole = new ArrayList<>();
        for (TreeSet<Block> pool : List.of(smallPool, largePool)) {
            for (Block b : pool) {
                if (b.prev == null && b.next == null) {
                    whole.add(b);
                }
            }
        }
        if (whole.isEmpty()) {
            return;
        }
        memory.synchronize();
        for (Block b : whole) {
            pool(b.small).remove(b);
            memory.free(b.address);
            reserved -= b.size;
            deviceFrees++;
        }
    }

    synchronized MemoryStats stats() {
        return new MemoryStats(allocated, reserved, peakAllocated, deviceAllocs, deviceFrees);
    }

    /** Starts the peak over from what is allocated now ({@code torch.cuda.reset_peak_memory_stats()}). */
    synchronized void resetPeak() {
        peakAllocated = allocated;
    }

    // ------------------------------------------------------------------------------------------------------------

    private TreeSet<Block> pool(boolean small) {
        return small ? smallPool : largePool;
    }

    /** The smallest cached block of the pool with at least {@code size} bytes, taken out of the pool; or null. */
    private Block takeCached(boolean small, long size) {
        Block b = pool(small).ceiling(new Block(small, 0, size));
        if (b != null) {
            pool(small).remove(b);
        }
        return b;
    }

    /** Leaves the first {@code size} bytes in {@code b} and caches the rest as a block of its own, if worth it. */
    private void split(Block b, long size) {
        long rest = b.size - size;
        if (b.small ? rest < ROUND : rest <= SMALL_REQUEST) {
            return;
        }
        Block r = new Block(b.small, b.address + size, rest);
        r.prev = b;
        r.next = b.next;
        if (b.next != null) {
            b.next.prev = r;
        }
        b.next = r;
        b.size = size;
        pool(b.small).add(r);
    }

    /** Removes {@code b}, which was merged into its neighbour, from its segment's list. */
    private static void unlink(Block b) {
        if (b.prev != null) {
            b.prev.next = b.next;
        }
        if (b.next != null) {
            b.next.prev = b.prev;
        }
    }

    private Block newSegment(boolean small, long size, long requested) {
        long segment = small ? SMALL_SEGMENT : size < MEDIUM_REQUEST ? MEDIUM_SEGMENT : roundUp(size, LARGE_ROUND);
        long address = memory.malloc(segment);
        if (address == 0) {
            releaseCached();
            address = memory.malloc(segment);
        }
        if (address == 0) {
            Block b = awaitCleaner(small, size);
            if (b != null) {
                return b;
            }
            releaseCached();
            address = memory.malloc(segment);
            if (address == 0 && segment > size) {
                segment = size; // the device may still hold the request itself, if not a whole segment
                address = memory.malloc(segment);
            }
        }
        if (address == 0) {
            throw outOfMemory(requested);
        }
        deviceAllocs++;
        reserved += segment;
        return new Block(small, address, segment);
    }

    /**
     * Runs the garbage collector and waits for the Cleaner to free the storages it found unreachable, until a
     * cached block fits (returned, taken out of its pool), the frees stop coming, or the wait times out (null).
     */
    private Block awaitCleaner(boolean small, long size) {
        long before = blockFrees;
        System.gc();
        long deadline = System.nanoTime() + cleanerWaitNanos;
        while (true) {
            Block b = takeCached(small, size);
            if (b != null) {
                return b;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            long seen = blockFrees;
            try {
                long wait = Math.min(left, QUIET_NANOS);
                wait(TimeUnit.NANOSECONDS.toMillis(wait), (int) (wait % 1_000_000)); // releases the lock for free()
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (blockFrees == seen && blockFrees != before) {
                return takeCached(small, size); // storages came back and stopped coming: the queue is drained
            }
        }
    }

    private CudaOutOfMemoryException outOfMemory(long requested) {
        String free;
        try {
            free = bytes(memory.freeBytes());
        } catch (RuntimeException e) {
            free = "an unknown amount (" + e.getMessage() + ")";
        }
        return new CudaOutOfMemoryException("[allocate] CUDA out of memory on " + device + ": tried to allocate "
                + bytes(requested) + "; " + bytes(allocated) + " is allocated by storages, " + bytes(reserved)
                + " reserved by the caching allocator, " + free + " free on the device");
    }

    static long roundUp(long n, long unit) {
        return Math.addExact(n, unit - 1) / unit * unit;
    }

    /** PyTorch's way of printing sizes: {@code 512 bytes}, {@code 2.00 MiB}, {@code 1.50 GiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }
}
