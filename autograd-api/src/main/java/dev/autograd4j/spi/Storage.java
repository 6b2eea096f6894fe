package dev.autograd4j.spi;

import dev.autograd4j.DType;
import dev.autograd4j.Device;

/**
 * A flat buffer of {@link #numel()} elements of one dtype on one device, owned by a backend. Tensors are views
 * onto it; every view of one storage shares its version counter, which autograd uses to detect a tensor that was
 * modified in place after it was saved for backward (PyTorch's {@code _version}).
 */
public abstract class Storage {
    private final DType dtype;
    private final Device device;
    private final long numel;
    private int version;

    protected Storage(DType dtype, Device device, long numel) {
        this.dtype = dtype;
        this.device = device;
        this.numel = numel;
    }

    public final DType dtype() {
        return dtype;
    }

    public final Device device() {
        return device;
    }

    public final long numel() {
        return numel;
    }

    /** How many in-place modifications this storage has seen. */
    public final int version() {
        return version;
    }

    /** Called by the library after every in-place write through any view. */
    public final void bumpVersion() {
        version++;
    }
}
