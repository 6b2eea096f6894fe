package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** 2-D adaptive average pooling to a fixed output size, like {@code torch.nn.AdaptiveAvgPool2d}. */
public class AdaptiveAvgPool2d extends Module {
    private final int[] outputSizeGiven;
    private final int[] outputSize;

    /**
     * @param outputSize {@code s} (square) or {@code h, w}, positive
     * @throws IllegalArgumentException for a size that is not 1 or 2 positive values
     */
    public AdaptiveAvgPool2d(int... outputSize) {
        this.outputSizeGiven = ConvLayers.copy(outputSize);
        this.outputSize = ConvLayers.pair("AdaptiveAvgPool2d", "output_size", outputSize, 1);
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.adaptiveAvgPool2d(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + ConvLayers.given(outputSizeGiven);
    }
}
