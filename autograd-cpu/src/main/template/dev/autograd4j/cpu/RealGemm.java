package dev.autograd4j.cpu;

/**
 * The blocked GEMM kernel for {@code elem} (float or double): {@code out = alpha * A @ B + beta * out} over a block
 * of rows and columns of one matrix product, with any strides. Generated from
 * {@code src/main/template/.../RealGemm.java} (edit the template, not the copies).
 *
 * <p>Note [GEMM in plain Java]: the C2 JIT vectorises a loop only when it can prove that its stores do not
 * overlap its loads at a different offset, so the inner loop works on separate arrays indexed by the loop
 * variable alone: one row of an accumulator block and four rows of packed B,
 * {@code c[j] = fma(a3, b3[j], fma(a2, b2[j], fma(a1, b1[j], fma(a0, b0[j], c[j]))))}. Four k-steps per pass
 * mean one load and one store of {@code c} per four FMAs. A block of {@link #IB} accumulator rows reuses each
 * quad of packed B rows while it is in L1; the packed panel ({@link #KC} x {@link #NC}) is read from L2/L3 once
 * per row block. The packing also absorbs transposes and {@code alpha}.
 */
@SuppressWarnings("cast")
final class RealGemm {
    /** Columns of B per packed panel (one packed row is 2 or 4 KiB). */
    static final int NC = 512;
    /** Rows of C accumulated together. */
    static final int IB = 16;
    /** Depth of one packed panel; deeper products accumulate panel by panel. */
    static final int KC = 2048;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** Per-thread packing and accumulator buffers, grown on demand and reused across calls. */
    private static final class Buffers {
        elem[][] packedB = new elem[0][];
        final elem[][] acc = new elem[IB][NC];
        elem[] packedA = new elem[0];

        elem[][] packedB(int rows) {
            if (packedB.length < rows) {
                elem[][] grown = new elem[rows][];
                System.arraycopy(packedB, 0, grown, 0, packedB.length);
                for (int k = packedB.length; k < rows; k++) {
                    grown[k] = new elem[NC];
                }
                packedB = grown;
            }
            return packedB;
        }

        elem[] packedA(int size) {
            if (packedA.length < size) {
                packedA = new elem[size];
            }
            return packedA;
        }
    }

    private RealGemm() {
    }

    /**
     * Rows {@code [m0, m1)} and columns {@code [n0, n1)} of one product. Element {@code (i, j)} of a matrix X is
     * {@code x[xo + i*xs0 + j*xs1]}; A is M x K, B is K x N, out is M x N.
     */
    static void block(elem[] o, int oo, int os0, int os1, elem[] a, int ao, int as0, int as1, elem[] b, int bo,
                      int bs0, int bs1, int k, int m0, int m1, int n0, int n1, elem alpha, elem beta) {
        Buffers buffers = BUFFERS.get();
        elem[][] acc = buffers.acc;
        for (int jc = n0; jc < n1; jc += NC) {
            int nc = Math.min(NC, n1 - jc);
            for (int kc = 0; kc < k; kc += KC) {
                int kb = Math.min(KC, k - kc);
                elem[][] bp = buffers.packedB(kb);
                packB(b, bo + kc * bs0 + jc * bs1, bs0, bs1, kb, nc, bp);
                elem[] ap = buffers.packedA(IB * kb);
                boolean first = kc == 0;
                for (int ib = m0; ib < m1; ib += IB) {
                    int rows = Math.min(IB, m1 - ib);
                    packA(a, ao + ib * as0 + kc * as1, as0, as1, rows, kb, alpha, ap);
                    for (int r = 0; r < rows; r++) {
                        java.util.Arrays.fill(acc[r], 0, nc, (elem) 0);
                    }
                    multiply(ap, rows, kb, bp, acc, nc);
                    store(acc, rows, nc, o, oo + ib * os0 + jc * os1, os0, os1, first ? beta : (elem) 1);
                }
            }
        }
    }

    /** {@code acc[r] += ap[r] . bp} for each of {@code rows} rows (see Note [GEMM in plain Java]). */
    private static void multiply(elem[] ap, int rows, int kb, elem[][] bp, elem[][] acc, int nc) {
        int k = 0;
        for (; k + 4 <= kb; k += 4) {
            elem[] b0 = bp[k], b1 = bp[k + 1], b2 = bp[k + 2], b3 = bp[k + 3];
            for (int r = 0; r < rows; r++) {
                int x = r * kb + k;
                rowTimesQuad(acc[r], b0, b1, b2, b3, ap[x], ap[x + 1], ap[x + 2], ap[x + 3], nc);
            }
        }
        for (; k < kb; k++) {
            elem[] b0 = bp[k];
            for (int r = 0; r < rows; r++) {
                rowTimesOne(acc[r], b0, ap[r * kb + k], nc);
            }
        }
    }

    private static void rowTimesQuad(elem[] c, elem[] b0, elem[] b1, elem[] b2, elem[] b3, elem a0, elem a1,
                                     elem a2, elem a3, int n) {
        for (int j = 0; j < n; j++) {
            c[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], c[j]))));
        }
    }

    private static void rowTimesOne(elem[] c, elem[] b0, elem a0, int n) {
        for (int j = 0; j < n; j++) {
            c[j] = Math.fma(a0, b0[j], c[j]);
        }
    }

    /**
     * Copies a {@code kb x nc} block of B into separate rows: one arraycopy per row when rows are contiguous;
     * for a transposed B (contiguous along k, like the {@code W^T} of a linear layer) 16 rows at a time, so each
     * read is a run of 16 neighbours and the writes are 16 sequential streams.
     */
    private static void packB(elem[] b, int start, int s0, int s1, int kb, int nc, elem[][] bp) {
        if (s1 == 1) {
            for (int k = 0; k < kb; k++) {
                System.arraycopy(b, start + k * s0, bp[k], 0, nc);
            }
            return;
        }
        for (int k0 = 0; k0 < kb; k0 += 16) {
            int k1 = Math.min(kb, k0 + 16);
            for (int j = 0; j < nc; j++) {
                int src = start + j * s1;
                for (int k = k0; k < k1; k++) {
                    bp[k][j] = b[src + k * s0];
                }
            }
        }
    }

    /**
     * Copies {@code rows x kb} of A, times alpha, into {@code ap} row-major; a transposed A (contiguous along
     * rows, like the {@code G^T} of a weight gradient) is read column by column.
     */
    private static void packA(elem[] a, int start, int s0, int s1, int rows, int kb, elem alpha, elem[] ap) {
        if (s1 != 1 && s0 == 1) {
            for (int k = 0; k < kb; k++) {
                int src = start + k * s1;
                for (int r = 0; r < rows; r++) {
                    ap[r * kb + k] = (elem) (alpha * a[src + r]);
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int src = start + r * s0, dst = r * kb;
            if (alpha == 1 && s1 == 1) {
                System.arraycopy(a, src, ap, dst, kb);
            } else {
                for (int k = 0; k < kb; k++) {
                    ap[dst + k] = (elem) (alpha * a[src + k * s1]);
                }
            }
        }
    }

    /** {@code out = acc + beta * out}; {@code beta == 0} ignores what out held (NaN included). */
    private static void store(elem[][] acc, int rows, int nc, elem[] o, int start, int s0, int s1, elem beta) {
        for (int r = 0; r < rows; r++) {
            elem[] c = acc[r];
            int dst = start + r * s0;
            if (beta == 0) {
                if (s1 == 1) {
                    System.arraycopy(c, 0, o, dst, nc);
                } else {
                    for (int j = 0; j < nc; j++) {
                        o[dst + j * s1] = c[j];
                    }
                }
            } else {
                for (int j = 0; j < nc; j++) {
                    o[dst + j * s1] = (elem) (c[j] + beta * o[dst + j * s1]);
                }
            }
        }
    }

    /**
     * The whole of a small product without packing (for shapes where packing would cost more than it saves):
     * plain dot products accumulated in {@code wide}.
     */
    static void small(elem[] o, int oo, int os0, int os1, elem[] a, int ao, int as0, int as1, elem[] b, int bo,
                      int bs0, int bs1, int m, int n, int k, elem alpha, elem beta) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                wide sum = 0;
                int x = ao + i * as0, y = bo + j * bs1;
                for (int l = 0; l < k; l++) {
                    sum += (wide) a[x + l * as1] * b[y + l * bs0];
                }
                int d = oo + i * os0 + j * os1;
                elem v = (elem) (alpha * sum);
                o[d] = beta == 0 ? v : (elem) (v + beta * o[d]);
            }
        }
    }
}
