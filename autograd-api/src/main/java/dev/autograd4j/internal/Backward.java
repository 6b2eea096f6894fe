package dev.autograd4j.internal;

import dev.autograd4j.Tensor;

/** A backward formula: the gradients of an op's inputs from those of its outputs (see {@link Recorder}). */
@FunctionalInterface
public interface Backward {

    /** {@code grads[k]} is output {@code k}'s gradient (null if it got none); returns one entry per input. */
    Tensor[] apply(Context n, Tensor[] grads);

    /** What a formula sees of its node. */
    interface Context {
        /** Saved tensor {@code i}; fails if the graph was freed or the tensor modified in place since. */
        Tensor saved(int i);

        /** Whether input {@code i}'s gradient is needed (PyTorch's {@code needs_input_grad}). */
        boolean needsInputGrad(int i);
    }
}
