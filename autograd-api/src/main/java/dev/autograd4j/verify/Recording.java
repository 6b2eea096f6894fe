package dev.autograd4j.verify;

import dev.autograd4j.GradMode;
import dev.autograd4j.Node;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.internal.Tracing;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One run of a model under verification: every node in the order it was created, with a host copy of its outputs
 * (when they were attached), of the gradients it received and of those it returned (when backward ran it).
 */
final class Recording implements Tracing.Observer {

    /** A tensor's values as doubles, with its shape and dtype; null values for a closed tensor. */
    record Values(int[] shape, dev.autograd4j.DType dtype, double[] values) {
        static Values of(Tensor t) {
            if (t == null) {
                return null;
            }
            try (Scope ignored = Tensors.untracked(); GradMode.Guard noGrad = GradMode.noGrad()) {
                return new Values(t.shape(), t.dtype(), t.isClosed() ? null : t.toDoubleArray());
            }
        }
    }

    /** What was seen of one node. */
    static final class Entry {
        final Node node;
        final StackTraceElement[] stack;
        Values[] outputs;
        Values[] gradOutputs;
        Values[] gradInputs;
        /** The position of this node among those backward ran, or -1. */
        int backwardOrder = -1;

        Entry(Node node, StackTraceElement[] stack) {
            this.node = node;
            this.stack = stack;
        }

        StackTraceElement site() {
            return stack.length == 0 ? null : stack[0];
        }
    }

    final List<Entry> entries = new ArrayList<>();
    private final Map<Node, Entry> byNode = new IdentityHashMap<>();
    private int backwardCount;
    private boolean closed;

    /** Stops recording: nodes created during this run but used later are no longer watched. */
    void close() {
        closed = true;
    }

    @Override
    public void created(Node node, StackTraceElement[] stack) {
        if (closed) {
            return;
        }
        Entry e = new Entry(node, stack);
        entries.add(e);
        byNode.put(node, e);
    }

    @Override
    public void output(Node node, int outputNr, Tensor output) {
        Entry e = closed ? null : byNode.get(node);
        if (e == null) {
            return;
        }
        if (e.outputs == null) {
            e.outputs = new Values[Math.max(outputNr + 1, 1)];
        } else if (e.outputs.length <= outputNr) {
            e.outputs = java.util.Arrays.copyOf(e.outputs, outputNr + 1);
        }
        e.outputs[outputNr] = Values.of(output);
    }

    @Override
    public Tensor[] backward(Node node, Tensor[] gradOutputs, Supplier<Tensor[]> apply) {
        Entry e = closed ? null : byNode.get(node);
        Tensor[] grads = apply.get();
        if (e != null) {
            e.backwardOrder = backwardCount++;
            e.gradOutputs = snapshot(gradOutputs);
            e.gradInputs = snapshot(grads);
        }
        return grads;
    }

    private static Values[] snapshot(Tensor[] tensors) {
        if (tensors == null) {
            return new Values[0];
        }
        Values[] out = new Values[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            out[i] = Values.of(tensors[i]);
        }
        return out;
    }
}
