package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code |x| > lambd ? x : 0} elementwise, like {@code torch.nn.Hardshrink}. */
public class Hardshrink extends Module {
    private final double lambd;

    /** PyTorch's default, {@code lambd = 0.5}. */
    public Hardshrink() {
        this(0.5);
    }

    /**
     * Makes the module.
     *
     * @param lambd the half-width of the zeroed band
     */
    public Hardshrink(double lambd) {
        this.lambd = lambd;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.hardshrink(input, lambd);
    }

    @Override
    protected String extraRepr() {
        return LayerNorm.pythonFloat(lambd);
    }
}
