package dev.autograd4j.cuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The launch configuration DeviceContext chooses, on the CPU. */
class DeviceContextTest {

    @Test
    void elementwiseGridsAreBlocksOf256UpTo32PerMultiprocessor() {
        assertEquals(1, DeviceContext.gridFor(1, 132));
        assertEquals(1, DeviceContext.gridFor(256, 132));
        assertEquals(2, DeviceContext.gridFor(257, 132));
        assertEquals(132 * 32, DeviceContext.gridFor(132 * 32 * 256, 132));
        assertEquals(132 * 32, DeviceContext.gridFor(132 * 32 * 256 + 1, 132), "the kernels loop over the rest");
        assertEquals(40 * 32, DeviceContext.gridFor(1L << 40, 40), "64-bit counts");
    }
}
