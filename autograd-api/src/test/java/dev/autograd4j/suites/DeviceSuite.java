package dev.autograd4j.suites;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every device-parameterised suite in this test-jar: a backend's test module extends a suite and says
 * which {@link #device()} it runs on (the CPU, the fake second device, CUDA). While a test runs, that device is the
 * default, so factories without a device ({@code Tensor.of}, {@code Tensor.zeros}) create tensors on it.
 */
public abstract class DeviceSuite {
    private Device previous;

    /** The device the suite's tensors live on. */
    protected abstract Device device();

    /**
     * A second device, for the checks that tensors on two devices are rejected: the CPU for a suite on another
     * device, else {@code cuda:0} where one is available; null where there is none (see {@link #noSecondDevice}).
     */
    protected Device secondDevice() {
        if (!device().isCpu()) {
            return Device.cpu();
        }
        return Backends.isAvailable(Device.Type.CUDA) ? Device.cuda(0) : null;
    }

    /** Why there is no {@link #secondDevice()}. */
    protected String noSecondDevice() {
        return "no second device besides " + device() + ": " + Backends.availability(Device.Type.CUDA);
    }

    @BeforeEach
    final void useSuiteDevice() {
        previous = Device.getDefault();
        Device.setDefault(device());
    }

    @AfterEach
    final void restoreDefaultDevice() {
        Device.setDefault(previous);
    }
}
