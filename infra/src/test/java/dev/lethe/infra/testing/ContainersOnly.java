package dev.lethe.infra.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only with {@code -Pcontainers} on a machine with a Docker engine, for services
 * that exist here only as containers (a HashiCorp Vault server, LocalStack's KMS). Anywhere else the
 * class is reported as skipped with the reason, never failed.
 */
public final class ContainersOnly implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!ContainerServices.requested()) {
            return ConditionEvaluationResult.disabled(
                    "runs only with -Pcontainers: it starts its service as a container (Docker engine needed)");
        }
        return ContainerServices.unavailableReason()
                .map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("a Docker engine answers"));
    }
}
