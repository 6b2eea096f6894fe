package dev.autograd4j;

/**
 * The element types a tensor can hold, named as PyTorch names them ({@code torch.float32} is {@link #FLOAT32}).
 *
 * <p>Only floating-point tensors can require gradients. Type promotion follows PyTorch's
 * {@code torch.result_type}: bool &lt; integers &lt; floating point, and within a category the wider type wins.
 */
public enum DType {
    /** 32-bit IEEE 754 floating point, {@code torch.float32}: the default for floating results. */
    FLOAT32("float32", 4, Category.FLOATING),
    /** 64-bit IEEE 754 floating point, {@code torch.float64}: what {@link GradCheck} needs. */
    FLOAT64("float64", 8, Category.FLOATING),
    /** 64-bit signed integers, {@code torch.int64}: indices, class targets, sums of integers. */
    INT64("int64", 8, Category.INTEGRAL),
    /** 32-bit signed integers, {@code torch.int32}. */
    INT32("int32", 4, Category.INTEGRAL),
    /** Booleans, {@code torch.bool}: results of comparisons, conditions of {@code where}. */
    BOOL("bool", 1, Category.BOOLEAN);

    /** The kinds of number, in promotion order: {@code BOOLEAN} &lt; {@code INTEGRAL} &lt; {@code FLOATING}. */
    public enum Category {
        /** BOOL. */
        BOOLEAN,
        /** INT32 and INT64. */
        INTEGRAL,
        /** FLOAT32 and FLOAT64. */
        FLOATING
    }

    private final String pyName;
    private final int byteSize;
    private final Category category;

    DType(String pyName, int byteSize, Category category) {
        this.pyName = pyName;
        this.byteSize = byteSize;
        this.category = category;
    }

    /**
     * PyTorch's short name: {@code float32}, {@code int64}, {@code bool}.
     *
     * @return the name PyTorch prints
     */
    public String pyName() {
        return pyName;
    }

    /**
     * The size of one element in bytes, like {@code dtype.itemsize}.
     *
     * @return 1, 4 or 8
     */
    public int byteSize() {
        return byteSize;
    }

    /**
     * The kind of number this type holds.
     *
     * @return the category
     */
    public Category category() {
        return category;
    }

    /**
     * Whether this is FLOAT32 or FLOAT64, like {@code dtype.is_floating_point}.
     *
     * @return true for floating types
     */
    public boolean isFloatingPoint() {
        return category == Category.FLOATING;
    }

    /**
     * Whether this is INT32 or INT64 (not BOOL).
     *
     * @return true for integer types
     */
    public boolean isIntegral() {
        return category == Category.INTEGRAL;
    }

    /**
     * The smallest type that holds both values: PyTorch's {@code torch.promote_types}.
     *
     * @param a one type
     * @param b the other
     * @return the higher category's type, or within one category the wider type
     */
    public static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a.category != b.category) {
            return a.category.compareTo(b.category) > 0 ? a : b;
        }
        return a.byteSize >= b.byteSize ? a : b;
    }

    /**
     * The dtype PyTorch uses for a floating result when no operand was floating.
     *
     * @return FLOAT32
     */
    public static DType defaultFloat() {
        return FLOAT32;
    }

    @Override
    public String toString() {
        return pyName;
    }
}
