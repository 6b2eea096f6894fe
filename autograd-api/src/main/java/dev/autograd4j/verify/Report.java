package dev.autograd4j.verify;

import dev.autograd4j.DType;
import dev.autograd4j.Graphs;
import dev.autograd4j.Node;
import dev.autograd4j.Tensor;
import dev.autograd4j.internal.Tracing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Verify#compare} found: for every pair of nodes (in the order they were created) the difference of
 * their outputs and of the gradients they returned, the leaves' gradients compared by name, where the two graphs
 * stop having the same shape (if they do), and the first divergence. {@link #toString()} prints it as a table;
 * {@link #toDot()} draws the candidate's graph with the first diverging node in red.
 */
public final class Report {

    /**
     * How far a candidate's values are from the reference's: {@code maxAbs = max|candidate - reference|}, and
     * {@code maxRel = maxAbs / max|reference|} (0 when both are zero everywhere). NaN where only one side is NaN at
     * some element, or where only one side has a value at all.
     *
     * @param maxAbs   the largest absolute difference
     * @param maxRel   the largest absolute difference relative to the reference's largest magnitude
     * @param exceeded whether the difference is beyond the {@link Verify.Tolerance}
     */
    public record Difference(double maxAbs, double maxRel, boolean exceeded) {
        static Difference of(Recording.Values ref, Recording.Values cand, Verify.Tolerance tol) {
            if (ref == null && cand == null) {
                return null;
            }
            if (ref == null || cand == null || ref.values() == null || cand.values() == null
                    || ref.values().length != cand.values().length) {
                return new Difference(Double.NaN, Double.NaN, true);
            }
            double maxAbs = 0, magnitude = 0;
            double[] a = ref.values(), b = cand.values();
            for (int i = 0; i < a.length; i++) {
                if (Double.isFinite(a[i])) {
                    magnitude = Math.max(magnitude, Math.abs(a[i]));
                }
                if (a[i] == b[i] || Double.isNaN(a[i]) && Double.isNaN(b[i])) {
                    continue;
                }
                double d = Math.abs(a[i] - b[i]);
                maxAbs = Double.isNaN(d) || Double.isNaN(maxAbs) ? Double.NaN : Math.max(maxAbs, d);
            }
            double rel = maxAbs == 0 ? 0 : maxAbs / magnitude;
            return new Difference(maxAbs, rel, !(maxAbs <= tol.atol() + tol.rtol() * magnitude));
        }

        /** The worse of two (null: none). */
        static Difference worst(Difference a, Difference b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return new Difference(max(a.maxAbs, b.maxAbs), max(a.maxRel, b.maxRel), a.exceeded || b.exceeded);
        }

        private static double max(double x, double y) {
            return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
        }

        static Difference ofAll(Recording.Values[] ref, Recording.Values[] cand, Verify.Tolerance tol) {
            if (ref == null && cand == null) {
                return null;
            }
            if (ref == null || cand == null) {
                return new Difference(Double.NaN, Double.NaN, true);
            }
            Difference worst = null;
            for (int i = 0; i < Math.max(ref.length, cand.length); i++) {
                worst = worst(worst, of(i < ref.length ? ref[i] : null, i < cand.length ? cand[i] : null, tol));
            }
            return worst;
        }
    }

    /**
     * One pair of nodes.
     *
     * @param index          the position of the node among those created, in both runs
     * @param name           its {@code gradFn} name ({@code MulBackward0})
     * @param shape          the shape of its first output (empty for a 0-d output; null if it has none)
     * @param referenceDtype the dtype of its first output in the reference run (null if it has none)
     * @param candidateDtype the dtype of its first output in the candidate run (null if it has none)
     * @param callSite       the line of the user's code that ran the op (the candidate run's), or null
     * @param value          the difference of its outputs (null if it has none)
     * @param gradient       the difference of the gradients its backward returned (null if backward did not run)
     * @param incoming       the difference of the gradients it received (null if backward did not run)
     * @param backwardOrder  the position of the node among those backward ran in the candidate run, or -1
     */
    public record NodeReport(int index, String name, int[] shape, DType referenceDtype, DType candidateDtype,
                             StackTraceElement callSite, Difference value, Difference gradient, Difference incoming,
                             int backwardOrder) {
        /**
         * Whether its value or the gradient it returned is beyond the tolerance.
         *
         * @return true when this node's value or returned gradient diverges
         */
        public boolean diverged() {
            return value != null && value.exceeded || gradient != null && gradient.exceeded;
        }
    }

    /**
     * A leaf's gradient (a parameter, or an input that requires grad) in both runs.
     *
     * @param name     the parameter's name ({@code 0.weight}) or {@code input i}
     * @param shape    the leaf's shape
     * @param gradient the difference of the gradients (null when neither run gave it one)
     */
    public record LeafReport(String name, int[] shape, Difference gradient) {
    }

    /**
     * Where the two runs' graphs stop having the same shape.
     *
     * @param index         the position among the nodes created where they differ
     * @param reference     the reference run's node there ({@code MulBackward0 [2, 3]}), or "(none)"
     * @param candidate     the candidate run's node there, or "(none)"
     * @param referenceSite the reference node's call site, or null
     * @param candidateSite the candidate node's call site, or null
     */
    public record GraphMismatch(int index, String reference, String candidate, StackTraceElement referenceSite,
                                StackTraceElement candidateSite) {
    }

    private final Verify.Config reference;
    private final Verify.Config candidate;
    private final Verify.Tolerance tolerance;
    private final List<NodeReport> nodes;
    private final List<LeafReport> leaves;
    private final GraphMismatch mismatch;
    private final Difference loss;
    private final double referenceLoss;
    private final double candidateLoss;
    /** For drawing: the candidate's loss and its nodes' reports. */
    private final Tensor candidateLossTensor;
    private final Map<Node, NodeReport> byCandidateNode;

    private Report(Verify.Config reference, Verify.Config candidate, Verify.Tolerance tolerance, List<NodeReport> nodes,
                   List<LeafReport> leaves, GraphMismatch mismatch, Difference loss, double referenceLoss,
                   double candidateLoss, Tensor candidateLossTensor, Map<Node, NodeReport> byCandidateNode) {
        this.reference = reference;
        this.candidate = candidate;
        this.tolerance = tolerance;
        this.nodes = Collections.unmodifiableList(nodes);
        this.leaves = Collections.unmodifiableList(leaves);
        this.mismatch = mismatch;
        this.loss = loss;
        this.referenceLoss = referenceLoss;
        this.candidateLoss = candidateLoss;
        this.candidateLossTensor = candidateLossTensor;
        this.byCandidateNode = byCandidateNode;
    }

    static Report of(Verify.Config reference, Verify.Config candidate, Verify.Tolerance tol, Verify.Run ref,
                     Verify.Run cand) {
        List<Recording.Entry> r = ref.recording().entries, c = cand.recording().entries;
        List<NodeReport> nodes = new ArrayList<>();
        Map<Node, NodeReport> byNode = new IdentityHashMap<>();
        GraphMismatch mismatch = null;
        for (int i = 0; i < Math.max(r.size(), c.size()); i++) {
            Recording.Entry a = i < r.size() ? r.get(i) : null, b = i < c.size() ? c.get(i) : null;
            if (a == null || b == null || !a.node.name().equals(b.node.name())
                    || !shapes(a.outputs).equals(shapes(b.outputs))) {
                mismatch = new GraphMismatch(i, describe(a), describe(b), a == null ? null : a.site(),
                        b == null ? null : b.site());
                break;
            }
            Recording.Values out = b.outputs == null || b.outputs.length == 0 ? null : b.outputs[0];
            Recording.Values refOut = a.outputs == null || a.outputs.length == 0 ? null : a.outputs[0];
            NodeReport n = new NodeReport(i, b.node.name(), out == null ? null : out.shape(),
                    refOut == null ? null : refOut.dtype(), out == null ? null : out.dtype(), b.site(),
                    Difference.ofAll(a.outputs, b.outputs, tol), Difference.ofAll(a.gradInputs, b.gradInputs, tol),
                    Difference.ofAll(a.gradOutputs, b.gradOutputs, tol), b.backwardOrder);
            nodes.add(n);
            byNode.put(b.node, n);
        }
        List<LeafReport> leaves = new ArrayList<>();
        for (Map.Entry<String, Tensor> leaf : ref.leaves().entrySet()) {
            leaves.add(new LeafReport(leaf.getKey(), leaf.getValue().shape(),
                    Difference.of(ref.grads().get(leaf.getKey()), cand.grads().get(leaf.getKey()), tol)));
        }
        Recording.Values refLoss = Recording.Values.of(ref.loss()), candLoss = Recording.Values.of(cand.loss());
        return new Report(reference, candidate, tol, nodes, leaves, mismatch, Difference.of(refLoss, candLoss, tol),
                refLoss.values()[0], candLoss.values()[0], cand.loss(), byNode);
    }

    private static List<String> shapes(Recording.Values[] outputs) {
        List<String> out = new ArrayList<>();
        for (Recording.Values v : outputs == null ? new Recording.Values[0] : outputs) {
            out.add(v == null ? "-" : Arrays.toString(v.shape()));
        }
        return out;
    }

    private static String describe(Recording.Entry e) {
        if (e == null) {
            return "(none)";
        }
        List<String> s = shapes(e.outputs);
        return e.node.name() + (s.isEmpty() ? "" : " " + String.join(" ", s));
    }

    /**
     * The reference configuration.
     *
     * @return the configuration trusted more
     */
    public Verify.Config reference() {
        return reference;
    }

    /**
     * The candidate configuration.
     *
     * @return the configuration under test
     */
    public Verify.Config candidate() {
        return candidate;
    }

    /**
     * The tolerance the differences were held to.
     *
     * @return the tolerance
     */
    public Verify.Tolerance tolerance() {
        return tolerance;
    }

    /**
     * Every pair of nodes, in the order they were created (up to a {@link #graphMismatch()}).
     *
     * @return the nodes' reports
     */
    public List<NodeReport> nodes() {
        return nodes;
    }

    /**
     * The leaves' gradients, parameters by name first, then the inputs that require grad.
     *
     * @return the leaves' reports
     */
    public List<LeafReport> leaves() {
        return leaves;
    }

    /**
     * Where the two graphs differ, if they do.
     *
     * @return the first point of difference, or empty when the graphs have the same ops and shapes
     */
    public Optional<GraphMismatch> graphMismatch() {
        return Optional.ofNullable(mismatch);
    }

    /**
     * The difference of the two losses.
     *
     * @return the loss's difference
     */
    public Difference loss() {
        return loss;
    }

    /**
     * The first operation that diverges: the first node (in creation order) whose output is beyond the tolerance,
     * since a value carries every earlier op's error forward; if every value agrees, the first node that backward
     * ran whose returned gradient is beyond it (it received agreeing gradients and made disagreeing ones).
     *
     * @return that node, or empty when none diverges
     */
    public Optional<NodeReport> firstDivergence() {
        for (NodeReport n : nodes) {
            if (n.value() != null && n.value().exceeded()) {
                return Optional.of(n);
            }
        }
        NodeReport first = null;
        for (NodeReport n : nodes) {
            if (n.gradient() != null && n.gradient().exceeded() && (first == null
                    || n.backwardOrder() < first.backwardOrder())) {
                first = n;
            }
        }
        return Optional.ofNullable(first);
    }

    /**
     * Whether anything diverges: a node, a leaf's gradient, the loss, or the graphs' shapes.
     *
     * @return true when the candidate does not agree with the reference within the tolerance
     */
    public boolean diverged() {
        return mismatch != null || firstDivergence().isPresent() || loss.exceeded()
                || leaves.stream().anyMatch(l -> l.gradient() != null && l.gradient().exceeded());
    }

    /**
     * The candidate's graph as Graphviz DOT ({@link Graphs#toDot(Map, java.util.function.Function)}): every node
     * labelled with the relative error of its value and of its gradient, the first diverging node filled red, the
     * other diverging ones orange.
     *
     * @return the DOT text
     */
    public String toDot() {
        NodeReport first = firstDivergence().orElse(null);
        Map<String, Tensor> named = new LinkedHashMap<>();
        named.put("loss", candidateLossTensor);
        return Graphs.toDot(named, node -> {
            NodeReport n = byCandidateNode.get(node);
            if (n == null) {
                return null;
            }
            String label = "value " + rel(n.value()) + " grad " + rel(n.gradient());
            String colour = n == first ? "red" : n.diverged() ? "orange" : null;
            return new Graphs.Mark(label, colour);
        });
    }

    /** A table: a header, one line per node, the leaves, and the verdict. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("verify: reference ").append(reference).append(", candidate ").append(candidate)
                .append(", tolerance rtol ").append(num(tolerance.rtol())).append(" atol ")
                .append(num(tolerance.atol())).append('\n');
        sb.append(String.format(Locale.ROOT, "loss %.9g (reference) %.9g (candidate), max abs %s, rel %s%n",
                referenceLoss, candidateLoss, num(loss.maxAbs()), num(loss.maxRel())));
        NodeReport first = firstDivergence().orElse(null);
        int nameWidth = 4, shapeWidth = 5;
        for (NodeReport n : nodes) {
            nameWidth = Math.max(nameWidth, n.name().length());
            shapeWidth = Math.max(shapeWidth, shape(n.shape()).length());
        }
        String row = "%-5s %-" + nameWidth + "s %-" + shapeWidth + "s %-9s %-9s %-9s %-9s %s%n";
        sb.append(String.format(Locale.ROOT, row, "#", "node", "shape", "value abs", "value rel", "grad abs",
                "grad rel", "call site"));
        for (NodeReport n : nodes) {
            String mark = n == first ? ">" : n.diverged() ? "!" : " ";
            sb.append(String.format(Locale.ROOT, row, mark + n.index(), n.name(), shape(n.shape()),
                    abs(n.value()), rel(n.value()), abs(n.gradient()), rel(n.gradient()),
                    Tracing.format(n.callSite())));
        }
        if (!leaves.isEmpty()) {
            sb.append("leaf gradients:\n");
            for (LeafReport l : leaves) {
                Difference d = l.gradient();
                sb.append(String.format(Locale.ROOT, "  %-16s %-12s max abs %-9s rel %-9s %s%n", l.name(),
                        shape(l.shape()), abs(d), rel(d), d == null ? "no gradient" : d.exceeded() ? "DIVERGES"
                        : "ok"));
            }
        }
        if (mismatch != null) {
            sb.append("graphs differ at node ").append(mismatch.index()).append(": reference ")
                    .append(mismatch.reference()).append(" at ").append(Tracing.format(mismatch.referenceSite()))
                    .append(", candidate ").append(mismatch.candidate()).append(" at ")
                    .append(Tracing.format(mismatch.candidateSite())).append('\n');
        }
        if (first != null) {
            boolean value = first.value() != null && first.value().exceeded();
            Difference d = value ? first.value() : first.gradient();
            sb.append("first divergence: node ").append(first.index()).append(' ').append(first.name()).append(' ')
                    .append(shape(first.shape())).append(' ').append(first.referenceDtype()).append('/')
                    .append(first.candidateDtype()).append(": ").append(value ? "value" : "gradient")
                    .append(" max abs ").append(num(d.maxAbs())).append(", rel ").append(num(d.maxRel()))
                    .append(", at ").append(Tracing.format(first.callSite())).append('\n');
        } else if (diverged()) {
            sb.append("diverged: ").append(mismatch != null ? "the graphs differ" : "see the leaf gradients and the loss")
                    .append('\n');
        } else {
            sb.append("no divergence: ").append(nodes.size()).append(" nodes and ").append(leaves.size())
                    .append(" leaf gradients within tolerance\n");
        }
        return sb.toString();
    }

    private static String shape(int[] shape) {
        return shape == null ? "-" : Arrays.toString(shape);
    }

    private static String abs(Difference d) {
        return d == null ? "-" : num(d.maxAbs());
    }

    private static String rel(Difference d) {
        return d == null ? "-" : num(d.maxRel());
    }

    private static String num(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.2e", v);
    }
}
