package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code relu6(x + 3) / 6} elementwise, like {@code torch.nn.Hardsigmoid}. */
public class Hardsigmoid extends Module {
    /** Makes the module. */
    public Hardsigmoid() {
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.hardsigmoid(input);
    }
}
