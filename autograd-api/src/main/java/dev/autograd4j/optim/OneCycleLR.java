package dev.autograd4j.optim;

import java.util.Arrays;
import java.util.List;

/**
 * The 1cycle policy, like {@code torch.optim.lr_scheduler.OneCycleLR}: call {@link #step()} after every batch. The
 * rate rises from {@code maxLr / divFactor} to {@code maxLr} over the first {@code pctStart} of {@code totalSteps},
 * then falls to {@code maxLr / divFactor / finalDivFactor} (with {@code threePhase}, back down to the initial rate
 * first, then to the minimum); the momentum (SGD's and RMSprop's {@code momentum}, Adam's {@code beta1}) moves the
 * opposite way between {@code maxMomentum} and {@code baseMomentum} when {@code cycleMomentum}. Each phase anneals by a
 * half cosine ({@code end + (start - end) / 2 * (cos(pi * pct) + 1)}) or linearly.
 *
 * <p>As PyTorch's, it sets the groups' rates from its closed form, not from their current ones; it overwrites the
 * group's initial rate (PyTorch's {@code initial_lr}) with {@code maxLr / divFactor}, and the momentum when made. Step
 * {@code totalSteps} is the last allowed (PyTorch extrapolates the last phase to it); one more fails.
 */
public final class OneCycleLR extends LRScheduler {

    /**
     * The policy's options; {@code new OneCycleLR.Options(0.1, 1000).pctStart(0.25)}. The defaults are PyTorch's.
     *
     * @param maxLrs the peak rate: one value for every group, or one per group
     * @param totalSteps the number of steps of the cycle (PyTorch's {@code total_steps}, or
     *     {@code epochs * steps_per_epoch})
     * @param pctStart the fraction of the steps spent raising the rate, in {@code [0, 1]}
     * @param annealStrategy "cos" or "linear"
     * @param cycleMomentum whether to cycle the momentum inversely to the rate
     * @param baseMomentum the momentum at the peak rate
     * @param maxMomentum the momentum at the start and end
     * @param divFactor the initial rate is {@code maxLr / divFactor}
     * @param finalDivFactor the final rate is the initial one over {@code finalDivFactor}
     * @param threePhase whether to fall back to the initial rate before annealing to the final one
     */
    public record Options(List<Double> maxLrs, int totalSteps, double pctStart, String annealStrategy,
                          boolean cycleMomentum, double baseMomentum, double maxMomentum, double divFactor,
                          double finalDivFactor, boolean threePhase) {
        /**
         * The options, the list of peak rates copied.
         *
         * @param maxLrs the peak rate, one value or one per group
         * @param totalSteps the number of steps of the cycle
         * @param pctStart the fraction of the steps spent raising the rate
         * @param annealStrategy "cos" or "linear"
         * @param cycleMomentum whether to cycle the momentum
         * @param baseMomentum the momentum at the peak rate
         * @param maxMomentum the momentum at the start and end
         * @param divFactor the initial rate is {@code maxLr / divFactor}
         * @param finalDivFactor the final rate is the initial one over {@code finalDivFactor}
         * @param threePhase whether to use three phases
         */
        public Options {
            maxLrs = List.copyOf(maxLrs);
        }

        /**
         * PyTorch's defaults for a peak rate and a number of steps: pct_start 0.3, cosine annealing, momentum cycled
         * between 0.85 and 0.95, div_factor 25, final_div_factor 1e4, two phases.
         *
         * @param maxLr the peak rate of every group
         * @param totalSteps the number of steps of the cycle
         */
        public Options(double maxLr, int totalSteps) {
            this(List.of(maxLr), totalSteps, 0.3, "cos", true, 0.85, 0.95, 25, 1e4, false);
        }

        /**
         * A copy with per-group peak rates.
         *
         * @param maxLr one value for every group, or one per group
         * @return a new options record
         */
        public Options maxLr(double... maxLr) {
            return new Options(Arrays.stream(maxLr).boxed().toList(), totalSteps, pctStart, annealStrategy,
                    cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
        }

        /**
         * A copy with another fraction of rising steps.
         *
         * @param pctStart in {@code [0, 1]}
         * @return a new options record
         */
        public Options pctStart(double pctStart) {
            return new Options(maxLrs, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                    divFactor, finalDivFactor, threePhase);
        }

        /**
         * A copy with another annealing.
         *
         * @param annealStrategy "cos" or "linear"
         * @return a new options record
         */
        public Options annealStrategy(String annealStrategy) {
            return new Options(maxLrs, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                    divFactor, finalDivFactor, threePhase);
        }

        /**
         * A copy with momentum cycling on or off.
         *
         * @param cycleMomentum whether to cycle the momentum
         * @return a new options record
         */
        public Options cycleMomentum(boolean cycleMomentum) {
            return new Options(maxLrs, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                    divFactor, finalDivFactor, threePhase);
        }

        /**
         * A copy with other momentum bounds.
         *
         * @param baseMomentum the momentum at the peak rate
         * @param maxMomentum the momentum at the start and end
         * @return a new options record
         */
        public Options momentum(double baseMomentum, double maxMomentum) {
            return new Options(maxLrs, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                    divFactor, finalDivFactor, threePhase);
        }

        /**
         * A copy with other division factors.
         *
         * @param divFactor the initial rate is {@code maxLr / divFactor}
         * @param finalDivFactor the final rate is the initial one over {@code finalDivFactor}
         * @return a new options record
         */
        public Options divFactors(double divFactor, double finalDivFactor) {
            return new Options(maxLrs, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                    divFactor, finalDivFactor, threePhase);
        }

        /**
         * A copy with three phases on or off.
         *
         * @param threePhase whether to fall back to the initial rate before the final annealing
         * @return a new options record
         */
        public Options threePhase(boolean threePhase) {
            return new Options(maxLrs, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum,
                    divFactor, finalDivFactor, threePhase);
        }
    }

    /** One phase: from the step after the last phase's end to {@code end}, rates and momenta from start to end. */
    private record Phase(double end, double startLr, double endLr, double startMomentum, double endMomentum) {
    }

    private final Options options;
    private final Optimizer<?> optimizer;

    /**
     * The 1cycle policy with PyTorch's defaults, like {@code OneCycleLR(optimizer, max_lr, total_steps)}.
     *
     * @param optimizer the optimizer, an SGD, RMSprop, Adam or AdamW (their momentum or beta1 is cycled)
     * @param maxLr the peak rate
     * @param totalSteps the number of steps of the cycle
     * @throws IllegalArgumentException as {@link #OneCycleLR(Optimizer, Options)}
     */
    public OneCycleLR(Optimizer<?> optimizer, double maxLr, int totalSteps) {
        this(optimizer, new Options(maxLr, totalSteps));
    }

    /**
     * The 1cycle policy, like {@code OneCycleLR(optimizer, max_lr, total_steps, ...)}; sets step 0's rate (and
     * momentum) at once.
     *
     * @param optimizer the optimizer
     * @param options the options
     * @throws IllegalArgumentException if {@code totalSteps} is not positive, {@code pctStart} is outside
     *     {@code [0, 1]}, the annealing is unknown, there are several peak rates but not one per group, the momentum
     *     is cycled for an optimizer without one, or step 0 falls in a phase of no steps (PyTorch divides by zero)
     */
    public OneCycleLR(Optimizer<?> optimizer, Options options) {
        super(optimizer, prepare(optimizer, options), true);
        this.options = options;
        this.optimizer = optimizer;
        for (Optimizer.ParamGroup<?> g : optimizer.paramGroups()) {
            if (options.cycleMomentum()) {
                setMomentum(g, options.maxMomentum());
            }
        }
        initialStep();
        setMomenta(0);
    }

    /**
     * Advances one step and sets the groups' rates (and momenta) for it.
     *
     * @throws IllegalStateException past {@code totalSteps} steps (nothing changes then)
     */
    @Override
    public void step() {
        int next = lastEpoch() + 1;
        if (next > options.totalSteps()) {
            throw new IllegalStateException("[OneCycleLR] tried to step " + (next + 1) + " times, but the specified"
                    + " number of total steps is " + options.totalSteps());
        }
        super.step(); // a phase of no steps fails before anything changes
        setMomenta(next);
    }

    private void setMomenta(int step) {
        if (options.cycleMomentum()) {
            for (Optimizer.ParamGroup<?> g : optimizer.paramGroups()) {
                setMomentum(g, at(options, step, 1, false));
            }
        }
    }

    /** Checks the options, then sets every group's initial rate to {@code maxLr / divFactor}; returns the schedule. */
    private static Schedule prepare(Optimizer<?> optimizer, Options o) {
        List<? extends Optimizer.ParamGroup<?>> groups = optimizer.paramGroups();
        if (o.totalSteps() <= 0) {
            throw error("expected a positive total_steps, but got " + o.totalSteps());
        }
        if (!(o.pctStart() >= 0 && o.pctStart() <= 1)) {
            throw error("expected pct_start between 0 and 1, but got " + o.pctStart());
        }
        if (!o.annealStrategy().equals("cos") && !o.annealStrategy().equals("linear")) {
            throw error("anneal_strategy must be one of 'cos' or 'linear', instead got " + o.annealStrategy());
        }
        if (o.maxLrs().size() != 1 && o.maxLrs().size() != groups.size()) {
            throw error("expected " + groups.size() + " values for max_lr, got " + o.maxLrs().size());
        }
        if (o.cycleMomentum()) {
            for (Optimizer.ParamGroup<?> g : groups) {
                Object opts = g.options();
                if (!(opts instanceof SGD.Options || opts instanceof RMSprop.Options || opts instanceof Adam.Options)) {
                    throw error("optimizer must support momentum or beta1 with cycle_momentum enabled, but "
                            + opts.getClass().getEnclosingClass().getSimpleName() + " has neither");
                }
            }
        }
        at(o, 0, 1, true);
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).initialLr = o.maxLrs().get(o.maxLrs().size() == 1 ? 0 : i) / o.divFactor();
        }
        return (step, initial) -> at(o, step, initial, true);
    }

    /**
     * PyTorch's {@code get_lr} for one group: the rate ({@code lr} true) or momentum at {@code step}, for a group whose
     * initial rate is {@code initial}.
     */
    private static double at(Options o, int step, double initial, boolean lr) {
        double max = initial * o.divFactor(), min = initial / o.finalDivFactor();
        double hi = o.maxMomentum(), lo = o.baseMomentum();
        double up = o.pctStart() * o.totalSteps();
        List<Phase> phases = o.threePhase()
                ? List.of(new Phase(up - 1, initial, max, hi, lo), new Phase(2 * up - 2, max, initial, lo, hi),
                        new Phase(o.totalSteps() - 1, initial, min, hi, hi))
                : List.of(new Phase(up - 1, initial, max, hi, lo), new Phase(o.totalSteps() - 1, max, min, lo, hi));
        double start = 0;
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            if (step <= p.end() || i == phases.size() - 1) {
                if (p.end() == start) {
                    throw error("step " + step + " falls in a phase of no steps (pct_start " + o.pctStart()
                            + " of total_steps " + o.totalSteps() + "), where PyTorch divides by zero");
                }
                double pct = (step - start) / (p.end() - start);
                return lr ? anneal(o, p.startLr(), p.endLr(), pct) : anneal(o, p.startMomentum(), p.endMomentum(), pct);
            }
            start = p.end();
        }
        throw new AssertionError("unreachable: the last phase always matches");
    }

    private static double anneal(Options o, double start, double end, double pct) {
        return o.annealStrategy().equals("cos")
                ? end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1)
                : (end - start) * pct + start;
    }

    /** Sets SGD's or RMSprop's momentum, or Adam's beta1, as PyTorch sets {@code momentum} or {@code betas[0]}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void setMomentum(Optimizer.ParamGroup<?> group, double momentum) {
        Object o = group.options();
        Object changed = o instanceof SGD.Options s ? s.momentum(momentum)
                : o instanceof RMSprop.Options r ? r.momentum(momentum)
                : ((Adam.Options) o).betas(momentum, ((Adam.Options) o).beta2());
        ((Optimizer.ParamGroup) group).setOptions((Optimizer.Options) changed);
    }

    private static IllegalArgumentException error(String message) {
        return new IllegalArgumentException("[OneCycleLR] " + message);
    }
}
