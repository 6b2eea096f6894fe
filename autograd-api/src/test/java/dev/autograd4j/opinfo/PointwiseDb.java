package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.UnaryOperator;

import static dev.autograd4j.opinfo.Domain.ANY;
import static dev.autograd4j.opinfo.Domain.NONNEG;
import static dev.autograd4j.opinfo.Domain.POSITIVE;
import static dev.autograd4j.opinfo.Domain.WIDE;
import static dev.autograd4j.opinfo.In.mask;
import static dev.autograd4j.opinfo.In.t;
import static dev.autograd4j.opinfo.In.values;
import static dev.autograd4j.opinfo.OpInfo.ALL;
import static dev.autograd4j.opinfo.OpInfo.BOOL_TO_INT64;
import static dev.autograd4j.opinfo.OpInfo.FLOATING;
import static dev.autograd4j.opinfo.OpInfo.FLOAT_RESULT;
import static dev.autograd4j.opinfo.OpInfo.NUMERIC;
import static dev.autograd4j.opinfo.OpInfo.op;
import static dev.autograd4j.opinfo.Samples.binary;
import static dev.autograd4j.opinfo.Samples.bool;
import static dev.autograd4j.opinfo.Samples.unary;
import static dev.autograd4j.opinfo.Samples.unaryAlias;
import static dev.autograd4j.opinfo.Samples.withLong;
import static dev.autograd4j.opinfo.Samples.withScalar;

/** Elementwise ops: arithmetic, the unary functions and activations, comparisons and logical ops, where. */
final class PointwiseDb {
    private PointwiseDb() {
    }

    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;
    /** The inputs of PyTorch's printed activation values below. */
    private static final double[] X = {-2.5, -1.0, -0.5, 0.0, 0.5, 1.0, 2.5};
    /** PyTorch's printed values are compared as the test they came from did: within 1e-14. */
    private static final Tolerance PRINTED = Tolerance.abs(1e-14);
    private static final Domain SIGMOID = new Domain("sigmoid", -5, 5, -5, 5);
    private static final Domain ERF = new Domain("erf", -2, 2, -2, 2);
    private static final Domain TAN = new Domain("tan", -1.2, 1.2, -1, 1);
    /** Inside (-1, 1), away from the poles of asin/acos/atanh's gradients. */
    private static final Domain UNIT = new Domain("(-0.9, 0.9)", -0.9, 0.9, 0, 0);
    private static final Domain ACOSH = new Domain("acosh", 1.2, 4, 1, 5);

    static List<Sample> each(List<Sample> samples, Consumer<Sample> setting) {
        samples.forEach(setting);
        return samples;
    }

    /**
     * An activation at {@link #X} in float64 against PyTorch 1.13's printed values and gradients of
     * {@code y.sum().backward()} (from the op tests this database replaced).
     */
    private static Sample printed(String call, UnaryOperator<Tensor> op, double[] values,
                                  double[] grads) {
        return Sample.of(call, x -> op.apply(x[0]), values(X)).ref(x -> Nd.vector(values)).only(DType.FLOAT64)
                .tol(DType.FLOAT64, PRINTED).grads(null, PRINTED, grads).label("PyTorch 1.13 values");
    }

    /** Like {@link #printed}, at inputs {@code xs} of the caller's choosing. */
    private static Sample printedAt(String call, UnaryOperator<Tensor> op, double[] xs, double[] values,
                                    double[] grads) {
        return Sample.of(call, x -> op.apply(x[0]), values(xs)).ref(x -> Nd.vector(values)).only(DType.FLOAT64)
                .tol(DType.FLOAT64, PRINTED).grads(null, PRINTED, grads).label("PyTorch 1.13 values");
    }

    /** PyTorch's gradient at a domain's edge (an infinity): compared, not gradchecked. */
    private static Sample edgeGrad(String call, UnaryOperator<Tensor> op, double[] xs, double[] grads) {
        return Sample.of(call, x -> op.apply(x[0]), values(xs)).ref(x -> Ref.map(x[0], v -> op.apply(
                Tensor.scalar(v, DType.FLOAT64)).item())).only(DType.FLOAT64).grads(null, Tolerance.EXACT, grads)
                .noGrad("the domain's edge, where the gradient is infinite").label("gradient at the edge");
    }

    /**
     * Special values that must come out exactly in float64 (powers of the base for a logarithm; float32 is compared
     * with the float64 result of its rounded inputs, which 0.001 is not exactly).
     */
    private static Sample exactSpecial(String call, UnaryOperator<Tensor> op, double[] in, double[] expected) {
        return special(call, op, in, expected).tol(DType.FLOAT64, Tolerance.EXACT);
    }

    /** Special values (infinities, NaN, zeros) in floating dtypes; not gradchecked. */
    private static Sample special(String call, UnaryOperator<Tensor> op, double[] in,
                                  double[] expected) {
        return Sample.of(call, x -> op.apply(x[0]), values(in)).ref(x -> Nd.vector(expected)).only(DType.FLOAT32,
                DType.FLOAT64).noGrad("special values: infinities and NaN").label("special values");
    }

    static List<OpInfo> entries() {
        List<OpInfo> db = new ArrayList<>();

        // ------------------------------------------------------------------------------------------------------------
        // Arithmetic. Scalars follow PyTorch's Python-scalar rules: a double promotes integer tensors to float32, a
        // long keeps them integral.
        // ------------------------------------------------------------------------------------------------------------

        db.add(op("add").dtypes(NUMERIC).gradFn("AddBackward0")
                .add(binary("add(Tensor)", Tensor::add, Double::sum))
                .add(Samples.promoting("add(Tensor)", Tensor::add, Double::sum))
                // A double alpha with integer tensors is PyTorch's error (a Python float; OpValuesSuite checks it).
                .add(Sample.of("add(Tensor,double)", x -> x[0].add(x[1], 2.5), t(2, 3), t(3))
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> a + 2.5 * b)).only(DType.FLOAT32, DType.FLOAT64)
                        .label("alpha 2.5"),
                     Sample.of("add(Tensor,double)", x -> x[0].add(x[1], -1.0), t(2, 3).transposed(), t())
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> a - b)).only(DType.FLOAT32, DType.FLOAT64)
                        .label("alpha -1.0"),
                     Sample.of("add(Tensor,long)", x -> x[0].add(x[1], -1L), t(2, 3).transposed(), t())
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> a - b)).label("alpha -1, a Python int"))
                .add(each(withScalar("add(double)", Tensor::add, 1.5, Double::sum, ANY), s -> s.result(FLOAT_RESULT)))
                .add(withLong("add(long)", Tensor::add, 3, Double::sum, ANY))
                .error(Fails.binary(Tensor::add)));

        db.add(op("sub").dtypes(NUMERIC).gradFn("SubBackward0")
                .add(binary("sub(Tensor)", Tensor::sub, (a, b) -> a - b))
                .add(Sample.of("sub(Tensor,double)", x -> x[0].sub(x[1], 0.5), t(2, 3), t(2, 1))
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> a - 0.5 * b)).only(DType.FLOAT32, DType.FLOAT64)
                        .label("alpha 0.5"),
                     Sample.of("sub(Tensor,long)", x -> x[0].sub(x[1], 3L), t(2, 3), t(3).strided())
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> a - 3 * b)).label("alpha 3, a Python int"))
                .add(each(withScalar("sub(double)", Tensor::sub, 1.5, (a, b) -> a - b, ANY),
                        s -> s.result(FLOAT_RESULT)))
                .add(withLong("sub(long)", Tensor::sub, 2, (a, b) -> a - b, ANY))
                .error(Fails.binary(Tensor::sub))
                .error(ErrorCase.of("[2, 2] - [4] (a seed's mistake)", () -> Fails.ins(Tensor.ones(2, 2),
                        Tensor.of(new float[] {2, 3, 4, 5}).requiresGrad(true)), x -> x[0].sub(x[1]), "[2, 2]", "[4]",
                        "must match the size of tensor b (4) at non-singleton dimension 1"))
                .error(ErrorCase.of("two bool tensors", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.BOOL),
                        Tensor.ones(new int[] {2}, DType.BOOL)), x -> x[0].sub(x[1]), "bool"))
                .error(ErrorCase.of("a bool tensor and an int64 one", () -> Fails.ins(Tensor.ones(new int[] {2},
                        DType.INT64), Tensor.ones(new int[] {2}, DType.BOOL)), x -> x[0].sub(x[1]), "int64", "bool")));

        db.add(op("rsub").dtypes(NUMERIC).gradFn("RsubBackward1")
                .add(each(withScalar("rsub(double)", Tensor::rsub, 1.5, (a, s) -> s - a, ANY),
                        s -> s.result(FLOAT_RESULT)))
                .add(withLong("rsub(long)", Tensor::rsub, 2, (a, s) -> s - a, ANY))
                .add(Sample.of("rsub(double)", x -> x[0].add(2.0).mul(3.0).sub(1.0).div(4.0).rsub(2.0).neg(), t(4))
                        .ref(x -> Ref.map(x[0], v -> -(2 - ((v + 2) * 3 - 1) / 4))).only(DType.FLOAT64)
                        .gradFn("NegBackward0").label("in a chain of scalar ops, the op test's case")));

        db.add(op("mul").dtypes(NUMERIC).gradFn("MulBackward0")
                .add(binary("mul(Tensor)", Tensor::mul, (a, b) -> a * b))
                .add(Samples.promoting("mul(Tensor)", Tensor::mul, (a, b) -> a * b))
                .add(each(withScalar("mul(double)", Tensor::mul, 2.5, (a, b) -> a * b, ANY),
                        s -> s.result(FLOAT_RESULT)))
                .add(withLong("mul(long)", Tensor::mul, 3, (a, b) -> a * b, ANY))
                .error(Fails.binary(Tensor::mul))
                .error(ErrorCase.of("shapes [2, 3] and [4] (float32 leaves)", () -> Fails.ins(Tensor.ones(2, 3),
                        Tensor.ones(4)), x -> x[0].mul(x[1]), "[2, 3]", "[4]")));

        db.add(op("div").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("DivBackward0")
                .add(binary("div(Tensor)", Tensor::div, (a, b) -> a / b, ANY, POSITIVE))
                .add(Sample.of("div(Tensor)", x -> x[0].div(x[1]), t(2, 3), t(1).in(POSITIVE))
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> a / b)))
                .add(withScalar("div(double)", Tensor::div, 2.5, (a, b) -> a / b, ANY))
                .add(Sample.of("div(Tensor)", x -> x[0].div(x[1]), values(new double[] {1, -1, 0, 0}),
                        values(new double[] {0, 0, 0, 2})).ref(x -> Nd.vector(INF, -INF, NAN, 0))
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("division by zero").label("by zero"))
                .error(Fails.binary(Tensor::div)));

        db.add(op("neg").dtypes(NUMERIC).gradFn("NegBackward0")
                .add(unary("neg()", Tensor::neg, v -> -v, ANY))
                .error(Fails.boolInput(Tensor::neg)));

        // pow: an integer tensor to a long exponent (a Python int) stays integral, as PyTorch's; a double one (a Python
        // float) makes it float32: torch.tensor([1, 2]).pow(2.0) is tensor([1., 4.])
        db.add(op("pow").dtypes(NUMERIC).gradFn("PowBackward0")
                .add(each(unary("pow(long)", x -> x.pow(3L), v -> v * v * v, ANY), s -> s.label("exponent 3")))
                .add(each(unary("pow(double)", x -> x.pow(2.0), v -> v * v, ANY),
                        s -> s.label("exponent 2.0").result(FLOAT_RESULT)))
                .add(each(unary("pow(double)", x -> x.pow(2.5), v -> Math.pow(v, 2.5), POSITIVE),
                        s -> s.label("exponent 2.5").result(FLOAT_RESULT)))
                .add(Sample.of("pow(long)", x -> x[0].pow(0L), t(2, 3)).ref(x -> Ref.map(x[0], v -> 1))
                        .label("exponent 0"))
                .add(each(binary("pow(Tensor)", Tensor::pow, Math::pow, POSITIVE, ANY),
                        s -> s.gradFn("PowBackward1").only(DType.FLOAT32, DType.FLOAT64)))
                // PyTorch 1.13: tensor([2, 3]) ** tensor([3, 2]) is int64 [8, 9]; 2 ** -1 with a tensor exponent is 0.
                .add(Sample.of("pow(Tensor)", x -> x[0].pow(x[1]), values(new double[] {2, 3, 2}),
                        values(new double[] {3, 2, -1})).ref(x -> Nd.vector(8, 9, 0)).only(DType.INT32, DType.INT64)
                        .cpuSameDtype("in float64, 2 ^ -1 is 0.5, not 0").label("integers stay integral"))
                .error(ErrorCase.of("integer to a negative power", () -> Fails.ins(Tensor.of(new long[] {2})),
                        x -> x[0].pow(-1), "negative integer powers"))
                .add(Sample.of("pow(Tensor)", x -> x[0].pow(x[1]), t(2, 3).in(POSITIVE), t(3))
                        .ref(x -> Ref.zip(x[0], x[1], Math::pow)).gradFn("PowBackward1").only(DType.FLOAT64)
                        .label("(0.5, 3) ^ (-1, 1), the op test's case"))
                .error(Fails.binary(Tensor::pow)));

        db.add(op("square").dtypes(NUMERIC).gradFn("PowBackward0").errorName("pow")
                .add(unary("square()", Tensor::square, v -> v * v, ANY)));

        // ------------------------------------------------------------------------------------------------------------
        // Unary functions: floating results (integer inputs compute in float32, as PyTorch does)
        // ------------------------------------------------------------------------------------------------------------

        db.add(op("exp").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("ExpBackward0")
                .add(unary("exp()", Tensor::exp, Math::exp, WIDE))
                .add(special("exp()", Tensor::exp, new double[] {-INF, INF, NAN, 800, -800},
                        new double[] {0, INF, NAN, INF, 0}))
                .add(Sample.of("exp()", x -> x[0].exp().add(x[0].abs().add(0.5).log()).add(x[0].abs().add(1.0).sqrt()),
                        t(4)).ref(x -> Ref.map(x[0], v -> Math.exp(v) + Math.log(Math.abs(v) + 0.5)
                        + Math.sqrt(Math.abs(v) + 1))).noGradFn("a composite").only(DType.FLOAT64)
                        .label("exp + log + sqrt, the second-order test's composite")));

        db.add(op("log").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("LogBackward0")
                .add(unary("log()", Tensor::log, Math::log, POSITIVE))
                .add(special("log()", Tensor::log, new double[] {0, -1, INF, NAN}, new double[] {-INF, NAN, INF, NAN})));

        db.add(op("log1p").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("Log1PBackward0")
                .add(unary("log1p()", Tensor::log1p, Math::log1p, NONNEG))
                .add(special("log1p()", Tensor::log1p, new double[] {-1, 1e-10, -2}, new double[] {-INF,
                        Math.log1p(1e-10), NAN})));

        db.add(op("expm1").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("Expm1Backward0")
                .add(unary("expm1()", Tensor::expm1, Math::expm1, ANY))
                .add(special("expm1()", Tensor::expm1, new double[] {1e-10, -INF, INF}, new double[] {Math.expm1(1e-10),
                        -1, INF})));

        db.add(op("sqrt").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("SqrtBackward0")
                .add(unary("sqrt()", Tensor::sqrt, Math::sqrt, POSITIVE))
                .add(special("sqrt()", Tensor::sqrt, new double[] {0, -1, INF}, new double[] {0, NAN, INF})));

        db.add(op("rsqrt").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("RsqrtBackward0")
                .add(unary("rsqrt()", Tensor::rsqrt, v -> 1 / Math.sqrt(v), POSITIVE))
                .add(special("rsqrt()", Tensor::rsqrt, new double[] {0, -1, INF}, new double[] {INF, NAN, 0})));

        db.add(op("reciprocal").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("ReciprocalBackward0")
                .add(unary("reciprocal()", Tensor::reciprocal, v -> 1 / v, POSITIVE))
                .add(special("reciprocal()", Tensor::reciprocal, new double[] {0, INF, -2}, new double[] {INF, 0, -0.5})));

        db.add(op("sin").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("SinBackward0")
                .add(unary("sin()", Tensor::sin, Math::sin, WIDE)));

        db.add(op("cos").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("CosBackward0")
                .add(unary("cos()", Tensor::cos, Math::cos, WIDE)));

        // PyTorch 1.13's values and gradients of y.sum().backward() at the inputs shown, in float64; special values
        // from the same PyTorch in float32 and float64 alike.
        double[] unit = {-0.9, -0.5, -0.25, 0.0, 0.25, 0.5, 0.9};
        double[] logs = {0.25, 0.5, 1.0, 2.0, 10.0, 1000.0};
        db.add(op("tan").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("TanBackward0")
                .add(unary("tan()", Tensor::tan, Math::tan, TAN))
                .add(special("tan()", Tensor::tan, new double[] {INF, -INF, NAN, -0.0}, new double[] {NAN, NAN, NAN, 0}))
                .add(printedAt("tan()", Tensor::tan, new double[] {-1.25, -1.0, -0.5, 0.0, 0.5, 1.0, 1.25},
                        new double[] {-3.0095696738628313, -1.5574077246549023, -0.5463024898437905, 0.0,
                                0.5463024898437905, 1.5574077246549023, 3.0095696738628313},
                        new double[] {10.057509621834829, 3.42551882081476, 1.2984464104095248, 1.0, 1.2984464104095248,
                                3.42551882081476, 10.057509621834829})));

        db.add(op("asin").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("AsinBackward0")
                .add(unary("asin()", Tensor::asin, Math::asin, UNIT))
                .add(special("asin()", Tensor::asin, new double[] {1, -1, 1.5, INF}, new double[] {Math.PI / 2,
                        -Math.PI / 2, NAN, NAN}))
                .add(printedAt("asin()", Tensor::asin, unit,
                        new double[] {-1.1197695149986342, -0.5235987755982989, -0.25268025514207865, 0.0,
                                0.25268025514207865, 0.5235987755982989, 1.1197695149986342},
                        new double[] {2.294157338705618, 1.1547005383792517, 1.0327955589886444, 1.0, 1.0327955589886444,
                                1.1547005383792517, 2.294157338705618}))
                // torch.asin(x).sum().backward() at x = [1., -1.]: x.grad = [inf, inf]
                .add(edgeGrad("asin()", Tensor::asin, new double[] {1, -1}, new double[] {INF, INF})));

        db.add(op("acos").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("AcosBackward0")
                .add(unary("acos()", Tensor::acos, Math::acos, UNIT))
                .add(special("acos()", Tensor::acos, new double[] {1, -1, 1.5, -INF}, new double[] {0, Math.PI, NAN,
                        NAN}))
                .add(printedAt("acos()", Tensor::acos, unit,
                        new double[] {2.6905658417935308, 2.0943951023931957, 1.8234765819369754, 1.5707963267948966,
                                1.318116071652818, 1.0471975511965976, 0.45102681179626236},
                        new double[] {-2.294157338705618, -1.1547005383792517, -1.0327955589886444, -1.0,
                                -1.0327955589886444, -1.1547005383792517, -2.294157338705618}))
                .add(edgeGrad("acos()", Tensor::acos, new double[] {1, -1}, new double[] {-INF, -INF})));

        db.add(op("atan").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("AtanBackward0")
                .add(unary("atan()", Tensor::atan, Math::atan, WIDE))
                .add(special("atan()", Tensor::atan, new double[] {INF, -INF, NAN, -0.0}, new double[] {Math.PI / 2,
                        -Math.PI / 2, NAN, 0}))
                .add(printed("atan()", Tensor::atan,
                        new double[] {-1.1902899496825317, -0.7853981633974483, -0.4636476090008061, 0.0,
                                0.4636476090008061, 0.7853981633974483, 1.1902899496825317},
                        new double[] {0.13793103448275862, 0.5, 0.8, 1.0, 0.8, 0.5, 0.13793103448275862})));

        db.add(op("sinh").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("SinhBackward0")
                .add(unary("sinh()", Tensor::sinh, Math::sinh, WIDE))
                .add(special("sinh()", Tensor::sinh, new double[] {INF, -INF, 1000, -0.0}, new double[] {INF, -INF,
                        INF, 0}))
                .add(printed("sinh()", Tensor::sinh,
                        new double[] {-6.0502044810397875, -1.1752011936438014, -0.5210953054937474, 0.0,
                                0.5210953054937474, 1.1752011936438014, 6.0502044810397875},
                        new double[] {6.132289479663686, 1.5430806348152437, 1.1276259652063807, 1.0, 1.1276259652063807,
                                1.5430806348152437, 6.132289479663686})));

        db.add(op("cosh").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("CoshBackward0")
                .add(unary("cosh()", Tensor::cosh, Math::cosh, WIDE))
                .add(special("cosh()", Tensor::cosh, new double[] {INF, -INF, 1000, -0.0}, new double[] {INF, INF,
                        INF, 1}))
                .add(printed("cosh()", Tensor::cosh,
                        new double[] {6.132289479663686, 1.5430806348152437, 1.1276259652063807, 1.0, 1.1276259652063807,
                                1.5430806348152437, 6.132289479663686},
                        new double[] {-6.0502044810397875, -1.1752011936438014, -0.5210953054937474, 0.0,
                                0.5210953054937474, 1.1752011936438014, 6.0502044810397875})));

        db.add(op("asinh").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("AsinhBackward0")
                .add(unary("asinh()", Tensor::asinh, RefMath::asinh, WIDE))
                .add(special("asinh()", Tensor::asinh, new double[] {INF, -INF, NAN, -0.0}, new double[] {INF, -INF,
                        NAN, 0}))
                .add(printed("asinh()", Tensor::asinh,
                        new double[] {-1.6472311463710958, -0.881373587019543, -0.48121182505960347, 0.0,
                                0.48121182505960347, 0.881373587019543, 1.6472311463710958},
                        new double[] {0.3713906763541037, 0.7071067811865475, 0.8944271909999159, 1.0,
                                0.8944271909999159, 0.7071067811865475, 0.3713906763541037})));

        db.add(op("acosh").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("AcoshBackward0")
                .add(unary("acosh()", Tensor::acosh, RefMath::acosh, ACOSH))
                .add(special("acosh()", Tensor::acosh, new double[] {1, 0.5, INF, NAN}, new double[] {0, NAN, INF,
                        NAN}))
                .add(printedAt("acosh()", Tensor::acosh, new double[] {1.25, 1.5, 2.0, 3.0, 10.0},
                        new double[] {0.6931471805599453, 0.9624236501192069, 1.3169578969248166, 1.762747174039086,
                                2.993222846126381},
                        new double[] {1.3333333333333333, 0.8944271909999159, 0.5773502691896258, 0.35355339059327373,
                                0.10050378152592121}))
                .add(edgeGrad("acosh()", Tensor::acosh, new double[] {1}, new double[] {INF})));

        db.add(op("atanh").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("AtanhBackward0")
                .add(unary("atanh()", Tensor::atanh, RefMath::atanh, UNIT))
                .add(special("atanh()", Tensor::atanh, new double[] {1, -1, 1.5, -0.0}, new double[] {INF, -INF, NAN,
                        0}))
                .add(printedAt("atanh()", Tensor::atanh, unit,
                        new double[] {-1.4722194895832204, -0.5493061443340548, -0.25541281188299536, 0.0,
                                0.25541281188299536, 0.5493061443340548, 1.4722194895832204},
                        new double[] {5.263157894736843, 1.3333333333333333, 1.0666666666666667, 1.0,
                                1.0666666666666667, 1.3333333333333333, 5.263157894736843}))
                .add(edgeGrad("atanh()", Tensor::atanh, new double[] {1, -1}, new double[] {INF, INF})));

        db.add(op("log2").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("Log2Backward0")
                .add(unary("log2()", Tensor::log2, RefMath::log2, POSITIVE))
                .add(exactSpecial("log2()", Tensor::log2, new double[] {0, -1, INF, 8, 0.125, 1024},
                        new double[] {-INF, NAN, INF, 3, -3, 10}))
                .add(printedAt("log2()", Tensor::log2, logs,
                        new double[] {-2.0, -1.0, 0.0, 1.0, 3.321928094887362, 9.965784284662087},
                        new double[] {5.7707801635558535, 2.8853900817779268, 1.4426950408889634, 0.7213475204444817,
                                0.14426950408889633, 0.0014426950408889636}))
                .add(edgeGrad("log2()", Tensor::log2, new double[] {0}, new double[] {INF})));

        db.add(op("log10").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("Log10Backward0")
                .add(unary("log10()", Tensor::log10, Math::log10, POSITIVE))
                .add(exactSpecial("log10()", Tensor::log10, new double[] {0, -1, INF, 1000, 0.001, 1},
                        new double[] {-INF, NAN, INF, 3, -3, 0}))
                .add(printedAt("log10()", Tensor::log10, logs,
                        new double[] {-0.6020599913279624, -0.3010299956639812, 0.0, 0.3010299956639812, 1.0, 3.0},
                        new double[] {1.7371779276130075, 0.8685889638065037, 0.43429448190325187, 0.21714724095162594,
                                0.04342944819032519, 0.00043429448190325184}))
                .add(edgeGrad("log10()", Tensor::log10, new double[] {0}, new double[] {INF})));

        db.add(op("tanh").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("TanhBackward0")
                .add(unary("tanh()", Tensor::tanh, Math::tanh, WIDE))
                .add(unaryAlias("Functional.tanh(Tensor)", Functional::tanh, Math::tanh, WIDE))
                .add(special("tanh()", Tensor::tanh, new double[] {INF, -INF, 20, -20}, new double[] {1, -1, 1, -1}))
                .add(printed("tanh()", Tensor::tanh,
                        new double[] {-0.9866142981514303, -0.7615941559557649, -0.46211715726000974, 0.0,
                                0.46211715726000974, 0.7615941559557649, 0.9866142981514303},
                        new double[] {0.02659222668316057, 0.41997434161402614, 0.7864477329659274, 1.0,
                                0.7864477329659274, 0.41997434161402614, 0.02659222668316057})));

        db.add(op("sigmoid").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("SigmoidBackward0")
                .add(unary("sigmoid()", Tensor::sigmoid, RefMath::sigmoid, SIGMOID))
                .add(unaryAlias("Functional.sigmoid(Tensor)", Functional::sigmoid, RefMath::sigmoid, SIGMOID))
                .add(printed("sigmoid()", Tensor::sigmoid,
                        new double[] {0.07585818002124355, 0.2689414213699951, 0.3775406687981454, 0.5,
                                0.6224593312018546, 0.7310585786300049, 0.9241418199787566},
                        new double[] {0.07010371654510815, 0.19661193324148185, 0.2350037122015945, 0.25,
                                0.2350037122015945, 0.19661193324148185, 0.07010371654510807}))
                // At +-40 (PyTorch 1.13's values, to the tolerances the op test used: 1e-24 in float32, 1e-30 in
                // float64, a few ulps of 4.2e-18), and at +-1000 exactly 0 and 1.
                .add(Sample.of("sigmoid()", x -> x[0].sigmoid(), values(new double[] {-40, 40}))
                        .ref(x -> Nd.vector(4.24835413113866e-18f, 1)).only(DType.FLOAT32)
                        .tol(DType.FLOAT32, Tolerance.abs(1e-24)).noGrad("special values").label("at +-40"))
                .add(Sample.of("sigmoid()", x -> x[0].sigmoid(), values(new double[] {-40, 40}))
                        .ref(x -> Nd.vector(4.248354255291589e-18, 1.0)).only(DType.FLOAT64)
                        .tol(DType.FLOAT64, Tolerance.abs(1e-30)).noGrad("special values").label("at +-40"))
                .add(Sample.of("sigmoid()", x -> x[0].sigmoid(), values(new double[] {-1000, 1000}))
                        .ref(x -> Nd.vector(0, 1)).only(DType.FLOAT32, DType.FLOAT64)
                        .tol(DType.FLOAT32, Tolerance.EXACT).tol(DType.FLOAT64, Tolerance.EXACT)
                        .noGrad("special values").label("at +-1000")));

        db.add(op("erf").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("ErfBackward0")
                .add(unary("erf()", Tensor::erf, RefMath::erf, ERF))
                .add(special("erf()", Tensor::erf, new double[] {INF, -INF, 6, 1e-10}, new double[] {1, -1, 1,
                        RefMath.erf(1e-10)}))
                .add(printed("erf()", Tensor::erf,
                        new double[] {-0.999593047982555, -0.8427007929497149, -0.5204998778130465, 0.0,
                                0.5204998778130465, 0.8427007929497149, 0.999593047982555},
                        new double[] {0.00217828423035271, 0.4151074974205947, 0.8787825789354448, 1.1283791670955126,
                                0.8787825789354448, 0.4151074974205947, 0.00217828423035271})));

        // ------------------------------------------------------------------------------------------------------------
        // Piecewise functions: integers stay integers
        // ------------------------------------------------------------------------------------------------------------

        db.add(op("abs").dtypes(NUMERIC).gradFn("AbsBackward0")
                .add(unary("abs()", Tensor::abs, Math::abs, ANY))
                .error(Fails.boolInput(Tensor::abs)));

        db.add(op("sign").dtypes(NUMERIC).gradFn("SignBackward0")
                .add(unary("sign()", Tensor::sign, RefMath::sign, ANY))
                // PyTorch 1.13: torch.sign(torch.tensor([0., -inf, inf, nan, -0.])) = [0., -1., 1., 0., 0.]
                .add(special("sign()", Tensor::sign, new double[] {0, -INF, INF, NAN, -0.0},
                        new double[] {0, -1, 1, 0, 0})));

        db.add(op("relu").dtypes(NUMERIC).gradFn("ReluBackward0")
                .add(unary("relu()", Tensor::relu, v -> Math.max(v, 0), ANY))
                .add(unaryAlias("Functional.relu(Tensor)", Functional::relu, v -> Math.max(v, 0), ANY))
                .add(Sample.of("relu()", x -> x[0].relu(), values(new double[] {-1, 0, 1})).ref(x -> Nd.vector(0, 0, 1))
                        .only(DType.FLOAT64).grads(null, Tolerance.EXACT, new double[] {0, 0, 1})
                        .noGrad("the kink at 0, where PyTorch's gradient is 0").label("gradient at 0 is 0"))
                // PyTorch 1.13: x.relu().sum().backward() at [nan, 1, -1, ...] gives x.grad [1, 1, 0, ...]: its
                // threshold_backward is self <= 0 ? 0 : grad, so a NaN passes; ten values reach a vector loop
                .add(Sample.of("relu()", x -> x[0].relu(), values(new double[] {NAN, 1, -1, 0, 2, -3, NAN, 0.5, -0.5, 4}))
                        .ref(x -> Nd.vector(NAN, 1, 0, 0, 2, 0, NAN, 0.5, 0, 4))
                        .grads(null, Tolerance.EXACT, new double[] {1, 1, 0, 0, 1, 0, 1, 1, 0, 1})
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("the kink at 0 and the NaNs")
                        .label("a NaN passes the gradient"))
                .add(Sample.of("relu()", x -> x[0].relu().mul(x[0]), t(4)).ref(x -> Ref.map(x[0], v -> v > 0 ? v * v : 0))
                        .only(DType.FLOAT64).gradFn("MulBackward0").label("times x, the second-order test's case"))
                .error(Fails.boolInput(Tensor::relu)));

        db.add(op("leakyRelu").dtypes(FLOATING).gradFn("LeakyReluBackward0").errorName("leaky_relu")
                .add(unary("leakyRelu(double)", x -> x.leakyRelu(0.2), v -> v > 0 ? v : 0.2 * v, ANY))
                .add(unaryAlias("Functional.leakyRelu(Tensor,double)", x -> Functional.leakyRelu(x, 0.2),
                        v -> v > 0 ? v : 0.2 * v, ANY))
                .add(unaryAlias("Functional.leakyRelu(Tensor)", Functional::leakyRelu, v -> v > 0 ? v : 0.01 * v, ANY))
                .add(printed("Functional.leakyRelu(Tensor,double)", x -> Functional.leakyRelu(x, 0.1),
                        new double[] {-0.25, -0.1, -0.05, 0.0, 0.5, 1.0, 2.5},
                        new double[] {0.1, 0.1, 0.1, 0.1, 1.0, 1.0, 1.0}).noGrad("the kink at 0")));

        db.add(op("gelu").dtypes(FLOATING).gradFn("GeluBackward0")
                .add(unary("gelu()", Tensor::gelu, RefMath::gelu, WIDE))
                .add(each(unary("gelu(String)", x -> x.gelu("tanh"), RefMath::geluTanh, WIDE), s -> s.label("tanh")))
                .add(unaryAlias("gelu(String)", x -> x.gelu("none"), RefMath::gelu, WIDE))
                .add(unaryAlias("Functional.gelu(Tensor)", Functional::gelu, RefMath::gelu, WIDE))
                .add(unaryAlias("Functional.gelu(Tensor,String)", x -> Functional.gelu(x, "tanh"), RefMath::geluTanh,
                        WIDE))
                .add(special("gelu()", Tensor::gelu, new double[] {-INF, INF, -40}, new double[] {NAN, INF, 0})
                        .label("special values: -inf * Phi(-inf) is NaN, as PyTorch 1.13 prints"))
                .add(printed("Functional.gelu(Tensor)", Functional::gelu,
                        new double[] {-0.015524163314440398, -0.15865525393145702, -0.15426876936299344, 0.0,
                                0.34573123063700656, 0.841344746068543, 2.4844758366855597},
                        new double[] {-0.03761108590814519, -0.08331547058768635, 0.13250487534383712, 0.5,
                                0.8674951246561629, 1.0833154705876864, 1.037611085908145}))
                .add(printed("Functional.gelu(Tensor,String)", x -> Functional.gelu(x, "tanh"),
                        new double[] {-0.015084266089998577, -0.15880800939172324, -0.15428599017485606, 0.0,
                                0.34571400982514394, 0.8411919906082768, 2.484915733910001},
                        new double[] {-0.03795157621266618, -0.08296408384578252, 0.13263009646535764, 0.5,
                                0.8673699035346424, 1.0829640838457826, 1.037951576212666}).label("tanh, PyTorch 1.13"))
                .error(ErrorCase.of("approximate 'fast'", () -> Fails.ins(Tensor.ones(2)),
                        x -> Functional.gelu(x[0], "fast"), "approximate", "'fast'")));

        db.add(op("softplus").dtypes(FLOATING).gradFn("SoftplusBackward0")
                .add(unary("softplus()", Tensor::softplus, v -> RefMath.softplus(v, 1, 20), WIDE))
                .add(each(unary("softplus(double,double)", x -> x.softplus(2, 3), v -> RefMath.softplus(v, 2, 3), WIDE),
                        s -> s.label("beta 2, threshold 3")))
                .add(unaryAlias("Functional.softplus(Tensor)", Functional::softplus, v -> RefMath.softplus(v, 1, 20),
                        WIDE))
                .add(unaryAlias("Functional.softplus(Tensor,double,double)", x -> Functional.softplus(x, 2, 3),
                        v -> RefMath.softplus(v, 2, 3), WIDE))
                .add(special("softplus()", Tensor::softplus, new double[] {25, -25, -INF}, new double[] {25,
                        Math.log1p(Math.exp(-25)), 0}))
                .add(printed("Functional.softplus(Tensor)", Functional::softplus,
                        new double[] {0.07888973429254963, 0.31326168751822286, 0.4740769841801067, 0.6931471805599453,
                                0.9740769841801067, 1.3132616875182228, 2.5788897342925496},
                        new double[] {0.07585818002124356, 0.2689414213699951, 0.37754066879814546, 0.5,
                                0.6224593312018546, 0.7310585786300049, 0.9241418199787564})));

        // floor, ceil and round: gradient zero; integers come back unchanged (a copy)
        db.add(op("floor").dtypes(NUMERIC).gradFn("FloorBackward0")
                .add(unary("floor()", Tensor::floor, Math::floor, WIDE)));
        db.add(op("ceil").dtypes(NUMERIC).gradFn("CeilBackward0")
                .add(unary("ceil()", Tensor::ceil, Math::ceil, WIDE)));
        db.add(op("round").dtypes(NUMERIC).gradFn("RoundBackward0")
                .add(unary("round()", Tensor::round, Math::rint, WIDE))
                .add(special("round()", Tensor::round, new double[] {0.5, 1.5, 2.5, -0.5, -1.5},
                        new double[] {0, 2, 2, -0.0, -2}).label("halves to even, as PyTorch 1.13 prints")));

        // clamp: integer tensors stay integral with whole bounds; a fractional bound promotes them to float32.
        db.add(op("clamp").dtypes(NUMERIC).gradFn("ClampBackward1")
                // PyTorch 1.13: tensor([-3, 0, 3]).clamp(-0.5, 0.5) is float32 [-0.5, 0., 0.5]
                .add(Sample.of("clamp(double,double)", x -> x[0].clamp(-0.5, 0.5), values(new double[] {-3, 0, 3}))
                        .ref(x -> Nd.vector(-0.5, 0, 0.5)).only(DType.INT32, DType.INT64).result(FLOAT_RESULT)
                        .label("fractional bounds promote integers"))
                .add(each(unary("clamp(double,double)", x -> x.clamp(-0.5, 0.5), v -> Math.min(Math.max(v, -0.5), 0.5),
                        ANY), s -> s.only(DType.FLOAT32, DType.FLOAT64).label("[-0.5, 0.5]")))
                .add(each(unary("clamp(long,long)", x -> x.clamp(-2L, 3L), v -> Math.min(Math.max(v, -2), 3),
                        ANY), s -> s.only(DType.INT32, DType.INT64).label("[-2, 3]")))
                // PyTorch 1.13: torch.tensor([-3, 0, 3]).clamp(-2.0, 2.0) is float32 [-2., 0., 2.]
                .add(Sample.of("clamp(double,double)", x -> x[0].clamp(-2.0, 2.0), values(new double[] {-3, 0, 3}))
                        .ref(x -> Nd.vector(-2, 0, 2)).only(DType.INT32, DType.INT64).result(FLOAT_RESULT)
                        .label("whole double bounds are Python floats"))
                .add(Sample.of("clamp(double,double)", x -> x[0].clamp(NAN, 0.25), t(2, 3))
                        .ref(x -> Ref.map(x[0], v -> Math.min(v, 0.25))).only(DType.FLOAT32, DType.FLOAT64)
                        .label("no lower bound"))
                .add(Sample.of("clamp(double,double)", x -> x[0].clamp(-0.25, NAN), t(2, 3))
                        .ref(x -> Ref.map(x[0], v -> Math.max(v, -0.25))).only(DType.FLOAT32, DType.FLOAT64)
                        .label("no upper bound"))
                .error(ErrorCase.of("no bounds", () -> Fails.ins(Tensor.ones(2)), x -> x[0].clamp(NAN, NAN),
                        "at least one of min or max")));

        // clampMin/clampMax: PyTorch names their nodes ClampMinBackward0/ClampMaxBackward0.
        db.add(op("clampMin").dtypes(NUMERIC).errorName("clamp_min").gradFn("ClampMinBackward0")
                .add(each(unary("clampMin(double)", x -> x.clampMin(0.1), v -> Math.max(v, 0.1), ANY),
                        s -> s.only(DType.FLOAT32, DType.FLOAT64)))
                .add(each(unary("clampMin(long)", x -> x.clampMin(-1L), v -> Math.max(v, -1), ANY),
                        s -> s.only(DType.INT32, DType.INT64)))
                .add(Sample.of("clampMin(double)", x -> x[0].clampMin(1.0), values(new double[] {0, 2}))
                        .ref(x -> Nd.vector(1, 2)).only(DType.INT64).result(FLOAT_RESULT).label("a Python float")));

        db.add(op("clampMax").dtypes(NUMERIC).errorName("clamp_max").gradFn("ClampMaxBackward0")
                .add(each(unary("clampMax(double)", x -> x.clampMax(0.1), v -> Math.min(v, 0.1), ANY),
                        s -> s.only(DType.FLOAT32, DType.FLOAT64)))
                .add(each(unary("clampMax(long)", x -> x.clampMax(2L), v -> Math.min(v, 2), ANY),
                        s -> s.only(DType.INT32, DType.INT64)))
                .add(Sample.of("clampMax(double)", x -> x[0].clampMax(1.0), values(new double[] {0, 2}))
                        .ref(x -> Nd.vector(0, 1)).only(DType.INT64).result(FLOAT_RESULT).label("a Python float")));

        // maximum/minimum: NaN propagates; ties share the gradient (the gradcheck of an expanded operand has ties)
        // Composites with a node of their own. Values and gradients of y.sum().backward() from PyTorch 1.13 in float64
        // at a = [1, 2, -3], b = [4, -1, 5] (and c / w as shown).
        double[] la = {1, 2, -3}, lb = {4, -1, 5};
        db.add(op("lerp").dtypes(FLOATING).gradFn("LerpBackward0")
                .add(binary("lerp(Tensor,double)", (a, b) -> a.lerp(b, 0.3), (a, b) -> a + 0.3 * (b - a)))
                .add(Sample.of("lerp(Tensor,double)", x -> x[0].lerp(x[1], 0.75), t(2, 3), t(3))
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> b - (b - a) * 0.25)).label("weight >= 0.5: from end"))
                .add(Sample.of("lerp(Tensor,Tensor)", x -> x[0].lerp(x[1], x[2]), t(2, 1), t(3), t(2, 3))
                        .ref(x -> {
                            Nd diff = Ref.zip(x[0], x[1], (a, b) -> b - a);
                            return Ref.zip(Ref.zip(x[0], diff, (a, d) -> a), Ref.zip(x[2], diff, (w, d) -> w * d),
                                    Double::sum);
                        }).gradFn("LerpBackward1")
                        .label("all three broadcast"))
                .add(Sample.of("lerp(Tensor,double)", x -> x[0].lerp(x[1], 0.3), values(la), values(lb))
                        .ref(x -> Nd.vector(1.9, 1.1, -0.6000000000000001)).only(DType.FLOAT64)
                        .tol(DType.FLOAT64, PRINTED).grads(null, PRINTED, new double[] {0.7, 0.7, 0.7},
                                new double[] {0.3, 0.3, 0.3}).label("PyTorch 1.13 values"))
                .add(Sample.of("lerp(Tensor,Tensor)", x -> x[0].lerp(x[1], x[2]), values(la), values(lb),
                        values(new double[] {0.2, 0.6, 1.0})).ref(x -> Nd.vector(1.6, 0.20000000000000007, 5.0))
                        .only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED).gradFn("LerpBackward1")
                        .grads(null, PRINTED, new double[] {0.8, 0.4, 0.0}, new double[] {0.2, 0.6, 1.0},
                                new double[] {3.0, -3.0, 8.0}).label("PyTorch 1.13 values; weight 1 gives end"))
                // PyTorch 1.13: torch.lerp(float32, float64, 0.5) raises "expected dtype float for `end` but got dtype
                // double"; integer tensors raise ("lerp_kernel_scalar" not implemented for 'Long')
                .error(ErrorCase.of("end of another dtype", () -> Fails.ins(Tensor.ones(2),
                        Tensor.ones(new int[] {2}, DType.FLOAT64)), x -> x[0].lerp(x[1], 0.5), "dtype", "float64"))
                .error(ErrorCase.of("integer tensors", () -> Fails.ins(Tensor.arange(2), Tensor.arange(2)),
                        x -> x[0].lerp(x[1], 0.5), "floating"))
                .error(Fails.broadcast((a, b) -> a.lerp(b, 0.5))));

        db.add(op("addcmul").dtypes(NUMERIC).gradFn("AddcmulBackward0")
                .add(Sample.of("addcmul(Tensor,Tensor,double)", x -> x[0].addcmul(x[1], x[2], 0.5), t(2, 3), t(3),
                        t(2, 1)).ref(x -> Ref.zip(x[0], Ref.zip(x[1], x[2], (b, c) -> 0.5 * b * c), Double::sum))
                        .only(DType.FLOAT32, DType.FLOAT64).label("broadcast, value 0.5"))
                .add(Sample.of("addcmul(Tensor,Tensor)", x -> x[0].addcmul(x[1], x[2]), t(2, 3), t(2, 3), t())
                        .ref(x -> Ref.zip(x[0], Ref.zip(x[1], x[2], (b, c) -> b * c), Double::sum)))
                .add(Sample.of("addcmul(Tensor,Tensor,double)", x -> x[0].addcmul(x[1], x[2], 0.5), values(la),
                        values(lb), values(new double[] {0.2, 0.6, 1.5})).ref(x -> Nd.vector(1.4, 1.7, 0.75))
                        .only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED).grads(null, PRINTED, new double[] {1, 1, 1},
                                new double[] {0.1, 0.3, 0.75}, new double[] {2.0, -0.5, 2.5}).label("PyTorch 1.13 values"))
                // PyTorch 1.13: torch.addcmul(torch.tensor([1]), torch.tensor([1]), torch.tensor([2]), value=0.5) is
                // tensor([1]): with integer tensors the value is truncated; value=2 with [3] * [2] gives [13]
                .add(Sample.of("addcmul(Tensor,Tensor,double)", x -> x[0].addcmul(x[1], x[2], 0.5),
                        In.of(DType.INT64, 1), In.of(DType.INT64, 1), In.of(DType.INT64, 1)).ref(x -> x[0])
                        .only(DType.INT64).label("integer tensors truncate the value"))
                .error(Fails.devices((a, b) -> a.addcmul(b, b))));

        db.add(op("addcdiv").dtypes(FLOATING).gradFn("AddcdivBackward0")
                .add(Sample.of("addcdiv(Tensor,Tensor,double)", x -> x[0].addcdiv(x[1], x[2], 0.5), t(2, 3), t(3),
                        t(2, 1).in(POSITIVE)).ref(x -> Ref.zip(x[0], Ref.zip(x[1], x[2], (b, c) -> 0.5 * b / c),
                        Double::sum)).label("broadcast, value 0.5"))
                .add(Sample.of("addcdiv(Tensor,Tensor)", x -> x[0].addcdiv(x[1], x[2]), t(2, 3), t(2, 3),
                        t(2, 3).in(POSITIVE)).ref(x -> Ref.zip(x[0], Ref.zip(x[1], x[2], (b, c) -> b / c), Double::sum)))
                .add(Sample.of("addcdiv(Tensor,Tensor,double)", x -> x[0].addcdiv(x[1], x[2], 0.5), values(la),
                        values(lb), values(new double[] {0.2, 0.6, 1.5})).ref(x -> Nd.vector(11.0, 1.1666666666666665,
                        -1.3333333333333333)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED).grads(null, PRINTED,
                        new double[] {1, 1, 1}, new double[] {2.5, 0.8333333333333334, 0.3333333333333333},
                        new double[] {-49.99999999999999, 1.3888888888888888, -1.1111111111111112})
                        .label("PyTorch 1.13 values"))
                // PyTorch 1.13: torch.addcdiv(torch.tensor([1.]), torch.tensor([1]), torch.tensor([2])) raises
                // "Integer division with addcdiv is no longer supported"
                .error(ErrorCase.of("two integer operands", () -> Fails.ins(Tensor.ones(1), Tensor.arange(1),
                        Tensor.arange(1)), x -> x[0].addcdiv(x[1], x[2]), "integer division")));

        db.add(op("nan_to_num").dtypes(NUMERIC).gradFn("NanToNumBackward0")
                .add(unary("nanToNum()", Tensor::nanToNum, v -> v, ANY))
                // PyTorch 1.13: torch.nan_to_num(torch.tensor([nan, inf, -inf, 2.])) in float32 and float64
                .add(Sample.of("nanToNum()", x -> x[0].nanToNum(), values(new double[] {NAN, INF, -INF, 2}))
                        .ref(x -> Nd.vector(0, Float.MAX_VALUE, -Float.MAX_VALUE, 2)).only(DType.FLOAT32)
                        .tol(DType.FLOAT32, Tolerance.EXACT).cpuSameDtype("float32's own extremes")
                        .noGrad("special values").label("float32's extremes"))
                .add(Sample.of("nanToNum()", x -> x[0].nanToNum(), values(new double[] {NAN, INF, -INF, 2}))
                        .ref(x -> Nd.vector(0, Double.MAX_VALUE, -Double.MAX_VALUE, 2)).only(DType.FLOAT64)
                        .tol(DType.FLOAT64, Tolerance.EXACT).noGrad("special values").label("float64's extremes")
                        .grads(null, Tolerance.EXACT, new double[] {0, 0, 0, 1}))
                // torch.nan_to_num(x, posinf=1e300) of float32 gives inf: the value is rounded to the dtype
                .add(Sample.of("nanToNum(double,double,double)", x -> x[0].nanToNum(1, 1e300, -3),
                        values(new double[] {NAN, INF, -INF, 2})).ref(x -> Nd.vector(1, INF, -3, 2)).only(DType.FLOAT32)
                        .cpuSameDtype("rounded to float32").noGrad("special values")
                        .label("a replacement past float32's range"))
                .add(Sample.of("nanToNum(double,double,double)", x -> x[0].nanToNum(1, 2, -3),
                        values(new double[] {NAN, INF, -INF, 2})).ref(x -> Nd.vector(1, 2, -3, 2)).only(DType.FLOAT64)
                        .noGrad("special values").label("replacements given")));

        db.add(op("logaddexp").dtypes(FLOATING).gradFn("LogaddexpBackward0")
                .add(binary("logaddexp(Tensor)", Tensor::logaddexp, (a, b) -> Math.max(a, b)
                        + Math.log1p(Math.exp(-Math.abs(a - b)))))
                .add(Sample.of("logaddexp(Tensor)", x -> x[0].logaddexp(x[1]), values(new double[] {1, 2, -3, 800}),
                        values(new double[] {4, -1, 5, 800.5})).ref(x -> Nd.vector(4.048587351573742, 2.048587351573742,
                        5.000335406372896, 800.9740769841801)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .grads(null, PRINTED, new double[] {0.04742587317756678, 0.9525741268224334,
                                0.0003353501304664781, 0.3775406687981454}, new double[] {0.9525741268224334,
                                0.04742587317756678, 0.9996646498695336, 0.6224593312018546})
                        .label("PyTorch 1.13 values, no overflow at 800"))
                // PyTorch 1.13: torch.logaddexp([inf, -inf, inf, nan, -inf], [inf, -inf, -inf, 1, 2])
                .add(Sample.of("logaddexp(Tensor)", x -> x[0].logaddexp(x[1]), values(new double[] {INF, -INF, INF,
                        NAN, -INF}), values(new double[] {INF, -INF, -INF, 1, 2})).ref(x -> Nd.vector(INF, -INF, INF,
                        NAN, 2)).only(DType.FLOAT32, DType.FLOAT64).noGrad("infinities").label("special values"))
                // PyTorch 1.13: "logaddexp_cpu" not implemented for 'Long'
                .error(ErrorCase.of("integer operands", () -> Fails.ins(Tensor.arange(2), Tensor.arange(2)),
                        x -> x[0].logaddexp(x[1]), "floating"))
                .error(Fails.binary(Tensor::logaddexp)));

        db.add(op("exp2").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("Exp2Backward0")
                .add(unary("exp2()", Tensor::exp2, v -> Math.pow(2, v), WIDE))
                .add(printedAt("exp2()", Tensor::exp2, new double[] {1, -2, 0.5, 10},
                        new double[] {2.0, 0.25, 1.4142135623730951, 1024.0},
                        new double[] {1.3862943611198906, 0.17328679513998632, 0.9802581434685472, 709.782712893384})));

        db.add(op("maximum").dtypes(NUMERIC).gradFn("MaximumBackward0")
                .add(binary("maximum(Tensor)", Tensor::maximum, Math::max))
                .add(Samples.promoting("maximum(Tensor)", Tensor::maximum, Math::max))
                .add(Sample.of("maximum(Tensor)", x -> x[0].maximum(x[1]), values(new double[] {NAN, 1, 2, 3}),
                        values(new double[] {0, NAN, 2, -INF})).ref(x -> Nd.vector(NAN, NAN, 2, 3))
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN and a tie").label("NaN propagates"))
                // PyTorch 1.13: a = [nan, 1, 2, 3], b = [0, nan, 2, 1]; a.maximum(b).backward([1, 2, 3, 4]): a NaN on
                // either side makes neither side win, so both get the whole gradient
                .add(Sample.of("maximum(Tensor)", x -> x[0].maximum(x[1]), values(new double[] {NAN, 1, 2, 3}),
                        values(new double[] {0, NAN, 2, 1})).ref(x -> Nd.vector(NAN, NAN, 2, 3))
                        .grads(new double[] {1, 2, 3, 4}, Tolerance.EXACT, new double[] {1, 2, 1.5, 4},
                                new double[] {1, 2, 1.5, 0}).only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN and a tie")
                        .label("PyTorch 1.13, NaN gradients"))
                .add(Sample.of("maximum(Tensor)", x -> x[0].maximum(x[1]), values(new double[] {1, 2, 3}),
                        values(new double[] {1, 0, 3})).ref(x -> Nd.vector(1, 2, 3)).only(DType.FLOAT64)
                        .grads(new double[] {1, 1, 1}, Tolerance.EXACT, new double[] {0.5, 1, 0.5},
                                new double[] {0.5, 0, 0.5}).noGrad("ties").label("ties split the gradient"))
                .error(Fails.binary(Tensor::maximum)));

        db.add(op("minimum").dtypes(NUMERIC).gradFn("MinimumBackward0")
                .add(binary("minimum(Tensor)", Tensor::minimum, Math::min))
                .add(Sample.of("minimum(Tensor)", x -> x[0].minimum(x[1]), values(new double[] {NAN, 1, 2}),
                        values(new double[] {0, NAN, 2})).ref(x -> Nd.vector(NAN, NAN, 2))
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN").label("NaN propagates"))
                // PyTorch 1.13: a = [nan, 1, 2], b = [0, nan, 5]; a.minimum(b).backward([1, 2, 3])
                .add(Sample.of("minimum(Tensor)", x -> x[0].minimum(x[1]), values(new double[] {NAN, 1, 2}),
                        values(new double[] {0, NAN, 5})).ref(x -> Nd.vector(NAN, NAN, 2))
                        .grads(new double[] {1, 2, 3}, Tolerance.EXACT, new double[] {1, 2, 3}, new double[] {1, 2, 0})
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN").label("PyTorch 1.13, NaN gradients"))
                .error(Fails.binary(Tensor::minimum)));

        db.add(op("where").dtypes(ALL).gradFn("WhereBackward0")
                .add(Sample.of("where(Tensor,Tensor,Tensor)", x -> Tensor.where(x[0], x[1], x[2]), mask(2, 3), t(2, 3),
                        t(2, 3)).ref(x -> Ref.where(x[0], x[1], x[2])))
                .add(Sample.of("where(Tensor,Tensor,Tensor)", x -> Tensor.where(x[0], x[1], x[2]), mask(2, 1), t(3),
                        t()).ref(x -> Ref.where(x[0], x[1], x[2])).label("broadcast all three"))
                .add(Sample.of("where(Tensor,Tensor,Tensor)", x -> Tensor.where(x[0], x[1], x[2]), mask(3),
                        t(2, 3).transposed(), t(2, 3).strided()).ref(x -> Ref.where(x[0], x[1], x[2])))
                .add(Sample.of("where(Tensor,Tensor,Tensor)", x -> Tensor.where(x[0], x[1], x[2]), mask(0, 3), t(3),
                        t(0, 1)).ref(x -> Ref.where(x[0], x[1], x[2])))
                .add(Sample.of("where(Tensor,Tensor,Tensor)", x -> Tensor.where(x[0].gt(0.0), x[0], x[1]), t(2, 3),
                        t(3)).ref(x -> Ref.zip(x[0], x[1], (a, b) -> a > 0 ? a : b)).only(DType.FLOAT64)
                        .label("x > 0 ? x : y, the op test's case"))
                // A long scalar is a Python int: a bool x becomes int64 (torch.where(c, b, 5) is int64); a double is a
                // Python float: an integer or bool x becomes float32 (torch.where(c, int_tensor, 0.0) is float32)
                .add(Sample.of("where(Tensor,Tensor,double)", x -> Tensor.where(x[0], x[1], 0.0), mask(2, 3),
                        t(2, 3).transposed()).ref(x -> Ref.zip(x[0], x[1], (c, v) -> c != 0 ? v : 0))
                        .result(FLOAT_RESULT))
                .add(Sample.of("where(Tensor,double,Tensor)", x -> Tensor.where(x[0], 5.0, x[1]), mask(3), t(2, 3))
                        .ref(x -> Ref.zip(x[0], x[1], (c, v) -> c != 0 ? 5 : v)).result(FLOAT_RESULT)
                        .label("5.0, a Python float"))
                .add(Sample.of("where(Tensor,Tensor,long)", x -> Tensor.where(x[0], x[1], 0L), mask(2, 3),
                        t(2, 3).transposed()).ref(x -> Ref.zip(x[0], x[1], (c, v) -> c != 0 ? v : 0))
                        .result(BOOL_TO_INT64).label("0, a Python int"))
                .add(Sample.of("where(Tensor,long,Tensor)", x -> Tensor.where(x[0], 5L, x[1]), mask(3), t(2, 3))
                        .ref(x -> Ref.zip(x[0], x[1], (c, v) -> c != 0 ? 5 : v)).result(BOOL_TO_INT64)
                        .label("5, a Python int"))
                // The op tests' values: where(x > 0, x, 0.0) and where(x > 0, 5.0, x), exact, with the gradient.
                .add(Sample.of("where(Tensor,Tensor,double)", x -> Tensor.where(x[0].gt(0.0), x[0], 0.0),
                        values(new double[] {-1, 2, -3})).ref(x -> Nd.vector(0, 2, 0)).only(DType.FLOAT64)
                        .tol(DType.FLOAT64, Tolerance.EXACT).grads(null, Tolerance.EXACT, new double[] {0, 1, 0})
                        .label("where(x > 0, x, 0.0)"))
                .add(Sample.of("where(Tensor,double,Tensor)", x -> Tensor.where(x[0].gt(0.0), 5.0, x[0]),
                        values(new double[] {-1, 2, -3})).ref(x -> Nd.vector(-1, 5, -3)).only(DType.FLOAT64)
                        .tol(DType.FLOAT64, Tolerance.EXACT).label("where(x > 0, 5.0, x)"))
                .error(ErrorCase.of("float condition", () -> Fails.ins(Tensor.ones(2), Tensor.ones(2), Tensor.ones(2)),
                        x -> Tensor.where(x[0], x[1], x[2]), "bool", "float32"))
                .error(ErrorCase.of("shapes", () -> Fails.ins(Tensor.ones(new int[] {2, 3}, DType.BOOL),
                        Tensor.ones(4).requiresGrad(true), Tensor.ones(1)), x -> Tensor.where(x[0], x[1], x[2]),
                        "[2, 3]", "[4]"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(new int[] {2}, DType.BOOL), Tensor.ones(2),
                        Tensor.ones(2).to(other)), x -> Tensor.where(x[0], x[1], x[2]))));

        // ------------------------------------------------------------------------------------------------------------
        // Comparisons and logical ops: bool results, no gradient
        // ------------------------------------------------------------------------------------------------------------

        db.add(comparison("eq", Tensor::eq, Tensor::eq, (a, b) -> a == b));
        db.add(comparison("ne", Tensor::ne, Tensor::ne, (a, b) -> a != b));
        db.add(comparison("lt", Tensor::lt, Tensor::lt, (a, b) -> a < b));
        db.add(comparison("le", Tensor::le, Tensor::le, (a, b) -> a <= b));
        db.add(comparison("gt", Tensor::gt, Tensor::gt, (a, b) -> a > b));
        db.add(comparison("ge", Tensor::ge, Tensor::ge, (a, b) -> a >= b));

        db.add(op("logicalNot").dtypes(ALL).result(t -> DType.BOOL).notDifferentiable()
                .add(unary("logicalNot()", Tensor::logicalNot, v -> bool(v == 0), ANY))
                .add(Sample.of("logicalNot()", x -> x[0].logicalNot(), values(new double[] {0, 1.5, -2, NAN}))
                        .ref(x -> Nd.vector(1, 0, 0, 0)).only(DType.FLOAT32, DType.FLOAT64).label("zeros and NaN")));

        db.add(op("logicalAnd").dtypes(ALL).result(t -> DType.BOOL).notDifferentiable().errorName("logical_and")
                .add(binary("logicalAnd(Tensor)", Tensor::logicalAnd, (a, b) -> bool(a != 0 && b != 0)))
                .add(Sample.of("logicalAnd(Tensor)", x -> x[0].logicalAnd(x[1]), values(new double[] {0, 1.5, 0, -2}),
                        values(new double[] {0, 0, 3, 1})).ref(x -> Nd.vector(0, 0, 0, 1)).label("with zeros"))
                .error(Fails.broadcast(Tensor::logicalAnd)));

        db.add(op("logicalOr").dtypes(ALL).result(t -> DType.BOOL).notDifferentiable().errorName("logical_or")
                .add(binary("logicalOr(Tensor)", Tensor::logicalOr, (a, b) -> bool(a != 0 || b != 0)))
                .add(Sample.of("logicalOr(Tensor)", x -> x[0].logicalOr(x[1]), values(new double[] {0, 1.5, 0, -2}),
                        values(new double[] {0, 0, 3, 1})).ref(x -> Nd.vector(0, 1, 1, 1)).label("with zeros"))
                .error(Fails.broadcast(Tensor::logicalOr)));

        db.add(op("isnan").dtypes(ALL).result(t -> DType.BOOL).notDifferentiable()
                .add(unary("isnan()", Tensor::isnan, v -> bool(Double.isNaN(v)), ANY))
                .add(Sample.of("isnan()", x -> x[0].isnan(), values(new double[] {NAN, 1, INF, -INF, 0}))
                        .ref(x -> Nd.vector(1, 0, 0, 0, 0)).only(DType.FLOAT32, DType.FLOAT64).label("special values")));

        // PyTorch 1.13: a = [5., -5, 5, -5, 5.5, -0.], b = [3., 3, -3, -3, 2, 2]; torch.fmod(a, b) is
        // [2, -2, 2, -2, 1.5, -0.] and torch.remainder(a, b) [2, 1, -1, -2, 1.5, -0.]; backward of ones gives a ones
        // and b -trunc(a / b) = [-1, 1, 1, -1, -2, 0], resp. -floor(a / b) = [-1, 2, 2, -1, -2, 0]
        double[] modA = {5, -5, 5, -5, 5.5, -0.0}, modB = {3, 3, -3, -3, 2, 2};
        double[] ones6 = {1, 1, 1, 1, 1, 1};
        db.add(op("fmod").dtypes(NUMERIC).gradFn("FmodBackward1")
                .add(Sample.of("fmod(Tensor)", x -> x[0].fmod(x[1]), values(modA), values(modB))
                        .ref(x -> Nd.vector(2, -2, 2, -2, 1.5, -0.0)).grads(ones6, Tolerance.EXACT, ones6,
                                new double[] {-1, 1, 1, -1, -2, 0}).only(DType.FLOAT32, DType.FLOAT64)
                        .noGrad("discontinuous where a / b is whole").label("PyTorch 1.13, signs"))
                .add(Sample.of("fmod(Tensor)", x -> x[0].fmod(x[1]), values(new double[] {5.2, -4.3, 7.7, -0.4}),
                        values(new double[] {3, 2.5, -2.1, 1.5})).ref(x -> Ref.zip(x[0], x[1], (a, b) -> a % b))
                        .only(DType.FLOAT32, DType.FLOAT64).label("away from the jumps: gradchecked"))
                .add(Sample.of("fmod(Tensor)", x -> x[0].fmod(x[1]), t(2, 3), t(3).in(POSITIVE))
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> a % b)).noGrad("discontinuous where a / b is whole")
                        .label("a positive divisor, broadcast"))
                // PyTorch 1.13: torch.fmod(torch.tensor([5, -5, 7]), torch.tensor([3, 3, -2])) is [2, -2, 1]
                .add(Sample.of("fmod(Tensor)", x -> x[0].fmod(x[1]), values(new double[] {5, -5, 7}),
                        values(new double[] {3, 3, -2})).ref(x -> Nd.vector(2, -2, 1)).only(DType.INT64, DType.INT32)
                        .label("PyTorch 1.13, integers"))
                .add(Sample.of("fmod(double)", x -> x[0].fmod(2.0), values(modA)).ref(x -> Nd.vector(1, -1, 1, -1, 1.5,
                        -0.0)).grads(ones6, Tolerance.EXACT, ones6).only(DType.FLOAT32, DType.FLOAT64)
                        .gradFn("FmodBackward0").noGrad("discontinuous").label("by a scalar"))
                .add(Sample.of("fmod(long)", x -> x[0].fmod(-3L), values(new double[] {5, -5, 7}))
                        .ref(x -> Nd.vector(2, -2, 1)).only(DType.INT64, DType.INT32).gradFn("FmodBackward0")
                        .label("an integer by a Python int stays integral"))
                // PyTorch 1.13: torch.fmod(torch.tensor([5, -5, 7]), -3.0) is float32 [2., -2., 1.]
                .add(Sample.of("fmod(double)", x -> x[0].fmod(-3.0), values(new double[] {5, -5, 7}))
                        .ref(x -> Nd.vector(2, -2, 1)).only(DType.INT64, DType.INT32).result(FLOAT_RESULT)
                        .gradFn("FmodBackward0").label("an integer by a Python float is float32"))
                // PyTorch 1.13: torch.fmod(torch.tensor([1, 2]), 0) raises ZeroDivisionError (on the CPU)
                .error(ErrorCase.of("an integer divisor of 0", () -> Fails.ins(Tensor.arange(3),
                        Tensor.of(new long[] {1, 0, 2})), x -> x[0].fmod(x[1]), "division by zero").arithmetic())
                .error(ErrorCase.of("an integer scalar divisor of 0", () -> Fails.ins(Tensor.arange(3)),
                        x -> x[0].fmod(0), "division by zero").arithmetic())
                .error(ErrorCase.of("two bool tensors", () -> Fails.ins(Tensor.of(new boolean[] {true})),
                        x -> x[0].fmod(x[0]), "bool"))
                .error(Fails.binary(Tensor::fmod)));
        db.add(op("remainder").dtypes(NUMERIC).gradFn("RemainderBackward1")
                .add(Sample.of("remainder(Tensor)", x -> x[0].remainder(x[1]), values(modA), values(modB))
                        .ref(x -> Nd.vector(2, 1, -1, -2, 1.5, -0.0)).grads(ones6, Tolerance.EXACT, ones6,
                                new double[] {-1, 2, 2, -1, -2, 0}).only(DType.FLOAT32, DType.FLOAT64)
                        .noGrad("discontinuous where a / b is whole").label("PyTorch 1.13, signs"))
                .add(Sample.of("remainder(Tensor)", x -> x[0].remainder(x[1]), values(new double[] {5.2, -4.3, 7.7,
                        -0.4}), values(new double[] {3, 2.5, -2.1, 1.5})).ref(x -> Ref.zip(x[0], x[1],
                        PointwiseDb::remainder)).only(DType.FLOAT32, DType.FLOAT64).label("away from the jumps: gradchecked"))
                .add(Sample.of("remainder(Tensor)", x -> x[0].remainder(x[1]), t(2, 3), t(3).in(POSITIVE))
                        .ref(x -> Ref.zip(x[0], x[1], PointwiseDb::remainder))
                        .noGrad("discontinuous where a / b is whole").label("a positive divisor, broadcast"))
                // PyTorch 1.13: torch.remainder(torch.tensor([5, -5, 7]), torch.tensor([3, 3, -2])) is [2, 1, -1]
                .add(Sample.of("remainder(Tensor)", x -> x[0].remainder(x[1]), values(new double[] {5, -5, 7}),
                        values(new double[] {3, 3, -2})).ref(x -> Nd.vector(2, 1, -1)).only(DType.INT64, DType.INT32)
                        .label("PyTorch 1.13, integers"))
                // PyTorch 1.13: torch.remainder(torch.tensor([inf, 3.]), torch.tensor([2., inf])) is [nan, 3];
                // torch.remainder(torch.tensor([1., -1, 0]), 0.) is nan everywhere
                .add(Sample.of("remainder(Tensor)", x -> x[0].remainder(x[1]), values(new double[] {INF, 3, 1, -1}),
                        values(new double[] {2, INF, 0, 0})).ref(x -> Nd.vector(NAN, 3, NAN, NAN))
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("special values").label("PyTorch 1.13, special values"))
                .add(Sample.of("remainder(double)", x -> x[0].remainder(3.0), values(modA)).ref(x -> Nd.vector(2, 1, 2,
                        1, 2.5, -0.0)).grads(ones6, Tolerance.EXACT, ones6).only(DType.FLOAT32, DType.FLOAT64)
                        .gradFn("RemainderBackward0").noGrad("discontinuous").label("x % 3.0"))
                .add(Sample.of("remainder(long)", x -> x[0].remainder(3L), values(modA)).ref(x -> Nd.vector(2, 1, 2, 1,
                        2.5, -0.0)).only(DType.FLOAT32, DType.FLOAT64).gradFn("RemainderBackward0")
                        .noGrad("discontinuous").label("x % 3, a Python int into a floating tensor"))
                .add(Sample.of("remainder(long)", x -> x[0].remainder(-2L), values(new double[] {5, -5, 7}))
                        .ref(x -> Nd.vector(-1, -1, -1)).only(DType.INT64, DType.INT32).gradFn("RemainderBackward0")
                        .label("an integer by a negative Python int"))
                // PyTorch 1.13: torch.tensor([5, -5, 7]) % -2.0 is float32 [-1., -1., -1.]
                .add(Sample.of("remainder(double)", x -> x[0].remainder(-2.0), values(new double[] {5, -5, 7}))
                        .ref(x -> Nd.vector(-1, -1, -1)).only(DType.INT64, DType.INT32).result(FLOAT_RESULT)
                        .gradFn("RemainderBackward0").label("an integer by a Python float is float32"))
                // PyTorch 1.13: torch.remainder(torch.tensor([1, 2]), torch.tensor([1, 0])) raises ZeroDivisionError
                .error(ErrorCase.of("an integer divisor of 0", () -> Fails.ins(Tensor.arange(2),
                        Tensor.of(new long[] {1, 0})), x -> x[0].remainder(x[1]), "division by zero").arithmetic())
                .error(Fails.binary(Tensor::remainder)));

        // PyTorch 1.13: torch.isinf / torch.isfinite of [-0.5, 0.5, -1.7, 2.9, inf, -inf, nan]
        db.add(op("isinf").dtypes(ALL).result(t -> DType.BOOL).notDifferentiable()
                .add(unary("isinf()", Tensor::isinf, v -> bool(Double.isInfinite(v)), ANY))
                .add(Sample.of("isinf()", x -> x[0].isinf(), values(new double[] {-0.5, 0.5, -1.7, 2.9, INF, -INF, NAN}))
                        .ref(x -> Nd.vector(0, 0, 0, 0, 1, 1, 0)).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, special values")));
        db.add(op("isfinite").dtypes(ALL).result(t -> DType.BOOL).notDifferentiable()
                .add(unary("isfinite()", Tensor::isfinite, v -> bool(Double.isFinite(v)), ANY))
                .add(Sample.of("isfinite()", x -> x[0].isfinite(), values(new double[] {-0.5, 0.5, -1.7, 2.9, INF, -INF,
                        NAN})).ref(x -> Nd.vector(1, 1, 1, 1, 0, 0, 0)).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, special values")));

        // PyTorch 1.13: torch.trunc([-0.5, 0.5, -1.7, 2.9, inf, -inf, nan]) is [-0., 0., -1., 2., inf, -inf, nan]
        db.add(op("trunc").dtypes(NUMERIC).gradFn("TruncBackward0")
                .add(unary("trunc()", Tensor::trunc, v -> v < 0 ? Math.ceil(v) : Math.floor(v), WIDE))
                .add(special("trunc()", Tensor::trunc, new double[] {-0.5, 0.5, -1.7, 2.9, INF, -INF, NAN},
                        new double[] {-0.0, 0, -1, 2, INF, -INF, NAN}).label("PyTorch 1.13, special values"))
                // PyTorch 1.13: torch.trunc(torch.tensor([True])) raises "trunc_vml_cpu" not implemented for 'Bool'
                .error(ErrorCase.of("a bool tensor", () -> Fails.ins(Tensor.of(new boolean[] {true})), x -> x[0].trunc(),
                        "bool")));
        // PyTorch 1.13: torch.frac(x) for the same x is [-0.5, 0.5, -0.7, 0.9, nan, nan, nan]; its gradient is 1
        db.add(op("frac").dtypes(FLOATING).gradFn("FracBackward0")
                .add(unary("frac()", Tensor::frac, v -> v - (v < 0 ? Math.ceil(v) : Math.floor(v)), WIDE))
                .add(special("frac()", Tensor::frac, new double[] {-0.5, 0.5, -1.75, 2.25, INF, -INF, NAN},
                        new double[] {-0.5, 0.5, -0.75, 0.25, NAN, NAN, NAN}).label("PyTorch 1.13, special values"))
                // PyTorch 1.13: torch.frac(torch.tensor([1])) raises "frac_cpu" not implemented for 'Long'
                .error(ErrorCase.of("an int64 tensor", () -> Fails.ins(Tensor.arange(3)), x -> x[0].frac(), "int64")));

        // PyTorch 1.13: a = [1, nan, inf, 1e-9, 100], b = [1 + 1e-6, nan, inf, 0, 100.001]: torch.isclose(a, b) is
        // [T, F, T, T, T], with equal_nan=True all true, with rtol=0, atol=0 [F, F, T, F, F]
        double[] closeA = {1, NAN, INF, 1e-9, 100}, closeB = {1 + 1e-6, NAN, INF, 0, 100.001};
        db.add(op("isclose").dtypes(FLOATING).result(t -> DType.BOOL).notDifferentiable()
                .add(Sample.of("isclose(Tensor)", x -> x[0].isclose(x[1]), values(closeA), values(closeB))
                        .ref(x -> Nd.vector(1, 0, 1, 1, 1)).only(DType.FLOAT64).label("PyTorch 1.13, defaults"))
                .add(Sample.of("isclose(Tensor,double,double,boolean)", x -> x[0].isclose(x[1], 1e-5, 1e-8, true),
                        values(closeA), values(closeB)).ref(x -> Nd.vector(1, 1, 1, 1, 1)).only(DType.FLOAT64)
                        .label("PyTorch 1.13, equal_nan"))
                .add(Sample.of("isclose(Tensor,double,double,boolean)", x -> x[0].isclose(x[1], 0, 0, false),
                        values(closeA), values(closeB)).ref(x -> Nd.vector(0, 0, 1, 0, 0)).only(DType.FLOAT64)
                        .label("PyTorch 1.13, exact"))
                .add(Sample.of("isclose(Tensor,double,double,boolean)", x -> x[0].isclose(x[1], 0.1, 0, false),
                        t(2, 3), t(3)).ref(x -> Ref.zip(x[0], x[1], (a, b) -> bool(Math.abs(a - b) <= 0.1 * Math.abs(b))))
                        .label("rtol 0.1, broadcast"))
                .error(ErrorCase.of("mixed dtypes", () -> Fails.ins(Tensor.ones(2), Tensor.ones(2).to(DType.FLOAT64)),
                        x -> x[0].isclose(x[1]), "float32", "float64"))
                .error(ErrorCase.of("a negative rtol", () -> Fails.ins(Tensor.ones(2), Tensor.ones(2)),
                        x -> x[0].isclose(x[1], -1, 0, false), "-1.0")));
        // PyTorch 1.13: torch.isclose(torch.tensor([1, 2, 3]), torch.tensor([1, 3, 3])) is [T, F, T]
        db.add(op("iscloseInt").dtypes(DType.INT64, DType.INT32).result(t -> DType.BOOL).notDifferentiable()
                .errorName("isclose")
                .add(Sample.of("isclose(Tensor)", x -> x[0].isclose(x[1]), values(new double[] {1, 2, 3}),
                        values(new double[] {1, 3, 3})).ref(x -> Nd.vector(1, 0, 1)).label("PyTorch 1.13, integers")));
        // PyTorch 1.13: torch.allclose(a, b) is False for the a and b above, True with equal_nan; True for [1., 2] and
        // [1., 2.000001]
        db.add(op("allclose").dtypes(FLOATING).result(t -> DType.BOOL).notDifferentiable()
                .add(Sample.of("allclose(Tensor)", x -> Tensor.of(new boolean[] {x[0].allclose(x[1])}), values(closeA),
                        values(closeB)).ref(x -> Nd.vector(0)).only(DType.FLOAT64).label("PyTorch 1.13, a NaN"))
                .add(Sample.of("allclose(Tensor,double,double,boolean)", x -> Tensor.of(new boolean[] {
                        x[0].allclose(x[1], 1e-5, 1e-8, true)}), values(closeA), values(closeB)).ref(x -> Nd.vector(1))
                        .only(DType.FLOAT64).label("PyTorch 1.13, equal_nan"))
                .add(Sample.of("allclose(Tensor)", x -> Tensor.of(new boolean[] {x[0].allclose(x[1])}),
                        values(new double[] {1, 2}), values(new double[] {1, 2.000001})).ref(x -> Nd.vector(1))
                        .label("PyTorch 1.13, within rtol")));

        return db;
    }

    /** PyTorch's remainder: fmod, plus {@code b} where the remainder is not 0 and its sign differs from b's. */
    private static double remainder(double a, double b) {
        double r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }

    /** A comparison predicate on two values. */
    @FunctionalInterface
    private interface Compare {
        boolean test(double a, double b);
    }

    /**
     * A comparison: {@code x.op(Tensor)} broadcasting, with equal elements; {@code x.op(double)} with a value the
     * integers and the fixed values hit, and a fractional one that no integer equals.
     */
    private static OpInfo comparison(String name, BinaryOperator<Tensor> op, Samples.ScalarOp scalarOp, Compare f) {
        DoubleBinaryOperator r = (a, b) -> bool(f.test(a, b));
        return op(name).dtypes(ALL).result(t -> DType.BOOL).notDifferentiable()
                .add(binary(name + "(Tensor)", op, r))
                .add(Samples.promoting(name + "(Tensor)", op, r).stream().map(s -> s.result(t -> DType.BOOL)).toList())
                .add(Sample.of(name + "(Tensor)", x -> op.apply(x[0], x[1]), values(new double[] {1, 2, 3, 0}),
                        values(new double[] {1, 5, 3, -1})).ref(x -> Ref.zip(x[0], x[1], r)).label("some equal"))
                .add(withScalar(name + "(double)", scalarOp, 1.0, r, ANY))
                .add(Sample.of(name + "(double)", x -> scalarOp.apply(x[0], 0.5), values(new double[] {0.5, 1, -0.5}))
                        .ref(x -> Ref.map(x[0], v -> r.applyAsDouble(v, 0.5))).label("scalar 0.5"))
                .add(Sample.of(name + "(double)", x -> scalarOp.apply(x[0], 2.5), values(new double[] {2, 3, -3}))
                        .ref(x -> Ref.map(x[0], v -> r.applyAsDouble(v, 2.5))).label("scalar 2.5"))
                .error(Fails.broadcast(op));
    }
}
