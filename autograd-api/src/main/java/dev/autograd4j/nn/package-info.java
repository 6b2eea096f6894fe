/**
 * Neural networks, like {@code torch.nn}: stateless functions ({@link dev.autograd4j.nn.Functional}: linear,
 * activations, softmax, cross-entropy, NLL and MSE losses, layer norm, embedding, dropout), modules with named
 * parameters, buffers, state dicts and train/eval modes ({@link dev.autograd4j.nn.Module},
 * {@link dev.autograd4j.nn.Linear}, {@link dev.autograd4j.nn.Sequential}, ...), loss objects
 * ({@link dev.autograd4j.nn.CrossEntropyLoss}, ...) and initialisers ({@link dev.autograd4j.nn.Init}).
 *
 * <pre>{@code
 * Generator gen = new Generator(0);
 * Module model = new Sequential(new Linear(64, 128, gen), new ReLU(), new Linear(128, 10, gen));
 * Tensor loss = new CrossEntropyLoss().forward(model.forward(x), labels);
 * }</pre>
 *
 * <p>Public API under semantic versioning.
 */
package dev.autograd4j.nn;
