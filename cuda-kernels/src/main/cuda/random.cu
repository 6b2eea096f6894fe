// Random fills (module "random"): random_<contig|strided>_<f32|f64|i32|i64>, as the kernel ABI in
// cuda-kernels/README.md. Element i in row-major order of the output draws the Philox4x32-10 block at counter
// offset + i under key seed, and turns it into a number with the recipes of dev.autograd4j.spi.Philox, so a seeded
// Generator draws the same numbers as the CPU backend's RandomFill: each value is computed in double (RANDINT in
// long long) and rounded once to the element type, with the multiply and add of a + (b - a) * u written
// __dmul_rn/__dadd_rn so that nvcc does not fuse them into an FMA, which would round differently.
#include "elementwise.cuh"

#define AG_PHILOX_M0 0xD2511F53u
#define AG_PHILOX_M1 0xCD9E8D57u
#define AG_PHILOX_W0 0x9E3779B9u
#define AG_PHILOX_W1 0xBB67AE85u

// The four output words of block (lo32(counter), hi32(counter), 0, 0) under key (lo32(seed), hi32(seed)).
__device__ __forceinline__ void ag_philox(unsigned long long seed, unsigned long long counter, unsigned int (&x)[4]) {
    unsigned int c0 = (unsigned int) counter, c1 = (unsigned int) (counter >> 32), c2 = 0, c3 = 0;
    unsigned int k0 = (unsigned int) seed, k1 = (unsigned int) (seed >> 32);
#pragma unroll
    for (int round = 0; round < 10; round++) {
        const unsigned int hi0 = __umulhi(AG_PHILOX_M0, c0), lo0 = AG_PHILOX_M0 * c0;
        const unsigned int hi1 = __umulhi(AG_PHILOX_M1, c2), lo1 = AG_PHILOX_M1 * c2;
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
        k0 += AG_PHILOX_W0;
        k1 += AG_PHILOX_W1;
    }
    x[0] = c0;
    x[1] = c1;
    x[2] = c2;
    x[3] = c3;
}

// Philox.uniform24: (x0 >>> 8) * 2^-24, for float32 fills.
__device__ __forceinline__ double ag_uniform24(unsigned int x0) {
    return (double) (x0 >> 8) * 0x1.0p-24;
}

// Philox.uniform53: ((x0 << 21) | (x1 >>> 11)) * 2^-53, for float64 fills (and Box-Muller).
__device__ __forceinline__ double ag_uniform53(unsigned int x0, unsigned int x1) {
    const unsigned long long bits = ((unsigned long long) x0 << 21) | (x1 >> 11);
    return __dmul_rn(__ull2double_rn(bits), 0x1.0p-53);
}

// Philox.normal: sqrt(-2 ln(1 - u1)) cos(2 pi u2) with u1 = uniform53(x0, x1), u2 = uniform53(x2, x3).
__device__ __forceinline__ double ag_normal(const unsigned int (&x)[4]) {
    const double u1 = 1.0 - ag_uniform53(x[0], x[1]);
    const double u2 = ag_uniform53(x[2], x[3]);
    return __dmul_rn(sqrt(__dmul_rn(-2.0, log(u1))), cos(__dmul_rn(2.0 * 3.141592653589793, u2)));
}

// Philox.randint: low + unsigned((x0 << 32) | x1) mod (high - low), the difference taken as unsigned (as Java's
// Long.remainderUnsigned does), so a range past 2^63 works.
__device__ __forceinline__ long long ag_randint(const unsigned int (&x)[4], long long low, long long high) {
    const unsigned long long bits = ((unsigned long long) x[0] << 32) | x[1];
    return (long long) ((unsigned long long) low + bits % ((unsigned long long) high - (unsigned long long) low));
}

template <typename T, typename W>
__device__ __forceinline__ void ag_random(const W& w, int op, long long n, T* out, unsigned long long seed,
                                          unsigned long long offset, double a, double b) {
    if (op == AG_RANDOM_RANDINT) { // any numeric dtype; the bounds truncated toward zero, as Java's (long) casts
        const long long low = ag_d2ll(a), high = ag_d2ll(b);
        ag_walk<1>(w, n, [&](long long i, const long long (&o)[1]) {
            unsigned int x[4];
            ag_philox(seed, offset + (unsigned long long) i, x);
            out[o[0]] = ag_from_long<T>(ag_randint(x, low, high));
        });
        return;
    }
    if constexpr (AgTraits<T>::floating) {
        if (op == AG_RANDOM_UNIFORM) {
            const double range = b - a;
            ag_walk<1>(w, n, [&](long long i, const long long (&o)[1]) {
                unsigned int x[4];
                ag_philox(seed, offset + (unsigned long long) i, x);
                const double u = sizeof(T) == 4 ? ag_uniform24(x[0]) : ag_uniform53(x[0], x[1]);
                out[o[0]] = ag_from_double<T>(__dadd_rn(a, __dmul_rn(range, u)));
            });
        } else if (op == AG_RANDOM_NORMAL) {
            ag_walk<1>(w, n, [&](long long i, const long long (&o)[1]) {
                unsigned int x[4];
                ag_philox(seed, offset + (unsigned long long) i, x);
                out[o[0]] = ag_from_double<T>(__dadd_rn(a, __dmul_rn(b, ag_normal(x))));
            });
        }
    }
}

#define AG_RANDOM_KERNELS(S, T) \
    extern "C" __global__ void random_contig_##S(int op, long long n, T* out, unsigned long long seed, \
                                                 unsigned long long offset, double a, double b) { \
        ag_random(AgContig{}, op, n, out, seed, offset, a, b); \
    } \
    extern "C" __global__ void random_strided_##S(int op, Layout L, long long n, T* out, unsigned long long seed, \
                                                  unsigned long long offset, double a, double b) { \
        ag_random(AgStrided{L}, op, n, out, seed, offset, a, b); \
    }

AG_RANDOM_KERNELS(f32, float)
AG_RANDOM_KERNELS(f64, double)
AG_RANDOM_KERNELS(i32, int)
AG_RANDOM_KERNELS(i64, long long)
