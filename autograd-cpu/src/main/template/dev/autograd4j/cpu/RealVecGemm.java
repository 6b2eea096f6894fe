package dev.autograd4j.cpu;

import jdk.incubator.vector.RealVector;

/**
 * The GEMM kernel for {@code elem} on the incubating Vector API: {@code out = alpha * A @ B + beta * out} over a
 * block of rows and columns of one product, with any strides, exactly the contract of {@code RealGemm.block}.
 * Generated from {@code src/main/template/.../RealVecGemm.java} (edit the template, not the copies).
 *
 * <p>This class is loaded only when {@link Gemm} found {@code jdk.incubator.vector} in the boot layer (see Note
 * [Choosing the GEMM] there): it links against that module, so loading it without the module would fail.
 *
 * <p>Note [GEMM on the Vector API]: the classic Goto/BLIS loop nest. B is packed a {@code kc} x {@link #NC} panel
 * ({@code kc} at most {@link #KC_MAX}) at a time into strips {@code NR} columns wide ({@code kc} rows of {@code NR}
 * neighbours), A a {@link #MC} x {@code kc} block at a time into strips {@link #MR} rows tall ({@code kc} columns of
 * {@code MR} neighbours; for the 6 x 4 kernel, rows of {@code kc}: Note [Packing A as rows]), with zeros past the
 * edges, and alpha folded into A. The micro-kernel keeps an {@code MR x NR} tile of C in registers
 * and, per step of k, loads {@code NR / L} vectors of B (L lanes), broadcasts each of A's {@code MR} values and adds
 * {@code MR * NR / L} FMAs. With 32 vector registers (AVX-512) the tile is 6 x 4 vectors: 24 accumulators, four B
 * vectors and a broadcast; with 16 (AVX2) it is 4 x 2 vectors, 8 accumulators (6 x 2, with 12 of the 16 registers
 * accumulating, measured a quarter slower than plain Java on a loaded Zen 4 VM; 4 x 2 about as fast or faster).
 * A B strip ({@code kc * NR} elements) stays in L1 while every A strip of the block streams past it from L2. The
 * species is {@code SPECIES_PREFERRED}, the widest the CPU offers, always named as that constant so the JIT sees it
 * as one.
 *
 * <p>Why this reaches about half of OpenBLAS's speed on a shared AVX2 machine (a 2-vCPU Zen 3 VM, JDK 17 and 25
 * alike): not the blocking, but the loop C2 writes. Over the same packed blocks, alternating in one process, the
 * 4 x 2 kernel's best passes matched a C twin of the loop ({@code benchmarks/src/main/c/microkernel.c}): 77-85 vs
 * 75-93 GFLOP/s on one core. Their medians did not: 42-53 vs 65-74. The VM's core ran in phases of seconds (the
 * same compiled code at about 45, then 80, then 45), and in the slow phases a loop is bound by the instructions it
 * issues. C2's loop takes 25-26 per 8 FMAs (it recomputes both packed indices from the counter at each step,
 * keeps two range checks on B, and does not unroll a loop this large); gcc's takes 18. Unrolling k by hand made C2
 * hoist the B loads of all steps and spill accumulators (28 GFLOP/s); a 6 x 2 tile kept range checks on A and
 * spilled as well. What did help: {@link #kernel2} runs its loop over A's index and reads B at a fixed multiple
 * of it, so C2 proves every access in range and drops the checks (22 instructions per 8 FMAs); alternating JVMs of
 * the old and new kernel, single-threaded, n = 512 ran at 69-76 against 57-71 GFLOP/s at best (medians 47-69
 * against 33-64), n = 1024 within the noise. A faster kernel still needs loop code C2 does not write today.
 *
 * <p>Note [The A block on AVX2]: with the 4 x 2 tile, {@link #MC} is 24 rows, not the 144 that keeps an A block
 * in L2 beside nothing else. The float32 kernel alone ran at 91-94 GFLOP/s on one core of the Zen 3 VM, the whole
 * block (packing, the C tiles' reads and writes) at 70-80 with 144 rows. Over the same operands, alternating in one JVM
 * on 2 threads, 24 rows ran n = 1024 at 150-153 against 134-138 GFLOP/s (best of 8) and n = 2048 at 158-166
 * against 134-143, and float64 at n = 1024 at 74 against 64 (medians); the linear layer's {@code x W^T}
 * (256 x 784 x 1024) within the noise of 144 in float32, 63 against 58 in float64. Deeper panels
 * (KC of 384 to 1024, fewer passes over C) gained at n = 2048 and lost on the MLP's shapes. The 6 x 4 tile
 * (AVX-512) keeps 144; see Note [The 6 x 4 tile].
 *
 * <p>Note [The 6 x 4 tile]: measured on a 2-vCPU Zen 5 VM (AVX-512, two 512-bit FMAs per cycle, a float32 FMA
 * peak of about 205 GFLOP/s per core; JDK 17). Over packed blocks in cache the float32 kernel runs at 200-205
 * GFLOP/s on one core, so what a product loses is outside it. Panels up to 512 deep rather than 256 (a B strip of
 * 128 KB, in L2 rather than L1, but half the passes over C) ran, on 2 threads, n = 1024 at 293-298 against 275-278
 * GFLOP/s (medians, one JVM per setting), n = 2048 at 310-318 against 281-297, the linear layer's {@code x W^T}
 * (256 x 784 x 1024) at 240-262 against 160-239; MC of 96 or 240 rows instead of 144 within the noise.
 *
 * <p>Note [The tile's epilogue]: a kernel writes its tile back in straight-line code with one test of beta for the
 * whole tile: stores when beta is 0 (what C held is ignored, NaN included), else {@code c = fma(c, beta, tile)},
 * rounded once. It used to call a small {@code put(acc, c, d, beta)} per vector. In the 6 x 4 kernel those 24
 * calls took C2's graph past its node budget ({@code NodeCountInliningCutoff} in {@code -XX:+PrintInlining}), the
 * last of them stayed calls, and each call boxed its vector: with beta = 1 the kernel ran at 168-175 GFLOP/s
 * against 202-205 with beta = 0 throughout. Written out, 192-200; the whole float32 product at n = 1024 went
 * from 134-142 to 164 GFLOP/s on one core and from 228-232 to 282 on two (Zen 5 VM, JDK 17).
 *
 * <p>Note [Packing order]: packing walks the source so that several of its rows stream at once and the packed buffer is
 * written in order: a row-major B row by row across every strip (whole vectors), a transposed B k by k across a strip's
 * NR columns, A k by k across a strip's MR rows (for the 4 x 2 kernel; the 6 x 4 kernel's A is copied as rows, Note
 * [Packing A as rows]). Walking one source row at a time (the strip's column, or A's row, to its end before the next)
 * wrote the buffer at a stride and kept one stream of loads in flight. Packing had cost 14-28% of a single-threaded
 * product against the same product over packed buffers (n = 1024: 75 against 86 GFLOP/s; 256 x 1024 x 1024: 68 against
 * 87; the linear layer's 256 x 784 x 1024 {@code x W^T}: 63 against 87); in this order 83, 79 and 73 (float32 on the
 * Zen 3 VM, medians of 10 passes alternating in one JVM). On 2 threads the products and the MLP step did not measurably
 * change (within the VM's noise of about 5% between JVMs). The row-major copies are {@code System.arraycopy}s of NR
 * elements, not Vector API loads and stores: once the library's own float32 {@code sum} had run (its half-width float
 * species makes the JDK's shared {@code FloatVector} methods see two vector classes; see Note [The Vector API on JDK
 * 17] in Gemm), C2 left those copies unvectorised in each of 34 JVMs (JDK 17), 2 MB of boxes per 512^3 float32 product
 * and 35-74 GFLOP/s on one core; with {@code arraycopy}, no boxes and 79-83 (4 JVMs), as both ran without the sum.
 *
 * <p>Note [Packing a transposed B]: a linear layer's {@code x W^T} reads B = W^T, contiguous along k: B's column j
 * is row j of W. Packed step of k by step of k across a strip's NR columns, it reads NR rows of W at once, one
 * element of each; where those rows are a multiple of 4 KB apart (W with 1024 float32 inputs), all NR lines map to
 * the same L1 sets and each is evicted before its next element is read. So it is packed {@link #TRANSPOSE_ROWS}
 * rows of W at a time: per step of k, one element of each of those rows, written side by side; the rows' lines fit
 * the ways of one L1 set (eight on Zen 4 and on many Intel cores), each is read to its end before it leaves, and the
 * strip's rows of the packed buffer are written in order, eight neighbours at a time. It replaced tiles of 64 steps
 * of k read row by row (each row's 64 neighbours together, then the next row), which had replaced the NR-wide walk
 * (on one core of the Zen 5 VM, JDK 17: the MLP's second layer, 256 x 1024 x 1024, 160 against 102 GFLOP/s). The
 * tiles ran at 0.45-0.75 ns per element alone but 1.5-2.0 ns inside an MLP step on a 2-vCPU Zen 4 VM (the
 * packing's own clock, summed over both threads, JDK 17), about 3 ms of thread time per step; eight rows at a time
 * ran at 0.9-1.1 ns there (four rows 0.9-1.1, sixteen 1.2-1.8), and the layer's 256 x 1024 x 1024 {@code h W^T}
 * at 173-189 against 133-137 GFLOP/s on 2 threads (medians of 7 in two JVMs each), 1024^3 {@code A B^T} at 175-178
 * against 169-174. Tiling a transposed A (a weight gradient's G^T, 16 rows at a time, one source line per step of
 * k) gained nothing on the Zen 5 VM (within 5% either way), so it is packed as before.
 *
 * <p>Note [Stores the JIT can type]: every store of a vector goes through the preferred species' vector class,
 * {@code ((RealVector) EXACT.cast(v)).intoArray(...)}. {@code intoArray} is one method of the JDK's, shared by every
 * species, and on JDK 17 C2 takes the class of {@code v} there from that method's type profile, not from the FMAs
 * that made it; once vectors of another size have been stored anywhere in the JVM (another library's, or this
 * library's own half-width floats in {@code VecKernels}), the profile names two classes, the store is "failed to
 * inline (intrinsic)" ({@code -XX:+PrintInlining}), and a vector that is not intrinsified is a boxed object, so the
 * kernel's loop allocated on every step. On the Zen 5 VM with AVX-512 a dot product on {@code SPECIES_128} run for
 * 2 s before the first product did this to the 6 x 4 kernel in 6 of 6 JVMs (6 bytes per FMA; {@link KernelWatch}
 * set it aside for plain Java, 30-44 GFLOP/s); on JDK 25, 0 of 4. {@code Class.cast} with a constant class is an
 * intrinsic that gives C2 the class, and the class is final, so the store compiles for it whatever the profile says:
 * with the cast, 0 of 16 JVMs (the dot product run first; in 5 of them this library's tanh, sum and relu as well;
 * 2 of them at 256-bit vectors), at the speed of JVMs without them (n = 512: 250-280 GFLOP/s on 2 threads against
 * 230-280; at 256-bit vectors 93-124, no fallback).
 *
 * <p>Note [Packing A as rows]: for the 6 x 4 kernel the packed A block is the block itself, row-major with rows
 * {@code kc} long (rows past {@code mc} zero, up to a whole strip), and the kernel reads its MR rows {@code kc} apart.
 * So packing a row-major A is one {@code arraycopy} per row (a multiply where alpha is not 1). Interleaved (the MR
 * values of one step of k side by side) it is a transpose of MR rows, which ran at about 2 elements per ns and, with
 * the threads each packing all of A, took about 9% of a float32 product at n = 1024 on 2 threads of a Zen 5 VM; as
 * rows, 2-3%. Over 11 alternations in one JVM (JDK 17, 2 threads, medians): n = 1024 288 against 256 GFLOP/s (faster
 * in 10 of 11), the linear layer's {@code x W^T} (256 x 784 x 1024) 291 against 270 (11 of 11), {@code G W}
 * (256 x 1024 x 784) 279 against 249 (10 of 11); n = 2048 and the transposed A of {@code G^T X} within 1-2%. The
 * kernel must read A with a single index (see Note [GEMM on the Vector API]): a loop over k reading row r at
 * {@code ai + r*kc + p} and B at {@code bi + p*NR} ran alone at 127-140 GFLOP/s, against 196-200 with one index. The
 * 4 x 2 kernel keeps the interleaved layout: at 256-bit vectors on the same CPU ({@code -XX:MaxVectorSize=32}) it ran
 * 12-20% slower on rows (alone 64-85 against 90-93 GFLOP/s, unsteady from JVM to JVM; n = 1024 on one core 57-63
 * against 71-72), and no AVX2-only machine was at hand to say otherwise.
 */
@SuppressWarnings("cast")
final class RealVecGemm {
    /** Lanes in one vector. */
    static final int L = RealVector.SPECIES_PREFERRED.length();
    /** Vectors per tile row: 4 where the CPU has 32 vector registers (512-bit vectors), else 2. */
    static final int NV = RealVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 4 : 2;
    /** Rows and columns of the register tile. */
    static final int MR = NV == 4 ? 6 : 4, NR = NV * L;
    /**
     * Rows of A per packed block (a multiple of MR; see Note [The A block on AVX2]); columns of B per packed panel.
     */
    static final int MC = NV == 4 ? 144 : 24, NC = 4096;
    /**
     * The deepest panel: k is cut into the fewest panels of at most this depth, all as deep (within one), so that
     * K = 784 (an MNIST image) runs as three panels of 262 rather than three of 256 and one of 16, each of which
     * reads and writes every tile of C once more. The 6 x 4 tile goes deeper (see Note [The 6 x 4 tile]).
     */
    static final int KC_MAX = NV == 4 ? 512 : 320;

    /**
     * Rows of W read side by side when packing a transposed B (NR is a multiple): Note [Packing a transposed B].
     * packB's loop body is written out for exactly eight; a different count needs that body rewritten too.
     */
    private static final int TRANSPOSE_ROWS = 8;

    /** The preferred species' vector class (a final class): see Note [Stores the JIT can type]. */
    private static final Class<?> EXACT = RealVector.SPECIES_PREFERRED.vectorType();

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** Per-thread packing buffers and an edge tile, grown on demand and reused across calls. */
    private static final class Buffers {
        elem[] packedA = new elem[0];
        elem[] packedB = new elem[0];
        final elem[] tile = new elem[MR * NR];

        elem[] packedA(int size) {
            if (packedA.length < size) {
                packedA = new elem[size];
            }
            return packedA;
        }

        elem[] packedB(int size) {
            if (packedB.length < size) {
                packedB = new elem[size];
            }
            return packedB;
        }
    }

    private RealVecGemm() {
    }

    /**
     * Rows {@code [m0, m1)} and columns {@code [n0, n1)} of one product. Element {@code (i, j)} of a matrix X is
     * {@code x[xo + i*xs0 + j*xs1]}; A is M x K, B is K x N, out is M x N; {@code k >= 1}.
     */
    static void block(elem[] o, int oo, int os0, int os1, elem[] a, int ao, int as0, int as1, elem[] b, int bo,
                      int bs0, int bs1, int k, int m0, int m1, int n0, int n1, elem alpha, elem beta) {
        Buffers buffers = BUFFERS.get();
        for (int jc = n0; jc < n1; jc += NC) {
            int nc = Math.min(NC, n1 - jc), strips = (nc + NR - 1) / NR;
            int panels = (k + KC_MAX - 1) / KC_MAX, kcStep = (k + panels - 1) / panels;
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                elem[] bp = buffers.packedB(strips * NR * kc);
                packB(b, bo + pc * bs0 + jc * bs1, bs0, bs1, kc, nc, bp);
                elem be = pc == 0 ? beta : (elem) 1;
                for (int ic = m0; ic < m1; ic += MC) {
                    int mc = Math.min(MC, m1 - ic);
                    elem[] ap = buffers.packedA(((mc + MR - 1) / MR) * MR * kc);
                    packA(a, ao + ic * as0 + pc * as1, as0, as1, mc, kc, alpha, ap);
                    for (int s = 0; s < strips; s++) {
                        int cols = Math.min(NR, nc - s * NR);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            int d = oo + (ic + ir) * os0 + (jc + s * NR) * os1;
                            boolean direct = rows == MR && cols == NR && os1 == 1;
                            elem[] c = direct ? o : buffers.tile;
                            int cd = direct ? d : 0, cs = direct ? os0 : NR;
                            if (NV == 4) {
                                kernel4(ap, ir * kc, bp, s * NR * kc, kc, c, cd, cs, direct ? be : (elem) 0);
                            } else {
                                kernel2(ap, ir * kc, bp, s * NR * kc, kc, c, cd, cs, direct ? be : (elem) 0);
                            }
                            if (!direct) {
                                edge(buffers.tile, rows, cols, o, d, os0, os1, be);
                            }
                        }
                    }
                }
            }
        }
    }

    /** A 4 x 2-vector tile over {@code kc} steps, then {@code c = tile + beta * c} (see Note [The tile's epilogue]). */
    private static void kernel2(elem[] ap, int ai, elem[] bp, int bi, int kc, elem[] c, int cd, int cs, elem beta) {
        RealVector c00 = RealVector.zero(RealVector.SPECIES_PREFERRED), c01 = c00, c10 = c00, c11 = c00;
        RealVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        // One index: A's, with B's a fixed multiple of it (NR is a multiple of MR here), so that C2 drops every range
        // check in the loop; see Note [GEMM on the Vector API].
        int aEnd = ai + kc * MR, bOff = bi - (NR / MR) * ai;
        for (int a = ai; a < aEnd; a += MR) {
            int b = (NR / MR) * a + bOff;
            RealVector b0 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, bp, b);
            RealVector b1 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, bp, b + L);
            RealVector x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        int d1 = cd + cs, d2 = cd + 2 * cs, d3 = cd + 3 * cs;
        if (beta != 0) { // c = beta * c + tile, rounded once; with beta 0 what C held is ignored, NaN included
            RealVector bv = RealVector.broadcast(RealVector.SPECIES_PREFERRED, beta);
            c00 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, cd).fma(bv, c00);
            c01 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, cd + L).fma(bv, c01);
            c10 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d1).fma(bv, c10);
            c11 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d1 + L).fma(bv, c11);
            c20 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d2).fma(bv, c20);
            c21 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d2 + L).fma(bv, c21);
            c30 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d3).fma(bv, c30);
            c31 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d3 + L).fma(bv, c31);
        }
        // Each store through the exact vector class: see Note [Stores the JIT can type]
        ((RealVector) EXACT.cast(c00)).intoArray(c, cd);
        ((RealVector) EXACT.cast(c01)).intoArray(c, cd + L);
        ((RealVector) EXACT.cast(c10)).intoArray(c, d1);
        ((RealVector) EXACT.cast(c11)).intoArray(c, d1 + L);
        ((RealVector) EXACT.cast(c20)).intoArray(c, d2);
        ((RealVector) EXACT.cast(c21)).intoArray(c, d2 + L);
        ((RealVector) EXACT.cast(c30)).intoArray(c, d3);
        ((RealVector) EXACT.cast(c31)).intoArray(c, d3 + L);
    }

    /** A 6 x 4-vector tile over {@code kc} steps, then {@code c = tile + beta * c} (see Note [The tile's epilogue]). */
    private static void kernel4(elem[] ap, int ai, elem[] bp, int bi, int kc, elem[] c, int cd, int cs, elem beta) {
        RealVector c00 = RealVector.zero(RealVector.SPECIES_PREFERRED), c01 = c00, c02 = c00, c03 = c00;
        RealVector c10 = c00, c11 = c00, c12 = c00, c13 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        RealVector c30 = c00, c31 = c00, c32 = c00, c33 = c00, c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        RealVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        // One index, as in kernel2 (see Note [Packing A as rows])
        int r1 = kc, r2 = 2 * kc, r3 = 3 * kc, r4 = 4 * kc, r5 = 5 * kc, aEnd = ai + kc, bOff = bi - NR * ai;
        for (int a = ai; a < aEnd; a++) {
            int b = NR * a + bOff;
            RealVector b0 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, bp, b);
            RealVector b1 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, bp, b + L);
            RealVector b2 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, bp, b + 2 * L);
            RealVector b3 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, bp, b + 3 * L);
            RealVector x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + r1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + r2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + r3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + r4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            c43 = x.fma(b3, c43);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + r5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            c53 = x.fma(b3, c53);
        }
        int d1 = cd + cs, d2 = cd + 2 * cs, d3 = cd + 3 * cs, d4 = cd + 4 * cs, d5 = cd + 5 * cs;
        if (beta != 0) { // c = beta * c + tile, rounded once; with beta 0 what C held is ignored, NaN included
            RealVector bv = RealVector.broadcast(RealVector.SPECIES_PREFERRED, beta);
            c00 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, cd).fma(bv, c00);
            c01 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, cd + L).fma(bv, c01);
            c02 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, cd + 2 * L).fma(bv, c02);
            c03 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, cd + 3 * L).fma(bv, c03);
            c10 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d1).fma(bv, c10);
            c11 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d1 + L).fma(bv, c11);
            c12 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d1 + 2 * L).fma(bv, c12);
            c13 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d1 + 3 * L).fma(bv, c13);
            c20 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d2).fma(bv, c20);
            c21 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d2 + L).fma(bv, c21);
            c22 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d2 + 2 * L).fma(bv, c22);
            c23 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d2 + 3 * L).fma(bv, c23);
            c30 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d3).fma(bv, c30);
            c31 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d3 + L).fma(bv, c31);
            c32 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d3 + 2 * L).fma(bv, c32);
            c33 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d3 + 3 * L).fma(bv, c33);
            c40 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d4).fma(bv, c40);
            c41 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d4 + L).fma(bv, c41);
            c42 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d4 + 2 * L).fma(bv, c42);
            c43 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d4 + 3 * L).fma(bv, c43);
            c50 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d5).fma(bv, c50);
            c51 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d5 + L).fma(bv, c51);
            c52 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d5 + 2 * L).fma(bv, c52);
            c53 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d5 + 3 * L).fma(bv, c53);
        }
        // Each store through the exact vector class: see Note [Stores the JIT can type]
        ((RealVector) EXACT.cast(c00)).intoArray(c, cd);
        ((RealVector) EXACT.cast(c01)).intoArray(c, cd + L);
        ((RealVector) EXACT.cast(c02)).intoArray(c, cd + 2 * L);
        ((RealVector) EXACT.cast(c03)).intoArray(c, cd + 3 * L);
        ((RealVector) EXACT.cast(c10)).intoArray(c, d1);
        ((RealVector) EXACT.cast(c11)).intoArray(c, d1 + L);
        ((RealVector) EXACT.cast(c12)).intoArray(c, d1 + 2 * L);
        ((RealVector) EXACT.cast(c13)).intoArray(c, d1 + 3 * L);
        ((RealVector) EXACT.cast(c20)).intoArray(c, d2);
        ((RealVector) EXACT.cast(c21)).intoArray(c, d2 + L);
        ((RealVector) EXACT.cast(c22)).intoArray(c, d2 + 2 * L);
        ((RealVector) EXACT.cast(c23)).intoArray(c, d2 + 3 * L);
        ((RealVector) EXACT.cast(c30)).intoArray(c, d3);
        ((RealVector) EXACT.cast(c31)).intoArray(c, d3 + L);
        ((RealVector) EXACT.cast(c32)).intoArray(c, d3 + 2 * L);
        ((RealVector) EXACT.cast(c33)).intoArray(c, d3 + 3 * L);
        ((RealVector) EXACT.cast(c40)).intoArray(c, d4);
        ((RealVector) EXACT.cast(c41)).intoArray(c, d4 + L);
        ((RealVector) EXACT.cast(c42)).intoArray(c, d4 + 2 * L);
        ((RealVector) EXACT.cast(c43)).intoArray(c, d4 + 3 * L);
        ((RealVector) EXACT.cast(c50)).intoArray(c, d5);
        ((RealVector) EXACT.cast(c51)).intoArray(c, d5 + L);
        ((RealVector) EXACT.cast(c52)).intoArray(c, d5 + 2 * L);
        ((RealVector) EXACT.cast(c53)).intoArray(c, d5 + 3 * L);
    }

    /** Writes the used {@code rows x cols} of an edge tile (or a strided output): {@code o = tile + beta * o}. */
    private static void edge(elem[] tile, int rows, int cols, elem[] o, int d, int os0, int os1, elem beta) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int at = d + r * os0 + j * os1;
                elem v = tile[r * NR + j];
                o[at] = beta == 0 ? v : (elem) (v + beta * o[at]);
            }
        }
    }

    /**
     * Packs {@code kc x nc} of B into strips of {@link #NR} columns: strip s holds rows {@code 0..kc} of columns
     * {@code s*NR ..}, each row {@code NR} neighbours, zeros past {@code nc}. See Note [Packing order].
     */
    private static void packB(elem[] b, int start, int s0, int s1, int kc, int nc, elem[] bp) {
        int full = nc / NR;
        if (s1 == 1) { // row-major B: each panel row read once, left to right, NR neighbours at a time into every strip
            for (int p = 0; p < kc; p++) {
                int src = start + p * s0, dst = p * NR;
                for (int s = 0; s < full; s++) {
                    System.arraycopy(b, src + s * NR, bp, s * NR * kc + dst, NR);
                }
            }
        } else if (s0 == 1) { // transposed (a linear layer's W^T): see Note [Packing a transposed B]
            for (int s = 0; s < full; s++) {
                int from = start + s * NR * s1, base = s * NR * kc;
                for (int j0 = 0; j0 < NR; j0 += TRANSPOSE_ROWS) {
                    // the eight sources written out, so that each is a plain indexed read C2 keeps in a register
                    int q0 = from + j0 * s1, q1 = q0 + s1, q2 = q1 + s1, q3 = q2 + s1;
                    int q4 = q3 + s1, q5 = q4 + s1, q6 = q5 + s1, q7 = q6 + s1;
                    for (int p = 0, d = base + j0; p < kc; p++, d += NR) {
                        bp[d] = b[q0 + p];
                        bp[d + 1] = b[q1 + p];
                        bp[d + 2] = b[q2 + p];
                        bp[d + 3] = b[q3 + p];
                        bp[d + 4] = b[q4 + p];
                        bp[d + 5] = b[q5 + p];
                        bp[d + 6] = b[q6 + p];
                        bp[d + 7] = b[q7 + p];
                    }
                }
            }
        } else { // strided: the strip's NR columns side by side
            for (int s = 0; s < full; s++) {
                int from = start + s * NR * s1, base = s * NR * kc;
                for (int p = 0; p < kc; p++) {
                    int d = base + p * NR, q = from + p * s0;
                    for (int j = 0; j < NR; j++) {
                        bp[d + j] = b[q + j * s1];
                    }
                }
            }
        }
        int j0 = full * NR, cols = nc - j0, base = full * NR * kc;
        if (cols > 0) { // the last strip, narrower than NR: zeros past nc
            for (int p = 0; p < kc; p++) {
                int d = base + p * NR, q = start + p * s0 + j0 * s1;
                for (int j = 0; j < cols; j++) {
                    bp[d + j] = b[q + j * s1];
                }
                java.util.Arrays.fill(bp, d + cols, d + NR, (elem) 0);
            }
        }
    }

    /** Packs {@code mc x kc} of A, times alpha, in the layout of the kernel in use. */
    private static void packA(elem[] a, int start, int s0, int s1, int mc, int kc, elem alpha, elem[] ap) {
        if (NV == 4) {
            packRows(a, start, s0, s1, mc, kc, alpha, ap);
        } else {
            packInterleaved(a, start, s0, s1, mc, kc, alpha, ap);
        }
    }

    /**
     * Packs {@code mc x kc} of A, times alpha, as rows of {@code kc} elements, zeros past {@code mc} up to a whole
     * strip of {@link #MR} rows: the 6 x 4 kernel's layout (see Note [Packing A as rows]).
     */
    private static void packRows(elem[] a, int start, int s0, int s1, int mc, int kc, elem alpha, elem[] ap) {
        if (s0 == 1 && s1 != 1) { // transposed A (a weight gradient's G^T): each column's rows are neighbours
            for (int i0 = 0; i0 < mc; i0 += MR) {
                int rows = Math.min(MR, mc - i0), base = i0 * kc;
                for (int p = 0; p < kc; p++) {
                    int src = start + p * s1 + i0;
                    for (int r = 0; r < rows; r++) {
                        ap[base + r * kc + p] = (elem) (alpha * a[src + r]);
                    }
                }
            }
        } else {
            for (int r = 0; r < mc; r++) {
                int src = start + r * s0, d = r * kc;
                if (s1 != 1) {
                    for (int p = 0; p < kc; p++) {
                        ap[d + p] = (elem) (alpha * a[src + p * s1]);
                    }
                } else if (alpha == 1) {
                    System.arraycopy(a, src, ap, d, kc);
                } else {
                    for (int p = 0; p < kc; p++) {
                        ap[d + p] = (elem) (alpha * a[src + p]);
                    }
                }
            }
        }
        int padded = (mc + MR - 1) / MR * MR;
        java.util.Arrays.fill(ap, mc * kc, padded * kc, (elem) 0);
    }

    /**
     * Packs {@code mc x kc} of A, times alpha, into strips of {@link #MR} rows: strip s holds columns {@code 0..kc}
     * of rows {@code s*MR ..}, each column {@code MR} neighbours, zeros past {@code mc}: the 4 x 2 kernel's layout.
     */
    private static void packInterleaved(elem[] a, int start, int s0, int s1, int mc, int kc, elem alpha, elem[] ap) {
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int rows = Math.min(MR, mc - i0), base = i0 * kc;
            if (s0 == 1 && s1 != 1) { // transposed A (a weight gradient's G^T): each column's rows are neighbours
                for (int p = 0; p < kc; p++) {
                    int src = start + p * s1 + i0;
                    for (int r = 0; r < rows; r++) {
                        ap[base + p * MR + r] = (elem) (alpha * a[src + r]);
                    }
                }
            } else if (rows == MR) { // MR rows read side by side (see Note [Packing order])
                int from = start + i0 * s0;
                for (int p = 0; p < kc; p++) {
                    int d = base + p * MR, q = from + p * s1;
                    for (int r = 0; r < MR; r++) {
                        ap[d + r] = (elem) (alpha * a[q + r * s0]);
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = start + (i0 + r) * s0;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + r] = (elem) (alpha * a[src + p * s1]);
                    }
                }
            }
            for (int r = rows; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    ap[base + p * MR + r] = (elem) 0;
                }
            }
        }
    }
}
