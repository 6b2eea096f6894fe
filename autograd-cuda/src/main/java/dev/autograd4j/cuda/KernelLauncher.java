package dev.autograd4j.cuda;

import dev.autograd4j.Device;
import dev.autograd4j.spi.View;
import jcuda.Pointer;

/**
 * What the kernel families need from a device: the device address of a view, kernel launches on the backend's
 * stream, and the index-error buffer (see the kernel ABI in cuda-kernels/README.md). Behind an interface so that
 * the families' host logic (layouts, launch arguments, kernel names) can be tested without a GPU.
 *
 * <p>Kernel arguments are given as Java values and converted here: {@code Integer} (an {@code int} parameter),
 * {@code Long} ({@code long long}), {@code Double} ({@code double}), {@code Pointer} (a device address, from
 * {@link #address}; a null {@code Pointer} reference is a null device pointer), and {@code long[]} (a struct passed
 * by value, such as a Layout: its bytes are the parameter).
 */
interface KernelLauncher {

    /** The device kernels run on. */
    Device device();

    /** The device address of the first element of {@code v} (its storage's base plus its offset in bytes). */
    Pointer address(View v);

    /**
     * Launches {@code kernel} of module {@code module} (a PTX file of cuda-kernels, without ".ptx") over {@code n}
     * elements with a 1-D grid-stride grid chosen here; nothing is launched for {@code n == 0}. A launch error is an
     * exception naming {@code op} and the CUDA error.
     */
    void launchElements(String op, String module, String kernel, long n, Object... args);

    /** Launches with an explicit grid, block and dynamic shared memory (reductions, row-wise fused kernels). */
    void launch(String op, String module, String kernel, int gridX, int gridY, int blockX, int sharedBytes,
                Object... args);

    /** The device buffer ({@code long long[2]}) index-checking kernels take as their last parameter. */
    Pointer indexErrors();

    /**
     * Notes that {@code op} launched a kernel that may record an index error: it is reported, naming {@code op}, as an
     * {@link IndexOutOfBoundsException} at the next synchronising call.
     */
    void checksIndices(String op);

    /**
     * As {@link #checksIndices(String)}, saying which bound the index broke, so the message can read as PyTorch's
     * and the CPU backend's: with {@code bound} "for dimension 1 with size 3",
     * {@code [gather] index 5 is out of bounds for dimension 1 with size 3}. By default the bound is dropped.
     */
    default void checksIndices(String op, String bound) {
        checksIndices(op);
    }

    /** Device memory for a temporary result of one op (freed when closed; a kernel queued before then may use it). */
    Scratch scratch(long bytes);

    /** The number of streaming multiprocessors (for grid sizes). */
    int multiprocessors();

    /** A temporary device buffer. */
    interface Scratch extends AutoCloseable {
        Pointer address();

        @Override
        void close();
    }
}
