package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** Flattens dims {@code startDim..endDim} into one, like {@code torch.nn.Flatten} (by default all but the batch dim). */
public class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    /** Flattens every dim after the first, as PyTorch's default ({@code start_dim=1, end_dim=-1}). */
    public Flatten() {
        this(1, -1);
    }

    /**
     * @param startDim the first dim flattened
     * @param endDim the last dim flattened (negative: from the end)
     */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.flatten(startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
