package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code [*, C, H r, W r]} to {@code [*, C r^2, H, W]}, like {@code torch.nn.PixelUnshuffle}. */
public class PixelUnshuffle extends Module {
    private final int downscaleFactor;

    /**
     * Makes the module.
     *
     * @param downscaleFactor r
     */
    public PixelUnshuffle(int downscaleFactor) {
        this.downscaleFactor = downscaleFactor;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.pixelUnshuffle(input, downscaleFactor);
    }

    @Override
    protected String extraRepr() {
        return "downscale_factor=" + downscaleFactor;
    }
}
