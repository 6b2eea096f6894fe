package dev.autograd4j;

import dev.autograd4j.nn.CrossEntropyLoss;
import dev.autograd4j.nn.Functional;
import dev.autograd4j.nn.LayerNorm;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.Parameter;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.optim.Adam;
import dev.autograd4j.optim.AdamW;
import dev.autograd4j.optim.Clipping;
import dev.autograd4j.optim.CosineAnnealingLR;
import dev.autograd4j.optim.LRScheduler;
import dev.autograd4j.optim.LinearLR;
import dev.autograd4j.optim.Optimizer;
import dev.autograd4j.optim.SGD;
import dev.autograd4j.optim.SequentialLR;
import dev.autograd4j.nn.Reduction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a GPU makes expensive, counted on the fake second device (see {@link FakeCudaBackend}): storages freed when
 * their last tensor is closed or becomes unreachable, no host reads in a training step, scalars that travel as kernel
 * parameters, and transfers that move the data once.
 */
class FakeDeviceMemoryTest {
    private static final Device DEVICE = Device.cuda(0);

    private static Tensor onDevice(double... values) {
        return Tensor.of(values).to(DEVICE);
    }

    @Test
    void closingTheLastTensorOfAStorageFreesItAtOnce() {
        Tensor base = onDevice(1, 2, 3, 4);
        Tensor view = base.narrow(0, 1, 2);
        long freed = FakeCudaBackend.FREED.get();
        base.close();
        assertEquals(freed, FakeCudaBackend.FREED.get(), "the open view still uses the storage");
        view.close();
        assertEquals(freed + 1, FakeCudaBackend.FREED.get());
    }

    @Test
    void aGraphKeepsWhatItSavedUntilItIsFreed() {
        Tensor x = onDevice(1, 2).requiresGrad(true);
        Tensor h = x.exp(); // ExpBackward0 saves its result h
        Tensor loss = h.sum();
        long freed = FakeCudaBackend.FREED.get();
        h.close();
        assertEquals(freed, FakeCudaBackend.FREED.get(), "h is saved by the graph");
        loss.backward();
        assertEquals(freed + 1, FakeCudaBackend.FREED.get(), "freeing the graph released h's storage");
        assertArrayEquals(new double[] {Math.exp(1), Math.exp(2)}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void aStepInAScopeFreesEveryStorageItAllocatedButTheKeptOnes() {
        Generator gen = new Generator(3);
        Tensor w = Tensor.randn(gen, new int[] {4, 8}, DType.FLOAT32, DEVICE).requiresGrad(true);
        Tensor x = Tensor.randn(gen, new int[] {16, 8}, DType.FLOAT32, DEVICE);
        Tensor y = Tensor.randint(gen, 0, 4, new int[] {16}, DType.INT64, DEVICE);
        w.mul(1.0).sum().backward(); // create w.grad outside the measured step
        long allocated = FakeCudaBackend.ALLOCATIONS.get(), freed = FakeCudaBackend.FREED.get();
        Tensor loss;
        try (Scope scope = Tensors.scope()) {
            Tensor l = Functional.crossEntropy(Functional.linear(x, w, null).relu(), y);
            l.backward();
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                w.sub_(w.grad().mul(0.1));
            }
            loss = scope.keep(l.detach());
        }
        long made = FakeCudaBackend.ALLOCATIONS.get() - allocated;
        long released = FakeCudaBackend.FREED.get() - freed;
        assertTrue(made > 5, "the step allocated " + made);
        assertEquals(made - 1, released, "everything but the kept loss was freed when the scope closed");
        loss.close();
        assertEquals(made, FakeCudaBackend.FREED.get() - freed);
    }

    @Test
    void storagesNobodyClosesAreFreedWhenUnreachable() throws InterruptedException {
        long freed = FakeCudaBackend.FREED.get();
        for (int i = 0; i < 200; i++) {
            onDevice(i, i + 1).mul(2.0); // both tensors become garbage at once
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (FakeCudaBackend.FREED.get() - freed < 100 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(FakeCudaBackend.FREED.get() - freed >= 100,
                "the Cleaner freed " + (FakeCudaBackend.FREED.get() - freed) + " of 400 unreachable storages");
    }

    @Test
    void aTrainingStepReadsNothingBackToTheHost() {
        Generator gen = new Generator(7);
        Tensor w1 = Tensor.randn(gen, new int[] {16, 8}, DType.FLOAT32, DEVICE).mul(0.3).detach().requiresGrad(true);
        Tensor b1 = Tensor.zeros(new int[] {16}, DType.FLOAT32, DEVICE).requiresGrad(true);
        Tensor gamma = Tensor.ones(new int[] {16}, DType.FLOAT32, DEVICE).requiresGrad(true);
        Tensor beta = Tensor.zeros(new int[] {16}, DType.FLOAT32, DEVICE).requiresGrad(true);
        Tensor w2 = Tensor.randn(gen, new int[] {4, 16}, DType.FLOAT32, DEVICE).mul(0.3).detach().requiresGrad(true);
        Tensor x = Tensor.randn(gen, new int[] {32, 8}, DType.FLOAT32, DEVICE);
        Tensor y = Tensor.randint(gen, 0, 4, new int[] {32}, DType.INT64, DEVICE);
        Tensor classWeight = Tensor.of(new float[] {1, 2, 1, 0.5f}).to(DEVICE);
        Tensor target = Tensor.randn(gen, new int[] {32, 4}, DType.FLOAT32, DEVICE);
        Tensor[] params = {w1, b1, gamma, beta, w2};
        long reads = FakeCudaBackend.HOST_READS.get();
        for (int step = 0; step < 2; step++) {
            Tensor h = Functional.linear(x, w1, b1).relu();
            h = Functional.layerNorm(h, new int[] {16}, gamma, beta);
            h = Functional.dropout(h.tanh(), 0.1, true, gen);
            Tensor logits = Functional.linear(h, w2, null);
            Tensor loss = Functional.crossEntropy(logits, y, classWeight, Reduction.MEAN, 2)
                    .add(Functional.nllLoss(logits.logSoftmax(1), y))
                    .add(Functional.mseLoss(logits.softmax(1), target.sigmoid()))
                    .add(Functional.gelu(logits).mean());
            loss.backward();
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                for (Tensor p : params) {
                    p.sub_(p.grad().mul(0.05));
                    p.grad().zero_();
                }
            }
        }
        assertEquals(reads, FakeCudaBackend.HOST_READS.get(), "host reads during two training steps");
    }

    /**
     * Note [An optimizer step reads nothing back] (in Optimizer): every optimizer with every option, a scheduler step,
     * gradient clipping and zeroGrad, on a module on the device, read nothing back to the host.
     */
    @Test
    void optimizerAndSchedulerStepsReadNothingBackToTheHost() {
        Generator gen = new Generator(9);
        Tensor x = Tensor.randn(gen, new int[] {16, 8}, DType.FLOAT32, DEVICE);
        Tensor y = Tensor.randint(gen, 0, 4, new int[] {16}, DType.INT64, DEVICE);
        List<java.util.function.Function<List<Parameter>, Optimizer<?>>> optimizers = List.of(
                p -> new SGD(p, new SGD.Options().lr(0.1)),
                p -> new SGD(p, new SGD.Options().lr(0.1).momentum(0.9).weightDecay(0.01).nesterov(true)),
                p -> new Adam(p, new Adam.Options().weightDecay(0.01).amsgrad(true)),
                p -> new AdamW(p, AdamW.defaults()));
        for (var make : optimizers) {
            Sequential model = new Sequential(new Linear(8, 16, gen), new ReLU(), new LayerNorm(16),
                    new Linear(16, 4, gen));
            model.to(DEVICE);
            Optimizer<?> opt = make.apply(model.parameters());
            LRScheduler scheduler = new SequentialLR(opt, List.of(new LinearLR(opt, 0.1, 1, 2),
                    new CosineAnnealingLR(opt, 5)), 2);
            long reads = FakeCudaBackend.HOST_READS.get();
            for (int step = 0; step < 3; step++) {
                opt.zeroGrad();
                new CrossEntropyLoss().labelSmoothing(0.1).forward(model.forward(x), y).backward();
                Clipping.clipGradNorm(model.parameters(), 1.0);
                Clipping.clipGradValue(model.parameters(), 0.5);
                opt.step();
                scheduler.step();
            }
            opt.zeroGrad(false);
            assertEquals(reads, FakeCudaBackend.HOST_READS.get(), "host reads during 3 steps of " + opt);
            assertEquals(DEVICE, model.parameters().get(0).device());
        }
    }

    @Test
    void aScalarOpAllocatesNothingButItsOutput() {
        Tensor x = onDevice(-1.5, 0.5, 2.0);
        Tensor mask = x.gt(0.0);
        Map<String, Supplier<Tensor>> ops = new java.util.LinkedHashMap<>();
        ops.put("mul(2.0)", () -> x.mul(2.0));
        ops.put("add(1)", () -> x.add(1));
        ops.put("sub(1.5)", () -> x.sub(1.5));
        ops.put("rsub(2.0)", () -> x.rsub(2.0));
        ops.put("div(2.0)", () -> x.div(2.0));
        ops.put("pow(2)", () -> x.pow(2));
        ops.put("clamp(-1, 1)", () -> x.clamp(-1, 1));
        ops.put("eq(0.5)", () -> x.eq(0.5));
        ops.put("lt(0.0)", () -> x.lt(0.0));
        ops.put("where(mask, x, 0.0)", () -> Tensor.where(mask, x, 0.0));
        ops.put("where(mask, 1.0, x)", () -> Tensor.where(mask, 1.0, x));
        ops.put("neg()", x::neg);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Supplier<Tensor>> op : ops.entrySet()) {
            long before = FakeCudaBackend.ALLOCATIONS.get();
            op.getValue().get();
            long made = FakeCudaBackend.ALLOCATIONS.get() - before;
            if (made != 1) {
                failures.add(op.getKey() + " allocated " + made + " storages");
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("; ", failures));
        }
        assertArrayEquals(new double[] {0, 0.25, 1}, x.div(2.0).clamp(0, 2).toDoubleArray(), 0);
    }

    @Test
    void transfersMoveTheDataOnceAndKeepTheValues() {
        Tensor host = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        long allocated = FakeCudaBackend.ALLOCATIONS.get();
        long reads = FakeCudaBackend.HOST_READS.get();
        Tensor dev = host.t().to(DEVICE); // a non-contiguous source is made contiguous on the CPU first
        assertEquals(allocated + 1, FakeCudaBackend.ALLOCATIONS.get());
        assertEquals(reads, FakeCudaBackend.HOST_READS.get());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, dev.to(Device.cpu()).toDoubleArray());
        assertEquals(reads + 1, FakeCudaBackend.HOST_READS.get(), "the transfer back is the only read of the device");
    }

    @Test
    void aCopyBetweenTwoDevicesGoesThroughTheCpuWhenNeitherCanDoBetter() {
        Tensor a = Tensor.of(new long[] {7, 8, 9}).to(Device.cuda(0));
        Tensor b = a.to(Device.cuda(1));
        assertEquals(Device.cuda(1), b.device());
        assertArrayEquals(new long[] {7, 8, 9}, b.toLongArray());
        Tensor back = Tensor.of(new boolean[] {true, false}).to(Device.cuda(1)).to(Device.cuda(0));
        assertArrayEquals(new boolean[] {true, false}, back.toBooleanArray());
    }

    @Test
    void gradientsFlowBackAcrossDevices() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.to(DEVICE).mul(3.0).to(Device.cpu()).sum();
        y.backward();
        assertArrayEquals(new double[] {3, 3}, x.grad().toDoubleArray());
        assertEquals(Device.cpu(), x.grad().device());
    }
}
