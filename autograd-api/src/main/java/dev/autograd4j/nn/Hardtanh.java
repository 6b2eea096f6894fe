package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code clamp(x, minVal, maxVal)} elementwise, like {@code torch.nn.Hardtanh}. */
public class Hardtanh extends Module {
    private final double minVal;
    private final double maxVal;

    /** PyTorch's defaults, {@code [-1, 1]}. */
    public Hardtanh() {
        this(-1, 1);
    }

    /**
     * Makes the module.
     *
     * @param minVal the lower bound
     * @param maxVal the upper bound
     * @throws IllegalArgumentException for a NaN bound
     */
    public Hardtanh(double minVal, double maxVal) {
        if (Double.isNaN(minVal) || Double.isNaN(maxVal)) {
            throw new IllegalArgumentException("[Hardtanh] min_val and max_val must be numbers but got " + minVal
                    + " and " + maxVal);
        }
        this.minVal = minVal;
        this.maxVal = maxVal;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.hardtanh(input, minVal, maxVal);
    }

    @Override
    protected String extraRepr() {
        return "min_val=" + minVal + ", max_val=" + maxVal;
    }
}
