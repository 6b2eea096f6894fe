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

    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends a module; returns this. */
    public Sequential add(Module module) {
        modules.add(registerModule(Integer.toString(modules.size()), module));
        return this;
    }

    public Module get(int index) {
        return modules.get(index);
    }

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
