// The reduce, index and fused kernels run on the host (cuda_host.h) against plain references: every op and dtype,
// every group kind and block size, several partitions and grids. Exact results must be exact, floating sums within
// the Accuracy list's bound, and a result must not change with the grid. Prints one line per failure (the first 40)
// and a summary; exits 1 on any failure.
//
//   g++ -std=c++20 -O1 -fwrapv -Wno-unknown-pragmas -I ../../main/cuda kernels_test.cpp -o kernels_test
#include "cuda_host.h"

#include "reduce.cu"
#include "index.cu"
#include "fused.cu"

#include <cstdio>
#include <limits>
#include <random>
#include <string>

static long checks = 0, failures = 0;

#define CHECK(cond, ...)                                      \
    do {                                                      \
        checks++;                                             \
        if (!(cond)) {                                        \
            if (failures++ < 40) {                            \
                fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
                fprintf(stderr, __VA_ARGS__);                 \
                fprintf(stderr, "\n");                        \
            }                                                 \
        }                                                     \
    } while (0)

static const double INF = std::numeric_limits<double>::infinity();
static const double NaN = std::numeric_limits<double>::quiet_NaN();

static bool same(double a, double b) {
    return (a != a && b != b) || a == b;
}

template <typename T>
static const char* type_name();
template <> const char* type_name<float>() { return "f32"; }
template <> const char* type_name<double>() { return "f64"; }
template <> const char* type_name<int>() { return "i32"; }
template <> const char* type_name<long long>() { return "i64"; }
template <> const char* type_name<b8>() { return "b8"; }

template <typename T>
static constexpr bool is_floating() {
    return std::is_floating_point_v<T>;
}

// ---------------------------------------------------------------------------------------------------------------
// Reductions
// ---------------------------------------------------------------------------------------------------------------

struct ReduceCase {
    const char* name;
    std::vector<long long> keptSizes, keptIn, keptOut, redSizes, redIn;
    long long inSize;  // elements the input buffer needs
};

static long long product(const std::vector<long long>& v) {
    long long p = 1;
    for (long long x : v) {
        p *= x;
    }
    return p;
}

static ReduceLayout layout_of(const ReduceCase& c) {
    ReduceLayout L;
    memset(&L, 0, sizeof L);
    L.outputs = product(c.keptSizes);
    L.count = product(c.redSizes);
    L.keptRank = (long long) c.keptSizes.size();
    for (size_t d = 0; d < c.keptSizes.size(); d++) {
        L.keptSizes[d] = c.keptSizes[d];
        L.keptIn[d] = c.keptIn[d];
        L.keptOut[d] = c.keptOut[d];
    }
    L.redRank = (long long) c.redSizes.size();
    for (size_t d = 0; d < c.redSizes.size(); d++) {
        L.redSizes[d] = c.redSizes[d];
        L.redIn[d] = c.redIn[d];
    }
    return L;
}

// Row-major coordinates of i over sizes, dotted with strides (the reference's own walk).
static long long dot(long long i, const std::vector<long long>& sizes, const std::vector<long long>& strides) {
    long long off = 0;
    for (int d = (int) sizes.size() - 1; d >= 0; d--) {
        off += (i % sizes[d]) * strides[d];
        i /= sizes[d];
    }
    return off;
}

// The values of an input: for floats ties, NaN, infinities and a wide spread of magnitudes; for integers ties and
// values whose sums wrap; for BOOL 0 and 1.
template <typename T>
static std::vector<T> values(long long n, unsigned seed, bool specials) {
    std::mt19937_64 r(seed);
    std::vector<T> v(n);
    for (long long i = 0; i < n; i++) {
        if constexpr (std::is_same_v<T, b8>) {
            v[i] = (b8) (r() % 3 == 0);
        } else if constexpr (is_floating<T>()) {
            double x = (double) (long long) (r() % 9) - 4;  // ties
            if (r() % 4 == 0) {
                x = std::ldexp((double) (r() % 1000000) - 500000, (int) (r() % 40) - 20);
            }
            if (specials) {
                int s = (int) (r() % 97);
                x = s == 0 ? NaN : s == 1 ? INF : s == 2 ? -INF : x;
            }
            v[i] = (T) x;
        } else if constexpr (std::is_same_v<T, int>) {
            v[i] = r() % 5 == 0 ? (int) (0x7fffffff - (int) (r() % 3)) : (int) (r() % 7) - 3;
        } else {
            v[i] = r() % 5 == 0 ? (long long) (0x7fffffffffffffffULL - r() % 3) : (long long) (r() % 7) - 3;
        }
    }
    return v;
}

// What the reference says output k holds: a value (as double or long long) and, for ARG ops, a position.
struct Expected {
    double d = 0;
    long long l = 0;
    double magnitude = 0;  // sum of |x| (floating SUM's bound)
};

template <typename T>
static Expected reference(int op, const ReduceCase& c, const std::vector<T>& in, long long k) {
    long long base = dot(k, c.keptSizes, c.keptIn), count = product(c.redSizes);
    Expected e;
    bool fl = is_floating<T>();
    long double sum = 0;
    unsigned long long isum = 0;
    double best = 0;
    long long ibest = 0, at = -1;
    bool any = false, all = true;
    for (long long j = 0; j < count; j++) {
        T x = in[base + dot(j, c.redSizes, c.redIn)];
        double xd = (double) x;
        long long xl = (long long) x;
        sum += xd;
        isum += (unsigned long long) xl;
        e.magnitude += std::fabs(xd);
        any = any || xd != 0;
        all = all && xd != 0;
        bool better;
        if (j == 0) {
            better = true;
        } else if (fl) {
            bool bn = best != best, vn = xd != xd;
            better = op == AG_REDUCE_MAX || op == AG_REDUCE_MIN
                    ? !bn && (vn || (op == AG_REDUCE_MAX ? xd > best : xd < best))
                    : !bn && (vn || (op == AG_REDUCE_ARGMAX ? xd > best : xd < best));
        } else {
            better = op == AG_REDUCE_MAX || op == AG_REDUCE_ARGMAX ? xl > ibest : xl < ibest;
        }
        if (better) {
            best = xd;
            ibest = xl;
            at = j;
        }
    }
    switch (op) {
        case AG_REDUCE_SUM:
            e.d = (double) sum;
            e.l = (long long) isum;
            break;
        case AG_REDUCE_MAX:
        case AG_REDUCE_MIN:
            e.d = best;
            e.l = ibest;
            break;
        case AG_REDUCE_ARGMAX:
        case AG_REDUCE_ARGMIN:
            e.l = at;
            break;
        case AG_REDUCE_ANY:
            e.l = any;
            break;
        default:
            e.l = all;
    }
    return e;
}

// Reads output k (at offset off) as the reduction writes it: INT64 sums and positions, BOOL for ANY/ALL, else T.
template <typename T>
static void read_out(int op, const std::vector<unsigned char>& out, long long off, double& d, long long& l) {
    if (op == AG_REDUCE_ARGMAX || op == AG_REDUCE_ARGMIN || (op == AG_REDUCE_SUM && !is_floating<T>())) {
        l = ((const long long*) out.data())[off];
        d = (double) l;
    } else if (op == AG_REDUCE_ANY || op == AG_REDUCE_ALL) {
        l = ((const b8*) out.data())[off];
        d = (double) l;
    } else {
        T x = ((const T*) out.data())[off];
        d = (double) x;
        l = (long long) x;
    }
}

struct Plan {
    int mode;
    unsigned threads;
    long long parts, chunk;
};

template <typename T>
static std::vector<unsigned char> run_reduce(int op, const ReduceLayout& L, const std::vector<T>& in, Plan p,
                                             unsigned grid, long long outSize) {
    std::vector<unsigned char> out(outSize * 8 + 8, 0xAB);
    std::vector<long long> partials(L.outputs * p.parts + 1), positions(L.outputs * p.parts + 1);
    long long* pv = p.parts > 1 ? partials.data() : nullptr;
    long long* pa = p.parts > 1 ? positions.data() : nullptr;
    void* o = out.data();
    const T* x = in.data();
    emu::launch(grid, p.threads, [&] {
        if (p.mode == AG_THREAD) {
            reduce_groups<T, AG_THREAD>(op, L, p.parts, p.chunk, o, x, pv, pa);
        } else if (p.mode == AG_WARP) {
            reduce_groups<T, AG_WARP>(op, L, p.parts, p.chunk, o, x, pv, pa);
        } else {
            reduce_groups<T, AG_BLOCK>(op, L, p.parts, p.chunk, o, x, pv, pa);
        }
    });
    if (p.parts > 1) {
        emu::launch(grid, 64, [&] { reduce_parts<T>(op, L, p.parts, o, pv, pa); });
    }
    return out;
}

template <typename T>
static void test_reduce(const ReduceCase& c, unsigned seed) {
    ReduceLayout L = layout_of(c);
    std::vector<T> in = values<T>(c.inSize, seed, true);
    long long outSize = 1;
    for (long long k = 0; k < L.outputs; k++) {
        outSize = std::max(outSize, dot(k, c.keptSizes, c.keptOut) + 1);
    }
    for (int op = AG_REDUCE_SUM; op <= AG_REDUCE_ALL; op++) {
        if (L.count == 0 && op != AG_REDUCE_SUM && op != AG_REDUCE_ANY && op != AG_REDUCE_ALL) {
            continue;  // the Java side raises PyTorch's error
        }
        std::vector<Plan> plans;
        for (long long parts : {1LL, 2LL, 3LL, 7LL}) {
            long long chunk = L.count == 0 ? 0 : (L.count + parts - 1) / parts;
            long long actual = L.count == 0 ? 1 : (L.count + chunk - 1) / chunk;
            if (parts > 1 && actual != parts) {
                continue;  // too few elements for that many non-empty parts
            }
            plans.push_back({AG_THREAD, 64, actual, chunk});
            plans.push_back({AG_WARP, 64, actual, chunk});
            plans.push_back({AG_BLOCK, 64, actual, chunk});
            plans.push_back({AG_BLOCK, 96, actual, chunk});
        }
        for (const Plan& p : plans) {
            std::vector<unsigned char> first;
            for (unsigned grid : {1u, 2u, 5u}) {
                std::vector<unsigned char> out = run_reduce<T>(op, L, in, p, grid, outSize);
                std::string what = std::string(c.name) + " " + type_name<T>() + " op " + std::to_string(op) + " mode "
                        + std::to_string(p.mode) + " threads " + std::to_string(p.threads) + " parts "
                        + std::to_string(p.parts) + " grid " + std::to_string(grid);
                if (first.empty()) {
                    first = out;
                } else {
                    CHECK(first == out, "%s: the result changed with the grid", what.c_str());
                }
                for (long long k = 0; k < L.outputs; k++) {
                    Expected e = reference<T>(op, c, in, k);
                    double d;
                    long long l;
                    read_out<T>(op, out, dot(k, c.keptSizes, c.keptOut), d, l);
                    if (op == AG_REDUCE_SUM && is_floating<T>()) {
                        double u = sizeof(T) == 4 ? 0x1p-24 : 0x1p-53;
                        double bound = (double) L.count * 0x1p-53 * e.magnitude + std::fabs(e.d) * u;
                        CHECK(same(d, e.d) || std::fabs(d - e.d) <= bound, "%s: output %lld is %.17g, expected %.17g",
                              what.c_str(), k, d, e.d);
                    } else if (op == AG_REDUCE_MAX || op == AG_REDUCE_MIN) {
                        CHECK(is_floating<T>() ? same(d, e.d) : l == e.l, "%s: output %lld is %.17g, expected %.17g",
                              what.c_str(), k, d, is_floating<T>() ? e.d : (double) e.l);
                    } else {
                        CHECK(l == e.l, "%s: output %lld is %lld, expected %lld", what.c_str(), k, l, e.l);
                    }
                }
            }
        }
    }
}

static void test_reductions() {
    std::vector<ReduceCase> cases = {
            {"rows", {5}, {37}, {1}, {37}, {1}, 5 * 37},
            {"columns", {37}, {1}, {1}, {5}, {37}, 5 * 37},
            {"transposed output", {4, 3}, {12, 4}, {1, 4}, {4}, {1}, 48},
            {"two reduced dims", {3}, {4}, {1}, {2, 4}, {12, 1}, 24},
            {"broadcast", {3}, {1}, {1}, {40}, {0}, 3},
            {"long row", {}, {}, {}, {3000}, {1}, 3000},
            {"strided row", {2}, {1}, {1}, {700}, {2}, 1400},
            {"zero-d", {}, {}, {}, {}, {}, 1},
            {"nothing reduced", {6}, {1}, {1}, {}, {}, 6},
            {"over zero elements", {3}, {1}, {1}, {0}, {3}, 1},
    };
    unsigned seed = 1;
    for (const ReduceCase& c : cases) {
        test_reduce<float>(c, seed++);
        test_reduce<double>(c, seed++);
        test_reduce<int>(c, seed++);
        test_reduce<long long>(c, seed++);
        test_reduce<b8>(c, seed++);
    }
    // The CPU contract's cases, written down: first of ties, NaN first of all, NaN propagates.
    {
        double m[] = {1, NaN, 3, NaN, 3, 0, 3, -1, 3};
        ReduceCase rows = {"contract rows", {3}, {3}, {1}, {3}, {1}, 9};
        ReduceLayout L = layout_of(rows);
        std::vector<double> in(m, m + 9);
        long long am[3], an[3];
        double mx[3];
        for (int i = 0; i < 3; i++) {
            Plan p = {AG_WARP, 32, 1, 3};
            std::vector<unsigned char> o = run_reduce<double>(AG_REDUCE_ARGMAX, L, in, p, 1, 3);
            am[i] = ((long long*) o.data())[i];
            o = run_reduce<double>(AG_REDUCE_ARGMIN, L, in, p, 1, 3);
            an[i] = ((long long*) o.data())[i];
            o = run_reduce<double>(AG_REDUCE_MAX, L, in, p, 1, 3);
            mx[i] = ((double*) o.data())[i];
        }
        CHECK(am[0] == 1 && am[1] == 0 && am[2] == 0, "argmax rows %lld %lld %lld", am[0], am[1], am[2]);
        CHECK(an[0] == 1 && an[1] == 0 && an[2] == 1, "argmin rows %lld %lld %lld", an[0], an[1], an[2]);
        CHECK(mx[0] != mx[0] && mx[1] != mx[1] && mx[2] == 3, "max rows %g %g %g", mx[0], mx[1], mx[2]);
    }
    // 2^24 + four ones in float32: a float accumulator gives 2^24.
    {
        ReduceCase row = {"float sum", {}, {}, {}, {5}, {1}, 5};
        std::vector<float> in = {16777216.f, 1, 1, 1, 1};
        for (int mode : {AG_THREAD, AG_WARP, AG_BLOCK}) {
            std::vector<unsigned char> o = run_reduce<float>(AG_REDUCE_SUM, layout_of(row), in, {mode, 64, 1, 5}, 1,
                                                             1);
            CHECK(((float*) o.data())[0] == 16777220.f, "float sums accumulate in double: %f",
                  ((float*) o.data())[0]);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// gather and scatter-add
// ---------------------------------------------------------------------------------------------------------------

static Layout abi_layout(std::vector<long long> sizes, std::vector<std::vector<long long>> strides) {
    Layout L;
    memset(&L, 0, sizeof L);
    L.rank = (long long) sizes.size();
    for (size_t d = 0; d < sizes.size(); d++) {
        L.sizes[d] = sizes[d];
        for (size_t k = 0; k < strides.size(); k++) {
            L.strides[k][d] = strides[k][d];
        }
    }
    return L;
}

template <typename T>
static void test_index(unsigned seed) {
    std::mt19937_64 r(seed);
    // gather along dim 1 of a [3, 4] input into [3, 5], the index transposed in memory (strides [1, 3]).
    std::vector<T> in = values<T>(12, seed, false);
    std::vector<long long> index(15);
    for (auto& v : index) {
        v = (long long) (r() % 4);
    }
    index[7] = 4;   // out of bounds
    index[11] = -1; // out of bounds
    std::vector<T> out(15, (T) 1);
    long long error[2] = {0, 0};
    Layout L = abi_layout({3, 5}, {{5, 1}, {1, 3}, {4, 0}});
    for (unsigned grid : {1u, 3u}) {
        std::fill(out.begin(), out.end(), (T) 1);
        error[0] = error[1] = 0;
        emu::launch(grid, 64, [&] { gather_elements<T>(L, 15, out.data(), index.data(), in.data(), 4, 1, error); });
        for (long long i = 0; i < 3; i++) {
            for (long long j = 0; j < 5; j++) {
                long long at = index[i + 3 * j];
                double expected = at < 0 || at >= 4 ? 1 : (double) in[i * 4 + at];
                CHECK(same((double) out[i * 5 + j], expected), "gather %s [%lld, %lld]: %g, expected %g",
                      type_name<T>(), i, j, (double) out[i * 5 + j], expected);
            }
        }
        CHECK(error[0] == 1 && (error[1] == 4 || error[1] == -1), "gather %s error buffer %lld %lld", type_name<T>(),
              error[0], error[1]);
    }
    // scatter-add along dim 0: src [6, 3] into out [4, 3]; repeated indices accumulate.
    std::vector<T> src = values<T>(18, seed + 1, false), acc = values<T>(12, seed + 2, false);
    std::vector<long long> rows(18);
    for (auto& v : rows) {
        v = (long long) (r() % 4);
    }
    rows[5] = 9;
    std::vector<T> o = acc;
    error[0] = error[1] = 0;
    Layout S = abi_layout({6, 3}, {{0, 1}, {3, 1}, {3, 1}});
    emu::launch(2, 64, [&] { scatter_add_elements<T>(S, 18, o.data(), rows.data(), src.data(), 4, 3, error); });
    std::vector<T> expected = acc;
    for (long long i = 0; i < 6; i++) {
        for (long long j = 0; j < 3; j++) {
            long long at = rows[i * 3 + j];
            if (at >= 0 && at < 4) {
                if constexpr (std::is_same_v<T, b8>) {
                    expected[at * 3 + j] = expected[at * 3 + j] | src[i * 3 + j];
                } else {
                    expected[at * 3 + j] = (T) (expected[at * 3 + j] + src[i * 3 + j]);
                }
            }
        }
    }
    for (int i = 0; i < 12; i++) {
        double tol = is_floating<T>() ? 1e-6 * (1 + std::fabs((double) expected[i])) : 0;
        CHECK(std::fabs((double) o[i] - (double) expected[i]) <= tol, "scatter_add %s [%d]: %g, expected %g",
              type_name<T>(), i, (double) o[i], (double) expected[i]);
    }
    CHECK(error[0] == 1 && error[1] == 9, "scatter_add %s error buffer %lld %lld", type_name<T>(), error[0],
          error[1]);
}

// BOOL scatter-add sets bytes through their aligned word: the neighbours must keep their values.
static void test_bool_scatter_neighbours() {
    alignas(8) b8 out[8] = {0, 1, 0, 1, 0, 0, 1, 0};
    b8 src[3] = {1, 0, 1};
    long long index[3] = {2, 4, 5};
    long long error[2] = {0, 0};
    Layout L = abi_layout({3}, {{0}, {1}, {1}});
    emu::launch(1, 32, [&] { scatter_add_elements<b8>(L, 3, out, index, src, 8, 1, error); });
    b8 expected[8] = {0, 1, 1, 1, 0, 1, 1, 0};
    CHECK(memcmp(out, expected, 8) == 0, "bool scatter-add through words: %d%d%d%d%d%d%d%d", out[0], out[1], out[2],
          out[3], out[4], out[5], out[6], out[7]);
}

// ---------------------------------------------------------------------------------------------------------------
// Fused kernels, against the CPU's formulas (RealFused) in double
// ---------------------------------------------------------------------------------------------------------------

template <typename T>
static bool close(double got, double expected, double rtol) {
    if (got != got || expected != expected) {
        return got != got && expected != expected;
    }
    if (isinf(expected)) {
        return got == expected;
    }
    double u = sizeof(T) == 4 ? 0x1p-23 : 0;
    return std::fabs(got - expected) <= rtol * std::fabs(expected) + u * std::fabs(expected) + 1e-300;
}

template <typename T>
static void softmax_reference(const std::vector<T>& x, long long rows, long long cols, bool log,
                              std::vector<double>& out) {
    out.assign(rows * cols, 0);
    for (long long r = 0; r < rows; r++) {
        double m = -INF;
        for (long long j = 0; j < cols; j++) {
            double v = (double) x[r * cols + j];
            m = v != v || m != m ? NaN : std::max(m, v);
        }
        // Shifted even by an infinite maximum, as PyTorch: a row with +inf, or of -inf only, is all NaN.
        double s = 0;
        for (long long j = 0; j < cols; j++) {
            s += std::exp((double) x[r * cols + j] - m);
        }
        for (long long j = 0; j < cols; j++) {
            double v = (double) x[r * cols + j] - m;
            out[r * cols + j] = log ? v - std::log(s) : std::exp(v) / s;
        }
    }
}

template <typename T, int MODE>
static void launch_rows(unsigned threads, unsigned grid, const std::function<void()>& f) {
    emu::launch(grid, threads, f);
}

template <typename T>
static void test_fused(unsigned seed) {
    double rtol = sizeof(T) == 4 ? 1e-6 : 1e-13;
    // Rows of 5 (the contract's: ordinary, large, with -inf, all -inf, with NaN, with +inf), of 37 and of 700 (random).
    std::vector<std::vector<double>> fives = {{0.5, -1.25, 2.0, 0.0, 3.5}, {1000, 1001, 999, 1000.5, 998},
                                              {1.0, -INF, 2.0, -INF, 0.0}, {-INF, -INF, -INF, -INF, -INF},
                                              {1.0, NaN, 2.0, 0.0, 0.0}, {1.0, INF, 2.0, 0.0, 0.0}};
    struct Shape {
        long long rows, cols;
    };
    for (Shape s : {Shape{6, 5}, Shape{9, 37}, Shape{3, 700}}) {
        std::vector<T> x(s.rows * s.cols);
        std::mt19937_64 r(seed + s.cols);
        for (long long i = 0; i < s.rows * s.cols; i++) {
            x[i] = s.cols == 5 ? (T) fives[i / 5][i % 5] : (T) (std::ldexp((double) (r() % 2001) - 1000, -7));
        }
        for (bool log : {false, true}) {
            std::vector<double> expected;
            softmax_reference(x, s.rows, s.cols, log, expected);
            for (int mode : {AG_WARP, AG_BLOCK}) {
                for (unsigned threads : {32u, 64u, 128u}) {
                    std::vector<T> y(x.size(), (T) 7);
                    emu::launch(2, threads, [&] {
                        if (mode == AG_WARP) {
                            softmax_rows<AG_WARP, T>(s.rows, s.cols, y.data(), x.data(), log);
                        } else {
                            softmax_rows<AG_BLOCK, T>(s.rows, s.cols, y.data(), x.data(), log);
                        }
                    });
                    for (size_t i = 0; i < y.size(); i++) {
                        CHECK(close<T>((double) y[i], expected[i], rtol), "%s %s cols %lld mode %d threads %u [%zu]: "
                              "%.17g, expected %.17g", log ? "log_softmax" : "softmax", type_name<T>(), s.cols, mode,
                              threads, i, (double) y[i], expected[i]);
                    }
                    // The backward, from this output and a gradient.
                    std::vector<T> g(x.size()), gi(x.size());
                    for (size_t i = 0; i < g.size(); i++) {
                        g[i] = (T) ((double) (long long) (i % 7) - 3) / 2;
                    }
                    emu::launch(1, threads, [&] {
                        if (mode == AG_WARP) {
                            softmax_backward_rows<AG_WARP, T>(s.rows, s.cols, gi.data(), g.data(), y.data(), log);
                        } else {
                            softmax_backward_rows<AG_BLOCK, T>(s.rows, s.cols, gi.data(), g.data(), y.data(), log);
                        }
                    });
                    for (long long row = 0; row < s.rows; row++) {
                        double sum = 0;
                        for (long long j = 0; j < s.cols; j++) {
                            long long i = row * s.cols + j;
                            sum += log ? (double) g[i] : (double) g[i] * (double) y[i];
                        }
                        for (long long j = 0; j < s.cols; j++) {
                            long long i = row * s.cols + j;
                            double e = log ? (double) g[i] - std::exp((double) y[i]) * sum
                                           : (double) y[i] * ((double) g[i] - sum);
                            CHECK(close<T>((double) gi[i], e, 4 * rtol) || std::fabs((double) gi[i] - e) < 1e-6,
                                  "softmax backward %s log %d [%lld]: %.17g, expected %.17g", type_name<T>(), log, i,
                                  (double) gi[i], e);
                        }
                    }
                }
            }
        }
    }
    // Layer norm over [rows, cols], forward and backward, strided statistics and parameters.
    for (Shape s : {Shape{3, 4}, Shape{70, 33}}) {
        long long M = s.rows, D = s.cols;
        std::mt19937_64 r(seed);
        std::vector<T> x(M * D), g(M * D), w(2 * D), b(D);
        for (auto& v : x) v = (T) std::ldexp((double) (r() % 2001) - 1000, -8);
        for (auto& v : g) v = (T) std::ldexp((double) (r() % 2001) - 1000, -9);
        for (auto& v : w) v = (T) std::ldexp((double) (r() % 2001) - 1000, -9);
        for (auto& v : b) v = (T) std::ldexp((double) (r() % 2001) - 1000, -10);
        double eps = 1e-5;
        std::vector<double> mean(M), rstd(M), out(M * D), gx(M * D), gw(D), gb(D);
        for (long long i = 0; i < M; i++) {
            double sum = 0, sq = 0;
            for (long long j = 0; j < D; j++) sum += (double) x[i * D + j];
            mean[i] = sum / D;
            for (long long j = 0; j < D; j++) sq += ((double) x[i * D + j] - mean[i]) * ((double) x[i * D + j] - mean[i]);
            rstd[i] = 1 / std::sqrt(sq / D + eps);
            for (long long j = 0; j < D; j++) {
                out[i * D + j] = ((double) x[i * D + j] - mean[i]) * rstd[i] * (double) w[2 * j] + (double) b[j];
            }
        }
        for (int mode : {AG_WARP, AG_BLOCK}) {
            std::vector<T> y(M * D), mu(2 * M), rs(M);
            emu::launch(3, 64, [&] {
                if (mode == AG_WARP) {
                    layer_norm_rows<AG_WARP, T>(M, D, y.data(), mu.data(), 2, rs.data(), 1, x.data(), w.data(), 2,
                                                b.data(), 1, eps);
                } else {
                    layer_norm_rows<AG_BLOCK, T>(M, D, y.data(), mu.data(), 2, rs.data(), 1, x.data(), w.data(), 2,
                                                 b.data(), 1, eps);
                }
            });
            for (long long i = 0; i < M; i++) {
                CHECK(close<T>((double) mu[2 * i], mean[i], 10 * rtol), "layer_norm mean %lld", i);
                CHECK(close<T>((double) rs[i], rstd[i], 10 * rtol), "layer_norm rstd %lld", i);
                for (long long j = 0; j < D; j++) {
                    CHECK(std::fabs((double) y[i * D + j] - out[i * D + j]) <= 10 * rtol * (1 + std::fabs(out[i * D + j])),
                          "layer_norm %s out [%lld, %lld]: %.17g, expected %.17g", type_name<T>(), i, j,
                          (double) y[i * D + j], out[i * D + j]);
                }
            }
            // The backward from the stored statistics, as the CPU does.
            std::fill(gw.begin(), gw.end(), 0);
            std::fill(gb.begin(), gb.end(), 0);
            for (long long i = 0; i < M; i++) {
                double m = (double) mu[2 * i], rr = (double) rs[i], sgh = 0, sghx = 0;
                for (long long j = 0; j < D; j++) {
                    double gh = (double) g[i * D + j] * (double) w[2 * j];
                    double xh = ((double) x[i * D + j] - m) * rr;
                    sgh += gh;
                    sghx += gh * xh;
                    gw[j] += (double) g[i * D + j] * xh;
                    gb[j] += (double) g[i * D + j];
                }
                for (long long j = 0; j < D; j++) {
                    double gh = (double) g[i * D + j] * (double) w[2 * j];
                    double xh = ((double) x[i * D + j] - m) * rr;
                    gx[i * D + j] = rr * (gh - sgh / D - xh * sghx / D);
                }
            }
            std::vector<T> gi(M * D);
            emu::launch(2, 64, [&] {
                if (mode == AG_WARP) {
                    layer_norm_backward_rows<AG_WARP, T>(M, D, gi.data(), g.data(), x.data(), mu.data(), 2, rs.data(),
                                                         1, w.data(), 2);
                } else {
                    layer_norm_backward_rows<AG_BLOCK, T>(M, D, gi.data(), g.data(), x.data(), mu.data(), 2,
                                                          rs.data(), 1, w.data(), 2);
                }
            });
            for (long long i = 0; i < M * D; i++) {
                CHECK(std::fabs((double) gi[i] - gx[i]) <= 100 * rtol * (1 + std::fabs(gx[i])),
                      "layer_norm_backward %s [%lld]: %.17g, expected %.17g", type_name<T>(), i, (double) gi[i], gx[i]);
            }
            for (long long rowsPerPart : {M, 32LL, 7LL}) {
                long long parts = (M + rowsPerPart - 1) / rowsPerPart, n = parts * D;
                std::vector<T> gwo(2 * D, (T) 9), gbo(D, (T) 9);
                std::vector<double> pw(n), pb(n);
                double* pwp = parts > 1 ? pw.data() : nullptr;
                double* pbp = parts > 1 ? pb.data() : nullptr;
                emu::launch(2, 64, [&] {
                    layer_norm_params<T>(n, D, M, rowsPerPart, gwo.data(), 2, gbo.data(), 1, g.data(), x.data(),
                                         mu.data(), 2, rs.data(), 1, pwp, pbp);
                });
                if (parts > 1) {
                    emu::launch(2, 64, [&] {
                        layer_norm_params_combine<T>(D, parts, gwo.data(), 2, gbo.data(), 1, pw.data(), pb.data());
                    });
                }
                for (long long j = 0; j < D; j++) {
                    CHECK(std::fabs((double) gwo[2 * j] - gw[j]) <= 10 * rtol * (1 + std::fabs(gw[j])),
                          "layer_norm grad weight %s parts %lld [%lld]: %.17g, expected %.17g", type_name<T>(), parts,
                          j, (double) gwo[2 * j], gw[j]);
                    CHECK(std::fabs((double) gbo[j] - gb[j]) <= 10 * rtol * (1 + std::fabs(gb[j])),
                          "layer_norm grad bias %s parts %lld [%lld]", type_name<T>(), parts, j);
                }
            }
        }
    }
    // Cross-entropy with class weights, an ignored target and one out of range; the NLL backward.
    {
        long long M = 6, C = 5;
        std::vector<T> logits(M * C);
        for (long long i = 0; i < M * C; i++) logits[i] = (T) fives[i / C][i % C];
        logits[5 * C + 1] = (T) 0.25;  // row 5: finite
        std::vector<long long> target = {4, 1, 2, -100, 0, 7};  // row 3 ignored, row 5 out of range
        std::vector<T> cw = {1, 2, (T) 0.5, 1, 3};
        std::vector<double> logp;
        softmax_reference(logits, M, C, true, logp);
        for (int mode : {AG_WARP, AG_BLOCK}) {
            std::vector<T> lp(M * C), losses(2 * M, (T) 5), weights(M, (T) 5);
            long long error[2] = {0, 0};
            emu::launch(2, 64, [&] {
                if (mode == AG_WARP) {
                    cross_entropy_rows<AG_WARP, T>(M, C, lp.data(), losses.data(), 2, weights.data(), 1, logits.data(),
                                                   target.data(), 1, cw.data(), 1, -100, error);
                } else {
                    cross_entropy_rows<AG_BLOCK, T>(M, C, lp.data(), losses.data(), 2, weights.data(), 1,
                                                    logits.data(), target.data(), 1, cw.data(), 1, -100, error);
                }
            });
            for (long long i = 0; i < M * C; i++) {
                CHECK(close<T>((double) lp[i], logp[i], rtol), "cross_entropy logProbs %s [%lld]", type_name<T>(), i);
            }
            for (long long i = 0; i < 5; i++) {
                long long t = target[i];
                double w = t == -100 ? 0 : (double) cw[t];
                double loss = t == -100 ? 0 : -w * (double) lp[i * C + t];
                CHECK((double) weights[i] == w, "cross_entropy weight %lld: %g, expected %g", i, (double) weights[i], w);
                CHECK(same((double) losses[2 * i], (double) (T) loss), "cross_entropy loss %lld: %.17g, expected %.17g",
                      i, (double) losses[2 * i], loss);
            }
            CHECK((double) losses[10] == 5 && (double) weights[5] == 5, "a bad target's row is not written");
            CHECK(error[0] == 1 && error[1] == 7, "cross_entropy error buffer %lld %lld", error[0], error[1]);
        }
        std::vector<T> gl = {(T) 0.25};  // a broadcast gradient: stride 0
        std::vector<T> gi(M * C, (T) 3);
        long long error[2] = {0, 0};
        emu::launch(3, 64, [&] {
            nll_loss_backward_elements<T>(M * C, C, gi.data(), gl.data(), 0, target.data(), 1, cw.data(), 1, -100,
                                          error);
        });
        for (long long i = 0; i < M * C; i++) {
            long long r = i / C, c = i % C, t = target[r];
            double e = t != -100 && t >= 0 && t < C && c == t ? -(double) cw[t] * 0.25 : 0;
            CHECK((double) gi[i] == (double) (T) e, "nll_loss_backward [%lld]: %g, expected %g", i, (double) gi[i], e);
        }
        CHECK(error[0] == 1 && error[1] == 7, "nll_loss_backward error buffer %lld %lld", error[0], error[1]);
    }
}

int main() {
    test_reductions();
    test_index<float>(11);
    test_index<double>(12);
    test_index<int>(13);
    test_index<long long>(14);
    test_index<b8>(15);
    test_bool_scatter_neighbours();
    test_fused<float>(21);
    test_fused<double>(22);
    printf("%ld checks, %ld failures\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
