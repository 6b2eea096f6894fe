package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code x > 0 ? x : negativeSlope * x} elementwise, like {@code torch.nn.LeakyReLU}. */
public class LeakyReLU extends Module {
    private final double negativeSlope;

    /** PyTorch's default, {@code negative_slope = 0.01}. */
    public LeakyReLU() {
        this(0.01);
    }

    /**
     * The module, like {@code nn.LeakyReLU(negative_slope)}.
     *
     * @param negativeSlope the slope below zero
     */
    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.leakyRelu(input, negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + negativeSlope;
    }
}
