package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Kullback-Leibler divergence, like {@code torch.nn.KLDivLoss} (see
 * {@link Functional#klDiv(Tensor, Tensor, Reduction, boolean)}): the input is log-probabilities.
 *
 * @param reduction how per-element terms combine, when not {@code batchmean}
 * @param batchmean whether to sum and divide by the batch size (PyTorch's {@code reduction="batchmean"})
 * @param logTarget whether the target is given as log-probabilities
 */
public record KLDivLoss(Reduction reduction, boolean batchmean, boolean logTarget) implements Loss {
    /**
     * Checks the options.
     *
     * @param reduction how the elementwise terms are reduced
     * @param batchmean whether to sum and divide by the batch size (PyTorch's "batchmean"), which overrides {@code reduction}
     * @param logTarget whether the target is given as log-probabilities
     * @throws NullPointerException for a null reduction
     */
    public KLDivLoss {
        java.util.Objects.requireNonNull(reduction, "reduction");
    }

    /** PyTorch's defaults: the mean over every element, probabilities as the target. */
    public KLDivLoss() {
        this(Reduction.MEAN, false, false);
    }

    /**
     * The divergence per sample, PyTorch's {@code KLDivLoss(reduction="batchmean", log_target=logTarget)}.
     *
     * @param logTarget whether the target is given as log-probabilities
     * @return a new loss
     */
    public static KLDivLoss batchmean(boolean logTarget) {
        return new KLDivLoss(Reduction.SUM, true, logTarget);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return batchmean ? Functional.klDivBatchmean(input, target, logTarget)
                : Functional.klDiv(input, target, reduction, logTarget);
    }
}
