package dev.autograd4j.nn;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;

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
 * A layer or a model, like {@code torch.nn.Module}: it owns named {@link Parameter}s, buffers (tensors that are
 * state but not learned) and submodules, registered in its constructor, and computes {@link #forward}.
 * <pre>{@code
 * class Net extends Module {
 *     final Linear fc1, fc2;
 *     Net(Generator gen) {
 *         fc1 = registerModule("fc1", new Linear(64, 128, gen));
 *         fc2 = registerModule("fc2", new Linear(128, 10, gen));
 *     }
 *     public Tensor forward(Tensor x) {
 *         return fc2.forward(fc1.forward(x).relu());
 *     }
 * }
 * }</pre>
 * Names are PyTorch's: {@code namedParameters()} yields {@code "fc1.weight"}, {@code stateDict()} has the same keys
 * (parameters, then buffers, module by module), so a state dict saved as safetensors by either library loads in the
 * other when the modules are built alike.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /**
     * A module with no parameters, buffers or submodules yet, in training mode; subclasses register theirs in their
     * constructor.
     */
    protected Module() {
    }

    /**
     * The module's computation.
     *
     * @param input the input batch
     * @return the output
     */
    public abstract Tensor forward(Tensor input);

    // ------------------------------------------------------------------------------------------------------------
    // Registration (from subclasses' constructors)
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Registers {@code data} as a parameter named {@code name} (a leaf that requires grad) and returns it.
     *
     * @param name the attribute name, non-empty, without dots, unique in this module
     * @param data the initial values; the parameter holds a detached leaf over the same storage
     * @return the new parameter
     * @throws IllegalArgumentException if the name is empty, contains a dot or is taken
     */
    protected final Parameter registerParameter(String name, Tensor data) {
        return registerParameter(name, new Parameter(data));
    }

    /**
     * Registers an existing parameter under {@code name}, like {@code module.register_parameter(name, param)}; a
     * parameter registered in two modules is shared (and trained once).
     *
     * @param name the attribute name, non-empty, without dots, unique in this module
     * @param parameter the parameter
     * @return {@code parameter}
     * @throws IllegalArgumentException if the name is empty, contains a dot or is taken
     */
    protected final Parameter registerParameter(String name, Parameter parameter) {
        checkName("register_parameter", name);
        parameters.put(name, Objects.requireNonNull(parameter, "parameter"));
        return parameter;
    }

    /**
     * Registers a buffer: state that {@link #to} moves and {@link #stateDict} saves, but no optimizer updates.
     *
     * @param name the attribute name, non-empty, without dots, unique in this module
     * @param tensor the initial value; the module keeps a detached tensor over the same storage, in no scope
     * @return the tensor the module holds
     * @throws IllegalArgumentException if the name is empty, contains a dot or is taken
     */
    protected final Tensor registerBuffer(String name, Tensor tensor) {
        checkName("register_buffer", name);
        try (Scope ignored = Tensors.untracked()) {
            Tensor owned = Objects.requireNonNull(tensor, "tensor").detach();
            buffers.put(name, owned);
            return owned;
        }
    }

    /**
     * The buffer registered as {@code name} now (moves replace it, so read it when you use it).
     *
     * @param name the buffer's name
     * @return the tensor
     * @throws IllegalArgumentException if there is no such buffer
     */
    protected final Tensor buffer(String name) {
        Tensor t = buffers.get(name);
        if (t == null) {
            throw new IllegalArgumentException("[buffer] " + getClass().getSimpleName() + " has no buffer '" + name + "'");
        }
        return t;
    }

    /**
     * Registers a submodule under {@code name}, like assigning a module attribute in PyTorch: its parameters and
     * buffers then appear under {@code name + "."}.
     *
     * @param <M> the submodule's type
     * @param name the attribute name, non-empty, without dots, unique in this module
     * @param module the submodule
     * @return {@code module}
     * @throws IllegalArgumentException if the name is empty, contains a dot or is taken
     */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName("register_module", name);
        children.put(name, Objects.requireNonNull(module, "module"));
        return module;
    }

    /**
     * For the containers ({@link ModuleList}, {@link ModuleDict}): sets submodule {@code name}, replacing one of that
     * name in its place (a new name goes last), like PyTorch's {@code module._modules[name] = m}.
     */
    final void putModule(String op, String name, Module module) {
        Objects.requireNonNull(module, "module");
        if (!children.containsKey(name)) {
            checkName(op, name);
        }
        children.put(name, module);
    }

    /** For the containers: removes submodule {@code name} and returns it (null when absent). */
    final Module removeModule(String name) {
        return children.remove(name);
    }

    /** For the containers: removes every submodule. */
    final void clearModules() {
        children.clear();
    }

    private void checkName(String op, String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("[" + op + "] a name must be non-empty and contain no '.' but got '"
                    + name + "'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("[" + op + "] " + getClass().getSimpleName() + " already has '" + name
                    + "'");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // What it holds
    // ------------------------------------------------------------------------------------------------------------

    /**
     * The direct submodules by name, in registration order.
     *
     * @return an unmodifiable view, like {@code module.named_children()}
     */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * This module ({@code ""}) and every submodule below it, depth first, each once, by dotted name.
     *
     * @return a new map, like {@code module.named_modules()}
     */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collectModules("", this, out, seen);
        return out;
    }

    private static void collectModules(String prefix, Module m, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(m)) {
            return;
        }
        out.put(prefix, m);
        for (Map.Entry<String, Module> c : m.children.entrySet()) {
            collectModules(prefix.isEmpty() ? c.getKey() : prefix + "." + c.getKey(), c.getValue(), out, seen);
        }
    }

    /**
     * Every parameter of this module and its submodules by dotted name ({@code "0.weight"}): each module's own, then
     * its children's, in registration order; a parameter shared by two modules appears once.
     *
     * @return a new map, like {@code module.named_parameters()}
     */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> m : namedModules().entrySet()) {
            for (Map.Entry<String, Parameter> p : m.getValue().parameters.entrySet()) {
                if (seen.add(p.getValue())) {
                    out.put(qualified(m.getKey(), p.getKey()), p.getValue());
                }
            }
        }
        return out;
    }

    /**
     * The parameters of {@link #namedParameters()}, in the same order: what an optimizer takes.
     *
     * @return a new list, like {@code list(module.parameters())}
     */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Every buffer of this module and its submodules by dotted name.
     *
     * @return a new map, like {@code module.named_buffers()}
     */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> m : namedModules().entrySet()) {
            for (Map.Entry<String, Tensor> b : m.getValue().buffers.entrySet()) {
                out.put(qualified(m.getKey(), b.getKey()), b.getValue());
            }
        }
        return out;
    }

    private static String qualified(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Modes, gradients, devices
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Training mode for this module and every submodule (dropout drops); returns this module.
     *
     * @return this module
     */
    public final Module train() {
        return train(true);
    }

    /**
     * Sets training ({@code true}) or evaluation mode for this module and every submodule, like {@code
     * model.train(mode)}.
     *
     * @param mode true for training
     * @return this module
     */
    public final Module train(boolean mode) {
        for (Module m : namedModules().values()) {
            m.training = mode;
        }
        return this;
    }

    /**
     * Evaluation mode (dropout passes its input through), like {@code model.eval()}; returns this module.
     *
     * @return this module
     */
    public final Module eval() {
        return train(false);
    }

    /**
     * Whether this module is in training mode, like {@code module.training}.
     *
     * @return true after {@link #train()}, false after {@link #eval()}
     */
    public final boolean isTraining() {
        return training;
    }

    /**
     * Calls {@code fn} on every submodule, then on this module, like {@code model.apply(fn)} (PyTorch's order: each
     * child's subtree first, recursively, then the parent); the usual way to initialise a model's layers.
     *
     * <pre>{@code
     * model.apply(m -> {
     *     if (m instanceof Linear l) {
     *         Init.xavierUniform_(l.weight().tensor(), gen);
     *     }
     * });
     * }</pre>
     *
     * @param fn what to do with each module
     * @return this module
     */
    public final Module apply(java.util.function.Consumer<? super Module> fn) {
        for (Module child : new ArrayList<>(children.values())) {
            child.apply(fn);
        }
        fn.accept(this);
        return this;
    }

    /**
     * Sets whether every parameter requires grad, like {@code model.requires_grad_(flag)}: {@code false} freezes
     * the module (its parameters get no gradient, so an optimizer skips them).
     *
     * @param requiresGrad whether the parameters require grad
     * @return this module
     */
    public final Module requiresGrad(boolean requiresGrad) {
        for (Parameter p : parameters()) {
            p.requiresGrad(requiresGrad);
        }
        return this;
    }

    /** Clears every parameter's gradient (PyTorch 2's default, {@code set_to_none=True}). */
    public final void zeroGrad() {
        zeroGrad(true);
    }

    /**
     * Clears every parameter's gradient: to null when {@code setToNone}, else to zeros in place.
     *
     * @param setToNone null the gradients (true) or zero them in place (false)
     */
    public final void zeroGrad(boolean setToNone) {
        for (Parameter p : parameters()) {
            if (setToNone) {
                p.tensor().setGrad(null);
            } else {
                p.tensor().zeroGrad();
            }
        }
    }

    /**
     * Moves every parameter (with its gradient) and buffer to {@code device}, like {@code model.to(device)}: the
     * {@link Parameter} objects stay the same, each holding a leaf on the new device, so an optimizer built before
     * the move keeps working (its state follows on its next step). Returns this module.
     *
     * <pre>{@code
     * Device device = Backends.isAvailable(Device.Type.CUDA) ? Device.cuda(0) : Device.cpu();
     * model.to(device);
     * }</pre>
     *
     * @param device the target device
     * @return this module
     * @throws IllegalStateException if no backend for {@code device} can run here
     */
    public final Module to(Device device) {
        return move(device, null);
    }

    /**
     * Converts every floating-point parameter and buffer to {@code dtype} (floating), like {@code model.double()}.
     *
     * @param dtype FLOAT32 or FLOAT64
     * @return this module
     * @throws IllegalArgumentException if {@code dtype} is not floating point
     */
    public final Module to(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("[to] a module converts its floating-point tensors to a floating dtype,"
                    + " not " + dtype);
        }
        return move(null, dtype);
    }

    private Module move(Device device, DType dtype) {
        for (Parameter p : parameters()) {
            Tensor t = p.tensor();
            p.moveTo(device != null ? device : t.device(), dtype != null && t.dtype().isFloatingPoint() ? dtype : t.dtype());
        }
        for (Module m : namedModules().values()) {
            for (Map.Entry<String, Tensor> b : m.buffers.entrySet()) {
                Tensor t = b.getValue();
                Device d = device != null ? device : t.device();
                DType type = dtype != null && t.dtype().isFloatingPoint() ? dtype : t.dtype();
                if (d != t.device() || type != t.dtype()) {
                    try (Scope ignored = Tensors.untracked(); GradMode.Guard noGrad = GradMode.noGrad()) {
                        b.setValue(t.to(d).to(type).detach());
                    }
                    t.close();
                }
            }
        }
        return this;
    }

    // ------------------------------------------------------------------------------------------------------------
    // State dict
    // ------------------------------------------------------------------------------------------------------------

    /**
     * The parameters and buffers by dotted name, like {@code model.state_dict()}: detached tensors sharing the
     * module's storage (copy or save them; they change when the module trains).
     *
     * @return a new map from dotted names to detached tensors
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> t : stateTargets().entrySet()) {
            out.put(t.getKey(), t.getValue().detach());
        }
        return out;
    }

    /**
     * The tensors of the state dict by key: each module's parameters, then its buffers, then its children's, under
     * every path that reaches them (a module or parameter shared by two parents appears under both names, as in
     * PyTorch's state_dict, unlike {@link #namedParameters()}).
     */
    private Map<String, Tensor> stateTargets() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", this, out);
        return out;
    }

    private static void collectState(String prefix, Module m, Map<String, Tensor> out) {
        for (Map.Entry<String, Parameter> p : m.parameters.entrySet()) {
            out.put(qualified(prefix, p.getKey()), p.getValue().tensor());
        }
        for (Map.Entry<String, Tensor> b : m.buffers.entrySet()) {
            out.put(qualified(prefix, b.getKey()), b.getValue());
        }
        for (Map.Entry<String, Module> c : m.children.entrySet()) {
            collectState(qualified(prefix, c.getKey()), c.getValue(), out);
        }
    }

    /** What {@link #loadStateDict(Map, boolean)} did not match: PyTorch's {@code missing_keys}/{@code unexpected_keys}. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {
    }

    /**
     * Loads a state dict whose keys are exactly this module's (see {@link #loadStateDict(Map, boolean)}).
     *
     * @param state tensors by dotted name, as {@link #stateDict()} or {@code Safetensors.load} gives them
     * @return no missing or unexpected keys (a strict load fails instead)
     * @throws IllegalArgumentException if a key is missing or unexpected, or a shape differs; nothing is copied then
     */
    public final LoadResult loadStateDict(Map<String, Tensor> state) {
        return loadStateDict(state, true);
    }

    /**
     * Copies {@code state}'s tensors into the parameters and buffers of the same names, like
     * {@code model.load_state_dict(state, strict)}: values are converted to each target's dtype and device, and the
     * parameters stay the same objects. A shape that differs is an error; so are missing or unexpected keys when
     * {@code strict}. Everything is checked before anything is copied, so a failed load changes nothing.
     *
     * <pre>{@code
     * model.loadStateDict(Safetensors.load(Path.of("model.safetensors")));
     * }</pre>
     *
     * @param state tensors by dotted name
     * @param strict whether missing and unexpected keys are errors
     * @return the keys that did not match (both lists empty after a strict load)
     * @throws IllegalArgumentException if a shape differs, or, when {@code strict}, a key is missing or unexpected;
     *     nothing is copied then
     */
    public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> targets = stateTargets();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> t : targets.entrySet()) {
            Tensor src = state.get(t.getKey());
            if (src == null) {
                missing.add(t.getKey());
            } else if (!Arrays.equals(src.shape(), t.getValue().shape())) {
                mismatched.add(t.getKey() + ": " + Arrays.toString(src.shape()) + " in the state dict, "
                        + Arrays.toString(t.getValue().shape()) + " in the module");
            }
        }
        for (String key : state.keySet()) {
            if (!targets.containsKey(key)) {
                unexpected.add(key);
            }
        }
        if (!mismatched.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            List<String> problems = new ArrayList<>();
            if (strict && !missing.isEmpty()) {
                problems.add("missing keys " + missing);
            }
            if (strict && !unexpected.isEmpty()) {
                problems.add("unexpected keys " + unexpected);
            }
            if (!mismatched.isEmpty()) {
                problems.add("size mismatch for " + String.join(", ", mismatched));
            }
            throw new IllegalArgumentException("[load_state_dict] error(s) in loading the state dict for "
                    + getClass().getSimpleName() + ": " + String.join("; ", problems));
        }
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            for (Map.Entry<String, Tensor> t : targets.entrySet()) {
                Tensor src = state.get(t.getKey());
                if (src != null) {
                    t.getValue().copy_(src);
                }
            }
        }
        return new LoadResult(List.copyOf(missing), List.copyOf(unexpected));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Printing
    // ------------------------------------------------------------------------------------------------------------

    /**
     * What the module prints between its parentheses ({@code in_features=64, out_features=10, bias=True}).
     *
     * @return the text, empty by default
     */
    protected String extraRepr() {
        return "";
    }

    /**
     * Like PyTorch's repr: the class name, {@link #extraRepr()}, and each submodule on its own line.
     * <pre>
     * Sequential(
     *   (0): Linear(in_features=64, out_features=128, bias=True)
     *   (1): ReLU()
     * )</pre>
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(');
        String extra = extraRepr();
        if (children.isEmpty()) {
            return sb.append(extra).append(')').toString();
        }
        if (!extra.isEmpty()) {
            sb.append("\n  ").append(extra);
        }
        for (Map.Entry<String, Module> c : children.entrySet()) {
            sb.append("\n  (").append(c.getKey()).append("): ").append(c.getValue().toString().replace("\n", "\n  "));
        }
        return sb.append("\n)").toString();
    }
}
