package dev.autograd4j.optim;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.nn.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping, like {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}: in place, on the
 * gradients' device, with no host read (the total norm comes back as a 0-d tensor; read it when you need it).
 */
public final class Clipping {
    private Clipping() {
    }

    /**
     * {@link #clipGradNorm(List, double, double)} with the 2-norm.
     *
     * <pre>{@code
     * loss.backward();
     * Clipping.clipGradNorm(model.parameters(), 1.0);
     * opt.step();
     * }</pre>
     *
     * @param params the parameters whose gradients to scale
     * @param maxNorm the largest total norm allowed
     * @return the total norm before clipping, a 0-d tensor
     */
    public static Tensor clipGradNorm(List<Parameter> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2);
    }

    /**
     * Scales the gradients so that their total {@code normType}-norm (as if concatenated into one vector; infinity for
     * the largest absolute value) is at most {@code maxNorm}: each is multiplied by
     * {@code min(1, maxNorm / (total + 1e-6))}, as PyTorch does. Parameters without a gradient are skipped. Returns the
     * total norm before clipping (a 0-d tensor on the first gradient's device; 0 when there are none).
     *
     * @param params the parameters whose gradients to scale
     * @param maxNorm the largest total norm allowed
     * @param normType {@code p} of the p-norm, positive, or {@code Double.POSITIVE_INFINITY}
     * @return the total norm before clipping, a 0-d tensor
     * @throws IllegalArgumentException if {@code normType} is not positive
     */
    public static Tensor clipGradNorm(List<Parameter> params, double maxNorm, double normType) {
        return clipGradNorm(params, maxNorm, normType, false);
    }

    /**
     * {@link #clipGradNorm(List, double, double)} that, when {@code errorIfNonfinite}, first checks the total norm
     * and fails if it is NaN or infinite, leaving the gradients as they were (PyTorch's {@code error_if_nonfinite});
     * that check reads the norm on the host.
     *
     * @param params the parameters whose gradients to scale
     * @param maxNorm the largest total norm allowed
     * @param normType {@code p} of the p-norm, positive, or {@code Double.POSITIVE_INFINITY}
     * @param errorIfNonfinite whether a NaN or infinite total norm is an error
     * @return the total norm before clipping, a 0-d tensor
     * @throws IllegalArgumentException if {@code normType} is not positive
     * @throws IllegalStateException if {@code errorIfNonfinite} and the total norm is NaN or infinite
     */
    public static Tensor clipGradNorm(List<Parameter> params, double maxNorm, double normType,
                                      boolean errorIfNonfinite) {
        if (!(normType > 0)) {
            throw new IllegalArgumentException("[clip_grad_norm] norm_type must be positive (or infinity) but got "
                    + normType);
        }
        List<Tensor> grads = grads(params);
        if (grads.isEmpty()) {
            return Tensor.scalar(0);
        }
        Tensor total;
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            Tensor first = grads.get(0);
            List<Tensor> norms = new ArrayList<>();
            for (Tensor g : grads) {
                norms.add(norm(g, normType).to(first.device()).to(DType.FLOAT64));
            }
            total = norm(Tensor.stack(norms, 0), normType).to(first.dtype());
            if (errorIfNonfinite && !Double.isFinite(total.item())) {
                throw new IllegalStateException("[clip_grad_norm] the total norm of order " + normType
                        + " for gradients from `parameters` is non-finite (" + total.item() + "), so it cannot be"
                        + " clipped; set errorIfNonfinite to false to scale the gradients by it anyway");
            }
            Tensor coef = Tensor.full(new int[0], maxNorm, total.dtype(), total.device()).div(total.add(1e-6))
                    .clampMax(1.0);
            for (Tensor g : grads) {
                g.mul_(coef.to(g.device()));
            }
            scope.keep(total);
        }
        return total;
    }

    private static Tensor norm(Tensor t, double p) {
        if (t.numel() == 0) {
            return Tensor.zeros(new int[0], t.dtype(), t.device());
        }
        if (p == Double.POSITIVE_INFINITY) {
            return t.abs().max();
        }
        if (p == 2) {
            return t.square().sum().sqrt();
        }
        if (p == 1) {
            return t.abs().sum();
        }
        return t.abs().pow(p).sum().pow(1 / p);
    }

    /**
     * Clamps every gradient element into {@code [-clipValue, clipValue]} in place.
     *
     * @param params the parameters whose gradients to clamp
     * @param clipValue the largest absolute value allowed, at least 0
     * @throws IllegalArgumentException if {@code clipValue} is negative or NaN
     */
    public static void clipGradValue(List<Parameter> params, double clipValue) {
        if (!(clipValue >= 0)) {
            throw new IllegalArgumentException("[clip_grad_value] clip_value must be non-negative but got " + clipValue);
        }
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            for (Tensor g : grads(params)) {
                g.copy_(g.clamp(-clipValue, clipValue));
            }
        }
    }

    private static List<Tensor> grads(List<Parameter> params) {
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : params) {
            if (p.grad() != null) {
                out.add(p.grad());
            }
        }
        return out;
    }
}
