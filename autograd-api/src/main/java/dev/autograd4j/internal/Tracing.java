package dev.autograd4j.internal;

import dev.autograd4j.Node;
import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Watching the graph as it is recorded and run, for anomaly mode and gradient verification
 * ({@code dev.autograd4j.verify}). An {@link Observer} installed on a thread sees every node created on it (with the
 * user's call site), every output a node is given, and every backward call of a node in a pass started on it.
 *
 * <p>Note [Tracing costs nothing when off]: node creation reads one static counter ({@link #current()}); only when
 * some thread has an observer does it read the thread-local, and only then walk the stack. The engine reads
 * {@link #current()} once per backward pass.
 */
public final class Tracing {
    /** How many observers are installed, on all threads: zero lets {@link #current()} skip the thread-local. */
    private static final AtomicInteger INSTALLED = new AtomicInteger();
    private static final ThreadLocal<Observer> CURRENT = new ThreadLocal<>();
    /** The user's frame and the frames below it kept for a node: enough to show how the op was reached. */
    private static final int MAX_FRAMES = 24;
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    /** Whether a class is the library's own code (loaded from where {@link Tensor} was) or the JDK's. */
    private static final ClassValue<Boolean> LIBRARY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            String name = c.getName();
            if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
                return true;
            }
            var home = Tensor.class.getProtectionDomain().getCodeSource();
            var source = c.getProtectionDomain().getCodeSource();
            if (home == null || source == null) {
                return c.getModule().isNamed() && c.getModule() == Tensor.class.getModule();
            }
            return home.getLocation() != null && home.getLocation().equals(source.getLocation());
        }
    };

    private Tracing() {
    }

    /** What an anomaly detector or a verifier sees of the graph on its thread. */
    public interface Observer {
        /**
         * A node was created (before its outputs are attached).
         *
         * @param node  the new node
         * @param stack the user's stack at the forward call, innermost first (see {@link #userStack()})
         */
        void created(Node node, StackTraceElement[] stack);

        /**
         * A tensor became an output of a node.
         *
         * @param node     the node
         * @param outputNr which of its outputs
         * @param output   the tensor
         */
        void output(Node node, int outputNr, Tensor output);

        /**
         * The engine is about to run {@code node}'s backward on {@code gradOutputs} ({@code apply} runs it and
         * returns the gradients of the node's inputs).
         *
         * @param node        the node
         * @param gradOutputs the gradients of its outputs (null where one received none)
         * @param apply       runs the node's backward
         * @return what {@code apply} returned
         */
        Tensor[] backward(Node node, Tensor[] gradOutputs, Supplier<Tensor[]> apply);
    }

    /**
     * The observer of this thread, found cheaply when no thread has one.
     *
     * @return the observer, or null
     */
    public static Observer current() {
        return INSTALLED.get() == 0 ? null : CURRENT.get();
    }

    /**
     * Installs {@code observer} on this thread until the returned handle is closed, which restores the one before
     * (scopes nest).
     *
     * @param observer what watches the graph on this thread
     * @return the handle whose close uninstalls it
     */
    public static AutoCloseableNoThrow install(Observer observer) {
        Observer previous = CURRENT.get();
        CURRENT.set(observer);
        INSTALLED.incrementAndGet();
        boolean[] closed = {false};
        return () -> {
            if (!closed[0]) {
                closed[0] = true;
                INSTALLED.decrementAndGet();
                CURRENT.set(previous);
            }
        };
    }

    /** An {@link AutoCloseable} whose close throws nothing. */
    public interface AutoCloseableNoThrow extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The stack of the code that called into the library, innermost first: frames of the library's own classes
     * (those loaded from where {@link Tensor} was) and of the JDK are skipped until the first other frame, which is
     * the user's call site; from there on up to {@value #MAX_FRAMES} frames are kept. Empty when every frame is the
     * library's.
     *
     * @return the frames, innermost first
     */
    public static StackTraceElement[] userStack() {
        return WALKER.walk(frames -> {
            List<StackTraceElement> out = new ArrayList<>();
            frames.dropWhile(f -> LIBRARY.get(f.getDeclaringClass())).limit(MAX_FRAMES)
                    .forEach(f -> out.add(f.toStackTraceElement()));
            return out.toArray(new StackTraceElement[0]);
        });
    }

    /**
     * A frame the way a stack trace shows it, without the module prefix.
     *
     * @param site the frame, or null
     * @return {@code Class.method(File.java:42)}, or {@code (not recorded)} for null
     */
    public static String format(StackTraceElement site) {
        if (site == null) {
            return "(not recorded)";
        }
        String file = site.getFileName() == null ? "Unknown Source"
                : site.getLineNumber() >= 0 ? site.getFileName() + ":" + site.getLineNumber() : site.getFileName();
        return site.getClassName() + "." + site.getMethodName() + "(" + file + ")";
    }
}
