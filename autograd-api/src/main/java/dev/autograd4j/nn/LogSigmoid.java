package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code log(sigmoid(x))} elementwise, computed stably, like {@code torch.nn.LogSigmoid}. */
public class LogSigmoid extends Module {
    /** Makes the module; it holds no parameters. */
    public LogSigmoid() {
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.logsigmoid(input);
    }
}
