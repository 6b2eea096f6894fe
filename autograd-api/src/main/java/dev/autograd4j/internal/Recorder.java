package dev.autograd4j.internal;

import dev.autograd4j.Tensor;

/**
 * Records one application of a built-in op in the graph, in one null-safe chain:
 * <pre>{@code
 * Tensor out = ...forward kernel...;
 * Recorder r = Internal.record("MulBackward0", (n, g) -> new Tensor[] {
 *         n.needsInputGrad(0) ? g[0].mul(n.saved(1)) : null,
 *         n.needsInputGrad(1) ? g[0].mul(n.saved(0)) : null}, a, b);
 * return r.save(r.needsInputGrad(1) ? a : null, r.needsInputGrad(0) ? b : null).output(out);
 * }</pre>
 * When nothing is recorded (grad mode off, or no input requires grad) the recorder is {@link #NONE}, whose calls do
 * nothing, so an op is written the same way either way.
 *
 * <p>Note [What a backward closure may capture]: the closure outlives the forward call for as long as the graph
 * lives, so it captures values (shapes, dims, scalars, dtypes) and reaches tensors only through {@code n.saved(i)}.
 * It never captures a forward tensor, not even to read its shape: a captured tensor escapes the saved-tensor
 * bookkeeping (version checks, release after backward, the storage lifecycle) and keeps its memory alive.
 */
public interface Recorder {

    /** Whether this op is being recorded (some input requires grad and grad mode is on). */
    boolean isRecording();

    /** Whether input {@code i}'s gradient will be needed (false when nothing is recorded). */
    boolean needsInputGrad(int i);

    /** Saves tensors for the backward formula, read back with {@code n.saved(i)}; nulls are allowed. */
    Recorder save(Tensor... tensors);

    /** Makes the node the {@code gradFn} of the op's single output; returns {@code out}. */
    Tensor output(Tensor out);

    /** Makes the node the {@code gradFn} of each output, in output order (nulls are skipped). */
    void outputs(Tensor... outs);

    /** The recorder of an op that is not recorded. */
    Recorder NONE = new Recorder() {
        @Override
        public boolean isRecording() {
            return false;
        }

        @Override
        public boolean needsInputGrad(int i) {
            return false;
        }

        @Override
        public Recorder save(Tensor... tensors) {
            return this;
        }

        @Override
        public Tensor output(Tensor out) {
            return out;
        }

        @Override
        public void outputs(Tensor... outs) {
        }
    };
}
