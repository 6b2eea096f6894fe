package dev.autograd4j.optim;

import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam, like {@code torch.optim.Adam}, with PyTorch's update rule at step {@code t} (from 1):
 * <pre>
 * g = grad + weightDecay * param                (L2 penalty; {@link AdamW} decays the weights instead)
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g^2
 * vMax = max(vMax, v)                           (amsgrad only; then vMax replaces v below)
 * param -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * The state is {@code exp_avg} (m), {@code exp_avg_sq} (v) and {@code max_exp_avg_sq}, PyTorch's names.
 */
public class Adam extends Optimizer<Adam.Options> {

    /** Adam's hyperparameters, PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
            implements Optimizer.Options<Options> {
        /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay, no AMSGrad. */
        public Options() {
            this(1e-3, 0.9, 0.999, 1e-8, 0, false);
        }

        @Override
        public Options lr(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /**
         * A copy with other moment decay rates.
         *
         * @param beta1 the first moment's decay, in {@code [0, 1)}
         * @param beta2 the second moment's decay, in {@code [0, 1)}
         * @return a new options record
         */
        public Options betas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /**
         * A copy with another epsilon.
         *
         * @param eps added to the denominator, at least 0
         * @return a new options record
         */
        public Options eps(double eps) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /**
         * A copy with another weight decay (L2 for Adam, decoupled for AdamW).
         *
         * @param weightDecay the factor, at least 0
         * @return a new options record
         */
        public Options weightDecay(double weightDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /**
         * A copy with AMSGrad on or off.
         *
         * @param amsgrad whether to use the maximum of past second moments
         * @return a new options record
         */
        public Options amsgrad(boolean amsgrad) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        @Override
        public Map<String, Double> toMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("beta1", beta1);
            m.put("beta2", beta2);
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            m.put("amsgrad", amsgrad ? 1.0 : 0.0);
            return m;
        }
    }

    /**
     * Adam over one group, like {@code torch.optim.Adam(params, ...)}.
     *
     * @param params the parameters to update
     * @param options the hyperparameters
     * @throws IllegalArgumentException if {@code params} is empty or an option is invalid
     */
    public Adam(List<Parameter> params, Options options) {
        this(List.of(new ParamGroup<>(params, options)));
    }

    /**
     * Adam over groups with their own options.
     *
     * @param groups the parameter groups
     * @throws IllegalArgumentException if {@code groups} is empty, a parameter is in two groups, or an option is
     *     invalid
     */
    public Adam(List<ParamGroup<Options>> groups) {
        this("Adam", groups);
    }

    Adam(String name, List<ParamGroup<Options>> groups) {
        super(name, groups);
    }

    @Override
    protected void validate(Options o) {
        requireNonNegative("learning rate", o.lr());
        requireNonNegative("epsilon value", o.eps());
        requireBetas(o.beta1(), o.beta2());
        requireNonNegative("weight_decay value", o.weightDecay());
    }

    /** How the weight decay enters: Adam adds it to the gradient (an L2 penalty). Returns the gradient to use. */
    Tensor decay(Tensor param, Tensor grad, Options o) {
        return o.weightDecay() != 0 ? grad.add(param, o.weightDecay()) : grad;
    }

    @Override
    protected final void update(Tensor param, Tensor grad, State state, Options o) {
        Tensor g = decay(param, grad, o);
        Tensor m = state.get("exp_avg");
        if (m == null) {
            m = state.put("exp_avg", owned(() -> Tensor.zerosLike(param)));
            state.put("exp_avg_sq", owned(() -> Tensor.zerosLike(param)));
            if (o.amsgrad()) {
                state.put("max_exp_avg_sq", owned(() -> Tensor.zerosLike(param)));
            }
        }
        Tensor v = state.get("exp_avg_sq");
        m.mul_(o.beta1()).add_(g, 1 - o.beta1());
        v.mul_(o.beta2()).add_(g.mul(g), 1 - o.beta2());
        long t = state.step();
        double biasCorrection1 = 1 - Math.pow(o.beta1(), t);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(o.beta2(), t));
        Tensor second = v;
        if (o.amsgrad()) {
            Tensor vMax = state.get("max_exp_avg_sq");
            if (vMax == null) { // amsgrad switched on after the first step
                vMax = state.put("max_exp_avg_sq", owned(() -> Tensor.zerosLike(param)));
            }
            second = vMax.copy_(vMax.maximum(v));
        }
        Tensor denom = second.sqrt().div(biasCorrection2Sqrt).add_(o.eps());
        param.add_(m.div(denom), -o.lr() / biasCorrection1);
    }

    @Override
    protected final Options fromMap(Map<String, Double> v) {
        return new Options(v.get("lr"), v.get("beta1"), v.get("beta2"), v.get("eps"), v.get("weight_decay"),
                v.get("amsgrad") != 0);
    }
}
