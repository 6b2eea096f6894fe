package dev.autograd4j.cuda;

import jcuda.Pointer;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PTX file of cuda-kernels, read for what the Java side checks before the driver sees it: the PTX ISA version it
 * declares (which decides the oldest driver that loads it) and the parameters of each entry, against which every
 * launch's arguments are checked, so that a wrong argument list is a clear error instead of a kernel reading
 * garbage.
 */
final class PtxModule {
    /** Where the PTX files live on the class path (the cuda-kernels jar). */
    static final String RESOURCES = "/dev/autograd4j/cuda/kernels/";

    private static final Pattern VERSION = Pattern.compile("(?m)^\\s*\\.version\\s+(\\d+)\\.(\\d+)\\s*$");
    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+([A-Za-z_$%][\\w$]*)\\s*\\(([^)]*)\\)");
    private static final Pattern ARRAY = Pattern.compile("[^\\[]*\\[(\\d+)]");

    final String name;
    /** The declared ISA version times ten: {@code .version 8.0} is 80. */
    final int isa;
    private final Map<String, List<Param>> entries;

    private PtxModule(String name, int isa, Map<String, List<Param>> entries) {
        this.name = name;
        this.isa = isa;
        this.entries = entries;
    }

    /**
     * One kernel parameter as PTX declares it: {@code .param .u32 x} is type {@code u32}, 4 bytes; a struct by
     * value ({@code .param .align 8 .b8 x[408]}) is type {@code b8}, an array of 408 bytes.
     */
    record Param(String type, int bytes, boolean array) {
        boolean isInteger() {
            return !array && (type.startsWith("u") || type.startsWith("s") || type.startsWith("b"));
        }

        @Override
        public String toString() {
            return array ? "struct of " + bytes + " bytes" : "." + type;
        }
    }

    static PtxModule parse(String name, String text) {
        Matcher v = VERSION.matcher(text);
        if (!v.find()) {
            throw new IllegalArgumentException("[cuda] the PTX module " + name + " has no .version line");
        }
        int isa = Integer.parseInt(v.group(1)) * 10 + Integer.parseInt(v.group(2));
        Map<String, List<Param>> entries = new LinkedHashMap<>();
        Matcher e = ENTRY.matcher(text);
        while (e.find()) {
            List<Param> params = new ArrayList<>();
            for (String decl : e.group(2).split(",")) {
                if (!decl.isBlank()) {
                    params.add(param(name, e.group(1), decl));
                }
            }
            entries.put(e.group(1), List.copyOf(params));
        }
        return new PtxModule(name, isa, Collections.unmodifiableMap(entries));
    }

    /** Reads {@code <module>.ptx} from the class path. */
    static String read(String module) {
        String path = RESOURCES + module + ".ptx";
        try (InputStream in = PtxModule.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("[cuda] no PTX module " + module + " on the class path (" + path
                        + "): is the cuda-kernels jar there, and does it have " + module + ".cu?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("[cuda] cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The names of the PTX modules on the class path: the {@code .ptx} files of the kernels folder, in every jar or
     * folder that has one (the cuda-kernels jar, or its build output in an IDE).
     */
    static List<String> shipped() {
        Set<String> names = new TreeSet<>();
        String folder = RESOURCES.substring(1);
        try {
            Enumeration<URL> places = PtxModule.class.getClassLoader().getResources(folder);
            while (places.hasMoreElements()) {
                URL url = places.nextElement();
                if (url.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ptx"))
                                .forEach(n -> names.add(n.substring(0, n.length() - 4)));
                    }
                } else if (url.openConnection() instanceof JarURLConnection c) {
                    c.setUseCaches(false); // a JarFile of our own, closed below
                    try (JarFile jar = c.getJarFile()) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            String n = e.nextElement().getName();
                            if (n.startsWith(folder) && n.endsWith(".ptx") && n.indexOf('/', folder.length()) < 0) {
                                names.add(n.substring(folder.length(), n.length() - 4));
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("[cuda] cannot list the PTX modules under " + RESOURCES + ": " + e, e);
        }
        return List.copyOf(names);
    }

    /** The oldest driver version ({@link #driverFor}) that loads every shipped module; 0 when none is shipped. */
    static int driverForShipped() {
        int need = 0;
        for (String module : shipped()) {
            need = Math.max(need, driverFor(parse(module, read(module)).isa));
        }
        return need;
    }

    /** The kernel names, in file order. */
    List<String> kernels() {
        return List.copyOf(entries.keySet());
    }

    /** The parameters of {@code kernel}; an error naming {@code op} when the module has no such kernel. */
    List<Param> signature(String op, String kernel) {
        List<Param> params = entries.get(kernel);
        if (params == null) {
            throw new IllegalArgumentException("[" + op + "] the PTX module " + name + " has no kernel " + kernel);
        }
        return params;
    }

    /**
     * Checks launch arguments (as {@link KernelLauncher} takes them) against the kernel's parameters: an
     * {@code Integer} for a 1- to 4-byte integer, a {@code Long} or a device {@code Pointer} (or null) for an 8-byte
     * integer, a {@code Double} for {@code .f64}, and a {@code long[]} for a struct of as many bytes.
     */
    static void check(String op, String kernel, List<Param> params, Object[] args) {
        if (params.size() != args.length) {
            throw mismatch(op, kernel, params, args, "takes " + params.size() + " parameters but was given "
                    + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            Param p = params.get(i);
            Object a = args[i];
            boolean ok;
            if (a instanceof Integer) {
                ok = p.isInteger() && p.bytes() <= 4;
            } else if (a == null || a instanceof Long || a instanceof Pointer) {
                ok = p.isInteger() && p.bytes() == 8;
            } else if (a instanceof Double) {
                ok = !p.array() && p.type().equals("f64");
            } else if (a instanceof long[] s) {
                ok = p.array() && p.bytes() == 8L * s.length;
            } else {
                throw mismatch(op, kernel, params, args, "takes no argument of type " + a.getClass().getSimpleName()
                        + " (parameter " + i + ")");
            }
            if (!ok) {
                throw mismatch(op, kernel, params, args, "parameter " + i + " is " + p + " but was given "
                        + describe(a));
            }
        }
    }

    private static IllegalArgumentException mismatch(String op, String kernel, List<Param> params, Object[] args,
                                                     String what) {
        List<String> given = new ArrayList<>();
        for (Object a : args) {
            given.add(describe(a));
        }
        return new IllegalArgumentException("[" + op + "] kernel " + kernel + " " + what + ": it takes " + params
                + ", the launch gave " + given);
    }

    private static String describe(Object a) {
        if (a == null) {
            return "null pointer";
        }
        if (a instanceof long[] s) {
            return "long[" + s.length + "]";
        }
        return a instanceof Pointer ? "Pointer" : a.getClass().getSimpleName() + " " + a;
    }

    /** {@code .param [.ptr] [.space] [.align N] .type name[N]}. */
    private static Param param(String module, String kernel, String decl) {
        String type = null;
        String last = null;
        for (String token : decl.trim().split("\\s+")) {
            if (token.equals(".param") || token.equals(".ptr") || token.equals(".global") || token.equals(".const")
                    || token.equals(".local") || token.equals(".shared") || token.equals(".align")
                    || token.matches("\\d+")) {
                continue;
            }
            if (token.startsWith(".") && type == null) {
                type = token.substring(1);
            } else {
                last = token;
            }
        }
        int size = type == null ? 0 : typeBytes(type);
        if (size == 0 || last == null) {
            throw new IllegalArgumentException("[cuda] cannot read parameter '" + decl.trim() + "' of kernel "
                    + kernel + " in the PTX module " + module);
        }
        Matcher m = ARRAY.matcher(last);
        if (m.matches()) {
            return new Param(type, size * Integer.parseInt(m.group(1)), true);
        }
        return new Param(type, size, false);
    }

    private static int typeBytes(String type) {
        return switch (type) {
            case "u8", "s8", "b8" -> 1;
            case "u16", "s16", "b16", "f16" -> 2;
            case "u32", "s32", "b32", "f32" -> 4;
            case "u64", "s64", "b64", "f64" -> 8;
            default -> 0;
        };
    }

    /**
     * The oldest CUDA version whose driver loads PTX of ISA {@code isa} (times ten), as {@code cuDriverGetVersion}
     * reports it ({@code 1000 * major + 10 * minor}); from the PTX ISA release notes. Unknown versions (newer than
     * this table) count as needing CUDA 99.
     */
    static int driverFor(int isa) {
        int major = isa / 10;
        int minor = isa % 10;
        return switch (major) {
            case 6 -> minor >= 3 ? 10000 + 10 * (minor - 3) : 9000 + 10 * minor;
            case 7 -> 11000 + 10 * minor;
            case 8 -> 12000 + 10 * (minor <= 5 ? minor : minor + 1); // 8.6 came with 12.7
            case 9 -> 13000 + 10 * minor;
            default -> major < 6 ? 9000 : 99000;
        };
    }

    /** {@code 12020} as {@code 12.2}. */
    static String cudaVersion(int driverVersion) {
        return driverVersion / 1000 + "." + driverVersion % 1000 / 10;
    }
}
