package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Modules applied one after another, like {@code torch.nn.Sequential}; they are registered as {@code "0"},
 * {@code "1"}, ..., so parameter names read {@code "0.weight"}, as PyTorch's.
 */
public class Sequential extends Module {
    private final List<Module> modules = new ArrayList<>();

    /**
     * The modules in order, like {@code nn.Sequential(*modules)}.
     *
     * @param modules the modules, registered as "0", "1", ...
     */
    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /**
     * Appends a module; returns this.
     *
     * @param module the module, registered under the next index
     * @return this module
     */
    public Sequential add(Module module) {
        modules.add(registerModule(Integer.toString(modules.size()), module));
        return this;
    }

    /**
     * Appends modules in order, like {@code seq.extend(modules)}; returns this.
     *
     * @param more the modules
     * @return this module
     */
    public Sequential addAll(java.util.List<? extends Module> more) {
        for (Module m : more) {
            add(m);
        }
        return this;
    }

    /**
     * Inserts a module before position {@code index}, like {@code seq.insert(index, module)} (PyTorch 1.13's, which
     * takes a negative index from the end); the modules after it move up one index, and their names with them.
     *
     * @param index where to insert, in {@code [-size(), size()]}
     * @param module the module
     * @return this module
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Sequential insert(int index, Module module) {
        if (index < -modules.size() || index > modules.size()) {
            throw new IndexOutOfBoundsException("[Sequential] insert index " + index + " is out of range for "
                    + modules.size() + " modules");
        }
        modules.add(index < 0 ? index + modules.size() : index, java.util.Objects.requireNonNull(module, "module"));
        renumber();
        return this;
    }

    /**
     * Replaces the module at {@code index}, like {@code seq[index] = module}.
     *
     * @param index the position, in {@code [-size(), size())}
     * @param module the new module
     * @return the module it replaced
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Module set(int index, Module module) {
        java.util.Objects.requireNonNull(module, "module");
        Module old = modules.set(position(index), module);
        renumber();
        return old;
    }

    /**
     * Removes the module at {@code index}, like {@code seq.pop(index)} or {@code del seq[index]}; the modules after it
     * move down one index.
     *
     * @param index the position, in {@code [-size(), size())}
     * @return the removed module
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Module remove(int index) {
        Module removed = modules.remove(position(index));
        renumber();
        return removed;
    }

    /** Re-registers the modules as "0", "1", ... in order, as PyTorch renumbers after an insert or a delete. */
    private void renumber() {
        clearModules();
        for (int i = 0; i < modules.size(); i++) {
            putModule("Sequential", Integer.toString(i), modules.get(i));
        }
    }

    private int position(int index) {
        if (index < -modules.size() || index >= modules.size()) {
            throw new IndexOutOfBoundsException("[Sequential] index " + index + " is out of range for "
                    + modules.size() + " modules");
        }
        return index < 0 ? index + modules.size() : index;
    }

    /**
     * The module at {@code index}, like {@code seq[index]}; a negative index counts from the end, as in PyTorch.
     *
     * @param index the position, in {@code [-size(), size())}
     * @return the module
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Module get(int index) {
        return modules.get(position(index));
    }

    /**
     * The number of modules, like {@code len(seq)}.
     *
     * @return the count
     */
    public int size() {
        return modules.size();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : modules) {
            x = m.forward(x);
        }
        return x;
    }
}
