package dev.autograd4j.examples;

import dev.autograd4j.Backends;
import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Generator;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.nn.Embedding;
import dev.autograd4j.nn.Functional;
import dev.autograd4j.nn.GELU;
import dev.autograd4j.nn.LayerNorm;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.Module;
import dev.autograd4j.nn.Reduction;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.optim.Adam;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code transformer}: a one-block transformer (token and position embeddings, causal multi-head attention, layer
 * norm, a GELU MLP, pre-norm residuals) trained on a synthetic copy task: a random sequence of {@code --length}
 * digits, a separator, then the same digits again; the model predicts each next token, and the loss counts the
 * second half (which only attention back to the first half can predict). Prints the loss curve and the accuracy of
 * the copied tokens on fresh sequences.
 */
@Command(name = "transformer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a small transformer block (embedding, causal attention, layer norm, GELU MLP) to copy"
                + " sequences and print its loss curve.")
public final class CopyTransformer implements Callable<Integer> {
    private static final int VOCAB = 10;
    private static final int SEPARATOR = VOCAB;

    @Option(names = "--steps", description = "Training steps. Default: ${DEFAULT-VALUE}.")
    int steps = 400;

    @Option(names = "--length", description = "Digits to copy. Default: ${DEFAULT-VALUE}.")
    int length = 6;

    @Option(names = "--dim", description = "Model width. Default: ${DEFAULT-VALUE}.")
    int dim = 32;

    @Option(names = "--heads", description = "Attention heads. Default: ${DEFAULT-VALUE}.")
    int heads = 2;

    @Option(names = "--batch-size", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize = 32;

    @Option(names = "--lr", description = "Adam's learning rate. Default: ${DEFAULT-VALUE}.")
    double lr = 0.003;

    @Option(names = "--every", description = "Print the mean loss of every this many steps. Default: ${DEFAULT-VALUE}.")
    int every = 20;

    @Option(names = "--seed", description = "Seeds initialisation and the sequences. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--device", description = "auto, cpu or cuda. Default: ${DEFAULT-VALUE}.")
    DeviceChoice device = DeviceChoice.AUTO;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The loss curve (mean loss per {@code every} steps) and the accuracy of the copied tokens. */
    record Result(List<Double> curve, double copyAccuracy) {
    }

    /** A pre-norm transformer block and its embeddings and head. */
    static final class Model extends Module {
        final int heads;
        final Embedding tokens;
        final Embedding positions;
        final LayerNorm norm1;
        final Linear qkv;
        final Linear proj;
        final LayerNorm norm2;
        final Sequential mlp;
        final LayerNorm normOut;
        final Linear head;

        Model(int vocab, int maxLength, int dim, int heads, Generator gen) {
            this.heads = heads;
            tokens = registerModule("tok", new Embedding(vocab, dim, gen));
            positions = registerModule("pos", new Embedding(maxLength, dim, gen));
            norm1 = registerModule("ln1", new LayerNorm(dim));
            qkv = registerModule("qkv", new Linear(dim, 3 * dim, gen));
            proj = registerModule("proj", new Linear(dim, dim, gen));
            norm2 = registerModule("ln2", new LayerNorm(dim));
            mlp = registerModule("mlp", new Sequential(new Linear(dim, 4 * dim, gen), new GELU(),
                    new Linear(4 * dim, dim, gen)));
            normOut = registerModule("ln_f", new LayerNorm(dim));
            head = registerModule("head", new Linear(dim, vocab, gen));
        }

        /** Token ids {@code [B, T]} (int64) to next-token logits {@code [B, T, vocab]}. */
        @Override
        public Tensor forward(Tensor ids) {
            int b = ids.size(0), t = ids.size(1);
            Tensor pos = Tensor.arange(0, t, 1).to(ids.device());
            Tensor x = tokens.forward(ids).add(positions.forward(pos));
            x = x.add(attention(norm1.forward(x), b, t));
            x = x.add(mlp.forward(norm2.forward(x)));
            return head.forward(normOut.forward(x));
        }

        private Tensor attention(Tensor x, int b, int t) {
            int d = x.size(2), dh = d / heads;
            List<Tensor> parts = qkv.forward(x).split(d, 2);
            Tensor q = splitHeads(parts.get(0), b, t, dh), k = splitHeads(parts.get(1), b, t, dh);
            Tensor v = splitHeads(parts.get(2), b, t, dh);
            Tensor y = Functional.scaledDotProductAttention(q, k, v, null, 0, true, null, null);
            return proj.forward(y.transpose(1, 2).reshape(b, t, d));
        }

        private Tensor splitHeads(Tensor x, int b, int t, int dh) {
            return x.reshape(b, t, heads, dh).transpose(1, 2);
        }
    }

    @Override
    public Integer call() {
        train();
        return 0;
    }

    /** {@code n} sequences {@code digits, SEP, digits}, as int64 {@code [n, 2 length + 1]}. */
    static Tensor sequences(int n, int length, Generator gen, Device dev) {
        Tensor digits = Tensor.randint(gen, 0, VOCAB, new int[] {n, length}, DType.INT64, dev);
        Tensor sep = Tensor.full(new int[] {n, 1}, SEPARATOR, DType.INT64, dev);
        return Tensor.cat(List.of(digits, sep, digits), 1);
    }

    /** Inputs (all but the last token) and targets (the next tokens, the first half ignored). */
    static Tensor[] inputsAndTargets(Tensor seq, int length) {
        int t = seq.size(1) - 1;
        Tensor input = seq.narrow(1, 0, t);
        Tensor next = seq.narrow(1, 1, t);
        boolean[] ignored = new boolean[t];
        for (int i = 0; i < length; i++) {
            ignored[i] = true; // predicting the random digits (and the separator) is not the task
        }
        Tensor mask = Tensor.of(ignored, 1, t).to(seq.device());
        Tensor target = Tensor.where(mask, Tensor.full(new int[] {1, 1}, Functional.IGNORE_INDEX, DType.INT64,
                seq.device()), next);
        return new Tensor[] {input, target};
    }

    Result train() {
        PrintWriter out = spec.commandLine().getOut();
        Device dev = device.resolve();
        if (dim % heads != 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dim " + dim + " must be divisible by --heads "
                    + heads);
        }
        Model model = new Model(VOCAB + 1, 2 * length + 1, dim, heads, new Generator(seed));
        model.to(dev);
        Adam opt = new Adam(model.parameters(), new Adam.Options().lr(lr));
        out.printf(Locale.ROOT, "transformer: copy %d digits, width %d, %d heads, on %s (%d threads), %d steps of %d%n",
                length, dim, heads, dev, Backends.of(dev).numThreads(), steps, batchSize);
        Generator data = new Generator(seed + 1);
        List<Double> curve = new ArrayList<>();
        double sum = 0;
        long start = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            try (Scope ignored = Tensors.scope()) {
                Tensor[] io = inputsAndTargets(sequences(batchSize, length, data, dev), length);
                opt.zeroGrad();
                Tensor logits = model.forward(io[0]);
                Tensor loss = Functional.crossEntropy(logits.reshape(-1, VOCAB + 1), io[1].reshape(-1), null,
                        Reduction.MEAN, Functional.IGNORE_INDEX);
                loss.backward();
                opt.step();
                sum += loss.item();
            }
            if (step % every == 0) {
                curve.add(sum / every);
                out.printf(Locale.ROOT, "step %4d  loss %.4f%n", step, sum / every);
                sum = 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy;
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            Tensor[] io = inputsAndTargets(sequences(512, length, new Generator(seed + 2), dev), length);
            Tensor predicted = model.forward(io[0]).argmax(2);
            Tensor copied = io[1].ne(Functional.IGNORE_INDEX);
            accuracy = predicted.eq(io[1]).logicalAnd(copied).to(DType.FLOAT64).sum().item()
                    / copied.to(DType.FLOAT64).sum().item();
        }
        out.printf(Locale.ROOT, "copied-token accuracy %.1f%% on 512 fresh sequences, %.1f s%n", 100 * accuracy, seconds);
        out.flush();
        return new Result(curve, accuracy);
    }
}
