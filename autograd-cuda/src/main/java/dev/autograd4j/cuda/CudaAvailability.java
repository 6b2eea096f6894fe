package dev.autograd4j.cuda;

import dev.autograd4j.spi.BackendProvider.Availability;
import jcuda.CudaException;
import jcuda.jcublas.JCublas2;
import jcuda.driver.JCudaDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Whether CUDA can be used here and, if not, why: computed once per JVM, on first use, and logged once. Every step
 * that can fail is tried in order, and a failure, even one that kills a native library's loading, becomes the
 * reason (nothing here crashes the JVM):
 * <ol>
 * <li>JCuda's driver binding loads (it needs JCuda's natives for this platform, and {@code libcuda.so.1}, the
 *     NVIDIA driver);</li>
 * <li>{@code cuInit} succeeds and finds a device of compute capability 7.5 or newer (the PTX targets sm_75);</li>
 * <li>the driver is new enough for the shipped PTX (and for JCuda 12 and cuBLAS, CUDA 12 at least);</li>
 * <li>cuBLAS is found and JCublas2 loads (see {@link CublasLoader}).</li>
 * </ol>
 */
final class CudaAvailability {
    private static final Logger LOG = LoggerFactory.getLogger(CudaAvailability.class);
    /** JCuda 12.6's natives and cuBLAS 12 need a CUDA 12 driver, whatever the PTX needs. */
    static final int MIN_DRIVER = 12000;
    /** The PTX targets sm_75 (Turing); older GPUs cannot compile it. */
    static final int MIN_COMPUTE_CAPABILITY = 75;

    private static Availability availability;
    private static int devices;

    private CudaAvailability() {
    }

    /** The steps, behind an interface so that each reason is tested without a GPU. */
    interface Probe {
        /** Loads JCuda's driver binding; throws what loading threw (an {@link UnsatisfiedLinkError}, typically). */
        void loadDriver();

        /** {@code cuInit(0)}: null on success, else the error's name ({@code CUDA_ERROR_NO_DEVICE}). */
        String init();

        int deviceCount();

        /** The highest compute capability of the devices, times ten: 90 for an H100. */
        int computeCapability();

        /** {@code cuDriverGetVersion}: {@code 1000 * major + 10 * minor} of the newest CUDA the driver supports. */
        int driverVersion();

        /** Prepares and loads JCublas2: null on success, else why not. */
        String loadCublas();
    }

    /** The availability here, computed on the first call. */
    static synchronized Availability get() {
        if (availability == null) {
            JCudaProbe probe = new JCudaProbe();
            try {
                availability = check(probe, Math.max(MIN_DRIVER, PtxModule.driverForShipped()));
            } catch (Throwable t) { // a driver call that fails after cuInit: still a reason, never a crash
                availability = Availability.no("checking for CUDA failed: " + cause(t));
            }
            devices = probe.devices;
            if (availability.available()) {
                LOG.info("CUDA is available: {} device(s), a driver for CUDA {}, {}", devices,
                        PtxModule.cudaVersion(probe.driver), CublasLoader.prepare().message());
            } else {
                LOG.info("CUDA is not available: {}", availability.reason());
            }
        }
        return availability;
    }

    /** The number of CUDA devices (0 where CUDA is not available). */
    static synchronized int deviceCount() {
        return get().available() ? devices : 0;
    }

    /**
     * Runs the steps in order; the first that fails gives the reason.
     *
     * @param neededDriver the oldest driver version the shipped kernels and libraries load with
     */
    static Availability check(Probe probe, int neededDriver) {
        try {
            probe.loadDriver();
        } catch (Throwable t) { // a native library that fails to load throws an Error: still only a reason here
            if (String.valueOf(t.getMessage()).contains("libcuda.so")) {
                return Availability.no("no CUDA driver: libcuda.so.1 cannot be loaded (install the NVIDIA driver)");
            }
            return Availability.no("JCuda's natives cannot be loaded (" + cause(t) + "): jcuda-natives for "
                    + platform() + " must be on the class path");
        }
        String init = probe.init();
        if ("CUDA_ERROR_NO_DEVICE".equals(init)) {
            return Availability.no("no CUDA device (cuInit: CUDA_ERROR_NO_DEVICE)");
        }
        if (init != null) {
            return Availability.no("the CUDA driver failed to initialise (cuInit: " + init + ")");
        }
        if (probe.deviceCount() <= 0) {
            return Availability.no("no CUDA device");
        }
        int cc = probe.computeCapability();
        if (cc < MIN_COMPUTE_CAPABILITY) {
            return Availability.no("no CUDA device of compute capability 7.5 or newer, which the kernels are built for"
                    + " (the best here is " + cc / 10 + "." + cc % 10 + ")");
        }
        int driver = probe.driverVersion();
        if (driver < neededDriver) {
            return Availability.no("the NVIDIA driver supports CUDA " + PtxModule.cudaVersion(driver) + " but the"
                    + " CUDA backend needs CUDA " + PtxModule.cudaVersion(neededDriver) + " or newer: update the"
                    + " NVIDIA driver");
        }
        String cublas = probe.loadCublas();
        if (cublas != null) {
            return Availability.no(cublas);
        }
        return Availability.yes();
    }

    /**
     * The useful line of a loading failure. JCuda's {@link UnsatisfiedLinkError} holds the stack traces of both its
     * attempts; the last nested {@code UnsatisfiedLinkError} names the library that was missing, and a missing
     * natives jar shows as "No resource found".
     */
    static String cause(Throwable t) {
        String m = String.valueOf(t.getMessage());
        String best = null;
        for (String line : m.split("\n")) {
            String l = line.trim();
            if (l.contains("No resource found")) {
                return l;
            }
            if (l.startsWith("java.lang.UnsatisfiedLinkError:")) {
                best = l.substring("java.lang.UnsatisfiedLinkError:".length()).trim();
            }
        }
        return best != null ? best : t.getClass().getSimpleName() + ": " + m.lines().findFirst().orElse("").trim();
    }

    private static String platform() {
        return System.getProperty("os.name", "?").toLowerCase(Locale.ROOT) + "-" + System.getProperty("os.arch", "?");
    }

    /** The real steps, through JCuda. */
    private static final class JCudaProbe implements Probe {
        int devices;
        int driver;

        @Override
        public void loadDriver() {
            JCudaDriver.setExceptionsEnabled(true); // loads the binding in JCudaDriver's static initialiser
        }

        @Override
        public String init() {
            try {
                JCudaDriver.cuInit(0);
                return null;
            } catch (CudaException e) {
                return e.getMessage();
            }
        }

        @Override
        public int deviceCount() {
            int[] count = new int[1];
            JCudaDriver.cuDeviceGetCount(count);
            devices = count[0];
            return devices;
        }

        @Override
        public int computeCapability() {
            int best = 0;
            for (int i = 0; i < devices; i++) {
                best = Math.max(best, DeviceContext.computeCapability(i));
            }
            return best;
        }

        @Override
        public int driverVersion() {
            int[] v = new int[1];
            JCudaDriver.cuDriverGetVersion(v);
            driver = v[0];
            return driver;
        }

        @Override
        public String loadCublas() {
            CublasLoader.Outcome outcome = CublasLoader.prepare();
            if (!outcome.ok()) {
                return outcome.message();
            }
            try {
                JCublas2.initialize();
                JCublas2.setExceptionsEnabled(true);
                return null;
            } catch (Throwable t) {
                return "cuBLAS cannot be loaded (" + cause(t) + "); " + outcome.message();
            }
        }
    }
}
