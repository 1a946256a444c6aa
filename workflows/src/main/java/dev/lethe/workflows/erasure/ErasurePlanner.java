package dev.lethe.workflows.erasure;

import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.DatasetSummary;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.erasure.ErasureRules;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.subject.SubjectMaps;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Makes the erasure plan of one catalog system for one subject from the catalog: the subject mapping, the
 * datasets and their fields, the references, the erasure rules, legal holds (on the system, its datasets,
 * data categories, and the subject), and retention policies with a legal obligation. The decisions are
 * documented on {@link PlanDecisions} and in docs/requests.md ("Erasure plans"). Reads only; thread-safe;
 * call it as the tenant. The subject is named only by their keyed hashes ({@code IdentityHashes}).
 */
public final class ErasurePlanner {

    private final Datasets datasets;
    private final SubjectMaps subjectMaps;
    private final ErasureRules rules;
    private final LegalHolds holds;
    private final RetentionPolicies policies;

    public ErasurePlanner(
            Datasets datasets,
            SubjectMaps subjectMaps,
            ErasureRules rules,
            LegalHolds holds,
            RetentionPolicies policies) {
        this.datasets = datasets;
        this.subjectMaps = subjectMaps;
        this.rules = rules;
        this.holds = holds;
        this.policies = policies;
    }

    /**
     * The plan for {@code systemId} at {@code now} (holds active then count).
     *
     * @param subjectHashes the subject's identities as keyed hashes (the values of {@code
     *     IdentityHashes.of}); a hold on a subject sharing any of them keeps the subject's records
     */
    public SystemErasurePlan plan(UUID tenantId, UUID systemId, Collection<String> subjectHashes, Instant now) {
        Objects.requireNonNull(now, "now");
        List<Dataset> ofSystem = datasets.list(tenantId, systemId, null, PageRequest.ALL).stream()
                .map(DatasetSummary::id)
                .map(id -> datasets.find(tenantId, id))
                .flatMap(Optional::stream)
                .toList();
        return PlanDecisions.decide(new PlanInputs(
                systemId,
                ofSystem,
                subjectMaps.forSystem(tenantId, systemId),
                rules.list(tenantId),
                holds.list(tenantId),
                policies.list(tenantId),
                Set.copyOf(subjectHashes),
                now));
    }
}
