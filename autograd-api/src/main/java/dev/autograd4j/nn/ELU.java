package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code x > 0 ? x : alpha (exp(x) - 1)} elementwise, like {@code torch.nn.ELU}. */
public class ELU extends Module {
    private final double alpha;

    /** PyTorch's default, {@code alpha = 1}. */
    public ELU() {
        this(1.0);
    }

    /**
     * Makes the module.
     *
     * @param alpha the negative saturation value
     */
    public ELU(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.elu(input, alpha);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + alpha;
    }
}
