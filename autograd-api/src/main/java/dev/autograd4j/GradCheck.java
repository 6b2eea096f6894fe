package dev.autograd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Checks analytical gradients against central finite differences, like {@code torch.autograd.gradcheck} and
 * {@code gradgradcheck}. Inputs that require grad must be float64: in float32 the differences drown in rounding.
 * The caller's tensors are never modified; every evaluation gets fresh copies.
 *
 * <p>For every input element {@code x_k} and output element {@code y_j}, the numerical derivative is
 * {@code (y_j(x_k + eps) - y_j(x_k - eps)) / (2 eps)} and the analytical one comes from backward with a one-hot
 * gradient; they agree when {@code |analytical - numerical| <= atol + rtol * |numerical|}.
 */
public final class GradCheck {
    /** PyTorch's defaults. */
    public static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;

    private GradCheck() {
    }

    /** The outcome: whether every element agreed, and the worst element found. */
    public record Result(boolean passed, double maxError, String worst) {
        @Override
        public String toString() {
            return (passed ? "gradcheck passed" : "gradcheck FAILED") + "; worst element: " + worst;
        }
    }

    /**
     * Checks {@code fn}'s gradients against finite differences with PyTorch's defaults ({@link #EPS}, {@link #ATOL},
     * {@link #RTOL}), like {@code torch.autograd.gradcheck(fn, inputs)}.
     *
     * <pre>{@code
     * Tensor x = Tensor.randn(new Generator(0), new int[] {3}, DType.FLOAT64, Device.cpu()).requiresGrad(true);
     * GradCheck.Result r = GradCheck.check(in -> in[0].tanh().sum(), x);
     * assert r.passed() : r;
     * }</pre>
     *
     * @param fn the function of the inputs
     * @param inputs the points to check at; those requiring grad must be float64
     * @return whether every element agreed, and the worst one
     * @throws IllegalArgumentException if an input that requires grad is not float64
     */
    public static Result check(Function<Tensor[], Tensor> fn, Tensor... inputs) {
        return check(fn, EPS, ATOL, RTOL, inputs);
    }

    /**
     * Checks {@code fn}'s gradients against central finite differences with the given step and tolerances, like {@code
     * torch.autograd.gradcheck(fn, inputs, eps, atol, rtol)}.
     *
     * @param fn the function of the inputs
     * @param eps the finite-difference step
     * @param atol the absolute tolerance
     * @param rtol the tolerance relative to the numerical derivative
     * @param inputs the points to check at; those requiring grad must be float64
     * @return whether every element agreed, and the worst one
     * @throws IllegalArgumentException if an input that requires grad is not float64
     */
    public static Result check(Function<Tensor[], Tensor> fn, double eps, double atol, double rtol, Tensor... inputs) {
        checkInputs("gradcheck", inputs);
        double[][] values = new double[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            values[i] = inputs[i].toDoubleArray();
        }
        // Analytical Jacobian rows, one backward per output element.
        Tensor[] leaves = fresh(inputs, values, -1, -1, 0);
        Tensor out = fn.apply(leaves);
        if (!out.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("[gradcheck] the function must return a floating point tensor but returned "
                    + out.dtype());
        }
        int outN = (int) out.numel();
        double[] outBase = out.toDoubleArray();
        List<Integer> diff = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].requiresGrad()) {
                diff.add(i);
            }
        }
        double[][][] analytical = new double[inputs.length][outN][];
        if (out.requiresGrad()) {
            Tensor[] wrt = diff.stream().map(i -> leaves[i]).toArray(Tensor[]::new);
            for (int j = 0; j < outN; j++) {
                double[] onehot = new double[outN];
                onehot[j] = 1;
                Tensor g = Tensor.of(onehot).reshape(out.shape()).to(out.dtype()).to(out.device());
                Tensor[] grads = Autograd.grad(new Tensor[] {out}, wrt, new Tensor[] {g}, true, false, true);
                for (int k = 0; k < wrt.length; k++) {
                    int i = diff.get(k);
                    analytical[i][j] = grads[k] == null ? new double[values[i].length] : grads[k].toDoubleArray();
                }
            }
        } else {
            for (int i : diff) {
                for (int j = 0; j < outN; j++) {
                    analytical[i][j] = new double[values[i].length];
                }
            }
        }
        // Numerical Jacobian, compared element by element.
        boolean passed = true;
        double worstExcess = Double.NEGATIVE_INFINITY, worstError = 0;
        String worst = "none (no differentiable inputs)";
        for (int i : diff) {
            for (int k = 0; k < values[i].length; k++) {
                // Evaluated with grad mode as the caller has it: a function may differentiate internally
                // (checkSecondOrder's does).
                double[] plus = fn.apply(fresh(inputs, values, i, k, eps)).toDoubleArray();
                double[] minus = fn.apply(fresh(inputs, values, i, k, -eps)).toDoubleArray();
                for (int j = 0; j < outN; j++) {
                    double numerical = (plus[j] - minus[j]) / (2 * eps);
                    double a = analytical[i][j][k];
                    double error = Math.abs(a - numerical);
                    double allowed = atol + rtol * Math.abs(numerical);
                    boolean bothNaN = Double.isNaN(a) && Double.isNaN(numerical);
                    boolean ok = error <= allowed || bothNaN;
                    passed &= ok;
                    double excess = bothNaN ? Double.NEGATIVE_INFINITY
                            : Double.isNaN(error) ? Double.POSITIVE_INFINITY : error - allowed;
                    if (excess > worstExcess || worst.startsWith("none")) {
                        worstExcess = excess;
                        worstError = error;
                        worst = String.format(Locale.ROOT, "input %d element %d, output element %d: analytical %.10g,"
                                + " numerical %.10g, |difference| %.3g (allowed %.3g)", i, k, j, a, numerical, error,
                                allowed);
                    }
                }
            }
        }
        if (outBase.length == 0) {
            worst = "none (empty output)";
        }
        return new Result(passed, worstError, worst);
    }

    /**
     * Checks second derivatives, like {@code torch.autograd.gradgradcheck}: the function
     * {@code (inputs, v) -> grad(fn(inputs), inputs, v, createGraph)} is itself gradchecked, with {@code v} a
     * seeded random gradient of the output's shape (also differentiated).
     *
     * @param fn the function of the inputs
     * @param inputs the points to check at; those requiring grad must be float64
     * @return whether every element agreed, and the worst one
     * @throws IllegalArgumentException if an input that requires grad is not float64
     */
    public static Result checkSecondOrder(Function<Tensor[], Tensor> fn, Tensor... inputs) {
        checkInputs("gradgradcheck", inputs);
        Tensor probe;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            probe = fn.apply(inputs);
        }
        Tensor v = Tensor.randn(new Generator(0), probe.shape(), DType.FLOAT64, probe.device()).requiresGrad(true);
        int n = inputs.length;
        Tensor[] all = Arrays.copyOf(inputs, n + 1);
        all[n] = v;
        Function<Tensor[], Tensor> gradFn = xs -> {
            Tensor[] ins = Arrays.copyOf(xs, n);
            Tensor out = fn.apply(ins);
            List<Tensor> wrt = new ArrayList<>();
            for (Tensor x : ins) {
                if (x.requiresGrad()) {
                    wrt.add(x);
                }
            }
            Tensor[] grads = out.requiresGrad()
                    ? Autograd.grad(new Tensor[] {out}, wrt.toArray(new Tensor[0]), new Tensor[] {xs[n]}, true, true, true)
                    : new Tensor[wrt.size()];
            List<Tensor> flat = new ArrayList<>();
            for (int k = 0; k < grads.length; k++) {
                Tensor g = grads[k] == null ? Tensor.zerosLike(wrt.get(k)) : grads[k];
                flat.add(g.reshape(-1));
            }
            return flat.isEmpty() ? Tensor.zeros(new int[] {0}, DType.FLOAT64, v.device()) : Tensor.cat(flat, 0);
        };
        return check(gradFn, all);
    }

    private static void checkInputs(String op, Tensor[] inputs) {
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (t.requiresGrad()) {
                any = true;
                if (t.dtype() != DType.FLOAT64) {
                    throw new IllegalArgumentException("[" + op + "] input " + i + " has dtype " + t.dtype()
                            + "; finite differences need float64 inputs (convert with to(DType.FLOAT64))");
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException("[" + op + "] none of the inputs requires grad; nothing to check");
        }
    }

    /** Fresh leaf copies of the inputs, element {@code k} of input {@code which} shifted by {@code delta}. */
    private static Tensor[] fresh(Tensor[] inputs, double[][] values, int which, int k, double delta) {
        Tensor[] out = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor src = inputs[i];
            double[] v = values[i];
            if (i == which) {
                v = v.clone();
                v[k] += delta;
            }
            Tensor t = Tensor.of(v).reshape(src.shape()).to(src.dtype()).to(src.device());
            out[i] = src.requiresGrad() ? t.requiresGrad(true) : t;
        }
        return out;
    }
}
