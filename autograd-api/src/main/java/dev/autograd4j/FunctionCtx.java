package dev.autograd4j;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a custom {@link Function}'s forward hands to its backward, like PyTorch's {@code ctx}: tensors saved for
 * backward (checked for in-place modification and freed after backward, exactly like a built-in op's), which
 * inputs need a gradient, which outputs are not differentiable, and any other values under a name.
 */
public final class FunctionCtx {
    private final boolean[] needsInputGrad;
    private final SavedTensors saved = new SavedTensors();
    private final Set<Tensor> nonDifferentiable = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Object> values = new HashMap<>();
    private boolean materializeGrads = true;
    String functionName;

    FunctionCtx(boolean[] needsInputGrad) {
        this.needsInputGrad = needsInputGrad;
    }

    /**
     * Saves tensors (inputs or outputs of forward) for backward.
     *
     * @param tensors the tensors backward reads through {@link #savedTensors()}
     */
    public void saveForBackward(Tensor... tensors) {
        saved.save(tensors);
    }

    /**
     * The saved tensors; fails after the graph was freed or if one was modified in place since it was saved.
     *
     * @return the saved tensors, in the order saved
     * @throws IllegalStateException if the graph was freed or a saved tensor was modified in place
     */
    public List<Tensor> savedTensors() {
        return saved.all(functionName);
    }

    /**
     * Whether argument {@code i} of forward is a tensor whose gradient is needed.
     *
     * @param i the index of a forward argument
     * @return true when backward must return a gradient for it
     */
    public boolean needsInputGrad(int i) {
        return needsInputGrad[i];
    }

    /**
     * Declares outputs that have no gradient (integer results, indices): they will not require grad.
     *
     * @param outputs outputs of forward
     */
    public void markNonDifferentiable(Tensor... outputs) {
        Collections.addAll(nonDifferentiable, outputs);
    }

    /**
     * Whether backward receives zeros (true, the default) or null for outputs that got no gradient, like
     * {@code ctx.set_materialize_grads}.
     *
     * @param materialize whether missing output gradients are passed as zeros
     */
    public void setMaterializeGrads(boolean materialize) {
        this.materializeGrads = materialize;
    }

    /**
     * Stores any value for backward under a name (PyTorch code sets attributes on ctx).
     *
     * @param key the name
     * @param value the value
     */
    public void put(String key, Object value) {
        values.put(key, value);
    }

    /**
     * A value stored with {@link #put}.
     *
     * @param <T> the type it is read as
     * @param key the name
     * @return the value
     * @throws IllegalArgumentException if nothing was stored under {@code key}
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("[" + functionName + "] nothing was put in the context under '" + key + "'");
        }
        return (T) values.get(key);
    }

    boolean isNonDifferentiable(Tensor t) {
        return nonDifferentiable.contains(t);
    }

    boolean materializeGrads() {
        return materializeGrads;
    }

    void release() {
        saved.release();
    }

    void dropSavedReferences() {
        saved.dropReferences();
    }
}
