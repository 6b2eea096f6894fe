package dev.autograd4j;

import dev.autograd4j.internal.Backward;
import dev.autograd4j.internal.Recorder;

/**
 * The backward node of a built-in operation: PyTorch's node name, the formula, and the tensors the formula needs.
 * Ops create one through {@link dev.autograd4j.internal.Internal#record}, right after their forward kernel, and only
 * when something needs a gradient (see {@link Recorder} for the pattern and Note [What a backward closure may
 * capture]). Formulas are written with differentiable {@link Tensor} ops, never backend calls, so with
 * {@code createGraph} the backward pass is itself recorded and can be differentiated again. A gradient may be
 * returned in a broadcast shape: the engine sums it down to the input's shape (see Note [Input metadata] in
 * {@link Node}).
 */
final class OpNode extends Node implements Recorder, Backward.Context {
    private final String name;
    private final Backward backward;
    /** What the formula needs; null until something is saved (most nodes of a small graph save nothing). */
    private SavedTensors saved;

    private OpNode(String name, Backward backward, Tensor[] inputs, int numOutputs) {
        super(inputs, numOutputs);
        this.name = name;
        this.backward = backward;
    }

    /** A node over {@code inputs} (nulls allowed: they get no edge), or {@link Recorder#NONE} when not recording. */
    static Recorder record(String name, int numOutputs, Backward backward, Tensor[] inputs) {
        if (!isRecording(inputs)) {
            return Recorder.NONE;
        }
        return new OpNode(name, backward, inputs, numOutputs);
    }

    /** A node recorded whatever the grad mode (a view's regenerated history, see Tensor.node()). */
    static OpNode always(String name, Backward backward, Tensor... inputs) {
        return new OpNode(name, backward, inputs, 1);
    }

    /** Whether an op over these inputs would be recorded (grad mode on and some input requires grad). */
    static boolean isRecording(Tensor[] inputs) {
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

    @Override
    public boolean isRecording() {
        return true;
    }

    @Override
    public Recorder save(Tensor... tensors) {
        if (saved == null) {
            saved = new SavedTensors();
        }
        saved.save(tensors);
        return this;
    }

    @Override
    public Tensor output(Tensor out) {
        if (numOutputs != 1) {
            throw new IllegalStateException("[" + name + "] expected " + numOutputs + " outputs but got 1");
        }
        out.setGradFn(this, 0);
        return out;
    }

    @Override
    public void outputs(Tensor... outs) {
        if (outs.length != numOutputs) {
            throw new IllegalStateException("[" + name + "] expected " + numOutputs + " outputs but got " + outs.length);
        }
        for (int k = 0; k < outs.length; k++) {
            if (outs[k] != null) {
                outs[k].setGradFn(this, k);
            }
        }
    }

    @Override
    public Tensor saved(int i) {
        if (saved == null) {
            throw new IndexOutOfBoundsException("[" + name + "] saved tensor " + i + " was never saved");
        }
        return saved.get(name, i);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    Tensor[] apply(Tensor[] grads) {
        if (saved != null && saved.isReleased()) {
            throw new IllegalStateException("[" + name + "] " + SavedTensors.BACKWARD_TWICE);
        }
        return backward.apply(this, grads);
    }

    @Override
    void releaseVariables() {
        if (saved != null && !saved.isEmpty()) {
            saved.release();
        }
    }

    @Override
    void dropSavedReferences() {
        if (saved != null) {
            saved.dropReferences();
        }
    }
}
