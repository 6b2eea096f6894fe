/**
 * The backend SPI: the primitive kernels a device provides ({@link dev.autograd4j.spi.Backend}), keyed by
 * {@link dev.autograd4j.spi.UnaryOp}, {@link dev.autograd4j.spi.BinaryOp}, {@link dev.autograd4j.spi.ReduceOp} and
 * {@link dev.autograd4j.spi.RandomOp}, over {@link dev.autograd4j.spi.View}s of {@link dev.autograd4j.spi.Storage}s.
 *
 * <h2>Accuracy</h2>
 * What every backend promises about the values it computes: a result is either exact, or within the bound stated
 * for its primitive. The backend contract ({@code BackendContract} in this module's test jar) checks each line as
 * written, with one helper per kind of bound, so a backend that passes it keeps these promises on the inputs it
 * tries. The bounds are what a correct GPU meets: a GPU adds in another order, fuses multiply-adds, and ships its
 * own math library; for the functions, the yardstick is the maximum ulp error CUDA documents for its math library
 * (CUDA C++ Programming Guide, "Mathematical Functions"), widened where the CPU's Java functions need more.
 *
 * <p>Words: <i>exact</i> means the same value (any NaN matches any NaN, and a zero matches a zero of either sign
 * unless the line says otherwise); an <i>ulp</i> is the spacing of the output dtype at the exact result; {@code u}
 * is a dtype's unit roundoff, 2<sup>-24</sup> for FLOAT32 and 2<sup>-53</sup> for FLOAT64. Where a function is
 * within a bound, its NaN, infinite and zero results are still exact.
 * <ul>
 *   <li><b>Exact</b>: {@code fromArray}, {@code toArray}, {@code copy} between any two dtypes (PyTorch's
 *       conversions), {@code fill}, {@code where}, {@code gather}.</li>
 *   <li><b>Exact</b>: the comparisons EQ, NE, LT, LE, GT, GE, the logical ops LOGICAL_AND, LOGICAL_OR, LOGICAL_NOT,
 *       and ISNAN.</li>
 *   <li><b>Exact</b>: every op on INT32 and INT64 (ADD and MUL wrap in two's complement), SUM of integers and BOOL
 *       into INT64, and {@code scatterAdd} of integers and BOOL.</li>
 *   <li><b>Exact</b>: floating ABS, SIGN, RELU, CLAMP, FLOOR, CEIL, ROUND (half to even, keeping a zero's sign:
 *       {@code round(-0.5)} is {@code -0.0}), MAXIMUM, MINIMUM, FMOD (C's {@code fmod}, an exact result),
 *       THRESHOLD_BACKWARD; the reductions MAX, MIN, ARGMAX,
 *       ARGMIN (the first of ties, NaN first of all), ANY and ALL.</li>
 *   <li><b>Exact</b>, being one correctly rounded IEEE 754 operation (as CUDA's default {@code -prec-div=true} and
 *       {@code -prec-sqrt=true} give): floating ADD with {@code alpha = 1}, MUL, DIV, SQRT, RECIPROCAL, and
 *       REMAINDER ({@code fmod}, then one addition of {@code b} where the signs differ), DIV_TRUNC (the quotient,
 *       truncated) and DIV_FLOOR (PyTorch's formula as {@link dev.autograd4j.spi.BinaryOp#DIV_FLOOR} states it, each
 *       step in the element type), zero signs included.</li>
 *   <li><b>Exact where {@code alpha * x} is representable</b> in the element type (alpha is ±1 or a power of two,
 *       as for neg, halving, {@code x + c}), otherwise <b>within 1 ulp</b> (a backend may round alpha to the element
 *       type or fuse the multiply-add): AFFINE ({@code AFFINE(-1, 0)} of 0 is {@code -0.0}), LEAKY_RELU,
 *       LEAKY_RELU_BACKWARD, and ADD with another {@code alpha}.</li>
 *   <li><b>Within N ulps</b> (FLOAT32 / FLOAT64): EXP 2 / 1, EXPM1 1 / 1, LOG 1 / 1, LOG1P 1 / 1, SIN 2 / 2, COS 2 / 2,
 *       TANH 2 / 2, ERF 2 / 3, RSQRT 2 / 2, POW (unary and binary; C's {@code pow}, so {@code 1 ^ NaN} and
 *       {@code (-1) ^ inf} are exactly 1) 4 / 2, ATAN2 3 / 2 (C's values at signed zeros and infinities, a zero's
 *       sign included); LOG2 (exact at powers of two) 1 / 2, LOG10 1 / 2, TAN 1 / 2, ASIN 1 / 2, ACOS 1 / 2,
 *       ATAN 1 / 2, SINH 1 / 3, COSH 1 / 3, ASINH 1 / 3, ACOSH 1 / 3, ATANH 1 / 3 (FLOAT32 computed in double and
 *       rounded once); SIGMOID and SOFTPLUS (an exp
 *       or log1p and a division) 4 / 3, SIGMOID_BACKWARD 3 / 3. SOFTPLUS past its threshold returns {@code x}
 *       exactly.</li>
 *   <li>TANH_BACKWARD {@code g (1 - y^2)}: <b>within {@code 4u |g| (1 + y^2)}</b> (the subtraction cancels as
 *       {@code |y|} nears 1, so no ulp bound on the result holds).</li>
 *   <li>GELU and GELU_BACKWARD: FLOAT64 <b>within 1e-14 relative</b> (rounding {@code x / sqrt 2} is magnified about
 *       {@code x^2} times in the lower tail: {@code x = -6} loses 36 ulps however erfc is computed); GELU_TANH and
 *       GELU_TANH_BACKWARD: FLOAT64 <b>within 4e-15 relative plus 1e-15</b> (PyTorch's formula cancels for large
 *       negative {@code x}, an error of about an ulp of {@code x}); FLOAT32 results of all four <b>within 4 ulps
 *       of the FLOAT64 result</b> for the same input (compute in FLOAT64 where the FLOAT32 formula loses more).</li>
 *   <li>Floating SUM of {@code n} elements: FLOAT64 <b>{@code |got - sum x| <= n 2^-53 sum|x| + ulp/2}</b>, that
 *       is, accumulated in double in any order and rounded once; FLOAT32 <b>{@code |got - sum x| <= (4 * 2^-24 +
 *       n 2^-53) sum|x| + ulp/2}</b>, that is, the same, except that runs of up to four elements may first be added
 *       in FLOAT32 and each run's sum widened (a vector lane adding four floats before one conversion to double,
 *       where the conversions bound the loop; PyTorch's CPU sum adds float32 in float32 throughout). A mean is SUM
 *       divided by {@code n} in the op layer: within that bound over {@code n}, plus the division's rounding. A
 *       running FLOAT32 accumulator, whose error grows with {@code n}, does not meet these.</li>
 *   <li>{@code gemm}, each element {@code alpha sum_k a b + beta c} over {@code K} products: <b>{@code |got - exact|
 *       <= (K + 2) u (|alpha| sum_k |a b| + |beta c|) + ulp/2}</b> with {@code u} of the output dtype: any order or
 *       blocking, FLOAT32 accumulating in FLOAT32, but no lower-precision inputs (no TF32).</li>
 *   <li>Floating {@code scatterAdd}, an output element {@code c} receiving {@code m} contributions {@code s} (repeated
 *       indices) in any order: <b>{@code |got - (c + sum s)| <= m u (|c| + sum|s|) + ulp/2}</b>.</li>
 *   <li>{@code random}: UNIFORM and RANDINT <b>exact</b>, bit for bit from the Philox counters: the recipe's
 *       {@code a + (b - a) * u} is a double multiply and a double add, not fused, rounded once to the dtype. NORMAL
 *       (through log, sqrt and cos, which other math libraries round differently): <b>within {@code 2^-17 |b|}
 *       (FLOAT32) or {@code 2^-44 |b|} (FLOAT64) of the recipe's value, plus an ulp</b>.</li>
 * </ul>
 */
package dev.autograd4j.spi;
