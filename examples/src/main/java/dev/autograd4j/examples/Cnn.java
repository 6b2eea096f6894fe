package dev.autograd4j.examples;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.Generator;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.data.DataLoader;
import dev.autograd4j.data.Digits;
import dev.autograd4j.data.TensorDataset;
import dev.autograd4j.nn.BatchNorm2d;
import dev.autograd4j.nn.Conv2d;
import dev.autograd4j.nn.Flatten;
import dev.autograd4j.nn.Functional;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.MaxPool2d;
import dev.autograd4j.nn.ReLU;
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
 * {@code cnn}: a small convolutional network on the 8x8 digits (the same fixed 80/20 split as {@code train}):
 * conv 3x3 (8 channels) - batch norm - ReLU - max pool 2 - conv 3x3 (16) - batch norm - ReLU - max pool 2 - linear,
 * trained with Adam for {@code --steps} minibatches; prints the loss curve and the held-out accuracy.
 */
@Command(name = "cnn", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a small CNN (conv, batch norm, max pool, linear) on the 8x8 digits and print its loss"
                + " curve.")
public final class Cnn implements Callable<Integer> {

    @Option(names = "--steps", description = "Training steps (minibatches). Default: ${DEFAULT-VALUE}.")
    int steps = 300;

    @Option(names = "--batch-size", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize = 32;

    @Option(names = "--lr", description = "Adam's learning rate. Default: ${DEFAULT-VALUE}.")
    double lr = 0.01;

    @Option(names = "--every", description = "Print the mean loss of every this many steps. Default: ${DEFAULT-VALUE}.")
    int every = 20;

    @Option(names = "--seed", description = "Seeds initialisation and shuffling. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--device", description = "auto, cpu or cuda. Default: ${DEFAULT-VALUE}.")
    DeviceChoice device = DeviceChoice.AUTO;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The loss curve (mean loss per {@code every} steps) and the held-out accuracy. */
    record Result(List<Double> curve, double testAccuracy) {
    }

    @Override
    public Integer call() {
        train();
        return 0;
    }

    static Sequential model(Generator gen) {
        int[] one = {1};
        return new Sequential(new Conv2d(1, 8, new int[] {3}, one, one, one, 1, true, gen), new BatchNorm2d(8),
                new ReLU(), new MaxPool2d(2), new Conv2d(8, 16, new int[] {3}, one, one, one, 1, true, gen),
                new BatchNorm2d(16), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(64, 10, gen));
    }

    Result train() {
        PrintWriter out = spec.commandLine().getOut();
        Device dev = device.resolve();
        Train.Splits splits = Train.split("digits", Digits.load());
        TensorDataset train = splits.train().to(dev), test = splits.test().to(dev);
        Sequential model = model(new Generator(seed));
        model.to(dev);
        Adam opt = new Adam(model.parameters(), new Adam.Options().lr(lr));
        out.printf(Locale.ROOT, "cnn: %s, %d train / %d test images on %s (%d threads), %d steps of %d%n",
                "conv-bn-relu-pool x2, linear", train.size(), test.size(), dev, Backends.of(dev).numThreads(), steps,
                batchSize);
        List<Double> curve = new ArrayList<>();
        Generator shuffle = new Generator(seed + 1);
        int step = 0;
        double sum = 0;
        long start = System.nanoTime();
        while (step < steps) {
            for (List<Tensor> batch : new DataLoader(train, batchSize, true, true, shuffle)) {
                if (step == steps) {
                    break;
                }
                try (Scope ignored = Tensors.scope()) {
                    opt.zeroGrad();
                    Tensor x = batch.get(0).reshape(-1, 1, 8, 8);
                    Tensor loss = Functional.crossEntropy(model.forward(x), batch.get(1));
                    loss.backward();
                    opt.step();
                    sum += loss.item();
                }
                step++;
                if (step % every == 0) {
                    curve.add(sum / every);
                    out.printf(Locale.ROOT, "step %4d  loss %.4f%n", step, sum / every);
                    sum = 0;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = accuracy(model, test);
        out.printf(Locale.ROOT, "held-out accuracy %.1f%% (%d images), %.1f s%n", 100 * accuracy, test.size(), seconds);
        out.flush();
        return new Result(curve, accuracy);
    }

    static double accuracy(Sequential model, TensorDataset test) {
        model.eval();
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            List<Tensor> all = test.tensors();
            Tensor predicted = model.forward(all.get(0).reshape(-1, 1, 8, 8)).argmax(1);
            return predicted.eq(all.get(1)).to(dev.autograd4j.DType.FLOAT64).mean().item();
        } finally {
            model.train();
        }
    }
}
