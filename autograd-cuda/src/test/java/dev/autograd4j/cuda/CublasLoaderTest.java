package dev.autograd4j.cuda;

import jcuda.JCudaVersion;
import jcuda.LibUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The ELF patch of JCublas2's native, on the real native from the jcublas-natives jar, and where it is written. */
class CublasLoaderTest {
    private static final String FILE =
            LibUtils.createLibraryFileName(LibUtils.createPlatformLibraryName("JCublas2-" + JCudaVersion.get()));
    private static byte[] stock;

    @BeforeAll
    static void readTheNative() throws IOException {
        try (InputStream in = CublasLoaderTest.class.getResourceAsStream("/lib/" + FILE)) {
            stock = in == null ? null : in.readAllBytes();
        }
    }

    private static void assumeNative() {
        assumeTrue(stock != null, "/lib/" + FILE + " is not on the class path (jcublas-natives for this platform)");
    }

    @Test
    void elfHashIsTheLinkersHash() {
        assumeNative();
        // Every version requirement the linker wrote carries the ELF hash of its name: GLIBC_2.2.5, CXXABI_1.3, ...
        List<CublasLoader.Elf.VersionNeed> needs = new CublasLoader.Elf(stock).versionNeeds();
        assertTrue(needs.size() >= 10, needs.toString());
        for (CublasLoader.Elf.VersionNeed need : needs) {
            long hash = Integer.toUnsignedLong(new CublasLoader.Elf(stock).buffer.getInt(need.hashOffset()));
            assertEquals(hash, CublasLoader.elfHash(need.name()), need.name());
        }
        assertEquals(0x09691a75L, CublasLoader.elfHash("GLIBC_2.2.5"));
        assertEquals(0, CublasLoader.elfHash(""));
    }

    @Test
    void thePatchedNativeNeedsCublas13UnderItsVersion() {
        assumeNative();
        CublasLoader.Elf before = new CublasLoader.Elf(stock);
        assertTrue(before.needed().contains("libcublas.so.12"), before.needed().toString());

        byte[] patched = CublasLoader.patchSoname(stock, "libcublas.so.12", "libcublas.so.13");
        CublasLoader.Elf after = new CublasLoader.Elf(patched);
        assertTrue(after.needed().contains("libcublas.so.13"), after.needed().toString());
        assertFalse(after.needed().contains("libcublas.so.12"));
        List<String> others = new ArrayList<>(before.needed());
        others.remove("libcublas.so.12");
        List<String> othersAfter = new ArrayList<>(after.needed());
        othersAfter.remove("libcublas.so.13");
        assertEquals(others, othersAfter, "the other needed libraries are untouched");

        CublasLoader.Elf.VersionNeed cublas = after.versionNeeds().stream()
                .filter(n -> n.file().startsWith("libcublas")).findFirst().orElseThrow();
        assertEquals("libcublas.so.13", cublas.file());
        assertEquals("libcublas.so.13", cublas.name());
        assertEquals(CublasLoader.elfHash("libcublas.so.13"),
                Integer.toUnsignedLong(after.buffer.getInt(cublas.hashOffset())));
        assertEquals(before.versionNeeds().size(), after.versionNeeds().size());

        // Nothing else changed: the last digit of the name (once per copy of the string) and the hash word.
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < stock.length; i++) {
            if (stock[i] != patched[i]) {
                changed.add(i);
            }
        }
        int hash = cublas.hashOffset();
        long digits = changed.stream().filter(i -> i < hash || i >= hash + 4).peek(i -> {
            assertEquals('2', stock[i], "byte " + i);
            assertEquals('3', patched[i], "byte " + i);
            assertEquals("libcublas.so.1", new String(stock, i - 14, 14, StandardCharsets.US_ASCII));
        }).count();
        assertTrue(digits >= 1 && changed.size() <= digits + 4, changed.toString());
        assertEquals(stock.length, patched.length);
    }

    /** binutils' reading of the patched file, where readelf is on the PATH: an independent parser. */
    @Test
    void readelfReadsThePatchedNativeAlike(@TempDir Path dir) throws Exception {
        assumeNative();
        Optional<Path> readelf = onPath("readelf");
        assumeTrue(readelf.isPresent(), "readelf is not on the PATH");
        Path file = dir.resolve(FILE);
        Files.write(file, CublasLoader.patchSoname(stock, "libcublas.so.12", "libcublas.so.13"));
        Process p = new ProcessBuilder(readelf.get().toString(), "-d", "-V", file.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("Shared library: [libcublas.so.13]"), out);
        assertFalse(out.contains("libcublas.so.12"), out);
        String need = "(?s).*File: libcublas\\.so\\.13\\s+Cnt: 1\\s+0x[0-9a-f]+:\\s+Name: libcublas\\.so\\.13.*";
        assertTrue(out.matches(need), out);
        assertFalse(out.toLowerCase().contains("warning") || out.toLowerCase().contains("error"), out);
    }

    @Test
    void aLibraryThatDoesNotNeedTheNameIsNotPatched() {
        assumeNative();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CublasLoader.patchSoname(stock, "libcublas.so.11", "libcublas.so.13"));
        assertTrue(e.getMessage().startsWith("[cuda] the library does not need libcublas.so.11"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CublasLoader.patchSoname(stock, "libcublas.so.12", "libcublas.so.1"));
        assertThrows(IllegalArgumentException.class, () -> CublasLoader.patchSoname(new byte[100], "a", "b"));
    }

    @Test
    void theRunPathIsRead() {
        assumeNative();
        assertEquals(List.of("/usr/local/cuda-12.0/lib64"), CublasLoader.runpath(stock));
        assertEquals(List.of(), CublasLoader.runpath(new byte[3]));
    }

    // --------------------------------------------------------------------------------------------------------------
    // What is written where, for each set of installed libraries
    // --------------------------------------------------------------------------------------------------------------

    private static CublasLoader.Libraries installed(String... names) {
        return soname -> Arrays.asList(names).contains(soname) ? Optional.of(Path.of("/opt/cuda/lib", soname))
                : Optional.empty();
    }

    @Test
    void withOnlyCublas13APatchedCopyWaitsWhereJCudaLooks(@TempDir Path tmp) throws IOException {
        assumeNative();
        CublasLoader.Outcome o = CublasLoader.prepare(installed("libcublas.so.13"), tmp, FILE, stock);
        assertTrue(o.ok(), o.message());
        assertEquals("libcublas.so.13 at /opt/cuda/lib/libcublas.so.13 (JCublas2's native patched for it)",
                o.message());
        byte[] written = Files.readAllBytes(tmp.resolve(FILE));
        assertArrayEquals(CublasLoader.patchSoname(stock, "libcublas.so.12", "libcublas.so.13"), written);
        // A stock copy JCuda extracted in an earlier run is replaced; a patched one is kept as it is.
        Files.write(tmp.resolve(FILE), stock);
        CublasLoader.prepare(installed("libcublas.so.13"), tmp, FILE, stock);
        assertArrayEquals(written, Files.readAllBytes(tmp.resolve(FILE)));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(tmp.resolve(FILE)), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void withCublas12JCudaLoadsTheStockNative(@TempDir Path tmp) throws IOException {
        assumeNative();
        CublasLoader.Outcome o =
                CublasLoader.prepare(installed("libcublas.so.12", "libcublas.so.13"), tmp, FILE, stock);
        assertTrue(o.ok(), o.message());
        assertFalse(Files.exists(tmp.resolve(FILE)), "nothing to write: JCuda extracts the stock native itself");
        // A patched copy from an earlier run (before cuBLAS 12 was installed) would break it: it is put back.
        Files.write(tmp.resolve(FILE), CublasLoader.patchSoname(stock, "libcublas.so.12", "libcublas.so.13"));
        CublasLoader.prepare(installed("libcublas.so.12"), tmp, FILE, stock);
        assertArrayEquals(stock, Files.readAllBytes(tmp.resolve(FILE)));
    }

    @Test
    void withoutCublasTheReasonSaysWhatToInstall(@TempDir Path tmp) {
        assumeNative();
        CublasLoader.Outcome o = CublasLoader.prepare(installed(), tmp, FILE, stock);
        assertFalse(o.ok());
        assertEquals("cuBLAS not found: neither libcublas.so.12 nor libcublas.so.13 is in LD_LIBRARY_PATH, the ld.so"
                + " cache or the system library folders; install cuBLAS (the CUDA toolkit, or the nvidia-cublas package)"
                + " and add its lib folder to LD_LIBRARY_PATH", o.message());
    }

    @Test
    void theLdSoCacheIsScannedForFullPaths(@TempDir Path tmp) throws IOException {
        Path lib = Files.createDirectories(tmp.resolve("cuda/lib64"));
        Files.write(lib.resolve("libcublas.so.13"), new byte[] {0x7f});
        String strings = "glibc-ld.so.cache1.1\0libcublas.so.13\0" + lib.resolve("libcublas.so.13") + "\0libc.so.6\0"
                + "/lib/x86_64-linux-gnu/libc.so.6\0/nowhere/libcublas.so.12\0";
        Path cache = tmp.resolve("ld.so.cache");
        Files.write(cache, strings.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Optional.of(lib.resolve("libcublas.so.13")),
                CublasLoader.SystemLibraries.inCache(cache, "libcublas.so.13"));
        assertEquals(Optional.empty(), CublasLoader.SystemLibraries.inCache(cache, "libcublas.so.12"),
                "the file must exist");
        assertEquals(Optional.empty(), CublasLoader.SystemLibraries.inCache(tmp.resolve("missing"), "libcublas.so.13"));
    }

    static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Arrays.stream(path.split(java.io.File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst();
    }
}
