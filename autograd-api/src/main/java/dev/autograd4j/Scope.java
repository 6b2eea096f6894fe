package dev.autograd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A region of code whose tensors are closed when it ends: every tensor created on this thread while the scope is
 * open (results and every intermediate an op makes) is {@linkplain Tensor#close() closed} by {@link #close()},
 * except those {@linkplain #keep kept}. On a GPU this returns memory as soon as a step ends instead of when the
 * garbage collector gets to it.
 * <pre>{@code
 * for (Batch batch : batches) {
 *     try (Scope scope = Tensors.scope()) {
 *         Tensor loss = Functional.crossEntropy(model(batch.x()), batch.y());
 *         loss.backward();                 // parameters' grads belong to the parameters, not to the scope
 *         step(parameters);
 *         lastLoss = scope.keep(loss.detach());
 *     }                                    // every other tensor of the step is closed here
 * }
 * }</pre>
 *
 * <p>Scopes nest: a tensor belongs to the innermost open scope of the thread that created it, and a kept tensor moves
 * to the enclosing scope (or to no scope at the outermost level). A leaf's {@code grad} and a retained grad are
 * never registered with a scope: they belong to their tensor. Tensors saved by a graph stay valid until the graph
 * is freed even when the scope closes them (see Note [Storage lifecycle] in {@link dev.autograd4j.spi.Storage}).
 * Scopes must be closed in the reverse order they were opened, on the thread that opened them.
 */
public final class Scope implements AutoCloseable {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    /** Scopes open on any thread: while there are none, creating a tensor skips the thread-local lookup. */
    private static volatile int openScopes;

    private final Scope parent;
    private final Thread owner;
    /** An untracked region ({@link Tensors#untracked()}): tensors created in it belong to no scope. */
    private final boolean untracked;
    private List<Tensor> tensors = new ArrayList<>();
    private Set<Tensor> kept;
    /** Tensors made in this scope that belong to something else (a leaf's grad): neither closed nor passed on. */
    private Set<Tensor> disowned;
    private boolean closed;

    private Scope(Scope parent, boolean untracked) {
        this.parent = parent;
        this.owner = Thread.currentThread();
        this.untracked = untracked;
    }

    static Scope open() {
        return open(false);
    }

    /** While the returned scope is open, new tensors on this thread belong to no scope. */
    static Scope untracked() {
        return open(true);
    }

    private static Scope open(boolean untracked) {
        Scope scope = new Scope(CURRENT.get(), untracked);
        CURRENT.set(scope);
        synchronized (Scope.class) {
            openScopes++;
        }
        return scope;
    }

    /** Called for every new tensor. */
    static void register(Tensor t) {
        if (openScopes == 0) {
            return;
        }
        Scope s = CURRENT.get();
        if (s != null && !s.untracked) {
            s.tensors.add(t);
        }
    }

    /**
     * Takes {@code t}, just created on this thread, out of the scope it was registered in: it belongs to something
     * else (the engine gives a leaf's new grad to the leaf). Returns {@code t}. Costs nothing when no scope is open.
     */
    static Tensor disown(Tensor t) {
        if (openScopes == 0) {
            return t;
        }
        Scope s = CURRENT.get();
        if (s != null && !s.untracked) {
            if (s.disowned == null) {
                s.disowned = Collections.newSetFromMap(new IdentityHashMap<>());
            }
            s.disowned.add(t);
        }
        return t;
    }

    /**
     * Keeps {@code tensor} open when this scope closes: it moves to the enclosing scope, if there is one. Returns
     * {@code tensor}, so a result can be kept where it is computed.
     *
     * @param tensor a tensor created in this scope (or any tensor)
     * @return {@code tensor}
     * @throws IllegalStateException if this scope is already closed
     */
    public Tensor keep(Tensor tensor) {
        if (closed) {
            throw new IllegalStateException("[scope] keep() on a scope that is already closed");
        }
        if (kept == null) {
            kept = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        kept.add(tensor);
        return tensor;
    }

    /**
     * Keeps every tensor of {@code tensors} (see {@link #keep(Tensor)}).
     *
     * @param tensors the tensors to keep
     * @throws IllegalStateException if this scope is already closed
     */
    public void keep(Tensor... tensors) {
        for (Tensor t : tensors) {
            keep(t);
        }
    }

    /**
     * How many tensors this scope will close (created in it and not kept).
     *
     * @return the number of tensors that closing this scope would close
     */
    public int size() {
        int n = 0;
        for (Tensor t : tensors) {
            if ((kept == null || !kept.contains(t)) && (disowned == null || !disowned.contains(t))) {
                n++;
            }
        }
        return n;
    }

    /** Closes every tensor created in this scope except the kept ones, which move to the enclosing scope. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("[scope] a scope must be closed by the thread that opened it (" + owner.getName()
                    + "), not by " + Thread.currentThread().getName());
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("[scope] scopes must be closed in the reverse order they were opened");
        }
        closed = true;
        CURRENT.set(parent);
        synchronized (Scope.class) {
            openScopes--;
        }
        List<Tensor> mine = tensors;
        tensors = List.of();
        Scope heir = parent;
        while (heir != null && heir.untracked) {
            heir = heir.parent;
        }
        RuntimeException failure = null;
        for (Tensor t : mine) {
            if (disowned != null && disowned.contains(t)) {
                continue;
            }
            if (kept != null && kept.contains(t)) {
                if (heir != null) {
                    heir.tensors.add(t);
                }
                continue;
            }
            try {
                t.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
