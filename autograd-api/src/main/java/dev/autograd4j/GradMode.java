package dev.autograd4j;

/**
 * Whether operations record the graph, per thread, like {@code torch.no_grad()} / {@code torch.enable_grad()}.
 * Scopes nest and restore the previous state when closed:
 * <pre>{@code
 * try (var guard = GradMode.noGrad()) {
 *     w.sub_(w.grad().mul(lr));   // not recorded
 * }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {
    }

    /**
     * Whether ops on this thread record the graph, like {@code torch.is_grad_enabled()}.
     *
     * @return true unless a no-grad scope is open
     */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /**
     * Sets the mode for this thread (prefer the scoped {@link #noGrad()} / {@link #enableGrad()}).
     *
     * @param enabled whether ops record
     */
    public static void setEnabled(boolean enabled) {
        ENABLED.get()[0] = enabled;
    }

    /**
     * Disables recording until the returned guard is closed.
     *
     * @return a guard whose {@code close()} restores the previous mode
     */
    public static Guard noGrad() {
        return set(false);
    }

    /**
     * Enables recording until the returned guard is closed (inside a no-grad scope, for instance).
     *
     * @return a guard whose {@code close()} restores the previous mode
     */
    public static Guard enableGrad() {
        return set(true);
    }

    static Guard set(boolean enabled) {
        boolean[] state = ENABLED.get();
        Guard guard = new Guard(state, state[0]);
        state[0] = enabled;
        return guard;
    }

    /** Restores the previous grad mode when closed. */
    public static final class Guard implements AutoCloseable {
        private final boolean[] state;
        private final boolean previous;

        private Guard(boolean[] state, boolean previous) {
            this.state = state;
            this.previous = previous;
        }

        @Override
        public void close() {
            state[0] = previous;
        }
    }
}
