package dev.autograd4j.opinfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * The reference: every op's result computed on the host by index arithmetic and plain double arithmetic, written
 * from the op's definition (PyTorch's semantics), never by calling the code under test. Broadcasting follows NumPy's
 * rules; reductions visit the reduced elements in row-major order.
 */
public final class Ref {
    private Ref() {
    }

    // ------------------------------------------------------------------------------------------------------------
    // Elementwise
    // ------------------------------------------------------------------------------------------------------------

    public static Nd map(Nd x, DoubleUnaryOperator f) {
        double[] out = new double[x.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(x.data[i]);
        }
        return Nd.of(x.shape, out);
    }

    /** The broadcast shape of several shapes (NumPy's rules); the caller's samples are always broadcastable. */
    public static int[] broadcastShape(int[]... shapes) {
        int rank = 0;
        for (int[] s : shapes) {
            rank = Math.max(rank, s.length);
        }
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        for (int[] s : shapes) {
            for (int i = 0; i < s.length; i++) {
                int d = rank - s.length + i;
                if (s[i] != 1) {
                    out[d] = s[i];
                }
            }
        }
        return out;
    }

    /** The flat index into {@code x} of the element broadcast to {@code index} of the broadcast shape. */
    private static int broadcastFlat(Nd x, int[] index) {
        int flat = 0;
        int lead = index.length - x.rank();
        for (int d = 0; d < x.rank(); d++) {
            flat = flat * x.shape[d] + (x.shape[d] == 1 ? 0 : index[lead + d]);
        }
        return flat;
    }

    public static Nd zip(Nd a, Nd b, DoubleBinaryOperator f) {
        int[] shape = broadcastShape(a.shape, b.shape);
        double[] out = new double[Nd.numel(shape)];
        for (int i = 0; i < out.length; i++) {
            int[] index = Nd.unravel(i, shape);
            out[i] = f.applyAsDouble(a.data[broadcastFlat(a, index)], b.data[broadcastFlat(b, index)]);
        }
        return Nd.of(shape, out);
    }

    /** {@code condition != 0 ? x : y}, broadcasting all three. */
    public static Nd where(Nd condition, Nd x, Nd y) {
        int[] shape = broadcastShape(condition.shape, x.shape, y.shape);
        double[] out = new double[Nd.numel(shape)];
        for (int i = 0; i < out.length; i++) {
            int[] index = Nd.unravel(i, shape);
            out[i] = condition.data[broadcastFlat(condition, index)] != 0 ? x.data[broadcastFlat(x, index)]
                    : y.data[broadcastFlat(y, index)];
        }
        return Nd.of(shape, out);
    }

    public static Nd expand(Nd x, int... shape) {
        double[] out = new double[Nd.numel(shape)];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.data[broadcastFlat(x, Nd.unravel(i, shape))];
        }
        return Nd.of(shape, out);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reductions
    // ------------------------------------------------------------------------------------------------------------

    /** Wraps a possibly negative dim of a tensor of {@code rank} dims (a 0-d tensor takes 0 and -1). */
    public static int wrap(int dim, int rank) {
        return dim < 0 ? dim + Math.max(rank, 1) : dim;
    }

    /**
     * {@code f} of the elements over {@code dims} (all when null or empty), each group in row-major order. The result
     * carries each group's sum of absolute values and size, which the tolerance of sums grows with.
     */
    public static Nd reduce(Nd x, int[] dims, boolean keepdim, ToDoubleFunction<double[]> f) {
        boolean[] reduced = new boolean[x.rank()];
        if (dims == null || dims.length == 0) {
            Arrays.fill(reduced, true);
        } else {
            for (int d : dims) {
                if (x.rank() > 0) {
                    reduced[wrap(d, x.rank())] = true;
                }
            }
        }
        int[] kept = x.shape.clone();
        int groupSize = 1;
        for (int d = 0; d < kept.length; d++) {
            if (reduced[d]) {
                groupSize *= kept[d];
                kept[d] = 1;
            }
        }
        int groups = Nd.numel(kept);
        double[][] members = new double[groups][groupSize];
        int[] filled = new int[groups];
        for (int i = 0; i < x.numel(); i++) {
            int[] index = Nd.unravel(i, x.shape);
            for (int d = 0; d < index.length; d++) {
                if (reduced[d]) {
                    index[d] = 0;
                }
            }
            int g = Nd.ravel(index, kept);
            members[g][filled[g]++] = x.data[i];
        }
        double[] out = new double[groups];
        double[] scale = new double[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = f.applyAsDouble(members[g]);
            for (double v : members[g]) {
                scale[g] += Math.abs(v);
            }
        }
        int[] shape = keepdim ? kept : dropReduced(x.shape, reduced);
        return Nd.of(shape, out).terms(scale, groupSize);
    }

    private static int[] dropReduced(int[] shape, boolean[] reduced) {
        int[] out = new int[shape.length];
        int n = 0;
        for (int d = 0; d < shape.length; d++) {
            if (!reduced[d]) {
                out[n++] = shape[d];
            }
        }
        return Arrays.copyOf(out, n);
    }

    public static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    public static double mean(double[] v) {
        return sum(v) / v.length;
    }

    public static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Double.isNaN(x) || x > m ? x : m;
            if (Double.isNaN(m)) {
                return m;
            }
        }
        return m;
    }

    public static double min(double[] v) {
        return -max(negate(v));
    }

    /** The index of the first largest element. */
    public static double argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    public static double argmin(double[] v) {
        return argmax(negate(v));
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    /** {@code sum((x - mean)^2) / max(0, N - correction)} (two-pass, as the definition reads). */
    public static double var(double[] v, double correction) {
        double m = mean(v), s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / Math.max(0, v.length - correction);
    }

    /** {@code log(sum(exp(x)))} with the maximum factored out; -inf for an empty or all -inf group. */
    public static double logsumexp(double[] v) {
        double m = max(v);
        if (Double.isInfinite(m)) {
            m = 0;
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - m);
        }
        return Math.log(s) + m;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Along one dimension: softmax and friends
    // ------------------------------------------------------------------------------------------------------------

    /** Applies {@code f} to every fiber of {@code x} along {@code dim} (a 0-d tensor is one fiber of length 1). */
    public static Nd alongDim(Nd x, int dim, UnaryOperator<double[]> f) {
        if (x.rank() == 0) {
            return Nd.of(x.shape, f.apply(x.data.clone()));
        }
        int d = wrap(dim, x.rank());
        int n = x.shape[d];
        double[] out = new double[x.numel()];
        double[] scale = new double[x.numel()];
        int stride = 1;
        for (int k = d + 1; k < x.rank(); k++) {
            stride *= x.shape[k];
        }
        for (int i = 0; i < x.numel(); i++) {
            if (Nd.unravel(i, x.shape)[d] != 0) {
                continue;
            }
            double[] fiber = new double[n];
            double abs = 0;
            for (int k = 0; k < n; k++) {
                fiber[k] = x.data[i + k * stride];
                abs += Math.abs(fiber[k]);
            }
            double[] result = f.apply(fiber);
            for (int k = 0; k < n; k++) {
                out[i + k * stride] = result[k];
                scale[i + k * stride] = abs;
            }
        }
        return Nd.of(x.shape, out).terms(scale, Math.max(n, 1));
    }

    public static double[] softmax(double[] v) {
        double m = max(v), s = 0;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp(v[i] - m);
            s += out[i];
        }
        for (int i = 0; i < v.length; i++) {
            out[i] /= s;
        }
        return out;
    }

    public static double[] logSoftmax(double[] v) {
        double lse = logsumexp(v);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] - lse;
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Linear algebra
    // ------------------------------------------------------------------------------------------------------------

    /**
     * {@code torch.matmul}: 1-D operands get a dimension prepended (left) or appended (right) that is removed
     * again; batch dimensions broadcast. Each element carries {@code sum_k |a_ik b_kj|} for the tolerance.
     */
    public static Nd matmul(Nd a, Nd b) {
        Nd a2 = a.rank() == 1 ? a.reshape(1, a.shape[0]) : a;
        Nd b2 = b.rank() == 1 ? b.reshape(b.shape[0], 1) : b;
        int n = a2.shape[a2.rank() - 2], k = a2.shape[a2.rank() - 1], m = b2.shape[b2.rank() - 1];
        int[] batch = broadcastShape(Arrays.copyOf(a2.shape, a2.rank() - 2), Arrays.copyOf(b2.shape, b2.rank() - 2));
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = n;
        outShape[batch.length + 1] = m;
        double[] out = new double[Nd.numel(outShape)];
        double[] scale = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            int[] index = Nd.unravel(i, outShape);
            double s = 0, abs = 0;
            for (int j = 0; j < k; j++) {
                int[] ai = index.clone(), bi = index.clone();
                ai[batch.length + 1] = j;
                bi[batch.length] = j;
                double p = a2.data[broadcastFlat(a2, ai)] * b2.data[broadcastFlat(b2, bi)];
                s += p;
                abs += Math.abs(p);
            }
            out[i] = s;
            scale[i] = abs;
        }
        int[] finalShape = outShape;
        if (a.rank() == 1) {
            finalShape = remove(finalShape, finalShape.length - 2);
        }
        if (b.rank() == 1) {
            finalShape = remove(finalShape, finalShape.length - 1);
        }
        return Nd.of(finalShape, out).terms(scale, Math.max(k, 1));
    }

    private static int[] remove(int[] shape, int dim) {
        int[] out = new int[shape.length - 1];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (d != dim) {
                out[j++] = shape[d];
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Shapes and indexing, by index arithmetic
    // ------------------------------------------------------------------------------------------------------------

    /** {@code out[i_0..] = x[i at perm]}: dimension {@code k} of the result is dimension {@code perm[k]} of x. */
    public static Nd permute(Nd x, int... perm) {
        int[] shape = new int[perm.length];
        for (int k = 0; k < perm.length; k++) {
            shape[k] = x.shape[wrap(perm[k], x.rank())];
        }
        double[] out = new double[x.numel()];
        for (int i = 0; i < out.length; i++) {
            int[] index = Nd.unravel(i, shape);
            int[] src = new int[x.rank()];
            for (int k = 0; k < perm.length; k++) {
                src[wrap(perm[k], x.rank())] = index[k];
            }
            out[i] = x.data[Nd.ravel(src, x.shape)];
        }
        return Nd.of(shape, out);
    }

    public static Nd transpose(Nd x, int a, int b) {
        if (x.rank() == 0) {
            return x;
        }
        int[] perm = new int[x.rank()];
        for (int k = 0; k < perm.length; k++) {
            perm[k] = k;
        }
        perm[wrap(a, x.rank())] = wrap(b, x.rank());
        perm[wrap(b, x.rank())] = wrap(a, x.rank());
        return permute(x, perm);
    }

    /** Elements {@code start, start+step, ...} below {@code end} of {@code dim} (bounds already in range). */
    public static Nd slice(Nd x, int dim, int start, int end, int step) {
        int d = wrap(dim, x.rank());
        int[] shape = x.shape.clone();
        shape[d] = Math.max(0, (end - start + step - 1) / step);
        double[] out = new double[Nd.numel(shape)];
        for (int i = 0; i < out.length; i++) {
            int[] index = Nd.unravel(i, shape);
            index[d] = start + index[d] * step;
            out[i] = x.data[Nd.ravel(index, x.shape)];
        }
        return Nd.of(shape, out);
    }

    public static Nd select(Nd x, int dim, int index) {
        int d = wrap(dim, x.rank());
        int i = index < 0 ? index + x.shape[d] : index;
        return slice(x, d, i, i + 1, 1).reshape(remove(x.shape, d));
    }

    public static Nd cat(List<Nd> parts, int dim) {
        int d = wrap(dim, parts.get(0).rank());
        int[] shape = parts.get(0).shape.clone();
        shape[d] = 0;
        for (Nd p : parts) {
            shape[d] += p.shape[d];
        }
        double[] out = new double[Nd.numel(shape)];
        for (int i = 0; i < out.length; i++) {
            int[] index = Nd.unravel(i, shape);
            int k = 0;
            while (index[d] >= parts.get(k).shape[d]) {
                index[d] -= parts.get(k).shape[d];
                k++;
            }
            out[i] = parts.get(k).data[Nd.ravel(index, parts.get(k).shape)];
        }
        return Nd.of(shape, out);
    }

    public static Nd stack(List<Nd> parts, int dim) {
        int rank = parts.get(0).rank() + 1;
        int d = dim < 0 ? dim + rank : dim;
        List<Nd> expanded = new ArrayList<>();
        for (Nd p : parts) {
            int[] s = new int[rank];
            for (int k = 0, j = 0; k < rank; k++) {
                s[k] = k == d ? 1 : p.shape[j++];
            }
            expanded.add(p.reshape(s));
        }
        return cat(expanded, d);
    }

    /** {@code out[i][j] = x[i][index[i][j]]} along {@code dim} (any rank). */
    public static Nd gather(Nd x, int dim, Nd index) {
        int d = wrap(dim, x.rank());
        double[] out = new double[index.numel()];
        for (int i = 0; i < out.length; i++) {
            int[] at = Nd.unravel(i, index.shape);
            at[d] = (int) index.data[i];
            out[i] = x.data[Nd.ravel(at, x.shape)];
        }
        return Nd.of(index.shape, out);
    }

    /** A copy of {@code self} with {@code src[i][j]} added at {@code [i][index[i][j]]} along {@code dim}. */
    public static Nd scatterAdd(Nd self, int dim, Nd index, Nd src) {
        int d = wrap(dim, self.rank());
        double[] out = self.data.clone();
        for (int i = 0; i < index.numel(); i++) {
            int[] at = Nd.unravel(i, index.shape);
            double v = src.data[Nd.ravel(at, src.shape)];
            at[d] = (int) index.data[i];
            out[Nd.ravel(at, self.shape)] += v;
        }
        return Nd.of(self.shape, out);
    }

    /** The entries {@code index} (1-D) of dimension {@code dim}. */
    public static Nd indexSelect(Nd x, int dim, Nd index) {
        if (x.rank() == 0) {
            return x;
        }
        int d = wrap(dim, x.rank());
        List<Nd> rows = new ArrayList<>();
        for (double i : index.data) {
            rows.add(slice(x, d, (int) i, (int) i + 1, 1));
        }
        if (rows.isEmpty()) {
            int[] shape = x.shape.clone();
            shape[d] = 0;
            return Nd.of(shape);
        }
        return cat(rows, d);
    }
}
