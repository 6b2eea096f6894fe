package dev.autograd4j.optim;

import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rectified Adam, like {@code torch.optim.RAdam}, with PyTorch's update rule at step {@code t} (from 1):
 * <pre>
 * g = grad + weightDecay * param
 * m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
 * rhoInf = 2 / (1 - beta2) - 1;  rho = rhoInf - 2 t beta2^t / (1 - beta2^t)
 * rho &gt; 5:  param -= lr * m / (1 - beta1^t) * rect * sqrt(1 - beta2^t) / (sqrt(v) + eps),
 *           rect = sqrt((rho - 4)(rho - 2) rhoInf / ((rhoInf - 4)(rhoInf - 2) rho))
 * else:     param -= lr * m / (1 - beta1^t)      (SGD with momentum while the variance is untrustworthy)
 * </pre>
 * The state is {@code exp_avg} (m) and {@code exp_avg_sq} (v), PyTorch's names; {@code rho} and {@code rect} are host
 * numbers of the step count.
 */
public final class RAdam extends Optimizer<RAdam.Options> {

    /**
     * RAdam's hyperparameters; {@code new RAdam.Options().lr(0.01)}. The defaults are PyTorch's.
     *
     * @param lr the learning rate
     * @param beta1 the first moment's decay
     * @param beta2 the second moment's decay
     * @param eps added to the denominator
     * @param weightDecay the L2 penalty added to the gradient
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay)
            implements Optimizer.Options<Options> {
        /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
        public Options() {
            this(1e-3, 0.9, 0.999, 1e-8, 0);
        }

        @Override
        public Options lr(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay);
        }

        /**
         * A copy with other moment decay rates.
         *
         * @param beta1 the first moment's decay, in {@code [0, 1)}
         * @param beta2 the second moment's decay, in {@code [0, 1)}
         * @return a new options record
         */
        public Options betas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay);
        }

        /**
         * A copy with another epsilon.
         *
         * @param eps added to the denominator, at least 0
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
     * RAdam over one group, like {@code torch.optim.RAdam(params, ...)}.
     *
     * @param params the parameters to update
     * @param options the hyperparameters
     * @throws IllegalArgumentException if {@code params} is empty or an option is invalid
     */
    public RAdam(List<Parameter> params, Options options) {
        this(List.of(new ParamGroup<>(params, options)));
    }

    /**
     * RAdam over groups with their own options.
     *
     * @param groups the parameter groups
     * @throws IllegalArgumentException if {@code groups} is empty, a parameter is in two groups, or an option is
     *     invalid
     */
    public RAdam(List<ParamGroup<Options>> groups) {
        super("RAdam", groups);
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
            state.put("exp_avg_sq", owned(() -> Tensor.zerosLike(param)));
        }
        Tensor v = state.get("exp_avg_sq");
        m.mul_(o.beta1()).add_(g, 1 - o.beta1());
        v.mul_(o.beta2()).add_(g.mul(g), 1 - o.beta2());
        long t = state.step();
        double biasCorrection1 = 1 - Math.pow(o.beta1(), t), biasCorrection2 = 1 - Math.pow(o.beta2(), t);
        double rhoInf = 2 / (1 - o.beta2()) - 1;
        double rho = rhoInf - 2 * t * Math.pow(o.beta2(), t) / biasCorrection2;
        Tensor corrected = m.div(biasCorrection1);
        if (rho > 5) {
            double rect = Math.sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho));
            Tensor adaptive = v.sqrt().add_(o.eps()).reciprocal().mul_(Math.sqrt(biasCorrection2));
            param.add_(corrected.mul(o.lr()).mul_(adaptive).mul_(rect), -1.0);
        } else {
            param.add_(corrected.mul(o.lr()), -1.0);
        }
    }

    @Override
    protected Options fromMap(Map<String, Double> v) {
        return new Options(v.get("lr"), v.get("beta1"), v.get("beta2"), v.get("eps"), v.get("weight_decay"));
    }
}
