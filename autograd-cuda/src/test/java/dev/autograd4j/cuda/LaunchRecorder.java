package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.View;
import jcuda.Pointer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link KernelLauncher} that launches nothing and records every call, so the families' host logic (kernel names,
 * launch geometry, argument lists) is tested without a GPU. Each view's "device address" is a distinct
 * {@link Pointer} object, so an argument can be traced back to the view it came from ({@link #of}).
 */
final class LaunchRecorder implements KernelLauncher {
    /** One launch: {@code n} for {@link #launchElements} (grid and block -1), or the explicit grid (n -1). */
    record Launch(String op, String module, String kernel, long n, int gridX, int gridY, int blockX, int sharedBytes,
                  List<Object> args) {
        Object arg(int i) {
            return args.get(i);
        }
    }

    /** A scratch buffer handed out, and whether it was closed. */
    static final class FakeScratch implements Scratch {
        final long bytes;
        final Pointer address = new Pointer();
        boolean closed;

        FakeScratch(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public Pointer address() {
            return address;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    final List<Launch> launches = new ArrayList<>();
    final List<String> checks = new ArrayList<>();
    final List<FakeScratch> scratches = new ArrayList<>();
    final Pointer errors = new Pointer();
    private final Map<View, Pointer> addresses = new IdentityHashMap<>();
    private final int multiprocessors;

    LaunchRecorder() {
        this(132);
    }

    LaunchRecorder(int multiprocessors) {
        this.multiprocessors = multiprocessors;
    }

    /** The address handed out for {@code v}. */
    Pointer of(View v) {
        return addresses.computeIfAbsent(v, x -> new Pointer());
    }

    Launch only() {
        if (launches.size() != 1) {
            throw new AssertionError("expected one launch, got " + launches);
        }
        return launches.get(0);
    }

    @Override
    public Device device() {
        return Device.cuda(0);
    }

    @Override
    public Pointer address(View v) {
        return of(v);
    }

    @Override
    public void launchElements(String op, String module, String kernel, long n, Object... args) {
        if (n > 0) {
            launches.add(new Launch(op, module, kernel, n, -1, -1, -1, 0, Arrays.asList(args)));
        }
    }

    @Override
    public void launch(String op, String module, String kernel, int gridX, int gridY, int blockX, int sharedBytes,
                       Object... args) {
        launches.add(new Launch(op, module, kernel, -1, gridX, gridY, blockX, sharedBytes, Arrays.asList(args)));
    }

    @Override
    public Pointer indexErrors() {
        return errors;
    }

    @Override
    public void checksIndices(String op) {
        checks.add(op);
    }

    @Override
    public void checksIndices(String op, String bound) {
        checks.add(op + " " + bound);
    }

    @Override
    public Scratch scratch(long bytes) {
        FakeScratch s = new FakeScratch(bytes);
        scratches.add(s);
        return s;
    }

    @Override
    public int multiprocessors() {
        return multiprocessors;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views onto storages with no memory behind them
    // ------------------------------------------------------------------------------------------------------------

    /** A storage of {@code numel} elements that holds nothing: only its dtype and size matter here. */
    static final class FakeStorage extends Storage {
        FakeStorage(DType dtype, long numel) {
            super(dtype, Device.cuda(0), numel);
        }
    }

    static View contiguous(DType t, int... shape) {
        return View.contiguous(new FakeStorage(t, Math.max(1, View.numelOf(shape))), shape);
    }

    static View strided(DType t, int[] shape, long... strides) {
        return new View(new FakeStorage(t, 1L << 40), 0, shape, strides);
    }
}
