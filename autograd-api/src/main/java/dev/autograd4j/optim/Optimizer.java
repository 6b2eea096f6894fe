package dev.autograd4j.optim;

import dev.autograd4j.DType;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.nn.Parameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Updates parameters from their gradients, like {@code torch.optim.Optimizer}. Parameters come in
 * {@linkplain ParamGroup groups}, each with its own options (a learning rate for the head, another for the body).
 *
 * <p>Note [An optimizer step reads nothing back]: {@link #step()} runs under {@code GradMode.noGrad()} with in-place
 * tensor ops on the parameters' device; hyperparameters and step counts are Java numbers that travel to the kernels
 * as scalars, so a step on a GPU never waits for it (no {@code item()}, no {@code toArray}). Its temporaries are
 * closed when it ends. Per-parameter state (momentum buffers, moments) lives on the parameter's device, belongs to
 * no {@link Scope} (a step may run inside one), and follows the parameter when its module moves to another device.
 *
 * @param <O> the optimizer's options (hyperparameters), an immutable record
 */
public abstract class Optimizer<O extends Optimizer.Options<O>> {

    /** An optimizer's hyperparameters: an immutable record whose withers return a changed copy. */
    public interface Options<O> {
        /**
         * The learning rate.
         *
         * @return the learning rate
         */
        double lr();

        /**
         * A copy with another learning rate (what schedulers set).
         *
         * @param lr the new learning rate
         * @return a new options record
         */
        O lr(double lr);

        /**
         * The hyperparameters by PyTorch's names, for {@link #stateDict()} (booleans as 0 or 1).
         *
         * @return the hyperparameters by name, in a stable order
         */
        Map<String, Double> toMap();
    }

    /** Parameters updated with the same options, like an entry of PyTorch's {@code optimizer.param_groups}. */
    public static final class ParamGroup<O extends Options<O>> {
        private final List<Parameter> params;
        private O options;
        /** The learning rate a scheduler started from (PyTorch's {@code initial_lr}); NaN until one is made. */
        double initialLr = Double.NaN;

        /**
         * A group of parameters and the options they are updated with.
         *
         * @param params the parameters (copied into an immutable list)
         * @param options the options
         * @throws NullPointerException if {@code options} is null
         */
        public ParamGroup(List<Parameter> params, O options) {
            this.params = List.copyOf(params);
            this.options = Objects.requireNonNull(options, "options");
        }

        /**
         * The group's parameters, like {@code group["params"]}.
         *
         * @return an immutable list
         */
        public List<Parameter> params() {
            return params;
        }

        /**
         * The group's current options.
         *
         * @return the options record
         */
        public O options() {
            return options;
        }

        /**
         * Replaces this group's options (takes effect on the next step).
         *
         * @param options the new options
         * @throws NullPointerException if {@code options} is null
         */
        public void setOptions(O options) {
            this.options = Objects.requireNonNull(options, "options");
        }

        /**
         * The group's learning rate, like {@code group["lr"]}.
         *
         * @return the learning rate
         */
        public double lr() {
            return options.lr();
        }

        /**
         * Sets the group's learning rate, like {@code group["lr"] = lr} (what schedulers do).
         *
         * @param lr the new learning rate
         */
        public void setLr(double lr) {
            options = options.lr(lr);
        }
    }

    /** A parameter's state: named tensors on its device, and how many steps updated it. */
    protected static final class State {
        long step;
        final Map<String, Tensor> tensors = new LinkedHashMap<>();

        State() {
        }

        /**
         * The state tensor {@code name}, or null before the first step made it.
         *
         * @param name the state's name ({@code "momentum_buffer"}, {@code "exp_avg"}, ...)
         * @return the tensor, or null
         */
        public Tensor get(String name) {
            return tensors.get(name);
        }

        /**
         * Stores a state tensor; it is owned by the optimizer (made outside any scope, see {@link #owned}).
         *
         * @param name the state's name
         * @param t the tensor, made with {@link #owned}
         * @return {@code t}
         */
        public Tensor put(String name, Tensor t) {
            tensors.put(name, t);
            return t;
        }

        /**
         * The number of steps that updated this parameter, this one included.
         *
         * @return the step count
         */
        public long step() {
            return step;
        }
    }

    private final String name;
    private final List<ParamGroup<O>> groups = new ArrayList<>();
    private final Map<Parameter, State> state = new IdentityHashMap<>();

    /**
     * An optimizer over the given groups, each validated.
     *
     * @param name the optimizer's name, first in its error messages ({@code "SGD"})
     * @param groups the parameter groups, at least one
     * @throws IllegalArgumentException if {@code groups} is empty, a parameter is in two groups, or an option is
     *     invalid
     */
    protected Optimizer(String name, List<ParamGroup<O>> groups) {
        this.name = name;
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("[" + name + "] optimizer got an empty parameter list");
        }
        for (ParamGroup<O> g : groups) {
            addParamGroup(g);
        }
    }

    /**
     * Checks a group's options; throws with the optimizer's name first.
     *
     * @param options the options to check
     * @throws IllegalArgumentException if an option is out of range (use {@link #error})
     */
    protected abstract void validate(O options);

    /**
     * Updates one parameter from its gradient. Runs under no-grad inside a scope that closes the temporaries; state
     * tensors are made with {@link #owned}.
     *
     * @param param the parameter's tensor, updated in place
     * @param grad its gradient
     * @param state its state, empty before its first step
     * @param options its group's options
     */
    protected abstract void update(Tensor param, Tensor grad, State state, O options);

    /**
     * Options of this optimizer from {@link Options#toMap()}'s names, for {@link #loadStateDict}.
     *
     * @param values the hyperparameters by name
     * @return the options record
     */
    protected abstract O fromMap(Map<String, Double> values);

    /**
     * Adds a group, like {@code optimizer.add_param_group}; a parameter may be in one group only.
     *
     * @param group the new group
     * @throws IllegalArgumentException if a parameter is already in a group or an option is invalid
     */
    public final void addParamGroup(ParamGroup<O> group) {
        validate(group.options());
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup<O> g : groups) {
            seen.addAll(g.params());
        }
        for (Parameter p : group.params()) {
            if (!seen.add(p)) {
                throw new IllegalArgumentException("[" + name + "] some parameters appear in more than one parameter"
                        + " group (or twice in one)");
            }
        }
        groups.add(group);
    }

    /**
     * The groups, in order; change a group's options through it (schedulers set the learning rate so).
     *
     * @return an unmodifiable list of the groups, like {@code optimizer.param_groups}
     */
    public final List<ParamGroup<O>> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    /** Performs one update of every parameter that has a gradient (the others are skipped). */
    public final void step() {
        try (GradMode.Guard ignored = GradMode.noGrad(); Scope scope = Tensors.scope()) {
            for (ParamGroup<O> g : groups) {
                for (Parameter p : g.params()) {
                    Tensor param = p.tensor();
                    Tensor grad = param.grad();
                    if (grad == null) {
                        continue;
                    }
                    State s = stateOf(p, param);
                    s.step++;
                    update(param, grad, s, g.options());
                }
            }
        }
    }

    /** The parameter's state, moved first to where the parameter now is (a module's {@code to} moves parameters). */
    private State stateOf(Parameter p, Tensor param) {
        State s = state.computeIfAbsent(p, k -> new State());
        for (Map.Entry<String, Tensor> e : s.tensors.entrySet()) {
            Tensor t = e.getValue();
            if (t.device() != param.device() || t.dtype() != param.dtype()) {
                e.setValue(owned(() -> t.to(param.device()).to(param.dtype()).detach()));
                t.close();
            }
        }
        return s;
    }

    /**
     * Makes a state tensor that outlives the step: it belongs to no scope.
     *
     * @param make creates the tensor
     * @return the tensor, owned by the caller
     */
    protected static Tensor owned(java.util.function.Supplier<Tensor> make) {
        try (Scope ignored = Tensors.untracked()) {
            return make.get();
        }
    }

    /** Clears every parameter's gradient (PyTorch 2's default, {@code set_to_none=True}). */
    public final void zeroGrad() {
        zeroGrad(true);
    }

    /**
     * Clears every parameter's gradient: to null when {@code setToNone} (frees it), else to zeros in place.
     *
     * @param setToNone null the gradients (true) or zero them in place (false)
     */
    public final void zeroGrad(boolean setToNone) {
        for (ParamGroup<O> g : groups) {
            for (Parameter p : g.params()) {
                if (setToNone) {
                    p.tensor().setGrad(null);
                } else {
                    p.tensor().zeroGrad();
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // State dict
    // ------------------------------------------------------------------------------------------------------------

    /**
     * The optimizer's state as tensors, PyTorch's {@code optimizer.state_dict()} flattened to names so it can be
     * saved as safetensors: {@code state.<i>.<name>} for each parameter's state tensors (numbered across the groups
     * in order, as PyTorch numbers them) and {@code state.<i>.step} (a 0-d float32, as PyTorch keeps it);
     * {@code param_groups.<g>.<option>} (0-d float64) and {@code param_groups.<g>.params} (the parameter numbers,
     * int64). State tensors are the optimizer's own (not copies).
     *
     * @return a new map, like {@code optimizer.state_dict()} flattened to tensors (so it can be saved as safetensors)
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int index = 0;
        for (int gi = 0; gi < groups.size(); gi++) {
            ParamGroup<O> g = groups.get(gi);
            long[] numbers = new long[g.params().size()];
            for (int k = 0; k < numbers.length; k++, index++) {
                numbers[k] = index;
                State s = state.get(g.params().get(k));
                if (s != null) {
                    for (Map.Entry<String, Tensor> e : s.tensors.entrySet()) {
                        out.put("state." + index + "." + e.getKey(), e.getValue());
                    }
                    out.put("state." + index + ".step", Tensor.scalar(s.step));
                }
            }
            String prefix = "param_groups." + gi + ".";
            for (Map.Entry<String, Double> e : g.options().toMap().entrySet()) {
                out.put(prefix + e.getKey(), Tensor.scalar(e.getValue(), DType.FLOAT64));
            }
            if (!Double.isNaN(g.initialLr)) {
                out.put(prefix + "initial_lr", Tensor.scalar(g.initialLr, DType.FLOAT64));
            }
            out.put(prefix + "params", Tensor.of(numbers));
        }
        return out;
    }

    /**
     * Loads a state dict made by {@link #stateDict()} of an optimizer of the same kind over parameters of the same
     * shapes, grouped alike: the options and each parameter's state (copied onto the parameter's device and dtype).
     * Everything is checked before anything changes, so a failed load changes nothing.
     *
     * @param dict a map made by {@link #stateDict()}
     * @throws IllegalArgumentException if a key is missing or unexpected, the groups differ, or a state tensor's shape
     *     does not match its parameter
     */
    public final void loadStateDict(Map<String, Tensor> dict) {
        Set<String> used = new java.util.HashSet<>();
        List<O> options = new ArrayList<>();
        List<Double> initialLrs = new ArrayList<>();
        int index = 0;
        Map<Parameter, State> loaded = new IdentityHashMap<>();
        for (int gi = 0; gi < groups.size(); gi++) {
            ParamGroup<O> g = groups.get(gi);
            String prefix = "param_groups." + gi + ".";
            Tensor params = require(dict, prefix + "params", used);
            if (params.numel() != g.params().size()) {
                throw error("loaded state dict contains a parameter group of " + params.numel() + " parameters that"
                        + " doesn't match the size of the optimizer's group " + gi + " (" + g.params().size() + ")");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (String key : g.options().toMap().keySet()) {
                values.put(key, require(dict, prefix + key, used).item());
            }
            O o = fromMap(values);
            validate(o);
            options.add(o);
            Tensor initial = dict.get(prefix + "initial_lr");
            initialLrs.add(initial == null ? Double.NaN : initial.item());
            used.add(prefix + "initial_lr");
            for (Parameter p : g.params()) {
                String sp = "state." + index + ".";
                Tensor step = dict.get(sp + "step");
                if (step != null) {
                    used.add(sp + "step");
                    State s = new State();
                    s.step = (long) step.item();
                    for (Map.Entry<String, Tensor> e : dict.entrySet()) {
                        String key = e.getKey();
                        if (key.startsWith(sp) && !key.equals(sp + "step") && key.indexOf('.', sp.length()) < 0) {
                            Tensor t = e.getValue();
                            if (!Arrays.equals(t.shape(), p.shape())) {
                                throw error("state " + key + " has shape " + Arrays.toString(t.shape())
                                        + " but its parameter has shape " + Arrays.toString(p.shape()));
                            }
                            s.tensors.put(key.substring(sp.length()), t);
                            used.add(key);
                        }
                    }
                    loaded.put(p, s);
                }
                index++;
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : dict.keySet()) {
            if (!used.contains(key)) {
                unexpected.add(key);
            }
        }
        if (!unexpected.isEmpty()) {
            throw error("unexpected keys " + unexpected + " (a state dict of another optimizer, or of "
                    + (groups.size() == 1 ? "more than one group" : "another grouping") + "?)");
        }
        // Everything checked: commit. State tensors become the optimizer's own copies on the parameters' devices.
        for (int gi = 0; gi < groups.size(); gi++) {
            groups.get(gi).setOptions(options.get(gi));
            groups.get(gi).initialLr = initialLrs.get(gi);
        }
        state.clear();
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            for (Map.Entry<Parameter, State> e : loaded.entrySet()) {
                Tensor param = e.getKey().tensor();
                for (Map.Entry<String, Tensor> t : e.getValue().tensors.entrySet()) {
                    Tensor src = t.getValue();
                    t.setValue(owned(() -> src.to(param.device()).to(param.dtype()).detach().clone()));
                }
                state.put(e.getKey(), e.getValue());
            }
        }
    }

    private Tensor require(Map<String, Tensor> dict, String key, Set<String> used) {
        Tensor t = dict.get(key);
        if (t == null) {
            throw error("missing key " + key + " (a state dict of another optimizer, or of another grouping?)");
        }
        used.add(key);
        return t;
    }

    /**
     * PyTorch's check of a hyperparameter that must not be negative (NaN fails too): "invalid {@code what}: value".
     *
     * @param what the name in PyTorch's message ("learning rate", "epsilon value", "weight_decay value", ...)
     * @param value the value
     * @throws IllegalArgumentException if the value is negative or NaN
     */
    protected final void requireNonNegative(String what, double value) {
        if (!(value >= 0)) {
            throw error("invalid " + what + ": " + value);
        }
    }

    /**
     * PyTorch's check of an Adam-family optimizer's betas: each in {@code [0, 1)}.
     *
     * @param beta1 the first moment's decay
     * @param beta2 the second moment's (or infinity norm's) decay
     * @throws IllegalArgumentException naming the beta out of range
     */
    protected final void requireBetas(double beta1, double beta2) {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw error("invalid beta parameter at index 0: " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw error("invalid beta parameter at index 1: " + beta2);
        }
    }

    /**
     * An IllegalArgumentException whose message starts with the optimizer's name in brackets.
     *
     * @param message the rest of the message
     * @return the exception, to throw
     */
    protected final IllegalArgumentException error(String message) {
        return new IllegalArgumentException("[" + name + "] " + message);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(" (");
        for (int i = 0; i < groups.size(); i++) {
            sb.append("\nParameter Group ").append(i);
            for (Map.Entry<String, Double> e : groups.get(i).options().toMap().entrySet()) {
                sb.append("\n    ").append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        return sb.append("\n)").toString();
    }
}
