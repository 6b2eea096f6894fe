package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Modules by name, like {@code torch.nn.ModuleDict}: each is registered under its key, in insertion order, so its
 * parameters are {@code "key.weight"}, and {@link #train}, {@link #to} and {@link #stateDict} reach them. Putting a
 * module under an existing key replaces it in its place, as PyTorch's. It has no {@code forward}.
 */
public class ModuleDict extends Module {

    /** An empty dict, like {@code nn.ModuleDict()}. */
    public ModuleDict() {
    }

    /**
     * A dict of these modules in the map's iteration order (use a {@code LinkedHashMap} to choose it), like
     * {@code nn.ModuleDict(modules)}.
     *
     * @param modules the modules by name
     * @throws IllegalArgumentException if a name is empty or contains a dot
     */
    public ModuleDict(Map<String, ? extends Module> modules) {
        putAll(modules);
    }

    /**
     * Sets the module under {@code key}, like {@code dict[key] = module}: a new key goes last, an existing one is
     * replaced in its place.
     *
     * @param key the name, non-empty, without dots
     * @param module the module
     * @return this dict
     * @throws IllegalArgumentException if {@code key} is empty or contains a dot
     */
    public ModuleDict put(String key, Module module) {
        putModule("ModuleDict", key, module);
        return this;
    }

    /**
     * Puts every entry of {@code modules} in its iteration order, like {@code update}.
     *
     * @param modules the modules by name
     * @return this dict
     * @throws IllegalArgumentException if a name is empty or contains a dot
     */
    public ModuleDict putAll(Map<String, ? extends Module> modules) {
        for (Map.Entry<String, ? extends Module> e : modules.entrySet()) {
            put(e.getKey(), e.getValue());
        }
        return this;
    }

    /**
     * The module under {@code key}, like {@code dict[key]}.
     *
     * @param key the name
     * @return the module
     * @throws IllegalArgumentException if there is no such key (PyTorch's {@code KeyError})
     */
    public Module get(String key) {
        Module m = namedChildren().get(key);
        if (m == null) {
            throw new IllegalArgumentException("[ModuleDict] no module named '" + key + "' (keys: " + keys() + ")");
        }
        return m;
    }

    /**
     * Removes the module under {@code key} and returns it, like {@code pop}.
     *
     * @param key the name
     * @return the removed module
     * @throws IllegalArgumentException if there is no such key
     */
    public Module remove(String key) {
        Module m = get(key);
        removeModule(key);
        return m;
    }

    /**
     * Whether a module is under {@code key}, like {@code key in dict}.
     *
     * @param key the name
     * @return true if present
     */
    public boolean containsKey(String key) {
        return namedChildren().containsKey(key);
    }

    /** Removes every module, like {@code clear}. */
    public void clear() {
        clearModules();
    }

    /**
     * The number of modules, like {@code len(dict)}.
     *
     * @return the count
     */
    public int size() {
        return namedChildren().size();
    }

    /**
     * The keys in order, like {@code keys()}.
     *
     * @return a new list
     */
    public List<String> keys() {
        return new ArrayList<>(namedChildren().keySet());
    }

    /**
     * The modules in key order, like {@code values()}.
     *
     * @return a new list
     */
    public List<Module> values() {
        return new ArrayList<>(namedChildren().values());
    }

    /**
     * The entries in order, like {@code items()}.
     *
     * @return an unmodifiable view
     */
    public Map<String, Module> items() {
        return namedChildren();
    }

    /**
     * A dict holds modules but computes nothing, as PyTorch's.
     *
     * @param input unused
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("[ModuleDict] has no forward: call its modules");
    }
}
