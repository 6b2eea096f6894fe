package dev.autograd4j;

import java.util.Objects;

/**
 * Where a tensor's storage lives: {@code Device.cpu()} or {@code Device.cuda(index)}, printed as PyTorch prints
 * them ({@code cpu}, {@code cuda:0}). Instances are canonical, so {@code ==} and {@code equals} agree.
 */
public final class Device {
    /** The kinds of device a backend can serve. */
    public enum Type { CPU, CUDA }

    private static final Device CPU = new Device(Type.CPU, -1);
    private static final int MAX_CUDA = 64;
    private static final Device[] CUDA = new Device[MAX_CUDA];

    static {
        for (int i = 0; i < MAX_CUDA; i++) {
            CUDA[i] = new Device(Type.CUDA, i);
        }
    }

    private static volatile Device defaultDevice = CPU;

    private final Type type;
    private final int index;

    private Device(Type type, int index) {
        this.type = type;
        this.index = index;
    }

    public static Device cpu() {
        return CPU;
    }

    public static Device cuda() {
        return cuda(0);
    }

    public static Device cuda(int index) {
        if (index < 0 || index >= MAX_CUDA) {
            throw new IllegalArgumentException("[device] CUDA device index " + index + " is out of range [0, " + MAX_CUDA + ")");
        }
        return CUDA[index];
    }

    /** Parses PyTorch's device strings: {@code "cpu"}, {@code "cuda"}, {@code "cuda:1"}. */
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

    /** The device factories use when none is given, like {@code torch.set_default_device}; CPU unless changed. */
    public static Device getDefault() {
        return defaultDevice;
    }

    public static void setDefault(Device device) {
        defaultDevice = Objects.requireNonNull(device, "device");
    }

    public Type type() {
        return type;
    }

    /** The device ordinal; -1 for the CPU. */
    public int index() {
        return index;
    }

    public boolean isCpu() {
        return type == Type.CPU;
    }

    public boolean isCuda() {
        return type == Type.CUDA;
    }

    @Override
    public String toString() {
        return type == Type.CPU ? "cpu" : "cuda:" + index;
    }
}
