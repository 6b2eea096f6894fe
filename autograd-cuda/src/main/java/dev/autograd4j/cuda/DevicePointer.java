package dev.autograd4j.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * A device address as JCuda's {@link CUdeviceptr}. JCuda hands the driver a pointer's native value plus its byte
 * offset, so an address computed in Java (a block inside a segment, a view's first element) is a null pointer with
 * that offset. An empty one receives {@code cuMemAlloc}'s result.
 */
final class DevicePointer extends CUdeviceptr {
    private static final CUdeviceptr NULL = new CUdeviceptr();

    /** A pointer for {@code cuMemAlloc} to set. */
    DevicePointer() {
    }

    DevicePointer(long address) {
        super(NULL, address);
    }

    /** The address this pointer passes to the driver. */
    long address() {
        return getNativePointer() + getByteOffset();
    }
}
