package dev.autograd4j;

/** Tensor lifecycle helpers: scopes that close what a block of code created (see {@link Scope}). */
public final class Tensors {
    private Tensors() {
    }

    /**
     * Opens a scope on this thread: every tensor created until it is closed is closed with it, except those
     * {@linkplain Scope#keep kept}. Use it in try-with-resources.
     *
     * <pre>{@code
     * Tensor loss;
     * try (Scope scope = Tensors.scope()) {
     *     Tensor h = x.matmul(w).relu();          // closed with the scope
     *     loss = scope.keep(h.sum());             // moved to the enclosing scope, or to no scope
     * }
     * }</pre>
     *
     * @return the scope, to close (it closes its tensors)
     */
    public static Scope scope() {
        return Scope.open();
    }

    /**
     * Opens a region whose new tensors belong to no scope, even inside one: for state that outlives the step that
     * creates it, as a leaf's {@code grad} does (an optimizer's moments made on its first step, a module's parameters
     * moved by {@code to}). Its owner closes such a tensor, or the garbage collector frees it. Use it in
     * try-with-resources, and close it before the enclosing scope.
     *
     * @return the region, to close
     */
    public static Scope untracked() {
        return Scope.untracked();
    }
}
