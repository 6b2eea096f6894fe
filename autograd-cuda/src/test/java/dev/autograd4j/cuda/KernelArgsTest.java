package dev.autograd4j.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What each launch argument becomes: the bytes the kernel's parameter receives (little-endian, as on the GPU). */
class KernelArgsTest {

    @Test
    void scalarsAreTheirLittleEndianBytes() {
        assertArrayEquals(new byte[] {5, 0, 0, 0}, KernelArgs.image(5));
        assertArrayEquals(new byte[] {-1, -1, -1, -1}, KernelArgs.image(-1));
        assertArrayEquals(new byte[] {0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01}, KernelArgs.image(0x0102030405060708L));
        assertArrayEquals(le(Double.doubleToRawLongBits(-0.0)), KernelArgs.image(-0.0));
        assertArrayEquals(le(Double.doubleToRawLongBits(Double.NaN)), KernelArgs.image(Double.NaN));
    }

    @Test
    void aDevicePointerIsItsAddressAndNullIsZero() {
        assertArrayEquals(le(0x7f00_1234_5600L), KernelArgs.image(new DevicePointer(0x7f00_1234_5600L)));
        assertArrayEquals(new byte[8], KernelArgs.image(null));
        assertEquals(0x7f00_1234_5600L, new DevicePointer(0x7f00_1234_5600L).address());
        // A pointer JCuda made knows its own address; it is passed through to JCuda's native code.
        assertNull(KernelArgs.image(new CUdeviceptr()));
    }

    /** A Layout (51 longs: rank, sizes[10], strides[4][10]) is one 408-byte parameter, in the struct's order. */
    @Test
    void aLongArrayIsAStructByValue() {
        long[] layout = new long[51];
        layout[0] = 2;          // rank
        layout[1] = 3;          // sizes[0]
        layout[2] = 4;          // sizes[1]
        layout[11] = 4;         // strides[0][0]
        layout[12] = 1;         // strides[0][1]
        layout[21] = 0;         // strides[1][0]: a broadcast operand
        layout[22] = -1;        // strides[1][1]
        byte[] image = KernelArgs.image(layout);
        assertEquals(408, image.length);
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 51; i++) {
            assertEquals(layout[i], b.getLong(8 * i), "word " + i);
        }
    }

    @Test
    void kernelParamsPointAtEachImage() {
        Pointer params = KernelArgs.kernelParams(new Object[] {7, new long[51], 3L, new DevicePointer(64), null, 0.5});
        assertNotNull(params);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelArgs.kernelParams(new Object[] {1.5f}));
        assertEquals("[cuda] a kernel argument must be an Integer, Long, Double, device Pointer or long[] (a struct),"
                + " not java.lang.Float", e.getMessage());
    }

    private static byte[] le(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }
}
