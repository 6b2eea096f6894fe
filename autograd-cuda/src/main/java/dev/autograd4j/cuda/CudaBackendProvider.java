package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BackendProvider;

/**
 * Provides the CUDA backend, found by {@link java.util.ServiceLoader}. Creating it does nothing; the first
 * {@link #availability()} tries JCuda, the driver, the device and cuBLAS (once per JVM, see
 * {@link CudaAvailability}) and says why CUDA cannot be used where it cannot, without crashing the JVM.
 */
public final class CudaBackendProvider implements BackendProvider {

    /** For {@link java.util.ServiceLoader}; does nothing. */
    public CudaBackendProvider() {
    }

    @Override
    public Device.Type deviceType() {
        return Device.Type.CUDA;
    }

    @Override
    public Availability availability() {
        return CudaAvailability.get();
    }

    /**
     * The CUDA backend of {@code device}: opens its context, stream and kernels (the library calls this once per
     * device).
     *
     * @param device a CUDA device
     * @return a new backend
     * @throws IllegalArgumentException if {@code device} is not a CUDA device or not present
     * @throws IllegalStateException if CUDA is not available here
     */
    @Override
    public Backend backend(Device device) {
        if (!device.isCuda()) {
            throw new IllegalArgumentException("[cuda] the CUDA provider serves CUDA devices but was asked for "
                    + device);
        }
        Availability a = availability();
        if (!a.available()) {
            throw new IllegalStateException("[cuda] device " + device + " is not available: " + a.reason());
        }
        int count = CudaAvailability.deviceCount();
        if (device.index() >= count) {
            throw new IllegalArgumentException("[cuda] there is no device " + device + ": " + count
                    + (count == 1 ? " CUDA device is" : " CUDA devices are") + " present");
        }
        return new CudaBackend(DeviceContext.open(device));
    }
}
