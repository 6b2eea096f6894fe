package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import static dev.autograd4j.opinfo.In.t;
import static dev.autograd4j.opinfo.OpInfo.ALL;
import static dev.autograd4j.opinfo.OpInfo.FLOATING;
import static dev.autograd4j.opinfo.OpInfo.NUMERIC;
import static dev.autograd4j.opinfo.OpInfo.op;

/**
 * Factories: from Java arrays, fills, ranges, the identity, random fills. They create on the suite's device (the
 * default device while a suite runs, or the one passed), in the dtype under test where they take one. The random
 * fills' reference is an independent Philox ({@link RefRandom}).
 */
final class FactoryDb {
    private FactoryDb() {
    }

    private static Nd filled(int[] shape, double value) {
        double[] v = new double[Nd.numel(shape)];
        Arrays.fill(v, value);
        return Nd.of(shape, v);
    }

    /** A factory sample producing a fixed dtype. */
    private static Sample fixed(String call, DType dtype, BiFunction<DType, Device, Object> op, Nd expected) {
        return Sample.factory(call, op).ref(x -> expected).only(dtype).result(t -> dtype);
    }

    private static Nd range(double start, double step, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i * step;
        }
        return Nd.vector(v);
    }

    private static Nd linspace(double start, double end, int steps) {
        double[] v = new double[steps];
        for (int i = 0; i < steps; i++) {
            v[i] = steps == 1 ? start : start + (end - start) * i / (steps - 1);
        }
        return Nd.vector(v);
    }

    private static Nd eye(int n, int m) {
        double[] v = new double[n * m];
        for (int i = 0; i < Math.min(n, m); i++) {
            v[i * m + i] = 1;
        }
        return Nd.of(new int[] {n, m}, v);
    }

    static List<OpInfo> entries() {
        List<OpInfo> db = new ArrayList<>();
        int[] s23 = {2, 3};

        db.add(op("of").dtypes(ALL).notDifferentiable().errorName("tensor")
                .add(fixed("of(float[],int[])", DType.FLOAT32, (d, dev) -> Tensor.of(new float[] {1.5f, -2, 3}),
                        Nd.vector(1.5, -2, 3)).label("1-D"))
                .add(fixed("of(float[],int[])", DType.FLOAT32, (d, dev) -> Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3),
                        Nd.of(s23, 1, 2, 3, 4, 5, 6)).label("[2, 3]"))
                .add(fixed("of(float[],int[])", DType.FLOAT32, (d, dev) -> Tensor.of(new float[0]), Nd.vector())
                        .label("empty"))
                .add(fixed("of(double[],int[])", DType.FLOAT64, (d, dev) -> Tensor.of(new double[] {0.1, -1e300}, 2, 1),
                        Nd.of(new int[] {2, 1}, 0.1, -1e300)))
                .add(fixed("of(long[],int[])", DType.INT64, (d, dev) -> Tensor.of(new long[] {1L << 40, -3}),
                        Nd.vector(1L << 40, -3)))
                .add(fixed("of(int[],int[])", DType.INT32, (d, dev) -> Tensor.of(new int[] {Integer.MAX_VALUE, -3, 0}, 3),
                        Nd.vector(Integer.MAX_VALUE, -3, 0)))
                .add(fixed("of(boolean[],int[])", DType.BOOL, (d, dev) -> Tensor.of(new boolean[] {true, false}, 2),
                        Nd.vector(1, 0)))
                .add(fixed("of(float[][])", DType.FLOAT32, (d, dev) -> Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}}),
                        Nd.of(new int[] {3, 2}, 1, 2, 3, 4, 5, 6)))
                .add(fixed("of(double[][])", DType.FLOAT64, (d, dev) -> Tensor.of(new double[][] {{0.25, 0.5, 1}}),
                        Nd.of(new int[] {1, 3}, 0.25, 0.5, 1)))
                .add(fixed("scalar(double)", DType.FLOAT32, (d, dev) -> Tensor.scalar(2.5), Nd.scalar(2.5)))
                .add(Sample.factory("scalar(double,DType)", (d, dev) -> Tensor.scalar(-2.5, d))
                        .refFor((x, d) -> Nd.scalar(Samples.cast(-2.5, d)))
                        .cpuSameDtype("the value is converted to the dtype"))
                .error(ErrorCase.of("3 values as [2, 2]", () -> Fails.ins(), x -> Tensor.of(new float[] {1, 2, 3}, 2, 2),
                        "[2, 2]", "3"))
                .error(ErrorCase.of("ragged rows", () -> Fails.ins(), x -> Tensor.of(new double[][] {{1, 2}, {3}}),
                        "row 1"))
                .error(ErrorCase.of("negative shape", () -> Fails.ins(), x -> Tensor.of(new float[0], 0, -1),
                        "negative dimension -1")));

        db.add(op("zeros").dtypes(ALL).notDifferentiable()
                .add(fixed("zeros(int[])", DType.FLOAT32, (d, dev) -> Tensor.zeros(2, 3), filled(s23, 0)))
                .add(fixed("zeros(int[])", DType.FLOAT32, (d, dev) -> Tensor.zeros(), Nd.scalar(0)).label("0-d"))
                .add(Sample.factory("zeros(int[],DType)", (d, dev) -> Tensor.zeros(new int[] {0, 3}, d))
                        .ref(x -> filled(new int[] {0, 3}, 0)))
                .add(Sample.factory("zeros(int[],DType,Device)", (d, dev) -> Tensor.zeros(s23, d, dev))
                        .ref(x -> filled(s23, 0)))
                .add(Sample.of("zerosLike(Tensor)", x -> Tensor.zerosLike(x[0]), t(3, 2).transposed())
                        .ref(x -> filled(x[0].shape, 0)))
                .error(ErrorCase.of("negative shape", () -> Fails.ins(), x -> Tensor.zeros(2, -1), "negative dimension -1",
                        "[2, -1]")));

        db.add(op("ones").dtypes(ALL).notDifferentiable()
                .add(fixed("ones(int[])", DType.FLOAT32, (d, dev) -> Tensor.ones(2, 3), filled(s23, 1)))
                .add(Sample.factory("ones(int[],DType)", (d, dev) -> Tensor.ones(new int[0], d)).ref(x -> Nd.scalar(1)))
                .add(Sample.factory("ones(int[],DType,Device)", (d, dev) -> Tensor.ones(s23, d, dev))
                        .ref(x -> filled(s23, 1)))
                .add(Sample.of("onesLike(Tensor)", x -> Tensor.onesLike(x[0]), t(2, 3).strided())
                        .ref(x -> filled(x[0].shape, 1)))
                .error(ErrorCase.of("negative shape", () -> Fails.ins(), x -> Tensor.ones(-1), "negative dimension -1")));

        db.add(op("full").dtypes(ALL).notDifferentiable()
                .add(fixed("full(int[],double)", DType.FLOAT32, (d, dev) -> Tensor.full(s23, 0.1), filled(s23, 0.1f)))
                .add(Sample.factory("full(int[],double,DType)", (d, dev) -> Tensor.full(s23, -2.5, d))
                        .refFor((x, d) -> filled(s23, Samples.cast(-2.5, d)))
                        .cpuSameDtype("the value is converted to the dtype").label("-2.5, converted to the dtype"))
                .add(Sample.factory("full(int[],double,DType,Device)", (d, dev) -> Tensor.full(new int[] {3}, 7.0, d,
                                dev))
                        .refFor((x, d) -> filled(new int[] {3}, Samples.cast(7, d)))
                        .cpuSameDtype("the value is converted to the dtype"))
                .add(Sample.factory("full(int[],long,DType)", (d, dev) -> Tensor.full(s23, -3L, d))
                        .refFor((x, d) -> filled(s23, Samples.cast(-3, d)))
                        .cpuSameDtype("the value is converted to the dtype"))
                .add(Sample.factory("full(int[],long,DType,Device)", (d, dev) -> Tensor.full(new int[] {3}, 5L, d, dev))
                        .refFor((x, d) -> filled(new int[] {3}, Samples.cast(5, d)))
                        .cpuSameDtype("the value is converted to the dtype"))
                .add(Sample.of("fullLike(Tensor,double)", x -> Tensor.fullLike(x[0], 3), t(2, 3).expanded(0))
                        .refFor((x, d) -> filled(x[0].shape, Samples.cast(3, d)))
                        .cpuSameDtype("the value is converted to the dtype"))
                .error(ErrorCase.of("negative shape", () -> Fails.ins(), x -> Tensor.full(new int[] {-2}, 1),
                        "negative dimension -2")));

        db.add(op("arange").dtypes(NUMERIC).notDifferentiable()
                .add(fixed("arange(long)", DType.INT64, (d, dev) -> Tensor.arange(5), range(0, 1, 5)))
                .add(fixed("arange(long)", DType.INT64, (d, dev) -> Tensor.arange(0), range(0, 1, 0)).label("empty"))
                .add(fixed("arange(long,long,long)", DType.INT64, (d, dev) -> Tensor.arange(2, 11, 3), range(2, 3, 3)))
                .add(fixed("arange(long,long,long)", DType.INT64, (d, dev) -> Tensor.arange(5, -4, -2), range(5, -2, 5))
                        .label("negative step"))
                .add(Sample.factory("arange(double,double,double,DType)", (d, dev) -> Tensor.arange(-3, 7, 2, d))
                        .ref(x -> range(-3, 2, 5)).label("-3 to 7 by 2"))
                .add(Sample.factory("arange(double,double,double,DType)", (d, dev) -> Tensor.arange(0, 1, 0.25, d))
                        .ref(x -> range(0, 0.25, 4)).only(DType.FLOAT32, DType.FLOAT64).label("0 to 1 by 0.25"))
                .add(Sample.factory("arange(double,double,double,DType)", (d, dev) -> Tensor.arange(1, -0.5, -0.25, d))
                        .ref(x -> range(1, -0.25, 6)).only(DType.FLOAT32, DType.FLOAT64).label("1 to -0.5 by -0.25"))
                .error(ErrorCase.of("step 0", () -> Fails.ins(), x -> Tensor.arange(0, 5, 0), "step 0"))
                .error(ErrorCase.of("step of the wrong sign", () -> Fails.ins(), x -> Tensor.arange(0, 5, -1),
                        "step sign"))
                .error(ErrorCase.of("bool", () -> Fails.ins(), x -> Tensor.arange(0, 2, 1, DType.BOOL), "bool")));

        db.add(op("linspace").dtypes(NUMERIC).notDifferentiable()
                .add(fixed("linspace(double,double,int)", DType.FLOAT32, (d, dev) -> Tensor.linspace(0, 1, 7),
                        Nd.vector(Samples.doubles(0.0f, 0.1666666716337204f, 0.3333333432674408f, 0.5f,
                                0.6666666269302368f, 0.8333333134651184f, 1.0f))).tol(DType.FLOAT32, Tolerance.EXACT)
                        .label("0 to 1, bit for bit as PyTorch 1.13 prints it"))
                .add(fixed("linspace(double,double,int)", DType.FLOAT32, (d, dev) -> Tensor.linspace(-1, 1, 5),
                        Nd.vector(-1, -0.5, 0, 0.5, 1)).tol(DType.FLOAT32, Tolerance.EXACT).label("-1 to 1, exact"))
                .add(Sample.factory("linspace(double,double,int,DType)", (d, dev) -> Tensor.linspace(2, -3, 6, d))
                        .ref(x -> linspace(2, -3, 6)).only(DType.FLOAT32, DType.FLOAT64).label("2 to -3"))
                .add(Sample.factory("linspace(double,double,int,DType)", (d, dev) -> Tensor.linspace(0.1, 0.7, 101, d))
                        .ref(x -> linspace(0.1, 0.7, 101)).only(DType.FLOAT32, DType.FLOAT64).label("101 steps"))
                // PyTorch 1.13: torch.linspace(4, 5, 1) is [4.]
                .add(Sample.factory("linspace(double,double,int,DType)", (d, dev) -> Tensor.linspace(4, 5, 1, d))
                        .ref(x -> Nd.vector(4)).label("one step is the start"))
                .add(Sample.factory("linspace(double,double,int,DType)", (d, dev) -> Tensor.linspace(4, 5, 0, d))
                        .ref(x -> Nd.vector()).label("no steps"))
                // PyTorch 1.13: torch.linspace(0.5, 3.7, 5, dtype=torch.int32) is [0, 0, 1, 2, 3] (the ends truncated
                // first), torch.linspace(-2.7, 2.7, 4, dtype=torch.int64) is [-2, 0, 0, 2].
                .add(fixed("linspace(double,double,int,DType)", DType.INT32,
                        (d, dev) -> Tensor.linspace(0.5, 3.7, 5, DType.INT32), Nd.vector(0, 0, 1, 2, 3))
                        .label("int32 from 0.5 to 3.7: the ends truncated first"))
                .add(fixed("linspace(double,double,int,DType)", DType.INT64,
                        (d, dev) -> Tensor.linspace(-2.7, 2.7, 4, DType.INT64), Nd.vector(-2, 0, 0, 2))
                        .label("int64 from -2.7 to 2.7"))
                .error(ErrorCase.of("-1 steps", () -> Fails.ins(), x -> Tensor.linspace(0, 1, -1), "-1"))
                // torch.linspace(0, 1, 3, dtype=torch.bool): "linspace_cpu" not implemented for 'Bool'.
                .error(ErrorCase.of("bool", () -> Fails.ins(), x -> Tensor.linspace(0, 1, 3, DType.BOOL), "bool"))
                // torch.linspace(0, 1e20, 3, dtype=torch.int64): "value cannot be converted to type int64_t without
                // overflow".
                .error(ErrorCase.of("int64 end past its range", () -> Fails.ins(),
                        x -> Tensor.linspace(0, 1e20, 3, DType.INT64), "1.0E20", "overflow")));

        db.add(op("eye").dtypes(ALL).notDifferentiable()
                .add(fixed("eye(int)", DType.FLOAT32, (d, dev) -> Tensor.eye(3), eye(3, 3)))
                .add(Sample.factory("eye(int,int,DType)", (d, dev) -> Tensor.eye(2, 4, d)).ref(x -> eye(2, 4)))
                .add(Sample.factory("eye(int,int,DType)", (d, dev) -> Tensor.eye(3, 1, d)).ref(x -> eye(3, 1)))
                .add(Sample.factory("eye(int,int,DType)", (d, dev) -> Tensor.eye(0, 2, d)).ref(x -> eye(0, 2)))
                .error(ErrorCase.of("-1 rows", () -> Fails.ins(), x -> Tensor.eye(-1), "negative dimension -1")));

        String sameDtype = "a random fill draws 24 bits for float32, 53 for float64";
        db.add(op("rand").dtypes(FLOATING).notDifferentiable().cpuSameDtype(sameDtype)
                .add(fixed("rand(Generator,int[])", DType.FLOAT32, (d, dev) -> Tensor.rand(new Generator(5), 2, 3),
                        Nd.of(s23, RefRandom.uniform(5, 0, 6, DType.FLOAT32))))
                .add(Sample.factory("rand(Generator,int[],DType,Device)",
                        (d, dev) -> Tensor.rand(new Generator(42), new int[] {1000}, d, dev))
                        .refFor((x, d) -> Nd.vector(RefRandom.uniform(42, 0, 1000, d))).label("1000 draws"))
                .add(Sample.factory("rand(Generator,int[],DType,Device)", (d, dev) -> {
                    Generator g = new Generator(-1);
                    Tensor.rand(g, new int[] {3}, d, dev);
                    return Tensor.rand(g, new int[] {2, 2}, d, dev);
                }).refFor((x, d) -> Nd.of(new int[] {2, 2}, RefRandom.uniform(-1, 3, 4, d))).label("a second draw"))
                .add(Sample.factory("rand(Generator,int[],DType,Device)",
                        (d, dev) -> Tensor.rand(new Generator(1), new int[] {0, 2}, d, dev))
                        .ref(x -> Nd.of(new int[] {0, 2})).label("empty"))
                .error(ErrorCase.of("int64", () -> Fails.ins(), x -> Tensor.rand(new Generator(0), new int[] {2},
                        DType.INT64, Device.getDefault()), "int64"))
                .error(ErrorCase.of("no generator", () -> Fails.ins(), x -> Tensor.rand(null, 2), "Generator"))
                .error(ErrorCase.of("negative shape", () -> Fails.ins(), x -> Tensor.rand(new Generator(0), 2, -3),
                        "negative dimension -3")));

        db.add(op("randn").dtypes(FLOATING).notDifferentiable().cpuSameDtype(sameDtype)
                .add(fixed("randn(Generator,int[])", DType.FLOAT32, (d, dev) -> Tensor.randn(new Generator(5), 2, 3),
                        Nd.of(s23, RefRandom.normal(5, 0, 6, DType.FLOAT32))))
                .add(Sample.factory("randn(Generator,int[],DType,Device)",
                        (d, dev) -> Tensor.randn(new Generator(42), new int[] {1000}, d, dev))
                        .refFor((x, d) -> Nd.vector(RefRandom.normal(42, 0, 1000, d))).label("1000 draws"))
                .error(ErrorCase.of("int32", () -> Fails.ins(), x -> Tensor.randn(new Generator(0), new int[] {2},
                        DType.INT32, Device.getDefault()), "int32")));

        db.add(op("randint").dtypes(NUMERIC).notDifferentiable().cpuSameDtype(sameDtype)
                .add(fixed("randint(Generator,long,long,int[])", DType.INT64,
                        (d, dev) -> Tensor.randint(new Generator(5), -3, 4, 2, 3),
                        Nd.of(s23, RefRandom.randint(5, 0, 6, -3, 4))))
                .add(Sample.factory("randint(Generator,long,long,int[],DType,Device)",
                        (d, dev) -> Tensor.randint(new Generator(42), 0, 1000, new int[] {500}, d, dev))
                        .ref(x -> Nd.vector(RefRandom.randint(42, 0, 500, 0, 1000))).label("500 draws from [0, 1000)"))
                .error(ErrorCase.of("high <= low", () -> Fails.ins(), x -> Tensor.randint(new Generator(0), 5, 5, 2),
                        "from=5", "to=5"))
                .error(ErrorCase.of("bool", () -> Fails.ins(), x -> Tensor.randint(new Generator(0), 0, 2,
                        new int[] {2}, DType.BOOL, Device.getDefault()), "bool")));

        return db;
    }
}
