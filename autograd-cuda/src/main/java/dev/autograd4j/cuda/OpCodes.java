package dev.autograd4j.cuda;

import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.RandomOp;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.UnaryOp;

/**
 * The {@code int} op code a kernel takes for each SPI enum constant: the {@code AG_*} constants of
 * {@code ag_common.cuh}. The switches have no default, so a constant added to an enum fails to compile here until it
 * has a code; a test reads the header and checks that the two tables agree.
 */
final class OpCodes {
    private OpCodes() {
    }

    /** {@code AG_UNARY_*}. */
    static int of(UnaryOp op) {
        return switch (op) {
            case AFFINE -> 0;
            case EXP -> 1;
            case LOG -> 2;
            case LOG1P -> 3;
            case EXPM1 -> 4;
            case SQRT -> 5;
            case RSQRT -> 6;
            case RECIPROCAL -> 7;
            case ABS -> 8;
            case SIGN -> 9;
            case SIN -> 10;
            case COS -> 11;
            case TANH -> 12;
            case SIGMOID -> 13;
            case RELU -> 14;
            case LEAKY_RELU -> 15;
            case GELU -> 16;
            case GELU_TANH -> 17;
            case ERF -> 18;
            case SOFTPLUS -> 19;
            case POW -> 20;
            case CLAMP -> 21;
            case FLOOR -> 22;
            case CEIL -> 23;
            case ROUND -> 24;
            case LOGICAL_NOT -> 25;
            case ISNAN -> 26;
            case LOG2 -> 27;
            case LOG10 -> 28;
            case TAN -> 29;
            case ASIN -> 30;
            case ACOS -> 31;
            case ATAN -> 32;
            case SINH -> 33;
            case COSH -> 34;
            case ASINH -> 35;
            case ACOSH -> 36;
            case ATANH -> 37;
        };
    }

    /** {@code AG_BINARY_*}. */
    static int of(BinaryOp op) {
        return switch (op) {
            case ADD -> 0;
            case MUL -> 1;
            case DIV -> 2;
            case POW -> 3;
            case MAXIMUM -> 4;
            case MINIMUM -> 5;
            case EQ -> 6;
            case NE -> 7;
            case LT -> 8;
            case LE -> 9;
            case GT -> 10;
            case GE -> 11;
            case LOGICAL_AND -> 12;
            case LOGICAL_OR -> 13;
            case TANH_BACKWARD -> 14;
            case SIGMOID_BACKWARD -> 15;
            case THRESHOLD_BACKWARD -> 16;
            case LEAKY_RELU_BACKWARD -> 17;
            case GELU_BACKWARD -> 18;
            case GELU_TANH_BACKWARD -> 19;
            case FMOD -> 20;
            case REMAINDER -> 21;
            case ATAN2 -> 22;
            case DIV_TRUNC -> 23;
            case DIV_FLOOR -> 24;
        };
    }

    /** {@code AG_REDUCE_*}. */
    static int of(ReduceOp op) {
        return switch (op) {
            case SUM -> 0;
            case MAX -> 1;
            case MIN -> 2;
            case ARGMAX -> 3;
            case ARGMIN -> 4;
            case ANY -> 5;
            case ALL -> 6;
        };
    }

    /** {@code AG_RANDOM_*}. */
    static int of(RandomOp op) {
        return switch (op) {
            case UNIFORM -> 0;
            case NORMAL -> 1;
            case RANDINT -> 2;
        };
    }
}
