package dev.autograd4j;

/**
 * The custom functions of seeds 003 and 004, written against {@link Function}, for the suites in
 * {@code dev.autograd4j.suites} and the CPU module's gradient checks (which use them from this package).
 */
public final class CustomFunctions {
    private CustomFunctions() {
    }

    /** Seed 003's MyFunction: {@code 2x}. */
    public static final class MyFunction extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor x = (Tensor) args[0];
            ctx.saveForBackward(x);
            return new Tensor[] {x.mul(2.0)};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            return new Tensor[] {grads[0].mul(2.0)};
        }
    }

    /** Seed 003's ComplexFunction (and HighOrderFunction): {@code sum(x^2)}, backward {@code g * 2x}. */
    public static final class ComplexFunction extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor x = (Tensor) args[0];
            ctx.saveForBackward(x);
            return new Tensor[] {x.pow(2).sum()};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {grads[0].mul(2.0).mul(x)};
        }
    }

    /** Seed 003's MultiInputFunction: {@code (a + b)^2}. */
    public static final class MultiInputFunction extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor a = (Tensor) args[0], b = (Tensor) args[1];
            ctx.saveForBackward(a, b);
            return new Tensor[] {a.add(b).pow(2)};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            Tensor a = ctx.savedTensors().get(0), b = ctx.savedTensors().get(1);
            Tensor g = grads[0].mul(2.0).mul(a.add(b));
            return new Tensor[] {g, g};
        }
    }

    /** Seed 004's line: {@code w*x + b}, with grad_w = g*x, grad_x = g*w, grad_b = g. */
    public static final class Line extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Object... args) {
            Tensor w = (Tensor) args[0], x = (Tensor) args[1], b = (Tensor) args[2];
            ctx.saveForBackward(w, x, b);
            return new Tensor[] {w.mul(x).add(b)};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
            Tensor w = ctx.savedTensors().get(0), x = ctx.savedTensors().get(1);
            return new Tensor[] {grads[0].mul(x), grads[0].mul(w), grads[0].mul(1.0)};
        }
    }
}
