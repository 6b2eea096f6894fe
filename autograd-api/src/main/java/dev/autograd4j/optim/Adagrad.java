package dev.autograd4j.optim;

import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad, like {@code torch.optim.Adagrad}, with PyTorch's update rule at step {@code t} (from 1):
 * <pre>
 * g = grad + weightDecay * param
 * sum = sum + g^2                                  (sum starts at initialAccumulatorValue)
 * param -= lr / (1 + (t - 1) * lrDecay) * g / (sqrt(sum) + eps)
 * </pre>
 * The state is {@code sum}, PyTorch's name. PyTorch fills it when the optimizer is made; here on a parameter's first
 * step (from its group's {@code initialAccumulatorValue} then), so a parameter that never had a gradient has no state
 * in {@link #stateDict()}.
 */
public final class Adagrad extends Optimizer<Adagrad.Options> {

    /**
     * Adagrad's hyperparameters; {@code new Adagrad.Options().lr(0.1)}. The defaults are PyTorch's.
     *
     * @param lr the learning rate
     * @param lrDecay the learning-rate decay per step
     * @param weightDecay the L2 penalty added to the gradient
     * @param initialAccumulatorValue the starting value of the sum of squared gradients
     * @param eps added to the denominator
     */
    public record Options(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps)
            implements Optimizer.Options<Options> {
        /** PyTorch's defaults: lr 1e-2, no lr decay, no weight decay, accumulator from 0, eps 1e-10. */
        public Options() {
            this(1e-2, 0, 0, 0, 1e-10);
        }

        @Override
        public Options lr(double lr) {
            return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
        }

        /**
         * A copy with another learning-rate decay.
         *
         * @param lrDecay the decay: step {@code t}'s rate is {@code lr / (1 + (t - 1) * lrDecay)}, at least 0
         * @return a new options record
         */
        public Options lrDecay(double lrDecay) {
            return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
        }

        /**
         * A copy with another weight decay (an L2 penalty added to the gradient).
         *
         * @param weightDecay the L2 factor, at least 0
         * @return a new options record
         */
        public Options weightDecay(double weightDecay) {
            return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
        }

        /**
         * A copy with another starting value of the accumulator.
         *
         * @param initialAccumulatorValue the sum of squared gradients before the first step, at least 0
         * @return a new options record
         */
        public Options initialAccumulatorValue(double initialAccumulatorValue) {
            return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
        }

        /**
         * A copy with another epsilon.
         *
         * @param eps added to the denominator, at least 0
         * @return a new options record
         */
        public Options eps(double eps) {
            return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
        }

        @Override
        public Map<String, Double> toMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("lr_decay", lrDecay);
            m.put("weight_decay", weightDecay);
            m.put("initial_accumulator_value", initialAccumulatorValue);
            m.put("eps", eps);
            return m;
        }
    }

    /**
     * Adagrad over one group, like {@code torch.optim.Adagrad(params, ...)}.
     *
     * @param params the parameters to update
     * @param options the hyperparameters
     * @throws IllegalArgumentException if {@code params} is empty or an option is invalid
     */
    public Adagrad(List<Parameter> params, Options options) {
        this(List.of(new ParamGroup<>(params, options)));
    }

    /**
     * Adagrad over groups with their own options.
     *
     * @param groups the parameter groups
     * @throws IllegalArgumentException if {@code groups} is empty, a parameter is in two groups, or an option is
     *     invalid
     */
    public Adagrad(List<ParamGroup<Options>> groups) {
        super("Adagrad", groups);
    }

    @Override
    protected void validate(Options o) {
        requireNonNegative("learning rate", o.lr());
        requireNonNegative("lr_decay value", o.lrDecay());
        requireNonNegative("weight_decay value", o.weightDecay());
        requireNonNegative("initial_accumulator_value value", o.initialAccumulatorValue());
        requireNonNegative("epsilon value", o.eps());
    }

    @Override
    protected void update(Tensor param, Tensor grad, State state, Options o) {
        Tensor g = o.weightDecay() != 0 ? grad.add(param, o.weightDecay()) : grad;
        Tensor sum = state.get("sum");
        if (sum == null) {
            sum = state.put("sum", owned(() -> Tensor.fullLike(param, o.initialAccumulatorValue())));
        }
        sum.add_(g.mul(g));
        double clr = o.lr() / (1 + (state.step() - 1) * o.lrDecay());
        param.add_(g.div(sum.sqrt().add_(o.eps())), -clr);
    }

    @Override
    protected Options fromMap(Map<String, Double> v) {
        return new Options(v.get("lr"), v.get("lr_decay"), v.get("weight_decay"), v.get("initial_accumulator_value"),
                v.get("eps"));
    }
}
