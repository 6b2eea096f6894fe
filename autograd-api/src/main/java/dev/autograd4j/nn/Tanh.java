package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code tanh(x)} elementwise, like {@code torch.nn.Tanh}. */
public class Tanh extends Module {
    /** The module, like {@code nn.Tanh()}. */
    public Tanh() {
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }
}
