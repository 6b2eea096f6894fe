package dev.autograd4j.examples;

import dev.autograd4j.Backends;
import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.data.Digits;
import dev.autograd4j.nn.CrossEntropyLoss;
import dev.autograd4j.nn.Functional;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.verify.Report;
import dev.autograd4j.verify.Verify;
import dev.autograd4j.verify.Verify.Config;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * {@code verify}: runs the built-in models forward and backward in two configurations (device and dtype) and prints
 * {@link Verify}'s report for each, node by node with the line of this file that ran each op; exits with 1 when
 * one of them diverges beyond the tolerance, so a CI job can run it. The models: the digits MLP of {@code train}
 * (64-128-10, a batch of 64 images, cross-entropy), a pre-norm transformer block without convolutions (two-head
 * causal self-attention with an additive mask, layer norm, a GELU MLP, a next-token cross-entropy), and a deep
 * chain of {@code tanh(W h)} whose gain above 1 amplifies rounding differences layer by layer.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare the built-in models' values and gradients in two configurations (device:dtype) node by"
                + " node; print where they first diverge; exit 1 on a divergence.")
public final class VerifyCommand implements Callable<Integer> {

    enum ModelChoice { MLP, TRANSFORMER, TANH_CHAIN, ALL }

    @Option(names = "--reference", paramLabel = "DEVICE:DTYPE", description = "The configuration trusted more."
            + " Default: ${DEFAULT-VALUE}.")
    String reference = "cpu:float64";

    @Option(names = "--candidate", paramLabel = "DEVICE:DTYPE", description = "The configuration under test."
            + " Default: cuda:float32 where a CUDA backend can run here, else cpu:float32.")
    String candidate;

    @Option(names = "--model", description = "mlp, transformer, tanh_chain or all. Default: ${DEFAULT-VALUE}.")
    ModelChoice model = ModelChoice.ALL;

    @Option(names = "--depth", description = "Layers of the tanh chain. Default: ${DEFAULT-VALUE}.")
    int depth = 16;

    @Option(names = "--gain", description = "Gain of the tanh chain's weights (above 1 amplifies errors)."
            + " Default: ${DEFAULT-VALUE}.")
    double gain = 2.0;

    @Option(names = "--rtol", description = "Relative tolerance (default: from the dtypes, 1e-4 with float32).")
    Double rtol;

    @Option(names = "--atol", description = "Absolute tolerance (default: from the dtypes, 1e-6 with float32).")
    Double atol;

    @Option(names = "--seed", description = "Seeds the models' weights. Default: ${DEFAULT-VALUE}.")
    long seed = 0;

    @Option(names = "--dot", paramLabel = "DIR", description = "Also write each candidate graph as DOT, the first"
            + " diverging node in red, to DIR/verify-MODEL.dot.")
    Path dot;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One built-in model's comparison. */
    record Outcome(String model, Report report) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Outcome> outcomes = run();
        boolean diverged = false;
        for (Outcome o : outcomes) {
            out.println("== " + o.model);
            out.print(o.report);
            out.println();
            diverged |= o.report.diverged();
            if (dot != null) {
                Files.createDirectories(dot);
                Path file = dot.resolve("verify-" + o.model + ".dot");
                Files.writeString(file, o.report.toDot(), StandardCharsets.UTF_8);
                out.println("wrote " + file);
            }
        }
        out.println(diverged ? "DIVERGED" : "OK: every model agrees within the tolerance");
        out.flush();
        return diverged ? 1 : 0;
    }

    /** Runs the chosen models in the two configurations. */
    List<Outcome> run() {
        Config ref = Config.of(reference);
        Config cand = candidate != null ? Config.of(candidate)
                : new Config(Backends.isAvailable(Device.Type.CUDA) ? Device.cuda(0) : Device.cpu(), DType.FLOAT32);
        for (Config c : List.of(ref, cand)) {
            if (c.device().isCuda() && !Backends.isAvailable(Device.Type.CUDA)) {
                throw new CommandLine.ParameterException(spec.commandLine(), c + ": "
                        + Backends.availability(Device.Type.CUDA));
            }
        }
        Verify.Tolerance defaults = Verify.Tolerance.of(ref.dtype(), cand.dtype());
        Verify.Tolerance tol = new Verify.Tolerance(rtol != null ? rtol : defaults.rtol(),
                atol != null ? atol : defaults.atol());
        List<Outcome> outcomes = new ArrayList<>();
        if (model == ModelChoice.MLP || model == ModelChoice.ALL) {
            outcomes.add(new Outcome("mlp", mlp(ref, cand, tol)));
        }
        if (model == ModelChoice.TRANSFORMER || model == ModelChoice.ALL) {
            outcomes.add(new Outcome("transformer", Verify.compare(VerifyCommand::transformerLoss,
                    transformerInputs(seed), ref, cand, tol)));
        }
        if (model == ModelChoice.TANH_CHAIN || model == ModelChoice.ALL) {
            outcomes.add(new Outcome("tanh_chain", Verify.compare(VerifyCommand::tanhChain,
                    tanhChainInputs(seed, depth, gain), ref, cand, tol)));
        }
        return outcomes;
    }

    /** The digits MLP of {@code train} on its first 64 images. */
    private Report mlp(Config ref, Config cand, Verify.Tolerance tol) {
        Sequential mlp = Train.mlp(Digits.FEATURES, List.of(128), Digits.CLASSES, new Generator(seed));
        List<Tensor> batch = Digits.load().get(IntStream.range(0, 64).toArray());
        CrossEntropyLoss ce = new CrossEntropyLoss();
        return Verify.compare(mlp, in -> ce.forward(mlp.forward(in.get(0)), in.get(1)), batch, ref, cand, tol);
    }

    static final int T = 8, D = 16, HEADS = 2, VOCAB = 11;

    /**
     * The inputs of {@link #transformerLoss} by name: token embeddings {@code x [T, D]}, next-token targets, the
     * causal mask, then the weights (normal with variance 1/fan-in, seeded; layer norms start at 1 and 0).
     */
    static Map<String, Tensor> transformerInputs(long seed) {
        Generator gen = new Generator(seed + 100);
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("x", Tensor.randn(gen, new int[] {T, D}, DType.FLOAT64, Device.cpu()));
        long[] targets = new long[T];
        for (int t = 0; t < T; t++) {
            targets[t] = (3L * t + 1) % VOCAB;
        }
        in.put("targets", Tensor.of(targets, T));
        double[] mask = new double[T * T];
        for (int i = 0; i < T; i++) {
            for (int j = i + 1; j < T; j++) {
                mask[i * T + j] = -1e9; // added before the softmax: a query never sees a later key
            }
        }
        in.put("mask", Tensor.of(mask, T, T));
        in.put("ln1.weight", Tensor.ones(new int[] {D}, DType.FLOAT64));
        in.put("ln1.bias", Tensor.zeros(new int[] {D}, DType.FLOAT64));
        for (String w : List.of("wq", "wk", "wv", "wo")) {
            in.put(w, normal(gen, D, D));
        }
        in.put("ln2.weight", Tensor.ones(new int[] {D}, DType.FLOAT64));
        in.put("ln2.bias", Tensor.zeros(new int[] {D}, DType.FLOAT64));
        in.put("mlp.w1", normal(gen, 4 * D, D));
        in.put("mlp.b1", Tensor.zeros(new int[] {4 * D}, DType.FLOAT64));
        in.put("mlp.w2", normal(gen, D, 4 * D));
        in.put("mlp.b2", Tensor.zeros(new int[] {D}, DType.FLOAT64));
        in.put("head", normal(gen, VOCAB, D));
        for (Map.Entry<String, Tensor> e : in.entrySet()) {
            if (!List.of("x", "targets", "mask").contains(e.getKey())) {
                e.getValue().requiresGrad(true);
            }
        }
        return in;
    }

    private static Tensor normal(Generator gen, int rows, int cols) {
        return Tensor.randn(gen, new int[] {rows, cols}, DType.FLOAT64, Device.cpu()).mul(1 / Math.sqrt(cols));
    }

    /**
     * A pre-norm transformer block: {@code x + attention(ln1(x))}, then {@code + mlp(ln2(.))}, then a linear head
     * and cross-entropy against the next tokens.
     */
    static Tensor transformerLoss(Map<String, Tensor> in) {
        Tensor x = in.get("x");
        int dh = D / HEADS;
        Tensor h = Functional.layerNorm(x, new int[] {D}, in.get("ln1.weight"), in.get("ln1.bias"));
        Tensor q = Functional.linear(h, in.get("wq"), null).reshape(T, HEADS, dh).transpose(0, 1);
        Tensor k = Functional.linear(h, in.get("wk"), null).reshape(T, HEADS, dh).transpose(0, 1);
        Tensor v = Functional.linear(h, in.get("wv"), null).reshape(T, HEADS, dh).transpose(0, 1);
        Tensor scores = q.matmul(k.transpose(1, 2)).mul(1 / Math.sqrt(dh)).add(in.get("mask"));
        Tensor attended = scores.softmax(-1).matmul(v).transpose(0, 1).reshape(T, D);
        Tensor x1 = x.add(Functional.linear(attended, in.get("wo"), null));
        Tensor m = Functional.layerNorm(x1, new int[] {D}, in.get("ln2.weight"), in.get("ln2.bias"));
        Tensor hidden = Functional.gelu(Functional.linear(m, in.get("mlp.w1"), in.get("mlp.b1")));
        Tensor x2 = x1.add(Functional.linear(hidden, in.get("mlp.w2"), in.get("mlp.b2")));
        return Functional.crossEntropy(Functional.linear(x2, in.get("head"), null), in.get("targets"));
    }

    /** The start vector {@code [width, 1]}, then {@code depth} weights {@code gain * N(0, 1/width)}. */
    static List<Tensor> tanhChainInputs(long seed, int depth, double gain) {
        int width = 32;
        Generator gen = new Generator(seed + 200);
        List<Tensor> in = new ArrayList<>();
        in.add(Tensor.randn(gen, new int[] {width, 1}, DType.FLOAT64, Device.cpu()));
        for (int k = 0; k < depth; k++) {
            in.add(Tensor.randn(gen, new int[] {width, width}, DType.FLOAT64, Device.cpu())
                    .mul(gain / Math.sqrt(width)).requiresGrad(true));
        }
        return in;
    }

    /** {@code h = tanh(W_k h)} for every weight, then the sum. */
    static Tensor tanhChain(List<Tensor> in) {
        Tensor h = in.get(0);
        for (int k = 1; k < in.size(); k++) {
            h = in.get(k).matmul(h).tanh();
        }
        return h.sum();
    }
}
