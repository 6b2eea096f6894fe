package dev.autograd4j.examples;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code verify} subcommand, run in-process: CPU float64 against CPU float32. */
class VerifyCommandTest {

    /** The exit code and what was printed. */
    private record Result(int code, String out) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int code = cli.execute(args);
        return new Result(code, out.toString());
    }

    @Test
    void theBuiltInModelsAgreeWithinTheToleranceAndTheCommandSucceeds() {
        Result r = run("verify", "--candidate", "cpu:float32");
        assertEquals(0, r.code, r.out);
        for (String model : new String[] {"== mlp", "== transformer", "== tanh_chain"}) {
            assertTrue(r.out.contains(model), r.out);
        }
        assertTrue(r.out.contains("verify: reference cpu:float64, candidate cpu:float32, tolerance rtol 1.00e-04 atol"
                + " 1.00e-06"), r.out);
        // Every op is named with the line of the example's code that ran it.
        assertTrue(r.out.contains("SoftmaxBackward0"), r.out);
        assertTrue(r.out.matches("(?s).*GeluBackward0 +\\[8, 64\\] .*VerifyCommand\\.transformerLoss\\(VerifyCommand"
                + "\\.java:\\d+\\).*"), r.out);
        assertTrue(r.out.contains("  0.weight "), "the MLP's parameters by name: " + r.out);
        assertTrue(r.out.contains("  ln1.weight "), "the transformer's weights by name: " + r.out);
        assertTrue(r.out.contains("no divergence: 5 nodes and 4 leaf gradients within tolerance"), r.out);
        assertTrue(r.out.endsWith("OK: every model agrees within the tolerance\n"), r.out);
    }

    /** A gain of 3 over 24 layers amplifies float32's rounding past the tolerance: exit 1, the first node named. */
    @Test
    void aDivergenceExitsWithOneAndNamesTheFirstNode(@TempDir Path dir) throws Exception {
        Result r = run("verify", "--model", "tanh_chain", "--gain", "3", "--depth", "24", "--candidate",
                "cpu:float32", "--dot", dir.toString());
        assertEquals(1, r.code, r.out);
        assertTrue(r.out.matches("(?s).*first divergence: node \\d+ TanhBackward0 \\[32, 1\\] float64/float32: value"
                + " .*VerifyCommand\\.tanhChain\\(VerifyCommand\\.java:\\d+\\).*"), r.out);
        assertTrue(r.out.endsWith("DIVERGED\n"), r.out);
        String dot = Files.readString(dir.resolve("verify-tanh_chain.dot"));
        assertTrue(dot.contains("fillcolor=red"), dot);
        // Looser tolerances make it pass.
        assertEquals(0, run("verify", "--model", "tanh_chain", "--gain", "3", "--depth", "24", "--candidate",
                "cpu:float32", "--rtol", "1e-2").code);
    }

    @Test
    void aCudaConfigurationWithoutAGpuIsAUsageErrorWithTheReason() {
        if (Backends.isAvailable(Device.Type.CUDA)) {
            return; // nothing to check where CUDA runs
        }
        Result r = run("verify", "--model", "mlp", "--candidate", "cuda:float32");
        assertEquals(2, r.code, r.out);
        assertTrue(r.out.contains("cuda:0:float32: " + Backends.availability(Device.Type.CUDA)), r.out);
    }
}
