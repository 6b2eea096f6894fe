package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code x relu6(x + 3) / 6} elementwise, like {@code torch.nn.Hardswish}. */
public class Hardswish extends Module {
    /** Makes the module. */
    public Hardswish() {
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.hardswish(input);
    }
}
