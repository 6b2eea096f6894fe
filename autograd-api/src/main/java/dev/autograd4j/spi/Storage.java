package dev.autograd4j.spi;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.internal.Internal;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A flat buffer of {@link #numel()} elements of one dtype on one device, owned by a backend. Tensors are views
 * onto it; every view of one storage shares its version counter, which autograd uses to detect a tensor that was
 * modified in place after it was saved for backward (PyTorch's {@code _version}).
 *
 * <p>Note [Storage lifecycle]: the library counts the references to a storage: every tensor using it holds one until
 * it is {@linkplain dev.autograd4j.Tensor#close() closed}, and a graph that saved it for backward holds one until the
 * graph is freed. When the count drops to zero the storage is released at once: {@link #onRelease()} runs, the
 * action given to {@link #freeWith} runs, and no kernel receives the storage again. Storages whose tensors are
 * never closed are reclaimed by the garbage collector: a backend whose memory the collector cannot see (device
 * memory) registers its free action with {@link #freeWith}, which runs it through a {@link Cleaner} once the storage
 * is unreachable, if it was not released before.
 */
public abstract class Storage {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(rootGroup(), r, "autograd4j-storage-cleaner");
        t.setDaemon(true);
        return t;
    });

    /**
     * The JVM's root thread group, where the cleaner's thread lives: a Cleaner's thread ignores interrupts and runs
     * as long as the library is loaded, so in the group of whichever thread first made a storage it would hold up a
     * host that waits for its group's threads at exit (Maven's {@code exec:java} waits 15 seconds for them).
     */
    private static ThreadGroup rootGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }
    static {
        // An AtomicInteger rather than a VarHandle: every tensor creation takes a reference, and a VarHandle stays
        // slow until the JIT's last tier compiles its call site, which doubled a small graph's warm-up time.
        Internal.installStorageAccess(new Internal.StorageAccess() {
            @Override
            public void retain(Storage s) {
                s.refs.incrementAndGet();
            }

            @Override
            public void release(Storage s) {
                if (s.refs.decrementAndGet() == 0) {
                    s.releaseNow();
                }
            }

            @Override
            public void bumpVersion(Storage s) {
                synchronized (s) { // rare (in-place ops only): a lock is cheaper to carry than another atomic
                    s.version++;
                }
            }
        });
    }

    private final DType dtype;
    private final Device device;
    private final long numel;
    private final AtomicInteger refs = new AtomicInteger();
    private volatile int version;
    private volatile boolean released;
    private Cleaner.Cleanable cleanable;

    /**
     * A storage of {@code numel} elements; called by a backend's subclass, which holds the memory.
     *
     * @param dtype the element type
     * @param device the device the memory is on
     * @param numel the number of elements
     */
    protected Storage(DType dtype, Device device, long numel) {
        this.dtype = dtype;
        this.device = device;
        this.numel = numel;
    }

    /**
     * The element type.
     *
     * @return the dtype
     */
    public final DType dtype() {
        return dtype;
    }

    /**
     * The device the memory is on.
     *
     * @return the device
     */
    public final Device device() {
        return device;
    }

    /**
     * The number of elements.
     *
     * @return the element count
     */
    public final long numel() {
        return numel;
    }

    /**
     * How many in-place modifications this storage has seen.
     *
     * @return the version counter (PyTorch's {@code _version}), shared by every tensor over this storage
     */
    public final int version() {
        return version;
    }

    /**
     * Whether the storage was released (see Note [Storage lifecycle]); no kernel receives a released storage.
     *
     * @return true once the reference count reached zero
     */
    public final boolean isReleased() {
        return released;
    }

    /**
     * The Java array holding this storage's elements, for storages in JVM memory (the CPU backend's), so another
     * backend can {@linkplain Backend#transfer copy} from and to it without an intermediate array; null for device
     * memory. Element {@code i} of the storage is element {@code i} of the array.
     *
     * @return the backing primitive array, or null
     */
    public Object hostArray() {
        return null;
    }

    /**
     * Registers the action that frees this storage's memory: it runs exactly once, when the storage is released or,
     * failing that, once the storage is unreachable. It must not refer to this storage (or it would never become
     * unreachable): capture the pointer, not the object. Call it once, from the constructor of a subclass.
     *
     * @param free the action that frees the memory; must not capture this storage
     * @throws IllegalStateException if an action was already registered
     */
    protected final void freeWith(Runnable free) {
        if (cleanable != null) {
            throw new IllegalStateException("[storage] a free action is already registered");
        }
        cleanable = CLEANER.register(this, free);
    }

    /** Runs when the storage is released, before the {@link #freeWith} action: the CPU backend drops its array. */
    protected void onRelease() {
    }

    private void releaseNow() {
        released = true;
        onRelease();
        Cleaner.Cleanable c = cleanable;
        if (c != null) {
            c.clean();
        }
    }
}
