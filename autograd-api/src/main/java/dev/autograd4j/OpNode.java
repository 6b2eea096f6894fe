package dev.autograd4j;

import java.util.Arrays;

/**
 * The backward node of a built-in operation: a name, the formula, and the tensors the formula needs. Ops create one
 * right after computing their forward result, only when something needs a gradient:
 * <pre>{@code
 * Tensor out = ...forward...;
 * OpNode node = OpNode.record("MulBackward0", (n, g) -> new Tensor[] {
 *         n.needsInputGrad(0) ? g[0].mul(n.saved(1)) : null,
 *         n.needsInputGrad(1) ? g[0].mul(n.saved(0)) : null}, a, b);
 * if (node != null) node.save(a, b).setOutputs(out);
 * }</pre>
 * Formulas are written with differentiable {@link Tensor} ops, never backend calls, so with {@code createGraph} the
 * backward pass is itself recorded and can be differentiated again. A gradient may be returned in a broadcast shape:
 * the engine sums it down to the input's shape (see Note [Input metadata] in {@link Node}).
 */
public final class OpNode extends Node {
    /** A backward formula: the gradients of the inputs from those of the outputs. */
    @FunctionalInterface
    public interface Backward {
        Tensor[] apply(OpNode node, Tensor[] grads);
    }

    static final String BACKWARD_TWICE = "Trying to backward through the graph a second time (or directly access"
            + " saved tensors after they have already been freed). Saved intermediate values of the graph are freed"
            + " when you call backward() or Autograd.grad(). Specify retainGraph=true if you need to backward through"
            + " the graph a second time or if you need to access saved tensors after calling backward.";

    private static final Tensor[] NONE = new Tensor[0];
    private static final int[] NO_VERSIONS = new int[0];

    private final String name;
    private final Backward backward;
    private Tensor[] saved = NONE;
    private int[] savedVersions = NO_VERSIONS;
    private boolean released;

    private OpNode(String name, Backward backward, Tensor[] inputs, int numOutputs) {
        super(inputs, numOutputs);
        this.name = name;
        this.backward = backward;
    }

    /**
     * A node for an operation with one output, or null when nothing is to be recorded: grad mode is off or no input
     * requires grad. Null inputs (an absent bias) are allowed and get no edge.
     */
    public static OpNode record(String name, Backward backward, Tensor... inputs) {
        return recordMulti(name, 1, backward, inputs);
    }

    /** Like {@link #record} for an operation with several differentiable outputs. */
    public static OpNode recordMulti(String name, int numOutputs, Backward backward, Tensor... inputs) {
        if (!isRecording(inputs)) {
            return null;
        }
        return new OpNode(name, backward, inputs, numOutputs);
    }

    /** Whether an op over these inputs would be recorded (grad mode on and some input requires grad). */
    public static boolean isRecording(Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /** Saves tensors for the backward formula; each is checked for in-place modification when read back. */
    public OpNode save(Tensor... tensors) {
        saved = tensors;
        savedVersions = new int[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i] != null) {
                savedVersions[i] = tensors[i].version();
            }
        }
        return this;
    }

    /** Makes this node the {@code gradFn} of the op's output(s), in output order. */
    public void setOutputs(Tensor... outputs) {
        if (outputs.length != numOutputs) {
            throw new IllegalStateException("[" + name + "] expected " + numOutputs + " outputs but got " + outputs.length);
        }
        for (int k = 0; k < outputs.length; k++) {
            if (outputs[k] != null) {
                outputs[k].setGradFn(this, k);
            }
        }
    }

    /** Saved tensor {@code i}; fails if the graph was freed or the tensor was modified in place since it was saved. */
    public Tensor saved(int i) {
        if (released) {
            throw new IllegalStateException("[" + name + "] " + BACKWARD_TWICE);
        }
        Tensor t = saved[i];
        if (t != null && t.version() != savedVersions[i]) {
            throw new IllegalStateException(modifiedInPlace(name, t, savedVersions[i]));
        }
        return t;
    }

    static String modifiedInPlace(String nodeName, Tensor t, int expectedVersion) {
        String producer = t.gradFn != null ? ", which is output " + t.outputNr + " of " + t.gradFn.name() : "";
        return "[" + nodeName + "] one of the variables needed for gradient computation has been modified by an"
                + " inplace operation: [" + t.dtype() + " " + Arrays.toString(t.shapeArray()) + "]" + producer
                + ", is at version " + t.version() + "; expected version " + expectedVersion + " instead";
    }

    /** The shape of forward input {@code i}. */
    public int[] inputShape(int i) {
        return inputShapes[i].clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    Tensor[] apply(Tensor[] grads) {
        if (released && saved.length > 0) {
            throw new IllegalStateException("[" + name + "] " + BACKWARD_TWICE);
        }
        return backward.apply(this, grads);
    }

    @Override
    void releaseVariables() {
        if (saved.length > 0) {
            released = true;
            saved = NONE;
        }
    }
}
