package dev.lethe.workflows.erasure;

import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.erasure.ErasureRule;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.catalog.retention.RetentionPolicy;
import dev.lethe.catalog.subject.SubjectMapping;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a plan is decided from, read from the catalog by {@link ErasurePlanner}: the system's datasets
 * with their fields, its subject mapping, the tenant's erasure rules, legal holds and retention policies, the
 * subject's keyed hashes and the time the plan is made (holds active then count).
 */
record PlanInputs(
        UUID systemId,
        List<Dataset> datasets,
        SubjectMapping mapping,
        List<ErasureRule> rules,
        List<LegalHold> holds,
        List<RetentionPolicy> policies,
        Set<String> subjectHashes,
        Instant now) {

    PlanInputs {
        datasets = List.copyOf(datasets);
        rules = List.copyOf(rules);
        holds = List.copyOf(holds);
        policies = List.copyOf(policies);
        subjectHashes = Set.copyOf(subjectHashes);
    }
}
