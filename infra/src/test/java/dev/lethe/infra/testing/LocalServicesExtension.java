package dev.lethe.infra.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class the shared real services ({@link TestServices}) before anything else in it
 * runs. In the containers mode without a Docker engine, the class is reported as skipped with the
 * reason. Register it before {@code @SpringBootTest}.
 */
public final class LocalServicesExtension implements ExecutionCondition, BeforeAllCallback {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> unavailable = TestServices.unavailableReason();
        return unavailable
                .map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("the real services are available"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestServices.endpoints();
    }
}
