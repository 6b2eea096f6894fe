package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Modules held in a list, like {@code torch.nn.ModuleList}: they are registered as {@code "0"}, {@code "1"}, ..., so
 * their parameters are {@code "0.weight"}, ..., in list order, and {@link #train}, {@link #to} and
 * {@link #stateDict} reach them. It has no {@code forward}: a model's own forward calls its modules.
 * <pre>{@code
 * ModuleList blocks = registerModule("blocks", new ModuleList());
 * for (int i = 0; i < 4; i++) {
 *     blocks.add(new Linear(64, 64, gen));
 * }
 * }</pre>
 */
public class ModuleList extends Module implements Iterable<Module> {
    private final List<Module> modules = new ArrayList<>();

    /**
     * A list of these modules, like {@code nn.ModuleList([...])}.
     *
     * @param modules the modules, registered as "0", "1", ...
     */
    public ModuleList(Module... modules) {
        addAll(List.of(modules));
    }

    /**
     * A list of these modules, like {@code nn.ModuleList(modules)}.
     *
     * @param modules the modules, registered as "0", "1", ...
     */
    public ModuleList(List<? extends Module> modules) {
        addAll(modules);
    }

    /**
     * Appends a module, like {@code append}; returns this list.
     *
     * @param module the module, registered under the next index
     * @return this list
     */
    public ModuleList add(Module module) {
        putModule("ModuleList", Integer.toString(modules.size()), module);
        modules.add(module);
        return this;
    }

    /**
     * Appends modules in order, like {@code extend}; returns this list.
     *
     * @param more the modules
     * @return this list
     */
    public ModuleList addAll(List<? extends Module> more) {
        for (Module m : more) {
            add(m);
        }
        return this;
    }

    /**
     * Inserts a module before position {@code index}, like {@code insert}; the modules after it move up one index
     * (their parameters' names change accordingly, as in PyTorch).
     *
     * @param index where to insert, in {@code [0, size()]} (PyTorch 1.13's {@code insert} fails for a negative
     *     index, and misnames one past the end, so both are errors here)
     * @param module the module
     * @return this list
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public ModuleList insert(int index, Module module) {
        if (index < 0 || index > modules.size()) {
            throw new IndexOutOfBoundsException("[ModuleList] insert index " + index + " is out of range for "
                    + modules.size() + " modules");
        }
        modules.add(index, java.util.Objects.requireNonNull(module, "module"));
        renumber();
        return this;
    }

    /**
     * The module at {@code index}, like {@code list[index]}; a negative index counts from the end.
     *
     * @param index the position, in {@code [-size(), size())}
     * @return the module
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Module get(int index) {
        return modules.get(position(index));
    }

    /**
     * Replaces the module at {@code index}, like {@code list[index] = module}.
     *
     * @param index the position, in {@code [-size(), size())}
     * @param module the new module
     * @return the module it replaced
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Module set(int index, Module module) {
        int i = position(index);
        putModule("ModuleList", Integer.toString(i), module);
        return modules.set(i, module);
    }

    /**
     * Removes the module at {@code index}, like {@code del list[index]}; the modules after it move down one index.
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

    /**
     * The number of modules, like {@code len(list)}.
     *
     * @return the count
     */
    public int size() {
        return modules.size();
    }

    /**
     * The modules in order, like {@code iter(list)}.
     *
     * @return an iterator that cannot remove
     */
    @Override
    public Iterator<Module> iterator() {
        return Collections.unmodifiableList(modules).iterator();
    }

    /**
     * A list holds modules but computes nothing, as PyTorch's.
     *
     * @param input unused
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("[ModuleList] has no forward: call its modules");
    }

    private int position(int index) {
        if (index < -modules.size() || index >= modules.size()) {
            throw new IndexOutOfBoundsException("[ModuleList] index " + index + " is out of range for "
                    + modules.size() + " modules");
        }
        return index < 0 ? index + modules.size() : index;
    }

    /** Re-registers the modules as "0", "1", ... in list order, as PyTorch does after an insert or a delete. */
    private void renumber() {
        clearModules();
        for (int i = 0; i < modules.size(); i++) {
            putModule("ModuleList", Integer.toString(i), modules.get(i));
        }
    }
}
