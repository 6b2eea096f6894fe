package dev.autograd4j.cuda;

import dev.autograd4j.spi.View;

/** gather and scatter-add (module "index"), checking every index (see the kernel ABI's index errors). */
final class IndexKernels {
    private IndexKernels() {
    }

    static void gather(KernelLauncher k, View out, View in, int dim, View index) {
        throw new UnsupportedOperationException("[cuda] gather: to be written");
    }

    static void scatterAdd(KernelLauncher k, View out, int dim, View index, View src) {
        throw new UnsupportedOperationException("[cuda] scatterAdd: to be written");
    }
}
