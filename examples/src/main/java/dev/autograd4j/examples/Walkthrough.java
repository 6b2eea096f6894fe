package dev.autograd4j.examples;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.DType;
import dev.autograd4j.Generator;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The main job: first the seed documents' graph (a, b, c, f -> e = a*b, d = e + c, L = d*f) with its gradients,
 * then a 64-128-10 MLP trained with plain SGD (its learning rate decayed linearly) on the handwritten digits (fixed
 * 80/20 split), on CUDA when a CUDA backend is present and on the CPU otherwise. Options: {@code --device cpu|cuda},
 * {@code --epochs N}.
 */
public final class Walkthrough {
    /** Epochs of the main job: 30 reach 97.8% (352 of the 360 held-out digits). */
    static final int EPOCHS = 30;
    /** The learning rate of the first epoch; it decays linearly to 0 over the epochs. */
    static final double LEARNING_RATE = 1.0;

    private Walkthrough() {
    }

    public static void main(String[] args) {
        Device device = Backends.isAvailable(Device.Type.CUDA) ? Device.cuda(0) : Device.cpu();
        int epochs = EPOCHS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--device" -> device = Device.of(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --device cpu|cuda, --epochs N)");
            }
        }
        seedGraph();
        trainDigits(device, epochs);
    }

    /** micrograd's example graph, as in the README. */
    static void seedGraph() {
        Tensor a = Tensor.scalar(2.0).requiresGrad(true);
        Tensor b = Tensor.scalar(-3.0).requiresGrad(true);
        Tensor c = Tensor.scalar(10.0).requiresGrad(true);
        Tensor f = Tensor.scalar(-2.0).requiresGrad(true);
        Tensor e = a.mul(b);
        e.retainGrad();
        Tensor d = e.add(c);
        d.retainGrad();
        Tensor loss = d.mul(f);
        loss.backward();
        System.out.println("L = " + loss);
        System.out.println("dL/da = " + a.grad() + "  dL/db = " + b.grad() + "  dL/dc = " + c.grad()
                + "  dL/df = " + f.grad());
        System.out.println("dL/dd = " + d.grad() + "  dL/de = " + e.grad());
    }

    /**
     * Trains with minibatches of 64 and SGD whose learning rate falls linearly from {@link #LEARNING_RATE} towards 0,
     * {@code lr * (1 - (epoch - 1) / epochs)} for epochs 1..epochs, as
     * {@code torch.optim.lr_scheduler.LinearLR(opt, 1.0, 0.0, epochs)} stepped once per epoch does: the large
     * early steps learn fast, the small late ones settle instead of jumping around a minimum. Returns the final
     * test accuracy (with 0 epochs, that of the untrained network).
     */
    static double trainDigits(Device device, int epochs) {
        Digits all = Digits.load();
        int[] order = new int[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        shuffle(order, new Random(0));
        int trainSize = all.size() * 8 / 10;
        Digits train = all.subset(java.util.Arrays.copyOfRange(order, 0, trainSize));
        Digits test = all.subset(java.util.Arrays.copyOfRange(order, trainSize, order.length));
        System.out.printf(Locale.ROOT, "%ndigits: %d train / %d test images on %s (%d CPU threads)%n", train.size(),
                test.size(), device, Backends.numThreads());

        Generator gen = new Generator(0);
        List<Tensor> params = new ArrayList<>();
        params.addAll(linearLayer(gen, Digits.FEATURES, 128, device));
        params.addAll(linearLayer(gen, 128, Digits.CLASSES, device));
        Tensor testX = Tensor.of(test.pixels(), test.size(), Digits.FEATURES).to(device);
        Tensor testY = Tensor.of(test.labels()).to(device);

        int batch = 64;
        Random shuffler = new Random(1);
        int[] idx = new int[train.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            shuffle(idx, shuffler);
            double lr = LEARNING_RATE * (epochs - epoch + 1) / epochs;
            double total = 0;
            int batches = 0;
            for (int s = 0; s + batch <= idx.length; s += batch) {
                Digits mb = train.subset(java.util.Arrays.copyOfRange(idx, s, s + batch));
                Tensor x = Tensor.of(mb.pixels(), batch, Digits.FEATURES).to(device);
                Tensor y = Tensor.of(mb.labels()).to(device);
                Tensor loss = Functional.crossEntropy(forward(params, x), y);
                loss.backward();
                try (GradMode.Guard ignored = GradMode.noGrad()) {
                    for (Tensor p : params) {
                        p.add_(p.grad(), -lr);
                        p.setGrad(null);
                    }
                }
                total += loss.item();
                batches++;
            }
            if (epoch == 1 || epoch % 10 == 0 || epoch == epochs) {
                System.out.printf(Locale.ROOT, "epoch %3d  loss %.4f  test accuracy %.1f%%%n", epoch, total / batches,
                        100 * accuracy(params, testX, testY));
            }
        }
        System.out.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return accuracy(params, testX, testY);
    }

    private static List<Tensor> linearLayer(Generator gen, int in, int out, Device device) {
        double bound = 1 / Math.sqrt(in); // nn.Linear's default initialisation
        Tensor w = Tensor.rand(gen, new int[] {out, in}, DType.FLOAT32, device).mul(2 * bound).sub(bound);
        Tensor b = Tensor.rand(gen, new int[] {out}, DType.FLOAT32, device).mul(2 * bound).sub(bound);
        return List.of(w.requiresGrad(true), b.requiresGrad(true));
    }

    private static Tensor forward(List<Tensor> p, Tensor x) {
        Tensor h = Functional.linear(x, p.get(0), p.get(1)).relu();
        return Functional.linear(h, p.get(2), p.get(3));
    }

    private static double accuracy(List<Tensor> params, Tensor x, Tensor y) {
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor correct = forward(params, x).argmax(1, false).eq(y).sum();
            return correct.item() / y.numel();
        }
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
