package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code x * tanh(softplus(x))} elementwise, like {@code torch.nn.Mish}. */
public class Mish extends Module {
    /** Makes the module; it holds no parameters. */
    public Mish() {
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.mish(input);
    }
}
