package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Normalizes over the trailing {@code normalizedShape} dims, like {@code torch.nn.LayerNorm}:
 * {@code (x - mean) / sqrt(var + eps) * weight + bias}, with the biased variance; weight starts at ones and bias at
 * zeros (none without {@code elementwiseAffine}).
 */
public class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * With PyTorch's defaults: eps 1e-5, a learned weight and bias.
     *
     * @param normalizedShape the trailing shape to normalise over
     */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /**
     * Layer normalisation, like {@code nn.LayerNorm(normalized_shape, eps, elementwise_affine)}.
     *
     * @param normalizedShape the trailing shape to normalise over
     * @param eps added to the variance
     * @param elementwiseAffine whether to learn a weight and bias of {@code normalizedShape}
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        if (elementwiseAffine) {
            weight = registerParameter("weight", Tensor.ones(normalizedShape));
            bias = registerParameter("bias", Tensor.zeros(normalizedShape));
        } else {
            weight = null;
            bias = null;
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.layerNorm(input, normalizedShape, weight == null ? null : weight.tensor(),
                bias == null ? null : bias.tensor(), eps);
    }

    /**
     * The weight, or null without elementwise affine.
     *
     * @return the parameter, or null
     */
    public Parameter weight() {
        return weight;
    }

    /**
     * The bias, or null without elementwise affine.
     *
     * @return the parameter, or null
     */
    public Parameter bias() {
        return bias;
    }

    /** A double as Python prints it ({@code 1e-05}, {@code 0.001}), so the repr reads as PyTorch's. */
    static String pythonFloat(double v) {
        if (v != 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e16)) {
            String[] parts = Double.toString(v).split("E");
            String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
            int exp = Integer.parseInt(parts[1]);
            return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        return new java.math.BigDecimal(Double.toString(v)).toPlainString();
    }

    @Override
    protected String extraRepr() {
        String shape = Arrays.stream(normalizedShape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        return "(" + shape + (normalizedShape.length == 1 ? ",)" : ")") + ", eps=" + pythonFloat(eps)
                + ", elementwise_affine=" + (weight != null ? "True" : "False");
    }
}
