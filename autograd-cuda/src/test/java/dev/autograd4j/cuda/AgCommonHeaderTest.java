package dev.autograd4j.cuda;

import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.RandomOp;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.UnaryOp;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ag_common.cuh against the SPI: one code per enum constant of each family, distinct within it, and the Layout
 * size the README gives. (The comparison with the Java side's op-code table belongs with that table, in the
 * elementwise family's tests; {@link AgCommonHeader} reads the codes for it.)
 */
class AgCommonHeaderTest {

    @Test
    void everySpiOpHasOneCodeOfItsOwn() {
        family("AG_UNARY_", UnaryOp.values());
        family("AG_BINARY_", BinaryOp.values());
        family("AG_REDUCE_", ReduceOp.values());
        family("AG_RANDOM_", RandomOp.values());
    }

    private static void family(String prefix, Enum<?>[] ops) {
        Map<String, Integer> codes = AgCommonHeader.codes(prefix);
        assertEquals(new TreeSet<>(Arrays.stream(ops).map(Enum::name).toList()), new TreeSet<>(codes.keySet()),
                prefix + "* and the SPI enum name the same ops");
        assertEquals(codes.size(), new HashSet<>(codes.values()).size(), prefix + "* codes are distinct");
    }

    @Test
    void theLayoutIs51Longs() {
        Map<String, Long> d = AgCommonHeader.defines();
        assertEquals(10, d.get("AG_MAX_DIMS"));
        assertEquals(4, d.get("AG_MAX_OPERANDS"));
        assertEquals(51, 1 + d.get("AG_MAX_DIMS") * (1 + d.get("AG_MAX_OPERANDS")));
    }
}
