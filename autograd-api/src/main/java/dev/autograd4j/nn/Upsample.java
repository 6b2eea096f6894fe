package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.util.Arrays;

/**
 * Resizes the spatial dims to a size or by a scale factor, like {@code torch.nn.Upsample}: mode "nearest" (the
 * default), "linear", "bilinear" or "bicubic" (see {@link Functional#interpolate(Tensor, int[], String, boolean)}).
 */
public class Upsample extends Module {
    private final int[] size;
    private final double[] scaleFactor;
    private final String mode;
    private final boolean alignCorners;

    private Upsample(int[] size, double[] scaleFactor, String mode, boolean alignCorners) {
        this.size = size;
        this.scaleFactor = scaleFactor;
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    /**
     * Resizing to a size.
     *
     * @param size the output length, or height and width
     * @param mode "nearest", "linear", "bilinear" or "bicubic"
     * @param alignCorners the linear modes' align_corners (false for nearest)
     * @return the module
     */
    public static Upsample toSize(int[] size, String mode, boolean alignCorners) {
        return new Upsample(size.clone(), null, mode, alignCorners);
    }

    /**
     * Resizing by a factor, the same for every spatial dim, like {@code nn.Upsample(scale_factor=f, mode=mode)}.
     *
     * @param scaleFactor the factor
     * @param mode "nearest", "linear", "bilinear" or "bicubic"
     * @return the module
     */
    public static Upsample byFactor(double scaleFactor, String mode) {
        return new Upsample(null, new double[] {scaleFactor}, mode, false);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (size != null) {
            return Functional.interpolate(input, size, mode, alignCorners);
        }
        double[] factors = new double[Math.max(input.dim() - 2, 0)];
        Arrays.fill(factors, scaleFactor[0]);
        return Functional.interpolate(input, factors, mode);
    }

    @Override
    protected String extraRepr() {
        String what = size != null ? "size=" + (size.length == 1 ? String.valueOf(size[0])
                : "(" + String.join(", ", Arrays.stream(size).mapToObj(String::valueOf).toArray(String[]::new)) + ")")
                : "scale_factor=" + LayerNorm.pythonFloat(scaleFactor[0]);
        return what + ", mode=" + mode;
    }
}
