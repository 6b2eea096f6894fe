package dev.autograd4j.optim;

import java.util.Arrays;
import java.util.List;

/**
 * Runs schedulers one after another, switching at the {@code milestones} epochs, like
 * {@code torch.optim.lr_scheduler.SequentialLR}: each starts from its own epoch 0 at its milestone. A warm-up then a
 * cosine decay over 30 epochs:
 * <pre>{@code
 * new SequentialLR(opt, List.of(new LinearLR(opt, 0.1, 1, 3), new CosineAnnealingLR(opt, 27)), 3);
 * }</pre>
 */
public final class SequentialLR extends LRScheduler {
    private final List<LRScheduler> schedulers;
    private final int[] milestones;

    /**
     * Schedulers one after another, like {@code SequentialLR(optimizer, schedulers, milestones)}: scheduler {@code i}
     * runs from milestone {@code i-1}, counting its epochs from 0 there.
     *
     * @param optimizer the optimizer
     * @param schedulers the schedulers, made on the same optimizer
     * @param milestones the epochs where the next scheduler takes over, increasing, one fewer than the schedulers
     * @throws IllegalArgumentException if the number of milestones is wrong or they do not increase
     */
    public SequentialLR(Optimizer<?> optimizer, List<LRScheduler> schedulers, int... milestones) {
        super(optimizer, schedule(List.copyOf(schedulers), milestones.clone()), true);
        this.schedulers = List.copyOf(schedulers);
        this.milestones = milestones.clone();
        initialStep();
    }

    /**
     * As PyTorch's: made, the first scheduler's first step from the initial rate; at a milestone the next scheduler
     * starts from its closed form at its epoch 0 ({@code step(0)}); between milestones the running one's chainable
     * step.
     */
    @Override
    protected double chained(int epoch, double currentLr, double baseLr) {
        if (epoch == 0) {
            return schedulers.get(0).chained(0, baseLr, baseLr);
        }
        int k = 0;
        while (k < milestones.length && epoch >= milestones[k]) {
            k++;
        }
        int local = k == 0 ? epoch : epoch - milestones[k - 1];
        return local == 0 ? schedulers.get(k).atMilestone(currentLr, baseLr)
                : schedulers.get(k).chained(local, currentLr, baseLr);
    }

    private static Schedule schedule(List<LRScheduler> schedulers, int[] milestones) {
        if (schedulers.size() != milestones.length + 1) {
            throw new IllegalArgumentException("[SequentialLR] expected " + (schedulers.size() - 1) + " milestones for "
                    + schedulers.size() + " schedulers but got " + milestones.length);
        }
        for (int i = 1; i < milestones.length; i++) {
            if (milestones[i] <= milestones[i - 1]) {
                throw new IllegalArgumentException("[SequentialLR] milestones must increase but got "
                        + Arrays.toString(milestones));
            }
        }
        return (epoch, base) -> {
            int k = 0;
            while (k < milestones.length && epoch >= milestones[k]) {
                k++;
            }
            return schedulers.get(k).lrAt(k == 0 ? epoch : epoch - milestones[k - 1], base);
        };
    }
}
