package dev.autograd4j.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code #define AG_* <integer>} constants of cuda-kernels' {@code ag_common.cuh} (the op codes, AG_MAX_DIMS,
 * AG_MAX_OPERANDS), read from the cuda-kernels jar, for tests that check the Java side agrees with the kernels:
 * {@code AgCommonHeader.codes("AG_UNARY_")} maps {@code "EXP"} to 1, so a test can compare it with a Java table
 * keyed by {@code UnaryOp.EXP.name()}.
 */
final class AgCommonHeader {
    private static final String RESOURCE = PtxModule.RESOURCES + "src/ag_common.cuh";
    private static final Pattern DEFINE = Pattern.compile("(?m)^#define\\s+(AG_[A-Z0-9_]+)\\s+(-?\\d+)\\s*$");

    private AgCommonHeader() {
    }

    /** Every integer {@code #define AG_NAME value}, in header order. */
    static Map<String, Long> defines() {
        String text;
        try (InputStream in = AgCommonHeader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (is the cuda-kernels jar?)");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        Map<String, Long> defines = new LinkedHashMap<>();
        Matcher m = DEFINE.matcher(text);
        while (m.find()) {
            defines.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return defines;
    }

    /** The codes of one family, keyed by the rest of the name: {@code codes("AG_BINARY_")} has {@code "ADD" -> 0}. */
    static Map<String, Integer> codes(String prefix) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        defines().forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                codes.put(name.substring(prefix.length()), Math.toIntExact(value));
            }
        });
        return codes;
    }
}
