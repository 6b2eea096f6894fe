package dev.autograd4j.verify;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.GradMode;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.internal.Tracing;
import dev.autograd4j.nn.Module;
import dev.autograd4j.nn.Parameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs the same model in two configurations (device and dtype: the CPU in float64 against CUDA in float32, say)
 * and compares them node by node, forward and backward, to find the first operation whose value or gradient
 * diverges and the line of the caller's code that ran it:
 * <pre>{@code
 * Report report = Verify.compare(in -> model(in.get(0), in.get(1)), List.of(x, w),
 *         Config.of("cpu:float64"), Config.of("cpu:float32"));
 * System.out.println(report);            // a table: every node, its errors, its call site
 * report.firstDivergence().ifPresent(...);
 * }</pre>
 * Each run converts the inputs to its configuration (floating-point ones to its dtype, all to its device; a leaf
 * that requires grad stays one), calls the model with grad mode on and the configuration's device as the default,
 * and runs backward from the loss the model returns. Meanwhile every node created is recorded with the user's call
 * site (found by walking the stack, only while verifying), its outputs and the gradients it receives and returns.
 * The two runs' nodes are paired in the order they were created; where the two graphs differ (another op, another
 * shape) pairing stops and the report says where. There is no PyTorch counterpart: PyTorch users bisect such a
 * difference by hand with hooks.
 */
public final class Verify {
    private Verify() {
    }

    /**
     * Where and in which floating-point dtype a run computes: {@code cpu:float64}, {@code cuda:0:float32}.
     *
     * @param device the device the inputs are moved to and the default device during the run
     * @param dtype  the floating-point dtype floating-point inputs are converted to
     */
    public record Config(Device device, DType dtype) {
        /**
         * Checks the dtype is floating point.
         *
         * @param device the device
         * @param dtype  a floating-point dtype
         * @throws IllegalArgumentException when the dtype is not floating point
         */
        public Config {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(dtype, "dtype");
            if (!dtype.isFloatingPoint()) {
                throw new IllegalArgumentException("[verify] a configuration's dtype must be floating point, not "
                        + dtype);
            }
        }

        /**
         * Parses {@code device:dtype} ({@code cpu:float64}, {@code cuda:float32}, {@code cuda:1:float32}); the
         * dtype alone means the CPU.
         *
         * @param spec the configuration as text
         * @return the configuration
         * @throws IllegalArgumentException for an unknown device or dtype
         */
        public static Config of(String spec) {
            Objects.requireNonNull(spec, "spec");
            int colon = spec.lastIndexOf(':');
            String device = colon < 0 ? "cpu" : spec.substring(0, colon);
            String dtype = spec.substring(colon + 1).trim();
            for (DType t : DType.values()) {
                if (t.toString().equals(dtype)) {
                    return new Config(Device.of(device), t);
                }
            }
            throw new IllegalArgumentException("[verify] expected a configuration like 'cpu:float64' or"
                    + " 'cuda:float32' but got '" + spec + "'");
        }

        @Override
        public String toString() {
            return device + ":" + dtype;
        }
    }

    /**
     * When two values count as the same: {@code max|candidate - reference| <= atol + rtol * max|reference|},
     * relative to the largest element of the reference (a single element near zero does not make a small absolute
     * error look large).
     *
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     */
    public record Tolerance(double rtol, double atol) {
        /**
         * Checks both are non-negative.
         *
         * @param rtol the relative tolerance
         * @param atol the absolute tolerance
         * @throws IllegalArgumentException when one is negative or NaN
         */
        public Tolerance {
            if (!(rtol >= 0) || !(atol >= 0)) {
                throw new IllegalArgumentException("[verify] tolerances must be non-negative, got rtol " + rtol
                        + " and atol " + atol);
            }
        }

        /**
         * The default for comparing runs in these dtypes, set by the less precise one: float32 {@code rtol 1e-4,
         * atol 1e-6} (some 800 float32 ulps, room for a few hundred ops' rounding to add up), float64
         * {@code rtol 1e-9, atol 1e-12} (differences in summation order across devices).
         *
         * @param a one run's dtype
         * @param b the other's
         * @return the tolerance
         */
        public static Tolerance of(DType a, DType b) {
            boolean single = a == DType.FLOAT32 || b == DType.FLOAT32;
            return single ? new Tolerance(1e-4, 1e-6) : new Tolerance(1e-9, 1e-12);
        }
    }

    /**
     * Compares {@code model} run on {@code inputs} in the two configurations, with the dtypes' default tolerance.
     *
     * @param model     the user's code: from the inputs (converted to a configuration) to a single-element loss
     * @param inputs    the model's inputs; those that require grad are the leaves whose gradients are compared
     * @param reference the configuration trusted more (float64 on the CPU, usually)
     * @param candidate the configuration under test
     * @return the report, node by node
     * @throws IllegalArgumentException when the model returns no loss or one of more than one element
     */
    public static Report compare(Function<List<Tensor>, Tensor> model, List<Tensor> inputs, Config reference,
                                 Config candidate) {
        return compare(model, inputs, reference, candidate, Tolerance.of(reference.dtype(), candidate.dtype()));
    }

    /**
     * Compares {@code model} run on {@code inputs} in the two configurations, with the given tolerance.
     *
     * @param model     the user's code: from the inputs (converted to a configuration) to a single-element loss
     * @param inputs    the model's inputs; those that require grad are the leaves whose gradients are compared
     * @param reference the configuration trusted more
     * @param candidate the configuration under test
     * @param tolerance when two values count as the same
     * @return the report, node by node
     * @throws IllegalArgumentException when the model returns no loss or one of more than one element
     */
    public static Report compare(Function<List<Tensor>, Tensor> model, List<Tensor> inputs, Config reference,
                                 Config candidate, Tolerance tolerance) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputs, "inputs");
        Run ref = run(model, inputs, null, null, reference);
        Run cand = run(model, inputs, null, null, candidate);
        return Report.of(reference, candidate, tolerance, ref, cand);
    }

    /**
     * Compares {@code model} run on named inputs in the two configurations, with the given tolerance: the report
     * names each leaf by its key.
     *
     * @param model     the user's code: from the inputs by name (converted to a configuration) to a single-element
     *                  loss
     * @param inputs    the model's inputs by name, in order; those that require grad are compared leaf by leaf
     * @param reference the configuration trusted more
     * @param candidate the configuration under test
     * @param tolerance when two values count as the same
     * @return the report, node by node
     * @throws IllegalArgumentException when the model returns no loss or one of more than one element
     */
    public static Report compare(Function<Map<String, Tensor>, Tensor> model, Map<String, Tensor> inputs,
                                 Config reference, Config candidate, Tolerance tolerance) {
        Objects.requireNonNull(model, "model");
        List<String> names = new ArrayList<>(inputs.keySet());
        Function<List<Tensor>, Tensor> byPosition = in -> {
            Map<String, Tensor> named = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                named.put(names.get(i), in.get(i));
            }
            return model.apply(named);
        };
        List<Tensor> values = new ArrayList<>(inputs.values());
        Run ref = run(byPosition, values, names, null, reference);
        Run cand = run(byPosition, values, names, null, candidate);
        return Report.of(reference, candidate, tolerance, ref, cand);
    }

    /**
     * Compares a module's loss in the two configurations, with the dtypes' default tolerance (see
     * {@link #compare(Module, Function, List, Config, Config, Tolerance)}).
     *
     * @param module    the model, whose parameters the loss uses
     * @param loss      the user's code: from the inputs (converted to a configuration) to a single-element loss
     * @param inputs    the data (images, targets); those that require grad are compared too
     * @param reference the configuration trusted more
     * @param candidate the configuration under test
     * @return the report, node by node
     * @throws IllegalArgumentException when the loss has more than one element
     */
    public static Report compare(Module module, Function<List<Tensor>, Tensor> loss, List<Tensor> inputs,
                                 Config reference, Config candidate) {
        return compare(module, loss, inputs, reference, candidate,
                Tolerance.of(reference.dtype(), candidate.dtype()));
    }

    /**
     * Compares a module's loss in the two configurations: before each run the module is moved to the
     * configuration's device and dtype and given its original parameter values again; afterwards it is put back
     * as it was (device, dtype, values and gradients). Its parameters are compared leaf by leaf, by name.
     *
     * @param module    the model, whose parameters the loss uses
     * @param loss      the user's code: from the inputs (converted to a configuration) to a single-element loss
     * @param inputs    the data (images, targets); those that require grad are compared too
     * @param reference the configuration trusted more
     * @param candidate the configuration under test
     * @param tolerance when two values count as the same
     * @return the report, node by node
     * @throws IllegalArgumentException when the loss has more than one element
     */
    public static Report compare(Module module, Function<List<Tensor>, Tensor> loss, List<Tensor> inputs,
                                 Config reference, Config candidate, Tolerance tolerance) {
        Objects.requireNonNull(module, "module");
        Map<String, Tensor> original = new LinkedHashMap<>();
        Map<String, Tensor> originalGrads = new LinkedHashMap<>();
        Parameter first = module.parameters().isEmpty() ? null : module.parameters().get(0);
        Device device = first == null ? Device.cpu() : first.device();
        DType dtype = first == null ? DType.FLOAT32 : first.dtype();
        try (Scope ignored = Tensors.untracked(); GradMode.Guard noGrad = GradMode.noGrad()) {
            module.stateDict().forEach((k, v) -> original.put(k, v.clone()));
            module.namedParameters().forEach((k, p) -> {
                if (p.grad() != null) {
                    originalGrads.put(k, p.grad().clone());
                }
            });
        }
        try {
            Run ref = run(loss, inputs, null, moduleAt(module, original, reference), reference);
            Run cand = run(loss, inputs, null, moduleAt(module, original, candidate), candidate);
            return Report.of(reference, candidate, tolerance, ref, cand);
        } finally {
            module.to(device).to(dtype);
            module.loadStateDict(original);
            module.namedParameters().forEach((k, p) -> p.tensor().setGrad(originalGrads.get(k)));
        }
    }

    /** Puts the module on the configuration with its original values and no gradients; returns its parameters. */
    private static Map<String, Tensor> moduleAt(Module module, Map<String, Tensor> original, Config config) {
        module.to(config.device()).to(config.dtype());
        module.loadStateDict(original);
        Map<String, Tensor> params = new LinkedHashMap<>();
        module.namedParameters().forEach((k, p) -> {
            p.tensor().setGrad(null);
            params.put(k, p.tensor());
        });
        return params;
    }

    /** What one configuration computed: the recording, the loss, and the leaves by name with their gradients. */
    record Run(Recording recording, Tensor loss, Map<String, Tensor> leaves, Map<String, Recording.Values> grads) {
    }

    /** One run: the inputs converted, the model called and differentiated, everything recorded. */
    private static Run run(Function<List<Tensor>, Tensor> model, List<Tensor> inputs, List<String> names,
                           Map<String, Tensor> params, Config config) {
        Recording recording = new Recording();
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        if (params != null) {
            leaves.putAll(params);
        }
        Tensor loss;
        try (GradMode.Guard grad = GradMode.enableGrad()) {
            List<Tensor> converted = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                Tensor t = convert(inputs.get(i), config);
                converted.add(t);
                if (t.requiresGrad()) {
                    leaves.put(names != null ? names.get(i) : "input " + i, t);
                }
            }
            // this thread's default only: other threads (another verify, the user's training) keep theirs
            try (Device.Guard onDevice = Device.withDefault(config.device());
                 Tracing.AutoCloseableNoThrow watching = Tracing.install(recording)) {
                loss = model.apply(converted);
                if (loss == null || loss.numel() != 1) {
                    throw new IllegalArgumentException("[verify] the model must return a single-element loss, but"
                            + " returned " + (loss == null ? "null" : "a tensor of shape "
                            + Arrays.toString(loss.shape())) + " on " + config);
                }
                if (loss.requiresGrad()) {
                    loss.backward();
                }
            } finally {
                recording.close();
            }
        }
        Map<String, Recording.Values> grads = new LinkedHashMap<>();
        leaves.forEach((name, leaf) -> grads.put(name, Recording.Values.of(leaf.grad())));
        return new Run(recording, loss, leaves, grads);
    }

    /** A fresh leaf on the configuration: floating-point values in its dtype, on its device. */
    private static Tensor convert(Tensor t, Config config) {
        Objects.requireNonNull(t, "input");
        try (GradMode.Guard noGrad = GradMode.noGrad()) {
            Tensor moved = t.detach().to(config.device());
            if (t.dtype().isFloatingPoint()) {
                moved = moved.to(config.dtype());
            }
            moved = moved.clone(); // its own storage: the model may write into it
            return t.requiresGrad() ? moved.requiresGrad(true) : moved;
        }
    }
}
