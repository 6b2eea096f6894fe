package dev.autograd4j;

import java.util.Objects;

/**
 * Where a tensor's storage lives: {@code Device.cpu()} or {@code Device.cuda(index)}, printed as PyTorch prints
 * them ({@code cpu}, {@code cuda:0}). Instances are canonical, so {@code ==} and {@code equals} agree.
 */
public final class Device {
    /**
     * The kinds of device a backend can serve: {@code CPU} (JVM memory, the autograd-cpu module) and {@code CUDA} (an
     * NVIDIA GPU, the autograd-cuda module).
     */
    public enum Type {
        /** The host: JVM memory, served by the autograd-cpu module. */
        CPU,
        /** An NVIDIA GPU, served by the autograd-cuda module. */
        CUDA
    }

    private static final Device CPU = new Device(Type.CPU, -1);
    private static final int MAX_CUDA = 64;
    private static final Device[] CUDA = new Device[MAX_CUDA];

    static {
        for (int i = 0; i < MAX_CUDA; i++) {
            CUDA[i] = new Device(Type.CUDA, i);
        }
    }

    private static volatile Device defaultDevice = CPU;
    /** This thread's default while a {@link #withDefault} scope is open, else null (the global one applies). */
    private static final ThreadLocal<Device> THREAD_DEFAULT = new ThreadLocal<>();

    private final Type type;
    private final int index;

    private Device(Type type, int index) {
        this.type = type;
        this.index = index;
    }

    /**
     * The CPU, like {@code torch.device("cpu")}.
     *
     * @return the one CPU device
     */
    public static Device cpu() {
        return CPU;
    }

    /**
     * The first CUDA device, {@code cuda:0}, like {@code torch.device("cuda")}.
     *
     * @return {@code cuda(0)}
     */
    public static Device cuda() {
        return cuda(0);
    }

    /**
     * A CUDA device by ordinal, like {@code torch.device("cuda", index)}; whether it exists is checked when a tensor is
     * first made on it.
     *
     * @param index the device ordinal, 0 to 63
     * @return the canonical instance
     * @throws IllegalArgumentException if {@code index} is out of range
     */
    public static Device cuda(int index) {
        if (index < 0 || index >= MAX_CUDA) {
            throw new IllegalArgumentException("[device] CUDA device index " + index + " is out of range [0, " + MAX_CUDA + ")");
        }
        return CUDA[index];
    }

    /**
     * Parses PyTorch's device strings: {@code "cpu"}, {@code "cuda"}, {@code "cuda:1"}.
     *
     * @param spec the device string
     * @return the canonical instance
     * @throws IllegalArgumentException if {@code spec} is not one of the three forms
     * @throws NullPointerException if {@code spec} is null
     */
    public static Device of(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.trim();
        if (s.equals("cpu")) {
            return CPU;
        }
        if (s.equals("cuda")) {
            return cuda(0);
        }
        if (s.startsWith("cuda:")) {
            try {
                return cuda(Integer.parseInt(s.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("[device] expected 'cpu', 'cuda' or 'cuda:N' but got '" + spec + "'");
    }

    /**
     * The device factories use when none is given, like {@code torch.set_default_device}; CPU unless changed.
     *
     * @return the current default device
     */
    public static Device getDefault() {
        Device local = THREAD_DEFAULT.get();
        return local != null ? local : defaultDevice;
    }

    /**
     * Makes {@code device} the default of the calling thread only, until the returned guard closes, like PyTorch's
     * {@code with torch.device(device):}; other threads keep theirs. Guards nest (close them in reverse order, as
     * try-with-resources does).
     *
     * @param device the calling thread's default while the guard is open
     * @return the guard whose {@code close} restores the thread's previous default
     * @throws NullPointerException if {@code device} is null
     */
    public static Guard withDefault(Device device) {
        Objects.requireNonNull(device, "device");
        Guard guard = new Guard(THREAD_DEFAULT.get());
        THREAD_DEFAULT.set(device);
        return guard;
    }

    /** Restores a thread's previous default device ({@link #withDefault}); closing it twice does nothing more. */
    public static final class Guard implements AutoCloseable {
        private final Device previous;
        private boolean closed;

        private Guard(Device previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (previous == null) {
                    THREAD_DEFAULT.remove();
                } else {
                    THREAD_DEFAULT.set(previous);
                }
            }
        }
    }

    /**
     * Sets the device factories use when none is given, for every thread, like {@code torch.set_default_device} (a
     * thread inside a {@link #withDefault} scope keeps that scope's device until it closes).
     *
     * @param device the new default
     * @throws NullPointerException if {@code device} is null
     */
    public static void setDefault(Device device) {
        defaultDevice = Objects.requireNonNull(device, "device");
    }

    /**
     * The kind of device.
     *
     * @return CPU or CUDA
     */
    public Type type() {
        return type;
    }

    /**
     * The device ordinal; -1 for the CPU.
     *
     * @return the ordinal, or -1 for the CPU
     */
    public int index() {
        return index;
    }

    /**
     * Whether this is the CPU.
     *
     * @return true for {@link #cpu()}
     */
    public boolean isCpu() {
        return type == Type.CPU;
    }

    /**
     * Whether this is a CUDA device.
     *
     * @return true for {@code cuda:N}
     */
    public boolean isCuda() {
        return type == Type.CUDA;
    }

    @Override
    public String toString() {
        return type == Type.CPU ? "cpu" : "cuda:" + index;
    }
}
