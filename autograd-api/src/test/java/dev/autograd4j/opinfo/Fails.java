package dev.autograd4j.opinfo;

import dev.autograd4j.Tensor;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Shared generators of error cases: the bad inputs every op of a family must reject the same way. */
public final class Fails {
    private Fails() {
    }

    static Tensor[] ins(Tensor... tensors) {
        return tensors;
    }

    /** Operands that do not broadcast ([2, 3] and [4]); the first requires grad, so nothing may be recorded. */
    public static ErrorCase broadcast(BinaryOperator<Tensor> op) {
        return ErrorCase.of("shapes [2, 3] and [4]", () -> ins(Tensor.ones(2, 3).requiresGrad(true), Tensor.ones(4)),
                x -> op.apply(x[0], x[1]), "[2, 3]", "[4]", "not broadcastable");
    }

    /** Operands on two devices. */
    public static ErrorCase devices(BinaryOperator<Tensor> op) {
        return ErrorCase.devices(other -> ins(Tensor.ones(2, 3).requiresGrad(true), Tensor.ones(2, 3).to(other)),
                x -> op.apply(x[0], x[1]));
    }

    /** Both of the above. */
    public static List<ErrorCase> binary(BinaryOperator<Tensor> op) {
        return List.of(broadcast(op), devices(op));
    }

    /** A bool input an arithmetic op rejects. */
    public static ErrorCase boolInput(UnaryOperator<Tensor> op) {
        return ErrorCase.of("bool input", () -> ins(Tensor.ones(new int[] {2}, dev.autograd4j.DType.BOOL)),
                x -> op.apply(x[0]), "bool");
    }

    /** A dim out of range for a [2, 3] tensor: {@code op} is called with dim 2 and must say "got 2". */
    public static ErrorCase dim(Function<Tensor, Object> opWithDim2) {
        return ErrorCase.of("dim 2 of [2, 3]", () -> ins(Tensor.ones(2, 3).requiresGrad(true)),
                x -> opWithDim2.apply(x[0]), "dimension out of range", "[-2, 1]", "got 2");
    }
}
