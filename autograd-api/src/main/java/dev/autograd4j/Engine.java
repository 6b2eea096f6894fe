package dev.autograd4j;

import dev.autograd4j.internal.Tracing;
import dev.autograd4j.ops.Shapes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reverse-mode execution of the backward graph, after PyTorch's {@code engine.cpp}, on the calling thread.
 *
 * <ol>
 * <li>Walk the graph from the roots and count, for every node, the edges that lead into it (its dependencies).</li>
 * <li>Seed the roots' input buffers with the root gradients; a node whose dependencies are all satisfied is ready.</li>
 * <li>Pop a ready node, run its tensor hooks, call its backward formula, check each returned gradient against the
 *     input it belongs to, and add it into the input buffer of the next node. So every node runs once, after all
 *     gradients for it have been summed.</li>
 * </ol>
 *
 * Note [Failed backward changes nothing]: leaf accumulation, retained grads and the freeing of saved tensors are
 * committed only once the whole pass has succeeded, so a backward that throws (a tensor modified in place, a bad
 * gradient shape) leaves every {@code grad} and the graph as they were. AccumulateGrad nodes have no outgoing edges,
 * so running them last is still a valid topological order.
 */
final class Engine {
    private Engine() {
    }

    /** {@code tensor.backward(...)} and {@code Autograd.backward(...)}: accumulate into the leaves. */
    static void backward(Tensor[] roots, Tensor[] grads, boolean retainGraph, boolean createGraph) {
        new GraphTask(roots, grads, null, retainGraph, createGraph, false).run();
    }

    /** {@code Autograd.grad(...)}: return the gradients of {@code inputs}, touching no leaf's {@code grad}. */
    static Tensor[] grad(Tensor[] roots, Tensor[] grads, Tensor[] inputs, boolean retainGraph, boolean createGraph,
                         boolean allowUnused) {
        return new GraphTask(roots, grads, inputs, retainGraph, createGraph, allowUnused).run();
    }

    /** One backward pass: its roots, captures, dependency counts and buffers. */
    private static final class GraphTask {
        private final Tensor[] roots;
        private final Tensor[] rootGrads;
        private final Tensor[] inputs;
        private final boolean keepGraph;
        private final boolean createGraph;
        private final boolean allowUnused;
        /** Anomaly mode or a verifier watching this pass, or null (see Note [Tracing costs nothing when off]). */
        private final Tracing.Observer observer = Tracing.current();

        /** Every node reachable from the roots, with its dependency count and the gradients summed so far. */
        private final Map<Node, InputBuffer> buffers = new IdentityHashMap<>();
        /** For Autograd.grad: the nodes worth running (those that lead to an input). Null: run everything. */
        private Map<Node, Boolean> needed;
        /** For Autograd.grad: the (node, slot) of each input, where its gradient is captured. */
        private Map<Node, List<int[]>> captures;
        private Tensor[] captured;

        private final List<Node> executed = new ArrayList<>();
        private final List<AccumulateGrad> leaves = new ArrayList<>();
        private final List<Tensor> leafGrads = new ArrayList<>();
        private final List<Tensor> retained = new ArrayList<>();
        private final List<Tensor> retainedGrads = new ArrayList<>();

        GraphTask(Tensor[] roots, Tensor[] rootGrads, Tensor[] inputs, boolean keepGraph, boolean createGraph,
                  boolean allowUnused) {
            this.roots = roots;
            this.rootGrads = rootGrads;
            this.inputs = inputs;
            this.keepGraph = keepGraph;
            this.createGraph = createGraph;
            this.allowUnused = allowUnused;
        }

        Tensor[] run() {
            Node[] rootNodes = new Node[roots.length];
            int[] rootSlots = new int[roots.length];
            Tensor[] seeds = new Tensor[roots.length];
            for (int i = 0; i < roots.length; i++) {
                Tensor root = roots[i];
                if (root.isClosed()) {
                    throw new IllegalStateException("[" + op() + "] output " + i + " is closed");
                }
                if (!root.requiresGrad()) {
                    throw new IllegalStateException("[" + op() + "] element " + i + " of tensors does not require grad"
                            + " and does not have a grad_fn");
                }
                Node node = root.node();
                rootNodes[i] = node != null ? node : root.gradAccumulator();
                rootSlots[i] = node != null ? root.outputNr : 0;
                seeds[i] = seedGradient(i, root, rootGrads == null ? null : rootGrads[i]);
            }
            if (inputs != null) {
                prepareCaptures();
            }
            countDependencies(rootNodes);

            try (GradMode.Guard ignored = GradMode.set(createGraph)) {
                ArrayDeque<InputBuffer> ready = new ArrayDeque<>();
                for (int i = 0; i < rootNodes.length; i++) {
                    buffers.get(rootNodes[i]).add(rootSlots[i], seeds[i]);
                }
                for (Node node : rootNodes) {
                    InputBuffer buffer = buffers.get(node);
                    if (buffer.dependencies == 0 && !ready.contains(buffer)) {
                        ready.push(buffer);
                    }
                }
                while (!ready.isEmpty()) {
                    InputBuffer buffer = ready.pop();
                    evaluate(buffer.node, buffer.take(), ready);
                }
                Tensor[] result = inputs == null ? null : results();
                commit();
                return result;
            }
        }

        /** The function the user called, for its errors: Autograd.grad names its inputs, backward() does not. */
        private String op() {
            return inputs == null ? "backward" : "grad";
        }

        private Tensor seedGradient(int i, Tensor root, Tensor grad) {
            if (grad == null) {
                if (root.numel() != 1) {
                    throw new IllegalArgumentException("[" + op() + "] grad can be implicitly created only for scalar"
                            + " outputs, but output " + i + " has shape " + Arrays.toString(root.shapeArray())
                            + "; pass a gradient of that shape");
                }
                return Tensor.onesLike(root);
            }
            if (!Arrays.equals(grad.shapeArray(), root.shapeArray())) {
                throw new IllegalArgumentException("[" + op() + "] mismatch in shape: gradient " + i + " has shape "
                        + Arrays.toString(grad.shapeArray()) + " but output " + i + " has shape "
                        + Arrays.toString(root.shapeArray()));
            }
            if (grad.device() != root.device()) {
                throw new IllegalArgumentException("[" + op() + "] mismatch in device: gradient " + i + " is on "
                        + grad.device() + " but output " + i + " is on " + root.device());
            }
            // Any dtype is converted to the output's, as PyTorch's validate_outputs does (an int64 or bool gradient
            // included: (x * 2).backward(torch.ones(2, dtype=torch.int64)) gives x.grad = [2., 2.])
            return grad.dtype() == root.dtype() ? grad : grad.to(root.dtype());
        }

        private void prepareCaptures() {
            captures = new IdentityHashMap<>();
            captured = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                Tensor input = inputs[i];
                if (!input.requiresGrad()) {
                    throw new IllegalArgumentException("[grad] input " + i + " does not require grad: one of the"
                            + " differentiated tensors does not require grad");
                }
                Node producer = input.node();
                Node node = producer != null ? producer : input.gradAccumulator();
                int slot = producer != null ? input.outputNr : 0;
                captures.computeIfAbsent(node, k -> new ArrayList<>()).add(new int[] {slot, i});
            }
        }

        /** Iterative DFS over every edge reachable from the roots; also marks the nodes that lead to a capture. */
        private void countDependencies(Node[] rootNodes) {
            ArrayDeque<Node> stack = new ArrayDeque<>();
            for (Node root : rootNodes) {
                if (!buffers.containsKey(root)) {
                    buffers.put(root, new InputBuffer(root));
                    stack.push(root);
                }
            }
            List<Node> order = captures == null ? null : new ArrayList<>();
            while (!stack.isEmpty()) {
                Node node = stack.pop();
                if (order != null) {
                    order.add(node);
                }
                for (Node next : node.nextNodes) {
                    if (next == null) {
                        continue;
                    }
                    InputBuffer buffer = buffers.get(next);
                    if (buffer == null) {
                        buffer = new InputBuffer(next);
                        buffers.put(next, buffer);
                        stack.push(next);
                    }
                    buffer.dependencies++;
                }
            }
            if (order != null) {
                markNeeded(order);
            }
        }

        /** A node is worth running when one of its next nodes is a capture or is itself worth running. */
        private void markNeeded(List<Node> discovered) {
            needed = new IdentityHashMap<>();
            // Resolve by fixpoint over the discovery order reversed (children tend to come later); the graph is a
            // DAG, so iterating until nothing changes terminates and is usually one or two sweeps.
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int i = discovered.size() - 1; i >= 0; i--) {
                    Node node = discovered.get(i);
                    if (needed.containsKey(node)) {
                        continue;
                    }
                    for (Node next : node.nextNodes) {
                        if (next != null && (captures.containsKey(next) || needed.containsKey(next))) {
                            needed.put(node, Boolean.TRUE);
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }

        private void evaluate(Node node, Tensor[] grads, ArrayDeque<InputBuffer> ready) {
            boolean run = needed == null || needed.containsKey(node);
            List<int[]> slots = captures == null ? null : captures.get(node);
            Tensor[] out = null;
            if (run || slots != null) {
                // As PyTorch 1.13's evaluate_function: an input's gradient is captured before the tensor hooks, which
                // run (and change what flows on) only when the node itself runs.
                if (slots != null) {
                    for (int[] slotAndInput : slots) {
                        Tensor g = grads[slotAndInput[0]];
                        int k = slotAndInput[1];
                        if (g != null) {
                            captured[k] = captured[k] == null ? g : captured[k].add(g);
                        }
                    }
                }
                if (run) {
                    runOutputHooks(node, grads);
                }
                if (node instanceof AccumulateGrad leaf) {
                    if (captures == null && grads[0] != null) {
                        leaves.add(leaf); // accumulated at commit
                        leafGrads.add(grads[0]);
                    }
                    return;
                }
                if (run && anyNonNull(grads)) {
                    out = observer == null ? node.apply(grads) : observer.backward(node, grads, () -> node.apply(grads));
                    if (out.length != node.nextNodes.length) {
                        throw new IllegalStateException("[" + node.name() + "] returned " + out.length
                                + " gradients but the operation had " + node.nextNodes.length + " inputs");
                    }
                    executed.add(node);
                    if (!keepGraph) {
                        node.dropSavedReferences(); // while what it saved is still in cache; see the Note below
                    }
                }
            }
            Node[] nexts = node.nextNodes;
            for (int i = 0; i < nexts.length; i++) {
                Node next = nexts[i];
                if (next == null) {
                    continue;
                }
                InputBuffer buffer = buffers.get(next);
                if (out != null && out[i] != null) {
                    buffer.add(node.nextInputNrs[i], validate(node, i, out[i]));
                }
                if (--buffer.dependencies == 0) {
                    ready.push(buffer);
                }
            }
        }

        private static boolean anyNonNull(Tensor[] grads) {
            for (Tensor g : grads) {
                if (g != null) {
                    return true;
                }
            }
            return false;
        }

        /** Runs the tensor hooks of the node's outputs in registration order, retainGrad's place among them. */
        private void runOutputHooks(Node node, Tensor[] grads) {
            if (node.outputHooks == null) {
                return;
            }
            for (int k = 0; k < grads.length; k++) {
                List<UnaryOperator<Tensor>> hooks = node.outputHooks[k];
                if (hooks == null || grads[k] == null) {
                    continue;
                }
                for (UnaryOperator<Tensor> hook : List.copyOf(hooks)) {
                    if (hook != Node.RETAIN_GRAD) {
                        grads[k] = Node.runHook(hook, grads[k]);
                        continue;
                    }
                    Tensor t = node.retainedOutputs[k];
                    if (t != null) { // still this node's, or a base rebased onto CopySlices since (as PyTorch)
                        retained.add(t);
                        retainedGrads.add(grads[k]);
                    }
                }
            }
        }

        /** Checks gradient {@code i} returned by {@code node} against that input's metadata (PyTorch's validate_outputs). */
        private static Tensor validate(Node node, int i, Tensor grad) {
            int[] expected = node.inputShapes[i];
            int[] actual = grad.shapeArray();
            if (!Arrays.equals(expected, actual)) {
                if (!Shapes.isExpandableTo(expected, actual)) {
                    throw new IllegalStateException("[" + node.name() + "] returned an invalid gradient at index " + i
                            + ": got shape " + Arrays.toString(actual) + " but expected shape compatible with "
                            + Arrays.toString(expected));
                }
                grad = grad.sumToSize(expected);
            }
            if (grad.device() != node.inputDevices[i]) {
                throw new IllegalStateException("[" + node.name() + "] returned an invalid gradient at index " + i
                        + ": expected device " + node.inputDevices[i] + " but got " + grad.device());
            }
            if (grad.dtype() != node.inputDtypes[i]) {
                grad = grad.to(node.inputDtypes[i]);
            }
            return grad;
        }

        /**
         * Note [Failed backward changes nothing]: the writes happen here, after every node has run. The grads made
         * here belong to their tensors, never to the {@link Scope} the backward runs in.
         */
        private void commit() {
            commitGrads();
            if (!keepGraph) {
                for (Node node : executed) {
                    node.releaseVariables();
                }
            }
        }

        private void commitGrads() {
            for (int i = 0; i < retained.size(); i++) {
                Tensor t = retained.get(i);
                Tensor g = retainedGrads.get(i);
                if (t.grad == null) {
                    t.grad = createGraph ? g.clone() : g.detach().clone();
                } else {
                    t.grad = t.grad.add(g);
                }
                Scope.disown(t.grad);
            }
            for (int i = 0; i < leaves.size(); i++) {
                leaves.get(i).accumulate(leafGrads.get(i), createGraph);
            }
        }

        private Tensor[] results() {
            for (int i = 0; i < inputs.length; i++) {
                if (captured[i] == null && !allowUnused) {
                    throw new IllegalArgumentException("[grad] input " + i + " appears to not have been used in the"
                            + " graph; set allowUnused=true if this is the desired behavior");
                }
            }
            return captured;
        }
    }

    /**
     * What the engine keeps per node during one pass (PyTorch's InputBuffer plus its dependency count): how many
     * edges into the node have yet to deliver, and the gradient summed so far for each of its outputs.
     */
    private static final class InputBuffer {
        final Node node;
        int dependencies;
        private Tensor[] grads;

        InputBuffer(Node node) {
            this.node = node;
        }

        void add(int slot, Tensor grad) {
            if (grads == null) {
                grads = new Tensor[node.numOutputs];
            }
            grads[slot] = grads[slot] == null ? grad : grads[slot].add(grad);
        }

        /** The summed gradients, handed over once: the buffer lets go of them so they can be freed early. */
        Tensor[] take() {
            Tensor[] out = grads != null ? grads : new Tensor[node.numOutputs];
            grads = null;
            return out;
        }
    }
}
