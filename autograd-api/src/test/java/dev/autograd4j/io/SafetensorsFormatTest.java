package dev.autograd4j.io;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad safetensors files, each a one-line error that says what is wrong, after the checks the format's reference
 * implementation makes (safetensors' {@code tensor.rs}: header size and start, JSON, dtype, offsets that tile the
 * data exactly, sizes that match shapes). This module has no backend on its test class path, so every case also
 * proves that the file is rejected before any tensor is made: never a partial load.
 */
class SafetensorsFormatTest {

    private static byte[] file(long declaredLength, String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredLength)
                .put(h).array();
    }

    private static byte[] file(String header, int dataBytes) {
        return file(header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
    }

    private static String fails(byte[] bytes) {
        assertFalse(Backends.isAvailable(Device.Type.CPU), "a backend is on the api module's test class path");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.fromBytes(bytes));
        assertTrue(e.getMessage().startsWith("[safetensors] "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + ","
                + end + "]}";
    }

    @Test
    void theHeaderLengthMustFitTheFileAndTheLimit() {
        assertEquals("[safetensors] the file has 5 bytes, fewer than the 8 of the header's length",
                fails(new byte[5]));
        assertTrue(fails(file(100_000_001L, "{}", 0)).contains("larger than the limit of 100000000 bytes"));
        assertTrue(fails(file(-1L, "{}", 0)).contains("18446744073709551615"), "the length is unsigned");
        assertEquals("[safetensors] the header's length 40 runs past the end of the file (10 bytes)",
                fails(file(40, "{}", 0)));
    }

    @Test
    void theHeaderMustBeAUtf8JsonObject() {
        assertEquals("[safetensors] the header must start with '{'", fails(file(" {}", 0)));
        assertEquals("[safetensors] the header must start with '{'", fails(file("[]", 0)));
        byte[] notUtf8 = file("{\"\"}", 0);
        notUtf8[9] = (byte) 0xFF;
        assertEquals("[safetensors] the header is not valid UTF-8", fails(notUtf8));
        assertTrue(fails(file("{\"a\":}", 0)).startsWith("[safetensors] the header is not valid JSON (invalid JSON at"
                + " offset 5"));
        assertTrue(fails(file("{" + entry("w", "F32", "[1]", 0, 4) + "," + entry("w", "F32", "[1]", 4, 8) + "}", 8))
                .contains("duplicate key \"w\""));
        assertTrue(fails(file("{\"__metadata__\":{\"a\":1}}", 0)).contains("must map strings to strings, but 'a'"
                + " holds 1"));
        assertTrue(fails(file("{\"__metadata__\":[]}", 0)).contains("__metadata__ must be an object"));
    }

    @Test
    void entriesNeedAKnownDtypeAndAShapeOfNaturals() {
        assertEquals("[safetensors] tensor 'w' has no data_offsets",
                fails(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4)));
        assertEquals("[safetensors] tensor 'w' has an unknown dtype 'F31'",
                fails(file("{" + entry("w", "F31", "[1]", 0, 4) + "}", 4)));
        assertTrue(fails(file("{" + entry("w", "U8", "[4]", 0, 4) + "}", 4))
                .startsWith("[safetensors] tensor 'w' has dtype U8, which autograd4j cannot hold"));
        assertTrue(fails(file("{" + entry("w", "F32", "[-1]", 0, 4) + "}", 4)).contains("non-negative integers"));
        assertTrue(fails(file("{" + entry("w", "F32", "[1.0]", 0, 4) + "}", 4)).contains("non-negative integers"));
        assertTrue(fails(file("{" + entry("w", "F32", "[3000000000]", 0, 4) + "}", 4))
                .contains("more than autograd4j's limit"));
        assertTrue(fails(file("{" + entry("w", "F32", "[65536,65536,65536,65536]", 0, 4) + "}", 4))
                .contains("overflows"));
        assertEquals("[safetensors] tensor 'w' of dtype F32 and shape [2, 3] needs 6 x 4 bytes but data_offsets"
                + " [0, 20] hold 20", fails(file("{" + entry("w", "F32", "[2,3]", 0, 20) + "}", 20)));
        assertTrue(fails(file("{" + entry("w", "F32", "[1]", 4, 0) + "}", 4)).contains("begin <= end"));
        assertTrue(fails(file("{\"w\":[]}", 0)).contains("must be an object with dtype, shape and data_offsets"));
    }

    @Test
    void offsetsMustTileTheDataExactly() {
        String a = entry("a", "F32", "[1]", 0, 4);
        assertTrue(fails(file("{" + a + "," + entry("b", "F32", "[1]", 8, 12) + "}", 12))
                .contains("tensor 'b' has data_offsets [8, 12] but the data before it ends at 4"), "a gap");
        assertTrue(fails(file("{" + a + "," + entry("b", "F32", "[1]", 0, 4) + "}", 8))
                .contains("but the data before it ends at 4"), "an overlap");
        assertEquals("[safetensors] the tensors cover 4 bytes of data but the file holds 3 after the header (a"
                + " truncated or padded file?)", fails(file("{" + a + "}", 3)));
        assertTrue(fails(file("{" + a + "}", 5)).contains("cover 4 bytes of data but the file holds 5"));
    }

    @Test
    void aBadFileOnDiskIsTheSameErrorAndAMissingOneAnIoError(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, file("{" + entry("w", "F32", "[2]", 0, 8) + "}", 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.load(bad));
        assertTrue(e.getMessage().contains("cover 8 bytes of data but the file holds 4"), e.getMessage());
        assertThrows(java.io.UncheckedIOException.class, () -> Safetensors.load(dir.resolve("missing.safetensors")));
    }

    @Test
    void halfPrecisionBitsDecodeExactly() {
        assertEquals(1.0f, Safetensors.halfToFloat((short) 0x3C00));
        assertEquals(65504.0f, Safetensors.halfToFloat((short) 0x7BFF), "the largest finite half");
        assertEquals(0x1p-14f, Safetensors.halfToFloat((short) 0x0400), "the smallest normal");
        assertEquals(0x1p-24f, Safetensors.halfToFloat((short) 0x0001), "the smallest subnormal");
        assertEquals(-0.0f, Safetensors.halfToFloat((short) 0x8000));
        assertEquals(Float.NEGATIVE_INFINITY, Safetensors.halfToFloat((short) 0xFC00));
        assertTrue(Float.isNaN(Safetensors.halfToFloat((short) 0x7E00)));
    }
}
