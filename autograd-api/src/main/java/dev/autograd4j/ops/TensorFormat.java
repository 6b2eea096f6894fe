package dev.autograd4j.ops;

import dev.autograd4j.Tensor;

/** PyTorch's tensor repr. (Placeholder until the full formatter lands.) */
public final class TensorFormat {
    private TensorFormat() {
    }

    public static String format(Tensor t) {
        return "tensor(" + java.util.Arrays.toString(t.toDoubleArray()) + ")";
    }
}
