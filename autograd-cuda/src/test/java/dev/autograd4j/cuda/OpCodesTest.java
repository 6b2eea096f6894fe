package dev.autograd4j.cuda;

import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.RandomOp;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.UnaryOp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java table of op codes against the {@code #define AG_*} constants the kernels are compiled with. */
class OpCodesTest {
    private static final Pattern DEFINE = Pattern.compile("(?m)^#define\\s+AG_(UNARY|BINARY|REDUCE|RANDOM)_(\\w+)\\s+(\\d+)\\s*$");

    /** ag_common.cuh from the cuda-kernels sources (the tests run in autograd-cuda, beside that module). */
    private static Map<String, Integer> header() throws IOException {
        Path h = Path.of("..", "cuda-kernels", "src", "main", "cuda", "ag_common.cuh");
        assertTrue(Files.isRegularFile(h), "ag_common.cuh not found at " + h.toAbsolutePath());
        Map<String, Integer> codes = new TreeMap<>();
        Matcher m = DEFINE.matcher(Files.readString(h));
        while (m.find()) {
            codes.put(m.group(1) + "_" + m.group(2), Integer.parseInt(m.group(3)));
        }
        return codes;
    }

    private static <E extends Enum<E>> void check(Map<String, Integer> header, String family, Class<E> type,
                                                  ToIntFunction<E> code) {
        Map<String, Integer> expected = new TreeMap<>();
        for (E e : type.getEnumConstants()) {
            expected.put(family + "_" + e.name(), code.applyAsInt(e));
        }
        Map<String, Integer> declared = new TreeMap<>();
        header.forEach((name, value) -> {
            if (name.startsWith(family + "_")) {
                declared.put(name, value);
            }
        });
        assertEquals(expected, declared, "AG_" + family + "_* in ag_common.cuh against OpCodes and " + type.getName());
    }

    @Test
    void everyEnumConstantHasTheHeadersCode() throws IOException {
        Map<String, Integer> header = header();
        assertNotNull(header.get("UNARY_AFFINE"), "the header's defines were not found: " + header);
        check(header, "UNARY", UnaryOp.class, OpCodes::of);
        check(header, "BINARY", BinaryOp.class, OpCodes::of);
        check(header, "REDUCE", ReduceOp.class, OpCodes::of);
        check(header, "RANDOM", RandomOp.class, OpCodes::of);
    }

    @Test
    void codesAreDistinctWithinAFamily() {
        assertEquals(UnaryOp.values().length,
                Arrays.stream(UnaryOp.values()).mapToInt(OpCodes::of).distinct().count());
        assertEquals(BinaryOp.values().length,
                Arrays.stream(BinaryOp.values()).mapToInt(OpCodes::of).distinct().count());
        assertEquals(ReduceOp.values().length,
                Arrays.stream(ReduceOp.values()).mapToInt(OpCodes::of).distinct().count());
        assertEquals(RandomOp.values().length,
                Arrays.stream(RandomOp.values()).mapToInt(OpCodes::of).distinct().count());
    }
}
