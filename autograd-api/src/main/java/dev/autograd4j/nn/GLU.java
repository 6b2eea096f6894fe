package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** The gated linear unit of the two halves of a dim, like {@code torch.nn.GLU}. */
public class GLU extends Module {
    private final int dim;

    /** PyTorch's default, {@code dim = -1}. */
    public GLU() {
        this(-1);
    }

    /**
     * Makes the module.
     *
     * @param dim the dim to halve
     */
    public GLU(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.glu(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
