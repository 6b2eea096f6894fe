package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code x - tanh(x)} elementwise, like {@code torch.nn.Tanhshrink}. */
public class Tanhshrink extends Module {
    /** Makes the module. */
    public Tanhshrink() {
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.tanhshrink(input);
    }
}
