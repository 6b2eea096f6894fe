// What the elementwise and random kernels share: the element types' traits, conversions with the CPU backend's
// semantics (its Convert follows Java's casts), and the two walks over n elements (contiguous, or through a Layout).
#pragma once

#include "ag_common.cuh"

// ---------------------------------------------------------------------------------------------------------------
// Element type traits
// ---------------------------------------------------------------------------------------------------------------

template <typename T> struct AgTraits;
template <> struct AgTraits<float> { static constexpr bool floating = true, boolean = false; };
template <> struct AgTraits<double> { static constexpr bool floating = true, boolean = false; };
template <> struct AgTraits<int> { static constexpr bool floating = false, boolean = false; using U = unsigned int; };
template <> struct AgTraits<long long> {
    static constexpr bool floating = false, boolean = false;
    using U = unsigned long long;
};
template <> struct AgTraits<b8> { static constexpr bool floating = false, boolean = true; };

// ---------------------------------------------------------------------------------------------------------------
// Conversions, as the CPU backend's Convert: to an integer truncates toward zero, and a NaN, an infinity or a value
// out of the type's range gives the type's minimum, as PyTorch's CPU on x86 (C++ leaves those undefined and PTX's
// cvt saturates, so they are spelled out rather than left to the instruction); to BOOL is x != 0 (NaN is true);
// int64 to int32 wraps; a floating source travels as double and an integral or BOOL one as long long, so each
// conversion rounds at most once.
// ---------------------------------------------------------------------------------------------------------------

__device__ __forceinline__ int ag_d2i(double v) {
    return v > -2147483649.0 && v < 2147483648.0 ? __double2int_rz(v) : (-2147483647 - 1); // false for NaN
}

__device__ __forceinline__ long long ag_d2ll(double v) {
    return v >= -9223372036854775808.0 && v < 9223372036854775808.0 ? __double2ll_rz(v) // the bounds are -2^63, 2^63
            : (-9223372036854775807LL - 1);
}

template <typename T> __device__ __forceinline__ T ag_from_double(double v);
template <> __device__ __forceinline__ float ag_from_double<float>(double v) { return __double2float_rn(v); }
template <> __device__ __forceinline__ double ag_from_double<double>(double v) { return v; }
template <> __device__ __forceinline__ int ag_from_double<int>(double v) { return ag_d2i(v); }
template <> __device__ __forceinline__ long long ag_from_double<long long>(double v) { return ag_d2ll(v); }
template <> __device__ __forceinline__ b8 ag_from_double<b8>(double v) { return v != 0 ? 1 : 0; }

template <typename T> __device__ __forceinline__ T ag_from_long(long long v);
template <> __device__ __forceinline__ float ag_from_long<float>(long long v) { return __ll2float_rn(v); }
template <> __device__ __forceinline__ double ag_from_long<double>(long long v) { return __ll2double_rn(v); }
template <> __device__ __forceinline__ int ag_from_long<int>(long long v) { return (int) (unsigned int) v; }
template <> __device__ __forceinline__ long long ag_from_long<long long>(long long v) { return v; }
template <> __device__ __forceinline__ b8 ag_from_long<b8>(long long v) { return v != 0 ? 1 : 0; }

template <typename To, typename From>
__device__ __forceinline__ To ag_convert(From x) {
    if constexpr (AgTraits<From>::floating) {
        return ag_from_double<To>((double) x);
    } else {
        return ag_from_long<To>((long long) x);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Walks: element i of a kernel's K operands is at offset i of each (contiguous), or where the Layout puts it
// ---------------------------------------------------------------------------------------------------------------

struct AgContig {
    template <int K>
    __device__ __forceinline__ void offsets(long long i, long long (&off)[K]) const {
#pragma unroll
        for (int k = 0; k < K; k++) {
            off[k] = i;
        }
    }
};

struct AgStrided {
    const Layout& L;

    template <int K>
    __device__ __forceinline__ void offsets(long long i, long long (&off)[K]) const {
        if (L.rank == 1) { // the common case after collapsing (a broadcast scalar, a strided vector): no division
#pragma unroll
            for (int k = 0; k < K; k++) {
                off[k] = i * L.strides[k][0];
            }
        } else {
            // ag_offsets, but with the loop over dims kept rolled: every op's loop has a copy of it (nvcc unswitches
            // the op), and unrolled copies made the PTX several times larger and its JIT compile as much slower.
#pragma unroll
            for (int k = 0; k < K; k++) {
                off[k] = 0;
            }
#pragma unroll 1
            for (int d = (int) L.rank - 1; d >= 0; d--) {
                const long long size = L.sizes[d];
                const long long c = i % size;
                i /= size;
#pragma unroll
                for (int k = 0; k < K; k++) {
                    off[k] += c * L.strides[k][d];
                }
            }
        }
    }
};

// Calls body(i, off) for every element i < n, grid-stride, with off[k] the element offset of operand k.
template <int K, typename W, typename Body>
__device__ __forceinline__ void ag_walk(const W& w, long long n, Body body) {
    AG_FOR_EACH(i, n) {
        long long off[K];
        w.template offsets<K>(i, off);
        body(i, off);
    }
}
