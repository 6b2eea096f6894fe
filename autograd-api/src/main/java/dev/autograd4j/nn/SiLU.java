package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code x * sigmoid(x)} elementwise, like {@code torch.nn.SiLU}. */
public class SiLU extends Module {
    /** Makes the module; it holds no parameters. */
    public SiLU() {
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.silu(input);
    }
}
