package dev.autograd4j.nn;

import dev.autograd4j.Generator;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;

import java.util.Arrays;

/**
 * Initialisers, like {@code torch.nn.init}: each fills a tensor in place (without recording a graph) from the given
 * {@link Generator} and returns it. Bounds and standard deviations are PyTorch's:
 * <ul>
 * <li>{@code uniform_(t, a, b)}: {@code U(a, b)}; {@code normal_(t, mean, std)}: {@code N(mean, std^2)}</li>
 * <li>{@code xavierUniform_}: {@code U(-a, a)} with {@code a = gain * sqrt(6 / (fanIn + fanOut))};
 *     {@code xavierNormal_}: {@code std = gain * sqrt(2 / (fanIn + fanOut))}</li>
 * <li>{@code kaimingUniform_}: {@code U(-b, b)} with {@code b = gain * sqrt(3 / fan)}; {@code kaimingNormal_}:
 *     {@code std = gain / sqrt(fan)}, where {@code gain = calculateGain(nonlinearity, a)} and {@code fan} is
 *     {@code fanIn} or {@code fanOut}</li>
 * </ul>
 * {@code fanIn} is {@code size(1)} and {@code fanOut} {@code size(0)}, each times the product of the dims after the
 * second (a convolution's receptive field), as in PyTorch. The numbers drawn are this library's (Philox), not
 * PyTorch's, so only the distributions match.
 */
public final class Init {
    private Init() {
    }

    /** The nonlinearities {@link #calculateGain} knows, as PyTorch names them in lower case. */
    public enum Nonlinearity {
        /** No activation (gain 1). */
        LINEAR,
        /** The logistic function (gain 1). */
        SIGMOID,
        /** tanh (gain 5/3). */
        TANH,
        /** ReLU (gain sqrt 2). */
        RELU,
        /** Leaky ReLU (gain {@code sqrt(2 / (1 + slope^2))}). */
        LEAKY_RELU,
        /** SELU (gain 3/4). */
        SELU
    }

    /** Which fan Kaiming initialisation preserves the variance of: the forward pass's or the backward pass's. */
    public enum FanMode {
        /** The inputs' count: preserves the variance of the forward pass. */
        FAN_IN,
        /** The outputs' count: preserves the variance of the backward pass. */
        FAN_OUT
    }

    /**
     * The recommended gain for a nonlinearity, like {@code nn.init.calculate_gain}: 1 for linear and sigmoid, 5/3 for
     * tanh, sqrt(2) for relu, {@code sqrt(2 / (1 + slope^2))} for leaky relu ({@code param} is its negative slope),
     * 3/4 for selu.
     *
     * @param nonlinearity the activation that follows the layer
     * @param param leaky relu's negative slope (ignored by the others)
     * @return the gain
     */
    public static double calculateGain(Nonlinearity nonlinearity, double param) {
        return switch (nonlinearity) {
            case LINEAR, SIGMOID -> 1;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> Math.sqrt(2.0 / (1 + param * param));
            case SELU -> 3.0 / 4;
        };
    }

    /**
     * {@link #calculateGain(Nonlinearity, double)} with leaky relu's default slope 0.01.
     *
     * @param nonlinearity the activation that follows the layer
     * @return the gain
     */
    public static double calculateGain(Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    /**
     * {@code {fanIn, fanOut}} of a weight of at least 2 dims.
     *
     * @param t a weight of at least 2 dimensions (only its shape is read)
     * @return {@code {fanIn, fanOut}}
     * @throws IllegalArgumentException if {@code t} has fewer than 2 dimensions
     */
    public static long[] fans(Tensor t) {
        int[] s = t.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("[init] fan in and fan out can not be computed for a tensor with fewer"
                    + " than 2 dimensions, but got shape " + Arrays.toString(s));
        }
        long receptive = 1;
        for (int d = 2; d < s.length; d++) {
            receptive *= s[d];
        }
        return new long[] {s[1] * receptive, s[0] * receptive};
    }

    /**
     * Fills {@code t} from {@code U(a, b)}.
     *
     * @param t the tensor to fill, floating (a parameter's tensor, for instance)
     * @param a the lower bound
     * @param b the upper bound
     * @param generator the source of randomness
     * @return {@code t}, like {@code nn.init.uniform_(t, a, b)}
     */
    public static Tensor uniform_(Tensor t, double a, double b, Generator generator) {
        return fill(t, () -> Tensor.rand(generator, t.shape(), t.dtype(), t.device()).mul(b - a).add(a));
    }

    /**
     * Fills {@code t} from {@code N(mean, std^2)}.
     *
     * @param t the tensor to fill, floating
     * @param mean the mean
     * @param std the standard deviation
     * @param generator the source of randomness
     * @return {@code t}, like {@code nn.init.normal_(t, mean, std)}
     */
    public static Tensor normal_(Tensor t, double mean, double std, Generator generator) {
        return fill(t, () -> Tensor.randn(generator, t.shape(), t.dtype(), t.device()).mul(std).add(mean));
    }

    /**
     * {@link #uniform_(Tensor, double, double, Generator)} from the default generator.
     *
     * @param t the tensor to fill
     * @param a the lower bound
     * @param b the upper bound
     * @return {@code t}
     */
    public static Tensor uniform_(Tensor t, double a, double b) {
        return uniform_(t, a, b, Generator.defaultGenerator());
    }

    /**
     * {@link #normal_(Tensor, double, double, Generator)} from the default generator.
     *
     * @param t the tensor to fill
     * @param mean the mean
     * @param std the standard deviation
     * @return {@code t}
     */
    public static Tensor normal_(Tensor t, double mean, double std) {
        return normal_(t, mean, std, Generator.defaultGenerator());
    }

    /**
     * Xavier uniform with gain 1 from the default generator.
     *
     * @param t the tensor to fill, at least 2-D
     * @return {@code t}
     * @throws IllegalArgumentException for fewer than 2 dims
     */
    public static Tensor xavierUniform_(Tensor t) {
        return xavierUniform_(t, 1, Generator.defaultGenerator());
    }

    /**
     * Kaiming uniform with PyTorch's defaults from the default generator.
     *
     * @param t the tensor to fill, at least 2-D
     * @return {@code t}
     * @throws IllegalArgumentException for fewer than 2 dims
     */
    public static Tensor kaimingUniform_(Tensor t) {
        return kaimingUniform_(t, Generator.defaultGenerator());
    }

    /**
     * Fills {@code t} with {@code value} without recording, like {@code nn.init.constant_}.
     *
     * @param t the tensor to fill
     * @param value the value
     * @return {@code t}
     */
    public static Tensor constant_(Tensor t, double value) {
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            return t.fill_(value);
        }
    }

    /**
     * Fills {@code t} with zeros without recording, like {@code nn.init.zeros_}.
     *
     * @param t the tensor to fill
     * @return {@code t}
     */
    public static Tensor zeros_(Tensor t) {
        return constant_(t, 0);
    }

    /**
     * Fills {@code t} with ones without recording, like {@code nn.init.ones_}.
     *
     * @param t the tensor to fill
     * @return {@code t}
     */
    public static Tensor ones_(Tensor t) {
        return constant_(t, 1);
    }

    /**
     * Xavier (Glorot) uniform, {@code U(-a, a)} with {@code a = gain * sqrt(6 / (fanIn + fanOut))}, like {@code
     * nn.init.xavier_uniform_(t, gain)}.
     *
     * @param t the weight to fill, at least 2-D
     * @param gain the scale (see {@link #calculateGain})
     * @param generator the source of randomness
     * @return {@code t}
     * @throws IllegalArgumentException if {@code t} has fewer than 2 dimensions
     */
    public static Tensor xavierUniform_(Tensor t, double gain, Generator generator) {
        long[] f = fans(t);
        double a = gain * Math.sqrt(6.0 / (f[0] + f[1]));
        return uniform_(t, -a, a, generator);
    }

    /**
     * Xavier (Glorot) uniform with gain 1.
     *
     * @param t the weight to fill, at least 2-D
     * @param generator the source of randomness
     * @return {@code t}, like {@code nn.init.xavier_uniform_(t)}
     * @throws IllegalArgumentException if {@code t} has fewer than 2 dimensions
     */
    public static Tensor xavierUniform_(Tensor t, Generator generator) {
        return xavierUniform_(t, 1, generator);
    }

    /**
     * Xavier (Glorot) normal, {@code N(0, std^2)} with {@code std = gain * sqrt(2 / (fanIn + fanOut))}, like {@code
     * nn.init.xavier_normal_(t, gain)}.
     *
     * @param t the weight to fill, at least 2-D
     * @param gain the scale
     * @param generator the source of randomness
     * @return {@code t}
     * @throws IllegalArgumentException if {@code t} has fewer than 2 dimensions
     */
    public static Tensor xavierNormal_(Tensor t, double gain, Generator generator) {
        long[] f = fans(t);
        return normal_(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), generator);
    }

    /**
     * Xavier (Glorot) normal with gain 1, like {@code nn.init.xavier_normal_(t)}.
     *
     * @param t the weight to fill, at least 2-D
     * @param generator the source of randomness
     * @return {@code t}
     * @throws IllegalArgumentException if {@code t} has fewer than 2 dimensions
     */
    public static Tensor xavierNormal_(Tensor t, Generator generator) {
        return xavierNormal_(t, 1, generator);
    }

    /**
     * Kaiming (He) uniform; {@code a} is leaky relu's negative slope (unused by other nonlinearities).
     *
     * @param t the weight to fill, at least 2-D
     * @param a leaky relu's negative slope
     * @param mode which fan to preserve the variance of
     * @param nonlinearity the activation that follows
     * @param generator the source of randomness
     * @return {@code t}, like {@code nn.init.kaiming_uniform_(t, a, mode, nonlinearity)}
     * @throws IllegalArgumentException if {@code t} has elements but fewer than 2 dimensions (one without elements
     *     is left as it is, as in PyTorch)
     */
    public static Tensor kaimingUniform_(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity,
                                         Generator generator) {
        if (t.numel() == 0) { // as PyTorch, which warns "Initializing zero-element tensors is a no-op"
            return t;
        }
        double bound = Math.sqrt(3.0) * calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        return uniform_(t, -bound, bound, generator);
    }

    /**
     * Kaiming uniform with PyTorch's defaults: {@code a = 0}, fan in, leaky relu (so a gain of sqrt(2)).
     *
     * @param t the weight to fill, at least 2-D
     * @param generator the source of randomness
     * @return {@code t}, like {@code nn.init.kaiming_uniform_(t)}
     * @throws IllegalArgumentException if {@code t} has elements but fewer than 2 dimensions (one without elements
     *     is left as it is, as in PyTorch)
     */
    public static Tensor kaimingUniform_(Tensor t, Generator generator) {
        return kaimingUniform_(t, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
    }

    /**
     * Kaiming (He) normal, {@code N(0, std^2)} with {@code std = gain / sqrt(fan)}, like {@code
     * nn.init.kaiming_normal_(t, a, mode, nonlinearity)}.
     *
     * @param t the weight to fill, at least 2-D
     * @param a leaky relu's negative slope
     * @param mode which fan to preserve the variance of
     * @param nonlinearity the activation that follows
     * @param generator the source of randomness
     * @return {@code t}
     * @throws IllegalArgumentException if {@code t} has elements but fewer than 2 dimensions (one without elements
     *     is left as it is, as in PyTorch)
     */
    public static Tensor kaimingNormal_(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity,
                                        Generator generator) {
        if (t.numel() == 0) { // as PyTorch, which warns "Initializing zero-element tensors is a no-op"
            return t;
        }
        return normal_(t, 0, calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode)), generator);
    }

    /**
     * Kaiming normal with PyTorch's defaults ({@code a = 0}, fan in, leaky relu), like {@code
     * nn.init.kaiming_normal_(t)}.
     *
     * @param t the weight to fill, at least 2-D
     * @param generator the source of randomness
     * @return {@code t}
     * @throws IllegalArgumentException if {@code t} has elements but fewer than 2 dimensions (one without elements
     *     is left as it is, as in PyTorch)
     */
    public static Tensor kaimingNormal_(Tensor t, Generator generator) {
        return kaimingNormal_(t, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
    }

    private static long fan(Tensor t, FanMode mode) {
        long[] f = fans(t);
        return mode == FanMode.FAN_IN ? f[0] : f[1]; // not 0: the callers leave a tensor without elements alone
    }

    /** Writes {@code values} into {@code t} under no-grad; the draws' temporaries are closed at once. */
    private static Tensor fill(Tensor t, java.util.function.Supplier<Tensor> values) {
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            t.copy_(values.get());
        }
        return t;
    }
}
