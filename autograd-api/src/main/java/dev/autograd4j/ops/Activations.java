package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

import static dev.autograd4j.internal.Internal.record;

/**
 * Activations composed from the SPI's elementwise primitives (so every backend runs them): silu, mish, elu,
 * hardtanh, logsigmoid, hardsigmoid, hardswish, selu, celu, threshold, hardshrink, softshrink, logit, glu and prelu.
 * Each computes its value without recording, then records one node with PyTorch's name and PyTorch's derivatives.yaml
 * formula written with differentiable ops, so {@code createGraph} differentiates it again.
 * Integer inputs compute in float32, as the library's other floating functions do.
 */
public final class Activations {
    private Activations() {
    }

    /** The input in a floating dtype, and checked to be live. */
    private static Tensor floating(String op, Tensor x) {
        Dispatch.checkLive(op, x);
        if (x.dtype() == DType.BOOL) {
            throw Errors.argument(op, "is not supported for bool tensors; convert with to(DType.FLOAT32)");
        }
        return x.dtype().isFloatingPoint() ? x : Dispatch.cast(op, x, DType.defaultFloat());
    }

    /** {@code forward(x)} computed without recording, recorded as {@code nodeName} with {@code backward(g, x)}. */
    private static Tensor activation(String op, String nodeName, Tensor x, UnaryOperator<Tensor> forward,
                                     BinaryOperator<Tensor> backward) {
        Tensor in = floating(op, x);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = forward.apply(in);
        }
        return record(nodeName, (n, g) -> new Tensor[] {backward.apply(g[0], n.saved(0))}, in).save(in).output(out);
    }

    /** {@code x * sigmoid(x)}; backward {@code g * s * (1 + x (1 - s))} with {@code s = sigmoid(x)}. */
    public static Tensor silu(Tensor x) {
        return activation("silu", "SiluBackward0", x, in -> in.mul(in.sigmoid()), (g, self) -> {
            Tensor s = self.sigmoid();
            return g.mul(s.mul(self.mul(s.rsub(1.0)).add(1.0)));
        });
    }

    /**
     * {@code x * tanh(softplus(x))}; backward {@code g * (t + x * sigmoid(x) * (1 - t^2))} with
     * {@code t = tanh(softplus(x))}.
     */
    public static Tensor mish(Tensor x) {
        return activation("mish", "MishBackward0", x, in -> in.mul(in.softplus().tanh()), (g, self) -> {
            Tensor t = self.softplus().tanh();
            return g.mul(t.add(self.mul(self.sigmoid()).mul(t.square().rsub(1.0))));
        });
    }

    /** {@code x > 0 ? x : alpha (exp(x) - 1)}; backward {@code x > 0 ? g : g * alpha * exp(x)}. */
    public static Tensor elu(Tensor x, double alpha) {
        // exp of min(x, 0): the branch not taken stays finite, so a second derivative has no 0 * inf in it
        return activation("elu", "EluBackward0", x,
                in -> Tensor.where(in.gt(0.0), in, in.clampMax(0).expm1().mul(alpha)),
                (g, self) -> Tensor.where(self.gt(0.0), g, g.mul(self.clampMax(0).exp().mul(alpha))));
    }

    /**
     * {@code min(max(x, minVal), maxVal)}; the gradient flows where {@code minVal < x < maxVal} strictly (PyTorch's
     * hardtanh_backward; clamp's flows at the bounds too).
     */
    public static Tensor hardtanh(Tensor x, double minVal, double maxVal) {
        if (Double.isNaN(minVal) || Double.isNaN(maxVal)) {
            throw Errors.argument("hardtanh", "min_val and max_val must be numbers but got " + minVal + " and " + maxVal);
        }
        if (x.dtype() != DType.BOOL && !x.dtype().isFloatingPoint()) {
            // PyTorch keeps an integer input's dtype, its bounds cast to it (toward zero); nothing to differentiate
            Dispatch.checkLive("hardtanh", x);
            return x.clamp((long) minVal, (long) maxVal).to(x.dtype());
        }
        return activation("hardtanh", "HardtanhBackward0", x, in -> in.clamp(minVal, maxVal),
                (g, self) -> Pointwise.maskedBackward("HardtanhBackwardBackward0", g, self,
                        (gg, s) -> Tensor.where(s.gt(minVal).logicalAnd(s.lt(maxVal)), gg, 0.0)));
    }

    /**
     * {@code log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|))}, which neither overflows nor rounds to {@code log(0)};
     * backward {@code g * sigmoid(-x)}.
     */
    public static Tensor logsigmoid(Tensor x) {
        return activation("log_sigmoid", "LogSigmoidBackward0", x,
                in -> in.clampMax(0).sub(in.abs().neg().exp().log1p()),
                (g, self) -> g.mul(self.neg().sigmoid()));
    }

    /** {@code relu6(x + 3) / 6}; backward {@code g / 6} strictly inside (-3, 3), as PyTorch's hardsigmoid_backward. */
    public static Tensor hardsigmoid(Tensor x) {
        // PyTorch's kernel scales by a float literal 1/6, also in float64: its gradient there is 0.1666666716337204.
        double oneSixth = 1.0f / 6.0f;
        return activation("hardsigmoid", "HardsigmoidBackward0", x, in -> in.add(3.0).clamp(0, 6).div(6.0),
                (g, self) -> Pointwise.maskedBackward("HardsigmoidBackwardBackward0", g, self,
                        (gg, s) -> Tensor.where(s.gt(-3.0).logicalAnd(s.lt(3.0)), gg.mul(oneSixth), 0.0)));
    }

    /** {@code x relu6(x + 3) / 6}; backward 0 below -3, {@code g (x/3 + 1/2)} up to 3, {@code g} above. */
    public static Tensor hardswish(Tensor x) {
        return activation("hardswish", "HardswishBackward0", x, in -> in.mul(in.add(3.0).clamp(0, 6)).div(6.0),
                (g, self) -> Tensor.where(self.lt(-3.0), 0.0,
                        Tensor.where(self.le(3.0), g.mul(self.div(3.0).add(0.5)), g)));
    }

    /** SELU's constants, as PyTorch writes them. */
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;

    /** {@code scale (x > 0 ? x : alpha (e^x - 1))} with PyTorch's constants; its node is EluBackward0. */
    public static Tensor selu(Tensor x) {
        return activation("selu", "EluBackward0", x,
                in -> Tensor.where(in.gt(0.0), in, in.clampMax(0).expm1().mul(SELU_ALPHA)).mul(SELU_SCALE),
                (g, self) -> Tensor.where(self.gt(0.0), g.mul(SELU_SCALE),
                        g.mul(self.clampMax(0).exp().mul(SELU_ALPHA * SELU_SCALE))));
    }

    /** {@code x > 0 ? x : alpha (e^(x/alpha) - 1)}; alpha 0 is PyTorch's error. */
    public static Tensor celu(Tensor x, double alpha) {
        if (alpha == 0) {
            throw Errors.argument("celu", "alpha cannot be 0 for CELU");
        }
        return activation("celu", "CeluBackward0", x,
                in -> Tensor.where(in.gt(0.0), in, in.clampMax(0).div(alpha).expm1().mul(alpha)),
                (g, self) -> Tensor.where(self.gt(0.0), g, g.mul(self.clampMax(0).div(alpha).exp())));
    }

    /** {@code x > threshold ? x : value}; integer tensors stay integral, as PyTorch's. */
    public static Tensor threshold(Tensor x, double threshold, double value) {
        Dispatch.checkLive("threshold", x);
        if (x.dtype() == DType.BOOL) {
            throw Errors.argument("threshold", "is not supported for bool tensors; convert with to(DType.FLOAT32)");
        }
        if (!x.dtype().isFloatingPoint()) {
            return Tensor.where(x.gt(threshold), x, Tensor.full(new int[0], (long) value, x.dtype(), x.device()));
        }
        return activation("threshold", "ThresholdBackward0", x,
                in -> Tensor.where(in.gt(threshold), in, value),
                (g, self) -> Pointwise.maskedBackward("ThresholdBackwardBackward0", g, self,
                        (gg, s) -> Tensor.where(s.gt(threshold), gg, 0.0)));
    }

    /** {@code |x| > lambd ? x : 0}. */
    public static Tensor hardshrink(Tensor x, double lambd) {
        return activation("hardshrink", "HardshrinkBackward0", x,
                in -> Tensor.where(in.abs().gt(lambd), in, 0.0),
                (g, self) -> Pointwise.maskedBackward("HardshrinkBackwardBackward0", g, self,
                        (gg, s) -> Tensor.where(s.abs().gt(lambd), gg, 0.0)));
    }

    /** {@code x - lambd} above lambd, {@code x + lambd} below -lambd, else 0; lambd must not be negative. */
    public static Tensor softshrink(Tensor x, double lambd) {
        if (!(lambd >= 0)) {
            throw Errors.argument("softshrink", "lambda must be greater or equal to 0, but found to be " + lambd);
        }
        return activation("softshrink", "SoftshrinkBackward0", x,
                in -> Tensor.where(in.gt(lambd), in.sub(lambd), Tensor.where(in.lt(-lambd), in.add(lambd), 0.0)),
                (g, self) -> Pointwise.maskedBackward("SoftshrinkBackwardBackward0", g, self,
                        (gg, s) -> Tensor.where(s.abs().gt(lambd), gg, 0.0)));
    }

    /**
     * {@code log(x / (1 - x))}, with {@code x} first clamped to {@code [eps, 1 - eps]} unless eps is NaN (PyTorch's
     * None); backward {@code g / (x (1 - x))}, 0 where the clamp bit.
     */
    public static Tensor logit(Tensor x, double eps) {
        boolean clamp = !Double.isNaN(eps);
        return activation("logit", "LogitBackward0", x, in -> {
            Tensor z = clamp ? in.clamp(eps, 1 - eps) : in;
            return z.div(z.rsub(1.0)).log();
        }, (g, self) -> {
            Tensor grad = g.div(self.mul(self.rsub(1.0)));
            return clamp ? Tensor.where(self.lt(eps).logicalOr(self.gt(1 - eps)), 0.0, grad) : grad;
        });
    }

    /** {@code a * sigmoid(b)} for the two halves {@code a, b} of {@code dim}, which must have an even size. */
    public static Tensor glu(Tensor x, int dim) {
        Dispatch.checkLive("glu", x);
        if (x.dim() == 0) {
            throw Errors.argument("glu", "glu does not support scalars because halving size must be even");
        }
        int d = Shapes.wrapDim("glu", dim, x.dim());
        if (x.size(d) % 2 != 0) {
            throw Errors.argument("glu", "halving dimension must be even, but dimension " + d + " is size "
                    + x.size(d));
        }
        Errors.requireFloating("glu", x.dtype());
        int half = x.size(d) / 2;
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = x.narrow(d, 0, half).mul(x.narrow(d, half, half).sigmoid());
        }
        return record("GluBackward0", (n, g) -> {
            Tensor self = n.saved(0), a = self.narrow(d, 0, half), s = self.narrow(d, half, half).sigmoid();
            Tensor ga = g[0].mul(s), gb = g[0].mul(a).mul(s).mul(s.rsub(1.0));
            return new Tensor[] {Tensor.cat(java.util.List.of(ga, gb), d)};
        }, x).save(x).output(out);
    }

    /**
     * {@code x >= 0 ? x : weight * x} with one weight, or one per channel (dim 1), like {@code F.prelu}; backward
     * {@code g} or {@code weight g} for x, and the sum of {@code x g} where {@code x <= 0} for the weight.
     */
    public static Tensor prelu(Tensor x, Tensor weight) {
        Dispatch.checkLive("prelu", x);
        Dispatch.checkLive("prelu", weight);
        Dispatch.device("prelu", x, weight);
        Errors.requireFloating("prelu", x.dtype());
        if (weight.dtype() != x.dtype()) {
            throw Errors.dtypes("prelu", "expected weight of the input's dtype", x.dtype(), weight.dtype());
        }
        long count = weight.numel();
        int channels = x.dim() >= 2 ? x.size(1) : 1;
        if (weight.dim() > 1 || (count != 1 && count != channels)) {
            throw Errors.argument("prelu", "mismatch of parameter numbers and input channel size: found parameter "
                    + "numbers = " + count + " and channel size = " + channels);
        }
        int[] wShape = new int[x.dim()];
        java.util.Arrays.fill(wShape, 1);
        if (count != 1) {
            wShape[1] = channels;
        }
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor w = weight.reshape(wShape);
            out = Tensor.where(x.gt(0.0), x, w.mul(x));
        }
        int[] weightShape = weight.shape();
        return record("PreluBackward0", (n, g) -> {
            Tensor self = n.saved(0), w = n.saved(1).reshape(wShape);
            Tensor positive = self.gt(0.0);
            return new Tensor[] {n.needsInputGrad(0) ? Tensor.where(positive, g[0], w.mul(g[0])) : null,
                n.needsInputGrad(1) ? Tensor.where(positive, 0.0, self.mul(g[0])).sumToSize(wShape)
                        .reshape(weightShape) : null};
        }, x, weight).save(x, weight).output(out);
    }
}
