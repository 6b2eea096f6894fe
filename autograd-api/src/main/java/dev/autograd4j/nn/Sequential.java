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
     * The module at {@code index}, like {@code seq[index]}; a negative index counts from the end, as in PyTorch.
     *
     * @param index the position, in {@code [-size(), size())}
     * @return the module
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Module get(int index) {
        if (index < -modules.size() || index >= modules.size()) {
            throw new IndexOutOfBoundsException("[Sequential] index " + index + " is out of range for "
                    + modules.size() + " modules");
        }
        return modules.get(index < 0 ? index + modules.size() : index);
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
