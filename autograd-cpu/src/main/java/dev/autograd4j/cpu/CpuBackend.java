package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.FusedOp;
import dev.autograd4j.spi.RandomOp;
import dev.autograd4j.spi.ReduceOp;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;

/**
 * The CPU backend: storages are Java arrays and kernels are plain Java loops, split between the threads of
 * {@link Parallel} when a tensor is large enough. Each method hands its work to the family that implements it;
 * this class holds no state of its own.
 */
final class CpuBackend implements Backend {
    static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() {
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    public Storage allocate(DType dtype, long numel) {
        CpuStorage s = CpuStorage.allocate(dtype, numel);
        if (FILL_UNINITIALIZED) {
            CpuStorage.fillUninitialized(s);
        }
        return s;
    }

    /**
     * Note [Fresh storage is not zeros]: the SPI leaves a new storage's contents unspecified, and a CUDA allocation
     * holds whatever the memory held, while a Java array starts as zeros. An op that read its output before writing
     * it would pass every CPU test and fail on the GPU. With {@code -Dautograd4j.cpu.fillUninitializedMemory=true}
     * (as PyTorch's {@code torch.utils.deterministic.fill_uninitialized_memory}) every storage the op layer asks
     * for is filled with NaN, or the largest value of an integer dtype, or true; the build runs the CPU suites a
     * second time so (the {@code fresh-storage-filled} execution in this module's pom).
     */
    static final boolean FILL_UNINITIALIZED = Boolean.getBoolean("autograd4j.cpu.fillUninitializedMemory");

    @Override
    public Storage fromArray(Object array) {
        return Copies.fromArray(array);
    }

    @Override
    public Object toArray(View src) {
        return Copies.toArray(src);
    }

    @Override
    public void copy(View dst, View src) {
        Copies.copy(dst, src);
    }

    @Override
    public void fill(View dst, double value) {
        Copies.fill(dst, value);
    }

    @Override
    public void unary(UnaryOp op, View out, View in, double alpha, double beta) {
        Elementwise.unary(op, out, in, alpha, beta);
    }

    @Override
    public void binary(BinaryOp op, View out, View a, View b, double alpha) {
        Elementwise.binary(op, out, a, b, alpha);
    }

    /** The scalar as a one-element array seen with stride 0: on the CPU that costs nothing worth avoiding. */
    @Override
    public void binaryScalar(BinaryOp op, View out, View a, double b) {
        Elementwise.binary(op, out, a, broadcastScalar(a.dtype(), b, a.shape), 1);
    }

    @Override
    public void where(View out, View cond, View a, View b) {
        Elementwise.where(out, cond, a, b);
    }

    @Override
    public void whereScalar(View out, View cond, View a, double b, boolean scalarWhenTrue) {
        View s = broadcastScalar(a.dtype(), b, a.shape);
        Elementwise.where(out, cond, scalarWhenTrue ? s : a, scalarWhenTrue ? a : s);
    }

    private static View broadcastScalar(DType dtype, double value, int[] shape) {
        CpuStorage one = CpuStorage.allocate(dtype, 1);
        View v = new View(one, 0, shape, new long[shape.length]);
        Copies.fill(new View(one, 0, new int[0], new long[0]), value);
        return v;
    }

    @Override
    public void reduce(ReduceOp op, View out, View in) {
        Reductions.reduce(op, out, in);
    }

    @Override
    public void gemm(View out, View a, View b, double alpha, double beta) {
        Gemm.gemm(out, a, b, alpha, beta);
    }

    @Override
    public void gather(View out, View in, int dim, View index) {
        Indexing.gather(out, in, dim, index);
    }

    @Override
    public void scatterAdd(View out, int dim, View index, View src) {
        Indexing.scatterAdd(out, dim, index, src);
    }

    @Override
    public void random(RandomOp op, View out, long seed, long offset, double a, double b) {
        RandomFill.fill(op, out, seed, offset, a, b);
    }

    @Override
    public boolean supports(FusedOp op) {
        // every fused kernel: the activation backwards in the binary kernels, scans in Scans, the rest in RealFused
        return true;
    }

    @Override
    public void softmax(View out, View in, boolean log) {
        switch (in.dtype()) {
            case FLOAT32 -> FloatFused.softmax(out, in, log);
            case FLOAT64 -> DoubleFused.softmax(out, in, log);
            default -> throw Errors.dtype(log ? "log_softmax" : "softmax", in.dtype());
        }
    }

    @Override
    public void softmaxBackward(View gradIn, View gradOut, View out, boolean log) {
        switch (out.dtype()) {
            case FLOAT32 -> FloatFused.softmaxBackward(gradIn, gradOut, out, log);
            case FLOAT64 -> DoubleFused.softmaxBackward(gradIn, gradOut, out, log);
            default -> throw Errors.dtype(log ? "log_softmax_backward" : "softmax_backward", out.dtype());
        }
    }

    @Override
    public void layerNorm(View out, View mean, View rstd, View in, View weight, View bias, double eps) {
        switch (in.dtype()) {
            case FLOAT32 -> FloatFused.layerNorm(out, mean, rstd, in, weight, bias, eps);
            case FLOAT64 -> DoubleFused.layerNorm(out, mean, rstd, in, weight, bias, eps);
            default -> throw Errors.dtype("layer_norm", in.dtype());
        }
    }

    @Override
    public void layerNormBackward(View gradIn, View gradWeight, View gradBias, View gradOut, View in, View mean,
                                  View rstd, View weight) {
        switch (in.dtype()) {
            case FLOAT32 -> FloatFused.layerNormBackward(gradIn, gradWeight, gradBias, gradOut, in, mean, rstd, weight);
            case FLOAT64 -> DoubleFused.layerNormBackward(gradIn, gradWeight, gradBias, gradOut, in, mean, rstd, weight);
            default -> throw Errors.dtype("layer_norm_backward", in.dtype());
        }
    }

    @Override
    public void crossEntropy(View logProbs, View losses, View weights, View logits, View target, View classWeight,
                             long ignoreIndex) {
        switch (logits.dtype()) {
            case FLOAT32 -> FloatFused.crossEntropy(logProbs, losses, weights, logits, target, classWeight, ignoreIndex);
            case FLOAT64 -> DoubleFused.crossEntropy(logProbs, losses, weights, logits, target, classWeight, ignoreIndex);
            default -> throw Errors.dtype("cross_entropy", logits.dtype());
        }
    }

    @Override
    public void nllLossBackward(View gradInput, View gradLosses, View target, View classWeight, long ignoreIndex) {
        switch (gradInput.dtype()) {
            case FLOAT32 -> FloatFused.nllLossBackward(gradInput, gradLosses, target, classWeight, ignoreIndex);
            case FLOAT64 -> DoubleFused.nllLossBackward(gradInput, gradLosses, target, classWeight, ignoreIndex);
            default -> throw Errors.dtype("nll_loss_backward", gradInput.dtype());
        }
    }

    @Override
    public void scan(View out, View in, int dim, boolean multiply) {
        Scans.scan(out, in, dim, multiply);
    }

    @Override
    public void setNumThreads(int threads) {
        Parallel.setThreads(threads);
    }

    @Override
    public int numThreads() {
        return Parallel.threads();
    }

    @Override
    public String toString() {
        return "CpuBackend(threads=" + Parallel.threads() + ")";
    }
}
