package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * {@code x * Phi(x)} elementwise, like {@code torch.nn.GELU}: {@code approximate} is "none" (exact, the default) or
 * "tanh".
 */
public class GELU extends Module {
    private final String approximate;

    /** The exact GELU, like {@code nn.GELU()}. */
    public GELU() {
        this("none");
    }

    /**
     * GELU, like {@code nn.GELU(approximate=...)}.
     *
     * @param approximate {@code "none"} or {@code "tanh"}
     * @throws IllegalArgumentException if {@code approximate} is neither
     */
    public GELU(String approximate) {
        if (!approximate.equals("none") && !approximate.equals("tanh")) {
            throw new IllegalArgumentException("[GELU] approximate must be 'none' or 'tanh' but got '" + approximate + "'");
        }
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.gelu(input, approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
