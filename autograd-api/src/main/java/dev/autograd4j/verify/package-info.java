/**
 * Gradient verification as a user feature: finding the first operation where two runs of a model disagree, and
 * the line of the user's code that called it.
 *
 * <ul>
 * <li>{@link dev.autograd4j.verify.Verify#compare} runs a model (a function from inputs to a loss, or an
 *     {@code nn.Module} with a loss) forward and backward in two configurations (device and dtype: CPU float64
 *     against CPU float32, or against CUDA), pairs the nodes of the two graphs in the order they were created, and
 *     returns a {@link dev.autograd4j.verify.Report}: for each node the largest absolute and relative difference of
 *     its output and of the gradient it returned, against tolerances derived from the dtypes; the leaves'
 *     gradients by name; the first divergence with its {@code gradFn} name, shape, dtypes and call site; a table
 *     ({@code toString}) and a DOT drawing with the diverging node in red.</li>
 * <li>{@link dev.autograd4j.verify.AnomalyMode} ({@code Autograd.detectAnomaly()}): a NaN or infinite gradient, or
 *     a failing backward, throws an {@link dev.autograd4j.verify.AnomalyException} naming the node and the line
 *     whose forward call created it.</li>
 * </ul>
 *
 * <p>Call sites are found with {@link java.lang.StackWalker} when a node is created, skipping the library's own
 * frames, and only while one of these is on: otherwise creating a node reads one counter (see
 * {@code internal.Tracing}).
 */
package dev.autograd4j.verify;
