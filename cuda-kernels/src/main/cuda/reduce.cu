// Reductions (module "reduce"): every ReduceOp over any set of dims of a strided input, into the keepdim-shaped
// output, with the CPU backend's semantics (autograd-cpu's Reductions and ElemReduce).
//
// Semantics
//   SUM      floating inputs accumulate in double and are rounded once to the input's dtype; BOOL, INT32 and INT64
//            accumulate in 64-bit two's complement (wrapping) and write INT64.
//   MAX/MIN  the input's dtype; NaN propagates.
//   ARGMAX/ARGMIN  INT64: the position of the first maximum (minimum) in row-major order of the reduced dims; a NaN
//            beats every number, and the first NaN wins.
//   ANY/ALL  BOOL: whether any (every) element is non-zero; NaN is non-zero.
//   Over zero elements (count == 0) SUM and ANY write 0 and ALL writes 1; the Java side raises PyTorch's error for
//   the others before launching.
//
// Geometry: the Java side (ReduceLayout) splits the input's dims into kept and reduced ones, drops size-1 dims and
// merges neighbours of each kind where the strides allow, and passes the result by value:
#include "ag_group.cuh"

typedef struct {
    long long outputs;                  // how many outputs: the product of keptSizes
    long long count;                    // how many elements each output reduces: the product of redSizes
    long long keptRank;                 // 0..AG_MAX_DIMS
    long long keptSizes[AG_MAX_DIMS];   // the kept dims, row-major: output k is their row-major element k
    long long keptIn[AG_MAX_DIMS];      // the input's stride along each kept dim, in elements
    long long keptOut[AG_MAX_DIMS];     // the output's stride along each kept dim, in elements
    long long redRank;                  // 0..AG_MAX_DIMS
    long long redSizes[AG_MAX_DIMS];    // the reduced dims, row-major: reduced element j is their element j
    long long redIn[AG_MAX_DIMS];       // the input's stride along each reduced dim, in elements
} ReduceLayout;
// On the Java side a ReduceLayout is a long[] of 4 + 5 * AG_MAX_DIMS = 54 longs in exactly this order.
//
// Kernels (<t> is the INPUT's suffix; `op` an AG_REDUCE_* code; `out` points at the output's first element, of the
// dtype above):
//   reduce_thread_<t>(int op, ReduceLayout L, long long parts, long long chunk, void* out, const T* in,
//                     long long* partials, long long* partialArgs)
//   reduce_warp_<t>   (same parameters)
//   reduce_block_<t>  (same parameters)
//   reduce_combine_<t>(int op, ReduceLayout L, long long parts, void* out, const long long* partials,
//                      const long long* partialArgs)
//
// Work: each output's reduced elements are cut into `parts` chunks of `chunk` elements (the last may be shorter,
// none empty), and each of the outputs * parts items (item = p * outputs + k: chunk p of output k) is reduced by one
// group: one thread (reduce_thread, many short outputs, or where the output's innermost dim is the input's
// contiguous one), one warp (reduce_warp) or one block (reduce_block, blockDim.x a multiple of 32). A group's
// threads take elements j = lane, lane + size, ... of the chunk in order, then combine in a fixed tree. With
// parts == 1 the group writes the output; otherwise it writes its partial result, as 64 bits (a double's bits for
// floating inputs, else a long long) to partials[item] (and the position to partialArgs[item] for ARGMAX/ARGMIN),
// and reduce_combine (one warp per output, blockDim.x a multiple of 32) folds each output's parts in order and
// writes the output. Items and outputs are walked grid-stride, so results depend on the partition (chosen from the
// shape alone) and never on the grid.

// Floating inputs accumulate in double, integral ones (and BOOL) in long long.
template <typename T>
struct AgAcc {
    typedef long long type;
    static constexpr bool floating = false;
};
template <>
struct AgAcc<float> {
    typedef double type;
    static constexpr bool floating = true;
};
template <>
struct AgAcc<double> {
    typedef double type;
    static constexpr bool floating = true;
};

__device__ __forceinline__ bool ag_isnan(double x) {
    return x != x;
}

__device__ __forceinline__ bool ag_isnan(long long) {
    return false;
}

__device__ __forceinline__ double ag_add(double a, double b) {
    return a + b;
}

// Two's complement wrap-around, as Java's long addition (signed overflow is undefined in C++).
__device__ __forceinline__ long long ag_add(long long a, long long b) {
    return (long long) ((unsigned long long) a + (unsigned long long) b);
}

__device__ __forceinline__ long long ag_bits(double x) {
    return __double_as_longlong(x);
}

__device__ __forceinline__ long long ag_bits(long long x) {
    return x;
}

template <typename A>
__device__ __forceinline__ A ag_from_bits(long long b);

template <>
__device__ __forceinline__ double ag_from_bits<double>(long long b) {
    return __longlong_as_double(b);
}

template <>
__device__ __forceinline__ long long ag_from_bits<long long>(long long b) {
    return b;
}

template <typename A>
__device__ __forceinline__ A ag_lowest();

template <>
__device__ __forceinline__ double ag_lowest<double>() {
    return __longlong_as_double(0xfff0000000000000ULL); // -inf
}

template <>
__device__ __forceinline__ long long ag_lowest<long long>() {
    return (long long) 0x8000000000000000ULL;
}

template <typename A>
__device__ __forceinline__ A ag_highest();

template <>
__device__ __forceinline__ double ag_highest<double>() {
    return __longlong_as_double(0x7ff0000000000000ULL); // +inf
}

template <>
__device__ __forceinline__ long long ag_highest<long long>() {
    return 0x7fffffffffffffffLL;
}

// The value every fold starts from: folding it with x gives x (MAX's -inf or the lowest integer, and so on).
template <typename A>
__device__ __forceinline__ A ag_identity(int op) {
    switch (op) {
        case AG_REDUCE_MAX:
        case AG_REDUCE_ARGMAX:
            return ag_lowest<A>();
        case AG_REDUCE_MIN:
        case AG_REDUCE_ARGMIN:
            return ag_highest<A>();
        case AG_REDUCE_ALL:
            return 1;
        default:
            return 0; // SUM, ANY
    }
}

// A value reduction's step: an accumulator and the next element (or another accumulator: ANY and ALL accumulate
// 0 or 1, whose truth is themselves). The op is a runtime value, the same for the whole launch: a uniform branch,
// where a template per op would multiply the module (and the driver's JIT time) by seven.
template <typename A>
__device__ __forceinline__ A ag_fold(int op, A acc, A x) {
    switch (op) {
        case AG_REDUCE_SUM:
            return ag_add(acc, x);
        case AG_REDUCE_MAX:
            return ag_isnan(acc) ? acc : ag_isnan(x) ? x : x > acc ? x : acc;
        case AG_REDUCE_MIN:
            return ag_isnan(acc) ? acc : ag_isnan(x) ? x : x < acc ? x : acc;
        case AG_REDUCE_ANY:
            return acc != 0 || x != 0 ? 1 : 0;
        default:
            return acc != 0 && x != 0 ? 1 : 0; // ALL
    }
}

// Whether (v, i) replaces (best, bi) in ARGMAX (max) or ARGMIN: NaN beats numbers, and among equals (two NaNs
// included) the smaller position wins. Elements come to a thread in increasing position, so the first of ties stays.
template <typename A>
__device__ __forceinline__ bool ag_arg_better(bool max, A v, long long i, A best, long long bi) {
    bool vn = ag_isnan(v), bn = ag_isnan(best);
    if (vn || bn) {
        return vn && (!bn || i < bi);
    }
    if (v == best) {
        return i < bi;
    }
    return max ? v > best : v < best;
}

template <typename A>
struct AgFold {
    int op;
    __device__ __forceinline__ A operator()(A a, A b) const {
        return ag_fold<A>(op, a, b);
    }
};

template <typename A>
struct AgArgFold {
    bool max;
    __device__ __forceinline__ AgArg<A> operator()(AgArg<A> a, AgArg<A> b) const {
        return ag_arg_better<A>(max, b.v, b.i, a.v, a.i) ? b : a;
    }
};

#define AG_NO_POSITION 0x7fffffffffffffffLL

// Writes one result, converted to the output's dtype (see the semantics at the top).
template <typename T, typename A>
__device__ __forceinline__ void ag_store(int op, void* out, long long off, A v, long long at) {
    switch (op) {
        case AG_REDUCE_ARGMAX:
        case AG_REDUCE_ARGMIN:
            ((long long*) out)[off] = at;
            break;
        case AG_REDUCE_ANY:
        case AG_REDUCE_ALL:
            ((b8*) out)[off] = v != 0 ? 1 : 0;
            break;
        case AG_REDUCE_SUM:
            if constexpr (!AgAcc<T>::floating) {
                ((long long*) out)[off] = (long long) v; // integral and BOOL sums are INT64
                break;
            }
            // fall through: a floating sum rounds once, here
        default:
            ((T*) out)[off] = (T) v; // MAX and MIN are exact
    }
}

// The input offset of output k's first reduced element, and the output offset of output k.
__device__ __forceinline__ long long ag_kept_offset(const ReduceLayout& L, long long k, long long& outOff) {
    long long in = 0, o = 0;
#pragma unroll 1
    for (int d = (int) L.keptRank - 1; d >= 0; d--) {
        long long size = L.keptSizes[d];
        long long c = k % size;
        k /= size;
        in += c * L.keptIn[d];
        o += c * L.keptOut[d];
    }
    outOff = o;
    return in;
}

// The input offset of reduced element j, relative to its output's first.
__device__ __forceinline__ long long ag_reduced_offset(const ReduceLayout& L, long long j) {
    long long off = 0;
#pragma unroll 1
    for (int d = (int) L.redRank - 1; d >= 0; d--) {
        long long size = L.redSizes[d];
        off += (j % size) * L.redIn[d];
        j /= size;
    }
    return off;
}

template <typename T, int MODE>
__device__ __forceinline__ void reduce_groups(int op, const ReduceLayout& L, long long parts, long long chunk,
                                              void* out, const T* __restrict__ in, long long* partials,
                                              long long* partialArgs) {
    typedef typename AgAcc<T>::type A;
    AgGroup<MODE> g;
    long long items = L.outputs * parts;
    bool single = L.redRank <= 1; // one reduced dim (or none): element j is at j * stride
    long long stride = L.redRank == 1 ? L.redIn[0] : 0;
    bool arg = op == AG_REDUCE_ARGMAX || op == AG_REDUCE_ARGMIN;
    A identity = ag_identity<A>(op);
    AG_FOR_EACH_GROUP(item, g, items) {
        long long k = item % L.outputs, p = item / L.outputs;
        long long outOff;
        const T* x = in + ag_kept_offset(L, k, outOff);
        long long j0 = p * chunk, j1 = min(j0 + chunk, L.count);
        if (arg) {
            bool max = op == AG_REDUCE_ARGMAX;
            AgArg<A> acc = {identity, AG_NO_POSITION};
            for (long long j = j0 + g.lane; j < j1; j += g.size) {
                A v = (A) x[single ? j * stride : ag_reduced_offset(L, j)];
                if (ag_arg_better<A>(max, v, j, acc.v, acc.i)) {
                    acc.v = v;
                    acc.i = j;
                }
            }
            acc = ag_group_reduce<MODE>(acc, AgArgFold<A>{max}, AgArg<A>{identity, AG_NO_POSITION});
            if (g.lane == 0) {
                if (parts == 1) {
                    ag_store<T, A>(op, out, outOff, acc.v, acc.i);
                } else {
                    partials[item] = ag_bits(acc.v);
                    partialArgs[item] = acc.i;
                }
            }
        } else {
            A acc = identity;
            long long j = j0 + g.lane;
            if (single) {
                // Four loads in flight per thread, folded in order.
                long long step = g.size;
                for (; j + 3 * step < j1; j += 4 * step) {
                    A v0 = (A) x[j * stride], v1 = (A) x[(j + step) * stride];
                    A v2 = (A) x[(j + 2 * step) * stride], v3 = (A) x[(j + 3 * step) * stride];
                    acc = ag_fold<A>(op, ag_fold<A>(op, ag_fold<A>(op, ag_fold<A>(op, acc, v0), v1), v2), v3);
                }
#pragma unroll 1
                for (; j < j1; j += step) {
                    acc = ag_fold<A>(op, acc, (A) x[j * stride]);
                }
            } else {
#pragma unroll 1
                for (; j < j1; j += g.size) {
                    acc = ag_fold<A>(op, acc, (A) x[ag_reduced_offset(L, j)]);
                }
            }
            acc = ag_group_reduce<MODE>(acc, AgFold<A>{op}, identity);
            if (g.lane == 0) {
                if (parts == 1) {
                    ag_store<T, A>(op, out, outOff, acc, 0);
                } else {
                    partials[item] = ag_bits(acc);
                }
            }
        }
    }
}

// Folds each output's partial results, part by part in order (one warp per output).
template <typename T>
__device__ __forceinline__ void reduce_parts(int op, const ReduceLayout& L, long long parts, void* out,
                                             const long long* __restrict__ partials,
                                             const long long* __restrict__ partialArgs) {
    typedef typename AgAcc<T>::type A;
    AgGroup<AG_WARP> g;
    bool arg = op == AG_REDUCE_ARGMAX || op == AG_REDUCE_ARGMIN;
    A identity = ag_identity<A>(op);
    AG_FOR_EACH_GROUP(k, g, L.outputs) {
        long long outOff;
        ag_kept_offset(L, k, outOff);
        if (arg) {
            bool max = op == AG_REDUCE_ARGMAX;
            AgArg<A> acc = {identity, AG_NO_POSITION};
#pragma unroll 1
            for (long long p = g.lane; p < parts; p += 32) {
                A v = ag_from_bits<A>(partials[p * L.outputs + k]);
                long long at = partialArgs[p * L.outputs + k];
                if (ag_arg_better<A>(max, v, at, acc.v, acc.i)) {
                    acc.v = v;
                    acc.i = at;
                }
            }
            acc = ag_group_reduce<AG_WARP>(acc, AgArgFold<A>{max}, acc);
            if (g.lane == 0) {
                ag_store<T, A>(op, out, outOff, acc.v, acc.i);
            }
        } else {
            A acc = identity;
#pragma unroll 1
            for (long long p = g.lane; p < parts; p += 32) {
                acc = ag_fold<A>(op, acc, ag_from_bits<A>(partials[p * L.outputs + k]));
            }
            acc = ag_group_reduce<AG_WARP>(acc, AgFold<A>{op}, acc);
            if (g.lane == 0) {
                ag_store<T, A>(op, out, outOff, acc, 0);
            }
        }
    }
}

#define AG_REDUCE_GROUP_KERNEL(VARIANT, MODE, T, SUF)                                                             \
    extern "C" __global__ void reduce_##VARIANT##_##SUF(int op, ReduceLayout L, long long parts, long long chunk, \
                                                        void* out, const T* __restrict__ in, long long* partials, \
                                                        long long* partialArgs) {                                 \
        reduce_groups<T, MODE>(op, L, parts, chunk, out, in, partials, partialArgs);                              \
    }

#define AG_REDUCE_KERNELS(T, SUF)                                                                                 \
    AG_REDUCE_GROUP_KERNEL(thread, AG_THREAD, T, SUF)                                                             \
    AG_REDUCE_GROUP_KERNEL(warp, AG_WARP, T, SUF)                                                                 \
    AG_REDUCE_GROUP_KERNEL(block, AG_BLOCK, T, SUF)                                                               \
    extern "C" __global__ void reduce_combine_##SUF(int op, ReduceLayout L, long long parts, void* out,           \
                                                    const long long* __restrict__ partials,                       \
                                                    const long long* __restrict__ partialArgs) {                  \
        reduce_parts<T>(op, L, parts, out, partials, partialArgs);                                                \
    }

AG_REDUCE_KERNELS(float, f32)
AG_REDUCE_KERNELS(double, f64)
AG_REDUCE_KERNELS(int, i32)
AG_REDUCE_KERNELS(long long, i64)
AG_REDUCE_KERNELS(b8, b8)
