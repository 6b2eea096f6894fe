package dev.autograd4j;

import java.util.Objects;

/**
 * Entry points of the engine beside {@link Tensor#backward()}: {@link #backward} for several roots at once, and
 * {@link #grad}, which returns gradients of any inputs (leaves or not) without touching any leaf's {@code grad}
 * field, like {@code torch.autograd.grad} (a non-leaf that {@linkplain Tensor#retainGrad() retains} its gradient and
 * whose node runs gets it, as in PyTorch 1.13).
 */
public final class Autograd {
    private Autograd() {
    }

    /**
     * Backward from several roots at once; {@code gradTensors[i]} may be null for a single-element root.
     * {@code gradTensors} may be null altogether.
     *
     * @param tensors the roots, each requiring grad
     * @param gradTensors the gradient of each root (same shape, dtype and device), or null entries for one-element
     *     roots
     * @param retainGraph keep the saved tensors for another backward through the same graph
     * @param createGraph record the backward pass, so the gradients can be differentiated again (implies {@code
     *     retainGraph})
     * @throws NullPointerException if {@code tensors} is null
     * @throws IllegalArgumentException if {@code gradTensors} has another length, or a gradient does not match its root
     *     or is missing for a root of several elements
     * @throws IllegalStateException if a root does not require grad or is closed, or the graph was already freed
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
     *
     * <pre>{@code
     * Tensor x = Tensor.scalar(3.0).requiresGrad(true);
     * Tensor y = x.pow(3.0);
     * Tensor dy = Autograd.grad(new Tensor[] {y}, new Tensor[] {x}, null, true, true, false)[0];   // 27
     * Tensor d2y = Autograd.grad(dy, x);                                                           // [18]
     * }</pre>
     *
     * @param outputs the tensors to differentiate, each requiring grad
     * @param inputs the tensors to differentiate with respect to, each requiring grad; at least one
     * @param gradOutputs the weight of each output (same shape), or null entries, or null
     * @return one gradient per input, in order (null for an unused input when {@code allowUnused})
     * @throws IllegalArgumentException if {@code inputs} is empty, an input does not require grad, an input is unused
     *     and {@code allowUnused} is false, or a gradient does not match its output
     * @throws IllegalStateException if an output does not require grad or the graph was already freed
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

    /**
     * The gradients of a single-element {@code output} with respect to {@code inputs}; frees the graph.
     *
     * @param output a one-element tensor requiring grad
     * @param inputs the tensors to differentiate with respect to
     * @return one gradient per input
     * @throws IllegalArgumentException if an input is not used by {@code output} or does not require grad
     */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return grad(new Tensor[] {output}, inputs, null, false, false, false);
    }

    /**
     * The gradient of a single-element {@code output} with respect to {@code input}, optionally recorded.
     *
     * @param output a one-element tensor requiring grad
     * @param input the tensor to differentiate with respect to
     * @param createGraph record the gradient's computation (and keep the graph), for a higher derivative
     * @return the gradient, of {@code input}'s shape
     * @throws IllegalArgumentException if {@code input} is not used by {@code output} or does not require grad
     */
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
