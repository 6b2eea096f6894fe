package dev.autograd4j.nn;

import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;

import java.util.Arrays;

/**
 * A 2-D convolution layer, like {@code torch.nn.Conv2d}: weight {@code [out, in / groups, kH, kW]} and bias
 * {@code [out]}, initialised as PyTorch does, both {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))} with
 * {@code fanIn = in / groups * kH * kW} (the weight by Kaiming uniform with {@code a = sqrt(5)}), drawn from
 * {@code generator}, in float32 on the default device.
 */
public class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A square kernel with stride 1, no padding, dilation 1, one group and a bias.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize the kernel's side
     * @param generator the initialiser's draws
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize, Generator generator) {
        this(inChannels, outChannels, new int[] {kernelSize}, new int[] {1}, new int[] {0}, new int[] {1}, 1, true,
                generator);
    }

    /**
     * The general layer; each of {@code kernelSize}, {@code stride}, {@code padding} and {@code dilation} is one
     * value (both dims) or two ({@code {h, w}}).
     *
     * @param inChannels input channels, divisible by {@code groups}
     * @param outChannels output channels, divisible by {@code groups}
     * @param kernelSize the kernel's size
     * @param stride the stride
     * @param padding zeros on both sides
     * @param dilation the spacing of the kernel's taps
     * @param groups the number of channel groups
     * @param bias whether to learn a bias
     * @param generator the initialiser's draws
     * @throws IllegalArgumentException for channels not divisible by groups or non-positive sizes
     */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
                  int groups, boolean bias, Generator generator) {
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("[Conv2d] in_channels " + inChannels + " and out_channels "
                    + outChannels + " must be divisible by groups " + groups);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = ConvLayers.pair("Conv2d", "kernel_size", kernelSize, 1);
        this.stride = ConvLayers.pair("Conv2d", "stride", stride, 1);
        this.padding = ConvLayers.pair("Conv2d", "padding", padding, 0);
        this.dilation = ConvLayers.pair("Conv2d", "dilation", dilation, 1);
        this.groups = groups;
        Tensor w = Tensor.zeros(outChannels, inChannels / groups, this.kernelSize[0], this.kernelSize[1]);
        Tensor b = bias ? Tensor.zeros(outChannels) : null;
        ConvLayers.init(w, b, generator);
        this.weight = registerParameter("weight", w);
        this.bias = bias ? registerParameter("bias", b) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.conv2d(input, weight.tensor(), bias == null ? null : bias.tensor(), stride, padding,
                dilation, groups);
    }

    /** @return the weight {@code [out, in / groups, kH, kW]} */
    public Parameter weight() {
        return weight;
    }

    /** @return the bias {@code [out]}, or null when built without one */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel_size=" + ConvLayers.tuple(kernelSize) + ", stride="
                + ConvLayers.tuple(stride) + (Arrays.stream(padding).anyMatch(p -> p != 0)
                ? ", padding=" + ConvLayers.tuple(padding) : "") + (Arrays.stream(dilation).anyMatch(d -> d != 1)
                ? ", dilation=" + ConvLayers.tuple(dilation) : "") + (groups != 1 ? ", groups=" + groups : "")
                + (bias == null ? ", bias=False" : "");
    }
}
