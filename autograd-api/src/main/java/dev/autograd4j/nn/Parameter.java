package dev.autograd4j.nn;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;

/**
 * A module's learnable tensor, like {@code torch.nn.Parameter}: a leaf that requires grad (unless frozen), registered
 * with its {@link Module} under a name, found by {@link Module#parameters()} and updated by an optimizer.
 *
 * <p>A {@code Tensor} cannot change device or dtype, so a parameter is a holder: {@link Module#to(Device)} swaps the
 * tensor it holds for one on the new device, and the parameter itself (the object optimizers and user code keep)
 * stays the same, as PyTorch's does. Read {@link #tensor()} when you use it, rather than keeping the tensor. The
 * parameter owns its tensor: it belongs to no {@link Scope}, and a move closes the one it replaces.
 */
public final class Parameter {
    private Tensor tensor;

    /**
     * A parameter holding {@code data} (its storage, not a copy) as a leaf that requires grad.
     *
     * @param data the values, shared (detached from any graph)
     * @throws IllegalArgumentException if {@code data} is not floating point
     */
    public Parameter(Tensor data) {
        this(data, true);
    }

    /**
     * A parameter holding {@code data}; {@code requiresGrad} false freezes it (only floating point can require grad).
     *
     * @param data the values, shared (detached from any graph)
     * @param requiresGrad whether the parameter is trained
     * @throws IllegalArgumentException if {@code requiresGrad} and {@code data} is not floating point
     */
    public Parameter(Tensor data, boolean requiresGrad) {
        this.tensor = leaf(data, requiresGrad);
    }

    private static Tensor leaf(Tensor data, boolean requiresGrad) {
        try (Scope ignored = Tensors.untracked()) {
            return data.detach().requiresGrad(requiresGrad);
        }
    }

    /**
     * The leaf tensor this parameter holds now.
     *
     * @return the leaf tensor
     */
    public Tensor tensor() {
        return tensor;
    }

    /**
     * The tensor's accumulated gradient, or null.
     *
     * @return the gradient, or null before a backward or after {@code zeroGrad()}
     */
    public Tensor grad() {
        return tensor.grad();
    }

    /**
     * Whether the parameter is trained (not frozen).
     *
     * @return the held tensor's flag
     */
    public boolean requiresGrad() {
        return tensor.requiresGrad();
    }

    /**
     * Freezes ({@code false}) or unfreezes the parameter, like {@code param.requires_grad_(flag)}.
     *
     * @param requiresGrad false to freeze
     * @return this parameter
     */
    public Parameter requiresGrad(boolean requiresGrad) {
        tensor.requiresGrad(requiresGrad);
        return this;
    }

    /**
     * The held tensor's shape.
     *
     * @return a copy of the shape
     */
    public int[] shape() {
        return tensor.shape();
    }

    /**
     * The held tensor's element count, like {@code param.numel()}.
     *
     * @return the number of elements
     */
    public long numel() {
        return tensor.numel();
    }

    /**
     * The held tensor's dtype.
     *
     * @return the dtype
     */
    public DType dtype() {
        return tensor.dtype();
    }

    /**
     * The held tensor's device.
     *
     * @return the device
     */
    public Device device() {
        return tensor.device();
    }

    /**
     * Holds a copy of the tensor on {@code device} with {@code dtype} instead, keeping the gradient flag and moving
     * the grad along; the old tensor is closed. For {@link Module#to}.
     */
    void moveTo(Device device, DType dtype) {
        Tensor old = tensor;
        if (old.device() == device && old.dtype() == dtype) {
            return;
        }
        try (Scope ignored = Tensors.untracked(); GradMode.Guard noGrad = GradMode.noGrad()) {
            Tensor moved = old.to(device).to(dtype).detach();
            moved.requiresGrad(old.requiresGrad());
            Tensor grad = old.grad();
            if (grad != null) {
                moved.setGrad(grad.to(device).to(dtype).detach());
            }
            tensor = moved;
        }
        old.close();
    }

    /** Like PyTorch's repr: {@code Parameter containing:} and the tensor. */
    @Override
    public String toString() {
        return "Parameter containing:\n" + tensor;
    }
}
