package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.internal.Backward;
import dev.autograd4j.internal.Recorder;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.FusedOp;
import dev.autograd4j.spi.UnaryOp;

import java.util.function.BinaryOperator;

import static dev.autograd4j.internal.Internal.isRecording;
import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * Elementwise ops: forward kernel, backward formula (PyTorch's derivatives.yaml entry) and PyTorch's node name,
 * side by side. Binary ops broadcast and promote like PyTorch; a gradient may come back in the broadcast shape or
 * the promoted dtype, and the engine reduces and casts it to the input's (see Note [Input metadata] in Node).
 *
 * <p>Note [Fused backward kernels]: tanh, sigmoid, relu, leaky relu and gelu have fused backward kernels
 * ({@code TANH_BACKWARD}, ...) for speed. They are used only when nothing records the backward pass; under
 * {@code createGraph} the same formula is composed from differentiable ops, so higher derivatives come for free.
 */
public final class Pointwise {
    /** ln 2 and ln 10 as PyTorch's log2/log10 backward formulas write them. */
    private static final double LN2 = 0.6931471805599453, LN10 = 2.302585092994046;

    private Pointwise() {
    }

    // ------------------------------------------------------------------------------------------------------------
    // Kernel plumbing
    // ------------------------------------------------------------------------------------------------------------

    /** Runs a unary kernel into a new tensor; integer inputs of floating-only ops are promoted to float32 first. */
    static Tensor unaryKernel(String name, UnaryOp op, Tensor x, boolean floatingOnly, double alpha, double beta) {
        Tensor in = floatingOnly && !x.dtype().isFloatingPoint() ? Dispatch.cast(name, x, DType.defaultFloat()) : x;
        Backend backend = Dispatch.backend(name, in);
        Tensor out = Dispatch.empty(view(in).shape, op == UnaryOp.LOGICAL_NOT || op == UnaryOp.ISNAN
                ? DType.BOOL : in.dtype(), in.device());
        backend.unary(op, view(out), view(in), alpha, beta);
        return out;
    }

    /**
     * Runs a binary kernel on broadcast, promoted operands. {@code floatingOnly} promotes integer results to
     * float32 (true division, pow); {@code boolOut} gives a BOOL result (comparisons).
     */
    static Tensor binaryKernel(String name, BinaryOp op, Tensor a, Tensor b, double alpha, boolean floatingOnly,
                               boolean boolOut) {
        Device device = Dispatch.device(name, a, b);
        int[] shape = Shapes.broadcast(name, view(a).shape, view(b).shape);
        DType type = Dispatch.resultType(a, b);
        if (floatingOnly && !type.isFloatingPoint()) {
            type = DType.defaultFloat();
        }
        if (type == DType.BOOL && !boolOut) {
            op = onBools(name, op);
            boolOut = true;
        }
        Tensor ca = Dispatch.cast(name, a, type), cb = Dispatch.cast(name, b, type);
        Backend backend = Dispatch.backend(name, ca, cb);
        Tensor out = Dispatch.empty(shape, boolOut ? DType.BOOL : type, device);
        backend.binary(op, view(out), Dispatch.broadcast(ca, shape), Dispatch.broadcast(cb, shape), alpha);
        return out;
    }

    /**
     * Runs a binary kernel with a scalar second operand, {@code op(a, value)} computed in {@code type} ({@code a} is
     * converted first, the scalar by the kernel): the scalar is a kernel parameter, not a 0-d tensor, so the op
     * allocates nothing but its output.
     */
    static Tensor scalarKernel(String name, BinaryOp op, Tensor a, double value, DType type, boolean boolOut) {
        Tensor ca = Dispatch.cast(name, a, type);
        Backend backend = Dispatch.backend(name, ca);
        Tensor out = Dispatch.empty(view(ca).shape, boolOut ? DType.BOOL : type, ca.device());
        backend.binaryScalar(op, view(out), view(ca), value);
        return out;
    }

    /**
     * The op two bool tensors run instead of {@code op}, as PyTorch's bool kernels: {@code +} and {@code maximum} are
     * OR, {@code *} and {@code minimum} AND (with bool results); the others fail.
     */
    static BinaryOp onBools(String name, BinaryOp op) {
        return switch (op) {
            case ADD, MAXIMUM -> BinaryOp.LOGICAL_OR;
            case MUL, MINIMUM -> BinaryOp.LOGICAL_AND;
            default -> throw Errors.argument(name, "is not supported for two bool tensors; convert one with"
                    + " to(DType.INT64)");
        };
    }

    /** PyTorch: "Subtraction, the `-` operator, with a bool tensor is not supported" (either operand). */
    static void checkSubtrahend(String name, DType a, DType b) {
        if (a == DType.BOOL && b == DType.BOOL) {
            throw Errors.argument(name, "subtraction of two bool tensors is not supported; use logicalXor instead");
        }
        if (a == DType.BOOL || b == DType.BOOL) {
            throw Errors.argument(name, "subtraction with a bool tensor is not supported (got " + a + " and " + b
                    + "); to invert a mask, use logicalNot instead");
        }
    }

    /** {@code alpha * x + beta} on {@code x} converted to {@code type}. */
    private static Tensor affine(String name, Tensor x, DType type, double alpha, double beta) {
        return unaryKernel(name, UnaryOp.AFFINE, Dispatch.cast(name, x, type), false,
                Dispatch.kernelScalar(alpha, type), Dispatch.kernelScalar(beta, type));
    }

    private static Tensor[] grads(Tensor... grads) {
        return grads;
    }

    static void checkNumeric(String name, Tensor t) {
        if (t.dtype() == DType.BOOL) {
            throw Errors.argument(name, "is not supported for bool tensors; convert with to(DType.INT64)");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Arithmetic
    // ------------------------------------------------------------------------------------------------------------

    /** {@code a + alpha * b}; an {@code integral} alpha is a Python int (see {@link #checkAlpha}). */
    public static Tensor add(Tensor a, Tensor b, double alpha, boolean integral) {
        checkAlpha("add", a, b, alpha, integral);
        Tensor out = binaryKernel("add", BinaryOp.ADD, a, b, alpha, false, false);
        return record("AddBackward0", (n, g) -> grads(
                n.needsInputGrad(0) ? g[0] : null,
                n.needsInputGrad(1) ? (alpha == 1 ? g[0] : g[0].mul(alpha)) : null), a, b).output(out);
    }

    /** {@code a - alpha * b}. */
    public static Tensor sub(Tensor a, Tensor b, double alpha, boolean integral) {
        checkSubtrahend("sub", a.dtype(), b.dtype());
        checkAlpha("sub", a, b, alpha, integral);
        Tensor out = binaryKernel("sub", BinaryOp.ADD, a, b, -alpha, false, false);
        return record("SubBackward0", (n, g) -> grads(
                n.needsInputGrad(0) ? g[0] : null,
                n.needsInputGrad(1) ? g[0].mul(-alpha) : null), a, b).output(out);
    }

    /**
     * PyTorch: "For integral input tensors, argument alpha must not be a floating point number": a double alpha is
     * a Python float, whatever its value, and only a long one (a Python int) goes with integer operands.
     */
    static void checkAlpha(String name, Tensor a, Tensor b, double alpha, boolean integral) {
        if (!integral && !Dispatch.resultType(a, b).isFloatingPoint()) {
            throw Errors.argument(name, "for integral input tensors, argument alpha must not be a floating point number,"
                    + " but got " + alpha);
        }
    }

    /** {@code t + value}; an integral scalar keeps integer tensors integral (PyTorch's Python-int rule). */
    public static Tensor addScalar(Tensor t, double value, boolean integral) {
        Tensor out = affine("add", t, Dispatch.resultTypeWithScalar(t, integral), 1, value);
        return record("AddBackward0", (n, g) -> grads(g[0]), t).output(out);
    }

    /** {@code t - value}. */
    public static Tensor subScalar(Tensor t, double value, boolean integral) {
        checkSubtrahend("sub", t.dtype(), integral ? DType.INT64 : DType.defaultFloat());
        Tensor out = affine("sub", t, Dispatch.resultTypeWithScalar(t, integral), 1, -value);
        return record("SubBackward0", (n, g) -> grads(g[0]), t).output(out);
    }

    /** {@code value - t}. */
    public static Tensor rsubScalar(Tensor t, double value, boolean integral) {
        checkSubtrahend("rsub", integral ? DType.INT64 : DType.defaultFloat(), t.dtype());
        Tensor out = affine("rsub", t, Dispatch.resultTypeWithScalar(t, integral), -1, value);
        return record("RsubBackward1", (n, g) -> grads(g[0].neg()), t).output(out);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        Tensor out = binaryKernel("mul", BinaryOp.MUL, a, b, 1, false, false);
        Recorder node = record("MulBackward0", (n, g) -> grads(
                n.needsInputGrad(0) ? g[0].mul(n.saved(1)) : null,
                n.needsInputGrad(1) ? g[0].mul(n.saved(0)) : null), a, b);
        return node.save(node.needsInputGrad(1) ? a : null, node.needsInputGrad(0) ? b : null).output(out);
    }

    public static Tensor mulScalar(Tensor t, double value, boolean integral) {
        Tensor out = affine("mul", t, Dispatch.resultTypeWithScalar(t, integral), value, 0);
        // PyTorch's MulBackward0 saves the wrapped number: a second backward fails as there (Note [A saved scalar])
        return record("MulBackward0", (n, g) -> grads(g[0].mul(value)), t).save(SAVED_SCALAR).output(out);
    }

    /**
     * Note [A saved scalar]: PyTorch wraps a Python number operand of mul and div in a tensor and saves it, so a
     * second backward through {@code x * 2} or {@code x / 2} without retainGraph fails ("Trying to backward through
     * the graph a second time"), while {@code x + 2} runs twice. Our formulas keep the number in the closure; saving
     * this null slot gives the node a saved value to free, and so the same error, at no cost.
     */
    private static final Tensor SAVED_SCALAR = null;

    public static Tensor div(Tensor a, Tensor b) {
        Tensor out = binaryKernel("div", BinaryOp.DIV, a, b, 1, true, false);
        Recorder node = record("DivBackward0", (n, g) -> {
            Tensor other = n.saved(1);
            return grads(
                    n.needsInputGrad(0) ? g[0].div(other) : null,
                    n.needsInputGrad(1) ? g[0].neg().mul(n.saved(0)).div(other.mul(other)) : null);
        }, a, b);
        return node.save(node.needsInputGrad(1) ? a : null, b).output(out);
    }

    /** {@code fmod(a, b)}, the remainder with {@code a}'s sign; {@code d/da = 1}, {@code d/db = -trunc(a / b)}. */
    public static Tensor fmod(Tensor a, Tensor b) {
        return modulo("fmod", "FmodBackward1", BinaryOp.FMOD, a, b);
    }

    /** {@code a % b} as Python, the remainder with {@code b}'s sign; {@code d/db = -floor(a / b)}. */
    public static Tensor remainder(Tensor a, Tensor b) {
        return modulo("remainder", "RemainderBackward1", BinaryOp.REMAINDER, a, b);
    }

    private static Tensor modulo(String name, String node, BinaryOp op, Tensor a, Tensor b) {
        checkIntegerDivisor(name, a, b);
        Tensor out = binaryKernel(name, op, a, b, 1, false, false);
        boolean floor = op == BinaryOp.REMAINDER;
        return record(node, (n, g) -> {
            Tensor self = n.saved(0), other = n.saved(1);
            Tensor quotient = n.needsInputGrad(1) ? self.div(other) : null;
            return grads(n.needsInputGrad(0) ? g[0] : null,
                    n.needsInputGrad(1) ? g[0].neg().mul(floor ? quotient.floor() : quotient.trunc()) : null);
        }, a, b).save(a, b).output(out);
    }

    /** {@code fmod(a, value)}; an {@code integral} value (a Python int) keeps an integer tensor integral. */
    public static Tensor fmodScalar(Tensor a, double value, boolean integral) {
        return moduloScalar("fmod", "FmodBackward0", BinaryOp.FMOD, a, value, integral);
    }

    /** {@code a % value} as Python; an {@code integral} value (a Python int) keeps an integer tensor integral. */
    public static Tensor remainderScalar(Tensor a, double value, boolean integral) {
        return moduloScalar("remainder", "RemainderBackward0", BinaryOp.REMAINDER, a, value, integral);
    }

    private static Tensor moduloScalar(String name, String node, BinaryOp op, Tensor a, double value,
                                       boolean integral) {
        Dispatch.checkLive(name, a);
        DType type = Dispatch.resultTypeWithScalar(a, integral);
        if (type.isIntegral() && value == 0) {
            throw divisionByZero(name, null);
        }
        Tensor out = scalarKernel(name, op, a, value, type, false);
        return record(node, (n, g) -> grads(g[0]), a).output(out);
    }

    /**
     * The checks of the ops that divide in the promoted dtype (remainders, rounded division): not two bools, and no
     * integer divisor holding 0 (read once, on every backend).
     */
    private static void checkIntegerDivisor(String name, Tensor a, Tensor b) {
        Dispatch.checkLive(name, a);
        Dispatch.checkLive(name, b);
        DType type = Dispatch.resultType(a, b);
        if (type == DType.BOOL) {
            throw Errors.argument(name, "is not supported for two bool tensors; convert one with to(DType.INT64)");
        }
        if (type.isIntegral()) {
            Dispatch.device(name, a, b);
            boolean zero;
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                zero = b.eq(0).any().toBooleanArray()[0];
            }
            if (zero) {
                throw divisionByZero(name, b);
            }
        }
    }

    /**
     * {@code atan2(a, b)}, the angle of the point {@code (b, a)}; integers and bool give float32. Atan2Backward0, as
     * PyTorch's {@code atan2_backward}: {@code d/da = b / (a^2 + b^2)}, {@code d/db = -a / (a^2 + b^2)}.
     */
    public static Tensor atan2(Tensor a, Tensor b) {
        Dispatch.checkLive("atan2", a);
        Dispatch.checkLive("atan2", b);
        Tensor out = binaryKernel("atan2", BinaryOp.ATAN2, a, b, 1, true, false);
        return record("Atan2Backward0", (n, g) -> {
            Tensor self = n.saved(0), other = n.saved(1);
            Tensor recip = self.mul(self).add(other.mul(other)).reciprocal();
            return grads(n.needsInputGrad(0) ? g[0].mul(other).mul(recip) : null,
                    n.needsInputGrad(1) ? g[0].mul(self.neg()).mul(recip) : null);
        }, a, b).save(a, b).output(out);
    }

    /**
     * {@code torch.div(a, b, rounding_mode=mode)}: {@code null} is true division, "trunc" and "floor" round the
     * quotient (exactly, for integers, which stay integral). DivBackward2: the rounded quotient is piecewise constant,
     * so both gradients are {@code grad * 0}, as PyTorch's.
     */
    public static Tensor div(Tensor a, Tensor b, String mode) {
        BinaryOp op = roundingMode(mode, a, b);
        return op == BinaryOp.DIV ? div(a, b) : roundedDiv("div", op, a, b);
    }

    /** {@code torch.floor_divide(a, b)}: {@code div(a, b, "floor")}, under its own name in errors. */
    public static Tensor floorDivide(Tensor a, Tensor b) {
        return roundedDiv("floor_divide", BinaryOp.DIV_FLOOR, a, b);
    }

    private static Tensor roundedDiv(String name, BinaryOp op, Tensor a, Tensor b) {
        checkIntegerDivisor(name, a, b);
        Tensor out = binaryKernel(name, op, a, b, 1, false, false);
        return record("DivBackward2", (n, g) -> grads(n.needsInputGrad(0) ? g[0].mul(0) : null,
                n.needsInputGrad(1) ? g[0].mul(0) : null), a, b).output(out);
    }

    /** {@code torch.div(a, value, rounding_mode=mode)}; an {@code integral} value is a Python int. DivBackward3. */
    public static Tensor divScalar(Tensor a, double value, String mode, boolean integral) {
        Dispatch.checkLive("div", a);
        BinaryOp op = roundingMode(mode, a, null);
        return op == BinaryOp.DIV ? divScalar(a, value) : roundedDivScalar("div", op, a, value, integral);
    }

    /** {@code torch.floor_divide(a, value)}; an {@code integral} value is a Python int. */
    public static Tensor floorDivideScalar(Tensor a, double value, boolean integral) {
        Dispatch.checkLive("floor_divide", a);
        return roundedDivScalar("floor_divide", BinaryOp.DIV_FLOOR, a, value, integral);
    }

    private static Tensor roundedDivScalar(String name, BinaryOp op, Tensor a, double value, boolean integral) {
        DType type = Dispatch.resultTypeWithScalar(a, integral);
        if (type.isIntegral() && value == 0) {
            throw divisionByZero(name, null);
        }
        Tensor out = scalarKernel(name, op, a, value, type, false);
        return record("DivBackward3", (n, g) -> grads(g[0].mul(0)), a).output(out);
    }

    /** DIV for {@code null}, DIV_TRUNC for "trunc", DIV_FLOOR for "floor"; anything else raises as PyTorch does. */
    private static BinaryOp roundingMode(String mode, Tensor a, Tensor b) {
        if (mode == null) {
            return BinaryOp.DIV;
        }
        return switch (mode) {
            case "trunc" -> BinaryOp.DIV_TRUNC;
            case "floor" -> BinaryOp.DIV_FLOOR;
            default -> throw Errors.argument("div", "expected rounding mode null, \"trunc\" or \"floor\", but got \""
                    + mode + "\" (for " + Errors.shape(a.shape()) + (b == null ? "" : " and "
                    + Errors.shape(b.shape())) + ")");
        };
    }

    /** PyTorch's CPU raises ZeroDivisionError for an integer remainder by 0; so do we, on every backend. */
    private static ArithmeticException divisionByZero(String name, Tensor divisor) {
        return new ArithmeticException("[" + name + "] integer division by zero: the divisor"
                + (divisor == null ? " is 0" : " " + Errors.shape(divisor.shape()) + " " + divisor.dtype()
                + " holds a 0") + " (ZeroDivisionError in PyTorch)");
    }

    public static Tensor divScalar(Tensor t, double value) {
        DType type = Dispatch.resultTypeWithScalar(t, false);
        Tensor out = scalarKernel("div", BinaryOp.DIV, t, value, type, false);
        return record("DivBackward0", (n, g) -> grads(g[0].div(value)), t).save(SAVED_SCALAR).output(out);
    }

    public static Tensor neg(Tensor t) {
        checkNumeric("neg", t);
        Tensor out = affine("neg", t, t.dtype(), -1, 0);
        return record("NegBackward0", (n, g) -> grads(g[0].neg()), t).output(out);
    }

    /**
     * {@code x ^ p} for a scalar exponent; {@code d/dx = p x^(p-1)} (zero when {@code p == 0}). An {@code integral}
     * exponent (a Python int) keeps an integer tensor integral; a Python float makes it float32.
     */
    public static Tensor powScalar(Tensor x, double p, boolean integral) {
        if (!x.dtype().isFloatingPoint() && integral) {
            if (p < 0) {
                throw Errors.argument("pow", "integers to negative integer powers are not allowed (exponent " + p
                        + ", " + x.dtype() + ")");
            }
            // PyTorch: an integer tensor to a Python int stays integral, a bool one becomes int64
            return integerPow(Dispatch.cast("pow", x, Dispatch.resultTypeWithScalar(x, true)), (long) p);
        }
        Tensor out = unaryKernel("pow", UnaryOp.POW, x, true, p, 0);
        return record("PowBackward0", (n, g) -> {
            Tensor self = n.saved(0);
            if (p == 0) {
                return grads(Tensor.zerosLike(g[0]));
            }
            return grads(g[0].mul(self.pow(p - 1).mul(p)));
        }, x).save(x).output(out);
    }

    /**
     * {@code a ^ b} elementwise; {@code d/da = b a^(b-1)} (zero where {@code b == 0}),
     * {@code d/db = a^b log a} (zero where {@code a == 0} and {@code b >= 0}).
     */
    public static Tensor pow(Tensor a, Tensor b) {
        if (a.dtype() == DType.BOOL && b.dtype() == DType.BOOL) {
            throw Errors.argument("pow", "is not supported for two bool tensors; convert one with to(DType.INT64)");
        }
        if (Dispatch.resultType(a, b).isIntegral()) {
            return integerPow("pow", a, b);
        }
        Tensor out = binaryKernel("pow", BinaryOp.POW, a, b, 1, true, false);
        return record("PowBackward1", (n, g) -> {
            Tensor self = n.saved(0), exponent = n.saved(1), result = n.saved(2);
            Tensor gSelf = null, gExp = null;
            if (n.needsInputGrad(0)) {
                gSelf = Tensor.where(exponent.eq(0.0), 0.0, g[0].mul(exponent).mul(self.pow(exponent.sub(1.0))));
            }
            if (n.needsInputGrad(1)) {
                Tensor mask = self.eq(0.0).logicalAnd(exponent.ge(0.0));
                gExp = Tensor.where(mask, 0.0, g[0].mul(result.mul(self.log())));
            }
            return grads(gSelf, gExp);
        }, a, b).save(a, b, out).output(out);
    }

    /**
     * {@code base ^ exponent} for a scalar base, like {@code torch.pow(2.0, x)}: a float base gives a floating result
     * (float32 for integer exponents). {@code d/dexponent = base^exponent log(base)}, zero where {@code base == 0} and
     * {@code exponent >= 0} (PyTorch's PowBackward2).
     */
    public static Tensor powScalarBase(double base, Tensor exponent) {
        DType type = Dispatch.resultTypeWithScalar(exponent, false);
        Tensor e = Dispatch.cast("pow", exponent, type);
        Tensor b = Dispatch.empty(new int[0], type, e.device()); // 1e300 is inf in float32, not an error
        Dispatch.backend("pow", e).fill(view(b), base);
        Tensor out = binaryKernel("pow", BinaryOp.POW, b, e, 1, true, false);
        double logBase = Math.log(base);
        return record("PowBackward2", (n, g) -> {
            Tensor scaled = g[0].mul(n.saved(1)).mul(logBase);
            return grads(base == 0 ? Tensor.where(n.saved(0).ge(0.0), 0.0, scaled) : scaled);
        }, e).save(e, out).output(out);
    }

    /**
     * {@code x ^ p} on integers for a whole {@code p >= 0}, as PyTorch's kernel computes it: by repeated squaring in
     * the integer dtype, so the result is exact and wraps in two's complement as PyTorch's does
     * ({@code int32 46341 ^ 2} is {@code -2147479015}). Integer results are not differentiable, so nothing is
     * recorded.
     */
    private static Tensor integerPow(Tensor x, long p) {
        Tensor result = null, square = x;
        for (long rest = p; rest > 0; rest >>= 1) {
            if ((rest & 1) != 0) {
                result = result == null ? square : binaryKernel("pow", BinaryOp.MUL, result, square, 1, false, false);
            }
            if (rest > 1) {
                square = binaryKernel("pow", BinaryOp.MUL, square, square, 1, false, false);
            }
        }
        return result == null ? affine("pow", x, x.dtype(), 0, 1) : result == x ? x.clone() : result;
    }

    /**
     * {@code a ^ b} on integers, which PyTorch keeps integral: computed in float64 and converted back, exact while
     * results stay below 2^53; a negative exponent gives {@code 1 / a^|b|} truncated toward zero, as PyTorch's CPU
     * kernel (1, -1 or 0). Integer results are not differentiable, so nothing is recorded.
     */
    private static Tensor integerPow(String name, Tensor a, Tensor b) {
        DType type = Dispatch.resultType(a, b);
        Tensor base = Dispatch.cast(name, a, DType.FLOAT64);
        Tensor result = binaryKernel(name, BinaryOp.POW, base, Dispatch.cast(name, b, DType.FLOAT64), 1, false, false);
        // Rounded half to even, a fraction of a negative exponent (at most 1/2 in size) is 0: (-2) ^ -1 -> 0; and
        // 0 ^ -1 is 0 too, not infinite
        Tensor rounded = unaryKernel(name, UnaryOp.ROUND, result, false, 0, 0);
        Tensor infinite = compareScalar(name, BinaryOp.EQ, unaryKernel(name, UnaryOp.ABS, rounded, false, 0, 0),
                Double.POSITIVE_INFINITY);
        return Dispatch.cast(name, whereScalar(infinite, rounded, 0, false, true), type);
    }

    /**
     * Elementwise maximum; where the operands are equal each gets half the gradient, and where one is NaN both get
     * all of it (as PyTorch).
     */
    public static Tensor maximum(Tensor a, Tensor b) {
        return extremum("maximum", "MaximumBackward0", BinaryOp.MAXIMUM, a, b);
    }

    public static Tensor minimum(Tensor a, Tensor b) {
        return extremum("minimum", "MinimumBackward0", BinaryOp.MINIMUM, a, b);
    }

    private static Tensor extremum(String name, String nodeName, BinaryOp op, Tensor a, Tensor b) {
        Tensor out = binaryKernel(name, op, a, b, 1, false, false);
        boolean isMax = op == BinaryOp.MAXIMUM;
        return record(nodeName, (n, g) -> {
            Tensor self = n.saved(0), other = n.saved(1);
            Tensor half = g[0].mul(0.5);
            Tensor tie = self.eq(other);
            Tensor selfWins = isMax ? self.gt(other) : self.lt(other);
            Tensor otherWins = isMax ? self.lt(other) : self.gt(other);
            // Each side's gradient is zeroed only where the other side wins, as PyTorch's masked_fill: where a NaN
            // makes neither win, both get the whole gradient.
            return grads(
                    n.needsInputGrad(0) ? Tensor.where(tie, half, Tensor.where(otherWins, 0.0, g[0])) : null,
                    n.needsInputGrad(1) ? Tensor.where(tie, half, Tensor.where(selfWins, 0.0, g[0])) : null);
        }, a, b).save(a, b).output(out);
    }

    /** {@code condition ? x : y}, broadcasting all three; the gradient flows to the chosen side. */
    public static Tensor where(Tensor condition, Tensor x, Tensor y) {
        if (condition.dtype() != DType.BOOL) {
            throw Errors.argument("where", "expected condition to be a bool tensor but got " + condition.dtype());
        }
        Device device = Dispatch.device("where", x, y);
        Dispatch.device("where", condition, x);
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", view(condition).shape, view(x).shape),
                view(y).shape);
        DType type = Dispatch.resultType(x, y);
        Tensor cx = Dispatch.cast("where", x, type), cy = Dispatch.cast("where", y, type);
        Backend backend = Dispatch.backend("where", condition, cx, cy);
        Tensor out = Dispatch.empty(shape, type, device);
        backend.where(view(out), Dispatch.broadcast(condition, shape), Dispatch.broadcast(cx, shape),
                Dispatch.broadcast(cy, shape));
        return record("WhereBackward0", (n, g) -> {
            Tensor cond = n.saved(0);
            return grads(
                    n.needsInputGrad(0) ? Tensor.where(cond, g[0], 0.0) : null,
                    n.needsInputGrad(1) ? Tensor.where(cond, 0.0, g[0]) : null);
        }, x, y).save(condition).output(out);
    }

    /**
     * {@code condition ? x : value}, or {@code condition ? value : x} when {@code scalarWhenTrue}, the scalar a kernel
     * parameter, not a tensor. The gradient flows to {@code x} where it was chosen.
     */
    public static Tensor whereScalar(Tensor condition, Tensor x, double value, boolean integral,
                                     boolean scalarWhenTrue) {
        if (condition.dtype() != DType.BOOL) {
            throw Errors.argument("where", "expected condition to be a bool tensor but got " + condition.dtype());
        }
        Device device = Dispatch.device("where", condition, x);
        int[] shape = Shapes.broadcast("where", view(condition).shape, view(x).shape);
        // The scalar promotes as a Python number would: a float makes an integer or bool x float32, an int makes a
        // bool x int64 (torch.where(c, int_tensor, 2.0) is float32)
        DType type = Dispatch.resultTypeWithScalar(x, integral);
        Dispatch.checkScalar("where", value, type);
        Tensor cx = Dispatch.cast("where", x, type);
        Backend backend = Dispatch.backend("where", condition, cx);
        Tensor out = Dispatch.empty(shape, type, device);
        backend.whereScalar(view(out), Dispatch.broadcast(condition, shape), Dispatch.broadcast(cx, shape), value,
                scalarWhenTrue);
        return record("WhereBackward0", (n, g) -> grads(scalarWhenTrue
                ? Tensor.where(n.saved(0), 0.0, g[0]) : Tensor.where(n.saved(0), g[0], 0.0)), x)
                .save(condition).output(out);
    }

    // ------------------------------------------------------------------------------------------------------------
    // The unary table: kernel, node name, what the formula needs, and the formula
    // ------------------------------------------------------------------------------------------------------------

    /** A backward formula of a unary op: the input's gradient from the output's, the input and the result. */
    @FunctionalInterface
    private interface UnaryFormula {
        Tensor apply(Tensor grad, Tensor self, Tensor result);
    }

    private enum Saves { INPUT, RESULT, NOTHING }

    private static Tensor unary(String name, String nodeName, UnaryOp op, Saves saves, UnaryFormula formula, Tensor x,
                                double alpha, double beta) {
        Tensor out = unaryKernel(name, op, x, true, alpha, beta);
        Recorder node = record(nodeName, (n, g) -> grads(formula.apply(g[0],
                saves == Saves.INPUT ? n.saved(0) : null, saves == Saves.RESULT ? n.saved(0) : null)), x);
        if (saves != Saves.NOTHING) {
            node.save(saves == Saves.INPUT ? x : out);
        }
        node.output(out);
        return out;
    }

    private static Tensor unary(String name, String nodeName, UnaryOp op, Saves saves, UnaryFormula formula, Tensor x) {
        return unary(name, nodeName, op, saves, formula, x, 0, 0);
    }

    public static Tensor exp(Tensor x) {
        return unary("exp", "ExpBackward0", UnaryOp.EXP, Saves.RESULT, (g, x0, y) -> g.mul(y), x);
    }

    public static Tensor log(Tensor x) {
        return unary("log", "LogBackward0", UnaryOp.LOG, Saves.INPUT, (g, x0, y) -> g.div(x0), x);
    }

    public static Tensor log1p(Tensor x) {
        return unary("log1p", "Log1PBackward0", UnaryOp.LOG1P, Saves.INPUT, (g, x0, y) -> g.div(x0.add(1.0)), x);
    }

    public static Tensor expm1(Tensor x) {
        return unary("expm1", "Expm1Backward0", UnaryOp.EXPM1, Saves.RESULT, (g, x0, y) -> g.mul(y.add(1.0)), x);
    }

    public static Tensor sqrt(Tensor x) {
        return unary("sqrt", "SqrtBackward0", UnaryOp.SQRT, Saves.RESULT, (g, x0, y) -> g.div(y.mul(2.0)), x);
    }

    public static Tensor rsqrt(Tensor x) {
        return unary("rsqrt", "RsqrtBackward0", UnaryOp.RSQRT, Saves.RESULT,
                (g, x0, y) -> g.mul(y.pow(3).mul(-0.5)), x);
    }

    public static Tensor reciprocal(Tensor x) {
        return unary("reciprocal", "ReciprocalBackward0", UnaryOp.RECIPROCAL, Saves.RESULT,
                (g, x0, y) -> g.mul(y.mul(y)).neg(), x);
    }

    public static Tensor sin(Tensor x) {
        return unary("sin", "SinBackward0", UnaryOp.SIN, Saves.INPUT, (g, x0, y) -> g.mul(x0.cos()), x);
    }

    public static Tensor cos(Tensor x) {
        return unary("cos", "CosBackward0", UnaryOp.COS, Saves.INPUT, (g, x0, y) -> g.mul(x0.sin().neg()), x);
    }

    // The inverse and hyperbolic functions and the other logarithms; each backward is PyTorch's formula from
    // derivatives.yaml, term by term, so the values at the domain's edges (infinities, NaN) are PyTorch's too.

    public static Tensor tan(Tensor x) {
        return unary("tan", "TanBackward0", UnaryOp.TAN, Saves.RESULT, (g, x0, y) -> g.mul(y.square().add(1.0)), x);
    }

    public static Tensor asin(Tensor x) {
        return unary("asin", "AsinBackward0", UnaryOp.ASIN, Saves.INPUT,
                (g, x0, y) -> g.mul(x0.neg().mul(x0).add(1.0).rsqrt()), x);
    }

    public static Tensor acos(Tensor x) {
        return unary("acos", "AcosBackward0", UnaryOp.ACOS, Saves.INPUT,
                (g, x0, y) -> g.mul(x0.neg().mul(x0).add(1.0).rsqrt().neg()), x);
    }

    public static Tensor atan(Tensor x) {
        return unary("atan", "AtanBackward0", UnaryOp.ATAN, Saves.INPUT, (g, x0, y) -> g.div(x0.mul(x0).add(1.0)), x);
    }

    public static Tensor sinh(Tensor x) {
        return unary("sinh", "SinhBackward0", UnaryOp.SINH, Saves.INPUT, (g, x0, y) -> g.mul(x0.cosh()), x);
    }

    public static Tensor cosh(Tensor x) {
        return unary("cosh", "CoshBackward0", UnaryOp.COSH, Saves.INPUT, (g, x0, y) -> g.mul(x0.sinh()), x);
    }

    public static Tensor asinh(Tensor x) {
        return unary("asinh", "AsinhBackward0", UnaryOp.ASINH, Saves.INPUT,
                (g, x0, y) -> g.mul(x0.square().add(1.0).rsqrt()), x);
    }

    public static Tensor acosh(Tensor x) {
        return unary("acosh", "AcoshBackward0", UnaryOp.ACOSH, Saves.INPUT,
                (g, x0, y) -> g.mul(x0.square().sub(1.0).rsqrt()), x);
    }

    public static Tensor atanh(Tensor x) {
        return unary("atanh", "AtanhBackward0", UnaryOp.ATANH, Saves.INPUT,
                (g, x0, y) -> g.div(x0.square().rsub(1.0)), x);
    }

    public static Tensor log2(Tensor x) {
        return unary("log2", "Log2Backward0", UnaryOp.LOG2, Saves.INPUT, (g, x0, y) -> g.div(x0.mul(LN2)), x);
    }

    public static Tensor log10(Tensor x) {
        return unary("log10", "Log10Backward0", UnaryOp.LOG10, Saves.INPUT, (g, x0, y) -> g.div(x0.mul(LN10)), x);
    }

    public static Tensor tanh(Tensor x) {
        return unary("tanh", "TanhBackward0", UnaryOp.TANH, Saves.RESULT, (g, x0, y) -> tanhBackward(g, y), x);
    }

    public static Tensor sigmoid(Tensor x) {
        return unary("sigmoid", "SigmoidBackward0", UnaryOp.SIGMOID, Saves.RESULT, (g, x0, y) -> sigmoidBackward(g, y), x);
    }

    public static Tensor erf(Tensor x) {
        // d/dx erf(x) = 2/sqrt(pi) exp(-x^2)
        return unary("erf", "ErfBackward0", UnaryOp.ERF, Saves.INPUT,
                (g, x0, y) -> g.mul(x0.square().neg().exp().mul(2.0 / Math.sqrt(Math.PI))), x);
    }

    /** {@code |x|}; the gradient is {@code sign(x)} (0 at 0). Integers stay integers. */
    public static Tensor abs(Tensor x) {
        checkNumeric("abs", x);
        Tensor out = unaryKernel("abs", UnaryOp.ABS, x, false, 0, 0);
        return record("AbsBackward0", (n, g) -> grads(g[0].mul(n.saved(0).sign())), x).save(x).output(out);
    }

    /** {@code max(x, 0)}; integers stay integers. The gradient flows where the result is positive. */
    public static Tensor relu(Tensor x) {
        checkNumeric("relu", x);
        Tensor out = unaryKernel("relu", UnaryOp.RELU, x, false, 0, 0);
        return record("ReluBackward0", (n, g) -> grads(thresholdBackward(g[0], n.saved(0), 0)), x).save(out).output(out);
    }

    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return unary("leaky_relu", "LeakyReluBackward0", UnaryOp.LEAKY_RELU, Saves.INPUT,
                (g, x0, y) -> leakyReluBackward(g, x0, negativeSlope), x, negativeSlope, 0);
    }

    /** GELU, exact ({@code approximateTanh == false}) or with PyTorch's tanh approximation. */
    public static Tensor gelu(Tensor x, boolean approximateTanh) {
        return approximateTanh
                ? unary("gelu", "GeluBackward0", UnaryOp.GELU_TANH, Saves.INPUT, (g, x0, y) -> geluBackward(g, x0, true), x)
                : unary("gelu", "GeluBackward0", UnaryOp.GELU, Saves.INPUT, (g, x0, y) -> geluBackward(g, x0, false), x);
    }

    /** {@code log(1 + exp(beta x)) / beta}, linear where {@code beta x > threshold}. */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        return unary("softplus", "SoftplusBackward0", UnaryOp.SOFTPLUS, Saves.INPUT, (g, x0, y) -> {
            Tensor scaled = x0.mul(beta);
            return Tensor.where(scaled.gt(threshold), g, g.mul(scaled.sigmoid()));
        }, x, beta, threshold);
    }

    /** Limits to {@code [min, max]} (NaN: no bound); the gradient flows where the input is inside the bounds. */
    public static Tensor clamp(Tensor x, double min, double max, boolean integral) {
        return clamp(x, min, max, integral, "clamp", "ClampBackward1");
    }

    /**
     * {@code clamp}, {@code clampMin}, {@code clampMax}: PyTorch names their nodes ClampBackward1,
     * ClampMinBackward0 and ClampMaxBackward0. Bounds that are not {@code integral} (Python floats) promote an
     * integer tensor to float32; Python ints keep it integral (a bool one becomes int64).
     */
    public static Tensor clamp(Tensor x, double min, double max, boolean integral, String name, String nodeName) {
        if (Double.isNaN(min) && Double.isNaN(max)) {
            throw Errors.argument(name, "at least one of min or max must be given");
        }
        Tensor in = Dispatch.cast(name, x, Dispatch.resultTypeWithScalar(x, integral));
        Tensor out = unaryKernel(name, UnaryOp.CLAMP, in, false, min, max);
        return record(nodeName, (n, g) -> {
            Tensor self = n.saved(0);
            Tensor inside = Double.isNaN(min) ? self.le(max)
                    : Double.isNaN(max) ? self.ge(min) : self.ge(min).logicalAnd(self.le(max));
            return grads(Tensor.where(inside, g[0], 0.0));
        }, in).save(in).output(out);
    }

    public static Tensor sign(Tensor x) {
        return zeroGradient("sign", "SignBackward0", UnaryOp.SIGN, x);
    }

    public static Tensor floor(Tensor x) {
        return zeroGradient("floor", "FloorBackward0", UnaryOp.FLOOR, x);
    }

    public static Tensor ceil(Tensor x) {
        return zeroGradient("ceil", "CeilBackward0", UnaryOp.CEIL, x);
    }

    public static Tensor round(Tensor x) {
        return zeroGradient("round", "RoundBackward0", UnaryOp.ROUND, x);
    }

    /**
     * Rounds toward zero, like {@code torch.trunc}: the floor of a non-negative value, the ceiling of a negative one
     * (so -0.5 gives -0.0, and NaN and infinities stay); integers are returned unchanged. Zero gradient.
     */
    public static Tensor trunc(Tensor x) {
        checkNumeric("trunc", x);
        if (!x.dtype().isFloatingPoint()) {
            return x.clone();
        }
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = Tensor.where(x.ge(0), x.floor(), x.ceil());
        }
        return record("TruncBackward0", (n, g) -> grads(Tensor.zerosLike(g[0])), x).output(out);
    }

    /** {@code x - trunc(x)}, like {@code torch.frac} (floating only, as PyTorch's); gradient 1. */
    public static Tensor frac(Tensor x) {
        Errors.requireFloating("frac", x.dtype());
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = x.sub(trunc(x));
        }
        return record("FracBackward0", (n, g) -> grads(g[0]), x).output(out);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Ops PyTorch has on their own that are compositions here: checked under their own name, computed from the
    // primitives under no-grad, and recorded as one node with PyTorch's name and derivatives.yaml's formula.
    // ------------------------------------------------------------------------------------------------------------

    /** Live operands on one device, broadcastable together, for an op composed of several. */
    private static int[] checkOperands(String name, Tensor... ts) {
        int[] shape = new int[0];
        for (Tensor t : ts) {
            Dispatch.checkLive(name, t);
            Dispatch.device(name, ts[0], t);
            shape = Shapes.broadcast(name, shape, view(t).shape);
        }
        return shape;
    }

    /** PyTorch's lerp requires one floating dtype for all its tensors. */
    private static void checkLerp(Tensor x, Tensor end, Tensor weight) {
        checkOperands("lerp", weight == null ? new Tensor[] {x, end} : new Tensor[] {x, end, weight});
        Errors.requireFloating("lerp", x.dtype());
        if (end.dtype() != x.dtype()) {
            throw Errors.dtypes("lerp", "expected the same dtype for input and end", x.dtype(), end.dtype());
        }
        if (weight != null && weight.dtype() != x.dtype()) {
            throw Errors.dtypes("lerp", "expected the same dtype for input and weight", x.dtype(), weight.dtype());
        }
    }

    /** {@code x + weight (end - x)}, like {@code torch.lerp} with a scalar weight (PyTorch's two-sided formula). */
    public static Tensor lerp(Tensor x, Tensor end, double weight) {
        checkLerp(x, end, null);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            // PyTorch's kernel: start + w (end - start) for |w| < 0.5, else end - (end - start)(1 - w), so that
            // w = 1 gives end exactly.
            Tensor diff = end.sub(x);
            out = Math.abs(weight) < 0.5 ? x.add(diff.mul(weight)) : end.sub(diff.mul(1 - weight));
        }
        return record("LerpBackward0", (n, g) -> grads(n.needsInputGrad(0) ? g[0].mul(1 - weight) : null,
                n.needsInputGrad(1) ? g[0].mul(weight) : null), x, end).output(out);
    }

    /** {@code x + weight (end - x)} with a tensor weight, like {@code torch.lerp}; all three broadcast. */
    public static Tensor lerp(Tensor x, Tensor end, Tensor weight) {
        checkLerp(x, end, weight);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor diff = end.sub(x);
            out = Tensor.where(weight.abs().lt(0.5), x.add(weight.mul(diff)), end.sub(diff.mul(weight.rsub(1.0))));
        }
        return record("LerpBackward1", (n, g) -> {
            Tensor self = n.saved(0), e = n.saved(1), w = n.saved(2);
            return grads(n.needsInputGrad(0) ? g[0].mul(w.rsub(1.0)) : null,
                    n.needsInputGrad(1) ? g[0].mul(w) : null,
                    n.needsInputGrad(2) ? g[0].mul(e.sub(self)) : null);
        }, x, end, weight).save(x, end, weight).output(out);
    }

    /** {@code x + value * t1 * t2}, like {@code torch.addcmul}; the three tensors broadcast and promote. */
    public static Tensor addcmul(Tensor x, Tensor t1, Tensor t2, double value) {
        checkOperands("addcmul", x, t1, t2);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            // With three integer tensors PyTorch 1.13 truncates value toward zero (addcmul(1, 1, 2, value=0.5) = 1).
            boolean integral = !x.dtype().isFloatingPoint() && !t1.dtype().isFloatingPoint()
                    && !t2.dtype().isFloatingPoint();
            double v = integral ? (long) value : value;
            Tensor product = v == 1 ? t1.mul(t2) : t1.mul(scalarLike(v, t1, t2)).mul(t2);
            out = x.add(product);
        }
        return record("AddcmulBackward0", (n, g) -> {
            Tensor a = n.saved(0), b = n.saved(1);
            return grads(n.needsInputGrad(0) ? g[0] : null,
                    n.needsInputGrad(1) ? g[0].mul(b).mul(value) : null,
                    n.needsInputGrad(2) ? g[0].mul(a).mul(value) : null);
        }, x, t1, t2).save(t1, t2).output(out);
    }

    /** {@code x + value * t1 / t2}, like {@code torch.addcdiv}; two integer operands raise, as in PyTorch. */
    public static Tensor addcdiv(Tensor x, Tensor t1, Tensor t2, double value) {
        checkOperands("addcdiv", x, t1, t2);
        if (!t1.dtype().isFloatingPoint() && !t2.dtype().isFloatingPoint()) {
            throw Errors.dtypes("addcdiv", "integer division is not supported (use div of a floating tensor)",
                    t1.dtype(), t2.dtype());
        }
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor quotient = value == 1 ? t1.div(t2) : t1.mul(scalarLike(value, t1, t2)).div(t2);
            out = x.add(quotient);
        }
        return record("AddcdivBackward0", (n, g) -> {
            Tensor a = n.saved(0), b = n.saved(1);
            return grads(n.needsInputGrad(0) ? g[0] : null,
                    n.needsInputGrad(1) ? g[0].mul(value).div(b) : null,
                    n.needsInputGrad(2) ? g[0].neg().mul(value).mul(a).div(b.mul(b)) : null);
        }, x, t1, t2).save(t1, t2).output(out);
    }

    /** {@code value} as a 0-d tensor of the two operands' result dtype (so it promotes nothing on its own). */
    private static Tensor scalarLike(double value, Tensor a, Tensor b) {
        return Tensor.full(new int[0], value, Dispatch.resultType(a, b), a.device());
    }

    /** NaN, +inf and -inf replaced, like {@code torch.nan_to_num}; other dtypes come back as a copy. */
    public static Tensor nanToNum(Tensor x, double nan, double posinf, double neginf) {
        Dispatch.checkLive("nan_to_num", x);
        if (!x.dtype().isFloatingPoint()) {
            return x.clone();
        }
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            // The replacements are rounded to the dtype first: 1e300 is +inf in float32, as in PyTorch.
            boolean f32 = x.dtype() == DType.FLOAT32;
            out = Tensor.where(x.isnan(), f32 ? (float) nan : nan, Tensor.where(x.eq(Double.POSITIVE_INFINITY),
                    f32 ? (float) posinf : posinf, Tensor.where(x.eq(Double.NEGATIVE_INFINITY),
                            f32 ? (float) neginf : neginf, x)));
        }
        return record("NanToNumBackward0", (n, g) -> grads(g[0].mul(n.saved(0).isfinite())), x).save(x).output(out);
    }

    /** {@link #nanToNum(Tensor, double, double, double)} with PyTorch's defaults: 0 and the dtype's extremes. */
    public static Tensor nanToNum(Tensor x) {
        double max = x.dtype() == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
        return nanToNum(x, 0, max, -max);
    }

    /** {@code log(e^a + e^b)} without overflow, like {@code torch.logaddexp} (floating only). */
    public static Tensor logaddexp(Tensor a, Tensor b) {
        checkOperands("logaddexp", a, b);
        DType type = Dispatch.resultType(a, b);
        Errors.requireFloating("logaddexp", type);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor x = a.to(type), y = b.to(type);
            // PyTorch's kernel: equal infinities give themselves (inf - inf would be NaN), else
            // max + log1p(exp(-|a - b|)).
            Tensor general = x.maximum(y).add(x.sub(y).abs().neg().exp().log1p());
            out = Tensor.where(x.isinf().logicalAnd(x.eq(y)), x, general);
        }
        return record("LogaddexpBackward0", (n, g) -> {
            Tensor self = n.saved(0), other = n.saved(1);
            return grads(n.needsInputGrad(0) ? g[0].div(other.sub(self).exp().add(1.0)) : null,
                    n.needsInputGrad(1) ? g[0].div(self.sub(other).exp().add(1.0)) : null);
        }, a, b).save(a, b).output(out);
    }

    /** {@code 2^x}, like {@code torch.exp2}; integer and bool tensors give float32. */
    public static Tensor exp2(Tensor x) {
        Dispatch.checkLive("exp2", x);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = Tensor.pow(2.0, x.dtype().isFloatingPoint() ? x : x.to(DType.FLOAT32));
        }
        return record("Exp2Backward0", (n, g) -> grads(g[0].mul(n.saved(0)).mul(LN2)), x).save(out).output(out);
    }

    /** Piecewise-constant ops: recorded (the output requires grad, as in PyTorch) with a zero gradient. */
    private static Tensor zeroGradient(String name, String nodeName, UnaryOp op, Tensor x) {
        if (op == UnaryOp.SIGN && x.dtype() == DType.BOOL) {
            return x.clone(); // PyTorch: the sign of a bool tensor is itself
        }
        checkNumeric(name, x);
        if (!x.dtype().isFloatingPoint() && op != UnaryOp.SIGN) {
            return x.clone();
        }
        Tensor out = unaryKernel(name, op, x, false, 0, 0);
        return record(nodeName, (n, g) -> grads(Tensor.zerosLike(g[0])), x).output(out);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Comparisons and logical ops: bool results, not differentiable
    // ------------------------------------------------------------------------------------------------------------

    public static Tensor compare(String name, BinaryOp op, Tensor a, Tensor b) {
        return binaryKernel(name, op, a, b, 0, false, true);
    }

    public static Tensor compareScalar(String name, BinaryOp op, Tensor a, double value) {
        DType type = Dispatch.resultTypeWithScalar(a, value == Math.rint(value) && !a.dtype().isFloatingPoint()
                && Math.abs(value) < 0x1p53);
        return scalarKernel(name, op, a, value, type, true);
    }

    public static Tensor logicalNot(Tensor x) {
        return unaryKernel("logical_not", UnaryOp.LOGICAL_NOT, Dispatch.cast("logical_not", x, DType.BOOL), false, 0, 0);
    }

    public static Tensor isnan(Tensor x) {
        return unaryKernel("isnan", UnaryOp.ISNAN, x, false, 0, 0);
    }

    /** Whether each element is +-inf, like {@code torch.isinf}; always false for integers and bools. */
    public static Tensor isinf(Tensor x) {
        Dispatch.checkLive("isinf", x);
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            return x.dtype().isFloatingPoint() ? x.abs().eq(Double.POSITIVE_INFINITY)
                    : Tensor.zeros(x.shape(), DType.BOOL, x.device());
        }
    }

    /** Whether each element is finite, like {@code torch.isfinite}; always true for integers and bools. */
    public static Tensor isfinite(Tensor x) {
        Dispatch.checkLive("isfinite", x);
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            // x - x is 0 exactly for a finite x, NaN for an infinity or NaN
            return x.dtype().isFloatingPoint() ? x.sub(x).eq(0)
                    : Tensor.ones(x.shape(), DType.BOOL, x.device());
        }
    }

    /**
     * {@code |a - b| <= atol + rtol |b|} elementwise (or {@code a == b}, which covers equal infinities), like
     * {@code torch.isclose}; NaNs are equal only with {@code equalNan}. Both operands must have the same dtype;
     * integers are compared in the default float dtype, bools by equality.
     */
    public static Tensor isclose(Tensor a, Tensor b, double rtol, double atol, boolean equalNan) {
        Dispatch.checkLive("isclose", a);
        Dispatch.checkLive("isclose", b);
        Dispatch.device("isclose", a, b);
        if (a.dtype() != b.dtype()) {
            throw Errors.dtypes("isclose", "expected both inputs to have the same dtype", a.dtype(), b.dtype());
        }
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw Errors.argument("isclose", "rtol and atol must be greater than or equal to zero, but got rtol "
                    + rtol + " and atol " + atol);
        }
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor close = a.eq(b);
            if (equalNan && a.dtype().isFloatingPoint()) {
                close = close.logicalOr(a.isnan().logicalAnd(b.isnan()));
            }
            if (a.dtype() == DType.BOOL || (rtol == 0 && atol == 0)) {
                return close;
            }
            Tensor fa = a.dtype().isFloatingPoint() ? a : a.to(DType.defaultFloat());
            Tensor fb = b.dtype().isFloatingPoint() ? b : b.to(DType.defaultFloat());
            Tensor error = fa.sub(fb).abs();
            return close.logicalOr(isfinite(error).logicalAnd(error.le(fb.mul(rtol).abs().add(atol))));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Backward helpers (see Note [Fused backward kernels])
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Whether to use the backend's fused kernel {@code op}: it has one, and nothing records the backward pass (a
     * recorded pass composes the formula so it can be differentiated again).
     */
    private static boolean fused(FusedOp op, Tensor grad, Tensor other) {
        return !isRecording(grad, other) && Dispatch.backend("backward", grad).supports(op);
    }

    /** {@code grad * (1 - y^2)}, with {@code y = tanh(x)}. */
    static Tensor tanhBackward(Tensor grad, Tensor y) {
        if (fused(FusedOp.TANH_BACKWARD, grad, y)) {
            return binaryKernel("tanh_backward", BinaryOp.TANH_BACKWARD, grad, y, 0, true, false);
        }
        return grad.mul(y.mul(y).rsub(1.0));
    }

    /** {@code grad * y * (1 - y)}, with {@code y = sigmoid(x)}. */
    static Tensor sigmoidBackward(Tensor grad, Tensor y) {
        if (fused(FusedOp.SIGMOID_BACKWARD, grad, y)) {
            return binaryKernel("sigmoid_backward", BinaryOp.SIGMOID_BACKWARD, grad, y, 0, true, false);
        }
        return grad.mul(y.mul(y.rsub(1.0)));
    }

    /**
     * Note [Backward ops of grad and self]: PyTorch's threshold_backward, leaky_relu_backward, hardtanh_backward,
     * hardshrink_backward, softshrink_backward and hardsigmoid_backward are ops of {@code (grad, self)}: under createGraph their result requires grad whenever self does (its
     * derivative for self is 0, the function being piecewise linear), so a third derivative of {@code relu(x)^2} still
     * requires grad. Composed as {@code where(mask(self), grad, ...)}, self only enters through a bool mask and the
     * result would not. {@code maskedBackward} computes {@code linear(grad, self)} (linear and diagonal in grad)
     * without recording and records it as one node of both, as PyTorch's {@code *BackwardBackward0}.
     */
    static Tensor maskedBackward(String nodeName, Tensor grad, Tensor self, BinaryOperator<Tensor> linear) {
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = linear.apply(grad, self);
        }
        return record(nodeName, (n, g) -> grads(
                n.needsInputGrad(0) ? maskedBackward(nodeName, g[0], n.saved(0), linear) : null,
                n.needsInputGrad(1) ? Tensor.zerosLike(n.saved(0)) : null), grad, self).save(self).output(out);
    }

    /**
     * {@code x <= threshold ? 0 : grad} (a NaN x passes grad, as in PyTorch), recorded as ThresholdBackwardBackward0
     * (Note [Backward ops of grad and self]).
     */
    static Tensor thresholdBackward(Tensor grad, Tensor x, double threshold) {
        return maskedBackward("ThresholdBackwardBackward0", grad, x, (g, self) ->
                fused(FusedOp.THRESHOLD_BACKWARD, g, null)
                        ? binaryKernel("threshold_backward", BinaryOp.THRESHOLD_BACKWARD, g, self, threshold, false, false)
                        : Tensor.where(self.le(threshold), 0.0, g));
    }

    /** {@code x > 0 ? grad : slope * grad}, recorded as LeakyReluBackwardBackward0. */
    static Tensor leakyReluBackward(Tensor grad, Tensor x, double slope) {
        return maskedBackward("LeakyReluBackwardBackward0", grad, x, (g, self) ->
                fused(FusedOp.LEAKY_RELU_BACKWARD, g, null)
                        ? binaryKernel("leaky_relu_backward", BinaryOp.LEAKY_RELU_BACKWARD, g, self, slope, true, false)
                        : Tensor.where(self.gt(0.0), g, g.mul(slope)));
    }

    /**
     * {@code grad * gelu'(x)}: exact {@code Phi(x) + x phi(x)}, or the derivative of the tanh approximation
     * {@code 0.5 (1 + t) + 0.5 x (1 - t^2) k (1 + 3c x^2)} with {@code t = tanh(k (x + c x^3))}.
     */
    static Tensor geluBackward(Tensor grad, Tensor x, boolean approximateTanh) {
        if (fused(approximateTanh ? FusedOp.GELU_TANH_BACKWARD : FusedOp.GELU_BACKWARD, grad, x)) {
            return binaryKernel("gelu_backward", approximateTanh ? BinaryOp.GELU_TANH_BACKWARD : BinaryOp.GELU_BACKWARD,
                    grad, x, 0, true, false);
        }
        if (!approximateTanh) {
            Tensor cdf = x.mul(1 / Math.sqrt(2)).erf().add(1.0).mul(0.5);
            Tensor pdf = x.square().mul(-0.5).exp().mul(1 / Math.sqrt(2 * Math.PI));
            return grad.mul(cdf.add(x.mul(pdf)));
        }
        double k = Math.sqrt(2 / Math.PI), c = 0.044715;
        Tensor x2 = x.square();
        Tensor t = x.add(x.mul(x2).mul(c)).mul(k).tanh();
        Tensor inner = x2.mul(3 * c).add(1.0).mul(k);
        Tensor left = t.add(1.0).mul(0.5);
        Tensor right = x.mul(t.square().rsub(1.0)).mul(inner).mul(0.5);
        return grad.mul(left.add(right));
    }
}
