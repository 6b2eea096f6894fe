package dev.autograd4j.io;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format, the one PyTorch users share weights in
 * ({@code safetensors.torch.save_file} / {@code load_file}):
 * <pre>
 * 8 bytes    N, the header's length, an unsigned little-endian 64-bit integer
 * N bytes    a UTF-8 JSON object: {"__metadata__": {"k": "v", ...},
 *                                  "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...}
 *            (__metadata__ is optional, strings to strings; trailing spaces may pad it)
 * the rest   the tensors' bytes, row-major, little-endian; offsets are relative to the start of this part
 * </pre>
 * Writing follows the reference implementation byte for byte: compact JSON, {@code __metadata__} first, tensors
 * ordered by dtype alignment (widest first) then by name, the header padded with spaces to a multiple of 8 so each
 * tensor's data is aligned. A tensor is saved as contiguous data whatever its strides (a device tensor is read back
 * once). Reading checks everything before it makes a tensor, as the reference does: the header's size (at most
 * 100,000,000 bytes) and start, the JSON, dtype names, shapes, that the offsets tile the data part exactly in order
 * and that each range holds {@code numel * size} bytes. A bad file is an {@link IllegalArgumentException} that says
 * what is wrong, never a partial load.
 *
 * <p>dtypes: {@code F32}, {@code F64}, {@code I32}, {@code I64} and {@code BOOL} map to this library's; a file's
 * {@code F16} and {@code BF16} tensors load as float32 (exactly: every such value is a float32); other dtypes are an
 * error naming them.
 */
public final class Safetensors {
    /** The reference implementation's limit on the header's size. */
    static final long MAX_HEADER_SIZE = 100_000_000L;

    private Safetensors() {
    }

    /** A file's tensors (in the order of their data) and its {@code __metadata__} (empty when absent). */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    // ------------------------------------------------------------------------------------------------------------
    // Writing
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Saves {@code tensors} (a state dict) to {@code file}, like {@code safetensors.torch.save_file}.
     *
     * <pre>{@code
     * Safetensors.save(model.stateDict(), Path.of("model.safetensors"));
     * }</pre>
     *
     * @param tensors the tensors by name, any device and strides
     * @param file the file to write (replaced if it exists)
     * @throws IllegalArgumentException if a name is {@code __metadata__} or a tensor is null
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void save(Map<String, Tensor> tensors, Path file) {
        save(tensors, Map.of(), file);
    }

    /**
     * Saves {@code tensors} with {@code metadata} (free-form strings) to {@code file}: written to a temporary file
     * beside it, then moved into place, so a failure leaves no half-written file.
     *
     * @param tensors the tensors by name
     * @param metadata strings stored under {@code __metadata__}
     * @param file the file to write (replaced if it exists)
     * @throws IllegalArgumentException if a name is {@code __metadata__}, a tensor or string is null or not valid
     *     Unicode
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path file) {
        byte[] bytes = toBytes(tensors, metadata);
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        try {
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("[safetensors] cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The bytes of a safetensors file holding {@code tensors} and {@code metadata}.
     *
     * @param tensors the tensors by name
     * @param metadata strings stored under {@code __metadata__}
     * @return the file's bytes
     * @throws IllegalArgumentException if a name is {@code __metadata__}, a tensor is null, or the whole does not fit
     *     in one Java array
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            checkText("metadata key", m.getKey());
            checkText("metadata value", m.getValue());
        }
        List<Map.Entry<String, Tensor>> order = new ArrayList<>(tensors.entrySet());
        for (Map.Entry<String, Tensor> e : order) {
            checkText("tensor name", e.getKey());
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("[safetensors] a tensor cannot be named __metadata__");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("[safetensors] tensor '" + e.getKey() + "' is null");
            }
        }
        // The reference's order: dtype alignment, widest first, then the names' UTF-8 bytes.
        order.sort(Comparator.<Map.Entry<String, Tensor>>comparingInt(e -> -rank(e.getValue().dtype()))
                .thenComparing(e -> e.getKey().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));

        StringBuilder header = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            Json.writeString(header, "__metadata__");
            header.append(":{");
            boolean first = true;
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                header.append(first ? "" : ",");
                first = false;
                Json.writeString(header, m.getKey());
                header.append(':');
                Json.writeString(header, m.getValue());
            }
            header.append('}');
        }
        long offset = 0;
        List<byte[]> data = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : order) {
            Tensor t = e.getValue();
            byte[] bytes = bytesOf(t);
            data.add(bytes);
            header.append(header.length() > 1 ? "," : "");
            Json.writeString(header, e.getKey());
            header.append(":{\"dtype\":\"").append(name(t.dtype())).append("\",\"shape\":[");
            int[] shape = t.shape();
            for (int d = 0; d < shape.length; d++) {
                header.append(d > 0 ? "," : "").append(shape[d]);
            }
            header.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes.length).append("]}");
            offset += bytes.length;
        }
        header.append('}');
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("[safetensors] " + total + " bytes do not fit in one Java array");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (byte[] bytes : data) {
            out.put(bytes);
        }
        return out.array();
    }

    private static void checkText(String what, String s) {
        if (s == null) {
            throw new IllegalArgumentException("[safetensors] a " + what + " is null");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("[safetensors] the " + what + " '" + s + "' is not valid Unicode"
                        + " (an unpaired surrogate)");
            }
        }
    }

    /** The tensor's elements, row-major, little-endian (one read of its device). */
    private static byte[] bytesOf(Tensor t) {
        long numel = t.numel();
        int size = t.dtype().byteSize();
        if (numel * size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("[safetensors] a tensor of " + numel + " " + t.dtype() + " elements is"
                    + " too large to save");
        }
        ByteBuffer b = ByteBuffer.allocate((int) (numel * size)).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case FLOAT32 -> b.asFloatBuffer().put(t.toFloatArray());
            case FLOAT64 -> b.asDoubleBuffer().put(t.toDoubleArray());
            case INT32 -> b.asIntBuffer().put(t.toIntArray());
            case INT64 -> b.asLongBuffer().put(t.toLongArray());
            case BOOL -> {
                for (boolean v : t.toBooleanArray()) {
                    b.put((byte) (v ? 1 : 0));
                }
            }
        }
        return b.array();
    }

    /** The reference's dtype name. */
    private static String name(DType t) {
        return switch (t) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case INT32 -> "I32";
            case INT64 -> "I64";
            case BOOL -> "BOOL";
        };
    }

    /** The reference's Dtype order (its enum's declaration order), which its writer sorts by. */
    private static int rank(DType t) {
        return switch (t) {
            case BOOL -> 0;
            case INT32 -> 9;
            case FLOAT32 -> 11;
            case FLOAT64 -> 12;
            case INT64 -> 13;
        };
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reading
    // ------------------------------------------------------------------------------------------------------------

    /** The element types a file may hold: the reference's names and sizes, and what each loads as here. */
    private enum FileType {
        BOOL(1, DType.BOOL), U8(1, null), I8(1, null), F8_E5M2(1, null), F8_E4M3(1, null), I16(2, null),
        U16(2, null), F16(2, DType.FLOAT32), BF16(2, DType.FLOAT32), I32(4, DType.INT32), U32(4, null),
        F32(4, DType.FLOAT32), F64(8, DType.FLOAT64), I64(8, DType.INT64), U64(8, null);

        final int size;
        final DType loadsAs;

        FileType(int size, DType loadsAs) {
            this.size = size;
            this.loadsAs = loadsAs;
        }
    }

    /** One tensor's entry in the header, checked. */
    private record Entry(String name, FileType type, int[] shape, long begin, long end) {
    }

    /**
     * Loads a file's tensors onto the CPU, like {@code safetensors.torch.load_file}.
     *
     * @param file a safetensors file
     * @return the tensors by name, in the order of their data
     * @throws IllegalArgumentException if the file is not valid safetensors (nothing is loaded)
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Map<String, Tensor> load(Path file) {
        return read(file, Device.cpu()).tensors();
    }

    /**
     * Loads a file's tensors onto {@code device}.
     *
     * @param file a safetensors file
     * @param device where to put the tensors
     * @return the tensors by name
     * @throws IllegalArgumentException if the file is not valid safetensors (nothing is loaded)
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Map<String, Tensor> load(Path file, Device device) {
        return read(file, device).tensors();
    }

    /**
     * A file's tensors (on {@code device}) and metadata.
     *
     * @param file a safetensors file
     * @param device where to put the tensors
     * @return the tensors and the metadata
     * @throws IllegalArgumentException if the file is not valid safetensors (nothing is loaded)
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Contents read(Path file, Device device) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = readFully(ch, 0, (int) Math.min(8, size));
            long n = head.remaining() < 8 ? -1 : head.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            checkHeaderSize(n, size);
            String json = utf8(readFully(ch, 8, (int) n));
            Parsed parsed = parseHeader(json, size - 8 - n);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : parsed.entries) {
                long bytes = e.end - e.begin;
                if (bytes > Integer.MAX_VALUE - 8) {
                    throw bad("tensor '" + e.name + "' holds " + bytes + " bytes, more than one Java array can");
                }
                tensors.put(e.name, tensor(e, readFully(ch, 8 + n + e.begin, (int) bytes), device));
            }
            return new Contents(tensors, parsed.metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("[safetensors] cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The tensors (on the CPU) and metadata of a safetensors file's bytes.
     *
     * @param bytes a whole safetensors file
     * @return the tensors and the metadata
     * @throws IllegalArgumentException if the bytes are not valid safetensors
     */
    public static Contents fromBytes(byte[] bytes) {
        long n = bytes.length < 8 ? -1 : ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        checkHeaderSize(n, bytes.length);
        String json = utf8(ByteBuffer.wrap(bytes, 8, (int) n));
        Parsed parsed = parseHeader(json, bytes.length - 8 - n);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : parsed.entries) {
            ByteBuffer data = ByteBuffer.wrap(bytes, (int) (8 + n + e.begin), (int) (e.end - e.begin)).slice();
            tensors.put(e.name, tensor(e, data, Device.cpu()));
        }
        return new Contents(tensors, parsed.metadata);
    }

    /**
     * A file's {@code __metadata__} (empty when absent), without reading its tensors.
     *
     * @param file a safetensors file
     * @return the metadata, empty when absent
     * @throws IllegalArgumentException if the header is not valid
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Map<String, String> metadata(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = readFully(ch, 0, (int) Math.min(8, size));
            long n = head.remaining() < 8 ? -1 : head.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            checkHeaderSize(n, size);
            return parseHeader(utf8(readFully(ch, 8, (int) n)), size - 8 - n).metadata;
        } catch (IOException e) {
            throw new UncheckedIOException("[safetensors] cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException("[safetensors] " + message);
    }

    /** {@code n < 0}: fewer than 8 bytes; the header's length read as unsigned. */
    private static void checkHeaderSize(long n, long fileSize) {
        if (n == -1 && fileSize < 8) {
            throw bad("the file has " + fileSize + " bytes, fewer than the 8 of the header's length");
        }
        if (n < 0 || n > MAX_HEADER_SIZE) {
            throw bad("the header's length " + Long.toUnsignedString(n) + " is larger than the limit of "
                    + MAX_HEADER_SIZE + " bytes");
        }
        if (8 + n > fileSize) {
            throw bad("the header's length " + n + " runs past the end of the file (" + fileSize + " bytes)");
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return b.flip();
    }

    private static String utf8(ByteBuffer b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(b).toString();
        } catch (CharacterCodingException e) {
            throw bad("the header is not valid UTF-8");
        }
    }

    private record Parsed(List<Entry> entries, Map<String, String> metadata) {
    }

    /** Parses and checks a header against the {@code dataSize} bytes that follow it. */
    private static Parsed parseHeader(String json, long dataSize) {
        if (!json.startsWith("{")) {
            throw bad("the header must start with '{'");
        }
        Object root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw bad("the header is not valid JSON (" + e.getMessage() + ")");
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw bad("the header must be a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> kv : map.entrySet()) {
            String name = (String) kv.getKey();
            if (name.equals("__metadata__")) {
                if (!(kv.getValue() instanceof Map<?, ?> m)) {
                    throw bad("__metadata__ must be an object of strings");
                }
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getValue() instanceof String value)) {
                        throw bad("__metadata__ must map strings to strings, but '" + e.getKey() + "' holds "
                                + (e.getValue() == null ? "null" : e.getValue()));
                    }
                    metadata.put((String) e.getKey(), value);
                }
                continue;
            }
            entries.add(entry(name, kv.getValue()));
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        for (Entry e : entries) {
            if (e.begin != at) {
                throw bad("tensor '" + e.name + "' has data_offsets [" + e.begin + ", " + e.end + "] but the data before"
                        + " it ends at " + at + " (offsets must tile the data without gaps or overlaps)");
            }
            at = e.end;
        }
        if (at != dataSize) {
            throw bad("the tensors cover " + at + " bytes of data but the file holds " + dataSize
                    + " after the header (a truncated or padded file?)");
        }
        return new Parsed(entries, metadata);
    }

    private static Entry entry(String name, Object value) {
        if (!(value instanceof Map<?, ?> info)) {
            throw bad("tensor '" + name + "' must be an object with dtype, shape and data_offsets");
        }
        for (String key : List.of("dtype", "shape", "data_offsets")) {
            if (!info.containsKey(key)) {
                throw bad("tensor '" + name + "' has no " + key);
            }
        }
        if (!(info.get("dtype") instanceof String dtypeName)) {
            throw bad("tensor '" + name + "' has a dtype that is not a string");
        }
        FileType type;
        try {
            type = FileType.valueOf(dtypeName);
        } catch (IllegalArgumentException e) {
            throw bad("tensor '" + name + "' has an unknown dtype '" + dtypeName + "'");
        }
        if (type.loadsAs == null) {
            throw bad("tensor '" + name + "' has dtype " + dtypeName + ", which autograd4j cannot hold (it loads F32,"
                    + " F64, F16 and BF16 as floats, I32, I64 and BOOL)");
        }
        long[] dims = naturals(name, "shape", info.get("shape"));
        long[] offsets = naturals(name, "data_offsets", info.get("data_offsets"));
        if (offsets.length != 2 || offsets[1] < offsets[0]) {
            throw bad("tensor '" + name + "' has data_offsets " + Arrays.toString(offsets) + "; expected [begin, end]"
                    + " with begin <= end");
        }
        int[] shape = new int[dims.length];
        long numel = 1;
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] > Integer.MAX_VALUE) {
                throw bad("tensor '" + name + "' has a dimension of " + dims[d] + ", more than autograd4j's limit of "
                        + Integer.MAX_VALUE);
            }
            shape[d] = (int) dims[d];
            try {
                numel = Math.multiplyExact(numel, dims[d]);
            } catch (ArithmeticException overflow) {
                throw bad("tensor '" + name + "' has shape " + Arrays.toString(dims) + " whose size overflows");
            }
        }
        if (numel > Long.MAX_VALUE / type.size || numel * type.size != offsets[1] - offsets[0]) {
            throw bad("tensor '" + name + "' of dtype " + dtypeName + " and shape " + Arrays.toString(dims)
                    + " needs " + numel + " x " + type.size + " bytes but data_offsets [" + offsets[0] + ", "
                    + offsets[1] + "] hold " + (offsets[1] - offsets[0]));
        }
        return new Entry(name, type, shape, offsets[0], offsets[1]);
    }

    private static long[] naturals(String name, String key, Object value) {
        if (!(value instanceof List<?> list)) {
            throw bad("tensor '" + name + "' has a " + key + " that is not an array");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v) || v < 0) {
                throw bad("tensor '" + name + "' has " + key + " " + list + "; expected non-negative integers");
            }
            out[i] = v;
        }
        return out;
    }

    /** Decodes an entry's little-endian bytes into a tensor on {@code device}. */
    private static Tensor tensor(Entry e, ByteBuffer raw, Device device) {
        ByteBuffer b = raw.order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) ((e.end - e.begin) / e.type.size);
        Tensor flat = switch (e.type) {
            case F32 -> {
                float[] v = new float[n];
                b.asFloatBuffer().get(v);
                yield Tensor.of(v);
            }
            case F64 -> {
                double[] v = new double[n];
                b.asDoubleBuffer().get(v);
                yield Tensor.of(v);
            }
            case I32 -> {
                int[] v = new int[n];
                b.asIntBuffer().get(v);
                yield Tensor.of(v);
            }
            case I64 -> {
                long[] v = new long[n];
                b.asLongBuffer().get(v);
                yield Tensor.of(v);
            }
            case BOOL -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.get(i) != 0;
                }
                yield Tensor.of(v);
            }
            case F16, BF16 -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    short bits = b.getShort(2 * i);
                    v[i] = e.type == FileType.BF16 ? Float.intBitsToFloat((bits & 0xFFFF) << 16) : halfToFloat(bits);
                }
                yield Tensor.of(v);
            }
            default -> throw new IllegalStateException("[safetensors] unreachable: " + e.type);
        };
        return flat.reshape(e.shape).to(device);
    }

    /** IEEE 754 binary16 to float (exact: subnormals, infinities and NaN included). */
    static float halfToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero): mant * 2^-24
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
