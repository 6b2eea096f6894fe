package dev.autograd4j.cpu;

import dev.autograd4j.DType;
import dev.autograd4j.spi.View;

/**
 * Batched GEMM on the CPU: {@code out[p] = alpha * a[p] @ b[p] + beta * out[p]} over strided {@code [B, M, K]},
 * {@code [B, K, N]} and {@code [B, M, N]} views. (Straightforward triple loop; the blocked kernel replaces it.)
 */
final class Gemm {
    private Gemm() {
    }

    static void gemm(View out, View a, View b, double alpha, double beta) {
        int batches = out.shape[0], m = out.shape[1], n = out.shape[2], k = a.shape[2];
        boolean f32 = out.dtype() == DType.FLOAT32;
        for (int p = 0; p < batches; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int l = 0; l < k; l++) {
                        acc += get(a, p, i, l, f32) * get(b, p, l, j, f32);
                    }
                    long o = out.offset + p * out.strides[0] + i * out.strides[1] + j * out.strides[2];
                    double prev = beta == 0 ? 0 : beta * get(out, p, i, j, f32);
                    if (f32) {
                        ((float[]) ((CpuStorage) out.storage).data)[(int) o] = (float) (alpha * acc + prev);
                    } else {
                        ((double[]) ((CpuStorage) out.storage).data)[(int) o] = alpha * acc + prev;
                    }
                }
            }
        }
    }

    private static double get(View v, int p, int i, int j, boolean f32) {
        long o = v.offset + p * v.strides[0] + i * v.strides[1] + j * v.strides[2];
        Object data = ((CpuStorage) v.storage).data;
        return f32 ? ((float[]) data)[(int) o] : ((double[]) data)[(int) o];
    }
}
