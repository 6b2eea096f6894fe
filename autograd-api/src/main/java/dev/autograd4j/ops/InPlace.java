package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.internal.Recorder;
import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.UnaryOp;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import static dev.autograd4j.internal.Internal.bumpVersion;
import static dev.autograd4j.internal.Internal.isLeafRequiringGrad;
import static dev.autograd4j.internal.Internal.rebaseHistory;
import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * In-place ops ({@code add_}, {@code mul_}, {@code fill_}, {@code zero_}, {@code copy_}).
 *
 * <p>Note [In-place and autograd]: every in-place write bumps the storage's version counter, so a backward that
 * saved the old values fails with a clear error rather than using the new ones. A leaf that requires grad cannot be
 * modified in place while grad mode is on (an optimizer step runs under {@code GradMode.noGrad()}). When the write
 * itself must be recorded (the tensor or the operand requires grad), the out-of-place op is recorded on the old
 * value (cloned first where its formula needs it) and the tensor's history is rebased onto that node, as PyTorch's
 * rebase_history does. Otherwise the kernel writes straight into the tensor's storage.
 */
public final class InPlace {
    private InPlace() {
    }

    private static boolean recording(Tensor self, Tensor other) {
        return GradMode.isEnabled() && (self.requiresGrad() || (other != null && other.requiresGrad()));
    }

    private static void checkTarget(String op, Tensor self, Tensor other) {
        if (GradMode.isEnabled() && isLeafRequiringGrad(self)) {
            throw Errors.state(op, "a leaf tensor that requires grad is being used in an in-place operation; run the"
                    + " update under GradMode.noGrad(), or modify a detach()ed tensor");
        }
        if (recording(self, other) && self.isView()) {
            throw Errors.state(op, "in-place modification of a view is not supported while autograd records it; clone()"
                    + " the view first, or modify it under GradMode.noGrad()");
        }
    }

    private static void checkOperand(String op, Tensor self, Tensor other, DType resultType) {
        Dispatch.device(op, self, other);
        int[] shape = Shapes.broadcast(op, view(self).shape, view(other).shape);
        if (!Arrays.equals(shape, view(self).shape)) {
            throw Errors.argument(op, "output with shape " + Errors.shape(view(self).shape) + " doesn't match the"
                    + " broadcast shape " + Errors.shape(shape));
        }
        checkCast(op, resultType, self.dtype());
    }

    private static void checkCast(String op, DType result, DType target) {
        if (result.category().compareTo(target.category()) > 0) {
            throw Errors.argument(op, "result type " + result + " can't be cast to the desired output type " + target);
        }
    }

    /** Writes {@code result} into {@code self}, bumps its version and makes {@code result}'s node its history. */
    private static Tensor commitRecorded(String op, Tensor self, Tensor result) {
        Dispatch.backend(op, self, result).copy(view(self), view(result));
        bumpVersion(self);
        rebaseHistory(self, result);
        return self;
    }

    /** Records {@code op(self)} on the old value and rebases {@code self} onto it (see the class note). */
    private static Tensor recorded(String name, Tensor self, boolean formulaNeedsSelf, UnaryOperator<Tensor> op) {
        Tensor old = formulaNeedsSelf ? self.clone() : self;
        return commitRecorded(name, self, op.apply(old));
    }

    public static Tensor add_(Tensor self, Tensor other, double alpha) {
        String name = alpha == -1 ? "sub_" : "add_";
        checkTarget(name, self, other);
        checkOperand(name, self, other, Dispatch.resultType(self, other));
        if (recording(self, other)) {
            return recorded(name, self, false, s -> s.add(other, alpha));
        }
        Tensor o = Dispatch.cast(name, other, self.dtype());
        Dispatch.backend(name, self, o).binary(BinaryOp.ADD, view(self), view(self),
                Dispatch.broadcast(o, view(self).shape), alpha);
        bumpVersion(self);
        return self;
    }

    public static Tensor addScalar_(Tensor self, double value) {
        checkTarget("add_", self, null);
        checkCast("add_", Dispatch.resultTypeWithScalar(self, value == Math.rint(value)), self.dtype());
        if (recording(self, null)) {
            return recorded("add_", self, false, s -> s.add(value));
        }
        Dispatch.backend("add_", self).unary(UnaryOp.AFFINE, view(self), view(self), 1, value);
        bumpVersion(self);
        return self;
    }

    public static Tensor mul_(Tensor self, Tensor other) {
        checkTarget("mul_", self, other);
        checkOperand("mul_", self, other, Dispatch.resultType(self, other));
        if (recording(self, other)) {
            return recorded("mul_", self, other.requiresGrad(), s -> s.mul(other));
        }
        Tensor o = Dispatch.cast("mul_", other, self.dtype());
        Dispatch.backend("mul_", self, o).binary(BinaryOp.MUL, view(self), view(self),
                Dispatch.broadcast(o, view(self).shape), 1);
        bumpVersion(self);
        return self;
    }

    public static Tensor mulScalar_(Tensor self, double value) {
        checkTarget("mul_", self, null);
        checkCast("mul_", Dispatch.resultTypeWithScalar(self, value == Math.rint(value)), self.dtype());
        if (recording(self, null)) {
            return recorded("mul_", self, false, s -> s.mul(value));
        }
        Dispatch.backend("mul_", self).unary(UnaryOp.AFFINE, view(self), view(self), value, 0);
        bumpVersion(self);
        return self;
    }

    public static Tensor divScalar_(Tensor self, double value) {
        checkTarget("div_", self, null);
        checkCast("div_", DType.defaultFloat(), self.dtype());
        if (recording(self, null)) {
            return recorded("div_", self, false, s -> s.div(value));
        }
        Dispatch.backend("div_", self).binaryScalar(BinaryOp.DIV, view(self), view(self), value);
        bumpVersion(self);
        return self;
    }

    /** {@code fill_} / {@code zero_}: the old values get a zero gradient ({@code FillBackward0}/{@code ZeroBackward0}). */
    public static Tensor fill_(Tensor self, double value, String name) {
        checkTarget(name, self, null);
        Recorder node = record(name.equals("zero_") ? "ZeroBackward0" : "FillBackward0",
                (n, g) -> new Tensor[] {Tensor.zerosLike(g[0])}, self);
        Dispatch.backend(name, self).fill(view(self), value);
        bumpVersion(self);
        return node.output(self);
    }

    /** Copies {@code src}, broadcast and converted, into {@code self}; {@code CopyBackwards} sends the gradient to src. */
    public static Tensor copy_(Tensor self, Tensor src) {
        checkTarget("copy_", self, src);
        int[] shape = view(self).shape;
        if (!Shapes.isExpandableTo(view(src).shape, shape)) {
            throw Errors.argument("copy_", "source shape " + Errors.shape(view(src).shape) + " cannot be broadcast to "
                    + Errors.shape(shape));
        }
        var srcDevice = src.device();
        DType srcType = src.dtype();
        Recorder node = record("CopyBackwards", (n, g) -> new Tensor[] {
                n.needsInputGrad(0) ? Tensor.zerosLike(g[0]) : null,
                n.needsInputGrad(1) ? g[0].to(srcDevice).to(srcType) : null}, self, src);
        Tensor onDevice;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            onDevice = src.device() == self.device() ? src : src.to(self.device());
        }
        Dispatch.backend("copy_", self, onDevice).copy(view(self), Dispatch.broadcast(onDevice, shape));
        bumpVersion(self);
        return node.output(self);
    }
}
