package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.spi.BackendContract;

import java.util.ArrayList;
import java.util.List;

import static dev.autograd4j.opinfo.Domain.ANY;
import static dev.autograd4j.opinfo.Domain.POSITIVE;
import static dev.autograd4j.opinfo.In.t;
import static dev.autograd4j.opinfo.In.values;
import static dev.autograd4j.opinfo.OpInfo.ALL;
import static dev.autograd4j.opinfo.OpInfo.FLOAT_RESULT;
import static dev.autograd4j.opinfo.OpInfo.NUMERIC;
import static dev.autograd4j.opinfo.OpInfo.op;
import static dev.autograd4j.opinfo.PointwiseDb.each;
import static dev.autograd4j.opinfo.Samples.binary;
import static dev.autograd4j.opinfo.Samples.withScalar;

/**
 * Quotient ops: {@code atan2} (the angle of {@code (b, a)}), {@code floorDivide} and {@code div} with a rounding mode,
 * with PyTorch 1.13's values at signed zeros, infinities and NaN, and its integer behaviour.
 */
final class QuotientDb {
    private QuotientDb() {
    }

    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;
    /** Quotients well inside an integer interval, where the rounded quotient is locally constant. */
    private static final double[] AWAY_A = {5.2, -4.3, 7.7, -0.4}, AWAY_B = {3, 2.5, -2.1, 1.5};

    static List<OpInfo> entries() {
        List<OpInfo> db = new ArrayList<>();

        // PyTorch 1.13: torch.atan2(torch.tensor([0., -0., 0., -0., inf, -inf, inf, 1., nan]),
        // torch.tensor([0., 0., -0., -0., inf, inf, -inf, -inf, 1.])) is [0, -0, pi, -pi, pi/4, -pi/4, 3pi/4, pi, nan]
        db.add(op("atan2").dtypes(ALL).result(FLOAT_RESULT).gradFn("Atan2Backward0")
                .add(each(binary("atan2(Tensor)", Tensor::atan2, Math::atan2, ANY, POSITIVE),
                        s -> s.label("b > 0: away from the branch cut")))
                .add(Sample.of("atan2(Tensor)", x -> x[0].atan2(x[1]), values(new double[] {0, -0.0, 0, -0.0, INF, -INF,
                        INF, 1, NAN}), values(new double[] {0, 0, -0.0, -0.0, INF, INF, -INF, -INF, 1}))
                        .ref(x -> Nd.vector(0, -0.0, Math.PI, -Math.PI, Math.PI / 4, -Math.PI / 4, 3 * Math.PI / 4,
                                Math.PI, NAN)).only(DType.FLOAT32, DType.FLOAT64).noGrad("special values")
                        .label("PyTorch 1.13, signed zeros and infinities"))
                // PyTorch 1.13 (float64): a = [-7., 5, 3], b = [2., -2, 1.5]; torch.atan2(a, b) backward of [1, 2, -1]
                // gives a [0.03773584905660377, -0.13793103448275862, -0.13333333333333333] and
                // b [0.1320754716981132, -0.3448275862068966, 0.26666666666666666]
                .add(Sample.of("atan2(Tensor)", x -> x[0].atan2(x[1]), values(new double[] {-7, 5, 3}),
                        values(new double[] {2, -2, 1.5})).ref(x -> Nd.vector(-1.2924966677897853, 1.9513027039072615,
                        1.1071487177940904)).grads(new double[] {1, 2, -1}, Tolerance.abs(1e-6),
                        new double[] {0.03773584905660377, -0.13793103448275862, -0.13333333333333333},
                        new double[] {0.1320754716981132, -0.3448275862068966, 0.26666666666666666})
                        .only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, every quadrant's gradient"))
                // PyTorch 1.13: torch.atan2(torch.tensor(1.), torch.tensor([1., -1])) is [pi/4, 3pi/4]
                .add(Sample.of("atan2(Tensor)", x -> x[0].atan2(x[1]), t(), t(2, 3).in(POSITIVE))
                        .ref(x -> Ref.zip(x[0], x[1], Math::atan2)).label("a 0-d first operand"))
                .add(Sample.of("atan2(Tensor)", x -> x[0].atan2(x[1]), t(0, 3), t(3).in(POSITIVE))
                        .ref(x -> Ref.zip(x[0], x[1], Math::atan2)).label("empty"))
                .add(Samples.promoting("atan2(Tensor)", Tensor::atan2, Math::atan2).get(0)
                        .noGrad("the promoting samples check dtypes"))
                .error(Fails.binary(Tensor::atan2)));

        // PyTorch 1.13: a = [-7., 7, -7, 7, 0, -0., 1, -1, 0, 5.5, -5.5, 0, -1],
        // b = [2., -2, -2, 2, 3, 3, 0, 0, 0, inf, inf, -3, inf]; torch.floor_divide(a, b) is
        // [-4, -4, 3, 3, 0, -0., inf, -inf, nan, 0, -1, -0., -1]; torch.div(a, b, rounding_mode="trunc") is
        // [-3, -3, 3, 3, 0, -0., inf, -inf, nan, 0, -0., -0., -0.]; inf and nan divided by 2 are nan (floor) and
        // inf, nan (trunc). Every gradient of the rounded quotient is 0 (DivBackward2: grad * 0).
        double[] a = {-7, 7, -7, 7, 0, -0.0, 1, -1, 0, 5.5, -5.5, 0, -1, INF, NAN};
        double[] b = {2, -2, -2, 2, 3, 3, 0, 0, 0, INF, INF, -3, INF, 2, 2};
        double[] floor = {-4, -4, 3, 3, 0, -0.0, INF, -INF, NAN, 0, -1, -0.0, -1, NAN, NAN};
        double[] trunc = {-3, -3, 3, 3, 0, -0.0, INF, -INF, NAN, 0, -0.0, -0.0, -0.0, INF, NAN};
        double[] zeros = new double[a.length];
        db.add(op("floor_divide").dtypes(NUMERIC).gradFn("DivBackward2")
                .add(each(binary("floorDivide(Tensor)", Tensor::floorDivide, BackendContract::divFloor, ANY, POSITIVE),
                        s -> s.noGrad("piecewise constant")))
                .add(Sample.of("floorDivide(Tensor)", x -> x[0].floorDivide(x[1]), values(a), values(b))
                        .ref(x -> Nd.vector(floor)).grads(null, Tolerance.EXACT, zeros, zeros)
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("piecewise constant")
                        .label("PyTorch 1.13, signs, zeros, infinities"))
                .add(Sample.of("floorDivide(Tensor)", x -> x[0].floorDivide(x[1]), values(AWAY_A), values(AWAY_B))
                        .ref(x -> Ref.zip(x[0], x[1], BackendContract::divFloor)).only(DType.FLOAT32, DType.FLOAT64)
                        .label("away from the jumps: gradchecked"))
                // PyTorch 1.13: torch.floor_divide(torch.tensor([-7, 7, -7, 7]), torch.tensor([2, -2, -2, 2])) is
                // [-4, -4, 3, 3] (int64)
                .add(Sample.of("floorDivide(Tensor)", x -> x[0].floorDivide(x[1]), values(new double[] {-7, 7, -7, 7}),
                        values(new double[] {2, -2, -2, 2})).ref(x -> Nd.vector(-4, -4, 3, 3))
                        .only(DType.INT32, DType.INT64).label("PyTorch 1.13, integers"))
                .add(Sample.of("floorDivide(Tensor)", x -> x[0].floorDivide(x[1]), t(0, 3), t(3).in(POSITIVE))
                        .ref(x -> Ref.zip(x[0], x[1], BackendContract::divFloor)).noGrad("empty").label("empty"))
                // PyTorch 1.13: torch.floor_divide(torch.tensor([7, -7]), 2.5) is [2., -3.] (float32);
                // torch.floor_divide(torch.tensor([7, -7]), -2) is [-4, 3] (int64), by -2.0 [-4., 3.] (float32)
                .add(each(withScalar("floorDivide(double)", Tensor::floorDivide, 2.5, BackendContract::divFloor, ANY),
                        s -> s.result(FLOAT_RESULT).gradFn("DivBackward3").noGrad("piecewise constant")))
                .add(Sample.of("floorDivide(long)", x -> x[0].floorDivide(-2L), values(new double[] {7, -7}))
                        .ref(x -> Nd.vector(-4, 3)).only(DType.INT32, DType.INT64).gradFn("DivBackward3")
                        .label("PyTorch 1.13, an integer by a Python int stays integral"))
                .add(Sample.of("floorDivide(double)", x -> x[0].floorDivide(-2.0), values(new double[] {7, -7}))
                        .ref(x -> Nd.vector(-4, 3)).only(DType.INT32, DType.INT64).result(FLOAT_RESULT)
                        .gradFn("DivBackward3").label("PyTorch 1.13, an integer by a Python float is float32"))
                // PyTorch 1.13: torch.floor_divide(torch.tensor([7., -7]), 0.) is [inf, -inf]
                .add(Sample.of("floorDivide(double)", x -> x[0].floorDivide(0.0), values(new double[] {7, -7, 0}))
                        .ref(x -> Nd.vector(INF, -INF, NAN)).only(DType.FLOAT32, DType.FLOAT64).gradFn("DivBackward3")
                        .noGrad("by zero").label("PyTorch 1.13, a float by 0"))
                // PyTorch 1.13: torch.floor_divide(torch.tensor([1, 2]), torch.tensor([0, 1])) raises
                // ZeroDivisionError, as does torch.floor_divide(torch.tensor([7, -7]), 0);
                // torch.floor_divide of two bool tensors raises ("div_floor_cpu" not implemented for 'Bool')
                .error(ErrorCase.of("an integer divisor of 0", () -> Fails.ins(Tensor.arange(2),
                        Tensor.of(new long[] {0, 1})), x -> x[0].floorDivide(x[1]), "division by zero").arithmetic())
                .error(ErrorCase.of("an integer scalar divisor of 0", () -> Fails.ins(Tensor.arange(2)),
                        x -> x[0].floorDivide(0), "division by zero").arithmetic())
                .error(ErrorCase.of("two bool tensors", () -> Fails.ins(Tensor.of(new boolean[] {true})),
                        x -> x[0].floorDivide(x[0]), "bool"))
                .error(Fails.binary(Tensor::floorDivide)));

        db.add(op("div_rounding").errorName("div").dtypes(NUMERIC).gradFn("DivBackward2")
                .add(each(binary("div(Tensor,String)", (x, y) -> x.div(y, "floor"), BackendContract::divFloor, ANY,
                        POSITIVE), s -> s.noGrad("piecewise constant").label("floor")))
                .add(each(binary("div(Tensor,String)", (x, y) -> x.div(y, "trunc"), BackendContract::divTrunc, ANY,
                        POSITIVE), s -> s.noGrad("piecewise constant").label("trunc")))
                .add(Sample.of("div(Tensor,String)", x -> x[0].div(x[1], "trunc"), values(a), values(b))
                        .ref(x -> Nd.vector(trunc)).grads(null, Tolerance.EXACT, zeros, zeros)
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("piecewise constant")
                        .label("PyTorch 1.13, trunc: signs, zeros, infinities"))
                .add(Sample.of("div(Tensor,String)", x -> x[0].div(x[1], "floor"), values(a), values(b))
                        .ref(x -> Nd.vector(floor)).grads(null, Tolerance.EXACT, zeros, zeros)
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("piecewise constant")
                        .label("PyTorch 1.13, floor: signs, zeros, infinities"))
                .add(Sample.of("div(Tensor,String)", x -> x[0].div(x[1], "floor"), values(AWAY_A), values(AWAY_B))
                        .ref(x -> Ref.zip(x[0], x[1], BackendContract::divFloor)).only(DType.FLOAT32, DType.FLOAT64)
                        .label("floor, away from the jumps: gradchecked"))
                .add(Sample.of("div(Tensor,String)", x -> x[0].div(x[1], "trunc"), values(AWAY_A), values(AWAY_B))
                        .ref(x -> Ref.zip(x[0], x[1], BackendContract::divTrunc)).only(DType.FLOAT32, DType.FLOAT64)
                        .label("trunc, away from the jumps: gradchecked"))
                // PyTorch 1.13: torch.div(torch.tensor([-7, 7, -7, 7]), torch.tensor([2, -2, -2, 2]),
                // rounding_mode="trunc") is [-3, -3, 3, 3] (int64)
                .add(Sample.of("div(Tensor,String)", x -> x[0].div(x[1], "trunc"), values(new double[] {-7, 7, -7, 7}),
                        values(new double[] {2, -2, -2, 2})).ref(x -> Nd.vector(-3, -3, 3, 3))
                        .only(DType.INT32, DType.INT64).label("PyTorch 1.13, integers"))
                // rounding_mode=None is true division: integers give float32
                .add(Sample.of("div(Tensor,String)", x -> x[0].div(x[1], null), t(2, 3), t(3).in(POSITIVE))
                        .ref(x -> Ref.zip(x[0], x[1], (p, q) -> p / q)).result(FLOAT_RESULT).gradFn("DivBackward0")
                        .label("null: true division"))
                // PyTorch 1.13: torch.div(torch.tensor([7, -7]), 2, rounding_mode="trunc") is [3, -3] (int64); by 2.0
                // it is [3., -3.] (float32)
                .add(Sample.of("div(long,String)", x -> x[0].div(2L, "trunc"), values(new double[] {7, -7}))
                        .ref(x -> Nd.vector(3, -3)).only(DType.INT32, DType.INT64).gradFn("DivBackward3")
                        .label("PyTorch 1.13, trunc by a Python int"))
                .add(Sample.of("div(double,String)", x -> x[0].div(2.0, "trunc"), values(new double[] {7, -7}))
                        .ref(x -> Nd.vector(3, -3)).only(DType.INT32, DType.INT64).result(FLOAT_RESULT)
                        .gradFn("DivBackward3").label("PyTorch 1.13, trunc by a Python float"))
                // PyTorch 1.13: torch.div(torch.tensor([-7, 7]), 2.5, rounding_mode="floor") is [-3., 2.] (float32)
                .add(each(withScalar("div(double,String)", (x, s) -> x.div(s, "floor"), 2.5, BackendContract::divFloor,
                        ANY),
                        s -> s.result(FLOAT_RESULT).gradFn("DivBackward3").noGrad("piecewise constant")))
                .add(each(withScalar("div(double,String)", (x, s) -> x.div(s, null), 2.5, (p, q) -> p / q, ANY),
                        s -> s.result(FLOAT_RESULT).gradFn("DivBackward0").label("null: true division")))
                // PyTorch 1.13: torch.div(x, y, rounding_mode="bad") raises "div expected rounding_mode to be one of
                // None, 'trunc', or 'floor' but found 'bad'"; an integer divisor of 0 raises ZeroDivisionError
                .error(ErrorCase.of("rounding mode \"bad\"", () -> Fails.ins(Tensor.ones(2)),
                        x -> x[0].div(x[0], "bad"), "rounding mode", "bad"))
                .error(ErrorCase.of("rounding mode \"bad\", by a scalar", () -> Fails.ins(Tensor.ones(2)),
                        x -> x[0].div(2, "bad"), "rounding mode", "bad"))
                .error(ErrorCase.of("an integer divisor of 0", () -> Fails.ins(Tensor.arange(2),
                        Tensor.of(new long[] {1, 0})), x -> x[0].div(x[1], "trunc"), "division by zero").arithmetic())
                .error(ErrorCase.of("an integer scalar divisor of 0", () -> Fails.ins(Tensor.arange(2)),
                        x -> x[0].div(0, "floor"), "division by zero").arithmetic())
                .error(ErrorCase.of("two bool tensors", () -> Fails.ins(Tensor.of(new boolean[] {true})),
                        x -> x[0].div(x[0], "floor"), "bool"))
                .error(Fails.binary((x, y) -> x.div(y, "floor"))));
        return db;
    }
}
