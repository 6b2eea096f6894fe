package dev.autograd4j.examples;

import dev.autograd4j.Autograd;
import dev.autograd4j.DType;
import dev.autograd4j.Function;
import dev.autograd4j.FunctionCtx;
import dev.autograd4j.Graphs;
import dev.autograd4j.Node;
import dev.autograd4j.Tensor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code walkthrough}: the seed documents' question, "what does backward() actually do?", answered by showing it.
 * For seed 002's graph and seed 000's function it prints the forward values, the order the engine runs the backward
 * nodes in, and for each node the gradient it receives, the local derivative it applies to each input and the
 * gradient it passes on; then the final gradients. Every number comes from the engine ({@code Autograd.grad} for the
 * local derivatives, {@code backward()} for the totals); only the symbolic rules are written here. Then: the
 * non-scalar case as a vector-Jacobian product, accumulation over two backward calls, a custom Function and a
 * second-order derivative. The two graphs are written as Graphviz DOT, and as SVG and PNG when {@code dot} is on the
 * PATH.
 */
@Command(name = "walkthrough", mixinStandardHelpOptions = true,
        description = "Show what backward() does on the seed graphs, step by step, and draw them.")
public final class Walkthrough implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Where the graph drawings go. Default: ${DEFAULT-VALUE}.")
    Path out = Path.of("target", "walkthrough");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private PrintWriter w;

    /** One recorded operation: its output's name, its formula, its inputs and the symbolic local derivatives. */
    private record Step(String name, String formula, Tensor value, List<String> inputs, List<String> rules) {
    }

    /** A small graph built by name, so each node can be explained with the names of its inputs. */
    private static final class Graph {
        final Map<String, Tensor> tensors = new LinkedHashMap<>();
        final List<Step> steps = new ArrayList<>();

        Tensor leaf(String name, Tensor t) {
            tensors.put(name, t.requiresGrad(true));
            return t;
        }

        Tensor op(String name, String formula, Tensor value, List<String> inputs, List<String> rules) {
            tensors.put(name, value);
            steps.add(new Step(name, formula, value, inputs, rules));
            return value;
        }

        Tensor get(String name) {
            return tensors.get(name);
        }
    }

    @Override
    public Integer call() {
        w = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        seed002();
        seed000();
        vectorJacobianProduct();
        accumulation();
        customFunction();
        secondOrder();
        w.flush();
        return 0;
    }

    // ------------------------------------------------------------------------------------------------------------

    private void seed002() {
        heading("Seed 002: micrograd's graph, e = a*b, d = e + c, L = d*f");
        Graph g = new Graph();
        Tensor a = g.leaf("a", Tensor.scalar(2.0)), b = g.leaf("b", Tensor.scalar(-3.0));
        Tensor c = g.leaf("c", Tensor.scalar(10.0)), f = g.leaf("f", Tensor.scalar(-2.0));
        Tensor e = g.op("e", "a * b", a.mul(b), List.of("a", "b"), List.of("b", "a"));
        Tensor d = g.op("d", "e + c", e.add(c), List.of("e", "c"), List.of("1", "1"));
        Tensor loss = g.op("L", "d * f", d.mul(f), List.of("d", "f"), List.of("f", "d"));
        explain(g, "L");
        // After explain: its Autograd.grad calls run e's and d's nodes, which would fill retained grads (as PyTorch).
        e.retainGrad();
        d.retainGrad();
        loss.backward();
        w.println("after L.backward(), the leaves hold their gradients (d and e too, as they retainGrad()):");
        for (String name : List.of("a", "b", "c", "f", "d", "e")) {
            w.println("  " + name + ".grad = " + g.get(name).grad());
        }
        draw(g, "seed002");
    }

    private void seed000() {
        heading("Seed 000: f(x1, x2) = (sin(x2) + 1) / (x2 + exp(x1)) + x1 * x2 at x1 = 1.5, x2 = 0.5 (float64)");
        Graph g = new Graph();
        Tensor x1 = g.leaf("x1", Tensor.scalar(1.5, DType.FLOAT64));
        Tensor x2 = g.leaf("x2", Tensor.scalar(0.5, DType.FLOAT64));
        Tensor p = g.op("p", "exp(x1)", x1.exp(), List.of("x1"), List.of("exp(x1)"));
        Tensor q = g.op("q", "sin(x2)", x2.sin(), List.of("x2"), List.of("cos(x2)"));
        Tensor r = g.op("r", "q + 1", q.add(1.0), List.of("q"), List.of("1"));
        Tensor s = g.op("s", "x2 + p", x2.add(p), List.of("x2", "p"), List.of("1", "1"));
        Tensor t = g.op("t", "r / s", r.div(s), List.of("r", "s"), List.of("1 / s", "-r / s^2"));
        Tensor u = g.op("u", "x1 * x2", x1.mul(x2), List.of("x1", "x2"), List.of("x2", "x1"));
        Tensor f = g.op("f", "t + u", t.add(u), List.of("t", "u"), List.of("1", "1"));
        explain(g, "f");
        w.println("(seed 000's ADNumber records exp's input, 1.5, as exp's local derivative; it is exp(x1) itself.)");
        f.backward();
        w.printf(Locale.ROOT, "after f.backward():%n  f = %s%n  df/dx1 = x1.grad = %s%n  df/dx2 = x2.grad = %s%n",
                num(f.item()), num(x1.grad().item()), num(x2.grad().item()));
        w.println("x1 and x2 feed several nodes: their grads are the sums of what each node passed on, accumulated"
                + " (+=) in one pass that visits every node once.");
        draw(g, "seed000");
    }

    /**
     * The backward pass of {@code g} explained node by node, in the engine's order: each non-leaf's node receives
     * dL/d(output), multiplies it by the local derivative for each input, and passes the product on.
     */
    private void explain(Graph g, String rootName) {
        Tensor root = g.get(rootName);
        w.println("forward: every op computes its value and records a node (its grad_fn) that can run it backward");
        for (Map.Entry<String, Tensor> e : g.tensors.entrySet()) {
            Step step = stepOf(g, e.getKey());
            w.println("  " + e.getKey() + (step == null ? "" : " = " + step.formula()) + " = " + e.getValue()
                    + (step == null ? "   (a leaf)" : ""));
        }
        Map<Node, String> nodeOf = new IdentityHashMap<>();
        for (Step s : g.steps) {
            nodeOf.put(s.value().gradFn(), s.name());
            List<Node> next = s.value().gradFn().nextFunctions();
            for (int i = 0; i < s.inputs().size() && i < next.size(); i++) {
                if (g.get(s.inputs().get(i)).isLeaf() && next.get(i) != null) {
                    nodeOf.putIfAbsent(next.get(i), s.inputs().get(i));
                }
            }
        }
        w.println("backward: the engine counts the edges into each node, seeds d" + rootName + "/d" + rootName
                + " = 1, and runs a node once all its incoming gradients have arrived (Graphs.topologicalOrder):");
        int k = 0;
        Map<String, List<Double>> arrived = new LinkedHashMap<>();
        for (Node n : Graphs.topologicalOrder(root)) {
            String name = nodeOf.get(n);
            Step step = stepOf(g, name);
            k++;
            if (step == null) {
                List<Double> parts = arrived.get(name);
                double sum = parts.stream().mapToDouble(Double::doubleValue).sum();
                w.printf(Locale.ROOT, "  %d. %s of leaf %s: adds %s into %s.grad%n", k, n.name(), name,
                        parts.size() == 1 ? num(sum) : String.join(" + ", parts.stream().map(Walkthrough::num)
                                .toList()) + " = " + num(sum), name);
                continue;
            }
            double received = name.equals(rootName) ? 1 : Autograd.grad(new Tensor[] {root},
                    new Tensor[] {step.value()}, null, true, false, false)[0].item();
            w.printf(Locale.ROOT, "  %d. %s of %s = %s receives d%s/d%s = %s%n", k, n.name(), name, step.formula(),
                    rootName, name, num(received));
            for (int i = 0; i < step.inputs().size(); i++) {
                String in = step.inputs().get(i);
                double local = Autograd.grad(new Tensor[] {step.value()}, new Tensor[] {g.get(in)}, null, true, false,
                        false)[0].item();
                String rule = step.rules().get(i);
                w.printf(Locale.ROOT, "       to %-3s local d%s/d%s = %s, passes %s * %s = %s%n", in, name, in,
                        rule.equals(num(local)) ? rule : rule + " = " + num(local), num(received), num(local),
                        num(received * local));
                arrived.computeIfAbsent(in, key -> new ArrayList<>()).add(received * local);
            }
        }
    }

    private static Step stepOf(Graph g, String name) {
        for (Step s : g.steps) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private void vectorJacobianProduct() {
        heading("Seed 001: a non-scalar output needs a vector: backward(v) computes v^T J");
        Tensor x = Tensor.of(new float[] {0, 2, 8}).requiresGrad(true);
        Tensor y = Tensor.of(new float[] {5, 1, 7}).requiresGrad(true);
        Tensor z = x.mul(y);
        w.println("z = x * y = " + z + "   with x = [0, 2, 8], y = [5, 1, 7]");
        try {
            z.backward();
        } catch (IllegalArgumentException e) {
            w.println("z.backward() fails: " + e.getMessage());
        }
        z.backward(Tensor.ones(3), true, false);
        w.println("z.backward(ones(3)): x.grad = " + x.grad() + " (= y), y.grad = " + y.grad() + " (= x)");
        x.setGrad(null);
        z.backward(Tensor.of(new float[] {1, 0.5f, 2}));
        w.println("z.backward([1, 0.5, 2]): x.grad = " + x.grad() + " = v * y, since J = dz/dx = diag(y)");
    }

    private void accumulation() {
        heading("Gradients accumulate: two backward calls add up, so training zeroes them each step");
        Tensor v = Tensor.scalar(3.0).requiresGrad(true);
        Tensor sq = v.mul(v);
        sq.backward(null, true, false);
        w.println("v = 3, y = v * v: after y.backward(): v.grad = " + v.grad());
        sq.backward();
        w.println("after a second y.backward(): v.grad = " + v.grad() + " (6 + 6)");
        v.zeroGrad();
        w.println("after v.zeroGrad(): v.grad = " + v.grad() + "   (optimizer.zeroGrad() clears every parameter's)");
    }

    /** Seed 004's {@code line}: w * x + b with a hand-written backward. */
    static final class Line extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor wt = (Tensor) args[0], x = (Tensor) args[1], b = (Tensor) args[2];
            ctx.saveForBackward(wt, x);
            return new Tensor[] {wt.mul(x).add(b)};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            Tensor wt = ctx.savedTensors().get(0), x = ctx.savedTensors().get(1);
            Tensor g = grads[0];
            return new Tensor[] {g.mul(x), g.mul(wt), g};
        }
    }

    private void customFunction() {
        heading("Seed 004: a custom Function with its own backward (grad_w = g * x, grad_x = g * w, grad_b = g)");
        Tensor wt = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor x = Tensor.of(new float[] {-1, 0.5f, 2, 3}, 2, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 2, 2).requiresGrad(true);
        Tensor o = new Line().apply(wt, x, b);
        w.println("out = line(w, x, b) = " + o);
        o.backward(Tensor.ones(2, 2));
        w.println("out.backward(ones(2, 2)): x.grad = " + x.grad() + " (= w), w.grad = " + wt.grad() + " (= x),"
                + " b.grad = " + b.grad());
    }

    private void secondOrder() {
        heading("Seed 003: a second derivative, by differentiating the backward pass (createGraph)");
        Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Tensor y = x.pow(3).sum();
        Tensor dy = Autograd.grad(y, x, true);
        w.println("y = sum(x^3) at x = [1, 2, 3]; dy/dx = 3x^2 = " + dy);
        dy.sum().backward();
        w.println("dy/dx.sum().backward(): x.grad = d^2y/dx^2 = 6x = " + x.grad());
        w.println("(seed 003 calls backward() on the non-scalar gradient, which PyTorch rejects, and forgets that the"
                + " first backward already left a gradient to accumulate into.)");
    }

    // ------------------------------------------------------------------------------------------------------------

    private void heading(String title) {
        w.println();
        w.println("== " + title + " ==");
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Writes {@code name}.dot, and .svg and .png when Graphviz's dot is on the PATH. */
    private void draw(Graph g, String name) {
        Path dotFile = out.resolve(name + ".dot");
        try {
            Files.writeString(dotFile, Graphs.toDot(g.tensors));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dotFile, e);
        }
        if (!dotOnPath()) {
            w.println("wrote " + dotFile + " (Graphviz's dot is not on the PATH; render it with dot -Tsvg "
                    + dotFile + " -o " + name + ".svg)");
            return;
        }
        for (String format : List.of("svg", "png")) {
            Path target = out.resolve(name + "." + format);
            try {
                Process p = new ProcessBuilder("dot", "-T" + format, dotFile.toString(), "-o", target.toString())
                        .redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    w.println("dot could not render " + dotFile + ": " + output.strip());
                    return;
                }
            } catch (IOException e) {
                w.println("dot could not render " + dotFile + ": " + e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        w.println("wrote " + dotFile + ", " + name + ".svg and " + name + ".png");
    }

    static boolean dotOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, "dot").canExecute()) {
                return true;
            }
        }
        return false;
    }
}
