package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code min(max(x, 0), 6)} elementwise, like {@code torch.nn.ReLU6}. */
public class ReLU6 extends Module {
    /** Makes the module. */
    public ReLU6() {
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.relu6(input);
    }
}
