package dev.autograd4j.cuda;

/**
 * Raw device memory, as the caching allocator sees it: whole segments from the driver ({@code cuMemAlloc},
 * {@code cuMemFree}, {@code cuMemGetInfo}). An interface so that the allocator's bookkeeping is tested on the CPU
 * with a fake.
 */
interface DeviceMemory {

    /** A new segment of {@code bytes} bytes, or 0 when the device is out of memory (any other failure throws). */
    long malloc(long bytes);

    /** Returns a segment {@link #malloc} gave; nothing queued may still use it (see {@link #synchronize}). */
    void free(long address);

    /** The bytes the driver could still give (free memory on the device, whoever holds the rest). */
    long freeBytes();

    /** Waits for the work queued on the device, so that segments can be freed under nothing still running. */
    void synchronize();
}
