package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * {@code x - log(sum(exp(x)))} along {@code dim}, like {@code torch.nn.LogSoftmax(dim)}; see
 * {@link Functional#logSoftmax}. The dim is required (PyTorch's implicit choice is deprecated).
 */
public class LogSoftmax extends Module {
    private final int dim;

    /**
     * The module, like {@code nn.LogSoftmax(dim=dim)}.
     *
     * @param dim the dim normalized along (negative: from the end)
     */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.logSoftmax(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
