package dev.autograd4j;

/** Returned by {@link Tensor#registerHook}; {@link #remove()} unregisters the hook. */
@FunctionalInterface
public interface RemovableHandle {
    /** Unregisters the hook, like {@code handle.remove()}; removing twice does nothing. */
    void remove();
}
