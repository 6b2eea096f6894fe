package dev.autograd4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Looking at a recorded graph: the order {@code backward()} runs its nodes in, and a Graphviz DOT drawing of it
 * (render with {@code dot -Tsvg graph.dot -o graph.svg}).
 */
public final class Graphs {
    /** Tensors with at most this many elements show their values (and gradients) in a drawing. */
    public static final int MAX_SHOWN_ELEMENTS = 16;

    private Graphs() {
    }

    /**
     * The nodes reachable from {@code root}'s {@code gradFn}, in the order {@link Tensor#backward()} runs them: the
     * engine counts each node's incoming edges, starts from the root, and runs a node once every edge into it has
     * delivered its gradient, taking the most recently readied node first (see {@link Engine}). Leaves'
     * {@code AccumulateGrad} nodes are included where they become ready, although the engine commits their sums only
     * after the whole pass. Empty for a leaf.
     *
     * @param root the tensor backward would start from
     * @return the nodes in execution order, the root's {@code gradFn} first
     */
    public static List<Node> topologicalOrder(Tensor root) {
        Node start = root.gradFn();
        List<Node> order = new ArrayList<>();
        if (start == null) {
            return order;
        }
        Map<Node, int[]> dependencies = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        dependencies.put(start, new int[1]);
        stack.push(start);
        while (!stack.isEmpty()) {
            for (Node next : stack.pop().nextNodes) {
                if (next == null) {
                    continue;
                }
                int[] count = dependencies.get(next);
                if (count == null) {
                    dependencies.put(next, count = new int[1]);
                    stack.push(next);
                }
                count[0]++;
            }
        }
        ArrayDeque<Node> ready = new ArrayDeque<>();
        ready.push(start);
        while (!ready.isEmpty()) {
            Node node = ready.pop();
            order.add(node);
            for (Node next : node.nextNodes) {
                if (next != null && --dependencies.get(next)[0] == 0) {
                    ready.push(next);
                }
            }
        }
        return order;
    }

    /**
     * The graph behind {@code outputs}, unnamed (see {@link #toDot(Map)}).
     *
     * @param outputs the tensors whose graph to draw, named "output" (or "output i")
     * @return the DOT source
     */
    public static String toDot(Tensor... outputs) {
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (int i = 0; i < outputs.length; i++) {
            named.put(outputs.length == 1 ? "output" : "output " + i, outputs[i]);
        }
        return toDot(named);
    }

    /**
     * A Graphviz DOT drawing of the graph behind {@code tensors}, drawn as data flows forward (as micrograd draws
     * it): each named tensor, and each leaf the graph reaches, is a box with its name, shape, values and gradient
     * (values only for tensors of at most {@link #MAX_SHOWN_ELEMENTS} elements; a gradient where one is held, so
     * after {@code backward()} for leaves and for tensors that {@code retainGrad()}); each backward node is an
     * ellipse with its {@code gradFn} name, and the edges go from a node's inputs to it, then to its output.
     * Reading values reads the tensors' devices.
     *
     * <pre>{@code
     * Files.writeString(Path.of("graph.dot"), Graphs.toDot(Map.of("L", loss)));   // dot -Tsvg graph.dot
     * }</pre>
     *
     * @param tensors the tensors to draw, by name, in the order given
     * @return the DOT source
     */
    public static String toDot(Map<String, Tensor> tensors) {
        return toDot(tensors, node -> null);
    }

    /**
     * How a drawing marks one backward node: an extra line under its name and a fill colour.
     *
     * @param label  the extra line (an error, say), or null for none
     * @param colour a Graphviz colour name ({@code red}) to fill the node with, or null for the usual grey
     */
    public record Mark(String label, String colour) {
    }

    /**
     * The drawing of {@link #toDot(Map)} with some backward nodes marked, as gradient verification marks the
     * first diverging node red and labels every node with its error (see {@code dev.autograd4j.verify.Report}).
     *
     * @param tensors the named tensors to draw, with the graph behind them
     * @param marks   the mark of each node, or null for an unmarked one
     * @return the DOT text
     */
    public static String toDot(Map<String, Tensor> tensors, java.util.function.Function<Node, Mark> marks) {
        Map<Object, String> ids = new IdentityHashMap<>();
        StringBuilder out = new StringBuilder("digraph autograd {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        // Which named tensor is each node's output (the first named one wins).
        Map<Node, Tensor> outputOf = new IdentityHashMap<>();
        Map<Tensor, String> names = new IdentityHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            names.putIfAbsent(e.getValue(), e.getKey());
            Node n = e.getValue().gradFn();
            if (n != null) {
                outputOf.putIfAbsent(n, e.getValue());
            }
        }
        List<String> edges = new ArrayList<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (Tensor t : tensors.values()) {
            String box = box(out, ids, t, names.get(t));
            Node n = t.gradFn();
            if (n != null && outputOf.get(n) == t) {
                edges.add(id(ids, n, out, marks) + " -> " + box);
                stack.push(n);
            }
        }
        Map<Node, Boolean> visited = new IdentityHashMap<>();
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (visited.put(n, Boolean.TRUE) != null) {
                continue;
            }
            String target = id(ids, n, out, marks);
            for (Node next : n.nextNodes) {
                if (next == null) {
                    continue;
                }
                String source;
                if (next instanceof AccumulateGrad acc) {
                    source = box(out, ids, acc.variable, names.get(acc.variable));
                } else {
                    Tensor produced = outputOf.get(next);
                    source = produced != null ? box(out, ids, produced, names.get(produced)) : id(ids, next, out, marks);
                    stack.push(next);
                }
                edges.add(source + " -> " + target);
            }
        }
        for (String e : edges) {
            out.append("  ").append(e).append(";\n");
        }
        return out.append("}\n").toString();
    }

    /** The id of a node's ellipse, declared on first use. */
    private static String id(Map<Object, String> ids, Node n, StringBuilder out,
                             java.util.function.Function<Node, Mark> marks) {
        String id = ids.get(n);
        if (id == null) {
            id = "n" + ids.size();
            ids.put(n, id);
            Mark mark = marks.apply(n);
            String label = mark == null || mark.label() == null ? n.name() : n.name() + "\n" + mark.label();
            String colour = mark == null || mark.colour() == null ? "lightgrey" : mark.colour();
            out.append("  ").append(id).append(" [label=\"").append(escape(label))
                    .append("\", shape=ellipse, style=filled, fillcolor=").append(colour).append("];\n");
        }
        return id;
    }

    /** The id of a tensor's box, declared on first use. */
    private static String box(StringBuilder out, Map<Object, String> ids, Tensor t, String name) {
        String id = ids.get(t);
        if (id != null) {
            return id;
        }
        id = "t" + ids.size();
        ids.put(t, id);
        List<String> fields = new ArrayList<>();
        if (name != null) {
            fields.add(name);
        }
        if (t.dim() > 0) {
            fields.add(Arrays.toString(t.shape()));
        }
        if (t.numel() <= MAX_SHOWN_ELEMENTS && !t.isClosed()) {
            fields.add("data " + values(t));
            if (t.grad != null) { // the field: a non-leaf's grad() would log PyTorch's warning
                fields.add("grad " + values(t.grad));
            }
        }
        StringBuilder label = new StringBuilder("{ ");
        for (int i = 0; i < fields.size(); i++) {
            label.append(i > 0 ? " | " : "").append(escape(fields.get(i)));
        }
        out.append("  ").append(id).append(" [label=\"").append(label).append(" }\", shape=record, style=filled, fillcolor=")
                .append(t.isLeaf() ? "lightblue" : "white").append("];\n");
        return id;
    }

    private static String values(Tensor t) {
        double[] v = t.toDoubleArray();
        if (t.dim() == 0) {
            return number(v[0]);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(number(v[i]));
        }
        return sb.append(']').toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Escapes what DOT's quoted strings and record labels treat specially. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\\"{}|<>".indexOf(c) >= 0) {
                sb.append('\\');
            }
            if (c == '\n') {
                sb.append("\\n");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
