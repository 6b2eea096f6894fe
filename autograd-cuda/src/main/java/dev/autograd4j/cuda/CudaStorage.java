package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Storage;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A storage in device memory: a block of the device's {@link CachingAllocator}, {@link #address} being its first
 * element. Its block goes back to the allocator when the storage is released (its last tensor closed) or, failing
 * that, when the garbage collector finds it unreachable (see Note [Storage lifecycle] in {@link Storage}).
 */
final class CudaStorage extends Storage {
    /** The device address of element 0 (0 for a storage of no elements). */
    final long address;
    /** The block's size: the elements' bytes rounded up to the allocator's 512. */
    final long bytes;
    private final Free free;

    private CudaStorage(DType dtype, Device device, long numel, CachingAllocator allocator,
                        CachingAllocator.Block block) {
        super(dtype, device, numel);
        this.address = block.address();
        this.bytes = block.size();
        this.free = new Free(allocator, block);
        freeWith(free);
    }

    static CudaStorage allocate(CachingAllocator allocator, Device device, DType dtype, long numel) {
        if (numel < 0) {
            throw new IllegalArgumentException("[allocate] cannot allocate " + numel + " elements of " + dtype + " on "
                    + device);
        }
        CachingAllocator.Block block = allocator.allocate(Math.multiplyExact(numel, (long) dtype.byteSize()));
        return new CudaStorage(dtype, device, numel, allocator, block);
    }

    /**
     * Returns the block now, for a temporary only the backend sees (a contiguous copy made for {@code toArray} or
     * {@code gemm}); kernels queued before still read it safely (one stream). Later releases do nothing.
     */
    void freeNow() {
        free.run();
    }

    /** The free action: holds the allocator and the block, never the storage, so the storage can become garbage. */
    private static final class Free implements Runnable {
        private final CachingAllocator allocator;
        private final CachingAllocator.Block block;
        private final AtomicBoolean done = new AtomicBoolean();

        Free(CachingAllocator allocator, CachingAllocator.Block block) {
            this.allocator = allocator;
            this.block = block;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                allocator.free(block);
            }
        }
    }
}
