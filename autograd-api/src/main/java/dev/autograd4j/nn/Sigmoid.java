package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code 1 / (1 + exp(-x))} elementwise, like {@code torch.nn.Sigmoid}. */
public class Sigmoid extends Module {
    /** The module, like {@code nn.Sigmoid()}. */
    public Sigmoid() {
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}
