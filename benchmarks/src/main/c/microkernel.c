// A C twin of the AVX2 GEMM micro-kernel (RealVecGemm.kernel2: a 4 x 16 float32 register tile, 8 accumulators,
// B loaded as two vectors and A broadcast per step of k), and of the 6 x 16 tile OpenBLAS and BLIS use, run over
// the same packed blocks the library uses (A: 144 x 256 in L2, B: 64 strips of 256 x 16, C row stride 1024). It
// shows what the loop can reach on this machine when a C compiler writes it, to set beside the library's own GEMM
// (`benchmarks/run.sh --threads 1 --workloads matmul`). Prints, for each tile, the best, 90th percentile and
// median GFLOP/s of 1500 passes over the block (one core), and the median of each run of 100 passes, so that a
// machine whose speed changes in phases (a shared VM's core) shows it:
//   cc -O2 -mavx2 -mfma -o microkernel benchmarks/src/main/c/microkernel.c && ./microkernel
// See Note [GEMM on the Vector API] in RealVecGemm for what it showed.
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MC 144
#define KC 256
#define STRIPS 64
#define LDC 1024
#define PASSES 1500

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

// C[0..MR) x [0..16) += A-strip (kc x MR) @ B-strip (kc x 16), with MR rows of accumulators.
#define TILE(MR)                                                                                  \
    __m256 acc[MR][2];                                                                            \
    for (int r = 0; r < MR; r++) acc[r][0] = acc[r][1] = _mm256_setzero_ps();                     \
    for (int p = 0; p < kc; p++, ap += MR, bp += 16) {                                            \
        __m256 b0 = _mm256_loadu_ps(bp), b1 = _mm256_loadu_ps(bp + 8);                            \
        _Pragma("GCC unroll 6") for (int r = 0; r < MR; r++) {                                    \
            __m256 x = _mm256_broadcast_ss(ap + r);                                               \
            acc[r][0] = _mm256_fmadd_ps(x, b0, acc[r][0]);                                        \
            acc[r][1] = _mm256_fmadd_ps(x, b1, acc[r][1]);                                        \
        }                                                                                         \
    }                                                                                             \
    for (int r = 0; r < MR; r++, c += ldc) {                                                      \
        _mm256_storeu_ps(c, _mm256_add_ps(acc[r][0], _mm256_loadu_ps(c)));                        \
        _mm256_storeu_ps(c + 8, _mm256_add_ps(acc[r][1], _mm256_loadu_ps(c + 8)));                \
    }

__attribute__((noinline)) static void tile4(const float *ap, const float *bp, int kc, float *c, int ldc) {
    TILE(4)
}
__attribute__((noinline)) static void tile6(const float *ap, const float *bp, int kc, float *c, int ldc) {
    TILE(6)
}

static int compare(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static void report(const char *name, double *rates) {
    printf("%s: phases (median of each 100 passes):", name);
    for (int q = 0; q < PASSES; q += 100) {
        double run[100];
        for (int z = 0; z < 100; z++) run[z] = rates[q + z];
        qsort(run, 100, sizeof(double), compare);
        printf(" %.0f", run[50]);
    }
    qsort(rates, PASSES, sizeof(double), compare);
    printf("\n%s: best %.0f, p90 %.0f, median %.0f GFLOP/s\n", name, rates[PASSES - 1], rates[PASSES * 9 / 10],
           rates[PASSES / 2]);
}

int main(void) {
    float *ap = aligned_alloc(64, sizeof(float) * MC * KC), *bp = aligned_alloc(64, sizeof(float) * STRIPS * 16 * KC);
    float *c = aligned_alloc(64, sizeof(float) * MC * LDC);
    for (int i = 0; i < MC * KC; i++) ap[i] = (float) (i % 7);
    for (int i = 0; i < STRIPS * 16 * KC; i++) bp[i] = (float) (i % 5);
    for (int i = 0; i < MC * LDC; i++) c[i] = 0;
    static double r4[PASSES], r6[PASSES];
    double flops = 2.0 * MC * 16 * KC * STRIPS;
    for (int q = 0; q < PASSES; q++) { // alternate the two tiles, so that both see the same phases
        double t0 = now();
        for (int s = 0; s < STRIPS; s++)
            for (int i = 0; i + 4 <= MC; i += 4) tile4(ap + i * KC, bp + s * 16 * KC, KC, c + i * LDC + s * 16, LDC);
        double t1 = now();
        for (int s = 0; s < STRIPS; s++)
            for (int i = 0; i + 6 <= MC; i += 6) tile6(ap + i * KC, bp + s * 16 * KC, KC, c + i * LDC + s * 16, LDC);
        double t2 = now();
        r4[q] = flops / (t1 - t0) / 1e9;
        r6[q] = flops / (t2 - t1) / 1e9;
    }
    report("4 x 16", r4);
    report("6 x 16", r6);
    return c[0] == 12345.0f; // keeps the stores alive
}
