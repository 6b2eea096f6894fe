package dev.autograd4j.cuda;

import jcuda.JCudaVersion;
import jcuda.LibUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Makes JCublas2 load on CUDA 12 and CUDA 13 machines alike. JCublas2 12.6.0's native
 * ({@code libJCublas2-12.6.0-linux-x86_64.so} in the jcublas-natives jar) needs {@code libcublas.so.12}, with
 * versioned symbols ({@code cublasSgemm_v2@libcublas.so.12}); a CUDA 13 machine has {@code libcublas.so.13}, which
 * exports the same functions under the version {@code libcublas.so.13}. So where only the newer one is found, a copy
 * of the native is patched to need it: the 15-byte name in {@code .dynstr} (the needed library and the version's
 * name) becomes {@code libcublas.so.13}, and the version requirement's {@code vna_hash} in {@code .gnu.version_r}
 * the ELF hash of the new name (proven on CUDA 13: see the GPU notes).
 *
 * <p>Note [Where JCuda finds the patched copy]: JCuda's {@code LibUtils.loadLibrary}, run by JCublas2's static
 * initialiser, first tries {@code System.loadLibrary} on {@code java.library.path} (fixed at JVM start), then takes
 * the file of the library's name in {@code java.io.tmpdir}, extracting it from the jar only when it is absent. So the
 * patched copy is written there, under that name, before JCublas2 is first used; where {@code libcublas.so.12} is
 * found, a patched copy an earlier run left there is put back to the jar's bytes.
 */
final class CublasLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CublasLoader.class);
    static final String WANTED = "libcublas.so.12";
    static final String NEWER = "libcublas.so.13";

    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final long DT_NEEDED = 1;
    private static final long DT_RPATH = 15;
    private static final long DT_RUNPATH = 29;

    private static Outcome prepared;

    private CublasLoader() {
    }

    /** Whether JCublas2 can be loaded now, and what was done for it. */
    record Outcome(boolean ok, String message) {
    }

    /** Finds a shared library by its soname, as the dynamic linker would. */
    interface Libraries {
        Optional<Path> find(String soname);
    }

    /** Prepares JCublas2's native once per JVM (see the class comment); later calls return the first outcome. */
    static synchronized Outcome prepare() {
        if (prepared == null) {
            prepared = prepareNow();
        }
        return prepared;
    }

    private static Outcome prepareNow() {
        String library = LibUtils.createPlatformLibraryName("JCublas2-" + JCudaVersion.get());
        String file = LibUtils.createLibraryFileName(library);
        byte[] stock;
        try (InputStream in = CublasLoader.class.getResourceAsStream("/lib/" + file)) {
            if (in == null) {
                // Not linux-x86_64, or the natives jar is missing: JCuda's own loader reports it.
                return new Outcome(true, "no /lib/" + file + " on the class path: JCuda loads JCublas2 itself");
            }
            stock = in.readAllBytes();
        } catch (IOException e) {
            return new Outcome(false, "cannot read /lib/" + file + " from the jcublas-natives jar: " + e.getMessage());
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        return prepare(new SystemLibraries(runpath(stock)), dir, file, stock);
    }

    /**
     * Puts the native JCuda will load into {@code dir} as {@code file}: the stock one where {@code libcublas.so.12}
     * is found (only rewriting a file that differs from it), a patched copy where only {@code libcublas.so.13} is.
     */
    static Outcome prepare(Libraries libraries, Path dir, String file, byte[] stock) {
        Path target = dir.resolve(file);
        try {
            Optional<Path> wanted = libraries.find(WANTED);
            if (wanted.isPresent()) {
                if (Files.exists(target) && !Arrays.equals(Files.readAllBytes(target), stock)) {
                    write(target, stock);
                    LOG.info("cuBLAS: {} is at {}; put JCublas2's stock native back at {} (a copy patched for {} was"
                            + " there)", WANTED, wanted.get(), target, NEWER);
                }
                return new Outcome(true, WANTED + " at " + wanted.get());
            }
            Optional<Path> newer = libraries.find(NEWER);
            if (newer.isPresent()) {
                byte[] patched = patchSoname(stock, WANTED, NEWER);
                if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), patched)) {
                    write(target, patched);
                }
                LOG.info("cuBLAS: {} is missing and {} is at {}; JCublas2's native loads from {}, a copy of the one in"
                        + " the jcublas-natives jar patched to need {}", WANTED, NEWER, newer.get(), target, NEWER);
                return new Outcome(true, NEWER + " at " + newer.get() + " (JCublas2's native patched for it)");
            }
        } catch (IOException e) {
            return new Outcome(false, "cannot write JCublas2's native to " + target + ": " + e.getMessage()
                    + " (java.io.tmpdir must be writable)");
        }
        return new Outcome(false, "cuBLAS not found: neither " + WANTED + " nor " + NEWER + " is in LD_LIBRARY_PATH,"
                + " the ld.so cache or the system library folders; install cuBLAS (the CUDA toolkit, or the"
                + " nvidia-cublas package) and add its lib folder to LD_LIBRARY_PATH");
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            Files.write(tmp, bytes);
            try {
                // Atomic, so another JVM never loads half a file; one that mapped the old file keeps it.
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The ELF patch
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A copy of the shared library {@code elf} that needs {@code to} instead of {@code from} (names of equal length):
     * every string {@code from} of the dynamic string table becomes {@code to}, and the version requirements named
     * {@code from} get the ELF hash of {@code to}. An error if the library does not need {@code from}.
     */
    static byte[] patchSoname(byte[] elf, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(StandardCharsets.US_ASCII);
        if (f.length != t.length) {
            throw new IllegalArgumentException("[cuda] cannot patch " + from + " to " + to
                    + ": the names differ in length");
        }
        byte[] out = elf.clone();
        Elf e = new Elf(out);
        Elf.Section dynstr = e.dynstr();
        if (!e.needed().contains(from)) {
            throw new IllegalArgumentException("[cuda] the library does not need " + from + " (it needs " + e.needed()
                    + ")");
        }
        long fromHash = elfHash(from);
        List<Integer> hashes = new ArrayList<>(); // offsets of vna_hash words naming `from`
        for (Elf.VersionNeed need : e.versionNeeds()) {
            if (need.name().equals(from)) {
                if (Integer.toUnsignedLong(e.buffer.getInt(need.hashOffset())) != fromHash) {
                    throw new IllegalArgumentException("[cuda] the version requirement " + from
                            + " has a hash other than its ELF hash");
                }
                hashes.add(need.hashOffset());
            }
        }
        // Every string equal to `from` (the needed library and the version's name may share one, or not).
        int start = (int) dynstr.offset();
        int end = (int) (dynstr.offset() + dynstr.size());
        for (int i = start; i + f.length < end; i++) {
            if ((i == start || out[i - 1] == 0) && out[i + f.length] == 0
                    && Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, t.length);
            }
        }
        for (int offset : hashes) {
            e.buffer.putInt(offset, (int) elfHash(to));
        }
        return out;
    }

    /** The System V ELF hash of a name ({@code elf_hash} of the gABI), as {@code vna_hash} holds it. */
    static long elfHash(String name) {
        long h = 0;
        for (byte c : name.getBytes(StandardCharsets.US_ASCII)) {
            h = (h << 4) + (c & 0xff);
            long g = h & 0xf0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= ~g;
        }
        return h & 0xffffffffL;
    }

    /** The library's DT_RUNPATH (or DT_RPATH) folders, where the dynamic linker also looks for what it needs. */
    static List<String> runpath(byte[] elf) {
        try {
            return new Elf(elf).runpath();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Just enough of a 64-bit little-endian ELF shared library: its dynamic section and version requirements. */
    static final class Elf {
        final ByteBuffer buffer;
        private final List<Section> sections = new ArrayList<>();

        record Section(int type, long offset, long size, int link, int info) {
        }

        /** A version requirement: the library it is needed from, its name, and where its hash word is. */
        record VersionNeed(String file, String name, int hashOffset) {
        }

        Elf(byte[] bytes) {
            buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (bytes.length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F'
                    || bytes[4] != 2 || bytes[5] != 1) {
                throw new IllegalArgumentException("[cuda] not a 64-bit little-endian ELF file");
            }
            long shoff = buffer.getLong(0x28);
            int shentsize = Short.toUnsignedInt(buffer.getShort(0x3a));
            int shnum = Short.toUnsignedInt(buffer.getShort(0x3c));
            for (int i = 0; i < shnum; i++) {
                int h = (int) (shoff + (long) i * shentsize);
                sections.add(new Section(buffer.getInt(h + 4), buffer.getLong(h + 24), buffer.getLong(h + 32),
                        buffer.getInt(h + 40), buffer.getInt(h + 44)));
            }
        }

        private Section dynamic() {
            return sections.stream().filter(s -> s.type == SHT_DYNAMIC).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("[cuda] the ELF file has no dynamic section"));
        }

        Section dynstr() {
            return sections.get(dynamic().link);
        }

        /** The DT_NEEDED libraries. */
        List<String> needed() {
            return dynamicStrings(DT_NEEDED);
        }

        List<String> runpath() {
            List<String> dirs = new ArrayList<>();
            List<String> runpath = dynamicStrings(DT_RUNPATH);
            for (String p : runpath.isEmpty() ? dynamicStrings(DT_RPATH) : runpath) {
                dirs.addAll(Arrays.asList(p.split(":")));
            }
            return dirs;
        }

        private List<String> dynamicStrings(long tag) {
            Section d = dynamic();
            Section strings = sections.get(d.link);
            List<String> out = new ArrayList<>();
            for (long at = d.offset; at + 16 <= d.offset + d.size; at += 16) {
                long t = buffer.getLong((int) at);
                if (t == 0) {
                    break;
                }
                if (t == tag) {
                    out.add(string(strings, buffer.getLong((int) at + 8)));
                }
            }
            return out;
        }

        /** Every {@code Vernaux} of {@code .gnu.version_r}. */
        List<VersionNeed> versionNeeds() {
            List<VersionNeed> out = new ArrayList<>();
            for (Section s : sections) {
                if (s.type != SHT_GNU_VERNEED) {
                    continue;
                }
                Section strings = sections.get(s.link);
                int need = (int) s.offset;
                for (int i = 0; i < s.info; i++) {
                    int count = Short.toUnsignedInt(buffer.getShort(need + 2));
                    String file = string(strings, Integer.toUnsignedLong(buffer.getInt(need + 4)));
                    int aux = need + buffer.getInt(need + 8);
                    for (int j = 0; j < count; j++) {
                        out.add(new VersionNeed(file, string(strings, Integer.toUnsignedLong(buffer.getInt(aux + 8))),
                                aux));
                        aux += buffer.getInt(aux + 12);
                    }
                    need += buffer.getInt(need + 12);
                }
            }
            return out;
        }

        private String string(Section strings, long offset) {
            int start = (int) (strings.offset + offset);
            int end = start;
            while (buffer.get(end) != 0) {
                end++;
            }
            byte[] b = new byte[end - start];
            buffer.get(start, b);
            return new String(b, StandardCharsets.US_ASCII);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Finding libraries
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Looks where the dynamic linker looks, in its order: {@code LD_LIBRARY_PATH}, the library's run path, the
     * {@code ld.so} cache (scanned for paths ending in the name), then the system library folders.
     */
    static final class SystemLibraries implements Libraries {
        private static final List<String> SYSTEM = List.of("/lib64", "/usr/lib64", "/lib/x86_64-linux-gnu",
                "/usr/lib/x86_64-linux-gnu", "/lib", "/usr/lib");
        private final List<String> runpath;

        SystemLibraries(List<String> runpath) {
            this.runpath = runpath;
        }

        @Override
        public Optional<Path> find(String soname) {
            List<String> dirs = new ArrayList<>();
            String env = System.getenv("LD_LIBRARY_PATH");
            if (env != null) {
                dirs.addAll(Arrays.asList(env.split(":")));
            }
            dirs.addAll(runpath);
            for (String dir : dirs) {
                if (!dir.isEmpty() && !dir.contains("$") && Files.isRegularFile(Path.of(dir, soname))) {
                    return Optional.of(Path.of(dir, soname));
                }
            }
            Optional<Path> cached = inCache(Path.of("/etc/ld.so.cache"), soname);
            if (cached.isPresent()) {
                return cached;
            }
            return SYSTEM.stream().map(d -> Path.of(d, soname)).filter(Files::isRegularFile).findFirst();
        }

        /** The cache's string table holds each library's full path: the first existing one ending in the name. */
        static Optional<Path> inCache(Path cache, String soname) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(cache);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
            String suffix = "/" + soname;
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    if (i - start > suffix.length() && bytes[start] == '/') {
                        String s = new String(bytes, start, i - start, StandardCharsets.ISO_8859_1);
                        if (s.endsWith(suffix) && Files.isRegularFile(Path.of(s))) {
                            return Optional.of(Path.of(s));
                        }
                    }
                    start = i + 1;
                }
            }
            return Optional.empty();
        }
    }
}
