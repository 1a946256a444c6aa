package dev.lethe.infra.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class the shared real MariaDB ({@link TestMariaDb}) before anything else in it
 * runs. Where MariaDB is not installed (and not required), the class is reported as skipped with
 * the reason.
 */
public final class MariaDbExtension implements ExecutionCondition, BeforeAllCallback {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> unavailable = TestMariaDb.unavailableReason();
        return unavailable
                .map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("MariaDB is available"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestMariaDb.server();
    }
}
