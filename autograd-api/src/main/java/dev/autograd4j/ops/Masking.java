package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;

import java.util.Arrays;

import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;

/**
 * Masking: {@code masked_fill} and the triangles {@code tril} / {@code triu}, all a {@code where} of the SPI with a
 * scalar operand. A triangle's mask is made on the tensor's device from two {@code arange}s, so nothing is read back.
 */
public final class Masking {
    private Masking() {
    }

    /** Checks {@code mask} for {@code self.masked_fill(mask, ...)}: bool, same device, broadcastable to self. */
    static void checkMask(String op, Tensor self, Tensor mask) {
        Dispatch.checkLive(op, self);
        Dispatch.checkLive(op, mask);
        if (mask.dtype() != DType.BOOL) {
            throw Errors.argument(op, "only supports boolean masks, but got mask with dtype " + mask.dtype());
        }
        Dispatch.device(op, self, mask);
        int[] shape = view(self).shape;
        if (!Shapes.isExpandableTo(view(mask).shape, shape)) {
            throw Errors.argument(op, "the mask of shape " + Errors.shape(view(mask).shape) + " does not broadcast to"
                    + " the tensor's shape " + Errors.shape(shape));
        }
    }

    /**
     * {@code mask ? value : self}, with {@code self} and {@code mask} broadcast together and {@code value} converted to
     * self's dtype; the gradient flows to self where the mask is false ({@code MaskedFillBackward0}).
     */
    public static Tensor maskedFill(Tensor self, Tensor mask, double value) {
        Dispatch.checkLive("masked_fill", self);
        Dispatch.checkLive("masked_fill", mask);
        // Out of place, PyTorch broadcasts self and mask against each other: a larger mask gives a larger result.
        int[] shape = Shapes.broadcast("masked_fill", view(self).shape, view(mask).shape);
        if (!Arrays.equals(shape, view(self).shape)) {
            return maskedFill(self.expand(shape), mask, value);
        }
        checkMask("masked_fill", self, mask);
        Dispatch.checkScalar("masked_fill", value, self.dtype());
        Tensor out = Dispatch.empty(view(self).shape, self.dtype(), self.device());
        Dispatch.backend("masked_fill", self, mask).whereScalar(view(out), Dispatch.broadcast(mask, view(self).shape),
                view(self), value, true);
        return record("MaskedFillBackward0", (n, g) -> new Tensor[] {Tensor.where(n.saved(0), 0.0, g[0])}, self)
                .save(mask).output(out);
    }

    /** The lower triangle of the last two dims: elements with {@code col - row <= diagonal}; the rest zero. */
    public static Tensor tril(Tensor self, int diagonal) {
        return triangle("tril", "TrilBackward0", self, diagonal, true);
    }

    /** The upper triangle of the last two dims: elements with {@code col - row >= diagonal}; the rest zero. */
    public static Tensor triu(Tensor self, int diagonal) {
        return triangle("triu", "TriuBackward0", self, diagonal, false);
    }

    private static Tensor triangle(String op, String nodeName, Tensor self, int diagonal, boolean lower) {
        Dispatch.checkLive(op, self);
        int rank = self.dim();
        if (rank < 2) {
            throw Errors.argument(op, "input tensor must have at least 2 dimensions but got shape "
                    + Errors.shape(view(self).shape));
        }
        int rows = self.size(rank - 2), cols = self.size(rank - 1);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor offset = Factories.arange(0, cols, 1, DType.INT64, self.device()).reshape(1, cols)
                    .sub(Factories.arange(0, rows, 1, DType.INT64, self.device()).reshape(rows, 1));
            Tensor keep = lower ? offset.le((double) diagonal) : offset.ge((double) diagonal);
            int[] shape = view(self).shape;
            out = Dispatch.empty(shape, self.dtype(), self.device());
            Dispatch.backend(op, self, keep).whereScalar(view(out), Dispatch.broadcast(keep, shape), view(self), 0,
                    false);
        }
        return record(nodeName, (n, g) -> new Tensor[] {lower ? g[0].tril(diagonal) : g[0].triu(diagonal)}, self)
                .output(out);
    }
}
