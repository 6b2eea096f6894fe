package dev.autograd4j;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The node that adds an incoming gradient into a leaf's {@code grad}: the first gradient is copied (so the leaf
 * never aliases a tensor the caller or another leaf holds), later ones are added in place, or out of place with
 * {@code createGraph} so the sum stays differentiable. Leaf hooks run first and may replace the gradient.
 */
final class AccumulateGrad extends Node {
    private static final Tensor[] NO_INPUTS = new Tensor[0];
    final Tensor variable;

    AccumulateGrad(Tensor variable) {
        super(NO_INPUTS, 1);
        this.variable = variable;
    }

    @Override
    public String name() {
        return "AccumulateGrad";
    }

    @Override
    Tensor[] apply(Tensor[] grads) {
        throw new IllegalStateException("[AccumulateGrad] is run by the engine through accumulate()");
    }

    /**
     * Adds {@code newGrad} into the leaf's grad. Synchronised on this node, the leaf's only accumulator: two threads
     * running backward through graphs that share a leaf must not lose an update (PyTorch locks the same way).
     */
    synchronized void accumulate(Tensor newGrad, boolean createGraph) {
        List<UnaryOperator<Tensor>> hooks = variable.leafHooks;
        if (hooks != null) {
            for (UnaryOperator<Tensor> hook : hooks) {
                newGrad = Node.runHook(hook, newGrad);
            }
        }
        if (!variable.requiresGrad()) {
            // requiresGrad(false) after the graph was recorded: PyTorch's AccumulateGrad returns early (hooks ran)
            return;
        }
        Tensor old = variable.grad;
        if (old == null) {
            variable.grad = Scope.disown(createGraph ? newGrad.clone() : newGrad.detach().clone());
        } else if (createGraph) {
            variable.grad = Scope.disown(old.add(newGrad));
        } else {
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                old.add_(newGrad);
            }
        }
    }
}
