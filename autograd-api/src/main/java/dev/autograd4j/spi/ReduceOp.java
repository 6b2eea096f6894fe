package dev.autograd4j.spi;

/**
 * Reductions over the dimensions where the output has size 1 and the input does not (the output has the input's
 * rank, "keepdim" form). SUM/MAX/MIN keep the input's dtype (SUM of BOOL or INT32 gives INT64, as in PyTorch); ARGMAX/ARGMIN write INT64 indices along the single reduced dimension (the first index among ties);
 * ANY/ALL write BOOL. MAX/MIN propagate NaN. Floating sums accumulate in double precision (FLOAT32 perhaps in short
 * runs first: the package doc's Accuracy list).
 */
public enum ReduceOp {
    /** The sum (BOOL and INT32 into INT64). */
    SUM,
    /** The largest element, NaN propagating. */
    MAX,
    /** The smallest element, NaN propagating. */
    MIN,
    /** The INT64 index of the largest element along the one reduced dimension (the first among ties, NaN first). */
    ARGMAX,
    /** The INT64 index of the smallest element along the one reduced dimension (the first among ties, NaN first). */
    ARGMIN,
    /** Whether any element is non-zero (NaN counts), BOOL out; false when nothing is reduced. */
    ANY,
    /** Whether every element is non-zero, BOOL out; true when nothing is reduced. */
    ALL
}
