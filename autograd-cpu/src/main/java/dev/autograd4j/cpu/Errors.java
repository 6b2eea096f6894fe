package dev.autograd4j.cpu;

import dev.autograd4j.DType;

import java.util.Locale;

/**
 * The CPU backend's error messages, built in one place so they all read alike: one line, the op first in
 * brackets as PyTorch names it ({@code [logical_and]}), then what was wrong with which dtype or value.
 */
final class Errors {
    private Errors() {
    }

    /** PyTorch's name for an op constant: {@code LOGICAL_AND} is {@code logical_and}. */
    static String name(Enum<?> op) {
        return op.name().toLowerCase(Locale.ROOT);
    }

    /** An op called with a dtype it is not defined for (the op layer promotes or rejects first). */
    static IllegalArgumentException dtype(Enum<?> op, DType dtype) {
        return new IllegalArgumentException("[" + name(op) + "] is not defined for dtype " + dtype + " on the CPU");
    }

    static IllegalArgumentException dtype(String op, DType dtype) {
        return new IllegalArgumentException("[" + op + "] is not defined for dtype " + dtype + " on the CPU");
    }

    /** PyTorch's wording: {@code [gather] index 5 is out of bounds for dimension 1 with size 3}. */
    static IndexOutOfBoundsException index(String op, long index, int dim, int size) {
        return new IndexOutOfBoundsException("[" + op + "] index " + index + " is out of bounds for dimension " + dim
                + " with size " + size);
    }
}
