package dev.autograd4j;

/**
 * The element types a tensor can hold, named as PyTorch names them ({@code torch.float32} is {@link #FLOAT32}).
 *
 * <p>Only floating-point tensors can require gradients. Type promotion follows PyTorch's
 * {@code torch.result_type}: bool &lt; integers &lt; floating point, and within a category the wider type wins.
 */
public enum DType {
    FLOAT32("float32", 4, Category.FLOATING),
    FLOAT64("float64", 8, Category.FLOATING),
    INT64("int64", 8, Category.INTEGRAL),
    INT32("int32", 4, Category.INTEGRAL),
    BOOL("bool", 1, Category.BOOLEAN);

    /** The kinds of number, in promotion order. */
    public enum Category { BOOLEAN, INTEGRAL, FLOATING }

    private final String pyName;
    private final int byteSize;
    private final Category category;

    DType(String pyName, int byteSize, Category category) {
        this.pyName = pyName;
        this.byteSize = byteSize;
        this.category = category;
    }

    /** PyTorch's short name: {@code float32}, {@code int64}, {@code bool}. */
    public String pyName() {
        return pyName;
    }

    public int byteSize() {
        return byteSize;
    }

    public Category category() {
        return category;
    }

    public boolean isFloatingPoint() {
        return category == Category.FLOATING;
    }

    public boolean isIntegral() {
        return category == Category.INTEGRAL;
    }

    /** The smallest type that holds both values: PyTorch's {@code torch.promote_types}. */
    public static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a.category != b.category) {
            return a.category.compareTo(b.category) > 0 ? a : b;
        }
        return a.byteSize >= b.byteSize ? a : b;
    }

    /** The dtype PyTorch uses for a floating result when no operand was floating. */
    public static DType defaultFloat() {
        return FLOAT32;
    }

    @Override
    public String toString() {
        return pyName;
    }
}
