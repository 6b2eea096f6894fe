package dev.autograd4j;

import dev.autograd4j.internal.Tracing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A node of the backward graph: the {@code grad_fn} of the tensors an operation produced. It receives one gradient
 * per output of the forward operation and returns one gradient per input. Edges point from a node to the nodes of
 * its inputs ({@link #nextFunctions()}); a leaf that requires grad is reached through its {@code AccumulateGrad}
 * node, an input that needs no gradient through no edge at all.
 *
 * <p>Note [Input metadata]: the node remembers each input's shape, dtype and device, so the engine can check every
 * gradient a backward formula returns (and reduce a broadcast gradient to the input's shape, as PyTorch does) and
 * name the node when one is wrong.
 */
public abstract class Node {
    final Node[] nextNodes;
    final int[] nextInputNrs;
    final int[][] inputShapes;
    final DType[] inputDtypes;
    final Device[] inputDevices;
    final int numOutputs;
    /** Tensor hooks of non-leaf outputs, by output number (null until one is registered). */
    List<UnaryOperator<Tensor>>[] outputHooks;
    /** Non-leaf outputs that retain their grad, by output number (null until one does). */
    Tensor[] retainedOutputs;
    /** Who watched this node being created (anomaly mode, verification), or null: see {@link Tracing}. */
    final Tracing.Observer observer;
    /** The user's stack when the forward op ran, innermost first; recorded only while observed. */
    private final StackTraceElement[] forwardStack;

    /** A node with one edge per input (none where the input needs no gradient) and {@code numOutputs} outputs. */
    Node(Tensor[] inputs, int numOutputs) {
        int n = inputs.length;
        this.nextNodes = new Node[n];
        this.nextInputNrs = new int[n];
        this.inputShapes = new int[n][];
        this.inputDtypes = new DType[n];
        this.inputDevices = new Device[n];
        this.numOutputs = numOutputs;
        this.observer = Tracing.current();
        this.forwardStack = observed();
        for (int i = 0; i < n; i++) {
            Tensor t = inputs[i];
            if (t == null) {
                continue;
            }
            inputShapes[i] = t.shapeArray();
            inputDtypes[i] = t.dtype();
            inputDevices[i] = t.device();
            Node producer = t.node();
            if (producer != null) {
                nextNodes[i] = producer;
                nextInputNrs[i] = t.outputNr;
            } else if (t.accumulatesGrad()) {
                nextNodes[i] = t.gradAccumulator();
            }
        }
    }

    /** A node whose edges and input metadata are given (CopySlices takes over another node's). */
    Node(Node[] nextNodes, int[] nextInputNrs, int[][] inputShapes, DType[] inputDtypes, Device[] inputDevices,
         int numOutputs) {
        this.nextNodes = nextNodes;
        this.nextInputNrs = nextInputNrs;
        this.inputShapes = inputShapes;
        this.inputDtypes = inputDtypes;
        this.inputDevices = inputDevices;
        this.numOutputs = numOutputs;
        this.observer = Tracing.current();
        this.forwardStack = observed();
    }

    /** Tells the observer, if any, of this new node; returns the user's stack (null when not observed). */
    private StackTraceElement[] observed() {
        if (observer == null || this instanceof AccumulateGrad) {
            return null;
        }
        StackTraceElement[] stack = Tracing.userStack();
        observer.created(this, stack);
        return stack;
    }

    /**
     * PyTorch's name for the node: {@code MulBackward0}, {@code AccumulateGrad}, {@code MyFunctionBackward}.
     *
     * @return the node's name
     */
    public abstract String name();

    /**
     * Computes the gradients of the inputs from the gradients of the outputs ({@code grads[k]} may be null when
     * output {@code k} received none). Returns one entry per input, null where none is needed.
     */
    abstract Tensor[] apply(Tensor[] grads);

    /** Frees what was saved for backward (called after a backward pass that does not retain the graph). */
    void releaseVariables() {
    }

    /**
     * Lets go of the storage references of what was saved, right after this node ran in a pass that does not keep
     * the graph (the tensors themselves stay until {@link #releaseVariables}). See Note [Saved storage references]
     * in SavedTensors.
     */
    void dropSavedReferences() {
    }

    /**
     * Whether the gradient of input {@code i} is needed by anything (PyTorch's {@code needs_input_grad}).
     *
     * @param i the index of an input of the forward operation
     * @return true when the gradient flows on to a node
     */
    public final boolean needsInputGrad(int i) {
        return nextNodes[i] != null;
    }

    /**
     * The number of inputs of the forward operation (the gradients this node returns).
     *
     * @return the number of inputs
     */
    public final int numInputs() {
        return nextNodes.length;
    }

    /**
     * The nodes this one sends gradients to, one per input (null where the input needs no gradient).
     *
     * @return an unmodifiable list of the next nodes (PyTorch's {@code next_functions}), null entries included
     */
    public final List<Node> nextFunctions() {
        return Collections.unmodifiableList(Arrays.asList(nextNodes.clone()));
    }

    /**
     * Where the user's code called the forward operation that created this node ({@code Class.method(File:line)}
     * as a frame), recorded only in anomaly mode ({@link Autograd#detectAnomaly()}) or while verifying
     * ({@code dev.autograd4j.verify.Verify}); null otherwise. The library's own frames are skipped, so this is the
     * line that called {@code Tensor}, {@code nn} or a custom {@code Function}. Like the forward traceback
     * PyTorch's anomaly mode keeps in a node's metadata.
     *
     * @return the user's frame, or null when not recorded
     */
    public final StackTraceElement callSite() {
        return forwardStack == null || forwardStack.length == 0 ? null : forwardStack[0];
    }

    /**
     * The user's stack when the forward operation ran, innermost first, starting at {@link #callSite()}; empty when
     * not recorded.
     *
     * @return a copy of the recorded frames
     */
    public final StackTraceElement[] forwardStack() {
        return forwardStack == null ? new StackTraceElement[0] : forwardStack.clone();
    }

    /**
     * Runs a tensor hook on {@code grad}: its non-null result replaces the gradient, and must keep its shape, dtype
     * and device (PyTorch's "hook has changed the size/type of value"), or a leaf would store a gradient that does
     * not fit it and a node would pass one on that its inputs cannot take.
     */
    static Tensor runHook(UnaryOperator<Tensor> hook, Tensor grad) {
        Tensor replaced = hook.apply(grad);
        if (replaced == null) {
            return grad;
        }
        String changed = !Arrays.equals(replaced.shape(), grad.shape())
                ? "shape " + Arrays.toString(grad.shape()) + " to " + Arrays.toString(replaced.shape())
                : replaced.dtype() != grad.dtype() ? "dtype " + grad.dtype() + " to " + replaced.dtype()
                : !replaced.device().equals(grad.device()) ? "device " + grad.device() + " to " + replaced.device()
                : null;
        if (changed != null) {
            throw dev.autograd4j.ops.Errors.state("hook", "a hook changed the gradient's " + changed
                    + "; a hook may return new values, not a new shape, dtype or device");
        }
        return replaced;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    final void addOutputHook(int outputNr, UnaryOperator<Tensor> hook) {
        if (outputHooks == null) {
            outputHooks = new List[numOutputs];
        }
        if (outputHooks[outputNr] == null) {
            outputHooks[outputNr] = new ArrayList<>();
        }
        outputHooks[outputNr].add(hook);
    }

    /**
     * Marks where, among output {@code k}'s hooks, its retained gradient is taken: PyTorch 1.13's retain_grad is one
     * more tensor hook, so hooks registered before it change what {@code grad()} keeps and later ones do not.
     */
    static final UnaryOperator<Tensor> RETAIN_GRAD = g -> null;

    final void dropRetainedOutput(int outputNr) {
        retainedOutputs[outputNr] = null;
        outputHooks[outputNr].remove(RETAIN_GRAD);
    }

    final void retainOutput(int outputNr, Tensor tensor) {
        if (retainedOutputs == null) {
            retainedOutputs = new Tensor[numOutputs];
        }
        if (retainedOutputs[outputNr] == null) {
            addOutputHook(outputNr, RETAIN_GRAD);
        }
        retainedOutputs[outputNr] = tensor;
    }

    @Override
    public String toString() {
        return "<" + name() + ">";
    }
}
