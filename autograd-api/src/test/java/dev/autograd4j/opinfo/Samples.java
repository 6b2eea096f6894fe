package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

import static dev.autograd4j.opinfo.In.t;

/**
 * The shared sample generators: the shapes every op of a family is run on (0-d, empty, broadcast, transposed,
 * strided, expanded), each with its reference. An entry adds the generators that fit it and its own special cases.
 */
public final class Samples {
    private Samples() {
    }

    /** {@code (x, s) -> x.op(s)} for a double scalar. */
    @FunctionalInterface
    public interface ScalarOp {
        Tensor apply(Tensor x, double s);
    }

    /** {@code (x, s) -> x.op(s)} for a long scalar. */
    @FunctionalInterface
    public interface LongScalarOp {
        Tensor apply(Tensor x, long s);
    }

    /** A reduction over one dim: {@code (x, dim) -> x.op(dim, ...)}. */
    @FunctionalInterface
    public interface DimOp {
        Object apply(Tensor x, int dim);
    }

    /** A reduction over a list of dims. */
    @FunctionalInterface
    public interface DimsOp {
        Object apply(Tensor x, int[] dims, boolean keepdim);
    }

    /** The reference of a reduction: the expected output(s) for {@code x} reduced over {@code dims}. */
    @FunctionalInterface
    public interface DimsRef {
        Object expect(Nd x, int[] dims, boolean keepdim);
    }

    /** The reference reduction applying {@code f} to each group. */
    public static DimsRef reducing(ToDoubleFunction<double[]> f) {
        return (x, dims, keepdim) -> Ref.reduce(x, dims, keepdim, f);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Elementwise
    // ------------------------------------------------------------------------------------------------------------

    /** The shapes of a unary elementwise op: 0-d, empty, 1-D, 2-D, transposed, strided, expanded. */
    static List<In> unaryShapes(Domain d) {
        return List.of(t().in(d), t(0).in(d), t(5).in(d), t(2, 3).in(d), t(3, 2).transposed().in(d),
                t(2, 3).strided().in(d), t(2, 3).expanded(0).in(d), t(2, 0, 3).in(d));
    }

    public static List<Sample> unary(String call, UnaryOperator<Tensor> op, DoubleUnaryOperator f, Domain d) {
        List<Sample> out = new ArrayList<>();
        for (In in : unaryShapes(d)) {
            out.add(Sample.of(call, x -> op.apply(x[0]), in).ref(x -> Ref.map(x[0], f)));
        }
        return out;
    }

    /** Another method computing the same op (Functional's spelling of a Tensor method): two layouts suffice. */
    public static List<Sample> unaryAlias(String call, UnaryOperator<Tensor> op, DoubleUnaryOperator f, Domain d) {
        return List.of(Sample.of(call, x -> op.apply(x[0]), t(3, 2).transposed().in(d)).ref(x -> Ref.map(x[0], f)),
                Sample.of(call, x -> op.apply(x[0]), t().in(d)).ref(x -> Ref.map(x[0], f)));
    }

    /** The operand pairs of a binary op: equal shapes, broadcasting each way, 0-d operands, layouts, empty. */
    static List<In[]> binaryShapes(Domain a, Domain b) {
        return List.of(
                new In[] {t(2, 3).in(a), t(2, 3).in(b)},
                new In[] {t().in(a), t().in(b)},
                new In[] {t(2, 3).in(a), t(3).in(b)},
                new In[] {t(2, 3).in(a), t(2, 1).in(b)},
                new In[] {t(2, 1, 3).in(a), t(4, 1).in(b)},
                new In[] {t(2, 3).in(a), t().in(b)},
                new In[] {t().in(a), t(2, 3).in(b)},
                new In[] {t(3, 2).transposed().in(a), t(3, 2).strided().in(b)},
                new In[] {t(2, 3).expanded(0).in(a), t(2, 3).transposed().in(b)},
                new In[] {t(0, 3).in(a), t(3).in(b)});
    }

    public static List<Sample> binary(String call, BinaryOperator<Tensor> op, DoubleBinaryOperator f, Domain a,
                                      Domain b) {
        List<Sample> out = new ArrayList<>();
        for (In[] pair : binaryShapes(a, b)) {
            out.add(Sample.of(call, x -> op.apply(x[0], x[1]), pair).ref(x -> Ref.zip(x[0], x[1], f)));
        }
        return out;
    }

    public static List<Sample> binary(String call, BinaryOperator<Tensor> op, DoubleBinaryOperator f) {
        return binary(call, op, f, Domain.ANY, Domain.ANY);
    }

    /**
     * Operands of two dtypes (PyTorch's type promotion): a float64 operand promotes the dtype under test to float64,
     * a 0-d float64 one only an integer dtype (a 0-d operand does not widen within its category), and an int32 one
     * leaves floating dtypes alone.
     */
    public static List<Sample> promoting(String call, BinaryOperator<Tensor> op, DoubleBinaryOperator f) {
        return List.of(
                Sample.of(call, x -> op.apply(x[0], x[1]), t(2, 3), In.of(DType.FLOAT64, 3))
                        .ref(x -> Ref.zip(x[0], x[1], f)).result(t -> DType.FLOAT64).label("promotes to float64"),
                Sample.of(call, x -> op.apply(x[0], x[1]), t(2, 3).transposed(), In.of(DType.FLOAT64))
                        .ref(x -> Ref.zip(x[0], x[1], f)).result(t -> t.isFloatingPoint() ? t : DType.FLOAT64)
                        .label("with a 0-d float64"),
                Sample.of(call, x -> op.apply(x[1], x[0]), t(3), In.of(DType.INT32, 2, 3))
                        .ref(x -> Ref.zip(x[1], x[0], f)).result(t -> DType.promote(t, DType.INT32))
                        .label("int32 first"));
    }

    /** A tensor with a double scalar: {@code f(x, s)} elementwise. */
    public static List<Sample> withScalar(String call, ScalarOp op, double s, DoubleBinaryOperator f, Domain d) {
        List<Sample> out = new ArrayList<>();
        for (In in : List.of(t().in(d), t(2, 3).in(d), t(3, 2).transposed().in(d), t(0).in(d))) {
            out.add(Sample.of(call, x -> op.apply(x[0], s), in).ref(x -> Ref.map(x[0], v -> f.applyAsDouble(v, s)))
                    .label("scalar " + s));
        }
        return out;
    }

    /** A tensor with a long scalar. */
    public static List<Sample> withLong(String call, LongScalarOp op, long s, DoubleBinaryOperator f, Domain d) {
        List<Sample> out = new ArrayList<>();
        for (In in : List.of(t().in(d), t(2, 3).in(d), t(3, 2).transposed().in(d), t(0).in(d))) {
            out.add(Sample.of(call, x -> op.apply(x[0], s), in).ref(x -> Ref.map(x[0], v -> f.applyAsDouble(v, s)))
                    .label("scalar " + s + "L"));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reductions
    // ------------------------------------------------------------------------------------------------------------

    /** Over all elements: {@code emptyOk} when the reduction of nothing has a value (sum: 0, mean: NaN). */
    public static List<Sample> reduceAll(String call, UnaryOperator<Tensor> op, DimsRef ref, boolean emptyOk) {
        List<In> shapes = new ArrayList<>(List.of(t(), t(5), t(3, 4).transposed(), t(3, 4).strided(),
                t(2, 3).expanded(0)));
        if (emptyOk) {
            shapes.add(t(0));
            shapes.add(t(2, 0));
        }
        List<Sample> out = new ArrayList<>();
        for (In in : shapes) {
            out.add(Sample.of(call, x -> op.apply(x[0]), in).ref(x -> ref.expect(x[0], null, false)));
        }
        return out;
    }

    /** Over one dim, removed (or kept, as {@code op} does it: {@code keepdim} says which for the reference). */
    public static List<Sample> reduceDim(String call, DimOp op, DimsRef ref, boolean keepdim, boolean emptyOk) {
        List<Object[]> cases = new ArrayList<>(List.of(
                new Object[] {t(2, 3), 1}, new Object[] {t(2, 3).transposed(), -2},
                new Object[] {t(2, 3, 4).strided(), 1}, new Object[] {t(), 0}, new Object[] {t(4), -1},
                new Object[] {t(2, 3).expanded(0), 0}, new Object[] {t(2, 0, 3), 2}));
        if (emptyOk) {
            cases.add(new Object[] {t(2, 0, 3), 1});
        }
        List<Sample> out = new ArrayList<>();
        for (Object[] c : cases) {
            int dim = (Integer) c[1];
            out.add(Sample.of(call, x -> op.apply(x[0], dim), (In) c[0])
                    .ref(x -> ref.expect(x[0], new int[] {dim}, keepdim)).label("dim " + dim));
        }
        return out;
    }

    /** Over a list of dims, with and without keepdim; an empty list means all. */
    public static List<Sample> reduceDims(String call, DimsOp op, DimsRef ref, boolean emptyOk) {
        List<Object[]> cases = new ArrayList<>(List.of(
                new Object[] {t(2, 3, 4), new int[] {0, 2}, true}, new Object[] {t(2, 3, 4), new int[] {-1}, false},
                new Object[] {t(3, 4).transposed(), new int[] {1, 0}, false},
                new Object[] {t(2, 3), new int[0], true}, new Object[] {t(), new int[0], false},
                new Object[] {t(2, 3).strided(), new int[] {1}, true},
                new Object[] {t(2, 3).expanded(1), new int[] {1}, false},
                new Object[] {t(2, 0, 3), new int[] {0, 2}, false}));
        if (emptyOk) {
            cases.add(new Object[] {t(2, 0, 3), new int[] {1}, true});
        }
        List<Sample> out = new ArrayList<>();
        for (Object[] c : cases) {
            int[] dims = (int[]) c[1];
            boolean keepdim = (Boolean) c[2];
            out.add(Sample.of(call, x -> op.apply(x[0], dims, keepdim), (In) c[0])
                    .ref(x -> ref.expect(x[0], dims, keepdim))
                    .label("dims " + Arrays.toString(dims) + (keepdim ? " keepdim" : "")));
        }
        return out;
    }

    /**
     * An op along one dim that keeps the shape (softmax): {@code f} maps each fiber. (Along a dim of size 0 is
     * OpValuesSuite's disabled bug test.)
     */
    public static List<Sample> alongDim(String call, DimOp op, UnaryOperator<double[]> f) {
        List<Object[]> cases = List.of(
                new Object[] {t(3, 4), 1}, new Object[] {t(3, 4).transposed(), -2}, new Object[] {t(5), 0},
                new Object[] {t(), 0}, new Object[] {t(2, 3, 4).strided(), 1}, new Object[] {t(2, 3).expanded(1), 1},
                new Object[] {t(0, 3), 1});
        List<Sample> out = new ArrayList<>();
        for (Object[] c : cases) {
            int dim = (Integer) c[1];
            out.add(Sample.of(call, x -> op.apply(x[0], dim), (In) c[0])
                    .ref(x -> Ref.alongDim(x[0], dim, f)).label("dim " + dim));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Small helpers for the entries
    // ------------------------------------------------------------------------------------------------------------

    /** Converts a value to what a dtype holds (float32 rounding, integer truncation, bool). */
    public static double cast(double v, DType dtype) {
        return In.roundTo(v, dtype);
    }

    public static Nd cast(Nd x, DType dtype) {
        return Ref.map(x, v -> cast(v, dtype)).as(dtype);
    }

    /** 1.0 for true, 0.0 for false: how the reference holds bools. */
    public static double bool(boolean b) {
        return b ? 1 : 0;
    }

    public static double[] doubles(float... values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
