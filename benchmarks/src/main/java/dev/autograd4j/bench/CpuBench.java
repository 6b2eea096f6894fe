package dev.autograd4j.bench;

import dev.autograd4j.Backends;
import dev.autograd4j.Generator;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The CPU reference workloads: square matmul 256-2048, elementwise ops, a sum and a cumsum on 16M floats (and a sum
 * of 1M, in cache), a 10,000-op scalar graph forward+backward, the 784-1024-1024-10 MLP training step at batch 256,
 * and a matmul chain. Prints one JSON line per case. With {@code --torch PYTHON} the same workloads run in PyTorch (a
 * bundled script, in a child process with the same thread count), interleaved round by round with ours, and each
 * line carries {@code speed_vs_torch = torch time / our time} (0.4 means 40% of PyTorch's speed; 10 means ten times
 * faster).
 *
 * <pre>
 * benchmarks/run.sh --threads 2 --torch /usr/bin/python3
 * </pre>
 * Options: {@code --threads N} (default 2), {@code --workloads matmul,elementwise,scalar,mlp,chain},
 * {@code --rounds R} (default 3), {@code --torch PYTHON}, {@code --out FILE} (JSON lines, also printed).
 *
 * <p>For the workloads that multiply matrices (matmul, mlp, chain) a second PyTorch reference runs in the same
 * rounds with OpenBLAS's AVX-512 kernels ({@code OPENBLAS_CORETYPE=SkylakeX}, set for that process only): its
 * figures are {@code torch_avx512} and {@code speed_vs_torch_avx512}. Where the CPU has no AVX-512 that process
 * dies (an illegal instruction) and the reference is reported as unavailable. Every line names the JDK and whether
 * the Vector API GEMM was in use ({@code vector_api}); {@code run.sh} passes the CPU model and its measured FMA peak
 * as {@code -Dbench.cpu} and {@code -Dbench.peak} and they are printed first, as a {@code machine} line.
 */
public final class CpuBench {
    private static final List<String> ALL = List.of("matmul", "elementwise", "scalar", "mlp", "chain");

    private CpuBench() {
    }

    /** Seconds per call: minimum, median and maximum over the samples; and the seconds spent warming up first. */
    record Stats(double min, double median, double max, double warmup) {
        static Stats of(List<Double> samples, double warmup) {
            double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = s.length;
            double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
            return new Stats(s[0], median, s[n - 1], warmup);
        }
    }

    /**
     * Note [Warming up until the speed settles]: each case warms up for at least this long (and at least its number
     * of warm-up calls), here and in torch_reference.py alike, so the samples measure compiled code. That is not
     * always enough: on a 2-vCPU Zen 4 VM (JDK 17) the MLP step took 1.1-1.3 s once, then 35-44 ms, 26, 23 and
     * 21-24 ms in successive seconds, while C2, sharing the two CPUs with the step's two threads, compiled the code
     * around the kernels; timed from 1.5 s, the step measured 28-30 ms. So warming goes on, in windows of
     * {@link #WINDOW_SECONDS}, for as long as a window's mean call is more than {@link #IMPROVING} faster than the
     * last one's or the JIT compiled for more than {@link #JIT_BUSY} of the window (the JVM's own count of compile
     * time: a ramp of a few percent per window hid under the VM's noise), up to {@link #MAX_WARMUP_SECONDS}, and
     * each line reports the seconds it took ({@code ours_warmup_s}, {@code torch_warmup_s}): the speed a long
     * training loop sees, beside what reaching it cost. PyTorch's calls, with no JIT, settle within the first windows.
     */
    static final double WARMUP_SECONDS = 1.5, WINDOW_SECONDS = 0.5, IMPROVING = 0.03, JIT_BUSY = 0.02,
            MAX_WARMUP_SECONDS = 10;

    /**
     * Times {@code fn}: warm-up calls (see Note [Warming up until the speed settles]), then samples of back-to-back
     * calls lasting at least {@code minSample}.
     */
    static Stats time(Runnable fn, int warmup, int repeats, double minSample) {
        long start = System.nanoTime();
        int calls = 0;
        double previous = Double.POSITIVE_INFINITY;
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        while (true) {
            long w0 = System.nanoTime(), jit0 = jitTimed ? jit.getTotalCompilationTime() : 0;
            int n = 0;
            while (n < 3 || System.nanoTime() - w0 < WINDOW_SECONDS * 1e9) {
                fn.run();
                n++;
            }
            calls += n;
            double window = (System.nanoTime() - w0) / 1e9, mean = window / n;
            double elapsed = (System.nanoTime() - start) / 1e9;
            boolean improving = mean < previous * (1 - IMPROVING);
            boolean compiling = jitTimed && (jit.getTotalCompilationTime() - jit0) / 1e3 > JIT_BUSY * window;
            previous = mean;
            if (calls >= warmup && elapsed >= WARMUP_SECONDS && (!(improving || compiling)
                    || elapsed >= MAX_WARMUP_SECONDS)) {
                break;
            }
        }
        double warmed = (System.nanoTime() - start) / 1e9;
        long t0 = System.nanoTime();
        fn.run();
        double one = (System.nanoTime() - t0) / 1e9;
        int inner = (int) Math.max(1, Math.ceil(minSample / Math.max(one, 1e-9)));
        List<Double> samples = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long s = System.nanoTime();
            for (int i = 0; i < inner; i++) {
                fn.run();
            }
            samples.add((System.nanoTime() - s) / 1e9 / inner);
        }
        return Stats.of(samples, warmed);
    }

    /** One case of a workload: its timing and how to turn seconds into the figure that matters. */
    record Case(String name, Stats stats, String unit, double workPerCall) {
        /** GFLOP/s, GB/s, microseconds per op or milliseconds, from the median. */
        double figure(double seconds) {
            return switch (unit) {
                case "gflops" -> workPerCall / seconds / 1e9;
                case "gbps" -> workPerCall / seconds / 1e9;
                case "us_per_op" -> seconds / workPerCall * 1e6;
                default -> seconds * 1e3;
            };
        }
    }

    // --------------------------------------------------------------------------------------------------------
    // Workloads (each mirrors a function of torch_reference.py)
    // --------------------------------------------------------------------------------------------------------

    static List<Case> matmul() {
        List<Case> cases = new ArrayList<>();
        Generator gen = new Generator(0);
        for (int n : new int[] {256, 512, 1024, 2048}) {
            Tensor a = Tensor.randn(gen, n, n), b = Tensor.randn(gen, n, n), c = Tensor.zeros(n, n);
            // into an existing output, as PyTorch's reference runs torch.mm(a, b, out=c): the GEMM, not the JVM's
            // zeroing of a new 4-16 MB array (the MLP and chain workloads allocate on both sides)
            Stats s = time(() -> a.matmul(b, c), 3, 9, 0.1);
            cases.add(new Case("matmul n=" + n, s, "gflops", 2.0 * n * n * n));
        }
        return cases;
    }

    static List<Case> elementwise() {
        int n = 16 * 1024 * 1024;
        Generator gen = new Generator(0);
        Tensor a = Tensor.randn(gen, n), b = Tensor.randn(gen, n), c = Tensor.randn(gen, n), x = Tensor.randn(gen, n);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("z=a*b+c (new output)", time(() -> a.mul(b).add(c), 3, 11, 0.05), "gbps", 16.0 * n));
        cases.add(new Case("tanh (new output)", time(x::tanh, 3, 11, 0.05), "gbps", 8.0 * n));
        cases.add(new Case("exp (new output)", time(x::exp, 3, 11, 0.05), "gbps", 8.0 * n));
        cases.add(new Case("sigmoid (new output)", time(x::sigmoid, 3, 11, 0.05), "gbps", 8.0 * n));
        cases.add(new Case("relu (new output)", time(x::relu, 3, 11, 0.05), "gbps", 8.0 * n));
        cases.add(new Case("sum", time(x::sum, 3, 11, 0.05), "gbps", 4.0 * n));
        Tensor small = Tensor.randn(gen, 1024 * 1024); // 4 MB: in L2 or L3, so the loop shows, not memory
        cases.add(new Case("sum 1M (in cache)", time(small::sum, 3, 11, 0.05), "gbps", 4.0 * small.numel()));
        cases.add(new Case("clone", time(x::clone, 3, 11, 0.05), "gbps", 8.0 * n));
        Tensor rows = x.reshape(4096, 4096);
        cases.add(new Case("cumsum dim 1 [4096, 4096]", time(() -> rows.cumsum(1), 3, 11, 0.05), "gbps", 8.0 * n));
        return cases;
    }

    static final int SCALAR_OPS = 10_000, SCALAR_LEAVES = 100;

    /**
     * micrograd's workload: 100 leaves, then 10,000 ops {@code x + p}, {@code x * p}, {@code tanh(x)} in rotation,
     * {@code p} a seeded pick among the leaves and earlier tanh outputs: a deep DAG with fan-out.
     */
    static List<Case> scalar() {
        Random rng = new Random(0);
        double[] leafValues = new double[SCALAR_LEAVES];
        for (int i = 0; i < SCALAR_LEAVES; i++) {
            leafValues[i] = rng.nextDouble() * 2 - 1;
        }
        double[] picks = new double[SCALAR_OPS];
        for (int i = 0; i < SCALAR_OPS; i++) {
            picks[i] = rng.nextDouble();
        }
        Supplier<Tensor[]> leaves = () -> {
            Tensor[] out = new Tensor[SCALAR_LEAVES];
            for (int i = 0; i < SCALAR_LEAVES; i++) {
                out[i] = Tensor.scalar(leafValues[i]).requiresGrad(true);
            }
            return out;
        };
        List<Double> forward = new ArrayList<>(), total = new ArrayList<>();
        for (int r = 0; r < 40 + 15; r++) {
            Tensor[] l = leaves.get();
            long t0 = System.nanoTime();
            Tensor loss = buildScalarGraph(l, picks);
            long t1 = System.nanoTime();
            loss.backward();
            long t2 = System.nanoTime();
            if (r >= 40) {
                forward.add((t1 - t0) / 1e9);
                total.add((t2 - t0) / 1e9);
            }
        }
        return List.of(new Case("scalar graph fwd+bwd", Stats.of(total, Double.NaN), "us_per_op", SCALAR_OPS),
                new Case("scalar graph forward", Stats.of(forward, Double.NaN), "us_per_op", SCALAR_OPS));
    }

    static Tensor buildScalarGraph(Tensor[] leaves, double[] picks) {
        List<Tensor> pool = new ArrayList<>(Arrays.asList(leaves));
        Tensor x = leaves[0];
        for (int i = 0; i < picks.length; i++) {
            switch (i % 3) {
                case 0 -> x = x.add(pool.get((int) (picks[i] * pool.size())));
                case 1 -> x = x.mul(pool.get((int) (picks[i] * pool.size())));
                default -> {
                    x = x.tanh();
                    pool.add(x);
                }
            }
        }
        return x;
    }

    /** One SGD step of 784-1024-ReLU-1024-ReLU-10 with cross-entropy at batch 256 (nn.Linear's init). */
    static List<Case> mlp() {
        int batch = 256, in = 784, hidden = 1024, out = 10;
        Generator gen = new Generator(0);
        List<Tensor> params = new ArrayList<>();
        int[] sizes = {in, hidden, hidden, out};
        for (int i = 0; i < 3; i++) {
            double bound = 1 / Math.sqrt(sizes[i]);
            params.add(Tensor.rand(gen, sizes[i + 1], sizes[i]).mul(2 * bound).sub(bound).requiresGrad(true));
            params.add(Tensor.rand(gen, sizes[i + 1]).mul(2 * bound).sub(bound).requiresGrad(true));
        }
        Tensor x = Tensor.randn(gen, batch, in);
        Tensor y = Tensor.randint(gen, 0, out, batch);
        double[] losses = new double[2];
        int[] step = {0};
        Runnable sgdStep = () -> {
            for (Tensor p : params) {
                p.setGrad(null);
            }
            Tensor h = Functional.linear(x, params.get(0), params.get(1)).relu();
            h = Functional.linear(h, params.get(2), params.get(3)).relu();
            Tensor loss = Functional.crossEntropy(Functional.linear(h, params.get(4), params.get(5)), y);
            loss.backward();
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                for (Tensor p : params) {
                    p.add_(p.grad(), -0.01); // what torch.optim.SGD does
                }
            }
            losses[step[0]++ == 0 ? 0 : 1] = loss.item();
        };
        Stats s = time(sgdStep, 5, 40, 0);
        if (!(losses[1] < losses[0])) {
            throw new IllegalStateException("the MLP loss did not decrease: " + losses[0] + " -> " + losses[1]);
        }
        double fwd = 2.0 * batch * (in * hidden + hidden * hidden + hidden * out);
        return List.of(new Case("mlp step 784-1024-1024-10 b256", s, "ms", 3 * fwd - 2.0 * batch * in * hidden));
    }

    /** X[1024^2] @ W1 @ W2, loss = sum(o^2), backward: five 1024^3 matmuls. */
    static List<Case> chain() {
        int n = 1024;
        Generator gen = new Generator(0);
        Tensor x = Tensor.randn(gen, n, n);
        Tensor w1 = Tensor.randn(gen, n, n).div(Math.sqrt(n)).requiresGrad(true);
        Tensor w2 = Tensor.randn(gen, n, n).div(Math.sqrt(n)).requiresGrad(true);
        Stats s = time(() -> {
            w1.setGrad(null);
            w2.setGrad(null);
            Tensor o = x.matmul(w1).matmul(w2);
            o.mul(o).sum().backward();
        }, 3, 15, 0);
        return List.of(new Case("matmul chain n=1024 fwd+bwd", s, "ms", 5 * 2.0 * n * n * n));
    }

    static List<Case> run(String workload) {
        return switch (workload) {
            case "matmul" -> matmul();
            case "elementwise" -> elementwise();
            case "scalar" -> scalar();
            case "mlp" -> mlp();
            case "chain" -> chain();
            default -> throw new IllegalArgumentException("unknown workload '" + workload + "'; expected one of " + ALL);
        };
    }

    // --------------------------------------------------------------------------------------------------------
    // Child processes: each workload runs in a fresh JVM (ours) and a fresh Python (PyTorch's), so neither
    // inherits the other workloads' heap or JIT state; both print the same JSON lines.
    // --------------------------------------------------------------------------------------------------------

    static Map<String, Case> runOurs(String workload, int threads) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CpuBench.class.getName(), "--child",
                "--workloads", workload, "--threads", String.valueOf(threads)));
        return runChild(new ProcessBuilder(cmd), workload, "autograd4j");
    }

    /** The workloads whose time is mostly matrix products, where OpenBLAS's kernel choice matters. */
    private static final List<String> BLAS_WORKLOADS = List.of("matmul", "mlp", "chain");

    static Map<String, Case> runTorch(String python, Path script, String workload, int threads, String coreType) {
        ProcessBuilder pb = new ProcessBuilder(python, script.toString(), "--workload", workload, "--threads",
                String.valueOf(threads));
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        pb.environment().put("OPENBLAS_NUM_THREADS", String.valueOf(threads));
        pb.environment().put("MKL_NUM_THREADS", String.valueOf(threads));
        String blas = System.getProperty("bench.torch.ldpath", "/usr/lib/x86_64-linux-gnu/openblas-openmp");
        if (Files.isDirectory(Path.of(blas))) {
            pb.environment().put("LD_LIBRARY_PATH", blas);
        }
        if (coreType != null) {
            pb.environment().put("OPENBLAS_CORETYPE", coreType);
        }
        return runChild(pb, workload, coreType == null ? "PyTorch" : "PyTorch (OPENBLAS_CORETYPE=" + coreType + ")");
    }

    private static Map<String, Case> runChild(ProcessBuilder pb, String workload, String who) {
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, Case> out = new LinkedHashMap<>();
        try {
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("{\"case\"")) {
                        String name = jsonString(line, "case");
                        double warmup = line.contains("\"warmup_s\"") ? jsonNumber(line, "warmup_s") : Double.NaN;
                        Stats stats = new Stats(jsonNumber(line, "min_s"), jsonNumber(line, "median_s"),
                                jsonNumber(line, "max_s"), warmup);
                        boolean described = line.contains("\"unit\"");
                        out.put(name, new Case(name, stats, described ? jsonString(line, "unit") : null,
                                described ? jsonNumber(line, "work") : 0));
                    }
                }
            }
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalStateException("the " + who + " run of '" + workload + "' exited with " + rc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The child's output: one JSON line per case, as torch_reference.py prints them. */
    static void printCases(List<Case> cases) {
        for (Case c : cases) {
            String warmup = Double.isNaN(c.stats().warmup()) ? ""
                    : String.format(Locale.ROOT, " \"warmup_s\": %.3g,", c.stats().warmup());
            System.out.printf(Locale.ROOT, "{\"case\": \"%s\", \"min_s\": %.9g, \"median_s\": %.9g, \"max_s\": %.9g,"
                    + "%s \"unit\": \"%s\", \"work\": %.9g}%n", c.name(), c.stats().min(), c.stats().median(),
                    c.stats().max(), warmup, c.unit(), c.workPerCall());
        }
    }

    private static String jsonString(String line, String key) {
        int i = line.indexOf("\"" + key + "\": \"") + key.length() + 5;
        return line.substring(i, line.indexOf('"', i));
    }

    private static double jsonNumber(String line, String key) {
        int i = line.indexOf("\"" + key + "\": ") + key.length() + 4;
        int j = i;
        while (j < line.length() && "0123456789.eE+-".indexOf(line.charAt(j)) >= 0) {
            j++;
        }
        return Double.parseDouble(line.substring(i, j));
    }

    private static Path extractScript() throws IOException {
        Path script = Files.createTempFile("torch_reference", ".py");
        script.toFile().deleteOnExit();
        try (InputStream in = CpuBench.class.getResourceAsStream("torch_reference.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    /** The median of a case's warm-ups, where every round reported one: Note [Warming up until the speed settles]. */
    private static void appendWarmup(StringBuilder json, String key, List<Double> warmups) {
        if (warmups != null && warmups.stream().noneMatch(w -> Double.isNaN(w))) {
            json.append(String.format(Locale.ROOT, ", \"%s\": %.2f", key, median(warmups)));
        }
    }

    private static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    public static void main(String[] args) throws IOException {
        int threads = 2, rounds = 3;
        List<String> workloads = ALL;
        String python = null;
        String outFile = null;
        boolean child = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--workloads" -> workloads = List.of(args[++i].split(","));
                case "--torch" -> python = args[++i];
                case "--out" -> outFile = args[++i];
                case "--child" -> child = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (child) {
            Backends.setNumThreads(threads);
            for (String workload : workloads) {
                printCases(run(workload));
            }
            return;
        }
        Path script = python == null ? null : extractScript();
        PrintStream file = outFile == null ? null : new PrintStream(Files.newOutputStream(Path.of(outFile)), true,
                StandardCharsets.UTF_8);
        String jdk = System.getProperty("java.version");
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        System.err.printf(Locale.ROOT, "autograd4j CPU benchmark: %d threads, %d rounds, java %s, torch %s%n", threads,
                rounds, jdk, python == null ? "not compared" : python);
        String jvmOptions = String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean()
                .getInputArguments().stream().filter(a -> !a.startsWith("-Dbench.")).toList());
        String machine = String.format(Locale.ROOT, "{\"machine\": \"%s\", \"fma_peak_f32_gflops\": \"%s\", "
                        + "\"threads\": %d, \"java\": \"%s\", \"vector_api\": %b, \"jvm_options\": \"%s\"}",
                System.getProperty("bench.cpu", "unknown").replace("\"", "'"),
                System.getProperty("bench.peak", "not measured").replace("\"", "'"), threads, jdk, vector,
                jvmOptions.replace("\"", "'"));
        System.out.println(machine);
        if (file != null) {
            file.println(machine);
        }
        boolean avx512Torch = script != null; // until a SkylakeX run fails on a CPU without AVX-512
        for (String workload : workloads) {
            Map<String, List<Double>> ours = new LinkedHashMap<>(), theirs = new LinkedHashMap<>();
            Map<String, List<Double>> theirs512 = new LinkedHashMap<>();
            Map<String, List<Double>> ourWarmups = new LinkedHashMap<>(), theirWarmups = new LinkedHashMap<>();
            Map<String, Case> described = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                runOurs(workload, threads).forEach((name, c) -> {
                    ours.computeIfAbsent(name, k -> new ArrayList<>()).add(c.stats().median());
                    ourWarmups.computeIfAbsent(name, k -> new ArrayList<>()).add(c.stats().warmup());
                    described.put(name, c);
                });
                if (script != null) {
                    runTorch(python, script, workload, threads, null).forEach((name, c) -> {
                        theirs.computeIfAbsent(name, k -> new ArrayList<>()).add(c.stats().median());
                        theirWarmups.computeIfAbsent(name, k -> new ArrayList<>()).add(c.stats().warmup());
                    });
                }
                if (avx512Torch && BLAS_WORKLOADS.contains(workload)) {
                    try {
                        runTorch(python, script, workload, threads, "SkylakeX").forEach((name, c) ->
                                theirs512.computeIfAbsent(name, k -> new ArrayList<>()).add(c.stats().median()));
                    } catch (IllegalStateException e) {
                        System.err.println("PyTorch with OPENBLAS_CORETYPE=SkylakeX is unavailable here ("
                                + e.getMessage() + "; no AVX-512?): its reference is left out");
                        avx512Torch = false;
                        theirs512.clear();
                    }
                }
            }
            for (String name : ours.keySet()) {
                Case c = described.get(name);
                double ourMedian = median(ours.get(name));
                StringBuilder json = new StringBuilder();
                json.append(String.format(Locale.ROOT, "{\"workload\": \"%s\", \"case\": \"%s\", \"threads\": %d, "
                                + "\"rounds\": %d, \"java\": \"%s\", \"vector_api\": %b, \"unit\": \"%s\", "
                                + "\"ours\": %.4g, \"ours_median_s\": %.6g", workload, name, threads, rounds, jdk, vector, c.unit(),
                        c.figure(ourMedian), ourMedian));
                List<Double> ref = theirs.get(name);
                if (ref != null) {
                    double torchMedian = median(ref);
                    json.append(String.format(Locale.ROOT, ", \"torch\": %.4g, \"torch_median_s\": %.6g, "
                            + "\"speed_vs_torch\": %.3f", c.figure(torchMedian), torchMedian, torchMedian / ourMedian));
                }
                List<Double> ref512 = theirs512.get(name);
                if (ref512 != null && ref512.size() == rounds) {
                    double m512 = median(ref512);
                    json.append(String.format(Locale.ROOT, ", \"torch_avx512\": %.4g, \"torch_avx512_median_s\": %.6g, "
                            + "\"speed_vs_torch_avx512\": %.3f", c.figure(m512), m512, m512 / ourMedian));
                }
                appendWarmup(json, "ours_warmup_s", ourWarmups.get(name));
                appendWarmup(json, "torch_warmup_s", theirWarmups.get(name));
                json.append('}');
                System.out.println(json);
                if (file != null) {
                    file.println(json);
                }
            }
        }
        if (file != null) {
            file.close();
        }
    }
}
