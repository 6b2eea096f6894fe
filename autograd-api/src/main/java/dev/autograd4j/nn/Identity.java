package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Returns its input unchanged, like {@code torch.nn.Identity}: a placeholder where a model may put a layer (a head
 * replaced for feature extraction, an optional normalization).
 */
public class Identity extends Module {
    /** The module, like {@code nn.Identity()}. */
    public Identity() {
    }

    /**
     * The input itself (the same tensor, as PyTorch returns it).
     *
     * @param input any tensor
     * @return {@code input}
     */
    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
