// A kernel for PtxBuildTest: build-ptx.sh must compile it, lower its .version to 6.3 (it needs nothing newer) and
// record the nvcc that produced it. It includes the shared header, as every kernel family does.
#include "ag_common.cuh"

extern "C" __global__ void fixture_gather_f32(Layout L, long long n, float* out, const float* in,
                                               const long long* index, long long bound, long long* error) {
    AG_FOR_EACH(i, n) {
        long long off[2];
        ag_offsets<2>(L, i, off);
        long long j = index[off[1]];
        if (j < 0 || j >= bound) {
            ag_index_error(error, j);
            continue;
        }
        out[off[0]] = in[j];
    }
}
