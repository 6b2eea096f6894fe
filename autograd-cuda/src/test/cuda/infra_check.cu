// Kernels for DeviceContextGpuTest, which checks the launch infrastructure on a GPU without the kernel families:
// every kind of argument read back, a grid-stride loop over any n, and the index-error buffer. Compiled to
// src/test/resources/dev/autograd4j/cuda/kernels/infra_check.ptx with
//   cuda-kernels/build-ptx.sh --src autograd-cuda/src/test/cuda --out autograd-cuda/src/test/resources/dev/autograd4j/cuda/kernels
#include "ag_common.cuh"

// Writes back what it was given: out[0..51) the Layout's words in struct order, then n, the bits of x, op, and
// whether p is a null pointer.
extern "C" __global__ void infra_echo(int op, Layout L, long long n, long long* out, double x, const long long* p) {
    if (blockIdx.x == 0 && threadIdx.x == 0) {
        out[0] = L.rank;
        for (int d = 0; d < AG_MAX_DIMS; d++) {
            out[1 + d] = L.sizes[d];
        }
        for (int k = 0; k < AG_MAX_OPERANDS; k++) {
            for (int d = 0; d < AG_MAX_DIMS; d++) {
                out[1 + AG_MAX_DIMS + k * AG_MAX_DIMS + d] = L.strides[k][d];
            }
        }
        out[51] = n;
        out[52] = __double_as_longlong(x);
        out[53] = op;
        out[54] = p == nullptr ? 1 : 0;
    }
}

// out[i] = i for every i < n, whatever the grid.
extern "C" __global__ void infra_iota(long long n, long long* out) {
    AG_FOR_EACH(i, n) {
        out[i] = i;
    }
}

// out[i] = index[i] where it is in [0, bound); a bad index is recorded and skipped, as gather does.
extern "C" __global__ void infra_check_index(long long n, const long long* index, long long bound, long long* out,
                                             long long* error) {
    AG_FOR_EACH(i, n) {
        long long j = index[i];
        if (j < 0 || j >= bound) {
            ag_index_error(error, j);
            continue;
        }
        out[i] = j;
    }
}
