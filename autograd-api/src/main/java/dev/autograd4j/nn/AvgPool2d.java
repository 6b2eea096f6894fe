package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/** 2-D average pooling, like {@code torch.nn.AvgPool2d}; see {@link Functional#avgPool2d(Tensor, int[], int[], int[], boolean, boolean)}. */
public class AvgPool2d extends Module {
    private final int[] kernelSizeGiven;
    private final int[] strideGiven;
    private final int[] paddingGiven;
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final boolean ceilMode;
    private final boolean countIncludePad;

    /**
     * Square windows with the stride of the kernel, no padding.
     *
     * @param kernelSize the window's side
     */
    public AvgPool2d(int kernelSize) {
        this(new int[] {kernelSize}, null, new int[] {0}, false, true);
    }

    /**
     * The general layer; each size is one value (both dims) or two ({@code {h, w}}).
     *
     * @param kernelSize the window's size
     * @param stride the stride; null: the kernel size
     * @param padding zeros on both sides, at most half the kernel
     * @param ceilMode round the output size up
     * @param countIncludePad whether the padding counts in the divisor
     * @throws IllegalArgumentException for non-positive sizes or a negative padding
     */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        this.kernelSizeGiven = ConvLayers.copy(kernelSize);
        this.kernelSize = ConvLayers.pair("AvgPool2d", "kernel_size", kernelSize, 1);
        this.strideGiven = ConvLayers.copy(stride == null ? kernelSize : stride);
        this.stride = stride == null ? this.kernelSize : ConvLayers.pair("AvgPool2d", "stride", stride, 1);
        this.paddingGiven = ConvLayers.copy(padding);
        this.padding = ConvLayers.pair("AvgPool2d", "padding", padding, 0);
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.avgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + ConvLayers.given(kernelSizeGiven) + ", stride=" + ConvLayers.given(strideGiven)
                + ", padding="
                + ConvLayers.given(paddingGiven);
    }
}
