package dev.autograd4j.suites;

import dev.autograd4j.Autograd;
import dev.autograd4j.DType;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void a0dTensorAndA1dTensorAreInterchangeableInGatherAndScatterAdd() {
        // PyTorch 1.13: x = torch.tensor(5., requires_grad=True); g = torch.gather(x, 0, torch.tensor([0, 0, 0]))
        // -> tensor([5., 5., 5.]); g.sum().backward(); x.grad -> tensor(3.)
        Tensor x = Tensor.scalar(5.0).requiresGrad(true);
        Tensor g = x.gather(0, Tensor.of(new long[] {0, 0, 0}, 3));
        assertArrayEquals(new double[] {5, 5, 5}, g.toDoubleArray());
        g.sum().backward();
        assertArrayEquals(new int[0], x.grad().shape());
        assertEquals(3.0, x.grad().item());
        // y = torch.tensor([1., 2., 3.], requires_grad=True); g2 = torch.gather(y, 0, torch.tensor(2)) -> tensor(3.),
        // shape []; g2.backward(); y.grad -> tensor([0., 0., 1.])
        Tensor y = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor g2 = y.gather(0, Tensor.scalar(2, DType.INT64));
        assertArrayEquals(new int[0], g2.shape());
        assertEquals(3.0, g2.item());
        g2.backward();
        assertArrayEquals(new double[] {0, 0, 1}, y.grad().toDoubleArray());
        // s = torch.tensor(1., requires_grad=True); src = torch.tensor([2., 3.], requires_grad=True)
        // r = torch.scatter_add(s, 0, torch.tensor([0, 0]), src) -> tensor(6.), shape []; r.backward();
        // s.grad -> tensor(1.), src.grad -> tensor([1., 1.])
        Tensor s = Tensor.scalar(1.0).requiresGrad(true);
        Tensor src = Tensor.of(new float[] {2, 3}, 2).requiresGrad(true);
        Tensor r = s.scatterAdd(0, Tensor.of(new long[] {0, 0}, 2), src);
        assertArrayEquals(new int[0], r.shape());
        assertEquals(6.0, r.item());
        r.backward();
        assertEquals(1.0, s.grad().item());
        assertArrayEquals(new double[] {1, 1}, src.grad().toDoubleArray());
        // torch.scatter_add(torch.ones(3), 0, torch.tensor(1), torch.tensor([5., 7.])) -> tensor([1., 6., 1.])
        assertArrayEquals(new double[] {1, 6, 1}, Tensor.ones(3).scatterAdd(0, Tensor.scalar(1, DType.INT64),
                Tensor.of(new float[] {5, 7}, 2)).toDoubleArray());
        // torch.gather(torch.tensor(5.), 0, torch.tensor([[0]])) -> "Index tensor must have the same number of
        // dimensions as input tensor"; torch.gather(torch.tensor(5.), 0, torch.tensor([1])) -> "index 1 is out of
        // bounds for dimension 0 with size 1"
        assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(5.0).gather(0, Tensor.of(new long[] {0},
                1, 1)));
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.scalar(5.0).gather(0, Tensor.of(new long[] {1},
                1)).toDoubleArray());
    }

    @Test
    void distIsOneNodeWithNormsGradientOfTheBroadcastDifference() {
        // PyTorch 1.13, float64: x = torch.tensor([[1., 2., 3.], [0., -1., 2.]], requires_grad=True)
        // y = torch.tensor([0.5, 2., -1.], requires_grad=True); d = torch.dist(x, y, 2) -> 5.873670062235365,
        // d.grad_fn DistBackward0; torch.autograd.grad(d, (x, y)) -> [[0.08512565307587486, 0, 0.6810052246069989],
        // [-0.08512565307587486, -0.5107539184552492, 0.5107539184552492]] and [0, 0.5107539184552492,
        // -1.191759143062248]; with p = inf -> [[0., 0., 1.], [-0., -0., 0.]] and [0., 0., -1.]
        Tensor x = Tensor.of(new double[] {1, 2, 3, 0, -1, 2}, 2, 3).requiresGrad(true);
        Tensor y = Tensor.of(new double[] {0.5, 2, -1}, 3).requiresGrad(true);
        Tensor d = x.dist(y, 2);
        assertEquals("DistBackward0", d.gradFn().name());
        assertEquals(5.873670062235365, d.item(), 1e-12);
        Tensor[] g = Autograd.grad(d, x, y);
        assertArrayEquals(new double[] {0.08512565307587486, 0, 0.6810052246069989, -0.08512565307587486,
                -0.5107539184552492, 0.5107539184552492}, g[0].toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5107539184552492, -1.191759143062248}, g[1].toDoubleArray(), 1e-12);
        Tensor[] gi = Autograd.grad(x.dist(y, Double.POSITIVE_INFINITY), x, y);
        assertArrayEquals(new double[] {0, 0, 1, -0.0, -0.0, 0}, gi[0].toDoubleArray()); // signs as PyTorch prints
        assertArrayEquals(new double[] {0, 0, -1}, gi[1].toDoubleArray());
    }

    @Test
    void nonzeroIsLaidOutDimByDimAsPyTorch() {
        // PyTorch 1.13: torch.tensor([[0, 1, 1], [0, 1, 0.]]).nonzero() -> [[0, 1], [0, 2], [1, 1]], stride (1, 3),
        // not contiguous; torch.tensor([0, 3, 0, 4.]).nonzero().stride() -> (1, 2); torch.zeros(2, 3).nonzero():
        // shape (0, 2), stride (1, 0); torch.tensor(5.).nonzero(): shape (1, 0), stride (1, 1)
        Tensor n = Tensor.of(new float[] {0, 1, 1, 0, 1, 0}, 2, 3).nonzero();
        assertArrayEquals(new long[] {0, 1, 0, 2, 1, 1}, n.toLongArray());
        assertArrayEquals(new int[] {3, 2}, n.shape());
        assertArrayEquals(new long[] {1, 3}, n.stride());
        assertFalse(n.isContiguous());
        assertArrayEquals(new long[] {2, 1}, n.contiguous().stride());
        assertArrayEquals(new long[] {1, 2}, Tensor.of(new float[] {0, 3, 0, 4}, 4).nonzero().stride());
        Tensor none = Tensor.zeros(2, 3).nonzero();
        assertArrayEquals(new int[] {0, 2}, none.shape());
        assertArrayEquals(new long[] {1, 0}, none.stride());
        Tensor scalar = Tensor.scalar(5.0).nonzero();
        assertArrayEquals(new int[] {1, 0}, scalar.shape());
        assertArrayEquals(new long[] {1, 1}, scalar.stride());
    }

    @Test
    void catSkipsOneDimensionalEmptyTensorsAsPyTorch() {
        // PyTorch 1.13 (its legacy rule: a tensor of shape [0] is left out of the shape checks, not of the dtype):
        // x = torch.zeros(0, requires_grad=True); y = torch.ones(2, 3, requires_grad=True)
        // z = torch.cat([x, y, x], 0) -> shape [2, 3]; z.sum().backward(); x.grad -> tensor([]), y.grad -> ones(2, 3)
        Tensor x = Tensor.zeros(0).requiresGrad(true);
        Tensor y = Tensor.ones(2, 3).requiresGrad(true);
        Tensor z = Tensor.cat(List.of(x, y, x), 0);
        assertArrayEquals(new int[] {2, 3}, z.shape());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, z.toDoubleArray());
        z.sum().backward();
        assertArrayEquals(new int[] {0}, x.grad().shape());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, y.grad().toDoubleArray());
        // torch.cat([torch.zeros(0), torch.ones(2, 3)], 1).shape -> [2, 3]: dim is wrapped against the kept tensors
        assertArrayEquals(new int[] {2, 3}, Tensor.cat(List.of(Tensor.zeros(0), Tensor.ones(2, 3)), -1).shape());
        // torch.cat([torch.zeros(0, dtype=torch.float64), torch.ones(2, 3)], 1).dtype -> torch.float64
        assertEquals(DType.FLOAT64, Tensor.cat(List.of(Tensor.zeros(new int[] {0}, DType.FLOAT64),
                Tensor.ones(2, 3)), 1).dtype());
        // torch.cat([torch.zeros(0), torch.zeros(0)]).shape -> [0]
        assertArrayEquals(new int[] {0}, Tensor.cat(List.of(Tensor.zeros(0), Tensor.zeros(0)), 0).shape());
        // torch.cat([torch.ones(2), torch.tensor(1.)]) -> zero-dimensional tensor (at position 1) cannot be
        // concatenated
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.cat(List.of(Tensor.ones(2), Tensor.scalar(1.0)), 0));
        assertEquals("[cat] zero-dimensional tensor (at position 1) cannot be concatenated", e.getMessage());
    }

    @Test
    void chunkOfAnEmptyDimensionGivesChunksEmptyPieces() {
        // PyTorch 1.13: len(torch.zeros(0).chunk(3)) -> 3; torch.zeros(3, 0).chunk(2, 1) -> two tensors of [3, 0]
        assertEquals(3, Tensor.zeros(0).chunk(3, 0).size());
        List<Tensor> pieces = Tensor.zeros(3, 0).chunk(2, 1);
        assertEquals(2, pieces.size());
        for (Tensor p : pieces) {
            assertArrayEquals(new int[] {3, 0}, p.shape());
        }
        // torch.zeros(5).chunk(3) -> sizes 2, 2, 1 (unchanged)
        assertEquals(List.of(2, 2, 1), Tensor.zeros(5).chunk(3, 0).stream().map(t -> t.size(0)).toList());
    }

    @Test
    void wholeTensorOpsOnAViewPastTwoToThe31NameTheOpCalled() {
        // A broadcast view of 2^32 elements over one stored element. PyTorch 1.13 flattens it for argmax/prod; here a
        // flat dimension holds at most 2^31 - 1 entries, so these fail, but under their own names (they said
        // [reshape]), and sum still works: torch.ones(1).expand(65536, 65536).sum() -> tensor(4.2950e+09)
        Tensor big = Tensor.ones(1).expand(1 << 16, 1 << 16);
        assertEquals(4294967296.0, big.sum().item());
        Map<String, Executable> ops = Map.of("argmax", big::argmax, "argmin", big::argmin, "prod", big::prod,
                "roll", () -> big.roll(1));
        for (Map.Entry<String, Executable> op : ops.entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, op.getValue());
            assertTrue(e.getMessage().startsWith("[" + op.getKey() + "] "), e.getMessage());
            assertTrue(e.getMessage().contains("[65536, 65536]"), e.getMessage());
        }
        // cat's joined size is counted in long: 2 x 1.5 * 2^30 entries is an error, not a negative size
        Tensor half = Tensor.ones(1).expand(3 << 29);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.cat(List.of(half, half), 0));
        assertTrue(e.getMessage().startsWith("[cat] the result would have 3221225472 entries"), e.getMessage());
    }

    @Test
    void convolutionWhoseOneImageColumnsPassTwoToThe31NamesTheOp() {
        // One image of [2048, 1024, 1024] with a 3x3 kernel reads 2048 x 9 x 1022 x 1022 elements: more than an array
        // holds. A broadcast view keeps the test small (the error comes before anything is allocated); it said
        // "[cpu] cannot allocate", naming no op. (A batch whose columns pass 2^31 only together runs in pieces.)
        Tensor x = Tensor.zeros(1, 1, 1, 1).expand(1, 2048, 1024, 1024);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functional.conv2d(x, Tensor.ones(1, 2048, 3, 3), null));
        assertTrue(e.getMessage().startsWith("[conv2d] input [1, 2048, 1024, 1024] is too large: one image's 2048"
                + " channels x 9 kernel slots x 1022x1022 outputs are 19251929088 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.avgPool2d(x, 1));
        assertTrue(e.getMessage().startsWith("[avg_pool2d] input [1, 2048, 1024, 1024] is too large"), e.getMessage());
        // max_pool2d and adaptive_avg_pool2d run a batch in pieces too, and name themselves (they said "[cpu] cannot
        // allocate")
        e = assertThrows(IllegalArgumentException.class, () -> Functional.maxPool2d(x, 3));
        assertTrue(e.getMessage().startsWith("[max_pool2d] input [1, 2048, 1024, 1024] is too large: one image's 2048"
                + " channels x 9 kernel slots x 341x341 outputs are 2147485696 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.maxPool2dWithIndices(x, new int[] {3}, null, new int[] {0}, new int[] {1}, false));
        assertTrue(e.getMessage().startsWith("[max_pool2d_with_indices] input [1, 2048, 1024, 1024] is too large"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.adaptiveAvgPool2d(x, 1000));
        assertTrue(e.getMessage().startsWith("[adaptive_avg_pool2d] input [1, 2048, 1024, 1024] is too large"),
                e.getMessage());
    }

    @Test
    void reducingABoolTensorTheHeapCannotCopyIsAnExceptionNamingTheOp() {
        // The CPU reduces bool as int32, through a copy four times the tensor's size. A bool tensor of a quarter of
        // the heap leaves no room for it: that was a java.lang.OutOfMemoryError (an Error, past catch (Exception e));
        // now it is the same IllegalStateException as any allocation the heap cannot hold, naming the op.
        Assumptions.assumeTrue(device().isCpu(), "the Java heap is the CPU's memory");
        long n = Runtime.getRuntime().maxMemory() / 4 + (1 << 20);
        Assumptions.assumeTrue(n < Integer.MAX_VALUE - 8, "the heap can hold the largest array");
        Tensor mask = Tensor.zeros(new int[] {(int) n}, DType.BOOL);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, mask::sum);
            assertTrue(e.getMessage().startsWith("[sum] out of memory on cpu: tried to allocate " + 4 * n
                    + " bytes for an int32 copy of a bool tensor of shape [" + n + "]"), e.getMessage());
            assertFalse(mask.narrow(0, 0, 4).any().toBooleanArray()[0]); // the tensor still works
        } finally {
            mask.close();
        }
    }

    @Test
    void inPlaceOpsRejectAnOperandThatPartlyOverlapsTheTarget() {
        // PyTorch 1.13: x = torch.tensor([[1., 2], [3, 4]]); x.add_(x.t()), x.copy_(x.t()) and x.mul_(x[0][0]) raise
        // "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory
        // location"; we wrote x.add_(x.t()) as [[2, 5], [8, 8]], reading an element already written.
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        for (Executable write : List.<Executable>of(() -> x.add_(x.t()), () -> x.copy_(x.t()),
                () -> x.mul_(x.select(0, 0).select(0, 0)), () -> x.sub_(x.select(0, 1)))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, write);
            assertTrue(e.getMessage().contains("unsupported operation: some elements of the input tensor and the"
                    + " written-to tensor refer to a single memory location"), e.getMessage());
        }
        assertArrayEquals(new double[] {1, 2, 3, 4}, x.toDoubleArray());
        assertEquals(0, x.version());
        // Allowed, as PyTorch: the same memory seen alike (x.add_(x) -> [2, 4, 6, 8]), memory that does not overlap
        // (x[0].add_(x[1]) -> x = [[4, 6], [3, 4]]), and strided views it cannot prove overlap (x[:, 0].add_(x[:, 1])
        // -> [[3, 2], [7, 4]] from [[1, 2], [3, 4]]).
        Tensor y = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        y.view(2, 2).add_(y.view(2, 2));
        assertArrayEquals(new double[] {2, 4, 6, 8}, y.toDoubleArray());
        Tensor z = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        z.select(0, 0).add_(z.select(0, 1));
        assertArrayEquals(new double[] {4, 6, 3, 4}, z.toDoubleArray());
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        w.select(1, 0).add_(w.select(1, 1));
        assertArrayEquals(new double[] {3, 2, 7, 4}, w.toDoubleArray());
    }

    @Test
    void aHookThatChangesTheGradientsShapeOrDtypeIsAnError() {
        // PyTorch 1.13: x = torch.ones(3, requires_grad=True); x.register_hook(lambda g: torch.ones(2));
        // (x * 2).sum().backward() -> RuntimeError: hook '<lambda>' has changed the size of value; x.grad stays None.
        // The same for a non-leaf's hook, and "has changed the type of value" for a float64 result. We stored the
        // [2] gradient as the grad of the [3] leaf.
        Tensor x = Tensor.ones(3).requiresGrad(true);
        var handle = x.registerHook(g -> Tensor.ones(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(2.0).sum().backward());
        assertTrue(e.getMessage().contains("a hook changed the gradient's shape [3] to [2]"), e.getMessage());
        assertEquals(null, x.grad());
        handle.remove();
        Tensor y = x.mul(2.0);
        var yHandle = y.registerHook(g -> g.to(DType.FLOAT64));
        e = assertThrows(IllegalStateException.class, () -> y.sum().backward(null, true, false));
        assertTrue(e.getMessage().contains("a hook changed the gradient's dtype float32 to float64"), e.getMessage());
        assertEquals(null, x.grad());
        yHandle.remove();
        y.sum().backward(); // the graph is intact: it runs once the hook is gone
        assertArrayEquals(new double[] {2, 2, 2}, x.grad().toDoubleArray());
    }

    @Test
    void autogradGradsErrorsNameGrad() {
        // torch.autograd.grad(torch.ones(1), torch.ones(1, requires_grad=True)) -> "element 0 of tensors does not
        // require grad and does not have a grad_fn", from the function the user called (ours said [backward]).
        Tensor x = Tensor.ones(3).requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Autograd.grad(new Tensor[] {Tensor.ones(1)}, new Tensor[] {x}, null, false, false, true));
        assertTrue(e.getMessage().startsWith("[grad] element 0 of tensors does not require grad"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(new Tensor[] {x.mul(2.0)}, new Tensor[] {x}, null, false, false, false));
        assertTrue(a.getMessage().startsWith("[grad] grad can be implicitly created only for scalar outputs"),
                a.getMessage());
    }

    @Test
    void meanOfABroadcastViewPastTwoToThe31HasAGradient() {
        // mean's backward divided the expanded gradient, a new tensor of the input's 2^32 elements (more than a storage
        // holds); dividing first keeps it a view, as sum's is. Each of p's 65536 entries is read 65536 times of 2^32:
        // p.grad = 65536 / 2^32 = 2^-16 each (what PyTorch 1.13 computes given the memory for expand-then-divide).
        Tensor p = Tensor.zeros(1 << 16).requiresGrad(true);
        p.unsqueeze(0).expand(1 << 16, 1 << 16).mean().backward();
        assertArrayEquals(new int[] {1 << 16}, p.grad().shape());
        assertEquals(Math.scalb(1.0, -16), p.grad().max().item());
        assertEquals(Math.scalb(1.0, -16), p.grad().min().item());
    }

    @Test
    void theInfinityNormOfNothingIsZeroAsTorchNorm() {
        // PyTorch 1.13: torch.norm(torch.zeros(0), float('inf')) -> tensor(0.); torch.norm(torch.zeros(3, 0),
        // float('-inf'), dim=1) -> tensor([0., 0., 0.]), and its backward gives a [3, 0] gradient. It failed with
        // "[amax] expected reduction dim 0 to have non-zero size", naming an op the user did not call.
        assertEquals(0.0, Functional.norm(Tensor.zeros(0), Double.POSITIVE_INFINITY, null, false).item());
        Tensor x = Tensor.zeros(3, 0).requiresGrad(true);
        Tensor n = Functional.norm(x, Double.NEGATIVE_INFINITY, new int[] {1}, false);
        assertArrayEquals(new double[] {0, 0, 0}, n.toDoubleArray());
        n.sum().backward();
        assertArrayEquals(new int[] {3, 0}, x.grad().shape());
    }

    @Test
    void randintRejectsABoundAnInt32CannotHold() {
        // PyTorch 1.13: torch.randint(0, 2**40, (3,), dtype=torch.int32) -> "to - 1 is out of bounds for int";
        // torch.randint(-2**31 - 1, 0, ...) -> "from is out of bounds for int"; (0, 2**31) and (-2**31, 0) draw.
        // We drew from [0, 2^40) and wrapped the values into int32, negative ones included.
        Generator g = new Generator(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.randint(g, 0, 1L << 40, new int[] {3}, DType.INT32, device()));
        assertTrue(e.getMessage().startsWith("[randint] to - 1 is out of bounds for int32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.randint(g, -(1L << 31) - 1, 0, new int[] {3}, DType.INT32, device()));
        assertTrue(e.getMessage().startsWith("[randint] from is out of bounds for int32"), e.getMessage());
        for (int v : Tensor.randint(g, 0, 1L << 31, new int[] {100}, DType.INT32, device()).toIntArray()) {
            assertTrue(v >= 0, "drawn " + v);
        }
        for (int v : Tensor.randint(g, -(1L << 31), 0, new int[] {100}, DType.INT32, device()).toIntArray()) {
            assertTrue(v < 0, "drawn " + v);
        }
    }

    @Test
    void maxAndMinOfBoolTensorsAreBools() {
        // PyTorch 1.13: b = torch.tensor([[True, False], [False, False]])
        // b.max() -> tensor(True); b.min() -> tensor(False); b.amax(0) -> tensor([True, False]);
        // b.amin(1) -> tensor([False, False]); b.max(1) -> values [True, False], indices [0, 0];
        // b.min(1) -> values [False, False], indices [1, 0]; b.argmax() -> '"argmax_cpu" not implemented for 'Bool''
        Tensor b = Tensor.of(new boolean[] {true, false, false, false}, 2, 2).to(device());
        assertEquals(DType.BOOL, b.max().dtype());
        assertEquals(1.0, b.max().item());
        assertEquals(0.0, b.min().item());
        Tensor amax = b.amax(new int[] {0}, false);
        assertEquals(DType.BOOL, amax.dtype());
        assertArrayEquals(new double[] {1, 0}, amax.toDoubleArray());
        assertArrayEquals(new double[] {0, 0}, b.amin(new int[] {1}, false).toDoubleArray());
        Tensor.ValuesIndices max = b.max(1, false);
        assertEquals(DType.BOOL, max.values().dtype());
        assertArrayEquals(new double[] {1, 0}, max.values().toDoubleArray());
        assertArrayEquals(new long[] {0, 0}, max.indices().toLongArray());
        Tensor.ValuesIndices min = b.min(1, true);
        assertArrayEquals(new int[] {2, 1}, min.values().shape());
        assertArrayEquals(new double[] {0, 0}, min.values().toDoubleArray());
        assertArrayEquals(new long[] {1, 0}, min.indices().toLongArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::argmax);
        assertTrue(e.getMessage().startsWith("[argmax]"), e.getMessage());
    }

    @Test
    void signOfNaNAndNegativeZeroIsZero() {
        // PyTorch 1.13: torch.sign(torch.tensor([nan, -0., -2.5, 3.])) -> tensor([0., 0., -1., 1.]), and
        // x = torch.tensor([nan, -2.], requires_grad=True); x.abs().sum().backward(); x.grad -> tensor([0., -1.])
        Tensor s = Tensor.of(new float[] {Float.NaN, -0f, -2.5f, 3f}, 4).to(device()).sign();
        float[] v = s.toFloatArray();
        assertArrayEquals(new float[] {0f, 0f, -1f, 1f}, v);
        assertEquals(0, Float.floatToRawIntBits(v[1]), "+0, not -0");
        Tensor x = Tensor.of(new float[] {Float.NaN, -2f}, 2).to(device()).requiresGrad(true);
        x.abs().sum().backward();
        assertArrayEquals(new float[] {0f, -1f}, x.grad().toFloatArray());
    }
}
