/**
 * Tensors and reverse-mode automatic differentiation with PyTorch's semantics: {@link dev.autograd4j.Tensor} (creation,
 * arithmetic with broadcasting and type promotion, views, reductions, in-place ops), the autograd engine
 * ({@link dev.autograd4j.Tensor#backward()}, {@link dev.autograd4j.Autograd#grad}, {@link dev.autograd4j.GradMode},
 * hooks), custom differentiable operations ({@link dev.autograd4j.Function}), gradient checking
 * ({@link dev.autograd4j.GradCheck}), devices and dtypes, seeded random numbers ({@link dev.autograd4j.Generator}),
 * memory scopes ({@link dev.autograd4j.Tensors#scope()}) and graph drawings ({@link dev.autograd4j.Graphs}).
 *
 * <pre>{@code
 * Tensor a = Tensor.scalar(2.0).requiresGrad(true);
 * Tensor b = Tensor.scalar(-3.0).requiresGrad(true);
 * Tensor loss = a.mul(b).add(Tensor.scalar(10.0)).mul(Tensor.scalar(-2.0));
 * loss.backward();
 * a.grad();   // tensor(6.)
 * b.grad();   // tensor(-4.)
 * }</pre>
 *
 * <p>Operations run on a backend found at run time (add {@code autograd-cpu}, and {@code autograd-cuda} for GPUs, to
 * the class path). This package is public API under semantic versioning (see the README's "Versioning").
 */
package dev.autograd4j;
