package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * A loss function object, like PyTorch's loss modules ({@code nn.CrossEntropyLoss()}): its options are fixed when it
 * is made and {@link #forward} takes the prediction and the target. Losses hold no parameters, so they are not
 * {@link Module}s; a class weight they hold must be on the inputs' device.
 */
@FunctionalInterface
public interface Loss {
    /**
     * The loss of {@code input} against {@code target}, like calling a PyTorch loss module.
     *
     * @param input the prediction
     * @param target the target
     * @return the loss (0-d unless the reduction is NONE)
     */
    Tensor forward(Tensor input, Tensor target);
}
