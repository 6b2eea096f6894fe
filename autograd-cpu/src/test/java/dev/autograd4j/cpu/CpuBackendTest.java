package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BackendContract;
import dev.autograd4j.spi.BackendProvider;
import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.RandomOp;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CPU backend against the backend contract, plus what only the CPU promises. */
class CpuBackendTest extends BackendContract {
    @Override
    protected Backend backend() {
        return CpuBackend.INSTANCE;
    }

    @Test
    void aFreshStorageIsFilledOnlyWhenAsked() {
        // Note [Fresh storage is not zeros]: the pom's fresh-storage-filled execution runs this with the switch on
        boolean filled = Boolean.getBoolean("autograd4j.cpu.fillUninitializedMemory");
        float[] f = (float[]) backend().allocate(DType.FLOAT32, 3).hostArray();
        long[] l = (long[]) backend().allocate(DType.INT64, 2).hostArray();
        boolean[] b = (boolean[]) backend().allocate(DType.BOOL, 2).hostArray();
        if (filled) {
            assertArrayEquals(new float[] {Float.NaN, Float.NaN, Float.NaN}, f);
            assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, l);
            assertArrayEquals(new boolean[] {true, true}, b);
        } else {
            assertArrayEquals(new float[3], f);
            assertArrayEquals(new long[2], l);
            assertArrayEquals(new boolean[2], b);
        }
    }

    @Test
    void providerIsFoundByServiceLoader() {
        List<BackendProvider> cpu = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.deviceType() == Device.Type.CPU) {
                cpu.add(p);
            }
        }
        assertEquals(1, cpu.size(), "one CPU provider");
        BackendProvider p = cpu.get(0);
        assertTrue(p.availability().available(), p.availability().reason());
        assertSame(p.backend(Device.cpu()), p.backend(Device.cpu()));
        assertEquals(Device.cpu(), p.backend(Device.cpu()).device());
        assertThrows(IllegalArgumentException.class, () -> p.backend(Device.cuda(0)));
    }

    @Test
    void setNumThreadsReachesThePool() {
        int before = backend().numThreads();
        try {
            backend().setNumThreads(3);
            assertEquals(3, backend().numThreads());
            assertThrows(IllegalArgumentException.class, () -> backend().setNumThreads(0));
        } finally {
            backend().setNumThreads(before);
        }
    }

    /**
     * Every kernel that splits work between threads gives bit-identical results with 1, 2 and 3 threads (sums
     * included: long rows are reduced in fixed blocks whatever the thread count).
     */
    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int before = backend().numThreads();
        try {
            List<Object> serial = null;
            for (int threads : new int[]{1, 2, 3}) {
                backend().setNumThreads(threads);
                List<Object> results = battery();
                if (serial == null) {
                    serial = results;
                } else {
                    for (int i = 0; i < results.size(); i++) {
                        assertArrayEquals(doubles(serial.get(i)), doubles(results.get(i)),
                                "result " + i + " with " + threads + " threads");
                    }
                }
            }
        } finally {
            backend().setNumThreads(before);
        }
    }

    private List<Object> battery() {
        Random r = new Random(7);
        int n = 1 << 20;
        double[] x = r.doubles(n, -3, 3).toArray();
        View f = tensor(DType.FLOAT32, x, n);
        View d = tensor(DType.FLOAT64, x, 1024, 1024);
        List<Object> out = new ArrayList<>();

        View t = zeros(DType.FLOAT32, n);
        backend().unary(UnaryOp.TANH, t, f, 0, 0);
        out.add(backend().toArray(t));
        View g = zeros(DType.FLOAT64, 1024, 1024);
        backend().unary(UnaryOp.GELU, g, d.with(0, new int[]{1024, 1024}, new long[]{1, 1024}), 0, 0);
        out.add(backend().toArray(g));

        View m = zeros(DType.FLOAT32, n);
        backend().binary(BinaryOp.MUL, m, f, f, 1);
        out.add(backend().toArray(m));
        View row = zeros(DType.FLOAT64, 1024, 1024);
        backend().binary(BinaryOp.ADD, row, d, d.with(5, new int[]{1024, 1024}, new long[]{0, 1}), -0.5);
        out.add(backend().toArray(row));
        backend().binary(BinaryOp.DIV, m, f, broadcast(DType.FLOAT32, 3, n), 1);
        out.add(backend().toArray(m));

        out.add(backend().toArray(reduce(ReduceOp.SUM, DType.FLOAT32, f, 1)));
        out.add(backend().toArray(reduce(ReduceOp.SUM, DType.FLOAT64, d, 1, 1024)));
        out.add(backend().toArray(reduce(ReduceOp.SUM, DType.FLOAT64, d, 1024, 1)));
        out.add(backend().toArray(reduce(ReduceOp.MAX, DType.FLOAT64, d, 1, 1024)));
        out.add(backend().toArray(reduce(ReduceOp.ARGMAX, DType.INT64, f, 1)));

        View u = zeros(DType.FLOAT32, 300_001);
        backend().random(RandomOp.UNIFORM, u, 11, 5, -1, 1);
        out.add(backend().toArray(u));

        int rows = 16_000, dim = 64, vocab = 1000;
        long[] idx = new long[rows];
        for (int i = 0; i < rows; i++) {
            idx[i] = r.nextInt(vocab);
        }
        View index = new View(backend().fromArray(idx), 0, new int[]{rows, dim}, new long[]{1, 0});
        View emb = zeros(DType.FLOAT32, vocab, dim);
        backend().scatterAdd(emb, 0, index, f.with(0, new int[]{rows, dim}, new long[]{dim, 1}));
        out.add(backend().toArray(emb));

        View conv = zeros(DType.FLOAT32, 1024, 1024);
        backend().copy(conv, d.with(0, new int[]{1024, 1024}, new long[]{1, 1024}));
        out.add(backend().toArray(conv));
        return out;
    }

    private View reduce(ReduceOp op, DType outType, View in, int... outShape) {
        View out = zeros(outType, outShape);
        backend().reduce(op, out, in);
        return out;
    }

    /** The CPU's own tanh (JDK 17's Math.tanh is a slow native call) stays within 2 ulps of it. */
    @Test
    void tanhIsWithinTwoUlps() {
        Random r = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            double x = i % 2 == 0 ? r.nextDouble() * 40 - 20 : (r.nextDouble() - 0.5) * Math.pow(10, -r.nextInt(12));
            double expected = Math.tanh(x), got = ScalarMath.tanh(x);
            assertTrue(Math.abs(got - expected) <= 2 * Math.ulp(expected), "tanh(" + x + ") = " + got + ", not "
                    + expected);
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(ScalarMath.tanh(-0.0)));
        assertEquals(1.0, ScalarMath.tanh(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(ScalarMath.tanh(Double.NaN)));
    }

    /** The CPU checks every index first, so a bad one leaves the output as it was. */
    @Test
    void aBadIndexWritesNothing() {
        View in = tensor(DType.FLOAT64, new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        View out = tensor(DType.FLOAT64, new double[]{7, 7, 7, 7}, 2, 2);
        View index = View.contiguous(backend().fromArray(new long[]{0, 1, 2, 3}), new int[]{2, 2});
        assertThrows(IndexOutOfBoundsException.class, () -> backend().gather(out, in, 1, index));
        assertArrayEquals(new double[]{7, 7, 7, 7}, values(out));
        View target = tensor(DType.FLOAT64, new double[]{7, 7, 7, 7, 7, 7}, 2, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> backend().scatterAdd(target, 1, index,
                tensor(DType.FLOAT64, new double[]{1, 1, 1, 1}, 2, 2)));
        assertArrayEquals(new double[]{7, 7, 7, 7, 7, 7}, values(target));
    }
}
