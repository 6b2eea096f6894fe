package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ABI's names and sizes of the element types (cuda-kernels/README.md, "Types and names"). */
class DTypesTest {

    @Test
    void suffixesAndSizesAreTheAbis() {
        List<String> suffixes = Arrays.stream(DType.values()).map(DTypes::suffix).toList();
        assertEquals(List.of("f32", "f64", "i64", "i32", "b8"), suffixes);
        for (DType t : DType.values()) {
            assertEquals(t.byteSize(), DTypes.size(t), t + ": float, double, long long, int, unsigned char");
        }
    }
}
