package dev.autograd4j.cuda;

import jcuda.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Launch arguments as the driver takes them: {@code kernelParams[i]} points at the bytes of parameter {@code i}, and
 * the driver copies as many bytes as the kernel declares. Each argument becomes its little-endian image (the GPU's
 * byte order): an {@code Integer} 4 bytes, a {@code Long} or {@code Double} 8, a device pointer its 8-byte
 * address (null: 0), and a {@code long[]} — a struct by value such as a Layout — all of its longs in order, so a
 * 51-long Layout is the 408-byte parameter the kernel declares.
 */
final class KernelArgs {
    private KernelArgs() {
    }

    /** The {@code kernelParams} array for {@code cuLaunchKernel}. */
    static Pointer kernelParams(Object[] args) {
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            byte[] image = image(args[i]);
            // A pointer we did not make (not a DevicePointer) is passed as JCuda passes pointers: it knows its address.
            params[i] = image != null ? Pointer.to(image) : Pointer.to((Pointer) args[i]);
        }
        return Pointer.to(params);
    }

    /**
     * The bytes the kernel receives for one argument, or null for a JCuda pointer whose address only JCuda's native
     * code can read.
     */
    static byte[] image(Object arg) {
        if (arg == null) {
            return new byte[8];
        } else if (arg instanceof Integer v) {
            return buffer(4).putInt(v).array();
        } else if (arg instanceof Long v) {
            return buffer(8).putLong(v).array();
        } else if (arg instanceof Double v) {
            return buffer(8).putDouble(v).array();
        } else if (arg instanceof long[] struct) {
            ByteBuffer b = buffer(8 * struct.length);
            for (long word : struct) {
                b.putLong(word);
            }
            return b.array();
        } else if (arg instanceof DevicePointer p) {
            return buffer(8).putLong(p.address()).array();
        } else if (arg instanceof Pointer) {
            return null;
        }
        throw new IllegalArgumentException("[cuda] a kernel argument must be an Integer, Long, Double, device Pointer"
                + " or long[] (a struct), not " + arg.getClass().getName());
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
