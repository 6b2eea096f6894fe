package dev.autograd4j.optim;

import java.util.List;

/**
 * A cyclical learning rate, like {@code torch.optim.lr_scheduler.CyclicLR}: call {@link #step()} after every batch.
 * The rate climbs from {@code baseLr} to {@code maxLr} over {@code stepSizeUp} steps, falls back over
 * {@code stepSizeDown}, and repeats; the cycle's height is scaled by mode "triangular" (1), "triangular2" (halved each
 * cycle) or "exp_range" ({@code gamma^step}). With {@code cycleMomentum} (SGD's or RMSprop's momentum, as PyTorch
 * 1.13 needs an optimizer with a {@code momentum} option) the momentum moves the opposite way between
 * {@code maxMomentum} and {@code baseMomentum}. One {@code baseLr} and {@code maxLr} for every group.
 *
 * <p>As PyTorch's, making it sets every group's rate to {@code baseLr} (and momentum to {@code maxMomentum}), and each
 * step sets the closed form, not a scaling of the current rate.
 */
public final class CyclicLR extends LRScheduler {

    /**
     * The policy's options; {@code new CyclicLR.Options(0.001, 0.1).stepSizeUp(500)}. The defaults are PyTorch's.
     *
     * @param baseLr the rate at the bottom of each cycle
     * @param maxLr the rate at the top of the first cycle
     * @param stepSizeUp the steps of each climb
     * @param stepSizeDown the steps of each fall
     * @param mode "triangular", "triangular2" or "exp_range"
     * @param gamma the decay of "exp_range"
     * @param cycleMomentum whether to cycle the momentum
     * @param baseMomentum the momentum at the top of a cycle
     * @param maxMomentum the momentum at the bottom
     */
    public record Options(double baseLr, double maxLr, double stepSizeUp, double stepSizeDown, String mode,
                          double gamma, boolean cycleMomentum, double baseMomentum, double maxMomentum) {
        /**
         * PyTorch's defaults for these bounds: 2000 steps up and as many down, "triangular", momentum cycled between
         * 0.8 and 0.9.
         *
         * @param baseLr the rate at the bottom of each cycle
         * @param maxLr the rate at the top of the first cycle
         */
        public Options(double baseLr, double maxLr) {
            this(baseLr, maxLr, 2000, 2000, "triangular", 1, true, 0.8, 0.9);
        }

        /**
         * A copy with other cycle lengths.
         *
         * @param up the steps of each climb
         * @param down the steps of each fall
         * @return a new options record
         */
        public Options stepSizes(double up, double down) {
            return new Options(baseLr, maxLr, up, down, mode, gamma, cycleMomentum, baseMomentum, maxMomentum);
        }

        /**
         * A copy with another climb length, the fall as long (PyTorch's {@code step_size_down=None}).
         *
         * @param up the steps of each climb and each fall
         * @return a new options record
         */
        public Options stepSizeUp(double up) {
            return stepSizes(up, up);
        }

        /**
         * A copy with another mode.
         *
         * @param mode "triangular", "triangular2" or "exp_range"
         * @param gamma the decay of "exp_range" (unused by the others)
         * @return a new options record
         */
        public Options mode(String mode, double gamma) {
            return new Options(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, cycleMomentum, baseMomentum,
                    maxMomentum);
        }

        /**
         * A copy with momentum cycling on or off.
         *
         * @param cycleMomentum whether to cycle the momentum
         * @return a new options record
         */
        public Options cycleMomentum(boolean cycleMomentum) {
            return new Options(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, cycleMomentum, baseMomentum,
                    maxMomentum);
        }

        /**
         * A copy with other momentum bounds.
         *
         * @param baseMomentum the momentum at the top of a cycle
         * @param maxMomentum the momentum at the bottom
         * @return a new options record
         */
        public Options momentum(double baseMomentum, double maxMomentum) {
            return new Options(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, cycleMomentum, baseMomentum,
                    maxMomentum);
        }
    }

    private final Options options;
    private final Optimizer<?> optimizer;

    /**
     * A cyclical rate, like {@code CyclicLR(optimizer, base_lr, max_lr, ...)}; sets step 0's rate (and momentum).
     *
     * @param optimizer the optimizer, an SGD or RMSprop when the momentum is cycled
     * @param options the options
     * @throws IllegalArgumentException if the mode is unknown, or the momentum is cycled for an optimizer without one
     */
    public CyclicLR(Optimizer<?> optimizer, Options options) {
        super(optimizer, prepare(optimizer, options), true);
        this.options = options;
        this.optimizer = optimizer;
        initialStep();
        setMomenta(0);
    }

    @Override
    public void step() {
        super.step();
        setMomenta(lastEpoch());
    }

    private void setMomenta(int step) {
        if (!options.cycleMomentum()) {
            return;
        }
        double m = options.maxMomentum() - scaled(options, step, options.maxMomentum() - options.baseMomentum());
        for (Optimizer.ParamGroup<?> g : optimizer.paramGroups()) {
            setMomentum(g, m);
        }
    }

    /** Checks the options and sets every group's rate to {@code baseLr}, as PyTorch; returns the closed form. */
    private static Schedule prepare(Optimizer<?> optimizer, Options o) {
        if (!List.of("triangular", "triangular2", "exp_range").contains(o.mode())) {
            throw new IllegalArgumentException("[CyclicLR] mode must be 'triangular', 'triangular2' or 'exp_range'"
                    + " but got '" + o.mode() + "'");
        }
        if (o.cycleMomentum()) {
            for (Optimizer.ParamGroup<?> g : optimizer.paramGroups()) {
                if (!(g.options() instanceof SGD.Options || g.options() instanceof RMSprop.Options)) {
                    throw new IllegalArgumentException("[CyclicLR] optimizer must support momentum with cycle_momentum"
                            + " enabled, but " + g.options().getClass().getEnclosingClass().getSimpleName()
                            + " has none");
                }
            }
        }
        for (Optimizer.ParamGroup<?> g : optimizer.paramGroups()) {
            g.setLr(o.baseLr());
        }
        return (step, initial) -> o.baseLr() + scaled(o, step, o.maxLr() - o.baseLr());
    }

    /** PyTorch's {@code get_lr}: {@code range} times the fraction of the cycle at {@code step}, scaled by the mode. */
    private static double scaled(Options o, int step, double range) {
        double total = o.stepSizeUp() + o.stepSizeDown(), ratio = o.stepSizeUp() / total;
        double cycle = Math.floor(1 + step / total), x = 1 + step / total - cycle;
        double factor = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
        double scale = switch (o.mode()) {
            case "triangular2" -> 1 / Math.pow(2, cycle - 1);
            case "exp_range" -> Math.pow(o.gamma(), step);
            default -> 1;
        };
        return range * factor * scale;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void setMomentum(Optimizer.ParamGroup<?> group, double momentum) {
        Object o = group.options();
        Object changed = o instanceof SGD.Options s ? s.momentum(momentum) : ((RMSprop.Options) o).momentum(momentum);
        ((Optimizer.ParamGroup) group).setOptions((Optimizer.Options) changed);
    }
}
