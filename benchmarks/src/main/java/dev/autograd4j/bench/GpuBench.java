package dev.autograd4j.bench;

import dev.autograd4j.Backends;
import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Generator;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.nn.Functional;
import dev.autograd4j.spi.Backend;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The GPU workloads of PyTorch's anchor script ({@code benchmarks/gpu/torch_anchors.py}), written against the public
 * API and run on a device ({@code cuda:0} unless told): sgemm 1024/4096/8192, a*b+c, tanh, copy and sum over 64M
 * floats, softmax over 4096x32768, the latency of a tiny op, a tiny graph forward and backward, the two MLP training
 * steps and a matmul chain's backward. Each prints one JSON line named and measured as the anchor script's line of
 * the same name ({@code tflops}, {@code gbps}, {@code us_per_op}, {@code ms}), so the two outputs join on
 * {@code workload}. Timing is the anchor's: warm-up calls, then the median of wall-clock times of single calls each
 * followed by {@code Backends.of(device).synchronize()}.
 *
 * <pre>
 * java -cp ... dev.autograd4j.bench.GpuBench [--device cuda:0] [--workloads sgemm,eltwise,...] [--out FILE] [--quick]
 * </pre>
 * Workloads: {@code sgemm, eltwise, softmax, tiny, mlp, chain} (all by default). {@code --quick} shrinks every size
 * and repeat count, to check on the CPU that each workload runs ({@code --device cpu --quick}); its figures mean
 * nothing. Exits with status 2, saying why, when the device cannot be used.
 */
public final class GpuBench {
    static final List<String> ALL = List.of("sgemm", "eltwise", "softmax", "tiny", "mlp", "chain");

    private final Device device;
    private final Backend backend;
    private final boolean quick;
    private final Consumer<String> out;

    GpuBench(Device device, boolean quick, Consumer<String> out) {
        this.device = device;
        this.backend = Backends.of(device);
        this.quick = quick;
        this.out = out;
    }

    /** Seconds per call: median, minimum and maximum of the timed calls. */
    record Timing(double median, double min, double max) {
    }

    /** The anchor's {@code bench}: warm-up calls, then single synchronised calls timed one by one. */
    Timing time(Runnable fn, int reps, int warmup) {
        if (quick) {
            reps = 2;
            warmup = 1;
        }
        for (int i = 0; i < warmup; i++) {
            fn.run();
        }
        backend.synchronize();
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            fn.run();
            backend.synchronize();
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return new Timing(t[reps / 2], t[0], t[reps - 1]);
    }

    /** Prints one JSON line: the workload, its figures (name, value pairs) and the timing in milliseconds. */
    void report(String workload, Timing t, Object... figures) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("workload", workload);
        for (int i = 0; i < figures.length; i += 2) {
            line.put((String) figures[i], figures[i + 1]);
        }
        line.putIfAbsent("ms", t.median() * 1e3);
        line.put("min_ms", t.min() * 1e3);
        line.put("max_ms", t.max() * 1e3);
        line.put("impl", "autograd4j");
        line.put("device", device.toString());
        StringBuilder json = new StringBuilder("{");
        line.forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append('"').append(k).append("\": ");
            json.append(v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : v instanceof String s
                    ? "\"" + s + "\"" : String.valueOf(v));
        });
        out.accept(json.append('}').toString());
    }

    private int size(int full, int quickSize) {
        return quick ? quickSize : full;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The workloads, in the anchor script's order and with its names
    // ------------------------------------------------------------------------------------------------------------

    /** fp32 matrix products (TF32 off, PyTorch's default): {@code 2 n^3} flops each. */
    void sgemm() {
        for (int full : new int[] {1024, 4096, 8192}) {
            int n = size(full, full / 64);
            try (Scope ignored = Tensors.scope()) {
                Generator gen = new Generator(0);
                Tensor a = Tensor.randn(gen, new int[] {n, n}, DType.FLOAT32, device);
                Tensor b = Tensor.randn(gen, new int[] {n, n}, DType.FLOAT32, device);
                Timing t = time(() -> a.matmul(b).close(), 20, 5);
                report("sgemm_" + full, t, "tflops", 2.0 * n * n * n / t.median() / 1e12);
            }
        }
    }

    /** Bandwidth over 64M floats, counting the bytes each call must move as the anchor does. */
    void eltwise() {
        int n = size(64 * 1024 * 1024, 4096);
        try (Scope ignored = Tensors.scope()) {
            Generator gen = new Generator(0);
            Tensor a = Tensor.randn(gen, new int[] {n}, DType.FLOAT32, device);
            Tensor b = Tensor.randn(gen, new int[] {n}, DType.FLOAT32, device);
            Tensor c = Tensor.randn(gen, new int[] {n}, DType.FLOAT32, device);
            Timing t = time(() -> {
                try (Tensor ab = a.mul(b)) {
                    ab.add(c).close();
                }
            }, 20, 5);
            report("eltwise_mul_add_64M", t, "gbps", 5.0 * 4 * n / t.median() / 1e9, "note",
                    "2 kernels, 5 tensor passes");
            t = time(() -> a.tanh().close(), 20, 5);
            report("tanh_64M", t, "gbps", 2.0 * 4 * n / t.median() / 1e9);
            t = time(() -> a.clone().close(), 20, 5);
            report("copy_64M", t, "gbps", 2.0 * 4 * n / t.median() / 1e9);
            t = time(() -> a.sum().close(), 20, 5);
            report("sum_64M", t, "gbps", 4.0 * n / t.median() / 1e9);
        }
    }

    /** Softmax along rows of 32768: read once, written once. */
    void softmax() {
        int rows = size(4096, 64), cols = size(32768, 512);
        try (Scope ignored = Tensors.scope()) {
            Tensor x = Tensor.randn(new Generator(0), new int[] {rows, cols}, DType.FLOAT32, device);
            Timing t = time(() -> x.softmax(1).close(), 20, 5);
            report("softmax_4096x32768", t, "gbps", 2.0 * 4 * rows * cols / t.median() / 1e9);
        }
    }

    /** 16-element tensors: the per-op cost of the API, the engine and a launch, forward then with backward. */
    void tiny() {
        int ops = size(1000, 10);
        Tensor s = Tensor.randn(new Generator(0), new int[] {16}, DType.FLOAT32, device);
        Timing t = time(() -> {
            try (Scope ignored = Tensors.scope()) {
                Tensor y = s;
                for (int i = 0; i < ops; i++) {
                    y = y.mul(1.0001).add(0.0001);
                }
            }
        }, 10, 5);
        report("tiny_op_overhead", t, "us_per_op", t.median() / (2.0 * ops) * 1e6);
        Tensor w = Tensor.randn(new Generator(1), new int[] {16}, DType.FLOAT32, device).requiresGrad(true);
        t = time(() -> {
            try (Scope ignored = Tensors.scope()) {
                Tensor y = w;
                for (int i = 0; i < ops; i++) {
                    y = y.mul(1.0001).add(0.0001).tanh();
                }
                y.sum().backward();
            }
        }, 10, 5);
        report("tiny_graph_fwd_bwd_3000ops", t, "us_per_op", t.median() / (3.0 * ops) * 1e6);
        s.close();
        w.close();
    }

    /** One SGD step (lr 0.01, gradients zeroed in place) of Linear/ReLU layers with cross-entropy, nn.Linear's init. */
    void mlp() {
        mlpStep("mlp_small_b256", new int[] {784, 1024, 1024, 10}, 256);
        mlpStep("mlp_large_b4096", new int[] {1024, 4096, 4096, 4096, 1024}, 4096);
    }

    private void mlpStep(String name, int[] fullSizes, int fullBatch) {
        int[] sizes = quick ? Arrays.stream(fullSizes).map(s -> Math.max(2, s / 64)).toArray() : fullSizes;
        int batch = size(fullBatch, 8);
        Generator gen = new Generator(0);
        List<Tensor> params = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            double bound = 1 / Math.sqrt(sizes[i]);
            params.add(Tensor.rand(gen, new int[] {sizes[i + 1], sizes[i]}, DType.FLOAT32, device).mul(2 * bound)
                    .sub(bound).detach().requiresGrad(true));
            params.add(Tensor.rand(gen, new int[] {sizes[i + 1]}, DType.FLOAT32, device).mul(2 * bound).sub(bound)
                    .detach().requiresGrad(true));
        }
        Tensor x = Tensor.randn(gen, new int[] {batch, sizes[0]}, DType.FLOAT32, device);
        Tensor y = Tensor.randint(gen, 0, sizes[sizes.length - 1], new int[] {batch}, DType.INT64, device);
        Runnable step = () -> {
            try (Scope ignored = Tensors.scope()) {
                for (Tensor p : params) {
                    if (p.grad() != null) {
                        p.grad().zero_(); // zero_grad(set_to_none=False)
                    }
                }
                Tensor h = x;
                for (int i = 0; i < params.size(); i += 2) {
                    h = Functional.linear(h, params.get(i), params.get(i + 1));
                    if (i + 2 < params.size()) {
                        h = h.relu();
                    }
                }
                Functional.crossEntropy(h, y).backward();
                try (GradMode.Guard g = GradMode.noGrad()) {
                    for (Tensor p : params) {
                        p.add_(p.grad(), -0.01);
                    }
                }
            }
        };
        Timing t = time(step, 30, 5);
        double flops = 0;
        for (int i = 0; i + 1 < sizes.length; i++) {
            flops += 6.0 * batch * sizes[i] * sizes[i + 1];
        }
        report(name, t, "tflops", flops / t.median() / 1e12);
        params.forEach(p -> {
            p.grad().close();
            p.close();
        });
        x.close();
        y.close();
    }

    /** {@code ((X @ W1 @ W2)^2).sum()} forward and backward: five n^3 products. */
    void chain() {
        int n = size(4096, 64);
        try (Scope ignored = Tensors.scope()) {
            Generator gen = new Generator(0);
            Tensor x = Tensor.randn(gen, new int[] {n, n}, DType.FLOAT32, device);
            Tensor w1 = Tensor.randn(gen, new int[] {n, n}, DType.FLOAT32, device).requiresGrad(true);
            Tensor w2 = Tensor.randn(gen, new int[] {n, n}, DType.FLOAT32, device).requiresGrad(true);
            Timing t = time(() -> {
                for (Tensor w : new Tensor[] {w1, w2}) {
                    if (w.grad() != null) {
                        w.grad().close(); // W.grad = None, and its memory back at once
                        w.setGrad(null);
                    }
                }
                try (Scope step = Tensors.scope()) {
                    x.matmul(w1).matmul(w2).square().sum().backward();
                }
            }, 20, 5);
            report("matmul_chain_bwd_4096", t, "tflops", 6.0 * 2 * n * n * n / t.median() / 1e12);
        }
    }

    void run(String workload) {
        switch (workload) {
            case "sgemm" -> sgemm();
            case "eltwise" -> eltwise();
            case "softmax" -> softmax();
            case "tiny" -> tiny();
            case "mlp" -> mlp();
            case "chain" -> chain();
            default -> throw new IllegalArgumentException("unknown workload '" + workload + "'; expected one of "
                    + ALL);
        }
    }

    public static void main(String[] args) throws IOException {
        Device device = Device.cuda(0);
        List<String> workloads = ALL;
        String outFile = null;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--device" -> device = Device.of(args[++i]);
                case "--workloads" -> workloads = List.of(args[++i].split(","));
                case "--out" -> outFile = args[++i];
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!Backends.isAvailable(device.type())) {
            System.err.println("GpuBench: " + device + " is not available: " + Backends.availability(device.type()));
            System.exit(2);
        }
        PrintStream file = outFile == null ? null
                : new PrintStream(Files.newOutputStream(Path.of(outFile)), true, StandardCharsets.UTF_8);
        Consumer<String> out = line -> {
            System.out.println(line);
            if (file != null) {
                file.println(line);
            }
        };
        GpuBench bench = new GpuBench(device, quick, out);
        out.accept(String.format(Locale.ROOT, "{\"impl\": \"autograd4j\", \"backend\": \"%s\", \"java\": \"%s\"%s}",
                bench.backend, System.getProperty("java.version"), quick ? ", \"quick\": true" : ""));
        int failed = 0;
        for (String workload : workloads) {
            try {
                bench.run(workload);
            } catch (RuntimeException e) {
                // One broken workload must not hide the others' figures: say which, go on, fail at the end.
                failed++;
                out.accept(String.format(Locale.ROOT, "{\"workload\": \"%s\", \"error\": \"%s\"}", workload,
                        String.valueOf(e).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")));
                e.printStackTrace();
            }
        }
        if (file != null) {
            file.close();
        }
        if (failed > 0) {
            System.exit(1);
        }
    }
}
