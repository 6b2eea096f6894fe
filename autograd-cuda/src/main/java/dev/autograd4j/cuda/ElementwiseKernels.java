package dev.autograd4j.cuda;

import dev.autograd4j.spi.BinaryOp;
import dev.autograd4j.spi.RandomOp;
import dev.autograd4j.spi.UnaryOp;
import dev.autograd4j.spi.View;

/** Elementwise kernels (module "elementwise"): fill, copy, unary, binary, scalar operands, where, random fills. */
final class ElementwiseKernels {
    private ElementwiseKernels() {
    }

    static void fill(KernelLauncher k, View dst, double value) {
        throw new UnsupportedOperationException("[cuda] fill: to be written");
    }

    static void copy(KernelLauncher k, View dst, View src) {
        throw new UnsupportedOperationException("[cuda] copy: to be written");
    }

    static void unary(KernelLauncher k, UnaryOp op, View out, View in, double alpha, double beta) {
        throw new UnsupportedOperationException("[cuda] unary: to be written");
    }

    static void binary(KernelLauncher k, BinaryOp op, View out, View a, View b, double alpha) {
        throw new UnsupportedOperationException("[cuda] binary: to be written");
    }

    static void binaryScalar(KernelLauncher k, BinaryOp op, View out, View a, double b) {
        throw new UnsupportedOperationException("[cuda] binaryScalar: to be written");
    }

    static void where(KernelLauncher k, View out, View cond, View a, View b) {
        throw new UnsupportedOperationException("[cuda] where: to be written");
    }

    static void whereScalar(KernelLauncher k, View out, View cond, View a, double b, boolean scalarWhenTrue) {
        throw new UnsupportedOperationException("[cuda] whereScalar: to be written");
    }

    static void random(KernelLauncher k, RandomOp op, View out, long seed, long offset, double a, double b) {
        throw new UnsupportedOperationException("[cuda] random: to be written");
    }
}
