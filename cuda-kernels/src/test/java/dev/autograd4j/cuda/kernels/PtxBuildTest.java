package dev.autograd4j.cuda.kernels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped PTX: fresh (regenerated from the sources by build-ptx.sh it is byte for byte the committed file),
 * assembling for every GPU generation we support, and loadable by CUDA 12 drivers (.version at most 8.0). The tests
 * that need nvcc or ptxas skip, saying so, where the tool is not on the PATH.
 */
class PtxBuildTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final Path SCRIPT = MODULE.resolve("build-ptx.sh");
    private static final Path SOURCES = MODULE.resolve("src/main/cuda");
    private static final Path SHIPPED = MODULE.resolve("src/main/resources/dev/autograd4j/cuda/kernels");
    private static final List<String> ARCHS = List.of("sm_75", "sm_80", "sm_90");
    /** What CUDA 12.0 drivers load; nvcc 13 writes 9.0. */
    private static final int MAX_ISA = 80;
    private static final Pattern VERSION = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)$");
    private static final Pattern NOTE = Pattern.compile(
            "(?m)^// autograd4j: build-ptx\\.sh compiled (\\S+)\\.cu with nvcc (.+); \\.version (\\S+) lowered to (\\S+),");

    @Test
    void committedPtxIsWhatTheSourcesGive(@TempDir Path out) throws Exception {
        assumeTrue(onPath("nvcc").isPresent(), "nvcc is not on the PATH: cannot regenerate the PTX to compare");
        assumeTrue(onPath("ptxas").isPresent(), "ptxas is not on the PATH: cannot regenerate the PTX to compare");
        run(List.of("bash", SCRIPT.toString(), "--out", out.toString()), 900);

        TreeMap<String, String> fresh = ptxFiles(out);
        TreeMap<String, String> committed = ptxFiles(SHIPPED);
        String nvcc = nvccRelease();
        for (var e : committed.entrySet()) {
            Matcher m = NOTE.matcher(e.getValue());
            if (m.find()) {
                assumeTrue(m.group(2).equals(nvcc), () -> e.getKey() + " was built by nvcc " + m.group(2)
                        + " but this machine has nvcc " + nvcc + ": PTX of two nvcc releases cannot be compared");
            }
        }
        assertEquals(committed.keySet(), fresh.keySet(),
                "stale PTX, run build-ptx.sh: the .ptx files do not match the .cu files of src/main/cuda");
        for (String name : fresh.keySet()) {
            assertTrue(fresh.get(name).equals(committed.get(name)), "stale PTX, run build-ptx.sh: " + name
                    + " is not what src/main/cuda/" + name.replace(".ptx", ".cu") + " gives now");
        }
    }

    @Test
    void everyShippedPtxAssemblesForSm75Sm80AndSm90(@TempDir Path work) throws Exception {
        assumeTrue(onPath("ptxas").isPresent(), "ptxas is not on the PATH: cannot assemble the shipped PTX");
        List<Callable<String>> jobs = new ArrayList<>();
        for (Path ptx : ptxPaths(SHIPPED)) {
            for (String arch : ARCHS) {
                Path cubin = work.resolve(ptx.getFileName() + "." + arch + ".cubin");
                jobs.add(() -> {
                    Result r = run(List.of("ptxas", "-arch=" + arch, "-o", cubin.toString(), ptx.toString()), 600, false);
                    return r.code == 0 ? null : ptx.getFileName() + " for " + arch + ": " + r.output.strip();
                });
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<String> failures = new ArrayList<>();
        try {
            for (Future<String> f : pool.invokeAll(jobs)) {
                if (f.get() != null) {
                    failures.add(f.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(failures.isEmpty(), "ptxas rejects shipped PTX:\n" + String.join("\n", failures));
    }

    @Test
    void everyShippedPtxDeclaresIsa80OrLowerAndSaysWhereItCameFrom() throws IOException {
        for (var e : ptxFiles(SHIPPED).entrySet()) {
            String name = e.getKey();
            Matcher v = VERSION.matcher(e.getValue());
            assertTrue(v.find(), name + " has no .version line");
            int isa = Integer.parseInt(v.group(1)) * 10 + Integer.parseInt(v.group(2));
            assertTrue(isa <= MAX_ISA, name + " declares .version " + v.group(1) + "." + v.group(2)
                    + ", which CUDA 12 drivers reject: run build-ptx.sh, which lowers it");
            assertFalse(v.find(), name + " has two .version lines");
            Matcher note = NOTE.matcher(e.getValue());
            assertTrue(note.find(), name + " lacks build-ptx.sh's note naming the nvcc that produced it");
            assertEquals(name.replace(".ptx", ""), note.group(1), name + " says it came from another source");
            assertTrue(Files.exists(SOURCES.resolve(note.group(1) + ".cu")), name + " has no source in src/main/cuda");
        }
    }

    /** The script on a fixture: the lowest version that assembles, the note, and no stale file left behind. */
    @Test
    void scriptLowersTheVersionRecordsNvccAndDropsOrphans(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("nvcc").isPresent(), "nvcc is not on the PATH: cannot run build-ptx.sh");
        assumeTrue(onPath("ptxas").isPresent(), "ptxas is not on the PATH: cannot run build-ptx.sh");
        Path src = Files.createDirectories(dir.resolve("src"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.copy(MODULE.resolve("src/test/cuda/fixture.cu"), src.resolve("fixture.cu"));
        Files.copy(SOURCES.resolve("ag_common.cuh"), src.resolve("ag_common.cuh"));
        Files.writeString(out.resolve("gone.ptx"), "// from a .cu that was deleted\n");

        run(List.of("bash", SCRIPT.toString(), "--src", src.toString(), "--out", out.toString()), 300);

        assertEquals(List.of("fixture.ptx"), ptxFiles(out).keySet().stream().toList(), "gone.ptx has no source");
        String ptx = Files.readString(out.resolve("fixture.ptx"));
        Matcher v = VERSION.matcher(ptx);
        assertTrue(v.find());
        // 6.3 is the first ISA version with sm_75; the fixture uses nothing newer.
        assertEquals("6.3", v.group(1) + "." + v.group(2));
        Matcher note = NOTE.matcher(ptx);
        assertTrue(note.find(), ptx.lines().limit(12).toList().toString());
        assertEquals(nvccRelease(), note.group(2));
        assertEquals("6.3", note.group(4));
        assertTrue(ptx.contains(".entry fixture_gather_f32("));
        assertFalse(ptx.contains(dir.toString()), "the PTX names a path of this machine");

        // Deterministic: a second run gives the same bytes.
        Path again = Files.createDirectories(dir.resolve("again"));
        run(List.of("bash", SCRIPT.toString(), "--src", src.toString(), "--out", again.toString()), 300);
        assertEquals(ptx, Files.readString(again.resolve("fixture.ptx")));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static TreeMap<String, String> ptxFiles(Path dir) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        for (Path p : ptxPaths(dir)) {
            files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
        }
        return files;
    }

    private static List<Path> ptxPaths(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ptx")).sorted().toList();
        }
    }

    private static String nvccRelease() throws Exception {
        Result r = run(List.of("nvcc", "--version"), 60);
        return r.output.lines().filter(l -> l.startsWith("Cuda compilation tools, ")).findFirst()
                .map(l -> l.substring("Cuda compilation tools, ".length())).orElse("unknown");
    }

    static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(java.io.File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst();
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws Exception {
        return run(command, timeoutSeconds, true);
    }

    private static Result run(List<String> command, int timeoutSeconds, boolean mustSucceed) throws Exception {
        Path log = Files.createTempFile("ptx-build", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(MODULE.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            Result r = new Result(p.exitValue(), Files.readString(log));
            if (mustSucceed && r.code != 0) {
                fail(String.join(" ", command) + " failed (exit " + r.code + "):\n" + r.output);
            }
            return r;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
