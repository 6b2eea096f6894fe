package dev.autograd4j.cuda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Device memory for the allocator's tests: a capacity, addresses handed out upwards from 0x10000 (never reused, so
 * a use after free shows), and a log of the calls in order.
 */
final class FakeMemory implements DeviceMemory {
    private final long capacity;
    private long used;
    private long next = 0x10000;
    private final Map<Long, Long> live = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    FakeMemory(long capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized long malloc(long bytes) {
        if (used + bytes > capacity) {
            calls.add("malloc " + bytes + " failed");
            return 0;
        }
        long address = next;
        next += bytes;
        used += bytes;
        live.put(address, bytes);
        calls.add("malloc " + bytes);
        return address;
    }

    @Override
    public synchronized void free(long address) {
        Long bytes = live.remove(address);
        if (bytes == null) {
            throw new AssertionError("free of 0x" + Long.toHexString(address) + ", which malloc did not give or was freed");
        }
        used -= bytes;
        calls.add("free " + bytes);
    }

    @Override
    public synchronized long freeBytes() {
        return capacity - used;
    }

    @Override
    public synchronized void synchronize() {
        calls.add("synchronize");
    }

    synchronized long used() {
        return used;
    }

    synchronized int segments() {
        return live.size();
    }
}
