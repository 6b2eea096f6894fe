package dev.autograd4j.nn;

import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;

/**
 * A 1-D convolution layer, like {@code torch.nn.Conv1d}: weight {@code [out, in / groups, k]} and bias {@code [out]},
 * both {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))} with {@code fanIn = in / groups * k}, as PyTorch initialises them,
 * drawn from {@code generator}, in float32 on the default device.
 */
public class Conv1d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final String paddingName;
    private final String paddingMode;
    private final int[] reversedPadding;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Stride 1, no padding, dilation 1, one group and a bias.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize the kernel's length
     * @param generator the initialiser's draws
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize, Generator generator) {
        this(inChannels, outChannels, kernelSize, 1, 0, 1, 1, true, generator);
    }

    /**
     * The general layer.
     *
     * @param inChannels input channels, divisible by {@code groups}
     * @param outChannels output channels, divisible by {@code groups}
     * @param kernelSize the kernel's length
     * @param stride the stride
     * @param padding zeros on both sides
     * @param dilation the spacing of the kernel's taps
     * @param groups the number of channel groups
     * @param bias whether to learn a bias
     * @param generator the initialiser's draws
     * @throws IllegalArgumentException for channels not divisible by groups or non-positive sizes
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                  boolean bias, Generator generator) {
        this(inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias, "zeros", generator);
    }

    /**
     * The general layer with a padding mode, like {@code nn.Conv1d(..., padding_mode=mode)}: "zeros" pads with zeros,
     * "reflect", "replicate" and "circular" pad the input with {@code F.pad} in that mode first.
     *
     * @param inChannels input channels, divisible by {@code groups}
     * @param outChannels output channels, divisible by {@code groups}
     * @param kernelSize the kernel's length
     * @param stride the stride
     * @param padding the padding on both sides
     * @param dilation the spacing of the kernel's taps
     * @param groups the number of channel groups
     * @param bias whether to learn a bias
     * @param paddingMode "zeros", "reflect", "replicate" or "circular"
     * @param generator the initialiser's draws
     * @throws IllegalArgumentException for channels not divisible by groups, non-positive sizes or an unknown mode
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                  boolean bias, String paddingMode, Generator generator) {
        this(inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias, paddingMode,
                generator);
    }

    /**
     * The general layer with padding by name, like {@code nn.Conv1d(..., padding="same", padding_mode=mode)}:
     * "same" keeps the input's length (stride 1 only; an even kernel with an odd dilation puts the extra padding on
     * the right, as PyTorch does), "valid" pads nothing.
     *
     * @param inChannels input channels, divisible by {@code groups}
     * @param outChannels output channels, divisible by {@code groups}
     * @param kernelSize the kernel's length
     * @param stride the stride, 1 for "same"
     * @param padding "same" or "valid"
     * @param dilation the spacing of the kernel's taps
     * @param groups the number of channel groups
     * @param bias whether to learn a bias
     * @param paddingMode "zeros", "reflect", "replicate" or "circular"
     * @param generator the initialiser's draws
     * @throws IllegalArgumentException for channels not divisible by groups, non-positive sizes, another padding
     *     string, "same" with a stride, or an unknown mode
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, String padding, int dilation,
                  int groups, boolean bias, String paddingMode, Generator generator) {
        this(inChannels, outChannels, kernelSize, stride, 0, java.util.Objects.requireNonNull(padding, "padding"),
                dilation, groups, bias, paddingMode, generator);
    }

    private Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, String paddingName,
                   int dilation, int groups, boolean bias, String paddingMode, Generator generator) {
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("[Conv1d] in_channels " + inChannels + " and out_channels "
                    + outChannels + " must be divisible by groups " + groups);
        }
        ConvLayers.pair("Conv1d", "kernel_size", new int[] {kernelSize}, 1);
        ConvLayers.pair("Conv1d", "stride", new int[] {stride}, 1);
        ConvLayers.pair("Conv1d", "padding", new int[] {padding}, 0);
        ConvLayers.pair("Conv1d", "dilation", new int[] {dilation}, 1);
        ConvLayers.checkPadding("Conv1d", paddingName, new int[] {stride}, paddingMode);
        this.paddingName = paddingName;
        this.paddingMode = paddingMode;
        this.reversedPadding = ConvLayers.reversedPadding(new int[] {padding}, paddingName, new int[] {kernelSize},
                new int[] {dilation});
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        Tensor w = Tensor.zeros(outChannels, inChannels / groups, kernelSize);
        Tensor b = bias ? Tensor.zeros(outChannels) : null;
        ConvLayers.init(w, b, generator);
        this.weight = registerParameter("weight", w);
        this.bias = bias ? registerParameter("bias", b) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor b = bias == null ? null : bias.tensor();
        if (!paddingMode.equals("zeros")) {
            return Functional.conv1d(Functional.pad(input, reversedPadding, paddingMode, 0), weight.tensor(), b,
                    stride, 0, dilation, groups);
        }
        return paddingName != null
                ? Functional.conv1d(input, weight.tensor(), b, stride, paddingName, dilation, groups)
                : Functional.conv1d(input, weight.tensor(), b, stride, padding, dilation, groups);
    }

    /** @return the weight {@code [out, in / groups, k]} */
    public Parameter weight() {
        return weight;
    }

    /** @return the bias {@code [out]}, or null when built without one */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel_size=(" + kernelSize + ",), stride=(" + stride + ",)"
                + (paddingName != null ? ", padding=" + paddingName
                : padding != 0 ? ", padding=(" + padding + ",)" : "")
                + (dilation != 1 ? ", dilation=(" + dilation
                + ",)" : "") + (groups != 1 ? ", groups=" + groups : "") + (bias == null ? ", bias=False" : "")
                + (paddingMode.equals("zeros") ? "" : ", padding_mode=" + paddingMode);
    }
}
