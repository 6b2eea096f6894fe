package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.spi.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batched GEMM on the CPU: {@code out[p] = alpha * a[p] @ b[p] + beta * out[p]} over strided {@code [B, M, K]},
 * {@code [B, K, N]} and {@code [B, M, N]} views. This class splits the work between threads and picks the path;
 * the arithmetic is {@code FloatGemm}/{@code DoubleGemm}, generated from {@code RealGemm} (see Note [GEMM in plain
 * Java] there).
 *
 * <p>Work is split over batches when there are enough of them, else over column ranges of the output (each thread
 * packs only its own columns of B), else over row ranges, in pieces of at least {@link #MIN_PARALLEL_FLOPS}; but see
 * Note [Splitting a product between threads]. Products below {@link #SMALL_FLOPS} skip packing altogether (the
 * scalar graph's 1x1x1 products live here).
 *
 * <p>Note [Splitting a product between threads]: each thread packs all of the operand it does not split, so a split
 * over columns packs all of A in every thread, and a split over rows all of B. Packing a transposed operand is a
 * strided gather, dearer than the row copies of a row-major one, so where A is transposed (a weight gradient's
 * {@code G^T X}, the second factor's gradient {@code A^T G} in a chain) and B is not, and there are rows enough for
 * each thread's to fill blocks, the vector kernels split rows instead (in multiples of {@link #ROW_QUANTUM}, whole
 * register tiles). Alternating the two splits in one JVM (2 threads of the Zen 5 VM, JDK 17, float32), rows
 * were faster for {@code A^T B} at 1024^3 in 6 of 6 passes (281-293 against 263-275 GFLOP/s) and for
 * {@code G^T h} (1024 x 256 x 1024) in 16 of 18 (by about 5%); {@code x W^T} (B transposed) ran 20-25% slower
 * split over rows, and square row-major products within the noise either way. A narrow output is split over rows
 * too, whatever the layouts, where each thread would get fewer than {@link #NARROW_COLUMNS} columns: its packed A
 * blocks then served only a few strips of 64 (and 192 columns split as 64 and 128). 1024 x 1024 x 256, 4096 x 512 x
 * 128 and 1024 x 784 x 192, with B row-major or transposed, ran 5-20% faster over rows in 27 of 30 passes.
 */
final class Gemm {
    private static final Logger LOG = LoggerFactory.getLogger(Gemm.class);

    /**
     * Note [Choosing the GEMM]: the Vector API kernels ({@code FloatVecGemm}/{@code DoubleVecGemm}, see Note [GEMM on
     * the Vector API]) run when {@code jdk.incubator.vector} is in the boot layer ({@code --add-modules
     * jdk.incubator.vector}, or {@code JDK_JAVA_OPTIONS}) and its preferred vectors are at least 256 bits
     * ({@link VectorApi#ON}); otherwise the plain-Java kernels ({@code FloatGemm}/{@code DoubleGemm}). The vector
     * classes link against the module, so nothing here touches them unless it is present: the calls below are
     * static calls on primitive arrays, which the JVM resolves (and loads the class) only when one first runs. The
     * choice is made and logged once, when the first product large enough for the blocked kernels runs.
     *
     * <p>Note [The Vector API on JDK 17]: the probe saw a Vector API GEMM fall to 3-14 GFLOP/s, with no error,
     * once another library's Vector API code had run in the same JVM. Reproduced here (a 2-core Zen 4 VM with AVX2
     * only; JDK 17.0.15 and 25.0.3): a "foreign" dot product on {@code FloatVector.SPECIES_128} (or on {@code
     * SPECIES_512}, which this CPU lacks), run for 2 s before our kernel first ran, left our float32 kernel at 3-8
     * GFLOP/s against 20-27 on one (shared) core in 7 of 34 JVMs on JDK 17, and it stayed there; on JDK 25, none of 14.
     * {@code -XX:+PrintInlining} on a slow JVM shows why: C2 compiled {@code kernel2} with its loads, broadcasts and
     * FMAs intrinsified, but "failed to inline (intrinsic)" on {@code VectorSupport::store} for the accumulators, whose
     * exact class it no longer knew (it reached them through the type profiles of the JDK's shared {@code FloatVector}
     * methods, which the other code's species had made polymorphic); a vector that is not intrinsified is a heap
     * object, so the loop allocated boxes. On AVX-512 (a Zen 5 VM) it happened in every JVM. The kernels now store
     * through their exact vector class, which C2 then knows whatever the profile says (Note [Stores the JIT can type]
     * in {@code RealVecGemm}): none of 16 JVMs since. The library still watches, for what that does not cover: every
     * large product on a vector kernel measures what it allocated, and a kernel that keeps allocating is set aside for
     * plain Java, and tried again from time to time ({@link KernelWatch}, Note [Watching a vector kernel by what it
     * allocates]). With {@code -XX:-EnableVectorSupport}, which turns every intrinsic off, the watch falls back as it
     * should. This also catches a kernel that C2 recompiles into the slow state later, seen once in five JVMs with a 6
     * x 2 tile (since reverted), which ran n = 256 at full speed and then n = 512 and 1024 at 5-7 GFLOP/s, and it
     * covers float64's kernel, a separate method that is compiled separately.
     */
    static final boolean VECTOR = chooseVector();

    /** Whether the float32 and float64 vector kernels are in use now. */
    private static final KernelWatch F32 = new KernelWatch("float32"), F64 = new KernelWatch("float64");

    /**
     * Whether float32 ({@code f32}) or float64 products go to the Vector API kernel now, as far as the watch knows:
     * for tests that compare products bit for bit, which only one kernel at a time can promise.
     */
    static boolean vectorInUse(boolean f32) {
        return VECTOR && (f32 ? F32 : F64).inUse();
    }

    private static boolean chooseVector() {
        if (!VectorApi.present()) {
            LOG.info("GEMM: plain Java (jdk.incubator.vector is not in the boot layer; run with --add-modules "
                    + "jdk.incubator.vector for the Vector API GEMM)");
            return false;
        }
        int bits = VecKernels.bits();
        if (!VectorApi.ON) {
            LOG.info("GEMM: plain Java (the Vector API's preferred vectors here are {} bits, fewer than 256)", bits);
            return false;
        }
        LOG.info("GEMM: Vector API, {}-bit vectors, {} x {} float32 / {} x {} float64 register tiles (java {})", bits,
                FloatVecGemm.MR, FloatVecGemm.NR, DoubleVecGemm.MR, DoubleVecGemm.NR,
                System.getProperty("java.version"));
        return true;
    }

    /** Below this many multiply-adds a plain triple loop beats packing. */
    private static final long SMALL_FLOPS = 16 * 16 * 16;
    /** A thread's share must be at least this many multiply-adds to pay for the fork. */
    private static final long MIN_PARALLEL_FLOPS = 1L << 18;
    /** Column pieces are multiples of this, so the vectorised loops keep whole vectors. */
    private static final int COLUMN_QUANTUM = 64;
    /** Row pieces of a split over rows first are multiples of this: whole tiles of the 6- and 4-row kernels. */
    private static final int ROW_QUANTUM = 12;
    /** The rows per thread below which a product is never split over rows first (two blocks of 144 rows). */
    private static final int MIN_ROWS_PER_THREAD = 288;
    /** Columns per thread below which a split over columns leaves too few strips (of 64) to reuse a packed A over. */
    private static final int NARROW_COLUMNS = 256;

    private Gemm() {
    }

    static void gemm(View out, View a, View b, double alpha, double beta) {
        int batches = out.shape[0], m = out.shape[1], n = out.shape[2], k = a.shape[2];
        if (batches == 0 || m == 0 || n == 0) {
            return;
        }
        boolean f32 = out.dtype() == DType.FLOAT32;
        if (k == 0) {
            scaleOnly(out, beta, f32);
            return;
        }
        long perBatch = (long) m * n * k;
        boolean vec = VECTOR && (f32 ? F32 : F64).use(perBatch * batches);
        int threads = Parallel.threads();
        int useful = (int) Math.max(1, Math.min(threads, perBatch * batches / MIN_PARALLEL_FLOPS));
        if (perBatch <= SMALL_FLOPS) {
            Parallel.forRange(batches, Math.max(1, batches / useful), (p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    product(out, a, b, p, 0, m, 0, n, alpha, beta, f32, vec, true);
                }
            });
        } else if (useful == 1) {
            for (int p = 0; p < batches; p++) {
                product(out, a, b, p, 0, m, 0, n, alpha, beta, f32, vec, false);
            }
        } else if (batches >= useful) {
            Parallel.forRange(batches, 1, (p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    product(out, a, b, p, 0, m, 0, n, alpha, beta, f32, vec, false);
                }
            });
        } else if (vec && m >= useful * MIN_ROWS_PER_THREAD && (rowsFirst(a, b) || n < useful * NARROW_COLUMNS)) {
            int pieces = (m + ROW_QUANTUM - 1) / ROW_QUANTUM;
            for (int p = 0; p < batches; p++) {
                int batch = p;
                Parallel.forRange(pieces, 1, (q0, q1) -> product(out, a, b, batch, q0 * ROW_QUANTUM,
                        Math.min(m, q1 * ROW_QUANTUM), 0, n, alpha, beta, f32, vec, false));
            }
        } else if (n >= useful * COLUMN_QUANTUM) {
            int pieces = (n + COLUMN_QUANTUM - 1) / COLUMN_QUANTUM;
            for (int p = 0; p < batches; p++) {
                int batch = p;
                Parallel.forRange(pieces, 1, (q0, q1) -> product(out, a, b, batch, 0, m, q0 * COLUMN_QUANTUM,
                        Math.min(n, q1 * COLUMN_QUANTUM), alpha, beta, f32, vec, false));
            }
        } else {
            for (int p = 0; p < batches; p++) {
                int batch = p;
                Parallel.forRange(m, 1, (i0, i1) -> product(out, a, b, batch, i0, i1, 0, n, alpha, beta, f32, vec,
                        false));
            }
        }
    }

    /** Rows [m0, m1) x columns [n0, n1) of batch p. */
    /** A transposed A and a row-major B: see Note [Splitting a product between threads]. */
    private static boolean rowsFirst(View a, View b) {
        return a.strides[1] == 1 && a.strides[2] != 1 && b.strides[2] == 1;
    }

    private static void product(View out, View a, View b, int p, int m0, int m1, int n0, int n1, double alpha,
                                double beta, boolean f32, boolean vec, boolean small) {
        int k = a.shape[2];
        int oo = (int) (out.offset + p * out.strides[0]), ao = (int) (a.offset + p * a.strides[0]);
        int bo = (int) (b.offset + p * b.strides[0]);
        int os0 = (int) out.strides[1], os1 = (int) out.strides[2];
        int as0 = (int) a.strides[1], as1 = (int) a.strides[2], bs0 = (int) b.strides[1], bs1 = (int) b.strides[2];
        Object od = ((CpuStorage) out.storage).data, ad = ((CpuStorage) a.storage).data;
        Object bd = ((CpuStorage) b.storage).data;
        if (small) {
            if (f32) {
                FloatGemm.small((float[]) od, oo + m0 * os0 + n0 * os1, os0, os1, (float[]) ad, ao + m0 * as0, as0, as1,
                        (float[]) bd, bo + n0 * bs1, bs0, bs1, m1 - m0, n1 - n0, k, (float) alpha, (float) beta);
            } else {
                DoubleGemm.small((double[]) od, oo + m0 * os0 + n0 * os1, os0, os1, (double[]) ad, ao + m0 * as0, as0,
                        as1, (double[]) bd, bo + n0 * bs1, bs0, bs1, m1 - m0, n1 - n0, k, alpha, beta);
            }
        } else if (vec) {
            long fmas = (long) (m1 - m0) * (n1 - n0) * k, before = KernelWatch.before(fmas);
            if (f32) {
                FloatVecGemm.block((float[]) od, oo, os0, os1, (float[]) ad, ao, as0, as1, (float[]) bd, bo, bs0, bs1,
                        k, m0, m1, n0, n1, (float) alpha, (float) beta);
            } else {
                DoubleVecGemm.block((double[]) od, oo, os0, os1, (double[]) ad, ao, as0, as1, (double[]) bd, bo, bs0,
                        bs1, k, m0, m1, n0, n1, alpha, beta);
            }
            (f32 ? F32 : F64).after(before, fmas);
        } else if (f32) {
            FloatGemm.block((float[]) od, oo, os0, os1, (float[]) ad, ao, as0, as1, (float[]) bd, bo, bs0, bs1, k,
                    m0, m1, n0, n1, (float) alpha, (float) beta);
        } else {
            DoubleGemm.block((double[]) od, oo, os0, os1, (double[]) ad, ao, as0, as1, (double[]) bd, bo, bs0, bs1, k,
                    m0, m1, n0, n1, alpha, beta);
        }
    }

    /** {@code out = beta * out} (an empty sum), with {@code beta == 0} meaning zeros whatever out held. */
    private static void scaleOnly(View out, double beta, boolean f32) {
        for (int p = 0; p < out.shape[0]; p++) {
            for (int i = 0; i < out.shape[1]; i++) {
                for (int j = 0; j < out.shape[2]; j++) {
                    int d = (int) (out.offset + p * out.strides[0] + i * out.strides[1] + j * out.strides[2]);
                    if (f32) {
                        float[] o = (float[]) ((CpuStorage) out.storage).data;
                        o[d] = beta == 0 ? 0f : (float) (beta * o[d]);
                    } else {
                        double[] o = (double[]) ((CpuStorage) out.storage).data;
                        o[d] = beta == 0 ? 0 : beta * o[d];
                    }
                }
            }
        }
    }
}
