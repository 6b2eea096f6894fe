package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** Shrinks toward 0 by {@code lambd}, like {@code torch.nn.Softshrink}. */
public class Softshrink extends Module {
    private final double lambd;

    /** PyTorch's default, {@code lambd = 0.5}. */
    public Softshrink() {
        this(0.5);
    }

    /**
     * Makes the module.
     *
     * @param lambd the shrinkage, not negative
     */
    public Softshrink(double lambd) {
        this.lambd = lambd;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.softshrink(input, lambd);
    }

    @Override
    protected String extraRepr() {
        return LayerNorm.pythonFloat(lambd);
    }
}
