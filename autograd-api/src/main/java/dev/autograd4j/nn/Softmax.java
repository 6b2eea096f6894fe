package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * {@code exp(x) / sum(exp(x))} along {@code dim}, like {@code torch.nn.Softmax(dim)}; see {@link Functional#softmax}.
 * The dim is required (PyTorch's implicit choice is deprecated).
 */
public class Softmax extends Module {
    private final int dim;

    /**
     * The module, like {@code nn.Softmax(dim=dim)}.
     *
     * @param dim the dim the outputs sum to 1 along (negative: from the end)
     */
    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.softmax(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
