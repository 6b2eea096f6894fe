package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;

import static dev.autograd4j.opinfo.In.t;
import static dev.autograd4j.opinfo.OpInfo.ALL;
import static dev.autograd4j.opinfo.OpInfo.FLOATING;
import static dev.autograd4j.opinfo.OpInfo.NUMERIC;
import static dev.autograd4j.opinfo.OpInfo.op;

/**
 * In-place ops. The values suite runs them on the inputs themselves (the first one, the target, is never an expanded
 * view: writing to it would write one element many times) and checks that they return their target, bump its
 * version and write nothing outside its view; the gradient suite runs them on a clone, since a leaf that requires
 * grad cannot be modified in place.
 */
final class InPlaceDb {
    private InPlaceDb() {
    }

    /** The layouts of a target, with the other operand broadcast to it. */
    private static List<In[]> targets() {
        return List.of(new In[] {t(2, 3), t(2, 3)}, new In[] {t(3, 2).transposed(), t(2)},
                new In[] {t(2, 3).strided(), t()}, new In[] {t(), t()}, new In[] {t(0, 3), t(3)});
    }

    private static List<Sample> withTensor(String call, BinaryOperator<Tensor> op, DoubleBinaryOperator f) {
        List<Sample> out = new ArrayList<>();
        for (In[] in : targets()) {
            out.add(Sample.of(call, x -> op.apply(x[0], x[1]), in)
                    .ref(x -> Ref.zip(x[0], Ref.expand(x[1], x[0].shape), f)));
        }
        return out;
    }

    /**
     * With a double scalar (a Python float): {@code floating} for floating dtypes and, where given, {@code integral}
     * for integer and bool ones (fill_ converts it to the target's dtype).
     */
    private static List<Sample> withScalar(String call, Samples.ScalarOp op, DoubleBinaryOperator f, double floating,
                                           double... integral) {
        List<Sample> out = new ArrayList<>();
        for (In[] in : targets()) {
            out.add(Sample.of(call, x -> op.apply(x[0], floating), in[0])
                    .refFor((x, dtype) -> Ref.map(x[0], v -> Samples.cast(f.applyAsDouble(v, floating), dtype)))
                    .only(DType.FLOAT32, DType.FLOAT64).label("scalar " + floating));
            for (double s : integral) {
                out.add(Sample.of(call, x -> op.apply(x[0], s), in[0])
                        .refFor((x, dtype) -> Ref.map(x[0], v -> Samples.cast(f.applyAsDouble(v, s), dtype)))
                        .only(DType.INT32, DType.INT64, DType.BOOL).label("scalar " + s));
            }
        }
        return out;
    }

    /**
     * With a long scalar (a Python int), into every dtype: {@code x.mul_(3)} keeps an integer target's dtype, as
     * PyTorch's; a double scalar (a Python float) into an integer target fails (see the error cases).
     */
    private static List<Sample> withLong(String call, Samples.LongScalarOp op, long s, DoubleBinaryOperator f) {
        List<Sample> out = new ArrayList<>();
        for (In[] in : targets()) {
            out.add(Sample.of(call, x -> op.apply(x[0], s), in[0])
                    .refFor((x, dtype) -> Ref.map(x[0], v -> Samples.cast(f.applyAsDouble(v, s), dtype)))
                    .only(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64).label("scalar " + s + "L"));
        }
        return out;
    }

    static List<OpInfo> entries() {
        List<OpInfo> db = new ArrayList<>();

        db.add(op("add_").inplace().dtypes(NUMERIC).gradFn("AddBackward0")
                .add(withTensor("add_(Tensor)", Tensor::add_, Double::sum))
                .add(withTensor("add_(Tensor,double)", (a, b) -> a.add_(b, -2.5), (a, b) -> a - 2.5 * b).stream()
                        .map(s -> s.only(DType.FLOAT32, DType.FLOAT64)).toList())
                .add(withTensor("add_(Tensor,long)", (a, b) -> a.add_(b, -2L), (a, b) -> a - 2 * b))
                // PyTorch 1.13: torch.tensor([1, 2]).add_(torch.tensor([1, 2]), alpha=2.0) raises "For integral input
                // tensors, argument alpha must not be a floating point number."
                .error(ErrorCase.of("int64 += 2.0 * int64", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64),
                        Tensor.ones(new int[] {2}, DType.INT64)), x -> x[0].add_(x[1], 2.0), "alpha"))
                .add(withScalar("add_(double)", Tensor::add_, Double::sum, 1.5))
                .add(withLong("add_(long)", Tensor::add_, 2, Double::sum))
                .error(ErrorCase.of("a leaf that requires grad", () -> Fails.ins(Tensor.of(new float[] {1, 2})
                        .requiresGrad(true)), x -> x[0].add_(1.0), "leaf").state())
                .error(ErrorCase.of("int64 += float32", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64),
                        Tensor.ones(2)), x -> x[0].add_(x[1]), "float32", "int64"))
                .error(ErrorCase.of("int64 += 1.5", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> x[0].add_(1.5), "float32", "int64"))
                // PyTorch 1.13: torch.tensor([1, 2]).add_(2.0) raises "result type Float can't be cast to the desired
                // output type Long": a double is a Python float, whatever its value
                .error(ErrorCase.of("int64 += 2.0", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> x[0].add_(2.0), "float32", "int64"))
                .error(ErrorCase.of("bool += 1", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.BOOL)),
                        x -> x[0].add_(1L), "int64", "bool"))
                .error(ErrorCase.of("[3] += [2, 3]", () -> Fails.ins(Tensor.ones(3), Tensor.ones(2, 3)),
                        x -> x[0].add_(x[1]), "[3]", "[2, 3]"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2), Tensor.ones(2).to(other)),
                        x -> x[0].add_(x[1]))));

        db.add(op("sub_").inplace().dtypes(NUMERIC).gradFn("SubBackward0")
                .add(withTensor("sub_(Tensor)", Tensor::sub_, (a, b) -> a - b))
                .add(withScalar("sub_(double)", Tensor::sub_, (a, b) -> a - b, 1.5))
                .add(withLong("sub_(long)", Tensor::sub_, 2, (a, b) -> a - b))
                .error(ErrorCase.of("int64 -= 2.0", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> x[0].sub_(2.0), "float32", "int64"))
                .error(ErrorCase.of("[3] -= [2, 3]", () -> Fails.ins(Tensor.ones(3), Tensor.ones(2, 3)),
                        x -> x[0].sub_(x[1]), "[3]", "[2, 3]")));

        db.add(op("mul_").inplace().dtypes(NUMERIC).gradFn("MulBackward0")
                .add(withTensor("mul_(Tensor)", Tensor::mul_, (a, b) -> a * b))
                .add(withScalar("mul_(double)", Tensor::mul_, (a, b) -> a * b, 2.5))
                .add(withLong("mul_(long)", Tensor::mul_, 3, (a, b) -> a * b))
                // PyTorch 1.13: torch.tensor([1, 2]).mul_(2.0) raises; .mul_(2) is [2, 4]
                .error(ErrorCase.of("int64 *= 2.0", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> x[0].mul_(2.0), "float32", "int64"))
                .error(ErrorCase.of("int64 *= 2.5", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> x[0].mul_(2.5), "float32", "int64")));

        db.add(op("div_").inplace().dtypes(FLOATING).gradFn("DivBackward0")
                .add(withScalar("div_(double)", Tensor::div_, (a, b) -> a / b, 2.5))
                .error(ErrorCase.of("int64 /= 2", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> x[0].div_(2), "float32", "int64")));

        db.add(op("zero_").inplace().dtypes(ALL).gradFn("ZeroBackward0")
                .add(targets().stream().map(in -> Sample.of("zero_()", x -> x[0].zero_(), in[0])
                        .ref(x -> Ref.map(x[0], v -> 0))).toList())
                .error(ErrorCase.of("a leaf that requires grad", () -> Fails.ins(Tensor.of(new float[] {1, 2})
                        .requiresGrad(true)), x -> x[0].zero_(), "leaf").state()));

        // PyTorch 1.13 names fill_'s node FillBackward2 (ours FillBackward0): not checked.
        db.add(op("fill_").inplace().dtypes(ALL).gradFn("FillBackward0")
                .add(withScalar("fill_(double)", Tensor::fill_, (a, b) -> b, -2.5, 1).stream()
                        .map(s -> s.noGradFn("PyTorch 1.13 prints FillBackward2")).toList())
                .add(Sample.of("fill_(double)", x -> x[0].fill_(-2.5), t(2, 3)).refFor((x, dtype) ->
                        Ref.map(x[0], v -> Samples.cast(-2.5, dtype))).noGradFn("PyTorch 1.13 prints FillBackward2")
                        .cpuSameDtype("the value is converted to the target's dtype")
                        .label("-2.5, converted to the dtype")));

        db.add(op("copy_").inplace().dtypes(ALL).gradFn("CopyBackwards")
                .add(withTensor("copy_(Tensor)", Tensor::copy_, (a, b) -> b))
                .add(Sample.of("copy_(Tensor)", x -> x[0].copy_(x[1]), t(2, 3), In.of(DType.FLOAT64, 3))
                        .refFor((x, dtype) -> Samples.cast(Ref.expand(x[1], 2, 3), dtype).as(null))
                        .cpuSameDtype("the values are converted to the target's dtype").label("from float64, converted"))
                .add(Sample.of("copy_(Tensor)", x -> x[0].copy_(x[1]), t(2, 3), In.of(DType.INT32, 2, 3))
                        .refFor((x, dtype) -> Samples.cast(x[1], dtype).as(null))
                        .cpuSameDtype("the values are converted to the target's dtype").label("from int32, converted"))
                .error(ErrorCase.of("[2, 3] into [3]", () -> Fails.ins(Tensor.ones(3), Tensor.ones(2, 3)),
                        x -> x[0].copy_(x[1]), "[2, 3]", "[3]"))
                .error(ErrorCase.of("a leaf that requires grad", () -> Fails.ins(Tensor.ones(2).requiresGrad(true),
                        Tensor.ones(2)), x -> x[0].copy_(x[1]), "leaf").state()));

        return db;
    }
}
