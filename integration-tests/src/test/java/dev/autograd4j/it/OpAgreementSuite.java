package dev.autograd4j.it;

import dev.autograd4j.Autograd;
import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;
import dev.autograd4j.opinfo.Nd;
import dev.autograd4j.opinfo.OpDb;
import dev.autograd4j.opinfo.OpInfo;
import dev.autograd4j.opinfo.Sample;
import dev.autograd4j.opinfo.Tolerance;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.autograd4j.it.Agreement.on;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every entry of the op database, every sample, every dtype: the op on {@link #device()} against the same op on the
 * same values on the CPU <em>in the same dtype</em> (the device suites' {@code OpValuesSuite} compares with the CPU
 * in float64; here float32 is held to float32, integers to integers, exactly). Then, for every sample the database
 * gradchecks, the gradients of its inputs' storages in each floating dtype, after a backward from seeded upstream
 * gradients (not ones, so a backward that sums where it should weigh shows).
 */
public abstract class OpAgreementSuite {

    /** The device held to the CPU. */
    protected abstract Device device();

    /** Whether results must be bit-identical (the CPU against itself: the harness's own check). */
    protected boolean exact() {
        return false;
    }

    @TestFactory
    Stream<DynamicContainer> everyOpAgreesWithTheCpuInItsOwnDtype() {
        return OpDb.all().stream().map(op -> DynamicContainer.dynamicContainer(op.name, op.samples().stream()
                .flatMap(s -> op.dtypes(s).stream().map(dtype -> DynamicTest.dynamicTest(s + " " + dtype,
                        () -> check(op, s, dtype))))));
    }

    private void check(OpInfo op, Sample s, DType dtype) {
        Sample.Built dev = s.build(dtype, device(), op.seed(s), false);
        Sample.Built cpu = s.rebuild(dev, dtype, Device.cpu());
        List<Tensor> ours = on(device(), dev::run);
        List<Tensor> theirs = on(Device.cpu(), cpu::run);
        Nd[] reference = dev.expected();
        assertEquals(theirs.size(), ours.size(), "number of outputs");
        for (int k = 0; k < ours.size(); k++) {
            Tensor out = ours.get(k);
            Tolerance t = exact() ? Tolerance.EXACT : op.tolerance(s, out.dtype());
            Agreement.sameAs("output " + k, theirs.get(k), out, t, reference.length > k ? reference[k] : null);
        }
        if (op.isInplace()) {
            // The whole storage, so a write outside the target's view differs too.
            Agreement.sameAs("the target's storage", cpu.storage[0], dev.storage[0], exact() ? Tolerance.EXACT
                    : op.tolerance(s, dev.storage[0].dtype()), null);
        }
        if (dtype.isFloatingPoint() && op.gradcheck(s)) {
            checkGradients(op, s, dtype);
        }
    }

    /** Backward through the sample on both devices from the same upstream gradients; the leaves' grads agree. */
    private void checkGradients(OpInfo op, Sample s, DType dtype) {
        Sample.Built dev = s.build(dtype, device(), op.seed(s), true);
        Sample.Built cpu = s.rebuild(dev, dtype, Device.cpu());
        for (int i = 0; i < cpu.storage.length; i++) {
            if (s.inputs().get(i).differentiable()) {
                cpu.storage[i].requiresGrad(true);
            }
        }
        long seed = op.seed(s) * 7 + 1;
        on(device(), () -> backward(dev.runOn(dev.storage, op.isInplace()), seed));
        on(Device.cpu(), () -> backward(cpu.runOn(cpu.storage, op.isInplace()), seed));
        double rtol = exact() ? 0 : Math.max(Agreement.rtol(dtype), op.tolerance(s, dtype).rtol());
        for (int i = 0; i < dev.storage.length; i++) {
            Tensor g = dev.storage[i].grad(), c = cpu.storage[i].grad();
            if (c == null) {
                assertNull(g, "input " + i + " has a gradient on " + device() + " but none on the CPU");
            } else {
                Agreement.atMagnitude("the gradient of input " + i, c, g, rtol);
            }
        }
    }

    /** Backward from every floating output that requires grad, each weighted by seeded values on its device. */
    private static Void backward(List<Tensor> outputs, long seed) {
        List<Tensor> roots = new ArrayList<>(), grads = new ArrayList<>();
        for (int k = 0; k < outputs.size(); k++) {
            Tensor out = outputs.get(k);
            if (out.requiresGrad() && out.dtype().isFloatingPoint()) {
                roots.add(out);
                grads.add(Agreement.uniform(seed + k, out.shape(), out.dtype(), out.device()));
            }
        }
        if (!roots.isEmpty()) {
            Autograd.backward(roots.toArray(new Tensor[0]), grads.toArray(new Tensor[0]), false, false);
        }
        return null;
    }
}
