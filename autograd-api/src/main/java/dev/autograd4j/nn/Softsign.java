package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code x / (1 + |x|)} elementwise, like {@code torch.nn.Softsign}. */
public class Softsign extends Module {
    /** Makes the module. */
    public Softsign() {
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.softsign(input);
    }
}
