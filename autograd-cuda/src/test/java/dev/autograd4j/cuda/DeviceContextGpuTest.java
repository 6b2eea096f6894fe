package dev.autograd4j.cuda;

import dev.autograd4j.Backends;
import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.View;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CUDA infrastructure on a real GPU, without the kernel families: memory and copies, launches (with the test
 * kernels of src/test/cuda/infra_check.cu), the index-error buffer, the allocator on the driver, and cuBLAS against
 * the CPU's gemm. Skips, with the reason, where CUDA is not available. The argument lists of its launches are
 * checked against the test PTX on the CPU too ({@link #launchArgumentsMatchTheTestKernels}).
 */
class DeviceContextGpuTest {
    private static final String MODULE = "infra_check";
    private static DeviceContext ctx;
    private static Backend cuda;
    private static Backend cpu;

    @BeforeAll
    static void open() {
        if (Cuda.isAvailable()) {
            cuda = Backends.of(Device.cuda(0));
            ctx = ((CudaBackend) cuda).context();
        }
        cpu = Backends.of(Device.cpu());
    }

    private static void assumeGpu() {
        assumeTrue(Cuda.isAvailable(), () -> "CUDA is not available: " + Cuda.availability());
    }

    private static Object[] echoArgs(long[] layout, Object out, Object p) {
        return new Object[] {7, layout, 1L << 40, out, -0.0, p};
    }

    /** On the CPU: what the GPU tests launch fits the test kernels' parameters. */
    @Test
    void launchArgumentsMatchTheTestKernels() {
        PtxModule ptx = PtxModule.parse(MODULE, PtxModule.read(MODULE));
        assertTrue(ptx.isa <= 80);
        DevicePointer p = new DevicePointer(0x1000);
        PtxModule.check("echo", "infra_echo", ptx.signature("echo", "infra_echo"), echoArgs(new long[51], p, null));
        PtxModule.check("iota", "infra_iota", ptx.signature("iota", "infra_iota"), new Object[] {5L, p});
        PtxModule.check("gather", "infra_check_index", ptx.signature("gather", "infra_check_index"),
                new Object[] {4L, p, 3L, p, p});
    }

    @Test
    void contextOpensOnTheDevice() {
        assumeGpu();
        assertTrue(ctx.multiprocessors() > 0);
        assertEquals(Device.cuda(0), cuda.device());
        assertTrue(cuda.toString().startsWith("CudaBackend(cuda:0, "), cuda.toString());
        assertTrue(Cuda.deviceCount() >= 1);
        assertTrue(CublasLoader.prepare().ok(), CublasLoader.prepare().message());
    }

    @Test
    void everyDtypeRoundTripsBitForBit() {
        assumeGpu();
        float[] f = {0f, -0f, 1.5f, Float.NaN, Float.intBitsToFloat(0x7fc00001), Float.MIN_VALUE, Float.MAX_VALUE,
                Float.NEGATIVE_INFINITY};
        double[] d = {0, -0.0, Math.PI, Double.NaN, Double.MIN_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY};
        long[] l = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40};
        int[] i = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
        boolean[] b = {true, false, false, true, true};
        assertArrayEquals(bits(f), bits((float[]) roundTrip(f)));
        assertArrayEquals(bits(d), bits((double[]) roundTrip(d)));
        assertArrayEquals(l, (long[]) roundTrip(l));
        assertArrayEquals(i, (int[]) roundTrip(i));
        assertArrayEquals(b, (boolean[]) roundTrip(b));
        assertEquals(0, ((float[]) roundTrip(new float[0])).length);
        assertEquals(0, ((boolean[]) roundTrip(new boolean[0])).length);
    }

    @Test
    void largeArraysCopyThroughTheStagingBufferInChunks() {
        assumeGpu();
        double[] big = new Random(1).doubles(5_000_000).toArray(); // 40 MB: three 16 MiB chunks
        assertArrayEquals(big, (double[]) roundTrip(big));
        boolean[] bools = new boolean[20_000_000];
        for (int k = 0; k < bools.length; k += 3) {
            bools[k] = true;
        }
        assertArrayEquals(bools, (boolean[]) roundTrip(bools));
    }

    private static Object roundTrip(Object array) {
        Storage s = cuda.fromArray(array);
        int n = java.lang.reflect.Array.getLength(array);
        return cuda.toArray(View.contiguous(s, new int[] {n}));
    }

    @Test
    void transfersToAndFromTheCpuHonourViewOffsets() {
        assumeGpu();
        Storage host = cpu.fromArray(new float[] {0, 1, 2, 3, 4, 5, 6, 7});
        Storage dev = cuda.allocate(DType.FLOAT32, 10);
        assertTrue(cuda.transfer(new View(dev, 3, new int[] {5}, new long[] {1}), new View(host, 2, new int[] {5},
                new long[] {1})));
        float[] all = (float[]) cuda.toArray(new View(dev, 3, new int[] {5}, new long[] {1}));
        assertArrayEquals(new float[] {2, 3, 4, 5, 6}, all);
        Storage back = cpu.fromArray(new float[] {-1, -1, -1, -1, -1, -1, -1});
        assertTrue(cuda.transfer(new View(back, 1, new int[] {4}, new long[] {1}), new View(dev, 4, new int[] {4},
                new long[] {1})));
        assertArrayEquals(new float[] {-1, 3, 4, 5, 6, -1, -1}, (float[]) back.hostArray());
        Storage flags = cpu.fromArray(new boolean[] {true, false, true});
        Storage devFlags = cuda.allocate(DType.BOOL, 3);
        assertTrue(cuda.transfer(View.contiguous(devFlags, new int[] {3}), View.contiguous(flags, new int[] {3})));
        assertArrayEquals(new boolean[] {true, false, true}, (boolean[]) cuda.toArray(View.contiguous(devFlags,
                new int[] {3})));
    }

    /** Every kind of argument reaches the kernel as KernelArgs encodes it, the 408-byte Layout word for word. */
    @Test
    void launchesPassEveryKindOfArgument() {
        assumeGpu();
        long[] layout = new long[51];
        for (int k = 0; k < layout.length; k++) {
            layout[k] = (k + 1) * 1_000_000_007L * (k % 2 == 0 ? 1 : -1);
        }
        Storage out = cuda.allocate(DType.INT64, 55);
        View v = View.contiguous(out, new int[] {55});
        ctx.launch("echo", MODULE, "infra_echo", 1, 1, 32, 0, echoArgs(layout, ctx.address(v), null));
        long[] got = (long[]) cuda.toArray(v);
        assertArrayEquals(layout, Arrays.copyOf(got, 51));
        assertEquals(1L << 40, got[51]);
        assertEquals(Double.doubleToRawLongBits(-0.0), got[52]);
        assertEquals(7, got[53]);
        assertEquals(1, got[54], "null is a null device pointer");
    }

    @Test
    void elementGridsCoverAnyCount() {
        assumeGpu();
        for (int n : new int[] {1, 255, 257, 3_000_000}) {
            Storage out = cuda.allocate(DType.INT64, n);
            View v = View.contiguous(out, new int[] {n});
            ctx.launchElements("iota", MODULE, "infra_iota", n, (long) n, ctx.address(v));
            long[] got = (long[]) cuda.toArray(v);
            for (int k = 0; k < n; k++) {
                assertEquals(k, got[k], "element " + k + " of " + n);
            }
        }
        ctx.launchElements("iota", MODULE, "infra_iota", 0, 0L, new DevicePointer(0)); // n == 0: nothing launched
        ctx.synchronize();
    }

    @Test
    void anyThreadCanLaunch() throws InterruptedException {
        assumeGpu();
        Storage out = cuda.allocate(DType.INT64, 1000);
        View v = View.contiguous(out, new int[] {1000});
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                ctx.launchElements("iota", MODULE, "infra_iota", 1000, 1000L, ctx.address(v));
                ctx.synchronize();
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        t.start();
        t.join();
        assertNull(failed.get());
        assertEquals(999, ((long[]) cuda.toArray(v))[999]);
    }

    @Test
    void aBadIndexIsReportedAtTheNextSyncAndTheDeviceStaysUsable() {
        assumeGpu();
        Storage index = cuda.fromArray(new long[] {0, 5, 2, -3});
        Storage out = cuda.fromArray(new long[] {9, 9, 9, 9});
        View iv = View.contiguous(index, new int[] {4});
        View ov = View.contiguous(out, new int[] {4});
        ctx.launchElements("gather", MODULE, "infra_check_index", 4, 4L, ctx.address(iv), 3L, ctx.address(ov),
                ctx.indexErrors());
        ctx.checksIndices("gather");
        ctx.checksIndices("scatter_add"); // later ops do not replace the first one
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> cuda.toArray(ov));
        assertTrue(e.getMessage().equals("[gather] index 5 is out of bounds")
                || e.getMessage().equals("[gather] index -3 is out of bounds"), e.getMessage());
        // Cleared: the next sync is quiet, the good elements were written and the bad ones skipped
        ctx.synchronize();
        assertArrayEquals(new long[] {0, 9, 2, 9}, (long[]) cuda.toArray(ov));
        ctx.launchElements("gather", MODULE, "infra_check_index", 4, 4L, ctx.address(ov), 10L, ctx.address(ov),
                ctx.indexErrors());
        ctx.checksIndices("gather");
        ctx.synchronize();
    }

    @Test
    void wrongLaunchArgumentsAreAnErrorBeforeTheDriverSeesThem() {
        assumeGpu();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ctx.launchElements("iota", MODULE, "infra_iota", 4, 4, new DevicePointer(0)));
        assertTrue(e.getMessage().startsWith("[iota] kernel infra_iota parameter 0 is .u64 but was given Integer 4"),
                e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ctx.launchElements("iota", MODULE, "no_such_kernel", 4, 4L));
        assertEquals("[iota] the PTX module infra_check has no kernel no_such_kernel", missing.getMessage());
    }

    @Test
    void theAllocatorRunsOnTheDriver() {
        assumeGpu();
        Cuda.emptyCache(Device.cuda(0));
        MemoryStats before = Cuda.memoryStats(Device.cuda(0));
        CudaStorage s = (CudaStorage) cuda.allocate(DType.FLOAT32, 5_000_000);
        assertEquals(20_000_256, s.bytes, "rounded up to 512");
        assertTrue(Cuda.memoryStats(Device.cuda(0)).allocatedBytes() >= s.bytes);
        s.freeNow();
        long allocs = -1;
        for (int step = 0; step < 50; step++) {
            CudaStorage a = (CudaStorage) cuda.allocate(DType.FLOAT32, 5_000_000);
            CudaStorage b = (CudaStorage) cuda.allocate(DType.INT64, 1000);
            b.freeNow();
            a.freeNow();
            if (step == 0) {
                allocs = Cuda.memoryStats(Device.cuda(0)).deviceAllocs();
            }
        }
        assertEquals(allocs, Cuda.memoryStats(Device.cuda(0)).deviceAllocs(), "no cuMemAlloc once the cache is warm");
        Cuda.emptyCache(Device.cuda(0));
        assertTrue(Cuda.memoryStats(Device.cuda(0)).reservedBytes() <= before.reservedBytes());
        CudaOutOfMemoryException oom = assertThrows(CudaOutOfMemoryException.class,
                () -> cuda.allocate(DType.FLOAT64, 1L << 40)); // 8 TiB
        assertTrue(oom.getMessage().startsWith("[allocate] CUDA out of memory on cuda:0: tried to allocate 8.00 TiB"),
                oom.getMessage());
    }

    /** cuBLAS against the CPU's gemm, on layouts that need no copy: transposes, a broadcast batch, a column-major out. */
    @Test
    void gemmMatchesTheCpu() {
        assumeGpu();
        Random r = new Random(2);
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            int b = 3;
            int m = 17;
            int k = 33;
            int n = 9;
            double[] x = r.doubles(b * m * k, -1, 1).toArray();
            double[] y = r.doubles(k * n, -1, 1).toArray();
            double[] z = r.doubles(b * m * n, -1, 1).toArray();
            // a = x.transpose(1, 2) of [b, k, m]; y is [k, n] broadcast over the batch; out = z, row-major
            int[] aShape = {b, m, k};
            long[] aStrides = {(long) m * k, 1, m};
            int[] bShape = {b, k, n};
            long[] bStrides = {0, n, 1};
            int[] oShape = {b, m, n};
            long[] oStrides = {(long) m * n, n, 1};
            compare(dtype, x, aShape, aStrides, y, bShape, bStrides, z, oShape, oStrides, 2, 0.5);
            // a column-major output: out = w.transpose(1, 2) for w [b, n, m]
            compare(dtype, x, aShape, aStrides, y, bShape, bStrides, z, oShape, new long[] {(long) m * n, 1, m}, 1, 0);
        }
    }

    private static void compare(DType dtype, double[] a, int[] aShape, long[] aStrides, double[] b, int[] bShape,
                                long[] bStrides, double[] out, int[] oShape, long[] oStrides, double alpha,
                                double beta) {
        Object ha = array(dtype, a);
        Object hb = array(dtype, b);
        Object ho = array(dtype, out);
        View ca = new View(cpu.fromArray(ha), 0, aShape, aStrides);
        View cb = new View(cpu.fromArray(hb), 0, bShape, bStrides);
        View co = new View(cpu.fromArray(ho), 0, oShape, oStrides);
        cpu.gemm(co, ca, cb, alpha, beta);
        Object nanOut = beta == 0 ? array(dtype, filled(out.length, Double.NaN)) : ho; // beta == 0 ignores NaN
        View ga = new View(cuda.fromArray(ha), 0, aShape, aStrides);
        View gb = new View(cuda.fromArray(hb), 0, bShape, bStrides);
        View go = new View(cuda.fromArray(nanOut), 0, oShape, oStrides);
        cuda.gemm(go, ga, gb, alpha, beta);
        // The whole storages, as the views may not be contiguous (toArray would need the elementwise copy kernel)
        double[] want = doubles(cpu.toArray(View.contiguous(co.storage, new int[] {out.length})));
        double[] got = doubles(cuda.toArray(View.contiguous(go.storage, new int[] {out.length})));
        double tol = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol * (1 + Math.abs(want[i])), dtype + " element " + i);
        }
        assertFalse(Arrays.stream(got).anyMatch(Double::isNaN));
    }

    private static double[] filled(int n, double v) {
        double[] d = new double[n];
        Arrays.fill(d, v);
        return d;
    }

    private static Object array(DType dtype, double[] values) {
        if (dtype == DType.FLOAT64) {
            return values.clone();
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    private static double[] doubles(Object array) {
        if (array instanceof double[] d) {
            return d;
        }
        float[] f = (float[]) array;
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }

    private static long[] bits(double[] d) {
        long[] b = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            b[i] = Double.doubleToRawLongBits(d[i]);
        }
        return b;
    }
}
