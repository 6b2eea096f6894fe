package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** 2-D max pooling, like {@code torch.nn.MaxPool2d}; see {@link Functional#maxPool2d(Tensor, int[], int[], int[], int[], boolean)}. */
public class MaxPool2d extends Module {
    private final int[] kernelSizeGiven;
    private final int[] strideGiven;
    private final int[] paddingGiven;
    private final int[] dilationGiven;
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final boolean ceilMode;

    /**
     * Square windows with the stride of the kernel, no padding.
     *
     * @param kernelSize the window's side
     */
    public MaxPool2d(int kernelSize) {
        this(new int[] {kernelSize}, null, new int[] {0}, new int[] {1}, false);
    }

    /**
     * The general layer; each size is one value (both dims) or two ({@code {h, w}}).
     *
     * @param kernelSize the window's size
     * @param stride the stride; null: the kernel size
     * @param padding {@code -inf} on both sides, at most half the kernel
     * @param dilation the spacing of the window's taps
     * @param ceilMode round the output size up
     * @throws IllegalArgumentException for non-positive sizes or a negative padding
     */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        this.kernelSizeGiven = ConvLayers.copy(kernelSize);
        this.kernelSize = ConvLayers.pair("MaxPool2d", "kernel_size", kernelSize, 1);
        this.strideGiven = ConvLayers.copy(stride == null ? kernelSize : stride);
        this.stride = stride == null ? this.kernelSize : ConvLayers.pair("MaxPool2d", "stride", stride, 1);
        this.paddingGiven = ConvLayers.copy(padding);
        this.padding = ConvLayers.pair("MaxPool2d", "padding", padding, 0);
        this.dilationGiven = ConvLayers.copy(dilation);
        this.dilation = ConvLayers.pair("MaxPool2d", "dilation", dilation, 1);
        this.ceilMode = ceilMode;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.maxPool2d(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + ConvLayers.given(kernelSizeGiven) + ", stride=" + ConvLayers.given(strideGiven)
                + ", padding="
                + ConvLayers.given(paddingGiven) + ", dilation=" + ConvLayers.given(dilationGiven) + ", ceil_mode="
                + (ceilMode ? "True" : "False");
    }
}
