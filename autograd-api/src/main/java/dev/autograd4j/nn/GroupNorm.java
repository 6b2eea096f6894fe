package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Group normalization, like {@code torch.nn.GroupNorm}: the channels in {@code numGroups} groups, each sample's group
 * normalised, then a per-channel weight (ones at first) and bias (zeros).
 */
public class GroupNorm extends Module {
    private final int numGroups;
    private final int numChannels;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * With eps 1e-5 and a learned weight and bias.
     *
     * @param numGroups dividing {@code numChannels}
     * @param numChannels the input's channels
     * @throws IllegalArgumentException when the groups do not divide the channels
     */
    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, 1e-5, true);
    }

    /**
     * @param numGroups dividing {@code numChannels}
     * @param numChannels the input's channels
     * @param eps added to the variance
     * @param affine whether to learn a per-channel weight and bias
     * @throws IllegalArgumentException when the groups do not divide the channels
     */
    public GroupNorm(int numGroups, int numChannels, double eps, boolean affine) {
        if (numGroups <= 0 || numChannels % numGroups != 0) {
            throw new IllegalArgumentException("[GroupNorm] num_channels " + numChannels
                    + " must be divisible by num_groups " + numGroups);
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        weight = affine ? registerParameter("weight", Tensor.ones(numChannels)) : null;
        bias = affine ? registerParameter("bias", Tensor.zeros(numChannels)) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.groupNorm(input, numGroups, weight == null ? null : weight.tensor(),
                bias == null ? null : bias.tensor(), eps);
    }

    @Override
    protected String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + LayerNorm.pythonFloat(eps) + ", affine="
                + (weight != null ? "True" : "False");
    }
}
