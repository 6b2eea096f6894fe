package dev.autograd4j;

import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BackendProvider;
import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.RandomOp;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double for a second device: "cuda:N" storages whose memory is a CPU storage the library cannot see, found
 * through the same ServiceLoader path a real CUDA backend uses. It lets the CPU test suite exercise device checks,
 * transfers and the storage lifecycle without a GPU; every kernel runs on the CPU backend. Like a device without
 * fused kernels, it supports none, so the op layer's composed formulas run here.
 *
 * <p>It counts what a GPU makes expensive, for tests that must prove an op does none of it: storages allocated,
 * reads of device data by the host (a {@code toArray} or a transfer to the CPU), and storages freed (explicitly or
 * by the garbage collector, through the storage's Cleaner).
 */
public final class FakeCudaBackend implements Backend {
    /** Storages allocated on any fake device (allocate and fromArray). */
    public static final AtomicLong ALLOCATIONS = new AtomicLong();
    /** Reads of fake-device data by the host. */
    public static final AtomicLong HOST_READS = new AtomicLong();
    /** Storages whose memory was freed. */
    public static final AtomicLong FREED = new AtomicLong();

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

    /** Device memory: a CPU storage held through a handle the free action can let go of without this object. */
    private static final class FakeStorage extends Storage {
        private final Storage[] memory;

        FakeStorage(Device device, Storage inner) {
            super(inner.dtype(), device, inner.numel());
            Storage[] handle = {inner};
            this.memory = handle;
            ALLOCATIONS.incrementAndGet();
            freeWith(() -> {
                handle[0] = null;
                FREED.incrementAndGet();
            });
        }

        Storage inner() {
            Storage s = memory[0];
            if (s == null) {
                throw new IllegalStateException("[fake-cuda] a kernel received a freed storage");
            }
            return s;
        }
    }

    private View cpu(View v) {
        if (!(v.storage instanceof FakeStorage fake) || v.storage.device() != device) {
            throw new IllegalStateException("[fake-cuda] a " + v.storage.device() + " view reached the " + device
                    + " backend");
        }
        return new View(fake.inner(), v.offset, v.shape, v.strides);
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
        HOST_READS.incrementAndGet();
        return cpu.toArray(cpu(src));
    }

    @Override
    public boolean transfer(View dst, View src) {
        boolean toHost = dst.device().isCpu();
        if (!toHost && !src.device().isCpu()) {
            return false; // between two fake devices: let the library go through the CPU
        }
        if (toHost) {
            HOST_READS.incrementAndGet();
            cpu.copy(dst, cpu(src));
        } else {
            cpu.copy(cpu(dst), src);
        }
        return true;
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
    public void binaryScalar(BinaryOp op, View out, View a, double b) {
        cpu.binaryScalar(op, cpu(out), cpu(a), b);
    }

    @Override
    public void where(View out, View cond, View a, View b) {
        cpu.where(cpu(out), cpu(cond), cpu(a), cpu(b));
    }

    @Override
    public void whereScalar(View out, View cond, View a, double b, boolean scalarWhenTrue) {
        cpu.whereScalar(cpu(out), cpu(cond), cpu(a), b, scalarWhenTrue);
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
