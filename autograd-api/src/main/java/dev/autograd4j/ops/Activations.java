package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

import static dev.autograd4j.internal.Internal.record;

/**
 * Activations composed from the SPI's elementwise primitives (so every backend runs them): silu, mish, elu,
 * hardtanh and logsigmoid. Each computes its value without recording, then records one node with PyTorch's name and
 * PyTorch's derivatives.yaml formula written with differentiable ops, so {@code createGraph} differentiates it again.
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
}
