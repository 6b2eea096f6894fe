package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;
import dev.autograd4j.nn.Reduction;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import static dev.autograd4j.opinfo.Domain.ANY;
import static dev.autograd4j.opinfo.Domain.POSITIVE;
import static dev.autograd4j.opinfo.In.mask;
import static dev.autograd4j.opinfo.In.t;
import static dev.autograd4j.opinfo.In.values;
import static dev.autograd4j.opinfo.OpInfo.ALL;
import static dev.autograd4j.opinfo.OpInfo.FLOATING;
import static dev.autograd4j.opinfo.OpInfo.FLOAT_RESULT;
import static dev.autograd4j.opinfo.OpInfo.NUMERIC;
import static dev.autograd4j.opinfo.OpInfo.op;
import static dev.autograd4j.opinfo.Samples.unary;

/**
 * The ops of issue 9 that real models need: the activations silu, mish, elu, hardtanh and logsigmoid; the elementwise
 * losses (binary cross-entropy on probabilities and on logits, L1, smooth L1, Huber, KL divergence); masked_fill and
 * the triangles; in-place relu_, sigmoid_, exp_, clamp_, div_ by a tensor and masked_fill_; pow with a scalar base
 * and division with the scalar on the left. Values marked "PyTorch 1.13" were printed by torch 1.13.1 (CPU) in
 * float64, with {@code torch.set_printoptions(precision=17)}, for the expression in the comment above them.
 */
final class ActivationLossDb {
    private ActivationLossDb() {
    }

    private static final double INF = Double.POSITIVE_INFINITY;
    /** The inputs of PyTorch's printed activation values below (PointwiseDb's). */
    private static final double[] X = {-2.5, -1.0, -0.5, 0.0, 0.5, 1.0, 2.5};
    private static final Tolerance PRINTED = Tolerance.abs(1e-14);
    /** Probabilities away from 0 and 1, where binary cross-entropy's derivatives are tame. */
    private static final Domain PROBABILITY = new Domain("probability", 0.05, 0.95, 0, 1);
    /** Targets of binary cross-entropy: [0, 1). */
    private static final Domain UNIT = new Domain("unit", 0, 1, 0, 1);

    /** An activation at {@link #X} in float64 against PyTorch 1.13's values and gradients of {@code y.sum()}. */
    private static Sample printed(String call, UnaryOperator<Tensor> op, double[] values, double[] grads) {
        return Sample.of(call, x -> op.apply(x[0]), values(X)).ref(x -> Nd.vector(values)).only(DType.FLOAT64)
                .tol(DType.FLOAT64, PRINTED).grads(null, PRINTED, grads)
                .noGrad("gradchecked on drawn values; X holds the kinks of elu and hardtanh").label("PyTorch 1.13 values");
    }

    /** Inputs past hardsigmoid's and hardswish's bends at +-3. */
    private static final double[] X9 = {-4.0, -2.5, -1.0, -0.5, 0.0, 0.5, 1.0, 2.5, 4.0};

    /** Like {@link #printed}, at {@link #X9}. */
    private static Sample printed9(String call, UnaryOperator<Tensor> op, double[] values, double[] grads) {
        return Sample.of(call, x -> op.apply(x[0]), values(X9)).ref(x -> Nd.vector(values)).only(DType.FLOAT64)
                .tol(DType.FLOAT64, PRINTED).grads(null, PRINTED, grads)
                .noGrad("gradchecked on drawn values; X9 holds the kinks").label("PyTorch 1.13 values");
    }

    private static OpInfo activation(String name, String call, UnaryOperator<Tensor> op, DoubleUnaryOperator f,
                                     String nodeName) {
        return op(name).dtypes(FLOATING).gradFn(nodeName)
                .add(unary(call, op, f, Domain.WIDE))
                .error(Fails.boolInput(op));
    }

    // ------------------------------------------------------------------------------------------------------------
    // References
    // ------------------------------------------------------------------------------------------------------------

    static double silu(double v) {
        return v / (1 + Math.exp(-v));
    }

    static double logsigmoid(double v) {
        return Math.min(v, 0) - Math.log1p(Math.exp(-Math.abs(v)));
    }

    /** GLU along the last dim: the first half times the sigmoid of the second. */
    static Nd glu(Nd x) {
        int cols = x.shape[x.rank() - 1], half = cols / 2, rows = x.numel() / cols;
        double[] out = new double[rows * half];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < half; c++) {
                double a = x.data[r * cols + c], b = x.data[r * cols + half + c];
                out[r * half + c] = a / (1 + Math.exp(-b));
            }
        }
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = half;
        return Nd.of(shape, out);
    }

    /** PReLU with one slope, or one per channel (dim 1). */
    static Nd prelu(Nd x, Nd w) {
        double[] out = new double[x.numel()];
        int channels = x.rank() >= 2 ? x.shape[1] : 1, inner = 1;
        for (int d = 2; d < x.rank(); d++) {
            inner *= x.shape[d];
        }
        for (int i = 0; i < out.length; i++) {
            double slope = w.numel() == 1 ? w.data[0] : w.data[(i / inner) % channels];
            out[i] = x.data[i] > 0 ? x.data[i] : slope * x.data[i];
        }
        return Nd.of(x.shape, out);
    }

    static Nd reduce(Nd losses, Reduction reduction) {
        return switch (reduction) {
            case NONE -> losses;
            case SUM -> Nd.scalar(Ref.sum(losses.data)).terms(null, losses.numel());
            case MEAN -> Nd.scalar(Ref.mean(losses.data)).terms(null, losses.numel());
        };
    }

    /** Binary cross-entropy, each log clamped at -100; {@code w} may be null. */
    static Nd bce(Nd x, Nd t, Nd w, Reduction reduction) {
        Nd ww = w == null ? null : Ref.expand(w, x.shape);
        double[] out = new double[x.numel()];
        for (int i = 0; i < out.length; i++) {
            double p = x.data[i], y = t.data[i];
            out[i] = -(y * Math.max(Math.log(p), -100) + (1 - y) * Math.max(Math.log(1 - p), -100))
                    * (ww == null ? 1 : ww.data[i]);
        }
        return reduce(Nd.of(x.shape, out), reduction);
    }

    /** Binary cross-entropy of logits; {@code w} and {@code pw} may be null. */
    static Nd bceLogits(Nd x, Nd t, Nd w, Nd pw, Reduction reduction) {
        Nd ww = w == null ? null : Ref.expand(w, x.shape), pp = pw == null ? null : Ref.expand(pw, x.shape);
        double[] out = new double[x.numel()];
        for (int i = 0; i < out.length; i++) {
            double v = x.data[i], y = t.data[i];
            double logSig = logsigmoid(v), logSigNeg = logsigmoid(-v);
            out[i] = -((pp == null ? 1 : pp.data[i]) * y * logSig + (1 - y) * logSigNeg) * (ww == null ? 1 : ww.data[i]);
        }
        return reduce(Nd.of(x.shape, out), reduction);
    }

    static Nd smoothL1(Nd x, Nd t, Reduction reduction, double beta) {
        return reduce(Ref.zip(x, t, (a, b) -> {
            double d = Math.abs(a - b);
            return d < beta ? 0.5 * d * d / beta : d - 0.5 * beta;
        }), reduction);
    }

    static Nd huber(Nd x, Nd t, Reduction reduction, double delta) {
        return reduce(Ref.zip(x, t, (a, b) -> {
            double d = Math.abs(a - b);
            return d < delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
        }), reduction);
    }

    /** The triangle of the last two dims: {@code col - row <= k} (lower) or {@code >= k}. */
    static Nd triangle(Nd x, int k, boolean lower) {
        int rows = x.shape[x.rank() - 2], cols = x.shape[x.rank() - 1];
        double[] out = x.data.clone();
        for (int i = 0; i < out.length; i++) {
            int c = i % cols, r = (i / cols) % rows;
            if (lower ? c - r > k : c - r < k) {
                out[i] = 0;
            }
        }
        return Nd.of(x.shape, out);
    }

    private static List<Sample> triangles(String call, boolean lower, java.util.function.BiFunction<Tensor, Integer,
            Tensor> op) {
        List<Sample> out = new ArrayList<>();
        Object[][] cases = {{t(3, 4), 0}, {t(2, 3, 4), -1}, {t(4, 3).transposed(), 1}, {t(3, 3).strided(), 2},
                {t(2, 2, 3).expanded(0), 0}, {t(0, 3), 0}, {t(3, 2), -5}, {t(2, 3), 7}};
        for (Object[] c : cases) {
            int k = (Integer) c[1];
            out.add(Sample.of(call, x -> op.apply(x[0], k), (In) c[0]).ref(x -> triangle(x[0], k, lower))
                    .label("diagonal " + k));
        }
        return out;
    }

    static List<OpInfo> entries() {
        List<OpInfo> db = new ArrayList<>();
        Reduction mean = Reduction.MEAN, sum = Reduction.SUM, none = Reduction.NONE;

        // ------------------------------------------------------------------------------------------------------------
        // Activations
        // ------------------------------------------------------------------------------------------------------------

        db.add(activation("silu", "Functional.silu(Tensor)", Functional::silu, ActivationLossDb::silu, "SiluBackward0")
                // PyTorch 1.13: F.silu(x) at X and x.grad after y.sum().backward()
                .add(printed("Functional.silu(Tensor)", Functional::silu, new double[] {-0.18964545005310887,
                        -0.2689414213699951, -0.1887703343990727, 0.0, 0.3112296656009273, 0.7310585786300049,
                        2.3103545499468914}, new double[] {-0.09940111134152683, 0.07232948812851325,
                        0.2600388126973482, 0.5, 0.7399611873026519, 0.9276705118714869, 1.0994011113415267})));

        db.add(activation("mish", "Functional.mish(Tensor)", Functional::mish,
                v -> v * Math.tanh(Math.log1p(Math.exp(v))), "MishBackward0")
                // PyTorch 1.13: F.mish(x)
                .add(printed("Functional.mish(Tensor)", Functional::mish, new double[] {-0.19681620390653337,
                        -0.30340146137410895, -0.22074377465173, 0.0, 0.3752452113048951, 0.8650983882673103,
                        2.471392304557881}, new double[] {-0.10974357275018566, 0.059216755877395014,
                        0.28951067791351226, 0.6, 0.8864243753577272, 1.0490362200997922, 1.041129530131353})));

        db.add(activation("elu", "Functional.elu(Tensor)", Functional::elu, v -> v > 0 ? v : Math.expm1(v),
                "EluBackward0")
                .add(unary("Functional.elu(Tensor,double)", x -> Functional.elu(x, 0.5),
                        v -> v > 0 ? v : 0.5 * Math.expm1(v), Domain.WIDE).stream().map(s -> s.label("alpha 0.5"))
                        .toList())
                // PyTorch 1.13: F.elu(x) and F.elu(x, 0.5)
                .add(printed("Functional.elu(Tensor)", Functional::elu, new double[] {-0.9179150013761012,
                        -0.6321205588285577, -0.3934693402873666, 0.0, 0.5, 1.0, 2.5}, new double[] {
                        0.0820849986238988, 0.36787944117144233, 0.6065306597126334, 1.0, 1.0, 1.0, 1.0}))
                .add(printed("Functional.elu(Tensor,double)", x -> Functional.elu(x, 0.5), new double[] {
                        -0.4589575006880506, -0.31606027941427883, -0.1967346701436833, 0.0, 0.5, 1.0, 2.5},
                        new double[] {0.0410424993119494, 0.18393972058572117, 0.3032653298563167, 0.5, 1.0, 1.0,
                                1.0}).label("alpha 0.5, PyTorch 1.13 values"))
                .add(Sample.of("Functional.elu(Tensor)", x -> Functional.elu(x[0]), values(new double[] {800, -800}))
                        .ref(x -> Nd.vector(800, -1)).only(DType.FLOAT32, DType.FLOAT64)
                        .label("large magnitudes: no overflow")));

        // Bounds away from the drawn values, so the finite differences of gradcheck never straddle one.
        db.add(activation("hardtanh", "Functional.hardtanh(Tensor,double,double)",
                x -> Functional.hardtanh(x, -0.55, 0.75), v -> Math.min(Math.max(v, -0.55), 0.75), "HardtanhBackward0")
                .add(Sample.of("Functional.hardtanh(Tensor)", x -> Functional.hardtanh(x[0]), t(2, 3).in(Domain.WIDE))
                        .ref(x -> Ref.map(x[0], v -> Math.min(Math.max(v, -1), 1))))
                // PyTorch 1.13: F.hardtanh(x); the gradient is 0 at the bounds -1 and 1 themselves
                .add(printed("Functional.hardtanh(Tensor)", Functional::hardtanh, new double[] {-1.0, -1.0, -0.5,
                        0.0, 0.5, 1.0, 1.0}, new double[] {0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0}))
                .error(ErrorCase.of("a NaN bound", () -> Fails.ins(Tensor.ones(2)),
                        x -> Functional.hardtanh(x[0], Double.NaN, 1), "NaN")));

        // The rest of torch.nn.functional's activations; each line of values and gradients (of y.sum()) is PyTorch
        // 1.13's, in float64, at X9 unless shown.
        db.add(activation("relu6", "Functional.relu6(Tensor)", Functional::relu6, v -> Math.min(Math.max(v, 0), 6),
                "HardtanhBackward0").errorName("hardtanh")
                .add(Sample.of("Functional.relu6(Tensor)", x -> Functional.relu6(x[0]), values(new double[] {-1, 0, 3,
                        6, 7.5})).ref(x -> Nd.vector(0, 0, 3, 6, 6)).only(DType.FLOAT64).grads(null, PRINTED,
                        new double[] {0, 0, 1, 0, 0}).noGrad("the kinks").label("PyTorch 1.13 values"))
                // PyTorch 1.13: F.relu6(torch.tensor([-1, 3, 8])) is tensor([0, 3, 6]) (int64)
                .add(Sample.of("Functional.relu6(Tensor)", x -> Functional.relu6(x[0]), In.index(new long[] {-1, 3,
                        8})).ref(x -> Nd.vector(0, 3, 6).as(DType.INT64)).label("integers stay integral")));

        db.add(activation("hardsigmoid", "Functional.hardsigmoid(Tensor)", Functional::hardsigmoid,
                v -> Math.min(Math.max(v + 3, 0), 6) / 6, "HardsigmoidBackward0")
                // The gradient 0.1666666716337204 is PyTorch's float 1/6, also in float64
                .add(printed9("Functional.hardsigmoid(Tensor)", Functional::hardsigmoid, new double[] {0.0,
                        0.08333333333333333, 0.3333333333333333, 0.4166666666666667, 0.5, 0.5833333333333334,
                        0.6666666666666666, 0.9166666666666666, 1.0}, new double[] {0.0, 0.1666666716337204,
                        0.1666666716337204, 0.1666666716337204, 0.1666666716337204, 0.1666666716337204,
                        0.1666666716337204, 0.1666666716337204, 0.0})));

        db.add(activation("hardswish", "Functional.hardswish(Tensor)", Functional::hardswish,
                v -> v * Math.min(Math.max(v + 3, 0), 6) / 6, "HardswishBackward0")
                .add(printed9("Functional.hardswish(Tensor)", Functional::hardswish, new double[] {-0.0,
                        -0.20833333333333334, -0.3333333333333333, -0.20833333333333334, 0.0, 0.2916666666666667,
                        0.6666666666666666, 2.2916666666666665, 4.0}, new double[] {0.0, -0.33333333333333337,
                        0.16666666666666669, 0.33333333333333337, 0.5, 0.6666666666666666, 0.8333333333333333,
                        1.3333333333333335, 1.0})));

        db.add(activation("selu", "Functional.selu(Tensor)", Functional::selu, v -> 1.0507009873554805 * (v > 0 ? v
                : 1.6732632423543772 * Math.expm1(v)), "EluBackward0")
                .add(printed9("Functional.selu(Tensor)", Functional::selu, new double[] {-1.7258986281898945,
                        -1.6137857588732423, -1.1113307378125625, -0.6917581878028713, 0.0, 0.5253504936777402,
                        1.0507009873554805, 2.626752468388701, 4.202803949421922}, new double[] {0.03220071265748214,
                        0.1443135819741343, 0.646768603034814, 1.0663411530445053, 1.7580993408473766,
                        1.0507009873554805, 1.0507009873554805, 1.0507009873554805, 1.0507009873554805})));

        db.add(activation("celu", "Functional.celu(Tensor,double)", x -> Functional.celu(x, 0.5),
                v -> v > 0 ? v : 0.5 * Math.expm1(v / 0.5), "CeluBackward0")
                .add(Sample.of("Functional.celu(Tensor)", x -> Functional.celu(x[0]), t(2, 3).in(Domain.WIDE))
                        .ref(x -> Ref.map(x[0], v -> v > 0 ? v : Math.expm1(v))))
                .add(printed9("Functional.celu(Tensor,double)", x -> Functional.celu(x, 0.5), new double[] {
                        -0.49983226868604874, -0.49663102650045726, -0.43233235838169365, -0.31606027941427883, 0.0,
                        0.5, 1.0, 2.5, 4.0}, new double[] {0.00033546262790251185, 0.006737946999085467,
                        0.1353352832366127, 0.36787944117144233, 1.0, 1.0, 1.0, 1.0, 1.0}))
                // PyTorch 1.13: F.celu(x, 0.) raises "alpha cannot be 0 for CELU"
                .error(ErrorCase.of("alpha 0", () -> Fails.ins(Tensor.ones(2)), x -> Functional.celu(x[0], 0),
                        "alpha cannot be 0")));

        db.add(op("softsign").dtypes(FLOATING).gradFn("DivBackward0")
                .add(unary("Functional.softsign(Tensor)", Functional::softsign, v -> v / (1 + Math.abs(v)), Domain.WIDE))
                .add(printed9("Functional.softsign(Tensor)", Functional::softsign, new double[] {-0.8,
                        -0.7142857142857143, -0.5, -0.3333333333333333, 0.0, 0.3333333333333333, 0.5,
                        0.7142857142857143, 0.8}, new double[] {0.04000000000000001, 0.08163265306122447, 0.25,
                        0.4444444444444444, 1.0, 0.4444444444444444, 0.25, 0.08163265306122447, 0.04000000000000001})));

        db.add(op("tanhshrink").dtypes(FLOATING).gradFn("SubBackward0")
                .add(unary("Functional.tanhshrink(Tensor)", Functional::tanhshrink, v -> v - Math.tanh(v),
                        Domain.WIDE)));

        db.add(op("softmin").dtypes(FLOATING).gradFn("SoftmaxBackward0")
                .add(Sample.of("Functional.softmin(Tensor,int)", x -> Functional.softmin(x[0], 1), t(2, 3))
                        .ref(x -> Ref.alongDim(Ref.map(x[0], v -> -v), 1, Ref::softmax)))
                .add(Sample.of("Functional.softmin(Tensor,int)", x -> Functional.softmin(x[0], 0), t(4, 2)
                        .transposed()).ref(x -> Ref.alongDim(Ref.map(x[0], v -> -v), 0, Ref::softmax))));

        db.add(activation("threshold", "Functional.threshold(Tensor,double,double)",
                x -> Functional.threshold(x, 0.5, -2), v -> v > 0.5 ? v : -2, "ThresholdBackward0")
                .add(printed9("Functional.threshold(Tensor,double,double)", x -> Functional.threshold(x, 0.5, -2),
                        new double[] {-2, -2, -2, -2, -2, -2, 1, 2.5, 4}, new double[] {0, 0, 0, 0, 0, 0, 1, 1, 1}))
                // PyTorch 1.13: F.threshold(torch.tensor([1, 2, 3]), 1.5, 0) is tensor([0, 2, 3]) (int64)
                .add(Sample.of("Functional.threshold(Tensor,double,double)", x -> Functional.threshold(x[0], 1.5, 0),
                        In.index(new long[] {1, 2, 3})).ref(x -> Nd.vector(0, 2, 3).as(DType.INT64))
                        .label("integers stay integral")));

        db.add(activation("hardshrink", "Functional.hardshrink(Tensor,double)", x -> Functional.hardshrink(x, 0.5),
                v -> Math.abs(v) > 0.5 ? v : 0, "HardshrinkBackward0")
                .add(printed9("Functional.hardshrink(Tensor,double)", x -> Functional.hardshrink(x, 0.5),
                        new double[] {-4, -2.5, -1, 0, 0, 0, 1, 2.5, 4}, new double[] {1, 1, 1, 0, 0, 0, 1, 1, 1})));

        db.add(activation("softshrink", "Functional.softshrink(Tensor,double)", x -> Functional.softshrink(x, 0.5),
                v -> v > 0.5 ? v - 0.5 : v < -0.5 ? v + 0.5 : 0, "SoftshrinkBackward0")
                .add(printed9("Functional.softshrink(Tensor,double)", x -> Functional.softshrink(x, 0.5),
                        new double[] {-3.5, -2, -0.5, 0, 0, 0, 0.5, 2, 3.5}, new double[] {1, 1, 1, 0, 0, 0, 1, 1, 1}))
                .error(ErrorCase.of("a negative lambda", () -> Fails.ins(Tensor.ones(2)),
                        x -> Functional.softshrink(x[0], -1), "lambda")));

        db.add(op("logit").dtypes(NUMERIC).result(OpInfo.FLOAT_RESULT).gradFn("LogitBackward0")
                .add(unary("logit()", Tensor::logit, v -> Math.log(v / (1 - v)), PROBABILITY))
                .add(unary("logit(double)", x -> x.logit(0.2), v -> {
                    double z = Math.min(Math.max(v, 0.2), 0.8);
                    return Math.log(z / (1 - z));
                }, new Domain("away from the clamp", 0.25, 0.75, 0, 1)))
                // PyTorch 1.13: torch.logit(x) and torch.logit(x, 0.2) at x = [0.1, 0.25, 0.5, 0.9]
                .add(Sample.of("logit()", x -> x[0].logit(), values(new double[] {0.1, 0.25, 0.5, 0.9}))
                        .ref(x -> Nd.vector(-2.197224577336219, -1.0986122886681098, 0.0, 2.1972245773362196))
                        .only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED).grads(null, PRINTED, new double[] {
                                11.111111111111109, 5.333333333333333, 4.0, 11.111111111111112})
                        .label("PyTorch 1.13 values"))
                .add(Sample.of("logit(double)", x -> x[0].logit(0.2), values(new double[] {0.1, 0.25, 0.5, 0.9}))
                        .ref(x -> Nd.vector(-1.3862943611198906, -1.0986122886681098, 0.0, 1.3862943611198908))
                        .only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED).grads(null, PRINTED, new double[] {0,
                                5.333333333333333, 4.0, 0}).noGrad("the clamp's kinks")
                        .label("PyTorch 1.13 values, clamped: gradient 0"))
                // PyTorch 1.13: torch.logit(torch.tensor([0., 1., 0.5, -1.])) = [-inf, inf, 0, nan]
                .add(Sample.of("logit()", x -> x[0].logit(), values(new double[] {0, 1, 0.5, -1}))
                        .ref(x -> Nd.vector(-INF, INF, 0, Double.NaN)).only(DType.FLOAT32, DType.FLOAT64)
                        .noGrad("infinities").label("special values")));

        db.add(op("glu").dtypes(FLOATING).gradFn("GluBackward0")
                .add(Sample.of("Functional.glu(Tensor,int)", x -> Functional.glu(x[0], 1), t(2, 4)).ref(x -> glu(x[0])))
                .add(Sample.of("Functional.glu(Tensor,int)", x -> Functional.glu(x[0], 0), t(2, 3)).ref(x ->
                        Ref.transpose(glu(Ref.transpose(x[0], 0, 1)), 0, 1)).label("dim 0"))
                // PyTorch 1.13: F.glu(x, 1) for x = [[1, -2, 3, 0.5], [0, 1, -1, 2]]
                .add(Sample.of("Functional.glu(Tensor,int)", x -> Functional.glu(x[0], 1), values(new double[] {1, -2,
                        3, 0.5, 0, 1, -1, 2}, 2, 4)).ref(x -> Nd.of(new int[] {2, 2}, new double[] {0.9525741268224334,
                        -1.2449186624037092, 0.0, 0.8807970779778823})).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .grads(null, PRINTED, new double[] {0.9525741268224334, 0.6224593312018546, 0.045176659730912,
                                -0.470007424403189, 0.2689414213699951, 0.8807970779778823, 0.0, 0.10499358540350662})
                        .label("PyTorch 1.13 values"))
                // PyTorch 1.13: F.glu(torch.ones(2, 3)) raises "Halving dimension must be even, but dimension 1 is
                // size 3"
                .error(ErrorCase.of("an odd size", () -> Fails.ins(Tensor.ones(2, 3)), x -> Functional.glu(x[0], 1),
                        "must be even", "size 3"))
                .error(ErrorCase.of("a 0-d input", () -> Fails.ins(Tensor.scalar(1)), x -> Functional.glu(x[0], 0),
                        "scalars")));

        db.add(op("prelu").dtypes(FLOATING).gradFn("PreluBackward0")
                .add(Sample.of("Functional.prelu(Tensor,Tensor)", x -> Functional.prelu(x[0], x[1]), t(2, 3, 2),
                        t(3).in(Domain.POSITIVE)).ref(x -> prelu(x[0], x[1])).label("one slope per channel"))
                .add(Sample.of("Functional.prelu(Tensor,Tensor)", x -> Functional.prelu(x[0], x[1]), t(4), t(1))
                        .ref(x -> prelu(x[0], x[1])).label("one slope"))
                // PyTorch 1.13: F.prelu(x, w) for x = [[1, -2], [-3, 0.5]], w = [0.25, 0.1]
                .add(Sample.of("Functional.prelu(Tensor,Tensor)", x -> Functional.prelu(x[0], x[1]), values(
                        new double[] {1, -2, -3, 0.5}, 2, 2), values(new double[] {0.25, 0.1})).ref(x -> Nd.of(
                        new int[] {2, 2}, new double[] {1.0, -0.2, -0.75, 0.5})).only(DType.FLOAT64)
                        .tol(DType.FLOAT64, PRINTED).grads(null, PRINTED, new double[] {1.0, 0.1, 0.25, 1.0},
                                new double[] {-3.0, -2.0}).label("PyTorch 1.13 values"))
                // PyTorch 1.13: F.prelu(torch.ones(2, 3), torch.ones(2)) raises "Mismatch of parameter numbers and
                // input channel size. Found parameter numbers = 2 and channel size = 3."
                .error(ErrorCase.of("a slope count that is not the channel count", () -> Fails.ins(Tensor.ones(2, 3),
                        Tensor.ones(2)), x -> Functional.prelu(x[0], x[1]), "parameter numbers = 2",
                        "channel size = 3")));

        db.add(activation("logsigmoid", "Functional.logsigmoid(Tensor)", Functional::logsigmoid,
                ActivationLossDb::logsigmoid, "LogSigmoidBackward0").errorName("log_sigmoid")
                // PyTorch 1.13: F.logsigmoid(x)
                .add(printed("Functional.logsigmoid(Tensor)", Functional::logsigmoid, new double[] {
                        -2.5788897342925496, -1.3132616875182228, -0.9740769841801067, -0.6931471805599453,
                        -0.4740769841801067, -0.31326168751822286, -0.07888973429254963}, new double[] {
                        0.9241418199787564, 0.7310585786300049, 0.6224593312018545, 0.5, 0.37754066879814546,
                        0.2689414213699951, 0.07585818002124356}))
                .add(Sample.of("Functional.logsigmoid(Tensor)", x -> Functional.logsigmoid(x[0]),
                        values(new double[] {-800, 800})).ref(x -> Nd.vector(-800, 0)).only(DType.FLOAT32,
                        DType.FLOAT64).label("large magnitudes: no overflow")));

        // ------------------------------------------------------------------------------------------------------------
        // Losses
        // ------------------------------------------------------------------------------------------------------------

        In p23 = t(2, 3).in(PROBABILITY), u23 = t(2, 3).in(UNIT);
        db.add(op("binaryCrossEntropy").dtypes(FLOATING).gradFn("BinaryCrossEntropyBackward0")
                .errorName("binary_cross_entropy")
                .add(Sample.of("Functional.binaryCrossEntropy(Tensor,Tensor)",
                        x -> Functional.binaryCrossEntropy(x[0], x[1]), p23, u23).ref(x -> bce(x[0], x[1], null, mean)))
                .add(Sample.of("Functional.binaryCrossEntropy(Tensor,Tensor,Tensor,Reduction)",
                        x -> Functional.binaryCrossEntropy(x[0], x[1], x[2], sum), t(2, 3).transposed().in(PROBABILITY),
                        u23, t(3).in(POSITIVE).noGrad()).ref(x -> bce(x[0], x[1], x[2], sum)).label("weight [3], sum"))
                .add(Sample.of("Functional.binaryCrossEntropy(Tensor,Tensor,Tensor,Reduction)",
                        x -> Functional.binaryCrossEntropy(x[0], x[1], null, none), t(4).in(PROBABILITY),
                        t(4).in(UNIT)).ref(x -> bce(x[0], x[1], null, none)).label("none"))
                .add(Sample.of("Functional.binaryCrossEntropy(Tensor,Tensor)",
                        x -> Functional.binaryCrossEntropy(x[0], x[1]), t(0).in(PROBABILITY), t(0).in(UNIT))
                        .ref(x -> Nd.scalar(Double.NaN)).noGrad("empty: a mean of nothing").label("empty: NaN"))
                // PyTorch 1.13: F.binary_cross_entropy(x, t, weight=w, reduction='none') is 15 at x = 0 and 40 at
                // x = 1 (each log clamped at -100)
                .add(Sample.of("Functional.binaryCrossEntropy(Tensor,Tensor,Tensor,Reduction)",
                        x -> Functional.binaryCrossEntropy(x[0], x[1], x[2], none),
                        values(new double[] {0.2, 0.7, 0.0, 1.0, 0.5, 0.9}), values(new double[] {0, 1, 0.3, 0.6, 0.5,
                                0.2}), values(new double[] {1, 2, 0.5, 1, 1.5, 1}).noGrad())
                        .ref(x -> Nd.vector(0.2231435513142097, 0.7133498878774649, 15.0, 40.0, 1.0397207708399179,
                                1.8631401775268022)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .noGrad("x = 0 and 1: the derivative divides by max(x (1 - x), 1e-12)")
                        .label("log clamped at -100, PyTorch 1.13 values"))
                // PyTorch 1.13: F.binary_cross_entropy(x = [0., 1], t = [1., 0], reduction='none'), float64, backward
                // of ones: -+1/max(x (1 - x), EPSILON), EPSILON being 1e-12 as a float (1e12 would be 1e-12 in double)
                .add(Sample.of("Functional.binaryCrossEntropy(Tensor,Tensor,Tensor,Reduction)",
                        x -> Functional.binaryCrossEntropy(x[0], x[1], null, none), values(new double[] {0, 1}),
                        values(new double[] {1, 0}).noGrad()).ref(x -> Nd.vector(100, 100)).only(DType.FLOAT64)
                        .grads(new double[] {1, 1}, Tolerance.abs(1e-3), new double[] {-1000000003995.8029,
                                1000000003995.8029}).noGrad("x = 0 and 1: a clamped derivative")
                        .label("PyTorch 1.13, the clamp's epsilon"))
                // PyTorch 1.13: the same loss and weight away from 0 and 1, backward of [1, 2, 5, 6]
                .add(Sample.of("Functional.binaryCrossEntropy(Tensor,Tensor,Tensor,Reduction)",
                        x -> Functional.binaryCrossEntropy(x[0], x[1], x[2], none),
                        values(new double[] {0.2, 0.7, 0.5, 0.9}), values(new double[] {0, 1, 0.5, 0.2}),
                        values(new double[] {1, 2, 1.5, 1}).noGrad())
                        .ref(x -> Nd.vector(0.2231435513142097, 0.7133498878774649, 1.0397207708399179,
                                1.8631401775268022)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .grads(new double[] {1, 2, 5, 6}, Tolerance.abs(1e-12),
                                new double[] {1.2499999999999998, -5.714285714285714, 0.0, 46.666666666666664},
                                new double[] {1.3862943611198906, -3.389191441548814, 0.0, -13.183347464017316})
                        .label("PyTorch 1.13 gradients"))
                .error(ErrorCase.of("target [3] for input [2]", () -> Fails.ins(Tensor.ones(2).mul(0.5),
                        Tensor.ones(3)), x -> Functional.binaryCrossEntropy(x[0], x[1]), "[3]", "[2]"))
                .error(ErrorCase.of("int64 target", () -> Fails.ins(Tensor.ones(2).mul(0.5),
                        Tensor.ones(new int[] {2}, DType.INT64)), x -> Functional.binaryCrossEntropy(x[0], x[1]),
                        "int64"))
                .error(ErrorCase.of("weight [4] for [2, 3]", () -> Fails.ins(Tensor.ones(2, 3).mul(0.5),
                        Tensor.ones(2, 3), Tensor.ones(4)), x -> Functional.binaryCrossEntropy(x[0], x[1], x[2], mean),
                        "[4]", "[2, 3]"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2).mul(0.5), Tensor.ones(2).to(other)),
                        x -> Functional.binaryCrossEntropy(x[0], x[1]))));

        db.add(op("binaryCrossEntropyWithLogits").dtypes(FLOATING).gradFn("BinaryCrossEntropyWithLogitsBackward0")
                .errorName("binary_cross_entropy_with_logits")
                .add(Sample.of("Functional.binaryCrossEntropyWithLogits(Tensor,Tensor)",
                        x -> Functional.binaryCrossEntropyWithLogits(x[0], x[1]), t(2, 3).in(Domain.WIDE), u23)
                        .ref(x -> bceLogits(x[0], x[1], null, null, mean)))
                .add(Sample.of("Functional.binaryCrossEntropyWithLogits(Tensor,Tensor,Tensor,Tensor,Reduction)",
                        x -> Functional.binaryCrossEntropyWithLogits(x[0], x[1], x[2], x[3], none),
                        t(2, 3).transposed().in(Domain.WIDE), u23, t(2, 1).in(POSITIVE).noGrad(),
                        t(3).in(POSITIVE).noGrad()).ref(x -> bceLogits(x[0], x[1], x[2], x[3], none))
                        .label("weight [2, 1], posWeight [3], none"))
                .add(Sample.of("Functional.binaryCrossEntropyWithLogits(Tensor,Tensor,Tensor,Tensor,Reduction)",
                        x -> Functional.binaryCrossEntropyWithLogits(x[0], x[1], null, x[2], sum),
                        t(4).in(Domain.WIDE), t(4).in(UNIT), t().in(POSITIVE).noGrad())
                        .ref(x -> bceLogits(x[0], x[1], null, x[2], sum)).label("0-d posWeight, sum"))
                .add(Sample.of("Functional.binaryCrossEntropyWithLogits(Tensor,Tensor)",
                        x -> Functional.binaryCrossEntropyWithLogits(x[0], x[1]), values(new double[] {-800, 800}),
                        values(new double[] {1, 0})).ref(x -> Nd.scalar(800)).only(DType.FLOAT32, DType.FLOAT64)
                        .noGrad("large logits").label("large logits: no overflow"))
                // PyTorch 1.13: F.binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=pw), backward()
                .add(Sample.of("Functional.binaryCrossEntropyWithLogits(Tensor,Tensor,Tensor,Tensor,Reduction)",
                        x -> Functional.binaryCrossEntropyWithLogits(x[0], x[1], x[2], x[3], mean),
                        values(new double[] {-1.5, 0.3, 2.0, 0.0, -0.7, 4.0}, 2, 3),
                        values(new double[] {0, 1, 0.4, 1, 0, 1}, 2, 3), values(new double[] {1, 0.5, 2}).noGrad(),
                        values(new double[] {2, 1, 3}).noGrad())
                        .ref(x -> Nd.scalar(0.8387197821735325)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .grads(null, Tolerance.abs(1e-14),
                                new double[] {0.030404253967726058, -0.035463123599028416, 0.12847824678672945,
                                        -0.16666666666666666, 0.027651018985986157, -0.017986209962091475},
                                new double[] {0.5335688796637921, -0.025000000000000005, -0.5820479926380183,
                                        0.11552453009332421, 0.05833333333333333, -1.3212333813881267})
                        .label("weight and posWeight, PyTorch 1.13 values"))
                .error(ErrorCase.of("target [3] for input [2]", () -> Fails.ins(Tensor.ones(2), Tensor.ones(3)),
                        x -> Functional.binaryCrossEntropyWithLogits(x[0], x[1]), "[3]", "[2]"))
                .error(ErrorCase.of("posWeight [4] for [2, 3]", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2, 3),
                        Tensor.ones(4)), x -> Functional.binaryCrossEntropyWithLogits(x[0], x[1], null, x[2], mean),
                        "pos_weight", "[4]")));

        // Ranking, embedding and likelihood losses. PyTorch 1.13's values and gradients of the loss (backward of
        // ones), in float64, at x1 = [0.5, -1, 2, 0.1], x2 = [1, -2, 0.5, 0.1], y = [1, -1, 1, -1].
        double[] rx1 = {0.5, -1.0, 2.0, 0.1}, rx2 = {1.0, -2.0, 0.5, 0.1}, ry = {1, -1, 1, -1};
        db.add(op("marginRankingLoss").dtypes(FLOATING).gradFn("MeanBackward0").errorName("margin_ranking_loss")
                .add(Sample.of("Functional.marginRankingLoss(Tensor,Tensor,Tensor)", x -> Functional.marginRankingLoss(
                        x[0], x[1], x[2]), t(2, 3), t(2, 3), values(new double[] {1, -1, 1, -1, 1, -1}, 2, 3).noGrad())
                        .ref(x -> reduce(Ref.zip(Ref.zip(x[0], x[1], (a, b) -> a - b), x[2], (d, y) -> Math.max(0,
                                -y * d)), mean)))
                .add(Sample.of("Functional.marginRankingLoss(Tensor,Tensor,Tensor,double,Reduction)",
                        x -> Functional.marginRankingLoss(x[0], x[1], x[2], 0.3, mean), values(rx1), values(rx2),
                        values(ry).noGrad()).ref(x -> Nd.scalar(0.6)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .grads(null, PRINTED, new double[] {-0.25, 0.25, 0, 0.25}, new double[] {0.25, -0.25, 0, -0.25})
                        .label("PyTorch 1.13, margin 0.3"))
                .add(Sample.of("Functional.marginRankingLoss(Tensor,Tensor,Tensor,double,Reduction)",
                        x -> Functional.marginRankingLoss(x[0], x[1], x[2], 0.3, none), values(rx1), values(rx2),
                        values(ry).noGrad()).ref(x -> Nd.vector(0.8, 1.3, 0.0, 0.3)).only(DType.FLOAT64)
                        .tol(DType.FLOAT64, PRINTED).gradFn("ClampMinBackward0").label("PyTorch 1.13, none")));

        db.add(op("hingeEmbeddingLoss").dtypes(FLOATING).gradFn("MeanBackward0").errorName("hinge_embedding_loss")
                .add(Sample.of("Functional.hingeEmbeddingLoss(Tensor,Tensor)", x -> Functional.hingeEmbeddingLoss(x[0],
                        x[1]), t(2, 3), values(new double[] {1, -1, 1, -1, -1, 1}, 2, 3).noGrad()).ref(x -> reduce(
                        Ref.zip(x[0], x[1], (v, y) -> y == 1 ? v : Math.max(0, 1 - v)), mean)))
                .add(Sample.of("Functional.hingeEmbeddingLoss(Tensor,Tensor,double,Reduction)",
                        x -> Functional.hingeEmbeddingLoss(x[0], x[1], 1.5, sum), values(rx1), values(ry).noGrad())
                        .ref(x -> Nd.scalar(6.4)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED).gradFn("SumBackward0")
                        .grads(null, PRINTED, new double[] {1, -1, 1, -1}).label("PyTorch 1.13, margin 1.5, sum")));

        db.add(op("softMarginLoss").dtypes(FLOATING).gradFn("MeanBackward0").errorName("soft_margin_loss")
                .add(Sample.of("Functional.softMarginLoss(Tensor,Tensor)", x -> Functional.softMarginLoss(x[0], x[1]),
                        t(2, 3), values(new double[] {1, -1, 1, -1, -1, 1}, 2, 3).noGrad()).ref(x -> reduce(Ref.zip(x[0],
                        x[1], (v, y) -> Math.log1p(Math.exp(-y * v))), mean)).noGradFn("PyTorch's node is "
                        + "SoftMarginLossBackward0; ours the composition's"))
                .add(Sample.of("Functional.softMarginLoss(Tensor,Tensor,Reduction)", x -> Functional.softMarginLoss(x[0],
                        x[1], none), values(rx1), values(ry).noGrad()).ref(x -> Nd.vector(0.4740769841801067,
                        0.31326168751822286, 0.1269280110429726, 0.744396660073571)).only(DType.FLOAT64)
                        .tol(DType.FLOAT64, PRINTED).noGradFn("PyTorch's node is SoftMarginLossBackward0")
                        .grads(null, PRINTED, new double[] {-0.37754066879814546, 0.2689414213699951,
                                -0.11920292202211755, 0.52497918747894}).label("PyTorch 1.13, none")));

        // x1 = [[1, 2, 0.5], [0, -1, 1], [2, 2, 2]], x2 = [[1, 0, 0.5], [1, 1, 1], [-2, -2, -2]], y = [1, -1, -1]
        In ea = values(new double[] {1, 2, 0.5, 0, -1, 1, 2, 2, 2}, 3, 3);
        In eb = values(new double[] {1, 0, 0.5, 1, 1, 1, -2, -2, -2}, 3, 3);
        db.add(op("cosineEmbeddingLoss").dtypes(FLOATING).gradFn("MeanBackward0").errorName("cosine_embedding_loss")
                .add(Sample.of("Functional.cosineEmbeddingLoss(Tensor,Tensor,Tensor,double,Reduction)",
                        x -> Functional.cosineEmbeddingLoss(x[0], x[1], x[2], 0.2, none), ea, eb,
                        values(new double[] {1, -1, -1}).noGrad()).ref(x -> Nd.vector(0.512049963525975, 0, 0))
                        .only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED).gradFn("AddBackward0")
                        .grads(null, Tolerance.abs(1e-12), new double[] {-0.2974171650889472, 0.18588572818054555,
                                -0.1487085825444736, 0, 0, 0, 0, 0, 0}, new double[] {-3.1230573682705653e-13,
                                -0.7807200583584399, -1.5615286841352827e-13, 0, 0, 0, 0, 0, 0})
                        .noGrad("rows at the clamp's kink").label("PyTorch 1.13, margin 0.2, none"))
                .add(Sample.of("Functional.cosineEmbeddingLoss(Tensor,Tensor,Tensor)", x -> Functional.cosineEmbeddingLoss(
                        x[0], x[1], x[2]), t(2, 4), t(2, 4), values(new double[] {1, 1}).noGrad()).ref(x -> {
                            double total = 0;
                            for (int r = 0; r < 2; r++) {
                                double dot = 0, n1 = 1e-12, n2 = 1e-12;
                                for (int c = 0; c < 4; c++) {
                                    dot += x[0].at(r, c) * x[1].at(r, c);
                                    n1 += x[0].at(r, c) * x[0].at(r, c);
                                    n2 += x[1].at(r, c) * x[1].at(r, c);
                                }
                                total += 1 - dot / Math.sqrt(n1 * n2);
                            }
                            return Nd.scalar(total / 2);
                        }).label("similar pairs"))
                .error(ErrorCase.of("x2 of another shape", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2, 4),
                        Tensor.ones(2)), x -> Functional.cosineEmbeddingLoss(x[0], x[1], x[2]), "[2, 4]")));

        db.add(op("tripletMarginLoss").dtypes(FLOATING).gradFn("MeanBackward0").errorName("norm")
                .add(Sample.of("Functional.tripletMarginLoss(Tensor,Tensor,Tensor,double,double,double,boolean,Reduction)",
                        x -> Functional.tripletMarginLoss(x[0], x[1], x[2], 1, 2, 1e-6, false, none), ea, eb,
                        values(new double[] {0, 0, 0, 1, -1, 1, 2, 2, 1}, 3, 3)).ref(x -> Nd.vector(0.708711624997203,
                        2.2360676358582716, 6.928203962325316)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .gradFn("ClampMinBackward0").label("PyTorch 1.13, none"))
                .add(Sample.of("Functional.tripletMarginLoss(Tensor,Tensor,Tensor)", x -> Functional.tripletMarginLoss(x[0],
                        x[1], x[2]), ea, eb, values(new double[] {0, 0, 0, 1, -1, 1, 2, 2, 1}, 3, 3))
                        .ref(x -> Nd.scalar(3.2909944077269304)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .label("PyTorch 1.13, mean"))
                .add(Sample.of("Functional.tripletMarginLoss(Tensor,Tensor,Tensor,double,double,double,boolean,Reduction)",
                        x -> Functional.tripletMarginLoss(x[0], x[1], x[2], 1, 2, 1e-6, true, sum), t(2, 3), t(2, 3),
                        t(2, 3)).ref(x -> {
                            double total = 0;
                            for (int r = 0; r < 2; r++) {
                                double dp = 0, dn = 0, ds = 0;
                                for (int c = 0; c < 3; c++) {
                                    dp += Math.pow(x[0].at(r, c) - x[1].at(r, c) + 1e-6, 2);
                                    dn += Math.pow(x[0].at(r, c) - x[2].at(r, c) + 1e-6, 2);
                                    ds += Math.pow(x[1].at(r, c) - x[2].at(r, c) + 1e-6, 2);
                                }
                                total += Math.max(0, 1 + Math.sqrt(dp) - Math.min(Math.sqrt(dn), Math.sqrt(ds)));
                            }
                            return Nd.scalar(total);
                        }).gradFn("SumBackward0").label("swap, sum")));

        db.add(op("poissonNllLoss").dtypes(FLOATING).gradFn("MeanBackward0").errorName("poisson_nll_loss")
                .add(Sample.of("Functional.poissonNllLoss(Tensor,Tensor)", x -> Functional.poissonNllLoss(x[0], x[1]),
                        values(rx1), values(new double[] {1, 0, 2, 3}).noGrad()).ref(x -> Nd.scalar(1.427706932219467))
                        .only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED).grads(null, PRINTED, new double[] {
                                0.16218031767503205, 0.09196986029286058, 1.3472640247326626, -0.47370727048108807})
                        .label("PyTorch 1.13, log input"))
                .add(Sample.of("Functional.poissonNllLoss(Tensor,Tensor,boolean,boolean,double,Reduction)",
                        x -> Functional.poissonNllLoss(x[0], x[1], false, true, 1e-8, none), values(new double[] {0.5, 1,
                        2, 0.1}), values(new double[] {1, 0, 2, 3}).noGrad()).ref(x -> Nd.vector(1.1931471605599455, 1.0,
                        1.2655121134846454, 8.771836522525208)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .gradFn("AddBackward0").grads(null, PRINTED, new double[] {-0.9999999600000007, 1.0,
                                4.999999969612645e-09, -28.9999970000003}).label("PyTorch 1.13, rates, full, none")));

        db.add(op("gaussianNllLoss").dtypes(FLOATING).gradFn("MeanBackward0").errorName("gaussian_nll_loss")
                .add(Sample.of("Functional.gaussianNllLoss(Tensor,Tensor,Tensor,boolean,double,Reduction)",
                        x -> Functional.gaussianNllLoss(x[0], x[1], x[2], false, 1e-6, none), values(rx1),
                        values(new double[] {1, 0, 2, 3}).noGrad(), values(new double[] {0.5, 1, 2, 1e-8}))
                        .ref(x -> Nd.vector(-0.09657359027997264, 0.5, 0.34657359027997264, 4204993.092244721))
                        .only(DType.FLOAT64).tol(DType.FLOAT64, Tolerance.rel(1e-14)).gradFn("MulBackward0")
                        .grads(null, Tolerance.rel(1e-14), new double[] {-1, -1, 0, -2900000.0},
                                new double[] {0.5, 0, 0.25, -4204999500000.0})
                        .noGrad("the clamp passes the gradient as if unclamped, as PyTorch's").label("PyTorch 1.13, "
                                + "a variance below eps, none"))
                .add(Sample.of("Functional.gaussianNllLoss(Tensor,Tensor,Tensor)", x -> Functional.gaussianNllLoss(x[0],
                        x[1], x[2]), t(2, 3), t(2, 3).noGrad(), t(2).in(Domain.POSITIVE)).ref(x -> {
                            double total = 0;
                            for (int r = 0; r < 2; r++) {
                                for (int c = 0; c < 3; c++) {
                                    double v = x[2].at(r), d = x[0].at(r, c) - x[1].at(r, c);
                                    total += 0.5 * (Math.log(v) + d * d / v);
                                }
                            }
                            return Nd.scalar(total / 6);
                        }).label("var without the last dim"))
                // PyTorch 1.13: "var has negative entry/entries"
                .error(ErrorCase.of("a negative variance", () -> Fails.ins(Tensor.ones(2), Tensor.ones(2),
                        Tensor.ones(2).neg()), x -> Functional.gaussianNllLoss(x[0], x[1], x[2]), "negative"))
                .error(ErrorCase.of("a var of another size", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2, 3),
                        Tensor.ones(3)), x -> Functional.gaussianNllLoss(x[0], x[1], x[2]), "incorrect size")));

        db.add(op("multilabelSoftMarginLoss").dtypes(FLOATING).gradFn("MeanBackward0")
                .errorName("multilabel_soft_margin_loss")
                .add(Sample.of("Functional.multilabelSoftMarginLoss(Tensor,Tensor)", x ->
                        Functional.multilabelSoftMarginLoss(x[0], x[1]), values(new double[] {0.5, -1, 2, 0.1}, 2, 2),
                        values(new double[] {1, 0, 0, 1}, 2, 2).noGrad()).ref(x -> Nd.scalar(0.8896658357037183))
                        .only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED).grads(null, PRINTED, new double[] {
                                -0.09438516719953637, 0.06723535534249878, 0.2201992694944706, -0.118755203130265})
                        .label("PyTorch 1.13 values"))
                .add(Sample.of("Functional.multilabelSoftMarginLoss(Tensor,Tensor,Tensor,Reduction)", x ->
                        Functional.multilabelSoftMarginLoss(x[0], x[1], x[2], none), t(3, 4), values(new double[] {1, 0,
                        0, 1, 1, 1, 0, 0, 0, 1, 0, 1}, 3, 4).noGrad(), t(4).in(Domain.POSITIVE).noGrad()).ref(x -> {
                            double[] out = new double[3];
                            for (int r = 0; r < 3; r++) {
                                for (int c = 0; c < 4; c++) {
                                    double v = x[0].at(r, c), y = x[1].at(r, c);
                                    out[r] -= x[2].at(c) * (y * logsigmoid(v) + (1 - y) * logsigmoid(-v)) / 4;
                                }
                            }
                            return Nd.vector(out);
                        }).gradFn("DivBackward0").label("class weights, none")));

        In a23 = t(2, 3).in(Domain.WIDE), b23 = t(2, 3).in(Domain.WIDE);
        db.add(op("l1Loss").dtypes(FLOATING).gradFn("MeanBackward0", "AbsBackward0").errorName("l1_loss")
                .add(Sample.of("Functional.l1Loss(Tensor,Tensor)", x -> Functional.l1Loss(x[0], x[1]), a23, b23)
                        .ref(x -> reduce(Ref.zip(x[0], x[1], (a, b) -> Math.abs(a - b)), mean)))
                .add(Sample.of("Functional.l1Loss(Tensor,Tensor,Reduction)", x -> Functional.l1Loss(x[0], x[1], sum),
                        t(2, 3).transposed().in(Domain.WIDE), t(3).in(Domain.WIDE))
                        .ref(x -> reduce(Ref.zip(x[0], x[1], (a, b) -> Math.abs(a - b)), sum)).gradFn("SumBackward0")
                        .label("broadcast target, sum"))
                .add(Sample.of("Functional.l1Loss(Tensor,Tensor,Reduction)", x -> Functional.l1Loss(x[0], x[1], none),
                        t(4).in(Domain.WIDE), t().in(Domain.WIDE))
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> Math.abs(a - b))).gradFn("AbsBackward0").label("none"))
                // PyTorch 1.13: F.l1_loss(x, t) = 1.7 for the smooth L1 and Huber cases below
                .add(Sample.of("Functional.l1Loss(Tensor,Tensor)", x -> Functional.l1Loss(x[0], x[1]),
                        values(new double[] {0.5, -1.2, 3.0, 0.1, 2.0, -0.4}, 2, 3),
                        values(new double[] {0.2, 0.3, 0.0, 0.1, -1.0, 2.0}, 2, 3)).ref(x -> Nd.scalar(1.7))
                        .only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED).noGrad("0 at a kink (x = t)")
                        .label("PyTorch 1.13 value"))
                .error(ErrorCase.of("shapes [2, 3] and [4]", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(4)),
                        x -> Functional.l1Loss(x[0], x[1]), "[2, 3]", "[4]")));

        In sx = values(new double[] {0.5, -1.2, 3.0, 0.1, 2.0, -0.4}, 2, 3);
        In st = values(new double[] {0.2, 0.3, 0.0, 0.1, -1.0, 2.0}, 2, 3);
        db.add(op("smoothL1Loss").dtypes(FLOATING).gradFn("SmoothL1LossBackward0").errorName("smooth_l1_loss")
                .add(Sample.of("Functional.smoothL1Loss(Tensor,Tensor)", x -> Functional.smoothL1Loss(x[0], x[1]),
                        a23, b23).ref(x -> smoothL1(x[0], x[1], mean, 1)))
                .add(Sample.of("Functional.smoothL1Loss(Tensor,Tensor,Reduction,double)",
                        x -> Functional.smoothL1Loss(x[0], x[1], none, 0.3), t(3, 2).transposed().in(Domain.WIDE),
                        t(2).in(Domain.WIDE)).ref(x -> smoothL1(x[0], x[1], none, 0.3)).label("beta 0.3, none"))
                .add(Sample.of("Functional.smoothL1Loss(Tensor,Tensor,Reduction,double)",
                        x -> Functional.smoothL1Loss(x[0], x[1], sum, 0), t(4).in(Domain.WIDE), t(4).in(Domain.WIDE))
                        .ref(x -> smoothL1(x[0], x[1], sum, 0)).noGradGrad("beta 0: 0 * inf in the unused branch")
                        .label("beta 0 is L1"))
                // PyTorch 1.13: F.smooth_l1_loss(x, t, beta=0.5) and F.smooth_l1_loss(x, t, reduction='sum')
                .add(Sample.of("Functional.smoothL1Loss(Tensor,Tensor,Reduction,double)",
                        x -> Functional.smoothL1Loss(x[0], x[1], mean, 0.5), sx, st)
                        .ref(x -> Nd.scalar(1.4983333333333333)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .grads(null, PRINTED, new double[] {0.09999999999999999, -0.16666666666666666,
                                0.16666666666666666, 0.0, 0.16666666666666666, -0.16666666666666666},
                                new double[] {-0.09999999999999999, 0.16666666666666666, -0.16666666666666666, 0.0,
                                        -0.16666666666666666, 0.16666666666666666})
                        .label("beta 0.5, PyTorch 1.13 values"))
                .add(Sample.of("Functional.smoothL1Loss(Tensor,Tensor,Reduction,double)",
                        x -> Functional.smoothL1Loss(x[0], x[1], sum, 1), sx, st)
                        .ref(x -> Nd.scalar(7.945)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .grads(null, PRINTED, new double[] {0.3, -1.0, 1.0, 0.0, 1.0, -1.0},
                                new double[] {-0.3, 1.0, -1.0, 0.0, -1.0, 1.0})
                        .label("sum, PyTorch 1.13 values"))
                .error(ErrorCase.of("beta -1", () -> Fails.ins(Tensor.ones(2), Tensor.ones(2)),
                        x -> Functional.smoothL1Loss(x[0], x[1], mean, -1), "beta", "-1"))
                .error(ErrorCase.of("int64 input", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64),
                        Tensor.ones(2)), x -> Functional.smoothL1Loss(x[0], x[1]), "int64")));

        db.add(op("huberLoss").dtypes(FLOATING).gradFn("HuberLossBackward0").errorName("huber_loss")
                .add(Sample.of("Functional.huberLoss(Tensor,Tensor)", x -> Functional.huberLoss(x[0], x[1]), a23, b23)
                        .ref(x -> huber(x[0], x[1], mean, 1)))
                .add(Sample.of("Functional.huberLoss(Tensor,Tensor,Reduction,double)",
                        x -> Functional.huberLoss(x[0], x[1], sum, 0.7), t(2, 3).strided().in(Domain.WIDE),
                        t(2, 1).in(Domain.WIDE)).ref(x -> huber(x[0], x[1], sum, 0.7)).label("delta 0.7, sum"))
                // PyTorch 1.13: F.huber_loss(x, t, delta=0.8) and F.huber_loss(x, t, reduction='none', delta=2.0)
                .add(Sample.of("Functional.huberLoss(Tensor,Tensor,Reduction,double)",
                        x -> Functional.huberLoss(x[0], x[1], mean, 0.8), sx, st)
                        .ref(x -> Nd.scalar(1.1141666666666667)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .grads(null, PRINTED, new double[] {0.049999999999999996, -0.13333333333333333,
                                0.13333333333333333, 0.0, 0.13333333333333333, -0.13333333333333333},
                                new double[] {-0.049999999999999996, 0.13333333333333333, -0.13333333333333333, 0.0,
                                        -0.13333333333333333, 0.13333333333333333})
                        .label("delta 0.8, PyTorch 1.13 values"))
                .add(Sample.of("Functional.huberLoss(Tensor,Tensor,Reduction,double)",
                        x -> Functional.huberLoss(x[0], x[1], none, 2.0), sx, st)
                        .ref(x -> Nd.of(new int[] {2, 3}, 0.045, 1.125, 4.0, 0.0, 4.0, 2.8)).only(DType.FLOAT64)
                        .tol(DType.FLOAT64, PRINTED)
                        .grads(null, PRINTED, new double[] {0.3, -1.5, 2.0, 0.0, 2.0, -2.0},
                                new double[] {-0.3, 1.5, -2.0, 0.0, -2.0, 2.0})
                        .label("delta 2, none, PyTorch 1.13 values"))
                .error(ErrorCase.of("delta 0", () -> Fails.ins(Tensor.ones(2), Tensor.ones(2)),
                        x -> Functional.huberLoss(x[0], x[1], mean, 0), "delta", "0.0")));

        // kl_div's input is log-probabilities, its target probabilities (drawn in (0, 1), away from 0).
        In logp = t(2, 3).in(new Domain("log-probability", -3, -0.1, -3, -1));
        In prob = t(2, 3).in(new Domain("probability", 0.05, 0.95, 0, 1));
        In kx = values(new double[] {-2.592652629319856, -4.292652629319856, -0.09265262931985614,
                -2.1153424597804222, -0.21534245978042235, -2.6153424597804222}, 2, 3);
        In kt = values(new double[] {0.2, 0.3, 0.5, 0.0, 0.6, 0.4}, 2, 3);
        db.add(op("klDiv").dtypes(FLOATING).gradFn("MeanBackward0", "SubBackward0").errorName("kl_div")
                .add(Sample.of("Functional.klDiv(Tensor,Tensor,Reduction,boolean)",
                        x -> Functional.klDiv(x[0], x[1], mean, false), logp, prob)
                        .ref(x -> reduce(Ref.zip(x[0], x[1], (a, b) -> b * (Math.log(b) - a)), mean)))
                .add(Sample.of("Functional.klDiv(Tensor,Tensor,Reduction,boolean)",
                        x -> Functional.klDiv(x[0], x[1], none, true), logp, t(3).in(Domain.WIDE))
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> Math.exp(b) * (b - a))).gradFn("MulBackward0")
                        .label("log target, broadcast, none"))
                .add(Sample.of("Functional.klDivBatchmean(Tensor,Tensor,boolean)",
                        x -> Functional.klDivBatchmean(x[0], x[1], false), logp, prob)
                        .ref(x -> Nd.scalar(Ref.sum(Ref.zip(x[0], x[1], (a, b) -> b * (Math.log(b) - a)).data) / 2))
                        .gradFn("DivBackward0").label("batchmean"))
                // PyTorch 1.13: x = F.log_softmax([[0.5, -1.2, 3.0], [0.1, 2.0, -0.4]], 1), t below (one 0);
                // F.kl_div(x, t, reduction='batchmean'): the input's gradient (the target's is NaN at t = 0, as
                // PyTorch's, which differentiates xlogy(t, t): see the model ops suite)
                .add(Sample.of("Functional.klDivBatchmean(Tensor,Tensor,boolean)",
                        x -> Functional.klDivBatchmean(x[0], x[1], false), kx, kt.noGrad())
                        .ref(x -> Nd.scalar(0.6626652040132243)).only(DType.FLOAT64).tol(DType.FLOAT64,
                                Tolerance.abs(1e-14)).gradFn("DivBackward0")
                        .grads(null, PRINTED, new double[] {-0.1, -0.15, -0.25, 0.0, -0.3, -0.2})
                        .label("a zero target, PyTorch 1.13 values"))
                .error(ErrorCase.of("shapes [2, 3] and [4]", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(4)),
                        x -> Functional.klDiv(x[0], x[1], mean, false), "[2, 3]", "[4]")));

        // ------------------------------------------------------------------------------------------------------------
        // Masking and triangles
        // ------------------------------------------------------------------------------------------------------------

        db.add(op("maskedFill").dtypes(NUMERIC).gradFn("MaskedFillBackward0").errorName("masked_fill")
                .add(Sample.of("maskedFill(Tensor,double)", x -> x[0].maskedFill(x[1], 1), t(2, 3), mask(2, 3))
                        .ref(x -> Ref.where(x[1], Nd.scalar(1), x[0])))
                .add(Sample.of("maskedFill(Tensor,double)", x -> x[0].maskedFill(x[1], -2), t(2, 3).transposed(),
                        mask(3)).ref(x -> Ref.where(x[1], Nd.scalar(-2), x[0])).label("mask [3] broadcast"))
                .add(Sample.of("maskedFill(Tensor,double)", x -> x[0].maskedFill(x[1], 0), t(2, 3).strided(),
                        mask()).ref(x -> Ref.where(x[1], Nd.scalar(0), x[0])).label("0-d mask"))
                .add(Sample.of("maskedFill(Tensor,double)", x -> x[0].maskedFill(x[1], 3), t(0, 3), mask(3))
                        .ref(x -> Nd.of(new int[] {0, 3})).label("empty"))
                .add(Sample.of("maskedFill(Tensor,double)", x -> x[0].maskedFill(x[1], Double.NEGATIVE_INFINITY),
                        t(2, 3), mask(2, 1)).ref(x -> Ref.where(x[1], Nd.scalar(Double.NEGATIVE_INFINITY), x[0]))
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("-inf outputs: finite differences are NaN")
                        .label("-inf, an attention mask"))
                // PyTorch 1.13: torch.tensor([1, 2]).masked_fill(torch.tensor([True, False]), 2.5) is [2, 2]
                .add(Sample.of("maskedFill(Tensor,double)", x -> x[0].maskedFill(x[1].gt(0.0), 2.5),
                        values(new double[] {1, 2}), values(new double[] {1, 0})).ref(x -> Nd.vector(2, 2))
                        .only(DType.INT64, DType.INT32).cpuSameDtype("2.5 is converted to the integer dtype")
                        .label("2.5 into integers"))
                .error(ErrorCase.of("a float mask", () -> Fails.ins(Tensor.ones(2), Tensor.ones(2)),
                        x -> x[0].maskedFill(x[1], 0), "bool", "float32"))
                // PyTorch 1.13: torch.arange(3.).masked_fill(torch.tensor([[True, False, True], [False, False,
                // False]]), -1) is [[-1, 1, -1], [0, 1, 2]]: out of place, a larger mask broadcasts self.
                .add(Sample.of("maskedFill(Tensor,double)", x -> x[0].maskedFill(x[1], -1), t(3), mask(2, 3))
                        .ref(x -> Ref.where(x[1], Nd.scalar(-1), x[0])).label("mask [2, 3] for [3]: broadcasts self"))
                .add(Sample.of("maskedFill(Tensor,double)", x -> x[0].maskedFill(x[1], 4), t(2, 1).transposed(),
                        mask(3, 2, 2)).ref(x -> Ref.where(x[1], Nd.scalar(4), x[0])).label("[1, 2] and mask [3, 2, 2]"))
                .error(ErrorCase.of("mask [2] for [3]", () -> Fails.ins(Tensor.ones(3),
                        Tensor.ones(new int[] {2}, DType.BOOL)), x -> x[0].maskedFill(x[1], 0), "[2]", "[3]"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2),
                        Tensor.ones(new int[] {2}, DType.BOOL).to(other)), x -> x[0].maskedFill(x[1], 0))));

        db.add(op("tril").dtypes(ALL).gradFn("TrilBackward0")
                .add(triangles("tril(int)", true, Tensor::tril))
                .add(Sample.of("tril()", x -> x[0].tril(), t(3, 3)).ref(x -> triangle(x[0], 0, true)))
                .error(ErrorCase.of("1-D", () -> Fails.ins(Tensor.ones(3)), x -> x[0].tril(), "at least 2", "[3]")));

        db.add(op("triu").dtypes(ALL).gradFn("TriuBackward0")
                .add(triangles("triu(int)", false, Tensor::triu))
                .add(Sample.of("triu()", x -> x[0].triu(), t(3, 3)).ref(x -> triangle(x[0], 0, false)))
                // A causal attention mask, as a transformer block makes it: scores above the diagonal to -inf.
                .add(Sample.of("triu(int)", x -> x[0].maskedFill(Tensor.ones(new int[] {3, 3}, DType.BOOL)
                                .to(x[0].device()).triu(1), Double.NEGATIVE_INFINITY), t(2, 3, 3))
                        .ref(x -> Ref.where(triangle(Nd.of(new int[] {3, 3}, 1, 1, 1, 1, 1, 1, 1, 1, 1), 1, false),
                                Nd.scalar(Double.NEGATIVE_INFINITY), x[0])).only(DType.FLOAT32, DType.FLOAT64)
                        .noGrad("-inf outputs: finite differences are NaN").gradFn("MaskedFillBackward0")
                        .label("a causal mask"))
                .error(ErrorCase.of("0-d", () -> Fails.ins(Tensor.scalar(1)), x -> x[0].triu(1), "at least 2")));

        db.add(op("whereBroadcastMask").dtypes(ALL).gradFn("WhereBackward0").errorName("where")
                .add(Sample.of("where(Tensor,Tensor,Tensor)", x -> Tensor.where(x[0], x[1], x[2]), mask(2, 2, 3), t(3),
                        t(2, 1)).ref(x -> Ref.where(x[0], x[1], x[2])).label("a mask wider than both sides"))
                .add(Sample.of("where(Tensor,Tensor,double)", x -> Tensor.where(x[0], x[1], 0.0), mask(2, 1, 3),
                        t(4, 1)).ref(x -> Ref.where(x[0], x[1], Nd.scalar(0))).result(OpInfo.FLOAT_RESULT)
                        .label("a mask broadcast with x"))
                .add(Sample.of("where(Tensor,Tensor,long)", x -> Tensor.where(x[0], x[1], 0L), mask(2, 1, 3),
                        t(4, 1)).ref(x -> Ref.where(x[0], x[1], Nd.scalar(0))).result(OpInfo.BOOL_TO_INT64)
                        .label("a mask broadcast with x, a Python int")));

        // ------------------------------------------------------------------------------------------------------------
        // Scalar-on-the-left arithmetic
        // ------------------------------------------------------------------------------------------------------------

        db.add(op("powScalarBase").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("PowBackward2").errorName("pow")
                .add(unary("pow(double,Tensor)", x -> Tensor.pow(2.5, x), v -> Math.pow(2.5, v), Domain.WIDE))
                // PyTorch 1.13: torch.pow(2.5, x) and torch.pow(0.0, x) at [-1, 0, 0.5, 2], x.grad after sum()
                .add(Sample.of("pow(double,Tensor)", x -> Tensor.pow(2.5, x[0]), values(new double[] {-1, 0, 0.5, 2}))
                        .ref(x -> Nd.vector(0.4, 1.0, 1.5811388300841898, 6.25)).only(DType.FLOAT64)
                        .tol(DType.FLOAT64, PRINTED).grads(null, PRINTED, new double[] {0.3665162927496621,
                                0.9162907318741551, 1.4487828558124876, 5.72681707421347}).label("PyTorch 1.13 values"))
                .add(Sample.of("pow(double,Tensor)", x -> Tensor.pow(0.0, x[0]), values(new double[] {-1, 0, 0.5, 2}))
                        .ref(x -> Nd.vector(INF, 1, 0, 0)).only(DType.FLOAT64).noGrad("a pole at base 0")
                        .grads(null, Tolerance.EXACT, new double[] {Double.NEGATIVE_INFINITY, 0, 0, 0})
                        .label("base 0, PyTorch 1.13 values")));

        db.add(op("rdiv").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("MulBackward0").errorName("reciprocal")
                .add(unary("rdiv(double)", x -> x.rdiv(3.0), v -> 3.0 / v, POSITIVE))
                // PyTorch 1.13: 3.0 / x at [-1, 4, 0.5, 2] is MulBackward0, with x.grad after sum()
                .add(Sample.of("rdiv(double)", x -> x[0].rdiv(3.0), values(new double[] {-1, 4, 0.5, 2}))
                        .ref(x -> Nd.vector(-3.0, 0.75, 6.0, 1.5)).only(DType.FLOAT64).tol(DType.FLOAT64, PRINTED)
                        .grads(null, PRINTED, new double[] {-3.0, -0.1875, -12.0, -0.75}).label("PyTorch 1.13 values"))
                .add(Sample.of("rdiv(double)", x -> x[0].rdiv(1.0), values(new double[] {0, -0.0}))
                        .ref(x -> Nd.vector(INF, Double.NEGATIVE_INFINITY)).only(DType.FLOAT32, DType.FLOAT64)
                        .noGrad("a pole").label("by zero")));

        // ------------------------------------------------------------------------------------------------------------
        // The default generator: the calls without a Generator draw from it, seeded by Tensor.manualSeed
        // ------------------------------------------------------------------------------------------------------------

        String sameDtype = "a random fill draws 24 bits for float32, 53 for float64";
        int[] s23 = {2, 3};
        db.add(op("randDefault").dtypes(FLOATING).notDifferentiable().cpuSameDtype(sameDtype).errorName("rand")
                .add(Sample.factory("rand(int[])", (d, dev) -> {
                    Tensor.manualSeed(5);
                    return Tensor.rand(2, 3);
                }).ref(x -> Nd.of(s23, RefRandom.uniform(5, 0, 6, DType.FLOAT32))).only(DType.FLOAT32)
                        .result(t -> DType.FLOAT32).label("seed 5: Generator(5)'s draws"))
                .error(ErrorCase.of("negative shape", () -> Fails.ins(), x -> Tensor.rand(2, -3),
                        "negative dimension -3")));
        db.add(op("randnDefault").dtypes(FLOATING).notDifferentiable().cpuSameDtype(sameDtype).errorName("randn")
                .add(Sample.factory("randn(int[])", (d, dev) -> {
                    Tensor.manualSeed(5);
                    Tensor.randn(4);
                    return Tensor.randn(2, 3);
                }).ref(x -> Nd.of(s23, RefRandom.normal(5, 4, 6, DType.FLOAT32))).only(DType.FLOAT32)
                        .result(t -> DType.FLOAT32).label("seed 5, a second draw")));
        db.add(op("randintDefault").dtypes(NUMERIC).notDifferentiable().cpuSameDtype(sameDtype).errorName("randint")
                .add(Sample.factory("randint(long,long,int[])", (d, dev) -> {
                    Tensor.manualSeed(5);
                    return Tensor.randint(-3, 4, 2, 3);
                }).ref(x -> Nd.of(s23, RefRandom.randint(5, 0, 6, -3, 4))).only(DType.INT64)
                        .result(t -> DType.INT64).label("seed 5"))
                .error(ErrorCase.of("high <= low", () -> Fails.ins(), x -> Tensor.randint(5, 5, 2), "from=5", "to=5")));
        db.add(op("dropoutDefault").dtypes(FLOATING).gradFn("NativeDropoutBackward0").errorName("dropout")
                .cpuSameDtype("its mask draws 24 random bits for float32, 53 for float64")
                .add(Sample.of("Functional.dropout(Tensor,double,boolean)", x -> {
                    Tensor.manualSeed(7);
                    return Functional.dropout(x[0], 0.5, true);
                }, t(10)).refFor((x, dtype) -> NnDb.dropout(x[0], 0.5, 7, dtype))
                        .noGrad("a new mask on every call: gradchecked with an explicit Generator in dropout's entry")
                        .label("seed 7: Generator(7)'s mask"))
                .add(Sample.of("Functional.dropout(Tensor,double,boolean)", x -> Functional.dropout(x[0], 0.5, false),
                        t(2, 3)).ref(x -> x[0]).noGradFn("not training: returns its input").label("not training"))
                .error(ErrorCase.of("p -0.5", () -> Fails.ins(Tensor.ones(2)),
                        x -> Functional.dropout(x[0], -0.5, true), "-0.5")));

        // ------------------------------------------------------------------------------------------------------------
        // In place
        // ------------------------------------------------------------------------------------------------------------

        db.add(op("relu_").inplace().dtypes(NUMERIC).gradFn("ReluBackward0")
                .add(inPlaceTargets("relu_()", Tensor::relu_, v -> Math.max(v, 0)))
                .error(leaf(Tensor::relu_))
                .error(Fails.boolInput(Tensor::relu_)));

        db.add(op("sigmoid_").inplace().dtypes(FLOATING).gradFn("SigmoidBackward0")
                .add(inPlaceTargets("sigmoid_()", Tensor::sigmoid_, v -> 1 / (1 + Math.exp(-v))))
                .error(leaf(Tensor::sigmoid_))
                .error(ErrorCase.of("int64 target", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> x[0].sigmoid_(), "float32", "int64")));

        db.add(op("exp_").inplace().dtypes(FLOATING).gradFn("ExpBackward0")
                .add(inPlaceTargets("exp_()", Tensor::exp_, Math::exp))
                .error(leaf(Tensor::exp_))
                .error(ErrorCase.of("int32 target", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT32)),
                        x -> x[0].exp_(), "float32", "int32")));

        db.add(op("clamp_").inplace().dtypes(NUMERIC).gradFn("ClampBackward1")
                .add(inPlaceTargets("clamp_(double,double)", x -> x.clamp_(-0.5, 2), v -> Math.min(Math.max(v, -0.5), 2))
                        .stream().map(s -> s.only(DType.FLOAT32, DType.FLOAT64)).toList())
                .add(inPlaceTargets("clamp_(double,double)", x -> x.clamp_(-1, Double.NaN), v -> Math.max(v, -1))
                        .stream().map(s -> s.only(DType.FLOAT32, DType.FLOAT64).label("min only")).toList())
                .add(inPlaceTargets("clamp_(long,long)", x -> x.clamp_(-1L, 2L), v -> Math.min(Math.max(v, -1), 2))
                        .stream().map(s -> s.label("Python ints")).toList())
                .error(leaf(x -> x.clamp_(0, 1)))
                // PyTorch 1.13: torch.tensor([1, 2]).clamp_(0.0, 1.0) raises "result type Float can't be cast to the
                // desired output type long int": a double bound is a Python float, whatever its value
                .error(ErrorCase.of("int64 to 0.0 and 1.0", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> x[0].clamp_(0.0, 1.0), "float32", "int64"))
                .error(ErrorCase.of("int64 to 0.5", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> x[0].clamp_(0.5, 2), "float32", "int64"))
                .error(ErrorCase.of("no bound", () -> Fails.ins(Tensor.ones(2)),
                        x -> x[0].clamp_(Double.NaN, Double.NaN), "at least one")));

        db.add(op("divTensor_").inplace().dtypes(FLOATING).gradFn("DivBackward0").errorName("div_")
                .add(Sample.of("div_(Tensor)", x -> x[0].div_(x[1]), t(2, 3), t(2, 3).in(POSITIVE))
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> a / b)))
                .add(Sample.of("div_(Tensor)", x -> x[0].div_(x[1]), t(3, 2).transposed(), t(2).in(POSITIVE))
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> a / b)).label("broadcast divisor"))
                .add(Sample.of("div_(Tensor)", x -> x[0].div_(x[1]), t(2, 3).strided(), t().in(POSITIVE))
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> a / b)).label("0-d divisor"))
                .add(Sample.of("div_(Tensor)", x -> x[0].div_(x[1]), t(0, 3), t(3).in(POSITIVE))
                        .ref(x -> Nd.of(new int[] {0, 3})).label("empty"))
                .error(ErrorCase.of("int64 /= int64", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64),
                        Tensor.ones(new int[] {2}, DType.INT64)), x -> x[0].div_(x[1]), "float32", "int64"))
                .error(ErrorCase.of("[3] /= [2, 3]", () -> Fails.ins(Tensor.ones(3), Tensor.ones(2, 3)),
                        x -> x[0].div_(x[1]), "[3]", "[2, 3]"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2), Tensor.ones(2).to(other)),
                        x -> x[0].div_(x[1]))));

        db.add(op("maskedFill_").inplace().dtypes(NUMERIC).gradFn("MaskedFillBackward0").errorName("masked_fill_")
                .add(Sample.of("maskedFill_(Tensor,double)", x -> x[0].maskedFill_(x[1], 1), t(2, 3), mask(2, 3))
                        .ref(x -> Ref.where(x[1], Nd.scalar(1), x[0])))
                .add(Sample.of("maskedFill_(Tensor,double)", x -> x[0].maskedFill_(x[1], -3), t(3, 2).transposed(),
                        mask(2)).ref(x -> Ref.where(x[1], Nd.scalar(-3), x[0])).label("mask [2] broadcast"))
                .add(Sample.of("maskedFill_(Tensor,double)", x -> x[0].maskedFill_(x[1], 0), t(2, 3).strided(),
                        mask()).ref(x -> Ref.where(x[1], Nd.scalar(0), x[0])).label("0-d mask"))
                .add(Sample.of("maskedFill_(Tensor,double)", x -> x[0].maskedFill_(x[1], 2), t(0, 3), mask(3))
                        .ref(x -> Nd.of(new int[] {0, 3})).label("empty"))
                .error(ErrorCase.of("a leaf that requires grad", () -> Fails.ins(Tensor.ones(2).requiresGrad(true),
                        Tensor.ones(new int[] {2}, DType.BOOL)), x -> x[0].maskedFill_(x[1], 0), "leaf").state())
                .error(ErrorCase.of("an int64 mask", () -> Fails.ins(Tensor.ones(2),
                        Tensor.ones(new int[] {2}, DType.INT64)), x -> x[0].maskedFill_(x[1], 0), "bool", "int64"))
                // In place, self cannot grow: torch.ones(3).masked_fill_(torch.ones(2, 3, dtype=torch.bool), 0) raises.
                .error(ErrorCase.of("mask [2, 3] for [3]", () -> Fails.ins(Tensor.ones(3),
                        Tensor.ones(new int[] {2, 3}, DType.BOOL)), x -> x[0].maskedFill_(x[1], 0), "[2, 3]", "[3]")));

        return db;
    }

    /** The layouts of an in-place target (never an expanded view), as InPlaceDb's. */
    private static List<Sample> inPlaceTargets(String call, UnaryOperator<Tensor> op, DoubleUnaryOperator f) {
        List<Sample> out = new ArrayList<>();
        for (In in : List.of(t(2, 3), t(3, 2).transposed(), t(2, 3).strided(), t(), t(0, 3))) {
            out.add(Sample.of(call, x -> op.apply(x[0]), in.in(ANY)).ref(x -> Ref.map(x[0], f)));
        }
        return out;
    }

    private static ErrorCase leaf(UnaryOperator<Tensor> op) {
        return ErrorCase.of("a leaf that requires grad", () -> Fails.ins(Tensor.of(new float[] {1, 2})
                .requiresGrad(true)), x -> op.apply(x[0]), "leaf").state();
    }
}
