// A C twin of the library's float32 SUM kernel (VecKernels.sum: each lane of four half-width float accumulators adds
// a run of RUN = 4 floats in float32, then the run is widened to double, eight doubles per 512-bit vector), beside
// the loop it replaced (every float widened, as the backend contract asked until runs were allowed) and the same
// loop accumulating in float32 throughout, as PyTorch's CPU sum does (its accumulator type for float is float:
// torch.tensor([1, 2**-24, 2**-24]).sum() is 1.0, not 1.0000001).
// It shows what each precision can reach on this machine, to set beside the benchmark's `sum` row: on one core
// over an array in L2, and on two threads over the benchmark's 16M floats. Needs AVX-512 or AVX2:
//   cc -O2 -march=native -fopenmp -o sum benchmarks/src/main/c/sum.c && ./sum
// See Note [The float32 sum's speed] in VecKernels for what it showed.
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define RUN 4
#ifdef __AVX512F__
#define LANES 16
static double sum_runs(const float *x, long n) { // what VecKernels.sum does
    __m512d s[4] = {_mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd()};
    long i = 0;
    for (; i + 32 * RUN <= n; i += 32 * RUN) {
        __m256 f0 = _mm256_loadu_ps(x + i), f1 = _mm256_loadu_ps(x + i + 8);
        __m256 f2 = _mm256_loadu_ps(x + i + 16), f3 = _mm256_loadu_ps(x + i + 24);
        for (int r = 1; r < RUN; r++) {
            const float *p = x + i + 32 * r;
            f0 = _mm256_add_ps(f0, _mm256_loadu_ps(p));
            f1 = _mm256_add_ps(f1, _mm256_loadu_ps(p + 8));
            f2 = _mm256_add_ps(f2, _mm256_loadu_ps(p + 16));
            f3 = _mm256_add_ps(f3, _mm256_loadu_ps(p + 24));
        }
        s[0] = _mm512_add_pd(s[0], _mm512_cvtps_pd(f0));
        s[1] = _mm512_add_pd(s[1], _mm512_cvtps_pd(f1));
        s[2] = _mm512_add_pd(s[2], _mm512_cvtps_pd(f2));
        s[3] = _mm512_add_pd(s[3], _mm512_cvtps_pd(f3));
    }
    double r = _mm512_reduce_add_pd(_mm512_add_pd(_mm512_add_pd(s[0], s[1]), _mm512_add_pd(s[2], s[3])));
    for (; i < n; i++) r += x[i];
    return r;
}
static double sum_double(const float *x, long n) { // every float widened: the kernel before runs
    __m512d s[4] = {_mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd()};
    long i = 0;
    for (; i + 32 <= n; i += 32) { // written out: at -O2 gcc keeps an indexed s[j] in memory
        s[0] = _mm512_add_pd(s[0], _mm512_cvtps_pd(_mm256_loadu_ps(x + i)));
        s[1] = _mm512_add_pd(s[1], _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 8)));
        s[2] = _mm512_add_pd(s[2], _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 16)));
        s[3] = _mm512_add_pd(s[3], _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 24)));
    }
    double r = _mm512_reduce_add_pd(_mm512_add_pd(_mm512_add_pd(s[0], s[1]), _mm512_add_pd(s[2], s[3])));
    for (; i < n; i++) r += x[i];
    return r;
}
static double sum_float(const float *x, long n) { // float32 accumulators, as PyTorch's
    __m512 s[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    long i = 0;
    for (; i + 64 <= n; i += 64) {
        s[0] = _mm512_add_ps(s[0], _mm512_loadu_ps(x + i));
        s[1] = _mm512_add_ps(s[1], _mm512_loadu_ps(x + i + 16));
        s[2] = _mm512_add_ps(s[2], _mm512_loadu_ps(x + i + 32));
        s[3] = _mm512_add_ps(s[3], _mm512_loadu_ps(x + i + 48));
    }
    float r = _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(s[0], s[1]), _mm512_add_ps(s[2], s[3])));
    for (; i < n; i++) r += x[i];
    return r;
}
#else
#define LANES 8
static double sum_runs(const float *x, long n) {
    __m256d s[4] = {_mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd()};
    long i = 0;
    for (; i + 16 * RUN <= n; i += 16 * RUN) {
        __m128 f0 = _mm_loadu_ps(x + i), f1 = _mm_loadu_ps(x + i + 4);
        __m128 f2 = _mm_loadu_ps(x + i + 8), f3 = _mm_loadu_ps(x + i + 12);
        for (int r = 1; r < RUN; r++) {
            const float *p = x + i + 16 * r;
            f0 = _mm_add_ps(f0, _mm_loadu_ps(p));
            f1 = _mm_add_ps(f1, _mm_loadu_ps(p + 4));
            f2 = _mm_add_ps(f2, _mm_loadu_ps(p + 8));
            f3 = _mm_add_ps(f3, _mm_loadu_ps(p + 12));
        }
        s[0] = _mm256_add_pd(s[0], _mm256_cvtps_pd(f0));
        s[1] = _mm256_add_pd(s[1], _mm256_cvtps_pd(f1));
        s[2] = _mm256_add_pd(s[2], _mm256_cvtps_pd(f2));
        s[3] = _mm256_add_pd(s[3], _mm256_cvtps_pd(f3));
    }
    double lanes[4];
    _mm256_storeu_pd(lanes, _mm256_add_pd(_mm256_add_pd(s[0], s[1]), _mm256_add_pd(s[2], s[3])));
    double r = lanes[0] + lanes[1] + lanes[2] + lanes[3];
    for (; i < n; i++) r += x[i];
    return r;
}
static double sum_double(const float *x, long n) {
    __m256d s[4] = {_mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd()};
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        s[0] = _mm256_add_pd(s[0], _mm256_cvtps_pd(_mm_loadu_ps(x + i)));
        s[1] = _mm256_add_pd(s[1], _mm256_cvtps_pd(_mm_loadu_ps(x + i + 4)));
        s[2] = _mm256_add_pd(s[2], _mm256_cvtps_pd(_mm_loadu_ps(x + i + 8)));
        s[3] = _mm256_add_pd(s[3], _mm256_cvtps_pd(_mm_loadu_ps(x + i + 12)));
    }
    double lanes[4];
    _mm256_storeu_pd(lanes, _mm256_add_pd(_mm256_add_pd(s[0], s[1]), _mm256_add_pd(s[2], s[3])));
    double r = lanes[0] + lanes[1] + lanes[2] + lanes[3];
    for (; i < n; i++) r += x[i];
    return r;
}
static double sum_float(const float *x, long n) {
    __m256 s[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    long i = 0;
    for (; i + 32 <= n; i += 32) {
        s[0] = _mm256_add_ps(s[0], _mm256_loadu_ps(x + i));
        s[1] = _mm256_add_ps(s[1], _mm256_loadu_ps(x + i + 8));
        s[2] = _mm256_add_ps(s[2], _mm256_loadu_ps(x + i + 16));
        s[3] = _mm256_add_ps(s[3], _mm256_loadu_ps(x + i + 24));
    }
    float lanes[8];
    _mm256_storeu_ps(lanes, _mm256_add_ps(_mm256_add_ps(s[0], s[1]), _mm256_add_ps(s[2], s[3])));
    float r = 0;
    for (int j = 0; j < 8; j++) r += lanes[j];
    for (; i < n; i++) r += x[i];
    return r;
}
#endif

typedef double (*sum_fn)(const float *, long);

// GB/s of `threads` threads each summing its half (or all) of x, for about 0.3 s; the best of five such runs.
static double rate(sum_fn sum, const float *x, long n, int threads) {
    double best = 0;
    for (int run = 0; run < 5; run++) {
        double t0 = omp_get_wtime(), sink = 0;
        long calls = 0;
        while (omp_get_wtime() - t0 < 0.3) {
            if (threads == 1) { // no parallel region around a call of a few microseconds
                sink += sum(x, n);
                calls++;
                continue;
            }
#pragma omp parallel num_threads(threads) reduction(+ : sink)
            {
                long chunk = n / threads, start = chunk * omp_get_thread_num();
                sink += sum(x + start, chunk);
            }
            calls++;
        }
        double gbps = 4.0 * n * calls / (omp_get_wtime() - t0) / 1e9;
        if (gbps > best) best = gbps;
        if (sink == 42) printf(" ");
    }
    return best;
}

int main(void) {
    long big = 16L << 20, mid = 1L << 20, small = 128L << 10; // the benchmark's 16M and 1M floats; 512 KB, in L2
    float *x = aligned_alloc(64, big * sizeof(float));
#pragma omp parallel for schedule(static)
    for (long i = 0; i < big; i++) x[i] = (float) (i % 1000) / 1000.0f;
    printf("%d-lane float vectors; GB/s, best of 5 runs of 0.3 s: runs of %d in float (the kernel), every float "
           "widened, float accumulators\n", LANES, RUN);
    printf("1 thread, %ld floats (in L2):  %.1f, %.1f, %.1f\n", small, rate(sum_runs, x, small, 1),
           rate(sum_double, x, small, 1), rate(sum_float, x, small, 1));
    printf("2 threads, %ld floats:        %.1f, %.1f, %.1f\n", mid, rate(sum_runs, x, mid, 2),
           rate(sum_double, x, mid, 2), rate(sum_float, x, mid, 2));
    printf("2 threads, %ld floats:       %.1f, %.1f, %.1f\n", big, rate(sum_runs, x, big, 2),
           rate(sum_double, x, big, 2), rate(sum_float, x, big, 2));
    free(x);
    return 0;
}
