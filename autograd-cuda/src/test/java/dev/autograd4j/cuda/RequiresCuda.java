package dev.autograd4j.cuda;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class (or method) that needs a CUDA device: tagged {@code cuda}, so the GPU check selects it with
 * {@code --include-tag cuda}, and disabled where {@code cuda:0} cannot be used, with the backend's own reason ("no
 * CUDA driver found", ...) as the reason JUnit reports for the skip. Where CUDA works the tests must pass.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("cuda")
@ExtendWith(RequiresCuda.Condition.class)
public @interface RequiresCuda {

    /** Enables a test only where the CUDA backend says it is available; otherwise says why not. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return Backends.isAvailable(Device.Type.CUDA)
                    ? ConditionEvaluationResult.enabled("CUDA is available")
                    : ConditionEvaluationResult.disabled("CUDA is not available: "
                            + Backends.availability(Device.Type.CUDA));
        }
    }
}
