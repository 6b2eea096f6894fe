package dev.autograd4j.verify;

import dev.autograd4j.GradMode;
import dev.autograd4j.Node;
import dev.autograd4j.Tensor;
import dev.autograd4j.internal.Tracing;

import java.util.function.Supplier;

/**
 * Anomaly detection, like {@code torch.autograd.detect_anomaly()}, on the thread that opened it, until closed:
 * <pre>{@code
 * try (var anomaly = Autograd.detectAnomaly()) {
 *     Tensor loss = model.forward(x).sum();
 *     loss.backward();   // an AnomalyException names the node that made a NaN and the line that created it
 * }
 * }</pre>
 * While it is open, every node created records the user's forward call site ({@link Node#callSite()}), and a
 * backward pass checks every gradient each node returns: a NaN or an infinity, or an exception thrown by the node's
 * backward, becomes an {@link AnomalyException} naming the node and that call site. A failed backward changes no
 * {@code grad} (see the engine). Checking reads every gradient back to the host, so this is for debugging; closed,
 * it costs nothing.
 */
public final class AnomalyMode implements AutoCloseable {
    private final Tracing.AutoCloseableNoThrow installed;

    private AnomalyMode() {
        installed = Tracing.install(new Detector());
    }

    /**
     * Turns anomaly detection on for this thread; {@code Autograd.detectAnomaly()} calls this.
     *
     * @return the scope to close (with try-with-resources) to turn it off again
     */
    public static AnomalyMode enable() {
        return new AnomalyMode();
    }

    /** Turns anomaly detection off again (restoring what was installed before, when scopes nest). */
    @Override
    public void close() {
        installed.close();
    }

    /** Checks each node's backward: an exception or a non-finite gradient names the node and its forward site. */
    private static final class Detector implements Tracing.Observer {
        @Override
        public void created(Node node, StackTraceElement[] stack) {
        }

        @Override
        public void output(Node node, int outputNr, Tensor output) {
        }

        @Override
        public Tensor[] backward(Node node, Tensor[] gradOutputs, Supplier<Tensor[]> apply) {
            Tensor[] grads;
            try {
                grads = apply.get();
            } catch (AnomalyException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new AnomalyException(node.name(), "backward failed: " + e.getMessage(), node.forwardStack(), e);
            }
            // A NaN in any output first, as PyTorch's (which checks NaN only): x / x at 0 names its NaN output 1,
            // not the infinity in output 0
            String[] bad = new String[grads == null ? 0 : grads.length];
            for (int i = 0; i < bad.length; i++) {
                bad[i] = nonFinite(grads[i]);
            }
            for (String kind : new String[] {"nan", "inf"}) {
                for (int i = 0; i < bad.length; i++) {
                    if (kind.equals(bad[i])) {
                        throw new AnomalyException(node.name(), "returned " + kind + " values in its " + i
                                + "th output", node.forwardStack(), null);
                    }
                }
            }
            return grads;
        }

        /** "nan" or "inf" when the gradient holds such a value (NaN first), else null. */
        private static String nonFinite(Tensor g) {
            if (g == null || !g.dtype().isFloatingPoint()) {
                return null;
            }
            double[] values;
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                values = g.toDoubleArray();
            }
            String found = null;
            for (double v : values) {
                if (Double.isNaN(v)) {
                    return "nan";
                }
                if (Double.isInfinite(v)) {
                    found = "inf";
                }
            }
            return found;
        }
    }
}
