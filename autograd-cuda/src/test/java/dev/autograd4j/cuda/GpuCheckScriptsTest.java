package dev.autograd4j.cuda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What can be checked of the GPU check's scripts without a GPU: both parse, and {@code run.sh} stops at once with
 * exit status 2 and a message saying what is missing (the logs folder, the packed runtime, a GPU) rather than
 * failing somewhere later.
 */
class GpuCheckScriptsTest {
    private static final Path SCRIPTS = Path.of("gpu-check");

    /** Runs {@code command} in {@code dir} without OUT set; its exit status and output. */
    private static String[] run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("OUT");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script did not finish");
        return new String[] {String.valueOf(p.exitValue()), output};
    }

    private static boolean onPath(String program) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    @Test
    void theScriptsParse() throws Exception {
        assumeTrue(onPath("bash"), "no bash here");
        for (String script : List.of("pack.sh", "run.sh")) {
            String[] r = run(SCRIPTS, "bash", "-n", script);
            assertEquals("0", r[0], script + ": " + r[1]);
        }
    }

    @Test
    void runStopsAtOnceSayingWhatIsMissing(@TempDir Path tree) throws Exception {
        assumeTrue(onPath("bash"), "no bash here");
        assumeFalse(onPath("nvidia-smi"), "this machine has nvidia-smi: the no-GPU message cannot be checked here");
        // A tree shaped like the repository: the script finds .gpu/ two folders above its own.
        Path script = tree.resolve("autograd-cuda/gpu-check/run.sh");
        Files.createDirectories(script.getParent());
        Files.copy(SCRIPTS.resolve("run.sh"), script);
        String sh = script.toString();

        String[] r = run(tree, "bash", sh);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("set OUT to the folder the logs go to"), r[1]);

        r = run(tree, "env", "OUT=" + tree.resolve("out"), "bash", sh);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("run autograd-cuda/gpu-check/pack.sh first"), r[1]);

        Files.createDirectories(tree.resolve(".gpu/tests"));
        Files.createFile(tree.resolve(".gpu/jre.tgz"));
        r = run(tree, "env", "OUT=" + tree.resolve("out"), "bash", sh);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("no NVIDIA GPU here"), r[1]);
        assertTrue(Files.notExists(tree.resolve("out")), "nothing is written before the checks pass");
    }
}
