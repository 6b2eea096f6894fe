package dev.autograd4j.nn;

import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;

import java.util.Arrays;

/** What the convolution and pooling modules share: argument pairs, PyTorch's default init, tuple printing. */
final class ConvLayers {
    private ConvLayers() {
    }

    /** {@code {v}} or {@code {h, w}} as two values, each at least {@code min}. */
    static int[] pair(String module, String what, int[] values, int min) {
        if (values == null || (values.length != 1 && values.length != 2)
                || Arrays.stream(values).anyMatch(v -> v < min)) {
            throw new IllegalArgumentException("[" + module + "] " + what + " must be 1 or 2 values, each at least "
                    + min + ", but got " + (values == null ? "null" : Arrays.toString(values)));
        }
        return values.length == 2 ? values.clone() : new int[] {values[0], values[0]};
    }

    /**
     * PyTorch's {@code _ConvNd.reset_parameters}: Kaiming uniform with {@code a = sqrt(5)} for the weight, which is
     * {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}, and the same bound for the bias.
     */
    static void init(Tensor weight, Tensor bias, Generator generator) {
        long fanIn = Init.fans(weight)[0];
        if (fanIn > 0) {
            Init.kaimingUniform_(weight, Math.sqrt(5), Init.FanMode.FAN_IN, Init.Nonlinearity.LEAKY_RELU, generator);
        }
        if (bias != null) {
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(bias, -bound, bound, generator);
        }
    }

    /** A size as PyTorch's repr prints the argument it was given: {@code 2} for one value, {@code (3, 2)} for two. */
    static String given(int[] v) {
        return v.length == 1 ? Integer.toString(v[0]) : "(" + v[0] + ", " + v[1] + ")";
    }

    /** A copy of the sizes a user gave (null stays null: {@link #pair} rejects it). */
    static int[] copy(int[] v) {
        return v == null ? null : v.clone();
    }

    /** A pair as Python prints a tuple: {@code (3, 3)}. */
    static String tuple(int[] v) {
        return "(" + v[0] + ", " + v[1] + ")";
    }
}
