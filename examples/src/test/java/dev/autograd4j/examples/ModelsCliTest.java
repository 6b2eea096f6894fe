package dev.autograd4j.examples;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code cnn} and {@code transformer} subcommands, shortened: their loss curves fall. */
class ModelsCliTest {

    private static <T> T parse(T command, String... args) {
        CommandLine cli = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.parseArgs(args);
        return command;
    }

    @Test
    void theCnnLearnsTheDigits() {
        Cnn.Result r = parse(new Cnn(), "--steps=80", "--every=20", "--device=cpu").train();
        List<Double> curve = r.curve();
        assertEquals(4, curve.size());
        // The full run (300 steps) falls from 1.67 to 0.03 and scores 97.8%; 80 steps reach about 0.13 and 95%.
        assertTrue(curve.get(3) < curve.get(0) / 3, curve.toString());
        assertTrue(r.testAccuracy() > 0.85, "accuracy " + r.testAccuracy());
    }

    @Test
    void theTransformerLearnsToCopy() {
        CopyTransformer.Result r = parse(new CopyTransformer(), "--steps=100", "--every=20", "--device=cpu").train();
        List<Double> curve = r.curve();
        // The full run (400 steps) falls from 2.36 to 0.002 and copies every token; by step 100 the loss is ~0.02.
        assertTrue(curve.get(4) < curve.get(0) / 5, curve.toString());
        assertTrue(r.copyAccuracy() > 0.9, "accuracy " + r.copyAccuracy());
    }

    @Test
    void theMainCommandListsThem() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.execute("--help");
        assertTrue(out.toString().contains("cnn") && out.toString().contains("transformer"), out.toString());
    }
}
