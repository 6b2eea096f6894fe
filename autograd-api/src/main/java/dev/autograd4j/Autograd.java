package dev.autograd4j;

import java.util.Objects;

/**
 * Entry points of the engine beside {@link Tensor#backward()}: {@link #backward} for several roots at once, and
 * {@link #grad}, which returns gradients of any inputs (leaves or not) without touching any {@code grad} field,
 * like {@code torch.autograd.grad}.
 */
public final class Autograd {
    private Autograd() {
    }

    /**
     * Backward from several roots at once; {@code gradTensors[i]} may be null for a single-element root.
     * {@code gradTensors} may be null altogether.
     */
    public static void backward(Tensor[] tensors, Tensor[] gradTensors, boolean retainGraph, boolean createGraph) {
        Objects.requireNonNull(tensors, "tensors");
        Engine.backward(tensors.clone(), checkGrads("backward", tensors, gradTensors), retainGraph || createGraph,
                createGraph);
    }

    /**
     * The gradients of {@code outputs} with respect to {@code inputs}, weighted by {@code gradOutputs} (a
     * vector-Jacobian product; null entries, or a null array, mean ones for single-element outputs).
     *
     * @param retainGraph keep the graph's saved tensors for another backward
     * @param createGraph record the computation of the gradients, so they can be differentiated again
     * @param allowUnused return null for an input the outputs do not depend on, instead of failing
     */
    public static Tensor[] grad(Tensor[] outputs, Tensor[] inputs, Tensor[] gradOutputs, boolean retainGraph,
                                boolean createGraph, boolean allowUnused) {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.length == 0) {
            throw new IllegalArgumentException("[grad] requires at least one input");
        }
        return Engine.grad(outputs.clone(), checkGrads("grad", outputs, gradOutputs), inputs.clone(), retainGraph,
                createGraph, allowUnused);
    }

    /** The gradients of a single-element {@code output} with respect to {@code inputs}; frees the graph. */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return grad(new Tensor[] {output}, inputs, null, false, false, false);
    }

    /** The gradient of a single-element {@code output} with respect to {@code input}, optionally recorded. */
    public static Tensor grad(Tensor output, Tensor input, boolean createGraph) {
        return grad(new Tensor[] {output}, new Tensor[] {input}, null, createGraph, createGraph, false)[0];
    }

    /**
     * Turns on anomaly detection for this thread until the returned scope is closed, like PyTorch's
     * {@code torch.autograd.detect_anomaly()}: nodes created meanwhile record the line of user code that created
     * them, and a backward pass that produces a NaN or infinite gradient in any node, or whose node's backward
     * throws, fails with an {@link dev.autograd4j.verify.AnomalyException} naming the node and that line. Off by
     * default and free when off; on, each gradient is read back to the host.
     *
     * @return the scope to close, best with try-with-resources
     */
    public static dev.autograd4j.verify.AnomalyMode detectAnomaly() {
        return dev.autograd4j.verify.AnomalyMode.enable();
    }

    private static Tensor[] checkGrads(String op, Tensor[] outputs, Tensor[] grads) {
        if (grads == null) {
            return new Tensor[outputs.length];
        }
        if (grads.length != outputs.length) {
            throw new IllegalArgumentException("[" + op + "] got " + grads.length + " gradients for " + outputs.length
                    + " outputs");
        }
        return grads.clone();
    }
}
