/**
 * The library's internal access to tensors' package-private state ({@code Internal}), and the recording interface
 * the ops use ({@code Recorder}, {@code Backward}).
 *
 * <p>Not API: the module does not export this package, and its classes may change in any release.
 */
package dev.autograd4j.internal;
