package dev.autograd4j.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernels a shipped PTX module declares ({@code .visible .entry name(params)}), read from the cuda-kernels
 * resources, with each parameter's PTX type: {@code u32}, {@code u64}, {@code f64}, ... or {@code b8[408]} for a
 * struct passed by value.
 */
final class PtxEntries {
    private static final Pattern ENTRY = Pattern.compile("\\.visible\\s+\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile(
            "\\.param\\s+(?:\\.align\\s+\\d+\\s+)?\\.(\\w+)\\s+\\w+(?:\\[(\\d+)])?");

    private PtxEntries() {
    }

    /** Kernel name to parameter types, in declaration order, of module {@code name} (e.g. "elementwise"). */
    static Map<String, List<String>> of(String module) {
        String path = "/dev/autograd4j/cuda/kernels/" + module + ".ptx";
        String ptx;
        try (InputStream in = PtxEntries.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("no PTX resource " + path + " on the class path (cuda-kernels)");
            }
            ptx = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> entries = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(ptx);
        while (m.find()) {
            List<String> params = new ArrayList<>();
            Matcher p = PARAM.matcher(m.group(2));
            while (p.find()) {
                params.add(p.group(2) == null ? p.group(1) : p.group(1) + "[" + p.group(2) + "]");
            }
            entries.put(m.group(1), params);
        }
        return entries;
    }
}
