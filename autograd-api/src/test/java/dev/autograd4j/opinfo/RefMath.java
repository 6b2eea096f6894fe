package dev.autograd4j.opinfo;

/**
 * The scalar functions the reference needs that {@link Math} lacks, written for accuracy rather than speed (about
 * 1e-15 relative; {@code RefMathTest} checks them against values printed by Python's {@code math} module).
 */
public final class RefMath {
    private static final double SQRT_PI = Math.sqrt(Math.PI);

    private RefMath() {
    }

    /**
     * {@code erf(x)}. Below 1 in magnitude, the series {@code 2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (2n+1)!!},
     * whose terms are all positive (no cancellation); above, {@code 1 - erfc(x)}.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        if (a >= 1) {
            return Math.copySign(1 - erfcContinuedFraction(a), x);
        }
        double term = a, sum = a, x2 = a * a;
        for (int n = 0; term > 1e-18 * sum; n++) {
            term *= 2 * x2 / (2 * n + 3);
            sum += term;
        }
        return Math.copySign(2 / SQRT_PI * Math.exp(-x2) * sum, x);
    }

    /** {@code 1 - erf(x)}, without cancellation for large {@code x}. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x >= 1) {
            return erfcContinuedFraction(x);
        }
        if (x <= -1) {
            return 2 - erfcContinuedFraction(-x);
        }
        return 1 - erf(x);   // at least erfc(1) = 0.157: the subtraction loses under 3 bits
    }

    /**
     * Laplace's continued fraction {@code erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))},
     * evaluated from the tail; 300 terms reach double precision for {@code x >= 1}.
     */
    private static double erfcContinuedFraction(double x) {
        double t = x;
        for (int n = 300; n >= 1; n--) {
            t = x + (n / 2.0) / t;
        }
        return Math.exp(-x * x) / SQRT_PI / t;
    }

    /** The standard normal CDF {@code Phi(x) = erfc(-x / sqrt 2) / 2}. */
    public static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** The standard normal density. */
    public static double normalPdf(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** Exact GELU: {@code x Phi(x)}. */
    public static double gelu(double x) {
        return x * normalCdf(x);
    }

    /** PyTorch's tanh approximation: {@code x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
    public static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    /** {@code asinh(x) = sign(x) log(|x| + sqrt(x^2 + 1))}, through log1p for small {@code |x|}. */
    public static double asinh(double x) {
        double a = Math.abs(x);
        double r = a < 1 ? Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a))) : Math.log(a + Math.sqrt(a * a + 1));
        return Math.copySign(r, x);
    }

    /** {@code acosh(x) = log(x + sqrt(x^2 - 1))}, NaN below 1. */
    public static double acosh(double x) {
        return x < 1 ? Double.NaN : Math.log(x + Math.sqrt(x * x - 1));
    }

    /** {@code atanh(x) = log1p(2x / (1 - x)) / 2}. */
    public static double atanh(double x) {
        return 0.5 * Math.log1p(2 * x / (1 - x));
    }

    /** {@code log2(x) = log(x) / log(2)}. */
    public static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** {@code log(1 + exp(beta x)) / beta}, and {@code x} itself where {@code beta x > threshold}. */
    public static double softplus(double x, double beta, double threshold) {
        return beta * x > threshold ? x : Math.log1p(Math.exp(beta * x)) / beta;
    }

    /** {@code -1}, {@code 0} or {@code 1}; NaN and -0 give 0, as PyTorch's {@code (0 < x) - (x < 0)}. */
    public static double sign(double x) {
        return x > 0 ? 1 : x < 0 ? -1 : 0;
    }

    /** A float64 value converted to an integer dtype: truncated toward zero, like PyTorch's casts. */
    public static double truncate(double x) {
        return x < 0 ? Math.ceil(x) : Math.floor(x);
    }
}
