/**
 * Optimizers and learning-rate schedules, like {@code torch.optim}: {@link dev.autograd4j.optim.SGD},
 * {@link dev.autograd4j.optim.Adam} and {@link dev.autograd4j.optim.AdamW} with PyTorch's update rules and parameter
 * groups, schedulers ({@link dev.autograd4j.optim.StepLR}, {@link dev.autograd4j.optim.CosineAnnealingLR},
 * {@link dev.autograd4j.optim.LinearLR}, {@link dev.autograd4j.optim.SequentialLR}) and gradient clipping
 * ({@link dev.autograd4j.optim.Clipping}). A step runs under no-grad, in place, on the parameters' device, and reads
 * nothing back from it.
 *
 * <pre>{@code
 * var opt = new SGD(model.parameters(), new SGD.Options().lr(0.1).momentum(0.9));
 * var schedule = new CosineAnnealingLR(opt, epochs);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     for (List<Tensor> batch : loader) {
 *         opt.zeroGrad();
 *         new CrossEntropyLoss().forward(model.forward(batch.get(0)), batch.get(1)).backward();
 *         opt.step();
 *     }
 *     schedule.step();
 * }
 * }</pre>
 *
 * <p>Public API under semantic versioning.
 */
package dev.autograd4j.optim;
