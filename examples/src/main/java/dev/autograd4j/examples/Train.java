package dev.autograd4j.examples;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.Generator;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.data.Csv;
import dev.autograd4j.data.DataLoader;
import dev.autograd4j.data.Dataset;
import dev.autograd4j.data.Datasets;
import dev.autograd4j.data.Digits;
import dev.autograd4j.data.Mnist;
import dev.autograd4j.data.Subset;
import dev.autograd4j.data.TensorDataset;
import dev.autograd4j.io.Safetensors;
import dev.autograd4j.nn.CrossEntropyLoss;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.Module;
import dev.autograd4j.nn.Parameter;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.optim.Adam;
import dev.autograd4j.optim.AdamW;
import dev.autograd4j.optim.CosineAnnealingLR;
import dev.autograd4j.optim.LRScheduler;
import dev.autograd4j.optim.LinearLR;
import dev.autograd4j.optim.Optimizer;
import dev.autograd4j.optim.SGD;
import dev.autograd4j.optim.SequentialLR;
import dev.autograd4j.optim.StepLR;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code train}: an MLP classifier trained with minibatches, printing train and test loss and accuracy each epoch,
 * then saving the model (safetensors) and a plot of the curves (PNG) in {@code --out}. The defaults train a 64-128-10
 * MLP on the digits (a fixed 80/20 split: {@code randomSplit} with {@code Generator(0)}, 1437 / 360 images) with SGD,
 * momentum 0.9, a cosine schedule after a one-epoch warm-up, and label smoothing 0.1.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an MLP classifier (the handwritten digits by default) and save it as safetensors with a"
                + " PNG plot of its loss and accuracy.")
public final class Train implements Callable<Integer> {

    enum DatasetChoice { DIGITS, MNIST, CSV }

    enum OptimizerChoice { SGD, ADAM, ADAMW }

    enum ScheduleChoice { COSINE, STEP, CONSTANT }

    @Option(names = "--dataset", description = "digits (shipped), mnist (IDX files in --data) or csv (--data file)."
            + " Default: ${DEFAULT-VALUE}.")
    DatasetChoice dataset = DatasetChoice.DIGITS;

    @Option(names = "--data", paramLabel = "PATH", description = "For mnist: the folder with train-images-idx3-ubyte,"
            + " train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (gzipped or not). For csv:"
            + " a file of numbers with the class in the last column.")
    Path data;

    @Option(names = "--skip-rows", description = "For csv: header lines to skip. Default: ${DEFAULT-VALUE}.")
    int skipRows = 0;

    @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]",
            description = "Hidden layer sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> hidden = new ArrayList<>(List.of(128));

    @Option(names = "--epochs", description = "Default: ${DEFAULT-VALUE}.")
    int epochs = 15;

    @Option(names = "--batch-size", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize = 32;

    @Option(names = "--optimizer", description = "sgd (with --momentum), adam or adamw. Default: ${DEFAULT-VALUE}.")
    OptimizerChoice optimizer = OptimizerChoice.SGD;

    @Option(names = "--lr", description = "Peak learning rate. Default: ${DEFAULT-VALUE}.")
    double lr = 0.1;

    @Option(names = "--momentum", description = "For sgd. Default: ${DEFAULT-VALUE}.")
    double momentum = 0.9;

    @Option(names = "--weight-decay", description = "Default: ${DEFAULT-VALUE}.")
    double weightDecay = 1e-4;

    @Option(names = "--schedule", description = "cosine (to 0 over the epochs), step (x0.1 every third of them) or"
            + " constant. Default: ${DEFAULT-VALUE}.")
    ScheduleChoice schedule = ScheduleChoice.COSINE;

    @Option(names = "--warmup", description = "Epochs of linear warm-up from a tenth of the rate. Default: ${DEFAULT-VALUE}.")
    int warmup = 1;

    @Option(names = "--label-smoothing", description = "Default: ${DEFAULT-VALUE}.")
    double labelSmoothing = 0.1;

    @Option(names = "--seed", description = "Seeds initialisation and shuffling (the split is fixed). Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--device", description = "auto (CUDA when a CUDA backend can run here), cpu or cuda."
            + " Default: ${DEFAULT-VALUE}.")
    DeviceChoice device = DeviceChoice.AUTO;

    @Option(names = "--threads", description = "CPU kernel threads. Default: all cores.")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Where model.safetensors and training.png go."
            + " Default: ${DEFAULT-VALUE}.")
    Path out = Path.of("target", "train");

    @Option(names = "--progress", negatable = true, fallbackValue = "true",
            description = "Show a progress bar per epoch (default: when a console is attached).")
    Boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What a run measured, epoch by epoch (index 0: before training). */
    record History(List<Double> trainLoss, List<Double> trainAccuracy, List<Double> testLoss, List<Double> testAccuracy) {
        double finalTestAccuracy() {
            return testAccuracy.get(testAccuracy.size() - 1);
        }
    }

    /** The result of {@link #train()}: the model and its curves. */
    record Result(Module model, History history, Path modelFile, Path plotFile) {
    }

    @Override
    public Integer call() {
        train();
        return 0;
    }

    /** Runs the training and writes the files; returns what it measured. */
    Result train() {
        PrintWriter w = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
        if (threads != null) {
            Backends.setNumThreads(threads);
        }
        Device dev;
        try {
            dev = device.resolve();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Splits splits = load();
        int features = splits.features, classes = splits.classes;
        TensorDataset train = splits.train.to(dev), test = splits.test.to(dev);

        Sequential model = mlp(features, hidden, classes, new Generator(seed));
        model.to(dev);
        Optimizer<?> opt = optimizer(model.parameters());
        LRScheduler scheduler = scheduler(opt);
        CrossEntropyLoss loss = new CrossEntropyLoss().labelSmoothing(labelSmoothing);
        DataLoader loader = new DataLoader(train, batchSize, true, false, new Generator(seed + 1));

        w.printf(Locale.ROOT, "%s: %d train / %d test examples, %d features, %d classes, on %s (%d CPU threads)%n",
                splits.name, train.size(), test.size(), features, classes, dev, Backends.numThreads());
        w.println(model);
        w.printf(Locale.ROOT, "%s, peak lr %s%s, weight decay %s; %s schedule over %d epochs (%d of warm-up);"
                        + " batches of %d; label smoothing %s%n", opt.getClass().getSimpleName(), plain(lr),
                optimizer == OptimizerChoice.SGD ? ", momentum " + plain(momentum) : "", plain(weightDecay),
                schedule.name().toLowerCase(Locale.ROOT), epochs, Math.min(warmup, Math.max(epochs - 1, 0)), batchSize,
                labelSmoothing);
        w.flush();

        History history = new History(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        record(history, model, loss, train, test);
        boolean bar = progress != null ? progress : System.console() != null;
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            model.train();
            long epochStart = System.nanoTime();
            try (ProgressBar pb = bar ? progressBar(epoch, train.size()) : null) {
                Tensor running = null;
                int batches = 0;
                for (List<Tensor> batch : loader) {
                    try (Scope scope = Tensors.scope()) {
                        opt.zeroGrad();
                        Tensor l = loss.forward(model.forward(batch.get(0)), batch.get(1));
                        l.backward();
                        opt.step();
                        // Summed on the device; read only when the bar shows it (reading waits for the device).
                        Tensor sum = running == null ? l.detach().clone() : running.add(l.detach());
                        running = scope.keep(sum);
                    }
                    batches++;
                    if (pb != null) {
                        pb.stepBy(batch.get(0).size(0));
                        if (batches % 10 == 0) {
                            pb.setExtraMessage(String.format(Locale.ROOT, "  loss %.4f", running.item() / batches));
                        }
                    }
                }
            }
            scheduler.step();
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            record(history, model, loss, train, test);
            w.printf(Locale.ROOT, "epoch %3d/%d  train loss %.4f  acc %5.1f%%   test loss %.4f  acc %5.1f%%   %,.0f"
                            + " examples/s%n", epoch, epochs, last(history.trainLoss), 100 * last(history.trainAccuracy),
                    last(history.testLoss), 100 * last(history.testAccuracy), train.size() / seconds);
            w.flush();
        }
        w.printf(Locale.ROOT, "trained in %.1f s: test accuracy %.1f%% (%d of %d)%n",
                (System.nanoTime() - start) / 1e9, 100 * history.finalTestAccuracy(),
                Math.round(history.finalTestAccuracy() * test.size()), test.size());

        Path modelFile = out.resolve("model.safetensors"), plotFile = out.resolve("training.png");
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + out, e);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("architecture", features + "-" + String.join("-", hidden.stream().map(String::valueOf).toList())
                + "-" + classes + " MLP (Linear, ReLU)");
        metadata.put("dataset", splits.name);
        metadata.put("test_accuracy", String.format(Locale.ROOT, "%.4f", history.finalTestAccuracy()));
        Safetensors.save(model.stateDict(), metadata, modelFile);
        Plot.save(history, splits.name, plotFile);
        w.println("wrote " + modelFile + " and " + plotFile);
        w.flush();
        return new Result(model, history, modelFile, plotFile);
    }

    /** 0.0001 rather than 1.0E-4. */
    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private ProgressBar progressBar(int epoch, int examples) {
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        return new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                .setInitialMax(examples).setUnit(" ex", 1).showSpeed().setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100).setConsumer(new ConsoleProgressBarConsumer(err)).clearDisplayOnFinish()
                .build();
    }

    /** Loss and accuracy of the whole train and test sets, in evaluation mode and without recording a graph. */
    private static void record(History h, Module model, CrossEntropyLoss loss, TensorDataset train, TensorDataset test) {
        double[] tr = evaluate(model, loss, train), te = evaluate(model, loss, test);
        h.trainLoss.add(tr[0]);
        h.trainAccuracy.add(tr[1]);
        h.testLoss.add(te[0]);
        h.testAccuracy.add(te[1]);
    }

    /** {mean loss, accuracy} over a dataset, in batches of 1024. */
    static double[] evaluate(Module model, CrossEntropyLoss loss, TensorDataset data) {
        boolean training = model.isTraining();
        model.eval();
        double total = 0, correct = 0;
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            for (List<Tensor> batch : new DataLoader(data, 1024)) {
                Tensor logits = model.forward(batch.get(0));
                total += loss.forward(logits, batch.get(1)).item() * batch.get(1).size(0);
                correct += logits.argmax(1).eq(batch.get(1)).sum().item();
            }
        }
        model.train(training);
        return new double[] {total / data.size(), correct / data.size()};
    }

    private Optimizer<?> optimizer(List<Parameter> params) {
        return switch (optimizer) {
            case SGD -> new SGD(params, new SGD.Options().lr(lr).momentum(momentum).weightDecay(weightDecay));
            case ADAM -> new Adam(params, new Adam.Options().lr(lr).weightDecay(weightDecay));
            case ADAMW -> new AdamW(params, AdamW.defaults().lr(lr).weightDecay(weightDecay));
        };
    }

    private LRScheduler scheduler(Optimizer<?> opt) {
        int w = Math.min(warmup, Math.max(epochs - 1, 0));
        int rest = Math.max(epochs - w, 1);
        LRScheduler main = switch (schedule) {
            case COSINE -> new CosineAnnealingLR(opt, rest);
            case STEP -> new StepLR(opt, Math.max(1, rest / 3), 0.1);
            case CONSTANT -> new LRScheduler(opt, (epoch, base) -> base);
        };
        return w == 0 ? main : new SequentialLR(opt, List.of(new LinearLR(opt, 0.1, 1.0, w), main), w);
    }

    /** A train and a test set, with what the model needs to know of them. */
    record Splits(String name, TensorDataset train, TensorDataset test, int features, int classes) {
    }

    private Splits load() {
        return switch (dataset) {
            case DIGITS -> split("digits", Digits.load());
            case CSV -> split(required("csv").getFileName().toString(), Csv.classification(data, skipRows, -1));
            case MNIST -> {
                Path dir = required("mnist");
                TensorDataset train = Mnist.load(idx(dir, "train-images-idx3-ubyte"), idx(dir, "train-labels-idx1-ubyte"));
                TensorDataset test = Mnist.load(idx(dir, "t10k-images-idx3-ubyte"), idx(dir, "t10k-labels-idx1-ubyte"));
                yield new Splits("mnist", train, test, train.tensors().get(0).size(1), 10);
            }
        };
    }

    private Path required(String what) {
        if (data == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dataset " + what + " needs --data");
        }
        return data;
    }

    private static Path idx(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        return Files.exists(gz) ? gz : dir.resolve(name);
    }

    /**
     * The fixed 80/20 split: {@code randomSplit} with {@code Generator(0)} whatever {@code --seed} says, so runs
     * with other seeds are scored on the same held-out examples.
     */
    static Splits split(String name, TensorDataset all) {
        int n = all.size(), trainSize = n * 8 / 10;
        List<Subset> parts = Datasets.randomSplit(all, new int[] {trainSize, n - trainSize}, new Generator(0));
        TensorDataset train = materialise(parts.get(0)), test = materialise(parts.get(1));
        int classes = (int) all.tensors().get(1).max().item() + 1;
        return new Splits(name, train, test, all.tensors().get(0).size(1), classes);
    }

    /** A subset as tensors of its own (one gather), so batches are cut from contiguous rows. */
    private static TensorDataset materialise(Dataset subset) {
        int[] all = new int[subset.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new TensorDataset(subset.get(all).toArray(new Tensor[0]));
    }

    /** The MLP {@link #train} trains: Linear and ReLU for each hidden size, then a Linear to the classes. */
    static Sequential mlp(int features, List<Integer> hidden, int classes, Generator gen) {
        Sequential model = new Sequential();
        int width = features;
        for (int h : hidden) {
            model.add(new Linear(width, h, gen)).add(new ReLU());
            width = h;
        }
        return model.add(new Linear(width, classes, gen));
    }
}
