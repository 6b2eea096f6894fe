package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code toString()} prints what PyTorch 1.13's {@code repr} prints for the same tensor (copied from it), on the
 * suite's {@link #device()}. Off the CPU PyTorch names the device first among the suffixes, before {@code size=},
 * {@code dtype=} and {@code grad_fn=} ({@code torch/_tensor_str.py}), and wraps a suffix that would pass column 80
 * onto a new line indented under the first element.
 */
public abstract class TensorFormatSuite extends DeviceSuite {

    /** PyTorch's device suffix: nothing on the CPU, {@code , device='cuda:0'} elsewhere. */
    private String dev() {
        return device().isCpu() ? "" : ", device='" + device() + "'";
    }

    @Test
    void gradFnAndRequiresGradSuffixes() {
        Tensor x = Tensor.of(new float[] {2, 3}).requiresGrad(true);
        assertEquals("tensor([2., 3.]" + dev() + ", grad_fn=<MulBackward0>)",
                x.mul(Tensor.of(new float[] {1, 1})).toString());
        assertEquals("tensor([2., 3.]" + dev() + ", requires_grad=True)", x.toString());
        assertEquals("tensor(2.5000" + dev() + ", requires_grad=True)",
                Tensor.scalar(2.5).requiresGrad(true).toString());
        Tensor col = Tensor.of(new float[] {1.5f, 2.25f}, 2, 1).requiresGrad(true).mul(1.0);
        assertEquals("tensor([[1.5000],\n        [2.2500]]" + dev() + ", grad_fn=<MulBackward0>)", col.toString());
    }

    @Test
    void dtypesAndScalars() {
        assertEquals("tensor([0.1000, 0.2000]" + dev() + ", dtype=torch.float64)",
                Tensor.of(new double[] {0.1, 0.2}).toString());
        assertEquals("tensor(-8." + dev() + ")", Tensor.scalar(-8).toString());
        assertEquals("tensor([ True, False]" + dev() + ")", Tensor.of(new boolean[] {true, false}).toString());
        assertEquals("tensor([0, 1, 2]" + dev() + ")", Tensor.arange(3).toString());
        assertEquals("tensor([  1, -20]" + dev() + ", dtype=torch.int32)", Tensor.of(new int[] {1, -20}).toString());
    }

    @Test
    void matricesAndHigherRanks() {
        assertEquals("tensor([[1., 2.],\n        [3., 4.]]" + dev() + ")",
                Tensor.of(new float[][] {{1, 2}, {3, 4}}).toString());
        assertEquals("tensor([[[0., 1.],\n         [2., 3.]],\n\n        [[4., 5.],\n         [6., 7.]]]" + dev() + ")",
                Tensor.arange(0, 8, 1, DType.FLOAT32).reshape(2, 2, 2).toString());
    }

    @Test
    void emptyTensors() {
        assertEquals("tensor([]" + dev() + ", size=(0, 3))", Tensor.zeros(0, 3).toString());
        assertEquals("tensor([]" + dev() + ")", Tensor.zeros(0).toString());
        assertEquals("tensor([]" + dev() + ", dtype=torch.int64)", Tensor.zeros(new int[] {0}, DType.INT64).toString());
    }

    @Test
    void numberStyles() {
        assertEquals("tensor([1.0000e-05, 1.0000e+00]" + dev() + ")", Tensor.of(new float[] {1e-5f, 1}).toString());
        assertEquals("tensor([-0.0000, 1.5000]" + dev() + ")", Tensor.of(new float[] {-0.0f, 1.5f}).toString());
        assertEquals("tensor([nan, 1., inf]" + dev() + ")",
                Tensor.of(new float[] {Float.NaN, 1, Float.POSITIVE_INFINITY}).toString());
        assertEquals("tensor([1.0000e+10, 1.0000e+00]" + dev() + ")", Tensor.of(new float[] {1e10f, 1}).toString());
        assertEquals("tensor([ 1.2346e+02, -1.0000e-03]" + dev() + ")",
                Tensor.of(new float[] {123.456f, -0.001f}).toString());
        // With the device named, the dtype no longer fits in 80 columns and goes to the next line (as in PyTorch).
        String float64Suffix = device().isCpu() ? ", dtype=torch.float64)" : dev() + ",\n       dtype=torch.float64)";
        assertEquals("tensor([5.0000e-05, 1.2500e-01, 2.6750e+00]" + float64Suffix,
                Tensor.of(new double[] {0.00005, 0.125, 2.675}).toString());
        assertEquals("tensor([0.5000, 0.2500]" + dev() + ", dtype=torch.float64)",
                Tensor.of(new double[] {0.5, 0.25}).toString());
    }

    @Test
    void longVectorsWrapAt80Columns() {
        assertEquals("tensor([0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,\n"
                + "        1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286,\n"
                + "        2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857, 3.4286, 3.5714, 3.7143,\n"
                + "        3.8571, 4.0000, 4.1429]" + dev() + ")",
                Tensor.arange(0, 30, 1, DType.FLOAT32).div(7.0).toString());
    }

    @Test
    void largeTensorsAreSummarised() {
        assertEquals("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
                + "        1.9990e+03]" + dev() + ")", Tensor.arange(0, 2000, 1, DType.FLOAT32).toString());
        assertEquals("tensor([[   0,    1,    2,  ...,   37,   38,   39],\n"
                + "        [  40,   41,   42,  ...,   77,   78,   79],\n"
                + "        [  80,   81,   82,  ...,  117,  118,  119],\n"
                + "        ...,\n"
                + "        [1480, 1481, 1482,  ..., 1517, 1518, 1519],\n"
                + "        [1520, 1521, 1522,  ..., 1557, 1558, 1559],\n"
                + "        [1560, 1561, 1562,  ..., 1597, 1598, 1599]]" + dev() + ")",
                Tensor.arange(1600).reshape(40, 40).toString());
    }

    @Test
    void aSummaryReadsOnlyTheEdgesSoAViewPastTwoToThe31PrintsAsPyTorchPrintsIt() {
        // PyTorch 1.13: print(torch.ones(1, 1).expand(50000, 50000)); the view has 2.5e9 elements, more than a Java
        // array holds, so only the edges printed may be read.
        assertEquals("tensor([[1., 1., 1.,  ..., 1., 1., 1.],\n"
                + "        [1., 1., 1.,  ..., 1., 1., 1.],\n"
                + "        [1., 1., 1.,  ..., 1., 1., 1.],\n"
                + "        ...,\n"
                + "        [1., 1., 1.,  ..., 1., 1., 1.],\n"
                + "        [1., 1., 1.,  ..., 1., 1., 1.],\n"
                + "        [1., 1., 1.,  ..., 1., 1., 1.]]" + dev() + ")", Tensor.ones(1, 1).expand(50000, 50000).toString());
        // PyTorch 1.13: print(torch.arange(3000.).reshape(3, 1000, 1).expand(3, 1000, 2)): the notation is chosen
        // from the elements shown.
        String expected = "tensor([[[0.0000e+00, 0.0000e+00],\n"
                + "         [1.0000e+00, 1.0000e+00],\n"
                + "         [2.0000e+00, 2.0000e+00],\n"
                + "         ...,\n"
                + "         [9.9700e+02, 9.9700e+02],\n"
                + "         [9.9800e+02, 9.9800e+02],\n"
                + "         [9.9900e+02, 9.9900e+02]],\n"
                + "\n"
                + "        [[1.0000e+03, 1.0000e+03],\n"
                + "         [1.0010e+03, 1.0010e+03],\n"
                + "         [1.0020e+03, 1.0020e+03],\n"
                + "         ...,\n"
                + "         [1.9970e+03, 1.9970e+03],\n"
                + "         [1.9980e+03, 1.9980e+03],\n"
                + "         [1.9990e+03, 1.9990e+03]],\n"
                + "\n"
                + "        [[2.0000e+03, 2.0000e+03],\n"
                + "         [2.0010e+03, 2.0010e+03],\n"
                + "         [2.0020e+03, 2.0020e+03],\n"
                + "         ...,\n"
                + "         [2.9970e+03, 2.9970e+03],\n"
                + "         [2.9980e+03, 2.9980e+03],\n"
                + "         [2.9990e+03, 2.9990e+03]]]" + dev() + ")";
        assertEquals(expected,
                Tensor.arange(0, 3000, 1, DType.FLOAT32).reshape(3, 1000, 1).expand(3, 1000, 2).toString());
    }

    @Test
    void theDeviceIsNamedUnlessItIsTheCpu() {
        Tensor here = Tensor.of(new float[] {1, 2});
        assertEquals(device().isCpu() ? "tensor([1., 2.])" : "tensor([1., 2.], device='" + device() + "')",
                here.toString());
        assertEquals("tensor([1., 2.])", here.to(Device.cpu()).toString());
    }
}
