package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code x > 0 ? x : alpha (e^(x/alpha) - 1)} elementwise, like {@code torch.nn.CELU}. */
public class CELU extends Module {
    private final double alpha;

    /** PyTorch's default, {@code alpha = 1.0}. */
    public CELU() {
        this(1.0);
    }

    /**
     * Makes the module.
     *
     * @param alpha the negative saturation value, not 0
     */
    public CELU(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.celu(input, alpha);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + LayerNorm.pythonFloat(alpha);
    }
}
