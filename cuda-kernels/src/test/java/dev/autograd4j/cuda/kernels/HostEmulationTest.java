package dev.autograd4j.cuda.kernels;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the reduce, index and fused kernels on the host, without a GPU: src/test/host/kernels_test.cpp compiles the
 * .cu sources against a small emulation of CUDA (cuda_host.h: each thread a coroutine, __syncthreads and the warp
 * shuffles as barriers) and checks them against plain references. It checks the kernels' logic, not the GPU's math
 * library or speed. Skipped, saying why, where there is no g++ or the machine is not x86-64 Linux (the coroutine
 * switch is six lines of x86-64 assembly).
 */
class HostEmulationTest {
    private static final long COMPILE_MINUTES = 5;
    private static final long RUN_MINUTES = 5;

    @Test
    void theKernelsAgreeWithTheirReferences() throws IOException, InterruptedException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        Assumptions.assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")),
                "the host emulation of CUDA runs on x86-64 Linux only, not " + os + " " + arch);
        Assumptions.assumeTrue(found("g++"), "no g++ on the PATH to build the host emulation of the kernels");
        Path out = Path.of("target", "host");
        Files.createDirectories(out);
        Path binary = out.resolve("kernels_test");
        Result compile = run(COMPILE_MINUTES, "g++", "-std=c++20", "-O1", "-fwrapv", "-Wno-unknown-pragmas",
                "-I", "src/main/cuda", "src/test/host/kernels_test.cpp", "-o", binary.toString());
        assertEquals(0, compile.exit, "g++ failed:\n" + compile.output);
        Result test = run(RUN_MINUTES, binary.toString());
        assertEquals(0, test.exit, test.output);
        assertTrue(test.output.contains(" 0 failures"), test.output);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(long minutes, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        // Read while it runs, so a full pipe cannot stall it.
        byte[][] output = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                output[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = ("(could not read the output: " + e + ")").getBytes(StandardCharsets.UTF_8);
            }
        });
        reader.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            reader.join();
            return new Result(-1, String.join(" ", command) + " ran past " + minutes + " minutes");
        }
        reader.join();
        return new Result(p.exitValue(), new String(output[0], StandardCharsets.UTF_8));
    }

    private static boolean found(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
