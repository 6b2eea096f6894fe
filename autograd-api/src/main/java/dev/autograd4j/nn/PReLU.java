package dev.autograd4j.nn;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

/**
 * {@code x > 0 ? x : a x} with a learnable slope {@code a} (one, or one per channel), like {@code torch.nn.PReLU};
 * the slopes start at {@code init} (PyTorch's 0.25) and are the parameter {@code weight}.
 */
public class PReLU extends Module {
    private final int numParameters;
    /** The slopes, {@code [numParameters]}. */
    public final Parameter weight;

    /** One slope starting at 0.25, PyTorch's defaults. */
    public PReLU() {
        this(1, 0.25);
    }

    /**
     * Makes the module.
     *
     * @param numParameters 1, or the number of channels (dim 1 of the input)
     * @param init the slopes' initial value
     * @throws IllegalArgumentException if numParameters is not positive
     */
    public PReLU(int numParameters, double init) {
        if (numParameters <= 0) {
            throw new IllegalArgumentException("[PReLU] num_parameters must be positive, got " + numParameters);
        }
        this.numParameters = numParameters;
        this.weight = registerParameter("weight", Tensor.full(new int[] {numParameters}, init, DType.FLOAT32));
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.prelu(input, weight.tensor());
    }

    @Override
    protected String extraRepr() {
        return "num_parameters=" + numParameters;
    }
}
