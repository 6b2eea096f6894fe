package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A storage's block goes back to the allocator exactly once, and the free action lets the storage be collected. */
class CudaStorageTest {

    @Test
    void aStorageIsABlockOfItsElementsBytes() {
        CachingAllocator a = new CachingAllocator("cuda:0", new FakeMemory(1L << 30));
        CudaStorage s = CudaStorage.allocate(a, Device.cuda(0), DType.FLOAT64, 100);
        assertEquals(1024, s.bytes);
        assertEquals(100, s.numel());
        assertEquals(Device.cuda(0), s.device());
        assertNull(s.hostArray());
        assertEquals(0, CudaStorage.allocate(a, Device.cuda(0), DType.BOOL, 0).address);
        assertThrows(IllegalArgumentException.class, () -> CudaStorage.allocate(a, Device.cuda(0), DType.INT32, -1));
        assertThrows(ArithmeticException.class, () -> CudaStorage.allocate(a, Device.cuda(0), DType.INT64, Long.MAX_VALUE / 4));
    }

    @Test
    void freeNowReturnsTheBlockOnce() {
        CachingAllocator a = new CachingAllocator("cuda:0", new FakeMemory(1L << 30));
        CudaStorage s = CudaStorage.allocate(a, Device.cuda(0), DType.FLOAT32, 1000);
        assertEquals(4096, a.stats().allocatedBytes());
        s.freeNow();
        s.freeNow(); // a second free would be the allocator's double-free error
        assertEquals(0, a.stats().allocatedBytes());
    }

    @Test
    void anUnreachableStorageIsCollectedAndItsBlockComesBack() throws InterruptedException {
        CachingAllocator a = new CachingAllocator("cuda:0", new FakeMemory(1L << 30));
        WeakReference<CudaStorage> ref = new WeakReference<>(CudaStorage.allocate(a, Device.cuda(0), DType.FLOAT32, 1000));
        for (int i = 0; i < 200 && (ref.get() != null || a.stats().allocatedBytes() != 0); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the free action must not hold the storage");
        assertEquals(0, a.stats().allocatedBytes(), "the Cleaner returned the block");
    }
}
