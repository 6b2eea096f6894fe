package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code softmax(-x)} along a dim, like {@code torch.nn.Softmin}. */
public class Softmin extends Module {
    private final int dim;

    /**
     * Makes the module.
     *
     * @param dim the dim that sums to 1
     */
    public Softmin(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.softmin(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
