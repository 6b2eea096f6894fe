// Just enough of CUDA to run the reduce, index and fused kernels on the host, for tests without a GPU: each thread of
// a block is a coroutine on one OS thread (a six-register x86-64 switch: ucontext's signal-mask syscalls made the
// run ten times slower), blocks run one after the other, and __syncthreads and the warp
// shuffles are barriers the coroutines wait at. It checks the kernels' logic (offsets, folds, combine trees, parts,
// index checks), not their speed, and not the GPU's floating-point library (the host's exp and log stand in).
#pragma once

#include <math.h>
#include <string.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <vector>

using std::fmax;
using std::isinf;
using std::min;

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};

// Saves the callee-saved registers on the current stack, stores its pointer in *from, and resumes the stack `to`.
extern "C" void emu_switch(void** from, void* to);
asm(R"(
    .text
    .globl emu_switch
    .type emu_switch, @function
emu_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
)");

namespace emu {

struct Barrier {
    int count = 0;
    int needed = 0;
    long generation = 0;
};

inline dim3 blockIdx_, blockDim_, gridDim_;
inline int current = -1;
inline void* scheduler;
inline std::vector<void*> contexts;
inline std::vector<char> stacks;
inline std::vector<char> finished;
inline const std::function<void()>* body = nullptr;
inline Barrier block;
inline Barrier warps[32];
inline long long exchange[32][32];
constexpr size_t STACK = 64 * 1024;

inline dim3 threadIndex() {
    dim3 d;
    d.x = (unsigned) current;
    return d;
}

inline void yield() {
    emu_switch(&contexts[current], scheduler);
}

inline void wait(Barrier& b) {
    long g = b.generation;
    if (++b.count == b.needed) {
        b.count = 0;
        b.generation++;
        return;
    }
    while (b.generation == g) {
        yield();
    }
}

// A coroutine's first frame: runs the kernel, then hands back to the scheduler for good.
[[noreturn]] inline void trampoline() {
    (*body)();
    finished[current] = 1;
    void* dead;
    emu_switch(&dead, scheduler);
    __builtin_unreachable();
}

// A fresh stack whose first switch "returns" into trampoline (six zeroed registers, then its address), aligned as
// if trampoline had been called.
inline void* fresh_stack(char* base) {
    uintptr_t top = ((uintptr_t) (base + STACK)) & ~(uintptr_t) 15;
    void** sp = (void**) top;
    *--sp = nullptr;  // the alignment slot a call's return address would take
    *--sp = (void*) &trampoline;
    for (int i = 0; i < 6; i++) {
        *--sp = nullptr;
    }
    return sp;
}

template <typename T>
T shuffle(T v, int src) {
    static_assert(sizeof(T) == 8, "8-byte shuffles only");
    int w = current / 32, lane = current % 32;
    if (src < 0 || src >= 32) {
        src = lane;
    }
    memcpy(&exchange[w][lane], &v, 8);
    wait(warps[w]);
    T r;
    memcpy(&r, &exchange[w][src], 8);
    wait(warps[w]);
    return r;
}

// Runs f as a kernel over grid x block threads.
inline void launch(unsigned grid, unsigned threads, const std::function<void()>& f) {
    if (threads == 0 || threads > 1024) {
        throw std::invalid_argument("block size");
    }
    gridDim_.x = grid;
    blockDim_.x = threads;
    contexts.assign(threads, nullptr);
    if (stacks.size() < threads * STACK) {
        stacks.resize(threads * STACK);
    }
    finished.assign(threads, 0);
    body = &f;
    for (unsigned b = 0; b < grid; b++) {
        blockIdx_.x = b;
        block = Barrier();
        block.needed = (int) threads;
        for (int w = 0; w < 32; w++) {
            warps[w] = Barrier();
            warps[w].needed = 32;
        }
        for (unsigned t = 0; t < threads; t++) {
            contexts[t] = fresh_stack(&stacks[t * STACK]);
            finished[t] = 0;
        }
        for (bool running = true; running;) {
            running = false;
            for (unsigned t = 0; t < threads; t++) {
                if (!finished[t]) {
                    current = (int) t;
                    emu_switch(&scheduler, contexts[t]);
                    running = running || !finished[t];
                }
            }
        }
    }
    current = -1;
}

}  // namespace emu

#define threadIdx (emu::threadIndex())
#define blockIdx (emu::blockIdx_)
#define blockDim (emu::blockDim_)
#define gridDim (emu::gridDim_)

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __noinline__ __attribute__((noinline))
#define __shared__ static  // blocks run one at a time

inline void __syncthreads() {
    emu::wait(emu::block);
}

inline double __shfl_down_sync(unsigned, double v, int d) {
    return emu::shuffle(v, (int) (threadIdx.x % 32) + d);
}

inline long long __shfl_down_sync(unsigned, long long v, int d) {
    return emu::shuffle(v, (int) (threadIdx.x % 32) + d);
}

inline double __shfl_sync(unsigned, double v, int src) {
    return emu::shuffle(v, src);
}

inline long long __shfl_sync(unsigned, long long v, int src) {
    return emu::shuffle(v, src);
}

inline long long __double_as_longlong(double x) {
    long long b;
    memcpy(&b, &x, 8);
    return b;
}

inline double __longlong_as_double(long long b) {
    double x;
    memcpy(&x, &b, 8);
    return x;
}

// One OS thread runs every coroutine, and none yields inside these: plain read-modify-writes are atomic here.
inline unsigned long long atomicCAS(unsigned long long* p, unsigned long long expected, unsigned long long v) {
    unsigned long long old = *p;
    if (old == expected) {
        *p = v;
    }
    return old;
}

template <typename T>
inline T atomicAdd(T* p, T v) {
    T old = *p;
    *p = old + v;
    return old;
}

inline unsigned atomicOr(unsigned* p, unsigned v) {
    unsigned old = *p;
    *p = old | v;
    return old;
}
