package dev.autograd4j;

import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BackendProvider;
import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.RandomOp;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;

/**
 * A test double for a second device: "cuda:N" storages that are CPU storages underneath, found through the same
 * ServiceLoader path a real CUDA backend uses. It lets the CPU test suite exercise device checks and transfers
 * without a GPU; every kernel runs on the CPU backend.
 */
public final class FakeCudaBackend implements Backend {
    private final Device device;
    private final Backend cpu = Backends.of(Device.cpu());

    FakeCudaBackend(Device device) {
        this.device = device;
    }

    /** Registered in META-INF/services of the test classpath only. */
    public static final class Provider implements BackendProvider {
        @Override
        public Device.Type deviceType() {
            return Device.Type.CUDA;
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }

        @Override
        public Backend backend(Device device) {
            return new FakeCudaBackend(device);
        }
    }

    private static final class FakeStorage extends Storage {
        final Storage inner;

        FakeStorage(Device device, Storage inner) {
            super(inner.dtype(), device, inner.numel());
            this.inner = inner;
        }
    }

    private View cpu(View v) {
        if (!(v.storage instanceof FakeStorage fake) || v.storage.device() != device) {
            throw new IllegalStateException("[fake-cuda] a " + v.storage.device() + " view reached the " + device
                    + " backend");
        }
        return new View(fake.inner, v.offset, v.shape, v.strides);
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Storage allocate(DType dtype, long numel) {
        return new FakeStorage(device, cpu.allocate(dtype, numel));
    }

    @Override
    public Storage fromArray(Object array) {
        return new FakeStorage(device, cpu.fromArray(array));
    }

    @Override
    public Object toArray(View src) {
        return cpu.toArray(cpu(src));
    }

    @Override
    public void copy(View dst, View src) {
        cpu.copy(cpu(dst), cpu(src));
    }

    @Override
    public void fill(View dst, double value) {
        cpu.fill(cpu(dst), value);
    }

    @Override
    public void unary(UnaryOp op, View out, View in, double alpha, double beta) {
        cpu.unary(op, cpu(out), cpu(in), alpha, beta);
    }

    @Override
    public void binary(BinaryOp op, View out, View a, View b, double alpha) {
        cpu.binary(op, cpu(out), cpu(a), cpu(b), alpha);
    }

    @Override
    public void where(View out, View cond, View a, View b) {
        cpu.where(cpu(out), cpu(cond), cpu(a), cpu(b));
    }

    @Override
    public void reduce(ReduceOp op, View out, View in) {
        cpu.reduce(op, cpu(out), cpu(in));
    }

    @Override
    public void gemm(View out, View a, View b, double alpha, double beta) {
        cpu.gemm(cpu(out), cpu(a), cpu(b), alpha, beta);
    }

    @Override
    public void gather(View out, View in, int dim, View index) {
        cpu.gather(cpu(out), cpu(in), dim, cpu(index));
    }

    @Override
    public void scatterAdd(View out, int dim, View index, View src) {
        cpu.scatterAdd(cpu(out), dim, cpu(index), cpu(src));
    }

    @Override
    public void random(RandomOp op, View out, long seed, long offset, double a, double b) {
        cpu.random(op, cpu(out), seed, offset, a, b);
    }
}
