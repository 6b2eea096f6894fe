package dev.autograd4j.cpu;

/**
 * Whether the CPU backend's Vector API code runs: {@code jdk.incubator.vector} is in the boot layer (the JVM was
 * started with {@code --add-modules jdk.incubator.vector}, or has it in {@code JDK_JAVA_OPTIONS}) and its preferred
 * vectors are at least 256 bits. The classes that use the API ({@code FloatVecGemm}, {@code DoubleVecGemm},
 * {@link VecKernels}) link against that module, so every call to them sits behind {@link #ON}: the JVM loads a
 * class when a call to it first runs, never for a call that does not, and with the module absent none does.
 */
final class VectorApi {
    /** True when the module is present and its vectors are wide enough to pay. */
    static final boolean ON = present() && VecKernels.bits() >= 256;

    private VectorApi() {
    }

    static boolean present() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
