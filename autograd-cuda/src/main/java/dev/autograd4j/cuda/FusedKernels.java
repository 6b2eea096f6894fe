package dev.autograd4j.cuda;

import dev.autograd4j.spi.FusedOp;
import dev.autograd4j.spi.View;

/** The optional fused kernels of the SPI (module "fused"; the activation backwards are binary op codes). */
final class FusedKernels {
    private FusedKernels() {
    }

    static boolean supports(FusedOp op) {
        return false;
    }

    static void softmax(KernelLauncher k, View out, View in, boolean log) {
        throw new UnsupportedOperationException("[cuda] softmax: to be written");
    }

    static void softmaxBackward(KernelLauncher k, View gradIn, View gradOut, View out, boolean log) {
        throw new UnsupportedOperationException("[cuda] softmaxBackward: to be written");
    }

    static void layerNorm(KernelLauncher k, View out, View mean, View rstd, View in, View weight, View bias,
                          double eps) {
        throw new UnsupportedOperationException("[cuda] layerNorm: to be written");
    }

    static void layerNormBackward(KernelLauncher k, View gradIn, View gradWeight, View gradBias, View gradOut,
                                  View in, View mean, View rstd, View weight) {
        throw new UnsupportedOperationException("[cuda] layerNormBackward: to be written");
    }

    static void crossEntropy(KernelLauncher k, View logProbs, View losses, View weights, View logits, View target,
                             View classWeight, long ignoreIndex) {
        throw new UnsupportedOperationException("[cuda] crossEntropy: to be written");
    }

    static void nllLossBackward(KernelLauncher k, View gradInput, View gradLosses, View target, View classWeight,
                                long ignoreIndex) {
        throw new UnsupportedOperationException("[cuda] nllLossBackward: to be written");
    }
}
