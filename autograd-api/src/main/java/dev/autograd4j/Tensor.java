package dev.autograd4j;

import dev.autograd4j.ops.Conversions;
import dev.autograd4j.ops.Dispatch;
import dev.autograd4j.ops.Errors;
import dev.autograd4j.ops.Factories;
import dev.autograd4j.ops.InPlace;
import dev.autograd4j.ops.Indexing;
import dev.autograd4j.ops.LinearAlgebra;
import dev.autograd4j.ops.Masking;
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
import org.slf4j.LoggerFactory;

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
 * <p><b>Scalars.</b> A scalar argument's Java type stands for Python's number type, which PyTorch's type promotion
 * reads: a {@code long} (or {@code int}) is a Python int, a {@code double} a Python float, whatever its value. So
 * {@code x.mul(2)} of an int64 tensor stays int64 and {@code x.mul(2.0)} is float32; {@code x.mul_(2.0)} on an int64
 * tensor fails as {@code torch.tensor([1, 2]).mul_(2.0)} does ("result type Float can't be cast to the desired output
 * type Long") while {@code x.mul_(2)} works. The ops whose result dtype depends on it ({@code add}, {@code sub},
 * {@code rsub}, {@code mul}, {@code pow}, {@code fmod}, {@code remainder}, {@code floorDivide}, {@code div} with a
 * rounding mode, {@code clamp}, {@code clampMin},
 * {@code clampMax}, {@code where}, {@code add_}, {@code sub_}, {@code mul_}, {@code clamp_}) take either; the others
 * take a {@code double} and convert it to the tensor's dtype ({@code fill_}, {@code maskedFill}, {@code full}), give a
 * floating result ({@code div}) or a bool one (comparisons, which compare a whole {@code double} with an integer tensor
 * exactly). The {@code alpha} of {@code add}, {@code sub} and {@code add_} follows the same rule: a {@code double}
 * alpha with integer operands fails as PyTorch's does.
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
    /** A piece split, chunk or unbind returned in grad mode, or a view of one: the same error (multi-output views). */
    private boolean multiOutputView;
    private int attrVersion;
    /** Set by retainGrad() on a non-leaf (PyTorch's retains_grad), whichever node now keeps its gradient. */
    private boolean retainsGradFlag;

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

    /**
     * Whether {@link #close()} was called on this tensor.
     *
     * @return true once this tensor was closed, by a call or by its {@link Scope}
     */
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
                // A view of a no-grad view is one too (PyTorch propagates the view's creation meta).
                t.noGradView = differentiable && (!gradMode || base.noGradView);
                t.multiOutputView = t.differentiableView && base.multiOutputView;
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
                    Node old = self.gradFn;
                    int oldNr = self.outputNr;
                    self.setGradFn(node, 0);
                    self.moveRetainedGrad(old, oldNr);
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
            public void markMultiOutputViews(List<Tensor> views) {
                for (Tensor t : views) {
                    t.multiOutputView = t.differentiableView;
                }
            }

            @Override
            public boolean isMultiOutputView(Tensor t) {
                return t.multiOutputView;
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
            Node old = gradFn;
            int oldNr = outputNr;
            gradFn = OpNode.always("AsStridedBackward0", (n, g) -> new Tensor[] {
                    ShapeOps.scatterStrided(g[0], baseShape, shape, strides, offset)}, base);
            outputNr = 0;
            moveRetainedGrad(old, oldNr);
        }
        attrVersion = v;
    }

    /**
     * Whether this tensor is a view of another tensor's storage (PyTorch's {@code _is_view()}): made by {@code view},
     * {@code transpose}, {@code narrow}, and the other ops documented as returning views; not {@code detach()}, whose
     * result shares the storage (and version counter) but is a base of its own, as in PyTorch.
     *
     * @return true when this tensor shares its storage with a base tensor it was derived from
     */
    public boolean isView() {
        return base != null;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Factories
    // ------------------------------------------------------------------------------------------------------------

    /**
     * A float32 tensor holding a copy of {@code data} with the given shape (1-D when no shape is given), on the
     * {@linkplain Device#getDefault() default device}; like {@code torch.tensor(data,
     * dtype=torch.float32).view(shape)}.
     *
     * <pre>{@code
     * Tensor m = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);   // tensor([[1., 2., 3.], [4., 5., 6.]])
     * }</pre>
     *
     * @param data the elements in row-major order; copied, so later changes to the array do not show
     * @param shape the shape; its product must equal {@code data.length}
     * @return a new contiguous tensor that owns its storage
     * @throws IllegalArgumentException if a dimension is negative or the shape does not hold {@code data.length}
     *     elements
     */
    public static Tensor of(float[] data, int... shape) {
        return Factories.fromArray(data, Factories.length(data), shape, Device.getDefault());
    }

    /**
     * A float64 tensor holding a copy of {@code data} with the given shape (1-D when no shape is given), on the
     * {@linkplain Device#getDefault() default device}; like {@code torch.tensor(data, dtype=torch.float64)}.
     *
     * @param data the elements in row-major order; copied
     * @param shape the shape; its product must equal {@code data.length}
     * @return a new contiguous tensor that owns its storage
     * @throws IllegalArgumentException if a dimension is negative or the shape does not hold {@code data.length}
     *     elements
     */
    public static Tensor of(double[] data, int... shape) {
        return Factories.fromArray(data, Factories.length(data), shape, Device.getDefault());
    }

    /**
     * An int64 tensor holding a copy of {@code data} with the given shape (1-D when no shape is given), on the
     * {@linkplain Device#getDefault() default device}; like {@code torch.tensor(data)} of Python ints. Class targets
     * and indices ({@link #gather}, {@link #indexSelect}) are int64 tensors.
     *
     * @param data the elements in row-major order; copied
     * @param shape the shape; its product must equal {@code data.length}
     * @return a new contiguous tensor that owns its storage
     * @throws IllegalArgumentException if a dimension is negative or the shape does not hold {@code data.length}
     *     elements
     */
    public static Tensor of(long[] data, int... shape) {
        return Factories.fromArray(data, Factories.length(data), shape, Device.getDefault());
    }

    /**
     * An int32 tensor holding a copy of {@code data} with the given shape (1-D when no shape is given), on the
     * {@linkplain Device#getDefault() default device}; like {@code torch.tensor(data, dtype=torch.int32)}.
     *
     * @param data the elements in row-major order; copied
     * @param shape the shape; its product must equal {@code data.length}
     * @return a new contiguous tensor that owns its storage
     * @throws IllegalArgumentException if a dimension is negative or the shape does not hold {@code data.length}
     *     elements
     */
    public static Tensor of(int[] data, int... shape) {
        return Factories.fromArray(data, Factories.length(data), shape, Device.getDefault());
    }

    /**
     * A bool tensor holding a copy of {@code data} with the given shape (1-D when no shape is given), on the
     * {@linkplain Device#getDefault() default device}; like {@code torch.tensor(data, dtype=torch.bool)}.
     *
     * @param data the elements in row-major order; copied
     * @param shape the shape; its product must equal {@code data.length}
     * @return a new contiguous tensor that owns its storage
     * @throws IllegalArgumentException if a dimension is negative or the shape does not hold {@code data.length}
     *     elements
     */
    public static Tensor of(boolean[] data, int... shape) {
        return Factories.fromArray(data, Factories.length(data), shape, Device.getDefault());
    }

    /**
     * A 2-D float32 tensor from rows of equal length, like {@code torch.tensor([[...], [...]])}; no rows give shape
     * {@code [0, 0]}.
     *
     * @param rows the rows; copied
     * @return a new {@code [rows.length, rows[0].length]} tensor on the default device
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static Tensor of(float[][] rows) {
        return Factories.fromRows(rows);
    }

    /**
     * A 2-D float64 tensor from rows of equal length, like {@code torch.tensor([[...], [...]], dtype=torch.float64)};
     * no rows give shape {@code [0, 0]}.
     *
     * @param rows the rows; copied
     * @return a new {@code [rows.length, rows[0].length]} tensor on the default device
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static Tensor of(double[][] rows) {
        return Factories.fromRows(rows);
    }

    /**
     * A 0-d float32 tensor on the default device, like {@code torch.tensor(2.0)}.
     *
     * @param value the value, rounded to float32
     * @return a new 0-d tensor (shape {@code []}); {@link #item()} reads it back
     */
    public static Tensor scalar(double value) {
        return scalar(value, DType.FLOAT32);
    }

    /**
     * A 0-d tensor of the given dtype on the default device, like {@code torch.tensor(value, dtype=dtype)}.
     *
     * @param value the value, converted to {@code dtype}
     * @param dtype the element type
     * @return a new 0-d tensor
     * @throws IllegalArgumentException if an integer dtype cannot hold {@code value} (NaN, out of range), as PyTorch's
     */
    public static Tensor scalar(double value, DType dtype) {
        return Factories.full("scalar", new int[0], value, dtype, Device.getDefault());
    }

    /**
     * A float32 tensor of zeros on the default device, like {@code torch.zeros(*shape)}.
     *
     * @param shape the shape; no entries gives a 0-d tensor, a 0 an empty one
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Tensor zeros(int... shape) {
        return Factories.full("zeros", shape, 0, DType.FLOAT32, Device.getDefault());
    }

    /**
     * A tensor of zeros of the given dtype on the default device, like {@code torch.zeros(shape, dtype=dtype)}.
     *
     * @param shape the shape
     * @param dtype the element type
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Tensor zeros(int[] shape, DType dtype) {
        return Factories.full("zeros", shape, 0, dtype, Device.getDefault());
    }

    /**
     * A tensor of zeros on {@code device}, like {@code torch.zeros(shape, dtype=dtype, device=device)}.
     *
     * @param shape the shape
     * @param dtype the element type
     * @param device where the storage is allocated
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if a dimension is negative
     * @throws IllegalStateException if no backend for {@code device} is on the class path or it cannot run here
     */
    public static Tensor zeros(int[] shape, DType dtype, Device device) {
        return Factories.full("zeros", shape, 0, dtype, device);
    }

    /**
     * A float32 tensor of ones on the default device, like {@code torch.ones(*shape)}.
     *
     * @param shape the shape; no entries gives a 0-d tensor
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Tensor ones(int... shape) {
        return Factories.full("ones", shape, 1, DType.FLOAT32, Device.getDefault());
    }

    /**
     * A tensor of ones of the given dtype on the default device, like {@code torch.ones(shape, dtype=dtype)}.
     *
     * @param shape the shape
     * @param dtype the element type ({@code true} for bool)
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Tensor ones(int[] shape, DType dtype) {
        return Factories.full("ones", shape, 1, dtype, Device.getDefault());
    }

    /**
     * A tensor of ones on {@code device}, like {@code torch.ones(shape, dtype=dtype, device=device)}.
     *
     * @param shape the shape
     * @param dtype the element type
     * @param device where the storage is allocated
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if a dimension is negative
     * @throws IllegalStateException if no backend for {@code device} is on the class path or it cannot run here
     */
    public static Tensor ones(int[] shape, DType dtype, Device device) {
        return Factories.full("ones", shape, 1, dtype, device);
    }

    /**
     * A float32 tensor filled with {@code value} on the default device, like {@code torch.full(shape, value)}.
     *
     * @param shape the shape
     * @param value the fill value
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if a dimension is negative, or {@code value} overflows the dtype (NaN or
     *     past its range for an integer dtype, a finite value past float32's range), as PyTorch's check
     */
    public static Tensor full(int[] shape, double value) {
        return Factories.full("full", shape, value, DType.FLOAT32, Device.getDefault());
    }

    /**
     * A tensor of the given dtype filled with {@code value}, like {@code torch.full(shape, value, dtype=dtype)}.
     *
     * @param shape the shape
     * @param value the fill value, converted to {@code dtype}
     * @param dtype the element type
     * @return a new contiguous tensor on the default device
     * @throws IllegalArgumentException if a dimension is negative, or {@code value} overflows the dtype
     */
    public static Tensor full(int[] shape, double value, DType dtype) {
        return Factories.full("full", shape, value, dtype, Device.getDefault());
    }

    /**
     * A tensor filled with {@code value} on {@code device}, like {@code torch.full(shape, value, dtype=dtype,
     * device=device)}.
     *
     * @param shape the shape
     * @param value the fill value, converted to {@code dtype}
     * @param dtype the element type
     * @param device where the storage is allocated
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if a dimension is negative, or {@code value} overflows the dtype
     * @throws IllegalStateException if no backend for {@code device} is on the class path or it cannot run here
     */
    public static Tensor full(int[] shape, double value, DType dtype, Device device) {
        return Factories.full("full", shape, value, dtype, device);
    }

    /**
     * A tensor of the given dtype filled with the integer {@code value}, like {@code torch.full(shape, value,
     * dtype=dtype)} with a Python int: exact for int64 past 2^53, where the {@code double} overload would round;
     * other dtypes get the value rounded once.
     *
     * @param shape the shape
     * @param value the fill value, converted to {@code dtype}
     * @param dtype the element type
     * @return a new contiguous tensor on the default device
     * @throws IllegalArgumentException if a dimension is negative, or {@code value} overflows the dtype
     */
    public static Tensor full(int[] shape, long value, DType dtype) {
        return Factories.full("full", shape, value, dtype, Device.getDefault());
    }

    /**
     * {@link #full(int[], long, DType)} on {@code device}.
     *
     * @param shape the shape
     * @param value the fill value, converted to {@code dtype}
     * @param dtype the element type
     * @param device where the storage is allocated
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if a dimension is negative, or {@code value} overflows the dtype
     * @throws IllegalStateException if no backend for {@code device} is on the class path or it cannot run here
     */
    public static Tensor full(int[] shape, long value, DType dtype, Device device) {
        return Factories.full("full", shape, value, dtype, device);
    }

    /**
     * Zeros with {@code t}'s shape, dtype and device, like {@code torch.zeros_like(t)}; never requires grad.
     *
     * @param t the tensor whose metadata is copied (its values are not read)
     * @return a new contiguous tensor
     */
    public static Tensor zerosLike(Tensor t) {
        return Factories.full("zeros_like", t.shapeArray(), 0, t.dtype(), t.device());
    }

    /**
     * Ones with {@code t}'s shape, dtype and device, like {@code torch.ones_like(t)}; never requires grad.
     *
     * @param t the tensor whose metadata is copied
     * @return a new contiguous tensor
     */
    public static Tensor onesLike(Tensor t) {
        return Factories.full("ones_like", t.shapeArray(), 1, t.dtype(), t.device());
    }

    /**
     * {@code value} with {@code t}'s shape, dtype and device, like {@code torch.full_like(t, value)}.
     *
     * @param t the tensor whose metadata is copied
     * @param value the fill value, converted to {@code t}'s dtype
     * @return a new contiguous tensor
     */
    public static Tensor fullLike(Tensor t, double value) {
        return Factories.full("full_like", t.shapeArray(), value, t.dtype(), t.device());
    }

    /**
     * {@code [0, 1, ..., end-1]} as int64 on the default device, like {@code torch.arange(end)}.
     *
     * @param end the exclusive upper bound; 0 gives an empty tensor
     * @return a new 1-D int64 tensor
     * @throws IllegalArgumentException if {@code end} is negative
     */
    public static Tensor arange(long end) {
        return Factories.arange(0, end, 1, DType.INT64, Device.getDefault());
    }

    /**
     * {@code start, start+step, ...} up to but excluding {@code end}, as int64, like {@code torch.arange(start, end,
     * step)}.
     *
     * @param start the first value
     * @param end the exclusive bound
     * @param step the spacing; negative counts down
     * @return a new 1-D int64 tensor of {@code ceil((end - start) / step)} elements
     * @throws IllegalArgumentException if {@code step} is 0 or points away from {@code end}
     */
    public static Tensor arange(long start, long end, long step) {
        return Factories.arange(start, end, step, DType.INT64, Device.getDefault());
    }

    /**
     * {@code start + i * step} for every {@code i} that stays below {@code end}, in the given dtype, like {@code
     * torch.arange(start, end, step, dtype=dtype)}.
     *
     * @param start the first value
     * @param end the exclusive bound
     * @param step the spacing
     * @param dtype FLOAT32, FLOAT64 (values computed in double and converted), INT64 or INT32 (as PyTorch, values
     *     computed in int64 from {@code start} and {@code step} truncated toward zero)
     * @return a new 1-D tensor on the default device
     * @throws IllegalArgumentException if {@code step} is 0 (for an integer dtype, once truncated) or points away from
     *     {@code end}, a bound is not finite, or {@code dtype} is BOOL
     */
    public static Tensor arange(double start, double end, double step, DType dtype) {
        return Factories.arange(start, end, step, dtype, Device.getDefault());
    }

    /**
     * {@code steps} evenly spaced float32 values from {@code start} to {@code end}, both included, like {@code
     * torch.linspace(start, end, steps)}; computed as PyTorch does, so both ends are exact.
     *
     * @param start the first value
     * @param end the last value
     * @param steps how many values; 1 gives {@code [start]}, 0 an empty tensor
     * @return a new 1-D float32 tensor on the default device
     * @throws IllegalArgumentException if {@code steps} is negative
     */
    public static Tensor linspace(double start, double end, int steps) {
        return Factories.linspace(start, end, steps, DType.FLOAT32, Device.getDefault());
    }

    /**
     * {@code steps} evenly spaced values from {@code start} to {@code end} in the given dtype, like {@code
     * torch.linspace(start, end, steps, dtype=dtype)}; integer dtypes, as PyTorch's, truncate {@code start} and
     * {@code end} toward zero first, then truncate the float64 values between them.
     *
     * @param start the first value
     * @param end the last value
     * @param steps how many values
     * @param dtype the element type; not BOOL
     * @return a new 1-D tensor on the default device
     * @throws IllegalArgumentException if {@code steps} is negative, {@code dtype} is BOOL, or an end does not fit an
     *     integer {@code dtype}
     */
    public static Tensor linspace(double start, double end, int steps, DType dtype) {
        return Factories.linspace(start, end, steps, dtype, Device.getDefault());
    }

    /**
     * The {@code n x n} float32 identity matrix on the default device, like {@code torch.eye(n)}.
     *
     * @param n the number of rows and columns
     * @return a new 2-D tensor
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static Tensor eye(int n) {
        return Factories.eye(n, n, DType.FLOAT32, Device.getDefault());
    }

    /**
     * An {@code n x m} matrix with ones on the main diagonal and zeros elsewhere, like {@code torch.eye(n, m,
     * dtype=dtype)}.
     *
     * @param n the number of rows
     * @param m the number of columns
     * @param dtype the element type
     * @return a new 2-D tensor on the default device
     * @throws IllegalArgumentException if {@code n} or {@code m} is negative
     */
    public static Tensor eye(int n, int m, DType dtype) {
        return Factories.eye(n, m, dtype, Device.getDefault());
    }

    /**
     * Float32 values uniform on {@code [0, 1)} drawn from {@code generator}, on the default device, like {@code
     * torch.rand(*shape, generator=g)}. The values depend on the generator's seed and on how many values it gave
     * before, never on the number of threads or on the device (the same seed gives the same values on the CPU and on
     * CUDA).
     *
     * <pre>{@code
     * Generator g = new Generator(42);
     * Tensor w = Tensor.rand(g, 3, 4);
     * }</pre>
     *
     * @param generator the source of randomness, advanced by the number of elements; required
     * @param shape the shape
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if {@code generator} is null or a dimension is negative
     */
    public static Tensor rand(Generator generator, int... shape) {
        return Factories.rand(generator, shape, DType.FLOAT32, Device.getDefault());
    }

    /**
     * Values uniform on {@code [0, 1)} drawn from {@code generator}, like {@code torch.rand(shape, generator=g,
     * dtype=dtype, device=device)}.
     *
     * @param generator the source of randomness, advanced by the number of elements; required
     * @param shape the shape
     * @param dtype FLOAT32 or FLOAT64
     * @param device where the values are drawn and stored
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if {@code generator} is null, a dimension is negative or {@code dtype} is not
     *     floating point
     */
    public static Tensor rand(Generator generator, int[] shape, DType dtype, Device device) {
        return Factories.rand(generator, shape, dtype, device);
    }

    /**
     * Float32 values from the standard normal distribution drawn from {@code generator}, on the default device, like
     * {@code torch.randn(*shape, generator=g)}.
     *
     * @param generator the source of randomness; required
     * @param shape the shape
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if {@code generator} is null or a dimension is negative
     */
    public static Tensor randn(Generator generator, int... shape) {
        return Factories.randn(generator, shape, DType.FLOAT32, Device.getDefault());
    }

    /**
     * Values from the standard normal distribution drawn from {@code generator}, like {@code torch.randn(shape,
     * generator=g, dtype=dtype, device=device)}.
     *
     * @param generator the source of randomness; required
     * @param shape the shape
     * @param dtype FLOAT32 or FLOAT64
     * @param device where the values are drawn and stored
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if {@code generator} is null, a dimension is negative or {@code dtype} is not
     *     floating point
     */
    public static Tensor randn(Generator generator, int[] shape, DType dtype, Device device) {
        return Factories.randn(generator, shape, dtype, device);
    }

    /**
     * Int64 values uniform on {@code [low, high)} drawn from {@code generator}, on the default device, like {@code
     * torch.randint(low, high, shape, generator=g)}.
     *
     * @param generator the source of randomness; required
     * @param low the smallest value
     * @param high one more than the largest value
     * @param shape the shape
     * @return a new contiguous int64 tensor
     * @throws IllegalArgumentException if {@code high <= low}, {@code generator} is null or a dimension is negative
     */
    public static Tensor randint(Generator generator, long low, long high, int... shape) {
        return Factories.randint(generator, low, high, shape, DType.INT64, Device.getDefault());
    }

    /**
     * Integers uniform on {@code [low, high)} drawn from {@code generator}, in the given dtype and device, like {@code
     * torch.randint(low, high, shape, generator=g, dtype=dtype, device=device)}.
     *
     * @param generator the source of randomness; required
     * @param low the smallest value
     * @param high one more than the largest value
     * @param shape the shape
     * @param dtype any dtype but BOOL (a floating dtype holds whole numbers)
     * @param device where the values are drawn and stored
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if {@code high <= low}, {@code dtype} is BOOL, {@code generator} is null or a
     *     dimension is negative
     */
    public static Tensor randint(Generator generator, long low, long high, int[] shape, DType dtype, Device device) {
        return Factories.randint(generator, low, high, shape, dtype, device);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Metadata
    // ------------------------------------------------------------------------------------------------------------

    /**
     * The shape, like {@code tensor.shape}.
     *
     * @return a copy of the sizes of the dimensions; empty for a 0-d tensor
     */
    public int[] shape() {
        return view.shape.clone();
    }

    /** The shape without copying; never modify it. */
    int[] shapeArray() {
        return view.shape;
    }

    /**
     * The size of one dimension, like {@code tensor.size(dim)}.
     *
     * @param dim the dimension; negative counts from the end
     * @return the number of elements along {@code dim}
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public int size(int dim) {
        return view.shape[dev.autograd4j.ops.Shapes.wrapDim("size", dim, view.shape.length)];
    }

    /**
     * The number of dimensions, like {@code tensor.dim()}.
     *
     * @return 0 for a 0-d tensor
     */
    public int dim() {
        return view.shape.length;
    }

    /**
     * The number of elements, the product of the shape, like {@code tensor.numel()}.
     *
     * @return 1 for a 0-d tensor, 0 for an empty one
     */
    public long numel() {
        return view.numel();
    }

    /**
     * The element type, like {@code tensor.dtype}.
     *
     * @return the dtype of this tensor's storage
     */
    public DType dtype() {
        return view.storage.dtype();
    }

    /**
     * The device the storage lives on, like {@code tensor.device}.
     *
     * @return the device
     */
    public Device device() {
        return view.storage.device();
    }

    /**
     * The strides in elements, like {@code tensor.stride()}: how far apart, in the storage, consecutive indices of each
     * dimension are (0 along an expanded dimension).
     *
     * @return a copy of the strides
     */
    public long[] stride() {
        return view.strides.clone();
    }

    /**
     * Where this tensor's first element is in its storage, in elements, like {@code tensor.storage_offset()}.
     *
     * @return the offset (non-zero for views such as {@code narrow} and {@code select})
     */
    public long storageOffset() {
        return view.offset;
    }

    /**
     * Whether the elements lie in row-major order without gaps, like {@code tensor.is_contiguous()}.
     *
     * @return true when the strides are those of a fresh tensor of this shape (size-1 dimensions' strides ignored)
     */
    public boolean isContiguous() {
        return view.isContiguous();
    }

    /**
     * How many times this tensor's storage was modified in place (PyTorch's {@code tensor._version}); shared by every
     * view of the storage. Autograd compares it with the version a backward saved, and fails rather than use changed
     * values.
     *
     * @return the version counter
     */
    public int version() {
        return view.storage.version();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Autograd
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Whether gradients are computed for this tensor, like {@code tensor.requires_grad}: a leaf the user marked, the
     * output of an op recorded from such a tensor, or a view made in no-grad mode of a tensor that requires grad. Such
     * a view is a leaf without a gradient of its own, as PyTorch's: ops on it are recorded, but backward passes
     * nothing to it or its base, and an in-place op on it with grad mode on fails.
     *
     * @return true when backward will produce or pass on a gradient for this tensor
     */
    public boolean requiresGrad() {
        return requiresGradFlag || node() != null || (noGradView && base.requiresGrad());
    }

    /** Whether backward accumulates into this tensor's grad: a leaf the user marked (PyTorch's requires_grad_ flag). */
    boolean accumulatesGrad() {
        return requiresGradFlag && node() == null;
    }

    /**
     * Marks a leaf as needing gradients (PyTorch's {@code requires_grad_()}); ops on it are then recorded, and {@link
     * #backward()} accumulates into its {@link #grad()}. Only floating-point tensors can require grad, and only leaves
     * can change the flag.
     *
     * <pre>{@code
     * Tensor w = Tensor.randn(new Generator(0), 3, 2).requiresGrad(true);
     * }</pre>
     *
     * @param requiresGrad the new flag
     * @return this tensor
     * @throws IllegalArgumentException if {@code requiresGrad} is true and the dtype is not floating point
     * @throws IllegalStateException if this tensor is the output of a recorded op and {@code requiresGrad} is false
     *     (use {@link #detach()})
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

    /**
     * The accumulated gradient, like {@code tensor.grad}: set on leaves that require grad, and on non-leaves that
     * {@link #retainGrad() retain} it, by {@link #backward()}; later backward calls add to it. Reading it on a non-leaf
     * that does not retain it gives null and logs PyTorch's warning once (at WARN, through SLF4J).
     *
     * @return the gradient (same shape, dtype and device as this tensor), or null before any backward
     */
    public Tensor grad() {
        Tensor g = grad;
        if (g == null && !nonLeafGradWarned && !isLeaf() && !retainsGrad()) {
            nonLeafGradWarned = true;
            LoggerFactory.getLogger(Tensor.class).warn("[grad] the grad of a tensor that is not a leaf is being read;"
                    + " it is not filled by backward(). Call retainGrad() on the non-leaf tensor if you want it, or"
                    + " read the leaf tensor's grad instead (PyTorch warns alike)");
        }
        return g;
    }

    /** PyTorch's warning on reading a non-leaf's grad is shown once, as Python's default warning filter does. */
    private static volatile boolean nonLeafGradWarned;

    /**
     * Replaces the gradient, like assigning {@code tensor.grad}; null clears it (PyTorch's {@code tensor.grad = None}).
     *
     * @param grad the new gradient, or null
     * @throws IllegalArgumentException if {@code grad}'s shape, dtype or device differs from this tensor's
     */
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

    /**
     * Sets the gradient to zero in place, if there is one, like {@code optimizer.zero_grad(set_to_none=False)} for one
     * tensor; a gradient that has a history (from {@code createGraph}) is detached first.
     */
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

    /**
     * The node that produced this tensor, like {@code tensor.grad_fn}; its {@link Node#name()} is PyTorch's node name
     * ({@code MulBackward0}).
     *
     * @return the producing node, or null for a leaf
     */
    public Node gradFn() {
        return node();
    }

    /**
     * Which output of {@link #gradFn()} this tensor is (PyTorch's {@code output_nr}): 0 unless the op has several
     * outputs.
     *
     * @return the output index
     */
    public int outputNr() {
        return outputNr;
    }

    /**
     * Whether this tensor is a leaf, like {@code tensor.is_leaf}: no recorded op produced it (it was created by the
     * user, or does not require grad).
     *
     * @return true when {@link #gradFn()} is null
     */
    public boolean isLeaf() {
        return node() == null;
    }

    /**
     * Makes this non-leaf tensor keep its gradient in {@link #grad()} during backward, like {@code
     * tensor.retain_grad()}; a no-op for leaves.
     *
     * @throws IllegalStateException if this tensor does not require grad
     */
    public void retainGrad() {
        if (!requiresGrad()) {
            throw Errors.state("retain_grad", "can't retain_grad on a tensor that has requires_grad=false");
        }
        Node node = node();
        if (node != null && !retainsGradFlag) {
            node.retainOutput(outputNr, this);
            retainsGradFlag = true;
        }
    }

    /**
     * Whether this non-leaf tensor keeps its gradient, like {@code tensor.retains_grad}.
     *
     * @return true after {@link #retainGrad()} on a non-leaf; false for leaves
     */
    public boolean retainsGrad() {
        return retainsGradFlag && node() != null;
    }

    /**
     * Registers a hook called with this tensor's gradient during backward, like {@code tensor.register_hook(hook)}; a
     * non-null return replaces the gradient passed on. On a leaf it runs before the gradient is accumulated into {@link
     * #grad()}.
     *
     * <pre>{@code
     * RemovableHandle h = x.registerHook(g -> g.mul(2.0));   // doubles x's gradient
     * h.remove();
     * }</pre>
     *
     * @param hook the function of the gradient; returning null keeps the gradient unchanged
     * @return a handle whose {@code remove()} unregisters the hook
     * @throws NullPointerException if {@code hook} is null
     * @throws IllegalStateException if this tensor does not require grad
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

    /**
     * A tensor sharing this one's storage but cut from the graph, like {@code tensor.detach()}: it never requires grad,
     * and in-place changes through it are seen by this tensor (and bump the shared version counter).
     *
     * @return a new tensor over the same storage, with no history
     */
    public Tensor detach() {
        // A new base, as PyTorch's detach() (not _is_view()): an in-place op on it, or on a view of it, records on its
        // own history, even when this tensor is a view of a leaf.
        return new Tensor(view, null, false);
    }

    /**
     * Computes the gradient of this one-element tensor (a loss) with respect to the graph's leaves and accumulates it
     * into their {@link #grad()}, like {@code loss.backward()}. The graph's saved tensors are freed afterwards: a
     * second backward through it needs {@code backward(null, true, false)} the first time.
     *
     * @throws IllegalArgumentException if this tensor has more than one element (pass a gradient to {@link
     *     #backward(Tensor)})
     * @throws IllegalStateException if this tensor does not require grad, the graph was already freed, or a tensor
     *     saved for backward was modified in place since
     */
    public void backward() {
        Engine.backward(new Tensor[] {this}, null, false, false);
    }

    /**
     * Backward with an explicit gradient of this tensor's shape, like {@code y.backward(v)}: accumulates the
     * vector-Jacobian product {@code v^T J} into the leaves.
     *
     * @param gradient the gradient of some scalar with respect to this tensor; same shape, dtype and device (null only
     *     for a one-element tensor)
     * @throws IllegalArgumentException if {@code gradient} does not match this tensor
     * @throws IllegalStateException if this tensor does not require grad or the graph was already freed
     */
    public void backward(Tensor gradient) {
        backward(gradient, false, false);
    }

    /**
     * Backward with all options, like {@code y.backward(gradient, retain_graph, create_graph)}.
     *
     * <pre>{@code
     * Tensor x = Tensor.scalar(3.0).requiresGrad(true);
     * Tensor y = x.pow(3.0);
     * y.backward(null, false, true);         // x.grad() = 3x^2 = 27, with a history
     * Tensor g = x.grad();
     * x.setGrad(null);
     * g.backward();                           // x.grad() = 6x = 18
     * }</pre>
     *
     * @param gradient the gradient with respect to this tensor, or null for a one-element tensor
     * @param retainGraph keep the saved tensors for another backward through the same graph
     * @param createGraph record the backward pass itself, so the gradients can be differentiated again (implies {@code
     *     retainGraph}, as in PyTorch)
     * @throws IllegalArgumentException if {@code gradient} does not match this tensor
     * @throws IllegalStateException if this tensor does not require grad or the graph was already freed
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Engine.backward(new Tensor[] {this}, new Tensor[] {gradient}, retainGraph || createGraph, createGraph);
    }

    /**
     * After an in-place op gave this tensor a new history ({@code old} was its node), its retained grad follows it,
     * as PyTorch 1.13 moves retain_grad's hook; a base rebased onto CopySlices keeps it on its old node, as there.
     */
    private void moveRetainedGrad(Node old, int oldNr) {
        if (old != null && old != gradFn && gradFn != null && old.retainedOutputs != null
                && old.retainedOutputs[oldNr] == this) {
            old.dropRetainedOutput(oldNr);
            gradFn.retainOutput(outputNr, this);
        }
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
        if (node != null && node.observer != null) {
            node.observer.output(node, outputNr, this);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reading values
    // ------------------------------------------------------------------------------------------------------------

    /**
     * The value of a one-element tensor as a Java double, like {@code tensor.item()}; integers and bools are converted
     * (true is 1). On an asynchronous device this waits for the device and reads its memory.
     *
     * @return the single element
     * @throws IllegalArgumentException if the tensor does not have exactly one element
     * @throws IllegalStateException if the tensor is closed
     */
    public double item() {
        return Conversions.item(this);
    }

    /**
     * The value of a one-element tensor as a Java long, like {@code tensor.item()} of an integer tensor: exact for
     * int64 (where {@link #item()}'s double rounds past 2^53); floats are truncated toward zero, as {@link
     * #toLongArray()} converts them.
     *
     * @return the single element
     * @throws IllegalArgumentException if the tensor does not have exactly one element
     * @throws IllegalStateException if the tensor is closed
     */
    public long itemLong() {
        return Conversions.itemLong(this);
    }

    /**
     * The elements in row-major order, converted to float, like {@code tensor.flatten().tolist()}; reads the device's
     * memory (a synchronisation point).
     *
     * @return a new array of {@link #numel()} elements
     * @throws IllegalStateException if the tensor is closed
     */
    public float[] toFloatArray() {
        return Conversions.toFloatArray(this);
    }

    /**
     * The elements in row-major order, converted to double; reads the device's memory.
     *
     * @return a new array of {@link #numel()} elements
     * @throws IllegalStateException if the tensor is closed
     */
    public double[] toDoubleArray() {
        return Conversions.toDoubleArray(this);
    }

    /**
     * The elements in row-major order, converted to long as {@link #to(DType)} converts (floats truncated toward zero,
     * NaN and values out of range giving the minimum); reads the device's memory.
     *
     * @return a new array of {@link #numel()} elements
     * @throws IllegalStateException if the tensor is closed
     */
    public long[] toLongArray() {
        return Conversions.toLongArray(this);
    }

    /**
     * The elements in row-major order, converted to int as {@link #to(DType)} converts (floats truncated toward zero,
     * NaN and values out of range giving the minimum); reads the device's memory.
     *
     * @return a new array of {@link #numel()} elements
     * @throws IllegalStateException if the tensor is closed
     */
    public int[] toIntArray() {
        return Conversions.toIntArray(this);
    }

    /**
     * The elements in row-major order, non-zero as true; reads the device's memory.
     *
     * @return a new array of {@link #numel()} elements
     * @throws IllegalStateException if the tensor is closed
     */
    public boolean[] toBooleanArray() {
        return Conversions.toBooleanArray(this);
    }

    /**
     * The tensor as PyTorch's {@code repr} prints it: {@code tensor([2., 3.], grad_fn=<MulBackward0>)}, with {@code
     * dtype=} and {@code device=} where PyTorch shows them, and large tensors summarised to their edges (only the shown
     * elements are read from the device). A closed tensor prints as such instead of failing.
     *
     * @return the printed form
     */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Conversions and copies
    // ------------------------------------------------------------------------------------------------------------

    /**
     * This tensor on another device, like {@code tensor.to(device)}: a copy between the two memories, or this tensor
     * itself when it is already there. Differentiable: the gradient is copied back ({@code ToCopyBackward0}).
     *
     * @param device the target device
     * @return the copy, or {@code this}
     * @throws IllegalStateException if the tensor is closed, or no backend for {@code device} is on the class path
     *     or it cannot run here
     */
    public Tensor to(Device device) {
        return Conversions.to(this, device);
    }

    /**
     * This tensor converted to another dtype, like {@code tensor.to(dtype)}, or this tensor itself when it already has
     * it. Floats convert to integers by truncation toward zero (NaN, infinities and values out of the integer type's
     * range give its minimum value, as PyTorch's CPU on x86), and to bool as non-zero. Differentiable between
     * floating dtypes; a conversion to an integer or bool dtype gives a tensor that does not require grad.
     *
     * @param dtype the target element type
     * @return a new tensor, or {@code this}
     * @throws IllegalStateException if the tensor is closed
     */
    public Tensor to(DType dtype) {
        return Conversions.to(this, dtype);
    }

    /**
     * A copy with its own contiguous storage, like {@code tensor.clone()}; differentiable ({@code CloneBackward0}), so
     * the copy keeps this tensor's place in the graph.
     *
     * @return a new tensor
     */
    @Override
    public Tensor clone() {
        return Conversions.clone(this);
    }

    /**
     * This tensor if it is contiguous, otherwise a contiguous copy of it, like {@code tensor.contiguous()};
     * differentiable.
     *
     * @return {@code this} or a new row-major tensor with the same values
     */
    public Tensor contiguous() {
        return Conversions.contiguous(this);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Pointwise arithmetic (broadcasting, with PyTorch's type promotion)
    // ------------------------------------------------------------------------------------------------------------

    /**
     * {@code this + other} elementwise, like {@code torch.add}. The operands broadcast as in PyTorch (aligned from the
     * last dimension, each size equal or 1), and their dtypes promote as PyTorch's {@code result_type}: the higher
     * category wins (bool, then integer, then floating), and within a category a 0-d tensor does not widen a
     * dimensioned one (float32 plus a 0-d float64 tensor is float32). Recorded as {@code AddBackward0}; each operand's
     * gradient is summed back to its own shape.
     *
     * <pre>{@code
     * Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
     * Tensor b = Tensor.of(new float[] {10, 20, 30});
     * x.add(b);                     // tensor([[11., 22., 33.], [14., 25., 36.]])
     * }</pre>
     *
     * @param other the other operand
     * @return a new tensor of the broadcast shape and the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ (two bool tensors give
     *     their OR)
     * @throws IllegalStateException if an operand is closed
     */
    public Tensor add(Tensor other) {
        return Pointwise.add(this, other, 1, true);
    }

    /**
     * {@code this + alpha * other} elementwise, like {@code torch.add(x, other, alpha=alpha)}; broadcasting and dtype
     * promotion as {@link #add(Tensor)}.
     *
     * @param other the other operand
     * @param alpha the factor of {@code other}, a Python float
     * @return a new tensor of the broadcast shape and the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast, the devices differ, or the operands are
     *     integral (PyTorch: "For integral input tensors, argument alpha must not be a floating point number")
     */
    public Tensor add(Tensor other, double alpha) {
        return Pointwise.add(this, other, alpha, false);
    }

    /**
     * {@code this + alpha * other} with an integral {@code alpha}, like {@code torch.add(x, other, alpha=2)}; integer
     * operands take it.
     *
     * @param other the other operand
     * @param alpha the factor of {@code other}, a Python int
     * @return a new tensor of the broadcast shape and the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor add(Tensor other, long alpha) {
        return Pointwise.add(this, other, alpha, true);
    }

    /**
     * Adds a floating scalar, like {@code x + 2.5} in PyTorch: an integer or bool tensor promotes to float32, a
     * floating tensor keeps its dtype. The scalar is a kernel parameter, not a tensor.
     *
     * @param value the scalar
     * @return a new tensor
     */
    public Tensor add(double value) {
        return Pointwise.addScalar(this, value, false);
    }

    /**
     * Adds an integral scalar, like {@code x + 2} in PyTorch: an integer tensor keeps its dtype, a bool tensor becomes
     * int64, a floating tensor keeps its dtype.
     *
     * @param value the scalar
     * @return a new tensor
     */
    public Tensor add(long value) {
        return Pointwise.addScalar(this, value, true);
    }

    /**
     * {@code this - other} elementwise, like {@code torch.sub}; broadcasting and dtype promotion as {@link
     * #add(Tensor)}. Recorded as {@code SubBackward0}.
     *
     * @param other the subtrahend
     * @return a new tensor of the broadcast shape and the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast, the devices differ, or either operand is bool
     */
    public Tensor sub(Tensor other) {
        return Pointwise.sub(this, other, 1, true);
    }

    /**
     * {@code this - alpha * other} elementwise, like {@code torch.sub(x, other, alpha=alpha)}.
     *
     * @param other the subtrahend
     * @param alpha the factor of {@code other}, a Python float
     * @return a new tensor of the broadcast shape and the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast, the devices differ, either operand is bool, or
     *     the operands are integral
     */
    public Tensor sub(Tensor other, double alpha) {
        return Pointwise.sub(this, other, alpha, false);
    }

    /**
     * {@code this - alpha * other} with an integral {@code alpha}, like {@code torch.sub(x, other, alpha=2)}.
     *
     * @param other the subtrahend
     * @param alpha the factor of {@code other}, a Python int
     * @return a new tensor of the broadcast shape and the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast, the devices differ, or either operand is bool
     */
    public Tensor sub(Tensor other, long alpha) {
        return Pointwise.sub(this, other, alpha, true);
    }

    /**
     * Subtracts a floating scalar, like {@code x - 2.5}: an integer tensor promotes to float32.
     *
     * @param value the scalar
     * @return a new tensor
     */
    public Tensor sub(double value) {
        return Pointwise.subScalar(this, value, false);
    }

    /**
     * Subtracts an integral scalar, like {@code x - 2}: an integer tensor keeps its dtype.
     *
     * @param value the scalar
     * @return a new tensor
     */
    public Tensor sub(long value) {
        return Pointwise.subScalar(this, value, true);
    }

    /**
     * {@code value - this}, like {@code torch.rsub(x, value)} or {@code 1.0 - x}: an integer tensor promotes to
     * float32.
     *
     * @param value the scalar minuend
     * @return a new tensor
     */
    public Tensor rsub(double value) {
        return Pointwise.rsubScalar(this, value, false);
    }

    /**
     * {@code value - this} with an integral scalar, like {@code 1 - x}: an integer tensor keeps its dtype.
     *
     * @param value the scalar minuend
     * @return a new tensor
     */
    public Tensor rsub(long value) {
        return Pointwise.rsubScalar(this, value, true);
    }

    /**
     * {@code this * other} elementwise, like {@code torch.mul}; broadcasting and dtype promotion as {@link
     * #add(Tensor)}. Recorded as {@code MulBackward0}, which saves each operand for the other's gradient.
     *
     * @param other the other factor
     * @return a new tensor of the broadcast shape and the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ (two bool tensors give
     *     their AND)
     */
    public Tensor mul(Tensor other) {
        return Pointwise.mul(this, other);
    }

    /**
     * Multiplies by a floating scalar, like {@code x * 0.5}: an integer tensor promotes to float32.
     *
     * @param value the scalar
     * @return a new tensor
     */
    public Tensor mul(double value) {
        return Pointwise.mulScalar(this, value, false);
    }

    /**
     * Multiplies by an integral scalar, like {@code x * 2}: an integer tensor keeps its dtype.
     *
     * @param value the scalar
     * @return a new tensor
     */
    public Tensor mul(long value) {
        return Pointwise.mulScalar(this, value, true);
    }

    /**
     * True division {@code this / other} elementwise, like {@code torch.div}: integer operands promote to float32 (so
     * {@code 7 / 2} is {@code 3.5}); broadcasting as {@link #add(Tensor)}. Division by zero gives infinities or NaN, as
     * IEEE 754 does.
     *
     * @param other the divisor
     * @return a new floating tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor div(Tensor other) {
        return Pointwise.div(this, other);
    }

    /**
     * True division by a scalar, like {@code x / 2.0}: an integer tensor promotes to float32.
     *
     * @param value the divisor
     * @return a new floating tensor
     */
    public Tensor div(double value) {
        return Pointwise.divScalar(this, value);
    }

    /**
     * {@code -this}, like {@code torch.neg}; integers stay integers.
     *
     * @return a new tensor
     * @throws IllegalArgumentException if the tensor is bool
     */
    public Tensor neg() {
        return Pointwise.neg(this);
    }

    /**
     * {@code this ^ exponent} elementwise with a floating exponent, like {@code torch.pow(x, 2.0)}: an integer or bool
     * tensor promotes to float32, as with a Python float. The gradient is {@code exponent * x^(exponent-1)}
     * ({@code PowBackward0}).
     *
     * @param exponent the exponent
     * @return a new floating tensor
     */
    public Tensor pow(double exponent) {
        return Pointwise.powScalar(this, exponent, false);
    }

    /**
     * {@code this ^ exponent} elementwise with an integral exponent, like {@code torch.pow(x, 2)}: an integer tensor
     * stays integral (and is not differentiable), a bool one becomes int64, a floating one keeps its dtype.
     *
     * @param exponent the exponent
     * @return a new tensor
     * @throws IllegalArgumentException if an integer tensor is raised to a negative exponent
     */
    public Tensor pow(long exponent) {
        return Pointwise.powScalar(this, exponent, true);
    }

    /**
     * {@code this ^ exponent} elementwise with broadcasting, like {@code torch.pow(x, y)} ({@code PowBackward1}): the
     * gradient of the base is {@code y x^(y-1)} and of the exponent {@code x^y log x} (zero where {@code x == 0} and
     * {@code y >= 0}). Integer operands give an integer result.
     *
     * @param exponent the exponents
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor pow(Tensor exponent) {
        return Pointwise.pow(this, exponent);
    }

    /**
     * {@code this * this}, like {@code torch.square}; integers stay integral, as in PyTorch.
     *
     * @return a new tensor
     */
    public Tensor square() {
        return Pointwise.powScalar(this, 2, true);
    }

    /**
     * {@code e^x} elementwise, like {@code torch.exp}; integer and bool tensors promote to float32 (as for every
     * floating-only function below). Recorded as {@code ExpBackward0}, which saves the result.
     *
     * @return a new floating tensor
     */
    public Tensor exp() {
        return Pointwise.exp(this);
    }

    /**
     * The natural logarithm elementwise, like {@code torch.log}: NaN below 0, {@code -inf} at 0.
     *
     * @return a new floating tensor
     */
    public Tensor log() {
        return Pointwise.log(this);
    }

    /**
     * {@code log(1 + x)} elementwise, accurate for small {@code x}, like {@code torch.log1p}.
     *
     * @return a new floating tensor
     */
    public Tensor log1p() {
        return Pointwise.log1p(this);
    }

    /**
     * {@code e^x - 1} elementwise, accurate for small {@code x}, like {@code torch.expm1}.
     *
     * @return a new floating tensor
     */
    public Tensor expm1() {
        return Pointwise.expm1(this);
    }

    /**
     * The square root elementwise, like {@code torch.sqrt}: NaN below 0.
     *
     * @return a new floating tensor
     */
    public Tensor sqrt() {
        return Pointwise.sqrt(this);
    }

    /**
     * {@code 1 / sqrt(x)} elementwise, like {@code torch.rsqrt}.
     *
     * @return a new floating tensor
     */
    public Tensor rsqrt() {
        return Pointwise.rsqrt(this);
    }

    /**
     * {@code 1 / x} elementwise, like {@code torch.reciprocal}; integers promote to float32.
     *
     * @return a new floating tensor
     */
    public Tensor reciprocal() {
        return Pointwise.reciprocal(this);
    }

    /**
     * {@code |x|} elementwise, like {@code torch.abs}; integers stay integers. The gradient is {@code sign(x)}, 0 at 0.
     *
     * @return a new tensor
     * @throws IllegalArgumentException if the tensor is bool
     */
    public Tensor abs() {
        return Pointwise.abs(this);
    }

    /**
     * -1, 0 or 1 by the sign of each element, like {@code torch.sign} (NaN and -0 give 0; a bool tensor gives a
     * copy); the gradient is zero.
     *
     * @return a new tensor of this dtype
     */
    public Tensor sign() {
        return Pointwise.sign(this);
    }

    /**
     * The product of two matrices, like {@code torch.mm}: both 2-D, of one dtype (integers multiply exactly).
     *
     * @param other a matrix with as many rows as this one has columns
     * @return a new matrix
     * @throws IllegalArgumentException for another rank, inner sizes that differ, or differing dtypes or devices
     */
    public Tensor mm(Tensor other) {
        return dev.autograd4j.ops.LinearAlgebra.mm(this, other);
    }

    /**
     * A matrix times a vector, like {@code torch.mv}.
     *
     * @param vec a 1-D tensor with as many elements as this matrix has columns
     * @return a new 1-D tensor
     * @throws IllegalArgumentException for other ranks, sizes that differ, or differing dtypes or devices
     */
    public Tensor mv(Tensor vec) {
        return dev.autograd4j.ops.LinearAlgebra.mv(this, vec);
    }

    /**
     * The inner product of two 1-D tensors, like {@code torch.dot}.
     *
     * @param other a 1-D tensor of the same length and dtype
     * @return a 0-d tensor
     * @throws IllegalArgumentException for other ranks, lengths that differ, or differing dtypes or devices
     */
    public Tensor dot(Tensor other) {
        return dev.autograd4j.ops.LinearAlgebra.dot(this, other);
    }

    /**
     * The cross product of the 3-vectors along {@code dim}, like {@code torch.linalg.cross(x, other, dim=dim)}.
     *
     * @param other a tensor of this rank and dtype, size 3 at dim, the other dims broadcasting
     * @param dim the dim of length 3
     * @return a new tensor
     * @throws IllegalArgumentException for differing ranks or dtypes, or a dim whose size is not 3
     */
    public Tensor cross(Tensor other, int dim) {
        return dev.autograd4j.ops.LinearAlgebra.cross(this, other, dim);
    }

    /**
     * The p-norm of {@code this - other} (the two broadcast), like {@code torch.dist(x, y, p)}: p = 2 is the
     * Euclidean distance, inf the largest difference, 0 the count of differing elements.
     *
     * @param other the other tensor
     * @param p the norm's order
     * @return a 0-d floating tensor
     * @throws IllegalArgumentException for shapes that do not broadcast or non-floating tensors
     */
    public Tensor dist(Tensor other, double p) {
        return dev.autograd4j.ops.Normalization.dist(this, other, p);
    }

    /**
     * {@link #scatter(int, Tensor, Tensor)} in place, like {@code x.scatter_(dim, index, src)}.
     *
     * @param dim the dim the index addresses
     * @param index the int64 targets
     * @param src the values, of this tensor's dtype
     * @return this tensor
     * @throws IllegalArgumentException as scatter, or for a leaf that requires grad
     * @throws IndexOutOfBoundsException for an index outside {@code [0, size(dim))}
     */
    public Tensor scatter_(int dim, Tensor index, Tensor src) {
        return dev.autograd4j.ops.InPlace.scatter_(this, dim, index, src);
    }

    /**
     * {@link #scatter(int, Tensor, double)} in place, like {@code x.scatter_(dim, index, value)}.
     *
     * @param dim the dim the index addresses
     * @param index the int64 targets
     * @param value the value
     * @return this tensor
     * @throws IllegalArgumentException as scatter, or for a leaf that requires grad
     * @throws IndexOutOfBoundsException for an index outside {@code [0, size(dim))}
     */
    public Tensor scatter_(int dim, Tensor index, double value) {
        return dev.autograd4j.ops.InPlace.scatterValue_(this, dim, index, value);
    }

    /**
     * {@link #indexFill(int, Tensor, double)} in place, like {@code x.index_fill_(dim, index, value)}.
     *
     * @param dim the dim
     * @param index a 1-D or 0-d int64 tensor of entries
     * @param value the value
     * @return this tensor
     * @throws IllegalArgumentException as indexFill, or for a leaf that requires grad
     */
    public Tensor indexFill_(int dim, Tensor index, double value) {
        return dev.autograd4j.ops.InPlace.indexFill_(this, dim, index, value);
    }

    /**
     * {@link #indexCopy(int, Tensor, Tensor)} in place, like {@code x.index_copy_(dim, index, source)}.
     *
     * @param dim the dim
     * @param index a 1-D or 0-d int64 tensor of entries
     * @param source the replacements
     * @return this tensor
     * @throws IllegalArgumentException as indexCopy, or for a leaf that requires grad
     */
    public Tensor indexCopy_(int dim, Tensor index, Tensor source) {
        return dev.autograd4j.ops.InPlace.indexCopy_(this, dim, index, source);
    }

    /**
     * {@code this += value * t1 * t2}, like {@code x.addcmul_(t1, t2, value=value)} (what PyTorch's optimizers
     * use); t1 and t2 broadcast to this tensor's shape.
     *
     * @param t1 the first factor
     * @param t2 the second factor
     * @param value the scale
     * @return this tensor
     * @throws IllegalArgumentException where the result cannot be stored in this tensor's dtype or shape
     */
    public Tensor addcmul_(Tensor t1, Tensor t2, double value) {
        return dev.autograd4j.ops.InPlace.addcmul_(this, t1, t2, value);
    }

    /**
     * {@code this += value * t1 / t2}, like {@code x.addcdiv_(t1, t2, value=value)}.
     *
     * @param t1 the numerator
     * @param t2 the denominator
     * @param value the scale
     * @return this tensor
     * @throws IllegalArgumentException where the result cannot be stored in this tensor's dtype or shape
     */
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value) {
        return dev.autograd4j.ops.InPlace.addcdiv_(this, t1, t2, value);
    }

    /**
     * {@code this += weight (end - this)}, like {@code x.lerp_(end, weight)} (an exponential moving average).
     *
     * @param end the other end
     * @param weight the interpolation weight
     * @return this tensor
     * @throws IllegalArgumentException as lerp, or for a leaf that requires grad
     */
    public Tensor lerp_(Tensor end, double weight) {
        return dev.autograd4j.ops.InPlace.lerp_(this, end, weight);
    }

    /**
     * {@code this += weight (end - this)} with a weight per element, like {@code x.lerp_(end, weight)}.
     *
     * @param end the other end
     * @param weight the interpolation weights
     * @return this tensor
     * @throws IllegalArgumentException as lerp, or for a leaf that requires grad
     */
    public Tensor lerp_(Tensor end, Tensor weight) {
        return dev.autograd4j.ops.InPlace.lerp_(this, end, weight);
    }

    /**
     * A copy with {@code src}'s values written where {@code index} points along {@code dim}, like
     * {@code x.scatter(dim, index, src)}: for dim 1, {@code out[i][index[i][j]] = src[i][j]}. Index is int64 of this
     * tensor's rank, its values in {@code [0, size(dim))}; repeated targets keep the last value written.
     *
     * @param dim the dim the index addresses
     * @param index the int64 targets, no larger than src in any dim nor than this tensor outside dim
     * @param src the values, of this tensor's dtype
     * @return a new tensor
     * @throws IllegalArgumentException for a non-int64 index, differing ranks, sizes or dtypes
     * @throws IndexOutOfBoundsException for an index outside {@code [0, size(dim))}
     */
    public Tensor scatter(int dim, Tensor index, Tensor src) {
        return dev.autograd4j.ops.AdvancedIndexing.scatter(this, dim, index, src);
    }

    /**
     * A copy with {@code value} written where {@code index} points along {@code dim}, like
     * {@code x.scatter(dim, index, value)} (a one-hot: {@code zeros(n, k).scatter(1, labels.unsqueeze(1), 1.0)}).
     *
     * @param dim the dim the index addresses
     * @param index the int64 targets, no larger than this tensor outside dim
     * @param value the value (truncated toward zero for an integer tensor)
     * @return a new tensor
     * @throws IllegalArgumentException for a non-int64 index, or differing ranks or sizes
     * @throws IndexOutOfBoundsException for an index outside {@code [0, size(dim))}
     */
    public Tensor scatter(int dim, Tensor index, double value) {
        return dev.autograd4j.ops.AdvancedIndexing.scatter(this, dim, index, value);
    }

    /**
     * A copy with the entries {@code index} of dim {@code dim} set to {@code value}, like
     * {@code x.index_fill(dim, index, value)}; negative indices count from the end.
     *
     * @param dim the dim
     * @param index a 1-D or 0-d int64 tensor of entries
     * @param value the value (truncated toward zero for an integer tensor)
     * @return a new tensor
     * @throws IllegalArgumentException for a non-int64 or multi-dimensional index
     * @throws IndexOutOfBoundsException for an index out of range
     */
    public Tensor indexFill(int dim, Tensor index, double value) {
        return dev.autograd4j.ops.AdvancedIndexing.indexFill(this, dim, index, value);
    }

    /**
     * A copy with entry {@code index[i]} of dim {@code dim} replaced by entry {@code i} of {@code source}, like
     * {@code x.index_copy(dim, index, source)}.
     *
     * @param dim the dim
     * @param index a 1-D or 0-d int64 tensor of entries in {@code [0, size(dim))}
     * @param source this tensor's shape except {@code index.numel()} along dim, of this tensor's dtype
     * @return a new tensor
     * @throws IllegalArgumentException for a non-int64 index, or a source of another shape or dtype
     * @throws IndexOutOfBoundsException for an index out of range
     */
    public Tensor indexCopy(int dim, Tensor index, Tensor source) {
        return dev.autograd4j.ops.AdvancedIndexing.indexCopy(this, dim, index, source);
    }

    /**
     * Diagonal {@code offset} of the plane of dims {@code dim1} and {@code dim2}, as a view whose last dim runs along
     * it, like {@code torch.diagonal(x, offset, dim1, dim2)}.
     *
     * @param offset which diagonal: above the main one when positive, below when negative
     * @param dim1 the first dim of the plane
     * @param dim2 the second dim of the plane
     * @return a view of this tensor
     * @throws IllegalArgumentException for a dim out of range or the same dim twice
     */
    public Tensor diagonal(int offset, int dim1, int dim2) {
        return dev.autograd4j.ops.Rearrange.diagonal(this, offset, dim1, dim2);
    }

    /**
     * The main diagonal of the first two dims, like {@code x.diagonal()}.
     *
     * @return a view of this tensor
     */
    public Tensor diagonal() {
        return diagonal(0, 0, 1);
    }

    /**
     * The sum of a matrix's main diagonal, like {@code torch.trace}; integer tensors give int64.
     *
     * @return a 0-d tensor
     * @throws IllegalArgumentException if this tensor is not 2-D
     */
    public Tensor trace() {
        return dev.autograd4j.ops.Reductions.trace(this);
    }

    /**
     * This tensor repeated {@code reps} times along each dim, like {@code torch.tile}: fewer reps than dims count
     * from the last dim, more add leading dims.
     *
     * @param reps the repetitions per dim
     * @return a new tensor
     * @throws IllegalArgumentException for a negative repetition
     */
    public Tensor tile(int... reps) {
        return dev.autograd4j.ops.Rearrange.tile(this, reps);
    }

    /**
     * This tensor expanded to {@code shape}, like {@code torch.broadcast_to} (the same as {@link #expand}).
     *
     * @param shape the target shape
     * @return a view of this tensor
     * @throws IllegalArgumentException where the shapes do not broadcast
     */
    public Tensor broadcastTo(int... shape) {
        return expand(shape);
    }

    /**
     * Dim {@code dim} split into {@code sizes} (one may be -1), like {@code x.unflatten(dim, sizes)}; a view.
     *
     * @param dim the dim to split
     * @param sizes its new sizes, whose product is its size
     * @return a view of this tensor
     * @throws IllegalArgumentException where the sizes do not multiply up to the dim's size, or for a 0-d tensor
     */
    public Tensor unflatten(int dim, int... sizes) {
        return dev.autograd4j.ops.ShapeOps.unflatten(this, dim, sizes);
    }

    /**
     * The same as {@link #transpose(int, int)}, like {@code x.swapaxes(a, b)}.
     *
     * @param axis0 the first dim
     * @param axis1 the second dim
     * @return a view of this tensor
     */
    public Tensor swapaxes(int axis0, int axis1) {
        return transpose(axis0, axis1);
    }

    /**
     * The same as {@link #transpose(int, int)}, like {@code x.swapdims(a, b)}.
     *
     * @param dim0 the first dim
     * @param dim1 the second dim
     * @return a view of this tensor
     */
    public Tensor swapdims(int dim0, int dim1) {
        return transpose(dim0, dim1);
    }

    /**
     * A view with {@code other}'s shape, like {@code x.view_as(other)}.
     *
     * @param other the tensor whose shape to take
     * @return a view of this tensor
     * @throws IllegalArgumentException where the element counts differ or the strides allow no view
     */
    public Tensor viewAs(Tensor other) {
        return view(other.shape());
    }

    /**
     * This tensor reshaped to {@code other}'s shape, like {@code x.reshape_as(other)}.
     *
     * @param other the tensor whose shape to take
     * @return a view where possible, else a copy
     * @throws IllegalArgumentException where the element counts differ
     */
    public Tensor reshapeAs(Tensor other) {
        return reshape(other.shape());
    }

    /**
     * This tensor converted to {@code other}'s dtype, like {@code x.type_as(other)}.
     *
     * @param other the tensor whose dtype to take
     * @return this tensor if the dtype is already the same, else a converted copy
     */
    public Tensor typeAs(Tensor other) {
        return to(other.dtype());
    }

    /**
     * Each element of the flattened tensor {@code repeats} times in a row, like {@code x.repeat_interleave(repeats)}.
     *
     * @param repeats how many times each element appears
     * @return a new 1-D tensor
     * @throws IllegalArgumentException for a negative count
     */
    public Tensor repeatInterleave(int repeats) {
        return dev.autograd4j.ops.Rearrange.repeatInterleave(this, repeats, null);
    }

    /**
     * Each slice along {@code dim} {@code repeats} times in a row, like {@code x.repeat_interleave(repeats, dim)}.
     *
     * @param repeats how many times each slice appears
     * @param dim the dim along which to repeat
     * @return a new tensor
     * @throws IllegalArgumentException for a negative count or a dim out of range
     */
    public Tensor repeatInterleave(int repeats, int dim) {
        return dev.autograd4j.ops.Rearrange.repeatInterleave(this, repeats, dim);
    }

    /**
     * The values at {@code indices} along {@code dim}, the other dims broadcast between the two, like
     * {@code torch.take_along_dim(x, indices, dim)} (what {@code argsort} or {@code argmax(keepdim)} give).
     *
     * @param indices int64 indices of this tensor's rank
     * @param dim the dim to index
     * @return a new tensor
     * @throws IllegalArgumentException for non-int64 indices, differing ranks, shapes that do not broadcast or a 0-d
     *     tensor
     */
    public Tensor takeAlongDim(Tensor indices, int dim) {
        return dev.autograd4j.ops.Rearrange.takeAlongDim(this, indices, dim);
    }

    /**
     * The flattened tensor at the flattened {@code indices}, like {@code torch.take_along_dim(x, indices)}.
     *
     * @param indices int64 indices into the flattened tensor
     * @return a new 1-D tensor
     * @throws IllegalArgumentException for non-int64 indices
     */
    public Tensor takeAlongDim(Tensor indices) {
        return dev.autograd4j.ops.Rearrange.takeAlongDim(this, indices, null);
    }

    /**
     * The number of non-zero elements (NaN counts), like {@code torch.count_nonzero(x)}.
     *
     * @return a 0-d int64 tensor
     */
    public Tensor countNonzero() {
        return dev.autograd4j.ops.Reductions.countNonzero(this, null);
    }

    /**
     * The number of non-zero elements over {@code dims}, like {@code torch.count_nonzero(x, dims)}.
     *
     * @param dims the dims to count over (all when empty)
     * @return an int64 tensor without those dims
     * @throws IllegalArgumentException for a dim out of range or repeated
     */
    public Tensor countNonzero(int... dims) {
        return dev.autograd4j.ops.Reductions.countNonzero(this, dims);
    }

    /**
     * The sum of all elements with NaN counted as 0, like {@code torch.nansum}; integer tensors sum to int64. The
     * gradient is 0 where the input was NaN.
     *
     * @return a 0-d tensor
     */
    public Tensor nansum() {
        return dev.autograd4j.ops.Reductions.nansum(this, null, false);
    }

    /**
     * The sum over {@code dims} with NaN counted as 0, like {@code torch.nansum(x, dims, keepdim)}.
     *
     * @param dims the dims to reduce (all when empty)
     * @param keepdim keep the reduced dims with size 1
     * @return a new tensor
     * @throws IllegalArgumentException for a dim out of range or repeated
     */
    public Tensor nansum(int[] dims, boolean keepdim) {
        return dev.autograd4j.ops.Reductions.nansum(this, dims, keepdim);
    }

    /**
     * The mean of the non-NaN elements (NaN if there are none), like {@code torch.nanmean}; floating only.
     *
     * @return a 0-d tensor
     * @throws IllegalArgumentException for integer or bool tensors
     */
    public Tensor nanmean() {
        return dev.autograd4j.ops.Reductions.nanmean(this, null, false);
    }

    /**
     * The mean over {@code dims} of the non-NaN elements, like {@code torch.nanmean(x, dims, keepdim)}.
     *
     * @param dims the dims to reduce (all when empty)
     * @param keepdim keep the reduced dims with size 1
     * @return a new tensor
     * @throws IllegalArgumentException for integer or bool tensors, or a dim out of range or repeated
     */
    public Tensor nanmean(int[] dims, boolean keepdim) {
        return dev.autograd4j.ops.Reductions.nanmean(this, dims, keepdim);
    }

    /**
     * Linear interpolation {@code this + weight (end - this)}, like {@code torch.lerp(input, end, weight)}; for
     * {@code |weight| >= 0.5} PyTorch's {@code end - (end - this)(1 - weight)}, so a weight of 1 gives {@code end}
     * exactly. Both tensors must have one floating dtype and broadcast together.
     *
     * @param end the other end
     * @param weight the interpolation weight
     * @return a new tensor
     * @throws IllegalArgumentException for integer tensors, differing dtypes or shapes that do not broadcast
     */
    public Tensor lerp(Tensor end, double weight) {
        return Pointwise.lerp(this, end, weight);
    }

    /**
     * Linear interpolation with a weight per element, like {@code torch.lerp(input, end, weight)}; all three
     * broadcast and must share one floating dtype.
     *
     * @param end the other end
     * @param weight the interpolation weights
     * @return a new tensor
     * @throws IllegalArgumentException for integer tensors, differing dtypes or shapes that do not broadcast
     */
    public Tensor lerp(Tensor end, Tensor weight) {
        return Pointwise.lerp(this, end, weight);
    }

    /**
     * {@code this + t1 * t2}, like {@code torch.addcmul}; the three tensors broadcast and promote.
     *
     * @param t1 the first factor
     * @param t2 the second factor
     * @return a new tensor
     */
    public Tensor addcmul(Tensor t1, Tensor t2) {
        return Pointwise.addcmul(this, t1, t2, 1);
    }

    /**
     * {@code this + value * t1 * t2}, like {@code torch.addcmul(input, t1, t2, value=value)}.
     *
     * @param t1 the first factor
     * @param t2 the second factor
     * @param value the scale; a whole number where all three tensors are integers
     * @return a new tensor
     * @throws IllegalArgumentException for a fractional value with integer tensors
     */
    public Tensor addcmul(Tensor t1, Tensor t2, double value) {
        return Pointwise.addcmul(this, t1, t2, value);
    }

    /**
     * {@code this + t1 / t2}, like {@code torch.addcdiv}; the three tensors broadcast and promote.
     *
     * @param t1 the numerator
     * @param t2 the denominator
     * @return a new tensor
     * @throws IllegalArgumentException where both t1 and t2 are integer tensors, as in PyTorch
     */
    public Tensor addcdiv(Tensor t1, Tensor t2) {
        return Pointwise.addcdiv(this, t1, t2, 1);
    }

    /**
     * {@code this + value * t1 / t2}, like {@code torch.addcdiv(input, t1, t2, value=value)}.
     *
     * @param t1 the numerator
     * @param t2 the denominator
     * @param value the scale
     * @return a new tensor
     * @throws IllegalArgumentException where both t1 and t2 are integer tensors, as in PyTorch
     */
    public Tensor addcdiv(Tensor t1, Tensor t2, double value) {
        return Pointwise.addcdiv(this, t1, t2, value);
    }

    /**
     * NaN replaced by 0 and the infinities by the dtype's largest and lowest finite values, like
     * {@code torch.nan_to_num}; integer and bool tensors come back as a copy. The gradient is 0 where the input
     * was not finite.
     *
     * @return a new tensor
     */
    public Tensor nanToNum() {
        return Pointwise.nanToNum(this);
    }

    /**
     * NaN, +inf and -inf replaced by the values given, like {@code torch.nan_to_num(x, nan, posinf, neginf)}.
     *
     * @param nan the value for NaN
     * @param posinf the value for +inf
     * @param neginf the value for -inf
     * @return a new tensor
     */
    public Tensor nanToNum(double nan, double posinf, double neginf) {
        return Pointwise.nanToNum(this, nan, posinf, neginf);
    }

    /**
     * {@code log(e^this + e^other)} computed without overflow, like {@code torch.logaddexp}; the two broadcast and
     * promote to a floating dtype.
     *
     * @param other the other operand
     * @return a new floating tensor
     * @throws IllegalArgumentException for integer or bool operands, as in PyTorch
     */
    public Tensor logaddexp(Tensor other) {
        return Pointwise.logaddexp(this, other);
    }

    /**
     * {@code 2^x} elementwise, like {@code torch.exp2}; integer and bool tensors give float32.
     *
     * @return a new floating tensor
     */
    public Tensor exp2() {
        return Pointwise.exp2(this);
    }

    /**
     * The indices that sort the last dimension ascending, like {@code torch.argsort(x)}.
     *
     * @return an int64 tensor of this tensor's shape
     */
    public Tensor argsort() {
        return dev.autograd4j.ops.Sorting.argsort(this, -1, false);
    }

    /**
     * The indices that sort dimension {@code dim}, like {@code torch.argsort(x, dim, descending)}.
     *
     * @param dim the dimension (negative counts from the end)
     * @param descending largest first
     * @return an int64 tensor of this tensor's shape
     */
    public Tensor argsort(int dim, boolean descending) {
        return dev.autograd4j.ops.Sorting.argsort(this, dim, descending);
    }

    /**
     * The log-odds {@code log(x / (1 - x))}, like {@code torch.logit}: NaN outside {@code [0, 1]}, {@code +-inf}
     * at its ends; integer and bool tensors give float32.
     *
     * @return a new floating tensor
     */
    public Tensor logit() {
        return dev.autograd4j.ops.Activations.logit(this, Double.NaN);
    }

    /**
     * The log-odds of this tensor clamped to {@code [eps, 1 - eps]}, like {@code torch.logit(x, eps)}; the gradient
     * is 0 where the clamp applies.
     *
     * @param eps the clamp's margin
     * @return a new floating tensor
     */
    public Tensor logit(double eps) {
        return dev.autograd4j.ops.Activations.logit(this, eps);
    }

    /**
     * The tangent elementwise (radians), like {@code torch.tan}; its gradient is {@code 1 + tan(x)^2}. Integer and bool tensors give float32, as in PyTorch.
     *
     * @return a new floating tensor
     */
    public Tensor tan() {
        return Pointwise.tan(this);
    }

    /**
     * The arcsine elementwise, like {@code torch.asin}: NaN outside {@code [-1, 1]}; its gradient is
     * {@code 1 / sqrt(1 - x^2)}. Integer and bool tensors give float32, as in PyTorch.
     *
     * @return a new floating tensor
     */
    public Tensor asin() {
        return Pointwise.asin(this);
    }

    /**
     * The arccosine elementwise, like {@code torch.acos}: NaN outside {@code [-1, 1]}; its gradient is
     * {@code -1 / sqrt(1 - x^2)}. Integer and bool tensors give float32, as in PyTorch.
     *
     * @return a new floating tensor
     */
    public Tensor acos() {
        return Pointwise.acos(this);
    }

    /**
     * The arctangent elementwise, like {@code torch.atan}; its gradient is {@code 1 / (1 + x^2)}. Integer and bool tensors give float32, as in PyTorch.
     *
     * @return a new floating tensor
     */
    public Tensor atan() {
        return Pointwise.atan(this);
    }

    /**
     * The hyperbolic sine elementwise, like {@code torch.sinh}; its gradient is {@code cosh(x)}. Integer and bool tensors give float32, as in PyTorch.
     *
     * @return a new floating tensor
     */
    public Tensor sinh() {
        return Pointwise.sinh(this);
    }

    /**
     * The hyperbolic cosine elementwise, like {@code torch.cosh}; its gradient is {@code sinh(x)}. Integer and bool tensors give float32, as in PyTorch.
     *
     * @return a new floating tensor
     */
    public Tensor cosh() {
        return Pointwise.cosh(this);
    }

    /**
     * The inverse hyperbolic sine elementwise, like {@code torch.asinh}; its gradient is {@code 1 / sqrt(x^2 + 1)}. Integer and bool tensors give float32, as in PyTorch.
     *
     * @return a new floating tensor
     */
    public Tensor asinh() {
        return Pointwise.asinh(this);
    }

    /**
     * The inverse hyperbolic cosine elementwise, like {@code torch.acosh}: NaN below 1; its gradient is
     * {@code 1 / sqrt(x^2 - 1)}. Integer and bool tensors give float32, as in PyTorch.
     *
     * @return a new floating tensor
     */
    public Tensor acosh() {
        return Pointwise.acosh(this);
    }

    /**
     * The inverse hyperbolic tangent elementwise, like {@code torch.atanh}: {@code +-inf} at {@code +-1}, NaN
     * beyond; its gradient is {@code 1 / (1 - x^2)}. Integer and bool tensors give float32, as in PyTorch.
     *
     * @return a new floating tensor
     */
    public Tensor atanh() {
        return Pointwise.atanh(this);
    }

    /**
     * The base-2 logarithm elementwise, like {@code torch.log2}: exact at powers of two. Integer and bool tensors give float32, as in PyTorch.
     *
     * @return a new floating tensor
     */
    public Tensor log2() {
        return Pointwise.log2(this);
    }

    /**
     * The base-10 logarithm elementwise, like {@code torch.log10}. Integer and bool tensors give float32, as in PyTorch.
     *
     * @return a new floating tensor
     */
    public Tensor log10() {
        return Pointwise.log10(this);
    }

    /**
     * The sine elementwise (radians), like {@code torch.sin}.
     *
     * @return a new floating tensor
     */
    public Tensor sin() {
        return Pointwise.sin(this);
    }

    /**
     * The cosine elementwise (radians), like {@code torch.cos}.
     *
     * @return a new floating tensor
     */
    public Tensor cos() {
        return Pointwise.cos(this);
    }

    /**
     * The hyperbolic tangent elementwise, like {@code torch.tanh}; its gradient is {@code 1 - tanh(x)^2}.
     *
     * @return a new floating tensor
     */
    public Tensor tanh() {
        return Pointwise.tanh(this);
    }

    /**
     * The logistic function {@code 1 / (1 + e^-x)} elementwise, like {@code torch.sigmoid}.
     *
     * @return a new floating tensor
     */
    public Tensor sigmoid() {
        return Pointwise.sigmoid(this);
    }

    /**
     * {@code max(x, 0)} elementwise, like {@code torch.relu}; integers stay integers. The gradient flows where the
     * result is positive.
     *
     * @return a new tensor
     * @throws IllegalArgumentException if the tensor is bool
     */
    public Tensor relu() {
        return Pointwise.relu(this);
    }

    /**
     * The error function elementwise, like {@code torch.erf}; its gradient is {@code 2/sqrt(pi) e^(-x^2)}.
     *
     * @return a new floating tensor
     */
    public Tensor erf() {
        return Pointwise.erf(this);
    }

    /**
     * {@code x > 0 ? x : negativeSlope * x} elementwise, like {@code F.leaky_relu(x, negative_slope)}.
     *
     * @param negativeSlope the slope below zero (PyTorch's default is 0.01)
     * @return a new floating tensor
     */
    public Tensor leakyRelu(double negativeSlope) {
        return Pointwise.leakyRelu(this, negativeSlope);
    }

    /**
     * The exact GELU, {@code x * Phi(x)} with {@code Phi} the standard normal CDF, like {@code F.gelu(x)}.
     *
     * @return a new floating tensor
     */
    public Tensor gelu() {
        return Pointwise.gelu(this, false);
    }

    /**
     * GELU, exact or with the tanh approximation, like {@code F.gelu(x, approximate=...)}.
     *
     * @param approximate {@code "none"} (exact) or {@code "tanh"} ({@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715
     *     x^3)))})
     * @return a new floating tensor
     * @throws IllegalArgumentException if {@code approximate} is neither
     */
    public Tensor gelu(String approximate) {
        return dev.autograd4j.nn.Functional.gelu(this, approximate);
    }

    /**
     * {@code log(1 + e^x)} elementwise, returning {@code x} itself where {@code x > 20}, like {@code F.softplus(x)}.
     *
     * @return a new floating tensor
     */
    public Tensor softplus() {
        return Pointwise.softplus(this, 1, 20);
    }

    /**
     * {@code log(1 + e^(beta x)) / beta} elementwise, returning {@code x} where {@code beta x > threshold}, like {@code
     * F.softplus(x, beta, threshold)}.
     *
     * @param beta the sharpness (PyTorch's default 1)
     * @param threshold above which the function is taken as linear (PyTorch's default 20)
     * @return a new floating tensor
     */
    public Tensor softplus(double beta, double threshold) {
        return Pointwise.softplus(this, beta, threshold);
    }

    /**
     * Rounds each element down, like {@code torch.floor}; the gradient is zero. An integer tensor is returned as a
     * copy.
     *
     * @return a new tensor of this dtype
     * @throws IllegalArgumentException if the tensor is bool
     */
    public Tensor floor() {
        return Pointwise.floor(this);
    }

    /**
     * Rounds each element up, like {@code torch.ceil}; the gradient is zero. An integer tensor is returned as a copy.
     *
     * @return a new tensor of this dtype
     * @throws IllegalArgumentException if the tensor is bool
     */
    public Tensor ceil() {
        return Pointwise.ceil(this);
    }

    /**
     * Rounds each element to the nearest integer, halves to even ({@code round(2.5) == 2}), like {@code torch.round};
     * the gradient is zero.
     *
     * @return a new tensor of this dtype
     * @throws IllegalArgumentException if the tensor is bool
     */
    public Tensor round() {
        return Pointwise.round(this);
    }

    /**
     * Limits every element to {@code [min, max]}, like {@code torch.clamp(x, 0.0, 1.0)}; a NaN bound means no bound on
     * that side. The gradient flows where the input lies inside the bounds. The bounds are Python floats: an integer
     * or bool tensor promotes to float32.
     *
     * @param min the lower bound, or {@code Double.NaN} for none
     * @param max the upper bound, or {@code Double.NaN} for none
     * @return a new tensor
     * @throws IllegalArgumentException if both bounds are NaN
     */
    public Tensor clamp(double min, double max) {
        return Pointwise.clamp(this, min, max, false);
    }

    /**
     * {@link #clamp(double, double)} with integral bounds, like {@code torch.clamp(x, 0, 1)}: an integer tensor keeps
     * its dtype, a bool one becomes int64.
     *
     * @param min the lower bound
     * @param max the upper bound
     * @return a new tensor
     */
    public Tensor clamp(long min, long max) {
        return Pointwise.clamp(this, min, max, true);
    }

    /**
     * {@code max(x, min)} elementwise, like {@code torch.clamp_min(x, 0.5)}; an integer tensor promotes to float32.
     *
     * @param min the lower bound
     * @return a new tensor
     */
    public Tensor clampMin(double min) {
        return Pointwise.clamp(this, min, Double.NaN, false, "clamp_min", "ClampMinBackward0");
    }

    /**
     * {@code max(x, min)} with an integral bound, like {@code torch.clamp_min(x, 0)}: an integer tensor keeps its dtype.
     *
     * @param min the lower bound
     * @return a new tensor
     */
    public Tensor clampMin(long min) {
        return Pointwise.clamp(this, min, Double.NaN, true, "clamp_min", "ClampMinBackward0");
    }

    /**
     * {@code min(x, max)} elementwise, like {@code torch.clamp_max(x, 0.5)}; an integer tensor promotes to float32.
     *
     * @param max the upper bound
     * @return a new tensor
     */
    public Tensor clampMax(double max) {
        return Pointwise.clamp(this, Double.NaN, max, false, "clamp_max", "ClampMaxBackward0");
    }

    /**
     * {@code min(x, max)} with an integral bound, like {@code torch.clamp_max(x, 1)}: an integer tensor keeps its dtype.
     *
     * @param max the upper bound
     * @return a new tensor
     */
    public Tensor clampMax(long max) {
        return Pointwise.clamp(this, Double.NaN, max, true, "clamp_max", "ClampMaxBackward0");
    }

    /**
     * The elementwise maximum, like {@code torch.maximum}: NaN propagates, operands broadcast and promote as {@link
     * #add(Tensor)}; where they are equal each gets half the gradient, as in PyTorch.
     *
     * @param other the other operand
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor maximum(Tensor other) {
        return Pointwise.maximum(this, other);
    }

    /**
     * The elementwise minimum, like {@code torch.minimum}: NaN propagates; ties split the gradient equally.
     *
     * @param other the other operand
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor minimum(Tensor other) {
        return Pointwise.minimum(this, other);
    }

    /**
     * {@code condition ? x : y} elementwise, like {@code torch.where(condition, x, y)}: all three broadcast, {@code x}
     * and {@code y} promote to a common dtype, and the gradient flows to the side that was chosen.
     *
     * <pre>{@code
     * Tensor clipped = Tensor.where(x.gt(0.0), x, Tensor.zerosLike(x));
     * }</pre>
     *
     * @param condition a bool tensor
     * @param x the values where {@code condition} is true
     * @param y the values where it is false
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if {@code condition} is not bool, the shapes do not broadcast or the devices
     *     differ
     */
    public static Tensor where(Tensor condition, Tensor x, Tensor y) {
        return Pointwise.where(condition, x, y);
    }

    /**
     * {@code condition ? x : y} with a floating scalar {@code y}, like {@code torch.where(c, x, 0.0)}; the scalar is a
     * kernel parameter. It promotes as a Python float: an integer or bool {@code x} makes a float32 result; otherwise
     * the result has x's dtype.
     *
     * @param condition a bool tensor
     * @param x the values where {@code condition} is true
     * @param y the value where it is false
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if {@code condition} is not bool, the shapes do not broadcast, the devices
     *     differ, or {@code y} overflows the result's dtype
     */
    public static Tensor where(Tensor condition, Tensor x, double y) {
        return Pointwise.whereScalar(condition, x, y, false, false);
    }

    /**
     * {@code condition ? x : y} with an integral scalar {@code y}, like {@code torch.where(c, x, 0)}: it promotes as a
     * Python int (a bool {@code x} makes an int64 result; otherwise the result has x's dtype).
     *
     * @param condition a bool tensor
     * @param x the values where {@code condition} is true
     * @param y the value where it is false
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if {@code condition} is not bool, the shapes do not broadcast, the devices
     *     differ, or {@code y} overflows the result's dtype
     */
    public static Tensor where(Tensor condition, Tensor x, long y) {
        return Pointwise.whereScalar(condition, x, y, true, false);
    }

    /**
     * {@code condition ? x : y} with a scalar {@code x}, like {@code torch.where(c, 0.0, y)}; the scalar promotes as in
     * {@link #where(Tensor, Tensor, double)}.
     *
     * @param condition a bool tensor
     * @param x the value where {@code condition} is true
     * @param y the values where it is false
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if {@code condition} is not bool, the shapes do not broadcast, the devices
     *     differ, or {@code x} overflows the result's dtype
     */
    public static Tensor where(Tensor condition, double x, Tensor y) {
        return Pointwise.whereScalar(condition, y, x, false, true);
    }

    /**
     * {@code condition ? x : y} with an integral scalar {@code x}, like {@code torch.where(c, 0, y)}; the scalar
     * promotes as in {@link #where(Tensor, Tensor, long)}.
     *
     * @param condition a bool tensor
     * @param x the value where {@code condition} is true
     * @param y the values where it is false
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if {@code condition} is not bool, the shapes do not broadcast, the devices
     *     differ, or {@code x} overflows the result's dtype
     */
    public static Tensor where(Tensor condition, long x, Tensor y) {
        return Pointwise.whereScalar(condition, y, x, true, true);
    }

    // Comparisons: bool results, never differentiable.

    /**
     * {@code this == other} elementwise, like {@code torch.eq}: a bool tensor of the broadcast shape, compared in the
     * promoted dtype; never differentiable. NaN equals nothing.
     *
     * @param other the other operand
     * @return a new bool tensor
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor eq(Tensor other) {
        return Pointwise.compare("eq", dev.autograd4j.spi.BinaryOp.EQ, this, other);
    }

    /**
     * {@code this == value} elementwise, like {@code x == 2.0}; an integer tensor is compared in float32 unless {@code
     * value} is a whole number.
     *
     * @param value the scalar
     * @return a new bool tensor of this shape
     */
    public Tensor eq(double value) {
        return Pointwise.compareScalar("eq", dev.autograd4j.spi.BinaryOp.EQ, this, value);
    }

    /**
     * {@code this != other} elementwise, like {@code torch.ne}; a bool result, broadcast.
     *
     * @param other the other operand
     * @return a new bool tensor
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor ne(Tensor other) {
        return Pointwise.compare("ne", dev.autograd4j.spi.BinaryOp.NE, this, other);
    }

    /**
     * {@code this != value} elementwise, like {@code x != 2.0}.
     *
     * @param value the scalar
     * @return a new bool tensor of this shape
     */
    public Tensor ne(double value) {
        return Pointwise.compareScalar("ne", dev.autograd4j.spi.BinaryOp.NE, this, value);
    }

    /**
     * {@code this < other} elementwise, like {@code torch.lt}; a bool result, broadcast.
     *
     * @param other the other operand
     * @return a new bool tensor
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor lt(Tensor other) {
        return Pointwise.compare("lt", dev.autograd4j.spi.BinaryOp.LT, this, other);
    }

    /**
     * {@code this < value} elementwise, like {@code x < 0.5}.
     *
     * @param value the scalar
     * @return a new bool tensor of this shape
     */
    public Tensor lt(double value) {
        return Pointwise.compareScalar("lt", dev.autograd4j.spi.BinaryOp.LT, this, value);
    }

    /**
     * {@code this <= other} elementwise, like {@code torch.le}; a bool result, broadcast.
     *
     * @param other the other operand
     * @return a new bool tensor
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor le(Tensor other) {
        return Pointwise.compare("le", dev.autograd4j.spi.BinaryOp.LE, this, other);
    }

    /**
     * {@code this <= value} elementwise, like {@code x <= 0.5}.
     *
     * @param value the scalar
     * @return a new bool tensor of this shape
     */
    public Tensor le(double value) {
        return Pointwise.compareScalar("le", dev.autograd4j.spi.BinaryOp.LE, this, value);
    }

    /**
     * {@code this > other} elementwise, like {@code torch.gt}; a bool result, broadcast.
     *
     * @param other the other operand
     * @return a new bool tensor
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor gt(Tensor other) {
        return Pointwise.compare("gt", dev.autograd4j.spi.BinaryOp.GT, this, other);
    }

    /**
     * {@code this > value} elementwise, like {@code x > 0}.
     *
     * @param value the scalar
     * @return a new bool tensor of this shape
     */
    public Tensor gt(double value) {
        return Pointwise.compareScalar("gt", dev.autograd4j.spi.BinaryOp.GT, this, value);
    }

    /**
     * {@code this >= other} elementwise, like {@code torch.ge}; a bool result, broadcast.
     *
     * @param other the other operand
     * @return a new bool tensor
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor ge(Tensor other) {
        return Pointwise.compare("ge", dev.autograd4j.spi.BinaryOp.GE, this, other);
    }

    /**
     * {@code this >= value} elementwise, like {@code x >= 0}.
     *
     * @param value the scalar
     * @return a new bool tensor of this shape
     */
    public Tensor ge(double value) {
        return Pointwise.compareScalar("ge", dev.autograd4j.spi.BinaryOp.GE, this, value);
    }

    /**
     * Logical not elementwise, like {@code torch.logical_not}: non-zero becomes false, zero true.
     *
     * @return a new bool tensor
     */
    public Tensor logicalNot() {
        return Pointwise.logicalNot(this);
    }

    /**
     * Logical and elementwise (non-zero is true), like {@code torch.logical_and}; broadcast.
     *
     * @param other the other operand
     * @return a new bool tensor
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor logicalAnd(Tensor other) {
        return Pointwise.compare("logical_and", dev.autograd4j.spi.BinaryOp.LOGICAL_AND, this, other);
    }

    /**
     * Logical or elementwise (non-zero is true), like {@code torch.logical_or}; broadcast.
     *
     * @param other the other operand
     * @return a new bool tensor
     * @throws IllegalArgumentException if the shapes do not broadcast or the devices differ
     */
    public Tensor logicalOr(Tensor other) {
        return Pointwise.compare("logical_or", dev.autograd4j.spi.BinaryOp.LOGICAL_OR, this, other);
    }

    /**
     * Whether each element is NaN, like {@code torch.isnan}; always false for integers and bools.
     *
     * @return a new bool tensor
     */
    public Tensor isnan() {
        return Pointwise.isnan(this);
    }

    /**
     * Whether each element is positive or negative infinity, like {@code torch.isinf}; always false for integers and
     * bools.
     *
     * @return a new bool tensor
     */
    public Tensor isinf() {
        return Pointwise.isinf(this);
    }

    /**
     * Whether each element is finite (neither infinite nor NaN), like {@code torch.isfinite}; always true for integers
     * and bools.
     *
     * @return a new bool tensor
     */
    public Tensor isfinite() {
        return Pointwise.isfinite(this);
    }

    /**
     * Whether each element is close to {@code other}'s, like {@code torch.isclose(x, other)} with {@code rtol = 1e-5},
     * {@code atol = 1e-8} and NaNs unequal.
     *
     * @param other a tensor of the same dtype, broadcastable with this one
     * @return a new bool tensor of the broadcast shape
     * @throws IllegalArgumentException if the dtypes differ, the shapes do not broadcast or the devices differ
     */
    public Tensor isclose(Tensor other) {
        return Pointwise.isclose(this, other, 1e-5, 1e-8, false);
    }

    /**
     * Whether each element is close to {@code other}'s, like {@code torch.isclose(x, other, rtol, atol, equal_nan)}:
     * {@code |x - other| <= atol + rtol |other|}, or equal (so equal infinities are close); NaNs are close to each
     * other only with {@code equalNan}. Integers are compared in the default float dtype.
     *
     * @param other a tensor of the same dtype, broadcastable with this one
     * @param rtol the relative tolerance, at least 0
     * @param atol the absolute tolerance, at least 0
     * @param equalNan whether two NaNs are close
     * @return a new bool tensor of the broadcast shape
     * @throws IllegalArgumentException if the dtypes differ, a tolerance is negative, the shapes do not broadcast or
     *     the devices differ
     */
    public Tensor isclose(Tensor other, double rtol, double atol, boolean equalNan) {
        return Pointwise.isclose(this, other, rtol, atol, equalNan);
    }

    /**
     * Whether every element is close to {@code other}'s, like {@code torch.allclose(x, other)} ({@code rtol = 1e-5},
     * {@code atol = 1e-8}); reads one bool back from the device.
     *
     * @param other a tensor of the same dtype, broadcastable with this one
     * @return true when {@link #isclose(Tensor)} holds everywhere
     * @throws IllegalArgumentException if the dtypes differ, the shapes do not broadcast or the devices differ
     */
    public boolean allclose(Tensor other) {
        return isclose(other).all().toBooleanArray()[0];
    }

    /**
     * Whether every element is close to {@code other}'s, like {@code torch.allclose(x, other, rtol, atol, equal_nan)};
     * see {@link #isclose(Tensor, double, double, boolean)}.
     *
     * @param other a tensor of the same dtype, broadcastable with this one
     * @param rtol the relative tolerance, at least 0
     * @param atol the absolute tolerance, at least 0
     * @param equalNan whether two NaNs are close
     * @return true when every element is close
     * @throws IllegalArgumentException if the dtypes differ, a tolerance is negative, the shapes do not broadcast or
     *     the devices differ
     */
    public boolean allclose(Tensor other, double rtol, double atol, boolean equalNan) {
        return isclose(other, rtol, atol, equalNan).all().toBooleanArray()[0];
    }

    /**
     * The remainder of division truncated toward zero, with this tensor's sign, like {@code torch.fmod(x, other)}
     * (C's {@code fmod}: {@code fmod(-5, 3)} is -2). Types promote as for {@link #sub(Tensor)}; an integer remainder
     * by 0 raises, as PyTorch's CPU does. Gradients: 1 for this tensor, {@code -trunc(x / other)} for {@code other}.
     *
     * @param other the divisor, broadcastable with this tensor
     * @return a new tensor of the broadcast shape and the promoted dtype
     * @throws IllegalArgumentException for two bool tensors, shapes that do not broadcast or different devices
     * @throws ArithmeticException for an integer divisor holding 0
     */
    public Tensor fmod(Tensor other) {
        return Pointwise.fmod(this, other);
    }

    /**
     * {@link #fmod(Tensor)} by a floating scalar, like {@code torch.fmod(x, 2.0)}: an integer tensor promotes to
     * float32, as with a Python float.
     *
     * @param value the divisor
     * @return a new tensor of this shape
     */
    public Tensor fmod(double value) {
        return Pointwise.fmodScalar(this, value, false);
    }

    /**
     * {@link #fmod(Tensor)} by an integral scalar, like {@code torch.fmod(x, 2)}: an integer tensor stays integral.
     *
     * @param value the divisor
     * @return a new tensor of this shape
     * @throws ArithmeticException for an integer result and {@code value == 0}
     */
    public Tensor fmod(long value) {
        return Pointwise.fmodScalar(this, value, true);
    }

    /**
     * The remainder of floor division, with the divisor's sign, like {@code torch.remainder(x, other)} and Python's
     * {@code x % other} ({@code -5 % 3} is 1). Types promote as for {@link #sub(Tensor)}; an integer remainder by 0
     * raises, as PyTorch's CPU does. Gradients: 1 for this tensor, {@code -floor(x / other)} for {@code other}.
     *
     * @param other the divisor, broadcastable with this tensor
     * @return a new tensor of the broadcast shape and the promoted dtype
     * @throws IllegalArgumentException for two bool tensors, shapes that do not broadcast or different devices
     * @throws ArithmeticException for an integer divisor holding 0
     */
    public Tensor remainder(Tensor other) {
        return Pointwise.remainder(this, other);
    }

    /**
     * {@link #remainder(Tensor)} by a floating scalar, like {@code x % 2.0} in PyTorch: an integer tensor promotes to
     * float32, as with a Python float.
     *
     * @param value the divisor
     * @return a new tensor of this shape
     */
    public Tensor remainder(double value) {
        return Pointwise.remainderScalar(this, value, false);
    }

    /**
     * {@link #remainder(Tensor)} by an integral scalar, like {@code x % 2} in PyTorch: an integer tensor stays integral.
     *
     * @param value the divisor
     * @return a new tensor of this shape
     * @throws ArithmeticException for an integer result and {@code value == 0}
     */
    public Tensor remainder(long value) {
        return Pointwise.remainderScalar(this, value, true);
    }

    // Ops added together (atan2, rounded division, the scans): kept in one block so merges stay easy.

    /**
     * The angle of the point {@code (other, this)} in {@code [-pi, pi]}, like {@code torch.atan2(x, other)}, with C's
     * values at signed zeros and infinities ({@code atan2(0, -0)} is pi). Integer and bool inputs give float32; types
     * otherwise promote as for {@link #add(Tensor)}. Gradients: {@code other / (x^2 + other^2)} and
     * {@code -x / (x^2 + other^2)}.
     *
     * @param other the second coordinate, broadcastable with this tensor
     * @return a new floating tensor of the broadcast shape
     * @throws IllegalArgumentException for shapes that do not broadcast or different devices
     */
    public Tensor atan2(Tensor other) {
        return Pointwise.atan2(this, other);
    }

    /**
     * Division rounded toward minus infinity, like {@code torch.floor_divide(x, other)} (PyTorch 1.13 floors:
     * {@code floor_divide(-7, 2)} is -4) and Python's {@code //}. Types promote as for {@link #sub(Tensor)}: integers
     * divide exactly and stay integral. Floating results follow Python ({@code -7.0 // 2} is -4.0, a zero divisor
     * gives an infinity or NaN). The gradient is zero (PyTorch's floor_divide has none; {@code div(other, "floor")}
     * has this zero one).
     *
     * @param other the divisor, broadcastable with this tensor
     * @return a new tensor of the broadcast shape and the promoted dtype
     * @throws IllegalArgumentException for two bool tensors, shapes that do not broadcast or different devices
     * @throws ArithmeticException for an integer divisor holding 0
     */
    public Tensor floorDivide(Tensor other) {
        return Pointwise.floorDivide(this, other);
    }

    /**
     * {@link #floorDivide(Tensor)} by a floating scalar, like {@code torch.floor_divide(x, 2.0)}: an integer tensor
     * promotes to float32, as with a Python float.
     *
     * @param value the divisor
     * @return a new tensor of this shape
     */
    public Tensor floorDivide(double value) {
        return Pointwise.floorDivideScalar(this, value, false);
    }

    /**
     * {@link #floorDivide(Tensor)} by an integral scalar, like {@code torch.floor_divide(x, 2)}: an integer tensor stays
     * integral.
     *
     * @param value the divisor
     * @return a new tensor of this shape
     * @throws ArithmeticException for an integer result and {@code value == 0}
     */
    public Tensor floorDivide(long value) {
        return Pointwise.floorDivideScalar(this, value, true);
    }

    /**
     * Division with a rounding mode, like {@code torch.div(x, other, rounding_mode=mode)}: {@code null} is
     * {@link #div(Tensor)}; {@code "trunc"} rounds toward zero and {@code "floor"} toward minus infinity, where
     * integers divide exactly and stay integral (types promote as for {@link #sub(Tensor)}). The rounded quotient's
     * gradient is zero, as PyTorch's.
     *
     * @param other the divisor, broadcastable with this tensor
     * @param roundingMode {@code null}, {@code "trunc"} or {@code "floor"}
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException for another rounding mode, two bool tensors with a rounding mode, shapes that
     *     do not broadcast or different devices
     * @throws ArithmeticException for an integer result with a rounding mode and a divisor holding 0
     */
    public Tensor div(Tensor other, String roundingMode) {
        return Pointwise.div(this, other, roundingMode);
    }

    /**
     * {@link #div(Tensor, String)} by a floating scalar, like {@code torch.div(x, 2.0, rounding_mode=mode)}: an integer
     * tensor promotes to float32, as with a Python float.
     *
     * @param value the divisor
     * @param roundingMode {@code null}, {@code "trunc"} or {@code "floor"}
     * @return a new tensor of this shape
     * @throws IllegalArgumentException for another rounding mode
     */
    public Tensor div(double value, String roundingMode) {
        return Pointwise.divScalar(this, value, roundingMode, false);
    }

    /**
     * {@link #div(Tensor, String)} by an integral scalar, like {@code torch.div(x, 2, rounding_mode=mode)}: with a
     * rounding mode an integer tensor stays integral.
     *
     * @param value the divisor
     * @param roundingMode {@code null}, {@code "trunc"} or {@code "floor"}
     * @return a new tensor of this shape
     * @throws IllegalArgumentException for another rounding mode
     * @throws ArithmeticException for an integer result with a rounding mode and {@code value == 0}
     */
    public Tensor div(long value, String roundingMode) {
        return Pointwise.divScalar(this, value, roundingMode, true);
    }

    /**
     * The running product along {@code dim}, like {@code torch.cumprod}; integers and bool give int64. Its gradient is
     * right with zeros in the input (one or several), and has a second derivative.
     *
     * @param dim the dim multiplied along
     * @return the running products
     * @throws IllegalArgumentException for a dim out of range
     */
    public Tensor cumprod(int dim) {
        return dev.autograd4j.ops.Scans.cumprod(this, dim);
    }

    /**
     * The running maximum along {@code dim} and where it was taken, like {@code torch.cummax}: of equal values the
     * last index; once a NaN is seen the maximum is NaN, at the last NaN's index. Values keep this tensor's dtype
     * (bool included); the gradient goes to the indices.
     *
     * @param dim the dim
     * @return the running maxima and their int64 indices, both of this shape
     * @throws IllegalArgumentException for a dim out of range
     */
    public ValuesIndices cummax(int dim) {
        return dev.autograd4j.ops.Scans.cummax(this, dim);
    }

    /**
     * The running minimum along {@code dim} and where it was taken, like {@code torch.cummin}: of equal values the
     * last index; NaN as for {@link #cummax(int)}.
     *
     * @param dim the dim
     * @return the running minima and their int64 indices, both of this shape
     * @throws IllegalArgumentException for a dim out of range
     */
    public ValuesIndices cummin(int dim) {
        return dev.autograd4j.ops.Scans.cummin(this, dim);
    }

    /**
     * The running {@code log(sum(exp(x)))} along {@code dim}, like {@code torch.logcumsumexp}, without overflow for
     * large values ({@code [1000, 1000]} gives {@code [1000, 1000.6931]}); {@code -inf} terms add nothing.
     *
     * @param dim the dim
     * @return the running log-sum-exps
     * @throws IllegalArgumentException for a non-floating input or a dim out of range
     */
    public Tensor logcumsumexp(int dim) {
        return dev.autograd4j.ops.Scans.logcumsumexp(this, dim);
    }

    /**
     * The {@code n}-th forward difference along {@code dim}, like {@code torch.diff(x, n, dim)}:
     * {@code x[i + 1] - x[i]} applied {@code n} times, each shortening the dim by one; bool tensors give
     * {@code x[i + 1] != x[i]}. For {@code n <= 0}, a copy (as PyTorch 1.13).
     *
     * @param n how many times to difference
     * @param dim the dim
     * @return the differences, of this dtype
     * @throws IllegalArgumentException for a 0-d tensor or a dim out of range
     */
    public Tensor diff(int n, int dim) {
        return dev.autograd4j.ops.Scans.diff(this, n, dim);
    }

    /**
     * Where each value would be inserted into a sorted sequence, like {@code torch.searchsorted(sorted, values,
     * right=right)}: the first index whose element is {@code >= value} ({@code > value} with {@code right}), so
     * inserting there keeps the order. {@code sortedSequence} is 1-D (shared by all values) or has the values' leading
     * dims, searched along its last dim. Not differentiable.
     *
     * @param sortedSequence the sequence(s), sorted ascending along the last dim
     * @param values the values to place
     * @param right return the last suitable index instead of the first
     * @return int64 indices of the values' shape
     * @throws IllegalArgumentException for a 0-d or mismatched sequence, bool tensors or different devices
     */
    public static Tensor searchsorted(Tensor sortedSequence, Tensor values, boolean right) {
        return dev.autograd4j.ops.Sorting.searchsorted(sortedSequence, values, right);
    }

    /**
     * The index of the bucket each element falls in among sorted 1-D {@code boundaries}, like
     * {@code torch.bucketize(x, boundaries, right=right)}: the first {@code i} with {@code x <= boundaries[i]}
     * ({@code x < boundaries[i]} with {@code right}), {@code boundaries.size(0)} past the last. Not differentiable.
     *
     * @param boundaries sorted ascending, 1-D
     * @param right use {@code boundaries[i-1] <= x < boundaries[i]} instead of
     *     {@code boundaries[i-1] < x <= boundaries[i]}
     * @return int64 bucket indices of this shape
     * @throws IllegalArgumentException for boundaries that are not 1-D, bool tensors or different devices
     */
    public Tensor bucketize(Tensor boundaries, boolean right) {
        return dev.autograd4j.ops.Sorting.bucketize(this, boundaries, right);
    }

    /**
     * The distinct elements, sorted, like {@code torch.unique(x)}: a 1-D tensor of this dtype. Each NaN counts as
     * distinct; {@code -0.0} and {@code 0.0} are one value. Not differentiable.
     *
     * @return the distinct values
     */
    public Tensor unique() {
        return dev.autograd4j.ops.Sorting.unique(this, true, false, false).get(0);
    }

    /**
     * The distinct elements with, on request, the inverse and the counts, like {@code torch.unique(x, sorted,
     * return_inverse, return_counts)}: the list holds the values (1-D, sorted, this dtype), then the inverse (int64,
     * this shape: each element's index into the values) if asked for, then the counts (int64, one per value) if asked
     * for, as PyTorch's tuple. The values are sorted even for {@code sorted = false}, which PyTorch allows.
     *
     * @param sorted whether the values must be sorted (they always are)
     * @param returnInverse also return the inverse indices
     * @param returnCounts also return the counts
     * @return the values, then the inverse and the counts if asked for
     */
    public List<Tensor> unique(boolean sorted, boolean returnInverse, boolean returnCounts) {
        return dev.autograd4j.ops.Sorting.unique(this, sorted, returnInverse, returnCounts);
    }

    /**
     * The distinct slices along {@code dim}, like {@code torch.unique(x, sorted, return_inverse, return_counts, dim)}:
     * the values keep the other dims, with the distinct slices in lexicographic order along {@code dim}; then, if asked
     * for, the inverse (int64, one per slice of this tensor) and the counts (int64, one per distinct slice). Slices
     * holding NaN are never equal. Not differentiable.
     *
     * @param sorted whether the slices must be sorted (they always are)
     * @param returnInverse also return the inverse indices
     * @param returnCounts also return the counts
     * @param dim the dim whose slices are compared
     * @return the values, then the inverse and the counts if asked for
     * @throws IllegalArgumentException for a 0-d tensor, a dim out of range, or an empty dim other than {@code dim}
     */
    public List<Tensor> unique(boolean sorted, boolean returnInverse, boolean returnCounts, int dim) {
        return dev.autograd4j.ops.Sorting.unique(this, dim, returnInverse, returnCounts);
    }

    /**
     * Rounds toward zero, like {@code torch.trunc}: -1.7 gives -1, -0.5 gives -0.0; NaN and infinities stay, and
     * integer tensors are returned unchanged. Its gradient is zero.
     *
     * @return a new tensor of this shape and dtype
     * @throws IllegalArgumentException for a bool tensor
     */
    public Tensor trunc() {
        return Pointwise.trunc(this);
    }

    /**
     * The fractional part {@code x - trunc(x)}, with the sign of {@code x}, like {@code torch.frac}; its gradient is 1.
     *
     * @return a new tensor of this shape and dtype
     * @throws IllegalArgumentException for a tensor that is not floating (as PyTorch's)
     */
    public Tensor frac() {
        return Pointwise.frac(this);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reductions
    // ------------------------------------------------------------------------------------------------------------

    /**
     * The sum of all elements, like {@code torch.sum(x)}: a 0-d tensor; bool and integers sum to int64, floating dtypes
     * keep theirs, accumulated in double (float32 perhaps in runs of four elements added in float32 first: within a
     * few float32 roundings of the exact sum at any length; the bound is in the {@code spi} package doc). An empty
     * tensor sums to 0.
     *
     * @return a new 0-d tensor
     */
    public Tensor sum() {
        return Reductions.sum(this, null, false);
    }

    /**
     * The sum over {@code dim}, which is removed, like {@code x.sum(dim)}.
     *
     * @param dim the dimension to reduce; negative counts from the end
     * @return a new tensor with one dimension fewer
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor sum(int dim) {
        return Reductions.sum(this, new int[] {dim}, false);
    }

    /**
     * The sum over {@code dim}, like {@code x.sum(dim, keepdim=keepdim)}.
     *
     * @param dim the dimension to reduce; negative counts from the end
     * @param keepdim keep {@code dim} with size 1 (so the result broadcasts against this tensor)
     * @return a new tensor
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor sum(int dim, boolean keepdim) {
        return Reductions.sum(this, new int[] {dim}, keepdim);
    }

    /**
     * The sum over several dimensions, like {@code x.sum(dims, keepdim=keepdim)}; an empty {@code dims} reduces all of
     * them, as in PyTorch.
     *
     * @param dims the dimensions to reduce; negative count from the end
     * @param keepdim keep the reduced dimensions with size 1
     * @return a new tensor
     * @throws IllegalArgumentException if a dimension is out of range or repeated
     */
    public Tensor sum(int[] dims, boolean keepdim) {
        return Reductions.sum(this, dims, keepdim);
    }

    /**
     * Sums broadcast dimensions away so the result has {@code shape}, like PyTorch's {@code sum_to_size}: the inverse
     * of broadcasting, as a gradient is reduced to its input's shape. Returns this tensor when it already has that
     * shape.
     *
     * @param shape a shape this tensor's shape is a broadcast of
     * @return a tensor of {@code shape}
     * @throws IllegalArgumentException if this tensor's shape is not a broadcast of {@code shape}
     */
    public Tensor sumToSize(int... shape) {
        return Reductions.sumToSize(this, shape);
    }

    /**
     * The mean of all elements, like {@code torch.mean(x)}: a 0-d tensor; NaN for an empty tensor.
     *
     * @return a new 0-d tensor
     * @throws IllegalArgumentException if the dtype is not floating point (PyTorch's rule; convert with {@code to})
     */
    public Tensor mean() {
        return Reductions.mean(this, null, false);
    }

    /**
     * The mean over {@code dim}, which is removed, like {@code x.mean(dim)}.
     *
     * @param dim the dimension to reduce; negative counts from the end
     * @return a new tensor with one dimension fewer
     * @throws IllegalArgumentException if the dtype is not floating point or {@code dim} is out of range
     */
    public Tensor mean(int dim) {
        return Reductions.mean(this, new int[] {dim}, false);
    }

    /**
     * The mean over {@code dim}, like {@code x.mean(dim, keepdim=keepdim)}.
     *
     * @param dim the dimension to reduce
     * @param keepdim keep {@code dim} with size 1
     * @return a new tensor
     * @throws IllegalArgumentException if the dtype is not floating point or {@code dim} is out of range
     */
    public Tensor mean(int dim, boolean keepdim) {
        return Reductions.mean(this, new int[] {dim}, keepdim);
    }

    /**
     * The mean over several dimensions (all when {@code dims} is empty), like {@code x.mean(dims, keepdim=keepdim)}.
     *
     * @param dims the dimensions to reduce
     * @param keepdim keep the reduced dimensions with size 1
     * @return a new tensor
     * @throws IllegalArgumentException if the dtype is not floating point or a dimension is out of range or repeated
     */
    public Tensor mean(int[] dims, boolean keepdim) {
        return Reductions.mean(this, dims, keepdim);
    }

    /**
     * The largest element, like {@code torch.max(x)}: a 0-d tensor; NaN propagates, and tied maxima share the gradient
     * evenly (as do the NaNs of a NaN result, as in PyTorch).
     *
     * @return a new 0-d tensor
     * @throws IllegalArgumentException if the tensor is empty or bool
     */
    public Tensor max() {
        return Reductions.max(this);
    }

    /**
     * The largest values along {@code dim} and their indices, like {@code torch.max(x, dim)}; {@code dim} is removed.
     * The gradient flows to the chosen index only; among ties the first index is chosen.
     *
     * <pre>{@code
     * Tensor.ValuesIndices m = logits.max(1);
     * Tensor predicted = m.indices();      // int64, one per row
     * }</pre>
     *
     * @param dim the dimension to reduce
     * @return the values (this dtype) and the indices (int64)
     * @throws IllegalArgumentException if {@code dim} is out of range, has size 0, or the tensor is bool
     */
    public ValuesIndices max(int dim) {
        return Reductions.max(this, dim, false);
    }

    /**
     * The largest values along {@code dim} and their indices, like {@code torch.max(x, dim, keepdim)}.
     *
     * @param dim the dimension to reduce
     * @param keepdim keep {@code dim} with size 1
     * @return the values and the int64 indices
     * @throws IllegalArgumentException if {@code dim} is out of range, has size 0, or the tensor is bool
     */
    public ValuesIndices max(int dim, boolean keepdim) {
        return Reductions.max(this, dim, keepdim);
    }

    /**
     * The smallest element, like {@code torch.min(x)}: a 0-d tensor; NaN propagates, and tied minima share the gradient
     * evenly (as do the NaNs of a NaN result, as in PyTorch).
     *
     * @return a new 0-d tensor
     * @throws IllegalArgumentException if the tensor is empty or bool
     */
    public Tensor min() {
        return Reductions.min(this);
    }

    /**
     * The smallest values along {@code dim} and their indices, like {@code torch.min(x, dim)}; {@code dim} is removed.
     *
     * @param dim the dimension to reduce
     * @return the values and the int64 indices
     * @throws IllegalArgumentException if {@code dim} is out of range, has size 0, or the tensor is bool
     */
    public ValuesIndices min(int dim) {
        return Reductions.min(this, dim, false);
    }

    /**
     * The smallest values along {@code dim} and their indices, like {@code torch.min(x, dim, keepdim)}.
     *
     * @param dim the dimension to reduce
     * @param keepdim keep {@code dim} with size 1
     * @return the values and the int64 indices
     * @throws IllegalArgumentException if {@code dim} is out of range, has size 0, or the tensor is bool
     */
    public ValuesIndices min(int dim, boolean keepdim) {
        return Reductions.min(this, dim, keepdim);
    }

    /**
     * The maximum over {@code dims} (all when empty), like {@code torch.amax}; tied maxima share the gradient evenly.
     *
     * @param dims the dimensions to reduce
     * @param keepdim keep the reduced dimensions with size 1
     * @return a new tensor
     * @throws IllegalArgumentException if a reduced dimension has size 0, a dimension is out of range, or the tensor is
     *     bool
     */
    public Tensor amax(int[] dims, boolean keepdim) {
        return Reductions.amax(this, dims, keepdim);
    }

    /**
     * The minimum over {@code dims} (all when empty), like {@code torch.amin}; tied minima share the gradient evenly.
     *
     * @param dims the dimensions to reduce
     * @param keepdim keep the reduced dimensions with size 1
     * @return a new tensor
     * @throws IllegalArgumentException if a reduced dimension has size 0, a dimension is out of range, or the tensor is
     *     bool
     */
    public Tensor amin(int[] dims, boolean keepdim) {
        return Reductions.amin(this, dims, keepdim);
    }

    /**
     * The index of the largest element in the flattened tensor, like {@code torch.argmax(x)}; the first among ties, and
     * a NaN counts as the largest.
     *
     * @return a new 0-d int64 tensor
     * @throws IllegalArgumentException if the tensor is empty or bool
     */
    public Tensor argmax() {
        return Reductions.argmax(this);
    }

    /**
     * The index of the largest element along {@code dim} (the first among ties), like {@code torch.argmax(x, dim)};
     * {@code dim} is removed.
     *
     * @param dim the dimension to reduce
     * @return a new int64 tensor
     * @throws IllegalArgumentException if {@code dim} is out of range, has size 0, or the tensor is bool
     */
    public Tensor argmax(int dim) {
        return Reductions.argmax(this, dim, false);
    }

    /**
     * The index of the largest element along {@code dim}, like {@code torch.argmax(x, dim, keepdim)}.
     *
     * @param dim the dimension to reduce
     * @param keepdim keep {@code dim} with size 1
     * @return a new int64 tensor
     * @throws IllegalArgumentException if {@code dim} is out of range, has size 0, or the tensor is bool
     */
    public Tensor argmax(int dim, boolean keepdim) {
        return Reductions.argmax(this, dim, keepdim);
    }

    /**
     * The index of the smallest element in the flattened tensor, like {@code torch.argmin(x)}; the first among ties.
     *
     * @return a new 0-d int64 tensor
     * @throws IllegalArgumentException if the tensor is empty or bool
     */
    public Tensor argmin() {
        return Reductions.argmin(this);
    }

    /**
     * The index of the smallest element along {@code dim}, like {@code torch.argmin(x, dim)}; {@code dim} is removed.
     *
     * @param dim the dimension to reduce
     * @return a new int64 tensor
     * @throws IllegalArgumentException if {@code dim} is out of range, has size 0, or the tensor is bool
     */
    public Tensor argmin(int dim) {
        return Reductions.argmin(this, dim, false);
    }

    /**
     * The index of the smallest element along {@code dim}, like {@code torch.argmin(x, dim, keepdim)}.
     *
     * @param dim the dimension to reduce
     * @param keepdim keep {@code dim} with size 1
     * @return a new int64 tensor
     * @throws IllegalArgumentException if {@code dim} is out of range, has size 0, or the tensor is bool
     */
    public Tensor argmin(int dim, boolean keepdim) {
        return Reductions.argmin(this, dim, keepdim);
    }

    /**
     * Whether any element is non-zero (NaN counts as non-zero), like {@code torch.any}; false for an empty tensor.
     *
     * @return a new 0-d bool tensor
     */
    public Tensor any() {
        return Reductions.any(this, null, false);
    }

    /**
     * Whether any element along {@code dim} is non-zero, like {@code torch.any(x, dim, keepdim)}.
     *
     * @param dim the dimension to reduce
     * @param keepdim keep {@code dim} with size 1
     * @return a new bool tensor
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor any(int dim, boolean keepdim) {
        return Reductions.any(this, new int[] {dim}, keepdim);
    }

    /**
     * Whether every element is non-zero, like {@code torch.all}; true for an empty tensor.
     *
     * @return a new 0-d bool tensor
     */
    public Tensor all() {
        return Reductions.all(this, null, false);
    }

    /**
     * Whether every element along {@code dim} is non-zero, like {@code torch.all(x, dim, keepdim)}.
     *
     * @param dim the dimension to reduce
     * @param keepdim keep {@code dim} with size 1
     * @return a new bool tensor
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor all(int dim, boolean keepdim) {
        return Reductions.all(this, new int[] {dim}, keepdim);
    }

    /**
     * The unbiased variance of all elements, {@code sum((x - mean)^2) / (N - 1)}, like {@code torch.var(x)}.
     *
     * @return a new 0-d tensor (infinite or NaN when {@code N <= 1})
     * @throws IllegalArgumentException if the dtype is not floating point
     */
    public Tensor var() {
        return Reductions.var(this, null, 1, false);
    }

    /**
     * The variance over {@code dims} (all when empty), {@code sum((x - mean)^2) / (N - correction)}, like {@code
     * torch.var(x, dims, correction=correction, keepdim=keepdim)}.
     *
     * @param dims the dimensions to reduce
     * @param correction Bessel's correction: 1 unbiased, 0 the population variance
     * @param keepdim keep the reduced dimensions with size 1
     * @return a new tensor
     * @throws IllegalArgumentException if the dtype is not floating point or a dimension is out of range
     */
    public Tensor var(int[] dims, double correction, boolean keepdim) {
        return Reductions.var(this, dims, correction, keepdim);
    }

    /**
     * The unbiased standard deviation of all elements, {@code sqrt(var())}, like {@code torch.std(x)}.
     *
     * @return a new 0-d tensor
     * @throws IllegalArgumentException if the dtype is not floating point
     */
    public Tensor std() {
        return Reductions.std(this, null, 1, false);
    }

    /**
     * The standard deviation over {@code dims}, {@code sqrt(var(dims, correction, keepdim))}, like {@code torch.std(x,
     * dims, correction=correction, keepdim=keepdim)}.
     *
     * @param dims the dimensions to reduce (all when empty)
     * @param correction Bessel's correction: 1 unbiased, 0 the population value
     * @param keepdim keep the reduced dimensions with size 1
     * @return a new tensor
     * @throws IllegalArgumentException if the dtype is not floating point or a dimension is out of range
     */
    public Tensor std(int[] dims, double correction, boolean keepdim) {
        return Reductions.std(this, dims, correction, keepdim);
    }

    /**
     * {@code log(sum(exp(x)))} over {@code dims}, computed stably as {@code m + log(sum(exp(x - m)))} with {@code m}
     * the maximum, like {@code torch.logsumexp}; a row of {@code -inf} gives {@code -inf}, an empty reduction {@code
     * -inf}. Integers promote to float32.
     *
     * @param dims the dimensions to reduce (all when empty)
     * @param keepdim keep the reduced dimensions with size 1
     * @return a new floating tensor
     * @throws IllegalArgumentException if a dimension is out of range
     */
    public Tensor logsumexp(int[] dims, boolean keepdim) {
        return Reductions.logsumexp(this, dims, keepdim);
    }

    /**
     * {@code log(sum(exp(x)))} over one dimension, computed stably, like {@code torch.logsumexp(x, dim, keepdim)}.
     *
     * @param dim the dimension to reduce
     * @param keepdim keep {@code dim} with size 1
     * @return a new floating tensor
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor logsumexp(int dim, boolean keepdim) {
        return Reductions.logsumexp(this, new int[] {dim}, keepdim);
    }

    /**
     * The result of {@code max(dim)} and {@code min(dim)}: the values and their int64 indices, like PyTorch's {@code
     * torch.return_types.max} named tuple.
     *
     * @param values the extreme values, in the input's dtype
     * @param indices where they are along the reduced dimension, int64
     */
    public record ValuesIndices(Tensor values, Tensor indices) {
    }

    // ------------------------------------------------------------------------------------------------------------
    // Indexing with index tensors, rearranging, products, scans and sorting (issue 9's ops; composed from the SPI's
    // primitives, so every backend runs them)
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Advanced indexing along one dim, like {@code x[:, index]} in PyTorch: the result has shape
     * {@code shape[:dim] + index.shape + shape[dim+1:]}; negative indices count from the end. A bool mask selects
     * like {@code x[:, mask]}: its shape must be this tensor's from {@code dim} on, and those dims become one, of the
     * mask's true count (read on the host, as PyTorch synchronises there).
     *
     * @param dim the indexed dim
     * @param index int64 or int32 indices of any shape, or a bool mask
     * @return the selected entries, a new tensor
     * @throws IllegalArgumentException for a 0-d tensor, a bad dim, a float index, a mask of the wrong shape or
     *     another device
     * @throws IndexOutOfBoundsException for an index outside {@code [-size, size)}
     */
    public Tensor index(int dim, Tensor index) {
        return dev.autograd4j.ops.AdvancedIndexing.index(this, dim, index);
    }

    /**
     * The indices of the non-zero elements, like {@code torch.nonzero(x)}: {@code [count, dim()]} int64 in row-major
     * order (NaN counts as non-zero). Reads the tensor on the host, since the count is the result's size.
     *
     * @return the indices, a new int64 tensor on this tensor's device
     * @throws IllegalArgumentException when the indices would not fit one tensor
     */
    public Tensor nonzero() {
        return dev.autograd4j.ops.AdvancedIndexing.nonzero(this);
    }

    /**
     * The elements where {@code mask} is true, like {@code torch.masked_select(x, mask)} (or {@code x[mask]}): this
     * tensor and the mask broadcast together, and the result is 1-D in row-major order. Differentiable.
     *
     * @param mask a bool tensor broadcastable with this one
     * @return the selected elements, a new 1-D tensor
     * @throws IllegalArgumentException for a non-bool mask, shapes that do not broadcast or another device
     */
    public Tensor maskedSelect(Tensor mask) {
        return dev.autograd4j.ops.AdvancedIndexing.maskedSelect(this, mask);
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
     * @param alpha the factor of {@code source}; integer tensors truncate it toward zero, bool ones take it as
     *     {@code alpha != 0}, as PyTorch's
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
     * @param indices one int64 or int32 tensor per leading dim, broadcasting together; a bool mask stands for the
     *     index tensors of its true elements, one per dim it covers ({@code x[mask] = v})
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
     * The inverse of each square matrix, like {@code torch.inverse} / {@code torch.linalg.inv}: {@code [..., n, n]},
     * by Gauss-Jordan elimination with partial pivoting in tensor ops (for small matrices; see Note [Elimination in
     * tensor ops] in {@code LinearAlgebra}).
     *
     * @return the inverses, of this shape
     * @throws IllegalArgumentException for a non-floating or non-square input, or a singular matrix
     */
    public Tensor inverse() {
        return dev.autograd4j.ops.LinearAlgebra.inverse(this);
    }

    /**
     * The determinant of each square matrix, like {@code torch.det} / {@code torch.linalg.det}: {@code [..., n, n]}
     * to {@code [...]} (1 for 0 x 0 matrices). Its gradient needs an invertible matrix (it raises at a singular one).
     *
     * @return the determinants
     * @throws IllegalArgumentException for a non-floating or non-square input
     */
    public Tensor det() {
        return dev.autograd4j.ops.LinearAlgebra.det(this);
    }

    /**
     * Solves {@code this X = b} for each square matrix of this tensor, like {@code torch.linalg.solve(A, B)}:
     * {@code b} is {@code [..., n, k]}, or a vector {@code [..., n]} (1-D, or one dim fewer than this tensor with its
     * leading shape); batch dims broadcast. For small matrices, as {@link #inverse()}.
     *
     * @param b the right-hand sides
     * @return X, of {@code b}'s shape (batch dims broadcast)
     * @throws IllegalArgumentException for non-floating, mixed or non-square inputs, shapes that do not match, or a
     *         singular matrix
     */
    public Tensor solve(Tensor b) {
        return dev.autograd4j.ops.LinearAlgebra.solve(this, b);
    }

    /**
     * The Kronecker product, like {@code torch.kron}: the shapes padded with leading ones to one rank, the result's
     * block {@code i} (per dim) is {@code this[i] * other}, so its shape is the two shapes multiplied dim by dim.
     *
     * @param other the second factor
     * @return the product, of the promoted dtype
     * @throws IllegalArgumentException for another device, or a result dim past {@code Integer.MAX_VALUE}
     */
    public Tensor kron(Tensor other) {
        return dev.autograd4j.ops.Products.kron(this, other);
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
     * The lower median of all elements, like {@code torch.median(x)}: of an even count, the smaller middle value;
     * NaN if any element is NaN or the tensor is empty. The gradient is shared evenly among the elements equal to the
     * median (among the NaNs for a NaN median), as PyTorch's MedianBackward0.
     *
     * @return a 0-d tensor of this dtype (a floating NaN for an empty integer tensor)
     * @throws IllegalArgumentException for a bool tensor
     */
    public Tensor median() {
        return dev.autograd4j.ops.Sorting.median(this);
    }

    /**
     * The lower median along {@code dim} and its index, like {@code torch.median(x, dim, keepdim)}: a row holding NaN
     * has median NaN, at its first NaN's index.
     *
     * @param dim the dim reduced
     * @param keepdim keep {@code dim} with size 1
     * @return the medians and their int64 indices
     * @throws IllegalArgumentException for a bad dim, an empty dim or a bool tensor
     */
    public ValuesIndices median(int dim, boolean keepdim) {
        return dev.autograd4j.ops.Sorting.median(this, dim, keepdim);
    }

    /**
     * The {@code k}-th smallest value along {@code dim} and its index, like {@code torch.kthvalue(x, k, dim,
     * keepdim)}; NaN counts as the largest.
     *
     * @param k from 1 to the dim's size
     * @param dim the dim reduced
     * @param keepdim keep {@code dim} with size 1
     * @return the values and their int64 indices
     * @throws IllegalArgumentException for {@code k} out of range, a bad dim or a bool tensor
     */
    public ValuesIndices kthvalue(int k, int dim, boolean keepdim) {
        return dev.autograd4j.ops.Sorting.kthvalue(this, k, dim, keepdim);
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
     * @throws IllegalArgumentException for lists of different lengths, dims out of range, or any dim of a 0-d tensor
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

    /**
     * {@code exp(x) / sum(exp(x))} along {@code dim}, computed after subtracting the maximum, like {@code
     * torch.softmax(x, dim)}. A backend with a fused kernel computes it in one pass.
     *
     * @param dim the dimension whose entries sum to 1
     * @return a new tensor of this shape and dtype
     * @throws IllegalArgumentException if {@code dim} is out of range or the tensor is not floating (as PyTorch's,
     *     which has no integer softmax)
     */
    public Tensor softmax(int dim) {
        return SoftmaxOps.softmax(this, dim);
    }

    /**
     * {@code log(softmax(x))} along {@code dim}, computed stably for large logits as {@code x - m - log(sum(exp(x -
     * m)))}, like {@code torch.log_softmax(x, dim)}.
     *
     * @param dim the dimension to normalise over
     * @return a new tensor of this shape and dtype
     * @throws IllegalArgumentException if {@code dim} is out of range or the tensor is not floating (as PyTorch's)
     */
    public Tensor logSoftmax(int dim) {
        return SoftmaxOps.logSoftmax(this, dim);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Linear algebra
    // ------------------------------------------------------------------------------------------------------------

    /**
     * The matrix product with PyTorch's {@code matmul} rules: 1-D by 1-D is a dot product (0-d result), 2-D by 2-D a
     * matrix product, a 1-D operand is treated as a row (left) or column (right) vector and that dimension removed
     * afterwards, and N-D operands are batches of matrices whose batch dimensions broadcast. Runs on the backend's
     * GEMM; recorded as {@code MmBackward0}, {@code DotBackward0}, ... as PyTorch names them.
     *
     * <pre>{@code
     * Tensor a = Tensor.randn(g, 8, 3, 4), b = Tensor.randn(g, 4, 5);
     * a.matmul(b).shape();          // [8, 3, 5]
     * }</pre>
     *
     * @param other the right operand, of the same dtype
     * @return a new tensor
     * @throws IllegalArgumentException if an operand is 0-d, the inner sizes differ, the batch dimensions do not
     *     broadcast, the dtypes differ or are not float32/float64, or the devices differ
     */
    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other);
    }

    /**
     * {@link #matmul(Tensor)} written into {@code out}, like {@code torch.matmul(a, b, out=out)}, for loops that
     * should not allocate: a floating 2-D product into a contiguous {@code out} runs the GEMM straight into it. Not
     * recorded: in grad mode an argument that requires grad is an error, as in PyTorch. Unlike PyTorch, {@code out}
     * is not resized: it must have the result's shape.
     *
     * <pre>{@code
     * Tensor c = Tensor.zeros(n, n);
     * for (...) {
     *     a.matmul(b, c);  // c = a @ b, no new tensor
     * }
     * }</pre>
     *
     * @param other the right operand, of the same dtype
     * @param out where the product is written: the result's shape, dtype and device, sharing no memory with the
     *     operands
     * @return {@code out}
     * @throws IllegalArgumentException as {@link #matmul(Tensor)}, or if {@code out}'s shape, dtype or device is not
     *     the result's, it is an expanded view, or it shares memory with an operand
     * @throws IllegalStateException in grad mode when an argument requires grad, or if a tensor is closed
     */
    public Tensor matmul(Tensor other, Tensor out) {
        return LinearAlgebra.matmul(this, other, out);
    }

    /**
     * The transpose of a tensor with at most 2 dimensions, like {@code x.t()}: a view swapping the two dimensions (a
     * 0-d or 1-D tensor is returned as a view of itself).
     *
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException if the tensor has more than 2 dimensions
     */
    public Tensor t() {
        return ShapeOps.t(this);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Shape (views where PyTorch returns views)
    // ------------------------------------------------------------------------------------------------------------

    /**
     * A view with another shape and the same elements, like {@code x.view(shape)}; one entry may be -1 and is inferred.
     * Never copies: it fails when the strides do not allow the new shape (use {@link #reshape}).
     *
     * @param shape the new shape; its product must equal {@link #numel()}
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException if the element counts differ, more than one entry is -1, or the strides do not
     *     allow a view
     */
    public Tensor view(int... shape) {
        return ShapeOps.viewShape(this, shape);
    }

    /**
     * A tensor with another shape and the same elements, like {@code x.reshape(shape)}: a view when the strides allow
     * one, otherwise a contiguous copy. One entry may be -1.
     *
     * <pre>{@code
     * Tensor.arange(6).reshape(2, -1);     // tensor([[0, 1, 2], [3, 4, 5]])
     * }</pre>
     *
     * @param shape the new shape
     * @return a view or a copy
     * @throws IllegalArgumentException if the element counts differ or more than one entry is -1
     */
    public Tensor reshape(int... shape) {
        return ShapeOps.reshape(this, shape);
    }

    /**
     * All dimensions merged into one, like {@code x.flatten()}: a view when possible, otherwise a copy; a 0-d tensor
     * becomes 1-D.
     *
     * @return a 1-D tensor of {@link #numel()} elements
     */
    public Tensor flatten() {
        return ShapeOps.flatten(this, 0, -1);
    }

    /**
     * Dimensions {@code startDim..endDim} (inclusive) merged into one, like {@code x.flatten(start_dim, end_dim)}; a
     * view when possible, otherwise a copy.
     *
     * @param startDim the first dimension to merge; negative counts from the end
     * @param endDim the last dimension to merge; negative counts from the end
     * @return the flattened tensor
     * @throws IllegalArgumentException if a dimension is out of range or {@code startDim} comes after {@code endDim}
     */
    public Tensor flatten(int startDim, int endDim) {
        return ShapeOps.flatten(this, startDim, endDim);
    }

    /**
     * A view with dimensions {@code dim0} and {@code dim1} swapped, like {@code x.transpose(dim0, dim1)}; no copy.
     *
     * @param dim0 one dimension; negative counts from the end
     * @param dim1 the other
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException if a dimension is out of range
     */
    public Tensor transpose(int dim0, int dim1) {
        return ShapeOps.transpose(this, dim0, dim1);
    }

    /**
     * A view with the dimensions reordered, like {@code x.permute(dims)}: dimension {@code i} of the result is
     * dimension {@code dims[i]} of this tensor; no copy.
     *
     * @param dims a permutation of the dimensions; negative entries count from the end
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException if {@code dims} is not a permutation of this tensor's dimensions
     */
    public Tensor permute(int... dims) {
        return ShapeOps.permute(this, dims);
    }

    /**
     * A view with dimension {@code source} moved to position {@code destination}, the others keeping their order, like
     * {@code torch.movedim}.
     *
     * @param source the dimension to move
     * @param destination where it goes
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException if a dimension is out of range
     */
    public Tensor movedim(int source, int destination) {
        return ShapeOps.movedim(this, source, destination);
    }

    /**
     * A view broadcasting size-1 dimensions to {@code shape}, like {@code x.expand(shape)}: the expanded dimensions
     * have stride 0, so nothing is copied (and an in-place write to the result is refused). New leading dimensions may
     * be added; -1 keeps a size.
     *
     * @param shape the target shape
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException if a non-1 size would change or {@code shape} has fewer dimensions than this
     *     tensor
     */
    public Tensor expand(int... shape) {
        return ShapeOps.expand(this, shape);
    }

    /**
     * {@code expand(other.shape())}, like {@code x.expand_as(other)}.
     *
     * @param other the tensor whose shape to expand to
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException if this tensor cannot be expanded to that shape
     */
    public Tensor expandAs(Tensor other) {
        return ShapeOps.expand(this, other.shapeArray());
    }

    /**
     * A view of {@code length} entries of {@code dim} starting at {@code start}, like {@code x.narrow(dim, start,
     * length)}.
     *
     * @param dim the dimension to narrow
     * @param start the first entry kept; negative counts from the end
     * @param length how many entries
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException if the range does not fit in the dimension or the tensor is 0-d
     */
    public Tensor narrow(int dim, int start, int length) {
        return ShapeOps.slice(this, dim, start, start + length, 1, "narrow");
    }

    /**
     * A view of {@code dim} from {@code start} (inclusive) to {@code end} (exclusive) by {@code step}, like {@code
     * x[start:end:step]} along {@code dim}; bounds are clamped to the dimension as Python slices are.
     *
     * @param dim the dimension to slice
     * @param start the first index; negative counts from the end
     * @param end the exclusive end; negative counts from the end
     * @param step the stride, positive
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException if {@code step} is not positive, {@code dim} is out of range or the tensor is
     *     0-d
     */
    public Tensor slice(int dim, int start, int end, int step) {
        return ShapeOps.slice(this, dim, start, end, step, "slice");
    }

    /**
     * A view of entry {@code index} of {@code dim}, which is removed, like {@code x.select(dim, index)} or {@code
     * x[i]}.
     *
     * @param dim the dimension to index
     * @param index the entry; negative counts from the end
     * @return a view with one dimension fewer
     * @throws IllegalArgumentException if {@code index} is out of range or the tensor is 0-d
     */
    public Tensor select(int dim, int index) {
        return ShapeOps.select(this, dim, index);
    }

    /**
     * A view without any of the size-1 dimensions, like {@code x.squeeze()}.
     *
     * @return a view sharing this tensor's storage
     */
    public Tensor squeeze() {
        return ShapeOps.squeeze(this, null);
    }

    /**
     * A view without {@code dim} if it has size 1, like {@code x.squeeze(dim)}; otherwise the same shape, as in
     * PyTorch.
     *
     * @param dim the dimension to remove
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor squeeze(int dim) {
        return ShapeOps.squeeze(this, dim);
    }

    /**
     * A view with a size-1 dimension inserted at {@code dim}, like {@code x.unsqueeze(dim)}.
     *
     * @param dim where the new dimension goes, in {@code [-dim()-1, dim()]}
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor unsqueeze(int dim) {
        return ShapeOps.unsqueeze(this, dim);
    }

    /**
     * Joins tensors along an existing dimension, like {@code torch.cat(tensors, dim)}; dtypes promote to a common one,
     * and the gradient is split back into the pieces. As in PyTorch, a tensor of shape {@code [0]} is left out of the
     * shape checks (so {@code cat} can collect results starting from {@code zeros(0)}) and gets an empty gradient.
     *
     * @param tensors one or more tensors on one device, with equal sizes except along {@code dim}
     * @param dim the dimension to join along
     * @return a new tensor
     * @throws IllegalArgumentException if the list is empty, a tensor is 0-d, the sizes or numbers of dimensions
     *     differ, or the devices differ
     */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return ShapeOps.cat(tensors, dim);
    }

    /**
     * The tensors side by side, like {@code torch.hstack}: 1-D ones end to end, others along dim 1.
     *
     * @param tensors at least one tensor
     * @return a new tensor
     * @throws IllegalArgumentException for an empty list or shapes that do not fit
     */
    public static Tensor hstack(List<Tensor> tensors) {
        return dev.autograd4j.ops.ShapeOps.hstack(tensors);
    }

    /**
     * The tensors stacked as rows, like {@code torch.vstack}: along dim 0, a 1-D tensor counting as one row.
     *
     * @param tensors at least one tensor
     * @return a new tensor
     * @throws IllegalArgumentException for an empty list or shapes that do not fit
     */
    public static Tensor vstack(List<Tensor> tensors) {
        return dev.autograd4j.ops.ShapeOps.vstack(tensors);
    }

    /**
     * The tensors stacked depth-wise, like {@code torch.dstack}: along dim 2 after {@code atleast_3d}.
     *
     * @param tensors at least one tensor
     * @return a new tensor
     * @throws IllegalArgumentException for an empty list or shapes that do not fit
     */
    public static Tensor dstack(List<Tensor> tensors) {
        return dev.autograd4j.ops.ShapeOps.dstack(tensors);
    }

    /**
     * Coordinate grids, like {@code torch.meshgrid(*tensors, indexing="ij")}: output {@code i} holds input
     * {@code i} (0-d or 1-D) expanded along dim {@code i} of the grid.
     *
     * @param tensors 0-d or 1-D tensors of one dtype and device
     * @return one expanded view per input
     * @throws IllegalArgumentException for no tensors, a tensor of more dims, or differing dtypes or devices
     */
    public static List<Tensor> meshgrid(Tensor... tensors) {
        return dev.autograd4j.ops.ShapeOps.meshgrid("ij", tensors);
    }

    /**
     * Coordinate grids with {@code indexing} "ij" (matrix) or "xy" (Cartesian, the first two dims swapped), like
     * {@code torch.meshgrid(*tensors, indexing=indexing)}.
     *
     * @param indexing "ij" or "xy"
     * @param tensors 0-d or 1-D tensors of one dtype and device
     * @return one expanded view per input
     * @throws IllegalArgumentException for another indexing, no tensors, a tensor of more dims, or differing dtypes
     *         or devices
     */
    public static List<Tensor> meshgrid(String indexing, Tensor... tensors) {
        return dev.autograd4j.ops.ShapeOps.meshgrid(indexing, tensors);
    }

    /**
     * Joins tensors of equal shape along a new dimension, like {@code torch.stack(tensors, dim)}.
     *
     * @param tensors one or more tensors of equal shape on one device
     * @param dim where the new dimension goes, in {@code [-dim()-1, dim()]}
     * @return a new tensor with one dimension more
     * @throws IllegalArgumentException if the list is empty, the shapes differ or {@code dim} is out of range
     */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return ShapeOps.stack(tensors, dim);
    }

    /**
     * Splits into chunks of {@code size} entries along {@code dim} (the last may be smaller), like {@code x.split(size,
     * dim)}; the chunks are views. A dimension of size 0 gives one empty view (for any size, 0 included).
     *
     * @param size the entries per chunk, positive (0 only for a dimension of size 0)
     * @param dim the dimension to split
     * @return the views, in order
     * @throws IllegalArgumentException if {@code size} is negative, or 0 for a non-empty dimension, the tensor is
     *     0-d, or {@code dim} is out of range
     */
    public List<Tensor> split(int size, int dim) {
        return ShapeOps.split(this, size, dim);
    }

    /**
     * Splits into at most {@code chunks} views of equal size along {@code dim} (the last may be smaller), like {@code
     * x.chunk(chunks, dim)}; a dimension of size 0 gives {@code chunks} empty views, as PyTorch.
     *
     * @param chunks how many pieces, positive
     * @param dim the dimension to split
     * @return the views, in order
     * @throws IllegalArgumentException if {@code chunks} is not positive, the tensor is 0-d or {@code dim} is out of
     *     range
     */
    public List<Tensor> chunk(int chunks, int dim) {
        return ShapeOps.chunk(this, chunks, dim);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Indexing
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Picks values along {@code dim} at the positions {@code index} gives, like {@code torch.gather(x, dim, index)}:
     * for {@code dim == 1}, {@code out[i][j] = this[i][index[i][j]]}. The result has {@code index}'s shape; the
     * gradient is scattered back (added) to the picked positions.
     *
     * @param dim the dimension to pick along
     * @param index an int64 tensor with as many dimensions as this one, no larger in any other dimension
     * @return a new tensor of {@code index}'s shape
     * @throws IllegalArgumentException if {@code index} is not int64 or its shape does not fit
     * @throws IndexOutOfBoundsException if an index value is out of range (on an asynchronous device, at the next read
     *     of device data)
     */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, index);
    }

    /**
     * A copy of this tensor with the values of {@code src} added at the positions {@code index} gives along {@code
     * dim}, like {@code torch.scatter_add(x, dim, index, src)} (out of place): for {@code dim == 1}, {@code
     * out[i][index[i][j]] += src[i][j]}; repeated positions add up.
     *
     * @param dim the dimension to scatter along
     * @param index an int64 tensor, no larger than {@code src} in any dimension and no larger than this tensor except
     *     along {@code dim}
     * @param src the values to add, of this tensor's dtype
     * @return a new tensor of this shape
     * @throws IllegalArgumentException if the dtypes differ, {@code index} is not int64 or the shapes do not fit
     * @throws IndexOutOfBoundsException if an index value is out of range
     */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return Indexing.scatterAdd(this, dim, index, src);
    }

    /**
     * The entries {@code index} of {@code dim}, in that order, like {@code torch.index_select(x, dim, index)}; a copy,
     * and the gradient is added back at those entries.
     *
     * @param dim the dimension to index
     * @param index a 1-D (or 0-d) int64 or int32 tensor; repeats allowed
     * @return a new tensor whose {@code dim} has {@code index.numel()} entries
     * @throws IllegalArgumentException if {@code index} has another dtype or more than one dimension
     * @throws IndexOutOfBoundsException if an index value is out of range
     */
    public Tensor indexSelect(int dim, Tensor index) {
        return Indexing.indexSelect(this, dim, index);
    }

    // ------------------------------------------------------------------------------------------------------------
    // In place (a trailing underscore, as in PyTorch): they bump the version counter, so a backward that saved
    // this tensor before the change fails instead of using the new values.
    // ------------------------------------------------------------------------------------------------------------

    /**
     * {@code this += other} in place, like {@code x.add_(other)}: {@code other} broadcasts to this tensor's shape, and
     * the result must be castable to this dtype (no float into an int tensor). Bumps the version counter; while grad
     * mode is on, a leaf that requires grad (or a view of one) cannot be changed in place: run optimizer-like updates
     * under {@link GradMode#noGrad()}.
     *
     * @param other the addend
     * @return this tensor
     * @throws IllegalArgumentException if {@code other} does not broadcast to this shape, the result dtype cannot be
     *     cast to this one, the devices differ, or this tensor is an expanded view
     * @throws IllegalStateException if this is a leaf requiring grad (or a view of one) in grad mode, or a tensor is
     *     closed
     */
    public Tensor add_(Tensor other) {
        return InPlace.add_(this, other, 1, true);
    }

    /**
     * {@code this += alpha * other} in place, like {@code x.add_(other, alpha=alpha)}; the rules of {@link
     * #add_(Tensor)}.
     *
     * <pre>{@code
     * try (var g = GradMode.noGrad()) {
     *     w.add_(w.grad(), -0.1);           // a plain SGD step
     * }
     * }</pre>
     *
     * @param other the addend
     * @param alpha the factor of {@code other}, a Python float
     * @return this tensor
     * @throws IllegalArgumentException if {@code other} does not broadcast to this shape, the dtypes or devices do not
     *     fit, or the operands are integral
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or a tensor is closed
     */
    public Tensor add_(Tensor other, double alpha) {
        return InPlace.add_(this, other, alpha, false);
    }

    /**
     * {@code this += alpha * other} in place with an integral {@code alpha}, like {@code x.add_(other, alpha=2)}.
     *
     * @param other the addend
     * @param alpha the factor of {@code other}, a Python int
     * @return this tensor
     * @throws IllegalArgumentException if {@code other} does not broadcast to this shape or the dtypes or devices do
     *     not fit
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or a tensor is closed
     */
    public Tensor add_(Tensor other, long alpha) {
        return InPlace.add_(this, other, alpha, true);
    }

    /**
     * {@code this += value} in place with a floating scalar, like {@code x.add_(2.0)}.
     *
     * @param value the scalar
     * @return this tensor
     * @throws IllegalArgumentException if this tensor is integral or bool (PyTorch: "result type Float can't be cast
     *     to the desired output type Long")
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or the tensor is closed
     */
    public Tensor add_(double value) {
        return InPlace.addScalar_(this, value, false);
    }

    /**
     * {@code this += value} in place with an integral scalar, like {@code x.add_(2)}.
     *
     * @param value the scalar
     * @return this tensor
     * @throws IllegalArgumentException if this tensor is bool
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or the tensor is closed
     */
    public Tensor add_(long value) {
        return InPlace.addScalar_(this, value, true);
    }

    /**
     * {@code this -= other} in place, like {@code x.sub_(other)}; the rules of {@link #add_(Tensor)}.
     *
     * @param other the subtrahend
     * @return this tensor
     * @throws IllegalArgumentException if {@code other} does not broadcast to this shape or the dtypes or devices do
     *     not fit
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or a tensor is closed
     */
    public Tensor sub_(Tensor other) {
        return InPlace.sub_(this, other);
    }

    /**
     * {@code this -= value} in place with a floating scalar, like {@code x.sub_(2.0)}.
     *
     * @param value the scalar
     * @return this tensor
     * @throws IllegalArgumentException if this tensor is integral or bool
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or the tensor is closed
     */
    public Tensor sub_(double value) {
        return InPlace.subScalar_(this, value, false);
    }

    /**
     * {@code this -= value} in place with an integral scalar, like {@code x.sub_(2)}.
     *
     * @param value the scalar
     * @return this tensor
     * @throws IllegalArgumentException if this tensor is bool
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or the tensor is closed
     */
    public Tensor sub_(long value) {
        return InPlace.subScalar_(this, value, true);
    }

    /**
     * {@code this *= other} in place, like {@code x.mul_(other)}; the rules of {@link #add_(Tensor)}.
     *
     * @param other the factor
     * @return this tensor
     * @throws IllegalArgumentException if {@code other} does not broadcast to this shape or the dtypes or devices do
     *     not fit
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or a tensor is closed
     */
    public Tensor mul_(Tensor other) {
        return InPlace.mul_(this, other);
    }

    /**
     * {@code this *= value} in place with a floating scalar, like {@code x.mul_(2.0)}.
     *
     * @param value the scalar
     * @return this tensor
     * @throws IllegalArgumentException if this tensor is integral or bool (PyTorch: "result type Float can't be cast
     *     to the desired output type Long")
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or the tensor is closed
     */
    public Tensor mul_(double value) {
        return InPlace.mulScalar_(this, value, false);
    }

    /**
     * {@code this *= value} in place with an integral scalar, like {@code x.mul_(2)}.
     *
     * @param value the scalar
     * @return this tensor
     * @throws IllegalArgumentException if this tensor is bool
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or the tensor is closed
     */
    public Tensor mul_(long value) {
        return InPlace.mulScalar_(this, value, true);
    }

    /**
     * {@code this /= value} in place (true division), like {@code x.div_(value)}.
     *
     * @param value the divisor
     * @return this tensor
     * @throws IllegalArgumentException if this tensor is not floating point (the quotient cannot be cast back)
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or the tensor is closed
     */
    public Tensor div_(double value) {
        return InPlace.divScalar_(this, value);
    }

    /**
     * Fills this tensor with zeros in place, like {@code x.zero_()}; the old values get a zero gradient.
     *
     * @return this tensor
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or the tensor is closed
     */
    public Tensor zero_() {
        return InPlace.fill_(this, 0, "zero_");
    }

    /**
     * Fills this tensor with {@code value} in place, like {@code x.fill_(value)}; the old values get a zero gradient.
     *
     * @param value the value, converted to this dtype
     * @return this tensor
     * @throws IllegalArgumentException if {@code value} overflows this dtype (NaN into an integer tensor, 1e40 into
     *     float32), as PyTorch's
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or the tensor is closed
     */
    public Tensor fill_(double value) {
        return InPlace.fill_(this, value, "fill_");
    }

    /**
     * Copies {@code src} into this tensor in place, like {@code x.copy_(src)}: {@code src} is broadcast to this shape
     * and converted to this dtype and device. Recorded ({@code CopyBackwards}) when either requires grad: the gradient
     * goes to {@code src}, moved back to its device and dtype.
     *
     * @param src the values
     * @return this tensor
     * @throws IllegalArgumentException if {@code src} does not broadcast to this shape or this tensor is an expanded
     *     view
     * @throws IllegalStateException if this is a leaf requiring grad in grad mode, or a tensor is closed
     */
    public Tensor copy_(Tensor src) {
        return InPlace.copy_(this, src);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Masking, triangles, more in-place ops, scalar-on-the-left arithmetic, the default generator and a shorter
    // backward (issue 9)
    // ------------------------------------------------------------------------------------------------------------

    /**
     * {@code base ^ exponent} elementwise for a scalar base, like {@code torch.pow(2.0, x)}; floating result.
     *
     * @param base the base
     * @param exponent the exponents
     * @return a tensor of exponent's shape (float32 for an integer exponent)
     */
    public static Tensor pow(double base, Tensor exponent) {
        return Pointwise.powScalarBase(base, exponent);
    }

    /**
     * {@code value / this} elementwise, like {@code 2.0 / x} in PyTorch ({@code x.reciprocal() * value}, so its node
     * is MulBackward0 as there); integers promote to float32.
     *
     * @param value the numerator
     * @return a new tensor
     */
    public Tensor rdiv(double value) {
        return reciprocal().mul(value);
    }

    /**
     * {@code mask ? value : this}, like {@code torch.Tensor.masked_fill}; the value is converted to this dtype.
     *
     * @param mask a bool tensor broadcastable with this one (a larger mask gives a larger result, as PyTorch's)
     * @param value the value written where the mask is true
     * @return a new tensor of the broadcast shape and this dtype
     * @throws IllegalArgumentException if the mask is not bool, not broadcastable with this shape, or on another
     *     device, or {@code value} overflows this dtype
     */
    public Tensor maskedFill(Tensor mask, double value) {
        return Masking.maskedFill(this, mask, value);
    }

    /**
     * The lower triangle of the last two dims ({@code col - row <= diagonal}), zero elsewhere, like
     * {@code torch.tril}; batched over leading dims.
     *
     * @param diagonal 0 the main diagonal, positive above it, negative below
     * @return a new tensor of this shape
     * @throws IllegalArgumentException for fewer than 2 dims
     */
    public Tensor tril(int diagonal) {
        return Masking.tril(this, diagonal);
    }

    /**
     * {@code tril(0)}, like {@code torch.tril(x)}.
     *
     * @return a new tensor of this shape
     * @throws IllegalArgumentException for fewer than 2 dims
     */
    public Tensor tril() {
        return Masking.tril(this, 0);
    }

    /**
     * The upper triangle of the last two dims ({@code col - row >= diagonal}), zero elsewhere, like
     * {@code torch.triu}; batched over leading dims.
     *
     * @param diagonal 0 the main diagonal, positive above it, negative below
     * @return a new tensor of this shape
     * @throws IllegalArgumentException for fewer than 2 dims
     */
    public Tensor triu(int diagonal) {
        return Masking.triu(this, diagonal);
    }

    /**
     * {@code triu(0)}, like {@code torch.triu(x)}.
     *
     * @return a new tensor of this shape
     * @throws IllegalArgumentException for fewer than 2 dims
     */
    public Tensor triu() {
        return Masking.triu(this, 0);
    }

    /**
     * {@link #maskedFill} in place, like {@code masked_fill_}.
     *
     * @param mask a bool tensor broadcastable to this shape
     * @param value the value written where the mask is true
     * @return this tensor
     * @throws IllegalArgumentException for a bad mask, or a {@code value} that overflows this dtype
     * @throws IllegalStateException for a leaf that requires grad while grad mode is on
     */
    public Tensor maskedFill_(Tensor mask, double value) {
        return InPlace.maskedFill_(this, mask, value);
    }

    /**
     * {@code max(this, 0)} in place, like {@code relu_}.
     *
     * @return this tensor
     * @throws IllegalStateException for a leaf that requires grad while grad mode is on
     */
    public Tensor relu_() {
        return InPlace.relu_(this);
    }

    /**
     * {@code sigmoid(this)} in place, like {@code sigmoid_}.
     *
     * @return this tensor
     * @throws IllegalArgumentException for an integer or bool tensor, which cannot hold the result
     * @throws IllegalStateException for a leaf that requires grad while grad mode is on
     */
    public Tensor sigmoid_() {
        return InPlace.sigmoid_(this);
    }

    /**
     * {@code exp(this)} in place, like {@code exp_}.
     *
     * @return this tensor
     * @throws IllegalArgumentException for an integer or bool tensor, which cannot hold the result
     * @throws IllegalStateException for a leaf that requires grad while grad mode is on
     */
    public Tensor exp_() {
        return InPlace.exp_(this);
    }

    /**
     * Limits this tensor to {@code [min, max]} in place, like {@code x.clamp_(0.0, 1.0)} (NaN: no bound on that side).
     *
     * @param min the lower bound, or NaN
     * @param max the upper bound, or NaN
     * @return this tensor
     * @throws IllegalArgumentException if both bounds are NaN, or this tensor is integral or bool (the bounds are
     *     Python floats)
     * @throws IllegalStateException for a leaf that requires grad while grad mode is on
     */
    public Tensor clamp_(double min, double max) {
        return InPlace.clamp_(this, min, max, false);
    }

    /**
     * {@link #clamp_(double, double)} with integral bounds, like {@code x.clamp_(0, 1)}: an integer tensor takes them.
     *
     * @param min the lower bound
     * @param max the upper bound
     * @return this tensor
     * @throws IllegalArgumentException if this tensor is bool
     * @throws IllegalStateException for a leaf that requires grad while grad mode is on
     */
    public Tensor clamp_(long min, long max) {
        return InPlace.clamp_(this, min, max, true);
    }

    /**
     * {@code this /= other} (broadcast to this shape), like {@code div_} with a tensor.
     *
     * @param other the divisor
     * @return this tensor
     * @throws IllegalArgumentException for an integer target, or shapes that do not broadcast to this one
     * @throws IllegalStateException for a leaf that requires grad while grad mode is on
     */
    public Tensor div_(Tensor other) {
        return InPlace.div_(this, other);
    }

    /**
     * Backward with an explicit gradient, keeping the graph for another backward when {@code retainGraph}, like
     * {@code z.backward(v, retain_graph=True)}.
     *
     * @param gradient the gradient of this tensor, or null for a single-element tensor
     * @param retainGraph whether to keep the saved tensors for another backward
     * @throws IllegalStateException if the graph was freed by an earlier backward
     */
    public void backward(Tensor gradient, boolean retainGraph) {
        backward(gradient, retainGraph, false);
    }

    /**
     * Seeds the default generator, like {@code torch.manual_seed(seed)}: the draws of every random op called
     * without a {@link Generator} start again from {@code seed}.
     *
     * @param seed the seed
     * @return the default generator
     */
    public static Generator manualSeed(long seed) {
        return Generator.defaultGenerator().manualSeed(seed);
    }

    /**
     * Uniform on [0, 1), float32, drawn from the default generator (see {@link #manualSeed}), like
     * {@code torch.rand}.
     *
     * @param shape the shape
     * @return a new tensor
     * @throws IllegalArgumentException for a negative dimension
     */
    public static Tensor rand(int... shape) {
        return rand(Generator.defaultGenerator(), shape);
    }

    /**
     * Standard normal, float32, drawn from the default generator, like {@code torch.randn}.
     *
     * @param shape the shape
     * @return a new tensor
     * @throws IllegalArgumentException for a negative dimension
     */
    public static Tensor randn(int... shape) {
        return randn(Generator.defaultGenerator(), shape);
    }

    /**
     * Integers uniform on {@code [low, high)}, int64, drawn from the default generator, like {@code torch.randint}.
     *
     * @param low the smallest value
     * @param high one past the largest value
     * @param shape the shape
     * @return a new tensor
     * @throws IllegalArgumentException if {@code high <= low} or for a negative dimension
     */
    public static Tensor randint(long low, long high, int... shape) {
        return randint(Generator.defaultGenerator(), low, high, shape);
    }
}
