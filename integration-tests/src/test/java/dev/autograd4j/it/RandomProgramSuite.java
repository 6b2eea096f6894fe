package dev.autograd4j.it;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;
import dev.autograd4j.opinfo.OpDb;
import dev.autograd4j.opinfo.OpInfo;
import dev.autograd4j.opinfo.Sample;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.autograd4j.it.Agreement.on;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random programs built from the op database, run forward and backward on {@link #device()} and on the CPU, every
 * value and every leaf's gradient compared. A program starts from a few leaves; each step picks a differentiable
 * sample of the database and feeds it earlier values: input {@code i} of the sample becomes
 * {@code base_i * (1 + 0.05 * tanh(v))}, where {@code base_i} is the sample's own drawn input (so it stays in the
 * op's domain: signs and zeros are kept) and {@code v} is an earlier value cut or repeated to the input's size.
 * The loss is the sum of the means of every value, so every step is differentiated. The seed fixes the program;
 * each device builds it from the same host values.
 */
public abstract class RandomProgramSuite {
    static final int PROGRAMS = 16, STEPS = 12;
    static final int[][] LEAVES = {{3, 4}, {4}, {2, 3, 4}};
    /** Looser than one op's bound: a value carries its own step's rounding and, damped by the 0.05, earlier ones'. */
    private static final double FLOAT64_RTOL = 1e-10, FLOAT32_RTOL = 1e-4;

    /** The device held to the CPU. */
    protected abstract Device device();

    /** Whether results must be bit-identical (the CPU against itself: the harness's own check). */
    protected boolean exact() {
        return false;
    }

    /** One step: a sample, and for each of its inputs the earlier value it is fed (-1: the sample's own input). */
    record Step(OpInfo op, Sample sample, int[] sources) {
    }

    /**
     * The samples a program may use: gradchecked in float64, run in both floating dtypes, results on the device, and
     * (tried once on the CPU) inputs and results that are not empty and results that are finite: a sample whose
     * result is NaN by design (the variance of one element) would make every later value NaN, which agrees with
     * anything.
     */
    static List<Step> candidates() {
        List<Step> out = new ArrayList<>();
        for (OpInfo op : OpDb.all()) {
            for (Sample s : op.samples()) {
                if (op.gradcheck(s) && !s.outputOnCpu() && op.dtypes(s).containsAll(
                        List.of(DType.FLOAT32, DType.FLOAT64)) && finiteAndNotEmpty(op, s)) {
                    out.add(new Step(op, s, null));
                }
            }
        }
        return out;
    }

    private static boolean finiteAndNotEmpty(OpInfo op, Sample s) {
        return on(Device.cpu(), () -> {
            Sample.Built b = s.build(DType.FLOAT64, Device.cpu(), op.seed(s), false);
            if (Arrays.stream(b.inputs).anyMatch(t -> t.numel() == 0)) {
                return false;
            }
            return b.run().stream().filter(t -> t.dtype().isFloatingPoint()).allMatch(t -> t.numel() > 0
                    && Arrays.stream(t.toDoubleArray()).allMatch(Double::isFinite));
        });
    }

    /** The program of {@code seed}: which sample each step runs and which earlier values feed it. */
    static List<Step> program(long seed, List<Step> candidates) {
        Random rng = new Random(seed);
        List<Step> steps = new ArrayList<>();
        int values = LEAVES.length;
        for (int k = 0; k < STEPS; k++) {
            Step c = candidates.get(rng.nextInt(candidates.size()));
            int[] sources = new int[c.sample.inputs().size()];
            for (int i = 0; i < sources.length; i++) {
                sources[i] = c.sample.inputs().get(i).differentiable() ? rng.nextInt(values) : -1;
            }
            steps.add(new Step(c.op, c.sample, sources));
            values++;
        }
        return steps;
    }

    /** What a program computed: the leaves' gradients, then every value in order. */
    record Run(List<Tensor> grads, List<Tensor> values) {
    }

    /** Runs {@code program} in {@code dtype} on {@code device}; everything drawn is drawn on the host. */
    static Run run(List<Step> program, long seed, DType dtype, Device device) {
        return on(device, () -> {
            List<Tensor> leaves = new ArrayList<>();
            for (int i = 0; i < LEAVES.length; i++) {
                leaves.add(Agreement.uniform(seed * 10 + i, LEAVES[i], dtype, device).requiresGrad(true));
            }
            List<Tensor> values = new ArrayList<>(leaves);
            Tensor loss = forward(program, dtype, device, values);
            if (loss != null && loss.requiresGrad()) {
                loss.backward();
            }
            List<Tensor> grads = new ArrayList<>();
            for (Tensor leaf : leaves) {
                grads.add(leaf.grad());
            }
            return new Run(grads, values);
        });
    }

    /**
     * Runs the steps of {@code program} on {@code values} (the leaves, in {@code dtype} on {@code device}), adding
     * each step's value to them; returns the loss, the sum of the values' means (null when every value is empty).
     */
    static Tensor forward(List<Step> program, DType dtype, Device device, List<Tensor> values) {
        Tensor loss = null;
        for (int k = 0; k < program.size(); k++) {
            Step step = program.get(k);
            Sample.Built b = step.sample.build(dtype, device, step.op.seed(step.sample) + 31L * k, false);
            Tensor[] inputs = b.storage.clone();
            for (int i = 0; i < inputs.length; i++) {
                if (step.sources[i] >= 0) {
                    // The NaN a strided input's storage holds between the elements its view sees would make
                    // the gradient there 0 * NaN: those elements become 0 (the view never reads them).
                    Tensor base = Tensor.where(inputs[i].isnan(), 0.0, inputs[i]);
                    // In the input's dtype: an earlier step that promoted to float64 ("add float64 [3]") must not
                    // make this step's operands mixed (linear, matmul refuse two dtypes).
                    Tensor v = fit(values.get(step.sources[i]), base.shape()).to(base.dtype());
                    inputs[i] = base.mul(v.tanh().mul(0.05).add(1.0));
                }
            }
            Tensor out = b.runOn(inputs, step.op.isInplace()).stream()
                    .filter(t -> t.dtype().isFloatingPoint()).findFirst().orElseThrow();
            values.add(out);
            Tensor term = out.numel() == 0 ? null : out.mean();
            loss = term == null ? loss : loss == null ? term : loss.add(term);
        }
        return loss;
    }

    /** {@code v}'s elements in row-major order, cut or repeated to fill {@code shape}. */
    static Tensor fit(Tensor v, int[] shape) {
        int need = 1;
        for (int d : shape) {
            need *= d;
        }
        if (need == 0 || v.numel() == 0) {
            return Tensor.zeros(shape, v.dtype(), v.device());
        }
        Tensor flat = v.reshape(-1);
        if (flat.numel() < need) {
            int copies = (int) ((need + flat.numel() - 1) / flat.numel());
            flat = Tensor.cat(Collections.nCopies(copies, flat), 0);
        }
        return flat.narrow(0, 0, need).reshape(shape);
    }

    static String describe(List<Step> program) {
        StringJoiner j = new StringJoiner(" -> ");
        for (Step s : program) {
            j.add(s.op.name);
        }
        return j.toString();
    }

    @TestFactory
    Stream<DynamicTest> randomProgramsAgreeWithTheCpu() {
        List<Step> candidates = candidates();
        return Stream.of(DType.FLOAT64, DType.FLOAT32).flatMap(dtype -> IntStream.range(0, PROGRAMS).mapToObj(p -> {
            long seed = 1000L + p;
            List<Step> program = program(seed, candidates);
            return DynamicTest.dynamicTest("program " + p + " " + dtype + ": " + describe(program),
                    () -> compare(program, seed, dtype));
        }));
    }

    private void compare(List<Step> program, long seed, DType dtype) {
        Run ours = run(program, seed, dtype, device());
        Run cpu = run(program, seed, dtype, Device.cpu());
        double rtol = exact() ? 0 : dtype == DType.FLOAT64 ? FLOAT64_RTOL : FLOAT32_RTOL;
        for (int k = LEAVES.length; k < cpu.values.size(); k++) {
            Step step = program.get(k - LEAVES.length);
            Agreement.atMagnitude("step " + (k - LEAVES.length) + " (" + step.sample + ")", cpu.values.get(k),
                    ours.values.get(k), rtol);
        }
        for (int i = 0; i < LEAVES.length; i++) {
            Tensor c = cpu.grads.get(i), g = ours.grads.get(i);
            assertEquals(c == null, g == null, "leaf " + i + " has a gradient on one device only");
            if (c != null) {
                Agreement.atMagnitude("the gradient of leaf " + i, c, g, rtol);
            }
        }
    }

    /**
     * The programs are worth comparing (checked on the CPU): they draw from most of the database, and their values
     * and gradients are finite, not NaN everywhere (which would agree with anything).
     */
    @Test
    void theProgramsAreWorthComparing() {
        List<Step> candidates = candidates();
        long ops = candidates.stream().map(s -> s.op.name).distinct().count();
        assertTrue(candidates.size() > 400 && ops > 70, candidates.size() + " candidate samples of " + ops + " ops");
        int finiteGrads = 0, finiteValues = 0;
        for (int p = 0; p < PROGRAMS; p++) {
            List<Step> program = program(1000L + p, candidates);
            Run run = run(program, 1000L + p, DType.FLOAT64, Device.cpu());
            finiteGrads += (int) run.grads.stream().filter(g -> g != null && finite(g)).count();
            finiteValues += (int) run.values.stream().filter(RandomProgramSuite::finite).count();
        }
        int grads = PROGRAMS * LEAVES.length, values = PROGRAMS * (LEAVES.length + STEPS);
        assertTrue(finiteGrads >= grads * 3 / 4, finiteGrads + " of " + grads + " leaf gradients are finite");
        assertTrue(finiteValues >= values * 95 / 100, finiteValues + " of " + values + " values are finite");
    }

    private static boolean finite(Tensor t) {
        return Arrays.stream(t.toDoubleArray()).allMatch(Double::isFinite);
    }
}
