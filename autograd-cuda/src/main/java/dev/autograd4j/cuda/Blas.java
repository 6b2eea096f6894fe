package dev.autograd4j.cuda;

import dev.autograd4j.spi.View;

/** GEMM through cuBLAS (JCublas2). Skeleton: the infrastructure work fills it in. */
final class Blas {
    void gemm(View out, View a, View b, double alpha, double beta) {
        throw new UnsupportedOperationException("[cuda] gemm: to be written");
    }
}
