package dev.autograd4j;

import dev.autograd4j.ops.Conversions;
import dev.autograd4j.ops.Dispatch;
import dev.autograd4j.ops.Errors;
import dev.autograd4j.ops.Factories;
import dev.autograd4j.ops.InPlace;
import dev.autograd4j.ops.Indexing;
import dev.autograd4j.ops.LinearAlgebra;
import dev.autograd4j.ops.Pointwise;
import dev.autograd4j.ops.Reductions;
import dev.autograd4j.ops.ShapeOps;
import dev.autograd4j.ops.SoftmaxOps;
import dev.autograd4j.ops.TensorFormat;
import dev.autograd4j.internal.Backward;
import dev.autograd4j.internal.Internal;
import dev.autograd4j.internal.Recorder;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.View;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An n-dimensional array on a device, with PyTorch's autograd semantics.
 *
 * <p>A tensor is a strided {@link View} onto a {@link Storage}: {@code reshape}, {@code transpose}, {@code permute},
 * {@code expand}, {@code narrow}, {@code squeeze} and {@code unsqueeze} return views that share storage where
 * PyTorch's do. Operations on tensors that {@link #requiresGrad() require grad} record a graph as they run;
 * {@link #backward()} walks it in reverse and accumulates gradients into the leaves' {@link #grad()}.
 *
 * <pre>{@code
 * Tensor a = Tensor.scalar(2.0).requiresGrad(true);
 * Tensor b = Tensor.scalar(-3.0).requiresGrad(true);
 * Tensor e = a.mul(b);          // tensor(-6., grad_fn=<MulBackward0>)
 * e.backward();
 * a.grad();                     // tensor(-3.)
 * }</pre>
 *
 * <p>Methods are named after PyTorch's in Java's camelCase; a trailing underscore ({@code add_}) marks an in-place
 * operation, as in PyTorch. Errors are {@link IllegalArgumentException}s (bad arguments: shapes, dtypes, devices,
 * dims, indices) or {@link IllegalStateException}s (the graph or a tensor is in the wrong state), with the op's name
 * first in the message; a failed call changes nothing.
 *
 * <p>A tensor holds its storage until it is {@linkplain #close() closed}, by a call or by the {@link Scope} it was
 * created in; a tensor nobody closes is reclaimed by the garbage collector (see Note [Storage lifecycle] in
 * {@link Storage}). Using a closed tensor's data is an {@link IllegalStateException} naming the op.
 */
public final class Tensor implements AutoCloseable {
    final View view;
    /** The tensor this one is a view of (null when it owns its storage's layout). */
    final Tensor base;
    /** Whether this tensor holds a reference to its storage (a saved tensor's stand-in borrows the graph's). */
    private final boolean owning;
    private volatile boolean closed;
    /**
     * Note [Views see in-place changes]: a view made by a view op in grad mode (PyTorch's differentiable view)
     * follows in-place changes of its base's history. When the shared version counter has moved since the view's
     * gradFn was set ({@link #attrVersion}), its gradFn is regenerated on next use as AsStridedBackward0 of the
     * base's current history, so a gradient through a view taken before an in-place op on its base (or on another
     * view of it) is the gradient through the new values. detach() and the library's own index views are not
     * differentiable views.
     */
    private final boolean differentiableView;
    /** A view op's result made in no-grad mode: recording an in-place op on it is PyTorch's error. */
    private boolean noGradView;
    private int attrVersion;

    // Autograd state (PyTorch's AutogradMeta).
    private boolean requiresGradFlag;
    private Node gradFn;
    int outputNr;
    Tensor grad;
    private volatile AccumulateGrad gradAccumulator;
    List<UnaryOperator<Tensor>> leafHooks;

    private Tensor(View view, Tensor base, boolean differentiableView) {
        this.view = view;
        this.base = base;
        this.owning = true;
        this.differentiableView = differentiableView;
        this.attrVersion = view.storage.version();
        Internal.retain(view.storage);
        Scope.register(this);
    }

    /** A stand-in that borrows {@code original}'s storage reference and autograd identity (see SavedTensors). */
    private Tensor(Tensor original) {
        this.view = original.view;
        this.base = original.base;
        this.owning = false;
        this.differentiableView = false;
        Node node = original.node();
        this.requiresGradFlag = original.requiresGradFlag;
        this.gradFn = node;
        this.outputNr = original.outputNr;
        this.gradAccumulator = original.requiresGradFlag && node == null ? original.gradAccumulator() : null;
    }

    static Tensor standIn(Tensor original) {
        return new Tensor(original);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Lifecycle
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Lets go of this tensor's storage: its memory is released as soon as no other tensor (a view, the base it is a
     * view of) and no graph that saved it for backward still uses it. Afterwards any op on this tensor is an
     * {@link IllegalStateException}; metadata ({@code shape()}, {@code dtype()}, ...) can still be read. Closing twice
     * does nothing. The tensor's {@code grad} is a tensor of its own and stays open.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (owning) {
            Internal.release(view.storage);
        }
    }

    /** Whether {@link #close()} was called on this tensor. */
    public boolean isClosed() {
        return closed;
    }

    static {
        Internal.install(new Internal.Access() {
            @Override
            public View view(Tensor t) {
                return t.view;
            }

            @Override
            public Tensor wrap(View view) {
                return new Tensor(view, null, false);
            }

            @Override
            public Tensor alias(Tensor base, View view, boolean differentiable) {
                boolean gradMode = GradMode.isEnabled();
                Tensor t = viewOf(base, view, differentiable && gradMode);
                t.noGradView = differentiable && !gradMode;
                return t;
            }

            @Override
            public Recorder record(String name, int numOutputs, Backward backward, Tensor[] inputs) {
                return OpNode.record(name, numOutputs, backward, inputs);
            }

            @Override
            public boolean isRecording(Tensor[] inputs) {
                return OpNode.isRecording(inputs);
            }

            @Override
            public void rebaseHistory(Tensor self, Tensor result) {
                Node node = result.node();
                if (node == null) {
                    return;
                }
                if (self.differentiableView) {
                    CopySlices.rebase(self.base, self, node);
                } else {
                    self.setGradFn(node, 0);
                }
            }

            @Override
            public Tensor base(Tensor t) {
                return t.base;
            }

            @Override
            public boolean isDifferentiableView(Tensor t) {
                return t.differentiableView;
            }

            @Override
            public boolean isNoGradView(Tensor t) {
                return t.noGradView;
            }

            @Override
            public void bumpVersion(Tensor t) {
                Internal.bumpVersion(t.view.storage);
            }

            @Override
            public boolean isLeafRequiringGrad(Tensor t) {
                return t.node() == null && t.requiresGradFlag;
            }
        });
    }

    /** A view of {@code base} sharing its storage (no autograd history yet). */
    static Tensor viewOf(Tensor base, View view, boolean differentiable) {
        if (view.storage != base.view.storage) {
            throw new IllegalArgumentException("[view] a view must share its base's storage");
        }
        return new Tensor(view, base.base != null ? base.base : base, differentiable);
    }

    /** The root tensor this one is a view of, or null. */
    Tensor base() {
        return base;
    }

    /** Whether this is a view that follows in-place changes of its base (see Note [Views see in-place changes]). */
    boolean isDifferentiableView() {
        return differentiableView;
    }

    /**
     * The node that produced this tensor, regenerating a stale view's (see Note [Views see in-place changes]).
     * Everything that reads a tensor's history goes through here.
     */
    Node node() {
        if (differentiableView && view.storage.version() != attrVersion) {
            regenerateViewHistory();
        }
        return gradFn;
    }

    private synchronized void regenerateViewHistory() {
        int v = view.storage.version();
        if (v == attrVersion) {
            return;
        }
        if (base.requiresGrad()) {
            View b = base.view;
            if (!b.isContiguous()) {
                throw Errors.state("view", "the base of this view is not contiguous, so its history cannot be"
                        + " regenerated after an in-place change");
            }
            int[] baseShape = b.shape, shape = view.shape;
            long[] strides = view.strides;
            long offset = view.offset - b.offset;
            gradFn = OpNode.always("AsStridedBackward0", (n, g) -> new Tensor[] {
                    ShapeOps.scatterStrided(g[0], baseShape, shape, strides, offset)}, base);
            outputNr = 0;
        }
        attrVersion = v;
    }

    /** Whether this tensor is a view of another tensor's storage (PyTorch's {@code _is_view()}). */
    public boolean isView() {
        return base != null;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Factories
    // ------------------------------------------------------------------------------------------------------------

    /** A float32 tensor holding a copy of {@code data} with the given shape (1-D when no shape is given). */
    public static Tensor of(float[] data, int... shape) {
        return Factories.fromArray(data, data.length, shape, Device.getDefault());
    }

    /** A float64 tensor holding a copy of {@code data} with the given shape (1-D when no shape is given). */
    public static Tensor of(double[] data, int... shape) {
        return Factories.fromArray(data, data.length, shape, Device.getDefault());
    }

    /** An int64 tensor holding a copy of {@code data} with the given shape (1-D when no shape is given). */
    public static Tensor of(long[] data, int... shape) {
        return Factories.fromArray(data, data.length, shape, Device.getDefault());
    }

    /** An int32 tensor holding a copy of {@code data} with the given shape (1-D when no shape is given). */
    public static Tensor of(int[] data, int... shape) {
        return Factories.fromArray(data, data.length, shape, Device.getDefault());
    }

    /** A bool tensor holding a copy of {@code data} with the given shape (1-D when no shape is given). */
    public static Tensor of(boolean[] data, int... shape) {
        return Factories.fromArray(data, data.length, shape, Device.getDefault());
    }

    /** A 2-D float32 tensor from rows of equal length. */
    public static Tensor of(float[][] rows) {
        return Factories.fromRows(rows);
    }

    /** A 2-D float64 tensor from rows of equal length. */
    public static Tensor of(double[][] rows) {
        return Factories.fromRows(rows);
    }

    /** A 0-d float32 tensor, like {@code torch.tensor(2.0)}. */
    public static Tensor scalar(double value) {
        return scalar(value, DType.FLOAT32);
    }

    /** A 0-d tensor of the given dtype. */
    public static Tensor scalar(double value, DType dtype) {
        return Factories.full("scalar", new int[0], value, dtype, Device.getDefault());
    }

    public static Tensor zeros(int... shape) {
        return Factories.full("zeros", shape, 0, DType.FLOAT32, Device.getDefault());
    }

    public static Tensor zeros(int[] shape, DType dtype) {
        return Factories.full("zeros", shape, 0, dtype, Device.getDefault());
    }

    public static Tensor zeros(int[] shape, DType dtype, Device device) {
        return Factories.full("zeros", shape, 0, dtype, device);
    }

    public static Tensor ones(int... shape) {
        return Factories.full("ones", shape, 1, DType.FLOAT32, Device.getDefault());
    }

    public static Tensor ones(int[] shape, DType dtype) {
        return Factories.full("ones", shape, 1, dtype, Device.getDefault());
    }

    public static Tensor ones(int[] shape, DType dtype, Device device) {
        return Factories.full("ones", shape, 1, dtype, device);
    }

    /** A float32 tensor filled with {@code value}. */
    public static Tensor full(int[] shape, double value) {
        return Factories.full("full", shape, value, DType.FLOAT32, Device.getDefault());
    }

    public static Tensor full(int[] shape, double value, DType dtype) {
        return Factories.full("full", shape, value, dtype, Device.getDefault());
    }

    public static Tensor full(int[] shape, double value, DType dtype, Device device) {
        return Factories.full("full", shape, value, dtype, device);
    }

    public static Tensor zerosLike(Tensor t) {
        return Factories.full("zeros_like", t.shapeArray(), 0, t.dtype(), t.device());
    }

    public static Tensor onesLike(Tensor t) {
        return Factories.full("ones_like", t.shapeArray(), 1, t.dtype(), t.device());
    }

    public static Tensor fullLike(Tensor t, double value) {
        return Factories.full("full_like", t.shapeArray(), value, t.dtype(), t.device());
    }

    /** {@code [0, 1, ..., end-1]} as int64, like {@code torch.arange(end)}. */
    public static Tensor arange(long end) {
        return Factories.arange(0, end, 1, DType.INT64, Device.getDefault());
    }

    /** {@code start, start+step, ...} below {@code end}, as int64, like {@code torch.arange(start, end, step)}. */
    public static Tensor arange(long start, long end, long step) {
        return Factories.arange(start, end, step, DType.INT64, Device.getDefault());
    }

    /** {@code start, start+step, ...} below {@code end}, in the given dtype. */
    public static Tensor arange(double start, double end, double step, DType dtype) {
        return Factories.arange(start, end, step, dtype, Device.getDefault());
    }

    /** {@code steps} evenly spaced float32 values from {@code start} to {@code end} inclusive. */
    public static Tensor linspace(double start, double end, int steps) {
        return Factories.linspace(start, end, steps, DType.FLOAT32, Device.getDefault());
    }

    public static Tensor linspace(double start, double end, int steps, DType dtype) {
        return Factories.linspace(start, end, steps, dtype, Device.getDefault());
    }

    /** The {@code n x n} float32 identity. */
    public static Tensor eye(int n) {
        return Factories.eye(n, n, DType.FLOAT32, Device.getDefault());
    }

    public static Tensor eye(int n, int m, DType dtype) {
        return Factories.eye(n, m, dtype, Device.getDefault());
    }

    /** Uniform on [0, 1), float32, drawn from {@code generator}. */
    public static Tensor rand(Generator generator, int... shape) {
        return Factories.rand(generator, shape, DType.FLOAT32, Device.getDefault());
    }

    public static Tensor rand(Generator generator, int[] shape, DType dtype, Device device) {
        return Factories.rand(generator, shape, dtype, device);
    }

    /** Standard normal, float32, drawn from {@code generator}. */
    public static Tensor randn(Generator generator, int... shape) {
        return Factories.randn(generator, shape, DType.FLOAT32, Device.getDefault());
    }

    public static Tensor randn(Generator generator, int[] shape, DType dtype, Device device) {
        return Factories.randn(generator, shape, dtype, device);
    }

    /** Integers uniform on {@code [low, high)}, int64, drawn from {@code generator}. */
    public static Tensor randint(Generator generator, long low, long high, int... shape) {
        return Factories.randint(generator, low, high, shape, DType.INT64, Device.getDefault());
    }

    public static Tensor randint(Generator generator, long low, long high, int[] shape, DType dtype, Device device) {
        return Factories.randint(generator, low, high, shape, dtype, device);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Metadata
    // ------------------------------------------------------------------------------------------------------------

    /** The shape (a copy), like {@code tensor.shape}. */
    public int[] shape() {
        return view.shape.clone();
    }

    /** The shape without copying; never modify it. */
    int[] shapeArray() {
        return view.shape;
    }

    /** The size of one dimension (negative dims count from the end). */
    public int size(int dim) {
        return view.shape[dev.autograd4j.ops.Shapes.wrapDim("size", dim, view.shape.length)];
    }

    /** The number of dimensions. */
    public int dim() {
        return view.shape.length;
    }

    public long numel() {
        return view.numel();
    }

    public DType dtype() {
        return view.storage.dtype();
    }

    public Device device() {
        return view.storage.device();
    }

    /** The strides in elements (a copy). */
    public long[] stride() {
        return view.strides.clone();
    }

    public long storageOffset() {
        return view.offset;
    }

    public boolean isContiguous() {
        return view.isContiguous();
    }

    /** How many times this tensor's storage was modified in place (PyTorch's {@code _version}). */
    public int version() {
        return view.storage.version();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Autograd
    // ------------------------------------------------------------------------------------------------------------

    /** Whether gradients are computed for this tensor: a leaf the user marked, or the output of a recorded op. */
    public boolean requiresGrad() {
        return requiresGradFlag || node() != null;
    }

    /**
     * Marks a leaf as needing gradients (PyTorch's {@code requires_grad_}); returns this tensor. Only floating-point
     * tensors can require grad, and only leaves can change the flag.
     */
    public Tensor requiresGrad(boolean requiresGrad) {
        Node node = node();
        if (node != null) {
            if (!requiresGrad) {
                throw Errors.state("requires_grad", "you can only change requires_grad flags of leaf variables; this"
                        + " tensor is the output of " + node.name() + ". Use detach() to get a tensor that does not"
                        + " require grad");
            }
            return this;
        }
        if (requiresGrad && !dtype().isFloatingPoint()) {
            throw Errors.argument("requires_grad", "only tensors of floating point dtype can require gradients, but"
                    + " this tensor has dtype " + dtype());
        }
        requiresGradFlag = requiresGrad;
        return this;
    }

    /** The accumulated gradient (leaves, and non-leaves that {@link #retainGrad() retain} it), or null. */
    public Tensor grad() {
        return grad;
    }

    /** Replaces the gradient; null clears it (PyTorch's {@code tensor.grad = None}). */
    public void setGrad(Tensor grad) {
        if (grad != null) {
            if (!Arrays.equals(grad.shapeArray(), shapeArray())) {
                throw Errors.argument("set_grad", "assigned grad has shape " + Arrays.toString(grad.shapeArray())
                        + " but the tensor has shape " + Arrays.toString(shapeArray()));
            }
            if (grad.dtype() != dtype()) {
                throw Errors.dtypes("set_grad", "assigned grad has a different dtype than the tensor", grad.dtype(), dtype());
            }
            if (grad.device() != device()) {
                throw Errors.devices("set_grad", grad.device(), device());
            }
        }
        this.grad = grad;
    }

    /** Zeroes the gradient in place, if there is one (like {@code optimizer.zero_grad(set_to_none=False)}). */
    public void zeroGrad() {
        if (grad != null) {
            if (grad.node() != null) {
                grad = grad.detach();
            }
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                grad.zero_();
            }
        }
    }

    /** The node that produced this tensor, or null for a leaf. */
    public Node gradFn() {
        return node();
    }

    /** Which output of {@link #gradFn()} this tensor is. */
    public int outputNr() {
        return outputNr;
    }

    /** A leaf is a tensor no recorded op produced: created by the user, or not requiring grad. */
    public boolean isLeaf() {
        return node() == null;
    }

    /** Makes this non-leaf tensor keep its gradient in {@link #grad()} during backward (a no-op for leaves). */
    public void retainGrad() {
        if (!requiresGrad()) {
            throw Errors.state("retain_grad", "can't retain_grad on a tensor that has requires_grad=false");
        }
        Node node = node();
        if (node != null) {
            node.retainOutput(outputNr, this);
        }
    }

    /** Whether this non-leaf tensor keeps its gradient. */
    public boolean retainsGrad() {
        Node node = node();
        return node != null && node.retainedOutputs != null && node.retainedOutputs[outputNr] == this;
    }

    /**
     * Registers a hook called with this tensor's gradient during backward; a non-null return replaces the gradient.
     * On a leaf it runs before the gradient is accumulated.
     */
    public RemovableHandle registerHook(UnaryOperator<Tensor> hook) {
        Objects.requireNonNull(hook, "hook");
        if (!requiresGrad()) {
            throw Errors.state("register_hook", "cannot register a hook on a tensor that doesn't require gradient");
        }
        Node node = node();
        if (node == null) {
            if (leafHooks == null) {
                leafHooks = new ArrayList<>();
            }
            List<UnaryOperator<Tensor>> hooks = leafHooks;
            hooks.add(hook);
            return () -> hooks.remove(hook);
        }
        int nr = outputNr;
        node.addOutputHook(nr, hook);
        return () -> node.outputHooks[nr].remove(hook);
    }

    /** A tensor sharing this one's storage but cut from the graph (never requires grad). */
    public Tensor detach() {
        return new Tensor(view, base, false);
    }

    /** Computes the gradient of this scalar with respect to the graph's leaves and accumulates it into them. */
    public void backward() {
        Engine.backward(new Tensor[] {this}, null, false, false);
    }

    /** Backward with an explicit gradient of this tensor's shape: a vector-Jacobian product. */
    public void backward(Tensor gradient) {
        backward(gradient, false, false);
    }

    /**
     * Backward with all options: {@code retainGraph} keeps the saved tensors for another backward;
     * {@code createGraph} records the backward pass itself, so gradients can be differentiated again (it implies
     * {@code retainGraph}, as in PyTorch). {@code gradient} may be null for a single-element tensor.
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Engine.backward(new Tensor[] {this}, new Tensor[] {gradient}, retainGraph || createGraph, createGraph);
    }

    /** The leaf's one gradient accumulator, made on first use (two threads must not make two). */
    AccumulateGrad gradAccumulator() {
        AccumulateGrad acc = gradAccumulator;
        if (acc != null) {
            return acc;
        }
        synchronized (this) {
            if (gradAccumulator == null) {
                gradAccumulator = new AccumulateGrad(this);
            }
            return gradAccumulator;
        }
    }

    void setGradFn(Node node, int outputNr) {
        this.gradFn = node;
        this.outputNr = outputNr;
        this.attrVersion = view.storage.version();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reading values
    // ------------------------------------------------------------------------------------------------------------

    /** The value of a one-element tensor (integers and bools converted to double). */
    public double item() {
        return Conversions.item(this);
    }

    /** The elements in row-major order, converted to float. */
    public float[] toFloatArray() {
        return Conversions.toFloatArray(this);
    }

    /** The elements in row-major order, converted to double. */
    public double[] toDoubleArray() {
        return Conversions.toDoubleArray(this);
    }

    /** The elements in row-major order, converted to long (floats truncated toward zero). */
    public long[] toLongArray() {
        return Conversions.toLongArray(this);
    }

    /** The elements in row-major order, converted to int (floats truncated toward zero). */
    public int[] toIntArray() {
        return Conversions.toIntArray(this);
    }

    /** The elements in row-major order, non-zero as true. */
    public boolean[] toBooleanArray() {
        return Conversions.toBooleanArray(this);
    }

    /** Like PyTorch's repr: {@code tensor([2., 3.], grad_fn=<MulBackward0>)}. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Conversions and copies
    // ------------------------------------------------------------------------------------------------------------

    /** This tensor on another device (itself when already there); differentiable. */
    public Tensor to(Device device) {
        return Conversions.to(this, device);
    }

    /** This tensor converted to another dtype (itself when already so); differentiable between floating dtypes. */
    public Tensor to(DType dtype) {
        return Conversions.to(this, dtype);
    }

    /** A copy with its own storage; differentiable ({@code CloneBackward0}). */
    @Override
    public Tensor clone() {
        return Conversions.clone(this);
    }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        return Conversions.contiguous(this);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Pointwise arithmetic (broadcasting, with PyTorch's type promotion)
    // ------------------------------------------------------------------------------------------------------------

    public Tensor add(Tensor other) {
        return Pointwise.add(this, other, 1);
    }

    /** {@code this + alpha * other}. */
    public Tensor add(Tensor other, double alpha) {
        return Pointwise.add(this, other, alpha);
    }

    /** Adds a floating scalar: an integer tensor promotes to float32, as with a Python float in PyTorch. */
    public Tensor add(double value) {
        return Pointwise.addScalar(this, value, false);
    }

    /** Adds an integral scalar: an integer tensor keeps its dtype, as with a Python int in PyTorch. */
    public Tensor add(long value) {
        return Pointwise.addScalar(this, value, true);
    }

    public Tensor sub(Tensor other) {
        return Pointwise.sub(this, other, 1);
    }

    /** {@code this - alpha * other}. */
    public Tensor sub(Tensor other, double alpha) {
        return Pointwise.sub(this, other, alpha);
    }

    public Tensor sub(double value) {
        return Pointwise.subScalar(this, value, false);
    }

    public Tensor sub(long value) {
        return Pointwise.subScalar(this, value, true);
    }

    /** {@code value - this}, like {@code torch.rsub}. */
    public Tensor rsub(double value) {
        return Pointwise.rsubScalar(this, value, false);
    }

    public Tensor rsub(long value) {
        return Pointwise.rsubScalar(this, value, true);
    }

    public Tensor mul(Tensor other) {
        return Pointwise.mul(this, other);
    }

    public Tensor mul(double value) {
        return Pointwise.mulScalar(this, value, false);
    }

    public Tensor mul(long value) {
        return Pointwise.mulScalar(this, value, true);
    }

    /** True division (integers promote to float32), like {@code torch.div}. */
    public Tensor div(Tensor other) {
        return Pointwise.div(this, other);
    }

    public Tensor div(double value) {
        return Pointwise.divScalar(this, value);
    }

    public Tensor neg() {
        return Pointwise.neg(this);
    }

    public Tensor pow(double exponent) {
        return Pointwise.powScalar(this, exponent);
    }

    public Tensor pow(Tensor exponent) {
        return Pointwise.pow(this, exponent);
    }

    /** {@code this * this}; integers stay integral, as in PyTorch. */
    public Tensor square() {
        return Pointwise.powScalar(this, 2);
    }

    public Tensor exp() {
        return Pointwise.exp(this);
    }

    public Tensor log() {
        return Pointwise.log(this);
    }

    public Tensor log1p() {
        return Pointwise.log1p(this);
    }

    public Tensor expm1() {
        return Pointwise.expm1(this);
    }

    public Tensor sqrt() {
        return Pointwise.sqrt(this);
    }

    public Tensor rsqrt() {
        return Pointwise.rsqrt(this);
    }

    public Tensor reciprocal() {
        return Pointwise.reciprocal(this);
    }

    public Tensor abs() {
        return Pointwise.abs(this);
    }

    /** -1, 0 or 1; its gradient is zero. */
    public Tensor sign() {
        return Pointwise.sign(this);
    }

    public Tensor sin() {
        return Pointwise.sin(this);
    }

    public Tensor cos() {
        return Pointwise.cos(this);
    }

    public Tensor tanh() {
        return Pointwise.tanh(this);
    }

    public Tensor sigmoid() {
        return Pointwise.sigmoid(this);
    }

    public Tensor relu() {
        return Pointwise.relu(this);
    }

    public Tensor erf() {
        return Pointwise.erf(this);
    }

    /** {@code x > 0 ? x : negativeSlope * x}, like {@code F.leaky_relu}. */
    public Tensor leakyRelu(double negativeSlope) {
        return Pointwise.leakyRelu(this, negativeSlope);
    }

    /** Exact GELU, {@code x * Phi(x)}, like {@code F.gelu}. */
    public Tensor gelu() {
        return Pointwise.gelu(this, false);
    }

    /** GELU with {@code approximate} "none" (exact) or "tanh", like {@code F.gelu(x, approximate=...)}. */
    public Tensor gelu(String approximate) {
        return dev.autograd4j.nn.Functional.gelu(this, approximate);
    }

    /** {@code log(1 + exp(x))}, linear above 20, like {@code F.softplus}. */
    public Tensor softplus() {
        return Pointwise.softplus(this, 1, 20);
    }

    /** {@code log(1 + exp(beta x)) / beta}, linear where {@code beta x > threshold}. */
    public Tensor softplus(double beta, double threshold) {
        return Pointwise.softplus(this, beta, threshold);
    }

    /** Rounds down; gradient zero. */
    public Tensor floor() {
        return Pointwise.floor(this);
    }

    /** Rounds up; gradient zero. */
    public Tensor ceil() {
        return Pointwise.ceil(this);
    }

    /** Rounds half to even; gradient zero. */
    public Tensor round() {
        return Pointwise.round(this);
    }

    /** Limits every element to {@code [min, max]}; a NaN bound means none on that side. */
    public Tensor clamp(double min, double max) {
        return Pointwise.clamp(this, min, max);
    }

    /** {@code max(x, min)}, like {@code torch.clamp_min}. */
    public Tensor clampMin(double min) {
        return Pointwise.clamp(this, min, Double.NaN, "clamp_min", "ClampMinBackward0");
    }

    /** {@code min(x, max)}, like {@code torch.clamp_max}. */
    public Tensor clampMax(double max) {
        return Pointwise.clamp(this, Double.NaN, max, "clamp_max", "ClampMaxBackward0");
    }

    /** Elementwise maximum (NaN propagates); ties split the gradient equally, as in PyTorch. */
    public Tensor maximum(Tensor other) {
        return Pointwise.maximum(this, other);
    }

    /** Elementwise minimum (NaN propagates); ties split the gradient equally, as in PyTorch. */
    public Tensor minimum(Tensor other) {
        return Pointwise.minimum(this, other);
    }

    /** {@code condition ? x : y} elementwise, broadcasting all three; {@code condition} is a bool tensor. */
    public static Tensor where(Tensor condition, Tensor x, Tensor y) {
        return Pointwise.where(condition, x, y);
    }

    /** {@code condition ? x : y} with a scalar {@code y} (in x's dtype), like {@code torch.where(c, x, 0.0)}. */
    public static Tensor where(Tensor condition, Tensor x, double y) {
        return Pointwise.whereScalar(condition, x, y, false);
    }

    /** {@code condition ? x : y} with a scalar {@code x} (in y's dtype). */
    public static Tensor where(Tensor condition, double x, Tensor y) {
        return Pointwise.whereScalar(condition, y, x, true);
    }

    // Comparisons: bool results, never differentiable.

    public Tensor eq(Tensor other) {
        return Pointwise.compare("eq", dev.autograd4j.spi.BinaryOp.EQ, this, other);
    }

    public Tensor eq(double value) {
        return Pointwise.compareScalar("eq", dev.autograd4j.spi.BinaryOp.EQ, this, value);
    }

    public Tensor ne(Tensor other) {
        return Pointwise.compare("ne", dev.autograd4j.spi.BinaryOp.NE, this, other);
    }

    public Tensor ne(double value) {
        return Pointwise.compareScalar("ne", dev.autograd4j.spi.BinaryOp.NE, this, value);
    }

    public Tensor lt(Tensor other) {
        return Pointwise.compare("lt", dev.autograd4j.spi.BinaryOp.LT, this, other);
    }

    public Tensor lt(double value) {
        return Pointwise.compareScalar("lt", dev.autograd4j.spi.BinaryOp.LT, this, value);
    }

    public Tensor le(Tensor other) {
        return Pointwise.compare("le", dev.autograd4j.spi.BinaryOp.LE, this, other);
    }

    public Tensor le(double value) {
        return Pointwise.compareScalar("le", dev.autograd4j.spi.BinaryOp.LE, this, value);
    }

    public Tensor gt(Tensor other) {
        return Pointwise.compare("gt", dev.autograd4j.spi.BinaryOp.GT, this, other);
    }

    public Tensor gt(double value) {
        return Pointwise.compareScalar("gt", dev.autograd4j.spi.BinaryOp.GT, this, value);
    }

    public Tensor ge(Tensor other) {
        return Pointwise.compare("ge", dev.autograd4j.spi.BinaryOp.GE, this, other);
    }

    public Tensor ge(double value) {
        return Pointwise.compareScalar("ge", dev.autograd4j.spi.BinaryOp.GE, this, value);
    }

    public Tensor logicalNot() {
        return Pointwise.logicalNot(this);
    }

    public Tensor logicalAnd(Tensor other) {
        return Pointwise.compare("logical_and", dev.autograd4j.spi.BinaryOp.LOGICAL_AND, this, other);
    }

    public Tensor logicalOr(Tensor other) {
        return Pointwise.compare("logical_or", dev.autograd4j.spi.BinaryOp.LOGICAL_OR, this, other);
    }

    public Tensor isnan() {
        return Pointwise.isnan(this);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reductions
    // ------------------------------------------------------------------------------------------------------------

    /** The sum of all elements, a 0-d tensor (bool and integers sum to int64). */
    public Tensor sum() {
        return Reductions.sum(this, null, false);
    }

    /** The sum over {@code dim}, which is removed (PyTorch's {@code x.sum(dim)}). */
    public Tensor sum(int dim) {
        return Reductions.sum(this, new int[] {dim}, false);
    }

    public Tensor sum(int dim, boolean keepdim) {
        return Reductions.sum(this, new int[] {dim}, keepdim);
    }

    public Tensor sum(int[] dims, boolean keepdim) {
        return Reductions.sum(this, dims, keepdim);
    }

    /** Sums broadcast dimensions away so the result has {@code shape} (PyTorch's {@code sum_to_size}). */
    public Tensor sumToSize(int... shape) {
        return Reductions.sumToSize(this, shape);
    }

    public Tensor mean() {
        return Reductions.mean(this, null, false);
    }

    /** The mean over {@code dim}, which is removed. */
    public Tensor mean(int dim) {
        return Reductions.mean(this, new int[] {dim}, false);
    }

    public Tensor mean(int dim, boolean keepdim) {
        return Reductions.mean(this, new int[] {dim}, keepdim);
    }

    public Tensor mean(int[] dims, boolean keepdim) {
        return Reductions.mean(this, dims, keepdim);
    }

    /** The largest element (NaN propagates); ties share the gradient evenly. */
    public Tensor max() {
        return Reductions.max(this);
    }

    /** The largest values along {@code dim} and their indices (the gradient flows to those indices). */
    public ValuesIndices max(int dim) {
        return Reductions.max(this, dim, false);
    }

    public ValuesIndices max(int dim, boolean keepdim) {
        return Reductions.max(this, dim, keepdim);
    }

    /** The smallest element (NaN propagates); ties share the gradient evenly. */
    public Tensor min() {
        return Reductions.min(this);
    }

    public ValuesIndices min(int dim) {
        return Reductions.min(this, dim, false);
    }

    public ValuesIndices min(int dim, boolean keepdim) {
        return Reductions.min(this, dim, keepdim);
    }

    /** The maximum over {@code dims} (all when empty); ties share the gradient evenly. */
    public Tensor amax(int[] dims, boolean keepdim) {
        return Reductions.amax(this, dims, keepdim);
    }

    public Tensor amin(int[] dims, boolean keepdim) {
        return Reductions.amin(this, dims, keepdim);
    }

    /** The flat index of the largest element (int64). */
    public Tensor argmax() {
        return Reductions.argmax(this);
    }

    /** The index of the largest element along {@code dim} (the first among ties), as int64. */
    public Tensor argmax(int dim) {
        return Reductions.argmax(this, dim, false);
    }

    public Tensor argmax(int dim, boolean keepdim) {
        return Reductions.argmax(this, dim, keepdim);
    }

    public Tensor argmin() {
        return Reductions.argmin(this);
    }

    public Tensor argmin(int dim) {
        return Reductions.argmin(this, dim, false);
    }

    public Tensor argmin(int dim, boolean keepdim) {
        return Reductions.argmin(this, dim, keepdim);
    }

    /** Whether any element is non-zero (true for NaN), like {@code torch.any}: a 0-d bool tensor. */
    public Tensor any() {
        return Reductions.any(this, null, false);
    }

    /** Whether any element along {@code dim} is non-zero; {@code dim} is removed unless {@code keepdim}. */
    public Tensor any(int dim, boolean keepdim) {
        return Reductions.any(this, new int[] {dim}, keepdim);
    }

    /** Whether every element is non-zero, like {@code torch.all}: a 0-d bool tensor. */
    public Tensor all() {
        return Reductions.all(this, null, false);
    }

    /** Whether every element along {@code dim} is non-zero; {@code dim} is removed unless {@code keepdim}. */
    public Tensor all(int dim, boolean keepdim) {
        return Reductions.all(this, new int[] {dim}, keepdim);
    }

    /** The unbiased variance of all elements (correction 1, like {@code torch.var}). */
    public Tensor var() {
        return Reductions.var(this, null, 1, false);
    }

    /** The variance over {@code dims} with Bessel's {@code correction} (1 unbiased, 0 population). */
    public Tensor var(int[] dims, double correction, boolean keepdim) {
        return Reductions.var(this, dims, correction, keepdim);
    }

    public Tensor std() {
        return Reductions.var(this, null, 1, false).sqrt();
    }

    public Tensor std(int[] dims, double correction, boolean keepdim) {
        return Reductions.var(this, dims, correction, keepdim).sqrt();
    }

    /** {@code log(sum(exp(x)))} over {@code dims}, computed stably (a row of -inf gives -inf). */
    public Tensor logsumexp(int[] dims, boolean keepdim) {
        return Reductions.logsumexp(this, dims, keepdim);
    }

    public Tensor logsumexp(int dim, boolean keepdim) {
        return Reductions.logsumexp(this, new int[] {dim}, keepdim);
    }

    /** The result of {@code max(dim)} / {@code min(dim)}: values and their int64 indices. */
    public record ValuesIndices(Tensor values, Tensor indices) {
    }

    // ------------------------------------------------------------------------------------------------------------
    // Indexing with index tensors, rearranging, products, scans and sorting (issue 9's ops; composed from the SPI's
    // primitives, so every backend runs them)
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Advanced indexing along one dim, like {@code x[:, index]} in PyTorch: the result has shape
     * {@code shape[:dim] + index.shape + shape[dim+1:]}; negative indices count from the end.
     *
     * @param dim the indexed dim
     * @param index int64 or int32 indices of any shape
     * @return the selected entries, a new tensor
     * @throws IllegalArgumentException for a 0-d tensor, a bad dim, a non-integer index or another device
     * @throws IndexOutOfBoundsException for an index outside {@code [-size, size)}
     */
    public Tensor index(int dim, Tensor index) {
        return dev.autograd4j.ops.AdvancedIndexing.index(this, dim, index);
    }

    /**
     * A copy of this tensor with {@code source} added at the entries {@code index} of {@code dim}, like
     * {@code torch.index_add}; repeated indices accumulate.
     *
     * @param dim the dim indexed
     * @param index 1-D int64 or int32 indices
     * @param source this tensor's shape but with {@code index.numel()} entries along {@code dim}
     * @return the sum, a new tensor
     * @throws IllegalArgumentException for mismatched shapes, dtypes or devices
     * @throws IndexOutOfBoundsException for an index outside {@code [0, size)}
     */
    public Tensor indexAdd(int dim, Tensor index, Tensor source) {
        return dev.autograd4j.ops.AdvancedIndexing.indexAdd(this, dim, index, source, 1);
    }

    /**
     * {@link #indexAdd(int, Tensor, Tensor)} of {@code alpha * source}, like {@code torch.index_add(..., alpha=)}.
     *
     * @param dim the dim indexed
     * @param index 1-D int64 or int32 indices
     * @param source this tensor's shape but with {@code index.numel()} entries along {@code dim}
     * @param alpha the factor of {@code source} (a whole number for integer tensors)
     * @return the sum, a new tensor
     * @throws IllegalArgumentException for mismatched shapes, dtypes or devices
     * @throws IndexOutOfBoundsException for an index outside {@code [0, size)}
     */
    public Tensor indexAdd(int dim, Tensor index, Tensor source, double alpha) {
        return dev.autograd4j.ops.AdvancedIndexing.indexAdd(this, dim, index, source, alpha);
    }

    /**
     * A copy of this tensor with {@code values} written, or added with {@code accumulate}, at the positions the index
     * tensors address in its leading dims, like {@code torch.index_put} ({@code x[i, j] = v}).
     *
     * @param indices one int64 or int32 tensor per leading dim, broadcasting together
     * @param values broadcastable to the indices' shape followed by the remaining dims
     * @param accumulate add instead of writing (repeated positions accumulate)
     * @return the result, a new tensor
     * @throws IllegalArgumentException for bad index counts, dtypes, shapes or devices
     * @throws IndexOutOfBoundsException for an index out of range
     */
    public Tensor indexPut(List<Tensor> indices, Tensor values, boolean accumulate) {
        return dev.autograd4j.ops.AdvancedIndexing.indexPut(this, indices, values, accumulate);
    }

    /**
     * Splits into views of the given sizes along {@code dim}, like {@code torch.split(x, [s0, s1, ...], dim)}.
     *
     * @param sizes the pieces' sizes, summing to the dim's size
     * @param dim the dim split
     * @return the pieces, views of this tensor
     * @throws IllegalArgumentException when the sizes do not sum to the dim's size or the dim is out of range
     */
    public List<Tensor> split(int[] sizes, int dim) {
        return dev.autograd4j.ops.Rearrange.split(this, sizes, dim);
    }

    /**
     * The slices along {@code dim}, each without it, like {@code torch.unbind}.
     *
     * @param dim the dim removed
     * @return one view per index of {@code dim}
     * @throws IllegalArgumentException for a 0-d tensor or a dim out of range
     */
    public List<Tensor> unbind(int dim) {
        return dev.autograd4j.ops.Rearrange.unbind(this, dim);
    }

    /**
     * A view with dims {@code source[i]} moved to {@code destination[i]} and the others in order, like
     * {@code torch.movedim} with lists.
     *
     * @param source the dims moved
     * @param destination their new positions
     * @return a view of this tensor
     * @throws IllegalArgumentException for lists of different lengths, repeats or dims out of range
     */
    public Tensor movedim(int[] source, int[] destination) {
        return dev.autograd4j.ops.Rearrange.movedim(this, source, destination);
    }

    /**
     * The batched matrix product of {@code [B, M, K]} and {@code [B, K, N]}, like {@code torch.bmm}.
     *
     * @param other the right operand
     * @return the {@code [B, M, N]} product
     * @throws IllegalArgumentException for other ranks, batch or inner sizes, dtypes or devices
     */
    public Tensor bmm(Tensor other) {
        return dev.autograd4j.ops.Products.bmm(this, other);
    }

    /**
     * {@code this + a @ b} for 2-D {@code a} and {@code b}, like {@code torch.addmm}.
     *
     * @param a the {@code [M, K]} left factor
     * @param b the {@code [K, N]} right factor
     * @return the {@code [M, N]} result
     * @throws IllegalArgumentException for bad shapes, dtypes or devices
     */
    public Tensor addmm(Tensor a, Tensor b) {
        return dev.autograd4j.ops.Products.addmm(this, a, b, 1, 1);
    }

    /**
     * {@code beta * this + alpha * (a @ b)}, like {@code torch.addmm(input, a, b, beta=, alpha=)}; with
     * {@code beta == 0} this tensor is ignored (NaN included).
     *
     * @param a the {@code [M, K]} left factor
     * @param b the {@code [K, N]} right factor
     * @param beta the factor of this tensor
     * @param alpha the factor of the product
     * @return the {@code [M, N]} result
     * @throws IllegalArgumentException for bad shapes, dtypes or devices
     */
    public Tensor addmm(Tensor a, Tensor b, double beta, double alpha) {
        return dev.autograd4j.ops.Products.addmm(this, a, b, beta, alpha);
    }

    /**
     * {@code beta * this + alpha * bmm(a, b)}, like {@code torch.baddbmm}.
     *
     * @param a the {@code [B, M, K]} left factors
     * @param b the {@code [B, K, N]} right factors
     * @param beta the factor of this tensor (0: ignored, NaN included)
     * @param alpha the factor of the product
     * @return the {@code [B, M, N]} result
     * @throws IllegalArgumentException for bad shapes, dtypes or devices
     */
    public Tensor baddbmm(Tensor a, Tensor b, double beta, double alpha) {
        return dev.autograd4j.ops.Products.baddbmm(this, a, b, beta, alpha);
    }

    /**
     * The outer product {@code this[i] * other[j]} of two 1-D tensors, like {@code torch.outer}.
     *
     * @param other the second vector
     * @return the {@code [n, m]} matrix
     * @throws IllegalArgumentException when either is not 1-D, or for another device
     */
    public Tensor outer(Tensor other) {
        return dev.autograd4j.ops.Products.outer(this, other);
    }

    /**
     * Einstein summation, like {@code torch.einsum}: {@code "bij,bjk->bik"} (batched matmul), {@code "i,j->ij"}
     * (outer), {@code "ij->ji"}, {@code "ii"} (trace), {@code "ii->i"} (diagonal), {@code "...ij->...i"}.
     *
     * @param equation the subscripts, {@code a-z A-Z} and {@code ...}, with or without {@code ->}
     * @param operands one tensor per comma-separated term, floating and of one dtype
     * @return the result, differentiable through its composed ops
     * @throws IllegalArgumentException for a malformed equation or mismatched operands
     */
    public static Tensor einsum(String equation, Tensor... operands) {
        return dev.autograd4j.ops.Einsum.einsum(equation, operands);
    }

    /**
     * The running sum along {@code dim}, like {@code torch.cumsum}; integers and bool give int64.
     *
     * @param dim the dim summed along
     * @return the running sums
     * @throws IllegalArgumentException for a dim out of range
     */
    public Tensor cumsum(int dim) {
        return dev.autograd4j.ops.Scans.cumsum(this, dim);
    }

    /**
     * The product of all elements, a 0-d tensor, like {@code torch.prod}; integers and bool give int64.
     *
     * @return the product
     */
    public Tensor prod() {
        return dev.autograd4j.ops.Scans.prod(this);
    }

    /**
     * The product over {@code dim}, like {@code torch.prod(x, dim, keepdim)}.
     *
     * @param dim the dim multiplied over
     * @param keepdim keep it as a size-1 dim
     * @return the products
     * @throws IllegalArgumentException for a dim out of range
     */
    public Tensor prod(int dim, boolean keepdim) {
        return dev.autograd4j.ops.Scans.prod(this, dim, keepdim);
    }

    /**
     * Sorts along the last dim in ascending order (stable, NaN last), like {@code torch.sort}.
     *
     * @return the sorted values (differentiable) and their int64 indices
     */
    public ValuesIndices sort() {
        return dev.autograd4j.ops.Sorting.sort(this, -1, false);
    }

    /**
     * Sorts along {@code dim}, stably, like {@code torch.sort(x, dim, descending, stable=True)}; NaN counts as
     * larger than every number.
     *
     * @param dim the dim sorted
     * @param descending largest first
     * @return the sorted values (differentiable) and their int64 indices
     * @throws IllegalArgumentException for a dim out of range
     */
    public ValuesIndices sort(int dim, boolean descending) {
        return dev.autograd4j.ops.Sorting.sort(this, dim, descending);
    }

    /**
     * The {@code k} largest values along the last dim, largest first, like {@code torch.topk(x, k)}.
     *
     * @param k how many
     * @return the values (differentiable) and their int64 indices
     * @throws IllegalArgumentException when {@code k} is negative or exceeds the dim's size
     */
    public ValuesIndices topk(int k) {
        return dev.autograd4j.ops.Sorting.topk(this, k, -1, true);
    }

    /**
     * The {@code k} largest (or smallest) values along {@code dim}, in order, like {@code torch.topk}.
     *
     * @param k how many
     * @param dim the dim searched
     * @param largest the largest first, else the smallest first
     * @return the values (differentiable) and their int64 indices
     * @throws IllegalArgumentException when {@code k} is out of range or the dim is
     */
    public ValuesIndices topk(int k, int dim, boolean largest) {
        return dev.autograd4j.ops.Sorting.topk(this, k, dim, largest);
    }

    /**
     * This tensor tiled {@code repeats[i]} times along each dim, like {@code torch.Tensor.repeat}.
     *
     * @param repeats one count per dim (more than the tensor's rank add leading dims)
     * @return the tiled copy
     * @throws IllegalArgumentException for fewer repeats than dims or a negative count
     */
    public Tensor repeat(int... repeats) {
        return dev.autograd4j.ops.Rearrange.repeat(this, repeats);
    }

    /**
     * The elements in reverse order along {@code dims}, like {@code torch.flip}.
     *
     * @param dims the dims reversed
     * @return a flipped copy
     * @throws IllegalArgumentException for a repeated dim or one out of range
     */
    public Tensor flip(int... dims) {
        return dev.autograd4j.ops.Rearrange.flip(this, dims);
    }

    /**
     * The flattened elements shifted cyclically by {@code shift}, in this tensor's shape, like
     * {@code torch.roll(x, shift)}.
     *
     * @param shift the shift (negative: towards the front)
     * @return the rolled copy
     */
    public Tensor roll(int shift) {
        return dev.autograd4j.ops.Rearrange.roll(this, new int[] {shift}, new int[0]);
    }

    /**
     * Elements shifted cyclically by {@code shifts[i]} along {@code dims[i]}, like {@code torch.roll}.
     *
     * @param shifts the shifts
     * @param dims their dims, as many as shifts
     * @return the rolled copy
     * @throws IllegalArgumentException for lists of different lengths or dims out of range
     */
    public Tensor roll(int[] shifts, int[] dims) {
        return dev.autograd4j.ops.Rearrange.roll(this, shifts, dims);
    }

    /**
     * {@code torch.diag(x)}: a 1-D tensor as the diagonal of a square matrix, or a 2-D tensor's diagonal.
     *
     * @return the matrix or the diagonal, a new tensor
     * @throws IllegalArgumentException for other ranks
     */
    public Tensor diag() {
        return dev.autograd4j.ops.Rearrange.diag(this, 0);
    }

    /**
     * {@code torch.diag(x, diagonal)}: as {@link #diag()} for the diagonal {@code diagonal} (above the main one
     * when positive).
     *
     * @param diagonal which diagonal
     * @return the matrix or the diagonal, a new tensor
     * @throws IllegalArgumentException for other ranks
     */
    public Tensor diag(int diagonal) {
        return dev.autograd4j.ops.Rearrange.diag(this, diagonal);
    }

    /**
     * The windows of {@code size} elements {@code step} apart along {@code dim}, as a view with a new last dim,
     * like {@code torch.Tensor.unfold}.
     *
     * @param dim the dim cut into windows
     * @param size each window's length
     * @param step the distance between windows' starts
     * @return a view of this tensor
     * @throws IllegalArgumentException for a size larger than the dim, a step below 1 or a dim out of range
     */
    public Tensor unfold(int dim, int size, int step) {
        return dev.autograd4j.ops.Rearrange.unfold(this, dim, size, step);
    }

    /**
     * Elementwise exclusive or of the truth values (non-zero is true), like {@code torch.logical_xor}; broadcasts.
     *
     * @param other the other operand
     * @return a bool tensor
     * @throws IllegalArgumentException for shapes that do not broadcast or another device
     */
    public Tensor logicalXor(Tensor other) {
        dev.autograd4j.spi.BinaryOp ne = dev.autograd4j.spi.BinaryOp.NE;
        Tensor a = dtype() == DType.BOOL ? this : Pointwise.compareScalar("logical_xor", ne, this, 0);
        Tensor b = other.dtype() == DType.BOOL ? other : Pointwise.compareScalar("logical_xor", ne, other, 0);
        return Pointwise.compare("logical_xor", ne, a, b);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Softmax
    // ------------------------------------------------------------------------------------------------------------

    public Tensor softmax(int dim) {
        return SoftmaxOps.softmax(this, dim);
    }

    /** {@code log(softmax(x))}, computed stably for large logits. */
    public Tensor logSoftmax(int dim) {
        return SoftmaxOps.logSoftmax(this, dim);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Linear algebra
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Matrix product with PyTorch's {@code matmul} rules: 1-D . 1-D is a dot product, 2-D @ 2-D a matrix product,
     * and N-D operands are batches of matrices whose batch dimensions broadcast.
     */
    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other);
    }

    /** The transpose of a tensor with at most 2 dimensions. */
    public Tensor t() {
        return ShapeOps.t(this);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Shape (views where PyTorch returns views)
    // ------------------------------------------------------------------------------------------------------------

    /** A view with another shape (one entry may be -1); fails when the strides do not allow a view. */
    public Tensor view(int... shape) {
        return ShapeOps.viewShape(this, shape);
    }

    /** A view with another shape when possible, otherwise a copy (one entry may be -1). */
    public Tensor reshape(int... shape) {
        return ShapeOps.reshape(this, shape);
    }

    public Tensor flatten() {
        return ShapeOps.flatten(this, 0, -1);
    }

    public Tensor flatten(int startDim, int endDim) {
        return ShapeOps.flatten(this, startDim, endDim);
    }

    public Tensor transpose(int dim0, int dim1) {
        return ShapeOps.transpose(this, dim0, dim1);
    }

    public Tensor permute(int... dims) {
        return ShapeOps.permute(this, dims);
    }

    /** A view with dimension {@code source} moved to {@code destination}, like {@code torch.movedim}. */
    public Tensor movedim(int source, int destination) {
        return ShapeOps.movedim(this, source, destination);
    }

    /** A view broadcasting size-1 dimensions to {@code shape} (-1 keeps a size); no copy. */
    public Tensor expand(int... shape) {
        return ShapeOps.expand(this, shape);
    }

    public Tensor expandAs(Tensor other) {
        return ShapeOps.expand(this, other.shapeArray());
    }

    /** A view of {@code length} elements of {@code dim} starting at {@code start}. */
    public Tensor narrow(int dim, int start, int length) {
        return ShapeOps.slice(this, dim, start, start + length, 1, "narrow");
    }

    /** A view of {@code dim} from {@code start} (inclusive) to {@code end} (exclusive) by {@code step}, like {@code x[a:b:s]}. */
    public Tensor slice(int dim, int start, int end, int step) {
        return ShapeOps.slice(this, dim, start, end, step, "slice");
    }

    /** A view of index {@code index} of {@code dim}, which is removed, like {@code x[i]}. */
    public Tensor select(int dim, int index) {
        return ShapeOps.select(this, dim, index);
    }

    /** A view without the size-1 dimensions. */
    public Tensor squeeze() {
        return ShapeOps.squeeze(this, null);
    }

    /** A view without {@code dim}, if it has size 1 (otherwise this tensor, as in PyTorch). */
    public Tensor squeeze(int dim) {
        return ShapeOps.squeeze(this, dim);
    }

    /** A view with a size-1 dimension inserted at {@code dim}. */
    public Tensor unsqueeze(int dim) {
        return ShapeOps.unsqueeze(this, dim);
    }

    /** Joins tensors along an existing dimension. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return ShapeOps.cat(tensors, dim);
    }

    /** Joins tensors of equal shape along a new dimension. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return ShapeOps.stack(tensors, dim);
    }

    /** Splits into chunks of {@code size} along {@code dim} (the last may be smaller); views. */
    public List<Tensor> split(int size, int dim) {
        return ShapeOps.split(this, size, dim);
    }

    /** Splits into {@code chunks} near-equal views along {@code dim}. */
    public List<Tensor> chunk(int chunks, int dim) {
        return ShapeOps.chunk(this, chunks, dim);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Indexing
    // ------------------------------------------------------------------------------------------------------------

    /** {@code out[i][j] = this[i][index[i][j]]} for {@code dim == 1}; {@code index} is int64. */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, index);
    }

    /** A copy of this tensor with {@code src} added at {@code index} along {@code dim} (out of place). */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return Indexing.scatterAdd(this, dim, index, src);
    }

    /** The entries {@code index} (a 1-D int64 tensor) of {@code dim}. */
    public Tensor indexSelect(int dim, Tensor index) {
        return Indexing.indexSelect(this, dim, index);
    }

    // ------------------------------------------------------------------------------------------------------------
    // In place (a trailing underscore, as in PyTorch): they bump the version counter, so a backward that saved
    // this tensor before the change fails instead of using the new values.
    // ------------------------------------------------------------------------------------------------------------

    public Tensor add_(Tensor other) {
        return InPlace.add_(this, other, 1);
    }

    public Tensor add_(Tensor other, double alpha) {
        return InPlace.add_(this, other, alpha);
    }

    public Tensor add_(double value) {
        return InPlace.addScalar_(this, value);
    }

    public Tensor sub_(Tensor other) {
        return InPlace.sub_(this, other);
    }

    public Tensor sub_(double value) {
        return InPlace.subScalar_(this, value);
    }

    public Tensor mul_(Tensor other) {
        return InPlace.mul_(this, other);
    }

    public Tensor mul_(double value) {
        return InPlace.mulScalar_(this, value);
    }

    public Tensor div_(double value) {
        return InPlace.divScalar_(this, value);
    }

    public Tensor zero_() {
        return InPlace.fill_(this, 0, "zero_");
    }

    public Tensor fill_(double value) {
        return InPlace.fill_(this, value, "fill_");
    }

    /** Copies {@code src} (broadcast to this shape, converted to this dtype and device) into this tensor. */
    public Tensor copy_(Tensor src) {
        return InPlace.copy_(this, src);
    }
}
