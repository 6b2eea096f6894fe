package dev.autograd4j.spi;

/**
 * Reductions over the dimensions where the output has size 1 and the input does not (the output has the input's
 * rank, "keepdim" form). SUM/MAX/MIN keep the input's dtype (SUM of BOOL or INT32 gives INT64, as in PyTorch); ARGMAX/ARGMIN write INT64 indices along the single reduced dimension (the first index among ties);
 * ANY/ALL write BOOL. MAX/MIN propagate NaN. Floating sums accumulate in double precision.
 */
public enum ReduceOp {
    SUM, MAX, MIN, ARGMAX, ARGMIN, ANY, ALL
}
