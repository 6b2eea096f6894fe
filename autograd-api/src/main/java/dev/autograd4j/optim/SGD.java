package dev.autograd4j.optim;

import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum, like {@code torch.optim.SGD}, with PyTorch's update rule:
 * <pre>
 * d = grad + weightDecay * param
 * buf = d                                      on the first step
 * buf = momentum * buf + (1 - dampening) * d   after it
 * d = nesterov ? d + momentum * buf : buf      (when momentum is not 0)
 * param -= lr * d
 * </pre>
 */
public final class SGD extends Optimizer<SGD.Options> {

    /**
     * SGD's hyperparameters; {@code new SGD.Options().lr(0.1).momentum(0.9)}. The defaults are PyTorch's (its
     * learning rate default is 1e-3 since 2.2).
     */
    public record Options(double lr, double momentum, double dampening, double weightDecay, boolean nesterov)
            implements Optimizer.Options<Options> {
        /** PyTorch's defaults: lr 1e-3, no momentum, no dampening, no weight decay, no Nesterov. */
        public Options() {
            this(1e-3, 0, 0, 0, false);
        }

        @Override
        public Options lr(double lr) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        /**
         * A copy with another momentum factor.
         *
         * @param momentum the momentum factor, at least 0
         * @return a new options record
         */
        public Options momentum(double momentum) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        /**
         * A copy with another dampening.
         *
         * @param dampening the dampening of the momentum's new gradient
         * @return a new options record
         */
        public Options dampening(double dampening) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        /**
         * A copy with another weight decay (an L2 penalty added to the gradient).
         *
         * @param weightDecay the L2 factor, at least 0
         * @return a new options record
         */
        public Options weightDecay(double weightDecay) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        /**
         * A copy with Nesterov momentum on or off.
         *
         * @param nesterov whether to use Nesterov momentum (needs a momentum and zero dampening)
         * @return a new options record
         */
        public Options nesterov(boolean nesterov) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        @Override
        public Map<String, Double> toMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("momentum", momentum);
            m.put("dampening", dampening);
            m.put("weight_decay", weightDecay);
            m.put("nesterov", nesterov ? 1.0 : 0.0);
            return m;
        }
    }

    /**
     * One group of parameters with these options.
     *
     * <pre>{@code
     * var opt = new SGD(model.parameters(), new SGD.Options().lr(0.1).momentum(0.9));
     * }</pre>
     *
     * @param params the parameters to update
     * @param options the hyperparameters
     * @throws IllegalArgumentException if {@code params} is empty or an option is invalid
     */
    public SGD(List<Parameter> params, Options options) {
        this(List.of(new ParamGroup<>(params, options)));
    }

    /**
     * Groups with their own options.
     *
     * @param groups the parameter groups
     * @throws IllegalArgumentException if {@code groups} is empty, a parameter is in two groups, or an option is
     *     invalid
     */
    public SGD(List<ParamGroup<Options>> groups) {
        super("SGD", groups);
    }

    @Override
    protected void validate(Options o) {
        requireNonNegative("learning rate", o.lr());
        requireNonNegative("momentum value", o.momentum());
        requireNonNegative("weight_decay value", o.weightDecay());
        if (o.nesterov() && (o.momentum() <= 0 || o.dampening() != 0)) {
            throw error("Nesterov momentum requires a momentum and zero dampening, but got momentum "
                    + o.momentum() + " and dampening " + o.dampening());
        }
    }

    @Override
    protected void update(Tensor param, Tensor grad, State state, Options o) {
        Tensor d = o.weightDecay() != 0 ? grad.add(param, o.weightDecay()) : grad;
        if (o.momentum() != 0) {
            Tensor buf = state.get("momentum_buffer");
            if (buf == null) {
                Tensor first = d;
                buf = state.put("momentum_buffer", owned(() -> first.detach().clone()));
            } else {
                buf.mul_(o.momentum()).add_(d, 1 - o.dampening());
            }
            d = o.nesterov() ? d.add(buf, o.momentum()) : buf;
        }
        param.add_(d, -o.lr());
    }

    @Override
    protected Options fromMap(Map<String, Double> v) {
        return new Options(v.get("lr"), v.get("momentum"), v.get("dampening"), v.get("weight_decay"),
                v.get("nesterov") != 0);
    }
}
