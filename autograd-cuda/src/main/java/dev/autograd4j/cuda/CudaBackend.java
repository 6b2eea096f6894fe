package dev.autograd4j.cuda;

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
 * The CUDA backend of one device: memory from the caching allocator, kernels of cuda-kernels launched on the
 * device's stream, GEMM through cuBLAS. Each method hands its work to the family that implements it (as the CPU
 * backend does); the device state lives in {@link DeviceContext}.
 */
final class CudaBackend implements Backend {
    private final DeviceContext ctx;

    CudaBackend(DeviceContext ctx) {
        this.ctx = ctx;
    }

    DeviceContext context() {
        return ctx;
    }

    @Override
    public Device device() {
        return ctx.device();
    }

    @Override
    public Storage allocate(DType dtype, long numel) {
        return ctx.allocate(dtype, numel);
    }

    @Override
    public Storage fromArray(Object array) {
        return ctx.fromArray(array);
    }

    @Override
    public Object toArray(View src) {
        return ctx.toArray(src);
    }

    @Override
    public boolean transfer(View dst, View src) {
        return ctx.transfer(dst, src);
    }

    @Override
    public void copy(View dst, View src) {
        ElementwiseKernels.copy(ctx, dst, src);
    }

    @Override
    public void fill(View dst, double value) {
        ElementwiseKernels.fill(ctx, dst, value);
    }

    @Override
    public void unary(UnaryOp op, View out, View in, double alpha, double beta) {
        ElementwiseKernels.unary(ctx, op, out, in, alpha, beta);
    }

    @Override
    public void binary(BinaryOp op, View out, View a, View b, double alpha) {
        ElementwiseKernels.binary(ctx, op, out, a, b, alpha);
    }

    @Override
    public void binaryScalar(BinaryOp op, View out, View a, double b) {
        ElementwiseKernels.binaryScalar(ctx, op, out, a, b);
    }

    @Override
    public void where(View out, View cond, View a, View b) {
        ElementwiseKernels.where(ctx, out, cond, a, b);
    }

    @Override
    public void whereScalar(View out, View cond, View a, double b, boolean scalarWhenTrue) {
        ElementwiseKernels.whereScalar(ctx, out, cond, a, b, scalarWhenTrue);
    }

    @Override
    public void random(RandomOp op, View out, long seed, long offset, double a, double b) {
        ElementwiseKernels.random(ctx, op, out, seed, offset, a, b);
    }

    @Override
    public void reduce(ReduceOp op, View out, View in) {
        ReduceKernels.reduce(ctx, op, out, in);
    }

    @Override
    public void gemm(View out, View a, View b, double alpha, double beta) {
        ctx.blas().gemm(out, a, b, alpha, beta);
    }

    @Override
    public void gather(View out, View in, int dim, View index) {
        IndexKernels.gather(ctx, out, in, dim, index);
    }

    @Override
    public void scatterAdd(View out, int dim, View index, View src) {
        IndexKernels.scatterAdd(ctx, out, dim, index, src);
    }

    @Override
    public boolean supports(FusedOp op) {
        return FusedKernels.supports(op);
    }

    @Override
    public void softmax(View out, View in, boolean log) {
        FusedKernels.softmax(ctx, out, in, log);
    }

    @Override
    public void softmaxBackward(View gradIn, View gradOut, View out, boolean log) {
        FusedKernels.softmaxBackward(ctx, gradIn, gradOut, out, log);
    }

    @Override
    public void layerNorm(View out, View mean, View rstd, View in, View weight, View bias, double eps) {
        FusedKernels.layerNorm(ctx, out, mean, rstd, in, weight, bias, eps);
    }

    @Override
    public void layerNormBackward(View gradIn, View gradWeight, View gradBias, View gradOut, View in, View mean,
                                  View rstd, View weight) {
        FusedKernels.layerNormBackward(ctx, gradIn, gradWeight, gradBias, gradOut, in, mean, rstd, weight);
    }

    @Override
    public void crossEntropy(View logProbs, View losses, View weights, View logits, View target, View classWeight,
                             long ignoreIndex) {
        FusedKernels.crossEntropy(ctx, logProbs, losses, weights, logits, target, classWeight, ignoreIndex);
    }

    @Override
    public void nllLossBackward(View gradInput, View gradLosses, View target, View classWeight, long ignoreIndex) {
        FusedKernels.nllLossBackward(ctx, gradInput, gradLosses, target, classWeight, ignoreIndex);
    }

    @Override
    public void synchronize() {
        ctx.synchronize();
    }

    @Override
    public String toString() {
        return "CudaBackend(" + ctx.describe() + ")";
    }
}
