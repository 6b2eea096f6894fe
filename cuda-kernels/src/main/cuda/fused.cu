// The optional fused kernels (module "fused"): softmax and log-softmax with their backward, layer norm with its
// backward, cross-entropy and the NLL backward, with the semantics of dev.autograd4j.spi.Backend's Javadoc and the
// CPU backend's RealFused. (The activation backwards are binary op codes of the elementwise family.)
//
// Rows: the data views are contiguous [rows, cols]; the vectors beside them ([rows] statistics, losses, targets;
// [cols] weights) have any stride, given in elements. Sums, maxima and every intermediate value are in double for
// both dtypes, rounded once to T where they are stored; only float32's exponentials are float-accurate (ag_exp). Row kernels come in two variants: `warp` (one warp per row,
// for rows of up to about a thousand elements; blockDim.x a multiple of 32) and `block` (one block per row,
// blockDim.x a multiple of 32 up to 1024). The Java side picks the variant and the block from `cols` alone and walks
// the rows grid-stride, so results never depend on the grid. A null pointer is an absent optional operand.
//
// Kernels (<t> is f32 or f64, T its type; <v> is warp or block):
//   softmax_<v>_<t>(long long rows, long long cols, T* out, const T* in, int log)
//       out = exp(x - m) / sum exp(x - m), or x - m - log(sum exp(x - m)) when log != 0, m the row's maximum (NaN
//       propagates); a row whose maximum is infinite is shifted by 0 instead (a row of -inf gives NaN).
//   softmax_backward_<v>_<t>(long long rows, long long cols, T* gradIn, const T* gradOut, const T* out, int log)
//       gradIn = out * (gradOut - sum(gradOut * out)), or gradOut - exp(out) * sum(gradOut) when log != 0.
//   layer_norm_<v>_<t>(long long rows, long long cols, T* out, T* mean, long long meanStride, T* rstd,
//                      long long rstdStride, const T* in, const T* weight, long long weightStride, const T* bias,
//                      long long biasStride, double eps)
//       mean = sum(x) / cols, rstd = 1 / sqrt(sum((x - mean)^2) / cols + eps) (two passes, as the CPU), and
//       out = (x - mean) * rstd * weight + bias (weight and bias may be null).
//   layer_norm_backward_<v>_<t>(long long rows, long long cols, T* gradIn, const T* gradOut, const T* in,
//                               const T* mean, long long meanStride, const T* rstd, long long rstdStride,
//                               const T* weight, long long weightStride)
//       With xhat = (x - mean) * rstd and gh = gradOut * weight (gradOut without weight):
//       gradIn = rstd * (gh - sum(gh) / cols - xhat * sum(gh * xhat) / cols).
//   layer_norm_params_<t>(long long n, long long cols, long long rows, long long rowsPerPart, T* gradWeight,
//                         long long gradWeightStride, T* gradBias, long long gradBiasStride, const T* gradOut,
//                         const T* in, const T* mean, long long meanStride, const T* rstd, long long rstdStride,
//                         double* partWeight, double* partBias)
//       The weight and bias gradients as column sums over the rows, gradWeight = sum_rows(gradOut * xhat) and
//       gradBias = sum_rows(gradOut), either may be null. Grid-stride over n = parts * cols items, item
//       p * cols + j summing column j over rows [p * rowsPerPart, (p + 1) * rowsPerPart) in order. With one part
//       (partWeight and partBias null) it writes the gradients; otherwise it writes each item's sums, in double, to
//       partWeight[item] and partBias[item] and layer_norm_params_combine_<t> finishes.
//   layer_norm_params_combine_<t>(long long cols, long long parts, T* gradWeight, long long gradWeightStride,
//                                 T* gradBias, long long gradBiasStride, const double* partWeight,
//                                 const double* partBias)
//       Grid-stride over the cols columns: the parts' sums of column j, added in order.
//   cross_entropy_<v>_<t>(long long rows, long long cols, T* logProbs, T* losses, long long lossStride, T* weights,
//                         long long weightStride, const T* logits, const long long* target, long long targetStride,
//                         const T* classWeight, long long classWeightStride, long long ignoreIndex,
//                         long long* error)
//       logProbs = log_softmax(logits) as above; for row r with target t: weights[r] = t == ignoreIndex ? 0 :
//       classWeight[t] (1 without classWeight), losses[r] = t == ignoreIndex ? 0 : -weights[r] * logProbs[r, t]
//       (the stored, rounded logProbs). A target outside [0, cols) other than ignoreIndex is recorded in `error`
//       (the ABI's index errors) and its row's loss and weight are not written.
//   nll_loss_backward_contig_<t>(long long n, long long cols, T* gradInput, const T* gradLosses,
//                                long long gradLossStride, const long long* target, long long targetStride,
//                                const T* classWeight, long long classWeightStride, long long ignoreIndex,
//                                long long* error)
//       Grid-stride over the n = rows * cols elements of the contiguous gradInput: element (r, c) is
//       -weight(r) * gradLosses[r] where c == target[r] != ignoreIndex, else 0 (gradLosses may have stride 0).
//       A bad target is recorded (by its row's column 0) and its row is all 0.
#include "ag_group.cuh"

#define AG_NEG_INF __longlong_as_double(0xfff0000000000000ULL)
#define AG_NAN __longlong_as_double(0x7ff8000000000000ULL)

struct AgSum {
    __device__ __forceinline__ double operator()(double a, double b) const {
        return a + b;
    }
};

struct AgSum2 {
    __device__ __forceinline__ AgPair operator()(AgPair x, AgPair y) const {
        return {x.a + y.a, x.b + y.b};
    }
};

// exp(d) for a row of T. For double, exp. For float data, whose results are rounded to float anyway, d's float part
// goes through expf and the rest as a first-order correction, exp(h + l) = expf(h) * (1 + l): within about two
// float ulps, where a double exp costs some twenty double operations per element, and many GPUs run double at 1/32
// or 1/64 of float's rate. Infinite and NaN d stay exact (exp(-inf) is 0).
template <typename T>
__device__ __forceinline__ double ag_exp(double d) {
    if constexpr (sizeof(T) == sizeof(float)) {
        float h = (float) d;
        float l = isinf(h) ? 0.0f : (float) (d - (double) h);
        return (double) (expf(h) * (1.0f + l));
    } else {
        return exp(d);
    }
}

// Softmax's running (maximum, sum of exp(x - maximum)) as an AgPair (a = maximum, b = sum), so that the maximum and
// the sum take one read of the row. Only a finite maximum's sum is used: a row whose maximum is infinite comes out
// all NaN (see ag_softmax_shift), and a NaN maximum makes everything NaN.
template <typename T>
__device__ __forceinline__ AgPair ag_running_add(AgPair r, double x) {
    if (x != x || r.a != r.a) {
        return {AG_NAN, AG_NAN};
    }
    if (x == AG_NEG_INF) {
        return r; // exp(-inf - m) is 0 for a finite m; an all -inf row has an infinite maximum
    }
    if (x > r.a) {
        return {x, r.b * ag_exp<T>(r.a - x) + 1}; // from -inf: 0 * 0 + 1
    }
    return {r.a, r.b + ag_exp<T>(x - r.a)};
}

// Two running pairs as one. Not inlined: a group's combine tree calls it a handful of times per row, and each copy
// of its two exps would add some 2 KB of PTX (and JIT time) to every softmax and cross-entropy kernel.
__device__ __noinline__ AgPair ag_running_combine(AgPair x, AgPair y) {
    if (x.a != x.a || y.a != y.a) {
        return {AG_NAN, AG_NAN};
    }
    if (x.a == AG_NEG_INF) {
        return y;
    }
    if (y.a == AG_NEG_INF) {
        return x;
    }
    double m = fmax(x.a, y.a);
    if (isinf(m)) {
        return {m, AG_NAN}; // +inf: the row is NaN (ag_softmax_shift)
    }
    return {m, x.b * exp(x.a - m) + y.b * exp(y.a - m)};
}

struct AgRunningCombine {
    __device__ __forceinline__ AgPair operator()(AgPair x, AgPair y) const {
        return ag_running_combine(x, y);
    }
};

// The shift m of a row and sum(exp(x - m)): m is the row's maximum. Where that is infinite (+inf, or a row of -inf
// only), x - m is NaN for the maximum's own element, so PyTorch's softmax and log-softmax give NaN for the whole row
// (softmax([inf, 1]) is [nan, nan]); so does the pair (NaN, NaN). Every thread of the group gets the pair.
template <int MODE, typename T>
__device__ __forceinline__ AgPair ag_softmax_shift(const AgGroup<MODE>& g, const T* __restrict__ x,
                                                   long long cols) {
    AgPair r = {AG_NEG_INF, 0};
#pragma unroll 1
    for (long long j = g.lane; j < cols; j += g.size) {
        r = ag_running_add<T>(r, (double) x[j]);
    }
    r = ag_group_reduce<MODE>(r, AgRunningCombine(), AgPair{AG_NEG_INF, 0});
    if (isinf(r.a)) {
        r = {AG_NAN, AG_NAN};
    }
    return r;
}

template <int MODE, typename T>
__device__ __forceinline__ void softmax_rows(long long rows, long long cols, T* __restrict__ out,
                                             const T* __restrict__ in, int log) {
    AgGroup<MODE> g;
    AG_FOR_EACH_GROUP(row, g, rows) {
        const T* x = in + row * cols;
        T* y = out + row * cols;
        AgPair shift = ag_softmax_shift<MODE, T>(g, x, cols);
        double m = shift.a;
        if (log) {
            double logSum = ::log(shift.b);
            for (long long j = g.lane; j < cols; j += g.size) {
                y[j] = (T) ((double) x[j] - m - logSum);
            }
        } else if constexpr (sizeof(T) == sizeof(float)) {
            double inverse = 1.0 / shift.b; // a double multiply per element, not a division: float's rounding hides it
            for (long long j = g.lane; j < cols; j += g.size) {
                y[j] = (T) (ag_exp<T>((double) x[j] - m) * inverse);
            }
        } else {
            for (long long j = g.lane; j < cols; j += g.size) {
                y[j] = (T) (ag_exp<T>((double) x[j] - m) / shift.b);
            }
        }
    }
}

template <int MODE, typename T>
__device__ __forceinline__ void softmax_backward_rows(long long rows, long long cols, T* __restrict__ gradIn,
                                                      const T* __restrict__ gradOut, const T* __restrict__ out,
                                                      int log) {
    AgGroup<MODE> g;
    AG_FOR_EACH_GROUP(row, g, rows) {
        const T* go = gradOut + row * cols;
        const T* y = out + row * cols;
        T* gi = gradIn + row * cols;
        double s = 0;
        for (long long j = g.lane; j < cols; j += g.size) {
            s += log ? (double) go[j] : (double) go[j] * (double) y[j];
        }
        s = ag_group_reduce<MODE>(s, AgSum(), 0.0);
        for (long long j = g.lane; j < cols; j += g.size) {
            gi[j] = log ? (T) ((double) go[j] - ag_exp<T>((double) y[j]) * s)
                        : (T) ((double) y[j] * ((double) go[j] - s));
        }
    }
}

template <int MODE, typename T>
__device__ __forceinline__ void layer_norm_rows(long long rows, long long cols, T* __restrict__ out,
                                                T* __restrict__ mean, long long meanStride, T* __restrict__ rstd,
                                                long long rstdStride, const T* __restrict__ in,
                                                const T* __restrict__ weight, long long weightStride,
                                                const T* __restrict__ bias, long long biasStride, double eps) {
    AgGroup<MODE> g;
    AG_FOR_EACH_GROUP(row, g, rows) {
        const T* x = in + row * cols;
        T* y = out + row * cols;
        double s = 0;
        for (long long j = g.lane; j < cols; j += g.size) {
            s += (double) x[j];
        }
        double m = ag_group_reduce<MODE>(s, AgSum(), 0.0) / (double) cols;
        double sq = 0;
        for (long long j = g.lane; j < cols; j += g.size) {
            double c = (double) x[j] - m;
            sq += c * c;
        }
        double r = 1.0 / sqrt(ag_group_reduce<MODE>(sq, AgSum(), 0.0) / (double) cols + eps);
        if (g.lane == 0) {
            mean[row * meanStride] = (T) m;
            rstd[row * rstdStride] = (T) r;
        }
        for (long long j = g.lane; j < cols; j += g.size) {
            double v = ((double) x[j] - m) * r;
            if (weight != nullptr) {
                v *= (double) weight[j * weightStride];
            }
            if (bias != nullptr) {
                v += (double) bias[j * biasStride];
            }
            y[j] = (T) v;
        }
    }
}

template <int MODE, typename T>
__device__ __forceinline__ void layer_norm_backward_rows(long long rows, long long cols, T* __restrict__ gradIn,
                                                         const T* __restrict__ gradOut, const T* __restrict__ in,
                                                         const T* __restrict__ mean, long long meanStride,
                                                         const T* __restrict__ rstd, long long rstdStride,
                                                         const T* __restrict__ weight, long long weightStride) {
    AgGroup<MODE> g;
    AG_FOR_EACH_GROUP(row, g, rows) {
        const T* go = gradOut + row * cols;
        const T* x = in + row * cols;
        T* gi = gradIn + row * cols;
        double m = (double) mean[row * meanStride], r = (double) rstd[row * rstdStride];
        AgPair sums = {0, 0}; // sum(gh), sum(gh * xhat)
        for (long long j = g.lane; j < cols; j += g.size) {
            double gh = weight == nullptr ? (double) go[j] : (double) go[j] * (double) weight[j * weightStride];
            sums.a += gh;
            sums.b += gh * ((double) x[j] - m) * r;
        }
        sums = ag_group_reduce<MODE>(sums, AgSum2(), AgPair{0, 0});
        double a = sums.a / (double) cols, b = sums.b / (double) cols;
        for (long long j = g.lane; j < cols; j += g.size) {
            double gh = weight == nullptr ? (double) go[j] : (double) go[j] * (double) weight[j * weightStride];
            double xhat = ((double) x[j] - m) * r;
            gi[j] = (T) (r * (gh - a - xhat * b));
        }
    }
}

template <typename T>
__device__ __forceinline__ void layer_norm_params(long long n, long long cols, long long rows, long long rowsPerPart,
                                                  T* gradWeight, long long gradWeightStride, T* gradBias,
                                                  long long gradBiasStride, const T* __restrict__ gradOut,
                                                  const T* __restrict__ in, const T* __restrict__ mean,
                                                  long long meanStride, const T* __restrict__ rstd,
                                                  long long rstdStride, double* partWeight, double* partBias) {
    AG_FOR_EACH(item, n) {
        long long j = item % cols, p = item / cols;
        long long r0 = p * rowsPerPart, r1 = min(r0 + rowsPerPart, rows);
        double sw = 0, sb = 0;
        for (long long r = r0; r < r1; r++) {
            double gv = (double) gradOut[r * cols + j];
            if (gradWeight != nullptr) {
                sw += gv * ((double) in[r * cols + j] - (double) mean[r * meanStride]) * (double) rstd[r * rstdStride];
            }
            sb += gv;
        }
        if (partWeight != nullptr) {
            partWeight[item] = sw;
            partBias[item] = sb;
        } else {
            if (gradWeight != nullptr) {
                gradWeight[j * gradWeightStride] = (T) sw;
            }
            if (gradBias != nullptr) {
                gradBias[j * gradBiasStride] = (T) sb;
            }
        }
    }
}

template <typename T>
__device__ __forceinline__ void layer_norm_params_combine(long long cols, long long parts, T* gradWeight,
                                                          long long gradWeightStride, T* gradBias,
                                                          long long gradBiasStride,
                                                          const double* __restrict__ partWeight,
                                                          const double* __restrict__ partBias) {
    AG_FOR_EACH(j, cols) {
        double sw = 0, sb = 0;
        for (long long p = 0; p < parts; p++) {
            sw += partWeight[p * cols + j];
            sb += partBias[p * cols + j];
        }
        if (gradWeight != nullptr) {
            gradWeight[j * gradWeightStride] = (T) sw;
        }
        if (gradBias != nullptr) {
            gradBias[j * gradBiasStride] = (T) sb;
        }
    }
}

template <int MODE, typename T>
__device__ __forceinline__ void cross_entropy_rows(long long rows, long long cols, T* __restrict__ logProbs,
                                                   T* __restrict__ losses, long long lossStride,
                                                   T* __restrict__ weights, long long weightStride,
                                                   const T* __restrict__ logits,
                                                   const long long* __restrict__ target, long long targetStride,
                                                   const T* __restrict__ classWeight, long long classWeightStride,
                                                   long long ignoreIndex, long long* error) {
    AgGroup<MODE> g;
    AG_FOR_EACH_GROUP(row, g, rows) {
        const T* x = logits + row * cols;
        T* lp = logProbs + row * cols;
        AgPair shift = ag_softmax_shift<MODE, T>(g, x, cols);
        double m = shift.a, logSum = ::log(shift.b);
        for (long long j = g.lane; j < cols; j += g.size) {
            lp[j] = (T) ((double) x[j] - m - logSum);
        }
        if (g.lane == 0) {
            long long t = target[row * targetStride];
            if (t == ignoreIndex) {
                weights[row * weightStride] = (T) 0;
                losses[row * lossStride] = (T) 0;
            } else if (t < 0 || t >= cols) {
                ag_index_error(error, t);
            } else {
                double w = classWeight == nullptr ? 1.0 : (double) classWeight[t * classWeightStride];
                T stored = (T) ((double) x[t] - m - logSum); // the value written to lp[t] above, bit for bit
                weights[row * weightStride] = (T) w;
                losses[row * lossStride] = (T) (-w * (double) stored);
            }
        }
    }
}

template <typename T>
__device__ __forceinline__ void nll_loss_backward_elements(long long n, long long cols, T* __restrict__ gradInput,
                                                           const T* __restrict__ gradLosses,
                                                           long long gradLossStride,
                                                           const long long* __restrict__ target,
                                                           long long targetStride,
                                                           const T* __restrict__ classWeight,
                                                           long long classWeightStride, long long ignoreIndex,
                                                           long long* error) {
    AG_FOR_EACH(i, n) {
        long long r = i / cols, c = i - r * cols;
        long long t = target[r * targetStride];
        double v = 0;
        if (t != ignoreIndex) {
            if (t < 0 || t >= cols) {
                if (c == 0) {
                    ag_index_error(error, t);
                }
            } else if (c == t) {
                double w = classWeight == nullptr ? 1.0 : (double) classWeight[t * classWeightStride];
                v = -w * (double) gradLosses[r * gradLossStride];
            }
        }
        gradInput[i] = (T) v;
    }
}

#define AG_FUSED_ROW_KERNELS(V, MODE, T, SUF)                                                                    \
    extern "C" __global__ void softmax_##V##_##SUF(long long rows, long long cols, T* out, const T* in,          \
                                                   int log) {                                                    \
        softmax_rows<MODE, T>(rows, cols, out, in, log);                                                         \
    }                                                                                                            \
    extern "C" __global__ void softmax_backward_##V##_##SUF(long long rows, long long cols, T* gradIn,           \
                                                            const T* gradOut, const T* out, int log) {           \
        softmax_backward_rows<MODE, T>(rows, cols, gradIn, gradOut, out, log);                                   \
    }                                                                                                            \
    extern "C" __global__ void layer_norm_##V##_##SUF(long long rows, long long cols, T* out, T* mean,           \
                                                      long long meanStride, T* rstd, long long rstdStride,       \
                                                      const T* in, const T* weight, long long weightStride,      \
                                                      const T* bias, long long biasStride, double eps) {         \
        layer_norm_rows<MODE, T>(rows, cols, out, mean, meanStride, rstd, rstdStride, in, weight, weightStride,  \
                                 bias, biasStride, eps);                                                         \
    }                                                                                                            \
    extern "C" __global__ void layer_norm_backward_##V##_##SUF(long long rows, long long cols, T* gradIn,        \
                                                               const T* gradOut, const T* in, const T* mean,     \
                                                               long long meanStride, const T* rstd,              \
                                                               long long rstdStride, const T* weight,            \
                                                               long long weightStride) {                         \
        layer_norm_backward_rows<MODE, T>(rows, cols, gradIn, gradOut, in, mean, meanStride, rstd, rstdStride,  \
                                          weight, weightStride);                                                 \
    }                                                                                                            \
    extern "C" __global__ void cross_entropy_##V##_##SUF(long long rows, long long cols, T* logProbs, T* losses, \
                                                         long long lossStride, T* weights, long long weightStride,\
                                                         const T* logits, const long long* target,               \
                                                         long long targetStride, const T* classWeight,           \
                                                         long long classWeightStride, long long ignoreIndex,     \
                                                         long long* error) {                                     \
        cross_entropy_rows<MODE, T>(rows, cols, logProbs, losses, lossStride, weights, weightStride, logits,     \
                                    target, targetStride, classWeight, classWeightStride, ignoreIndex, error);   \
    }

#define AG_FUSED_KERNELS(T, SUF)                                                                                 \
    AG_FUSED_ROW_KERNELS(warp, AG_WARP, T, SUF)                                                                  \
    AG_FUSED_ROW_KERNELS(block, AG_BLOCK, T, SUF)                                                                \
    extern "C" __global__ void layer_norm_params_##SUF(long long n, long long cols, long long rows,              \
                                                       long long rowsPerPart, T* gradWeight,                     \
                                                       long long gradWeightStride, T* gradBias,                  \
                                                       long long gradBiasStride, const T* gradOut, const T* in,  \
                                                       const T* mean, long long meanStride, const T* rstd,       \
                                                       long long rstdStride, double* partWeight,                 \
                                                       double* partBias) {                                       \
        layer_norm_params<T>(n, cols, rows, rowsPerPart, gradWeight, gradWeightStride, gradBias, gradBiasStride, \
                             gradOut, in, mean, meanStride, rstd, rstdStride, partWeight, partBias);             \
    }                                                                                                            \
    extern "C" __global__ void layer_norm_params_combine_##SUF(long long cols, long long parts, T* gradWeight,   \
                                                               long long gradWeightStride, T* gradBias,          \
                                                               long long gradBiasStride,                         \
                                                               const double* partWeight,                         \
                                                               const double* partBias) {                         \
        layer_norm_params_combine<T>(cols, parts, gradWeight, gradWeightStride, gradBias, gradBiasStride,       \
                                     partWeight, partBias);                                                      \
    }                                                                                                            \
    extern "C" __global__ void nll_loss_backward_contig_##SUF(long long n, long long cols, T* gradInput,         \
                                                              const T* gradLosses, long long gradLossStride,     \
                                                              const long long* target, long long targetStride,   \
                                                              const T* classWeight, long long classWeightStride, \
                                                              long long ignoreIndex, long long* error) {         \
        nll_loss_backward_elements<T>(n, cols, gradInput, gradLosses, gradLossStride, target, targetStride,      \
                                      classWeight, classWeightStride, ignoreIndex, error);                       \
    }

AG_FUSED_KERNELS(float, f32)
AG_FUSED_KERNELS(double, f64)
