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

    /** PyTorch's {@code padding_mode} values. */
    private static final java.util.List<String> PADDING_MODES = java.util.List.of("zeros", "reflect", "replicate",
            "circular");

    /**
     * Checks a named padding and a padding mode as PyTorch's {@code _ConvNd} does, in its order: the name is "same" or
     * "valid" (or null for numbers), "same" needs stride 1, and the mode is one of {@link #PADDING_MODES}.
     */
    static void checkPadding(String module, String padding, int[] stride, String paddingMode) {
        if (padding != null && !padding.equals("same") && !padding.equals("valid")) {
            throw new IllegalArgumentException("[" + module + "] invalid padding string '" + padding
                    + "', should be 'same' or 'valid'");
        }
        if ("same".equals(padding) && Arrays.stream(stride).anyMatch(s -> s != 1)) {
            throw new IllegalArgumentException("[" + module + "] padding='same' is not supported for strided"
                    + " convolutions, but got stride " + Arrays.toString(stride));
        }
        if (!PADDING_MODES.contains(paddingMode)) {
            throw new IllegalArgumentException("[" + module + "] padding_mode must be one of 'zeros', 'reflect',"
                    + " 'replicate' or 'circular', but got '" + paddingMode + "'");
        }
    }

    /**
     * The {@code F.pad} argument a non-zeros padding mode pads with before a convolution without padding, PyTorch's
     * {@code _reversed_padding_repeated_twice}: (before, after) pairs from the last dim, from the numbers, or from
     * "same" (the extra after) or "valid" (none).
     */
    static int[] reversedPadding(int[] padding, String name, int[] kernelSize, int[] dilation) {
        int n = kernelSize.length;
        int[][] perDim = new int[n][];
        if (name == null) {
            for (int i = 0; i < n; i++) {
                perDim[i] = new int[] {padding[i], padding[i]};
            }
        } else if (name.equals("same")) {
            perDim = dev.autograd4j.ops.Convolution.samePadding(kernelSize, dilation);
        } else {
            for (int i = 0; i < n; i++) {
                perDim[i] = new int[] {0, 0};
            }
        }
        int[] out = new int[2 * n];
        for (int i = 0; i < n; i++) {
            out[2 * (n - 1 - i)] = perDim[i][0];
            out[2 * (n - 1 - i) + 1] = perDim[i][1];
        }
        return out;
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
