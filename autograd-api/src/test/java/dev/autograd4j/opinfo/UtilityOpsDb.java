package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.List;

import static dev.autograd4j.opinfo.In.index;
import static dev.autograd4j.opinfo.In.t;
import static dev.autograd4j.opinfo.In.values;
import static dev.autograd4j.opinfo.OpInfo.ALL;
import static dev.autograd4j.opinfo.OpInfo.FLOATING;
import static dev.autograd4j.opinfo.OpInfo.NUMERIC;
import static dev.autograd4j.opinfo.OpInfo.op;

/**
 * The shape and reduction utilities PyTorch users reach for beside the core ops: diagonal, trace, tile,
 * broadcast_to, unflatten, swapaxes, view_as/reshape_as/type_as, repeat_interleave, take_along_dim, the stacks,
 * meshgrid, count_nonzero, nansum and nanmean. Expected values are PyTorch 1.13's where the comment says so.
 */
final class UtilityOpsDb {
    private UtilityOpsDb() {
    }

    private static final double NAN = Double.NaN;

    /** {@code arange(12.).reshape(3, 4)}, the input of most PyTorch values below. */
    private static In a34() {
        return values(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 3, 4);
    }

    static List<OpInfo> entries() {
        List<OpInfo> db = new ArrayList<>();

        db.add(op("diagonal").dtypes(NUMERIC).gradFn("DiagonalBackward0")
                // PyTorch 1.13: a.diagonal(), a.diagonal(1), a.diagonal(-1, 1, 0) for a = arange(12.).reshape(3, 4)
                .add(Sample.of("diagonal()", x -> x[0].diagonal(), a34()).ref(x -> Nd.vector(0, 5, 10)))
                .add(Sample.of("diagonal(int,int,int)", x -> x[0].diagonal(1, 0, 1), a34()).ref(x -> Nd.vector(1, 6,
                        11)).label("offset 1"))
                .add(Sample.of("diagonal(int,int,int)", x -> x[0].diagonal(-1, 1, 0), a34()).ref(x -> Nd.vector(1, 6,
                        11)).label("offset -1 of dims (1, 0)"))
                .add(Sample.of("diagonal(int,int,int)", x -> x[0].diagonal(0, -1, 0), t(2, 3, 2)).ref(x -> {
                    double[] out = new double[6];
                    for (int j = 0; j < 3; j++) {
                        for (int i = 0; i < 2; i++) {
                            out[j * 2 + i] = x[0].at(i, j, i);
                        }
                    }
                    return Nd.of(new int[] {3, 2}, out);
                }).label("3-D, dims (-1, 0)"))
                .error(ErrorCase.of("the same dim twice", () -> Fails.ins(Tensor.ones(2, 2)),
                        x -> x[0].diagonal(0, 1, 1), "diagonal")));

        db.add(op("trace").dtypes(NUMERIC).gradFn("TraceBackward0").result(u -> u.isFloatingPoint() ? u : DType.INT64)
                .add(Sample.of("trace()", x -> x[0].trace(), t(3, 3)).ref(x -> Nd.scalar(x[0].at(0, 0) + x[0].at(1, 1)
                        + x[0].at(2, 2))))
                // PyTorch 1.13: arange(12.).reshape(3, 4).trace() = 15, its gradient the 3 x 4 identity
                .add(Sample.of("trace()", x -> x[0].trace(), a34()).ref(x -> Nd.scalar(15)).only(DType.FLOAT64)
                        .grads(null, Tolerance.EXACT, new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0})
                        .label("3 x 4, PyTorch 1.13"))
                // PyTorch 1.13: torch.ones(2, 2, 2).trace() raises "trace: expected a matrix, but got tensor with dim 3"
                .error(ErrorCase.of("a 3-D input", () -> Fails.ins(Tensor.ones(2, 2, 2)), x -> x[0].trace(),
                        "expected a matrix", "dim 3")));

        db.add(op("tile").dtypes(NUMERIC).gradFn("RepeatBackward0")
                // PyTorch 1.13: torch.tensor([1., 2.]).tile((2, 2)); a.tile((2,)) repeats the last dim
                .add(Sample.of("tile(int[])", x -> x[0].tile(2, 2), values(new double[] {1, 2})).ref(x -> Nd.of(
                        new int[] {2, 4}, 1, 2, 1, 2, 1, 2, 1, 2)))
                .add(Sample.of("tile(int[])", x -> x[0].tile(2), t(3, 2)).ref(x -> ModelOpsDb.repeat(x[0], 1, 2))
                        .label("fewer reps than dims"))
                .add(Sample.of("tile(int[])", x -> x[0].tile(), t(2, 3)).ref(x -> x[0]).label("no reps: a copy"))
                .error(ErrorCase.of("a negative rep", () -> Fails.ins(Tensor.ones(2)), x -> x[0].tile(-1),
                        "non-negative")));

        db.add(op("broadcast_to").dtypes(ALL).gradFn("ExpandBackward0").errorName("expand")
                .add(Sample.of("broadcastTo(int[])", x -> x[0].broadcastTo(3, 2), t(2)).ref(x -> Ref.expand(x[0], 3, 2)))
                .add(Sample.of("broadcastTo(int[])", x -> x[0].broadcastTo(2, 2, 3), t(2, 1)).ref(x -> Ref.expand(x[0],
                        2, 2, 3)).label("a new leading dim"))
                .error(ErrorCase.of("[2] to [3, 3]", () -> Fails.ins(Tensor.ones(2)), x -> x[0].broadcastTo(3, 3),
                        "3")));

        db.add(op("unflatten").dtypes(ALL).gradFn("ViewBackward0")
                .add(Sample.of("unflatten(int,int[])", x -> x[0].unflatten(1, 2, 2), t(3, 4)).ref(x -> x[0].reshape(3,
                        2, 2)))
                .add(Sample.of("unflatten(int,int[])", x -> x[0].unflatten(-1, -1, 2), t(3, 4)).ref(x -> x[0].reshape(3,
                        2, 2)).label("an inferred size"))
                .add(Sample.of("unflatten(int,int[])", x -> x[0].unflatten(0, 1, 3, 1), t(3, 2)).ref(x -> x[0].reshape(1,
                        3, 1, 2)).label("sizes with ones"))
                // PyTorch 1.13: a.unflatten(1, (3, 2)) raises "unflatten: Provided sizes [3, 2] don't multiply up to
                // the size of dim 1 (4) in the input tensor"
                .error(ErrorCase.of("sizes that do not multiply up", () -> Fails.ins(Tensor.ones(3, 4)),
                        x -> x[0].unflatten(1, 3, 2), "don't multiply up", "(4)"))
                // torch.tensor(1.).unflatten(0, (1,)): "Dimension specified as 0 but tensor has no dimensions".
                .error(ErrorCase.of("0-d", () -> Fails.ins(Tensor.scalar(1)), x -> x[0].unflatten(0, 1),
                        "dimension specified as 0 but tensor has no dimensions"))
                .error(Fails.dim(x -> x.unflatten(2, 1))));

        db.add(op("swapaxes").dtypes(ALL).gradFn("TransposeBackward0").errorName("transpose")
                .add(Sample.of("swapaxes(int,int)", x -> x[0].swapaxes(0, 1), t(3, 4)).ref(x -> Ref.transpose(x[0], 0, 1)))
                .add(Sample.of("swapdims(int,int)", x -> x[0].swapdims(-1, 0), t(2, 3, 4)).ref(x -> Ref.transpose(x[0],
                        2, 0))));

        db.add(op("view_as").dtypes(ALL).gradFn("ViewBackward0").errorName("view")
                .add(Sample.of("viewAs(Tensor)", x -> x[0].viewAs(Tensor.ones(4, 3)), t(3, 4)).ref(x -> x[0].reshape(4,
                        3)))
                .add(Sample.of("reshapeAs(Tensor)", x -> x[0].reshapeAs(Tensor.ones(12)), t(3, 4).transposed())
                        .ref(x -> x[0].reshape(12)).noGradFn("a copy: PyTorch's node is UnsafeViewBackward0"))
                .add(Sample.of("typeAs(Tensor)", x -> x[0].typeAs(Tensor.ones(new int[] {1}, DType.FLOAT64)), t(2, 3))
                        .ref(x -> x[0]).result(u -> DType.FLOAT64).noGradFn("a conversion").label("to float64")));

        db.add(op("repeat_interleave").dtypes(NUMERIC).gradFn("IndexSelectBackward0")
                // PyTorch 1.13: torch.tensor([1., 2.]).repeat_interleave(2) = [1, 1, 2, 2]; a.repeat_interleave(2,
                // dim=0) repeats each row
                .add(Sample.of("repeatInterleave(int)", x -> x[0].repeatInterleave(2), values(new double[] {1, 2}))
                        .ref(x -> Nd.vector(1, 1, 2, 2)))
                .add(Sample.of("repeatInterleave(int)", x -> x[0].repeatInterleave(2), values(new double[] {1, 2, 3, 4},
                        2, 2)).ref(x -> Nd.vector(1, 1, 2, 2, 3, 3, 4, 4)).label("2-D without a dim: flattened"))
                .add(Sample.of("repeatInterleave(int,int)", x -> x[0].repeatInterleave(2, 0), t(3, 4)).ref(x ->
                        Ref.cat(List.of(Ref.select(x[0], 0, 0).reshape(1, 4), Ref.select(x[0], 0, 0).reshape(1, 4),
                                Ref.select(x[0], 0, 1).reshape(1, 4), Ref.select(x[0], 0, 1).reshape(1, 4),
                                Ref.select(x[0], 0, 2).reshape(1, 4), Ref.select(x[0], 0, 2).reshape(1, 4)), 0))
                        .label("dim 0"))
                .add(Sample.of("repeatInterleave(int,int)", x -> x[0].repeatInterleave(0, 1), t(3, 4))
                        .ref(x -> Nd.of(new int[] {3, 0})).label("zero repeats"))
                // PyTorch 1.13: repeat_interleave(-1) raises "repeats can not be negative"
                .error(ErrorCase.of("a negative count", () -> Fails.ins(Tensor.ones(2)), x -> x[0].repeatInterleave(-1),
                        "can not be negative")));

        db.add(op("take_along_dim").dtypes(NUMERIC).gradFn("GatherBackward0")
                // PyTorch 1.13: a.take_along_dim(tensor([[0], [2], [1]]), dim=1) = [[0], [6], [9]];
                // a.take_along_dim(tensor([0, 5, 11])) = [0, 5, 11]
                .add(Sample.of("takeAlongDim(Tensor,int)", x -> x[0].takeAlongDim(x[1], 1), a34(),
                        index(new long[] {0, 2, 1}, 3, 1)).ref(x -> Nd.of(new int[] {3, 1}, 0, 6, 9)))
                .add(Sample.of("takeAlongDim(Tensor)", x -> x[0].takeAlongDim(x[1]), a34(), index(new long[] {0, 5,
                        11}, 3)).ref(x -> Nd.vector(0, 5, 11)).label("flattened"))
                .add(Sample.of("takeAlongDim(Tensor,int)", x -> x[0].takeAlongDim(x[1], 0), t(3, 1),
                        index(new long[] {2, 0, 1, 1, 0, 2}, 2, 3)).ref(x -> Nd.of(new int[] {2, 3}, x[0].at(2, 0),
                        x[0].at(0, 0), x[0].at(1, 0), x[0].at(1, 0), x[0].at(0, 0), x[0].at(2, 0)))
                        .label("the input broadcast along dim 1"))
                .error(ErrorCase.of("int32 indices", () -> Fails.ins(Tensor.ones(3), Tensor.of(new int[] {0}, 1)),
                        x -> x[0].takeAlongDim(x[1], 0), "INT64"))
                .error(ErrorCase.of("ranks 2 and 1", () -> Fails.ins(Tensor.ones(2, 2), Tensor.of(new long[] {0}, 1)),
                        x -> x[0].takeAlongDim(x[1], 0), "same number of dimensions"))
                // torch.take_along_dim(torch.tensor(3.), torch.tensor(0), 0): "Dimension specified as 0 but tensor
                // has no dimensions" (without a dim, the 0-d input is flattened and works).
                .error(ErrorCase.of("0-d along dim 0", () -> Fails.ins(Tensor.scalar(3), Tensor.scalar(0, DType.INT64)),
                        x -> x[0].takeAlongDim(x[1], 0), "dimension specified as 0 but tensor has no dimensions")));

        db.add(op("hstack").dtypes(ALL).gradFn("CatBackward0")
                // PyTorch 1.13: hstack([ones(2), zeros(3)]) = [1, 1, 0, 0, 0]; hstack([ones(2, 1), zeros(2, 2)])
                .add(Sample.of("hstack(List)", x -> Tensor.hstack(List.of(x)), t(2), t(3)).ref(x -> Ref.cat(List.of(x),
                        0)))
                .add(Sample.of("hstack(List)", x -> Tensor.hstack(List.of(x)), t(2, 1), t(2, 2)).ref(x ->
                        Ref.cat(List.of(x), 1)).label("2-D: along dim 1"))
                .error(ErrorCase.of("no tensors", () -> Fails.ins(), x -> Tensor.hstack(List.of()), "non-empty")));

        db.add(op("vstack").dtypes(ALL).gradFn("CatBackward0")
                .add(Sample.of("vstack(List)", x -> Tensor.vstack(List.of(x)), t(2), t(3, 2)).ref(x -> Ref.cat(List.of(
                        x[0].reshape(1, 2), x[1]), 0)).label("a 1-D tensor is a row")));

        db.add(op("dstack").dtypes(ALL).gradFn("CatBackward0")
                // PyTorch 1.13: dstack([ones(2), zeros(2)]) has shape [1, 2, 2]
                .add(Sample.of("dstack(List)", x -> Tensor.dstack(List.of(x)), t(2), t(2)).ref(x -> Ref.cat(List.of(
                        x[0].reshape(1, 2, 1), x[1].reshape(1, 2, 1)), 2))));

        db.add(op("meshgrid").dtypes(NUMERIC).gradFn("ExpandBackward0")
                // PyTorch 1.13: meshgrid(tensor([1., 2.]), tensor([3., 4., 5.]), indexing='ij' / 'xy')
                .add(Sample.of("meshgrid(Tensor[])", x -> Tensor.meshgrid(x), values(new double[] {1, 2}),
                        values(new double[] {3, 4, 5})).ref(x -> new Nd[] {Nd.of(new int[] {2, 3}, 1, 1, 1, 2, 2, 2),
                        Nd.of(new int[] {2, 3}, 3, 4, 5, 3, 4, 5)}).label("ij"))
                .add(Sample.of("meshgrid(String,Tensor[])", x -> Tensor.meshgrid("xy", x), values(new double[] {1, 2}),
                        values(new double[] {3, 4, 5})).ref(x -> new Nd[] {Nd.of(new int[] {3, 2}, 1, 2, 1, 2, 1, 2),
                        Nd.of(new int[] {3, 2}, 3, 3, 4, 4, 5, 5)}).label("xy"))
                .error(ErrorCase.of("a 2-D tensor", () -> Fails.ins(Tensor.ones(2, 2)), x -> Tensor.meshgrid(x),
                        "0D or 1D"))
                .error(ErrorCase.of("indexing \"ab\"", () -> Fails.ins(Tensor.ones(2)), x -> Tensor.meshgrid("ab", x),
                        "indexing")));

        db.add(op("count_nonzero").dtypes(ALL).result(u -> DType.INT64).notDifferentiable()
                // PyTorch 1.13: tensor([[0, 1.], [2, 0]]).count_nonzero() = 2; over dim 0 of [[0, 1], [2, 0], [3, 3]]
                // = [2, 2]; NaN counts: tensor([nan, 0.]).count_nonzero() = 1
                .add(Sample.of("countNonzero()", x -> x[0].countNonzero(), values(new double[] {0, 1, 2, 0}, 2, 2))
                        .ref(x -> Nd.scalar(2).as(DType.INT64)))
                .add(Sample.of("countNonzero(int[])", x -> x[0].countNonzero(0), values(new double[] {0, 1, 2, 0, 3, 3},
                        3, 2)).ref(x -> Nd.vector(2, 2).as(DType.INT64)).label("dim 0"))
                .add(Sample.of("countNonzero()", x -> x[0].countNonzero(), values(new double[] {NAN, 0}))
                        .ref(x -> Nd.scalar(1).as(DType.INT64)).only(DType.FLOAT32, DType.FLOAT64).label("NaN counts"))
                .error(Fails.dim(x -> x.countNonzero(2))));

        db.add(op("nansum").dtypes(NUMERIC).gradFn("NansumBackward0").result(u -> u.isFloatingPoint() ? u : DType.INT64)
                .add(Sample.of("nansum()", x -> x[0].nansum(), t(2, 3)).ref(x -> Nd.scalar(Ref.sum(x[0].data)))
                        .noGradFn("integers sum as sum"))
                .add(Sample.of("nansum(int[],boolean)", x -> x[0].nansum(new int[] {1}, true), t(2, 3)).ref(x ->
                        Ref.reduce(x[0], new int[] {1}, true, Ref::sum)).noGradFn("integers sum as sum"))
                // PyTorch 1.13: tensor([1., nan, 2.]).nansum() = 3, gradient [1, 0, 1]; over dim 1 of
                // [[1, nan], [2, 3]] = [1, 5]
                .add(Sample.of("nansum()", x -> x[0].nansum(), values(new double[] {1, NAN, 2})).ref(x -> Nd.scalar(3))
                        .only(DType.FLOAT32, DType.FLOAT64).grads(null, Tolerance.EXACT, new double[] {1, 0, 1})
                        .noGrad("NaN").label("NaN counts as 0"))
                .add(Sample.of("nansum(int[],boolean)", x -> x[0].nansum(new int[] {1}, false), values(new double[] {1,
                        NAN, 2, 3}, 2, 2)).ref(x -> Nd.vector(1, 5)).only(DType.FLOAT32, DType.FLOAT64).noGrad("NaN")
                        .label("NaN counts as 0, dim 1")));

        db.add(op("nanmean").dtypes(FLOATING).gradFn("DivBackward0")
                .add(Sample.of("nanmean()", x -> x[0].nanmean(), t(2, 3)).ref(x -> Nd.scalar(Ref.mean(x[0].data))))
                .add(Sample.of("nanmean(int[],boolean)", x -> x[0].nanmean(new int[] {0}, false), t(2, 3))
                        .ref(x -> Ref.reduce(x[0], new int[] {0}, false, Ref::mean)))
                // PyTorch 1.13: tensor([1., nan, 2.]).nanmean() = 1.5, gradient [0.5, 0, 0.5]; all NaN gives NaN
                .add(Sample.of("nanmean()", x -> x[0].nanmean(), values(new double[] {1, NAN, 2})).ref(x ->
                        Nd.scalar(1.5)).grads(null, Tolerance.EXACT, new double[] {0.5, 0, 0.5}).noGrad("NaN")
                        .label("NaN skipped"))
                .add(Sample.of("nanmean()", x -> x[0].nanmean(), values(new double[] {NAN})).ref(x -> Nd.scalar(NAN))
                        .noGrad("NaN").label("all NaN"))
                // PyTorch 1.13: "nanmean(): expected input to have floating point dtype but got Long"
                .error(ErrorCase.of("an integer input", () -> Fails.ins(Tensor.arange(2)), x -> x[0].nanmean(),
                        "floating point"))
                // PyTorch 1.13: torch.ones(2, 3).nanmean([0, 0]) raises "dim 0 appears multiple times in the list of
                // dims"; the errors name nanmean, not the sum it is composed of
                .error(Fails.dim(x -> x.nanmean(new int[] {2}, false)))
                .error(ErrorCase.of("a dim twice", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> x[0].nanmean(new int[] {0, 0}, false), "dim 0", "multiple times")));

        // PyTorch 1.13: zeros(3, 4).scatter(0, idx, src) for idx = [[0, 1, 2, 0], [2, 0, 0, 1]], src = arange(1., 9.)
        // .reshape(2, 4); backward(arange(12.).reshape(3, 4)) gives self [[0, 0, 0, 0], [4, 0, 6, 0], [0, 9, 0, 11]]
        // and src [[0, 5, 10, 3], [8, 1, 2, 7]]
        In idx = index(new long[] {0, 1, 2, 0, 2, 0, 0, 1}, 2, 4);
        double[] upstream = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        db.add(op("scatter").dtypes(NUMERIC).gradFn("ScatterBackward0")
                .add(Sample.of("scatter(int,Tensor,Tensor)", x -> x[0].scatter(0, x[1], x[2]), t(3, 4), idx,
                        values(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4)).ref(x -> Nd.of(new int[] {3, 4}, 1, 6, 7,
                        4, x[0].at(1, 0), 2, x[0].at(1, 2), 8, 5, x[0].at(2, 1), 3, x[0].at(2, 3))))
                .add(Sample.of("scatter(int,Tensor,Tensor)", x -> x[0].scatter(0, x[1], x[2]), values(new double[12],
                        3, 4), idx, values(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4)).ref(x -> Nd.of(new int[] {3, 4},
                        1, 6, 7, 4, 0, 2, 0, 8, 5, 0, 3, 0)).only(DType.FLOAT64).grads(upstream, Tolerance.EXACT,
                        new double[] {0, 0, 0, 0, 4, 0, 6, 0, 0, 9, 0, 11}, new double[] {0, 5, 10, 3, 8, 1, 2, 7})
                        .label("PyTorch 1.13 values"))
                // src larger than index: only its leading part is written (PyTorch 1.13's backward fails here; the
                // rest of src gets 0)
                .add(Sample.of("scatter(int,Tensor,Tensor)", x -> x[0].scatter(1, x[1], x[2]), t(3, 4),
                        index(new long[] {3, 0, 1}, 3, 1), t(3, 2)).ref(x -> {
                            Nd out = Nd.of(x[0].shape, x[0].data.clone());
                            out.data[3] = x[2].at(0, 0);
                            out.data[4] = x[2].at(1, 0);
                            out.data[9] = x[2].at(2, 0);
                            return out;
                        }).label("src larger than index"))
                .add(Sample.of("scatter(int,Tensor,double)", x -> x[0].scatter(1, x[1], 2.5), t(3, 4),
                        index(new long[] {3, 0, 1}, 3, 1)).ref(x -> {
                            Nd out = Nd.of(x[0].shape, x[0].data.clone());
                            out.data[3] = 2.5;
                            out.data[4] = 2.5;
                            out.data[9] = 2.5;
                            return out;
                        }).only(DType.FLOAT32, DType.FLOAT64).gradFn("ScatterBackward1").label("a value"))
                // PyTorch 1.13: zeros(3, 4, dtype=long).scatter(1, [[3], [0], [1]], 2.5) writes 2
                .add(Sample.of("scatter(int,Tensor,double)", x -> x[0].scatter(1, x[1], 2.5), values(new double[12], 3,
                        4), index(new long[] {3, 0, 1}, 3, 1)).ref(x -> Nd.of(new int[] {3, 4}, 0, 0, 0, 2, 2, 0, 0, 0,
                        0, 2, 0, 0)).only(DType.INT64, DType.INT32).cpuSameDtype("the value is truncated to the dtype")
                        .label("an integer tensor truncates the value"))
                // zeros(4).scatter(0, [1, 1, 3], [5., 6., 7.]): the last write to 1 wins, as on PyTorch's CPU
                .add(Sample.of("scatter(int,Tensor,Tensor)", x -> x[0].scatter(0, x[1], x[2]), values(new double[4]),
                        index(new long[] {1, 1, 3}, 3), values(new double[] {5, 6, 7})).ref(x -> Nd.vector(0, 6, 0,
                        7)).noGrad("a repeated target").label("repeated targets: the last wins"))
                // PyTorch 1.13: "index 4 is out of bounds for dimension 1 with size 4", and -1 too: scatter does not
                // wrap
                .error(ErrorCase.of("an index past the end", () -> Fails.ins(Tensor.zeros(3, 4),
                        Tensor.of(new long[] {4}, 1, 1)), x -> x[0].scatter(1, x[1], 1.0), "out of bounds").index())
                .error(ErrorCase.of("a negative index", () -> Fails.ins(Tensor.zeros(3, 4),
                        Tensor.of(new long[] {-1}, 1, 1)), x -> x[0].scatter(1, x[1], 1.0), "out of bounds").index())
                .error(ErrorCase.of("an int32 index", () -> Fails.ins(Tensor.zeros(3, 4), Tensor.of(new int[] {0}, 1, 1)),
                        x -> x[0].scatter(1, x[1], 1.0), "int64"))
                // PyTorch 1.13: zeros(3, dtype=long).scatter(0, [0], nan) raises "value cannot be converted to type
                // int64_t without overflow"
                .error(ErrorCase.of("NaN into int64", () -> Fails.ins(Tensor.zeros(new int[] {3}, DType.INT64),
                        Tensor.of(new long[] {0}, 1)), x -> x[0].scatter(0, x[1], Double.NaN), "cannot be converted"))
                .error(ErrorCase.of("src of another dtype", () -> Fails.ins(Tensor.zeros(3, 4),
                        Tensor.of(new long[] {0}, 1, 1), Tensor.ones(new int[] {1, 1}, DType.FLOAT64)),
                        x -> x[0].scatter(1, x[1], x[2]), "same dtype"))
                .error(ErrorCase.of("src smaller than index", () -> Fails.ins(Tensor.zeros(3, 4),
                        Tensor.zeros(new int[] {3, 2}, DType.INT64), Tensor.ones(3, 1)), x -> x[0].scatter(1, x[1], x[2]),
                        "smaller size than src"))
                .error(ErrorCase.of("an index of another rank", () -> Fails.ins(Tensor.zeros(3, 4),
                        Tensor.zeros(new int[] {3}, DType.INT64)), x -> x[0].scatter(1, x[1], 1.0),
                        "same number of dimensions")));

        // PyTorch 1.13: arange(12.).reshape(3, 4).index_fill(1, [0, 2], -1.), its gradient 0 at the filled entries
        db.add(op("index_fill").dtypes(NUMERIC).gradFn("IndexFillBackward0")
                .add(Sample.of("indexFill(int,Tensor,double)", x -> x[0].indexFill(1, x[1], -1), a34(),
                        index(new long[] {0, 2}, 2)).ref(x -> Nd.of(new int[] {3, 4}, -1, 1, -1, 3, -1, 5, -1, 7, -1, 9,
                        -1, 11)).label("PyTorch 1.13 values"))
                .add(Sample.of("indexFill(int,Tensor,double)", x -> x[0].indexFill(0, x[1], 0.5), t(3, 2),
                        index(new long[] {-1}, 1)).ref(x -> {
                            Nd out = Nd.of(x[0].shape, x[0].data.clone());
                            out.data[4] = 0.5;
                            out.data[5] = 0.5;
                            return out;
                        }).only(DType.FLOAT32, DType.FLOAT64).label("a negative index counts from the end"))
                .add(Sample.of("indexFill(int,Tensor,double)", x -> x[0].indexFill(1, x[1], -1), a34(),
                        index(new long[] {0, 2}, 2)).ref(x -> Nd.of(new int[] {3, 4}, -1, 1, -1, 3, -1, 5, -1, 7, -1, 9,
                        -1, 11)).only(DType.FLOAT64).grads(null, Tolerance.EXACT, new double[] {0, 1, 0, 1, 0, 1, 0, 1,
                        0, 1, 0, 1}).label("PyTorch 1.13 gradient"))
                // PyTorch 1.13: "index_fill_(): Expected dtype int64 for index."
                .error(ErrorCase.of("an int32 index", () -> Fails.ins(Tensor.zeros(3), Tensor.of(new int[] {1}, 1)),
                        x -> x[0].indexFill(0, x[1], 1.0), "int64"))
                .error(ErrorCase.of("an index past the end", () -> Fails.ins(Tensor.zeros(3), Tensor.of(new long[] {3},
                        1)), x -> x[0].indexFill(0, x[1], 1.0), "out of").index())
                // PyTorch 1.13: zeros(3, dtype=long).index_fill(0, [0], nan) raises "value cannot be converted"
                .error(ErrorCase.of("NaN into int64", () -> Fails.ins(Tensor.zeros(new int[] {3}, DType.INT64),
                        Tensor.of(new long[] {0}, 1)), x -> x[0].indexFill(0, x[1], Double.NaN), "cannot be converted"))
                // torch.zeros(3).index_fill(0, torch.tensor([-4]), 1.): "index -4 is out of bounds for dimension 0 ...".
                .error(ErrorCase.of("an index before the start", () -> Fails.ins(Tensor.zeros(3),
                        Tensor.of(new long[] {-4}, 1)), x -> x[0].indexFill(0, x[1], 1.0), "index -4 is out of bounds")
                        .index()));

        // PyTorch 1.13: zeros(3, 4).index_copy(0, [2, 0], ones(2, 4)); backward(arange(12.).reshape(3, 4)) gives
        // self [[0, 0, 0, 0], [4, 5, 6, 7], [0, 0, 0, 0]] and source [[8, 9, 10, 11], [0, 1, 2, 3]]
        db.add(op("index_copy").dtypes(NUMERIC).gradFn("IndexCopyBackward0")
                .add(Sample.of("indexCopy(int,Tensor,Tensor)", x -> x[0].indexCopy(0, x[1], x[2]), t(3, 4),
                        index(new long[] {2, 0}, 2), t(2, 4)).ref(x -> Ref.cat(List.of(Ref.select(x[2], 0, 1).reshape(1,
                        4), Ref.select(x[0], 0, 1).reshape(1, 4), Ref.select(x[2], 0, 0).reshape(1, 4)), 0)))
                .add(Sample.of("indexCopy(int,Tensor,Tensor)", x -> x[0].indexCopy(1, x[1], x[2]), t(2, 3),
                        index(new long[] {1}, 1), t(2, 1)).ref(x -> Nd.of(new int[] {2, 3}, x[0].at(0, 0), x[2].at(0, 0),
                        x[0].at(0, 2), x[0].at(1, 0), x[2].at(1, 0), x[0].at(1, 2))).label("dim 1"))
                .add(Sample.of("indexCopy(int,Tensor,Tensor)", x -> x[0].indexCopy(0, x[1], x[2]), values(new double[12],
                        3, 4), index(new long[] {2, 0}, 2), values(new double[] {1, 1, 1, 1, 1, 1, 1, 1}, 2, 4))
                        .ref(x -> Nd.of(new int[] {3, 4}, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1)).only(DType.FLOAT64)
                        .grads(upstream, Tolerance.EXACT, new double[] {0, 0, 0, 0, 4, 5, 6, 7, 0, 0, 0, 0},
                                new double[] {8, 9, 10, 11, 0, 1, 2, 3}).label("PyTorch 1.13 values"))
                // PyTorch 1.13: "index_copy_(): index -1 is out of bounds for dimension 0 with size 3";
                // "Number of indices (1) should be equal to source.size(dim) (2)"
                .error(ErrorCase.of("a negative index", () -> Fails.ins(Tensor.zeros(3), Tensor.of(new long[] {-1}, 1),
                        Tensor.ones(1)), x -> x[0].indexCopy(0, x[1], x[2]), "out of bounds").index())
                .error(ErrorCase.of("a source of another size", () -> Fails.ins(Tensor.zeros(3, 2),
                        Tensor.of(new long[] {1}, 1), Tensor.ones(2, 2)), x -> x[0].indexCopy(0, x[1], x[2]),
                        "number of indices (1)"))
                .error(ErrorCase.of("a source of another dtype", () -> Fails.ins(Tensor.zeros(3),
                        Tensor.of(new long[] {1}, 1), Tensor.ones(new int[] {1}, DType.FLOAT64)),
                        x -> x[0].indexCopy(0, x[1], x[2]), "same dtype")));

        // mm, mv and dot: matmul's kernels under their own names and rank checks (matmul's samples cover the layouts).
        // PyTorch 1.13: a = arange(6.).reshape(2, 3), v = [1., 2., 3.]: a.mv(v) = [8, 26], v.dot(v) = 14
        db.add(op("mm").dtypes(NUMERIC).gradFn("MmBackward0")
                .add(Sample.of("mm(Tensor)", x -> x[0].mm(x[1]), t(3, 4), t(4, 2)).ref(x -> Ref.matmul(x[0], x[1])))
                .add(Sample.of("mm(Tensor)", x -> x[0].mm(x[1]), t(3, 4).transposed(), t(4, 2)).ref(x -> Ref.matmul(
                        x[0], x[1])).label("transposed"))
                // PyTorch 1.13: "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"; a 1-D operand: "self must
                // be a matrix"
                .error(ErrorCase.of("[2, 3] @ [2, 3]", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2, 3)),
                        x -> x[0].mm(x[1]), "[2, 3]"))
                .error(ErrorCase.of("a vector", () -> Fails.ins(Tensor.ones(3), Tensor.ones(3, 2)), x -> x[0].mm(x[1]),
                        "2D")));
        db.add(op("mv").dtypes(NUMERIC).gradFn("MvBackward0")
                .add(Sample.of("mv(Tensor)", x -> x[0].mv(x[1]), t(3, 4), t(4)).ref(x -> Ref.matmul(x[0], x[1])))
                .add(Sample.of("mv(Tensor)", x -> x[0].mv(x[1]), values(new double[] {0, 1, 2, 3, 4, 5}, 2, 3),
                        values(new double[] {1, 2, 3})).ref(x -> Nd.vector(8, 26)).label("PyTorch 1.13 values"))
                // PyTorch 1.13: v.mv(v) raises "vector + matrix @ vector expected, got 1, 1, 1"
                .error(ErrorCase.of("a vector times a vector", () -> Fails.ins(Tensor.ones(3), Tensor.ones(3)),
                        x -> x[0].mv(x[1]), "vector + matrix @ vector expected"))
                .error(ErrorCase.of("sizes that differ", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2)),
                        x -> x[0].mv(x[1]), "[2, 3]")));
        db.add(op("dot").dtypes(NUMERIC).gradFn("DotBackward0")
                .add(Sample.of("dot(Tensor)", x -> x[0].dot(x[1]), t(5), t(5)).ref(x -> Ref.matmul(x[0], x[1])))
                .add(Sample.of("dot(Tensor)", x -> x[0].dot(x[1]), values(new double[] {1, 2, 3}),
                        values(new double[] {1, 2, 3})).ref(x -> Nd.scalar(14)).label("PyTorch 1.13 values"))
                // PyTorch 1.13: "dot : expected both vectors to have same dtype, but found Float and Double"
                .error(ErrorCase.of("float32 . float64", () -> Fails.ins(Tensor.ones(3),
                        Tensor.ones(new int[] {3}, DType.FLOAT64)), x -> x[0].dot(x[1]), "same dtype"))
                .error(ErrorCase.of("a matrix", () -> Fails.ins(Tensor.ones(2, 2), Tensor.ones(2)), x -> x[0].dot(x[1]),
                        "1D")));
        // PyTorch 1.13: v.dist(zeros(3)) = sqrt(14) = 3.7416573867739413 (p 2), 6 (p 1), 3 (p inf), 3 (p 0), node
        // DistBackward0; x = [[1, 2, 3], [0, -1, 2]], y = [0.5, 2, -1] (float64): torch.dist(x, y, 3) = 4.908329578072698
        db.add(op("dist").dtypes(FLOATING).gradFn("DistBackward0")
                .add(Sample.of("dist(Tensor,double)", x -> x[0].dist(x[1], 2), t(2, 3), t(3)).ref(x -> Nd.scalar(
                        Math.sqrt(Ref.sum(Ref.zip(x[0], x[1], (a, b) -> (a - b) * (a - b)).data)))))
                .add(Sample.of("dist(Tensor,double)", x -> x[0].dist(x[1], 2), values(new double[] {1, 2, 3}),
                        values(new double[3])).ref(x -> Nd.scalar(Math.sqrt(14))).label("PyTorch 1.13, p 2"))
                .add(Sample.of("dist(Tensor,double)", x -> x[0].dist(x[1], 1), values(new double[] {1, 2, 3}),
                        values(new double[3])).ref(x -> Nd.scalar(6)).label("p 1"))
                .add(Sample.of("dist(Tensor,double)", x -> x[0].dist(x[1], Double.POSITIVE_INFINITY),
                        values(new double[] {1, 2, 3}), values(new double[3])).ref(x -> Nd.scalar(3)).label("p inf"))
                .add(Sample.of("dist(Tensor,double)", x -> x[0].dist(x[1], 0), values(new double[] {1, 2, 3}),
                        values(new double[3])).ref(x -> Nd.scalar(3)).label("p 0"))
                .add(Sample.of("dist(Tensor,double)", x -> x[0].dist(x[1], 3), values(new double[] {1, 2, 3, 0, -1, 2},
                        2, 3), values(new double[] {0.5, 2, -1})).ref(x -> Nd.scalar(4.908329578072698))
                        .label("PyTorch 1.13, p 3, broadcast")));

        // PyTorch 1.13: torch.cross([1., 2., 3.], [4., 5., 6.], dim=0) = [-3, 6, -3]; backward([1, 2, 3]) gives
        // [3, -6, 3] and [0, 0, 0]
        db.add(op("linalg.cross").dtypes(NUMERIC).gradFn("LinalgCrossBackward0")
                .add(Sample.of("cross(Tensor,int)", x -> x[0].cross(x[1], 0), values(new double[] {1, 2, 3}),
                        values(new double[] {4, 5, 6})).ref(x -> Nd.vector(-3, 6, -3)).label("PyTorch 1.13 values"))
                .add(Sample.of("cross(Tensor,int)", x -> x[0].cross(x[1], 0), values(new double[] {1, 2, 3}),
                        values(new double[] {4, 5, 6})).ref(x -> Nd.vector(-3, 6, -3)).only(DType.FLOAT64)
                        .grads(new double[] {1, 2, 3}, Tolerance.EXACT, new double[] {3, -6, 3}, new double[] {0, 0, 0})
                        .label("PyTorch 1.13 gradients"))
                .add(Sample.of("cross(Tensor,int)", x -> x[0].cross(x[1], -1), t(2, 3), t(1, 3)).ref(x -> {
                    double[] out = new double[6];
                    for (int r = 0; r < 2; r++) {
                        double a0 = x[0].at(r, 0), a1 = x[0].at(r, 1), a2 = x[0].at(r, 2);
                        double b0 = x[1].at(0, 0), b1 = x[1].at(0, 1), b2 = x[1].at(0, 2);
                        out[3 * r] = a1 * b2 - a2 * b1;
                        out[3 * r + 1] = a2 * b0 - a0 * b2;
                        out[3 * r + 2] = a0 * b1 - a1 * b0;
                    }
                    return Nd.of(new int[] {2, 3}, out);
                }).label("rows, the second broadcast"))
                // PyTorch 1.13: "linalg.cross: inputs dimension 1 must have length 3. Got 4 and 4"; "inputs must have
                // the same number of dimensions"
                .error(ErrorCase.of("length 4", () -> Fails.ins(Tensor.ones(2, 4), Tensor.ones(2, 4)),
                        x -> x[0].cross(x[1], 1), "must have length 3"))
                .error(ErrorCase.of("ranks 2 and 1", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(3)),
                        x -> x[0].cross(x[1], -1), "same number of dimensions")));

        // PyTorch 1.13: torch.cdist(a, b, p) for a = [[0, 0], [1, 1], [2, 0.5]], b = [[0, 0], [3, 4]] (p 2, 1, inf, 0);
        // its gradients of the sum (p 2), in float64, give a zero distance nothing. The node is CdistBackward0.
        In ca = values(new double[] {0, 0, 1, 1, 2, 0.5}, 3, 2), cb = values(new double[] {0, 0, 3, 4}, 2, 2);
        db.add(op("cdist").dtypes(FLOATING).gradFn("CdistBackward0")
                .add(Sample.of("Functional.cdist(Tensor,Tensor,double)", x -> dev.autograd4j.nn.Functional.cdist(x[0],
                        x[1], 2), t(2, 3, 4), t(5, 4)).ref(x -> {
                            double[] out = new double[2 * 3 * 5];
                            for (int b = 0; b < 2; b++) {
                                for (int i = 0; i < 3; i++) {
                                    for (int j = 0; j < 5; j++) {
                                        double sum = 0;
                                        for (int k = 0; k < 4; k++) {
                                            double d = x[0].at(b, i, k) - x[1].at(j, k);
                                            sum += d * d;
                                        }
                                        out[(b * 3 + i) * 5 + j] = Math.sqrt(sum);
                                    }
                                }
                            }
                            return Nd.of(new int[] {2, 3, 5}, out);
                        }).label("a batch against a broadcast matrix"))
                .add(Sample.of("Functional.cdist(Tensor,Tensor,double)", x -> dev.autograd4j.nn.Functional.cdist(x[0],
                        x[1], 2), ca, cb).ref(x -> Nd.of(new int[] {3, 2}, 0, 5, Math.sqrt(2), Math.sqrt(13),
                        Math.sqrt(4.25), Math.sqrt(13.25))).only(DType.FLOAT64).grads(null, Tolerance.abs(1e-14),
                        new double[] {-0.6, -0.8, 0.15240658496131831, -0.12494351315129626, 0.6954213722479539,
                                -0.7189883226044902}, new double[] {-1.6772492813318793, -0.9496424062228804,
                                1.429421324122607, 2.593574241978667}).noGrad("a zero distance")
                        .label("PyTorch 1.13 values, p 2"))
                .add(Sample.of("Functional.cdist(Tensor,Tensor,double)", x -> dev.autograd4j.nn.Functional.cdist(x[0],
                        x[1], 1), ca, cb).ref(x -> Nd.of(new int[] {3, 2}, 0, 7, 2, 5, 2.5, 4.5)).noGrad("a zero distance")
                        .label("p 1"))
                .add(Sample.of("Functional.cdist(Tensor,Tensor,double)", x -> dev.autograd4j.nn.Functional.cdist(x[0],
                        x[1], Double.POSITIVE_INFINITY), ca, cb).ref(x -> Nd.of(new int[] {3, 2}, 0, 4, 1, 3, 2, 3.5))
                        .noGrad("a zero distance").label("p inf"))
                .add(Sample.of("Functional.cdist(Tensor,Tensor,double)", x -> dev.autograd4j.nn.Functional.cdist(x[0],
                        x[1], 0), ca, cb).ref(x -> Nd.of(new int[] {3, 2}, 0, 2, 2, 2, 2, 2)).noGrad("a count")
                        .label("p 0"))
                // The matrix-product path (Note [Two ways to cdist]): PyTorch 1.13, torch.cdist(a, b,
                // compute_mode="use_mm_for_euclid_dist") in float64 for the a and b above, and the gradients of its sum
                .add(Sample.of("Functional.cdist(Tensor,Tensor,double,String)", x -> dev.autograd4j.nn.Functional.cdist(
                        x[0], x[1], 2, "use_mm_for_euclid_dist"), ca, cb).ref(x -> Nd.of(new int[] {3, 2}, 0, 5,
                        1.4142135623730951, 3.605551275463989, 2.0615528128088303, 3.640054944640259))
                        .only(DType.FLOAT64).gradFn("ViewBackward0").grads(null, Tolerance.abs(1e-14),
                        new double[] {-0.6000000000000001, -0.8, 0.15240658496131831, -0.12494351315129626,
                                0.6954213722479536, -0.7189883226044903}, new double[] {-1.6772492813318793,
                                -0.9496424062228804, 1.429421324122607, 2.593574241978667}).noGrad("a zero distance")
                        .label("PyTorch 1.13 values, the matrix product"))
                .add(Sample.of("Functional.cdist(Tensor,Tensor,double,String)", x -> dev.autograd4j.nn.Functional.cdist(
                        x[0], x[1], 2, "use_mm_for_euclid_dist"), t(2, 3, 4), t(5, 4)).ref(x -> euclidean(x[0], x[1]))
                        .gradFn("ViewBackward0").label("a batch against a broadcast matrix, the matrix product"))
                // PyTorch 1.13: torch.cdist with 26 rows (default mode) records ViewBackward0 over
                // EuclideanDistBackward0; with "donot_use_mm_for_euclid_dist", CdistBackward0
                .add(Sample.of("Functional.cdist(Tensor,Tensor,double)", x -> dev.autograd4j.nn.Functional.cdist(x[0],
                        x[1], 2), t(26, 3), t(2, 3)).ref(x -> euclidean(x[0], x[1])).gradFn("ViewBackward0")
                        .label("26 rows: the matrix product by default"))
                .add(Sample.of("Functional.cdist(Tensor,Tensor,double,String)", x -> dev.autograd4j.nn.Functional.cdist(
                        x[0], x[1], 2, "donot_use_mm_for_euclid_dist"), t(26, 3), t(2, 3)).ref(x -> euclidean(x[0],
                        x[1])).label("26 rows, the differences"))
                // PyTorch 1.13: "foo is not a valid value for compute_mode"
                .error(ErrorCase.of("an unknown compute mode", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2, 3)),
                        x -> dev.autograd4j.nn.Functional.cdist(x[0], x[1], 2, "foo"), "foo is not a valid value"))
                // PyTorch 1.13: "cdist only supports at least 2D tensors, X1 got: 1D"; "X1 and X2 must have the same
                // number of columns. X1: 3 X2: 4"; "cdist only supports non-negative p values"
                .error(ErrorCase.of("1-D inputs", () -> Fails.ins(Tensor.ones(3), Tensor.ones(3)),
                        x -> dev.autograd4j.nn.Functional.cdist(x[0], x[1], 2), "at least 2D"))
                .error(ErrorCase.of("3 and 4 columns", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2, 4)),
                        x -> dev.autograd4j.nn.Functional.cdist(x[0], x[1], 2), "X1: 3 X2: 4"))
                .error(ErrorCase.of("a negative p", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2, 3)),
                        x -> dev.autograd4j.nn.Functional.cdist(x[0], x[1], -1), "non-negative p")));

        // In place: the composed ops' values written into their target (recorded as the out-of-place node).
        db.add(op("scatter_").inplace().dtypes(NUMERIC).gradFn("ScatterBackward0")
                .add(Sample.of("scatter_(int,Tensor,Tensor)", x -> x[0].scatter_(0, x[1], x[2]), values(new double[12],
                        3, 4), idx, values(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4)).ref(x -> Nd.of(new int[] {3, 4},
                        1, 6, 7, 4, 0, 2, 0, 8, 5, 0, 3, 0)))
                .add(Sample.of("scatter_(int,Tensor,double)", x -> x[0].scatter_(1, x[1], 2.5), values(new double[12], 3,
                        4), index(new long[] {3, 0, 1}, 3, 1)).ref(x -> Nd.of(new int[] {3, 4}, 0, 0, 0, 2.5, 2.5, 0, 0,
                        0, 0, 2.5, 0, 0)).only(DType.FLOAT32, DType.FLOAT64).gradFn("ScatterBackward1").label("a value"))
                .error(ErrorCase.of("a leaf that requires grad", () -> Fails.ins(Tensor.zeros(3).requiresGrad(true),
                        Tensor.of(new long[] {0}, 1)), x -> x[0].scatter_(0, x[1], 1.0), "leaf").state()));
        db.add(op("index_fill_").inplace().dtypes(NUMERIC).gradFn("IndexFillBackward0")
                .add(Sample.of("indexFill_(int,Tensor,double)", x -> x[0].indexFill_(1, x[1], -1), a34(),
                        index(new long[] {0, 2}, 2)).ref(x -> Nd.of(new int[] {3, 4}, -1, 1, -1, 3, -1, 5, -1, 7, -1, 9,
                        -1, 11))));
        db.add(op("index_copy_").inplace().dtypes(NUMERIC).gradFn("IndexCopyBackward0")
                .add(Sample.of("indexCopy_(int,Tensor,Tensor)", x -> x[0].indexCopy_(0, x[1], x[2]), values(new double[12],
                        3, 4), index(new long[] {2, 0}, 2), values(new double[] {1, 1, 1, 1, 1, 1, 1, 1}, 2, 4))
                        .ref(x -> Nd.of(new int[] {3, 4}, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1))));
        db.add(op("addcmul_").inplace().dtypes(FLOATING).gradFn("AddcmulBackward0")
                .add(Sample.of("addcmul_(Tensor,Tensor,double)", x -> x[0].addcmul_(x[1], x[2], 0.5), t(2, 3), t(3),
                        t(2, 1)).ref(x -> Ref.zip(x[0], Ref.zip(x[1], x[2], (b, c) -> 0.5 * b * c), Double::sum)))
                // PyTorch 1.13: torch.zeros(2).addcmul_(torch.ones(3, 2), torch.ones(2)) raises "output with shape [2]
                // doesn't match the broadcast shape [3, 2]"
                .error(ErrorCase.of("a target smaller than the result", () -> Fails.ins(Tensor.zeros(2), Tensor.ones(3, 2),
                        Tensor.ones(2)), x -> x[0].addcmul_(x[1], x[2], 1), "doesn't match the broadcast shape")));
        db.add(op("addcdiv_").inplace().dtypes(FLOATING).gradFn("AddcdivBackward0")
                .add(Sample.of("addcdiv_(Tensor,Tensor,double)", x -> x[0].addcdiv_(x[1], x[2], -0.25), t(2, 3), t(2, 3),
                        t(3).in(Domain.POSITIVE)).ref(x -> Ref.zip(x[0], Ref.zip(x[1], x[2], (b, c) -> -0.25 * b / c),
                        Double::sum))));
        db.add(op("lerp_").inplace().dtypes(FLOATING).gradFn("LerpBackward0")
                .add(Sample.of("lerp_(Tensor,double)", x -> x[0].lerp_(x[1], 0.1), t(2, 3), t(3))
                        .ref(x -> Ref.zip(x[0], x[1], (a, b) -> a + 0.1 * (b - a))).label("a moving average"))
                .add(Sample.of("lerp_(Tensor,Tensor)", x -> x[0].lerp_(x[1], x[2]), t(2, 3), t(2, 3), t(2, 3))
                        .ref(x -> {
                            Nd diff = Ref.zip(x[0], x[1], (a, b) -> b - a);
                            return Ref.zip(x[0], Ref.zip(x[2], diff, (w, d) -> w * d), Double::sum);
                        }).gradFn("LerpBackward1").label("a weight per element")));

        // 1-D pools, nearest resizing, pixel shuffles: PyTorch 1.13's values for x = [[1, 3, 2, 5, 4, 0, 7]]:
        // F.max_pool1d(x, 2) = [3, 5, 4]; F.max_pool1d(x, 3, 2, 1) = [3, 5, 5, 7]; F.avg_pool1d(x, 3, 2, 1) =
        // [4/3, 10/3, 3, 7/3]; with count_include_pad=False [2, 10/3, 3, 3.5]. PyTorch's nodes for these are internal
        // (a squeeze of the 2-D pool; UpsampleNearest2DBackward0; PixelShuffleBackward0), ours the ops they are made of.
        double[] row = {1, 3, 2, 5, 4, 0, 7};
        db.add(op("maxPool1d").dtypes(FLOATING).gradFn("SqueezeBackward1").errorName("max_pool1d")
                .add(Sample.of("Functional.maxPool1d(Tensor,int)", x -> dev.autograd4j.nn.Functional.maxPool1d(x[0], 2),
                        values(row, 1, 7)).ref(x -> Nd.of(new int[] {1, 3}, 3, 5, 4)).noGradFn("a squeeze of the 2-D pool")
                        .label("PyTorch 1.13"))
                .add(Sample.of("Functional.maxPool1d(Tensor,int,int,int,int,boolean)", x ->
                        dev.autograd4j.nn.Functional.maxPool1d(x[0], 3, 2, 1, 1, false), values(row, 1, 7))
                        .ref(x -> Nd.of(new int[] {1, 4}, 3, 5, 5, 7)).noGradFn("a squeeze of the 2-D pool")
                        .label("PyTorch 1.13, padding 1"))
                .add(Sample.of("Functional.maxPool1d(Tensor,int)", x -> dev.autograd4j.nn.Functional.maxPool1d(x[0], 2),
                        t(2, 3, 6)).ref(x -> pool1d(x[0], 2, true)).noGradFn("a squeeze of the 2-D pool")
                        .label("batched"))
                .error(ErrorCase.of("a 4-D input", () -> Fails.ins(Tensor.ones(1, 1, 2, 2)),
                        x -> dev.autograd4j.nn.Functional.maxPool1d(x[0], 2), "2-D or 3-D")));
        db.add(op("avgPool1d").dtypes(FLOATING).gradFn("SqueezeBackward1").errorName("avg_pool1d")
                .add(Sample.of("Functional.avgPool1d(Tensor,int)", x -> dev.autograd4j.nn.Functional.avgPool1d(x[0], 2),
                        t(2, 6)).ref(x -> pool1d(x[0], 2, false)).noGradFn("a squeeze of the 2-D pool"))
                .add(Sample.of("Functional.avgPool1d(Tensor,int,int,int,boolean,boolean)", x ->
                        dev.autograd4j.nn.Functional.avgPool1d(x[0], 3, 2, 1, false, true), values(row, 1, 7))
                        .ref(x -> Nd.of(new int[] {1, 4}, 4.0 / 3, 10.0 / 3, 3, 7.0 / 3)).noGradFn("a squeeze of the 2-D pool")
                        .label("PyTorch 1.13, padding counted"))
                .add(Sample.of("Functional.avgPool1d(Tensor,int,int,int,boolean,boolean)", x ->
                        dev.autograd4j.nn.Functional.avgPool1d(x[0], 3, 2, 1, false, false), values(row, 1, 7))
                        .ref(x -> Nd.of(new int[] {1, 4}, 2, 10.0 / 3, 3, 3.5)).noGradFn("a squeeze of the 2-D pool")
                        .label("PyTorch 1.13, padding not counted")));

        // PyTorch 1.13: F.interpolate(arange(30.).reshape(1, 2, 3, 5), size=(4, 7)) (and scale_factor=1.5, the same
        // rows and columns); F.interpolate(arange(5.).reshape(1, 1, 5), size=3) = [0, 1, 3], scale_factor=0.7 = [0, 1, 2]
        db.add(op("interpolate").dtypes(FLOATING).gradFn("IndexSelectBackward0")
                .add(Sample.of("Functional.interpolate(Tensor,int[],String)", x -> dev.autograd4j.nn.Functional.interpolate(
                        x[0], new int[] {4, 7}, "nearest"), t(1, 2, 3, 5)).ref(x -> nearest(x[0], new int[] {0, 0, 1, 2},
                        new int[] {0, 0, 1, 2, 2, 3, 4})).label("3 x 5 to 4 x 7"))
                .add(Sample.of("Functional.interpolate(Tensor,double[],String)", x ->
                        dev.autograd4j.nn.Functional.interpolate(x[0], new double[] {1.5, 1.5}, "nearest"), t(1, 2, 3, 5))
                        .ref(x -> nearest(x[0], new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 2, 2, 3, 4}))
                        .label("scale 1.5"))
                .add(Sample.of("Functional.interpolate(Tensor,int[],String)", x -> dev.autograd4j.nn.Functional.interpolate(
                        x[0], new int[] {3}, "nearest"), values(new double[] {0, 1, 2, 3, 4}, 1, 1, 5))
                        .ref(x -> Nd.of(new int[] {1, 1, 3}, 0, 1, 3)).label("1-D, PyTorch 1.13"))
                .add(Sample.of("Functional.interpolate(Tensor,double[],String)", x ->
                        dev.autograd4j.nn.Functional.interpolate(x[0], new double[] {0.7}, "nearest"),
                        values(new double[] {0, 1, 2, 3, 4}, 1, 1, 5)).ref(x -> Nd.of(new int[] {1, 1, 3}, 0, 1, 2))
                        .label("1-D, scale 0.7, PyTorch 1.13"))
                // PyTorch 1.13: F.interpolate(x, size=(3, 5), mode='bilinear', align_corners=False / True) for
                // x = [[1, 2, 4], [3, 5, 9]], and the gradients of backward(arange(15.).reshape(1, 1, 3, 5))
                .add(Sample.of("Functional.interpolate(Tensor,int[],String)", x -> dev.autograd4j.nn.Functional.interpolate(
                        x[0], new int[] {3, 5}, "bilinear"), values(new double[] {1, 2, 4, 3, 5, 9}, 1, 1, 2, 3))
                        .ref(x -> Nd.of(new int[] {1, 1, 3, 5}, 1.0, 1.4, 2.0, 3.2, 4.0, 2.0, 2.6, 3.5, 5.3, 6.5, 3.0, 3.8,
                                5.0, 7.4, 9.0)).only(DType.FLOAT64).gradFn("AddBackward0")
                        .grads(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, Tolerance.abs(1e-12),
                                new double[] {4.9, 9.9, 12.7, 20.9, 27.9, 28.7})
                        .label("bilinear, PyTorch 1.13 (its node UpsampleBilinear2DBackward1)"))
                .add(Sample.of("Functional.interpolate(Tensor,int[],String,boolean)", x ->
                        dev.autograd4j.nn.Functional.interpolate(x[0], new int[] {3, 5}, "bilinear", true),
                        values(new double[] {1, 2, 4, 3, 5, 9}, 1, 1, 2, 3)).ref(x -> Nd.of(new int[] {1, 1, 3, 5}, 1.0,
                        1.5, 2.0, 3.0, 4.0, 2.0, 2.75, 3.5, 5.0, 6.5, 3.0, 4.0, 5.0, 7.0, 9.0)).only(DType.FLOAT64)
                        .gradFn("AddBackward0").grads(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                        12, 13, 14}, Tolerance.abs(1e-12), new double[] {4.5, 11, 12, 19.5, 31, 27})
                        .label("bilinear, align_corners, PyTorch 1.13"))
                // PyTorch 1.13: F.interpolate([[[1, 3, 2, 5]]], size=7, mode='linear') and scale_factor=0.5
                .add(Sample.of("Functional.interpolate(Tensor,int[],String)", x -> dev.autograd4j.nn.Functional.interpolate(
                        x[0], new int[] {7}, "linear"), values(new double[] {1, 3, 2, 5}, 1, 1, 4)).ref(x -> Nd.of(
                        new int[] {1, 1, 7}, 1.0, 1.714285714285714, 2.857142857142857, 2.5, 2.2142857142857135,
                        3.9285714285714284, 5.0)).only(DType.FLOAT32, DType.FLOAT64).gradFn("AddBackward0")
                        .label("linear, PyTorch 1.13"))
                .add(Sample.of("Functional.interpolate(Tensor,double[],String)", x ->
                        dev.autograd4j.nn.Functional.interpolate(x[0], new double[] {0.5}, "linear"), values(new double[] {
                        1, 3, 2, 5}, 1, 1, 4)).ref(x -> Nd.of(new int[] {1, 1, 2}, 2.0, 3.5)).only(DType.FLOAT32,
                        DType.FLOAT64).gradFn("AddBackward0").label("linear, scale 0.5, PyTorch 1.13"))
                // PyTorch 1.13: "align_corners option can only be set with the interpolating modes"
                .error(ErrorCase.of("nearest with align_corners", () -> Fails.ins(Tensor.ones(1, 1, 2, 2)),
                        x -> dev.autograd4j.nn.Functional.interpolate(x[0], new int[] {4, 4}, "nearest", true),
                        "align_corners"))
                // PyTorch 1.13: F.interpolate(x, size=(4, 3), mode='bicubic') for x = arange(12.).reshape(1, 1, 3,
                // 4) ** 2 / 7 (float64), with the gradients of backward(arange(12.).reshape(1, 1, 4, 3)); size=(5, 2)
                // with align_corners=True; scale_factor=(1.5, 0.5). PyTorch's node is UpsampleBicubic2DBackward1.
                .add(Sample.of("Functional.interpolate(Tensor,int[],String)", x -> dev.autograd4j.nn.Functional.interpolate(
                        x[0], new int[] {4, 3}, "bicubic"), values(new double[] {0, 1.0 / 7, 4.0 / 7, 9.0 / 7, 16.0 / 7, 25.0 / 7, 36.0 / 7, 49.0 / 7, 64.0 / 7, 81.0 / 7,
                        100.0 / 7, 121.0 / 7}, 1, 1, 3, 4)).ref(x -> Nd.of(new int[] {1, 1, 4, 3},
                        -0.16134918051421948, 0.01646205357142853, 0.7908341342179236, 0.7981518942212313,
                        1.9204799107142858, 3.6393687737681875, 5.232850089905756, 7.831752232142858, 11.027215220940807,
                        9.946815450355494, 13.490234375000002, 17.63021414620536)).only(DType.FLOAT64)
                        .tol(DType.FLOAT64, Tolerance.abs(1e-12)).gradFn("AddBackward0")
                        .grads(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, Tolerance.abs(1e-12), new double[] {
                                0.1978149414062499, 1.0502183702256929, 1.5215815791377323, 2.462806984230325,
                                4.525288899739582, 5.254794650607635, 5.737994158709497, 6.847156665943287,
                                8.63106282552083, 9.201931423611105, 9.673294632523158, 10.896054868344908})
                        .label("bicubic, PyTorch 1.13"))
                .add(Sample.of("Functional.interpolate(Tensor,int[],String,boolean)", x ->
                        dev.autograd4j.nn.Functional.interpolate(x[0], new int[] {5, 2}, "bicubic", true), values(new double[] {0, 1.0 / 7, 4.0 / 7, 9.0 / 7, 16.0 / 7, 25.0 / 7, 36.0 / 7, 49.0 / 7, 64.0 / 7, 81.0 / 7,
                        100.0 / 7, 121.0 / 7}, 1, 1,
                        3, 4)).ref(x -> Nd.of(new int[] {1, 1, 5, 2}, 0.0, 1.2857142857142858, 0.4999999999999999,
                        3.178571428571429, 2.2857142857142856, 7.0, 5.928571428571429, 12.678571428571429,
                        9.142857142857142, 17.285714285714285)).only(DType.FLOAT64).tol(DType.FLOAT64, Tolerance.abs(
                        1e-12)).gradFn("AddBackward0").label("bicubic, align_corners, PyTorch 1.13"))
                .add(Sample.of("Functional.interpolate(Tensor,double[],String)", x ->
                        dev.autograd4j.nn.Functional.interpolate(x[0], new double[] {1.5, 0.5}, "bicubic"), values(new double[] {0, 1.0 / 7, 4.0 / 7, 9.0 / 7, 16.0 / 7, 25.0 / 7, 36.0 / 7, 49.0 / 7, 64.0 / 7, 81.0 / 7,
                        100.0 / 7, 121.0 / 7}, 1,
                        1, 3, 4)).ref(x -> Nd.of(new int[] {1, 1, 4, 2}, -0.20746527777777724, 0.5130208333333346,
                        0.7198660714285714, 2.6729910714285716, 4.0707258597883635, 8.08403604497355, 9.099661044973546,
                        14.721767526455029)).only(DType.FLOAT32, DType.FLOAT64).gradFn("AddBackward0")
                        .label("bicubic, scale (1.5, 0.5), PyTorch 1.13"))
                .add(Sample.of("Functional.interpolate(Tensor,int[],String)", x -> dev.autograd4j.nn.Functional.interpolate(
                        x[0], new int[] {5, 7}, "bicubic"), t(2, 3, 4, 3)).ref(x -> bicubic(x[0], 5, 7))
                        .gradFn("AddBackward0").label("bicubic, 4 x 3 to 5 x 7, against a direct 4 x 4 sum"))
                .error(ErrorCase.of("mode area", () -> Fails.ins(Tensor.ones(1, 1, 2, 2)),
                        x -> dev.autograd4j.nn.Functional.interpolate(x[0], new int[] {4, 4}, "area"), "area"))
                // PyTorch 1.13 (there for 3-D bicubic): "Only 3D, 4D and 5D input Tensors supported (got 3D) for the
                // modes: ... bicubic"
                .error(ErrorCase.of("bicubic of a 3-D input", () -> Fails.ins(Tensor.ones(1, 2, 5)),
                        x -> dev.autograd4j.nn.Functional.interpolate(x[0], new int[] {3}, "bicubic"), "4-D"))
                .error(ErrorCase.of("a 2-D input", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> dev.autograd4j.nn.Functional.interpolate(x[0], new int[] {4}, "nearest"), "[2, 3]")));

        // PyTorch 1.13: F.pixel_shuffle(arange(16.).reshape(1, 4, 2, 2), 2) = [[0, 4, 1, 5], [8, 12, 9, 13],
        // [2, 6, 3, 7], [10, 14, 11, 15]]; pixel_unshuffle undoes it
        db.add(op("pixelShuffle").dtypes(ALL).gradFn("ReshapeAliasBackward0").errorName("pixel_shuffle")
                .add(Sample.of("Functional.pixelShuffle(Tensor,int)", x -> dev.autograd4j.nn.Functional.pixelShuffle(x[0],
                        2), values(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, 1, 4, 2, 2))
                        .ref(x -> Nd.of(new int[] {1, 1, 4, 4}, 0, 4, 1, 5, 8, 12, 9, 13, 2, 6, 3, 7, 10, 14, 11, 15))
                        .only(DType.FLOAT32, DType.FLOAT64, DType.INT64).noGradFn("PyTorch's node is PixelShuffleBackward0")
                        .label("PyTorch 1.13"))
                .add(Sample.of("Functional.pixelShuffle(Tensor,int)", x -> dev.autograd4j.nn.Functional.pixelShuffle(x[0],
                        3), t(2, 9, 2, 1)).ref(x -> {
                            double[] out = new double[2 * 6 * 3];
                            for (int b = 0; b < 2; b++) {
                                for (int h = 0; h < 6; h++) {
                                    for (int w = 0; w < 3; w++) {
                                        out[(b * 6 + h) * 3 + w] = x[0].at(b, (h % 3) * 3 + w % 3, h / 3, w / 3);
                                    }
                                }
                            }
                            return Nd.of(new int[] {2, 1, 6, 3}, out);
                        }).noGradFn("PyTorch's node is PixelShuffleBackward0").label("factor 3"))
                // PyTorch 1.13: "pixel_shuffle expects its input's 'channel' dimension to be divisible by the square
                // of upscale_factor, but input.size(-3)=7 is not divisible by 4"
                .error(ErrorCase.of("7 channels, factor 2", () -> Fails.ins(Tensor.ones(1, 7, 2, 2)),
                        x -> dev.autograd4j.nn.Functional.pixelShuffle(x[0], 2), "size(-3)=7", "divisible by 4")));
        db.add(op("pixelUnshuffle").dtypes(ALL).gradFn("ReshapeAliasBackward0").errorName("pixel_unshuffle")
                .add(Sample.of("Functional.pixelUnshuffle(Tensor,int)", x -> dev.autograd4j.nn.Functional.pixelUnshuffle(
                        x[0], 2), values(new double[] {0, 4, 1, 5, 8, 12, 9, 13, 2, 6, 3, 7, 10, 14, 11, 15}, 1, 1, 4, 4))
                        .ref(x -> Nd.of(new int[] {1, 4, 2, 2}, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15))
                        .only(DType.FLOAT32, DType.FLOAT64, DType.INT64).noGradFn("PyTorch's node is PixelUnshuffleBackward0")
                        .label("PyTorch 1.13: pixel_shuffle undone"))
                .error(ErrorCase.of("height 3, factor 2", () -> Fails.ins(Tensor.ones(1, 1, 3, 4)),
                        x -> dev.autograd4j.nn.Functional.pixelUnshuffle(x[0], 2), "size(-2)=3")));

        // PyTorch 1.13: F.instance_norm(x, weight=[1.5, -0.5], bias=[0.1, 0.2]) for x = [[[1, 2, 4, 7], [3, 5, 9, 0]],
        // [[0, 1, 0, 1], [2, 2, 2, 5]]], and its gradients for backward(arange(16.).reshape(2, 2, 4)); PyTorch's node
        // is a view of its batch norm, ours group norm's
        db.add(op("instanceNorm").dtypes(FLOATING).gradFn("NativeGroupNormBackward0").errorName("instance_norm")
                .add(Sample.of("Functional.instanceNorm(Tensor,Tensor,Tensor,double)", x ->
                        dev.autograd4j.nn.Functional.instanceNorm(x[0], x[1], x[2], 1e-5), values(new double[] {1, 2, 4, 7,
                        3, 5, 9, 0, 0, 1, 0, 1, 2, 2, 2, 5}, 2, 2, 4), values(new double[] {1.5, -0.5}), values(
                        new double[] {0.1, 0.2})).ref(x -> Nd.of(new int[] {2, 2, 4}, -1.5366326180729535,
                        -0.8819795708437721, 0.42732652361459067, 2.391285665302135, 0.39117968878469905,
                        0.08529218672918065, -0.5264828173818561, 0.8500109418679767, -1.3999700008999698,
                        1.59997000089997, -1.3999700008999698, 1.59997000089997, 0.48867427926488227, 0.48867427926488227,
                        0.48867427926488227, -0.6660228377946467)).only(DType.FLOAT64).tol(DType.FLOAT64,
                        Tolerance.abs(1e-12)).noGradFn("PyTorch's node is a view of its batch norm")
                        .grads(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, Tolerance.abs(1e-9),
                                new double[] {-0.20263218956594914, 0.1402819051521031, 0.17145704735902612,
                                        -0.10910676294518007, 0.24059571484007658, 0.06976382253481693,
                                        -0.11895621104794321, -0.19140332632695028, -2.9999999982001198,
                                        -2.99988000539976, 2.99988000539976, 2.9999999982001198, 0.3849001794546819,
                                        1.1404348389777963e-06, -0.384897898585004, -3.421304516933389e-06},
                                new double[] {6.364313649394503, 2.6993725960397903}, new double[] {44.0, 76.0})
                        .label("PyTorch 1.13 values"))
                .add(Sample.of("Functional.instanceNorm(Tensor,Tensor,Tensor,double)", x ->
                        dev.autograd4j.nn.Functional.instanceNorm(x[0], null, null, 1e-5), t(2, 3, 2, 2)).ref(x -> instanceNormRef(x[0], 4)).noGradFn("PyTorch's node is a view of its batch norm").label("2-D, no affine"))
                // With running statistics (PyTorch's batch norm over the batch folded into the channels): training
                // normalises as without them; evaluation with them, (x - mean) / sqrt(var + eps)
                .add(Sample.of("Functional.instanceNorm(Tensor,Tensor,Tensor,Tensor,Tensor,boolean,double,double)",
                        x -> dev.autograd4j.nn.Functional.instanceNorm(x[0], Tensor.zeros(new int[] {3}, x[0].dtype(),
                                x[0].device()), Tensor.ones(new int[] {3}, x[0].dtype(), x[0].device()), null, null, true,
                                0.1, 1e-5), t(2, 3, 4)).ref(x -> instanceNormRef(x[0], 4)).gradFn("ViewBackward0").label("training, running statistics updated"))
                .add(Sample.of("Functional.instanceNorm(Tensor,Tensor,Tensor,Tensor,Tensor,boolean,double,double)",
                        x -> dev.autograd4j.nn.Functional.instanceNorm(x[0], x[1], x[2], null, null, false, 0.1, 1e-5),
                        t(2, 3, 2), values(new double[] {0.5, -1, 2}), values(new double[] {1.5, 0.25, 4})).ref(x -> {
                            double[] out = new double[12];
                            for (int i = 0; i < 12; i++) {
                                int c = (i / 2) % 3;
                                out[i] = (x[0].data[i] - x[1].data[c]) / Math.sqrt(x[2].data[c] + 1e-5);
                            }
                            return Nd.of(x[0].shape, out);
                        }).gradFn("ViewBackward0").label("evaluation, with the running statistics"))
                // PyTorch 1.13: "Expected running_mean and running_var to be defined when use_input_stats is false"
                .error(ErrorCase.of("no running statistics in evaluation", () -> Fails.ins(Tensor.ones(2, 3, 4)),
                        x -> dev.autograd4j.nn.Functional.instanceNorm(x[0], null, null, null, null, false, 0.1, 1e-5),
                        "use_input_stats is false"))
                .error(ErrorCase.of("running statistics for 2 channels of 3", () -> Fails.ins(Tensor.ones(2, 3, 4),
                        Tensor.zeros(2), Tensor.ones(2)), x -> dev.autograd4j.nn.Functional.instanceNorm(x[0], x[1],
                        x[2], null, null, true, 0.1, 1e-5), "running_mean of shape [3]"))
                // PyTorch 1.13: "Expected more than 1 spatial element when training, got input size torch.Size([2, 3, 1])"
                .error(ErrorCase.of("one spatial element", () -> Fails.ins(Tensor.ones(2, 3, 1)),
                        x -> dev.autograd4j.nn.Functional.instanceNorm(x[0], null, null, 1e-5), "more than 1 spatial")));

        return db;
    }

    /**
     * PyTorch's bicubic resize of a {@code [N, C, H, W]} reference to {@code oh x ow} (no align_corners), written as
     * the direct sum over the 4 x 4 taps: the weights of Keys' kernel ({@code A = -0.75}) at each dim's fraction.
     */
    private static Nd bicubic(Nd x, int oh, int ow) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        double[] out = new double[n * c * oh * ow];
        for (int p = 0; p < n * c; p++) {
            for (int i = 0; i < oh; i++) {
                double sy = (i + 0.5) * h / oh - 0.5;
                int y0 = (int) Math.floor(sy);
                double[] wy = keys(sy - y0);
                for (int j = 0; j < ow; j++) {
                    double sx = (j + 0.5) * w / ow - 0.5;
                    int x0 = (int) Math.floor(sx);
                    double[] wx = keys(sx - x0);
                    double sum = 0;
                    for (int a = 0; a < 4; a++) {
                        int yy = Math.max(0, Math.min(h - 1, y0 - 1 + a));
                        for (int b = 0; b < 4; b++) {
                            int xx = Math.max(0, Math.min(w - 1, x0 - 1 + b));
                            sum += wy[a] * wx[b] * x.data[(p * h + yy) * w + xx];
                        }
                    }
                    out[(p * oh + i) * ow + j] = sum;
                }
            }
        }
        return Nd.of(new int[] {n, c, oh, ow}, out);
    }

    /** Keys' cubic convolution weights ({@code A = -0.75}) of the taps at distances {@code t + 1, t, 1 - t, 2 - t}. */
    private static double[] keys(double t) {
        double a = -0.75;
        double[] d = {t + 1, t, 1 - t, 2 - t};
        double[] k = new double[4];
        for (int i = 0; i < 4; i++) {
            double x = Math.abs(d[i]);
            k[i] = x <= 1 ? ((a + 2) * x - (a + 3)) * x * x + 1 : ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        }
        return k;
    }

    /** Each run of {@code per} elements of {@code x} (one instance) normalised by its mean and biased variance. */
    private static Nd instanceNormRef(Nd x, int per) {
        double[] out = new double[x.numel()];
        for (int g = 0; g < out.length / per; g++) {
            double mean = 0, var = 0;
            for (int k = 0; k < per; k++) {
                mean += x.data[g * per + k] / per;
            }
            for (int k = 0; k < per; k++) {
                var += Math.pow(x.data[g * per + k] - mean, 2) / per;
            }
            for (int k = 0; k < per; k++) {
                out[g * per + k] = (x.data[g * per + k] - mean) / Math.sqrt(var + 1e-5);
            }
        }
        return Nd.of(x.shape, out);
    }

    /** {@code torch.cdist(a, b, 2)} of a {@code [..., P, M]} reference and a {@code [R, M]} one, directly. */
    private static Nd euclidean(Nd a, Nd b) {
        int m = b.shape[1], r = b.shape[0], p = a.shape[a.rank() - 2], batches = a.numel() / (p * m);
        double[] out = new double[batches * p * r];
        for (int i = 0; i < batches * p; i++) {
            for (int j = 0; j < r; j++) {
                double sum = 0;
                for (int k = 0; k < m; k++) {
                    double d = a.data[i * m + k] - b.data[j * m + k];
                    sum += d * d;
                }
                out[i * r + j] = Math.sqrt(sum);
            }
        }
        int[] shape = a.shape.clone();
        shape[shape.length - 1] = r;
        return Nd.of(shape, out);
    }

    /** Max or average pooling of the last dim in windows of {@code k}, stride {@code k}. */
    private static Nd pool1d(Nd x, int k, boolean max) {
        int len = x.shape[x.rank() - 1], outLen = len / k, rows = x.numel() / len;
        double[] out = new double[rows * outLen];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outLen; o++) {
                double acc = max ? Double.NEGATIVE_INFINITY : 0;
                for (int j = 0; j < k; j++) {
                    double v = x.data[r * len + o * k + j];
                    acc = max ? Math.max(acc, v) : acc + v / k;
                }
                out[r * outLen + o] = acc;
            }
        }
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = outLen;
        return Nd.of(shape, out);
    }

    /** {@code x[:, :, rows][:, :, :, cols]} of a 4-D reference. */
    private static Nd nearest(Nd x, int[] rows, int[] cols) {
        int n = x.shape[0], c = x.shape[1];
        double[] out = new double[n * c * rows.length * cols.length];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int r : rows) {
                    for (int col : cols) {
                        out[i++] = x.at(b, ch, r, col);
                    }
                }
            }
        }
        return Nd.of(new int[] {n, c, rows.length, cols.length}, out);
    }
}
