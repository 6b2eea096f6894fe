package dev.autograd4j.verify;

import dev.autograd4j.internal.Tracing;

/**
 * What anomaly mode throws when a node's backward fails or returns NaN or infinite values: the node's name, and the
 * line of the user's code whose forward call created it (its whole forward stack is attached as a suppressed
 * exception, so a printed stack trace shows both where backward failed and where the forward ran, as PyTorch's
 * anomaly mode prints the forward traceback).
 */
public final class AnomalyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    /** The name of the node whose backward failed, as {@code gradFn().name()} gives it. */
    private final String nodeName;
    private final transient StackTraceElement callSite;

    AnomalyException(String nodeName, String problem, StackTraceElement[] forwardStack, Throwable cause) {
        super("[" + nodeName + "] " + problem + "; the forward call that created it: "
                + (forwardStack.length == 0 ? "(not recorded: the node was created outside anomaly mode)"
                : Tracing.format(forwardStack[0])), cause);
        this.nodeName = nodeName;
        this.callSite = forwardStack.length == 0 ? null : forwardStack[0];
        if (forwardStack.length > 0) {
            Throwable forward = new Throwable("forward call of " + nodeName, null, false, true) {
                private static final long serialVersionUID = 1L;
            };
            forward.setStackTrace(forwardStack);
            addSuppressed(forward);
        }
    }

    /**
     * The name of the node whose backward failed, as {@code gradFn().name()} gives it ({@code SqrtBackward0}).
     *
     * @return the node's name
     */
    public String nodeName() {
        return nodeName;
    }

    /**
     * The frame of the user's code that ran the node's forward operation ({@code Class.method(File:line)}).
     *
     * @return the frame, or null when the node was created outside anomaly mode
     */
    public StackTraceElement callSite() {
        return callSite;
    }
}
