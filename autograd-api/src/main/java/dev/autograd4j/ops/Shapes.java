package dev.autograd4j.ops;

import java.util.Arrays;

/** Shape rules shared by the ops: broadcasting, dimension wrapping, strides of expanded views. */
public final class Shapes {
    private Shapes() {
    }

    /**
     * {@code x} as one flat dimension, for the ops that work on all elements ({@code argmax()}, {@code prod()},
     * {@code roll} without dims); a broadcast view can hold more elements than a dimension, and then the error names
     * {@code op} rather than the reshape inside it.
     */
    static dev.autograd4j.Tensor flatten(String op, dev.autograd4j.Tensor x) {
        if (x.numel() > Integer.MAX_VALUE) {
            throw Errors.argument(op, "cannot flatten " + Errors.shape(x.shape()) + " (" + x.numel() + " elements) "
                    + "into one dimension, which holds at most " + Integer.MAX_VALUE + "; reduce along a dim first");
        }
        return x.reshape(-1);
    }

    /** The broadcast shape of {@code a} and {@code b} (NumPy/PyTorch rules), or a clear error naming the op. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        if (Arrays.equals(a, b)) {
            return a;
        }
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int sa = i < a.length ? a[a.length - 1 - i] : 1;
            int sb = i < b.length ? b[b.length - 1 - i] : 1;
            if (sa != sb && sa != 1 && sb != 1) {
                throw Errors.notBroadcastable(op, a, b, i);
            }
            out[rank - 1 - i] = sa == 1 ? sb : sa;
        }
        return out;
    }

    /** Whether a tensor of {@code shape} can be expanded to {@code desired} (PyTorch's is_expandable_to). */
    public static boolean isExpandableTo(int[] shape, int[] desired) {
        if (shape.length > desired.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            int s = shape[shape.length - 1 - i], d = desired[desired.length - 1 - i];
            if (s != d && s != 1) {
                return false;
            }
        }
        return true;
    }

    /** Wraps a possibly negative dimension into {@code [0, rank)}; a 0-d tensor accepts 0 and -1. */
    public static int wrapDim(String op, int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw Errors.dimOutOfRange(op, dim, rank);
        }
        return dim < 0 ? dim + r : dim;
    }

    /**
     * {@link #wrapDim} for ops that need a real dim (PyTorch's {@code wrap_scalar=false}): a 0-d tensor has none, and
     * fails as PyTorch's "dimension specified as 0 but tensor has no dimensions".
     */
    public static int wrapDimNoScalar(String op, int dim, int rank) {
        if (rank == 0) {
            throw Errors.argument(op, "dimension specified as " + dim + " but tensor has no dimensions");
        }
        return wrapDim(op, dim, rank);
    }

    /** Wraps and checks a list of dimensions; an empty list means all of them. Repeats are an error. */
    public static boolean[] reducedDims(String op, int[] dims, int rank) {
        boolean[] reduced = new boolean[rank];
        if (dims == null || dims.length == 0) {
            Arrays.fill(reduced, true);
            return reduced;
        }
        for (int dim : dims) {
            int d = wrapDim(op, dim, rank);
            if (rank == 0) {
                continue;
            }
            if (reduced[d]) {
                throw Errors.argument(op, "dim " + d + " appears multiple times in the list of dims");
            }
            reduced[d] = true;
        }
        return reduced;
    }

    /** Strides that view a tensor of {@code shape}/{@code strides} as {@code target} (0 for broadcast dims). */
    public static long[] expandStrides(int[] shape, long[] strides, int[] target) {
        long[] out = new long[target.length];
        int offset = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            out[offset + i] = shape[i] == target[offset + i] ? strides[i] : 0;
        }
        return out;
    }

    public static long numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /**
     * Infers a -1 entry of a requested shape and checks the element count, as {@code view}/{@code reshape} do.
     */
    public static int[] inferShape(String op, int[] requested, long numel) {
        int[] shape = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) {
                    throw Errors.argument(op, "only one dimension can be inferred in shape " + Arrays.toString(requested));
                }
                infer = i;
            } else if (shape[i] < 0) {
                throw Errors.argument(op, "invalid shape dimension " + shape[i] + " in " + Arrays.toString(requested));
            } else {
                known *= shape[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) {
                throw Errors.argument(op, "shape " + Arrays.toString(requested) + " is invalid for input of size " + numel);
            }
            if (numel / known > Integer.MAX_VALUE) { // a broadcast view can hold more elements than one dim
                throw Errors.argument(op, "shape " + Arrays.toString(requested) + " would need a dimension of "
                        + numel / known + " elements for input of size " + numel + "; a dimension holds at most "
                        + Integer.MAX_VALUE);
            }
            shape[infer] = (int) (numel / known);
        } else if (known != numel) {
            throw Errors.argument(op, "shape " + Arrays.toString(requested) + " is invalid for input of size " + numel);
        }
        return shape;
    }

    /**
     * Strides for viewing a tensor as {@code newShape} without copying, or null when its memory layout does not
     * allow it (PyTorch's computeStride).
     */
    public static long[] viewStrides(int[] oldShape, long[] oldStrides, int[] newShape) {
        long numel = numel(oldShape);
        long[] newStrides = new long[newShape.length];
        if (numel == 0 || oldShape.length == 0) {
            return dev.autograd4j.spi.View.contiguousStrides(newShape);
        }
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStrides.length > 0 ? oldStrides[oldStrides.length - 1] : 1;
        long tensorNumel = 1, viewNumel = 1;
        for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldShape[tensorD];
            if (tensorD == 0 || (oldShape[tensorD - 1] != 1
                    && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStrides[viewD] = viewNumel * chunkBaseStride;
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (tensorD > 0) {
                    chunkBaseStride = oldStrides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        if (viewD != -1) {
            return null;
        }
        return newStrides;
    }
}
