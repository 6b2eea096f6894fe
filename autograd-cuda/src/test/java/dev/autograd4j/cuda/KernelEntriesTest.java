package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.View;
import jcuda.Pointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.autograd4j.cuda.LaunchRecorder.contiguous;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every launch the reduce, index and fused families can make names an entry of the shipped PTX and passes what its
 * parameter list declares (count and type of each: an int, a long long, a double, a pointer, a struct of longs), and
 * every entry of those modules is launched by some path: the Java side and the kernels agree without a GPU.
 */
class KernelEntriesTest {
    private static final List<String> MODULES = List.of("reduce", "index", "fused");
    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile("\\.param\\s+(?:\\.align\\s+\\d+\\s+)?\\.(\\w+)\\s+\\w+"
            + "(?:\\[(\\d+)])?");

    /** A PTX parameter: its type (u32, u64, f64, b8...) and, for a byte array (a struct), its length. */
    private record Param(String type, int bytes) {
    }

    private static final Map<String, Map<String, List<Param>>> ENTRIES = new TreeMap<>();
    private static final List<LaunchRecorder.Launch> LAUNCHES = new ArrayList<>();

    @BeforeAll
    static void readThePtxAndDriveEveryPath() throws IOException {
        for (String module : MODULES) {
            ENTRIES.put(module, entries(module));
        }
        LaunchRecorder k = new LaunchRecorder();
        for (DType t : DType.values()) {
            for (ReduceOp op : ReduceOp.values()) {
                DType o = ReduceKernels.outputType(op, t);
                ReduceKernels.reduce(k, op, contiguous(o, 100, 1), contiguous(t, 100, 10)); // threads
                ReduceKernels.reduce(k, op, contiguous(o, 10, 1), contiguous(t, 10, 1000)); // warps
                ReduceKernels.reduce(k, op, contiguous(o, 1, 1), contiguous(t, 1, 1 << 20)); // blocks, in parts
                ReduceKernels.reduce(k, op, contiguous(o, 1, 4), contiguous(t, 100_000, 4)); // threads, in parts
            }
            View in = contiguous(t, 4, 3), index = contiguous(DType.INT64, 4, 2);
            IndexKernels.gather(k, contiguous(t, 4, 2), in, 1, index);
            IndexKernels.scatterAdd(k, in, 1, index, contiguous(t, 4, 2));
        }
        for (DType t : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
            for (int cols : new int[]{10, 5000}) {
                View x = contiguous(t, 300, cols), y = contiguous(t, 300, cols), g = contiguous(t, 300, cols);
                View m = contiguous(t, 300), r = contiguous(t, 300), w = contiguous(t, cols);
                View target = contiguous(DType.INT64, 300);
                FusedKernels.softmax(k, y, x, false);
                FusedKernels.softmaxBackward(k, g, y, x, true);
                FusedKernels.layerNorm(k, y, m, r, x, w, w, 1e-5);
                FusedKernels.layerNormBackward(k, g, w, w, y, x, m, r, w); // 300 rows: in parts
                FusedKernels.crossEntropy(k, y, m, r, x, target, w, -100);
                FusedKernels.nllLossBackward(k, g, m, target, w, -100);
            }
        }
        LAUNCHES.addAll(k.launches);
    }

    private static Map<String, List<Param>> entries(String module) throws IOException {
        String path = "/dev/autograd4j/cuda/kernels/" + module + ".ptx";
        String ptx;
        try (InputStream in = KernelEntriesTest.class.getResourceAsStream(path)) {
            assertNotNull(in, path + " is on the class path (from cuda-kernels)");
            ptx = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        Map<String, List<Param>> entries = new TreeMap<>();
        Matcher e = ENTRY.matcher(ptx);
        while (e.find()) {
            List<Param> params = new ArrayList<>();
            Matcher p = PARAM.matcher(e.group(2));
            while (p.find()) {
                params.add(new Param(p.group(1), p.group(2) == null ? 0 : Integer.parseInt(p.group(2))));
            }
            entries.put(e.group(1), params);
        }
        assertTrue(!entries.isEmpty(), module + ".ptx has entries");
        return entries;
    }

    @Test
    void everyLaunchNamesAnEntryAndMatchesItsParameters() {
        for (LaunchRecorder.Launch l : LAUNCHES) {
            Map<String, List<Param>> module = ENTRIES.get(l.module());
            assertNotNull(module, "module " + l.module());
            List<Param> params = module.get(l.kernel());
            assertNotNull(params, l.kernel() + " is an entry of " + l.module() + ".ptx");
            assertEquals(params.size(), l.args().size(), l.kernel() + ": parameter count");
            for (int i = 0; i < params.size(); i++) {
                assertMatches(l.kernel() + " parameter " + i, params.get(i), l.arg(i));
            }
        }
    }

    private static void assertMatches(String what, Param p, Object arg) {
        String t = p.type();
        if (arg instanceof Integer) {
            assertTrue(t.equals("u32") || t.equals("s32") || t.equals("b32"), what + ": an int, declared " + p);
        } else if (arg instanceof Long) {
            assertTrue(t.equals("u64") || t.equals("s64") || t.equals("b64"), what + ": a long long, declared " + p);
        } else if (arg instanceof Double) {
            assertEquals("f64", t, what + ": a double");
        } else if (arg == null || arg instanceof Pointer) {
            assertTrue(t.equals("u64") || t.equals("b64"), what + ": a pointer, declared " + p);
        } else if (arg instanceof long[] struct) {
            assertEquals("b8", t, what + ": a struct");
            assertEquals(struct.length * Long.BYTES, p.bytes(), what + ": the struct's size");
        } else {
            fail(what + ": an argument of type " + arg.getClass());
        }
    }

    @Test
    void everyEntryIsLaunchedBySomePath() {
        for (String module : MODULES) {
            Set<String> launched = new TreeSet<>();
            for (LaunchRecorder.Launch l : LAUNCHES) {
                if (l.module().equals(module)) {
                    launched.add(l.kernel());
                }
            }
            assertEquals(ENTRIES.get(module).keySet(), launched, module);
        }
    }

    @Test
    void theStructsAreTheSizesTheKernelsDeclare() {
        assertEquals(ReduceLayout.LONGS * 8, ENTRIES.get("reduce").get("reduce_thread_f32").get(1).bytes());
        assertEquals(IndexLayout.LONGS * 8, ENTRIES.get("index").get("gather_strided_f32").get(0).bytes());
    }
}
