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
    private final String paddingName;
    private final String paddingMode;
    private final int[] reversedPadding;
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
        this(inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias, "zeros", generator);
    }

    /**
     * The general layer with a padding mode, like {@code nn.Conv2d(..., padding_mode=mode)}: "zeros" pads with zeros,
     * "reflect", "replicate" and "circular" pad the input with {@code F.pad} in that mode first.
     *
     * @param inChannels input channels, divisible by {@code groups}
     * @param outChannels output channels, divisible by {@code groups}
     * @param kernelSize the kernel's size, {@code {k}} or {@code {kH, kW}}
     * @param stride the stride
     * @param padding the padding on both sides
     * @param dilation the spacing of the kernel's taps
     * @param groups the number of channel groups
     * @param bias whether to learn a bias
     * @param paddingMode "zeros", "reflect", "replicate" or "circular"
     * @param generator the initialiser's draws
     * @throws IllegalArgumentException for channels not divisible by groups, non-positive sizes or an unknown mode
     */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
                  int groups, boolean bias, String paddingMode, Generator generator) {
        this(inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias, paddingMode,
                generator);
    }

    /**
     * The general layer with padding by name, like {@code nn.Conv2d(..., padding="same", padding_mode=mode)}:
     * "same" keeps the input's size (stride 1 only; an even kernel with an odd dilation puts the extra padding on the
     * right and bottom, as PyTorch does), "valid" pads nothing.
     *
     * @param inChannels input channels, divisible by {@code groups}
     * @param outChannels output channels, divisible by {@code groups}
     * @param kernelSize the kernel's size, {@code {k}} or {@code {kH, kW}}
     * @param stride the stride, all 1 for "same"
     * @param padding "same" or "valid"
     * @param dilation the spacing of the kernel's taps
     * @param groups the number of channel groups
     * @param bias whether to learn a bias
     * @param paddingMode "zeros", "reflect", "replicate" or "circular"
     * @param generator the initialiser's draws
     * @throws IllegalArgumentException for channels not divisible by groups, non-positive sizes, another padding
     *     string, "same" with a stride, or an unknown mode
     */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, String padding, int[] dilation,
                  int groups, boolean bias, String paddingMode, Generator generator) {
        this(inChannels, outChannels, kernelSize, stride, new int[] {0}, java.util.Objects.requireNonNull(padding,
                "padding"), dilation, groups, bias, paddingMode, generator);
    }

    private Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, String paddingName,
                   int[] dilation, int groups, boolean bias, String paddingMode, Generator generator) {
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
        ConvLayers.checkPadding("Conv2d", paddingName, this.stride, paddingMode);
        this.paddingName = paddingName;
        this.paddingMode = paddingMode;
        this.reversedPadding = ConvLayers.reversedPadding(this.padding, paddingName, this.kernelSize, this.dilation);
        this.groups = groups;
        Tensor w = Tensor.zeros(outChannels, inChannels / groups, this.kernelSize[0], this.kernelSize[1]);
        Tensor b = bias ? Tensor.zeros(outChannels) : null;
        ConvLayers.init(w, b, generator);
        this.weight = registerParameter("weight", w);
        this.bias = bias ? registerParameter("bias", b) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor b = bias == null ? null : bias.tensor();
        if (!paddingMode.equals("zeros")) {
            return Functional.conv2d(Functional.pad(input, reversedPadding, paddingMode, 0), weight.tensor(), b,
                    stride, new int[] {0}, dilation, groups);
        }
        return paddingName != null
                ? Functional.conv2d(input, weight.tensor(), b, stride, paddingName, dilation, groups)
                : Functional.conv2d(input, weight.tensor(), b, stride, padding, dilation, groups);
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
                + ConvLayers.tuple(stride) + (paddingName != null ? ", padding=" + paddingName
                : Arrays.stream(padding).anyMatch(p -> p != 0) ? ", padding=" + ConvLayers.tuple(padding) : "")
                + (Arrays.stream(dilation).anyMatch(d -> d != 1)
                ? ", dilation=" + ConvLayers.tuple(dilation) : "") + (groups != 1 ? ", groups=" + groups : "")
                + (bias == null ? ", bias=False" : "")
                + (paddingMode.equals("zeros") ? "" : ", padding_mode=" + paddingMode);
    }
}
