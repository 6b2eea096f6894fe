package dev.autograd4j.examples;

import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.data.Digits;
import dev.autograd4j.io.Safetensors;
import dev.autograd4j.nn.CrossEntropyLoss;
import dev.autograd4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line, run in-process. The digits are split 80/20 by {@code randomSplit} with {@code Generator(0)}
 * (1437 train, 360 test images), whatever the seed of initialisation and shuffling.
 */
class CliTest {

    /**
     * The bar a trained model must clear on the 360 held-out digits. The default run (15 epochs) reaches 98.9%
     * (356/360) on the CPU; the 5 epochs run here (the same schedule, compressed) reach 97.2-97.8% with seeds 1 to
     * 5, so 95% (342/360) leaves eight images of margin, while a model that learns a few points worse fails. An
     * untrained one scores near chance (10%).
     */
    private static final double THRESHOLD = 0.95;

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int code = cli.execute(args);
        assertEquals(0, code, out.toString());
        return out.toString();
    }

    private static Train.Result train(Path dir, String... extra) {
        Train command = new Train();
        CommandLine cli = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(new StringWriter(), true));
        String[] args = new String[extra.length + 4];
        args[0] = "--out";
        args[1] = dir.toString();
        args[2] = "--no-progress";
        args[3] = "--device=cpu";
        System.arraycopy(extra, 0, args, 4, extra.length);
        cli.parseArgs(args);
        return command.train();
    }

    @Test
    void aBadOptionValueTheLibraryRejectsIsOneLineAndExitCode2() {
        // `train --batch-size 0` and `verify --reference cpu:float16` printed the library's exception with its whole
        // stack trace (exit code 1); a bad value is a usage error: its one-line message, exit code 2.
        for (String[] args : List.of(new String[] {"train", "--batch-size", "0", "--device=cpu", "--no-progress"},
                new String[] {"verify", "--reference", "cpu:float16"})) {
            StringWriter out = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(out, true));
            assertEquals(2, cli.execute(args), out.toString());
            assertFalse(out.toString().contains("\tat "), out.toString());
        }
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        cli.execute("train", "--batch-size", "0", "--device=cpu", "--no-progress");
        assertTrue(err.toString().startsWith("[DataLoader] batch_size must be a positive integer but got 0"),
                err.toString());
    }

    @Test
    void trainingReachesNinetyFivePercentAndSavesTheModelAndThePlot(@TempDir Path dir) throws Exception {
        Train.Result result = train(dir, "--epochs", "5");
        double accuracy = result.history().finalTestAccuracy();
        assertTrue(accuracy >= THRESHOLD, "test accuracy " + accuracy);
        assertEquals(6, result.history().testAccuracy().size(), "before training, then after each of 5 epochs");

        // The saved model is the trained one: loaded into a fresh MLP, it scores the same on the same split.
        Sequential fresh = Train.mlp(64, List.of(128), 10, new Generator(99));
        fresh.loadStateDict(Safetensors.load(result.modelFile()));
        var test = Train.split("digits", Digits.load()).test();
        assertEquals(accuracy, Train.evaluate(fresh, new CrossEntropyLoss(), test)[1], 1e-9);
        assertEquals("digits", Safetensors.metadata(result.modelFile()).get("dataset"));

        byte[] png = Files.readAllBytes(result.plotFile());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG");
    }

    /** The negative control: the same check fails for the same network before any training. */
    @Test
    void anUntrainedModelFailsTheCheck(@TempDir Path dir) {
        double accuracy = train(dir, "--epochs", "0").history().finalTestAccuracy();
        assertFalse(accuracy >= THRESHOLD, "untrained test accuracy " + accuracy);
        assertTrue(accuracy < 0.2, "an untrained network is near chance, not " + accuracy);
    }

    @Test
    void otherOptimizersAndLayersTrainToo(@TempDir Path dir) {
        assertTrue(train(dir, "--epochs", "4", "--optimizer", "adam", "--lr", "0.005", "--hidden", "64,32",
                "--schedule", "step").history().finalTestAccuracy() >= 0.9);
        assertTrue(train(dir, "--epochs", "4", "--optimizer", "adamw", "--lr", "0.005", "--label-smoothing", "0")
                .history().finalTestAccuracy() >= 0.9);
    }

    @Test
    void aCsvFileTrainsLikeTheShippedData(@TempDir Path dir) throws Exception {
        // Two separable classes: label 1 when x0 + x1 > 1.
        StringBuilder csv = new StringBuilder("x0,x1,label\n");
        Generator gen = new Generator(3);
        float[] xs = Tensor.rand(gen, 200, 2).toFloatArray();
        for (int i = 0; i < 200; i++) {
            csv.append(xs[2 * i]).append(',').append(xs[2 * i + 1]).append(',')
                    .append(xs[2 * i] + xs[2 * i + 1] > 1 ? 1 : 0).append('\n');
        }
        Path file = dir.resolve("points.csv");
        Files.writeString(file, csv);
        Train.Result r = train(dir, "--dataset", "csv", "--data", file.toString(), "--skip-rows", "1", "--epochs",
                "20", "--hidden", "16");
        assertTrue(r.history().finalTestAccuracy() >= 0.9, "accuracy " + r.history().finalTestAccuracy());
    }

    /** The walkthrough prints the seed documents' numbers and draws the graphs. */
    @Test
    void theWalkthroughShowsTheSeedNumbers(@TempDir Path dir) throws Exception {
        String out = run("walkthrough", "--out", dir.toString());
        for (String expected : List.of(
                "L = d * f = tensor(-8., grad_fn=<MulBackward0>)",
                "a.grad = tensor(6.)", "b.grad = tensor(-4.)", "c.grad = tensor(-2.)", "f.grad = tensor(4.)",
                "d.grad = tensor(-2.)", "e.grad = tensor(-2.)",
                "1. MulBackward0 of L = d * f receives dL/dL = 1",
                "to d   local dL/dd = f = -2, passes 1 * -2 = -2",
                "f = 1.0469726768804155", "df/dx1 = x1.grad = 0.23283374747559749",
                "df/dx2 = x2.grad = 1.6165488003791766",
                "adds 1.5 + -0.05961284871202578 + 0.17616164909120247 = 1.6165488003791766 into x2.grad",
                "local dp/dx1 = exp(x1) = 4.4816890703380645",
                "z.backward() fails: [backward] grad can be implicitly created only for scalar outputs",
                "x.grad = tensor([5., 1., 7.]) (= y), y.grad = tensor([0., 2., 8.]) (= x)",
                "after a second y.backward(): v.grad = tensor(12.)",
                "grad_fn=<LineBackward>",
                "x.grad = d^2y/dx^2 = 6x = tensor([ 6., 12., 18.], dtype=torch.float64)")) {
            assertTrue(out.contains(expected), "missing: " + expected + "\n" + out);
        }
        String dot = Files.readString(dir.resolve("seed002.dot"));
        assertTrue(dot.contains("{ a | data 2.0000 | grad 6.0000 }"), dot);
        assertTrue(Files.exists(dir.resolve("seed000.dot")));
        if (Walkthrough.dotOnPath()) {
            assertTrue(Files.readString(dir.resolve("seed002.svg")).contains("<svg"));
            assertTrue(Files.size(dir.resolve("seed002.png")) > 0);
        }
    }

    @Test
    void helpListsTheOptions() {
        String help = run("train", "--help");
        for (String option : List.of("--dataset", "--hidden", "--epochs", "--batch-size", "--lr", "--optimizer",
                "--seed", "--device", "--out")) {
            assertTrue(help.contains(option), option + " in\n" + help);
        }
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("train", "--optimizer", "rmsprop"));
        assertTrue(err.toString().contains("rmsprop"), err.toString());
    }
}
