/**
 * The differentiable operations behind {@link dev.autograd4j.Tensor} and {@link dev.autograd4j.nn.Functional}: each
 * op's forward (on the backend SPI), backward formula (written with differentiable tensor ops) and PyTorch node name
 * in one place, grouped by family ({@code Pointwise}, {@code Reductions}, {@code ShapeOps}, ...), with the checks
 * and errors shared by all ({@code Dispatch}, {@code Shapes}, {@code Errors}).
 *
 * <p>Not API: the module does not export this package, and its classes may change in any release. Call the ops
 * through {@code Tensor} and {@code nn.Functional}.
 */
package dev.autograd4j.ops;
