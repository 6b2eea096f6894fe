package dev.autograd4j.ops;

import dev.autograd4j.Generator;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;

import static dev.autograd4j.internal.Internal.record;

/** Dropout with an explicit generator, so a training run is reproducible. */
public final class Dropout {
    private Dropout() {
    }

    /**
     * In training, zeroes each element with probability {@code p} (where a uniform draw from {@code generator} is
     * below {@code p}) and scales the rest by {@code 1 / (1 - p)}; otherwise returns {@code x}.
     * NativeDropoutBackward0 multiplies the gradient by the same scaled mask.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator generator) {
        if (!(p >= 0 && p <= 1)) {
            throw Errors.argument("dropout", "probability has to be between 0 and 1, but got " + p);
        }
        if (!training || p == 0) {
            return x;
        }
        Errors.requireFloating("dropout", x.dtype());
        Tensor mask;
        Tensor out;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor u = Factories.rand(generator, x.shape(), x.dtype(), x.device());
            mask = p == 1 ? Tensor.zerosLike(u) : u.ge(p).to(x.dtype()).mul(1.0 / (1.0 - p));
            out = x.mul(mask);
        }
        return record("NativeDropoutBackward0", (n, g) -> new Tensor[] {g[0].mul(n.saved(0))}, x).save(mask).output(out);
    }
}
