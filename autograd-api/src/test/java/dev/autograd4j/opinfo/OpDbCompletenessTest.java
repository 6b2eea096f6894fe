package dev.autograd4j.opinfo;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Functional;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every public method of {@code Tensor} and {@code nn.Functional} is an op with samples in the database, or is in
 * the list of non-ops below, so an op added without samples (and so without being run on every backend) fails the
 * build. Runs without a backend: listing the database creates no tensor.
 */
class OpDbCompletenessTest {

    /** Public methods that are not ops, and why. A signature as {@link #signature} writes it. */
    private static final Set<String> NOT_OPS = Set.of(
            // Metadata: they read the tensor's description, compute nothing.
            "shape()", "size(int)", "dim()", "numel()", "dtype()", "device()", "stride()", "storageOffset()",
            "isContiguous()", "version()", "isView()",
            // Autograd API: flags, gradients, hooks, backward (the engine's tests cover them).
            "requiresGrad()", "requiresGrad(boolean)", "grad()", "setGrad(Tensor)", "zeroGrad()", "gradFn()",
            "outputNr()", "isLeaf()", "retainGrad()", "retainsGrad()", "registerHook(UnaryOperator)", "backward()",
            "backward(Tensor)", "backward(Tensor,boolean,boolean)", "backward(Tensor,boolean)",
            // Seeding the default generator (the random ops' entries call it before drawing).
            "manualSeed(long)",
            // Reading values out (the suites read every result with them).
            "item()", "itemLong()", "toFloatArray()", "toDoubleArray()", "toLongArray()", "toIntArray()", "toBooleanArray()",
            "toString()",
            // Lifecycle: releasing storage (the lifecycle suite covers them).
            "close()", "isClosed()",
            // An out= variant: never recorded, so no gradient to check; InPlaceSuite covers its values and errors on
            // every backend, and the op database covers matmul(Tensor) itself.
            "matmul(Tensor,Tensor)");

    /** {@code add(Tensor,double)} for Tensor's methods, {@code Functional.gelu(Tensor)} for Functional's. */
    static String signature(Method m) {
        String params = Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(","));
        String owner = m.getDeclaringClass() == Tensor.class ? "" : m.getDeclaringClass().getSimpleName() + ".";
        return owner + m.getName() + "(" + params + ")";
    }

    static Set<String> publicMethods() {
        Set<String> out = new TreeSet<>();
        for (Class<?> c : List.of(Tensor.class, Functional.class)) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    out.add(signature(m));
                }
            }
        }
        return out;
    }

    private static Set<String> calledBySamples() {
        Set<String> out = new TreeSet<>();
        for (OpInfo op : OpDb.all()) {
            for (Sample s : op.samples()) {
                out.add(s.call());
            }
        }
        return out;
    }

    @Test
    void everyPublicMethodIsAnOpWithSamplesOrListedAsNoOp() {
        List<String> uncovered = new ArrayList<>();
        for (String m : publicMethods()) {
            if (!NOT_OPS.contains(m) && !calledBySamples().contains(m)) {
                uncovered.add(m);
            }
        }
        assertTrue(uncovered.isEmpty(), "public methods without samples in the op database (add an entry, or list"
                + " them as non-ops with the reason): " + uncovered);
    }

    @Test
    void samplesCallMethodsThatExist() {
        Set<String> unknown = new TreeSet<>(calledBySamples());
        unknown.removeAll(publicMethods());
        assertTrue(unknown.isEmpty(), "samples name methods that are not public methods of Tensor or Functional: "
                + unknown);
    }

    @Test
    void theNonOpsListHasNoStaleEntries() {
        Set<String> stale = new TreeSet<>(NOT_OPS);
        stale.removeAll(publicMethods());
        assertTrue(stale.isEmpty(), "listed as non-ops but no longer public methods: " + stale);
        Set<String> both = new TreeSet<>(NOT_OPS);
        both.retainAll(calledBySamples());
        assertTrue(both.isEmpty(), "listed as non-ops but called by samples: " + both);
    }

    @Test
    void everyEntryIsComplete() {
        List<String> problems = new ArrayList<>();
        for (OpInfo op : OpDb.all()) {
            if (op.samples().isEmpty()) {
                problems.add(op + " has no samples");
            }
            for (Sample s : op.samples()) {
                if (s.reference == null) {
                    problems.add(op + ": " + s + " has no reference");
                }
                if (op.dtypes(s).isEmpty()) {
                    problems.add(op + ": " + s + " runs in no dtype");
                }
            }
            if (op.differentiable && op.samples().stream().noneMatch(op::gradcheck)) {
                problems.add(op + " is differentiable but no sample is gradchecked");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void listingTheDatabaseNeedsNoBackend() {
        // This module has no backend on its test class path: had building the entries or describing their samples
        // created a tensor, it would have failed.
        assertFalse(Backends.isAvailable(Device.Type.CPU), "a backend is on the api module's test class path");
        long samples = OpDb.all().stream().mapToLong(op -> op.samples().size()).sum();
        long described = OpDb.all().stream().flatMap(op -> op.samples().stream()).map(Sample::toString).count();
        assertEquals(samples, described);
        assertTrue(OpDb.all().size() > 100, "entries: " + OpDb.all().size());
    }
}
