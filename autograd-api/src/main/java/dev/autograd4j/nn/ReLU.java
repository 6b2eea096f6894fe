package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code max(0, x)} elementwise, like {@code torch.nn.ReLU}. */
public class ReLU extends Module {
    /** The module, like {@code nn.ReLU()}. */
    public ReLU() {
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }
}
