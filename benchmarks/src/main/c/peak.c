// The CPU's float32 FMA peak, measured: N threads (OpenMP) each run 16 independent chains of 256-bit (AVX2) and,
// where the CPU has it, 512-bit (AVX-512) FMAs, enough to cover the FMA latency on two pipes. Prints one line:
//   "<best> GFLOP/s (avx2 <x>, avx512 <y>, <n> threads)"
// run.sh builds and runs it when a C compiler is present (cc -O2 -fopenmp) and says "not measured" otherwise.
// After the CPU anchors' peak probe, reduced to what the benchmark prints.
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

#define CHAINS(T, FMA, SET)                                                                       \
    T a = SET(0.999999f), b = SET(1e-7f);                                                         \
    T c0 = SET(1), c1 = SET(2), c2 = SET(3), c3 = SET(4), c4 = SET(5), c5 = SET(6), c6 = SET(7);  \
    T c7 = SET(8), c8 = SET(9), c9 = SET(10), c10 = SET(11), c11 = SET(12), c12 = SET(13);        \
    T c13 = SET(14), c14 = SET(15), c15 = SET(16);                                                \
    for (long i = 0; i < iters; i++) {                                                            \
        c0 = FMA(c0, a, b); c1 = FMA(c1, a, b); c2 = FMA(c2, a, b); c3 = FMA(c3, a, b);           \
        c4 = FMA(c4, a, b); c5 = FMA(c5, a, b); c6 = FMA(c6, a, b); c7 = FMA(c7, a, b);           \
        c8 = FMA(c8, a, b); c9 = FMA(c9, a, b); c10 = FMA(c10, a, b); c11 = FMA(c11, a, b);       \
        c12 = FMA(c12, a, b); c13 = FMA(c13, a, b); c14 = FMA(c14, a, b); c15 = FMA(c15, a, b);   \
    }                                                                                             \
    T s = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15;   \
    return s[0];

__attribute__((target("avx512f"))) static float fma512(long iters) { CHAINS(__m512, _mm512_fmadd_ps, _mm512_set1_ps) }
__attribute__((target("avx2,fma"))) static float fma256(long iters) { CHAINS(__m256, _mm256_fmadd_ps, _mm256_set1_ps) }

// Best of 5 runs of `threads` threads, each 16 chains x iters FMAs of `lanes` floats.
static double gflops(int threads, int lanes, long iters) {
    double best = 0;
    volatile float sink = 0;
    for (int r = 0; r < 5; r++) {
        double t0 = now();
#pragma omp parallel num_threads(threads)
        { sink += lanes == 16 ? fma512(iters) : fma256(iters); }
        double g = threads * 16.0 * iters * lanes * 2 / (now() - t0) / 1e9;
        best = g > best ? g : best;
    }
    return best;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    long iters = 20000000;
    __builtin_cpu_init();
    double avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? gflops(threads, 8, iters) : 0;
    double avx512 = __builtin_cpu_supports("avx512f") ? gflops(threads, 16, iters) : 0;
    char a512[32];
    if (avx512 > 0) {
        snprintf(a512, sizeof a512, "%.0f", avx512);
    } else {
        snprintf(a512, sizeof a512, "none");
    }
    printf("%.0f GFLOP/s (avx2 %.0f, avx512 %s, %d threads)\n", avx2 > avx512 ? avx2 : avx512, avx2, a512, threads);
    return 0;
}
