package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.Graphs;
import dev.autograd4j.Node;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order backward runs nodes in, and DOT drawings of graphs, on the suite's {@link #device()}. */
public abstract class GraphsSuite extends DeviceSuite {

    /** Seed 002's graph: e = a*b, d = e + c, L = d*f, with every tensor named. */
    private static Map<String, Tensor> seed002() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("a", Tensor.scalar(2.0).requiresGrad(true));
        t.put("b", Tensor.scalar(-3.0).requiresGrad(true));
        t.put("c", Tensor.scalar(10.0).requiresGrad(true));
        t.put("f", Tensor.scalar(-2.0).requiresGrad(true));
        t.put("e", t.get("a").mul(t.get("b")));
        t.put("d", t.get("e").add(t.get("c")));
        t.put("L", t.get("d").mul(t.get("f")));
        return t;
    }

    @Test
    void topologicalOrderOfTheSeedGraph() {
        Map<String, Tensor> t = seed002();
        List<String> names = new ArrayList<>();
        for (Node n : Graphs.topologicalOrder(t.get("L"))) {
            names.add(n.name());
        }
        // L's node first; a leaf's AccumulateGrad as soon as its one edge has delivered; e's node after d's.
        assertEquals(List.of("MulBackward0", "AccumulateGrad", "AddBackward0", "AccumulateGrad", "MulBackward0",
                "AccumulateGrad", "AccumulateGrad"), names);
        assertEquals(t.get("d").gradFn(), Graphs.topologicalOrder(t.get("L")).get(2));
        assertTrue(Graphs.topologicalOrder(t.get("a")).isEmpty(), "a leaf has no nodes to run");
    }

    /** The order is the engine's: hooks on non-leaf tensors fire as the engine runs their nodes. */
    @Test
    void topologicalOrderIsTheOrderTheEngineRuns() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor p = x.exp(), q = x.sin(), r = p.mul(q), s = p.add(r), out = s.mul(q).sum();
        Map<Node, String> names = new LinkedHashMap<>();
        List<String> fired = new ArrayList<>();
        String[] label = {"p", "q", "r", "s"};
        Tensor[] tensors = {p, q, r, s};
        for (int i = 0; i < tensors.length; i++) {
            String name = label[i];
            names.put(tensors[i].gradFn(), name);
            tensors[i].registerHook(g -> {
                fired.add(name);
                return null;
            });
        }
        List<String> predicted = new ArrayList<>();
        for (Node n : Graphs.topologicalOrder(out)) {
            if (names.containsKey(n)) {
                predicted.add(names.get(n));
            }
        }
        out.backward();
        assertEquals(fired, predicted);
        assertEquals(4, fired.size());
    }

    @Test
    void dotShowsNamesValuesGradsAndNodes() throws Exception {
        Map<String, Tensor> t = seed002();
        t.get("e").retainGrad();
        t.get("d").retainGrad();
        t.get("L").backward();
        String dot = Graphs.toDot(t);
        assertTrue(dot.startsWith("digraph autograd {"), dot);
        for (String box : List.of("{ a | data 2.0000 | grad 6.0000 }", "{ b | data -3.0000 | grad -4.0000 }",
                "{ c | data 10.0000 | grad -2.0000 }", "{ f | data -2.0000 | grad 4.0000 }",
                "{ e | data -6.0000 | grad -2.0000 }", "{ d | data 4.0000 | grad -2.0000 }",
                "{ L | data -8.0000 }")) {
            assertTrue(dot.contains(box), box + " in\n" + dot);
        }
        assertEquals(2, dot.split("label=\"MulBackward0\"", -1).length - 1, dot);
        assertEquals(1, dot.split("label=\"AddBackward0\"", -1).length - 1, dot);
        assertEquals(9, dot.split(" -> ", -1).length - 1, "4 leaves and 2 intermediates into 3 nodes, 3 nodes out");

        Tensor big = Tensor.ones(new int[] {5, 5}, DType.FLOAT64).requiresGrad(true);
        String unnamed = Graphs.toDot(big.mul(2.0).sum());
        assertTrue(unnamed.contains("{ [5, 5] }"), "no values past 16 elements:\n" + unnamed);
        assertTrue(unnamed.contains("{ output | data 50.0000 }"), unnamed);
        parsesWithDot(dot);
        parsesWithDot(unnamed);
    }

    /** Runs Graphviz on the text where it is installed (the test says so and skips where it is not). */
    private static void parsesWithDot(String dot) throws Exception {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= new File(dir, "dot").canExecute();
        }
        Assumptions.assumeTrue(found, "Graphviz's dot is not on the PATH: the drawing was not rendered");
        Process p = new ProcessBuilder("dot", "-Tsvg").redirectErrorStream(true).start();
        p.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String svg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), svg);
        assertTrue(svg.contains("<svg"), svg);
    }
}
