// The CPU's float32 FMA peak, measured: N threads (OpenMP) each run independent chains of 256-bit (AVX2) and,
// where the CPU has it, 512-bit (AVX-512) FMAs, enough to cover the FMA latency on two pipes: 12 chains with AVX2's
// 16 vector registers (16 chains plus the two operands would not fit, and the spills halved the figure), 16 with
// AVX-512's 32. Prints one line:
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

// Independent chains per thread: as many as the vector registers hold beside the two operands.
#define CHAINS_AVX512 16
#define CHAINS_AVX2 12

// `chains` independent FMA chains of type T, fully unrolled so that every chain stays in a register.
#define CHAINS(T, FMA, SET, ADD, chains)                                                          \
    T a = SET(0.999999f), b = SET(1e-7f), c[chains];                                              \
    for (int j = 0; j < chains; j++) c[j] = SET((float) (j + 1));                                 \
    for (long i = 0; i < iters; i++) {                                                            \
        _Pragma("GCC unroll 16") for (int j = 0; j < chains; j++) c[j] = FMA(c[j], a, b);         \
    }                                                                                             \
    T s = c[0];                                                                                   \
    for (int j = 1; j < chains; j++) s = ADD(s, c[j]);                                            \
    return s[0];

__attribute__((target("avx512f"))) static float fma512(long iters) {
    CHAINS(__m512, _mm512_fmadd_ps, _mm512_set1_ps, _mm512_add_ps, CHAINS_AVX512)
}
__attribute__((target("avx2,fma"))) static float fma256(long iters) {
    CHAINS(__m256, _mm256_fmadd_ps, _mm256_set1_ps, _mm256_add_ps, CHAINS_AVX2)
}

// Best of 5 runs of `threads` threads, each `chains` chains x iters FMAs of `lanes` floats.
static double gflops(int threads, int lanes, long iters) {
    double best = 0;
    volatile float sink = 0;
    for (int r = 0; r < 5; r++) {
        double t0 = now();
#pragma omp parallel num_threads(threads)
        { sink += lanes == 16 ? fma512(iters) : fma256(iters); }
        double g = threads * (double) (lanes == 16 ? CHAINS_AVX512 : CHAINS_AVX2) * iters * lanes * 2 / (now() - t0) / 1e9;
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
