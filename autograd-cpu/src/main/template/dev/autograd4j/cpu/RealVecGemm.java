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
 * <p>Note [GEMM on the Vector API]: the classic Goto/BLIS loop nest. B is packed a {@link #KC} x {@link #NC} panel
 * at a time into strips {@code NR} columns wide ({@code kc} rows of {@code NR} neighbours), A a {@link #MC} x
 * {@code kc} block at a time into strips {@link #MR} rows tall ({@code kc} columns of {@code MR} neighbours), with
 * zeros past the edges, and alpha folded into A. The micro-kernel keeps an {@code MR x NR} tile of C in registers
 * and, per step of k, loads {@code NR / L} vectors of B (L lanes), broadcasts each of A's {@code MR} values and adds
 * {@code MR * NR / L} FMAs. The tile is 6 rows by 4 vectors where there are 32 vector registers (AVX-512): 24
 * accumulators, four B vectors and a broadcast; by 2 vectors with AVX2's 16: 12 accumulators, two B vectors and a
 * broadcast. Twelve independent accumulators keep both FMA pipes busy through the FMA's 4-cycle latency, which the
 * earlier 4 x 2 tile's eight only just did. A B strip ({@code kc * NR} elements) stays in L1 while every A strip of
 * the block streams past it from L2. The species is {@code SPECIES_PREFERRED}, the widest the CPU offers, always
 * named as that constant so the JIT sees it as one.
 *
 * <p>Note [One branch for beta]: the kernels end with one {@code beta != 0} branch around all the tile's loads of C,
 * then plain stores. An earlier version called a small method per accumulator that chose among three ways to store
 * (beta 0, 1, other): C2 inlines the Vector API's intrinsics only while the method stays within its inlining budget,
 * and with twelve such calls the 6 x 2 kernel was not fully intrinsified and ran at half the speed of the 4 x 2 one
 * (about 33 against 70 GFLOP/s on one Zen 3 core, n = 1024), which is why the 4 x 2 tile had been kept. Written as now, the
 * 6 x 2 kernel measured 61 and 54 GFLOP/s where the 4 x 2 one measured 58 and 50 (the best and the median of eight
 * JVMs' best, alternated, on a busy 2-vCPU machine), and 85 against 80 on data in L1.
 */
@SuppressWarnings("cast")
final class RealVecGemm {
    /** Lanes in one vector. */
    static final int L = RealVector.SPECIES_PREFERRED.length();
    /** Vectors per tile row: 4 where the CPU has 32 vector registers (512-bit vectors), else 2. */
    static final int NV = RealVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 4 : 2;
    /** Rows and columns of the register tile. */
    static final int MR = 6, NR = NV * L;
    /** Depth of a packed panel; rows of A per packed block (a multiple of MR); columns of B per packed panel. */
    static final int KC = 256, MC = 144, NC = 4096;

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
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
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

    /**
     * A 6 x 2-vector tile over {@code kc} steps, then {@code c = tile + beta * c}: twelve accumulators, two B vectors
     * and a broadcast, 15 of AVX2's 16 registers. See Note [One branch for beta].
     */
    private static void kernel2(elem[] ap, int ai, elem[] bp, int bi, int kc, elem[] c, int cd, int cs, elem beta) {
        RealVector c00 = RealVector.zero(RealVector.SPECIES_PREFERRED), c01 = c00, c10 = c00, c11 = c00;
        RealVector c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int a = ai + p * MR, b = bi + p * NR;
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
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        int d1 = cd + cs, d2 = d1 + cs, d3 = d2 + cs, d4 = d3 + cs, d5 = d4 + cs;
        if (beta != 0) {
            c00 = c00.add(load(c, cd).mul(beta));
            c01 = c01.add(load(c, cd + L).mul(beta));
            c10 = c10.add(load(c, d1).mul(beta));
            c11 = c11.add(load(c, d1 + L).mul(beta));
            c20 = c20.add(load(c, d2).mul(beta));
            c21 = c21.add(load(c, d2 + L).mul(beta));
            c30 = c30.add(load(c, d3).mul(beta));
            c31 = c31.add(load(c, d3 + L).mul(beta));
            c40 = c40.add(load(c, d4).mul(beta));
            c41 = c41.add(load(c, d4 + L).mul(beta));
            c50 = c50.add(load(c, d5).mul(beta));
            c51 = c51.add(load(c, d5 + L).mul(beta));
        }
        c00.intoArray(c, cd);
        c01.intoArray(c, cd + L);
        c10.intoArray(c, d1);
        c11.intoArray(c, d1 + L);
        c20.intoArray(c, d2);
        c21.intoArray(c, d2 + L);
        c30.intoArray(c, d3);
        c31.intoArray(c, d3 + L);
        c40.intoArray(c, d4);
        c41.intoArray(c, d4 + L);
        c50.intoArray(c, d5);
        c51.intoArray(c, d5 + L);
    }

    /** A 6 x 4-vector tile over {@code kc} steps, then {@code c = tile + beta * c} (Note [One branch for beta]). */
    private static void kernel4(elem[] ap, int ai, elem[] bp, int bi, int kc, elem[] c, int cd, int cs, elem beta) {
        RealVector c00 = RealVector.zero(RealVector.SPECIES_PREFERRED), c01 = c00, c02 = c00, c03 = c00;
        RealVector c10 = c00, c11 = c00, c12 = c00, c13 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        RealVector c30 = c00, c31 = c00, c32 = c00, c33 = c00, c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        RealVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        for (int p = 0; p < kc; p++) {
            int a = ai + p * MR, b = bi + p * NR;
            RealVector b0 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, bp, b);
            RealVector b1 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, bp, b + L);
            RealVector b2 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, bp, b + 2 * L);
            RealVector b3 = RealVector.fromArray(RealVector.SPECIES_PREFERRED, bp, b + 3 * L);
            RealVector x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            c43 = x.fma(b3, c43);
            x = RealVector.broadcast(RealVector.SPECIES_PREFERRED, ap[a + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            c53 = x.fma(b3, c53);
        }
        int d1 = cd + cs, d2 = d1 + cs, d3 = d2 + cs, d4 = d3 + cs, d5 = d4 + cs;
        if (beta != 0) {
            c00 = c00.add(load(c, cd).mul(beta));
            c01 = c01.add(load(c, cd + L).mul(beta));
            c02 = c02.add(load(c, cd + 2 * L).mul(beta));
            c03 = c03.add(load(c, cd + 3 * L).mul(beta));
            c10 = c10.add(load(c, d1).mul(beta));
            c11 = c11.add(load(c, d1 + L).mul(beta));
            c12 = c12.add(load(c, d1 + 2 * L).mul(beta));
            c13 = c13.add(load(c, d1 + 3 * L).mul(beta));
            c20 = c20.add(load(c, d2).mul(beta));
            c21 = c21.add(load(c, d2 + L).mul(beta));
            c22 = c22.add(load(c, d2 + 2 * L).mul(beta));
            c23 = c23.add(load(c, d2 + 3 * L).mul(beta));
            c30 = c30.add(load(c, d3).mul(beta));
            c31 = c31.add(load(c, d3 + L).mul(beta));
            c32 = c32.add(load(c, d3 + 2 * L).mul(beta));
            c33 = c33.add(load(c, d3 + 3 * L).mul(beta));
            c40 = c40.add(load(c, d4).mul(beta));
            c41 = c41.add(load(c, d4 + L).mul(beta));
            c42 = c42.add(load(c, d4 + 2 * L).mul(beta));
            c43 = c43.add(load(c, d4 + 3 * L).mul(beta));
            c50 = c50.add(load(c, d5).mul(beta));
            c51 = c51.add(load(c, d5 + L).mul(beta));
            c52 = c52.add(load(c, d5 + 2 * L).mul(beta));
            c53 = c53.add(load(c, d5 + 3 * L).mul(beta));
        }
        c00.intoArray(c, cd);
        c01.intoArray(c, cd + L);
        c02.intoArray(c, cd + 2 * L);
        c03.intoArray(c, cd + 3 * L);
        c10.intoArray(c, d1);
        c11.intoArray(c, d1 + L);
        c12.intoArray(c, d1 + 2 * L);
        c13.intoArray(c, d1 + 3 * L);
        c20.intoArray(c, d2);
        c21.intoArray(c, d2 + L);
        c22.intoArray(c, d2 + 2 * L);
        c23.intoArray(c, d2 + 3 * L);
        c30.intoArray(c, d3);
        c31.intoArray(c, d3 + L);
        c32.intoArray(c, d3 + 2 * L);
        c33.intoArray(c, d3 + 3 * L);
        c40.intoArray(c, d4);
        c41.intoArray(c, d4 + L);
        c42.intoArray(c, d4 + 2 * L);
        c43.intoArray(c, d4 + 3 * L);
        c50.intoArray(c, d5);
        c51.intoArray(c, d5 + L);
        c52.intoArray(c, d5 + 2 * L);
        c53.intoArray(c, d5 + 3 * L);
    }

    /** The vector at {@code c[d..d+L)}. */
    private static RealVector load(elem[] c, int d) {
        return RealVector.fromArray(RealVector.SPECIES_PREFERRED, c, d);
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
     * {@code s*NR ..}, each row {@code NR} neighbours, zeros past {@code nc}. A transposed B (contiguous along k,
     * like a linear layer's {@code W^T}) is read column by column, each a contiguous run.
     */
    private static void packB(elem[] b, int start, int s0, int s1, int kc, int nc, elem[] bp) {
        for (int j0 = 0, s = 0; j0 < nc; j0 += NR, s++) {
            int cols = Math.min(NR, nc - j0), base = s * NR * kc;
            if (s1 == 1) {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, start + p * s0 + j0, bp, base + p * NR, cols);
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    int src = start + (j0 + j) * s1;
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * NR + j] = b[src + p * s0];
                    }
                }
            }
            if (cols < NR) {
                for (int p = 0; p < kc; p++) {
                    java.util.Arrays.fill(bp, base + p * NR + cols, base + (p + 1) * NR, (elem) 0);
                }
            }
        }
    }

    /**
     * Packs {@code mc x kc} of A, times alpha, into strips of {@link #MR} rows: strip s holds columns {@code 0..kc}
     * of rows {@code s*MR ..}, each column {@code MR} neighbours, zeros past {@code mc}.
     */
    private static void packA(elem[] a, int start, int s0, int s1, int mc, int kc, elem alpha, elem[] ap) {
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int rows = Math.min(MR, mc - i0), base = i0 * kc;
            if (s0 == 1 && s1 != 1) { // transposed A (a weight gradient's G^T): each column's rows are neighbours
                for (int p = 0; p < kc; p++) {
                    int src = start + p * s1 + i0;
                    for (int r = 0; r < rows; r++) {
                        ap[base + p * MR + r] = (elem) (alpha * a[src + r]);
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
