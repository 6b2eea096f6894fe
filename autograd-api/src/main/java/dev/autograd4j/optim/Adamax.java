package dev.autograd4j.optim;

import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adamax (Adam with the infinity norm), like {@code torch.optim.Adamax}, with PyTorch's update rule at step {@code t}
 * (from 1):
 * <pre>
 * g = grad + weightDecay * param
 * m = beta1 * m + (1 - beta1) * g
 * u = max(beta2 * u, |g| + eps)
 * param -= lr / (1 - beta1^t) * m / u
 * </pre>
 * The state is {@code exp_avg} (m) and {@code exp_inf} (u), PyTorch's names.
 */
public final class Adamax extends Optimizer<Adamax.Options> {

    /**
     * Adamax's hyperparameters; {@code new Adamax.Options().lr(0.01)}. The defaults are PyTorch's.
     *
     * @param lr the learning rate
     * @param beta1 the first moment's decay
     * @param beta2 the infinity norm's decay
     * @param eps added to the gradient's magnitude
     * @param weightDecay the L2 penalty added to the gradient
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay)
            implements Optimizer.Options<Options> {
        /** PyTorch's defaults: lr 2e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
        public Options() {
            this(2e-3, 0.9, 0.999, 1e-8, 0);
        }

        @Override
        public Options lr(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay);
        }

        /**
         * A copy with other decay rates.
         *
         * @param beta1 the first moment's decay, in {@code [0, 1)}
         * @param beta2 the infinity norm's decay, in {@code [0, 1)}
         * @return a new options record
         */
        public Options betas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay);
        }

        /**
         * A copy with another epsilon.
         *
         * @param eps added to the gradient's magnitude, at least 0
         * @return a new options record
         */
        public Options eps(double eps) {
            return new Options(lr, beta1, beta2, eps, weightDecay);
        }

        /**
         * A copy with another weight decay (an L2 penalty added to the gradient).
         *
         * @param weightDecay the L2 factor, at least 0
         * @return a new options record
         */
        public Options weightDecay(double weightDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay);
        }

        @Override
        public Map<String, Double> toMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("beta1", beta1);
            m.put("beta2", beta2);
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            return m;
        }
    }

    /**
     * Adamax over one group, like {@code torch.optim.Adamax(params, ...)}.
     *
     * @param params the parameters to update
     * @param options the hyperparameters
     * @throws IllegalArgumentException if {@code params} is empty or an option is invalid
     */
    public Adamax(List<Parameter> params, Options options) {
        this(List.of(new ParamGroup<>(params, options)));
    }

    /**
     * Adamax over groups with their own options.
     *
     * @param groups the parameter groups
     * @throws IllegalArgumentException if {@code groups} is empty, a parameter is in two groups, or an option is
     *     invalid
     */
    public Adamax(List<ParamGroup<Options>> groups) {
        super("Adamax", groups);
    }

    @Override
    protected void validate(Options o) {
        requireNonNegative("learning rate", o.lr());
        requireNonNegative("epsilon value", o.eps());
        requireBetas(o.beta1(), o.beta2());
        requireNonNegative("weight_decay value", o.weightDecay());
    }

    @Override
    protected void update(Tensor param, Tensor grad, State state, Options o) {
        Tensor g = o.weightDecay() != 0 ? grad.add(param, o.weightDecay()) : grad;
        Tensor m = state.get("exp_avg");
        if (m == null) {
            m = state.put("exp_avg", owned(() -> Tensor.zerosLike(param)));
            state.put("exp_inf", owned(() -> Tensor.zerosLike(param)));
        }
        Tensor u = state.get("exp_inf");
        m.mul_(o.beta1()).add_(g, 1 - o.beta1());
        u.copy_(u.mul(o.beta2()).maximum(g.abs().add(o.eps())));
        param.add_(m.div(u), -o.lr() / (1 - Math.pow(o.beta1(), state.step())));
    }

    @Override
    protected Options fromMap(Map<String, Double> v) {
        return new Options(v.get("lr"), v.get("beta1"), v.get("beta2"), v.get("eps"), v.get("weight_decay"));
    }
}
