package dev.autograd4j.optim;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers the learning rate when a metric stops improving, like {@code torch.optim.lr_scheduler.ReduceLROnPlateau}:
 * call {@link #step(double)} once per epoch with the metric (a validation loss, say). After more than
 * {@code patience} epochs in a row without improvement, each group's rate becomes
 * {@code max(lr * factor, minLr)} (unchanged when that changes it by no more than {@code eps}), then
 * {@code cooldown} epochs pass before bad epochs count again. It scales the group's current rate, so it chains with
 * other schedulers and rates set by hand; it never touches a tensor.
 *
 * <p>Improvement, as PyTorch's with {@code best} the best metric so far: in mode "min", {@code a < best * (1 -
 * threshold)} ("rel") or {@code a < best - threshold} ("abs"); in mode "max", {@code a > best * (1 + threshold)} or
 * {@code a > best + threshold}. A NaN metric never improves.
 * <pre>{@code
 * var plateau = new ReduceLROnPlateau(opt, new ReduceLROnPlateau.Options().patience(3).factor(0.5));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     train(...);
 *     plateau.step(validationLoss);
 * }
 * }</pre>
 */
public final class ReduceLROnPlateau {

    /**
     * The scheduler's options, PyTorch's defaults; {@code new ReduceLROnPlateau.Options().mode("max")}.
     *
     * @param mode "min" (the metric should fall) or "max" (it should rise)
     * @param factor what a reduction multiplies the rate by, below 1
     * @param patience the epochs without improvement tolerated before a reduction
     * @param threshold the least change that counts as an improvement
     * @param thresholdMode "rel" (relative to the best) or "abs"
     * @param cooldown the epochs after a reduction during which bad epochs are not counted
     * @param minLrs the smallest rate: one value for every group, or one per group
     * @param eps the smallest change of a rate worth making
     */
    public record Options(String mode, double factor, int patience, double threshold, String thresholdMode,
                          int cooldown, List<Double> minLrs, double eps) {
        /** PyTorch's defaults: mode "min", factor 0.1, patience 10, threshold 1e-4 "rel", no cooldown, min_lr 0. */
        public Options() {
            this("min", 0.1, 10, 1e-4, "rel", 0, List.of(0.0), 1e-8);
        }

        /**
         * The options, the list of minimum rates copied.
         *
         * @param mode "min" or "max"
         * @param factor the reduction factor, below 1
         * @param patience the epochs without improvement tolerated
         * @param threshold the least change that counts as an improvement
         * @param thresholdMode "rel" or "abs"
         * @param cooldown the epochs after a reduction during which bad epochs are not counted
         * @param minLrs the smallest rate, one value or one per group
         * @param eps the smallest change of a rate worth making
         */
        public Options {
            minLrs = List.copyOf(minLrs);
        }

        /**
         * A copy with another mode.
         *
         * @param mode "min" or "max"
         * @return a new options record
         */
        public Options mode(String mode) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLrs, eps);
        }

        /**
         * A copy with another reduction factor.
         *
         * @param factor below 1
         * @return a new options record
         */
        public Options factor(double factor) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLrs, eps);
        }

        /**
         * A copy with another patience.
         *
         * @param patience the epochs without improvement tolerated before a reduction
         * @return a new options record
         */
        public Options patience(int patience) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLrs, eps);
        }

        /**
         * A copy with another threshold.
         *
         * @param threshold the least change that counts as an improvement
         * @return a new options record
         */
        public Options threshold(double threshold) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLrs, eps);
        }

        /**
         * A copy with another threshold mode.
         *
         * @param thresholdMode "rel" or "abs"
         * @return a new options record
         */
        public Options thresholdMode(String thresholdMode) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLrs, eps);
        }

        /**
         * A copy with another cooldown.
         *
         * @param cooldown the epochs after a reduction during which bad epochs are not counted
         * @return a new options record
         */
        public Options cooldown(int cooldown) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLrs, eps);
        }

        /**
         * A copy with other minimum rates.
         *
         * @param minLr one value for every group, or one per group
         * @return a new options record
         */
        public Options minLr(double... minLr) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown,
                    java.util.Arrays.stream(minLr).boxed().toList(), eps);
        }

        /**
         * A copy with another epsilon.
         *
         * @param eps the smallest change of a rate worth making
         * @return a new options record
         */
        public Options eps(double eps) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLrs, eps);
        }
    }

    private final Optimizer<?> optimizer;
    private final Options options;
    private final double[] minLrs;
    private final double[] lastLrs;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private int lastEpoch;

    /**
     * A plateau scheduler of {@code optimizer}'s rates, like {@code ReduceLROnPlateau(optimizer, ...)}; it changes
     * no rate until a step finds a plateau.
     *
     * @param optimizer the optimizer whose groups' rates to lower
     * @param options the options
     * @throws IllegalArgumentException if the factor is not below 1, a mode is unknown, or there are several minimum
     *     rates but not one per group
     */
    public ReduceLROnPlateau(Optimizer<?> optimizer, Options options) {
        int groups = optimizer.paramGroups().size();
        if (!(options.factor() < 1)) {
            throw error("factor should be < 1.0 but got " + options.factor());
        }
        if (options.minLrs().size() != 1 && options.minLrs().size() != groups) {
            throw error("expected " + groups + " min_lrs, got " + options.minLrs().size());
        }
        if (!List.of("min", "max").contains(options.mode())) {
            throw error("mode " + options.mode() + " is unknown (expected 'min' or 'max')");
        }
        if (!List.of("rel", "abs").contains(options.thresholdMode())) {
            throw error("threshold mode " + options.thresholdMode() + " is unknown (expected 'rel' or 'abs')");
        }
        this.optimizer = optimizer;
        this.options = options;
        this.minLrs = new double[groups];
        this.lastLrs = new double[groups];
        for (int i = 0; i < groups; i++) {
            minLrs[i] = options.minLrs().get(options.minLrs().size() == 1 ? 0 : i);
            lastLrs[i] = optimizer.paramGroups().get(i).lr();
        }
        this.best = options.mode().equals("min") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * A plateau scheduler with PyTorch's default options.
     *
     * @param optimizer the optimizer whose groups' rates to lower
     */
    public ReduceLROnPlateau(Optimizer<?> optimizer) {
        this(optimizer, new Options());
    }

    /**
     * Ends an epoch whose metric is {@code metric}: counts it as an improvement or a bad epoch, and lowers the rates
     * after more than {@code patience} bad epochs in a row.
     *
     * @param metric the epoch's metric (read it with {@code item()} when it is a tensor)
     */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        List<? extends Optimizer.ParamGroup<?>> groups = optimizer.paramGroups();
        if (numBadEpochs > options.patience()) {
            for (int i = 0; i < groups.size(); i++) {
                double old = groups.get(i).lr();
                double lowered = Math.max(old * options.factor(), minLrs[i]);
                if (old - lowered > options.eps()) {
                    groups.get(i).setLr(lowered);
                }
            }
            cooldownCounter = options.cooldown();
            numBadEpochs = 0;
        }
        for (int i = 0; i < groups.size(); i++) {
            lastLrs[i] = groups.get(i).lr();
        }
    }

    /**
     * {@link #step(double)} with a one-element tensor's value, like {@code scheduler.step(val_loss)}; reads it on the
     * host (once an epoch).
     *
     * @param metric a one-element tensor
     * @throws IllegalArgumentException if {@code metric} has more than one element
     */
    public void step(Tensor metric) {
        if (metric.numel() != 1) {
            throw error("the metric must be a one-element tensor but got shape "
                    + java.util.Arrays.toString(metric.shape()));
        }
        step(metric.item());
    }

    private boolean isBetter(double a) {
        double t = options.threshold();
        boolean rel = options.thresholdMode().equals("rel");
        if (options.mode().equals("min")) {
            return rel ? a < best * (1 - t) : a < best - t;
        }
        return rel ? a > best * (t + 1) : a > best + t;
    }

    /**
     * The best metric so far ({@code +inf} in mode "min", {@code -inf} in mode "max", before any step).
     *
     * @return the best metric, PyTorch's {@code best}
     */
    public double best() {
        return best;
    }

    /**
     * The bad epochs in a row counted so far, PyTorch's {@code num_bad_epochs}.
     *
     * @return the count
     */
    public int numBadEpochs() {
        return numBadEpochs;
    }

    /**
     * The steps taken so far, PyTorch's {@code last_epoch}.
     *
     * @return the epoch count
     */
    public int lastEpoch() {
        return lastEpoch;
    }

    /**
     * The learning rates after the last step (the groups' rates when made, before any), one per group.
     *
     * @return a new array of the rates
     */
    public double[] lastLr() {
        return lastLrs.clone();
    }

    /**
     * The scheduler's progress as tensors, like {@code scheduler.state_dict()}: {@code last_epoch},
     * {@code num_bad_epochs}, {@code cooldown_counter} (0-d int64), {@code best} (0-d float64) and {@code last_lr}
     * (float64, one per group). Its options are the constructor's: make the scheduler alike, then load.
     *
     * @return a new map
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("last_epoch", Tensor.scalar(lastEpoch, DType.INT64));
        out.put("best", Tensor.scalar(best, DType.FLOAT64));
        out.put("num_bad_epochs", Tensor.scalar(numBadEpochs, DType.INT64));
        out.put("cooldown_counter", Tensor.scalar(cooldownCounter, DType.INT64));
        out.put("last_lr", Tensor.of(lastLrs.clone()));
        return out;
    }

    /**
     * Restores progress saved by {@link #stateDict()} of a plateau scheduler over as many groups, like
     * {@code scheduler.load_state_dict(state)}. Everything is checked before anything changes.
     *
     * @param state a map made by {@link #stateDict()}
     * @throws IllegalArgumentException if a key is missing or unexpected, or the number of groups differs
     */
    public void loadStateDict(Map<String, Tensor> state) {
        LRScheduler.checkKeys("ReduceLROnPlateau", state, Set.of("last_epoch", "best", "num_bad_epochs",
                "cooldown_counter", "last_lr"));
        double[] last = LRScheduler.perGroup("ReduceLROnPlateau", state, "last_lr", lastLrs.length);
        lastEpoch = (int) state.get("last_epoch").item();
        best = state.get("best").item();
        numBadEpochs = (int) state.get("num_bad_epochs").item();
        cooldownCounter = (int) state.get("cooldown_counter").item();
        System.arraycopy(last, 0, lastLrs, 0, last.length);
    }

    private static IllegalArgumentException error(String message) {
        return new IllegalArgumentException("[ReduceLROnPlateau] " + message);
    }
}
