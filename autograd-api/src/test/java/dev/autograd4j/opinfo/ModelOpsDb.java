package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

import static dev.autograd4j.opinfo.In.index;
import static dev.autograd4j.opinfo.In.mask;
import static dev.autograd4j.opinfo.In.scalar;
import static dev.autograd4j.opinfo.In.t;
import static dev.autograd4j.opinfo.In.values;
import static dev.autograd4j.opinfo.OpInfo.ALL;
import static dev.autograd4j.opinfo.OpInfo.FLOATING;
import static dev.autograd4j.opinfo.OpInfo.NUMERIC;
import static dev.autograd4j.opinfo.OpInfo.SUM_RESULT;
import static dev.autograd4j.opinfo.OpInfo.op;

/**
 * The ops real models need beyond an MLP's (issue 9): indexing with index tensors (index, index_add, index_put,
 * one_hot, split by sizes, unbind, movedim with lists), products (bmm, addmm, baddbmm, outer, einsum), scans and
 * sorting (cumsum, prod, sort, topk), and rearranging (repeat, flip, roll, diag, unfold, pad, logical_xor). The
 * references are index arithmetic on the host; samples marked "PyTorch 1.13" carry the values and gradients
 * PyTorch 1.13 printed for the same call (the expression is in the label or the comment).
 */
final class ModelOpsDb {
    private ModelOpsDb() {
    }

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Tolerance GRAD = Tolerance.rel(1e-6);
    private static final String VIEWS = "views: each piece's node is SliceBackward0 or SelectBackward0 (PyTorch's one"
            + " SplitWithSizesBackward0 / UnbindBackward0)";

    /** An array of {@code shape} whose element at each multi-index is {@code f(index)}. */
    /** {@code a + b}, elementwise. */
    static double[] plus(double[] a, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    /** {@code f} applied to each row-major {@code n x n} matrix of a {@code [..., n, n]} reference. */
    static Nd matrices(Nd x, int n, java.util.function.UnaryOperator<double[]> f) {
        double[] out = new double[x.numel()];
        for (int at = 0; at < out.length; at += n * n) {
            System.arraycopy(f.apply(Arrays.copyOfRange(x.data, at, at + n * n)), 0, out, at, n * n);
        }
        return Nd.of(x.shape, out);
    }

    /** The inverse of a row-major {@code n x n} matrix, by Gauss-Jordan elimination with partial pivoting. */
    static double[] invert(double[] a, int n) {
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(m[i][k]) > Math.abs(m[p][k])) {
                    p = i;
                }
            }
            double[] t = m[k];
            m[k] = m[p];
            m[p] = t;
            double pivot = m[k][k];
            for (int j = 0; j < 2 * n; j++) {
                m[k][j] /= pivot;
            }
            for (int i = 0; i < n; i++) {
                if (i != k) {
                    double f = m[i][k];
                    for (int j = 0; j < 2 * n; j++) {
                        m[i][j] -= f * m[k][j];
                    }
                }
            }
        }
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, out, i * n, n);
        }
        return out;
    }

    /** The determinant of a row-major {@code n x n} matrix, by cofactor expansion along the first row. */
    static double determinant(double[] a, int n) {
        if (n == 1) {
            return a[0];
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double[] minor = new double[(n - 1) * (n - 1)];
            for (int r = 1, q = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    if (c != j) {
                        minor[q++] = a[r * n + c];
                    }
                }
            }
            sum += (j % 2 == 0 ? 1 : -1) * a[j] * determinant(minor, n - 1);
        }
        return sum;
    }

    static Nd tabulate(int[] shape, ToDoubleFunction<int[]> f) {
        double[] out = new double[Nd.numel(shape)];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(Nd.unravel(i, shape));
        }
        return Nd.of(shape, out);
    }

    private static int[] with(int[] index, int dim, int value) {
        int[] out = index.clone();
        out[dim] = value;
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------
    // References
    // ------------------------------------------------------------------------------------------------------------

    static Nd flip(Nd x, int... dims) {
        return tabulate(x.shape, i -> {
            int[] j = i.clone();
            for (int d : dims) {
                int w = Ref.wrap(d, x.rank());
                j[w] = x.shape[w] - 1 - i[w];
            }
            return x.at(j);
        });
    }

    static Nd roll(Nd x, int[] shifts, int[] dims) {
        if (dims.length == 0) {
            return roll(x.reshape(x.numel()), shifts, new int[] {0}).reshape(x.shape);
        }
        return tabulate(x.shape, i -> {
            int[] j = i.clone();
            for (int k = 0; k < dims.length; k++) {
                int w = Ref.wrap(dims[k], x.rank());
                j[w] = Math.floorMod(i[w] - shifts[k], x.shape[w]);
            }
            return x.at(j);
        });
    }

    static Nd repeat(Nd x, int... repeats) {
        int lead = repeats.length - x.rank();
        int[] shape = new int[repeats.length];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = repeats[d] * (d < lead ? 1 : x.shape[d - lead]);
        }
        return tabulate(shape, i -> {
            int[] j = new int[x.rank()];
            for (int d = 0; d < j.length; d++) {
                j[d] = i[d + lead] % x.shape[d];
            }
            return x.at(j);
        });
    }

    static Nd diag(Nd x, int k) {
        if (x.rank() == 1) {
            int m = x.shape[0] + Math.abs(k);
            return tabulate(new int[] {m, m}, i -> i[1] - i[0] == k ? x.at(Math.min(i[0], i[1])) : 0);
        }
        int rows = x.shape[0], cols = x.shape[1];
        int length = Math.max(0, k >= 0 ? Math.min(rows, cols - k) : Math.min(rows + k, cols));
        return tabulate(new int[] {length}, i -> k >= 0 ? x.at(i[0], i[0] + k) : x.at(i[0] - k, i[0]));
    }

    static Nd unfold(Nd x, int dim, int size, int step) {
        int d = Ref.wrap(dim, x.rank());
        int[] shape = Arrays.copyOf(x.shape, x.rank() + 1);
        shape[d] = (x.shape[d] - size) / step + 1;
        shape[x.rank()] = size;
        return tabulate(shape, i -> {
            int[] j = Arrays.copyOf(i, x.rank());
            j[d] = i[d] * step + i[x.rank()];
            return x.at(j);
        });
    }

    /** F.pad: constant (value), reflect, replicate or circular, pairs from the last dim. */
    static Nd pad(Nd x, int[] pad, String mode, double value) {
        int[] shape = x.shape.clone();
        for (int p = 0; p < pad.length / 2; p++) {
            shape[x.rank() - 1 - p] += pad[2 * p] + pad[2 * p + 1];
        }
        return tabulate(shape, i -> {
            int[] j = i.clone();
            for (int p = 0; p < pad.length / 2; p++) {
                int d = x.rank() - 1 - p, n = x.shape[d], at = i[d] - pad[2 * p];
                if (mode.equals("reflect")) {
                    at = at < 0 ? -at : at >= n ? 2 * (n - 1) - at : at;
                } else if (mode.equals("replicate")) {
                    at = Math.max(0, Math.min(n - 1, at));
                } else if (mode.equals("circular")) { // around what a negative padding leaves
                    int lo = Math.max(0, -pad[2 * p]), kept = n - lo - Math.max(0, -pad[2 * p + 1]);
                    at = lo + Math.floorMod(i[d] - Math.max(0, pad[2 * p]), kept);
                } else if (at < 0 || at >= n) {
                    return value;
                }
                j[d] = at;
            }
            return x.at(j);
        });
    }

    /** {@code x[:, index]} along {@code dim} with negative indices wrapped. */
    static Nd indexRef(Nd x, int dim, Nd index) {
        int[] shape = new int[x.rank() - 1 + index.rank()];
        System.arraycopy(x.shape, 0, shape, 0, dim);
        System.arraycopy(index.shape, 0, shape, dim, index.rank());
        System.arraycopy(x.shape, dim + 1, shape, dim + index.rank(), x.rank() - dim - 1);
        return tabulate(shape, i -> {
            int[] j = new int[x.rank()];
            System.arraycopy(i, 0, j, 0, dim);
            System.arraycopy(i, dim + index.rank(), j, dim + 1, x.rank() - dim - 1);
            int at = (int) index.at(Arrays.copyOfRange(i, dim, dim + index.rank()));
            j[dim] = at < 0 ? at + x.shape[dim] : at;
            return x.at(j);
        });
    }

    static Nd indexAdd(Nd x, int dim, Nd index, Nd source, double alpha) {
        double[] out = x.data.clone();
        for (int i = 0; i < source.numel(); i++) {
            int[] s = Nd.unravel(i, source.shape);
            int[] j = x.rank() == 0 ? new int[0] : with(s, dim, (int) index.data[x.rank() == 0 ? i : s[dim]]);
            out[Nd.ravel(j, x.shape)] += alpha * source.data[i];
        }
        return Nd.of(x.shape, out);
    }

    /** index_put with one 1-D index on dim 0 ({@code values} broadcast to {@code [k] + rest}). */
    static Nd indexPut(Nd x, Nd index, Nd values, boolean accumulate) {
        double[] out = x.data.clone();
        int rows = x.shape[0], rest = x.numel() / Math.max(rows, 1);
        int[] target = x.shape.clone();
        target[0] = index.numel();
        Nd v = Ref.expand(values, target);
        for (int r = 0; r < index.numel(); r++) {
            int at = (int) index.data[r];
            at = at < 0 ? at + rows : at;
            for (int c = 0; c < rest; c++) {
                out[at * rest + c] = (accumulate ? out[at * rest + c] : 0) + v.data[r * rest + c];
            }
        }
        return Nd.of(x.shape, out);
    }

    /** The running sums along {@code dim}, each carrying the sum of the absolute values of its terms. */
    static Nd cumsum(Nd x, int dim) {
        if (x.rank() == 0) {
            return x;
        }
        int d = Ref.wrap(dim, x.rank());
        double[] out = new double[x.numel()], scale = new double[x.numel()];
        for (int i = 0; i < out.length; i++) {
            int[] at = Nd.unravel(i, x.shape);
            double s = 0, a = 0;
            for (int k = 0; k <= at[d]; k++) {
                double v = x.at(with(at, d, k));
                s += v;
                a += Math.abs(v);
            }
            out[i] = s;
            scale[i] = a;
        }
        return Nd.of(x.shape, out).terms(scale, Math.max(1, x.shape[d]));
    }

    static double product(double[] v) {
        double p = 1;
        for (double x : v) {
            p *= x;
        }
        return p;
    }

    /** Stable sort of each row along {@code dim}, NaN above every number: values and int64 indices. */
    static Nd[] sort(Nd x, int dim, boolean descending, int k) {
        if (x.rank() == 0) {
            return new Nd[] {x, Nd.scalar(0).as(DType.INT64)};
        }
        int d = Ref.wrap(dim, x.rank()), n = x.shape[d];
        int[] shape = with(x.shape, d, k < 0 ? n : k);
        double[] values = new double[Nd.numel(shape)], indices = new double[values.length];
        Comparator<Double> ascending = (a, b) -> Double.isNaN(a) ? (Double.isNaN(b) ? 0 : 1)
                : Double.isNaN(b) ? -1 : a < b ? -1 : a > b ? 1 : 0;
        for (int i = 0; i < values.length; i++) {
            int[] at = Nd.unravel(i, shape);
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (p, q) -> {
                double a = x.at(with(at, d, p)), b = x.at(with(at, d, q));
                return descending ? ascending.compare(b, a) : ascending.compare(a, b);
            });
            indices[i] = order[at[d]];
            values[i] = x.at(with(at, d, order[at[d]]));
        }
        return new Nd[] {Nd.of(shape, values), Nd.of(shape, indices).as(DType.INT64)};
    }

    /**
     * einsum by definition: every assignment of the subscripts, the product of the operands' elements summed into
     * the output's element (explicit {@code ->}, no ellipsis).
     */
    static Nd einsum(String equation, Nd... operands) {
        String[] sides = equation.split("->");
        String[] terms = sides[0].split(",");
        String letters = (sides[0] + (sides.length > 1 ? sides[1] : "")).replace(",", "").chars().distinct()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        int[] size = new int[letters.length()];
        for (int o = 0; o < terms.length; o++) {
            for (int c = 0; c < terms[o].length(); c++) {
                size[letters.indexOf(terms[o].charAt(c))] = Math.max(size[letters.indexOf(terms[o].charAt(c))],
                        operands[o].shape[c]);
            }
        }
        String output = sides.length > 1 ? sides[1] : "";
        int[] outShape = new int[output.length()];
        for (int c = 0; c < outShape.length; c++) {
            outShape[c] = size[letters.indexOf(output.charAt(c))];
        }
        double[] out = new double[Nd.numel(outShape)], scale = new double[out.length];
        int combos = Nd.numel(size);
        for (int i = 0; i < combos; i++) {
            int[] value = Nd.unravel(i, size);
            double p = 1;
            for (int o = 0; o < terms.length; o++) {
                int[] at = new int[terms[o].length()];
                for (int c = 0; c < at.length; c++) {
                    at[c] = operands[o].shape[c] == 1 ? 0 : value[letters.indexOf(terms[o].charAt(c))];
                }
                p *= operands[o].at(at);
            }
            int[] at = new int[output.length()];
            for (int c = 0; c < at.length; c++) {
                at[c] = value[letters.indexOf(output.charAt(c))];
            }
            out[Nd.ravel(at, outShape)] += p;
            scale[Nd.ravel(at, outShape)] += Math.abs(p);
        }
        return Nd.of(outShape, out).terms(scale, Math.max(1, combos / Math.max(1, out.length)));
    }

    private static Nd linear(Nd input, Nd product, double beta, double alpha) {
        Nd in = Ref.expand(input, product.shape);
        double[] out = new double[product.numel()], scale = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (beta == 0 ? 0 : beta * in.data[i]) + alpha * product.data[i];
            scale[i] = (beta == 0 ? 0 : Math.abs(beta * in.data[i])) + Math.abs(alpha) * product.scale[i];
        }
        return Nd.of(product.shape, out).terms(scale, product.length + 2);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Entries
    // ------------------------------------------------------------------------------------------------------------

    static List<OpInfo> entries() {
        List<OpInfo> db = new ArrayList<>();
        indexing(db);
        products(db);
        scans(db);
        rearranging(db);
        return db;
    }

    private static void indexing(List<OpInfo> db) {
        db.add(op("index").dtypes(ALL).gradFn("IndexBackward0")
                .add(Sample.of("index(int,Tensor)", x -> x[0].index(1, x[1]), t(2, 3),
                        index(new long[] {2, -3, 2, 0}, 2, 2)).ref(x -> indexRef(x[0], 1, x[1]))
                        .label("a [2, 2] index with repeats and -3"))
                .add(Sample.of("index(int,Tensor)", x -> x[0].index(0, x[1]), t(4, 2).transposed(),
                        index(new long[] {3, 0, 3})).ref(x -> indexRef(x[0], 0, x[1])).label("dim 0"))
                .add(Sample.of("index(int,Tensor)", x -> x[0].index(-1, x[1]), t(3), index(1))
                        .ref(x -> indexRef(x[0], 0, x[1])).label("a 0-d index"))
                .add(Sample.of("index(int,Tensor)", x -> x[0].index(0, x[1]), t(3, 2), index(new long[0]))
                        .ref(x -> indexRef(x[0], 0, x[1])).label("an empty index"))
                // PyTorch 1.13: x = [[1, 2, 3], [4, 5, 6]]; x[:, [[2, -3], [2, 0]]].sum().backward()
                .add(Sample.of("index(int,Tensor)", x -> x[0].index(1, x[1]),
                        values(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), index(new long[] {2, -3, 2, 0}, 2, 2))
                        .ref(x -> Nd.of(new int[] {2, 2, 2}, 3, 1, 3, 1, 6, 4, 6, 4))
                        .grads(null, GRAD, new double[] {2, 0, 2, 2, 0, 2}).only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13"))
                .error(ErrorCase.of("index 3 of 3", () -> Fails.ins(Tensor.ones(2, 3),
                        Tensor.of(new long[] {3})), x -> x[0].index(1, x[1]), "3").index())
                // torch.ones(2, 3)[:, torch.tensor([-4])]: "index -4 is out of bounds for dimension 0 with size 3".
                .error(ErrorCase.of("index -4 of 3", () -> Fails.ins(Tensor.ones(2, 3),
                        Tensor.of(new long[] {-4})), x -> x[0].index(1, x[1]), "index -4 is out of bounds").index())
                .error(ErrorCase.of("a float index", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2)),
                        x -> x[0].index(1, x[1]), "int64", "float32"))
                .error(ErrorCase.of("0-d", () -> Fails.ins(Tensor.scalar(1), Tensor.of(new long[] {0})),
                        x -> x[0].index(0, x[1]), "0-d"))
                .error(Fails.dim(x -> x.index(2, Tensor.of(new long[] {0}))))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2, 3), Tensor.of(new long[] {0}).to(other)),
                        x -> x[0].index(1, x[1]))));

        // PyTorch 1.13: x = torch.tensor([[1., 2, 3], [4, 5, 6]]); x[:, torch.tensor([True, False, True])],
        // x[torch.tensor([[True, False, True], [False, False, True]])], and .sum().backward() of each
        db.add(op("indexMask").dtypes(ALL).gradFn("IndexBackward0").errorName("index")
                .add(Sample.of("index(int,Tensor)", x -> x[0].index(1, x[1]), values(new double[] {1, 2, 3, 4, 5, 6}, 2,
                        3), mask(new boolean[] {true, false, true})).ref(x -> Nd.of(new int[] {2, 2}, 1, 3, 4, 6))
                        .grads(null, GRAD, new double[] {1, 0, 1, 1, 0, 1}).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, x[:, mask]"))
                .add(Sample.of("index(int,Tensor)", x -> x[0].index(0, x[1]), values(new double[] {1, 2, 3, 4, 5, 6}, 2,
                        3), mask(new boolean[] {true, false, true, false, false, true}, 2, 3))
                        .ref(x -> Nd.of(new int[] {3}, 1, 3, 6)).grads(null, GRAD, new double[] {1, 0, 1, 0, 0, 1})
                        .only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, x[mask2d]"))
                .add(Sample.of("index(int,Tensor)", x -> x[0].index(-1, x[1]), t(2, 3).transposed(), mask(3))
                        .ref(x -> {
                            List<Double> kept = new ArrayList<>();
                            for (int i = 0; i < 2; i++) {
                                for (int j = 0; j < 3; j++) {
                                    if (x[1].at(j) != 0) {
                                        kept.add(x[0].at(i, j));
                                    }
                                }
                            }
                            return Nd.of(new int[] {2, kept.size() / 2},
                                    kept.stream().mapToDouble(Double::doubleValue).toArray());
                        }).label("a random mask on the last dim"))
                .add(Sample.of("index(int,Tensor)", x -> x[0].index(0, x[1]), t(2, 3),
                        mask(new boolean[] {false, false})).ref(x -> Nd.of(new int[] {0, 3})).label("nothing selected"))
                // PyTorch 1.13: torch.ones(2, 3)[:, torch.tensor([True, False])] raises "The shape of the mask [2] at
                // index 0 does not match the shape of the indexed tensor [2, 3] at index 1"
                .error(ErrorCase.of("a mask of the wrong size", () -> Fails.ins(Tensor.ones(2, 3),
                        Tensor.of(new boolean[] {true, false})), x -> x[0].index(1, x[1]), "the shape of the mask [2]",
                        "at index 1"))
                .error(ErrorCase.of("a mask past the last dim", () -> Fails.ins(Tensor.ones(2, 3),
                        Tensor.of(new boolean[] {true, false, true, true, false, true}, 3, 2)), x -> x[0].index(1, x[1]),
                        "too many indices")));

        // PyTorch 1.13: torch.tensor([[0., 1.5, 0], [-2, 0, float('nan')]]).nonzero() is [[0, 1], [1, 0], [1, 2]]
        db.add(op("nonzero").dtypes(ALL).notDifferentiable().result(d -> DType.INT64)
                .add(Sample.of("nonzero()", x -> x[0].nonzero(), values(new double[] {0, 1.5, 0, -2, 0, Double.NaN}, 2,
                        3)).ref(x -> Nd.of(new int[] {3, 2}, 0, 1, 1, 0, 1, 2)).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, with NaN"))
                .add(Sample.of("nonzero()", x -> x[0].nonzero(), values(new double[] {0, 1, 1, 0}, 4))
                        .ref(x -> Nd.of(new int[] {2, 1}, 1, 2)).label("1-D"))
                .add(Sample.of("nonzero()", x -> x[0].nonzero(), t(3, 0)).ref(x -> Nd.of(new int[] {0, 2}))
                        .label("empty"))
                // PyTorch 1.13: torch.tensor(5.).nonzero() has shape [1, 0]; torch.tensor(0.).nonzero() [0, 0]
                .add(Sample.of("nonzero()", x -> x[0].nonzero(), scalar(1)).ref(x -> Nd.of(new int[] {1, 0}))
                        .label("PyTorch 1.13, 0-d non-zero"))
                .add(Sample.of("nonzero()", x -> x[0].nonzero(), scalar(0)).ref(x -> Nd.of(new int[] {0, 0}))
                        .label("PyTorch 1.13, 0-d zero")));

        // PyTorch 1.13: x = torch.tensor([[1., 2, 3], [4, 5, 6]], requires_grad=True);
        // x.masked_select(torch.tensor([True, False, True])) is [1, 3, 4, 6]; .sum().backward() gives [[1, 0, 1], ...]
        // PyTorch 1.13: x.masked_select(mask).grad_fn is MaskedSelectBackward0.
        db.add(op("maskedSelect").dtypes(ALL).gradFn("MaskedSelectBackward0").errorName("masked_select")
                .add(Sample.of("maskedSelect(Tensor)", x -> x[0].maskedSelect(x[1]), values(new double[] {1, 2, 3, 4, 5,
                        6}, 2, 3), mask(new boolean[] {true, false, true})).ref(x -> Nd.of(new int[] {4}, 1, 3, 4, 6))
                        .grads(null, GRAD, new double[] {1, 0, 1, 1, 0, 1}).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, a broadcast mask"))
                // PyTorch 1.13: torch.tensor([1., 2]).masked_select(torch.tensor([[True], [False], [True]]))
                // is [1, 2, 1, 2] (x broadcast to the mask's [3, 2]); the gradient sums back: [2, 2]
                .add(Sample.of("maskedSelect(Tensor)", x -> x[0].maskedSelect(x[1]), values(new double[] {1, 2}, 2),
                        mask(new boolean[] {true, false, true}, 3, 1)).ref(x -> Nd.of(new int[] {4}, 1, 2, 1, 2))
                        .grads(null, GRAD, new double[] {2, 2}).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, x broadcast to the mask"))
                .add(Sample.of("maskedSelect(Tensor)", x -> x[0].maskedSelect(x[1]), t(0, 3), mask(3))
                        .ref(x -> Nd.of(new int[] {0})).label("empty"))
                .error(ErrorCase.of("a float mask", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(3)),
                        x -> x[0].maskedSelect(x[1]), "bool", "float32"))
                .error(ErrorCase.of("shapes that do not broadcast", () -> Fails.ins(Tensor.ones(2, 3),
                        Tensor.of(new boolean[] {true, false})), x -> x[0].maskedSelect(x[1]), "[2, 3]", "[2]"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2, 3), Tensor.of(new boolean[] {true, false,
                        true}).to(other)), x -> x[0].maskedSelect(x[1]))));

        db.add(op("indexAdd").dtypes(NUMERIC).gradFn("IndexAddBackward0").errorName("index_add")
                .add(Sample.of("indexAdd(int,Tensor,Tensor)", x -> x[0].indexAdd(0, x[1], x[2]), t(3, 2),
                        index(new long[] {2, 0, 2}), t(3, 2)).ref(x -> indexAdd(x[0], 0, x[1], x[2], 1))
                        .label("dim 0, repeats"))
                .add(Sample.of("indexAdd(int,Tensor,Tensor)", x -> x[0].indexAdd(-1, x[1], x[2]), t(2, 4).strided(),
                        index(new long[] {3, 1}), t(2, 2).transposed()).ref(x -> indexAdd(x[0], 1, x[1], x[2], 1))
                        .label("dim -1"))
                .add(Sample.of("indexAdd(int,Tensor,Tensor)", x -> x[0].indexAdd(0, x[1], x[2]), t(3),
                        index(new long[0]), t(0)).ref(x -> x[0]).label("nothing added"))
                .add(Sample.of("indexAdd(int,Tensor,Tensor,double)", x -> x[0].indexAdd(1, x[1], x[2], 2.0), t(2, 3),
                        index(new long[] {1, 1}), t(2, 2)).ref(x -> indexAdd(x[0], 1, x[1], x[2], 2)).label("alpha 2"))
                // PyTorch 1.13: torch.ones(3).index_add(0, [0, 0, 2], [1, 2, 3], alpha=2), backward([1, 2, 3])
                .add(Sample.of("indexAdd(int,Tensor,Tensor,double)", x -> x[0].indexAdd(0, x[1], x[2], 2.0),
                        values(new double[] {1, 1, 1}), index(new long[] {0, 0, 2}), values(new double[] {1, 2, 3}))
                        .ref(x -> Nd.vector(7, 1, 7)).grads(new double[] {1, 2, 3}, GRAD, new double[] {1, 2, 3},
                                new double[] {2, 2, 6}).only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13"))
                // PyTorch 1.13: torch.tensor([1, 2]).index_add(0, torch.tensor([0]), torch.tensor([1]), alpha=-2.5)
                // is [-1, 2]: an integer tensor truncates alpha.
                .add(Sample.of("indexAdd(int,Tensor,Tensor,double)", x -> x[0].indexAdd(0, x[1], x[2], -2.5),
                        values(new double[] {1, 2}), index(new long[] {0}), values(new double[] {1}))
                        .ref(x -> Nd.vector(-1, 2)).only(DType.INT64, DType.INT32)
                        .cpuSameDtype("alpha is truncated in the integer dtype").label("alpha -2.5 into integers"))
                .error(ErrorCase.of("source of the wrong size", () -> Fails.ins(Tensor.ones(3, 2),
                        Tensor.of(new long[] {0}), Tensor.ones(2, 2)), x -> x[0].indexAdd(0, x[1], x[2]), "[2, 2]",
                        "[3, 2]"))
                .error(ErrorCase.of("index 3 of 3", () -> Fails.ins(Tensor.ones(3), Tensor.of(new long[] {3}),
                        Tensor.ones(1)), x -> x[0].indexAdd(0, x[1], x[2]), "3").index())
                .error(ErrorCase.of("float64 source", () -> Fails.ins(Tensor.ones(3), Tensor.of(new long[] {0}),
                        Tensor.ones(new int[] {1}, DType.FLOAT64)), x -> x[0].indexAdd(0, x[1], x[2]), "float64"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(3), Tensor.of(new long[] {0}),
                        Tensor.ones(1).to(other)), x -> x[0].indexAdd(0, x[1], x[2]))));

        db.add(op("indexPut").dtypes(NUMERIC).gradFn("IndexPutBackward0").errorName("index_put")
                .add(Sample.of("indexPut(List,Tensor,boolean)", x -> x[0].indexPut(List.of(x[1]), x[2], false),
                        t(4, 2), index(new long[] {3, -4}), t(2, 2)).ref(x -> indexPut(x[0], x[1], x[2], false))
                        .label("rows 3 and -4"))
                .add(Sample.of("indexPut(List,Tensor,boolean)", x -> x[0].indexPut(List.of(x[1]), x[2], true),
                        t(3, 2).strided(), index(new long[] {0, 0, 2}), t(2)).ref(x ->
                        indexPut(x[0].reshape(x[0].shape), x[1], x[2], true)).label("accumulate, a broadcast value"))
                .add(Sample.of("indexPut(List,Tensor,boolean)", x -> x[0].indexPut(List.of(x[1], x[2]), x[3], false),
                        t(2, 3), index(new long[] {1, 0}), index(new long[] {2, 1}), t(2))
                        .ref(x -> tabulate(new int[] {2, 3}, i -> i[0] == 1 && i[1] == 2 ? x[3].at(0)
                                : i[0] == 0 && i[1] == 1 ? x[3].at(1) : x[0].at(i))).label("x[[1, 0], [2, 1]] = v"))
                // PyTorch 1.13: torch.zeros(3).index_put(([0, 0, 2],), [1, 2, 3], accumulate=True), backward([1, 2, 3])
                .add(Sample.of("indexPut(List,Tensor,boolean)", x -> x[0].indexPut(List.of(x[1]), x[2], true),
                        values(new double[] {0, 0, 0}), index(new long[] {0, 0, 2}), values(new double[] {1, 2, 3}))
                        .ref(x -> Nd.vector(3, 0, 3)).grads(new double[] {1, 2, 3}, GRAD, new double[] {1, 2, 3},
                                new double[] {1, 1, 3}).only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, accumulate"))
                // PyTorch 1.13: torch.tensor([5., 6, 7]).index_put(([1, -1],), [1, 2]), backward([1, 2, 3])
                .add(Sample.of("indexPut(List,Tensor,boolean)", x -> x[0].indexPut(List.of(x[1]), x[2], false),
                        values(new double[] {5, 6, 7}), index(new long[] {1, -1}), values(new double[] {1, 2}))
                        .ref(x -> Nd.vector(5, 1, 2)).grads(new double[] {1, 2, 3}, GRAD, new double[] {1, 0, 0},
                                new double[] {2, 3}).only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13"))
                // PyTorch 1.13: x = [[1., 2, 3], [4, 5, 6]]; x.index_put((mask,), [7., 8, 9]) with the 2-D mask
                // [[T, F, T], [F, F, T]] is [[7, 2, 8], [4, 5, 9]]; backward([[1, 2, 3], [4, 5, 6]]) gives x
                // [[0, 2, 0], [4, 5, 0]] and the values [1, 3, 6]
                .add(Sample.of("indexPut(List,Tensor,boolean)", x -> x[0].indexPut(List.of(x[1]), x[2], false),
                        values(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), mask(new boolean[] {true, false, true, false, false,
                        true}, 2, 3), values(new double[] {7, 8, 9})).ref(x -> Nd.of(new int[] {2, 3}, 7, 2, 8, 4, 5, 9))
                        .grads(new double[] {1, 2, 3, 4, 5, 6}, GRAD, new double[] {0, 2, 0, 4, 5, 0},
                                new double[] {1, 3, 6}).only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, x[mask] = v"))
                // PyTorch 1.13: the same x, index_put(([False, True],), [10., 20, 30], accumulate=True) is
                // [[1, 2, 3], [14, 25, 36]]; backward([[1, 2, 3], [4, 5, 6]]) gives the values [4, 5, 6]
                .add(Sample.of("indexPut(List,Tensor,boolean)", x -> x[0].indexPut(List.of(x[1]), x[2], true),
                        values(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), mask(new boolean[] {false, true}),
                        values(new double[] {10, 20, 30})).ref(x -> Nd.of(new int[] {2, 3}, 1, 2, 3, 14, 25, 36))
                        .grads(new double[] {1, 2, 3, 4, 5, 6}, GRAD, new double[] {1, 2, 3, 4, 5, 6},
                                new double[] {4, 5, 6}).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, a row mask, accumulate"))
                // PyTorch 1.13: torch.ones(2, 3).index_put((torch.tensor([True, False, True]),), torch.tensor(1.))
                // raises "The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3]
                // at index 0"
                .error(ErrorCase.of("a mask of the wrong shape", () -> Fails.ins(Tensor.ones(2, 3),
                        Tensor.of(new boolean[] {true, false, true})), x -> x[0].indexPut(List.of(x[1]),
                        Tensor.scalar(1f), false), "the shape of the mask [3] at index 0", "[2, 3] at index 0"))
                .error(ErrorCase.of("values of the wrong shape", () -> Fails.ins(Tensor.ones(3, 2),
                        Tensor.of(new long[] {0, 1}), Tensor.ones(3)), x -> x[0].indexPut(List.of(x[1]), x[2], false),
                        "[3]", "[2, 2]"))
                .error(ErrorCase.of("three indices for 2 dims", () -> Fails.ins(Tensor.ones(3, 2),
                        Tensor.of(new long[] {0})), x -> x[0].indexPut(List.of(x[1], x[1], x[1]), Tensor.ones(1), false),
                        "got 3"))
                .error(ErrorCase.of("index 3 of 3", () -> Fails.ins(Tensor.ones(3), Tensor.of(new long[] {3})),
                        x -> x[0].indexPut(List.of(x[1]), Tensor.ones(1), true), "3").index())
                // torch.ones(3).index_put((torch.tensor([-4]),), torch.ones(1)): "index -4 is out of bounds ...".
                .error(ErrorCase.of("index -4 of 3", () -> Fails.ins(Tensor.ones(3), Tensor.of(new long[] {-4})),
                        x -> x[0].indexPut(List.of(x[1]), Tensor.ones(1), false), "index -4 is out of bounds").index())
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(3), Tensor.of(new long[] {0}),
                        Tensor.ones(1).to(other)), x -> x[0].indexPut(List.of(x[1]), x[2], false))));

        db.add(op("oneHot").dtypes(DType.INT64).notDifferentiable().errorName("one_hot")
                .add(Sample.of("Functional.oneHot(Tensor,int)", x -> Functional.oneHot(x[0], 3),
                        index(new long[] {0, 2, 1, 1}, 2, 2))
                        // PyTorch 1.13: F.one_hot(torch.tensor([[0, 2], [1, 1]]), 3)
                        .ref(x -> Nd.of(new int[] {2, 2, 3}, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0)).label("PyTorch 1.13"))
                .add(Sample.of("Functional.oneHot(Tensor,int)", x -> Functional.oneHot(x[0], -1), index(new long[] {1, 3}))
                        .ref(x -> Nd.of(new int[] {2, 4}, 0, 1, 0, 0, 0, 0, 0, 1)).label("classes inferred"))
                .add(Sample.of("Functional.oneHot(Tensor,int)", x -> Functional.oneHot(x[0], 2), index(1))
                        .ref(x -> Nd.vector(0, 1)).label("0-d"))
                .add(Sample.of("Functional.oneHot(Tensor,int)", x -> Functional.oneHot(x[0], 2), index(new long[0]))
                        .ref(x -> Nd.of(new int[] {0, 2})).label("empty"))
                .error(ErrorCase.of("class 3 of 3", () -> Fails.ins(Tensor.of(new long[] {3})),
                        x -> Functional.oneHot(x[0], 3), "3").index())
                .error(ErrorCase.of("a float input", () -> Fails.ins(Tensor.ones(2)), x -> Functional.oneHot(x[0], 3),
                        "int64", "float32"))
                .error(ErrorCase.of("classes inferred from nothing", () -> Fails.ins(Tensor.of(new long[0])),
                        x -> Functional.oneHot(x[0], -1), "empty")));

        db.add(op("split_with_sizes").dtypes(ALL)
                .add(Sample.of("split(int[],int)", x -> x[0].split(new int[] {1, 3, 0}, 0), t(4, 2))
                        .ref(x -> new Nd[] {Ref.slice(x[0], 0, 0, 1, 1), Ref.slice(x[0], 0, 1, 4, 1),
                                Ref.slice(x[0], 0, 4, 4, 1)}).noGradFn(VIEWS).label("[1, 3, 0] along 0"))
                .add(Sample.of("split(int[],int)", x -> x[0].split(new int[] {2, 1}, -1), t(2, 3).transposed())
                        .ref(x -> new Nd[] {Ref.slice(x[0], 1, 0, 2, 1), Ref.slice(x[0], 1, 2, 3, 1)})
                        .noGradFn(VIEWS).label("[2, 1] along -1"))
                .error(ErrorCase.of("sizes summing to 3 of 4", () -> Fails.ins(Tensor.ones(4)),
                        x -> x[0].split(new int[] {1, 2}, 0), "sum exactly to 4", "[1, 2]"))
                .error(ErrorCase.of("a negative size", () -> Fails.ins(Tensor.ones(4)),
                        x -> x[0].split(new int[] {5, -1}, 0), "non-negative"))
                // torch.tensor(1.).split([1], 0): "split expects at least a 1-dimensional tensor".
                .error(ErrorCase.of("0-d", () -> Fails.ins(Tensor.scalar(1)), x -> x[0].split(new int[] {1}, 0),
                        "at least a 1-dimensional tensor"))
                .error(Fails.dim(x -> x.split(new int[] {1}, 2))));

        db.add(op("unbind").dtypes(ALL)
                .add(Sample.of("unbind(int)", x -> x[0].unbind(0), t(3, 2)).ref(x -> new Nd[] {Ref.select(x[0], 0, 0),
                        Ref.select(x[0], 0, 1), Ref.select(x[0], 0, 2)}).noGradFn(VIEWS).label("dim 0"))
                .add(Sample.of("unbind(int)", x -> x[0].unbind(-1), t(3, 2).strided())
                        .ref(x -> new Nd[] {Ref.select(x[0], 1, 0), Ref.select(x[0], 1, 1)}).noGradFn(VIEWS)
                        .label("dim -1"))
                .add(Sample.of("unbind(int)", x -> x[0].unbind(0), t(0, 2)).ref(x -> new Nd[0]).noGrad("no outputs")
                        .label("empty"))
                .error(ErrorCase.of("0-d", () -> Fails.ins(Tensor.scalar(1)), x -> x[0].unbind(0), "no dimensions"))
                .error(Fails.dim(x -> x.unbind(2))));

        db.add(op("movedim_list").dtypes(ALL).gradFn("PermuteBackward0").errorName("movedim")
                .add(Sample.of("movedim(int[],int[])", x -> x[0].movedim(new int[] {0, 1}, new int[] {2, 0}),
                        t(2, 3, 4)).ref(x -> Ref.permute(x[0], 1, 2, 0)).label("[0, 1] to [2, 0]"))
                .add(Sample.of("movedim(int[],int[])", x -> x[0].movedim(new int[] {-1}, new int[] {0}),
                        t(2, 3).transposed()).ref(x -> Ref.permute(x[0], 1, 0)).label("[-1] to [0]"))
                .error(ErrorCase.of("lists of 2 and 1", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> x[0].movedim(new int[] {0, 1}, new int[] {1}), "same number"))
                .error(ErrorCase.of("a repeated source", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> x[0].movedim(new int[] {0, 0}, new int[] {0, 1}), "multiple times"))
                .error(Fails.dim(x -> x.movedim(new int[] {2}, new int[] {0}))));
    }

    private static void products(List<OpInfo> db) {
        db.add(op("bmm").dtypes(FLOATING).gradFn("BmmBackward0")
                .add(Sample.of("bmm(Tensor)", x -> x[0].bmm(x[1]), t(2, 3, 4), t(2, 4, 2)).ref(x -> Ref.matmul(x[0], x[1])))
                .add(Sample.of("bmm(Tensor)", x -> x[0].bmm(x[1]), t(2, 3, 4).transposed(), t(2, 4, 5).strided())
                        .ref(x -> Ref.matmul(x[0], x[1])).label("transposed and strided"))
                .add(Sample.of("bmm(Tensor)", x -> x[0].bmm(x[1]), t(2, 3, 0), t(2, 0, 2)).ref(x -> Ref.matmul(x[0], x[1]))
                        .label("empty inner dim"))
                .error(ErrorCase.of("batches 2 and 3", () -> Fails.ins(Tensor.ones(2, 3, 4), Tensor.ones(3, 4, 2)),
                        x -> x[0].bmm(x[1]), "2 vs 3"))
                .error(ErrorCase.of("2-D", () -> Fails.ins(Tensor.ones(3, 4), Tensor.ones(4, 2)), x -> x[0].bmm(x[1]),
                        "3-D"))
                .error(ErrorCase.of("int64", () -> Fails.ins(Tensor.ones(new int[] {1, 2, 2}, DType.INT64),
                        Tensor.ones(new int[] {1, 2, 2}, DType.INT64)), x -> x[0].bmm(x[1]), "int64"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(1, 2, 2), Tensor.ones(1, 2, 2).to(other)),
                        x -> x[0].bmm(x[1]))));

        db.add(op("addmm").dtypes(FLOATING).gradFn("AddmmBackward0")
                .add(Sample.of("addmm(Tensor,Tensor)", x -> x[0].addmm(x[1], x[2]), t(3), t(2, 4), t(4, 3))
                        .ref(x -> linear(x[0], Ref.matmul(x[1], x[2]), 1, 1)).label("a broadcast row"))
                .add(Sample.of("addmm(Tensor,Tensor,double,double)", x -> x[0].addmm(x[1], x[2], 0.5, -2),
                        t(2, 3).strided(), t(2, 4).transposed(), t(4, 3)).ref(x -> linear(x[0], Ref.matmul(x[1], x[2]),
                        0.5, -2)).label("beta 0.5, alpha -2"))
                .add(Sample.of("addmm(Tensor,Tensor,double,double)", x -> x[0].addmm(x[1], x[2], 0, 1),
                        values(new double[] {NAN, INF}, 2, 1), t(2, 2), t(2, 1)).ref(x -> linear(x[0],
                        Ref.matmul(x[1], x[2]), 0, 1)).noGrad("beta 0: the input's NaN is ignored, but its gradient is"
                        + " 0 * g, not a finite difference of NaN").label("beta 0 ignores NaN"))
                // PyTorch 1.13: torch.addmm([1, -1], [[1, 2], [3, 4]], [[1, 0], [2, 1]], beta=0.5, alpha=2)
                .add(Sample.of("addmm(Tensor,Tensor,double,double)", x -> x[0].addmm(x[1], x[2], 0.5, 2),
                        values(new double[] {1, -1}), values(new double[] {1, 2, 3, 4}, 2, 2),
                        values(new double[] {1, 0, 2, 1}, 2, 2)).ref(x -> Nd.of(new int[] {2, 2}, 10.5, 3.5, 22.5, 7.5))
                        .grads(null, GRAD, new double[] {1, 1}, new double[] {2, 6, 2, 6}, new double[] {8, 8, 12, 12})
                        .only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13"))
                .error(ErrorCase.of("input [4] for [2, 3]", () -> Fails.ins(Tensor.ones(4), Tensor.ones(2, 2),
                        Tensor.ones(2, 3)), x -> x[0].addmm(x[1], x[2]), "[4]", "[2, 3]"))
                .error(ErrorCase.of("inner 2 vs 3", () -> Fails.ins(Tensor.ones(1), Tensor.ones(2, 2),
                        Tensor.ones(3, 3)), x -> x[0].addmm(x[1], x[2]), "2 vs 3"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2), Tensor.ones(2, 2), Tensor.ones(2, 2)
                        .to(other)), x -> x[0].addmm(x[1], x[2]))));

        db.add(op("baddbmm").dtypes(FLOATING).gradFn("BaddbmmBackward0")
                .add(Sample.of("baddbmm(Tensor,Tensor,double,double)", x -> x[0].baddbmm(x[1], x[2], 1, 1),
                        t(2, 3, 2), t(2, 3, 4), t(2, 4, 2)).ref(x -> linear(x[0], Ref.matmul(x[1], x[2]), 1, 1)))
                .add(Sample.of("baddbmm(Tensor,Tensor,double,double)", x -> x[0].baddbmm(x[1], x[2], -1, 0.5),
                        t(3, 1), t(2, 3, 4).transposed(), t(2, 4, 1)).ref(x -> linear(x[0], Ref.matmul(x[1], x[2]),
                        -1, 0.5)).label("a broadcast input, beta -1, alpha 0.5"))
                // PyTorch 1.13: torch.baddbmm([[[1]]], [[[1, 2]], [[3, 4]]], [[[1], [2]], [[0.5], [1]]], beta=2, alpha=-1)
                .add(Sample.of("baddbmm(Tensor,Tensor,double,double)", x -> x[0].baddbmm(x[1], x[2], 2, -1),
                        values(new double[] {1}, 1, 1, 1), values(new double[] {1, 2, 3, 4}, 2, 1, 2),
                        values(new double[] {1, 2, 0.5, 1}, 2, 2, 1)).ref(x -> Nd.of(new int[] {2, 1, 1}, -3, -3.5))
                        .grads(null, GRAD, new double[] {4}, new double[] {-1, -2, -0.5, -1},
                                new double[] {-1, -2, -3, -4}).only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13"))
                .error(ErrorCase.of("batches 2 and 3", () -> Fails.ins(Tensor.ones(1), Tensor.ones(2, 1, 2),
                        Tensor.ones(3, 2, 1)), x -> x[0].baddbmm(x[1], x[2], 1, 1), "2 vs 3")));

        db.add(op("outer").dtypes(NUMERIC).gradFn("MulBackward0")
                .add(Sample.of("outer(Tensor)", x -> x[0].outer(x[1]), t(3), t(4).strided())
                        .ref(x -> tabulate(new int[] {3, 4}, i -> x[0].at(i[0]) * x[1].at(i[1]))))
                .add(Sample.of("outer(Tensor)", x -> x[0].outer(x[1]), t(0), t(2))
                        .ref(x -> Nd.of(new int[] {0, 2})).label("empty"))
                // PyTorch 1.13: torch.outer([1, 2], [3, 4, 5])
                .add(Sample.of("outer(Tensor)", x -> x[0].outer(x[1]), values(new double[] {1, 2}),
                        values(new double[] {3, 4, 5})).ref(x -> Nd.of(new int[] {2, 3}, 3, 4, 5, 6, 8, 10))
                        .grads(null, GRAD, new double[] {12, 12}, new double[] {3, 3, 3}).only(DType.FLOAT64)
                        .label("PyTorch 1.13"))
                .error(ErrorCase.of("2-D", () -> Fails.ins(Tensor.ones(2, 2), Tensor.ones(2)), x -> x[0].outer(x[1]),
                        "1-D"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2), Tensor.ones(3).to(other)),
                        x -> x[0].outer(x[1]))));

        db.add(op("kron").dtypes(NUMERIC).gradFn("UnsafeViewBackward0")
                .add(Sample.of("kron(Tensor)", x -> x[0].kron(x[1]), t(2, 3), t(2, 2).strided())
                        .ref(x -> tabulate(new int[] {4, 6}, i -> x[0].at(i[0] / 2, i[1] / 2) * x[1].at(i[0] % 2,
                                i[1] % 2))))
                .add(Sample.of("kron(Tensor)", x -> x[0].kron(x[1]), t(3), t(2, 2))
                        .ref(x -> tabulate(new int[] {2, 6}, i -> x[0].at(i[1] / 2) * x[1].at(i[0], i[1] % 2)))
                        .label("ranks 1 and 2"))
                .add(Sample.of("kron(Tensor)", x -> x[0].kron(x[1]), t(), t())
                        .ref(x -> Nd.scalar(x[0].at() * x[1].at())).label("0-d"))
                .add(Sample.of("kron(Tensor)", x -> x[0].kron(x[1]), t(0, 2), t(3, 1))
                        .ref(x -> Nd.of(new int[] {0, 2})).label("empty"))
                // PyTorch 1.13: torch.kron([[1, 2], [3, 4]], [0.5, -1, 2]) in float64, and its gradients for
                // backward(arange(12.).reshape(2, 6))
                .add(Sample.of("kron(Tensor)", x -> x[0].kron(x[1]), values(new double[] {1, 2, 3, 4}, 2, 2),
                        values(new double[] {0.5, -1, 2})).ref(x -> Nd.of(new int[] {2, 6}, 0.5, -1, 2, 1, -2, 4, 1.5,
                        -3, 6, 2, -4, 8)).grads(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, GRAD,
                        new double[] {3, 7.5, 12, 16.5}, new double[] {60, 70, 80}).only(DType.FLOAT64)
                        .label("PyTorch 1.13"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2), Tensor.ones(3).to(other)),
                        x -> x[0].kron(x[1]))));

        // PyTorch 1.13: for A = [[2, 1, 0], [1, 3, 1], [0, 1, 4]] (float64), A.inverse() and the gradient of
        // backward(arange(9.).reshape(3, 3)); A.det() = 18 and its gradient [[11, -4, 1], [-4, 8, -2], [1, -2, 5]];
        // [[1, 2], [2, 4]].inverse() raises "linalg.inv: The diagonal element 2 is zero, the inversion could not be
        // completed because the input matrix is singular."; its det is -0.0; 0 x 0 matrices have det 1
        double[] spd = {2, 1, 0, 1, 3, 1, 0, 1, 4};
        db.add(op("inverse").dtypes(FLOATING).gradFn("LinalgInvExBackward0").errorName("linalg.inv")
                .add(Sample.of("inverse()", x -> x[0].inverse(), values(spd, 3, 3)).ref(x -> Nd.of(new int[] {3, 3},
                        0.6111111111111112, -0.22222222222222224, 0.05555555555555556, -0.22222222222222224,
                        0.4444444444444445, -0.11111111111111112, 0.05555555555555556, -0.11111111111111112,
                        0.2777777777777778)).only(DType.FLOAT64).grads(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, GRAD,
                        new double[] {0.1975308641975309, -0.061728395061728406, -0.12345679012345681,
                                -0.28395061728395066, -0.09876543209876544, -0.19753086419753088, -0.5679012345679013,
                                -0.19753086419753088, -0.39506172839506176}).label("PyTorch 1.13"))
                .add(Sample.of("inverse()", x -> x[0].add(x[1]).inverse(), t(2, 4, 4), values(
                        new double[] {4, 0, 0, 0, 0, 4, 0, 0, 0, 0, 4, 0, 0, 0, 0, 4}, 4, 4).noGrad()).ref(x ->
                        matrices(x[0], 4, m -> invert(plus(m, x[1].data), 4))).label("a batch, well conditioned"))
                .add(Sample.of("inverse()", x -> x[0].inverse(), values(new double[] {0, 1, 1, 0}, 2, 2))
                        .ref(x -> Nd.of(new int[] {2, 2}, 0, 1, 1, 0)).label("a row swap"))
                .add(Sample.of("inverse()", x -> x[0].inverse(), t(0, 0)).ref(x -> Nd.of(new int[] {0, 0}))
                        .noGradFn("0 x 0").label("0 x 0"))
                .error(ErrorCase.of("a singular matrix", () -> Fails.ins(Tensor.of(new float[] {1, 2, 2, 4}, 2, 2)),
                        x -> x[0].inverse(), "The diagonal element 2 is zero"))
                .error(ErrorCase.of("2 x 3 matrices", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].inverse(),
                        "2 by 3 matrices"))
                .error(ErrorCase.of("int64", () -> Fails.ins(Tensor.ones(new int[] {2, 2}, DType.INT64)),
                        x -> x[0].inverse(), "floating point")));
        db.add(op("det").dtypes(FLOATING).gradFn("LinalgDetBackward0").errorName("linalg.det")
                .add(Sample.of("det()", x -> x[0].det(), values(spd, 3, 3)).ref(x -> Nd.scalar(18)).only(DType.FLOAT64)
                        .grads(null, GRAD, new double[] {11, -4, 1, -4, 8, -2, 1, -2, 5}).label("PyTorch 1.13"))
                .add(Sample.of("det()", x -> x[0].add(x[1]).det(), t(3, 4, 4), values(
                        new double[] {4, 0, 0, 0, 0, 4, 0, 0, 0, 0, 4, 0, 0, 0, 0, 4}, 4, 4).noGrad()).ref(x -> {
                            double[] out = new double[3];
                            for (int b = 0; b < 3; b++) {
                                out[b] = determinant(plus(Arrays.copyOfRange(x[0].data, b * 16, b * 16 + 16), x[1].data),
                                        4);
                            }
                            return Nd.of(new int[] {3}, out);
                        }).label("a batch, well conditioned"))
                .add(Sample.of("det()", x -> x[0].det(), values(new double[] {1, 2, 2, 4}, 2, 2)).ref(x ->
                        Nd.scalar(0)).noGrad("a singular matrix: its gradient raises").label("singular"))
                .add(Sample.of("det()", x -> x[0].det(), values(new double[] {0, 1, 1, 0}, 2, 2)).ref(x ->
                        Nd.scalar(-1)).label("a row swap"))
                .add(Sample.of("det()", x -> x[0].det(), t(2, 0, 0)).ref(x -> Nd.of(new int[] {2}, 1, 1))
                        .noGradFn("0 x 0").label("0 x 0: 1"))
                .error(ErrorCase.of("2 x 3 matrices", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].det(),
                        "2 by 3 matrices")));

        // PyTorch 1.13: torch.linalg.solve(A, b) for A as above and b = [1, -2, 0.5] (float64), with the gradients of
        // backward([1, 2, 3]); B = [[1, 0], [2, 1], [0, -1]]; "Incompatible shapes of A and B for the equation AX = B
        // (3x3 and 4x1)"; a singular A: "The solver failed because the input matrix is singular."
        db.add(op("solve").dtypes(FLOATING).gradFn("LinalgSolveExBackward0").errorName("linalg.solve")
                .add(Sample.of("solve(Tensor)", x -> x[0].solve(x[1]), values(spd, 3, 3), values(new double[] {1, -2,
                        0.5})).ref(x -> Nd.of(new int[] {3}, 1.0833333333333335, -1.1666666666666667,
                        0.41666666666666663)).only(DType.FLOAT64).grads(new double[] {1, 2, 3}, GRAD, new double[] {
                        -0.36111111111111116, 0.3888888888888889, -0.13888888888888887, -0.3611111111111112,
                        0.38888888888888895, -0.1388888888888889, -0.7222222222222223, 0.7777777777777778,
                        -0.27777777777777773}, new double[] {0.3333333333333333, 0.33333333333333337,
                        0.6666666666666666}).label("a vector, PyTorch 1.13"))
                .add(Sample.of("solve(Tensor)", x -> x[0].solve(x[1]), values(spd, 3, 3), values(new double[] {1, 0, 2,
                        1, 0, -1}, 3, 2)).ref(x -> Nd.of(new int[] {3, 2}, 0.16666666666666663, -0.2777777777777778,
                        0.6666666666666667, 0.5555555555555556, -0.16666666666666669, -0.3888888888888889))
                        .only(DType.FLOAT64).label("a matrix, PyTorch 1.13"))
                .add(Sample.of("solve(Tensor)", x -> x[0].add(x[1]).solve(x[2]), t(2, 4, 4), values(new double[] {4, 0,
                        0, 0, 0, 4, 0, 0, 0, 0, 4, 0, 0, 0, 0, 4}, 4, 4).noGrad(), t(4, 3)).ref(x -> {
                            double[] out = new double[2 * 4 * 3];
                            for (int b = 0; b < 2; b++) {
                                double[] inv = invert(plus(Arrays.copyOfRange(x[0].data, b * 16, b * 16 + 16),
                                        x[1].data), 4);
                                for (int i = 0; i < 4; i++) {
                                    for (int j = 0; j < 3; j++) {
                                        double sum = 0;
                                        for (int q = 0; q < 4; q++) {
                                            sum += inv[i * 4 + q] * x[2].data[q * 3 + j];
                                        }
                                        out[(b * 4 + i) * 3 + j] = sum;
                                    }
                                }
                            }
                            return Nd.of(new int[] {2, 4, 3}, out);
                        }).label("a batch of matrices, one right-hand side broadcast"))
                .error(ErrorCase.of("3 x 3 and 4 rows", () -> Fails.ins(Tensor.eye(3), Tensor.ones(4)),
                        x -> x[0].solve(x[1]), "(3x3 and 4x1)"))
                .error(ErrorCase.of("a singular matrix", () -> Fails.ins(Tensor.of(new float[] {1, 2, 2, 4}, 2, 2),
                        Tensor.ones(2)), x -> x[0].solve(x[1]), "singular"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.eye(2), Tensor.ones(2).to(other)),
                        x -> x[0].solve(x[1]))));

        String composed = "composed of permute, diagonal, sum and matmul: PyTorch's nodes differ by equation";
        db.add(op("einsum").dtypes(FLOATING)
                .add(einsum("ij,jk->ik", t(2, 3), t(3, 4)).label("matmul"))
                .add(einsum("bij,bjk->bik", t(2, 2, 3), t(2, 3, 2).transposed()).label("batched matmul"))
                .add(einsum("i,j->ij", t(3), t(2)).label("outer"))
                .add(einsum("ij->ji", t(2, 3)).label("transpose"))
                .add(einsum("ii->", t(3, 3)).label("trace"))
                .add(einsum("ii->i", t(3, 3).transposed()).label("diagonal"))
                .add(einsum("ij->j", t(3, 2)).label("sum over i"))
                .add(einsum("bhqd,bhkd->bhqk", t(1, 2, 3, 2), t(1, 2, 4, 2)).label("attention scores"))
                .add(einsum("ij,ij->", t(2, 3), t(2, 3).strided()).label("full contraction"))
                .add(einsum("ijk,ik->j", t(2, 3, 2), t(2, 2)).label("contraction over named dims"))
                .add(einsum("i,i,i->", t(3), t(3), t(3)).label("three operands"))
                .add(einsum("ij,kj->ik", t(2, 1), t(3, 4)).label("size 1 broadcasts"))
                .add(einsum("ij,jk->ik", t(2, 0), t(0, 3)).label("empty contraction"))
                .add(Sample.of("einsum(String,Tensor[])", x -> Tensor.einsum("...ij->...ji", x[0]), t(2, 2, 3))
                        .ref(x -> Ref.transpose(x[0], 1, 2)).noGradFn(composed).label("...ij->...ji"))
                .add(Sample.of("einsum(String,Tensor[])", x -> Tensor.einsum("...ij,...jk->...ik", x[0], x[1]),
                        t(2, 1, 2, 3), t(3, 3, 2)).ref(x -> Ref.matmul(x[0], x[1])).noGradFn(composed)
                        .label("ellipsis dims broadcast"))
                .add(Sample.of("einsum(String,Tensor[])", x -> Tensor.einsum("ba,b", x[0], x[1]), t(2, 3), t(2))
                        .ref(x -> einsum("ba,b->a", x[0], x[1])).noGradFn(composed).label("implicit output ba,b"))
                .add(Sample.of("einsum(String,Tensor[])", x -> Tensor.einsum("ii", x[0]),
                        values(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3)).ref(x -> Nd.scalar(15))
                        // PyTorch 1.13: torch.einsum('ii', arange(1, 10).reshape(3, 3)).backward()
                        .grads(null, GRAD, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}).noGradFn(composed)
                        .only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, implicit trace"))
                .error(ErrorCase.of("sizes 3 and 2", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2, 3)),
                        x -> Tensor.einsum("ij,jk->ik", x), "subscript j", "size 2"))
                .error(ErrorCase.of("an output subscript not in the inputs", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> Tensor.einsum("ij->ik", x), "output subscript k"))
                .error(ErrorCase.of("one operand for two terms", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> Tensor.einsum("ij,ij", x), "fewer operands"))
                .error(ErrorCase.of("3 subscripts for 2 dims", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> Tensor.einsum("ijk->ij", x), "subscripts in the equation (3)", "dimensions (2)"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(3, 2).to(other)),
                        x -> Tensor.einsum("ij,jk->ik", x)))
                .error(ErrorCase.of("a digit", () -> Fails.ins(Tensor.ones(2, 3)), x -> Tensor.einsum("i1->i", x),
                        "invalid subscript '1'")));
    }

    private static Sample einsum(String equation, In... inputs) {
        return Sample.of("einsum(String,Tensor[])", x -> Tensor.einsum(equation, x), inputs)
                .ref(x -> einsum(equation, x)).noGradFn("composed: PyTorch's nodes differ by equation");
    }

    private static void scans(List<OpInfo> db) {
        db.add(op("cumsum").dtypes(ALL).result(SUM_RESULT).gradFn("CumsumBackward0")
                .add(Sample.of("cumsum(int)", x -> x[0].cumsum(1), t(2, 5)).ref(x -> cumsum(x[0], 1)).label("dim 1"))
                .add(Sample.of("cumsum(int)", x -> x[0].cumsum(0), t(3, 2).transposed()).ref(x -> cumsum(x[0], 0))
                        .label("dim 0"))
                .add(Sample.of("cumsum(int)", x -> x[0].cumsum(-1), t(37).strided()).ref(x -> cumsum(x[0], 0))
                        .label("37 elements: six scan steps"))
                .add(Sample.of("cumsum(int)", x -> x[0].cumsum(0), t(5000, 2)).ref(x -> cumsum(x[0], 0))
                        .noGrad("long: the short samples check the same backward").label("5000 elements"))
                .add(Sample.of("cumsum(int)", x -> x[0].cumsum(0), t()).ref(x -> x[0]).label("0-d"))
                .add(Sample.of("cumsum(int)", x -> x[0].cumsum(1), t(2, 0)).ref(x -> x[0]).label("empty"))
                // PyTorch 1.13: torch.tensor([1., 2, 3, 4]).cumsum(0).backward([1, 0, 0, 1])
                .add(Sample.of("cumsum(int)", x -> x[0].cumsum(0), values(new double[] {1, 2, 3, 4}))
                        .ref(x -> Nd.vector(1, 3, 6, 10)).grads(new double[] {1, 0, 0, 1}, GRAD,
                                new double[] {2, 1, 1, 1}).only(DType.FLOAT64).label("PyTorch 1.13"))
                .error(Fails.dim(x -> x.cumsum(2))));

        db.add(op("prod").dtypes(ALL).result(SUM_RESULT).gradFn("ProdBackward1")
                .add(Sample.of("prod()", x -> x[0].prod(), t(2, 3)).ref(x -> Nd.scalar(product(x[0].data)))
                        .gradFn("ProdBackward0"))
                .add(Sample.of("prod()", x -> x[0].prod(), t(5).strided()).ref(x -> Nd.scalar(product(x[0].data)))
                        .gradFn("ProdBackward0"))
                .add(Sample.of("prod()", x -> x[0].prod(), t()).ref(x -> Nd.scalar(x[0].data[0])).gradFn("ProdBackward0"))
                .add(Sample.of("prod()", x -> x[0].prod(), t(0)).ref(x -> Nd.scalar(1)).gradFn("ProdBackward0")
                        .label("empty: 1"))
                .add(Sample.of("prod(int,boolean)", x -> x[0].prod(1, false), t(3, 5).transposed())
                        .ref(x -> Ref.reduce(x[0], new int[] {1}, false, ModelOpsDb::product)).label("dim 1"))
                .add(Sample.of("prod(int,boolean)", x -> x[0].prod(0, true), t(3, 2))
                        .ref(x -> Ref.reduce(x[0], new int[] {0}, true, ModelOpsDb::product)).label("dim 0, keepdim"))
                .add(Sample.of("prod(int,boolean)", x -> x[0].prod(-1, false), t(2, 0))
                        .ref(x -> Nd.vector(1, 1)).label("over an empty dim"))
                .add(Sample.of("prod(int,boolean)", x -> x[0].prod(0, false),
                        values(new double[] {2, 0, 0, 3, 0, 4, 5, 6}, 2, 4)).ref(x -> Nd.vector(0, 0, 0, 18))
                        .only(DType.FLOAT32, DType.FLOAT64, DType.INT64).label("zeros: none, one and two per column"))
                // PyTorch 1.13: torch.tensor([2., 0, 3, 4]).prod().backward()
                .add(Sample.of("prod()", x -> x[0].prod(), values(new double[] {2, 0, 3, 4})).ref(x -> Nd.scalar(0))
                        .grads(null, GRAD, new double[] {0, 24, 0, 0}).gradFn("ProdBackward0").only(DType.FLOAT64)
                        .label("PyTorch 1.13, one zero"))
                // PyTorch 1.13: torch.tensor([0., 2, 0, 5]).prod().backward()
                .add(Sample.of("prod()", x -> x[0].prod(), values(new double[] {0, 2, 0, 5})).ref(x -> Nd.scalar(0))
                        .grads(null, GRAD, new double[] {0, 0, 0, 0}).gradFn("ProdBackward0").only(DType.FLOAT64)
                        .label("PyTorch 1.13, two zeros"))
                // PyTorch 1.13: torch.tensor([[2., 0, 3], [1, -2, 4]]).prod(1).sum().backward()
                .add(Sample.of("prod(int,boolean)", x -> x[0].prod(1, false), values(new double[] {2, 0, 3, 1, -2, 4},
                        2, 3)).ref(x -> Nd.vector(0, -8)).grads(null, GRAD, new double[] {0, 6, 0, -8, 4, -2})
                        .only(DType.FLOAT64).label("PyTorch 1.13"))
                .error(Fails.dim(x -> x.prod(2, false))));

        // PyTorch 1.13: x = [[3., 1, 2, 4], [5, nan, 0, 1]]; x.median(1) is ([2, nan], [2, 1]) (the lower of the two
        // middle values; a row with NaN gives NaN at its index); backward of [1, 0] gives [[0, 0, 1, 0], [0, 0, 0, 0]]
        db.add(op("median").dtypes(NUMERIC).gradFn("MedianBackward1")
                .add(Sample.of("median(int,boolean)", x -> x[0].median(1, false), values(new double[] {3, 1, 2, 4, 5, NAN,
                        0, 1}, 2, 4)).ref(x -> new Nd[] {Nd.vector(2, NAN), Nd.vector(2, 1).as(DType.INT64)})
                        .grads(new double[] {1, 0}, Tolerance.EXACT, new double[] {0, 0, 1, 0, 0, 0, 0, 0})
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN").label("PyTorch 1.13, with NaN"))
                // PyTorch 1.13: x = [[3., 1, 2], [0, 5, 4]]; x.median(0, keepdim=True) is ([[0, 1, 2]], [[1, 0, 0]]);
                // backward of [[1, 2, 3]] gives [[0, 2, 3], [1, 0, 0]]
                .add(Sample.of("median(int,boolean)", x -> x[0].median(0, true), values(new double[] {3, 1, 2, 0, 5, 4}, 2,
                        3)).ref(x -> new Nd[] {Nd.of(new int[] {1, 3}, 0, 1, 2), Nd.of(new int[] {1, 3}, 1, 0, 0)
                        .as(DType.INT64)}).grads(new double[] {1, 2, 3}, Tolerance.EXACT, new double[] {0, 2, 3, 1, 0, 0})
                        .only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, keepdim, an even count"))
                .add(Sample.of("median(int,boolean)", x -> x[0].median(-1, false).values(), t(3, 5))
                        .ref(x -> {
                            double[] medians = new double[3];
                            for (int r = 0; r < 3; r++) {
                                double[] row = new double[5];
                                for (int c = 0; c < 5; c++) {
                                    row[c] = x[0].at(r, c);
                                }
                                Arrays.sort(row);
                                medians[r] = row[2];
                            }
                            return Nd.vector(medians);
                        }).label("random rows"))
                .add(Sample.of("median(int,boolean)", x -> x[0].median(0, false).values(), t())
                        .ref(x -> x[0]).label("0-d"))
                // PyTorch 1.13: torch.tensor([3., 1, 2, 4]).median() is 2, its gradient [0, 0, 1, 0];
                // torch.tensor([]).median() is nan
                .add(Sample.of("median()", x -> x[0].median(), values(new double[] {3, 1, 2, 4}))
                        .ref(x -> Nd.scalar(2)).grads(null, Tolerance.EXACT, new double[] {0, 0, 1, 0})
                        .gradFn("MedianBackward0").only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, all elements"))
                // PyTorch 1.13: x = torch.tensor([1., 2, 2, 5]); x.median().backward() gives x.grad [0, 0.5, 0.5, 0]
                // (MedianBackward0 shares the gradient among the elements equal to the median, as max() does)
                .add(Sample.of("median()", x -> x[0].median(), values(new double[] {1, 2, 2, 5}))
                        .ref(x -> Nd.scalar(2)).grads(null, Tolerance.EXACT, new double[] {0, 0.5, 0.5, 0})
                        .gradFn("MedianBackward0").only(DType.FLOAT32, DType.FLOAT64).noGrad("a tie: not differentiable")
                        .label("PyTorch 1.13, tied median"))
                // PyTorch 1.13: x = torch.tensor([1., nan, 3, nan]); x.median().backward() gives x.grad [0, 0.5, 0, 0.5]
                .add(Sample.of("median()", x -> x[0].median(), values(new double[] {1, NAN, 3, NAN}))
                        .ref(x -> Nd.scalar(NAN)).grads(null, Tolerance.EXACT, new double[] {0, 0.5, 0, 0.5})
                        .gradFn("MedianBackward0").only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN")
                        .label("PyTorch 1.13, NaN median"))
                // PyTorch 1.13: torch.tensor([[1., nan, 3, nan], [nan, 2, nan, 0]]).median(1) is ([nan, nan], [1, 0]):
                // the index of a row's first NaN
                .add(Sample.of("median(int,boolean)", x -> x[0].median(1, false), values(new double[] {1, NAN, 3, NAN,
                        NAN, 2, NAN, 0}, 2, 4)).ref(x -> new Nd[] {Nd.vector(NAN, NAN), Nd.vector(1, 0).as(DType.INT64)})
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN").label("PyTorch 1.13, the first NaN's index"))
                .add(Sample.of("median()", x -> x[0].median(), t(0)).ref(x -> Nd.scalar(NAN))
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("empty").gradFn("MedianBackward0").label("empty: NaN"))
                // PyTorch 1.13: torch.zeros(2, 0).median(1) raises "Expected reduction dim 1 to have non-zero size"
                .error(ErrorCase.of("an empty dim", () -> Fails.ins(Tensor.zeros(2, 0)), x -> x[0].median(1, false),
                        "non-zero size"))
                .error(ErrorCase.of("a bool tensor", () -> Fails.ins(Tensor.of(new boolean[] {true})),
                        x -> x[0].median(), "bool"))
                .error(Fails.dim(x -> x.median(2, false))));

        // PyTorch 1.13: x = [[5., 1, 3, 2], [4, 6, 0, 9]]; x.kthvalue(2, 1) is ([2, 4], [3, 0]); backward of [1, 2]
        // gives [[0, 0, 0, 1], [2, 0, 0, 0]]; [[5., nan, 3]].kthvalue(3, 1) is ([nan], [1])
        db.add(op("kthvalue").dtypes(NUMERIC).gradFn("KthvalueBackward0")
                .add(Sample.of("kthvalue(int,int,boolean)", x -> x[0].kthvalue(2, 1, false), values(new double[] {5, 1, 3,
                        2, 4, 6, 0, 9}, 2, 4)).ref(x -> new Nd[] {Nd.vector(2, 4), Nd.vector(3, 0).as(DType.INT64)})
                        .grads(new double[] {1, 2}, Tolerance.EXACT, new double[] {0, 0, 0, 1, 2, 0, 0, 0})
                        .only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13"))
                .add(Sample.of("kthvalue(int,int,boolean)", x -> x[0].kthvalue(3, 1, true), values(new double[] {5, NAN,
                        3}, 1, 3)).ref(x -> new Nd[] {Nd.of(new int[] {1, 1}, NAN), Nd.of(new int[] {1, 1}, 1)
                        .as(DType.INT64)}).only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN")
                        .label("PyTorch 1.13, NaN is the largest"))
                // PyTorch 1.13: torch.tensor([1., 2]).kthvalue(3) raises "selected number k out of range"
                .error(ErrorCase.of("k past the size", () -> Fails.ins(Tensor.ones(2)), x -> x[0].kthvalue(3, 0, false),
                        "out of range", "k = 3"))
                .error(ErrorCase.of("k = 0", () -> Fails.ins(Tensor.ones(2)), x -> x[0].kthvalue(0, 0, false),
                        "out of range")));

        db.add(op("sort").dtypes(NUMERIC).gradFn("SortBackward0")
                .add(Sample.of("sort()", x -> x[0].sort(), t(3, 5)).ref(x -> sort(x[0], -1, false, -1)))
                .add(Sample.of("sort(int,boolean)", x -> x[0].sort(0, true), t(4, 3).transposed())
                        .ref(x -> sort(x[0], 0, true, -1)).label("dim 0, descending"))
                .add(Sample.of("sort(int,boolean)", x -> x[0].sort(-1, false), t(2, 13).strided())
                        .ref(x -> sort(x[0], 1, false, -1)).label("13 elements: padded to 16"))
                .add(Sample.of("sort(int,boolean)", x -> x[0].sort(1, true), t(3, 300)).ref(x -> sort(x[0], 1, true, -1))
                        .noGrad("long rows: the short samples check the same backward").label("300 per row"))
                .add(Sample.of("sort()", x -> x[0].sort(), t()).ref(x -> sort(x[0], 0, false, -1)).label("0-d"))
                .add(Sample.of("sort()", x -> x[0].sort(), t(2, 0)).ref(x -> sort(x[0], 1, false, -1)).label("empty"))
                .add(Sample.of("sort()", x -> x[0].sort(), values(new double[] {2, 1, 2, 1, 2, 1, 0})).ref(x ->
                        sort(x[0], 0, false, -1)).noGrad("ties").label("ties keep their order (stable)"))
                // PyTorch 1.13: torch.tensor([3., nan, 1, 3, -inf]).sort(stable=True)
                .add(Sample.of("sort()", x -> x[0].sort(), values(new double[] {3, NAN, 1, 3, -INF}))
                        .ref(x -> new Nd[] {Nd.vector(-INF, 1, 3, 3, NAN), Nd.vector(4, 2, 0, 3, 1).as(DType.INT64)})
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN and infinity").label("PyTorch 1.13, NaN last"))
                // PyTorch 1.13: torch.tensor([3., nan, 1, 3, -inf]).sort(descending=True, stable=True)
                .add(Sample.of("sort(int,boolean)", x -> x[0].sort(0, true), values(new double[] {3, NAN, 1, 3, -INF}))
                        .ref(x -> new Nd[] {Nd.vector(NAN, 3, 3, 1, -INF), Nd.vector(1, 0, 3, 2, 4).as(DType.INT64)})
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN and infinity")
                        .label("PyTorch 1.13, descending, NaN first"))
                .error(Fails.dim(x -> x.sort(2, false))));

        db.add(op("argsort").dtypes(NUMERIC).result(t -> DType.INT64).notDifferentiable()
                .add(Sample.of("argsort()", x -> x[0].argsort(), t(3, 5)).ref(x -> sort(x[0], -1, false, -1)[1]))
                .add(Sample.of("argsort(int,boolean)", x -> x[0].argsort(0, true), t(4, 3).transposed())
                        .ref(x -> sort(x[0], 0, true, -1)[1]).label("dim 0, descending"))
                .add(Sample.of("argsort()", x -> x[0].argsort(), t(2, 0)).ref(x -> sort(x[0], 1, false, -1)[1])
                        .label("empty"))
                // PyTorch 1.13: torch.argsort(torch.tensor([3., 1., 2., 1.])) = [1, 3, 2, 0]
                .add(Sample.of("argsort()", x -> x[0].argsort(), values(new double[] {3, 1, 2, 1}))
                        .ref(x -> Nd.vector(1, 3, 2, 0).as(DType.INT64)).label("PyTorch 1.13, ties in order"))
                .error(Fails.dim(x -> x.argsort(2, false))));

        db.add(op("topk").dtypes(NUMERIC).gradFn("TopkBackward0")
                .add(Sample.of("topk(int)", x -> x[0].topk(2), t(3, 5)).ref(x -> sort(x[0], -1, true, 2)))
                .add(Sample.of("topk(int,int,boolean)", x -> x[0].topk(3, 0, false), t(4, 2).transposed())
                        .ref(x -> sort(x[0], 0, false, 3)).label("3 smallest along 0"))
                .add(Sample.of("topk(int)", x -> x[0].topk(5), t(2, 1000)).ref(x -> sort(x[0], -1, true, 5))
                        .noGrad("long rows: the short samples check the same backward").label("5 of 1000"))
                .add(Sample.of("topk(int,int,boolean)", x -> x[0].topk(0, 1, true), t(2, 3))
                        .ref(x -> sort(x[0], 1, true, 0)).label("k = 0"))
                // PyTorch 1.13: torch.tensor([1., 5, 2, 4]).topk(2), backward([1, 2])
                .add(Sample.of("topk(int)", x -> x[0].topk(2), values(new double[] {1, 5, 2, 4}))
                        .ref(x -> new Nd[] {Nd.vector(5, 4), Nd.vector(1, 3).as(DType.INT64)})
                        .grads(new double[] {1, 2}, GRAD, new double[] {0, 1, 0, 2}).only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13"))
                .error(ErrorCase.of("k 4 of 3", () -> Fails.ins(Tensor.ones(3)), x -> x[0].topk(4), "k (4)", "size 3"))
                .error(Fails.dim(x -> x.topk(1, 2, true))));
    }

    private static void rearranging(List<OpInfo> db) {
        db.add(op("repeat").dtypes(ALL).gradFn("RepeatBackward0")
                .add(Sample.of("repeat(int[])", x -> x[0].repeat(2, 3), t(2, 1)).ref(x -> repeat(x[0], 2, 3)))
                .add(Sample.of("repeat(int[])", x -> x[0].repeat(2, 1, 2), t(3, 2).transposed())
                        .ref(x -> repeat(x[0], 2, 1, 2)).label("a new leading dim"))
                .add(Sample.of("repeat(int[])", x -> x[0].repeat(3), t()).ref(x -> repeat(x[0], 3)).label("0-d"))
                .add(Sample.of("repeat(int[])", x -> x[0].repeat(0, 2), t(2)).ref(x -> repeat(x[0], 0, 2)).label("0 times"))
                // PyTorch 1.13: torch.tensor([1., 2]).repeat(2, 2).backward(arange(8).reshape(2, 4))
                .add(Sample.of("repeat(int[])", x -> x[0].repeat(2, 2), values(new double[] {1, 2}))
                        .ref(x -> Nd.of(new int[] {2, 4}, 1, 2, 1, 2, 1, 2, 1, 2))
                        .grads(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, GRAD, new double[] {12, 16}).only(DType.FLOAT64)
                        .label("PyTorch 1.13"))
                .error(ErrorCase.of("1 repeat for 2 dims", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].repeat(2),
                        "can not be smaller")));

        db.add(op("flip").dtypes(ALL).gradFn("FlipBackward0")
                .add(Sample.of("flip(int[])", x -> x[0].flip(0, 1), t(2, 3)).ref(x -> flip(x[0], 0, 1)))
                .add(Sample.of("flip(int[])", x -> x[0].flip(-1), t(3, 4).strided()).ref(x -> flip(x[0], 1)).label("-1"))
                .add(Sample.of("flip(int[])", x -> x[0].flip(), t(3)).ref(x -> x[0]).label("no dims"))
                .add(Sample.of("flip(int[])", x -> x[0].flip(0), t()).ref(x -> x[0]).label("0-d"))
                .error(ErrorCase.of("a repeated dim", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].flip(0, -2),
                        "multiple times"))
                .error(Fails.dim(x -> x.flip(2))));

        db.add(op("roll").dtypes(ALL).gradFn("RollBackward0")
                .add(Sample.of("roll(int)", x -> x[0].roll(1), t(2, 2)).ref(x -> roll(x[0], new int[] {1}, new int[0]))
                        .label("flattened"))
                .add(Sample.of("roll(int)", x -> x[0].roll(-7), t(3, 2).transposed())
                        .ref(x -> roll(x[0], new int[] {-7}, new int[0])).label("-7, flattened"))
                .add(Sample.of("roll(int[],int[])", x -> x[0].roll(new int[] {1, -1}, new int[] {0, 1}), t(2, 3))
                        .ref(x -> roll(x[0], new int[] {1, -1}, new int[] {0, 1})).label("(1, -1) along (0, 1)"))
                .add(Sample.of("roll(int[],int[])", x -> x[0].roll(new int[] {2}, new int[] {1}), t(2, 0))
                        .ref(x -> x[0]).label("empty"))
                // PyTorch 1.13: x.roll((1, -1), (0, 1)) for x = [[1., 2, 3], [4, 5, 6]], backward([[1, 2, 3], [4, 5, 6]])
                .add(Sample.of("roll(int[],int[])", x -> x[0].roll(new int[] {1, -1}, new int[] {0, 1}),
                        values(new double[] {1, 2, 3, 4, 5, 6}, 2, 3)).ref(x -> Nd.of(new int[] {2, 3}, 5, 6, 4, 2, 3, 1))
                        .grads(new double[] {1, 2, 3, 4, 5, 6}, GRAD, new double[] {6, 4, 5, 3, 1, 2})
                        .only(DType.FLOAT64).label("PyTorch 1.13"))
                .error(ErrorCase.of("2 shifts, 1 dim", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> x[0].roll(new int[] {1, 2}, new int[] {0}), "same length"))
                // torch.tensor(1.).roll((1,), (0,)): "Dimension specified as 0 but tensor has no dimensions"
                // (without dims, a 0-d tensor rolls as itself).
                .error(ErrorCase.of("0-d along dim 0", () -> Fails.ins(Tensor.scalar(1)),
                        x -> x[0].roll(new int[] {1}, new int[] {0}), "dimension specified as 0 but tensor has no"))
                .error(Fails.dim(x -> x.roll(new int[] {1}, new int[] {2}))));

        db.add(op("diag").dtypes(ALL).gradFn("DiagBackward0")
                .add(Sample.of("diag()", x -> x[0].diag(), t(3)).ref(x -> diag(x[0], 0)).label("1-D"))
                .add(Sample.of("diag()", x -> x[0].diag(), t(3, 4).transposed()).ref(x -> diag(x[0], 0)).label("2-D"))
                .add(Sample.of("diag(int)", x -> x[0].diag(-2), t(2).strided()).ref(x -> diag(x[0], -2)).label("1-D, -2"))
                .add(Sample.of("diag(int)", x -> x[0].diag(1), t(3, 3)).ref(x -> diag(x[0], 1)).label("2-D, 1"))
                .add(Sample.of("diag(int)", x -> x[0].diag(5), t(3, 3)).ref(x -> diag(x[0], 5)).label("2-D, past the end"))
                // PyTorch 1.13: torch.diag([[1., 2, 3], [4, 5, 6], [7, 8, 9]], -1).backward([1, 2])
                .add(Sample.of("diag(int)", x -> x[0].diag(-1), values(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3))
                        .ref(x -> Nd.vector(4, 8)).grads(new double[] {1, 2}, GRAD,
                                new double[] {0, 0, 0, 1, 0, 0, 0, 2, 0}).only(DType.FLOAT64).label("PyTorch 1.13"))
                .error(ErrorCase.of("3-D", () -> Fails.ins(Tensor.ones(2, 2, 2)), x -> x[0].diag(), "1-D or 2-D")));

        db.add(op("unfold").dtypes(ALL).gradFn("UnfoldBackward0")
                .add(Sample.of("unfold(int,int,int)", x -> x[0].unfold(1, 3, 1), t(2, 5)).ref(x -> unfold(x[0], 1, 3, 1))
                        .label("size 3, step 1"))
                .add(Sample.of("unfold(int,int,int)", x -> x[0].unfold(0, 2, 3), t(7, 2).transposed())
                        .ref(x -> unfold(x[0], 0, 2, 3)).label("size 2, step 3: gaps"))
                .add(Sample.of("unfold(int,int,int)", x -> x[0].unfold(-1, 4, 2), t(2, 4).strided())
                        .ref(x -> unfold(x[0], 1, 4, 2)).label("one window"))
                // PyTorch 1.13: torch.arange(5.).unfold(0, 3, 1).sum().backward()
                .add(Sample.of("unfold(int,int,int)", x -> x[0].unfold(0, 3, 1), values(new double[] {0, 1, 2, 3, 4}))
                        .ref(x -> Nd.of(new int[] {3, 3}, 0, 1, 2, 1, 2, 3, 2, 3, 4))
                        .grads(null, GRAD, new double[] {1, 2, 3, 2, 1}).only(DType.FLOAT64).label("PyTorch 1.13"))
                .error(ErrorCase.of("size 4 of 3", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].unfold(1, 4, 1),
                        "maximum size", "is 3 but size is 4"))
                .error(ErrorCase.of("step 0", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].unfold(1, 2, 0),
                        "step is 0"))
                .error(Fails.dim(x -> x.unfold(2, 1, 1))));

        db.add(op("pad").dtypes(NUMERIC).gradFn("ConstantPadNdBackward0")
                .add(Sample.of("Functional.pad(Tensor,int[])", x -> Functional.pad(x[0], new int[] {1, 2}), t(2, 3))
                        .ref(x -> pad(x[0], new int[] {1, 2}, "constant", 0)).label("(1, 2)"))
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {0, 1, 2, -1}, "constant", 3), t(2, 3).transposed())
                        .ref(x -> pad(x[0], new int[] {0, 1, 2, -1}, "constant", 3)).label("(0, 1, 2, -1) with 3"))
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {2, 1}, "reflect", 0), t(2, 2, 4).strided()).ref(x -> pad(x[0], new int[] {2, 1},
                        "reflect", 0)).gradFn("ReflectionPad1DBackward0").label("reflect (2, 1)"))
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {1, 1, 2, 0}, "reflect", 0), t(1, 3, 3)).ref(x -> pad(x[0], new int[] {1, 1, 2, 0},
                        "reflect", 0)).gradFn("ReflectionPad2DBackward0").label("reflect 2-D"))
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {1, 2, 0, 1}, "replicate", 0), t(2, 2, 3).transposed())
                        .ref(x -> pad(x[0], new int[] {1, 2, 0, 1}, "replicate", 0))
                        .gradFn("ReplicationPad2DBackward0").label("replicate 2-D"))
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {1, 1, 1, 1, 1, 1}, "replicate", 0), t(1, 2, 1, 2)).ref(x -> pad(x[0],
                        new int[] {1, 1, 1, 1, 1, 1}, "replicate", 0)).gradFn("ReplicationPad3DBackward0")
                        .label("replicate 3-D"))
                // PyTorch 1.13: F.pad(torch.tensor([[[1., 2, 3]]]), (2, 1), mode='reflect').sum().backward()
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {2, 1}, "reflect", 0), values(new double[] {1, 2, 3}, 1, 1, 3))
                        .ref(x -> Nd.of(new int[] {1, 1, 6}, 3, 2, 1, 2, 3, 2)).grads(null, GRAD, new double[] {1, 3, 2})
                        .gradFn("ReflectionPad1DBackward0").only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, reflect"))
                // PyTorch 1.13: F.pad(torch.tensor([[[1., 2, 3]]]), (2, 1), mode='replicate').sum().backward()
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {2, 1}, "replicate", 0), values(new double[] {1, 2, 3}, 1, 1, 3))
                        .ref(x -> Nd.of(new int[] {1, 1, 6}, 1, 1, 1, 2, 3, 3)).grads(null, GRAD, new double[] {3, 1, 2})
                        .gradFn("ReplicationPad1DBackward0").only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, replicate"))
                // PyTorch 1.13: F.pad(torch.tensor([[1., 2, 3]]), (1, -1), value=9).sum().backward()
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {1, -1}, "constant", 9), values(new double[] {1, 2, 3}, 1, 3))
                        .ref(x -> Nd.of(new int[] {1, 3}, 9, 1, 2)).grads(null, GRAD, new double[] {1, 1, 0})
                        .only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, constant with a crop"))
                // PyTorch 1.13: F.pad(torch.tensor([[[0., 1, 2, 3]]]), (-1, 2), mode='reflect'), backward(arange(1, 6))
                // (a negative padding crops in every mode; we rejected it for reflect and replicate)
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {-1, 2}, "reflect", 0), values(new double[] {0, 1, 2, 3}, 1, 1, 4))
                        .ref(x -> Nd.of(new int[] {1, 1, 5}, 1, 2, 3, 2, 1))
                        .grads(new double[] {1, 2, 3, 4, 5}, GRAD, new double[] {0, 6, 6, 3})
                        .gradFn("ReflectionPad1DBackward0").only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, reflect with a crop"))
                // PyTorch 1.13: F.pad(torch.tensor([[[0., 1, 2, 3]]]), (2, -3), mode='replicate'), backward([1, 2, 3])
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {2, -3}, "replicate", 0), values(new double[] {0, 1, 2, 3}, 1, 1, 4))
                        .ref(x -> Nd.of(new int[] {1, 1, 3}, 0, 0, 0))
                        .grads(new double[] {1, 2, 3}, GRAD, new double[] {6, 0, 0, 0})
                        .gradFn("ReplicationPad1DBackward0").only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, replicate with a crop"))
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {1, 2, 2, 1}, "circular", 0), t(2, 3, 3).transposed())
                        .ref(x -> pad(x[0], new int[] {1, 2, 2, 1}, "circular", 0))
                        .gradFn("CircularPad2DBackward0").label("circular 2-D"))
                // PyTorch 1.13: F.pad(torch.tensor([[[1., 2, 3]]]), (2, 1), mode='circular'), backward(arange(1, 7))
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {2, 1}, "circular", 0), values(new double[] {1, 2, 3}, 1, 1, 3))
                        .ref(x -> Nd.of(new int[] {1, 1, 6}, 2, 3, 1, 2, 3, 1))
                        .grads(new double[] {1, 2, 3, 4, 5, 6}, GRAD, new double[] {9, 5, 7})
                        .gradFn("CircularPad1DBackward0").only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, circular"))
                // PyTorch 1.13: F.pad(torch.tensor([[[1., 2, 3]]]), (-1, 1), mode='circular').sum().backward(): it wraps
                // around what the crop leaves
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {-1, 1}, "circular", 0), values(new double[] {1, 2, 3}, 1, 1, 3))
                        .ref(x -> Nd.of(new int[] {1, 1, 3}, 2, 3, 2)).grads(null, GRAD, new double[] {0, 2, 1})
                        .gradFn("CircularPad1DBackward0").only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, circular with a crop"))
                // PyTorch 1.13: F.pad(torch.tensor([[[1., 2, 3]]]), (3, 2), mode='circular').sum().backward()
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {3, 2}, "circular", 0), values(new double[] {1, 2, 3}, 1, 1, 3))
                        .ref(x -> Nd.of(new int[] {1, 1, 8}, 1, 2, 3, 1, 2, 3, 1, 2))
                        .grads(null, GRAD, new double[] {3, 3, 2}).gradFn("CircularPad1DBackward0")
                        .only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, circular by the whole size"))
                // PyTorch 1.13: F.pad(torch.tensor([[[0., 1, 2, 3]]]), (-1, 2), mode='circular'), backward(arange(1, 6))
                .add(Sample.of("Functional.pad(Tensor,int[],String,double)", x -> Functional.pad(x[0],
                        new int[] {-1, 2}, "circular", 0), values(new double[] {0, 1, 2, 3}, 1, 1, 4))
                        .ref(x -> Nd.of(new int[] {1, 1, 5}, 1, 2, 3, 1, 2))
                        .grads(new double[] {1, 2, 3, 4, 5}, GRAD, new double[] {0, 5, 7, 3})
                        .gradFn("CircularPad1DBackward0").only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, circular with a crop, wrapping twice"))
                // PyTorch 1.13: F.pad(torch.ones(1, 1, 3), (4, 0), mode='circular') raises "Padding value causes
                // wrapping around more than once."
                .error(ErrorCase.of("circular 4 of 3", () -> Fails.ins(Tensor.ones(1, 1, 3)),
                        x -> Functional.pad(x[0], new int[] {4, 0}, "circular", 0), "wrapping around more than once"))
                .error(ErrorCase.of("an odd padding", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> Functional.pad(x[0], new int[] {1}), "even"))
                .error(ErrorCase.of("reflect 3 of 3", () -> Fails.ins(Tensor.ones(1, 2, 3)),
                        x -> Functional.pad(x[0], new int[] {3, 0}, "reflect", 0), "less than", "(3, 0)"))
                .error(ErrorCase.of("reflect of a 1-D tensor", () -> Fails.ins(Tensor.ones(3)),
                        x -> Functional.pad(x[0], new int[] {1, 1}, "reflect", 0), "2-D or 3-D"))
                .error(ErrorCase.of("cropping past nothing", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> Functional.pad(x[0], new int[] {-2, -2}), "negative output size"))
                .error(ErrorCase.of("an unknown mode", () -> Fails.ins(Tensor.ones(1, 2, 3)),
                        x -> Functional.pad(x[0], new int[] {1, 1}, "wrap", 0), "'wrap'", "circular"))
                .error(ErrorCase.of("reflect cropping everything", () -> Fails.ins(Tensor.ones(1, 1, 4)),
                        x -> Functional.pad(x[0], new int[] {-2, -2}, "reflect", 0), "[-2, -2]", "at least 1"))
                .error(ErrorCase.of("a null padding", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> Functional.pad(x[0], null), "null"))
                .error(ErrorCase.of("a null mode", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> Functional.pad(x[0], new int[] {1, 1}, null, 0), "mode null")));

        db.add(op("logicalXor").dtypes(ALL).notDifferentiable().result(u -> DType.BOOL).errorName("logical_xor")
                .add(Sample.of("logicalXor(Tensor)", x -> x[0].logicalXor(x[1]), t(2, 3), t(3))
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> Samples.bool((a != 0) != (b != 0)))))
                .add(Sample.of("logicalXor(Tensor)", x -> x[0].logicalXor(x[1]), t(2, 2).transposed(),
                        In.of(DType.BOOL, 2, 2)).ref(x -> Ref.zip(x[0], x[1], (a, b) -> Samples.bool((a != 0) != (b != 0))))
                        .label("with bool"))
                // PyTorch 1.13: torch.logical_xor(torch.tensor([0., 1, nan, 2]), torch.tensor([1, 1, 0, 0]))
                .add(Sample.of("logicalXor(Tensor)", x -> x[0].logicalXor(x[1]), values(new double[] {0, 1, NAN, 2}),
                        In.index(new long[] {1, 1, 0, 0})).ref(x -> Nd.vector(1, 0, 1, 1)).only(DType.FLOAT32,
                        DType.FLOAT64).label("PyTorch 1.13, NaN is true"))
                .error(Fails.broadcast(Tensor::logicalXor))
                .error(Fails.devices(Tensor::logicalXor)));
    }
}
