package dev.autograd4j.optim;

import java.util.List;

/**
 * Sets the learning rate of each of an optimizer's groups from the epoch count, like
 * {@code torch.optim.lr_scheduler}: call {@link #step()} once per epoch, after the optimizer's steps. Each group's
 * rate is {@link Schedule#lr a function} of the epoch and of the rate the group had when the first scheduler was
 * made (PyTorch's {@code initial_lr}); making a scheduler sets epoch 0's rate at once, as PyTorch's do. A scheduler
 * only does host arithmetic: it never touches a tensor.
 */
public class LRScheduler {

    /** A learning rate at {@code epoch} (from 0) for a group that started at {@code baseLr}: PyTorch's closed form. */
    @FunctionalInterface
    public interface Schedule {
        /**
         * The learning rate at an epoch.
         *
         * @param epoch the epoch, from 0
         * @param baseLr the group's initial learning rate
         * @return the learning rate
         */
        double lr(int epoch, double baseLr);
    }

    private final Optimizer<?> optimizer;
    private final Schedule schedule;
    private final double[] baseLrs;
    private int lastEpoch;

    /**
     * A scheduler of {@code optimizer}'s learning rates following {@code schedule}; sets epoch 0's rates at once.
     *
     * @param optimizer the optimizer whose groups' rates to set
     * @param schedule the rate as a function of the epoch and the initial rate
     */
    public LRScheduler(Optimizer<?> optimizer, Schedule schedule) {
        this.optimizer = optimizer;
        this.schedule = schedule;
        List<? extends Optimizer.ParamGroup<?>> groups = optimizer.paramGroups();
        this.baseLrs = new double[groups.size()];
        for (int i = 0; i < baseLrs.length; i++) {
            Optimizer.ParamGroup<?> g = groups.get(i);
            if (Double.isNaN(g.initialLr)) {
                g.initialLr = g.lr();
            }
            baseLrs[i] = g.initialLr;
        }
        apply();
    }

    /** Advances one epoch and sets the groups' learning rates for it. */
    public void step() {
        lastEpoch++;
        apply();
    }

    private void apply() {
        List<? extends Optimizer.ParamGroup<?>> groups = optimizer.paramGroups();
        for (int i = 0; i < baseLrs.length; i++) {
            groups.get(i).setLr(schedule.lr(lastEpoch, baseLrs[i]));
        }
    }

    /**
     * The rate this scheduler computes at {@code epoch} for a group that started at {@code baseLr}.
     *
     * @param epoch the epoch, from 0
     * @param baseLr the initial learning rate
     * @return the learning rate
     */
    public double lrAt(int epoch, double baseLr) {
        return schedule.lr(epoch, baseLr);
    }

    /**
     * The epochs stepped so far (0 after construction), PyTorch's {@code last_epoch}.
     *
     * @return the epoch count
     */
    public int lastEpoch() {
        return lastEpoch;
    }

    /**
     * The learning rates it set last, one per group, PyTorch's {@code get_last_lr()}.
     *
     * @return a new array of the rates
     */
    public double[] lastLr() {
        double[] out = new double[baseLrs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = schedule.lr(lastEpoch, baseLrs[i]);
        }
        return out;
    }
}
