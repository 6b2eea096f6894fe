package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.autograd4j.opinfo.In.t;
import static dev.autograd4j.opinfo.In.values;
import static dev.autograd4j.opinfo.OpInfo.ALL;
import static dev.autograd4j.opinfo.OpInfo.FLOATING;
import static dev.autograd4j.opinfo.OpInfo.SUM_RESULT;
import static dev.autograd4j.opinfo.OpInfo.op;

/**
 * The running scans beside cumsum: {@code cumprod} (its gradient with zeros in the input), {@code cummax} and
 * {@code cummin} (values and the last index of ties, NaN winning), {@code logcumsumexp} (stable for large values);
 * {@code diff}, their inverse; and the binary searches {@code searchsorted} and {@code bucketize}; with PyTorch 1.13's
 * numbers.
 */
final class ScanDb {
    private ScanDb() {
    }

    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;
    private static final Tolerance GRAD = Tolerance.rel(1e-6);
    private static final DType[] NUMERIC_ONLY = {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64};

    static double[] runningProduct(double[] v) {
        double[] out = new double[v.length];
        double p = 1;
        for (int i = 0; i < v.length; i++) {
            p *= v[i];
            out[i] = p;
        }
        return out;
    }

    /** PyTorch's cummax_cummin_helper: NaN wins, then {@code >=} (max) or {@code <=} (min): values or indices. */
    static double[] running(double[] v, boolean max, boolean indices) {
        double[] out = new double[v.length];
        double best = v.length == 0 ? 0 : v[0];
        int at = 0;
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (Double.isNaN(x) || (!Double.isNaN(best) && (max ? x >= best : x <= best))) {
                best = x;
                at = i;
            }
            out[i] = indices ? at : best;
        }
        return out;
    }

    static double[] runningLogSumExp(double[] v) {
        double[] out = new double[v.length];
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += Math.exp(v[i] - m);
            out[i] = m + Math.log(s);
        }
        return out;
    }

    /** PyTorch's cus_lower_bound / cus_upper_bound over one sorted row. */
    static double bound(double[] sorted, double value, boolean right) {
        int start = 0, end = sorted.length;
        while (start < end) {
            int mid = start + ((end - start) >> 1);
            if (right ? !(sorted[mid] > value) : !(sorted[mid] >= value)) {
                start = mid + 1;
            } else {
                end = mid;
            }
        }
        return start;
    }

    private static Nd bounds(Nd sorted, Nd values, boolean right) {
        return Ref.map(values, v -> bound(sorted.data, v, right)).as(DType.INT64);
    }

    /** {@code n} forward differences along {@code dim}, from slices. */
    static Nd differences(Nd x, int dim, int n) {
        int d = Ref.wrap(dim, x.rank());
        Nd y = x;
        for (int k = 0; k < n && y.shape[d] > 0; k++) {
            int m = y.shape[d];
            y = Ref.zip(Ref.slice(y, d, 1, m, 1), Ref.slice(y, d, 0, m - 1, 1), (p, q) -> p - q);
        }
        return y;
    }

    /** Sorted distinct values (each NaN its own), then the inverse and the counts if asked for. */
    static Nd[] unique(Nd x, boolean inverse, boolean counts) {
        double[] v = x.data.clone();
        Arrays.sort(v);
        List<Double> distinct = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (i == 0 || Double.isNaN(v[i]) || v[i] != v[i - 1]) {
                distinct.add(v[i]);
            }
        }
        double[] values = distinct.stream().mapToDouble(Double::doubleValue).toArray();
        double[] inv = new double[x.data.length], count = new double[values.length];
        int nan = 0;
        for (int i = 0; i < inv.length; i++) {
            double e = x.data[i];
            int at = Double.isNaN(e) ? values.length - countNan(x.data) + nan++ : Arrays.binarySearch(values, e == 0 ? 0 : e);
            inv[i] = at;
            count[at]++;
        }
        List<Nd> out = new ArrayList<>(List.of(Nd.vector(values)));
        if (inverse) {
            out.add(Nd.of(x.shape, inv).as(DType.INT64));
        }
        if (counts) {
            out.add(Nd.vector(count).as(DType.INT64));
        }
        return out.toArray(new Nd[0]);
    }

    /** Distinct rows of a 2-D {@code x} in lexicographic order (rows with NaN never equal), inverse and counts. */
    static Nd[] uniqueRows(Nd x) {
        int n = x.shape[0], m = x.shape[1];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Comparator<Integer> lex = (p, q) -> {
            for (int c = 0; c < m; c++) {
                int cmp = Double.compare(x.at(p, c), x.at(q, c)); // NaN last, as the sort puts it
                if (cmp != 0 && !(x.at(p, c) == x.at(q, c))) {
                    return cmp;
                }
            }
            return 0;
        };
        Arrays.sort(order, lex);
        List<Integer> first = new ArrayList<>();
        double[] inverse = new double[n];
        for (int i = 0; i < n; i++) {
            boolean same = i > 0;
            for (int c = 0; c < m && same; c++) {
                same = x.at(order[i], c) == x.at(order[i - 1], c);
            }
            if (!same) {
                first.add(order[i]);
            }
            inverse[order[i]] = first.size() - 1;
        }
        double[] values = new double[first.size() * m], counts = new double[first.size()];
        for (int r = 0; r < first.size(); r++) {
            for (int c = 0; c < m; c++) {
                values[r * m + c] = x.at(first.get(r), c);
            }
        }
        for (double i : inverse) {
            counts[(int) i]++;
        }
        return new Nd[] {Nd.of(new int[] {first.size(), m}, values), Nd.vector(inverse).as(DType.INT64),
            Nd.vector(counts).as(DType.INT64)};
    }

    private static int countNan(double[] v) {
        int n = 0;
        for (double e : v) {
            n += Double.isNaN(e) ? 1 : 0;
        }
        return n;
    }

    private static Nd along(Nd x, int dim, java.util.function.UnaryOperator<double[]> f) {
        return x.rank() == 0 ? x : Ref.alongDim(x, dim, f);
    }

    private static Nd[] extremes(Nd x, int dim, boolean max) {
        return new Nd[] {along(x, dim, v -> running(v, max, false)),
                x.rank() == 0 ? Nd.scalar(0).as(DType.INT64) : along(x, dim, v -> running(v, max, true)).as(DType.INT64)};
    }

    static List<OpInfo> entries() {
        List<OpInfo> db = new ArrayList<>();

        db.add(op("cumprod").dtypes(ALL).result(SUM_RESULT).gradFn("CumprodBackward0")
                .add(Sample.of("cumprod(int)", x -> x[0].cumprod(1), t(2, 5)).ref(x -> along(x[0], 1,
                        ScanDb::runningProduct)).label("dim 1"))
                .add(Sample.of("cumprod(int)", x -> x[0].cumprod(0), t(3, 2).transposed())
                        .ref(x -> along(x[0], 0, ScanDb::runningProduct)).label("dim 0, transposed"))
                .add(Sample.of("cumprod(int)", x -> x[0].cumprod(-1), t(9).strided())
                        .ref(x -> along(x[0], 0, ScanDb::runningProduct)).label("9 elements: four scan steps"))
                .add(Sample.of("cumprod(int)", x -> x[0].cumprod(0), t()).ref(x -> x[0]).label("0-d"))
                .add(Sample.of("cumprod(int)", x -> x[0].cumprod(-1), t(2, 0)).ref(x -> x[0]).label("empty"))
                // PyTorch 1.13 (float64): torch.cumprod(x, 0).backward([1, 2, 3, 4]) for x = [2., 0, 3, 4] gives
                // [1, 118, 0, 0]; its gradient's sum differentiated again (create_graph) gives [59, 121, 38, 24]
                .add(Sample.of("cumprod(int)", x -> x[0].cumprod(0), values(new double[] {2, 0, 3, 4}))
                        .ref(x -> Nd.vector(2, 0, 0, 0)).grads(new double[] {1, 2, 3, 4}, GRAD,
                                new double[] {1, 118, 0, 0}).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, one zero"))
                // PyTorch 1.13 (float64): x = [2., 0, 3, 0, 5], backward of [1, 2, 3, 4, 5] gives [1, 22, 0, 0, 0]
                .add(Sample.of("cumprod(int)", x -> x[0].cumprod(0), values(new double[] {2, 0, 3, 0, 5}))
                        .ref(x -> Nd.vector(2, 0, 0, 0, 0)).grads(new double[] {1, 2, 3, 4, 5}, GRAD,
                                new double[] {1, 22, 0, 0, 0}).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, two zeros"))
                // PyTorch 1.13 (float64): x = [0., 2, 3] gives [23, 0, 0] for [1, 2, 3]; x = [2., 3, 0] gives [7, 4, 18]
                .add(Sample.of("cumprod(int)", x -> x[0].cumprod(0), values(new double[] {0, 2, 3}))
                        .ref(x -> Nd.vector(0, 0, 0)).grads(new double[] {1, 2, 3}, GRAD, new double[] {23, 0, 0})
                        .only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, a zero first"))
                .add(Sample.of("cumprod(int)", x -> x[0].cumprod(0), values(new double[] {2, 3, 0}))
                        .ref(x -> Nd.vector(2, 6, 0)).grads(new double[] {1, 2, 3}, GRAD, new double[] {7, 4, 18})
                        .only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, a zero last"))
                // PyTorch 1.13 (float64): x = [[2., 0, 3], [0, 0, 5], [1, 2, 3]]; torch.cumprod(x, 0) backward of
                // [[1, 2, 3], [4, 5, 6], [7, 8, 9]] gives [[1, 2, 168], [22, 0, 99], [0, 0, 135]]
                .add(Sample.of("cumprod(int)", x -> x[0].cumprod(0), values(new double[] {2, 0, 3, 0, 0, 5, 1, 2, 3}, 3,
                        3)).ref(x -> Nd.of(new int[] {3, 3}, 2, 0, 3, 0, 0, 15, 0, 0, 45))
                        .grads(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, GRAD, new double[] {1, 2, 168, 22, 0, 99, 0, 0,
                                135}).only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, zeros per column"))
                // PyTorch 1.13: torch.cumprod(torch.tensor([True, False]), 0) is int64 [1, 0]
                .add(Sample.of("cumprod(int)", x -> x[0].cumprod(0), values(new double[] {1, 0, 1}))
                        .ref(x -> Nd.vector(1, 0, 0)).only(DType.BOOL).label("PyTorch 1.13, bool"))
                .error(Fails.dim(x -> x.cumprod(2))));

        // PyTorch 1.13: torch.cummax(torch.tensor([1., 3, 2, 3, nan, 1, nan, 5]), 0) is values
        // [1, 3, 3, 3, nan, nan, nan, nan], indices [0, 1, 1, 3, 4, 4, 6, 6]; torch.cummin(torch.tensor([1., 3, 0, 0,
        // nan, 1, nan, -5]), 0) is [1, 1, 0, 0, nan, nan, nan, nan], [0, 0, 2, 3, 4, 4, 6, 6]
        db.add(op("cummax").dtypes(ALL).gradFn("CummaxBackward0")
                .add(Sample.of("cummax(int)", x -> x[0].cummax(1), t(3, 6)).ref(x -> extremes(x[0], 1, true))
                        .label("dim 1"))
                .add(Sample.of("cummax(int)", x -> x[0].cummax(0), t(5, 2).transposed()).ref(x -> extremes(x[0], 0,
                        true)).label("dim 0, transposed"))
                .add(Sample.of("cummax(int)", x -> x[0].cummax(0), t()).ref(x -> extremes(x[0], 0, true)).label("0-d"))
                // PyTorch 1.13: torch.cummax(torch.tensor(2.), 7) is (2., 0): a 0-d input takes any dim (cumsum does not)
                .add(Sample.of("cummax(int)", x -> x[0].cummax(7), t()).ref(x -> extremes(x[0], 0, true))
                        .label("PyTorch 1.13, 0-d with any dim"))
                .add(Sample.of("cummax(int)", x -> x[0].cummax(1), t(2, 0)).ref(x -> extremes(x[0], 1, true))
                        .label("empty"))
                .add(Sample.of("cummax(int)", x -> x[0].cummax(0), values(new double[] {1, 3, 2, 3, NAN, 1, NAN, 5}))
                        .ref(x -> new Nd[] {Nd.vector(1, 3, 3, 3, NAN, NAN, NAN, NAN), Nd.vector(0, 1, 1, 3, 4, 4, 6, 6)
                                .as(DType.INT64)}).only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN")
                        .label("PyTorch 1.13, ties take the last index, NaN wins"))
                // PyTorch 1.13: torch.cummax(torch.tensor([1, 3, 3, 2]), 0) is [1, 3, 3, 3], [0, 1, 2, 2];
                // torch.cummax(torch.tensor([True, False, True]), 0) is [True, True, True], [0, 0, 2]
                .add(Sample.of("cummax(int)", x -> x[0].cummax(0), values(new double[] {1, 3, 3, 2}))
                        .ref(x -> new Nd[] {Nd.vector(1, 3, 3, 3), Nd.vector(0, 1, 2, 2).as(DType.INT64)})
                        .only(DType.INT32, DType.INT64).label("PyTorch 1.13, integers"))
                .add(Sample.of("cummax(int)", x -> x[0].cummax(0), values(new double[] {1, 0, 1}))
                        .ref(x -> new Nd[] {Nd.vector(1, 1, 1), Nd.vector(0, 0, 2).as(DType.INT64)}).only(DType.BOOL)
                        .label("PyTorch 1.13, bool"))
                // PyTorch 1.13: x = [[1., 3, 2], [3, 0.5, 4]]; torch.cummax(x, 1).values.backward([[1, 2, 3], [4, 5, 6]])
                // gives [[1, 5, 0], [9, 0, 6]]
                .add(Sample.of("cummax(int)", x -> x[0].cummax(1).values(), values(new double[] {1, 3, 2, 3, 0.5, 4}, 2,
                        3)).ref(x -> Nd.of(new int[] {2, 3}, 1, 3, 3, 3, 3, 4)).grads(new double[] {1, 2, 3, 4, 5, 6},
                        Tolerance.EXACT, new double[] {1, 5, 0, 9, 0, 6}).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, the gradient at the indices"))
                .error(Fails.dim(x -> x.cummax(2))));
        db.add(op("cummin").dtypes(ALL).gradFn("CumminBackward0")
                .add(Sample.of("cummin(int)", x -> x[0].cummin(1), t(3, 6)).ref(x -> extremes(x[0], 1, false))
                        .label("dim 1"))
                .add(Sample.of("cummin(int)", x -> x[0].cummin(-1), t(7).strided()).ref(x -> extremes(x[0], 0, false))
                        .label("strided"))
                .add(Sample.of("cummin(int)", x -> x[0].cummin(-2), t()).ref(x -> extremes(x[0], 0, false))
                        .label("PyTorch 1.13, 0-d with any dim"))
                .add(Sample.of("cummin(int)", x -> x[0].cummin(0), values(new double[] {1, 3, 0, 0, NAN, 1, NAN, -5}))
                        .ref(x -> new Nd[] {Nd.vector(1, 1, 0, 0, NAN, NAN, NAN, NAN), Nd.vector(0, 0, 2, 3, 4, 4, 6, 6)
                                .as(DType.INT64)}).only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN")
                        .label("PyTorch 1.13, ties take the last index, NaN wins"))
                // PyTorch 1.13: x = [[1., 3, 2], [3, 0.5, 4]]; torch.cummin(x, 0) is [[1, 3, 2], [1, 0.5, 2]],
                // [[0, 0, 0], [0, 1, 0]]; its values' backward of [[1, 2, 3], [4, 5, 6]] gives [[5, 2, 9], [0, 5, 0]]
                .add(Sample.of("cummin(int)", x -> x[0].cummin(0), values(new double[] {1, 3, 2, 3, 0.5, 4}, 2, 3))
                        .ref(x -> new Nd[] {Nd.of(new int[] {2, 3}, 1, 3, 2, 1, 0.5, 2), Nd.of(new int[] {2, 3}, 0, 0, 0,
                                0, 1, 0).as(DType.INT64)}).grads(new double[] {1, 2, 3, 4, 5, 6}, Tolerance.EXACT,
                                new double[] {5, 2, 9, 0, 5, 0}).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, dim 0"))
                .error(Fails.dim(x -> x.cummin(2))));

        db.add(op("logcumsumexp").dtypes(FLOATING).gradFn("LogcumsumexpBackward0")
                .add(Sample.of("logcumsumexp(int)", x -> x[0].logcumsumexp(1), t(2, 5))
                        .ref(x -> along(x[0], 1, ScanDb::runningLogSumExp)).label("dim 1"))
                .add(Sample.of("logcumsumexp(int)", x -> x[0].logcumsumexp(0), t(6, 2).transposed())
                        .ref(x -> along(x[0], 0, ScanDb::runningLogSumExp)).label("dim 0, transposed"))
                .add(Sample.of("logcumsumexp(int)", x -> x[0].logcumsumexp(0), t()).ref(x -> x[0]).label("0-d"))
                .add(Sample.of("logcumsumexp(int)", x -> x[0].logcumsumexp(0), t(0, 3)).ref(x -> x[0]).label("empty"))
                // PyTorch 1.13: torch.logcumsumexp(torch.tensor([1000., 1000, -inf, 0]), 0) is
                // [1000, 1000.6931, 1000.6931, 1000.6931]; of [-inf, -inf], [-inf, -inf]; of [inf, 1., -inf, inf],
                // all inf; of [nan, 1.], [nan, nan]
                .add(Sample.of("logcumsumexp(int)", x -> x[0].logcumsumexp(0), values(new double[] {1000, 1000, -INF,
                        0})).ref(x -> Nd.vector(1000, 1000 + Math.log(2), 1000 + Math.log(2), 1000 + Math.log(2)))
                        .noGrad("-inf").label("PyTorch 1.13, large values"))
                .add(Sample.of("logcumsumexp(int)", x -> x[0].logcumsumexp(0), values(new double[] {-INF, -INF, INF, 1,
                        -INF, INF})).ref(x -> Nd.vector(-INF, -INF, INF, INF, INF, INF)).noGrad("infinities")
                        .label("PyTorch 1.13, infinities"))
                .add(Sample.of("logcumsumexp(int)", x -> x[0].logcumsumexp(0), values(new double[] {NAN, 1}))
                        .ref(x -> Nd.vector(NAN, NAN)).noGrad("NaN").label("PyTorch 1.13, NaN"))
                // PyTorch 1.13 (float64): x = [1000., 1001, -inf, 2]; torch.logcumsumexp(x, 0) is [1000,
                // 1001.3132616875182, ...] and its backward of [1, -2, 3, 1] gives [1.5378828427399829,
                // 1.4621171572601246, 0, 0]
                .add(Sample.of("logcumsumexp(int)", x -> x[0].logcumsumexp(0), values(new double[] {1000, 1001, -INF,
                        2})).ref(x -> Nd.vector(1000, 1001.3132616875182, 1001.3132616875182, 1001.3132616875182))
                        .grads(new double[] {1, -2, 3, 1}, Tolerance.abs(1e-4), new double[] {1.5378828427399829,
                                1.4621171572601246, 0, 0}).only(DType.FLOAT64).noGrad("-inf")
                        .label("PyTorch 1.13, gradient of large values"))
                // PyTorch 1.13 (float64): x = [[1., -2, 3], [0.5, 0, -1]]; torch.logcumsumexp(x, 1) backward of
                // [[1, -1, 2], [0, 3, 1]] gives [[0.28442518224758584, -0.03562637237376122, 1.7512011901261753],
                // [2.4139273808717436, 1.464120966818528, 0.12195165230972885]]
                .add(Sample.of("logcumsumexp(int)", x -> x[0].logcumsumexp(1), values(new double[] {1, -2, 3, 0.5, 0,
                        -1}, 2, 3)).ref(x -> along(x[0], 1, ScanDb::runningLogSumExp))
                        .grads(new double[] {1, -1, 2, 0, 3, 1}, GRAD, new double[] {0.28442518224758584,
                                -0.03562637237376122, 1.7512011901261753, 2.4139273808717436, 1.464120966818528,
                                0.12195165230972885}).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, signed gradients"))
                // PyTorch 1.13: torch.logcumsumexp(torch.tensor([1, 2]), 0) raises "not implemented for 'Long'"
                .error(ErrorCase.of("an int64 input", () -> Fails.ins(Tensor.arange(3)), x -> x[0].logcumsumexp(0),
                        "floating point", "int64"))
                .error(Fails.dim(x -> x.logcumsumexp(2))));
        // PyTorch 1.13: torch.diff(torch.tensor([1, 4, 9, 16])) is [3, 5, 7], with n=2 [2, 2], with n=0 and n=-1 the
        // input, with n=5 empty; torch.diff(torch.tensor([True, False, False, True])) is [True, False, True];
        // torch.diff(torch.tensor(1.)) raises "diff expects input to be at least one-dimensional"
        db.add(op("diff").dtypes(ALL).gradFn("SubBackward0")
                .add(Sample.of("diff(int,int)", x -> x[0].diff(1, -1), t(3, 5)).ref(x -> differences(x[0], 1, 1))
                        .only(NUMERIC_ONLY).label("n 1, the last dim"))
                .add(Sample.of("diff(int,int)", x -> x[0].diff(2, 0), t(4, 3).transposed())
                        .ref(x -> differences(x[0], 0, 2)).only(NUMERIC_ONLY).label("n 2, dim 0"))
                .add(Sample.of("diff(int,int)", x -> x[0].diff(5, -1), values(new double[] {1, 4, 9, 16}))
                        .ref(x -> Nd.of(new int[] {0})).only(NUMERIC_ONLY).label("PyTorch 1.13, n past the size: empty"))
                .add(Sample.of("diff(int,int)", x -> x[0].diff(0, 0), values(new double[] {1, 4, 9, 16}))
                        .ref(x -> x[0]).noGradFn("a copy").label("PyTorch 1.13, n 0: a copy"))
                .add(Sample.of("diff(int,int)", x -> x[0].diff(-1, 0), values(new double[] {1, 4, 9, 16}))
                        .ref(x -> x[0]).noGradFn("a copy").label("PyTorch 1.13, n -1: a copy"))
                .add(Sample.of("diff(int,int)", x -> x[0].diff(1, 0), values(new double[] {1, 0, 0, 1}))
                        .ref(x -> Nd.vector(1, 0, 1)).only(DType.BOOL).cpuSameDtype("bool differs by xor")
                        .label("PyTorch 1.13, bool: !="))
                .add(Sample.of("diff(int,int)", x -> x[0].diff(2, 0), values(new double[] {1, 0, 0, 1}))
                        .ref(x -> Nd.vector(1, 1)).only(DType.BOOL).cpuSameDtype("bool differs by xor")
                        .label("PyTorch 1.13, bool, n 2"))
                .add(Sample.of("diff(int,int)", x -> x[0].diff(1, 1), t(2, 0)).ref(x -> x[0]).only(NUMERIC_ONLY)
                        .noGradFn("PyTorch 1.13 records none for an empty dim").label("empty"))
                .error(ErrorCase.of("a 0-d input", () -> Fails.ins(Tensor.scalar(1)), x -> x[0].diff(1, 0),
                        "one-dimensional", "0-d"))
                .error(Fails.dim(x -> x.diff(1, 2))));

        // PyTorch 1.13: torch.searchsorted(torch.tensor([1, 3, 5, 7, 9]), torch.tensor([3, 6, 9])) is [1, 3, 4],
        // right=True [2, 3, 5]; rows: torch.searchsorted(torch.tensor([[1, 3, 5, 7, 9], [2, 4, 6, 8, 10]]),
        // torch.tensor([[3, 6, 9], [3, 6, 9]])) is [[1, 3, 4], [1, 2, 4]]; NaN: torch.searchsorted(torch.tensor([1.,
        // nan, 3]), torch.tensor([2., 0.5, 4, nan])) is [2, 2, 3, 3] (PyTorch's binary search, NaN compared as is)
        double[] sorted = {-1.5, -0.5, 0, 0.25, 1, 1, 2.5};
        db.add(op("searchsorted").dtypes(NUMERIC_ONLY).result(t -> DType.INT64).notDifferentiable()
                .add(Sample.of("searchsorted(Tensor,Tensor,boolean)", x -> Tensor.searchsorted(x[0], x[1], false),
                        values(sorted), t(2, 3)).ref(x -> bounds(x[0], x[1], false)).label("random values"))
                .add(Sample.of("searchsorted(Tensor,Tensor,boolean)", x -> Tensor.searchsorted(x[0], x[1], true),
                        values(sorted), t(4)).ref(x -> bounds(x[0], x[1], true)).label("right"))
                .add(Sample.of("searchsorted(Tensor,Tensor,boolean)", x -> Tensor.searchsorted(x[0], x[1], false),
                        values(new double[] {1, 3, 5, 7, 9}), values(new double[] {3, 6, 9})).ref(x -> Nd.vector(1, 3, 4)
                        .as(DType.INT64)).label("PyTorch 1.13"))
                .add(Sample.of("searchsorted(Tensor,Tensor,boolean)", x -> Tensor.searchsorted(x[0], x[1], true),
                        values(new double[] {1, 3, 5, 7, 9}), values(new double[] {3, 6, 9})).ref(x -> Nd.vector(2, 3, 5)
                        .as(DType.INT64)).label("PyTorch 1.13, right"))
                .add(Sample.of("searchsorted(Tensor,Tensor,boolean)", x -> Tensor.searchsorted(x[0], x[1], false),
                        values(new double[] {1, 3, 5, 7, 9, 2, 4, 6, 8, 10}, 2, 5), values(new double[] {3, 6, 9, 3, 6, 9},
                        2, 3)).ref(x -> Nd.of(new int[] {2, 3}, 1, 3, 4, 1, 2, 4).as(DType.INT64))
                        .label("PyTorch 1.13, a sequence per row"))
                .add(Sample.of("searchsorted(Tensor,Tensor,boolean)", x -> Tensor.searchsorted(x[0], x[1], false),
                        values(new double[] {1, NAN, 3}), values(new double[] {2, 0.5, 4, NAN}))
                        .ref(x -> Nd.vector(2, 2, 3, 3).as(DType.INT64)).only(DType.FLOAT32, DType.FLOAT64)
                        .label("PyTorch 1.13, NaN"))
                .add(Sample.of("searchsorted(Tensor,Tensor,boolean)", x -> Tensor.searchsorted(x[0], x[1], false),
                        values(sorted), t()).ref(x -> bounds(x[0], x[1], false)).label("a 0-d value"))
                .add(Sample.of("searchsorted(Tensor,Tensor,boolean)", x -> Tensor.searchsorted(x[0], x[1], false),
                        t(0), t(3)).ref(x -> Nd.vector(0, 0, 0).as(DType.INT64)).label("an empty sequence"))
                // PyTorch 1.13: a 0-d sequence raises "boundaries tensor should have positive dimension"; [2, 5] with
                // values [3] raises "... first N-1 dimensions of boundaries tensor and input value tensor must match"
                .error(ErrorCase.of("a 0-d sequence", () -> Fails.ins(Tensor.scalar(1), Tensor.ones(2)),
                        x -> Tensor.searchsorted(x[0], x[1], false), "0-d"))
                .error(ErrorCase.of("rows that do not match", () -> Fails.ins(Tensor.ones(2, 5), Tensor.ones(3)),
                        x -> Tensor.searchsorted(x[0], x[1], false), "[2, 5]", "[3]"))
                .error(ErrorCase.of("bool", () -> Fails.ins(Tensor.of(new boolean[] {false, true}),
                        Tensor.of(new boolean[] {true})), x -> Tensor.searchsorted(x[0], x[1], false), "bool"))
                .error(Fails.devices((p, q) -> Tensor.searchsorted(p.reshape(-1), q, false))));

        // PyTorch 1.13: torch.bucketize(torch.tensor([[3, 6], [9, 0]]), torch.tensor([1, 3, 5, 7, 9])) is
        // [[1, 3], [4, 0]]; right=True gives [[2, 3], [5, 0]]; 2-D boundaries raise "boundaries tensor must be 1
        // dimension"
        db.add(op("bucketize").dtypes(NUMERIC_ONLY).result(t -> DType.INT64).notDifferentiable()
                .add(Sample.of("bucketize(Tensor,boolean)", x -> x[0].bucketize(x[1], false), t(2, 3), values(sorted))
                        .ref(x -> bounds(x[1], x[0], false)).label("random values"))
                .add(Sample.of("bucketize(Tensor,boolean)", x -> x[0].bucketize(x[1], true), t(3, 2).transposed(),
                        values(sorted)).ref(x -> bounds(x[1], x[0], true)).label("right"))
                .add(Sample.of("bucketize(Tensor,boolean)", x -> x[0].bucketize(x[1], false), values(new double[] {3, 6,
                        9, 0}, 2, 2), values(new double[] {1, 3, 5, 7, 9})).ref(x -> Nd.of(new int[] {2, 2}, 1, 3, 4, 0)
                        .as(DType.INT64)).label("PyTorch 1.13"))
                .add(Sample.of("bucketize(Tensor,boolean)", x -> x[0].bucketize(x[1], true), values(new double[] {3, 6,
                        9, 0}, 2, 2), values(new double[] {1, 3, 5, 7, 9})).ref(x -> Nd.of(new int[] {2, 2}, 2, 3, 5, 0)
                        .as(DType.INT64)).label("PyTorch 1.13, right"))
                .add(Sample.of("bucketize(Tensor,boolean)", x -> x[0].bucketize(x[1], false), t(), values(sorted))
                        .ref(x -> bounds(x[1], x[0], false)).label("0-d"))
                .error(ErrorCase.of("2-D boundaries", () -> Fails.ins(Tensor.ones(3), Tensor.ones(1, 5)),
                        x -> x[0].bucketize(x[1], false), "1-D", "[1, 5]"))
                .error(Fails.devices((p, q) -> p.bucketize(q.reshape(-1), false))));
        // PyTorch 1.13: torch.unique(torch.tensor([3, 1, 2, 1, 3]), return_inverse=True, return_counts=True) is
        // ([1, 2, 3], [2, 0, 1, 0, 2], [2, 1, 2]); of [[3, 1], [2, 1]] the inverse keeps the shape, [[2, 0], [1, 0]];
        // of [0., -0., 1.] the values [0., 1.] with counts [2, 1]; of [True, False, True] ([False, True], [1, 0, 1],
        // [1, 2]); of tensor(5.) ([5.], tensor(0), [1]). NaN: PyTorch 1.13's CPU kernel gives ([1, nan, nan],
        // [0, 0, 0, 0], [2, 0, 0]) for [nan, 1, nan, 1], a known bug; each NaN is its own value here, as later releases.
        db.add(op("unique").dtypes(ALL).notDifferentiable()
                .add(Sample.of("unique()", x -> x[0].unique(), t(2, 5)).ref(x -> unique(x[0], false, false)[0])
                        .label("random"))
                .add(Sample.of("unique(boolean,boolean,boolean)", x -> x[0].unique(true, true, true), t(3, 4).transposed())
                        .ref(x -> unique(x[0], true, true)).label("random, inverse and counts"))
                .add(Sample.of("unique(boolean,boolean,boolean)", x -> x[0].unique(true, true, true),
                        values(new double[] {3, 1, 2, 1, 3})).ref(x -> new Nd[] {Nd.vector(1, 2, 3), Nd.vector(2, 0, 1, 0,
                        2).as(DType.INT64), Nd.vector(2, 1, 2).as(DType.INT64)}).only(NUMERIC_ONLY).label("PyTorch 1.13"))
                .add(Sample.of("unique(boolean,boolean,boolean)", x -> x[0].unique(false, true, false),
                        values(new double[] {3, 1, 2, 1}, 2, 2)).ref(x -> new Nd[] {Nd.vector(1, 2, 3), Nd.of(new int[] {2,
                        2}, 2, 0, 1, 0).as(DType.INT64)}).only(NUMERIC_ONLY).label("PyTorch 1.13, the inverse's shape"))
                .add(Sample.of("unique(boolean,boolean,boolean)", x -> x[0].unique(true, false, true),
                        values(new double[] {0, -0.0, 1})).ref(x -> new Nd[] {Nd.vector(0, 1), Nd.vector(2, 1)
                        .as(DType.INT64)}).only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, -0. is 0."))
                .add(Sample.of("unique(boolean,boolean,boolean)", x -> x[0].unique(true, true, true),
                        values(new double[] {1, 0, 1})).ref(x -> new Nd[] {Nd.vector(0, 1), Nd.vector(1, 0, 1)
                        .as(DType.INT64), Nd.vector(1, 2).as(DType.INT64)}).only(DType.BOOL).label("PyTorch 1.13, bool"))
                .add(Sample.of("unique(boolean,boolean,boolean)", x -> x[0].unique(true, true, true), t())
                        .ref(x -> new Nd[] {Nd.vector(x[0].data[0]), Nd.scalar(0).as(DType.INT64), Nd.vector(1)
                        .as(DType.INT64)}).label("PyTorch 1.13, 0-d"))
                .add(Sample.of("unique(boolean,boolean,boolean)", x -> x[0].unique(true, true, true), t(0, 2))
                        .ref(x -> new Nd[] {Nd.of(new int[] {0}), Nd.of(new int[] {0, 2}).as(DType.INT64),
                                Nd.of(new int[] {0}).as(DType.INT64)}).label("empty"))
                .add(Sample.of("unique(boolean,boolean,boolean)", x -> x[0].unique(true, true, true),
                        values(new double[] {NAN, 1, NAN, 1})).ref(x -> new Nd[] {Nd.vector(1, NAN, NAN),
                        Nd.vector(1, 0, 2, 0).as(DType.INT64), Nd.vector(2, 1, 1).as(DType.INT64)})
                        .only(DType.FLOAT32, DType.FLOAT64).label("each NaN distinct"))
                // PyTorch 1.13: torch.unique(torch.tensor([[2, 1], [1, 5], [1, 3], [2, 0], [1, 5]]), dim=0,
                // return_inverse=True, return_counts=True) is ([[1, 3], [1, 5], [2, 0], [2, 1]], [3, 1, 0, 2, 1],
                // [1, 2, 1, 1]); of [[1, 2, 1], [3, 4, 3]] along dim 1, ([[1, 2], [3, 4]], [0, 1, 0], [2, 1]);
                // of [[nan, 1.], [nan, 1.]] along dim 0 both rows, [0, 1], [1, 1]; a 0-d input raises "Dimension
                // specified as 0 but tensor has no dimensions", a [2, 0] one along dim 0 "There are 0 sized
                // dimensions, and they aren't selected"
                .add(Sample.of("unique(boolean,boolean,boolean,int)", x -> x[0].unique(true, true, true, 0), t(4, 3))
                        .ref(x -> uniqueRows(x[0])).label("rows, random"))
                .add(Sample.of("unique(boolean,boolean,boolean,int)", x -> x[0].unique(true, true, true, 0),
                        values(new double[] {2, 1, 1, 5, 1, 3, 2, 0, 1, 5}, 5, 2)).ref(x -> new Nd[] {Nd.of(new int[] {4,
                        2}, 1, 3, 1, 5, 2, 0, 2, 1), Nd.vector(3, 1, 0, 2, 1).as(DType.INT64), Nd.vector(1, 2, 1, 1)
                        .as(DType.INT64)}).only(NUMERIC_ONLY).label("PyTorch 1.13, lexicographic rows"))
                .add(Sample.of("unique(boolean,boolean,boolean,int)", x -> x[0].unique(true, true, true, -1),
                        values(new double[] {1, 2, 1, 3, 4, 3}, 2, 3)).ref(x -> new Nd[] {Nd.of(new int[] {2, 2}, 1, 2, 3,
                        4), Nd.vector(0, 1, 0).as(DType.INT64), Nd.vector(2, 1).as(DType.INT64)}).only(NUMERIC_ONLY)
                        .label("PyTorch 1.13, columns"))
                .add(Sample.of("unique(boolean,boolean,boolean,int)", x -> x[0].unique(false, false, false, 0),
                        values(new double[] {NAN, 1, NAN, 1}, 2, 2)).ref(x -> Nd.of(new int[] {2, 2}, NAN, 1, NAN, 1))
                        .only(DType.FLOAT32, DType.FLOAT64).label("PyTorch 1.13, rows holding NaN stay apart"))
                .add(Sample.of("unique(boolean,boolean,boolean,int)", x -> x[0].unique(true, true, true, 0), t(0, 3))
                        .ref(x -> new Nd[] {Nd.of(new int[] {0, 3}), Nd.of(new int[] {0}).as(DType.INT64),
                                Nd.of(new int[] {0}).as(DType.INT64)}).label("PyTorch 1.13, no rows"))
                .error(ErrorCase.of("a 0-d input", () -> Fails.ins(Tensor.scalar(5)), x -> x[0].unique(true, true,
                        true, 0), "no dimensions"))
                .error(ErrorCase.of("an empty dim not selected", () -> Fails.ins(Tensor.zeros(2, 0)),
                        x -> x[0].unique(true, true, true, 0), "0-sized", "[2, 0]"))
                .error(Fails.dim(x -> x.unique(true, false, false, 2))));
        return db;
    }
}
