package dev.autograd4j.opinfo;

import dev.autograd4j.DType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One entry of the op database, like PyTorch's {@code OpInfo}: an op with its samples (each naming the public
 * method it calls), the dtypes it runs in, whether it is differentiable (and twice), the name of its backward node,
 * its result dtype, its tolerances where they differ from {@link Tolerance#of the defaults}, and the calls that must
 * fail. Samples and error cases are descriptions: building an entry creates no tensor.
 */
public final class OpInfo {
    public static final Set<DType> FLOATING = Collections.unmodifiableSet(EnumSet.of(DType.FLOAT32, DType.FLOAT64));
    public static final Set<DType> NUMERIC = Collections.unmodifiableSet(
            EnumSet.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64));
    public static final Set<DType> ALL = Collections.unmodifiableSet(EnumSet.allOf(DType.class));

    /** The result dtype of ops that compute in floating point: integers and bool give float32, as in PyTorch. */
    public static final UnaryOperator<DType> FLOAT_RESULT = t -> t.isFloatingPoint() ? t : DType.FLOAT32;
    /** A bool tensor with a whole-number scalar (a Python int) is int64; other dtypes stay. */
    public static final UnaryOperator<DType> BOOL_TO_INT64 = t -> t == DType.BOOL ? DType.INT64 : t;
    /** Sums of integers and bools are int64. */
    public static final UnaryOperator<DType> SUM_RESULT = t -> t.isFloatingPoint() ? t : DType.INT64;

    public final String name;
    String errorName;
    Set<DType> dtypes = FLOATING;
    boolean differentiable = true;
    String noGradGrad;
    String gradFn;
    List<String> gradFnNext = List.of();
    UnaryOperator<DType> result = t -> t;
    final Map<DType, Tolerance> tolerances = new EnumMap<>(DType.class);
    boolean inplace;
    String cpuSameDtype;
    final List<Sample> samples = new ArrayList<>();
    final List<ErrorCase> errors = new ArrayList<>();

    private OpInfo(String name) {
        this.name = name;
        this.errorName = name;
    }

    public static OpInfo op(String name) {
        return new OpInfo(name);
    }

    public OpInfo dtypes(Set<DType> dtypes) {
        this.dtypes = dtypes;
        return this;
    }

    public OpInfo dtypes(DType... dtypes) {
        return dtypes(EnumSet.copyOf(Arrays.asList(dtypes)));
    }

    /** No gradient flows through it (comparisons, arg-reductions, factories). */
    public OpInfo notDifferentiable() {
        this.differentiable = false;
        return this;
    }

    /** Differentiable once only, for the reason given. */
    public OpInfo noGradGrad(String why) {
        this.noGradGrad = why;
        return this;
    }

    /**
     * PyTorch's name of the backward node (samples may name another), and of the nodes reached from it through the
     * first input, in order ({@code NllLossBackward0}, then {@code LogSoftmaxBackward0}).
     */
    public OpInfo gradFn(String name, String... next) {
        this.gradFn = name;
        this.gradFnNext = List.of(next);
        return this;
    }

    /** The result dtype for each dtype under test (the same dtype unless given). */
    public OpInfo result(UnaryOperator<DType> rule) {
        this.result = rule;
        return this;
    }

    public OpInfo tol(DType dtype, Tolerance tolerance) {
        tolerances.put(dtype, tolerance);
        return this;
    }

    /** The name its error messages give in brackets, where it differs from the entry's name. */
    public OpInfo errorName(String name) {
        this.errorName = name;
        return this;
    }

    /** An in-place op: it returns its first input, modified. */
    public OpInfo inplace() {
        this.inplace = true;
        return this;
    }

    /**
     * Compared with the CPU in the same dtype rather than in float64, for the reason given (a random fill draws other
     * bits for float32 than for float64).
     */
    public OpInfo cpuSameDtype(String why) {
        this.cpuSameDtype = why;
        return this;
    }

    public OpInfo add(Sample... samples) {
        this.samples.addAll(Arrays.asList(samples));
        return this;
    }

    public OpInfo add(List<Sample> samples) {
        this.samples.addAll(samples);
        return this;
    }

    public OpInfo error(ErrorCase... cases) {
        this.errors.addAll(Arrays.asList(cases));
        return this;
    }

    public OpInfo error(List<ErrorCase> cases) {
        this.errors.addAll(cases);
        return this;
    }

    // ------------------------------------------------------------------------------------------------------------
    // What the suites ask
    // ------------------------------------------------------------------------------------------------------------

    public boolean isInplace() {
        return inplace;
    }

    /** Whether {@code s}'s comparison with the CPU runs in the dtype under test (see {@link #cpuSameDtype}). */
    public boolean cpuInSameDtype(Sample s) {
        return cpuSameDtype != null || s.cpuSameDtype != null;
    }

    public boolean isDifferentiable() {
        return differentiable;
    }

    public String errorName() {
        return errorName;
    }

    public List<Sample> samples() {
        return Collections.unmodifiableList(samples);
    }

    public List<ErrorCase> errors() {
        return Collections.unmodifiableList(errors);
    }

    /** The dtypes {@code s} runs in. */
    public Set<DType> dtypes(Sample s) {
        Set<DType> out = EnumSet.noneOf(DType.class);
        out.addAll(dtypes);
        if (s.dtypes != null) {
            out.retainAll(s.dtypes);
        }
        return out;
    }

    /** The dtype {@code s}'s outputs have when {@code dtype} is under test, unless the reference says otherwise. */
    public DType resultType(Sample s, DType dtype) {
        return (s.result != null ? s.result : result).apply(dtype);
    }

    /** The tolerance for results of {@code resultType}. */
    public Tolerance tolerance(Sample s, DType resultType) {
        Tolerance t = s.tolerances.get(resultType);
        if (t == null) {
            t = tolerances.get(resultType);
        }
        return t != null ? t : Tolerance.of(resultType);
    }

    /**
     * The node names expected from {@code s}'s output: its {@code gradFn}, then the first input's node of each in
     * turn. Empty where none is checked.
     */
    public List<String> gradFns(Sample s) {
        if (!differentiable || s.noGradFn != null) {
            return List.of();
        }
        if (s.gradFn != null) {
            return List.of(s.gradFn);
        }
        if (s.noGrad != null || gradFn == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(List.of(gradFn));
        out.addAll(gradFnNext);
        return out;
    }

    /** Whether {@code s} is gradchecked: a differentiable op, float64 supported, some input differentiable. */
    public boolean gradcheck(Sample s) {
        return differentiable && s.noGrad == null && dtypes(s).contains(DType.FLOAT64)
                && s.inputs.stream().anyMatch(In::differentiable);
    }

    public boolean gradgradcheck(Sample s) {
        return gradcheck(s) && noGradGrad == null && s.noGradGrad == null;
    }

    /** The seed of {@code s}'s draws: fixed by the entry's name and the sample's place in it. */
    public long seed(Sample s) {
        return (name.hashCode() * 1_000_003L + samples.indexOf(s)) & 0xFFFFFFFFL;
    }

    @Override
    public String toString() {
        return name;
    }
}
