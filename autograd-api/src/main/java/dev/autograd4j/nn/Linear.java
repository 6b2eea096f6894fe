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

    /**
     * A linear layer with a bias, like {@code nn.Linear(in_features, out_features)}.
     *
     * @param inFeatures the size of each input's last dimension
     * @param outFeatures the size of each output's last dimension
     * @param generator draws the initial weight and bias
     * @throws IllegalArgumentException if a feature count is negative
     */
    public Linear(int inFeatures, int outFeatures, Generator generator) {
        this(inFeatures, outFeatures, true, generator);
    }

    /**
     * A linear layer, like {@code nn.Linear(in_features, out_features, bias)}.
     *
     * @param inFeatures the size of each input's last dimension
     * @param outFeatures the size of each output's last dimension
     * @param bias whether to learn an additive bias
     * @param generator draws the initial weight (and bias)
     * @throws IllegalArgumentException if a feature count is negative
     */
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

    /**
     * The weight, {@code [outFeatures, inFeatures]}, like {@code linear.weight}.
     *
     * @return the parameter
     */
    public Parameter weight() {
        return weight;
    }

    /**
     * The bias, or null when built without one.
     *
     * @return the {@code [outFeatures]} parameter, or null
     */
    public Parameter bias() {
        return bias;
    }

    /**
     * The input size, like {@code linear.in_features}.
     *
     * @return the size of each input's last dimension
     */
    public int inFeatures() {
        return inFeatures;
    }

    /**
     * The output size, like {@code linear.out_features}.
     *
     * @return the size of each output's last dimension
     */
    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
