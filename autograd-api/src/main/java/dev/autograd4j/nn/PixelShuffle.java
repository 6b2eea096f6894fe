package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** {@code [*, C r^2, H, W]} to {@code [*, C, H r, W r]}, like {@code torch.nn.PixelShuffle}. */
public class PixelShuffle extends Module {
    private final int upscaleFactor;

    /**
     * Makes the module.
     *
     * @param upscaleFactor r
     */
    public PixelShuffle(int upscaleFactor) {
        this.upscaleFactor = upscaleFactor;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.pixelShuffle(input, upscaleFactor);
    }

    @Override
    protected String extraRepr() {
        return "upscale_factor=" + upscaleFactor;
    }
}
