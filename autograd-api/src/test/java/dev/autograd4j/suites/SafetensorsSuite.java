package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.io.Safetensors;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.nn.Tanh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Safetensors files written from and read onto the suite's {@link #device()}: round trips of every dtype and of the
 * shapes the format's corner cases name, and the bytes the reference implementation writes for the same tensors.
 * The checks of bad files, which fail before any tensor is made, are in the api module's SafetensorsFormatTest.
 */
public abstract class SafetensorsSuite extends DeviceSuite {

    /** A file's bytes: the 8-byte little-endian length of {@code header}, the header, then {@code data}. */
    static byte[] file(String header, byte... data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return b.putLong(h.length).put(h).put(data).array();
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /**
     * The reference implementation's own serialization tests (safetensors' {@code tensor.rs}: test_serialization,
     * test_serialization_forced_alignement, test_empty): compact JSON, padded with spaces to a multiple of 8.
     */
    @Test
    void writesTheBytesTheReferenceImplementationWrites() {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3);
        assertArrayEquals(file("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}",
                floats(0, 1, 2, 3, 4, 5)), Safetensors.toBytes(Map.of("attn.0", t), Map.of()));
        assertArrayEquals(file("{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ",
                floats(0, 1, 2, 3, 4, 5)), Safetensors.toBytes(Map.of("attn0", t.reshape(1, 1, 2, 3)), Map.of()));
        assertArrayEquals(file("{}      "), Safetensors.toBytes(Map.of(), Map.of()));
        assertArrayEquals(file("{\"__metadata__\":{\"framework\":\"pt\"}}     "),
                Safetensors.toBytes(Map.of(), Map.of("framework", "pt")));
    }

    /** The reference's order: widest dtype first (I64, F64, F32, I32, BOOL), then by name; each range aligned. */
    @Test
    void ordersTensorsByAlignmentThenNameAndAlignsTheData() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("mask", Tensor.of(new boolean[] {true, false, true}));
        tensors.put("b", Tensor.of(new float[] {1.5f}));
        tensors.put("a", Tensor.of(new float[] {-2}));
        tensors.put("count", Tensor.of(new long[] {7}));
        tensors.put("ids", Tensor.of(new int[] {3, 4}));
        byte[] bytes = Safetensors.toBytes(tensors, Map.of());
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "the header is padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8).stripTrailing();
        assertEquals("{\"count\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]},"
                + "\"ids\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[16,24]},"
                + "\"mask\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[24,27]}}", header);
        assertEquals(8 + n + 27, bytes.length);
    }

    @Test
    void everyDtypeAndTheCornerShapesRoundTrip(@TempDir Path dir) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("f32", Tensor.of(new float[] {1.5f, -0f, Float.NaN, Float.NEGATIVE_INFINITY}, 2, 2));
        tensors.put("f64", Tensor.of(new double[] {Math.PI, Double.MIN_VALUE, -1e300}));
        tensors.put("i32", Tensor.of(new int[] {Integer.MIN_VALUE, -1, Integer.MAX_VALUE}));
        tensors.put("i64", Tensor.of(new long[] {Long.MIN_VALUE, 42, Long.MAX_VALUE}));
        tensors.put("bool", Tensor.of(new boolean[] {true, false, false, true}, 2, 2));
        tensors.put("scalar", Tensor.scalar(-8.0));
        tensors.put("empty", Tensor.zeros(0, 3));
        tensors.put("transposed", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).t());
        tensors.put("expanded", Tensor.of(new float[] {1, 2}).unsqueeze(0).expand(3, 2));
        tensors.put("name with \"quotes\", \\ and ünïcödé ✓", Tensor.of(new long[] {1}));
        Map<String, String> metadata = Map.of("format", "pt", "note", "line\nbreak\ttab");
        Path file = dir.resolve("all.safetensors");
        Safetensors.save(tensors, metadata, file);

        Safetensors.Contents back = Safetensors.read(file, device());
        assertEquals(metadata, back.metadata());
        assertEquals(metadata, Safetensors.metadata(file));
        assertEquals(tensors.keySet(), back.tensors().keySet());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor original = e.getValue(), loaded = back.tensors().get(e.getKey());
            assertEquals(device(), loaded.device(), e.getKey());
            assertEquals(original.dtype(), loaded.dtype(), e.getKey());
            assertArrayEquals(original.shape(), loaded.shape(), e.getKey());
            assertTrue(loaded.isContiguous(), e.getKey() + " is stored as contiguous data");
            if (original.dtype() == DType.BOOL) {
                assertArrayEquals(original.toBooleanArray(), loaded.toBooleanArray());
            } else if (original.dtype().isFloatingPoint()) {
                assertArrayEquals(original.toDoubleArray(), loaded.toDoubleArray(), 0, e.getKey());
            } else {
                assertArrayEquals(original.toLongArray(), loaded.toLongArray(), e.getKey());
            }
        }
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, back.tensors().get("transposed").toFloatArray());
        assertEquals(0, back.tensors().get("scalar").dim());
    }

    /** Files from other writers: a pretty-printed, space-padded header, tensors listed out of order, F16 and BF16. */
    @Test
    void readsHeadersAsOtherWritersLayThemOut() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(floats(7, 8));
        // F16: 1.0 (0x3C00), -2.0 (0xC000), +inf (0x7C00), the smallest subnormal 2^-24 (0x0001), little-endian.
        data.writeBytes(new byte[] {0x00, 0x3C, 0x00, (byte) 0xC0, 0x00, 0x7C, 0x01, 0x00});
        // BF16: 1.0 (0x3F80) and -0.5 (0xBF00).
        data.writeBytes(new byte[] {(byte) 0x80, 0x3F, 0x00, (byte) 0xBF});
        String header = "{\n  \"bf\": {\"shape\": [2], \"dtype\": \"BF16\", \"data_offsets\": [16, 20]},\n"
                + "  \"__metadata__\": {\"source\": \"hand-written\"},\n"
                + "  \"half\": {\"dtype\": \"F16\", \"shape\": [2, 2], \"data_offsets\": [8, 16]},\n"
                + "  \"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}\n}       ";
        Safetensors.Contents c = Safetensors.fromBytes(file(header, data.toByteArray()));
        assertEquals(List.of("w", "half", "bf"), List.copyOf(c.tensors().keySet()), "in the order of their data");
        assertEquals(Map.of("source", "hand-written"), c.metadata());
        assertArrayEquals(new float[] {7, 8}, c.tensors().get("w").toFloatArray());
        assertEquals(DType.FLOAT32, c.tensors().get("half").dtype());
        assertArrayEquals(new float[] {1, -2, Float.POSITIVE_INFINITY, 0x1p-24f},
                c.tensors().get("half").toFloatArray());
        assertArrayEquals(new float[] {1, -0.5f}, c.tensors().get("bf").toFloatArray());
    }

    @Test
    void aModelSavedAndLoadedComputesTheSame(@TempDir Path dir) throws Exception {
        Sequential model = new Sequential(new Linear(3, 4, new Generator(0)), new Tanh(), new Linear(4, 2,
                new Generator(1)));
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(model.stateDict(), Map.of("format", "pt"), file);
        assertTrue(Files.size(file) > 8 + (12 + 4 + 8 + 2) * 4);
        Sequential other = new Sequential(new Linear(3, 4, new Generator(5)), new Tanh(), new Linear(4, 2,
                new Generator(6)));
        other.loadStateDict(Safetensors.load(file));
        Tensor x = Tensor.of(new float[] {1, -1, 0.5f, 2, 0, -3}, 2, 3);
        assertArrayEquals(model.forward(x).toFloatArray(), other.forward(x).toFloatArray());
    }

    @Test
    void aFailedSaveLeavesNoFileBehind(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.save(Map.of("__metadata__", Tensor.ones(1)), file));
        assertEquals("[safetensors] a tensor cannot be named __metadata__", e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
