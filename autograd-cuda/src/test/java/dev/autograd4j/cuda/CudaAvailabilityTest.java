package dev.autograd4j.cuda;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.spi.BackendProvider;
import dev.autograd4j.spi.BackendProvider.Availability;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each reason CUDA can be unavailable, from a fake of the steps; and the real check, which must never crash. */
class CudaAvailabilityTest {

    /** A machine where every step succeeds unless a test says otherwise. */
    private static class FakeProbe implements CudaAvailability.Probe {
        Supplier<Throwable> loadFails = () -> null;
        String init;
        int devices = 1;
        int cc = 90;
        int driver = 13000;
        String cublas;
        final List<String> steps = new ArrayList<>();

        @Override
        public void loadDriver() {
            steps.add("load");
            Throwable t = loadFails.get();
            if (t instanceof Error e) {
                throw e;
            }
        }

        @Override
        public String init() {
            steps.add("init");
            return init;
        }

        @Override
        public int deviceCount() {
            steps.add("count");
            return devices;
        }

        @Override
        public int computeCapability() {
            steps.add("cc");
            return cc;
        }

        @Override
        public int driverVersion() {
            steps.add("version");
            return driver;
        }

        @Override
        public String loadCublas() {
            steps.add("cublas");
            return cublas;
        }
    }

    private static final String LOAD_ERROR = "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n";

    private static Availability check(FakeProbe p) {
        return CudaAvailability.check(p, 12000);
    }

    @Test
    void everyStepPassing() {
        FakeProbe p = new FakeProbe();
        assertEquals(Availability.yes(), check(p));
        assertEquals(List.of("load", "init", "count", "cc", "version", "cublas"), p.steps);
    }

    /** JCuda's own message when its natives jar is missing, trimmed to its two nested errors. */
    @Test
    void jcudaNativesMissing() {
        FakeProbe p = new FakeProbe();
        p.loadFails = () -> new UnsatisfiedLinkError(LOAD_ERROR
                + "Stack trace from the attempt to load the library as a file:\n"
                + "java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-x86_64 in java.library.path: /usr/lib\n"
                + "Stack trace from the attempt to load the library as a resource:\n"
                + "java.io.IOException: No resource found with name '/lib/libJCudaDriver-12.6.0-linux-x86_64.so'\n");
        Availability a = check(p);
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("JCuda's natives cannot be loaded (java.io.IOException: No resource found with"
                + " name '/lib/libJCudaDriver-12.6.0-linux-x86_64.so'): jcuda-natives for "), a.reason());
        assertEquals(List.of("load"), p.steps);
        p.loadFails = () -> new NoClassDefFoundError("jcuda/driver/JCudaDriver");
        assertEquals("JCuda's natives cannot be loaded (NoClassDefFoundError: jcuda/driver/JCudaDriver): jcuda-natives"
                + " for " + System.getProperty("os.name").toLowerCase() + "-" + System.getProperty("os.arch")
                + " must be on the class path", check(p).reason());
    }

    /** What JCuda throws on a machine without the NVIDIA driver (seen on a CPU-only machine). */
    @Test
    void noDriver() {
        FakeProbe p = new FakeProbe();
        p.loadFails = () -> new UnsatisfiedLinkError(LOAD_ERROR
                + "Stack trace from the attempt to load the library as a resource:\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open"
                + " shared object file: No such file or directory\n");
        assertEquals(Availability.no("no CUDA driver: libcuda.so.1 cannot be loaded (install the NVIDIA driver)"),
                check(p));
    }

    @Test
    void noDevice() {
        FakeProbe p = new FakeProbe();
        p.init = "CUDA_ERROR_NO_DEVICE";
        assertEquals(Availability.no("no CUDA device (cuInit: CUDA_ERROR_NO_DEVICE)"), check(p));
        p.init = null;
        p.devices = 0;
        assertEquals(Availability.no("no CUDA device"), check(p));
    }

    @Test
    void devicesTooOldForThePtx() {
        FakeProbe p = new FakeProbe();
        p.cc = 70;
        assertEquals(Availability.no("no CUDA device of compute capability 7.5 or newer, which the kernels are built"
                + " for (the best here is 7.0)"), check(p));
        p.cc = 75;
        assertTrue(check(p).available());
    }

    @Test
    void driverFailsToInitialise() {
        FakeProbe p = new FakeProbe();
        p.init = "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH";
        assertEquals(Availability.no("the CUDA driver failed to initialise (cuInit: CUDA_ERROR_SYSTEM_DRIVER_MISMATCH)"),
                check(p));
    }

    @Test
    void driverTooOldForTheKernels() {
        FakeProbe p = new FakeProbe();
        p.driver = 11080;
        assertEquals(Availability.no("the NVIDIA driver supports CUDA 11.8 but the CUDA backend needs CUDA 12.0 or"
                + " newer: update the NVIDIA driver"), check(p));
        p.driver = 12000;
        assertTrue(check(p).available(), "a CUDA 12.0 driver loads PTX 8.0");
        assertEquals("the NVIDIA driver supports CUDA 12.4 but the CUDA backend needs CUDA 13.0 or newer: update the"
                + " NVIDIA driver", CudaAvailability.check(withDriver(12040), PtxModule.driverFor(90)).reason());
    }

    private static FakeProbe withDriver(int version) {
        FakeProbe p = new FakeProbe();
        p.driver = version;
        return p;
    }

    @Test
    void noCublas() {
        FakeProbe p = new FakeProbe();
        p.cublas = "cuBLAS not found: neither libcublas.so.12 nor libcublas.so.13 is in LD_LIBRARY_PATH";
        assertEquals(Availability.no(p.cublas), check(p));
    }

    /** On this machine, GPU or not: an answer, with its reason, and the same one every time. */
    @Test
    void theRealCheckAnswersWithoutCrashing() {
        String reason = Cuda.availability();
        assertEquals(Cuda.isAvailable(), reason.equals("available"), reason);
        assertSame(CudaAvailability.get(), CudaAvailability.get(), "computed once");
        assertEquals(Cuda.isAvailable(), Backends.isAvailable(Device.Type.CUDA));
        assertEquals(reason, Backends.availability(Device.Type.CUDA));
        if (!Cuda.isAvailable()) {
            assertEquals(0, Cuda.deviceCount());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Cuda.memoryStats(Device.cuda(0)));
            assertTrue(e.getMessage().endsWith(reason), e.getMessage());
        } else {
            assertTrue(Cuda.deviceCount() >= 1);
        }
    }

    @Test
    void theProviderIsFoundByServiceLoader() {
        List<BackendProvider> cuda = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.deviceType() == Device.Type.CUDA) {
                cuda.add(p);
            }
        }
        assertEquals(1, cuda.size());
        assertTrue(cuda.get(0) instanceof CudaBackendProvider);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cuda.get(0).backend(Device.cpu()));
        assertEquals("[cuda] the CUDA provider serves CUDA devices but was asked for cpu", e.getMessage());
        IllegalArgumentException notCuda = assertThrows(IllegalArgumentException.class, () -> Cuda.emptyCache(Device.cpu()));
        assertEquals("[empty_cache] expected a CUDA device but got cpu", notCuda.getMessage());
    }

    @Test
    void tf32IsOffUntilSwitchedOn() {
        assertFalse(Cuda.allowTf32());
        try {
            Cuda.setAllowTf32(true);
            assertTrue(Cuda.allowTf32());
        } finally {
            Cuda.setAllowTf32(false);
        }
    }
}
