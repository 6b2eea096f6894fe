package dev.autograd4j;

/** Tensor lifecycle helpers: scopes that close what a block of code created (see {@link Scope}). */
public final class Tensors {
    private Tensors() {
    }

    /**
     * Opens a scope on this thread: every tensor created until it is closed is closed with it, except those
     * {@linkplain Scope#keep kept}. Use it in try-with-resources.
     */
    public static Scope scope() {
        return Scope.open();
    }
}
