// Elementwise kernels (module "elementwise"): fill, copy, unary, isnan, binary, compare, their scalar forms, where
// and where_scalar, for every dtype; names and parameters as the kernel ABI in cuda-kernels/README.md.
//
// Each family is one template over the element type T and the walk (AgContig or AgStrided); the op is a switch on
// its code for each element, a branch every thread takes alike (nvcc often hoists it out of the loop). Semantics are
// the CPU backend's (dev.autograd4j.cpu: ElemUnary, ElemBinary, ElemMoves, Convert, ScalarMath), within the SPI's
// accuracy statement: CUDA's libm in the element type where its documented error meets the statement's bound, in
// double where the float formula would lose more (the GELUs, softplus); a multiply that the CPU rounds before an add
// is written __fmul_rn/__dmul_rn, so nvcc does not fuse it into an FMA that rounds once.
#include "elementwise.cuh"

// ---------------------------------------------------------------------------------------------------------------
// Math in the element type
// ---------------------------------------------------------------------------------------------------------------

#define AG_MATH1(name, f32, f64) \
    __device__ __forceinline__ float name(float x) { return f32(x); } \
    __device__ __forceinline__ double name(double x) { return f64(x); }
#define AG_MATH2(name, f32, f64) \
    __device__ __forceinline__ float name(float x, float y) { return f32(x, y); } \
    __device__ __forceinline__ double name(double x, double y) { return f64(x, y); }

AG_MATH1(ag_exp, expf, exp)
AG_MATH1(ag_log, logf, log)
AG_MATH1(ag_log1p, log1pf, log1p)
AG_MATH1(ag_expm1, expm1f, expm1)
AG_MATH1(ag_sqrt, sqrtf, sqrt)
AG_MATH1(ag_sin, sinf, sin)
AG_MATH1(ag_cos, cosf, cos)
AG_MATH1(ag_tanh, tanhf, tanh)
AG_MATH1(ag_erf, erff, erf)
AG_MATH1(ag_fabs, fabsf, fabs)
AG_MATH1(ag_floor, floorf, floor)
AG_MATH1(ag_ceil, ceilf, ceil)
AG_MATH1(ag_rint, rintf, rint) // half to even, keeping the sign of zero, like torch.round and Math.rint
AG_MATH2(ag_pow_libm, powf, pow)
AG_MATH2(ag_mul_rn, __fmul_rn, __dmul_rn) // a product rounded on its own, never fused into an FMA

// Math.max and Math.min exactly (torch.maximum, torch.minimum): a NaN operand gives NaN (fmax would drop it), and
// of two zeros max picks +0.0 and min picks -0.0.
template <typename T>
__device__ __forceinline__ T ag_max(T a, T b) {
    if constexpr (AgTraits<T>::floating) {
        if (a != a) {
            return a;
        }
        if (a == T(0) && b == T(0) && signbit(a)) {
            return b;
        }
        return a >= b ? a : b; // b when b is NaN
    } else {
        return a > b ? a : b;
    }
}

template <typename T>
__device__ __forceinline__ T ag_min(T a, T b) {
    if constexpr (AgTraits<T>::floating) {
        if (a != a) {
            return a;
        }
        if (a == T(0) && b == T(0) && signbit(b)) {
            return b;
        }
        return a <= b ? a : b;
    } else {
        return a < b ? a : b;
    }
}

/*
 * x ^ y with Java's special cases (Math.pow, the CPU's reference): a NaN exponent gives NaN, and so does |x| == 1
 * with an infinite exponent (C's pow gives 1 for both). The exponents PyTorch shortcuts are exact or one rounding
 * here: 2 (x*x), 3, 1, 0.5 (sqrt, but +inf for -inf as pow has it) and -1. Binary and scalar POW both come here, so
 * a scalar exponent gives what the same value as a broadcast tensor gives.
 */
template <typename T>
__device__ __forceinline__ T ag_pow(T x, T y) {
    if (y == T(2)) {
        return x * x;
    }
    if (y == T(3)) {
        return x * x * x;
    }
    if (y == T(1)) {
        return x;
    }
    if (y == T(0.5)) {
        return x == -(T) INFINITY ? (T) INFINITY : ag_sqrt(x);
    }
    if (y == T(-1)) {
        return T(1) / x;
    }
    if (y != y || (ag_fabs(x) == T(1) && ag_fabs(y) == (T) INFINITY)) {
        return (T) NAN;
    }
    return ag_pow_libm(x, y);
}

// 1 / (1 + e^-x): exp only ever sees -|x|, and e / (1 + e) for negative x keeps e's error out of the
// denominator's (about 3 ulps in all with expf's 2).
template <typename T>
__device__ __forceinline__ T ag_sigmoid(T x) {
    const T e = ag_exp(-ag_fabs(x));
    return x < T(0) ? e / (T(1) + e) : T(1) / (T(1) + e);
}

// ---------------------------------------------------------------------------------------------------------------
// The GELUs and softplus, in double (the float32 kernels round the double result once)
// ---------------------------------------------------------------------------------------------------------------

// 1/sqrt(2) as a double-double (HI is C's M_SQRT1_2), and the constants of the CPU's ScalarMath, computed alike.
#define AG_SQRT1_2_HI 0.70710678118654752440
#define AG_SQRT1_2_LO (-4.833646656726457e-17)
#define AG_SQRT2 1.41421356237309504880
#define AG_TWO_OVER_SQRTPI 1.12837916709551257390
#define AG_INV_SQRT_2PI (AG_TWO_OVER_SQRTPI * AG_SQRT1_2_HI * 0.5)
#define AG_GELU_BETA (AG_SQRT2 * AG_TWO_OVER_SQRTPI * 0.5) // sqrt(2/pi)
#define AG_GELU_KAPPA 0.044715

/*
 * The standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2. In the lower tail erfc magnifies the rounding of
 * its argument about x^2 times (36 ulps at x = -6), so the argument's rounding error e (t + e = -x / sqrt 2 to
 * about 2^-100) is added back to first order: erfc(t + e) = erfc(t) - e (2 / sqrt pi) exp(-t^2).
 */
__device__ __forceinline__ double ag_normal_cdf(double x) {
    const double t = __dmul_rn(-x, AG_SQRT1_2_HI);
    const double c = erfc(t);
    if (!isfinite(t)) {
        return 0.5 * c;
    }
    const double e = fma(-x, AG_SQRT1_2_HI, -t) + -x * AG_SQRT1_2_LO;
    return 0.5 * (c - e * AG_TWO_OVER_SQRTPI * exp(-t * t));
}

// The standard normal density e^(-x^2/2) / sqrt(2 pi), with x^2 = h + l exact (Dekker) so exp sees no rounding.
__device__ __forceinline__ double ag_normal_pdf(double x) {
    const double h = x * x;
    const double l = isfinite(h) ? fma(x, x, -h) : 0.0;
    return AG_INV_SQRT_2PI * (exp(-0.5 * h) * (1.0 - 0.5 * l));
}

__device__ __noinline__ double ag_gelu(double x) {
    return x * ag_normal_cdf(x);
}

__device__ __noinline__ double ag_gelu_grad(double x) {
    return ag_normal_cdf(x) + x * ag_normal_pdf(x);
}

// PyTorch's tanh-approximated GELU and its derivative, term by term as its kernels (and the CPU's) write them.
__device__ __noinline__ double ag_gelu_tanh(double x) {
    const double inner = AG_GELU_BETA * (x + AG_GELU_KAPPA * x * x * x);
    return 0.5 * x * (1.0 + tanh(inner));
}

__device__ __noinline__ double ag_gelu_tanh_grad(double x) {
    const double x2 = x * x;
    const double inner = AG_GELU_BETA * (x + AG_GELU_KAPPA * x2 * x);
    const double t = tanh(inner);
    const double left = 0.5 * x;
    const double right = 1.0 + t;
    const double left_derivative = 0.5 * right;
    const double tanh_derivative = 1.0 - t * t;
    const double inner_derivative = AG_GELU_BETA * (1.0 + 3.0 * AG_GELU_KAPPA * x2);
    return left_derivative + left * tanh_derivative * inner_derivative;
}

// PyTorch's softplus: log(1 + e^(beta x)) / beta, or x itself where beta x > threshold.
__device__ __noinline__ double ag_softplus(double x, double beta, double threshold) {
    const double bx = x * beta;
    return bx > threshold ? x : log1p(exp(bx)) / beta;
}

// ---------------------------------------------------------------------------------------------------------------
// The ops, one element at a time. The op code is the same for every element, so the switch is a uniform branch;
// a loop per op would multiply the code (and the driver's JIT time) by the number of ops for a few instructions.
// ---------------------------------------------------------------------------------------------------------------

template <typename T>
__device__ __forceinline__ T ag_unary_op(int op, T x, double alpha, double beta) {
    if constexpr (AgTraits<T>::floating) {
        switch (op) {
            case AG_UNARY_AFFINE: {
                const T al = (T) alpha, be = (T) beta;
                // No "+ 0", which would turn -0.0 into 0.0 (neg(0.0) is -0.0).
                return be == T(0) ? ag_mul_rn(al, x) : ag_mul_rn(al, x) + be;
            }
            case AG_UNARY_EXP: return ag_exp(x);
            case AG_UNARY_LOG: return ag_log(x);
            case AG_UNARY_LOG1P: return ag_log1p(x);
            case AG_UNARY_EXPM1: return ag_expm1(x);
            case AG_UNARY_SQRT: return ag_sqrt(x);
            // Two correctly rounded operations, as the CPU computes it (rsqrt is within 2 ulps, this within 1).
            case AG_UNARY_RSQRT: return T(1) / ag_sqrt(x);
            case AG_UNARY_RECIPROCAL: return T(1) / x;
            case AG_UNARY_ABS: return ag_fabs(x);
            case AG_UNARY_SIGN: return x > T(0) ? T(1) : x < T(0) ? T(-1) : T(0); // NaN and -0 give 0, as PyTorch
            case AG_UNARY_SIN: return ag_sin(x);
            case AG_UNARY_COS: return ag_cos(x);
            case AG_UNARY_TANH: return ag_tanh(x);
            case AG_UNARY_SIGMOID: return ag_sigmoid(x);
            case AG_UNARY_RELU: return x > T(0) || x != x ? x : T(0); // NaN stays NaN
            case AG_UNARY_LEAKY_RELU: return x > T(0) ? x : ag_mul_rn((T) alpha, x);
            case AG_UNARY_GELU: return (T) ag_gelu((double) x);
            case AG_UNARY_GELU_TANH: return (T) ag_gelu_tanh((double) x);
            case AG_UNARY_ERF: return ag_erf(x);
            case AG_UNARY_SOFTPLUS: return (T) ag_softplus((double) x, alpha, beta);
            case AG_UNARY_POW:
                // x ** 0.5 is sqrt, as in PyTorch and the CPU (so -inf gives NaN, where pow gives +inf); a power
                // float32 cannot hold is applied in double, as the CPU does.
                return alpha == 0.5 ? ag_sqrt(x)
                        : (double) (T) alpha == alpha ? ag_pow(x, (T) alpha) : (T) ag_pow((double) x, alpha);
            case AG_UNARY_CLAMP: {
                // A NaN bound is no bound on that side; a NaN x stays NaN; lo > hi gives hi, as torch.clamp.
                T r = x;
                if (alpha == alpha) {
                    r = ag_max(r, (T) alpha);
                }
                if (beta == beta) {
                    r = ag_min(r, (T) beta);
                }
                return r;
            }
            case AG_UNARY_FLOOR: return ag_floor(x);
            case AG_UNARY_CEIL: return ag_ceil(x);
            case AG_UNARY_ROUND: return ag_rint(x);
            // In double, rounded once, for float32 too: within 1 ulp as the CPU (the float functions allow 2-4).
            case AG_UNARY_LOG2: return (T) log2((double) x);
            case AG_UNARY_LOG10: return (T) log10((double) x);
            case AG_UNARY_TAN: return (T) tan((double) x);
            case AG_UNARY_ASIN: return (T) asin((double) x);
            case AG_UNARY_ACOS: return (T) acos((double) x);
            case AG_UNARY_ATAN: return (T) atan((double) x);
            case AG_UNARY_SINH: return (T) sinh((double) x);
            case AG_UNARY_COSH: return (T) cosh((double) x);
            case AG_UNARY_ASINH: return (T) asinh((double) x);
            case AG_UNARY_ACOSH: return (T) acosh((double) x);
            case AG_UNARY_ATANH: return (T) atanh((double) x);
        }
    } else if constexpr (AgTraits<T>::boolean) {
        if (op == AG_UNARY_LOGICAL_NOT) {
            return (T) (x == 0);
        }
    } else {
        // Integers: AFFINE, ABS, SIGN, RELU and CLAMP, exact, wrapping in two's complement (Java's int and long);
        // alpha, beta and the bounds truncated toward zero, as the CPU's casts.
        using U = typename AgTraits<T>::U;
        switch (op) {
            case AG_UNARY_AFFINE:
                return (T) ((U) ag_from_double<T>(alpha) * (U) x + (U) ag_from_double<T>(beta));
            case AG_UNARY_ABS: return x < 0 ? (T) (U(0) - (U) x) : x;
            case AG_UNARY_SIGN: return (T) (x > 0 ? 1 : x < 0 ? -1 : 0);
            case AG_UNARY_RELU: return x > 0 ? x : T(0);
            case AG_UNARY_CLAMP: {
                T r = x;
                if (alpha == alpha) {
                    r = ag_max(r, ag_from_double<T>(alpha));
                }
                if (beta == beta) {
                    r = ag_min(r, ag_from_double<T>(beta));
                }
                return r;
            }
        }
    }
    return x; // not reached: the Java side sends each dtype only the ops defined for it
}

// The binary ops whose result has the operands' type.
template <typename T>
__device__ __forceinline__ T ag_binary_op(int op, T a, T b, double alpha) {
    if constexpr (AgTraits<T>::floating) {
        switch (op) {
            case AG_BINARY_ADD: return alpha == 1 ? a + b : a + ag_mul_rn((T) alpha, b);
            case AG_BINARY_MUL: return a * b;
            case AG_BINARY_DIV: return a / b;
            case AG_BINARY_POW: return ag_pow(a, b);
            case AG_BINARY_MAXIMUM: return ag_max(a, b);
            case AG_BINARY_MINIMUM: return ag_min(a, b);
            // The fused backwards: a is the gradient, b the forward's result (tanh, sigmoid) or input (the rest).
            case AG_BINARY_TANH_BACKWARD: return a * (T(1) - ag_mul_rn(b, b));
            case AG_BINARY_SIGMOID_BACKWARD: return a * (T(1) - b) * b; // PyTorch's order
            case AG_BINARY_THRESHOLD_BACKWARD: return b <= (T) alpha ? T(0) : a; // NaN b passes, as in PyTorch
            case AG_BINARY_LEAKY_RELU_BACKWARD: return b > T(0) ? a : ag_mul_rn((T) alpha, a);
            case AG_BINARY_GELU_BACKWARD: return (T) ((double) a * ag_gelu_grad((double) b));
            case AG_BINARY_GELU_TANH_BACKWARD: return (T) ((double) a * ag_gelu_tanh_grad((double) b));
            case AG_BINARY_FMOD: return fmod(a, b);
            case AG_BINARY_REMAINDER: { // PyTorch's: fmod, moved into b's sign
                T r = fmod(a, b);
                return r != T(0) && ((r < T(0)) != (b < T(0))) ? r + b : r;
            }
            case AG_BINARY_ATAN2: return atan2(a, b);
            case AG_BINARY_DIV_TRUNC: return trunc(a / b);
            case AG_BINARY_DIV_FLOOR: { // PyTorch's div_floor_floating (Python's float floor division)
                if (b == T(0)) {
                    return a / b;
                }
                T mod = fmod(a, b);
                T div = (a - mod) / b;
                if (mod != T(0) && ((b < T(0)) != (mod < T(0)))) {
                    div -= T(1);
                }
                if (div == T(0)) {
                    return copysign(T(0), a / b);
                }
                T fl = floor(div);
                return div - fl > T(0.5) ? fl + T(1) : fl;
            }
        }
    } else if constexpr (AgTraits<T>::boolean) {
        // As PyTorch allows on bool: ADD and MAXIMUM are "or", MUL and MINIMUM are "and".
        switch (op) {
            case AG_BINARY_ADD:
            case AG_BINARY_MAXIMUM: return (T) (a | b);
            case AG_BINARY_MUL:
            case AG_BINARY_MINIMUM: return (T) (a & b);
        }
    } else {
        using U = typename AgTraits<T>::U;
        switch (op) {
            case AG_BINARY_ADD: return (T) ((U) a + (U) ag_from_double<T>(alpha) * (U) b);
            case AG_BINARY_MUL: return (T) ((U) a * (U) b);
            case AG_BINARY_MAXIMUM: return ag_max(a, b);
            case AG_BINARY_MINIMUM: return ag_min(a, b);
            // b == 0 never comes (the op layer raises first) and b == -1 leaves no remainder: both kept away from
            // %, where they are undefined (0) or overflow (the type's minimum % -1).
            case AG_BINARY_FMOD: return b == T(0) || b == T(-1) ? T(0) : (T) (a % b);
            case AG_BINARY_REMAINDER: {
                if (b == T(0) || b == T(-1)) {
                    return T(0);
                }
                T r = (T) (a % b);
                return r != T(0) && ((r < T(0)) != (b < T(0))) ? (T) ((U) r + (U) b) : r;
            }
            // b == 0 never comes (the op layer raises); b == -1 is a negation (wrapping at the minimum, as Java's
            // division does), kept away from / where the minimum / -1 overflows.
            case AG_BINARY_DIV_TRUNC: return b == T(0) ? T(0) : b == T(-1) ? (T) (U(0) - (U) a) : (T) (a / b);
            case AG_BINARY_DIV_FLOOR: {
                if (b == T(0) || b == T(-1)) {
                    return b == T(0) ? T(0) : (T) (U(0) - (U) a);
                }
                T q = (T) (a / b);
                return (a % b != T(0) && ((a < T(0)) != (b < T(0)))) ? (T) (q - T(1)) : q;
            }
        }
    }
    return a; // not reached (see ag_unary_op)
}

// Comparisons and logical ops, BOOL out (NaN compares unequal to everything, itself included; NaN is true).
template <typename T>
__device__ __forceinline__ b8 ag_compare_op(int op, T a, T b) {
    switch (op) {
        case AG_BINARY_EQ: return a == b;
        case AG_BINARY_NE: return a != b;
        case AG_BINARY_LT: return a < b;
        case AG_BINARY_LE: return a <= b;
        case AG_BINARY_GT: return a > b;
        case AG_BINARY_GE: return a >= b;
        case AG_BINARY_LOGICAL_AND: return a != T(0) && b != T(0);
        case AG_BINARY_LOGICAL_OR: return a != T(0) || b != T(0);
    }
    return 0; // not reached (see ag_unary_op)
}

// ---------------------------------------------------------------------------------------------------------------
// The families over a walk
// ---------------------------------------------------------------------------------------------------------------

template <typename T, typename W>
__device__ __forceinline__ void ag_fill(const W& w, long long n, T* out, double value) {
    const T v = ag_from_double<T>(value);
    ag_walk<1>(w, n, [&](long long, const long long (&o)[1]) { out[o[0]] = v; });
}

template <typename From, typename To, typename W>
__device__ __forceinline__ void ag_copy(const W& w, long long n, To* out, const From* in) {
    ag_walk<2>(w, n, [&](long long, const long long (&o)[2]) { out[o[0]] = ag_convert<To>(in[o[1]]); });
}

template <typename T, typename W>
__device__ __forceinline__ void ag_unary(const W& w, int op, long long n, T* out, const T* in, double alpha,
                                         double beta) {
    ag_walk<2>(w, n, [&](long long, const long long (&o)[2]) {
        out[o[0]] = ag_unary_op<T>(op, in[o[1]], alpha, beta);
    });
}

template <typename T, typename W>
__device__ __forceinline__ void ag_isnan(const W& w, long long n, b8* out, const T* in) {
    ag_walk<2>(w, n, [&](long long, const long long (&o)[2]) {
        const T x = in[o[1]];
        out[o[0]] = x != x; // never true for integers and BOOL
    });
}

template <typename T, typename W>
__device__ __forceinline__ void ag_binary(const W& w, int op, long long n, T* out, const T* a, const T* b,
                                          double alpha) {
    ag_walk<3>(w, n, [&](long long, const long long (&o)[3]) {
        out[o[0]] = ag_binary_op<T>(op, a[o[1]], b[o[2]], alpha);
    });
}

template <typename T, typename W>
__device__ __forceinline__ void ag_compare(const W& w, int op, long long n, b8* out, const T* a, const T* b) {
    ag_walk<3>(w, n, [&](long long, const long long (&o)[3]) { out[o[0]] = ag_compare_op<T>(op, a[o[1]], b[o[2]]); });
}

// The scalar forms: b converted to T first, then exactly the tensor op with b as a broadcast operand (alpha 1).
template <typename T, typename W>
__device__ __forceinline__ void ag_binary_scalar(const W& w, int op, long long n, T* out, const T* a, double b) {
    const T s = ag_from_double<T>(b);
    ag_walk<2>(w, n, [&](long long, const long long (&o)[2]) { out[o[0]] = ag_binary_op<T>(op, a[o[1]], s, 1.0); });
}

template <typename T, typename W>
__device__ __forceinline__ void ag_compare_scalar(const W& w, int op, long long n, b8* out, const T* a, double b) {
    const T s = ag_from_double<T>(b);
    ag_walk<2>(w, n, [&](long long, const long long (&o)[2]) { out[o[0]] = ag_compare_op<T>(op, a[o[1]], s); });
}

template <typename T, typename W>
__device__ __forceinline__ void ag_where(const W& w, long long n, T* out, const b8* cond, const T* a, const T* b) {
    ag_walk<4>(w, n, [&](long long, const long long (&o)[4]) { out[o[0]] = cond[o[1]] ? a[o[2]] : b[o[3]]; });
}

template <typename T, typename W>
__device__ __forceinline__ void ag_where_scalar(const W& w, long long n, T* out, const b8* cond, const T* a,
                                                double b, int scalar_when_true) {
    const T s = ag_from_double<T>(b);
    const b8 pick_scalar = scalar_when_true ? 1 : 0;
    ag_walk<3>(w, n, [&](long long, const long long (&o)[3]) {
        out[o[0]] = (cond[o[1]] != 0) == (pick_scalar != 0) ? s : a[o[2]];
    });
}

// ---------------------------------------------------------------------------------------------------------------
// The extern "C" entry points, <family>_<contig|strided>_<suffix> (copy: copy_<variant>_<from>_<to>)
// ---------------------------------------------------------------------------------------------------------------

#define AG_ELEMENTWISE_KERNELS(S, T) \
    extern "C" __global__ void fill_contig_##S(long long n, T* out, double value) { \
        ag_fill(AgContig{}, n, out, value); \
    } \
    extern "C" __global__ void fill_strided_##S(Layout L, long long n, T* out, double value) { \
        ag_fill(AgStrided{L}, n, out, value); \
    } \
    extern "C" __global__ void unary_contig_##S(int op, long long n, T* out, const T* in, double alpha, \
                                                double beta) { \
        ag_unary(AgContig{}, op, n, out, in, alpha, beta); \
    } \
    extern "C" __global__ void unary_strided_##S(int op, Layout L, long long n, T* out, const T* in, double alpha, \
                                                 double beta) { \
        ag_unary(AgStrided{L}, op, n, out, in, alpha, beta); \
    } \
    extern "C" __global__ void isnan_contig_##S(long long n, b8* out, const T* in) { \
        ag_isnan(AgContig{}, n, out, in); \
    } \
    extern "C" __global__ void isnan_strided_##S(Layout L, long long n, b8* out, const T* in) { \
        ag_isnan(AgStrided{L}, n, out, in); \
    } \
    extern "C" __global__ void binary_contig_##S(int op, long long n, T* out, const T* a, const T* b, \
                                                 double alpha) { \
        ag_binary(AgContig{}, op, n, out, a, b, alpha); \
    } \
    extern "C" __global__ void binary_strided_##S(int op, Layout L, long long n, T* out, const T* a, const T* b, \
                                                  double alpha) { \
        ag_binary(AgStrided{L}, op, n, out, a, b, alpha); \
    } \
    extern "C" __global__ void compare_contig_##S(int op, long long n, b8* out, const T* a, const T* b) { \
        ag_compare(AgContig{}, op, n, out, a, b); \
    } \
    extern "C" __global__ void compare_strided_##S(int op, Layout L, long long n, b8* out, const T* a, \
                                                   const T* b) { \
        ag_compare(AgStrided{L}, op, n, out, a, b); \
    } \
    extern "C" __global__ void binary_scalar_contig_##S(int op, long long n, T* out, const T* a, double b) { \
        ag_binary_scalar(AgContig{}, op, n, out, a, b); \
    } \
    extern "C" __global__ void binary_scalar_strided_##S(int op, Layout L, long long n, T* out, const T* a, \
                                                         double b) { \
        ag_binary_scalar(AgStrided{L}, op, n, out, a, b); \
    } \
    extern "C" __global__ void compare_scalar_contig_##S(int op, long long n, b8* out, const T* a, double b) { \
        ag_compare_scalar(AgContig{}, op, n, out, a, b); \
    } \
    extern "C" __global__ void compare_scalar_strided_##S(int op, Layout L, long long n, b8* out, const T* a, \
                                                          double b) { \
        ag_compare_scalar(AgStrided{L}, op, n, out, a, b); \
    } \
    extern "C" __global__ void where_contig_##S(long long n, T* out, const b8* cond, const T* a, const T* b) { \
        ag_where(AgContig{}, n, out, cond, a, b); \
    } \
    extern "C" __global__ void where_strided_##S(Layout L, long long n, T* out, const b8* cond, const T* a, \
                                                 const T* b) { \
        ag_where(AgStrided{L}, n, out, cond, a, b); \
    } \
    extern "C" __global__ void where_scalar_contig_##S(long long n, T* out, const b8* cond, const T* a, double b, \
                                                       int scalarWhenTrue) { \
        ag_where_scalar(AgContig{}, n, out, cond, a, b, scalarWhenTrue); \
    } \
    extern "C" __global__ void where_scalar_strided_##S(Layout L, long long n, T* out, const b8* cond, const T* a, \
                                                        double b, int scalarWhenTrue) { \
        ag_where_scalar(AgStrided{L}, n, out, cond, a, b, scalarWhenTrue); \
    }

AG_ELEMENTWISE_KERNELS(f32, float)
AG_ELEMENTWISE_KERNELS(f64, double)
AG_ELEMENTWISE_KERNELS(i32, int)
AG_ELEMENTWISE_KERNELS(i64, long long)
AG_ELEMENTWISE_KERNELS(b8, b8)

#define AG_COPY_KERNELS(FS, From, TS, To) \
    extern "C" __global__ void copy_contig_##FS##_##TS(long long n, To* out, const From* in) { \
        ag_copy<From, To>(AgContig{}, n, out, in); \
    } \
    extern "C" __global__ void copy_strided_##FS##_##TS(Layout L, long long n, To* out, const From* in) { \
        ag_copy<From, To>(AgStrided{L}, n, out, in); \
    }

#define AG_COPY_FROM(FS, From) \
    AG_COPY_KERNELS(FS, From, f32, float) \
    AG_COPY_KERNELS(FS, From, f64, double) \
    AG_COPY_KERNELS(FS, From, i32, int) \
    AG_COPY_KERNELS(FS, From, i64, long long) \
    AG_COPY_KERNELS(FS, From, b8, b8)

AG_COPY_FROM(f32, float)
AG_COPY_FROM(f64, double)
AG_COPY_FROM(i32, int)
AG_COPY_FROM(i64, long long)
AG_COPY_FROM(b8, b8)
