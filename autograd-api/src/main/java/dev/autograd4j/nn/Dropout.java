package dev.autograd4j.nn;

import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;

/**
 * Zeroes each element with probability {@code p} while training and scales the rest by {@code 1 / (1 - p)}, like
 * {@code torch.nn.Dropout}; in {@linkplain Module#eval() evaluation mode} it returns its input. Masks are drawn from
 * {@code generator}.
 */
public class Dropout extends Module {
    private final double p;
    private final Generator generator;

    /**
     * Dropout drawing its masks from the default generator ({@link Generator#defaultGenerator()}).
     *
     * @param p the probability of zeroing an element, in [0, 1]
     * @throws IllegalArgumentException if {@code p} is outside [0, 1]
     */
    public Dropout(double p) {
        this(p, Generator.defaultGenerator());
    }

    /**
     * Dropout with probability {@code p}, like {@code nn.Dropout(p)}.
     *
     * @param p the probability of zeroing an element, in {@code [0, 1]}
     * @param generator draws the masks
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
     */
    public Dropout(double p, Generator generator) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("[Dropout] dropout probability has to be between 0 and 1, but got " + p);
        }
        this.p = p;
        this.generator = generator;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.dropout(input, p, isTraining(), generator);
    }

    /**
     * The probability of zeroing an element, like {@code dropout.p}.
     *
     * @return {@code p}
     */
    public double p() {
        return p;
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}
