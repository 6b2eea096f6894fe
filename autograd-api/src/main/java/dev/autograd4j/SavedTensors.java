package dev.autograd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The tensors a node saved for its backward (PyTorch's SavedVariable, for a built-in op's {@link OpNode} and a
 * custom function's {@link FunctionCtx} alike). Each is checked against the version it had when saved, so a backward
 * never reads values that were modified in place since; after a backward that does not retain the graph they are
 * released, and reading them is PyTorch's "backward through the graph a second time" error.
 */
final class SavedTensors {
    static final String BACKWARD_TWICE = "Trying to backward through the graph a second time (or directly access"
            + " saved tensors after they have already been freed). Saved intermediate values of the graph are freed"
            + " when you call backward() or Autograd.grad(). Specify retainGraph=true if you need to backward through"
            + " the graph a second time or if you need to access saved tensors after calling backward.";

    private static final Tensor[] NONE = new Tensor[0];
    private static final int[] NO_VERSIONS = new int[0];

    private Tensor[] tensors = NONE;
    private int[] versions = NO_VERSIONS;
    private boolean released;

    void save(Tensor[] toSave) {
        Tensor[] copy = toSave.clone();
        int[] v = new int[copy.length];
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] != null) {
                v[i] = copy[i].version();
            }
        }
        tensors = copy;
        versions = v;
    }

    boolean isEmpty() {
        return tensors.length == 0;
    }

    boolean isReleased() {
        return released;
    }

    /** Saved tensor {@code i}, checked; {@code owner} names the node in errors. */
    Tensor get(String owner, int i) {
        if (released) {
            throw new IllegalStateException("[" + owner + "] " + BACKWARD_TWICE);
        }
        Tensor t = tensors[i];
        if (t != null && t.version() != versions[i]) {
            throw new IllegalStateException(modifiedInPlace(owner, t, versions[i]));
        }
        return t;
    }

    /** Every saved tensor, checked. */
    List<Tensor> all(String owner) {
        if (released) {
            throw new IllegalStateException("[" + owner + "] " + BACKWARD_TWICE);
        }
        List<Tensor> out = new ArrayList<>(tensors.length);
        for (int i = 0; i < tensors.length; i++) {
            out.add(get(owner, i));
        }
        return Collections.unmodifiableList(out);
    }

    /** Lets go of the saved tensors (after a backward that does not retain the graph). */
    void release() {
        released = true;
        tensors = NONE;
        versions = NO_VERSIONS;
    }

    static String modifiedInPlace(String owner, Tensor t, int expectedVersion) {
        Node producer = t.gradFn();
        String by = producer != null ? ", which is output " + t.outputNr() + " of " + producer.name() : "";
        return "[" + owner + "] one of the variables needed for gradient computation has been modified by an"
                + " inplace operation: [" + t.dtype() + " " + Arrays.toString(t.shape()) + "]" + by
                + ", is at version " + t.version() + "; expected version " + expectedVersion + " instead";
    }
}
