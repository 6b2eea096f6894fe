package dev.autograd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A custom differentiable operation with a hand-written backward, like {@code torch.autograd.Function}:
 * <pre>{@code
 * class Square extends Function {
 *     protected Tensor[] forward(FunctionCtx ctx, Object... args) {
 *         Tensor x = (Tensor) args[0];
 *         ctx.saveForBackward(x);
 *         return new Tensor[] {x.mul(x)};
 *     }
 *     protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
 *         Tensor x = ctx.savedTensors().get(0);
 *         return new Tensor[] {grads[0].mul(x).mul(2.0)};
 *     }
 * }
 * Tensor y = new Square().apply(x);   // y.gradFn().name() is "SquareBackward"
 * }</pre>
 * Forward runs with grad mode off and may take non-tensor arguments. Backward returns one entry per forward
 * argument: a gradient for a tensor argument whose {@code needsInputGrad} is set, null otherwise. A backward
 * written with tensor ops is itself differentiable when the backward pass runs with {@code createGraph}.
 */
public abstract class Function {

    /**
     * Computes the outputs from the arguments; runs with grad mode off.
     *
     * @param ctx where to save what backward needs
     * @param args the arguments given to {@link #apply}, tensors and any other values
     * @return the outputs, at least one
     */
    protected abstract Tensor[] forward(FunctionCtx ctx, Object... args);

    /**
     * The gradients of forward's arguments from those of its outputs, one per argument.
     *
     * @param ctx the context forward filled
     * @param gradOutputs one gradient per output (zeros, or null after {@code setMaterializeGrads(false)}, for an
     *     output that received none)
     * @return one entry per forward argument: the gradient of a tensor argument whose gradient is needed, null
     *     otherwise (more entries are accepted when they are all null, as PyTorch accepts trailing Nones)
     */
    protected abstract Tensor[] backward(FunctionCtx ctx, Tensor... gradOutputs);

    /**
     * PyTorch's node name: the class name followed by {@code Backward}.
     *
     * @return the node name {@link Tensor#gradFn()} shows
     */
    protected String name() {
        String simple = getClass().getSimpleName();
        return (simple.isEmpty() ? "Function" : simple) + "Backward";
    }

    /**
     * Runs the function on arguments that produce exactly one output.
     *
     * @param args the arguments, passed to {@link #forward}
     * @return the single output, recorded with this function as its {@code gradFn} when a tensor argument requires grad
     * @throws IllegalStateException if forward returned more than one output
     */
    public final Tensor apply(Object... args) {
        Tensor[] outputs = applyAll(args);
        if (outputs.length != 1) {
            throw new IllegalStateException("[" + name() + "] forward returned " + outputs.length
                    + " outputs; use applyAll to get them all");
        }
        return outputs[0];
    }

    /**
     * Runs the function and returns all of its outputs.
     *
     * @param args the arguments, passed to {@link #forward}
     * @return the outputs
     */
    public final Tensor[] applyAll(Object... args) {
        List<Tensor> inputs = new ArrayList<>();
        int[] argOfInput = new int[args.length];
        boolean[] needs = new boolean[args.length];
        boolean grad = GradMode.isEnabled();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Tensor t) {
                argOfInput[inputs.size()] = i;
                inputs.add(t);
                needs[i] = grad && t.requiresGrad();
            }
        }
        FunctionCtx ctx = new FunctionCtx(needs);
        ctx.functionName = name();
        Tensor[] outputs;
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            outputs = forward(ctx, args);
        }
        if (outputs == null || outputs.length == 0) {
            throw new IllegalStateException("[" + name() + "] forward must return at least one tensor");
        }
        outputs = outputs.clone();
        Tensor[] tensorInputs = inputs.toArray(new Tensor[0]);
        if (!OpNode.isRecording(tensorInputs)) {
            return outputs;
        }
        FunctionNode node = new FunctionNode(this, ctx, tensorInputs, Arrays.copyOf(argOfInput, tensorInputs.length),
                args.length, outputs);
        for (int k = 0; k < outputs.length; k++) {
            Tensor out = outputs[k];
            if (out == null) {
                throw new IllegalStateException("[" + name() + "] forward returned null as output " + k);
            }
            if (ctx.isNonDifferentiable(out) || !out.dtype().isFloatingPoint()) {
                continue;
            }
            if (out.requiresGrad() || inputs.contains(out)) {
                // An input returned as is (or a tensor with history) gets a fresh alias, so the input keeps its own.
                out = Tensor.viewOf(out, out.view, false);
                outputs[k] = out;
            }
            out.setGradFn(node, k);
        }
        return outputs;
    }

    /** The backward node of one application of a custom function. */
    static final class FunctionNode extends Node {
        private final Function function;
        private final FunctionCtx ctx;
        private final int[] argOfInput;
        private final int numArgs;
        private final int[][] outputShapes;
        private final DType[] outputDtypes;
        private final Device[] outputDevices;

        FunctionNode(Function function, FunctionCtx ctx, Tensor[] inputs, int[] argOfInput, int numArgs,
                     Tensor[] outputs) {
            super(inputs, outputs.length);
            this.function = function;
            this.ctx = ctx;
            this.argOfInput = argOfInput;
            this.numArgs = numArgs;
            this.outputShapes = new int[outputs.length][];
            this.outputDtypes = new DType[outputs.length];
            this.outputDevices = new Device[outputs.length];
            for (int k = 0; k < outputs.length; k++) {
                if (outputs[k] != null) {
                    outputShapes[k] = outputs[k].shape();
                    outputDtypes[k] = outputs[k].dtype();
                    outputDevices[k] = outputs[k].device();
                }
            }
        }

        @Override
        public String name() {
            return function.name();
        }

        @Override
        Tensor[] apply(Tensor[] grads) {
            Tensor[] g = grads.clone();
            if (ctx.materializeGrads()) {
                for (int k = 0; k < g.length; k++) {
                    if (g[k] == null && outputShapes[k] != null) {
                        g[k] = Tensor.zeros(outputShapes[k], outputDtypes[k], outputDevices[k]);
                    }
                }
            }
            Tensor[] result = function.backward(ctx, g);
            if (result != null && result.length > numArgs && allNull(result, numArgs)) {
                result = Arrays.copyOf(result, numArgs); // PyTorch ignores trailing Nones beyond the inputs
            }
            if (result == null || result.length != numArgs) {
                throw new IllegalStateException("[" + name() + "] function " + name() + " returned an incorrect number"
                        + " of gradients (expected " + numArgs + ", got " + (result == null ? 0 : result.length) + ")");
            }
            Tensor[] perInput = new Tensor[argOfInput.length];
            boolean[] isTensorArg = new boolean[numArgs];
            for (int i = 0; i < argOfInput.length; i++) {
                isTensorArg[argOfInput[i]] = true;
                perInput[i] = needsInputGrad(i) ? result[argOfInput[i]] : null;
            }
            for (int a = 0; a < numArgs; a++) {
                if (!isTensorArg[a] && result[a] != null) {
                    throw new IllegalStateException("[" + name() + "] function " + name() + " returned a gradient"
                            + " different than null at position " + a + ", but the corresponding forward input was"
                            + " not a tensor");
                }
            }
            return perInput;
        }

        private static boolean allNull(Tensor[] result, int from) {
            for (int i = from; i < result.length; i++) {
                if (result[i] != null) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void releaseVariables() {
            ctx.release();
        }

        @Override
        void dropSavedReferences() {
            ctx.dropSavedReferences();
        }
    }
}
