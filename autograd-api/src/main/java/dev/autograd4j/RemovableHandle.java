package dev.autograd4j;

/** Returned by {@link Tensor#registerHook}; {@link #remove()} unregisters the hook. */
@FunctionalInterface
public interface RemovableHandle {
    void remove();
}
