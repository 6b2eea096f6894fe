package dev.autograd4j;

import dev.autograd4j.ops.ShapeOps;

/**
 * The node of an in-place op on a view, recorded as the new history of the view's base (PyTorch's CopySlices). The
 * op wrote into a window of the base's storage, so the base's gradient is the incoming gradient with that window
 * replaced by what the op's own node ({@code fn}) makes of the window's gradient; fn's other inputs get fn's
 * gradients for them. The view's own gradFn is then regenerated as AsStridedBackward0 of this node (see Note [Views
 * see in-place changes] in {@link Tensor}).
 *
 * <p>Geometry is kept as values (the window's shape, strides and offset within the contiguous base), never as the
 * view tensor, so the node holds no memory of its own beyond fn's saved tensors.
 */
final class CopySlices extends Node {
    private final Node fn;
    private final int[] baseShape;
    private final int[] shape;
    private final long[] strides;
    private final long offset;

    private CopySlices(Node[] next, int[] nextNrs, int[][] shapes, DType[] dtypes, Device[] devices, Node fn,
                       int[] baseShape, int[] shape, long[] strides, long offset) {
        super(next, nextNrs, shapes, dtypes, devices, 1);
        this.fn = fn;
        this.baseShape = baseShape;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /** Makes {@code base}'s history the in-place op {@code fn} that wrote into {@code view} (a view of base). */
    static void rebase(Tensor base, Tensor view, Node fn) {
        int n = fn.nextNodes.length;
        Node[] next = fn.nextNodes.clone();
        int[] nextNrs = fn.nextInputNrs.clone();
        int[][] shapes = fn.inputShapes.clone();
        DType[] dtypes = fn.inputDtypes.clone();
        Device[] devices = fn.inputDevices.clone();
        // Input 0 is the base (its history before this write) instead of the view.
        next[0] = null;
        nextNrs[0] = 0;
        if (base.requiresGrad()) {
            Node producer = base.node();
            next[0] = producer != null ? producer : base.gradAccumulator();
            nextNrs[0] = producer != null ? base.outputNr : 0;
        }
        shapes[0] = base.shapeArray();
        dtypes[0] = base.dtype();
        devices[0] = base.device();
        CopySlices node = new CopySlices(next, nextNrs, shapes, dtypes, devices, fn, base.shapeArray(),
                view.shapeArray(), view.view.strides, view.view.offset - base.view.offset);
        base.setGradFn(node, 0);
        assert n == next.length;
    }

    @Override
    public String name() {
        return "CopySlices";
    }

    @Override
    Tensor[] apply(Tensor[] grads) {
        Tensor g = grads[0].contiguous();
        Tensor window = ShapeOps.asStrided(g, shape, strides, offset);
        Tensor[] res = fn.apply(new Tensor[] {window});
        Tensor[] out = res.clone();
        if (res[0] != null && res[0].dtype() != g.dtype()) {
            res[0] = res[0].to(g.dtype());
        }
        if (needsInputGrad(0)) {
            Tensor outside = g.sub(ShapeOps.scatterStrided(window, baseShape, shape, strides, offset));
            out[0] = res[0] == null ? outside : outside.add(ShapeOps.scatterStrided(res[0], baseShape, shape, strides,
                    offset));
        } else {
            out[0] = null;
        }
        return out;
    }

    @Override
    void releaseVariables() {
        fn.releaseVariables();
    }

    @Override
    void dropSavedReferences() {
        fn.dropSavedReferences();
    }
}
