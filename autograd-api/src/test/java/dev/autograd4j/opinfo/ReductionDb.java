package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.autograd4j.opinfo.In.index;
import static dev.autograd4j.opinfo.In.t;
import static dev.autograd4j.opinfo.In.values;
import static dev.autograd4j.opinfo.OpInfo.ALL;
import static dev.autograd4j.opinfo.OpInfo.FLOATING;
import static dev.autograd4j.opinfo.OpInfo.FLOAT_RESULT;
import static dev.autograd4j.opinfo.OpInfo.NUMERIC;
import static dev.autograd4j.opinfo.OpInfo.SUM_RESULT;
import static dev.autograd4j.opinfo.OpInfo.op;
import static dev.autograd4j.opinfo.PointwiseDb.each;
import static dev.autograd4j.opinfo.Samples.reduceAll;
import static dev.autograd4j.opinfo.Samples.reduceDim;
import static dev.autograd4j.opinfo.Samples.reduceDims;
import static dev.autograd4j.opinfo.Samples.reducing;

/** Reductions: sum, mean, max/min with and without indices, amax/amin, argmax/argmin, var/std, logsumexp. */
final class ReductionDb {
    private ReductionDb() {
    }

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    /** The values and the int64 indices of {@code max(dim)} / {@code min(dim)}. */
    private static Samples.DimsRef withIndices(boolean isMax) {
        return (x, dims, keepdim) -> new Nd[] {Ref.reduce(x, dims, keepdim, isMax ? Ref::max : Ref::min),
                Ref.reduce(x, dims, keepdim, isMax ? Ref::argmax : Ref::argmin).as(DType.INT64)};
    }

    private static Samples.DimsRef argReduction(boolean isMax) {
        return (x, dims, keepdim) -> Ref.reduce(x, dims, keepdim, isMax ? Ref::argmax : Ref::argmin).as(DType.INT64);
    }

    /** PyTorch's sum_to_size: sums the leading dims away, and the dims where {@code shape} has 1. */
    static Nd sumToSize(Nd x, int... shape) {
        int lead = x.rank() - shape.length;
        List<Integer> dims = new ArrayList<>();
        for (int d = 0; d < x.rank(); d++) {
            if (d < lead || (shape[d - lead] == 1 && x.shape[d] != 1)) {
                dims.add(d);
            }
        }
        if (dims.isEmpty()) {
            return x;
        }
        Nd summed = Ref.reduce(x, dims.stream().mapToInt(Integer::intValue).toArray(), true, Ref::sum);
        return summed.reshape(shape);
    }

    static List<OpInfo> entries() {
        List<OpInfo> db = new ArrayList<>();

        // sum: bool and integers sum to int64. PyTorch names a sum over a list of dims SumBackward1, even when the
        // list is empty.
        db.add(op("sum").dtypes(ALL).result(SUM_RESULT).gradFn("SumBackward1")
                .add(each(reduceAll("sum()", Tensor::sum, reducing(Ref::sum), true), s -> s.gradFn("SumBackward0")))
                .add(reduceDim("sum(int)", Tensor::sum, reducing(Ref::sum), false, true))
                .add(reduceDim("sum(int,boolean)", (x, d) -> x.sum(d, true), reducing(Ref::sum), true, true))
                .add(reduceDims("sum(int[],boolean)", Tensor::sum, reducing(Ref::sum), true))
                .add(Sample.of("sum()", x -> x[0].sum(), t(1000)).ref(x -> Ref.reduce(x[0], null, false, Ref::sum))
                        .noGrad("a thousand elements: the other samples check the same backward").label("long"))
                .error(Fails.dim(x -> x.sum(2, false)))
                .error(ErrorCase.of("repeated dim", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> x[0].sum(new int[] {1, -1}, false), "dim 1 appears multiple times")));

        db.add(op("sumToSize").dtypes(ALL).result(SUM_RESULT).gradFn("SumBackward1").errorName("sum_to_size")
                .add(Sample.of("sumToSize(int[])", x -> x[0].sumToSize(3, 1), t(2, 3, 4))
                        .ref(x -> sumToSize(x[0], 3, 1)).gradFn("ViewBackward0").label("to [3, 1]"))
                .add(Sample.of("sumToSize(int[])", x -> x[0].sumToSize(1, 3), t(2, 3).transposed())
                        .ref(x -> sumToSize(x[0], 1, 3)).label("to [1, 3]"))
                .add(Sample.of("sumToSize(int[])", x -> x[0].sumToSize(3), t(0, 3)).ref(x -> sumToSize(x[0], 3))
                        .gradFn("ViewBackward0").label("to [3]"))
                .add(Sample.of("sumToSize(int[])", x -> x[0].sumToSize(2, 3), t(2, 3).strided())
                        .ref(x -> sumToSize(x[0], 2, 3)).result(t -> t).noGradFn("the same shape: returns its input")
                        .label("to its own shape"))
                .error(ErrorCase.of("not expandable", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].sumToSize(4),
                        "[4]", "[2, 3]", "not expandable")));

        db.add(op("mean").dtypes(FLOATING).gradFn("MeanBackward1")
                .add(each(reduceAll("mean()", Tensor::mean, reducing(Ref::mean), true), s -> s.gradFn("MeanBackward0")))
                .add(reduceDim("mean(int)", Tensor::mean, reducing(Ref::mean), false, true))
                .add(reduceDim("mean(int,boolean)", (x, d) -> x.mean(d, true), reducing(Ref::mean), true, true))
                .add(reduceDims("mean(int[],boolean)", Tensor::mean, reducing(Ref::mean), true))
                .error(Fails.dim(x -> x.mean(2, false)))
                .error(ErrorCase.of("int64 input", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> x[0].mean(), "int64")));

        db.add(op("max").dtypes(NUMERIC).gradFn("MaxBackward0")
                .add(each(reduceAll("max()", Tensor::max, reducing(Ref::max), false), s -> s.gradFn("MaxBackward1")))
                .add(reduceDim("max(int)", Tensor::max, withIndices(true), false, false))
                .add(reduceDim("max(int,boolean)", (x, d) -> x.max(d, true), withIndices(true), true, false))
                .add(Sample.of("max()", x -> x[0].max(), values(new double[] {1, Double.NaN, 3}))
                        .ref(x -> Nd.scalar(Double.NaN)).only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN")
                        .label("NaN propagates"))
                // PyTorch 1.13: x = torch.tensor([1., nan, 3, nan]); x.max().backward() gives x.grad [0, 0.5, 0, 0.5]
                // (evenly_distribute_backward: a NaN result shares the gradient among the NaNs)
                .add(Sample.of("max()", x -> x[0].max(), values(new double[] {1, Double.NaN, 3, Double.NaN}))
                        .ref(x -> Nd.scalar(Double.NaN)).grads(null, Tolerance.EXACT, new double[] {0, 0.5, 0, 0.5})
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN").label("PyTorch 1.13, NaN's gradient"))
                .error(Fails.dim(x -> x.max(2)))
                .error(ErrorCase.of("empty", () -> Fails.ins(Tensor.ones(0)), x -> x[0].max(), "non-empty"))
                .error(ErrorCase.of("over an empty dim", () -> Fails.ins(Tensor.ones(2, 0)), x -> x[0].max(1),
                        "dim 1", "[2, 0]")));
        // Bool max/min/amax/amin work, as PyTorch's (EdgeCasesSuite has their values); argmax/argmin of bool fail.

        db.add(op("min").dtypes(NUMERIC).gradFn("MinBackward0")
                .add(each(reduceAll("min()", Tensor::min, reducing(Ref::min), false), s -> s.gradFn("MinBackward1")))
                .add(reduceDim("min(int)", Tensor::min, withIndices(false), false, false))
                .add(reduceDim("min(int,boolean)", (x, d) -> x.min(d, true), withIndices(false), true, false))
                // PyTorch 1.13: x = torch.tensor([1., nan, 3, nan]); x.min().backward() gives x.grad [0, 0.5, 0, 0.5]
                .add(Sample.of("min()", x -> x[0].min(), values(new double[] {1, Double.NaN, 3, Double.NaN}))
                        .ref(x -> Nd.scalar(Double.NaN)).grads(null, Tolerance.EXACT, new double[] {0, 0.5, 0, 0.5})
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN").label("PyTorch 1.13, NaN's gradient"))
                .error(Fails.dim(x -> x.min(2)))
                .error(ErrorCase.of("empty", () -> Fails.ins(Tensor.ones(0)), x -> x[0].min(), "non-empty")));

        db.add(op("amax").dtypes(NUMERIC).gradFn("AmaxBackward0")
                .add(reduceDims("amax(int[],boolean)", Tensor::amax, reducing(Ref::max), false))
                .add(Sample.of("amax(int[],boolean)", x -> x[0].amax(new int[] {1}, false)
                        .add(x[0].gather(1, x[1]).squeeze(1)), t(2, 3), index(new long[] {1, 0}, 2, 1))
                        .ref(x -> Nd.vector(Ref.max(Arrays.copyOfRange(x[0].data, 0, 3)) + x[0].at(0, 1),
                                Ref.max(Arrays.copyOfRange(x[0].data, 3, 6)) + x[0].at(1, 0)))
                        .only(DType.FLOAT64).gradFn("AddBackward0").label("+ gather, the second-order test's case"))
                .error(ErrorCase.of("over an empty dim", () -> Fails.ins(Tensor.ones(2, 0)),
                        x -> x[0].amax(new int[] {1}, false), "dim 1", "[2, 0]")));

        db.add(op("amin").dtypes(NUMERIC).gradFn("AminBackward0")
                .add(reduceDims("amin(int[],boolean)", Tensor::amin, reducing(Ref::min), false)));

        for (boolean isMax : new boolean[] {true, false}) {
            String name = isMax ? "argmax" : "argmin";
            db.add(op(name).dtypes(NUMERIC).result(t -> DType.INT64).notDifferentiable()
                    .add(reduceAll(name + "()", isMax ? Tensor::argmax : Tensor::argmin, argReduction(isMax), false))
                    .add(reduceDim(name + "(int)", isMax ? Tensor::argmax : Tensor::argmin, argReduction(isMax), false,
                            false))
                    .add(reduceDim(name + "(int,boolean)", isMax ? (x, d) -> x.argmax(d, true) : (x, d) -> x.argmin(d, true),
                            argReduction(isMax), true, false))
                    .error(Fails.dim(isMax ? x -> x.argmax(2) : x -> x.argmin(2)))
                    // PyTorch 1.13: torch.tensor([True, False]).argmax() -> '"argmax_cpu" not implemented for 'Bool''
                    .error(Fails.boolInput(isMax ? Tensor::argmax : Tensor::argmin)));
        }

        // any/all: bool results of any dtype (NaN is non-zero); an empty reduction is false for any, true for all.
        for (boolean isAny : new boolean[] {true, false}) {
            String name = isAny ? "any" : "all";
            Samples.DimsRef ref = (x, dims, keepdim) -> Ref.reduce(x, dims, keepdim,
                    v -> isAny ? (java.util.Arrays.stream(v).anyMatch(e -> e != 0) ? 1 : 0)
                            : (java.util.Arrays.stream(v).allMatch(e -> e != 0) ? 1 : 0)).as(DType.BOOL);
            db.add(op(name).dtypes(ALL).result(t -> DType.BOOL).notDifferentiable()
                    .add(reduceAll(name + "()", isAny ? Tensor::any : Tensor::all, ref, true))
                    .add(reduceDim(name + "(int,boolean)", isAny ? (x, d) -> x.any(d, false) : (x, d) -> x.all(d, false),
                            ref, false, true))
                    .add(reduceDim(name + "(int,boolean)", isAny ? (x, d) -> x.any(d, true) : (x, d) -> x.all(d, true),
                            ref, true, true))
                    // PyTorch 1.13: x = [[0, 1, 0], [0, 0, 0]]; x.any() True, x.all() False, x.any(1) [True, False],
                    // x.all(0, keepdim=True) [[False, False, False]]; tensor([nan, 0]).any() True.
                    .add(Sample.of(name + "()", x -> isAny ? x[0].any() : x[0].all(),
                            values(new double[] {0, 1, 0, 0, 0, 0}, 2, 3))
                            .ref(x -> Nd.scalar(isAny ? 1 : 0).as(DType.BOOL)).label("PyTorch's zeros and a one"))
                    .add(Sample.of(name + "(int,boolean)", x -> isAny ? x[0].any(1, false) : x[0].all(0, true),
                            values(new double[] {0, 1, 0, 0, 0, 0}, 2, 3))
                            .ref(x -> isAny ? Nd.vector(1, 0).as(DType.BOOL)
                                    : Nd.of(new int[] {1, 3}, 0, 0, 0).as(DType.BOOL)).label("PyTorch's rows"))
                    .add(Sample.of(name + "()", x -> isAny ? x[0].any() : x[0].all(),
                            values(new double[] {Double.NaN, 0})).only(DType.FLOAT32, DType.FLOAT64)
                            .ref(x -> Nd.scalar(isAny ? 1 : 0).as(DType.BOOL)).label("NaN counts as true"))
                    .error(Fails.dim(isAny ? x -> x.any(2, false) : x -> x.all(2, false))));
        }

        db.add(op("var").dtypes(FLOATING).gradFn("VarBackward0")
                .add(reduceAll("var()", Tensor::var, reducing(v -> Ref.var(v, 1)), true))
                .add(each(reduceDims("var(int[],double,boolean)", (x, dims, keep) -> x.var(dims, 1, keep),
                        reducing(v -> Ref.var(v, 1)), true), s -> s.label(s.label + ", correction 1")))
                .add(each(reduceDims("var(int[],double,boolean)", (x, dims, keep) -> x.var(dims, 0, keep),
                        reducing(v -> Ref.var(v, 0)), true), s -> s.label(s.label + ", correction 0")))
                // The op tests' values (PyTorch 1.13, float32): var() 3.5, var(1) [1, 1].
                .add(Sample.of("var()", x -> x[0].var(), values(new double[] {1, 2, 3, 4, 5, 6}, 2, 3))
                        .ref(x -> Nd.scalar(3.5)).only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(1e-6))
                        .label("PyTorch 1.13 value"))
                .add(Sample.of("var(int[],double,boolean)", x -> x[0].var(new int[] {1}, 1, false),
                        values(new double[] {1, 2, 3, 4, 5, 6}, 2, 3)).ref(x -> Nd.vector(1, 1)).only(DType.FLOAT32)
                        .tol(DType.FLOAT32, Tolerance.EXACT).label("PyTorch 1.13 value"))
                .error(Fails.dim(x -> x.var(new int[] {2}, 1, false)))
                .error(ErrorCase.of("int64 input", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> x[0].var(), "int64")));

        // std's errors name std (PyTorch 1.13: torch.ones(2, dtype=torch.long).std() raises "std and var only support
        // floating point and complex dtypes"; torch.ones(2, 2).std([0, -2]) "dim 0 appears multiple times").
        db.add(op("std").dtypes(FLOATING).gradFn("StdBackward0")
                .add(reduceAll("std()", Tensor::std, reducing(v -> Math.sqrt(Ref.var(v, 1))), true))
                .add(each(reduceDims("std(int[],double,boolean)", (x, dims, keep) -> x.std(dims, 1, keep),
                        reducing(v -> Math.sqrt(Ref.var(v, 1))), true), s -> {
                            if (s.inputs.get(0).layout == In.Layout.EXPANDED) {
                                s.noGrad("equal values: the derivative of sqrt at a variance of 0 is infinite");
                            }
                        }))
                .add(Sample.of("std(int[],double,boolean)", x -> x[0].std(new int[] {0}, 1, false), t(3, 2))
                        .ref(x -> Ref.reduce(x[0], new int[] {0}, false, v -> Math.sqrt(Ref.var(v, 1))))
                        .label("dim 0, the op test's case"))
                .add(Sample.of("std(int[],double,boolean)", x -> x[0].std(new int[] {0}, 1, false),
                        values(new double[] {1, 2, 3, 4, 5, 6}, 2, 3)).ref(x -> Nd.vector(2.1213202476501465,
                                2.1213202476501465, 2.1213202476501465)).only(DType.FLOAT32)
                        .tol(DType.FLOAT32, Tolerance.abs(1e-6)).label("PyTorch 1.13 value"))
                .error(Fails.dim(x -> x.std(new int[] {2}, 1, false)))
                .error(ErrorCase.of("int64 input", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> x[0].std(), "int64"))
                .error(ErrorCase.of("a dim twice", () -> Fails.ins(Tensor.ones(2, 2)),
                        x -> x[0].std(new int[] {0, -2}, 1, false), "dim 0", "multiple times")));

        db.add(op("logsumexp").dtypes(NUMERIC).result(FLOAT_RESULT).gradFn("LogsumexpBackward0")
                .add(reduceDims("logsumexp(int[],boolean)", Tensor::logsumexp, reducing(Ref::logsumexp), true))
                .add(reduceDim("logsumexp(int,boolean)", (x, d) -> x.logsumexp(d, false), reducing(Ref::logsumexp),
                        false, true))
                .add(Sample.of("logsumexp(int,boolean)", x -> x[0].logsumexp(1, true), t(3, 4))
                        .ref(x -> Ref.reduce(x[0], new int[] {1}, true, Ref::logsumexp)).label("dim 1 keepdim"))
                // The op tests' values (PyTorch 1.13, float32): a row of -inf gives -inf, not NaN.
                .add(Sample.of("logsumexp(int,boolean)", x -> x[0].logsumexp(1, false),
                        values(new double[] {NEG_INF, NEG_INF, NEG_INF, 0, 1, 2}, 3, 2))
                        .ref(x -> Nd.vector(NEG_INF, 0, 2.3132617473602295)).only(DType.FLOAT32)
                        .tol(DType.FLOAT32, Tolerance.abs(1e-6)).noGrad("-inf").label("rows of -inf, PyTorch 1.13"))
                .add(Sample.of("logsumexp(int,boolean)", x -> x[0].logsumexp(1, false),
                        values(new double[] {NEG_INF, NEG_INF, NEG_INF, 0, 1000, 1000}, 3, 2))
                        .ref(x -> Nd.vector(NEG_INF, 0, 1000 + Math.log(2))).only(DType.FLOAT64)
                        .noGrad("-inf").label("rows of -inf and large values"))
                .error(Fails.dim(x -> x.logsumexp(2, false))));

        return db;
    }
}
