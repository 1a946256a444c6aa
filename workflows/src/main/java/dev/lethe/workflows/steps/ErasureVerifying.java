package dev.lethe.workflows.steps;

import dev.lethe.catalog.subject.SubjectMaps;
import dev.lethe.connectors.spi.Deferring;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.Locating;
import dev.lethe.connectors.spi.SubjectMap;
import dev.lethe.connectors.spi.Verifying;
import dev.lethe.workflows.erasure.SystemErasurePlan;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.run.RequestRef;
import dev.lethe.workflows.run.Verification;
import dev.lethe.workflows.systems.CatalogSubjectMap;
import dev.lethe.workflows.systems.ConnectedSystem;
import dev.lethe.workflows.systems.ConnectedSystems;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * After an erasure, looks for the subject again in one system: what the plan erases must be gone; what
 * it retains may stay, with its reason. A system that verifies itself ({@link Verifying}) says so per
 * dataset and field; one that can only count records is counted again for the datasets the plan deletes;
 * one that answers for itself (webhook, manual task) is taken at its word, which the receipt says.
 */
final class ErasureVerifying {

    private final RequestStore store;
    private final ConnectedSystems connected;
    private final SubjectMaps subjectMaps;
    private final SystemResults results;

    ErasureVerifying(RequestStore store, ConnectedSystems connected, SubjectMaps subjectMaps, SystemResults results) {
        this.store = store;
        this.connected = connected;
        this.subjectMaps = subjectMaps;
        this.results = results;
    }

    Verification verify(RequestRef ref, UUID connectionId) {
        ConnectedSystem system = connected
                .find(ref.tenantId(), connectionId)
                .orElseThrow(
                        () -> ApplicationFailure.newNonRetryableFailure("the connection was removed", "UnknownSystem"));
        SystemErasurePlan plan = store.plan(ref.tenantId(), ref.requestId(), connectionId)
                .map(SystemErasurePlan::fromJson)
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "no erasure plan was recorded for the system", "NoPlan"));
        Identities subject = store.identities(ref.tenantId(), ref.requestId());
        SubjectMap map = CatalogSubjectMap.of(subjectMaps.forSystem(ref.tenantId(), system.systemId()));
        Map<String, Object> found = connected.withConnector(ref.tenantId(), connectionId, connector -> {
            if (connector instanceof Verifying verifying) {
                return verified(verifying.verify(RequestOperations.context(ref), subject, map, plan.plan()));
            }
            if (connector instanceof Deferring) {
                return Map.of("method", "the system's own report", "remaining", List.of(), "unexpected", 0L);
            }
            if (connector instanceof Locating locating) {
                return counted(locating.locate(RequestOperations.context(ref), subject, map), plan);
            }
            throw ApplicationFailure.newNonRetryableFailure(
                    "connections of type " + system.connectorType() + " cannot be verified", "UnsupportedCapability");
        });
        results.recordVerification(ref.tenantId(), ref.requestId(), connectionId, found);
        long unexpected = ((Number) found.get("unexpected")).longValue();
        return new Verification(connectionId, unexpected == 0, unexpected);
    }

    private static Map<String, Object> verified(Verifying.Verification verification) {
        List<Map<String, Object>> remaining = new ArrayList<>();
        long unexpected = 0;
        for (Verifying.Remaining left : verification.remaining()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dataset", left.dataset());
            entry.put("field", left.field());
            entry.put("records", left.records());
            entry.put("expected", left.expected());
            entry.put("reason", left.reason());
            remaining.add(entry);
            if (!left.expected()) {
                unexpected += left.records();
            }
        }
        return Map.of("method", "verified by the system", "remaining", remaining, "unexpected", unexpected);
    }

    private static Map<String, Object> counted(List<Locating.DatasetCount> counts, SystemErasurePlan plan) {
        Set<String> deleted = plan.plan().rules().stream()
                .filter(rule -> rule.field() == null && rule.strategy() == ErasureStrategy.DELETE_ROW)
                .map(ErasureRule::dataset)
                .collect(Collectors.toSet());
        List<Map<String, Object>> remaining = new ArrayList<>();
        long unexpected = 0;
        for (Locating.DatasetCount count : counts) {
            if (count.records() > 0) {
                boolean expected = !deleted.contains(count.dataset());
                remaining.add(Map.of("dataset", count.dataset(), "records", count.records(), "expected", expected));
                unexpected += expected ? 0 : count.records();
            }
        }
        return Map.of("method", "records counted again", "remaining", remaining, "unexpected", unexpected);
    }
}
