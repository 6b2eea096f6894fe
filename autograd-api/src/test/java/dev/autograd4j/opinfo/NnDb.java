package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;
import dev.autograd4j.nn.Reduction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.autograd4j.opinfo.In.index;
import static dev.autograd4j.opinfo.In.t;
import static dev.autograd4j.opinfo.In.values;
import static dev.autograd4j.opinfo.OpInfo.ALL;
import static dev.autograd4j.opinfo.OpInfo.FLOATING;
import static dev.autograd4j.opinfo.OpInfo.op;
import static dev.autograd4j.opinfo.Samples.alongDim;

/** Softmax, linear algebra and the functions of {@code nn.Functional}: losses, embedding, layer norm, dropout. */
final class NnDb {
    private NnDb() {
    }

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;
    private static final long IGNORE = Functional.IGNORE_INDEX;

    // ------------------------------------------------------------------------------------------------------------
    // References
    // ------------------------------------------------------------------------------------------------------------

    /** {@code x @ w^T + b} ({@code b} may be null), each element a sum of {@code in + 1} terms. */
    static Nd linear(Nd x, Nd w, Nd b) {
        Nd y = Ref.matmul(x, Ref.transpose(w, 0, 1));
        if (b == null) {
            return y;
        }
        double[] out = new double[y.numel()], scale = new double[y.numel()];
        int outFeatures = w.shape[0];
        for (int i = 0; i < out.length; i++) {
            double bias = b.data[b.numel() == 1 ? 0 : i % outFeatures];
            out[i] = y.data[i] + bias;
            scale[i] = y.scale[i] + Math.abs(bias);
        }
        return Nd.of(y.shape, out).terms(scale, y.length + 1);
    }

    /**
     * {@code loss_i = -weight[t_i] * input[i, t_i]} over the targets (class dim 1, or 0 for an unbatched input),
     * skipping {@code ignore}; the mean divides by the summed weight of the targets kept.
     */
    static Nd nll(Nd input, Nd target, Nd weight, Reduction reduction, long ignore) {
        boolean unbatched = input.rank() == 1;
        double[] losses = new double[target.numel()];
        double total = 0, abs = 0;
        for (int i = 0; i < losses.length; i++) {
            int c = (int) target.data[i];
            if (c == ignore) {
                continue;
            }
            double w = weight == null ? 1 : weight.data[c];
            int[] at;
            if (unbatched) {
                at = new int[] {c};
            } else {
                int[] n = Nd.unravel(i, target.shape);
                at = new int[input.rank()];
                at[0] = n[0];
                at[1] = c;
                System.arraycopy(n, 1, at, 2, n.length - 1);
            }
            losses[i] = -w * input.at(at);
            total += w;
            abs += Math.abs(losses[i]);
        }
        return switch (reduction) {
            case NONE -> Nd.of(target.shape, losses);
            case SUM -> Nd.scalar(Ref.sum(losses)).terms(new double[] {abs}, losses.length);
            case MEAN -> Nd.scalar(Ref.sum(losses) / total).terms(new double[] {abs / total}, losses.length);
        };
    }

    static Nd crossEntropy(Nd logits, Nd target, Nd weight, Reduction reduction, long ignore) {
        Nd logp = Ref.alongDim(logits, logits.rank() == 1 ? 0 : 1, Ref::logSoftmax);
        return nll(logp, target, weight, reduction, ignore);
    }

    /**
     * Cross-entropy with label smoothing {@code eps}, written out as PyTorch's {@code cross_entropy_loss_label_smoothing}
     * computes it: {@code (1 - eps) * nll + eps / C * smooth}, where each kept target's {@code smooth} is
     * {@code -sum_c weight[c] * logp[c]} (0 for an ignored one), and the mean divides by the kept targets' weight.
     */
    static Nd crossEntropySmoothed(Nd logits, Nd target, Nd weight, Reduction reduction, long ignore, double eps) {
        int classDim = logits.rank() == 1 ? 0 : 1;
        int classes = logits.shape[classDim];
        Nd logp = Ref.alongDim(logits, classDim, Ref::logSoftmax);
        Nd nll = nll(logp, target, weight, reduction, ignore);
        double[] smooth = new double[target.numel()];
        double total = 0;
        for (int i = 0; i < smooth.length; i++) {
            int t = (int) target.data[i];
            if (t == ignore) {
                continue;
            }
            total += weight == null ? 1 : weight.data[t];
            int[] n = logits.rank() == 1 ? new int[0] : Nd.unravel(i, target.shape);
            for (int c = 0; c < classes; c++) {
                int[] at = new int[logits.rank()];
                if (logits.rank() == 1) {
                    at[0] = c;
                } else {
                    at[0] = n[0];
                    at[1] = c;
                    System.arraycopy(n, 1, at, 2, n.length - 1);
                }
                smooth[i] -= (weight == null ? 1 : weight.data[c]) * logp.at(at);
            }
        }
        double[] out = reduction == Reduction.NONE ? smooth.clone()
                : new double[] {reduction == Reduction.SUM ? Ref.sum(smooth) : Ref.sum(smooth) / total};
        for (int i = 0; i < out.length; i++) {
            out[i] = (1 - eps) * nll.data[i] + eps / classes * out[i];
        }
        return Nd.of(nll.shape, out).terms(null, classes * Math.max(1, smooth.length));
    }

    /** Cross-entropy against class probabilities {@code p} of the logits' shape: {@code -sum_c p log_softmax}. */
    static Nd crossEntropyProbabilities(Nd logits, Nd p, Reduction reduction) {
        Nd logp = Ref.alongDim(logits, 1, Ref::logSoftmax);
        Nd losses = Ref.reduce(Ref.zip(p, logp, (a, b) -> -a * b), new int[] {1}, false, Ref::sum);
        return switch (reduction) {
            case NONE -> losses;
            case SUM -> Ref.reduce(losses, null, false, Ref::sum);
            case MEAN -> Ref.reduce(losses, null, false, Ref::mean);
        };
    }

    static Nd mse(Nd a, Nd b, Reduction reduction) {
        Nd sq = Ref.zip(a, b, (x, y) -> (x - y) * (x - y));
        return switch (reduction) {
            case NONE -> sq;
            case SUM -> Ref.reduce(sq, null, false, Ref::sum);
            case MEAN -> Ref.reduce(sq, null, false, Ref::mean);
        };
    }

    /** Layer norm over the trailing {@code k} dims: {@code (x - mean) / sqrt(var + eps) * w + b} (biased var). */
    static Nd layerNorm(Nd x, int k, Nd w, Nd b, double eps) {
        int n = 1;
        for (int d = x.rank() - k; d < x.rank(); d++) {
            n *= x.shape[d];
        }
        double[] out = new double[x.numel()];
        for (int g = 0; g * n < out.length; g++) {
            double[] v = Arrays.copyOfRange(x.data, g * n, g * n + n);
            double mean = Ref.mean(v), rstd = 1 / Math.sqrt(Ref.var(v, 0) + eps);
            for (int j = 0; j < n; j++) {
                out[g * n + j] = (v[j] - mean) * rstd * (w == null ? 1 : w.data[j]) + (b == null ? 0 : b.data[j]);
            }
        }
        return Nd.of(x.shape, out).terms(null, n);
    }

    /** Dropout with {@code new Generator(seed)}: kept where the uniform draw is at least {@code p}, scaled. */
    static Nd dropout(Nd x, double p, long seed, DType dtype) {
        double[] u = RefRandom.uniform(seed, 0, x.numel(), dtype);
        double threshold = Samples.cast(p, dtype);
        double[] out = new double[x.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = u[i] >= threshold ? x.data[i] / (1 - p) : 0;
        }
        return Nd.of(x.shape, out);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Entries
    // ------------------------------------------------------------------------------------------------------------

    static List<OpInfo> entries() {
        List<OpInfo> db = new ArrayList<>();

        db.add(op("softmax").dtypes(FLOATING).gradFn("SoftmaxBackward0")
                .add(alongDim("softmax(int)", Tensor::softmax, Ref::softmax))
                .add(alongDim("Functional.softmax(Tensor,int)", Functional::softmax, Ref::softmax).subList(0, 2))
                .add(Sample.of("softmax(int)", x -> x[0].softmax(1), values(new double[] {1000, 0, -1000, 1, 2, 3}, 2, 3))
                        .ref(x -> Ref.alongDim(x[0], 1, Ref::softmax)).noGrad("large logits").label("large logits"))
                // The op tests' value (PyTorch 1.13, float32): the row of large logits is exactly one-hot.
                .add(Sample.of("softmax(int)", x -> x[0].softmax(1).select(0, 0),
                        values(new double[] {1000, 0, -1000, 1, 2, 3}, 2, 3)).ref(x -> Nd.vector(1, 0, 0))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.EXACT).noGrad("large logits")
                        .label("large logits, row 0 exactly one-hot"))
                // PyTorch 1.13: torch.softmax(torch.tensor([[inf, 1.], [2., 1.], [-inf, -inf]]), 1)
                //   = [[nan, nan], [0.7311, 0.2689], [nan, nan]]: shifted by an infinite maximum, the row is NaN.
                .add(Sample.of("softmax(int)", x -> x[0].softmax(1),
                        values(new double[] {Double.POSITIVE_INFINITY, 1, 2, 1, NEG_INF, NEG_INF}, 3, 2))
                        .ref(x -> Nd.of(new int[] {3, 2}, Double.NaN, Double.NaN, 1 / (1 + Math.exp(-1)),
                                Math.exp(-1) / (1 + Math.exp(-1)), Double.NaN, Double.NaN))
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("infinite logits")
                        .label("+inf in a row, a row of -inf: NaN rows, PyTorch 1.13"))
                // PyTorch 1.13: torch.softmax(torch.tensor([1, 2]), 0) raises "softmax_lastdim_kernel_impl" not
                // implemented for 'Long' (we promoted to float32)
                .error(ErrorCase.of("an int64 input", () -> Fails.ins(Tensor.arange(3)), x -> x[0].softmax(0),
                        "floating point", "int64"))
                .error(ErrorCase.of("a bool input", () -> Fails.ins(Tensor.of(new boolean[] {true, false})),
                        x -> Functional.softmax(x[0], 0), "floating point", "bool"))
                .error(Fails.dim(x -> x.softmax(2))));

        db.add(op("logSoftmax").dtypes(FLOATING).gradFn("LogSoftmaxBackward0")
                .errorName("log_softmax")
                .add(alongDim("logSoftmax(int)", Tensor::logSoftmax, Ref::logSoftmax))
                .add(alongDim("Functional.logSoftmax(Tensor,int)", Functional::logSoftmax, Ref::logSoftmax)
                        .subList(0, 2))
                // The op tests' values (PyTorch 1.13, float32): no overflow at +-1000.
                .add(Sample.of("logSoftmax(int)", x -> x[0].logSoftmax(1),
                        values(new double[] {1000, 0, -1000, 1, 2, 3}, 2, 3))
                        .ref(x -> Nd.of(new int[] {2, 3}, 0, -1000, -2000, -2.4076058864593506, -1.4076058864593506,
                                -0.40760594606399536)).only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(1e-6))
                        .noGrad("large logits").label("large logits, PyTorch 1.13"))
                .add(Sample.of("logSoftmax(int)", x -> x[0].logSoftmax(1),
                        values(new double[] {1000, 0, -1000, NEG_INF, 0, NEG_INF}, 2, 3))
                        .ref(x -> Ref.alongDim(x[0], 1, Ref::logSoftmax)).only(DType.FLOAT64).noGrad("large logits")
                        .label("large logits and -inf"))
                // PyTorch 1.13: torch.log_softmax(torch.tensor([[inf, 1.], [2., 1.], [-inf, -inf]]), 1)
                //   = [[nan, nan], [-0.3133, -1.3133], [nan, nan]] (not logsumexp's rule, which keeps +inf).
                .add(Sample.of("logSoftmax(int)", x -> x[0].logSoftmax(1),
                        values(new double[] {Double.POSITIVE_INFINITY, 1, 2, 1, NEG_INF, NEG_INF}, 3, 2))
                        .ref(x -> Nd.of(new int[] {3, 2}, Double.NaN, Double.NaN, -Math.log1p(Math.exp(-1)),
                                -1 - Math.log1p(Math.exp(-1)), Double.NaN, Double.NaN))
                        .only(DType.FLOAT32, DType.FLOAT64).noGrad("infinite logits")
                        .label("+inf in a row, a row of -inf: NaN rows, PyTorch 1.13"))
                // PyTorch 1.13: torch.log_softmax(torch.tensor([1, 2], dtype=torch.int32), 0) raises
                // "log_softmax_lastdim_kernel_impl" not implemented for 'Int'
                .error(ErrorCase.of("an int32 input", () -> Fails.ins(Tensor.arange(3).to(DType.INT32)),
                        x -> x[0].logSoftmax(0), "floating point", "int32"))
                .error(Fails.dim(x -> x.logSoftmax(2))));

        db.add(op("matmul").dtypes(FLOATING).gradFn("MmBackward0")
                .add(matmul(t(4), t(4)).gradFn("DotBackward0").label("dot"))
                .add(matmul(t(3, 4), t(4)).gradFn("MvBackward0").label("matrix-vector"))
                .add(matmul(t(3, 4), t(4, 2)).label("matrix-matrix"))
                .add(matmul(t(4), t(4, 3)).noGradFn("PyTorch's node is an internal squeeze").label("vector-matrix"))
                .add(matmul(t(2, 3, 4), t(2, 4, 2)).noGradFn(BATCHED).label("batched"))
                .add(matmul(t(2, 1, 3, 4), t(3, 4, 2)).noGradFn(BATCHED).label("broadcast batch"))
                .add(matmul(t(2, 3, 4), t(4)).noGradFn(BATCHED).label("batched-vector"))
                .add(matmul(t(3), t(2, 3, 4)).noGradFn(BATCHED).label("vector-batched"))
                .add(matmul(t(3, 4).transposed(), t(4, 2).transposed()).label("both transposed"))
                .add(matmul(t(3, 4).strided(), t(4, 2)).label("strided"))
                .add(matmul(t(2, 3, 4).expanded(0), t(2, 4, 2).transposed()).noGradFn(BATCHED).label("expanded batch"))
                .add(matmul(t(3, 0), t(0, 2)).label("empty inner dim: zeros"))
                .add(matmul(t(0, 4), t(4, 2)).label("no rows"))
                .add(matmul(t(16, 64), t(64, 8)).noGrad("large: the small samples check the same backward")
                        .label("inner length 64"))
                .add(Sample.of("matmul(Tensor)", x -> x[0].matmul(x[1]).tanh(), t(2, 3), t(3, 2))
                        .ref(x -> Ref.map(Ref.matmul(x[0], x[1]), Math::tanh)).only(DType.FLOAT64)
                        .gradFn("TanhBackward0").label("then tanh, the second-order test's case"))
                .error(ErrorCase.of("[2, 3] @ [4, 5]", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(4, 5)),
                        x -> x[0].matmul(x[1]), "[2, 3]", "[4, 5]"))
                .error(ErrorCase.of("float32 @ float64", () -> Fails.ins(Tensor.ones(2, 2),
                        Tensor.ones(new int[] {2, 2}, DType.FLOAT64)), x -> x[0].matmul(x[1]), "float32", "float64"))
                // Integer products are exact on every device (ModelOpsSuite); mixing dtypes is an error, as in PyTorch.
                .error(ErrorCase.of("int64 @ float32", () -> Fails.ins(Tensor.ones(new int[] {2, 2}, DType.INT64),
                        Tensor.ones(2, 2)), x -> x[0].matmul(x[1]), "int64", "float32"))
                .error(ErrorCase.of("0-d", () -> Fails.ins(Tensor.scalar(1), Tensor.ones(2)), x -> x[0].matmul(x[1]),
                        "0D", "1D"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2), Tensor.ones(2).to(other)),
                        x -> x[0].matmul(x[1]))));

        db.add(op("t").dtypes(ALL).gradFn("TBackward0")
                .add(Sample.of("t()", x -> x[0].t(), t()).ref(x -> x[0]))
                .add(Sample.of("t()", x -> x[0].t(), t(3)).ref(x -> x[0]))
                .add(Sample.of("t()", x -> x[0].t(), t(2, 3)).ref(x -> Ref.transpose(x[0], 0, 1)))
                .add(Sample.of("t()", x -> x[0].t(), t(2, 3).transposed()).ref(x -> Ref.transpose(x[0], 0, 1)))
                .add(Sample.of("t()", x -> x[0].t(), t(2, 3).strided()).ref(x -> Ref.transpose(x[0], 0, 1)))
                .add(Sample.of("t()", x -> x[0].t(), t(0, 3)).ref(x -> Ref.transpose(x[0], 0, 1)))
                .error(ErrorCase.of("3-D", () -> Fails.ins(Tensor.ones(2, 3, 4)), x -> x[0].t(), "3-D")));

        db.add(op("linear").dtypes(FLOATING).gradFn("AddmmBackward0")
                .add(linearSample(t(5, 3), t(4, 3), t(4)).label("the op test's case"))
                .add(linearSample(t(2, 5, 3), t(4, 3), null).noGradFn("PyTorch's is an internal view")
                        .label("3-D input, no bias, the op test's case"))
                .add(linearSample(t(5, 3), t(4, 3), null).gradFn("MmBackward0").label("no bias"))
                .add(linearSample(t(2, 5, 3), t(4, 3), t(4)).gradFn("ViewBackward0").label("3-D input"))
                .add(linearSample(t(3), t(4, 3), t(4)).noGradFn("PyTorch's is an internal squeeze").label("1-D input"))
                .add(linearSample(t(5, 3).transposed(), t(4, 3).transposed(), t(4).strided()).label("layouts"))
                .add(linearSample(t(5, 3), t(4, 3), t(1)).label("bias of one element"))
                .add(linearSample(t(0, 3), t(4, 3), t(4)).label("no rows"))
                .error(ErrorCase.of("1-D weight", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(3)),
                        x -> Functional.linear(x[0], x[1], null), "weight must be 2-D", "[3]"))
                .error(ErrorCase.of("[2, 3] and weight [4, 5]", () -> Fails.ins(Tensor.ones(2, 3).requiresGrad(true),
                        Tensor.ones(4, 5)), x -> Functional.linear(x[0], x[1], null), "[2, 3]", "[4, 5]"))
                .error(ErrorCase.of("bias [3] for 4 outputs", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(4, 3),
                        Tensor.ones(3)), x -> Functional.linear(x[0], x[1], x[2]), "bias shape [3]", "4"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(4, 3).to(other)),
                        x -> Functional.linear(x[0], x[1], null))));

        Reduction mean = Reduction.MEAN, sum = Reduction.SUM, none = Reduction.NONE;
        db.add(op("crossEntropy").dtypes(FLOATING).gradFn("NllLossBackward0", "LogSoftmaxBackward0")
                .errorName("cross_entropy")
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor)", x -> Functional.crossEntropy(x[0], x[1]),
                        t(3, 4), index(new long[] {1, 0, 3})).ref(x -> crossEntropy(x[0], x[1], null, mean, IGNORE))
                        .label("mean"))
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor,Reduction)",
                        x -> Functional.crossEntropy(x[0], x[1], sum), t(3, 4).transposed(), index(new long[] {1, 0, 3}))
                        .ref(x -> crossEntropy(x[0], x[1], null, sum, IGNORE)).label("sum"))
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor,Reduction)",
                        x -> Functional.crossEntropy(x[0], x[1], none), t(3, 4), index(new long[] {1, 0, 3}))
                        .ref(x -> crossEntropy(x[0], x[1], null, none, IGNORE)).label("none"))
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor,Tensor,Reduction,long)",
                        x -> Functional.crossEntropy(x[0], x[1], null, mean, IGNORE), t(3, 4),
                        index(new long[] {1, IGNORE, 3})).ref(x -> crossEntropy(x[0], x[1], null, mean, IGNORE))
                        .label("ignore index"))
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor,Tensor,Reduction,long)",
                        x -> Functional.crossEntropy(x[0], x[1], x[2], mean, IGNORE), t(3, 4),
                        index(new long[] {1, 0, 3}), values(new double[] {1, 2, 3, 4}).noGrad())
                        .ref(x -> crossEntropy(x[0], x[1], x[2], mean, IGNORE)).label("class weights"))
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor,Tensor,Reduction,long)",
                        x -> Functional.crossEntropy(x[0], x[1], x[2], sum, 2), t(2, 3, 2),
                        index(new long[] {0, 2, 1, 1}, 2, 2), values(new double[] {1, 0.5, 2}).noGrad())
                        .ref(x -> crossEntropy(x[0], x[1], x[2], sum, 2)).label("spatial, weights, ignore 2"))
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor)", x -> Functional.crossEntropy(x[0], x[1]),
                        t(4), index(2)).ref(x -> crossEntropy(x[0], x[1], null, mean, IGNORE)).label("unbatched"))
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor)", x -> Functional.crossEntropy(x[0],
                        x[1].softmax(1)), t(3, 4), t(3, 4)).ref(x -> crossEntropyProbabilities(x[0],
                        Ref.alongDim(x[1], 1, Ref::softmax), mean)).noGradFn("a composite: ours divides by N")
                        .label("probabilities (softmax of a second input)"))
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor,Reduction)",
                        x -> Functional.crossEntropy(x[0], x[1], none), t(3, 4), t(3, 4).in(Domain.NONNEG))
                        .ref(x -> crossEntropyProbabilities(x[0], x[1], none)).noGradFn("a composite")
                        .label("probabilities, none"))
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor,Reduction)",
                        x -> Functional.crossEntropy(x[0], x[1], sum), t(0, 4), index(new long[0]))
                        .ref(x -> crossEntropy(x[0], x[1], null, sum, IGNORE)).label("empty batch"))
                // The op tests' values (PyTorch 1.13, float32).
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor)", x -> Functional.crossEntropy(x[0], x[1]),
                        values(new double[] {0.2, -1.3, 0.7, 2.0, 1.5, 0.1, -0.4, 0.3, -0.6, 0.9, 0.0, -1.1}, 3, 4),
                        index(new long[] {3, 0, 1})).ref(x -> Nd.scalar(0.49523624777793884)).only(DType.FLOAT32)
                        .tol(DType.FLOAT32, Tolerance.abs(1e-6))
                        .grads(null, Tolerance.abs(1e-7), new double[] {0.03736293315887451, 0.00833679735660553,
                                0.06160106509923935, -0.1073007807135582, -0.13694992661476135, 0.04842755198478699,
                                0.029372796416282654, 0.05914955586194992, 0.042138949036598206, -0.1444796919822693,
                                0.07678216695785522, 0.02555856481194496}).label("PyTorch 1.13 values"))
                .add(smoothed(t(3, 4), index(new long[] {1, 0, 3}), null, mean, IGNORE, 0.1).label("smoothing 0.1"))
                .add(smoothed(t(3, 4).transposed(), index(new long[] {1, IGNORE, 3}),
                        values(new double[] {1, 2, 3, 4}).noGrad(), mean, IGNORE, 0.2)
                        .label("smoothing 0.2, class weights, ignore index"))
                .add(smoothed(t(2, 3, 2), index(new long[] {0, 2, 1, 1}, 2, 2), values(new double[] {1, 0.5, 2}).noGrad(),
                        sum, 2, 0.3).label("smoothing 0.3, spatial, weights, ignore 2, sum"))
                .add(smoothed(t(3, 4), index(new long[] {1, 0, 3}), null, none, IGNORE, 0.1).label("smoothing, none"))
                .add(smoothed(t(4), index(2), null, mean, IGNORE, 0.5).label("smoothing 0.5, unbatched"))
                .add(smoothed(t(3, 4), index(new long[] {1, 0, 3}), null, mean, IGNORE, 1.0)
                        .label("smoothing 1: the uniform target alone"))
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor,Tensor,Reduction,long,double)",
                        x -> Functional.crossEntropy(x[0], x[1], null, mean, IGNORE, 0), t(3, 4),
                        index(new long[] {1, 0, 3})).ref(x -> crossEntropy(x[0], x[1], null, mean, IGNORE))
                        .label("smoothing 0: plain cross-entropy"))
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor,Tensor,Reduction,long,double)",
                        x -> Functional.crossEntropy(x[0], x[1], null, mean, IGNORE, 0.3), t(3, 4),
                        t(3, 4).in(Domain.NONNEG)).ref(x -> crossEntropyProbabilities(x[0],
                        Ref.map(x[1], v -> v * 0.7 + 0.3 / 4), mean)).noGradFn("a composite")
                        .label("smoothing 0.3, probabilities"))
                // PyTorch 1.13 (float32): F.cross_entropy(x, t, label_smoothing=0.1) and, with weight [1, 2, 3, 4] and
                // target [3, -100, 1], label_smoothing=0.2; x as in the sample above, loss.backward().
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor,Tensor,Reduction,long,double)",
                        x -> Functional.crossEntropy(x[0], x[1], null, mean, IGNORE, 0.1),
                        values(new double[] {0.2, -1.3, 0.7, 2.0, 1.5, 0.1, -0.4, 0.3, -0.6, 0.9, 0.0, -1.1}, 3, 4),
                        index(new long[] {3, 0, 1})).ref(x -> Nd.scalar(0.6227362155914307)).only(DType.FLOAT32)
                        .tol(DType.FLOAT32, Tolerance.abs(1e-6)).gradFn("AddBackward0")
                        .grads(null, Tolerance.abs(1e-7), new double[] {0.029029594734311104, 3.4624708860064857e-06,
                                0.05326772481203079, -0.08230076730251312, -0.11194992065429688, 0.04009421169757843,
                                0.021039457991719246, 0.050816211849451065, 0.03380560874938965, -0.1194796934723854,
                                0.06844881922006607, 0.017225226387381554}).label("smoothing 0.1, PyTorch 1.13 values"))
                .add(Sample.of("Functional.crossEntropy(Tensor,Tensor,Tensor,Reduction,long,double)",
                        x -> Functional.crossEntropy(x[0], x[1], x[2], mean, IGNORE, 0.2),
                        values(new double[] {0.2, -1.3, 0.7, 2.0, 1.5, 0.1, -0.4, 0.3, -0.6, 0.9, 0.0, -1.1}, 3, 4),
                        index(new long[] {3, IGNORE, 1}), values(new double[] {1, 2, 3, 4}).noGrad())
                        .ref(x -> Nd.scalar(0.642579197883606)).only(DType.FLOAT32)
                        .tol(DType.FLOAT32, Tolerance.abs(1e-6)).gradFn("AddBackward0")
                        .grads(null, Tolerance.abs(1e-7), new double[] {0.060788094997406006, -0.0012435918906703591,
                                0.08896197378635406, -0.14850644767284393, 0, 0, 0, 0, 0.035912565886974335,
                                -0.08503702282905579, 0.055621273815631866, -0.006496841553598642})
                        .label("smoothing 0.2, weights, ignore index, PyTorch 1.13 values"))
                .error(ErrorCase.of("label smoothing 1.5", () -> Fails.ins(Tensor.ones(2, 3),
                        Tensor.of(new long[] {0, 1})), x -> Functional.crossEntropy(x[0], x[1], null, mean, IGNORE, 1.5),
                        "label_smoothing", "1.5").op("cross_entropy"))
                .error(ErrorCase.of("label smoothing -0.1", () -> Fails.ins(Tensor.ones(2, 3),
                        Tensor.of(new long[] {0, 1})), x -> Functional.crossEntropy(x[0], x[1], null, mean, IGNORE, -0.1),
                        "label_smoothing", "-0.1").op("cross_entropy"))
                .error(ErrorCase.of("smoothing, target 7 of 3 classes", () -> Fails.ins(Tensor.ones(2, 3),
                        Tensor.of(new long[] {0, 7})), x -> Functional.crossEntropy(x[0], x[1], null, mean, IGNORE, 0.1),
                        "7", "3 classes").index())
                .error(ErrorCase.of("target 7 of 3 classes", () -> Fails.ins(Tensor.ones(2, 3).requiresGrad(true),
                        Tensor.of(new long[] {0, 7})), x -> Functional.crossEntropy(x[0], x[1]), "7", "3 classes").index())
                .error(ErrorCase.of("probabilities of another shape", () -> Fails.ins(Tensor.ones(3, 4),
                        Tensor.ones(3, 5)), x -> Functional.crossEntropy(x[0], x[1]), "[3, 4]", "[3, 5]")
                        .op("cross_entropy"))
                // PyTorch 1.13: F.cross_entropy(torch.tensor([[1, 2, 3]]), torch.tensor([0])) raises
                // "log_softmax_lastdim_kernel_impl" not implemented for 'Long'; ours returned a float32 loss.
                // PyTorch 1.13: F.cross_entropy(x, torch.tensor([0, 1], dtype=torch.int32)) raises "expected scalar
                // type Long but found Int" (uint8 would pass; we have no uint8)
                .error(ErrorCase.of("int32 target", () -> Fails.ins(Tensor.ones(2, 3), Tensor.of(new long[] {0, 1})
                        .to(DType.INT32)), x -> Functional.crossEntropy(x[0], x[1]), "[cross_entropy]", "int64",
                        "int32"))
                .error(ErrorCase.of("int64 logits", () -> Fails.ins(Tensor.ones(new int[] {1, 3}, DType.INT64),
                        Tensor.of(new long[] {0})), x -> Functional.crossEntropy(x[0], x[1]), "int64")
                        .op("cross_entropy"))
                .error(ErrorCase.of("int32 logits, class probabilities", () -> Fails.ins(Tensor.ones(new int[] {1, 3},
                        DType.INT32), Tensor.ones(1, 3)), x -> Functional.crossEntropy(x[0], x[1]), "int32")
                        .op("cross_entropy")));

        db.add(op("nllLoss").dtypes(FLOATING).gradFn("NllLossBackward0").errorName("nll_loss")
                .add(Sample.of("Functional.nllLoss(Tensor,Tensor)", x -> Functional.nllLoss(x[0], x[1]), t(3, 4),
                        index(new long[] {1, 0, 3})).ref(x -> nll(x[0], x[1], null, mean, IGNORE)).label("mean"))
                .add(Sample.of("Functional.nllLoss(Tensor,Tensor)", x -> Functional.nllLoss(x[0].logSoftmax(1), x[1]),
                        t(3, 4), index(new long[] {1, 0, 3})).ref(x -> crossEntropy(x[0], x[1], null, mean, IGNORE))
                        .label("of log_softmax, the op test's case"))
                .add(Sample.of("Functional.nllLoss(Tensor,Tensor,Reduction)", x -> Functional.nllLoss(x[0], x[1], sum),
                        t(3, 4).strided(), index(new long[] {1, 0, 3})).ref(x -> nll(x[0], x[1], null, sum, IGNORE))
                        .label("sum"))
                .add(Sample.of("Functional.nllLoss(Tensor,Tensor,Reduction)", x -> Functional.nllLoss(x[0], x[1], none),
                        t(3, 4), index(new long[] {1, 0, 3})).ref(x -> nll(x[0], x[1], null, none, IGNORE))
                        .label("none"))
                .add(Sample.of("Functional.nllLoss(Tensor,Tensor)", x -> Functional.nllLoss(x[0], x[1]), t(2, 3, 2),
                        index(new long[] {0, 2, 1, 1}, 2, 2)).ref(x -> nll(x[0], x[1], null, mean, IGNORE))
                        .label("spatial, the op test's case"))
                .add(Sample.of("Functional.nllLoss(Tensor,Tensor,Reduction)", x -> Functional.nllLoss(x[0], x[1], none),
                        t(2, 3, 2), index(new long[] {0, 2, 1, 1}, 2, 2)).ref(x -> nll(x[0], x[1], null, none, IGNORE))
                        .label("spatial, none"))
                .add(Sample.of("Functional.nllLoss(Tensor,Tensor,Tensor,Reduction,long)",
                        x -> Functional.nllLoss(x[0], x[1], x[2], mean, 0), t(4, 3), index(new long[] {0, 2, 1, 0}),
                        values(new double[] {3, 1, 0.5}).noGrad()).ref(x -> nll(x[0], x[1], x[2], mean, 0))
                        .label("weights, ignore 0"))
                .add(Sample.of("Functional.nllLoss(Tensor,Tensor)", x -> Functional.nllLoss(x[0], x[1]), t(3), index(1))
                        .ref(x -> nll(x[0], x[1], null, mean, IGNORE)).label("unbatched"))
                .error(ErrorCase.of("float target", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2)),
                        x -> Functional.nllLoss(x[0], x[1]), "float32"))
                // PyTorch 1.13: F.nll_loss(x, torch.tensor([0, 1], dtype=torch.int32)) raises "expected scalar type
                // Long but found Int"
                .error(ErrorCase.of("int32 target", () -> Fails.ins(Tensor.ones(2, 3), Tensor.of(new long[] {0, 1})
                        .to(DType.INT32)), x -> Functional.nllLoss(x[0], x[1]), "[nll_loss]", "int64", "int32"))
                .error(ErrorCase.of("input [3, 4] and target [2]", () -> Fails.ins(Tensor.ones(3, 4),
                        Tensor.of(new long[] {0, 1})), x -> Functional.nllLoss(x[0], x[1]), "[3, 4]", "[2]"))
                .error(ErrorCase.of("weight of 2 for 4 classes", () -> Fails.ins(Tensor.ones(3, 4),
                        Tensor.of(new long[] {0, 1, 2}), Tensor.ones(2)),
                        x -> Functional.nllLoss(x[0], x[1], x[2], mean, IGNORE), "4 classes", "[2]"))
                // PyTorch 1.13: F.nll_loss(x.double(), t, weight=torch.ones(3)) raises "expected scalar type Double but
                // found Float"; ours cast the weight.
                .error(ErrorCase.of("float32 weight for float64", () -> Fails.ins(Tensor.ones(new int[] {2, 3},
                        DType.FLOAT64), Tensor.of(new long[] {0, 1}), Tensor.ones(3)),
                        x -> Functional.nllLoss(x[0], x[1], x[2], mean, IGNORE), "float64", "float32"))
                .error(ErrorCase.of("target -1", () -> Fails.ins(Tensor.ones(2, 3), Tensor.of(new long[] {0, -1})),
                        x -> Functional.nllLoss(x[0], x[1]), "-1", "3 classes").index())
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2, 3), Tensor.of(new long[] {0, 1}).to(other)),
                        x -> Functional.nllLoss(x[0], x[1]))));

        db.add(op("mseLoss").dtypes(FLOATING).gradFn("MseLossBackward0").errorName("mse_loss")
                .add(Sample.of("Functional.mseLoss(Tensor,Tensor)", x -> Functional.mseLoss(x[0], x[1]), t(3, 4),
                        t(3, 4)).ref(x -> mse(x[0], x[1], mean)).label("mean"))
                .add(Sample.of("Functional.mseLoss(Tensor,Tensor,Reduction)", x -> Functional.mseLoss(x[0], x[1], sum),
                        t(3, 4), t(4)).ref(x -> mse(x[0], x[1], sum)).label("sum, broadcast target"))
                .add(Sample.of("Functional.mseLoss(Tensor,Tensor,Reduction)", x -> Functional.mseLoss(x[0], x[1], none),
                        t(3, 4).transposed(), t(3, 4).strided()).ref(x -> mse(x[0], x[1], none)).label("none"))
                .add(Sample.of("Functional.mseLoss(Tensor,Tensor)", x -> Functional.mseLoss(x[0], x[1]), t(), t())
                        .ref(x -> mse(x[0], x[1], mean)).label("0-d"))
                .error(ErrorCase.of("int64 input and target", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64),
                        Tensor.zeros(new int[] {2}, DType.INT64)), x -> Functional.mseLoss(x[0], x[1]), "int64"))
                .error(Fails.binary((a, b) -> Functional.mseLoss(a, b))));

        db.add(op("embedding").dtypes(FLOATING).gradFn("EmbeddingBackward0")
                .add(Sample.of("Functional.embedding(Tensor,Tensor)", x -> Functional.embedding(x[0], x[1]),
                        index(new long[] {1, 3, 1, 0}, 2, 2), t(4, 3)).ref(x -> embedding(x[1], x[0]))
                        .label("the op test's case"))
                .add(Sample.of("Functional.embedding(Tensor,Tensor)", x -> Functional.embedding(x[0], x[1]),
                        index(2), t(4, 3).transposed()).ref(x -> embedding(x[1], x[0])).label("0-d index"))
                .add(Sample.of("Functional.embedding(Tensor,Tensor)", x -> Functional.embedding(x[0], x[1]),
                        index(new long[0]), t(4, 3)).ref(x -> embedding(x[1], x[0])).label("no indices"))
                // padding_idx: by definition that row gets no gradient, which finite differences cannot see, so the
                // gradient is checked by value (the sum's gradient counts each row's uses, the padding row's zero).
                .add(Sample.of("Functional.embedding(Tensor,Tensor,int)", x -> Functional.embedding(x[0], x[1], 1),
                        index(new long[] {1, 3, 1, 0}), t(4, 2)).ref(x -> embedding(x[1], x[0]))
                        .grads(ones(8), Tolerance.EXACT, new double[] {1, 1, 0, 0, 0, 0, 1, 1})
                        .noGrad("the padding row has no gradient by definition").label("padding 1"))
                .add(Sample.of("Functional.embedding(Tensor,Tensor,int)", x -> Functional.embedding(x[0], x[1], -1),
                        index(new long[] {3, 2}), t(4, 2)).ref(x -> embedding(x[1], x[0]))
                        .grads(ones(4), Tolerance.EXACT, new double[] {0, 0, 0, 0, 1, 1, 0, 0})
                        .noGrad("the padding row has no gradient by definition").label("padding -1 (the last row)"))
                .error(ErrorCase.of("1-D weight", () -> Fails.ins(Tensor.of(new long[] {0}), Tensor.ones(4)),
                        x -> Functional.embedding(x[0], x[1]), "2-D", "[4]"))
                .error(ErrorCase.of("index 9 of 4 rows", () -> Fails.ins(Tensor.of(new long[] {9}),
                        Tensor.ones(4, 2).requiresGrad(true)), x -> Functional.embedding(x[0], x[1]), "9").index())
                .error(ErrorCase.of("float indices", () -> Fails.ins(Tensor.ones(2), Tensor.ones(4, 2)),
                        x -> Functional.embedding(x[0], x[1]), "float32")));

        db.add(op("layerNorm").dtypes(FLOATING).gradFn("NativeLayerNormBackward0").errorName("layer_norm")
                .add(Sample.of("Functional.layerNorm(Tensor,int[],Tensor,Tensor)",
                        x -> Functional.layerNorm(x[0], new int[] {4}, x[1], x[2]), t(3, 4), t(4), t(4))
                        .ref(x -> layerNorm(x[0], 1, x[1], x[2], 1e-5)).label("the op test's case"))
                .add(Sample.of("Functional.layerNorm(Tensor,int[],Tensor,Tensor)",
                        x -> Functional.layerNorm(x[0], new int[] {2, 3}, null, null), t(2, 2, 3))
                        .ref(x -> layerNorm(x[0], 2, null, null, 1e-5)).label("2 dims, no affine, the op test's case"))
                .add(Sample.of("Functional.layerNorm(Tensor,int[],Tensor,Tensor,double)",
                        x -> Functional.layerNorm(x[0], new int[] {3}, x[1], null, 1e-3), t(4, 3).transposed(), t(3))
                        .ref(x -> layerNorm(x[0], 1, x[1], null, 1e-3)).label("eps 1e-3, weight only"))
                .add(Sample.of("Functional.layerNorm(Tensor,int[],Tensor,Tensor)",
                        x -> Functional.layerNorm(x[0], new int[] {3}, null, x[1]), t(3).strided(), t(3))
                        .ref(x -> layerNorm(x[0], 1, null, x[1], 1e-5)).label("1-D, bias only"))
                .add(Sample.of("Functional.layerNorm(Tensor,int[],Tensor,Tensor)",
                        x -> Functional.layerNorm(x[0], new int[] {4}, x[1], x[2]), t(0, 4), t(4), t(4))
                        .ref(x -> layerNorm(x[0], 1, x[1], x[2], 1e-5)).label("no rows"))
                // The op tests' values and gradients (PyTorch 1.13, float32, backward of out * [[1, 2, 3], [4, 5, 6]]).
                .add(Sample.of("Functional.layerNorm(Tensor,int[],Tensor,Tensor)",
                        x -> Functional.layerNorm(x[0], new int[] {3}, x[1], x[2]),
                        values(new double[] {1, 2, 4, 0, -1, 3}, 2, 3), values(new double[] {1, 0.5, 2}),
                        values(new double[] {0, 1, -1}))
                        .ref(x -> Nd.of(new int[] {2, 3}, -1.06904137134552, 0.8663698434829712, 1.6726036071777344,
                                -0.3922315537929535, 0.5097105503082275, 1.7456212043762207))
                        .only(DType.FLOAT32).tol(DType.FLOAT32, Tolerance.abs(1e-6))
                        .grads(new double[] {1, 2, 3, 4, 5, 6}, Tolerance.abs(1e-5),
                                new double[] {0.5726879835128784, -0.859054684638977, 0.2863653898239136,
                                        -0.3168056011199951, 0.2375938892364502, 0.07921171188354492},
                                new double[] {-2.637967586517334, -5.43741512298584, 12.245769500732422},
                                new double[] {5, 7, 9})
                        .gradTolerances(Tolerance.abs(1e-5), Tolerance.abs(1e-5), Tolerance.EXACT)
                        .label("PyTorch 1.13 values"))
                .error(ErrorCase.of("normalized [4] of [2, 3]", () -> Fails.ins(Tensor.ones(2, 3)),
                        x -> Functional.layerNorm(x[0], new int[] {4}, null, null), "[4]", "[2, 3]"))
                .error(ErrorCase.of("weight [2] for [3]", () -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(2)),
                        x -> Functional.layerNorm(x[0], new int[] {3}, x[1], null), "[3]", "[2]"))
                .error(ErrorCase.of("int64 input", () -> Fails.ins(Tensor.ones(new int[] {2, 3}, DType.INT64)),
                        x -> Functional.layerNorm(x[0], new int[] {3}, null, null), "int64"))
                // PyTorch 1.13: F.layer_norm(x.double(), (3,), torch.ones(3), None) raises "expected scalar type Double
                // but found Float"; ours computed in float64.
                .error(ErrorCase.of("float32 weight for float64", () -> Fails.ins(Tensor.ones(new int[] {2, 3},
                        DType.FLOAT64), Tensor.ones(3)), x -> Functional.layerNorm(x[0], new int[] {3}, x[1], null),
                        "float64", "float32"))
                .error(ErrorCase.devices(other -> Fails.ins(Tensor.ones(2, 3), Tensor.ones(3).to(other)),
                        x -> Functional.layerNorm(x[0], new int[] {3}, x[1], null))));

        db.add(op("dropout").dtypes(FLOATING).gradFn("NativeDropoutBackward0")
                .cpuSameDtype("its mask draws 24 random bits for float32, 53 for float64")
                .add(dropout(t(10), 0.5, true).label("p 0.5, the op test's case"))
                .add(dropout(t(3, 4).transposed(), 0.2, true).label("p 0.2"))
                .add(dropout(t(0), 0.5, true).label("empty"))
                .add(dropout(t(2, 3), 1, true).label("p 1: all dropped"))
                .add(dropout(t(2, 3), 0, true).noGradFn("p 0: returns its input").label("p 0"))
                .add(dropout(t(2, 3), 0.5, false).noGradFn("not training: returns its input").label("not training"))
                .error(ErrorCase.of("p 1.5", () -> Fails.ins(Tensor.ones(2)),
                        x -> Functional.dropout(x[0], 1.5, true, new Generator(0)), "1.5"))
                .error(ErrorCase.of("int64 input", () -> Fails.ins(Tensor.ones(new int[] {2}, DType.INT64)),
                        x -> Functional.dropout(x[0], 0.5, true, new Generator(0)), "int64")));

        return db;
    }

    private static final String BATCHED = "PyTorch's matmul folds batches into one mm (UnsafeViewBackward0); ours runs"
            + " a batched GEMM (BmmBackward0, torch.bmm's name)";

    private static Sample matmul(In a, In b) {
        return Sample.of("matmul(Tensor)", x -> x[0].matmul(x[1]), a, b).ref(x -> Ref.matmul(x[0], x[1]));
    }

    private static Sample linearSample(In x, In w, In b) {
        return b == null
                ? Sample.of("Functional.linear(Tensor,Tensor,Tensor)", v -> Functional.linear(v[0], v[1], null), x, w)
                        .ref(v -> linear(v[0], v[1], null))
                : Sample.of("Functional.linear(Tensor,Tensor,Tensor)", v -> Functional.linear(v[0], v[1], v[2]), x, w, b)
                        .ref(v -> linear(v[0], v[1], v[2]));
    }

    /** Rows of {@code weight} at {@code indices}: shape {@code indices.shape + [D]}. */
    private static Nd embedding(Nd weight, Nd indices) {
        Nd rows = Ref.indexSelect(weight, 0, indices.reshape(indices.numel()));
        int[] shape = Arrays.copyOf(indices.shape, indices.rank() + 1);
        shape[indices.rank()] = weight.shape[1];
        return rows.reshape(shape);
    }

    private static Sample smoothed(In x, In target, In weight, Reduction reduction, long ignore, double eps) {
        String call = "Functional.crossEntropy(Tensor,Tensor,Tensor,Reduction,long,double)";
        Sample s = weight == null
                ? Sample.of(call, v -> Functional.crossEntropy(v[0], v[1], null, reduction, ignore, eps), x, target)
                        .ref(v -> crossEntropySmoothed(v[0], v[1], null, reduction, ignore, eps))
                : Sample.of(call, v -> Functional.crossEntropy(v[0], v[1], v[2], reduction, ignore, eps), x, target, weight)
                        .ref(v -> crossEntropySmoothed(v[0], v[1], v[2], reduction, ignore, eps));
        return s.gradFn("AddBackward0");
    }

    private static Sample dropout(In x, double p, boolean training) {
        return Sample.of("Functional.dropout(Tensor,double,boolean,Generator)",
                v -> Functional.dropout(v[0], p, training, new Generator(7)), x)
                .refFor((v, dtype) -> training ? dropout(v[0], p, 7, dtype) : v[0]);
    }

    private static double[] ones(int n) {
        double[] out = new double[n];
        Arrays.fill(out, 1);
        return out;
    }
}
