package dev.autograd4j.optim;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sets the learning rate of each of an optimizer's groups from the epoch count, like {@code torch.optim.lr_scheduler}:
 * call {@link #step()} once per epoch, after the optimizer's steps. Making a scheduler sets epoch 0's rates at once,
 * as PyTorch's do. A step then sets {@link #chained}'s rate: this class's is {@link Schedule#lr a function} of the
 * epoch and of the rate the group had when the first scheduler was made (PyTorch's {@code initial_lr}), as
 * {@link LambdaLR}, {@link CosineAnnealingWarmRestarts}, {@link OneCycleLR} and {@link CyclicLR}; {@link StepLR},
 * {@link MultiStepLR}, {@link ExponentialLR}, {@link ConstantLR}, {@link PolynomialLR}, {@link LinearLR},
 * {@link CosineAnnealingLR}, {@link MultiplicativeLR} and {@link SequentialLR} scale the group's current rate, from
 * their first step on, PyTorch's chainable form, so a rate set by hand between steps, or another scheduler's, carries
 * on. A scheduler only does host arithmetic: it never touches a tensor ({@link ReduceLROnPlateau}, which steps on a
 * metric, is a class of its own, as in PyTorch).
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
    private final double[] lastLrs;
    private int lastEpoch;

    /**
     * A scheduler of {@code optimizer}'s learning rates following {@code schedule}; sets epoch 0's rates at once.
     *
     * @param optimizer the optimizer whose groups' rates to set
     * @param schedule the rate as a function of the epoch and the initial rate
     */
    public LRScheduler(Optimizer<?> optimizer, Schedule schedule) {
        this(optimizer, schedule, false);
    }

    /**
     * A scheduler whose subclass makes the first step itself, with {@link #initialStep()} at the end of its
     * constructor (once its own fields are set), as PyTorch's chainable schedulers do: epoch 0's rate is
     * {@link #chained} of the group's current one, so a scheduler made after another keeps the rate that one set.
     *
     * @param optimizer the optimizer whose groups' rates to set
     * @param schedule the rate as a function of the epoch and the initial rate
     * @param deferInitialStep true when the subclass calls {@link #initialStep()}; false to set the closed form now
     */
    protected LRScheduler(Optimizer<?> optimizer, Schedule schedule, boolean deferInitialStep) {
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
        this.lastLrs = new double[baseLrs.length];
        if (!deferInitialStep) {
            for (int i = 0; i < baseLrs.length; i++) {
                set(groups.get(i), i, schedule.lr(0, baseLrs[i]));
            }
        }
    }

    /** Sets epoch 0's rates, {@link #chained} of the groups' current ones (PyTorch's {@code _initial_step}). */
    protected final void initialStep() {
        List<? extends Optimizer.ParamGroup<?>> groups = optimizer.paramGroups();
        for (int i = 0; i < baseLrs.length; i++) {
            set(groups.get(i), i, chained(0, groups.get(i).lr(), baseLrs[i]));
        }
    }

    /** Advances one epoch and sets the groups' learning rates for it ({@link #chained} of their current ones). */
    public void step() {
        List<? extends Optimizer.ParamGroup<?>> groups = optimizer.paramGroups();
        double[] next = new double[baseLrs.length];
        for (int i = 0; i < baseLrs.length; i++) { // all computed first: a step that fails changes nothing
            next[i] = chained(lastEpoch + 1, groups.get(i).lr(), baseLrs[i]);
        }
        lastEpoch++;
        for (int i = 0; i < baseLrs.length; i++) {
            set(groups.get(i), i, next[i]);
        }
    }

    private void set(Optimizer.ParamGroup<?> group, int i, double lr) {
        group.setLr(lr);
        lastLrs[i] = lr;
    }

    /**
     * The rate a step to {@code epoch} sets, given the group's current one: PyTorch's {@code get_lr()}. Here the
     * schedule's closed form, which ignores {@code currentLr}; the built-in schedulers scale {@code currentLr}.
     *
     * @param epoch the epoch stepped to, from 1 (0 for the first step, at construction)
     * @param currentLr the group's rate now
     * @param baseLr the group's initial rate
     * @return the rate for {@code epoch}
     */
    protected double chained(int epoch, double currentLr, double baseLr) {
        return schedule.lr(epoch, baseLr);
    }

    /**
     * The rate a {@link SequentialLR} sets when it hands over to this scheduler: PyTorch's {@code step(0)}, the closed
     * form at epoch 0 for the schedulers that have one, else (MultiplicativeLR) the chainable form from the current
     * rate.
     */
    double atMilestone(double currentLr, double baseLr) {
        return lrAt(0, baseLr);
    }

    /**
     * The rate this scheduler's closed form gives at {@code epoch} for a group that started at {@code baseLr}.
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
        return lastLrs.clone();
    }

    /**
     * The scheduler's progress as tensors, like {@code scheduler.state_dict()} (so it can be saved as safetensors
     * next to the optimizer's): {@code last_epoch} (a 0-d int64), {@code base_lrs} and {@code last_lr} (float64, one
     * per group). Its settings (step size, gamma, ...) are the constructor's: make the scheduler alike, then load.
     *
     * @return a new map
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("last_epoch", Tensor.scalar(lastEpoch, DType.INT64));
        out.put("base_lrs", Tensor.of(baseLrs.clone()));
        out.put("last_lr", Tensor.of(lastLrs.clone()));
        return out;
    }

    /**
     * Restores progress saved by {@link #stateDict()} of a scheduler over as many groups, like
     * {@code scheduler.load_state_dict(state)}; the groups' rates are the optimizer's (load its state dict too).
     * Everything is checked before anything changes.
     *
     * @param state a map made by {@link #stateDict()}
     * @throws IllegalArgumentException if a key is missing or unexpected, or the number of groups differs
     */
    public void loadStateDict(Map<String, Tensor> state) {
        String name = getClass().getSimpleName();
        checkKeys(name, state, Set.of("last_epoch", "base_lrs", "last_lr"));
        double[] base = perGroup(name, state, "base_lrs", baseLrs.length);
        double[] last = perGroup(name, state, "last_lr", baseLrs.length);
        lastEpoch = (int) state.get("last_epoch").item();
        System.arraycopy(base, 0, baseLrs, 0, base.length);
        System.arraycopy(last, 0, lastLrs, 0, last.length);
    }

    /** Fails unless {@code state}'s keys are exactly {@code keys}, naming the scheduler. */
    static void checkKeys(String name, Map<String, Tensor> state, Set<String> keys) {
        if (!state.keySet().equals(keys)) {
            throw new IllegalArgumentException("[" + name + "] a state dict needs the keys " + new TreeSet<>(keys)
                    + " but got " + new TreeSet<>(state.keySet()));
        }
    }

    /** The {@code n} values of a per-group entry, as doubles. */
    static double[] perGroup(String name, Map<String, Tensor> state, String key, int n) {
        Tensor t = state.get(key);
        if (t.numel() != n) {
            throw new IllegalArgumentException("[" + name + "] the state dict's " + key + " has " + t.numel()
                    + " values but the optimizer has " + n + " parameter groups");
        }
        return t.to(DType.FLOAT64).toDoubleArray();
    }
}
