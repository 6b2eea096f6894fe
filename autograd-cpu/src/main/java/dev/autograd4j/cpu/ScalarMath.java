package dev.autograd4j.cpu;

/**
 * The scalar functions the kernels need that {@link Math} lacks (erf, the normal CDF) or computes slowly
 * ({@code Math.tanh} is a native call in JDK 17, five times the cost of {@code Math.exp}), in double precision.
 * Float32 kernels call them too and round once at the end.
 */
final class ScalarMath {
    private ScalarMath() {
    }

    // C's M_SQRT2, M_2_SQRTPI, M_SQRT1_2, written as PyTorch's kernels use them.
    private static final double SQRT2 = 1.41421356237309504880;
    private static final double TWO_OVER_SQRTPI = 1.12837916709551257390;
    private static final double SQRT1_2 = 0.70710678118654752440;
    /** sqrt(2/pi), PyTorch's kBeta for the tanh-approximated GELU. */
    private static final double GELU_BETA = SQRT2 * TWO_OVER_SQRTPI * 0.5;
    private static final double GELU_KAPPA = 0.044715;
    /** 1/sqrt(2 pi), PyTorch's kAlpha for the exact GELU's backward. */
    private static final double INV_SQRT_2PI = TWO_OVER_SQRTPI * SQRT1_2 * 0.5;

    /**
     * {@code tanh(x)} to about one ulp: Cephes' rational approximation {@code x + x^3 P(x^2)/Q(x^2)} for
     * {@code |x| < 0.625}, where {@code 1 - 2/(e^{2|x|} + 1)} would cancel, and that formula elsewhere (it reaches
     * exactly 1 once {@code e^{2|x|}} overflows). Both are computed and one is picked with a bit mask rather than a
     * branch, which a mix of small and large inputs would mispredict half the time.
     */
    static double tanh(double x) {
        double z = Math.abs(x);
        double large = 1 - 2 / (Math.exp(2 * z) + 1);
        double s = z * z;
        double p = ((-9.64399179425052238628e-1 * s - 9.92877231001918586564e1) * s - 1.61468768441708447952e3) * s;
        double q = ((s + 1.12811678491632931402e2) * s + 2.23548839060100448583e3) * s + 4.84406305325125486048e3;
        double small = z + z * (p / q); // NaN stays NaN here, and is picked below
        return Math.copySign(select(0.625 - z, large, small), x); // copySign keeps -0.0
    }

    /** {@code 1 / (1 + e^-x)} without overflow: {@code exp} only ever sees {@code -|x|}. */
    static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        double r = 1 / (1 + e);
        return select(x, e * r, r); // e/(1+e) for negative x; NaN stays NaN either way
    }

    /**
     * {@code sign < 0 ? ifNegative : otherwise} by the sign bit of {@code sign}, without a branch (the sign of a
     * NaN is arbitrary, so callers make both choices NaN for a NaN input).
     */
    private static double select(double sign, double ifNegative, double otherwise) {
        long mask = Double.doubleToRawLongBits(sign) >> 63;
        return Double.longBitsToDouble((Double.doubleToRawLongBits(ifNegative) & mask)
                | (Double.doubleToRawLongBits(otherwise) & ~mask));
    }

    /** PyTorch's softplus: {@code log(1 + e^(beta x)) / beta}, or {@code x} where {@code beta x > threshold}. */
    static double softplus(double x, double beta, double threshold) {
        double bx = x * beta;
        return bx > threshold ? x : Math.log1p(Math.exp(bx)) / beta;
    }

    /**
     * C's {@code pow}, which PyTorch and CUDA follow: {@code pow(1, y)} is 1 even for a NaN {@code y}, and
     * {@code pow(-1, +-inf)} is 1, where Java's {@code Math.pow} gives NaN; everything else is {@code Math.pow}.
     */
    static double pow(double x, double y) {
        return x == 1 || (x == -1 && Double.isInfinite(y)) ? 1 : Math.pow(x, y);
    }

    private static final double LN2 = 0.6931471805599453;

    /**
     * The base-2 logarithm, exact at powers of two: {@code x = m 2^e} with {@code m} in {@code [sqrt(1/2), sqrt 2)},
     * then {@code e + log(m) / ln 2} (so the only rounding of a power of two is none).
     */
    static double log2(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            return Math.log(x); // -inf at zero, NaN below it or for NaN, inf at inf
        }
        if (x < Double.MIN_NORMAL) {
            return log2(x * 0x1p54) - 54; // subnormals: scale into the normal range first
        }
        int e = Math.getExponent(x);
        double m = Math.scalb(x, -e);
        if (m > SQRT2) {
            m *= 0.5;
            e++;
        }
        return e + Math.log(m) / LN2;
    }

    /** The inverse hyperbolic sine, after fdlibm's {@code s_asinh.c} (no cancellation near 0 or for large x). */
    static double asinh(double x) {
        double t = Math.abs(x);
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        if (t >= 0x1p28) {
            return Math.copySign(Math.log(t) + LN2, x); // sqrt(x^2 + 1) = |x| to double precision
        }
        if (t < 0x1p-28) {
            return x; // asinh(x) = x to double precision; keeps -0.0
        }
        double w = t > 2 ? Math.log(2 * t + 1 / (Math.sqrt(x * x + 1) + t))
                : Math.log1p(t + x * x / (1 + Math.sqrt(1 + x * x)));
        return Math.copySign(w, x);
    }

    /** The inverse hyperbolic cosine, after fdlibm's {@code e_acosh.c}: NaN below 1. */
    static double acosh(double x) {
        if (!(x >= 1)) {
            return Double.NaN;
        }
        if (x >= 0x1p28) {
            return x == Double.POSITIVE_INFINITY ? x : Math.log(x) + LN2;
        }
        if (x > 2) {
            return Math.log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
        }
        double t = x - 1; // exact for x in [1, 2]
        return Math.log1p(t + Math.sqrt(2 * t + t * t));
    }

    /** The inverse hyperbolic tangent, after fdlibm's {@code e_atanh.c}: +-inf at +-1, NaN beyond. */
    static double atanh(double x) {
        double t = Math.abs(x);
        if (!(t <= 1)) {
            return Double.NaN;
        }
        if (t == 1) {
            return Math.copySign(Double.POSITIVE_INFINITY, x);
        }
        if (t < 0x1p-28) {
            return x;
        }
        double r = t < 0.5 ? 0.5 * Math.log1p(2 * t + 2 * t * t / (1 - t)) : 0.5 * Math.log1p(2 * t / (1 - t));
        return Math.copySign(r, x);
    }

    /** The error function, from W. J. Cody's rational Chebyshev approximations (see {@link #cody}). */
    static double erf(double x) {
        return cody(x, false);
    }

    /** {@code 1 - erf(x)}, without the cancellation of computing it that way for large {@code x}. */
    static double erfc(double x) {
        return cody(x, true);
    }

    /** The standard normal CDF {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}, through erfc in the lower tail. */
    static double normalCdf(double x) {
        return 0.5 * erfc(-x * SQRT1_2);
    }

    /** The standard normal density {@code phi(x) = e^(-x^2/2) / sqrt(2 pi)}. */
    static double normalPdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** The exact GELU {@code x Phi(x)}. */
    static double gelu(double x) {
        return x * normalCdf(x);
    }

    /** {@code d/dx x Phi(x) = Phi(x) + x phi(x)}. */
    static double geluGrad(double x) {
        return normalCdf(x) + x * normalPdf(x);
    }

    /** PyTorch's tanh-approximated GELU: {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
    static double geluTanh(double x) {
        double inner = GELU_BETA * (x + GELU_KAPPA * x * x * x);
        return 0.5 * x * (1 + tanh(inner));
    }

    /** The derivative of {@link #geluTanh}, term by term as PyTorch's {@code GeluBackwardKernelImpl} writes it. */
    static double geluTanhGrad(double x) {
        double xSq = x * x;
        double inner = GELU_BETA * (x + GELU_KAPPA * xSq * x);
        double t = tanh(inner);
        double left = 0.5 * x;
        double right = 1 + t;
        double leftDerivative = 0.5 * right;
        double tanhDerivative = 1 - t * t;
        double innerDerivative = GELU_BETA * (1 + 3 * GELU_KAPPA * xSq);
        return leftDerivative + left * tanhDerivative * innerDerivative;
    }

    // W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631-638,
    // with the coefficients and thresholds of his CALERF (netlib specfun), good to about 1e-16 relative in double.
    static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};
    static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
        1.23033935479799725e03, 2.15311535474403846e-8};
    static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
        1.23033935480374942e03};
    static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};
    static final double SQRPI = 5.6418958354775628695e-1; // 1/sqrt(pi)
    private static final double XSMALL = 1.11e-16;
    private static final double XBIG = 26.543;

    /** Cody's CALERF for erf ({@code complement == false}) or erfc. */
    private static double cody(double x, boolean complement) {
        double y = Math.abs(x);
        if (y <= 0.46875) {
            // erf(x) = x R(x^2) near 0, where it has no cancellation.
            double ysq = y > XSMALL ? y * y : 0;
            double num = A[4] * ysq, den = ysq;
            for (int i = 0; i < 3; i++) {
                num = (num + A[i]) * ysq;
                den = (den + B[i]) * ysq;
            }
            double erf = x * (num + A[3]) / (den + B[3]);
            return complement ? 1 - erf : erf;
        }
        // Elsewhere the approximations are for erfc(|x|); erf follows by symmetry.
        double erfc;
        if (y <= 4) {
            double num = C[8] * y, den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            erfc = (num + C[7]) / (den + D[7]) * expMinusSquare(y);
        } else if (y >= XBIG) {
            erfc = 0;
        } else {
            // Also reached by NaN, which stays NaN.
            double ysq = 1 / (y * y);
            double num = P[5] * ysq, den = ysq;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * ysq;
                den = (den + Q[i]) * ysq;
            }
            erfc = (SQRPI - ysq * (num + P[4]) / (den + Q[4])) / y * expMinusSquare(y);
        }
        // The sign is picked without a branch: inputs of mixed sign would mispredict half the time.
        if (complement) {
            return select(x, 2 - erfc, erfc);
        }
        return Math.copySign((0.5 - erfc) + 0.5, x);
    }

    /**
     * {@code e^(-y^2)} without the rounding of {@code y*y} being magnified by exp (Cody splits y^2 and calls exp
     * twice; one call is enough): Dekker's product gives {@code y^2 = hi + lo} exactly, and
     * {@code e^-(hi + lo) = e^-hi (1 - lo)} to double precision since {@code lo} is below an ulp of {@code hi}.
     */
    private static double expMinusSquare(double y) {
        double hi = y * y;
        double c = 134217729.0 * y; // 2^27 + 1: splits y into two halves whose products are exact
        double yh = c - (c - y), yl = y - yh;
        double lo = ((yh * yh - hi) + 2 * yh * yl) + yl * yl;
        return Math.exp(-hi) * (1 - lo);
    }
    // Division with PyTorch's rounding modes (BinaryOp.DIV_TRUNC, DIV_FLOOR), one overload per element type so the
    // ElemBinary template calls them by name: integers divide exactly (b is never 0: the op layer raises; the
    // minimum divided by -1 wraps, as two's complement does), floating types follow PyTorch's formulas.

    static int divTrunc(int a, int b) {
        return a / b;
    }

    static long divTrunc(long a, long b) {
        return a / b;
    }

    static float divTrunc(float a, float b) {
        float q = a / b;
        return (float) (q < 0 ? Math.ceil(q) : Math.floor(q)); // ceil keeps -0.5's sign: -0.0
    }

    static double divTrunc(double a, double b) {
        double q = a / b;
        return q < 0 ? Math.ceil(q) : Math.floor(q);
    }

    static int divFloor(int a, int b) {
        int q = a / b;
        return a % b != 0 && (a < 0) != (b < 0) ? q - 1 : q;
    }

    static long divFloor(long a, long b) {
        long q = a / b;
        return a % b != 0 && (a < 0) != (b < 0) ? q - 1 : q;
    }

    /** PyTorch's {@code div_floor_floating} (Python's float floor division) in float arithmetic. */
    static float divFloor(float a, float b) {
        if (b == 0) {
            return a / b;
        }
        float mod = a % b;
        float div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1;
        }
        if (div == 0) {
            return Math.copySign(0f, a / b);
        }
        float floor = (float) Math.floor(div);
        return div - floor > 0.5f ? floor + 1 : floor;
    }

    /** PyTorch's {@code div_floor_floating} (Python's float floor division). */
    static double divFloor(double a, double b) {
        if (b == 0) {
            return a / b;
        }
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1;
        }
        if (div == 0) {
            return Math.copySign(0.0, a / b);
        }
        double floor = Math.floor(div);
        return div - floor > 0.5 ? floor + 1 : floor;
    }
}
