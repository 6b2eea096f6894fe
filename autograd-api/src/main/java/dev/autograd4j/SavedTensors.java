package dev.autograd4j;

import dev.autograd4j.internal.Internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The tensors a node saved for its backward (PyTorch's SavedVariable, for a built-in op's {@link OpNode} and a
 * custom function's {@link FunctionCtx} alike). Each is checked against the version it had when saved, so a backward
 * never reads values that were modified in place since; after a backward that does not retain the graph they are
 * released, and reading them is PyTorch's "backward through the graph a second time" error.
 *
 * <p>Saving takes a reference to each tensor's storage until the tensors are released, so a tensor the user (or a
 * {@link Scope}) closes stays readable by the graph: reading it back then gives a stand-in that borrows the saved
 * storage and carries the original's autograd identity (its {@code gradFn}, or its leaf's gradient accumulator), so
 * a recorded backward still differentiates through it.
 *
 * <p>Note [Saved storage references]: a pass that frees the graph lets go of those references as each node finishes
 * (the storages are still in cache then; touching them all again at the end of the pass cost a fifth of a small
 * graph's backward), but keeps the tensors until the pass has succeeded (Note [Failed backward changes nothing] in
 * Engine). So after a failed pass the graph is intact but no longer keeps closed tensors' memory: a retried
 * backward that reads a tensor closed in between fails with the closed-tensor error instead of reading it.
 */
final class SavedTensors {
    static final String BACKWARD_TWICE = "Trying to backward through the graph a second time (or directly access"
            + " saved tensors after they have already been freed). Saved intermediate values of the graph are freed"
            + " when you call backward() or Autograd.grad(). Specify retainGraph=true if you need to backward through"
            + " the graph a second time or if you need to access saved tensors after calling backward.";

    private static final Tensor[] NONE = new Tensor[0];
    private static final int[] NO_VERSIONS = new int[0];

    private Tensor[] tensors = NONE;
    private boolean referencesDropped;
    private Tensor[] standIns;
    private int[] versions = NO_VERSIONS;
    private boolean released;

    void save(Tensor[] toSave) {
        Tensor[] copy = toSave.clone();
        int[] v = new int[copy.length];
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] != null) {
                v[i] = copy[i].version();
                Internal.retain(copy[i].view.storage);
            }
        }
        dropReferences();
        tensors = copy;
        versions = v;
        referencesDropped = false;
        standIns = null;
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
        if (t == null) {
            return null;
        }
        if (t.version() != versions[i]) {
            throw new IllegalStateException(modifiedInPlace(owner, t, versions[i]));
        }
        if (!t.isClosed()) {
            return t;
        }
        synchronized (this) {
            if (standIns == null) {
                standIns = new Tensor[tensors.length];
            }
            if (standIns[i] == null) {
                standIns[i] = Tensor.standIn(t);
            }
            return standIns[i];
        }
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
        dropReferences();
        tensors = NONE;
        versions = NO_VERSIONS;
        standIns = null;
    }

    /** Releases the storage references taken by {@link #save}, once. */
    void dropReferences() {
        if (referencesDropped) {
            return;
        }
        referencesDropped = true;
        for (Tensor t : tensors) {
            if (t != null) {
                Internal.release(t.view.storage);
            }
        }
    }

    static String modifiedInPlace(String owner, Tensor t, int expectedVersion) {
        Node producer = t.gradFn();
        String by = producer != null ? ", which is output " + t.outputNr() + " of " + producer.name() : "";
        return "[" + owner + "] one of the variables needed for gradient computation has been modified by an"
                + " inplace operation: [" + t.dtype() + " " + Arrays.toString(t.shape()) + "]" + by
                + ", is at version " + t.version() + "; expected version " + expectedVersion + " instead";
    }
}
