package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;

import java.util.Arrays;
import java.util.Random;

/**
 * Rough timings of the CPU kernels, run by hand (not a test):
 * {@code mvn -q test-compile} then
 * {@code java -cp autograd-api/target/classes:autograd-cpu/target/classes:autograd-cpu/target/test-classes
 * dev.autograd4j.cpu.KernelBenchmark [threads] [filter]}. Prints the median of several timed runs after warm-up.
 */
final class KernelBenchmark {
    private static final CpuBackend B = CpuBackend.INSTANCE;

    public static void main(String[] args) {
        if (args.length > 0) {
            B.setNumThreads(Integer.parseInt(args[0]));
        }
        String filter = args.length > 1 ? args[1] : "";
        System.out.println("threads=" + B.numThreads() + " cores=" + Runtime.getRuntime().availableProcessors());
        int n = 1 << 24;
        View a = random(DType.FLOAT32, n), b = random(DType.FLOAT32, n), o = empty(DType.FLOAT32, n);
        View one = View.contiguous(B.allocate(DType.FLOAT32, 1), new int[0]);
        View s = new View(one.storage, 0, new int[]{n}, new long[]{0});
        View m = random(DType.FLOAT32, 4096, 4096), mo = empty(DType.FLOAT32, 4096, 4096);
        View mT = m.with(0, new int[]{4096, 4096}, new long[]{1, 4096});
        View rowVec = new View(random(DType.FLOAT32, 4096).storage, 0, new int[]{4096, 4096}, new long[]{0, 1});
        View col = empty(DType.FLOAT32, 1, 4096), row = empty(DType.FLOAT32, 4096, 1), all = empty(DType.FLOAT32, 1);
        View logits = random(DType.FLOAT32, 256, 10), lmax = empty(DType.FLOAT32, 256, 1);
        View h = random(DType.FLOAT32, 256, 1024), hsum = empty(DType.FLOAT32, 1, 1024);
        View lidx = empty(DType.INT64, 256, 1);

        time(filter, "mul f32 16M contiguous", n, () -> B.binary(BinaryOp.MUL, o, a, b, 1));
        time(filter, "add f32 16M a + 2*b", n, () -> B.binary(BinaryOp.ADD, o, a, b, 2));
        time(filter, "mul f32 16M by broadcast scalar", n, () -> B.binary(BinaryOp.MUL, o, a, s, 1));
        time(filter, "add f32 [4096,4096] + row [4096]", n, () -> B.binary(BinaryOp.ADD, mo, m, rowVec, 1));
        time(filter, "add f32 [4096,4096] transposed + contiguous", n, () -> B.binary(BinaryOp.ADD, mo, mT, m, 1));
        time(filter, "tanh f32 16M", n, () -> B.unary(UnaryOp.TANH, o, a, 0, 0));
        time(filter, "exp f32 16M", n, () -> B.unary(UnaryOp.EXP, o, a, 0, 0));
        time(filter, "sigmoid f32 16M", n, () -> B.unary(UnaryOp.SIGMOID, o, a, 0, 0));
        time(filter, "gelu f32 16M", n, () -> B.unary(UnaryOp.GELU, o, a, 0, 0));
        time(filter, "relu f32 16M", n, () -> B.unary(UnaryOp.RELU, o, a, 0, 0));
        time(filter, "neg f32 16M (affine)", n, () -> B.unary(UnaryOp.AFFINE, o, a, -1, 0));
        time(filter, "tanh_backward f32 16M", n, () -> B.binary(BinaryOp.TANH_BACKWARD, o, a, b, 1));
        time(filter, "gt f32 16M -> bool", n, () -> B.binary(BinaryOp.GT, empty(DType.BOOL, n), a, b, 1));
        time(filter, "sum f32 16M", n, () -> B.reduce(ReduceOp.SUM, all, a));
        time(filter, "max f32 16M", n, () -> B.reduce(ReduceOp.MAX, all, a));
        time(filter, "argmax f32 16M", n, () -> B.reduce(ReduceOp.ARGMAX, empty(DType.INT64, 1), a));
        time(filter, "sum f32 [4096,4096] dim 0", n, () -> B.reduce(ReduceOp.SUM, col, m));
        time(filter, "sum f32 [4096,4096] dim 1", n, () -> B.reduce(ReduceOp.SUM, row, m));
        time(filter, "sum f32 [4096,4096]^T dim 1", n, () -> B.reduce(ReduceOp.SUM, row, mT));
        time(filter, "sum f32 [256,1024] dim 0", 256 * 1024, () -> B.reduce(ReduceOp.SUM, hsum, h));
        time(filter, "max f32 [256,10] dim 1", 2560, () -> B.reduce(ReduceOp.MAX, lmax, logits));
        time(filter, "argmax f32 [256,10] dim 1", 2560, () -> B.reduce(ReduceOp.ARGMAX, lidx, logits));
        time(filter, "copy f32 [4096,4096] transposed", n, () -> B.copy(mo, mT));
        View q = random(DType.FLOAT32, 4000, 4000), qo = empty(DType.FLOAT32, 4000, 4000);
        View qT = q.with(0, new int[]{4000, 4000}, new long[]{1, 4000});
        time(filter, "copy f32 [4000,4000] transposed", 16_000_000, () -> B.copy(qo, qT));
        time(filter, "copy f32 -> f64 16M", n, () -> B.copy(empty(DType.FLOAT64, n), a));
        time(filter, "fill f32 16M", n, () -> B.fill(o, 1));
        time(filter, "where f32 16M", n, () -> B.where(o, empty(DType.BOOL, n), a, b));
        time(filter, "uniform f32 16M", n, () -> B.random(dev.autograd4j.spi.RandomOp.UNIFORM, o, 1, 0, 0, 1));

        // Per-call cost of tiny ops: a 10,000-op chain of 0-d float32 binary and unary ops.
        View x = View.contiguous(B.fromArray(new float[]{1.5f}), new int[0]);
        View y = View.contiguous(B.fromArray(new float[]{0.5f}), new int[0]);
        View[] nodes = new View[10_000];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = empty(DType.FLOAT32);
        }
        time(filter, "10k 0-d f32 binary ops", 10_000, () -> {
            View prev = x;
            for (View node : nodes) {
                B.binary(BinaryOp.MUL, node, prev, y, 1);
                prev = node;
            }
        });
        time(filter, "10k 0-d f32 unary ops", 10_000, () -> {
            View prev = x;
            for (View node : nodes) {
                B.unary(UnaryOp.TANH, node, prev, 0, 0);
                prev = node;
            }
        });
        View sink = empty(DType.FLOAT32);
        time(filter, "10k 0-d f32 sum reductions", 10_000, () -> {
            for (View node : nodes) {
                B.reduce(ReduceOp.SUM, sink, node);
            }
        });
    }

    private static View random(DType t, int... shape) {
        Random r = new Random(Arrays.hashCode(shape));
        int n = (int) View.numelOf(shape);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) (r.nextGaussian() * 2);
        }
        View v = View.contiguous(B.allocate(t, n), shape);
        B.copy(v, View.contiguous(CpuStorage.wrap(f), shape));
        return v;
    }

    private static View empty(DType t, int... shape) {
        return View.contiguous(B.allocate(t, View.numelOf(shape)), shape);
    }

    private static void time(String filter, String name, long elements, Runnable body) {
        if (!name.contains(filter)) {
            return;
        }
        for (int i = 0; i < 5; i++) {
            body.run();
        }
        int reps = 11;
        long[] ns = new long[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            body.run();
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        double ms = ns[reps / 2] / 1e6;
        System.out.printf("%-46s %9.3f ms  %7.2f ns/elem%n", name, ms, ns[reps / 2] / (double) elements);
    }
}
