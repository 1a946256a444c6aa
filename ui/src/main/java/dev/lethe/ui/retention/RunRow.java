package dev.lethe.ui.retention;

import dev.lethe.workflows.retention.TaskState;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retention run as the pages show it: the run, its outcome per system (the worst state of the system's
 * tasks, and what they purged and held), and each result with the system's name.
 */
record RunRow(RunView run, List<SystemOutcome> systems, List<PolicyResults> policies) {

    /** What a run did on one system. */
    record SystemOutcome(String system, TaskState state, long records, long held) {

        public String badge() {
            return RunRow.badge(state);
        }
    }

    /** One policy's results, each with its system's name. */
    record PolicyResults(String policyName, long records, long held, List<NamedResult> results) {}

    record NamedResult(String system, RunView.Result result) {

        public String badge() {
            return RunRow.badge(result.state());
        }
    }

    public String badge() {
        return badge(run.status());
    }

    /** From the worst to the best: what a reader should see first. */
    private static final List<TaskState> SEVERITY = List.of(
            TaskState.FAILED, TaskState.HELD, TaskState.SKIPPED, TaskState.RUNNING, TaskState.PENDING, TaskState.DONE);

    static RunRow of(RunView run, RetentionNames.Lookup names) {
        Map<String, SystemOutcome> bySystem = new LinkedHashMap<>();
        for (RunView.PolicyResult policy : run.policies()) {
            for (RunView.Result result : policy.results()) {
                String system = names.system(result.systemId());
                bySystem.merge(
                        system,
                        new SystemOutcome(system, result.state(), result.records(), result.held()),
                        (a, b) -> new SystemOutcome(
                                system,
                                SEVERITY.indexOf(a.state()) <= SEVERITY.indexOf(b.state()) ? a.state() : b.state(),
                                a.records() + b.records(),
                                a.held() + b.held()));
            }
        }
        List<PolicyResults> policies = run.policies().stream()
                .map(policy -> new PolicyResults(
                        policy.policyName(),
                        policy.records(),
                        policy.held(),
                        policy.results().stream()
                                .map(result -> new NamedResult(names.system(result.systemId()), result))
                                .toList()))
                .toList();
        return new RunRow(
                run,
                bySystem.values().stream()
                        .sorted(Comparator.comparing(SystemOutcome::system))
                        .toList(),
                policies);
    }

    /** The CSS badge of a state: ok, warn or bad. */
    static String badge(Object state) {
        return switch (String.valueOf(state)) {
            case "DONE", "COMPLETED", "PENDING" -> "ok";
            case "FAILED", "COMPLETED_WITH_FAILURES" -> "bad";
            default -> "warn";
        };
    }
}
