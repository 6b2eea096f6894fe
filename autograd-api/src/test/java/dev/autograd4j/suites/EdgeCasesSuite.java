package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a new user's sweep of the public API found at the edges (0-d and empty tensors, sizes past 2^31 elements),
 * on the suite's device. Each expectation is PyTorch 1.13's behaviour, with the expression that gave it.
 */
public abstract class EdgeCasesSuite extends DeviceSuite {

    @Test
    void gatherAndScatterAddTreatA0dTensorAsOneElement() {
        // PyTorch 1.13: x = torch.tensor(1.5, requires_grad=True); y = x.gather(0, torch.tensor(0)) -> tensor(1.5000),
        // a 0-d result; (y * 3).backward(); x.grad -> tensor(3.)
        Tensor x = Tensor.scalar(1.5).requiresGrad(true);
        Tensor y = x.gather(0, Tensor.scalar(0, DType.INT64));
        assertArrayEquals(new int[0], y.shape());
        assertEquals(1.5, y.item());
        y.mul(3.0).backward();
        assertEquals(3.0, x.grad().item());
        // torch.tensor(1.5).scatter_add(0, torch.tensor(0), torch.tensor(2.0)) -> tensor(3.5000)
        Tensor s = Tensor.scalar(1.5).scatterAdd(0, Tensor.scalar(0, DType.INT64), Tensor.scalar(2.0));
        assertArrayEquals(new int[0], s.shape());
        assertEquals(3.5, s.item());
    }
}
