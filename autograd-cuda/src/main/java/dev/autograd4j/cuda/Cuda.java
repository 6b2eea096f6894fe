package dev.autograd4j.cuda;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Backend;

/**
 * The CUDA backend's controls, like {@code torch.cuda}: whether CUDA can be used here and why not, the number of
 * devices, each device's memory statistics and cache, and whether float32 matmuls may use TF32.
 */
public final class Cuda {
    private Cuda() {
    }

    /**
     * Whether tensors can be created on CUDA devices here ({@code torch.cuda.is_available()}).
     *
     * <pre>{@code
     * Device device = Cuda.isAvailable() ? Device.cuda(0) : Device.cpu();
     * }</pre>
     *
     * @return true when JCuda, a driver, a device and cuBLAS are all usable here
     */
    public static boolean isAvailable() {
        return CudaAvailability.get().available();
    }

    /**
     * Why CUDA cannot be used here ({@code "available"} when it can): no driver, no device, a driver too old for the
     * shipped kernels, cuBLAS not found, or JCuda's natives missing. Tests that need a GPU skip with this reason.
     *
     * @return the reason, or {@code "available"}
     */
    public static String availability() {
        return CudaAvailability.get().reason();
    }

    /**
     * The number of CUDA devices, 0 where CUDA is not available ({@code torch.cuda.device_count()}).
     *
     * @return the device count
     */
    public static int deviceCount() {
        return CudaAvailability.deviceCount();
    }

    /**
     * The caching allocator's counters for {@code device} ({@code torch.cuda.memory_stats(device)}).
     *
     * @param device a CUDA device
     * @return a snapshot of the counters
     * @throws IllegalArgumentException if {@code device} is not a CUDA device
     * @throws IllegalStateException if CUDA is not available or another backend serves the device
     */
    public static MemoryStats memoryStats(Device device) {
        return context(device, "memory_stats").allocator().stats();
    }

    /**
     * Returns the cached device memory no storage uses to the driver ({@code torch.cuda.empty_cache()}), so other
     * processes can have it; later allocations call {@code cuMemAlloc} again. Waits for queued work.
     *
     * @param device a CUDA device
     * @throws IllegalArgumentException if {@code device} is not a CUDA device
     * @throws IllegalStateException if CUDA is not available or another backend serves the device
     */
    public static void emptyCache(Device device) {
        context(device, "empty_cache").allocator().releaseCached();
    }

    /**
     * Starts {@link MemoryStats#peakAllocatedBytes()} over ({@code torch.cuda.reset_peak_memory_stats()}).
     *
     * @param device a CUDA device
     * @throws IllegalArgumentException if {@code device} is not a CUDA device
     * @throws IllegalStateException if CUDA is not available or another backend serves the device
     */
    public static void resetPeakMemoryStats(Device device) {
        context(device, "reset_peak_memory_stats").allocator().resetPeak();
    }

    /**
     * Whether float32 matmuls may use TF32 tensor cores (inputs rounded to 10 mantissa bits): faster, and outside
     * the SPI's gemm accuracy bound. Off by default, like {@code torch.backends.cuda.matmul.allow_tf32}; applies to
     * every device from the next matmul on.
     *
     * @param allow whether TF32 may be used
     */
    public static void setAllowTf32(boolean allow) {
        Blas.setAllowTf32(allow);
    }

    /**
     * Whether float32 matmuls may use TF32, like reading {@code torch.backends.cuda.matmul.allow_tf32}.
     *
     * @return the current setting, false by default
     */
    public static boolean allowTf32() {
        return Blas.allowTf32();
    }

    private static DeviceContext context(Device device, String op) {
        if (!device.isCuda()) {
            throw new IllegalArgumentException("[" + op + "] expected a CUDA device but got " + device);
        }
        Backend b = Backends.of(device);
        if (!(b instanceof CudaBackend cuda)) {
            throw new IllegalStateException("[" + op + "] the backend of " + device + " is " + b
                    + ", not autograd4j's CUDA backend");
        }
        return cuda.context();
    }
}
