package dev.autograd4j.optim;

import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adadelta, like {@code torch.optim.Adadelta}, with PyTorch's update rule:
 * <pre>
 * g = grad + weightDecay * param
 * v = rho * v + (1 - rho) * g^2
 * delta = sqrt(u + eps) / sqrt(v + eps) * g
 * u = rho * u + (1 - rho) * delta^2
 * param -= lr * delta
 * </pre>
 * The state is {@code square_avg} (v) and {@code acc_delta} (u), PyTorch's names.
 */
public final class Adadelta extends Optimizer<Adadelta.Options> {

    /**
     * Adadelta's hyperparameters; {@code new Adadelta.Options().rho(0.95)}. The defaults are PyTorch's.
     *
     * @param lr the learning rate (a scale of the delta)
     * @param rho the decay of both running averages
     * @param eps added inside the square roots
     * @param weightDecay the L2 penalty added to the gradient
     */
    public record Options(double lr, double rho, double eps, double weightDecay)
            implements Optimizer.Options<Options> {
        /** PyTorch's defaults: lr 1.0, rho 0.9, eps 1e-6, no weight decay. */
        public Options() {
            this(1.0, 0.9, 1e-6, 0);
        }

        @Override
        public Options lr(double lr) {
            return new Options(lr, rho, eps, weightDecay);
        }

        /**
         * A copy with another decay.
         *
         * @param rho the decay of the running averages, in {@code [0, 1]}
         * @return a new options record
         */
        public Options rho(double rho) {
            return new Options(lr, rho, eps, weightDecay);
        }

        /**
         * A copy with another epsilon.
         *
         * @param eps added inside the square roots, at least 0
         * @return a new options record
         */
        public Options eps(double eps) {
            return new Options(lr, rho, eps, weightDecay);
        }

        /**
         * A copy with another weight decay (an L2 penalty added to the gradient).
         *
         * @param weightDecay the L2 factor, at least 0
         * @return a new options record
         */
        public Options weightDecay(double weightDecay) {
            return new Options(lr, rho, eps, weightDecay);
        }

        @Override
        public Map<String, Double> toMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("rho", rho);
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            return m;
        }
    }

    /**
     * Adadelta over one group, like {@code torch.optim.Adadelta(params, ...)}.
     *
     * @param params the parameters to update
     * @param options the hyperparameters
     * @throws IllegalArgumentException if {@code params} is empty or an option is invalid
     */
    public Adadelta(List<Parameter> params, Options options) {
        this(List.of(new ParamGroup<>(params, options)));
    }

    /**
     * Adadelta over groups with their own options.
     *
     * @param groups the parameter groups
     * @throws IllegalArgumentException if {@code groups} is empty, a parameter is in two groups, or an option is
     *     invalid
     */
    public Adadelta(List<ParamGroup<Options>> groups) {
        super("Adadelta", groups);
    }

    @Override
    protected void validate(Options o) {
        requireNonNegative("learning rate", o.lr());
        if (!(o.rho() >= 0 && o.rho() <= 1)) {
            throw error("invalid rho value: " + o.rho());
        }
        requireNonNegative("epsilon value", o.eps());
        requireNonNegative("weight_decay value", o.weightDecay());
    }

    @Override
    protected void update(Tensor param, Tensor grad, State state, Options o) {
        Tensor g = o.weightDecay() != 0 ? grad.add(param, o.weightDecay()) : grad;
        Tensor v = state.get("square_avg");
        if (v == null) {
            v = state.put("square_avg", owned(() -> Tensor.zerosLike(param)));
            state.put("acc_delta", owned(() -> Tensor.zerosLike(param)));
        }
        Tensor u = state.get("acc_delta");
        v.mul_(o.rho()).add_(g.mul(g), 1 - o.rho());
        Tensor delta = u.add(o.eps()).sqrt().div(v.add(o.eps()).sqrt()).mul(g);
        u.mul_(o.rho()).add_(delta.mul(delta), 1 - o.rho());
        param.add_(delta, -o.lr());
    }

    @Override
    protected Options fromMap(Map<String, Double> v) {
        return new Options(v.get("lr"), v.get("rho"), v.get("eps"), v.get("weight_decay"));
    }
}
