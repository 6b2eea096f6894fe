package dev.autograd4j.suites;

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
