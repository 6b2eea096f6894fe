package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.View;
import jcuda.Pointer;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link KernelLauncher} with no device behind it: it records every launch (op, module, kernel, element count,
 * arguments) so that a family's host logic (kernel names, layouts, argument lists) can be tested on the CPU. A
 * view's address is a {@link ViewPointer} naming the view, so a test can check which operand went where.
 */
final class RecordingLauncher implements KernelLauncher {

    /** One call of {@link #launchElements} or {@link #launch}. */
    record Launch(String op, String module, String kernel, long n, List<Object> args) {
        Object arg(int i) {
            return args.get(i);
        }
    }

    /** The "device address" of a view: the view itself. */
    static final class ViewPointer extends Pointer {
        final View view;

        ViewPointer(View view) {
            this.view = view;
        }

        @Override
        public String toString() {
            return "ViewPointer(" + view + ")";
        }
    }

    /** A storage with no memory behind it, for views the recording launcher only names. */
    static Storage storage(DType dtype, long numel) {
        return new Storage(dtype, Device.cuda(0), numel) {
        };
    }

    /** A contiguous view of a fresh storage. */
    static View contiguous(DType dtype, int... shape) {
        return View.contiguous(storage(dtype, View.numelOf(shape)), shape);
    }

    final List<Launch> launches = new ArrayList<>();

    @Override
    public Device device() {
        return Device.cuda(0);
    }

    @Override
    public Pointer address(View v) {
        return new ViewPointer(v);
    }

    @Override
    public void launchElements(String op, String module, String kernel, long n, Object... args) {
        launches.add(new Launch(op, module, kernel, n, List.of(args)));
    }

    @Override
    public void launch(String op, String module, String kernel, int gridX, int gridY, int blockX, int sharedBytes,
                       Object... args) {
        launches.add(new Launch(op, module, kernel, -1, List.of(args)));
    }

    @Override
    public Pointer indexErrors() {
        return new Pointer();
    }

    @Override
    public void checksIndices(String op) {
    }

    @Override
    public Scratch scratch(long bytes) {
        throw new UnsupportedOperationException("[recording launcher] no scratch memory");
    }

    @Override
    public int multiprocessors() {
        return 132;
    }

    /** The only launch so far (fails otherwise). */
    Launch only() {
        if (launches.size() != 1) {
            throw new AssertionError("expected one launch but got " + launches);
        }
        return launches.get(0);
    }
}
