package dev.autograd4j.opinfo;

import dev.autograd4j.Device;
import dev.autograd4j.Tensor;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A call that must fail: its inputs (made on the suite's device when the case runs), the exception type, and what
 * the one-line message must say besides the op's name in brackets, which comes first. {@code "$device"} and
 * {@code "$other"} in a fragment stand for the suite's device and the second device of a device-mismatch case.
 */
public final class ErrorCase {
    final String label;
    final Function<Device, Tensor[]> inputs;
    final Function<Tensor[], Object> call;
    final List<String> fragments;
    final boolean acrossDevices;
    Class<? extends RuntimeException> type = IllegalArgumentException.class;
    boolean dataDependent;
    String op;

    private ErrorCase(String label, Function<Device, Tensor[]> inputs, Function<Tensor[], Object> call,
                      boolean acrossDevices, String... fragments) {
        this.label = label;
        this.inputs = inputs;
        this.call = call;
        this.acrossDevices = acrossDevices;
        this.fragments = List.of(fragments);
    }

    /** An {@link IllegalArgumentException} from {@code call} on the tensors {@code inputs} makes. */
    public static ErrorCase of(String label, Supplier<Tensor[]> inputs, Function<Tensor[], Object> call,
                               String... fragments) {
        return new ErrorCase(label, other -> inputs.get(), call, false, fragments);
    }

    /**
     * A device mismatch: {@code inputs} gets the second device (the suite skips the case where there is none); the
     * message must name both devices.
     */
    public static ErrorCase devices(Function<Device, Tensor[]> inputs, Function<Tensor[], Object> call) {
        return new ErrorCase("device mismatch", inputs, call, true, "$device", "$other");
    }

    /** An {@link IllegalStateException} instead. */
    public ErrorCase state() {
        this.type = IllegalStateException.class;
        return this;
    }

    /** An {@link ArithmeticException} instead (an integer division by zero). */
    public ErrorCase arithmetic() {
        this.type = ArithmeticException.class;
        return this;
    }

    /**
     * An {@link IndexOutOfBoundsException}: an index value out of range, which only the kernel reading it can see. A
     * synchronous backend throws it from the call; an asynchronous one at the next synchronising call, so the suite
     * synchronises the device after the call.
     */
    public ErrorCase index() {
        this.type = IndexOutOfBoundsException.class;
        this.dataDependent = true;
        return this;
    }

    /** Whether the error may surface only when the device is synchronised (see {@link #index()}). */
    public boolean dataDependent() {
        return dataDependent;
    }

    /** The name in brackets, where it is not the entry's (the op that checks is another: nll_loss for cross_entropy). */
    public ErrorCase op(String name) {
        this.op = name;
        return this;
    }

    public boolean acrossDevices() {
        return acrossDevices;
    }

    /** Makes the inputs (on the default device; {@code other} is the second device of a device-mismatch case). */
    public Tensor[] inputs(Device other) {
        return inputs.apply(other);
    }

    public Object call(Tensor[] inputs) {
        return call.apply(inputs);
    }

    public Class<? extends RuntimeException> type() {
        return type;
    }

    /** The name the message must start with in brackets. */
    public String op(OpInfo entry) {
        return op != null ? op : entry.errorName();
    }

    /** What the message must contain, with the devices filled in. */
    public List<String> fragments(Device device, Device other) {
        return fragments.stream().map(f -> f.replace("$device", String.valueOf(device))
                .replace("$other", String.valueOf(other))).toList();
    }

    @Override
    public String toString() {
        return label;
    }
}
