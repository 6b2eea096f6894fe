package dev.autograd4j.opinfo;

import dev.autograd4j.Backends;
import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.autograd4j.opinfo.In.index;
import static dev.autograd4j.opinfo.In.t;
import static dev.autograd4j.opinfo.In.values;
import static dev.autograd4j.opinfo.OpInfo.ALL;
import static dev.autograd4j.opinfo.OpInfo.NUMERIC;
import static dev.autograd4j.opinfo.OpInfo.op;
import static dev.autograd4j.opinfo.PointwiseDb.each;
import static dev.autograd4j.opinfo.Samples.unary;

/**
 * Shape ops (views where PyTorch returns views), joining and splitting, indexing, and conversions. Their references
 * are index arithmetic; they run in every dtype.
 */
final class ShapeDb {
    private ShapeDb() {
    }

    private static final String RETURNS_INPUT = "returns its input";
    private static final String COPIES = "a copy: PyTorch's node is UnsafeViewBackward0, ours a view of a clone";

    private static Sample view(In in, int... shape) {
        return Sample.of("view(int[])", x -> x[0].view(shape), in)
                .ref(x -> x[0].reshape(infer(shape, x[0].numel()))).label("to " + Arrays.toString(shape));
    }

    private static Sample reshape(In in, int... shape) {
        return Sample.of("reshape(int[])", x -> x[0].reshape(shape), in)
                .ref(x -> x[0].reshape(infer(shape, x[0].numel()))).label("to " + Arrays.toString(shape));
    }

    /** A shape with its -1 filled in. */
    private static int[] infer(int[] shape, int numel) {
        int[] out = shape.clone();
        int known = 1, at = -1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                at = i;
            } else {
                known *= out[i];
            }
        }
        if (at >= 0) {
            out[at] = numel / known;
        }
        return out;
    }

    private static Sample permute(In in, int... dims) {
        return Sample.of("permute(int[])", x -> x[0].permute(dims), in).ref(x -> Ref.permute(x[0], dims))
                .label(Arrays.toString(dims));
    }

    private static Sample expand(In in, int... sizes) {
        return Sample.of("expand(int[])", x -> x[0].expand(sizes), in).ref(x -> {
            int[] shape = sizes.clone();
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] == -1) {
                    shape[i] = x[0].shape[i - (shape.length - x[0].rank())];
                }
            }
            return Ref.expand(x[0], shape);
        }).label("to " + Arrays.toString(sizes));
    }

    private static Sample slice(In in, int dim, int start, int end, int step) {
        return Sample.of("slice(int,int,int,int)", x -> x[0].slice(dim, start, end, step), in).ref(x -> {
            int size = x[0].shape[Ref.wrap(dim, x[0].rank())];
            int s = Math.max(0, Math.min(size, start < 0 ? start + size : start));
            int e = Math.max(s, Math.max(0, Math.min(size, end < 0 ? end + size : end)));
            return Ref.slice(x[0], dim, s, e, step);
        }).label("dim " + dim + " [" + start + ":" + end + ":" + step + "]");
    }

    private static Sample cat(int dim, In... ins) {
        return Sample.of("cat(List,int)", x -> Tensor.cat(List.of(x), dim), ins).ref(x -> Ref.cat(List.of(x), dim))
                .label("dim " + dim);
    }

    private static Sample stack(int dim, In... ins) {
        return Sample.of("stack(List,int)", x -> Tensor.stack(List.of(x), dim), ins)
                .ref(x -> Ref.stack(List.of(x), dim)).label("dim " + dim);
    }

    /** The pieces of {@code x} along {@code dim} of {@code size} elements each (the last may be smaller). */
    private static Nd[] pieces(Nd x, int size, int dim) {
        int d = Ref.wrap(dim, x.rank()), total = x.shape[d];
        List<Nd> out = new ArrayList<>();
        for (int start = 0; start < total || out.isEmpty(); start += size) {
            out.add(Ref.slice(x, d, start, Math.min(total, start + size), 1));
        }
        return out.toArray(new Nd[0]);
    }

    /** The device a tensor is moved to and back: the other device when there is one, else the CPU. */
    private static Device elsewhere(Device device) {
        if (!device.isCpu()) {
            return Device.cpu();
        }
        return Backends.isAvailable(Device.Type.CUDA) ? Device.cuda(0) : Device.cpu();
    }

    static List<OpInfo> entries() {
        List<OpInfo> db = new ArrayList<>();

        db.add(op("view").dtypes(ALL).gradFn("ViewBackward0")
                .add(view(t(2, 3), 3, 2), view(t(2, 3), -1),
                        view(t(6), 2, -1, 1), view(t(), 1), view(t(1)),
                        view(t(2, 3).expanded(0), 2, 1, 3), view(t(3, 2).transposed(), 3, 1, 2),
                        view(t(2, 3).strided(), 2, 3, 1), view(t(0, 3), 3, 0))
                .error(ErrorCase.of("[6] as [4, -1]", () -> Fails.ins(Tensor.ones(6)), x -> x[0].view(4, -1),
                        "[4, -1]", "6"))
                .error(ErrorCase.of("a transpose as [6]", () -> Fails.ins(Tensor.ones(2, 3).t()), x -> x[0].view(6),
                        "[6]", "[3, 2]", "reshape"))
                .error(ErrorCase.of("two -1", () -> Fails.ins(Tensor.ones(6)), x -> x[0].view(-1, -1),
                        "only one dimension can be inferred")));

        db.add(op("reshape").dtypes(ALL).gradFn("ViewBackward0")
                .add(reshape(t(2, 3), 3, 2), reshape(t(), 1),
                        reshape(t(1)), reshape(t(0, 3), 3, 0),
                        reshape(t(2, 3).strided(), 3, 2, 1),
                        reshape(t(3, 2).transposed(), -1).noGradFn(COPIES),
                        reshape(t(2, 3).expanded(0), 6).noGradFn(COPIES),
                        reshape(t(2, 3), 2, 3).noGradFn(RETURNS_INPUT))
                .add(Sample.of("reshape(int[])", x -> x[0].t().reshape(-1).mul(x[0].reshape(-1)), t(2, 3))
                        .ref(x -> Ref.zip(Ref.transpose(x[0], 0, 1).reshape(6), x[0].reshape(6), (a, b) -> a * b))
                        .only(DType.FLOAT64).gradFn("MulBackward0").label("a transpose times itself, the op test's case"))
                .error(ErrorCase.of("[6] as [4, 5]", () -> Fails.ins(Tensor.ones(6)), x -> x[0].reshape(4, 5),
                        "[4, 5]", "6")));

        db.add(op("flatten").dtypes(ALL).gradFn("ViewBackward0")
                .add(Sample.of("flatten()", x -> x[0].flatten(), t(2, 3, 4)).ref(x -> x[0].reshape(24)))
                .add(Sample.of("flatten()", x -> x[0].flatten(), t()).ref(x -> x[0].reshape(1)))
                .add(Sample.of("flatten()", x -> x[0].flatten(), t(3, 2).transposed()).ref(x -> x[0].reshape(6))
                        .noGradFn(COPIES))
                .add(Sample.of("flatten(int,int)", x -> x[0].flatten(1, 2), t(2, 3, 4)).ref(x -> x[0].reshape(2, 12))
                        .label("1..2"))
                .add(Sample.of("flatten(int,int)", x -> x[0].flatten(0, -2), t(2, 3, 4).strided())
                        .ref(x -> x[0].reshape(6, 4)).label("0..-2"))
                .add(Sample.of("flatten(int,int)", x -> x[0].flatten(-1, -1), t(2, 3)).ref(x -> x[0])
                        .noGradFn(RETURNS_INPUT).label("-1..-1"))
                .error(ErrorCase.of("start after end", () -> Fails.ins(Tensor.ones(2, 3, 4)), x -> x[0].flatten(2, 1),
                        "start_dim 2", "end_dim 1"))
                .error(ErrorCase.of("dim 3 of [2, 3]", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].flatten(0, 3),
                        "dimension out of range", "got 3")));

        db.add(op("transpose").dtypes(ALL).gradFn("TransposeBackward0")
                .add(Sample.of("transpose(int,int)", x -> x[0].transpose(0, 1), t(2, 3)).ref(x -> Ref.transpose(x[0], 0, 1)))
                .add(Sample.of("transpose(int,int)", x -> x[0].transpose(0, -1), t(2, 3, 4))
                        .ref(x -> Ref.transpose(x[0], 0, 2)).label("0, -1"))
                .add(Sample.of("transpose(int,int)", x -> x[0].transpose(1, 0), t(3, 2).transposed())
                        .ref(x -> Ref.transpose(x[0], 0, 1)))
                .add(Sample.of("transpose(int,int)", x -> x[0].transpose(1, 2), t(2, 0, 3)).ref(x -> Ref.transpose(x[0], 1, 2)))
                .add(Sample.of("transpose(int,int)", x -> x[0].transpose(0, -1), t()).ref(x -> x[0])
                        .noGradFn(RETURNS_INPUT))
                .error(ErrorCase.of("dim -3 of [2, 3]", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].transpose(0, -3),
                        "got -3")));

        db.add(op("permute").dtypes(ALL).gradFn("PermuteBackward0")
                .add(permute(t(2, 3, 4), 2, 0, 1), permute(t(2, 3, 4).strided(), -1, 0, 1),
                        permute(t(3, 2).transposed(), 1, 0), permute(t()), permute(t(2, 0, 3), 1, 2, 0))
                .error(ErrorCase.of("3 dims of a 2-D tensor", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> x[0].permute(0, 1, 2), "[0, 1, 2]", "2 dimensions"))
                .error(ErrorCase.of("repeated dim", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].permute(1, 1),
                        "repeated dim 1")));

        db.add(op("movedim").dtypes(ALL).gradFn("PermuteBackward0")
                .add(Sample.of("movedim(int,int)", x -> x[0].movedim(0, 2), t(2, 3, 4)).ref(x -> Ref.permute(x[0], 1, 2, 0))
                        .label("0 to 2"))
                .add(Sample.of("movedim(int,int)", x -> x[0].movedim(-1, 0), t(2, 3, 4).strided())
                        .ref(x -> Ref.permute(x[0], 2, 0, 1)).label("-1 to 0"))
                .add(Sample.of("movedim(int,int)", x -> x[0].movedim(1, 1), t(2, 3)).ref(x -> x[0])
                        .noGradFn(RETURNS_INPUT).label("1 to 1"))
                .error(Fails.dim(x -> x.movedim(2, 0))));

        db.add(op("expand").dtypes(ALL).gradFn("ExpandBackward0")
                .add(expand(t(1, 3), 2, 3), expand(t(3), 2, 3), expand(t(3, 1).transposed(), -1, 4), expand(t(), 2, 2),
                        expand(t(1, 0), 2, 0), expand(t(2, 3), 2, 3).noGradFn(RETURNS_INPUT))
                .error(ErrorCase.of("[2, 3] to [4, 4]", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].expand(4, 4),
                        "[4, 4]", "[2, 3]"))
                .error(ErrorCase.of("fewer sizes", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].expand(3),
                        "number of sizes")));

        db.add(op("expandAs").dtypes(ALL).gradFn("ExpandBackward0").errorName("expand")
                .add(Sample.of("expandAs(Tensor)", x -> x[0].expandAs(x[1]), t(1, 3), t(2, 3).noGrad())
                        .ref(x -> Ref.expand(x[0], 2, 3)))
                .add(Sample.of("expandAs(Tensor)", x -> x[0].expandAs(x[1]), t(), t(2, 2).noGrad())
                        .ref(x -> Ref.expand(x[0], 2, 2)))
                .error(ErrorCase.of("[2, 3] as [4, 4]", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(4, 4)),
                        x -> x[0].expandAs(x[1]), "[4, 4]")));

        db.add(op("narrow").dtypes(ALL).gradFn("SliceBackward0")
                .add(Sample.of("narrow(int,int,int)", x -> x[0].narrow(0, 1, 2), t(4, 3)).ref(x -> Ref.slice(x[0], 0, 1, 3, 1))
                        .label("dim 0 from 1, 2"))
                .add(Sample.of("narrow(int,int,int)", x -> x[0].narrow(1, -3, 2), t(3, 5).transposed())
                        .ref(x -> Ref.slice(x[0], 1, 2, 4, 1)).label("dim 1 from -3, 2"))
                .add(Sample.of("narrow(int,int,int)", x -> x[0].narrow(-1, 1, 0), t(2, 3).strided())
                        .ref(x -> Ref.slice(x[0], 1, 1, 1, 1)).label("length 0"))
                .add(Sample.of("narrow(int,int,int)", x -> x[0].transpose(0, 1).reshape(6).unsqueeze(0).expand(2, 6)
                        .narrow(1, 1, 3), t(2, 3)).ref(x -> Ref.expand(Ref.slice(Ref.transpose(x[0], 0, 1).reshape(1, 6),
                        1, 1, 4, 1), 2, 3)).label("after a chain of views, the op test's case"))
                .error(ErrorCase.of("past the end", () -> Fails.ins(Tensor.ones(4, 3)), x -> x[0].narrow(0, 2, 3),
                        "start (2) + length (3) exceeds dimension 0 of size 4"))
                .error(ErrorCase.of("0-d", () -> Fails.ins(Tensor.scalar(1)), x -> x[0].narrow(0, 0, 1), "0-dim")));

        db.add(op("slice").dtypes(ALL).gradFn("SliceBackward0")
                .add(slice(t(2, 5), 1, 0, 5, 2).label("step 2, the op test's case"), slice(t(4, 3), 0, 1, 3, 1),
                        slice(t(4, 3), 0, -3, 10, 2), slice(t(3, 4).transposed(), 1, 0, 3, 2),
                        slice(t(4, 3).strided(), 1, 1, 3, 1), slice(t(4, 3), 0, 3, 1, 1), slice(t(0, 3), 0, 0, 2, 1))
                .error(ErrorCase.of("step 0", () -> Fails.ins(Tensor.ones(4)), x -> x[0].slice(0, 0, 4, 0),
                        "step must be positive"))
                .error(ErrorCase.of("0-d", () -> Fails.ins(Tensor.scalar(1)), x -> x[0].slice(0, 0, 1, 1), "0-dim")));

        db.add(op("select").dtypes(ALL).gradFn("SelectBackward0")
                .add(Sample.of("select(int,int)", x -> x[0].select(0, 1), t(3, 4)).ref(x -> Ref.select(x[0], 0, 1))
                        .label("dim 0, 1"))
                .add(Sample.of("select(int,int)", x -> x[0].select(1, -1), t(3, 4).transposed())
                        .ref(x -> Ref.select(x[0], 1, 3)).label("dim 1, -1"))
                .add(Sample.of("select(int,int)", x -> x[0].select(0, 2), t(3)).ref(x -> Ref.select(x[0], 0, 2))
                        .label("to 0-d"))
                .add(Sample.of("select(int,int)", x -> x[0].select(1, 0), t(2, 3).strided()).ref(x -> Ref.select(x[0], 1, 0))
                        .label("dim 1, 0"))
                .add(Sample.of("select(int,int)", x -> x[0].permute(2, 0, 1).squeeze().select(1, 1), t(2, 1, 3))
                        .ref(x -> Ref.select(Ref.permute(x[0].reshape(2, 3), 1, 0), 1, 1))
                        .label("after permute and squeeze, the op test's case"))
                .error(ErrorCase.of("index 5 of 2", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].select(0, 5), "5",
                        "size 2"))
                .error(ErrorCase.of("0-d", () -> Fails.ins(Tensor.scalar(1)), x -> x[0].select(0, 0), "0-dim"))
                .error(Fails.dim(x -> x.select(2, 0))));

        db.add(op("squeeze").dtypes(ALL).gradFn("SqueezeBackward0")
                .add(Sample.of("squeeze()", x -> x[0].squeeze(), t(1, 3, 1)).ref(x -> x[0].reshape(3)))
                .add(Sample.of("squeeze()", x -> x[0].squeeze(), t(1, 1)).ref(x -> x[0].reshape()))
                .add(Sample.of("squeeze()", x -> x[0].squeeze(), t(1, 3).transposed()).ref(x -> x[0].reshape(3)))
                .add(Sample.of("squeeze()", x -> x[0].squeeze(), t(2, 3)).ref(x -> x[0]).noGradFn(RETURNS_INPUT))
                .add(Sample.of("squeeze(int)", x -> x[0].squeeze(0), t(1, 3)).ref(x -> x[0].reshape(3))
                        .gradFn("SqueezeBackward1").label("dim 0"))
                .add(Sample.of("squeeze(int)", x -> x[0].squeeze(-1), t(2, 1).strided()).ref(x -> x[0].reshape(2))
                        .gradFn("SqueezeBackward1").label("dim -1"))
                .add(Sample.of("squeeze(int)", x -> x[0].squeeze(1), t(1, 3)).ref(x -> x[0]).noGradFn(RETURNS_INPUT)
                        .label("dim 1 of size 3"))
                .add(Sample.of("squeeze(int)", x -> x[0].squeeze(0), t()).ref(x -> x[0]).noGradFn(RETURNS_INPUT)
                        .label("0-d"))
                .error(Fails.dim(x -> x.squeeze(2))));

        db.add(op("unsqueeze").dtypes(ALL).gradFn("UnsqueezeBackward0")
                .add(Sample.of("unsqueeze(int)", x -> x[0].unsqueeze(0), t(2, 3)).ref(x -> x[0].reshape(1, 2, 3)).label("0"))
                .add(Sample.of("unsqueeze(int)", x -> x[0].unsqueeze(2), t(2, 3)).ref(x -> x[0].reshape(2, 3, 1)).label("2"))
                .add(Sample.of("unsqueeze(int)", x -> x[0].unsqueeze(-2), t(3, 2).transposed())
                        .ref(x -> x[0].reshape(3, 1, 2)).label("-2"))
                .add(Sample.of("unsqueeze(int)", x -> x[0].unsqueeze(0), t()).ref(x -> x[0].reshape(1)).label("0"))
                .add(Sample.of("unsqueeze(int)", x -> x[0].unsqueeze(1), t(0)).ref(x -> x[0].reshape(0, 1)).label("1"))
                .error(ErrorCase.of("dim 3 of [2, 3]", () -> Fails.ins(Tensor.ones(2, 3)), x -> x[0].unsqueeze(3),
                        "dimension out of range", "got 3")));

        db.add(op("cat").dtypes(ALL).gradFn("CatBackward0")
                .add(cat(1, t(2, 3), t(2, 2)).label("dim 1, the op test's case"), cat(0, t(2, 3), t(1, 3), t(3, 3)),
                        cat(-1, t(2, 3).transposed(), t(2, 1).strided()), cat(0, t(0, 3), t(2, 3)), cat(0, t(4)),
                        cat(0, t(2), In.of(DType.FLOAT64, 3)).result(u -> DType.promote(u, DType.FLOAT64))
                                .label("dim 0, with float64: promotes"))
                .error(ErrorCase.of("[2, 3] and [2, 4] along 0", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2, 4)),
                        x -> Tensor.cat(List.of(x), 0), "expected size 3 but got size 4"))
                .error(ErrorCase.of("no tensors", () -> Fails.ins(), x -> Tensor.cat(List.of(), 0), "non-empty"))
                .error(ErrorCase.of("0-d", () -> Fails.ins(Tensor.scalar(1)), x -> Tensor.cat(List.of(x), 0),
                        "zero-dimensional"))
                .error(ErrorCase.of("ranks 2 and 1", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(3)),
                        x -> Tensor.cat(List.of(x), 0), "same number of dimensions"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2), Tensor.ones(2).to(other)),
                        x -> Tensor.cat(List.of(x), 0))));

        db.add(op("stack").dtypes(ALL).gradFn("StackBackward0")
                .add(stack(0, t(2, 3), t(2, 3)).label("dim 0, the op test's case"), stack(2, t(2, 3), t(2, 3).transposed()),
                        stack(-1, t(3), t(3).strided(), t(3)), stack(0, t(), t()), stack(1, t(0, 2), t(0, 2)))
                .error(ErrorCase.of("[2, 3] and [2, 4]", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2, 4)),
                        x -> Tensor.stack(List.of(x), 0), "[2, 3]", "[2, 4]"))
                .error(ErrorCase.of("dim 4 of 3", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2, 3)),
                        x -> Tensor.stack(List.of(x), 4), "dimension out of range", "got 4")));

        // split and chunk return narrow views (each SliceBackward0; PyTorch's one SplitBackward0): names not checked.
        db.add(op("split").dtypes(ALL)
                .add(Sample.of("split(int,int)", x -> x[0].split(2, 0), t(5, 3)).ref(x -> pieces(x[0], 2, 0))
                        .noGradFn("views").label("2 along 0"))
                .add(Sample.of("split(int,int)", x -> x[0].split(2, 1), t(3, 5).transposed()).ref(x -> pieces(x[0], 2, 1))
                        .noGradFn("views").label("2 along 1"))
                .add(Sample.of("split(int,int)", x -> x[0].split(4, -1), t(4)).ref(x -> pieces(x[0], 4, 0))
                        .noGradFn("views").label("one piece"))
                .add(Sample.of("split(int,int)", x -> x[0].split(2, 0), t(0, 3)).ref(x -> pieces(x[0], 2, 0))
                        .noGradFn("views").label("empty"))
                // torch.zeros(0, 3).split(0, 0): one [0, 3] piece; torch.ones(4).split(0, 0) raises.
                .add(Sample.of("split(int,int)", x -> x[0].split(0, 0), t(0, 3)).ref(x -> new Nd[] {x[0]})
                        .noGradFn("views").label("size 0 of an empty dim"))
                .error(ErrorCase.of("size 0", () -> Fails.ins(Tensor.ones(4)), x -> x[0].split(0, 0),
                        "split_size can only be 0 if dimension size is 0", "4"))
                .error(ErrorCase.of("size -1", () -> Fails.ins(Tensor.ones(4)), x -> x[0].split(-1, 0),
                        "non-negative", "-1"))
                // torch.tensor(1.).split(1, 0): "split expects at least a 1-dimensional tensor".
                .error(ErrorCase.of("0-d", () -> Fails.ins(Tensor.scalar(1)), x -> x[0].split(1, 0),
                        "at least a 1-dimensional tensor"))
                .error(Fails.dim(x -> x.split(1, 2))));

        db.add(op("chunk").dtypes(ALL)
                .add(Sample.of("chunk(int,int)", x -> x[0].chunk(2, 0), t(5, 3)).ref(x -> pieces(x[0], 3, 0))
                        .noGradFn("views").label("2 along 0"))
                .add(Sample.of("chunk(int,int)", x -> x[0].chunk(3, 0), t(6).strided()).ref(x -> pieces(x[0], 2, 0))
                        .noGradFn("views").label("3 along 0"))
                .add(Sample.of("chunk(int,int)", x -> x[0].chunk(5, 1), t(2, 3).transposed()).ref(x -> pieces(x[0], 1, 1))
                        .noGradFn("views").label("more chunks than elements"))
                .error(ErrorCase.of("0 chunks", () -> Fails.ins(Tensor.ones(4)), x -> x[0].chunk(0, 0), "positive"))
                // torch.tensor(1.).chunk(1, 0): "chunk expects at least a 1-dimensional tensor".
                .error(ErrorCase.of("0-d", () -> Fails.ins(Tensor.scalar(1)), x -> x[0].chunk(1, 0),
                        "at least a 1-dimensional tensor")));

        // ------------------------------------------------------------------------------------------------------------
        // Indexing
        // ------------------------------------------------------------------------------------------------------------

        db.add(op("gather").dtypes(ALL).gradFn("GatherBackward0")
                .add(Sample.of("gather(int,Tensor)", x -> x[0].gather(1, x[1]), t(2, 4), index(new long[] {0, 2, 1, 2, 0, 0},
                        2, 3)).ref(x -> Ref.gather(x[0], 1, x[1])).label("dim 1, the op test's case"))
                .add(Sample.of("gather(int,Tensor)", x -> x[0].gather(0, x[1]), t(3, 2).transposed(),
                        index(new long[] {2, 0, 1, 1}, 2, 2)).ref(x -> Ref.gather(x[0], 0, x[1])).label("dim 0"))
                .add(Sample.of("gather(int,Tensor)", x -> x[0].gather(-1, x[1]), t(5).strided(),
                        index(new long[] {4, 0, 4})).ref(x -> Ref.gather(x[0], 0, x[1])).label("dim -1, repeats"))
                .add(Sample.of("gather(int,Tensor)", x -> x[0].gather(1, x[1]), t(2, 3), index(new long[0], 2, 0))
                        .ref(x -> Ref.gather(x[0], 1, x[1])).label("empty index"))
                .error(ErrorCase.of("index 3 of 3", () -> Fails.ins(Tensor.ones(2, 3).requiresGrad(true),
                        Tensor.of(new long[] {0, 3, 0, 1}, 2, 2)), x -> x[0].gather(1, x[1]), "3").index())
                .error(ErrorCase.of("float index", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2, 2)),
                        x -> x[0].gather(1, x[1]), "int64", "float32"))
                .error(ErrorCase.of("index of rank 1", () -> Fails.ins(Tensor.ones(2, 3), Tensor.of(new long[] {0})),
                        x -> x[0].gather(1, x[1]), "[1]", "[2, 3]"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2, 3), Tensor.of(new long[] {0, 1}, 2, 1)
                        .to(other)), x -> x[0].gather(1, x[1]))));

        db.add(op("scatterAdd").dtypes(NUMERIC).gradFn("ScatterAddBackward0").errorName("scatter_add")
                .add(Sample.of("scatterAdd(int,Tensor,Tensor)", x -> x[0].scatterAdd(1, x[1], x[2]), t(2, 4),
                        index(new long[] {0, 2, 1, 2, 0, 0}, 2, 3), t(2, 3))
                        .ref(x -> Ref.scatterAdd(x[0], 1, x[1], x[2])).label("dim 1, the op test's case"))
                .add(Sample.of("scatterAdd(int,Tensor,Tensor)", x -> x[0].scatterAdd(0, x[1], x[2]), t(3, 2).transposed(),
                        index(new long[] {2, 2, 0, 2}, 2, 2), t(3, 3).strided())
                        .ref(x -> Ref.scatterAdd(x[0], 0, x[1], x[2])).label("dim 0, src larger than index"))
                .add(Sample.of("scatterAdd(int,Tensor,Tensor)", x -> x[0].scatterAdd(0, x[1], x[2]), t(3),
                        index(new long[0]), t(0)).ref(x -> Ref.scatterAdd(x[0], 0, x[1], x[2])).label("empty index"))
                .error(ErrorCase.of("index 4 of 4", () -> Fails.ins(Tensor.ones(2, 4), Tensor.of(new long[] {4, 0}, 2, 1),
                        Tensor.ones(2, 1)), x -> x[0].scatterAdd(1, x[1], x[2]), "4").index())
                .error(ErrorCase.of("float32 and float64", () -> Fails.ins(Tensor.ones(2, 4),
                        Tensor.of(new long[] {0, 0}, 2, 1), Tensor.ones(new int[] {2, 1}, DType.FLOAT64)),
                        x -> x[0].scatterAdd(1, x[1], x[2]), "float32", "float64"))
                .error(ErrorCase.of("index larger than src", () -> Fails.ins(Tensor.ones(2, 4),
                        Tensor.of(new long[] {0, 0, 0, 0}, 2, 2), Tensor.ones(2, 1)), x -> x[0].scatterAdd(1, x[1], x[2]),
                        "[2, 2]", "[2, 1]")));

        db.add(op("indexSelect").dtypes(ALL).gradFn("IndexSelectBackward0").errorName("index_select")
                .add(Sample.of("indexSelect(int,Tensor)", x -> x[0].indexSelect(0, x[1]), t(3, 2), index(new long[] {2, 0, 2}))
                        .ref(x -> Ref.indexSelect(x[0], 0, x[1])).label("dim 0, repeated, the op test's case"))
                .add(Sample.of("indexSelect(int,Tensor)", x -> x[0].indexSelect(1, x[1]), t(4, 3).transposed(),
                        index(new long[] {1, 1})).ref(x -> Ref.indexSelect(x[0], 1, x[1])).label("dim 1"))
                .add(Sample.of("indexSelect(int,Tensor)", x -> x[0].indexSelect(-1, x[1]), t(2, 3).strided(),
                        index(new long[0])).ref(x -> Ref.indexSelect(x[0], 1, x[1])).label("no indices"))
                // A 0-d input (PyTorch: itself) is OpValuesSuite's disabled bug test.
                .error(ErrorCase.of("index 2 of 2", () -> Fails.ins(Tensor.ones(2, 3), Tensor.of(new long[] {2})),
                        x -> x[0].indexSelect(0, x[1]), "2").index())
                .error(ErrorCase.of("2-D index", () -> Fails.ins(Tensor.ones(2, 3), Tensor.of(new long[] {0, 1}, 1, 2)),
                        x -> x[0].indexSelect(0, x[1]), "1-D", "[1, 2]"))
                .error(ErrorCase.of("float index", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(1)),
                        x -> x[0].indexSelect(0, x[1]), "float32")));

        // ------------------------------------------------------------------------------------------------------------
        // Conversions and copies
        // ------------------------------------------------------------------------------------------------------------

        OpInfo to = op("to").dtypes(ALL).gradFn("ToCopyBackward0");
        for (DType target : DType.values()) {
            boolean floating = target.isFloatingPoint();
            Sample s = Sample.of("to(DType)", x -> x[0].to(target), t(2, 3).transposed())
                    .ref(x -> Samples.cast(x[0], target)).result(u -> target).label("to " + target);
            if (target == DType.FLOAT32) {
                s.noGrad("a float32 result: finite differences vanish in its rounding").gradFn("ToCopyBackward0");
            } else if (!floating) {
                s.noGrad("an integer or bool result has no gradient");
            } else {
                s.noGradFn("float64 to float64 returns its input");
            }
            to.add(s);
            to.add(Sample.of("to(DType)", x -> x[0].to(target), values(new double[] {-2.7, -0.5, 0, 0.5, 2.7}))
                    .ref(x -> Samples.cast(x[0], target)).result(u -> target).noGrad("fixed values")
                    .label("to " + target + ": truncation and zeros"));
        }
        db.add(to
                .add(Sample.of("to(Device)", x -> x[0].to(Device.cpu()), t(2, 3).transposed()).ref(x -> x[0]).onCpu()
                        .noGradFn("a copy only when the device changes").label("to the CPU"))
                .add(Sample.factory("to(Device)", (dtype, device) -> Tensor.ones(new int[] {2, 3}, dtype, device)
                        .to(elsewhere(device)).to(device)).refFor((x, dtype) -> Nd.of(new int[] {2, 3}, 1, 1, 1, 1, 1, 1))
                        .label("ones to the other device and back"))
                .add(Sample.of("to(Device)", x -> x[0].to(elsewhere(x[0].device())).mul(x[0].to(elsewhere(x[0].device())))
                        .to(x[0].device()), t(3).strided()).ref(x -> Ref.map(x[0], v -> v * v)).only(DType.FLOAT32,
                        DType.FLOAT64).noGradFn("a copy only when the device changes")
                        .label("squared on the other device")));

        db.add(op("clone").dtypes(ALL).gradFn("CloneBackward0")
                // Empty results are not checked for contiguity: OpValuesSuite's disabled bug test.
                .add(each(unary("clone()", Tensor::clone, v -> v, Domain.ANY), s -> {
                    if (Nd.numel(s.inputs.get(0).shape) > 0) {
                        s.contiguous();
                    }
                }))
                .add(Sample.of("clone()", x -> x[0].t().contiguous().clone().to(DType.FLOAT64), t(2, 3))
                        .ref(x -> Ref.transpose(x[0], 0, 1)).only(DType.FLOAT64)
                        .label("of a transpose made contiguous, the op test's case")));

        db.add(op("contiguous").dtypes(ALL).gradFn("CloneBackward0")
                .add(Sample.of("contiguous()", x -> x[0].contiguous(), t(3, 2).transposed()).ref(x -> x[0]).contiguous())
                .add(Sample.of("contiguous()", x -> x[0].contiguous(), t(2, 3).strided()).ref(x -> x[0]).contiguous())
                .add(Sample.of("contiguous()", x -> x[0].contiguous(), t(2, 3).expanded(0)).ref(x -> x[0]).contiguous())
                .add(Sample.of("contiguous()", x -> x[0].contiguous(), t(2, 3)).ref(x -> x[0]).contiguous()
                        .noGradFn(RETURNS_INPUT)));

        db.add(op("detach").dtypes(ALL).notDifferentiable()
                .add(unary("detach()", Tensor::detach, v -> v, Domain.ANY)));

        return db;
    }
}
