package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static dev.autograd4j.internal.Internal.base;
import static dev.autograd4j.internal.Internal.bumpVersion;
import static dev.autograd4j.internal.Internal.isLeafRequiringGrad;
import static dev.autograd4j.internal.Internal.isMultiOutputView;
import static dev.autograd4j.internal.Internal.isNoGradView;
import static dev.autograd4j.internal.Internal.rebaseHistory;
import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * In-place ops ({@code add_}, {@code mul_}, {@code div_}, {@code fill_}, {@code zero_}, {@code copy_}, the
 * activations {@code relu_}, {@code sigmoid_}, {@code exp_}, {@code clamp_}, and {@code masked_fill_}).
 *
 * <p>Note [In-place and autograd]: every in-place write bumps the storage's version counter, so a backward that
 * saved the old values fails with a clear error rather than using the new ones. A leaf that requires grad cannot be
 * modified in place while grad mode is on (an optimizer step runs under {@code GradMode.noGrad()}), nor can a view of
 * one. When the write itself must be recorded (the tensor or the operand requires grad), the out-of-place op is
 * recorded on the old value (cloned first where its formula needs it), its result is written into the tensor, and
 * the history is rebased, as PyTorch's rebase_history does: onto the op's node for a plain tensor, or, for a view,
 * the base's history becomes a CopySlices node wrapping it (the view, and every other view of the base, then see the
 * new history: Note [Views see in-place changes] in Tensor). Otherwise the kernel writes straight into the storage.
 */
public final class InPlace {
    private InPlace() {
    }

    private static boolean recording(Tensor self, Tensor other) {
        return GradMode.isEnabled() && (self.requiresGrad() || (other != null && other.requiresGrad()));
    }

    private static void checkTarget(String op, Tensor self, Tensor other) {
        Dispatch.checkLive(op, self);
        if (other != null) {
            Dispatch.checkLive(op, other);
        }
        View v = view(self);
        checkNotExpanded(op, v);
        if (other != null) {
            checkNoPartialOverlap(op, v, view(other));
        }
        if (!GradMode.isEnabled()) {
            return;
        }
        if (isLeafRequiringGrad(self)) {
            throw Errors.state(op, "a leaf tensor that requires grad is being used in an in-place operation; run the"
                    + " update under GradMode.noGrad(), or modify a detach()ed tensor");
        }
        Tensor base = base(self);
        // As PyTorch's check_inplace: such a view counts as requiring grad when its base does (it was cut from the
        // base's history, not from its requires_grad), and is refused whatever its base, before the leaf check.
        if (base != null && isNoGradView(self) && (recording(self, other) || base.requiresGrad())) {
            throw Errors.state(op, "a view was created in no-grad mode and is being modified in place with grad"
                    + " mode enabled; the base's history cannot see the change. Create the view with grad mode"
                    + " enabled, or clone() it");
        }
        if (base != null && isMultiOutputView(self) && recording(self, other)) {
            throw Errors.state(op, "a view returned by split, chunk or unbind is being modified in place: this view is"
                    + " the output of a function that returns multiple views, whose views may not be modified in"
                    + " place while autograd records; use an out-of-place op, or clone() the piece");
        }
        if (base != null && recording(self, other) && isLeafRequiringGrad(base)) {
            throw Errors.state(op, "a view of a leaf tensor that requires grad is being used in an in-place"
                    + " operation; run it under GradMode.noGrad(), or clone() the view first");
        }
    }

    /** A written-to view must not be expanded: one element would be written for several (PyTorch's error). */
    static void checkNotExpanded(String op, View v) {
        for (int d = 0; d < v.shape.length; d++) {
            if (v.strides[d] == 0 && v.shape[d] > 1) {
                throw Errors.argument(op, "unsupported operation: more than one element of the written-to tensor"
                        + " refers to a single memory location (an expanded view of shape " + Errors.shape(v.shape)
                        + "); clone() the tensor before performing the operation");
            }
        }
    }

    /**
     * PyTorch's assert_no_partial_overlap: an operand that shares some, but not exactly the same, memory with the
     * written-to tensor would be read after parts of it were written, so the result would depend on the kernel's
     * order. As PyTorch, only views that are dense (a permutation of a contiguous layout) are compared, by the memory
     * range they span; the same memory seen alike is fine (x.add_(x)), and strided views are let through.
     */
    private static void checkNoPartialOverlap(String op, View out, View in) {
        if (out.storage != in.storage || out.numel() == 0 || in.numel() == 0 || !isDense(out) || !isDense(in)) {
            return;
        }
        long outEnd = out.offset + out.numel(), inEnd = in.offset + in.numel();
        boolean same = out.offset == in.offset && outEnd == inEnd && Arrays.equals(out.strides, in.strides);
        if (!same && out.offset < inEnd && in.offset < outEnd) {
            throw Errors.argument(op, "unsupported operation: some elements of the input tensor and the written-to"
                    + " tensor refer to a single memory location (written-to " + Errors.shape(out.shape) + " with"
                    + " strides " + Arrays.toString(out.strides) + ", input " + Errors.shape(in.shape) + " with strides "
                    + Arrays.toString(in.strides) + "); clone() the input before performing the operation");
        }
    }

    /** Whether the view covers its memory range exactly once (PyTorch's is_non_overlapping_and_dense). */
    private static boolean isDense(View v) {
        Integer[] perm = new Integer[v.shape.length];
        for (int d = 0; d < perm.length; d++) {
            perm[d] = d;
        }
        // by stride, dims of size 0 or 1 last (their stride does not matter)
        Arrays.sort(perm, (a, b) -> v.shape[a] < 2 ? (v.shape[b] < 2 ? 0 : 1)
                : v.shape[b] < 2 ? -1 : Long.compare(v.strides[a], v.strides[b]));
        long required = 1;
        for (int d : perm) {
            if (v.shape[d] < 2) {
                return true;
            }
            if (v.strides[d] != required) {
                return false;
            }
            required *= v.shape[d];
        }
        return true;
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

    /**
     * The one path of every in-place op, after its checks: recorded, the out-of-place {@code op} computes the new
     * value from the old one (a clone where its formula needs the old value, which the write destroys) and the
     * history is rebased (see the class note); not recorded, {@code kernel} writes into the storage.
     */
    private static Tensor apply(String name, Tensor self, Tensor other, boolean formulaNeedsSelf,
                                UnaryOperator<Tensor> op, Consumer<Backend> kernel) {
        if (recording(self, other)) {
            Tensor old = formulaNeedsSelf ? self.clone() : self;
            Tensor result = op.apply(old);
            Dispatch.backend(name, self, result).copy(view(self), view(result));
            rebaseHistory(self, result);
        } else {
            kernel.accept(Dispatch.backend(name, self));
        }
        bumpVersion(self);
        return self;
    }

    /** {@code self += alpha * other}; an {@code integral} alpha is a Python int. */
    public static Tensor add_(Tensor self, Tensor other, double alpha, boolean integral) {
        return add_("add_", self, other, alpha, integral, s -> Pointwise.add(s, other, alpha, integral));
    }

    /** {@code self -= other}, recorded as SubBackward0, as PyTorch's sub_. */
    public static Tensor sub_(Tensor self, Tensor other) {
        Pointwise.checkSubtrahend("sub_", self.dtype(), other.dtype());
        return add_("sub_", self, other, -1, true, s -> s.sub(other));
    }

    private static Tensor add_(String name, Tensor self, Tensor other, double alpha, boolean integral,
                               UnaryOperator<Tensor> op) {
        checkTarget(name, self, other);
        checkOperand(name, self, other, Dispatch.resultType(self, other));
        Pointwise.checkAlpha(name, self, other, alpha, integral);
        return apply(name, self, other, false, op, backend -> {
            Tensor o = Dispatch.cast(name, other, self.dtype());
            BinaryOp kernelOp = self.dtype() == DType.BOOL ? Pointwise.onBools(name, BinaryOp.ADD) : BinaryOp.ADD;
            backend.binary(kernelOp, view(self), view(self), Dispatch.broadcast(o, view(self).shape), alpha);
        });
    }

    /** {@code self += value}; an {@code integral} value is a Python int, else a Python float. */
    public static Tensor addScalar_(Tensor self, double value, boolean integral) {
        return addScalar_("add_", self, value, integral, s -> Pointwise.addScalar(s, value, integral));
    }

    /** {@code self -= value}, recorded as SubBackward0, as PyTorch's sub_. */
    public static Tensor subScalar_(Tensor self, double value, boolean integral) {
        Pointwise.checkSubtrahend("sub_", self.dtype(), integral ? DType.INT64 : DType.defaultFloat());
        return addScalar_("sub_", self, -value, integral, s -> Pointwise.subScalar(s, value, integral));
    }

    private static Tensor addScalar_(String name, Tensor self, double value, boolean integral,
                                     UnaryOperator<Tensor> op) {
        checkTarget(name, self, null);
        checkCast(name, Dispatch.resultTypeWithScalar(self, integral), self.dtype());
        return apply(name, self, null, false, op,
                backend -> backend.unary(UnaryOp.AFFINE, view(self), view(self), 1,
                        Dispatch.kernelScalar(value, self.dtype())));
    }

    public static Tensor mul_(Tensor self, Tensor other) {
        checkTarget("mul_", self, other);
        checkOperand("mul_", self, other, Dispatch.resultType(self, other));
        return apply("mul_", self, other, other.requiresGrad(), s -> s.mul(other), backend -> {
            Tensor o = Dispatch.cast("mul_", other, self.dtype());
            BinaryOp op = self.dtype() == DType.BOOL ? Pointwise.onBools("mul_", BinaryOp.MUL) : BinaryOp.MUL;
            backend.binary(op, view(self), view(self), Dispatch.broadcast(o, view(self).shape), 1);
        });
    }

    /** {@code self *= value}; an {@code integral} value is a Python int, else a Python float. */
    public static Tensor mulScalar_(Tensor self, double value, boolean integral) {
        checkTarget("mul_", self, null);
        checkCast("mul_", Dispatch.resultTypeWithScalar(self, integral), self.dtype());
        return apply("mul_", self, null, false, s -> Pointwise.mulScalar(s, value, integral),
                backend -> backend.unary(UnaryOp.AFFINE, view(self), view(self),
                        Dispatch.kernelScalar(value, self.dtype()), 0));
    }

    public static Tensor divScalar_(Tensor self, double value) {
        checkTarget("div_", self, null);
        checkCast("div_", DType.defaultFloat(), self.dtype());
        return apply("div_", self, null, false, s -> s.div(value),
                backend -> backend.binaryScalar(BinaryOp.DIV, view(self), view(self), value));
    }

    /** {@code fill_} / {@code zero_}: the old values get a zero gradient ({@code FillBackward0}/{@code ZeroBackward0}). */
    public static Tensor fill_(Tensor self, double value, String name) {
        checkTarget(name, self, null);
        Dispatch.checkScalar(name, value, self.dtype());
        String nodeName = name.equals("zero_") ? "ZeroBackward0" : "FillBackward0";
        return apply(name, self, null, false,
                s -> record(nodeName, (n, g) -> new Tensor[] {Tensor.zerosLike(g[0])}, s)
                        .output(Tensor.full(view(s).shape, value, s.dtype(), s.device())),
                backend -> backend.fill(view(self), value));
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
        Tensor onDevice;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            onDevice = src.device() == self.device() ? src : src.to(self.device());
        }
        return apply("copy_", self, src, false, s -> {
            Tensor value = Dispatch.empty(shape, s.dtype(), s.device());
            Dispatch.backend("copy_", onDevice).copy(view(value), Dispatch.broadcast(onDevice, shape));
            return record("CopyBackwards", (n, g) -> new Tensor[] {
                    n.needsInputGrad(0) ? Tensor.zerosLike(g[0]) : null,
                    n.needsInputGrad(1) ? g[0].to(srcDevice).to(srcType) : null}, s, src).output(value);
        }, backend -> backend.copy(view(self), Dispatch.broadcast(onDevice, shape)));
    }

    /** {@code self /= other} (broadcast to self); floating targets only, as true division gives a float. */
    public static Tensor div_(Tensor self, Tensor other) {
        checkTarget("div_", self, other);
        checkOperand("div_", self, other, Dispatch.resultType(self, other).isFloatingPoint()
                ? Dispatch.resultType(self, other) : DType.defaultFloat());
        return apply("div_", self, other, other.requiresGrad(), s -> s.div(other), backend -> {
            Tensor o = Dispatch.cast("div_", other, self.dtype());
            backend.binary(BinaryOp.DIV, view(self), view(self), Dispatch.broadcast(o, view(self).shape), 1);
        });
    }

    /** {@code max(self, 0)} in place, recorded as ReluBackward0 (its formula reads the result, not the old value). */
    public static Tensor relu_(Tensor self) {
        checkTarget("relu_", self, null);
        if (self.dtype() == DType.BOOL) {
            throw Errors.argument("relu_", "is not supported for bool tensors");
        }
        return apply("relu_", self, null, false, Tensor::relu,
                backend -> backend.unary(UnaryOp.RELU, view(self), view(self), 0, 0));
    }

    /** {@code sigmoid(self)} in place; floating targets only (an integer one cannot hold the result). */
    public static Tensor sigmoid_(Tensor self) {
        return floatingUnary_("sigmoid_", self, UnaryOp.SIGMOID, Tensor::sigmoid);
    }

    /** {@code exp(self)} in place; floating targets only (an integer one cannot hold the result). */
    public static Tensor exp_(Tensor self) {
        return floatingUnary_("exp_", self, UnaryOp.EXP, Tensor::exp);
    }

    private static Tensor floatingUnary_(String name, Tensor self, UnaryOp op, UnaryOperator<Tensor> outOfPlace) {
        checkTarget(name, self, null);
        checkCast(name, DType.defaultFloat(), self.dtype());
        return apply(name, self, null, false, outOfPlace, backend -> backend.unary(op, view(self), view(self), 0, 0));
    }

    /** Limits self to {@code [min, max]} in place (NaN: no bound), recorded as ClampBackward1. */
    public static Tensor clamp_(Tensor self, double min, double max, boolean integral) {
        checkTarget("clamp_", self, null);
        if (Double.isNaN(min) && Double.isNaN(max)) {
            throw Errors.argument("clamp_", "at least one of min or max must be given");
        }
        checkCast("clamp_", Dispatch.resultTypeWithScalar(self, integral), self.dtype());
        if (self.dtype() == DType.BOOL) {
            throw Errors.argument("clamp_", "is not supported for bool tensors");
        }
        // ClampBackward1 saves the old value to find where it was inside the bounds: the write destroys it
        return apply("clamp_", self, null, true, s -> Pointwise.clamp(s, min, max, integral),
                backend -> backend.unary(UnaryOp.CLAMP, view(self), view(self), min, max));
    }

    /** {@code mask ? value : self} in place, recorded as MaskedFillBackward0. */
    public static Tensor maskedFill_(Tensor self, Tensor mask, double value) {
        checkTarget("masked_fill_", self, null);
        Masking.checkMask("masked_fill_", self, mask);
        Dispatch.checkScalar("masked_fill_", value, self.dtype());
        return apply("masked_fill_", self, null, false, s -> s.maskedFill(mask, value), backend -> backend.whereScalar(
                view(self), Dispatch.broadcast(mask, view(self).shape), view(self), value, true));
    }

    /**
     * An in-place op whose out-of-place op is composed: recorded, that op's node (through {@link #apply}); not
     * recorded, its result copied into self. {@code formulaNeedsSelf} where that op saves self for its backward.
     */
    private static Tensor composed(String name, Tensor self, DType resultType, boolean formulaNeedsSelf,
                                   UnaryOperator<Tensor> outOfPlace, Tensor... operands) {
        // The operand that decides recording: the first that requires grad (apply looks at self and one other).
        Tensor other = null;
        for (Tensor t : operands) {
            if (other == null || (!other.requiresGrad() && t.requiresGrad())) {
                other = t;
            }
        }
        for (Tensor t : operands) {
            Dispatch.checkLive(name, t);
        }
        checkTarget(name, self, other);
        checkCast(name, resultType, self.dtype());
        return apply(name, self, other, formulaNeedsSelf, outOfPlace, backend -> {
            Tensor result;
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                result = outOfPlace.apply(self);
            }
            checkShape(name, self, result);
            backend.copy(view(self), view(result));
        });
    }

    /** The result of an in-place op must have the target's shape (its operands may not broadcast it larger). */
    private static void checkShape(String name, Tensor self, Tensor result) {
        if (!java.util.Arrays.equals(view(self).shape, view(result).shape)) {
            throw Errors.argument(name, "output with shape " + Errors.shape(view(self).shape) + " doesn't match the "
                    + "broadcast shape " + Errors.shape(view(result).shape));
        }
    }

    /** {@code self.scatter(dim, index, src)} in place. */
    public static Tensor scatter_(Tensor self, int dim, Tensor index, Tensor src) {
        return composed("scatter_", self, self.dtype(), false, s -> AdvancedIndexing.scatter(s, dim, index, src), src,
                index);
    }

    /** {@code self.scatter(dim, index, value)} in place. */
    public static Tensor scatterValue_(Tensor self, int dim, Tensor index, double value) {
        return composed("scatter_", self, self.dtype(), false, s -> AdvancedIndexing.scatter(s, dim, index, value),
                index);
    }

    /** {@code self.indexFill(dim, index, value)} in place. */
    public static Tensor indexFill_(Tensor self, int dim, Tensor index, double value) {
        return composed("index_fill_", self, self.dtype(), false, s -> AdvancedIndexing.indexFill(s, dim, index, value),
                index);
    }

    /** {@code self.indexCopy(dim, index, source)} in place. */
    public static Tensor indexCopy_(Tensor self, int dim, Tensor index, Tensor source) {
        return composed("index_copy_", self, self.dtype(), false,
                s -> AdvancedIndexing.indexCopy(s, dim, index, source), source, index);
    }

    /** {@code self + value * t1 * t2} in place (PyTorch's optimizers' addcmul_). */
    public static Tensor addcmul_(Tensor self, Tensor t1, Tensor t2, double value) {
        return composed("addcmul_", self, DType.promote(self.dtype(), DType.promote(t1.dtype(), t2.dtype())), false,
                s -> Pointwise.addcmul(s, t1, t2, value), t1, t2);
    }

    /** {@code self + value * t1 / t2} in place (PyTorch's optimizers' addcdiv_). */
    public static Tensor addcdiv_(Tensor self, Tensor t1, Tensor t2, double value) {
        return composed("addcdiv_", self, DType.promote(self.dtype(), DType.promote(t1.dtype(), t2.dtype())), false,
                s -> Pointwise.addcdiv(s, t1, t2, value), t1, t2);
    }

    /** {@code self + weight (end - self)} in place. */
    public static Tensor lerp_(Tensor self, Tensor end, double weight) {
        return composed("lerp_", self, self.dtype(), false, s -> Pointwise.lerp(s, end, weight), end);
    }

    /** {@code self + weight (end - self)} in place, a weight per element; LerpBackward1 saves self. */
    public static Tensor lerp_(Tensor self, Tensor end, Tensor weight) {
        return composed("lerp_", self, self.dtype(), true, s -> Pointwise.lerp(s, end, weight), end, weight);
    }
}
