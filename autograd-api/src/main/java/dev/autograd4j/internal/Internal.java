package dev.autograd4j.internal;

import dev.autograd4j.Tensor;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.View;

import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * The library's internal access to {@link Tensor}'s package-private state, for the op implementations in
 * {@code dev.autograd4j.ops}. Neither package is exported by the module, and the methods it reaches are not public
 * on {@code Tensor}, so users cannot call them. {@code Tensor} installs the implementation when it is initialised
 * (the pattern the JDK calls shared secrets).
 */
public final class Internal {

    /**
     * What {@code Tensor} exposes to the ops. An abstract class with one subclass rather than an interface, so that
     * even the JIT's first tier binds these calls statically (they run several times per op).
     */
    public abstract static class Access {
        public abstract View view(Tensor t);

        public abstract Tensor wrap(View view);

        public abstract Tensor alias(Tensor base, View view, boolean differentiable);

        public abstract Recorder record(String name, int numOutputs, Backward backward, Tensor[] inputs);

        public abstract boolean isRecording(Tensor[] inputs);

        public abstract void rebaseHistory(Tensor self, Tensor result);

        public abstract Tensor base(Tensor t);

        public abstract boolean isDifferentiableView(Tensor t);

        public abstract boolean isNoGradView(Tensor t);

        public abstract void markMultiOutputViews(List<Tensor> views);

        public abstract boolean isMultiOutputView(Tensor t);

        public abstract void bumpVersion(Tensor t);

        public abstract boolean isLeafRequiringGrad(Tensor t);
    }

    /** What {@code Storage} exposes to the library: its reference count and version counter. */
    public abstract static class StorageAccess {
        public abstract void retain(Storage s);

        public abstract void release(Storage s);

        public abstract void bumpVersion(Storage s);
    }

    // Plain fields, read on every op: each is written once, in a class initialiser, and a reader that finds null
    // forces that initialisation (whose completion happens-before the read that follows it).
    private static Access access;
    private static StorageAccess storageAccess;

    private Internal() {
    }

    /** Called once, by {@code Tensor}'s static initialiser. */
    public static void install(Access implementation) {
        if (access != null) {
            throw new IllegalStateException("[internal] access is already installed");
        }
        access = implementation;
    }

    /** Called once, by {@code Storage}'s static initialiser. */
    public static void installStorageAccess(StorageAccess implementation) {
        if (storageAccess != null) {
            throw new IllegalStateException("[internal] storage access is already installed");
        }
        storageAccess = implementation;
    }

    /** Takes a reference to a storage (see Note [Storage lifecycle] in {@link Storage}). */
    public static void retain(Storage s) {
        storage().retain(s);
    }

    /** Drops a reference to a storage; the last one releases it. */
    public static void release(Storage s) {
        storage().release(s);
    }

    /** Bumps a storage's version counter after an in-place write. */
    public static void bumpVersion(Storage s) {
        storage().bumpVersion(s);
    }

    private static StorageAccess storage() {
        StorageAccess a = storageAccess;
        return a != null ? a : initialisedStorageAccess();
    }

    private static StorageAccess initialisedStorageAccess() {
        try {
            MethodHandles.lookup().ensureInitialized(Storage.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("[internal] cannot initialise Storage", e);
        }
        return storageAccess;
    }

    /** Kept tiny so that even the first JIT tier inlines it into every op; the rare path is out of line. */
    private static Access access() {
        Access a = access;
        return a != null ? a : initialisedAccess();
    }

    private static Access initialisedAccess() {
        try {
            MethodHandles.lookup().ensureInitialized(Tensor.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("[internal] cannot initialise Tensor", e);
        }
        return access;
    }

    /** The strided view of the storage a tensor reads. */
    public static View view(Tensor t) {
        return access().view(t);
    }

    /** A tensor owning {@code view}, with no history. */
    public static Tensor wrap(View view) {
        return access().wrap(view);
    }

    /**
     * A tensor that is a view of {@code base} (same storage and version counter), with no history yet: a view op's
     * result (a differentiable view, when grad mode is on: it follows in-place changes of its base's history).
     */
    public static Tensor alias(Tensor base, View view) {
        return access().alias(base, view, true);
    }

    /** Like {@link #alias}, for the library's own reinterpretations of data (index views): not a differentiable view. */
    public static Tensor aliasData(Tensor base, View view) {
        return access().alias(base, view, false);
    }

    /** Records a one-output op over {@code inputs} (see {@link Recorder}); {@link Recorder#NONE} when not recording. */
    public static Recorder record(String name, Backward backward, Tensor... inputs) {
        return access().record(name, 1, backward, inputs);
    }

    /** Whether an op over these inputs would be recorded (grad mode on and some input requires grad). */
    public static boolean isRecording(Tensor... inputs) {
        return access().isRecording(inputs);
    }

    /**
     * After an in-place op wrote {@code result} into {@code self} (call it before bumping the version): {@code self}'s
     * history becomes {@code result}'s node, or, when {@code self} is a differentiable view, its base's history becomes
     * a CopySlices node wrapping it (PyTorch's rebase_history).
     */
    public static void rebaseHistory(Tensor self, Tensor result) {
        access().rebaseHistory(self, result);
    }

    /** The tensor {@code t} is a view of (the root of a chain of views), or null. */
    public static Tensor base(Tensor t) {
        return access().base(t);
    }

    /** A view made by a view op in grad mode: it follows in-place changes of its base's history. */
    public static boolean isDifferentiableView(Tensor t) {
        return access().isDifferentiableView(t);
    }

    /** A view made by a view op in no-grad mode: PyTorch forbids recording an in-place op on it. */
    public static boolean isNoGradView(Tensor t) {
        return access().isNoGradView(t);
    }

    /**
     * Marks the views split, chunk and unbind return (PyTorch's multi-output views): recording an in-place op on
     * one, or on a view of one, is PyTorch's error. Views made in no-grad mode are left alone.
     *
     * @param views the pieces
     * @return the same list
     */
    public static List<Tensor> markMultiOutputViews(List<Tensor> views) {
        access().markMultiOutputViews(views);
        return views;
    }

    /** A view returned by split, chunk or unbind (or a view of one) in grad mode. */
    public static boolean isMultiOutputView(Tensor t) {
        return access().isMultiOutputView(t);
    }

    /** Bumps the version counter after an in-place write. */
    public static void bumpVersion(Tensor t) {
        access().bumpVersion(t);
    }

    /** A leaf that the user marked as requiring grad (no history). */
    public static boolean isLeafRequiringGrad(Tensor t) {
        return access().isLeafRequiringGrad(t);
    }
}
