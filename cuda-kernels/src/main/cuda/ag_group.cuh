// Group reductions for the reduce and fused families: a "group" is the threads that combine their partial results
// into one, a whole warp (MODE AG_WARP) or a whole block (MODE AG_BLOCK); a group of one thread (AG_THREAD) has
// nothing to combine. The combine is a fixed tree (shuffle-down within a warp, then the warps' results in order), so
// a result depends on the group's size, which the Java side chooses from the shape alone, and never on the grid.
#pragma once

#include "ag_common.cuh"

#define AG_THREAD 0
#define AG_WARP 1
#define AG_BLOCK 2

#define AG_FULL_MASK 0xffffffffu

// Shuffles of the values groups combine: one overload per type (structs shuffle field by field).
__device__ __forceinline__ double ag_shfl_down(double v, int d) {
    return __shfl_down_sync(AG_FULL_MASK, v, d);
}

__device__ __forceinline__ long long ag_shfl_down(long long v, int d) {
    return __shfl_down_sync(AG_FULL_MASK, v, d);
}

__device__ __forceinline__ double ag_shfl_first(double v) {
    return __shfl_sync(AG_FULL_MASK, v, 0);
}

__device__ __forceinline__ long long ag_shfl_first(long long v) {
    return __shfl_sync(AG_FULL_MASK, v, 0);
}

// A value and the position it came from (ARGMAX/ARGMIN).
template <typename A>
struct AgArg {
    A v;
    long long i;
};

template <typename A>
__device__ __forceinline__ AgArg<A> ag_shfl_down(AgArg<A> x, int d) {
    return {ag_shfl_down(x.v, d), ag_shfl_down(x.i, d)};
}

template <typename A>
__device__ __forceinline__ AgArg<A> ag_shfl_first(AgArg<A> x) {
    return {ag_shfl_first(x.v), ag_shfl_first(x.i)};
}

// Two sums at once (layer norm's backward), and softmax's running maximum with its shifted sum.
struct AgPair {
    double a;
    double b;
};

__device__ __forceinline__ AgPair ag_shfl_down(AgPair x, int d) {
    return {ag_shfl_down(x.a, d), ag_shfl_down(x.b, d)};
}

__device__ __forceinline__ AgPair ag_shfl_first(AgPair x) {
    return {ag_shfl_first(x.a), ag_shfl_first(x.b)};
}

// The combination of the 32 lanes' values, in lane 0 only: lane i folds in lane i + d for d = 16, 8, 4, 2, 1.
template <typename V, typename F>
__device__ __forceinline__ V ag_warp_reduce(V v, F f) {
#pragma unroll
    for (int d = 16; d > 0; d >>= 1) {
        v = f(v, ag_shfl_down(v, d));
    }
    return v;
}

// The combination of the block's values (blockDim.x a multiple of 32, at most 1024), returned to every thread.
// Every thread of the block must call it; it may be called again at once (the shared slots are fenced).
template <typename V, typename F>
__device__ __forceinline__ V ag_block_reduce(V v, F f, V identity) {
    __shared__ V slots[32];
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
    v = ag_warp_reduce(v, f);
    if (lane == 0) {
        slots[warp] = v;
    }
    __syncthreads();
    if (warp == 0) {
        v = ag_warp_reduce(lane < warps ? slots[lane] : identity, f);
        if (lane == 0) {
            slots[0] = v;
        }
    }
    __syncthreads();
    v = slots[0];
    __syncthreads();
    return v;
}

// The combination of a group's values, returned to every thread of the group.
template <int MODE, typename V, typename F>
__device__ __forceinline__ V ag_group_reduce(V v, F f, V identity) {
    if (MODE == AG_WARP) {
        return ag_shfl_first(ag_warp_reduce(v, f));
    } else if (MODE == AG_BLOCK) {
        return ag_block_reduce(v, f, identity);
    }
    return v;
}

// Where a thread stands in its group, and which groups its block holds.
template <int MODE>
struct AgGroup {
    int lane;                 // this thread's place in its group
    int size;                 // threads per group
    long long first;          // the block's first group, as a global group number
    long long perGrid;        // groups in the whole grid (the grid-stride step)

    __device__ __forceinline__ AgGroup() {
        if (MODE == AG_THREAD) {
            lane = 0;
            size = 1;
            first = (long long) blockIdx.x * blockDim.x + threadIdx.x;
            perGrid = (long long) gridDim.x * blockDim.x;
        } else if (MODE == AG_WARP) {
            lane = threadIdx.x & 31;
            size = 32;
            first = (long long) blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
            perGrid = (long long) gridDim.x * (blockDim.x >> 5);
        } else {
            lane = threadIdx.x;
            size = blockDim.x;
            first = blockIdx.x;
            perGrid = gridDim.x;
        }
    }
};

// A grid-stride loop over work items, one per group: every thread of a group sees the same items, so a group's
// threads may combine (shuffle, __syncthreads) inside the loop.
#define AG_FOR_EACH_GROUP(item, g, n) for (long long item = (g).first; item < (n); item += (g).perGrid)
