package dev.autograd4j.cuda;

import jcuda.CudaException;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The CUDA backend's errors from the driver and cuBLAS, built in one place so they read alike: one line, the op
 * first, then the call that failed and the CUDA error with the driver's description:
 * {@code [exp] launching unary_contig_f32 failed: CUDA_ERROR_ILLEGAL_ADDRESS (an illegal memory access was
 * encountered); the CUDA context is lost: restart the process}.
 */
final class CudaErrors {
    /** Errors after which every call of the context fails with the same error (a kernel faulted). */
    private static final Set<String> STICKY = Set.of("CUDA_ERROR_ILLEGAL_ADDRESS", "CUDA_ERROR_LAUNCH_FAILED",
            "CUDA_ERROR_ILLEGAL_INSTRUCTION", "CUDA_ERROR_MISALIGNED_ADDRESS", "CUDA_ERROR_INVALID_ADDRESS_SPACE",
            "CUDA_ERROR_INVALID_PC", "CUDA_ERROR_HARDWARE_STACK_ERROR", "CUDA_ERROR_ASSERT",
            "CUDA_ERROR_ECC_UNCORRECTABLE", "CUDA_ERROR_LAUNCH_TIMEOUT");
    private static volatile Map<String, Integer> codes;

    private CudaErrors() {
    }

    /**
     * {@code call} failed for {@code op}: JCuda (exceptions enabled) threw {@code e}, whose message is the error's
     * name ({@code CUDA_ERROR_...} or {@code CUBLAS_STATUS_...}).
     */
    static IllegalStateException of(String op, String call, CudaException e) {
        String name = e.getMessage();
        String description = describe(name);
        return new IllegalStateException("[" + op + "] " + call + " failed: " + name
                + (description == null ? "" : " (" + description + ")")
                + (STICKY.contains(name) ? "; the CUDA context is lost: restart the process" : ""), e);
    }

    static boolean isOutOfMemory(CudaException e) {
        return "CUDA_ERROR_OUT_OF_MEMORY".equals(e.getMessage());
    }

    /** The driver's description of a driver error ({@code cuGetErrorString}), or null. */
    private static String describe(String name) {
        Integer code = codes().get(name);
        if (code == null) {
            return null;
        }
        try {
            String[] text = new String[1];
            JCudaDriver.cuGetErrorString(code, text);
            return text[0];
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** CUresult's constants by name: JCuda's exceptions carry the name, cuGetErrorString wants the code. */
    private static Map<String, Integer> codes() {
        Map<String, Integer> c = codes;
        if (c == null) {
            c = new HashMap<>();
            for (Field f : CUresult.class.getFields()) {
                if (f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
                    try {
                        c.put(f.getName(), f.getInt(null));
                    } catch (IllegalAccessException ignored) {
                        // public constants only
                    }
                }
            }
            codes = c;
        }
        return c;
    }
}
