// gather and scatter-add along one dim (module "index"), every index checked (the ABI's index errors).
//
// Kernels (<t> the data's suffix: f32, f64, i32, i64, b8; `L` is the ABI's Layout, by value):
//   gather_strided_<t>(Layout L, long long n, T* out, const long long* index, const T* in, long long size,
//                      long long stride, long long* error)
//       Over the n elements of out (row-major over L.sizes): out[i] = in[i's place with its coordinate along dim
//       replaced by index[i]]. The operands of L are, in order, out, index, and in with stride 0 along dim (so
//       L gives the address of in's element with that coordinate 0); `size` and `stride` are in's size and stride
//       along dim.
//   scatter_add_strided_<t>(Layout L, long long n, T* out, const long long* index, const T* src, long long size,
//                           long long stride, long long* error)
//       Over the n elements of src: out[src's place with its coordinate along dim replaced by index[i]] += src[i],
//       atomically, so repeated indices accumulate (floating sums in whatever order the atomics land; BOOL
//       accumulates with "or"). The operands of L are, in order, out with stride 0 along dim, index, src; `size`
//       and `stride` are out's size and stride along dim.
// An index outside [0, size) is skipped (nothing is read or written for it) and recorded in `error`, the backend's
// index-error buffer: the Java side reports it as an IndexOutOfBoundsException at the next synchronising call.
#include "ag_common.cuh"

template <typename T>
__device__ __forceinline__ void gather_elements(const Layout& L, long long n, T* out, const long long* index,
                                                const T* in, long long size, long long stride, long long* error) {
    AG_FOR_EACH(i, n) {
        long long off[3];
        ag_offsets<3>(L, i, off);
        long long at = index[off[1]];
        if (at < 0 || at >= size) {
            ag_index_error(error, at);
            continue;
        }
        out[off[0]] = in[off[2] + at * stride];
    }
}

__device__ __forceinline__ void ag_atomic_add(float* p, float x) {
    atomicAdd(p, x);
}

__device__ __forceinline__ void ag_atomic_add(double* p, double x) {
    atomicAdd(p, x);
}

__device__ __forceinline__ void ag_atomic_add(int* p, int x) {
    atomicAdd(p, x); // wraps in two's complement
}

__device__ __forceinline__ void ag_atomic_add(long long* p, long long x) {
    atomicAdd((unsigned long long*) p, (unsigned long long) x); // the same bits as a wrapping signed add
}

// BOOL "or": set the byte's low bit through its aligned 32-bit word (there is no byte atomic). The word lies in the
// same allocation: device allocations are aligned to far more than 4 bytes.
__device__ __forceinline__ void ag_atomic_add(b8* p, b8 x) {
    if (x) {
        size_t a = (size_t) p;
        atomicOr((unsigned int*) (a & ~(size_t) 3), 1u << (8 * (a & 3)));
    }
}

template <typename T>
__device__ __forceinline__ void scatter_add_elements(const Layout& L, long long n, T* out, const long long* index,
                                                     const T* src, long long size, long long stride,
                                                     long long* error) {
    AG_FOR_EACH(i, n) {
        long long off[3];
        ag_offsets<3>(L, i, off);
        long long at = index[off[1]];
        if (at < 0 || at >= size) {
            ag_index_error(error, at);
            continue;
        }
        ag_atomic_add(out + off[0] + at * stride, src[off[2]]);
    }
}

#define AG_INDEX_KERNELS(T, SUF)                                                                                  \
    extern "C" __global__ void gather_strided_##SUF(Layout L, long long n, T* out, const long long* index,        \
                                                    const T* in, long long size, long long stride,                \
                                                    long long* error) {                                           \
        gather_elements<T>(L, n, out, index, in, size, stride, error);                                           \
    }                                                                                                             \
    extern "C" __global__ void scatter_add_strided_##SUF(Layout L, long long n, T* out, const long long* index,   \
                                                         const T* src, long long size, long long stride,          \
                                                         long long* error) {                                      \
        scatter_add_elements<T>(L, n, out, index, src, size, stride, error);                                     \
    }

AG_INDEX_KERNELS(float, f32)
AG_INDEX_KERNELS(double, f64)
AG_INDEX_KERNELS(int, i32)
AG_INDEX_KERNELS(long long, i64)
AG_INDEX_KERNELS(b8, b8)
