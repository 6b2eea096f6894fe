package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BinaryOp;
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
        return CpuStorage.allocate(dtype, numel);
    }

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

    @Override
    public void where(View out, View cond, View a, View b) {
        Elementwise.where(out, cond, a, b);
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
