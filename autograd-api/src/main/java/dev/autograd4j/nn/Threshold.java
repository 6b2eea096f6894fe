package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code x > threshold ? x : value} elementwise, like {@code torch.nn.Threshold}. */
public class Threshold extends Module {
    private final double threshold;
    private final double value;

    /**
     * Makes the module.
     *
     * @param threshold the threshold
     * @param value the value at or below it
     */
    public Threshold(double threshold, double value) {
        this.threshold = threshold;
        this.value = value;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.threshold(input, threshold, value);
    }

    @Override
    protected String extraRepr() {
        return "threshold=" + LayerNorm.pythonFloat(threshold) + ", value=" + LayerNorm.pythonFloat(value);
    }
}
