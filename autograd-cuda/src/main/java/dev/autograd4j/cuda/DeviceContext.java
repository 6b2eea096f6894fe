package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.View;
import jcuda.Pointer;

/**
 * The state of one CUDA device: its context and stream, the loaded PTX modules, the caching allocator, cuBLAS, and
 * the index-error buffer. Skeleton: the infrastructure work fills it in.
 */
final class DeviceContext implements KernelLauncher {
    private final Device device;

    DeviceContext(Device device) {
        this.device = device;
    }

    @Override
    public Device device() {
        return device;
    }

    String describe() {
        return device.toString();
    }

    Storage allocate(DType dtype, long numel) {
        throw new UnsupportedOperationException("[cuda] allocate: to be written");
    }

    Storage fromArray(Object array) {
        throw new UnsupportedOperationException("[cuda] fromArray: to be written");
    }

    Object toArray(View src) {
        throw new UnsupportedOperationException("[cuda] toArray: to be written");
    }

    boolean transfer(View dst, View src) {
        throw new UnsupportedOperationException("[cuda] transfer: to be written");
    }

    void synchronize() {
        throw new UnsupportedOperationException("[cuda] synchronize: to be written");
    }

    Blas blas() {
        throw new UnsupportedOperationException("[cuda] blas: to be written");
    }

    @Override
    public Pointer address(View v) {
        throw new UnsupportedOperationException("[cuda] address: to be written");
    }

    @Override
    public void launchElements(String op, String module, String kernel, long n, Object... args) {
        throw new UnsupportedOperationException("[cuda] launch: to be written");
    }

    @Override
    public void launch(String op, String module, String kernel, int gridX, int gridY, int blockX, int sharedBytes,
                       Object... args) {
        throw new UnsupportedOperationException("[cuda] launch: to be written");
    }

    @Override
    public Pointer indexErrors() {
        throw new UnsupportedOperationException("[cuda] indexErrors: to be written");
    }

    @Override
    public void checksIndices(String op) {
        throw new UnsupportedOperationException("[cuda] checksIndices: to be written");
    }

    @Override
    public Scratch scratch(long bytes) {
        throw new UnsupportedOperationException("[cuda] scratch: to be written");
    }

    @Override
    public int multiprocessors() {
        throw new UnsupportedOperationException("[cuda] multiprocessors: to be written");
    }
}
