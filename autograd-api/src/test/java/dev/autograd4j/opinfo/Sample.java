package dev.autograd4j.opinfo;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One call of an op: which public method it calls ({@link #call}, as the completeness test names methods), its
 * inputs, and its reference. Nothing is created until a suite {@link #build builds} it for a dtype and a device.
 * Settings left unset (dtypes, tolerances, node name, result dtype) are the entry's.
 */
public final class Sample {
    /** The call under test: the op applied to the built inputs; factories get the dtype under test and device. */
    @FunctionalInterface
    public interface Op {
        /** Returns a Tensor, a {@code Tensor.ValuesIndices} or a {@code List<Tensor>}. */
        Object apply(Tensor[] inputs, DType dtype, Device device);
    }

    /** The expected result from the inputs' host values: an {@link Nd}, or an {@code Nd[]} for several outputs. */
    @FunctionalInterface
    public interface Reference {
        Object expect(Nd[] inputs, DType dtype);
    }

    final String call;
    final List<In> inputs;
    final Op op;
    Reference reference;
    String label;
    String gradFn;
    String noGradFn;
    Set<DType> dtypes;
    final Map<DType, Tolerance> tolerances = new EnumMap<>(DType.class);
    String noGrad;
    String noGradGrad;
    UnaryOperator<DType> result;
    boolean outputOnCpu;
    double[] gradOutput;
    double[][] grads;
    Tolerance[] gradTolerances;
    boolean contiguous;
    String cpuSameDtype;

    private Sample(String call, Op op, List<In> inputs) {
        this.call = call;
        this.op = op;
        this.inputs = inputs;
    }

    /** A call of {@code call} (e.g. {@code "add(Tensor,double)"} or {@code "Functional.gelu(Tensor)"}). */
    public static Sample of(String call, Function<Tensor[], Object> op, In... inputs) {
        return new Sample(call, (x, dtype, device) -> op.apply(x), List.of(inputs));
    }

    /** A factory call, given the dtype under test and the suite's device. */
    public static Sample factory(String call, BiFunction<DType, Device, Object> op) {
        return new Sample(call, (x, dtype, device) -> op.apply(dtype, device), List.of());
    }

    public Sample ref(Function<Nd[], Object> reference) {
        this.reference = (in, dtype) -> reference.apply(in);
        return this;
    }

    /** A reference that depends on the dtype under test (factories, random fills). */
    public Sample refFor(Reference reference) {
        this.reference = reference;
        return this;
    }

    /** What the test name says besides the inputs (the arguments, what is special about it). */
    public Sample label(String label) {
        this.label = label;
        return this;
    }

    /** The name of the output's {@code gradFn}, as PyTorch prints it for the same call. */
    public Sample gradFn(String name) {
        this.gradFn = name;
        return this;
    }

    /** The node name is not checked for this sample, for the reason given. */
    public Sample noGradFn(String why) {
        this.noGradFn = why;
        return this;
    }

    /** Runs only in these dtypes. */
    public Sample only(DType... dtypes) {
        this.dtypes = EnumSet.copyOf(Arrays.asList(dtypes));
        return this;
    }

    public Sample tol(DType dtype, Tolerance tolerance) {
        tolerances.put(dtype, tolerance);
        return this;
    }

    /** Not gradchecked, for the reason given. */
    public Sample noGrad(String why) {
        this.noGrad = why;
        return this;
    }

    /** Not gradgradchecked, for the reason given. */
    public Sample noGradGrad(String why) {
        this.noGradGrad = why;
        return this;
    }

    /** The result dtype for the dtype under test, where this call's rule differs from the entry's. */
    public Sample result(UnaryOperator<DType> rule) {
        this.result = rule;
        return this;
    }

    /** The result lives on the CPU whatever the suite's device ({@code to(Device.cpu())}). */
    public Sample onCpu() {
        this.outputOnCpu = true;
        return this;
    }

    /**
     * Gradient values to check (printed by PyTorch): after {@code backward(gradOutput)} (null: ones, the gradient of
     * {@code out.sum()}), the differentiable inputs' gradients are {@code expected}, within {@code tolerance}.
     */
    public Sample grads(double[] gradOutput, Tolerance tolerance, double[]... expected) {
        this.gradOutput = gradOutput;
        this.gradTolerances = new Tolerance[] {tolerance};
        this.grads = expected;
        return this;
    }

    /** One tolerance per gradient of {@link #grads}. */
    public Sample gradTolerances(Tolerance... tolerances) {
        this.gradTolerances = tolerances;
        return this;
    }

    /**
     * Compared with the CPU in the dtype under test rather than float64, for the reason given (the result depends on
     * the dtype's own semantics: a conversion that truncates).
     */
    public Sample cpuSameDtype(String why) {
        this.cpuSameDtype = why;
        return this;
    }

    /** The outputs must be contiguous. */
    public Sample contiguous() {
        this.contiguous = true;
        return this;
    }

    public boolean outputOnCpu() {
        return outputOnCpu;
    }

    public boolean contiguousOutput() {
        return contiguous;
    }

    /** The upstream gradient of the gradient-value check (null: ones). */
    public double[] gradOutput() {
        return gradOutput;
    }

    /** The expected gradients of the differentiable inputs, in order (printed by PyTorch), or null. */
    public double[][] expectedGrads() {
        return grads;
    }

    /** The tolerance of expected gradient {@code i}. */
    public Tolerance gradTolerance(int i) {
        return gradTolerances[Math.min(i, gradTolerances.length - 1)];
    }

    public String call() {
        return call;
    }

    public List<In> inputs() {
        return inputs;
    }

    /** The test name: the call, the inputs and the label. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ");
        for (In in : inputs) {
            j.add(in.toString());
        }
        String args = j.toString();
        return call + (args.isEmpty() ? "" : " " + args) + (label != null ? " " + label : "");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Building
    // ------------------------------------------------------------------------------------------------------------

    /** A sample made concrete for one dtype and device: the storages, the input views and their host values. */
    public final class Built {
        public final DType dtype;
        public final Device device;
        public final Nd[] hostStorage;
        public final Nd[] host;
        public final Tensor[] storage;
        public final Tensor[] inputs;

        private Built(DType dtype, Device device, long seed, Nd[] values, boolean leaves) {
            this.dtype = dtype;
            this.device = device;
            int n = Sample.this.inputs.size();
            hostStorage = new Nd[n];
            host = new Nd[n];
            storage = new Tensor[n];
            inputs = new Tensor[n];
            for (int i = 0; i < n; i++) {
                In in = Sample.this.inputs.get(i);
                DType type = in.dtypeFor(dtype);
                hostStorage[i] = values != null ? values[i] : in.hostStorage(type, seed * 31 + i);
                host[i] = in.logical(hostStorage[i]);
                storage[i] = In.storageTensor(hostStorage[i], type, device);
                if (leaves && in.differentiable()) {
                    storage[i].requiresGrad(true);
                }
                inputs[i] = in.view(storage[i]);
            }
        }

        /** Runs the op on the inputs. */
        public List<Tensor> run() {
            return outputs(op.apply(inputs, dtype, device));
        }

        /** Runs the op on views of {@code leaves}, tensors like the storages (the gradient suite's function). */
        public List<Tensor> runOn(Tensor[] leaves, boolean cloneFirst) {
            Tensor[] x = new Tensor[leaves.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = Sample.this.inputs.get(i).view(leaves[i]);
            }
            if (cloneFirst) {
                x[0] = x[0].clone();
            }
            return outputs(op.apply(x, dtype, device));
        }

        /** The expected outputs from the reference. */
        public Nd[] expected() {
            Object r = reference.expect(host, dtype);
            return r instanceof Nd nd ? new Nd[] {nd} : (Nd[]) r;
        }
    }

    /**
     * Builds the inputs for {@code dtype} on {@code device}; {@code seed} makes the draws of this sample differ from
     * other samples'. With {@code leaves}, the storages of differentiable inputs require grad.
     */
    public Built build(DType dtype, Device device, long seed, boolean leaves) {
        return new Built(dtype, device, seed, null, leaves);
    }

    /**
     * The same input values as {@code built}'s, in {@code dtype} on {@code device} (what the suites compare a device's
     * result with: the same values on the CPU in float64).
     */
    public Built rebuild(Built built, DType dtype, Device device) {
        return new Built(dtype, device, 0, built.hostStorage, false);
    }

    @SuppressWarnings("unchecked")
    static List<Tensor> outputs(Object result) {
        if (result instanceof Tensor t) {
            return List.of(t);
        }
        if (result instanceof Tensor.ValuesIndices vi) {
            return List.of(vi.values(), vi.indices());
        }
        if (result instanceof List<?> list) {
            return new ArrayList<>((List<Tensor>) list);
        }
        throw new IllegalStateException("an op returned " + result);
    }
}
