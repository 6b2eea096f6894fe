package dev.autograd4j.nn;

import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;

/**
 * {@code y = x W^T + b}, like {@code torch.nn.Linear}: weight {@code [out, in]}, bias {@code [out]}, initialised as
 * PyTorch does, {@code U(-1/sqrt(in), 1/sqrt(in))} for both (the weight by Kaiming uniform with {@code a = sqrt(5)},
 * which comes to the same bound), drawn from {@code generator}, in float32 on the default device.
 */
public class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A layer with a bias, initialised from the default generator ({@link Generator#defaultGenerator()}).
     *
     * @param inFeatures the input size
     * @param outFeatures the output size
     * @throws IllegalArgumentException for a negative size
     */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true, Generator.defaultGenerator());
    }

    public Linear(int inFeatures, int outFeatures, Generator generator) {
        this(inFeatures, outFeatures, true, generator);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias, Generator generator) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("[Linear] feature counts must be non-negative but got in_features="
                    + inFeatures + ", out_features=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        Tensor w = Tensor.zeros(outFeatures, inFeatures);
        if (inFeatures > 0) {
            Init.kaimingUniform_(w, Math.sqrt(5), Init.FanMode.FAN_IN, Init.Nonlinearity.LEAKY_RELU, generator);
        }
        this.weight = registerParameter("weight", w);
        if (bias) {
            double bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
            this.bias = registerParameter("bias", Init.uniform_(Tensor.zeros(outFeatures), -bound, bound, generator));
        } else {
            this.bias = null;
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.linear(input, weight.tensor(), bias == null ? null : bias.tensor());
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null when built without one. */
    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
