package dev.lethe.workflows.retention;

import java.util.UUID;

/**
 * A planned task as the run workflow sees it: ids and a state, nothing else (Temporal's history is kept in
 * clear).
 *
 * @param lane tasks of one lane run one at a time (one system); lanes run in parallel
 */
public record TaskRef(UUID taskId, UUID lane, TaskState state) {}
