package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Instance normalisation without running statistics (PyTorch's default {@code track_running_stats=False}), like
 * {@code torch.nn.InstanceNorm1d}/{@code 2d}: each (sample, channel) normalised over its spatial elements, with an
 * optional per-channel {@code weight} and {@code bias} ({@code affine}). An unbatched input (one dim fewer) is
 * taken as one sample.
 */
public class InstanceNorm extends Module {
    private final String kind;
    private final int spatialDims;
    private final int numFeatures;
    private final double eps;
    private final boolean affine;
    /** The per-channel scale, or null without affine. */
    public final Parameter weight;
    /** The per-channel shift, or null without affine. */
    public final Parameter bias;

    InstanceNorm(String kind, int spatialDims, int numFeatures, double eps, boolean affine) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException("[" + kind + "] num_features must be positive, got " + numFeatures);
        }
        this.kind = kind;
        this.spatialDims = spatialDims;
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.affine = affine;
        this.weight = affine ? registerParameter("weight", Tensor.ones(numFeatures)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(numFeatures)) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        int batched = spatialDims + 2;
        if (input.dim() != batched && input.dim() != batched - 1) {
            throw new IllegalArgumentException("[" + kind + "] expected a " + (batched - 1) + "-D (unbatched) or "
                    + batched + "-D input, got shape " + java.util.Arrays.toString(input.shape()));
        }
        boolean unbatched = input.dim() == batched - 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        Tensor y = Functional.instanceNorm(x, weight == null ? null : weight.tensor(), bias == null ? null : bias.tensor(),
                eps);
        return unbatched ? y.squeeze(0) : y;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + LayerNorm.pythonFloat(eps) + ", momentum=0.1, affine=" + (affine ? "True" : "False")
                + ", track_running_stats=False";
    }
}
