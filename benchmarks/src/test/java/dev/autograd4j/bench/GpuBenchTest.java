package dev.autograd4j.bench;

import dev.autograd4j.Device;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GpuBench's workloads run (shrunk, on the CPU, where every build can run them) and print the lines PyTorch's anchor
 * script prints: one per anchor workload but the TF32 and addcmul variants, with the same figure.
 */
class GpuBenchTest {

    @Test
    void everyWorkloadRunsAndPrintsTheAnchorsLines() throws Exception {
        List<String> lines = new ArrayList<>();
        GpuBench bench = new GpuBench(Device.cpu(), true, lines::add);
        for (String w : GpuBench.ALL) {
            bench.run(w);
        }
        List<String> names = new ArrayList<>();
        Matcher name = Pattern.compile("\"workload\": \"([^\"]+)\"").matcher(String.join("\n", lines));
        while (name.find()) {
            names.add(name.group(1));
        }
        // The anchor script's workloads, read from the copy in this module.
        String anchors = Files.readString(Path.of("gpu", "torch_anchors.py"));
        for (String expected : List.of("sgemm_1024", "sgemm_4096", "sgemm_8192", "eltwise_mul_add_64M", "tanh_64M",
                "copy_64M", "sum_64M", "softmax_4096x32768", "tiny_op_overhead", "tiny_graph_fwd_bwd_3000ops",
                "mlp_small_b256", "mlp_large_b4096", "matmul_chain_bwd_4096")) {
            String anchorName = expected.startsWith("sgemm") ? "sgemm" : expected;
            assertTrue(anchors.contains(anchorName), expected + " is not a workload of torch_anchors.py");
            assertTrue(names.contains(expected), expected + " missing from " + names);
        }
        assertEquals(13, names.size(), names.toString());
        for (String line : lines) {
            assertTrue(line.matches("\\{\"workload\": \"\\w+\", \"(tflops|gbps|us_per_op)\": [0-9.e+-]+, .*"
                    + "\"ms\": [0-9.e+-]+, \"min_ms\": .*\"impl\": \"autograd4j\", \"device\": \"cpu\"}"), line);
        }
    }
}
