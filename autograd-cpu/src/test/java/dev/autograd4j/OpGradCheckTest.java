package dev.autograd4j;

import dev.autograd4j.nn.Functional;
import dev.autograd4j.nn.Reduction;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every differentiable op's backward checked against central finite differences in float64 (GradCheck, like
 * PyTorch's test_ops_gradients), including broadcasting variants, and second derivatives (gradgradcheck) for the
 * ops whose backward is itself differentiated.
 */
class OpGradCheckTest {

    /** A seeded float64 tensor that requires grad, with values in [lo, hi). */
    private static Tensor ranged(long seed, double lo, double hi, int... shape) {
        Tensor u = Tensor.rand(new Generator(seed), shape, DType.FLOAT64, Device.cpu());
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            return u.mul(hi - lo).add(lo).detach().requiresGrad(true);
        }
    }

    private static Tensor input(long seed, int... shape) {
        return ranged(seed, -1, 1, shape);
    }

    private record Case(String name, Function<Tensor[], Tensor> fn, Tensor[] inputs) {
    }

    private static Case c(String name, Function<Tensor[], Tensor> fn, Tensor... inputs) {
        return new Case(name, fn, inputs);
    }

    private static List<Case> firstOrder() {
        List<Case> cases = new ArrayList<>();
        // Binary arithmetic, same shape and broadcasting.
        cases.add(c("add", x -> x[0].add(x[1]), input(1, 2, 3), input(2, 2, 3)));
        cases.add(c("add broadcast row", x -> x[0].add(x[1], 2.5), input(1, 2, 3), input(2, 3)));
        cases.add(c("sub broadcast column", x -> x[0].sub(x[1]), input(1, 2, 3), input(2, 2, 1)));
        cases.add(c("mul broadcast both", x -> x[0].mul(x[1]), input(1, 2, 1, 3), input(2, 4, 1)));
        cases.add(c("mul 0-d", x -> x[0].mul(x[1]), input(1, 2, 3), input(2)));
        cases.add(c("div", x -> x[0].div(x[1]), input(1, 2, 3), ranged(2, 0.5, 2, 3)));
        cases.add(c("div broadcast", x -> x[0].div(x[1]), input(1, 2, 3), ranged(2, 0.5, 2, 1)));
        cases.add(c("scalar ops", x -> x[0].add(2.0).mul(3.0).sub(1.0).div(4.0).rsub(2.0).neg(), input(1, 4)));
        cases.add(c("pow scalar", x -> x[0].pow(3), input(1, 3)));
        cases.add(c("pow fractional", x -> x[0].pow(2.5), ranged(1, 0.5, 2, 3)));
        cases.add(c("pow tensor", x -> x[0].pow(x[1]), ranged(1, 0.5, 2, 2, 3), ranged(2, -1, 1, 3)));
        cases.add(c("maximum", x -> x[0].maximum(x[1]), input(1, 2, 3), input(2, 3)));
        cases.add(c("minimum", x -> x[0].minimum(x[1]), input(1, 2, 3), input(2, 2, 1)));
        cases.add(c("where", x -> Tensor.where(x[0].gt(0.0), x[0], x[1]), input(1, 2, 3), input(2, 3)));
        // Unary.
        cases.add(c("exp", x -> x[0].exp(), input(1, 5)));
        cases.add(c("log", x -> x[0].log(), ranged(1, 0.5, 3, 5)));
        cases.add(c("log1p", x -> x[0].log1p(), ranged(1, 0, 2, 5)));
        cases.add(c("expm1", x -> x[0].expm1(), input(1, 5)));
        cases.add(c("sqrt", x -> x[0].sqrt(), ranged(1, 0.5, 3, 5)));
        cases.add(c("rsqrt", x -> x[0].rsqrt(), ranged(1, 0.5, 3, 5)));
        cases.add(c("reciprocal", x -> x[0].reciprocal(), ranged(1, 0.5, 3, 5)));
        cases.add(c("abs", x -> x[0].abs(), input(1, 5)));
        cases.add(c("sin", x -> x[0].sin(), ranged(1, -3, 3, 5)));
        cases.add(c("cos", x -> x[0].cos(), ranged(1, -3, 3, 5)));
        cases.add(c("tanh", x -> x[0].tanh(), ranged(1, -3, 3, 5)));
        cases.add(c("sigmoid", x -> x[0].sigmoid(), ranged(1, -5, 5, 5)));
        cases.add(c("relu", x -> x[0].relu(), input(1, 6)));
        cases.add(c("leaky relu", x -> Functional.leakyRelu(x[0], 0.2), input(1, 6)));
        cases.add(c("gelu", x -> Functional.gelu(x[0]), ranged(1, -3, 3, 6)));
        cases.add(c("gelu tanh", x -> Functional.gelu(x[0], "tanh"), ranged(1, -3, 3, 6)));
        cases.add(c("softplus", x -> Functional.softplus(x[0]), ranged(1, -3, 3, 6)));
        cases.add(c("softplus beta threshold", x -> Functional.softplus(x[0], 2, 3), ranged(1, -3, 3, 6)));
        cases.add(c("erf", x -> x[0].erf(), ranged(1, -2, 2, 5)));
        cases.add(c("clamp", x -> x[0].clamp(-0.5, 0.5), input(1, 8)));
        cases.add(c("clamp min", x -> x[0].clampMin(0.1), input(1, 8)));
        // Reductions.
        cases.add(c("sum", x -> x[0].sum(), input(1, 2, 3)));
        cases.add(c("sum dims keepdim", x -> x[0].sum(new int[] {0, 2}, true), input(1, 2, 3, 4)));
        cases.add(c("sum dim", x -> x[0].sum(-1, false), input(1, 2, 3)));
        cases.add(c("mean", x -> x[0].mean(), input(1, 2, 3)));
        cases.add(c("mean dim", x -> x[0].mean(1, true), input(1, 2, 3)));
        cases.add(c("max", x -> x[0].max(), input(1, 2, 3)));
        cases.add(c("max dim", x -> x[0].max(1, false).values(), input(1, 3, 4)));
        cases.add(c("min dim keepdim", x -> x[0].min(0, true).values(), input(1, 3, 4)));
        cases.add(c("amax", x -> x[0].amax(new int[] {1}, false), input(1, 3, 4)));
        cases.add(c("amin", x -> x[0].amin(new int[] {0, 1}, true), input(1, 3, 4)));
        cases.add(c("var", x -> x[0].var(), input(1, 2, 3)));
        cases.add(c("var dim", x -> x[0].var(new int[] {1}, 0, true), input(1, 2, 3)));
        cases.add(c("std", x -> x[0].std(new int[] {0}, 1, false), input(1, 3, 2)));
        cases.add(c("logsumexp", x -> x[0].logsumexp(1, false), input(1, 3, 4)));
        cases.add(c("logsumexp all", x -> x[0].logsumexp(new int[] {0, 1}, true), input(1, 3, 4)));
        // Linear algebra.
        cases.add(c("matmul 2d", x -> x[0].matmul(x[1]), input(1, 3, 4), input(2, 4, 2)));
        cases.add(c("matmul dot", x -> x[0].matmul(x[1]), input(1, 4), input(2, 4)));
        cases.add(c("matmul mv", x -> x[0].matmul(x[1]), input(1, 3, 4), input(2, 4)));
        cases.add(c("matmul vm", x -> x[0].matmul(x[1]), input(1, 4), input(2, 4, 3)));
        cases.add(c("matmul batched", x -> x[0].matmul(x[1]), input(1, 2, 3, 4), input(2, 2, 4, 2)));
        cases.add(c("matmul broadcast batch", x -> x[0].matmul(x[1]), input(1, 2, 1, 3, 4), input(2, 3, 4, 2)));
        cases.add(c("matmul transposed", x -> x[0].t().matmul(x[1].t()), input(1, 4, 3), input(2, 2, 4)));
        cases.add(c("linear", x -> Functional.linear(x[0], x[1], x[2]), input(1, 5, 3), input(2, 4, 3), input(3, 4)));
        cases.add(c("linear 3d no bias", x -> Functional.linear(x[0], x[1], null), input(1, 2, 5, 3), input(2, 4, 3)));
        // Softmax and losses.
        cases.add(c("softmax", x -> x[0].softmax(1), input(1, 3, 4)));
        cases.add(c("softmax dim 0", x -> x[0].softmax(0), input(1, 3, 4)));
        cases.add(c("log softmax", x -> x[0].logSoftmax(-1), input(1, 3, 4)));
        Tensor target = Tensor.of(new long[] {1, 0, 3});
        cases.add(c("cross entropy mean", x -> Functional.crossEntropy(x[0], target), input(1, 3, 4)));
        cases.add(c("cross entropy sum", x -> Functional.crossEntropy(x[0], target, Reduction.SUM), input(1, 3, 4)));
        cases.add(c("cross entropy none", x -> Functional.crossEntropy(x[0], target, Reduction.NONE), input(1, 3, 4)));
        cases.add(c("cross entropy ignore index", x -> Functional.crossEntropy(x[0], Tensor.of(new long[] {1, -100, 3}),
                null, Reduction.MEAN, -100), input(1, 3, 4)));
        cases.add(c("cross entropy weights", x -> Functional.crossEntropy(x[0], target,
                Tensor.of(new double[] {1, 2, 3, 4}), Reduction.MEAN, -100), input(1, 3, 4)));
        cases.add(c("cross entropy probabilities", x -> Functional.crossEntropy(x[0], x[1].softmax(1)),
                input(1, 3, 4), input(2, 3, 4)));
        cases.add(c("nll loss", x -> Functional.nllLoss(x[0].logSoftmax(1), target), input(1, 3, 4)));
        cases.add(c("nll loss spatial", x -> Functional.nllLoss(x[0], Tensor.of(new long[] {0, 2, 1, 1}, 2, 2)),
                input(1, 2, 3, 2)));
        cases.add(c("mse loss", x -> Functional.mseLoss(x[0], x[1]), input(1, 3, 4), input(2, 3, 4)));
        cases.add(c("mse loss sum broadcast", x -> Functional.mseLoss(x[0], x[1], Reduction.SUM), input(1, 3, 4),
                input(2, 4)));
        // Indexing and shapes.
        Tensor index = Tensor.of(new long[] {0, 2, 1, 2, 0, 0}, 2, 3);
        cases.add(c("gather", x -> x[0].gather(1, index), input(1, 2, 4)));
        cases.add(c("scatter add", x -> x[0].scatterAdd(1, index, x[1]), input(1, 2, 4), input(2, 2, 3)));
        cases.add(c("index select repeated", x -> x[0].indexSelect(0, Tensor.of(new long[] {2, 0, 2})), input(1, 3, 2)));
        cases.add(c("embedding", x -> Functional.embedding(Tensor.of(new long[] {1, 3, 1, 0}, 2, 2), x[0]),
                input(1, 4, 3)));
        cases.add(c("cat", x -> Tensor.cat(List.of(x[0], x[1]), 1), input(1, 2, 3), input(2, 2, 2)));
        cases.add(c("stack", x -> Tensor.stack(List.of(x[0], x[1]), 0), input(1, 2, 3), input(2, 2, 3)));
        cases.add(c("views", x -> x[0].transpose(0, 1).reshape(6).unsqueeze(0).expand(2, 6).narrow(1, 1, 3),
                input(1, 2, 3)));
        cases.add(c("permute squeeze select", x -> x[0].permute(2, 0, 1).squeeze().select(1, 1), input(1, 2, 1, 3)));
        cases.add(c("slice with step", x -> x[0].slice(1, 0, 5, 2), input(1, 2, 5)));
        cases.add(c("reshape non-contiguous", x -> x[0].t().reshape(-1).mul(x[0].reshape(-1)), input(1, 2, 3)));
        cases.add(c("layer norm", x -> Functional.layerNorm(x[0], new int[] {4}, x[1], x[2]), input(1, 3, 4),
                input(2, 4), input(3, 4)));
        cases.add(c("layer norm 2 dims no affine", x -> Functional.layerNorm(x[0], new int[] {2, 3}, null, null),
                input(1, 2, 2, 3)));
        cases.add(c("dropout", x -> Functional.dropout(x[0], 0.5, true, new Generator(7)), input(1, 10)));
        cases.add(c("clone contiguous to", x -> x[0].t().contiguous().clone().to(DType.FLOAT64), input(1, 2, 3)));
        cases.add(c("custom function", x -> new CustomFunctions.MultiInputFunction().apply(x[0], x[1]), input(1, 3),
                input(2, 3)));
        return cases;
    }

    @TestFactory
    List<DynamicTest> gradientsMatchFiniteDifferences() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : firstOrder()) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                GradCheck.Result r = GradCheck.check(c.fn(), c.inputs());
                assertTrue(r.passed(), c.name() + ": " + r);
            }));
        }
        return tests;
    }

    private static List<Case> secondOrder() {
        List<Case> cases = new ArrayList<>();
        cases.add(c("x^3", x -> x[0].pow(3), input(1, 4)));
        cases.add(c("tanh", x -> x[0].tanh(), input(1, 4)));
        cases.add(c("sigmoid", x -> x[0].sigmoid(), input(1, 4)));
        cases.add(c("relu times x", x -> x[0].relu().mul(x[0]), input(1, 4)));
        cases.add(c("gelu", x -> Functional.gelu(x[0]), input(1, 4)));
        cases.add(c("gelu tanh", x -> Functional.gelu(x[0], "tanh"), input(1, 4)));
        cases.add(c("exp log sqrt", x -> x[0].exp().add(x[0].abs().add(0.5).log()).add(x[0].abs().add(1.0).sqrt()),
                input(1, 4)));
        cases.add(c("softmax cross entropy", x -> Functional.crossEntropy(x[0], Tensor.of(new long[] {1, 0, 3})),
                input(1, 3, 4)));
        cases.add(c("log softmax", x -> x[0].logSoftmax(1), input(1, 2, 3)));
        cases.add(c("matmul", x -> x[0].matmul(x[1]).tanh(), input(1, 2, 3), input(2, 3, 2)));
        cases.add(c("layer norm", x -> Functional.layerNorm(x[0], new int[] {3}, x[1], x[2]), input(1, 2, 3),
                input(2, 3), input(3, 3)));
        cases.add(c("logsumexp", x -> x[0].logsumexp(1, false), input(1, 2, 3)));
        cases.add(c("var", x -> x[0].var(new int[] {1}, 1, false), input(1, 2, 3)));
        cases.add(c("max and gather", x -> x[0].amax(new int[] {1}, false).add(x[0].gather(1,
                Tensor.of(new long[] {1, 0}, 2, 1)).squeeze(1)), input(1, 2, 3)));
        cases.add(c("custom function", x -> new CustomFunctions.ComplexFunction().apply(x[0]), input(1, 3)));
        return cases;
    }

    @TestFactory
    List<DynamicTest> secondDerivativesMatchFiniteDifferences() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : secondOrder()) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                GradCheck.Result r = GradCheck.checkSecondOrder(c.fn(), c.inputs());
                assertTrue(r.passed(), c.name() + ": " + r);
            }));
        }
        return tests;
    }
}
