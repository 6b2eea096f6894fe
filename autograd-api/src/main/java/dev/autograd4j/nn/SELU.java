package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code scale (x > 0 ? x : alpha (e^x - 1))} with PyTorch's constants, like {@code torch.nn.SELU}. */
public class SELU extends Module {
    /** Makes the module. */
    public SELU() {
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.selu(input);
    }
}
