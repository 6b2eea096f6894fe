package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.internal.Backward;
import dev.autograd4j.internal.Recorder;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.View;

import java.util.Arrays;

import static dev.autograd4j.internal.Internal.record;
import static dev.autograd4j.internal.Internal.view;
import static dev.autograd4j.internal.Internal.wrap;

/**
 * Reductions over dimensions, with {@code keepdim}. A kernel always produces the "keepdim" shape (reduced dims of
 * size 1); without {@code keepdim} the result is a view without them. Backward formulas re-insert the reduced dims
 * and broadcast, so a gradient is always the input's shape.
 */
public final class Reductions {
    private Reductions() {
    }

    /** The input's shape with the reduced dims set to 1. */
    static int[] keepdimShape(int[] shape, boolean[] reduced) {
        int[] out = shape.clone();
        for (int d = 0; d < out.length; d++) {
            if (reduced[d]) {
                out[d] = 1;
            }
        }
        return out;
    }

    /** The input's shape without the reduced dims. */
    static int[] squeezedShape(int[] shape, boolean[] reduced) {
        int n = 0;
        for (boolean r : reduced) {
            if (!r) {
                n++;
            }
        }
        int[] out = new int[n];
        for (int d = 0, k = 0; d < shape.length; d++) {
            if (!reduced[d]) {
                out[k++] = shape[d];
            }
        }
        return out;
    }

    /** Runs a reduction kernel; the result has the keepdim shape, or is reshaped without those dims. */
    static Tensor reduceKernel(String name, ReduceOp op, Tensor x, boolean[] reduced, boolean keepdim, DType outType) {
        int[] shape = view(x).shape;
        int[] keepShape = keepdimShape(shape, reduced);
        Backend backend = Dispatch.backend(name, x);
        Tensor out = Dispatch.empty(keepShape, outType, x.device());
        backend.reduce(op, view(out), view(x));
        if (keepdim) {
            return out;
        }
        return Dispatch.reshaped(out, squeezedShape(shape, reduced));
    }

    /** A gradient of the reduced shape, broadcast back over the input's shape (differentiably). */
    static Tensor expandBack(Tensor grad, int[] inputShape, boolean[] reduced) {
        return grad.reshape(keepdimShape(inputShape, reduced)).expand(inputShape);
    }

    private static long reducedCount(int[] shape, boolean[] reduced) {
        long n = 1;
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                n *= shape[d];
            }
        }
        return n;
    }

    /** Sum over {@code dims} (all when null or empty); bool and integers sum to int64. */
    public static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
        boolean all = dims == null; // PyTorch names the dim-list overload SumBackward1, an empty list included
        boolean[] reduced = Shapes.reducedDims("sum", dims, x.dim());
        DType type = x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
        Tensor out = reduceKernel("sum", ReduceOp.SUM, x, reduced, keepdim, type);
        int[] inputShape = view(x).shape;
        return record(all ? "SumBackward0" : "SumBackward1",
                (n, g) -> new Tensor[] {expandBack(g[0], inputShape, reduced)}, x).output(out);
    }

    /** Sum over {@code dims} (all when null) counting NaN as 0, like {@code torch.nansum}; integers sum as sum. */
    public static Tensor nansum(Tensor x, int[] dims, boolean keepdim) {
        Dispatch.checkLive("nansum", x);
        if (!x.dtype().isFloatingPoint()) {
            return sum(x, dims, keepdim);
        }
        boolean[] reduced = Shapes.reducedDims("nansum", dims, x.dim());
        int[] inputShape = view(x).shape;
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = reduceKernel("nansum", ReduceOp.SUM, Tensor.where(x.isnan(), 0.0, x), reduced, keepdim, x.dtype());
        }
        // PyTorch's NansumBackward0: the gradient where the input was not NaN, 0 where it was.
        return record("NansumBackward0", (n, g) -> new Tensor[] {Tensor.where(n.saved(0).isnan(), 0.0,
                expandBack(g[0], inputShape, reduced))}, x).save(x).output(out);
    }

    /** The mean over {@code dims} of the non-NaN elements, like {@code torch.nanmean} (floating only). */
    public static Tensor nanmean(Tensor x, int[] dims, boolean keepdim) {
        Dispatch.checkLive("nanmean", x);
        if (!x.dtype().isFloatingPoint()) {
            throw Errors.argument("nanmean", "expected input to have floating point dtype but got " + x.dtype());
        }
        Shapes.reducedDims("nanmean", dims, x.dim()); // its own name on a bad dim, not that of the sum below
        // PyTorch's own composition: nansum / the count of non-NaN elements (DivBackward0).
        Tensor count;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            count = x.isnan().logicalNot().sum(dims == null ? new int[0] : dims, keepdim);
        }
        return nansum(x, dims, keepdim).div(count);
    }

    /** The number of non-zero elements over {@code dims} (all when null), like {@code torch.count_nonzero}. */
    public static Tensor countNonzero(Tensor x, int[] dims) {
        Dispatch.checkLive("count_nonzero", x);
        Shapes.reducedDims("count_nonzero", dims, x.dim());
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            return x.ne(0).sum(dims == null ? new int[0] : dims, false);
        }
    }

    /** The sum of a matrix's main diagonal, like {@code torch.trace}: 2-D only; integers give int64. */
    public static Tensor trace(Tensor x) {
        Dispatch.checkLive("trace", x);
        if (x.dim() != 2) {
            throw Errors.argument("trace", "expected a matrix, but got tensor with dim " + x.dim());
        }
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = Rearrange.diagonal(x, 0, 0, 1).sum();
        }
        int rows = x.size(0), cols = x.size(1);
        DType type = x.dtype();
        // TraceBackward0: g on the diagonal, 0 elsewhere (an identity-like mask times g, so g stays differentiable).
        return record("TraceBackward0", (n, g) -> new Tensor[] {Tensor.eye(rows, cols, type).to(g[0].device())
                .mul(g[0])}, x).output(out);
    }

    /** Mean over {@code dims} (all when null or empty); floating dtypes only, as in PyTorch. */
    public static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        if (!x.dtype().isFloatingPoint()) {
            throw Errors.argument("mean", "could not infer output dtype: input dtype must be floating point, got "
                    + x.dtype() + "; convert with to(DType.FLOAT32)");
        }
        boolean all = dims == null; // as sum: MeanBackward1 for the dim-list overload
        boolean[] reduced = Shapes.reducedDims("mean", dims, x.dim());
        int[] inputShape = view(x).shape;
        long count = reducedCount(inputShape, reduced);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = Pointwise.divScalar(reduceKernel("mean", ReduceOp.SUM, x, reduced, keepdim, x.dtype()), count);
        }
        return record(all ? "MeanBackward0" : "MeanBackward1",
                // divided before it is expanded: the same values, and the gradient stays a view of g's size
                (n, g) -> new Tensor[] {expandBack(g[0].div(count), inputShape, reduced)}, x).output(out);
    }

    /** Sums {@code x} down to {@code shape}, which it must be expandable from (PyTorch's sum_to_size). */
    public static Tensor sumToSize(Tensor x, int[] shape) {
        int[] from = view(x).shape;
        if (Arrays.equals(from, shape)) {
            return x;
        }
        if (!Shapes.isExpandableTo(shape, from)) {
            throw Errors.argument("sum_to_size", "size " + Errors.shape(shape) + " is not expandable to size "
                    + Errors.shape(from));
        }
        int lead = from.length - shape.length;
        int[] dims = new int[from.length];
        int n = 0;
        for (int d = 0; d < from.length; d++) {
            if (d < lead || (shape[d - lead] == 1 && from[d] != 1)) {
                dims[n++] = d;
            }
        }
        Tensor summed = n == 0 ? x : sum(x, Arrays.copyOf(dims, n), true);
        return summed.reshape(shape);
    }

    // ------------------------------------------------------------------------------------------------------------
    // max / min
    // ------------------------------------------------------------------------------------------------------------

    public static Tensor max(Tensor x) {
        return fullExtremum(x, true);
    }

    public static Tensor min(Tensor x) {
        return fullExtremum(x, false);
    }

    /**
     * {@code x.max()}: the gradient is shared evenly among the elements equal to the result, or among the NaNs when
     * the result is NaN (PyTorch's evenly_distribute_backward; amax's NaN gradient is NaN instead).
     */
    private static Tensor fullExtremum(Tensor x, boolean isMax) {
        String name = isMax ? "max" : "min";
        checkNotEmpty(name, x);
        return extremumOverDims(x, null, false, isMax, isMax ? "MaxBackward1" : "MinBackward1", name, true);
    }

    public static Tensor amax(Tensor x, int[] dims, boolean keepdim) {
        return extremumOverDims(x, dims, keepdim, true, "AmaxBackward0", "amax", false);
    }

    public static Tensor amin(Tensor x, int[] dims, boolean keepdim) {
        return extremumOverDims(x, dims, keepdim, false, "AminBackward0", "amin", false);
    }

    /**
     * PyTorch's evenly_distribute_backward, the gradient of a reduction of all elements to one of them (max(), min(),
     * median()): {@code g} shared evenly among the elements equal to {@code result}, or among the NaNs when it is NaN.
     */
    static Tensor evenlyDistribute(Tensor g, Tensor self, Tensor result) {
        Tensor mask = self.eq(result).logicalOr(self.isnan().logicalAnd(result.isnan()));
        return Tensor.where(mask, g.div(mask.sum()), 0.0);
    }

    private static Tensor extremumOverDims(Tensor x, int[] dims, boolean keepdim, boolean isMax, String nodeName,
                                           String name, boolean evenly) {
        if (x.dtype() == DType.BOOL) { // as PyTorch: taken over 0 and 1, a bool result (bools need no gradient)
            Dispatch.checkLive(name, x);
            return extremumOverDims(x.to(DType.INT32), dims, keepdim, isMax, nodeName, name, evenly).to(DType.BOOL);
        }
        boolean[] reduced = Shapes.reducedDims(name, dims, x.dim());
        checkReducible(name, x, reduced);
        int[] inputShape = view(x).shape;
        Tensor kept = reduceKernel(name, isMax ? ReduceOp.MAX : ReduceOp.MIN, x, reduced, true, x.dtype());
        Tensor out = keepdim ? kept : Dispatch.reshaped(kept, squeezedShape(inputShape, reduced));
        return record(nodeName, (n, g) -> {
            Tensor self = n.saved(0), result = n.saved(1);
            if (evenly) {
                return new Tensor[] {evenlyDistribute(g[0], self, result)};
            }
            Tensor mask = self.eq(result.reshape(keepdimShape(inputShape, reduced)));
            Tensor maskF = mask.to(g[0].dtype());
            Tensor count = maskF.sum(dimsOf(reduced), true);
            return new Tensor[] {expandBack(g[0], inputShape, reduced).mul(maskF).div(count)};
        }, x).save(x, out).output(out);
    }

    /** {@code x.max(dim)}: values and indices; the gradient flows to the selected index only (PyTorch). */
    public static Tensor.ValuesIndices max(Tensor x, int dim, boolean keepdim) {
        return extremumWithIndices(x, dim, keepdim, true);
    }

    public static Tensor.ValuesIndices min(Tensor x, int dim, boolean keepdim) {
        return extremumWithIndices(x, dim, keepdim, false);
    }

    private static Tensor.ValuesIndices extremumWithIndices(Tensor x, int dim, boolean keepdim, boolean isMax) {
        String name = isMax ? "max" : "min";
        if (x.dtype() == DType.BOOL) { // as PyTorch: the values are bools, the indices the first of ties
            Dispatch.checkLive(name, x);
            Tensor.ValuesIndices r = extremumWithIndices(x.to(DType.INT32), dim, keepdim, isMax);
            return new Tensor.ValuesIndices(r.values().to(DType.BOOL), r.indices());
        }
        int d = Shapes.wrapDim(name, dim, x.dim());
        boolean[] reduced = oneDim(name, x, d);
        int[] inputShape = view(x).shape;
        boolean scalar = x.dim() == 0;
        Tensor values, indices;
        if (scalar) {
            values = reduceKernel(name, isMax ? ReduceOp.MAX : ReduceOp.MIN, x, reduced, keepdim, x.dtype());
            indices = reduceKernel(name, isMax ? ReduceOp.ARGMAX : ReduceOp.ARGMIN, x, reduced, keepdim, DType.INT64);
        } else { // one pass: the values are read at the indices (a NaN's index reads the NaN)
            Tensor keptIndices = reduceKernel(name, isMax ? ReduceOp.ARGMAX : ReduceOp.ARGMIN, x, reduced, true,
                    DType.INT64);
            Tensor keptValues = Dispatch.empty(view(keptIndices).shape, x.dtype(), x.device());
            Dispatch.backend(name, x).gather(view(keptValues), view(x), d, view(keptIndices));
            int[] squeezed = squeezedShape(inputShape, reduced);
            values = keepdim ? keptValues : Dispatch.reshaped(keptValues, squeezed);
            indices = keepdim ? keptIndices : Dispatch.reshaped(keptIndices, squeezed);
        }
        Recorder node = record(isMax ? "MaxBackward0" : "MinBackward0", (n, g) -> {
            Tensor idx = n.saved(0);
            if (scalar) {
                return new Tensor[] {g[0]};
            }
            Tensor gk = g[0].reshape(keepdimShape(inputShape, reduced));
            Tensor ik = idx.reshape(keepdimShape(inputShape, reduced));
            Tensor zeros = Tensor.zeros(inputShape, g[0].dtype(), g[0].device());
            return new Tensor[] {Indexing.scatterAdd(zeros, d, ik, gk)};
        }, x);
        node.save(indices).output(values);
        return new Tensor.ValuesIndices(values, indices);
    }

    public static Tensor argmax(Tensor x) {
        Dispatch.checkLive("argmax", x); // before the flatten, which would name itself
        return argExtremum(Shapes.flatten("argmax", x), 0, false, ReduceOp.ARGMAX, "argmax");
    }

    public static Tensor argmin(Tensor x) {
        Dispatch.checkLive("argmin", x); // before the flatten, which would name itself
        return argExtremum(Shapes.flatten("argmin", x), 0, false, ReduceOp.ARGMIN, "argmin");
    }

    public static Tensor argmax(Tensor x, int dim, boolean keepdim) {
        return argExtremum(x, dim, keepdim, ReduceOp.ARGMAX, "argmax");
    }

    public static Tensor argmin(Tensor x, int dim, boolean keepdim) {
        return argExtremum(x, dim, keepdim, ReduceOp.ARGMIN, "argmin");
    }

    private static Tensor argExtremum(Tensor x, int dim, boolean keepdim, ReduceOp op, String name) {
        return reduceKernel(name, op, x, oneDim(name, x, Shapes.wrapDim(name, dim, x.dim())), keepdim, DType.INT64);
    }

    /** The reduced-dims mask of a reduction over the (wrapped) dim {@code d}, after checking it can be reduced. */
    private static boolean[] oneDim(String name, Tensor x, int d) {
        checkNumeric(name, x);
        boolean[] reduced = new boolean[x.dim()];
        if (x.dim() > 0) {
            reduced[d] = true;
        }
        checkReducible(name, x, reduced);
        return reduced;
    }

    /** Whether any element over {@code dims} (all when null or empty) is non-zero (NaN counts); a bool result. */
    public static Tensor any(Tensor x, int[] dims, boolean keepdim) {
        return logical("any", ReduceOp.ANY, x, dims, keepdim);
    }

    /** Whether every element over {@code dims} (all when null or empty) is non-zero; a bool result. */
    public static Tensor all(Tensor x, int[] dims, boolean keepdim) {
        return logical("all", ReduceOp.ALL, x, dims, keepdim);
    }

    /** any/all: not differentiable (a bool result), the empty reduction is false for any and true for all. */
    private static Tensor logical(String name, ReduceOp op, Tensor x, int[] dims, boolean keepdim) {
        boolean[] reduced = Shapes.reducedDims(name, dims, x.dim());
        return reduceKernel(name, op, x, reduced, keepdim, DType.BOOL);
    }

    // ------------------------------------------------------------------------------------------------------------
    // var, logsumexp
    // ------------------------------------------------------------------------------------------------------------

    /**
     * {@code sum((x - mean)^2) / (N - correction)} over {@code dims}; VarBackward0's formula is
     * {@code grad * 2 (x - mean) / (N - correction)}.
     */
    public static Tensor var(Tensor x, int[] dims, double correction, boolean keepdim) {
        return var("var", x, dims, correction, keepdim);
    }

    /** var, its errors named {@code op} (std's name its own). */
    private static Tensor var(String op, Tensor x, int[] dims, double correction, boolean keepdim) {
        Dispatch.checkLive(op, x);
        Errors.requireFloating(op, x.dtype());
        boolean[] reduced = Shapes.reducedDims(op, dims, x.dim());
        int[] inputShape = view(x).shape;
        int[] reducedDims = dimsOf(reduced);
        double denominator = Math.max(0, reducedCount(inputShape, reduced) - correction);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor centered = x.sub(x.mean(reducedDims, true));
            out = centered.mul(centered).sum(reducedDims, keepdim).div(denominator);
        }
        return record("VarBackward0", (n, g) -> {
            Tensor self = n.saved(0);
            Tensor centered = self.sub(self.mean(reducedDims, true));
            return new Tensor[] {expandBack(g[0], inputShape, reduced).mul(centered).mul(2.0 / denominator)};
        }, x).save(x).output(out);
    }

    /**
     * {@code sqrt(var(x))}; backward {@code g / (2 std)} into var's, taken as 0 where the standard deviation is 0
     * (PyTorch's std_backward masks it so: a constant input has gradient 0, not NaN).
     */
    public static Tensor std(Tensor x, int[] dims, double correction, boolean keepdim) {
        Tensor variance = var("std", x, dims, correction, keepdim);
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            out = variance.sqrt();
        }
        return record("StdBackward0", (n, g) -> {
            Tensor result = n.saved(0);
            Tensor zero = result.eq(0.0);
            // 1 in place of a zero deviation, so no derivative of the branch not taken meets a division by 0
            return new Tensor[] {Tensor.where(zero, 0.0, g[0].div(Tensor.where(zero, 1.0, result).mul(2.0)))};
        }, variance).save(out).output(out);
    }

    /**
     * {@code log(sum(exp(x)))} over {@code dims}, as {@code m + log(sum(exp(x - m)))} with {@code m} the maximum
     * (taken as 0 where it is infinite, so a row of -inf gives -inf rather than NaN). Backward:
     * {@code grad * exp(x - result)}.
     */
    public static Tensor logsumexp(Tensor x, int[] dims, boolean keepdim) {
        Dispatch.checkLive("logsumexp", x);
        Tensor xf = x.dtype().isFloatingPoint() ? x : x.to(DType.defaultFloat());
        boolean[] reduced = Shapes.reducedDims("logsumexp", dims, x.dim());
        int[] reducedDims = dimsOf(reduced);
        int[] inputShape = view(x).shape;
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            if (xf.numel() == 0) {
                out = xf.sum(reducedDims, keepdim).add(Double.NEGATIVE_INFINITY);
            } else {
                Tensor m = xf.amax(reducedDims, true);
                m = Tensor.where(m.abs().eq(Double.POSITIVE_INFINITY), Tensor.zerosLike(m), m);
                Tensor kept = xf.sub(m).exp().sum(reducedDims, true).log().add(m);
                out = keepdim ? kept : kept.reshape(squeezedShape(inputShape, reduced));
            }
        }
        return record("LogsumexpBackward0", (n, g) -> {
            Tensor self = n.saved(0), result = n.saved(1);
            Tensor r = result.reshape(keepdimShape(inputShape, reduced));
            return new Tensor[] {expandBack(g[0], inputShape, reduced).mul(self.sub(r).exp())};
        }, xf).save(xf, out).output(out);
    }

    static int[] dimsOf(boolean[] reduced) {
        int n = 0;
        for (boolean r : reduced) {
            if (r) {
                n++;
            }
        }
        int[] dims = new int[n];
        for (int d = 0, k = 0; d < reduced.length; d++) {
            if (reduced[d]) {
                dims[k++] = d;
            }
        }
        return dims;
    }

    private static void checkNumeric(String name, Tensor x) {
        if (x.dtype() == DType.BOOL) {
            throw Errors.argument(name, "is not supported for bool tensors");
        }
    }

    private static void checkNotEmpty(String name, Tensor x) {
        if (x.numel() == 0) {
            throw Errors.argument(name, "expected a non-empty tensor: the reduction has no identity");
        }
    }

    /** A max/min/argmax over a dimension of size 0 has no identity: PyTorch's error. */
    private static void checkReducible(String name, Tensor x, boolean[] reduced) {
        int[] shape = view(x).shape;
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d] && shape[d] == 0) {
                throw Errors.argument(name, "expected reduction dim " + d + " to have non-zero size; the input has shape "
                        + Errors.shape(shape));
            }
        }
        if (shape.length == 0 && x.numel() == 0) {
            throw Errors.argument(name, "expected a non-empty tensor");
        }
    }
}
