package dev.autograd4j.optim;

import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop, like {@code torch.optim.RMSprop}, with PyTorch's update rule:
 * <pre>
 * g = grad + weightDecay * param
 * v = alpha * v + (1 - alpha) * g^2                       (v starts at 0)
 * gAvg = alpha * gAvg + (1 - alpha) * g                   (centered only; gAvg starts at 0)
 * avg = sqrt(centered ? v - gAvg^2 : v) + eps
 * buf = momentum * buf + g / avg; param -= lr * buf       (momentum &gt; 0; buf starts at 0)
 * param -= lr * g / avg                                    (otherwise)
 * </pre>
 * The state is {@code square_avg} (v), {@code momentum_buffer} and {@code grad_avg}, PyTorch's names.
 */
public final class RMSprop extends Optimizer<RMSprop.Options> {

    /**
     * RMSprop's hyperparameters; {@code new RMSprop.Options().lr(0.01).momentum(0.9)}. The defaults are PyTorch's.
     *
     * @param lr the learning rate
     * @param alpha the smoothing constant of the squared-gradient average
     * @param eps added to the denominator
     * @param weightDecay the L2 penalty added to the gradient
     * @param momentum the momentum factor (0 for none)
     * @param centered whether to divide by the estimated variance of the gradient instead of its second moment
     */
    public record Options(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered)
            implements Optimizer.Options<Options> {
        /** PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8, no weight decay, no momentum, not centered. */
        public Options() {
            this(1e-2, 0.99, 1e-8, 0, 0, false);
        }

        @Override
        public Options lr(double lr) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /**
         * A copy with another smoothing constant.
         *
         * @param alpha the decay of the squared-gradient average, at least 0
         * @return a new options record
         */
        public Options alpha(double alpha) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /**
         * A copy with another epsilon.
         *
         * @param eps added to the denominator, at least 0
         * @return a new options record
         */
        public Options eps(double eps) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /**
         * A copy with another weight decay (an L2 penalty added to the gradient).
         *
         * @param weightDecay the L2 factor, at least 0
         * @return a new options record
         */
        public Options weightDecay(double weightDecay) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /**
         * A copy with another momentum factor.
         *
         * @param momentum the momentum factor, at least 0
         * @return a new options record
         */
        public Options momentum(double momentum) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /**
         * A copy with centering on or off.
         *
         * @param centered whether to normalise by the gradient's estimated variance
         * @return a new options record
         */
        public Options centered(boolean centered) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        @Override
        public Map<String, Double> toMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("alpha", alpha);
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            m.put("momentum", momentum);
            m.put("centered", centered ? 1.0 : 0.0);
            return m;
        }
    }

    /**
     * RMSprop over one group, like {@code torch.optim.RMSprop(params, ...)}.
     *
     * @param params the parameters to update
     * @param options the hyperparameters
     * @throws IllegalArgumentException if {@code params} is empty or an option is invalid
     */
    public RMSprop(List<Parameter> params, Options options) {
        this(List.of(new ParamGroup<>(params, options)));
    }

    /**
     * RMSprop over groups with their own options.
     *
     * @param groups the parameter groups
     * @throws IllegalArgumentException if {@code groups} is empty, a parameter is in two groups, or an option is
     *     invalid
     */
    public RMSprop(List<ParamGroup<Options>> groups) {
        super("RMSprop", groups);
    }

    @Override
    protected void validate(Options o) {
        requireNonNegative("learning rate", o.lr());
        requireNonNegative("epsilon value", o.eps());
        requireNonNegative("momentum value", o.momentum());
        requireNonNegative("weight_decay value", o.weightDecay());
        requireNonNegative("alpha value", o.alpha());
    }

    @Override
    protected void update(Tensor param, Tensor grad, State state, Options o) {
        Tensor g = o.weightDecay() != 0 ? grad.add(param, o.weightDecay()) : grad;
        if (state.get("square_avg") == null) { // the first step makes the state in PyTorch's order
            zerosIfAbsent(state, "square_avg", param);
            if (o.momentum() > 0) {
                zerosIfAbsent(state, "momentum_buffer", param);
            }
            if (o.centered()) {
                zerosIfAbsent(state, "grad_avg", param);
            }
        }
        Tensor v = state.get("square_avg");
        v.mul_(o.alpha()).add_(g.mul(g), 1 - o.alpha());
        Tensor avg;
        if (o.centered()) {
            Tensor gAvg = zerosIfAbsent(state, "grad_avg", param);
            gAvg.mul_(o.alpha()).add_(g, 1 - o.alpha());
            avg = v.sub(gAvg.mul(gAvg)).sqrt();
        } else {
            avg = v.sqrt();
        }
        avg.add_(o.eps());
        if (o.momentum() > 0) {
            Tensor buf = zerosIfAbsent(state, "momentum_buffer", param);
            buf.mul_(o.momentum()).add_(g.div(avg));
            param.add_(buf, -o.lr());
        } else {
            param.add_(g.div(avg), -o.lr());
        }
    }

    /** The state tensor {@code name}, made as zeros like {@code param} the first time (as PyTorch's first step). */
    private static Tensor zerosIfAbsent(State state, String name, Tensor param) {
        Tensor t = state.get(name);
        return t != null ? t : state.put(name, owned(() -> Tensor.zerosLike(param)));
    }

    @Override
    protected Options fromMap(Map<String, Double> v) {
        return new Options(v.get("lr"), v.get("alpha"), v.get("eps"), v.get("weight_decay"), v.get("momentum"),
                v.get("centered") != 0);
    }
}
