package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;
import dev.autograd4j.opinfo.In;
import dev.autograd4j.opinfo.Nd;
import dev.autograd4j.opinfo.OpDb;
import dev.autograd4j.opinfo.OpInfo;
import dev.autograd4j.opinfo.Sample;
import dev.autograd4j.opinfo.Tolerance;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every op of the database, every sample, every dtype, on the suite's device, against the reference (like
 * PyTorch's {@code test_ops.py}): the outputs' dtype, device, shape and values; inputs left as they were (in-place
 * ops: the target returned, its version bumped, nothing written outside its view). Where the device is not the CPU
 * or the dtype is not float64, the result is also compared with the same op run on the same values on the CPU in
 * float64, so a backend is held to the CPU's results op by op.
 */
public abstract class OpValuesSuite extends DeviceSuite {

    @TestFactory
    Stream<DynamicContainer> everyOpMatchesItsReference() {
        return OpDb.all().stream().map(op -> DynamicContainer.dynamicContainer(op.name, op.samples().stream()
                .flatMap(s -> op.dtypes(s).stream().map(dtype -> DynamicTest.dynamicTest(s + " " + dtype,
                        () -> onDevice(device(), () -> checkValues(op, s, dtype)))))));
    }

    /** Runs {@code body} with {@code device} as the default device. */
    static void onDevice(Device device, Executable body) throws Throwable {
        Device previous = Device.getDefault();
        Device.setDefault(device);
        try {
            body.execute();
        } finally {
            Device.setDefault(previous);
        }
    }

    private void checkValues(OpInfo op, Sample s, DType dtype) throws Throwable {
        Sample.Built b = s.build(dtype, device(), op.seed(s), false);
        for (int i = 0; i < b.inputs.length; i++) {
            Tolerance.EXACT.check("input " + i + " as built", b.host[i], b.inputs[i].shape(), b.inputs[i].toDoubleArray());
        }
        int versionBefore = op.isInplace() ? b.inputs[0].version() : 0;
        List<Tensor> outputs = b.run();
        Nd[] expected = b.expected();
        assertEquals(expected.length, outputs.size(), "number of outputs");
        for (int k = 0; k < outputs.size(); k++) {
            checkOutput(op, s, dtype, "output " + k, outputs.get(k), expected[k]);
        }
        if (op.isInplace()) {
            assertSame(b.inputs[0], outputs.get(0), "an in-place op returns its target");
            assertTrue(b.inputs[0].version() > versionBefore, "an in-place op bumps its target's version");
            checkOutsideTheView(s.inputs().get(0), b.hostStorage[0], b.storage[0]);
        }
        for (int i = op.isInplace() ? 1 : 0; i < b.inputs.length; i++) {
            Tolerance.EXACT.check("input " + i + " after the op", b.host[i], b.inputs[i].shape(),
                    b.inputs[i].toDoubleArray());
        }
        if (!device().isCpu() || dtype != DType.FLOAT64) {
            DType cpuType = op.cpuInSameDtype(s) ? dtype : DType.FLOAT64;
            List<Tensor> cpu = cpuRun(s, b, cpuType);
            for (int k = 0; k < outputs.size(); k++) {
                Tensor out = outputs.get(k), c = cpu.get(k);
                Nd onCpu = Nd.of(c.shape(), c.toDoubleArray()).termsOf(expected[k]);
                op.tolerance(s, out.dtype()).check("output " + k + " against the CPU in " + cpuType, onCpu,
                        out.shape(), out.toDoubleArray());
            }
        }
    }

    /** The op on the same input values on the CPU in {@code cpuType}, with the CPU as the default device. */
    private static List<Tensor> cpuRun(Sample s, Sample.Built b, DType cpuType) throws Throwable {
        List<Tensor> out = new ArrayList<>();
        onDevice(Device.cpu(), () -> out.addAll(s.rebuild(b, cpuType, Device.cpu()).run()));
        return out;
    }

    private void checkOutput(OpInfo op, Sample s, DType dtype, String what, Tensor out, Nd expected) {
        DType type = expected.dtype() != null ? expected.dtype() : op.resultType(s, dtype);
        assertEquals(type, out.dtype(), what + " dtype");
        assertEquals(s.outputOnCpu() ? Device.cpu() : device(), out.device(), what + " device");
        if (s.contiguousOutput()) {
            assertTrue(out.isContiguous(), what + " is contiguous");
        }
        op.tolerance(s, type).check(what, expected, out.shape(), out.toDoubleArray());
    }

    /** An in-place op wrote nothing into its target's storage outside the target's view. */
    private static void checkOutsideTheView(In in, Nd before, Tensor storage) {
        double[] after = storage.toDoubleArray();
        boolean[] inView = new boolean[after.length];
        for (int i : in.storageIndex()) {
            inView[i] = true;
        }
        for (int i = 0; i < after.length; i++) {
            if (!inView[i] && Double.compare(before.data[i], after[i]) != 0) {
                throw new AssertionError("the in-place op wrote storage element " + i + " outside its view: "
                        + before.data[i] + " became " + after[i]);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The comparison fails when it should
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void theComparisonCatchesAWrongOp() throws Throwable {
        OpInfo exp = OpDb.get("exp");
        Sample s = exp.samples().stream().filter(x -> x.toString().equals("exp() [2, 3]")).findFirst().orElseThrow();
        onDevice(device(), () -> {
            for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
                Sample.Built b = s.build(dtype, device(), exp.seed(s), false);
                Nd expected = b.expected()[0];
                Tensor right = b.inputs[0].exp();
                exp.tolerance(s, dtype).check("exp", expected, right.shape(), right.toDoubleArray());
                // Off by 1e-4 relative, by an element, by its shape: each is caught.
                Tensor scaled = right.mul(1 + 1e-4);
                assertThrows(AssertionError.class, () -> exp.tolerance(s, dtype).check("exp", expected,
                        scaled.shape(), scaled.toDoubleArray()));
                double[] oneWrong = right.toDoubleArray();
                oneWrong[oneWrong.length - 1] = Math.nextUp(oneWrong[oneWrong.length - 1] * (1 + 1e-3));
                assertThrows(AssertionError.class, () -> exp.tolerance(s, dtype).check("exp", expected,
                        right.shape(), oneWrong));
                assertThrows(AssertionError.class, () -> exp.tolerance(s, dtype).check("exp", expected,
                        new int[] {right.shape()[1], right.shape()[0]}, right.toDoubleArray()));
                // expm1 in place of exp: wrong by 1, everywhere.
                Tensor wrongOp = b.inputs[0].expm1();
                AssertionError e = assertThrows(AssertionError.class, () -> exp.tolerance(s, dtype).check("exp",
                        expected, wrongOp.shape(), wrongOp.toDoubleArray()));
                assertTrue(e.getMessage().contains("6 of 6 elements differ"), e.getMessage());
            }
        });
    }

    @Test
    void aWrongReferenceFailsTheSampleWithItsName() {
        OpInfo add = OpDb.get("add");
        Sample wrong = Sample.of("add(Tensor)", x -> x[0].add(x[1]), In.t(2, 3), In.t(3))
                .ref(x -> dev.autograd4j.opinfo.Ref.zip(x[0], x[1], (a, c) -> a - c));
        AssertionError e = assertThrows(AssertionError.class, () -> onDevice(device(), () -> {
            Sample.Built b = wrong.build(DType.FLOAT64, device(), 1, false);
            Tensor out = b.run().get(0);
            add.tolerance(wrong, DType.FLOAT64).check(wrong.toString(), b.expected()[0], out.shape(),
                    out.toDoubleArray());
        }));
        assertTrue(e.getMessage().startsWith("add(Tensor) [2, 3], [3]"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Known bugs: failing tests, disabled until the op is fixed
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void clampOfIntegersWithFractionalBoundsPromotes() throws Throwable {
        onDevice(device(), () -> {
            Tensor x = Tensor.of(new long[] {-3, 0, 3});
            Tensor y = x.clamp(-0.5, 0.5);
            assertEquals(DType.FLOAT32, y.dtype());
            assertArrayEquals(new double[] {-0.5, 0, 0.5}, y.toDoubleArray());
            assertEquals(DType.FLOAT32, x.clampMin(0.5).dtype());
        });
    }

    @Test
    void fractionalAlphaWithIntegersIsRejected() throws Throwable {
        onDevice(device(), () -> {
            Tensor a = Tensor.of(new long[] {1, 2}), b = Tensor.of(new long[] {1, 1});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b, 2.5));
            assertTrue(e.getMessage().startsWith("[add] ") && e.getMessage().contains("alpha"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> a.sub(b, 0.5));
        });
    }

    @Test
    void softmaxAlongAnEmptyDim() throws Throwable {
        onDevice(device(), () -> {
            assertArrayEquals(new int[] {2, 0}, Tensor.zeros(2, 0).softmax(1).shape());
            assertArrayEquals(new int[] {2, 0}, Tensor.zeros(2, 0).logSoftmax(1).shape());
        });
    }

    @Test
    void indexSelectOfAScalar() throws Throwable {
        onDevice(device(), () -> {
            Tensor x = Tensor.scalar(3, DType.FLOAT64).requiresGrad(true);
            Tensor y = x.indexSelect(0, Tensor.of(new long[] {0}));
            assertArrayEquals(new double[] {3}, y.toDoubleArray());
            y.sum().backward();
            assertArrayEquals(new double[] {1}, x.grad().toDoubleArray());
        });
    }

    @Test
    void emptyTensorsAreContiguous() throws Throwable {
        onDevice(device(), () -> {
            assertTrue(Tensor.zeros(2, 0, 3).isContiguous());
            assertTrue(Tensor.zeros(2, 0, 3).clone().isContiguous());
        });
    }

    @Test
    void linspaceOfOneStepIsStart() throws Throwable {
        onDevice(device(), () -> {
            assertArrayEquals(new double[] {4}, Tensor.linspace(4, 5, 1, DType.FLOAT64).toDoubleArray());
            assertArrayEquals(new float[] {4}, Tensor.linspace(4, 5, 1).toFloatArray());
        });
    }

    @Test
    void integerPowAndSquareStayIntegral() throws Throwable {
        onDevice(device(), () -> {
            Tensor p = Tensor.of(new long[] {2, 3}).pow(Tensor.of(new long[] {3, 2}));
            assertEquals(DType.INT64, p.dtype());
            assertArrayEquals(new long[] {8, 9}, p.toLongArray());
            Tensor sq = Tensor.of(new long[] {3}).square();
            assertEquals(DType.INT64, sq.dtype());
            assertArrayEquals(new long[] {9}, sq.toLongArray());
        });
    }
}
