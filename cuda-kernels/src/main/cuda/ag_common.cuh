// What every kernel family of autograd4j's CUDA backend shares: the ABI of cuda-kernels/README.md (element types,
// op codes, the Layout struct, 64-bit grid-stride loops, the index-error buffer). Keep the op codes in step with
// the Java side's table (a test compares them).
#pragma once

#include <stdint.h>

typedef unsigned char b8;

// ---------------------------------------------------------------------------------------------------------------
// Op codes: one per SPI enum constant (dev.autograd4j.spi.UnaryOp, BinaryOp, ReduceOp, RandomOp)
// ---------------------------------------------------------------------------------------------------------------

#define AG_UNARY_AFFINE 0
#define AG_UNARY_EXP 1
#define AG_UNARY_LOG 2
#define AG_UNARY_LOG1P 3
#define AG_UNARY_EXPM1 4
#define AG_UNARY_SQRT 5
#define AG_UNARY_RSQRT 6
#define AG_UNARY_RECIPROCAL 7
#define AG_UNARY_ABS 8
#define AG_UNARY_SIGN 9
#define AG_UNARY_SIN 10
#define AG_UNARY_COS 11
#define AG_UNARY_TANH 12
#define AG_UNARY_SIGMOID 13
#define AG_UNARY_RELU 14
#define AG_UNARY_LEAKY_RELU 15
#define AG_UNARY_GELU 16
#define AG_UNARY_GELU_TANH 17
#define AG_UNARY_ERF 18
#define AG_UNARY_SOFTPLUS 19
#define AG_UNARY_POW 20
#define AG_UNARY_CLAMP 21
#define AG_UNARY_FLOOR 22
#define AG_UNARY_CEIL 23
#define AG_UNARY_ROUND 24
#define AG_UNARY_LOGICAL_NOT 25
#define AG_UNARY_ISNAN 26
#define AG_UNARY_LOG2 27
#define AG_UNARY_LOG10 28
#define AG_UNARY_TAN 29
#define AG_UNARY_ASIN 30
#define AG_UNARY_ACOS 31
#define AG_UNARY_ATAN 32
#define AG_UNARY_SINH 33
#define AG_UNARY_COSH 34
#define AG_UNARY_ASINH 35
#define AG_UNARY_ACOSH 36
#define AG_UNARY_ATANH 37

#define AG_BINARY_ADD 0
#define AG_BINARY_MUL 1
#define AG_BINARY_DIV 2
#define AG_BINARY_POW 3
#define AG_BINARY_MAXIMUM 4
#define AG_BINARY_MINIMUM 5
#define AG_BINARY_EQ 6
#define AG_BINARY_NE 7
#define AG_BINARY_LT 8
#define AG_BINARY_LE 9
#define AG_BINARY_GT 10
#define AG_BINARY_GE 11
#define AG_BINARY_LOGICAL_AND 12
#define AG_BINARY_LOGICAL_OR 13
#define AG_BINARY_TANH_BACKWARD 14
#define AG_BINARY_SIGMOID_BACKWARD 15
#define AG_BINARY_THRESHOLD_BACKWARD 16
#define AG_BINARY_LEAKY_RELU_BACKWARD 17
#define AG_BINARY_GELU_BACKWARD 18
#define AG_BINARY_GELU_TANH_BACKWARD 19
#define AG_BINARY_FMOD 20
#define AG_BINARY_REMAINDER 21
#define AG_BINARY_ATAN2 22
#define AG_BINARY_DIV_TRUNC 23
#define AG_BINARY_DIV_FLOOR 24

#define AG_REDUCE_SUM 0
#define AG_REDUCE_MAX 1
#define AG_REDUCE_MIN 2
#define AG_REDUCE_ARGMAX 3
#define AG_REDUCE_ARGMIN 4
#define AG_REDUCE_ANY 5
#define AG_REDUCE_ALL 6

#define AG_RANDOM_UNIFORM 0
#define AG_RANDOM_NORMAL 1
#define AG_RANDOM_RANDINT 2

// ---------------------------------------------------------------------------------------------------------------
// Layout: a strided view's geometry, passed by value (see the README)
// ---------------------------------------------------------------------------------------------------------------

#define AG_MAX_DIMS 10
#define AG_MAX_OPERANDS 4

typedef struct {
    long long rank;
    long long sizes[AG_MAX_DIMS];
    long long strides[AG_MAX_OPERANDS][AG_MAX_DIMS];
} Layout;

// The element offsets of row-major element i in operands 0..count-1, in one pass over the dims (innermost first).
template <int COUNT>
__device__ __forceinline__ void ag_offsets(const Layout& L, long long i, long long (&off)[COUNT]) {
#pragma unroll
    for (int k = 0; k < COUNT; k++) {
        off[k] = 0;
    }
    for (int d = (int) L.rank - 1; d >= 0; d--) {
        long long size = L.sizes[d];
        long long c = i % size;
        i /= size;
#pragma unroll
        for (int k = 0; k < COUNT; k++) {
            off[k] += c * L.strides[k][d];
        }
    }
}

// A grid-stride loop over [0, n) with 64-bit indices.
#define AG_FOR_EACH(i, n) \
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
         i += (long long) blockDim.x * gridDim.x)

// ---------------------------------------------------------------------------------------------------------------
// Index errors: the first bad index value wins; the Java side reads and clears the buffer at the next sync
// ---------------------------------------------------------------------------------------------------------------

__device__ __forceinline__ void ag_index_error(long long* error, long long bad) {
    if (atomicCAS((unsigned long long*) error, 0ULL, 1ULL) == 0ULL) {
        error[1] = bad;
    }
}
