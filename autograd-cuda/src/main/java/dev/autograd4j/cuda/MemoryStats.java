package dev.autograd4j.cuda;

/**
 * The caching allocator's counters for one device, like {@code torch.cuda.memory_stats()}.
 *
 * @param allocatedBytes     bytes held by live storages and temporaries (block sizes: requests rounded up to 512),
 *                           {@code torch.cuda.memory_allocated()}
 * @param reservedBytes      bytes obtained from the driver and not yet returned, allocated or cached,
 *                           {@code torch.cuda.memory_reserved()}
 * @param peakAllocatedBytes the most {@code allocatedBytes} has been since the start or the last
 *                           {@link Cuda#resetPeakMemoryStats}, {@code torch.cuda.max_memory_allocated()}
 * @param deviceAllocs       how many times memory was obtained from the driver ({@code cuMemAlloc}); steady in a
 *                           training loop once the cache is warm
 * @param deviceFrees        how many times memory was returned to the driver ({@code cuMemFree}: by
 *                           {@link Cuda#emptyCache} or to recover from an out-of-memory error)
 */
public record MemoryStats(long allocatedBytes, long reservedBytes, long peakAllocatedBytes, long deviceAllocs,
                          long deviceFrees) {
}
