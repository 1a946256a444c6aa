package dev.lethe.workflows.steps;

import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.subject.SubjectMapping;
import dev.lethe.catalog.subject.SubjectMaps;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.Deferring;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.Locating;
import dev.lethe.workflows.erasure.ErasurePlanner;
import dev.lethe.workflows.request.IdentityHashes;
import dev.lethe.workflows.request.RequestRecipients;
import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import dev.lethe.workflows.run.RequestRef;
import dev.lethe.workflows.run.ScopeSummary;
import dev.lethe.workflows.systems.CatalogSubjectMap;
import dev.lethe.workflows.systems.ConnectedSystem;
import dev.lethe.workflows.systems.ConnectedSystems;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds the subject in every connected system and records, per system, what the request will do there:
 * PENDING with the records found, or SKIPPED with why (nothing found, none of the subject's identity
 * types mapped); for an erasure also the plan, so the approver sees what will happen. Systems that have
 * started already keep their progress: scoping again is safe.
 */
final class Scoping {

    static final String NOTHING_FOUND = "nothing of the subject found";
    static final String NOT_MAPPED = "no confirmed field holds any of the subject's identity types";
    static final String ANSWERS_ITSELF = "the system finds the subject itself";

    private final RequestStore store;
    private final DataFlows flows;
    private final ConnectedSystems connected;
    private final SubjectMaps subjectMaps;
    private final ErasurePlanner planner;
    private final IdentityHashes hashes;
    private final Clock clock;

    Scoping(
            RequestStore store,
            DataFlows flows,
            ConnectedSystems connected,
            SubjectMaps subjectMaps,
            ErasurePlanner planner,
            IdentityHashes hashes,
            Clock clock) {
        this.store = store;
        this.flows = flows;
        this.connected = connected;
        this.subjectMaps = subjectMaps;
        this.planner = planner;
        this.hashes = hashes;
        this.clock = clock;
    }

    ScopeSummary scope(RequestRef ref) {
        UUID tenant = ref.tenantId();
        RequestSnapshot snapshot = store.snapshot(tenant, ref.requestId());
        Identities subject = store.identities(tenant, ref.requestId());
        Collection<String> subjectHashes = hashes.of(tenant, subject).values();
        Map<UUID, SystemProgress> recorded = snapshot.systems().stream()
                .collect(Collectors.toMap(SystemProgress::connectionId, Function.identity()));
        Set<UUID> holding = new HashSet<>();
        int systems = 0;
        long found = 0;
        boolean unknown = false;
        for (ConnectedSystem system : connected.list(tenant)) {
            SystemProgress before = recorded.get(system.connectionId());
            SystemProgress progress = started(before) ? before : locate(ref, system, subject, before);
            if (!started(before)) {
                if (snapshot.type() == RequestType.ERASURE && progress.state() == SystemState.PENDING) {
                    store.recordPlan(
                            tenant,
                            ref.requestId(),
                            system.connectionId(),
                            planner.plan(tenant, system.systemId(), subjectHashes, clock.instant())
                                    .toJson());
                }
                store.recordSystem(tenant, ref.requestId(), progress);
            }
            if (progress.state() != SystemState.SKIPPED) {
                holding.add(system.systemId());
                systems++;
                unknown |= progress.found() < 0;
                found += Math.max(progress.found(), 0);
            }
        }
        if (snapshot.type().notifiesRecipients()) {
            recordRecipients(ref, snapshot.type(), holding);
        }
        return new ScopeSummary(systems, unknown ? -1 : found);
    }

    /**
     * Art. 19: recipients the subject's data went to must hear of an erasure, rectification or
     * restriction: the external recipients of the data flows out of the systems the subject was found
     * in. A recipient registered as a connection is one of the request's systems and, for an erasure
     * or rectification, is told through it (its webhook, or its manual task); the request tracks its
     * answer as the acknowledgement. Every other one (and every one, for a restriction, which no
     * connector can carry) is told by a person through a manual task once the request's own work is
     * done. Recorded now, so the approver sees who will be told.
     */
    private void recordRecipients(RequestRef ref, RequestType type, Set<UUID> holding) {
        Map<String, UUID> connections = new HashMap<>();
        connected
                .list(ref.tenantId())
                .forEach(system -> connections.putIfAbsent(system.systemName(), system.connectionId()));
        Map<String, List<UUID>> flowsByRecipient = new TreeMap<>();
        flows.list(ref.tenantId()).stream()
                .filter(flow -> flow.externalRecipient() != null && holding.contains(flow.fromSystemId()))
                .forEach(flow -> flowsByRecipient
                        .computeIfAbsent(flow.externalRecipient(), recipient -> new ArrayList<>())
                        .add(flow.id()));
        boolean throughConnections = type == RequestType.ERASURE || type == RequestType.RECTIFICATION;
        List<RequestRecipients.Found> found = new ArrayList<>();
        flowsByRecipient.forEach((recipient, flowIds) -> found.add(new RequestRecipients.Found(
                recipient, flowIds, throughConnections ? connections.get(recipient) : null)));
        store.recipients().record(ref.tenantId(), ref.requestId(), found);
    }

    /** Whether the request has begun its work there (or a person has acted on it): keep what is recorded. */
    private static boolean started(SystemProgress before) {
        return before != null && before.state() != SystemState.PENDING && before.state() != SystemState.SKIPPED;
    }

    private SystemProgress locate(RequestRef ref, ConnectedSystem system, Identities subject, SystemProgress before) {
        int attempts = before == null ? 0 : before.attempts();
        SubjectMapping mapping = subjectMaps.forSystem(ref.tenantId(), system.systemId());
        Set<String> mappedTypes = new HashSet<>();
        mapping.identityFields().values().forEach(fields -> mappedTypes.addAll(fields.values()));
        mappedTypes.retainAll(subject.values().keySet());
        try {
            return connected.withConnector(ref.tenantId(), system.connectionId(), connector -> {
                if (connector instanceof Deferring) {
                    return progress(system, SystemState.PENDING, -1, ANSWERS_ITSELF, attempts);
                }
                if (mappedTypes.isEmpty()) {
                    return progress(system, SystemState.SKIPPED, 0, NOT_MAPPED, attempts);
                }
                if (!(connector instanceof Locating locating)) {
                    return progress(system, SystemState.PENDING, -1, "the system cannot count records", attempts);
                }
                long records =
                        locating.locate(RequestOperations.context(ref), subject, CatalogSubjectMap.of(mapping)).stream()
                                .mapToLong(Locating.DatasetCount::records)
                                .sum();
                return records == 0
                        ? progress(system, SystemState.SKIPPED, 0, NOTHING_FOUND, attempts)
                        : progress(system, SystemState.PENDING, records, null, attempts);
            });
        } catch (ConnectorException e) {
            if (e.isRetriable()) {
                throw e;
            }
            // One system refusing must not hold up the others: it waits for an officer's retry or skip.
            return progress(system, SystemState.FAILED, -1, "locate: " + e.getMessage(), attempts);
        }
    }

    private static SystemProgress progress(
            ConnectedSystem system, SystemState state, long found, String detail, int attempts) {
        return new SystemProgress(
                system.connectionId(),
                system.systemId(),
                system.name(),
                system.connectorType(),
                state,
                found,
                detail,
                null,
                attempts);
    }
}
