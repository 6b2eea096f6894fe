/**
 * Reading and writing tensors: {@link dev.autograd4j.io.Safetensors}, the format PyTorch users share weights in, for
 * state dicts ({@link dev.autograd4j.nn.Module#stateDict()}, {@link dev.autograd4j.optim.Optimizer#stateDict()}) and
 * any named tensors with string metadata. Public API under semantic versioning.
 */
package dev.autograd4j.io;
