package dev.lethe.ui.connectors;

import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.discovery.DiscoveredDataset;
import dev.lethe.catalog.discovery.DiscoveredField;
import dev.lethe.catalog.discovery.DiscoveredReference;
import dev.lethe.catalog.discovery.DiscoveryImport;
import dev.lethe.catalog.discovery.ImportSummary;
import dev.lethe.catalog.subject.SubjectMapping;
import dev.lethe.catalog.subject.SubjectMaps;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.Deferring;
import dev.lethe.connectors.spi.Discovering;
import dev.lethe.connectors.spi.Discovery;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.Locating;
import dev.lethe.connectors.spi.Locating.DatasetCount;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Outcome;
import dev.lethe.connectors.spi.TestResult;
import dev.lethe.workflows.systems.CatalogSubjectMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a registered connection can be asked to do from the API: test its settings, discover its
 * system into the catalog, and locate a subject along the catalog's confirmed mapping. Each call opens
 * the connector with the connection's settings (secrets opened in memory only) and closes it after.
 * Thread-safe.
 */
public final class ConnectionOperations {

    /** The audit action of a test, read back by {@link ConnectionHistory}. */
    static final String TESTED = "connector.connection.tested";

    private final Connections connections;
    private final RegisteredSystems systems;
    private final DiscoveryImport discoveryImport;
    private final SubjectMaps subjectMaps;
    private final AuditTrail trail;
    private final int discoverySample;

    public ConnectionOperations(
            Connections connections,
            RegisteredSystems systems,
            DiscoveryImport discoveryImport,
            SubjectMaps subjectMaps,
            AuditTrail trail,
            int discoverySample) {
        this.connections = connections;
        this.systems = systems;
        this.discoveryImport = discoveryImport;
        this.subjectMaps = subjectMaps;
        this.trail = trail;
        this.discoverySample = discoverySample;
    }

    /**
     * Tests the connection's settings against its system; audited ({@code connector.connection.tested})
     * with the outcome and the names of the checks that failed, so the pages can show the last result.
     */
    TestResult test(Editor editor, UUID id) {
        StoredConnection connection = stored(editor.tenantId(), id);
        TestResult result = withConnector(connection, connector -> connector.test(context(editor.tenantId(), "test")));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("passed", Boolean.toString(result.passed()));
        details.put("checks", Integer.toString(result.checks().size()));
        details.put(
                "failed",
                String.join(
                        ",",
                        result.checks().stream()
                                .filter(check -> !check.passed())
                                .map(TestResult.Check::name)
                                .toList()));
        trail.append(new AuditEvent(editor.tenantId(), editor.actor(), TESTED, "connection:" + id, details));
        return result;
    }

    /** Discovers the connection's system and imports it into the catalog (audited as catalog changes). */
    ImportSummary discover(Editor editor, UUID id) {
        StoredConnection connection = stored(editor.tenantId(), id);
        Discovery discovery = withConnector(connection, connector -> {
            if (!(connector instanceof Discovering discovering)) {
                throw new UnsupportedCapabilityException(connection.type(), "discover");
            }
            return discovering.discover(context(editor.tenantId(), "discover"), discoverySample);
        });
        return discoveryImport.importInto(
                editor,
                connection.systemId(),
                discovery.datasets().stream().map(ConnectionOperations::dataset).toList(),
                discovery.references().stream()
                        .map(reference -> new DiscoveredReference(
                                reference.from(), reference.fromFields(), reference.to(), reference.toFields()))
                        .toList());
    }

    /**
     * Counts the subject's records along the catalog's mapping of the connection's system, or, for a
     * system that answers itself ({@link Deferring}: a webhook, a manual task), asks it and returns its
     * counts or what the answer waits for. Audited with the identity types asked for and the counts,
     * never the identities' values.
     */
    LocateResult locate(Editor editor, UUID id, Identities subject) {
        StoredConnection connection = stored(editor.tenantId(), id);
        if (!connections.usable(connection)) {
            // Identities go only to a system a second person approved (docs/connectors.md#approval).
            throw new AwaitingApprovalException(id);
        }
        LocateResult result = withConnector(connection, connector -> {
            if (connector instanceof Deferring deferring) {
                // The system keeps its own map of the subject: the catalog's mapping is not needed.
                Outcome<List<DatasetCount>> outcome =
                        deferring.locate(context(editor.tenantId(), "locate"), id.toString(), subject);
                return switch (outcome) {
                    case Outcome.Done<List<DatasetCount>> done -> counted(id, done.result(), List.of());
                    case Outcome.Pending<List<DatasetCount>> pending ->
                        new LocateResult(id, 0, List.of(), List.of(), LocateResult.Pending.of(pending.operation()));
                };
            }
            if (!(connector instanceof Locating locating)) {
                throw new UnsupportedCapabilityException(connection.type(), "locate");
            }
            SubjectMapping mapping = subjectMaps.forSystem(editor.tenantId(), connection.systemId());
            List<DatasetCount> counts = mapping.identityFields().isEmpty()
                    ? List.of()
                    : locating.locate(context(editor.tenantId(), "locate"), subject, CatalogSubjectMap.of(mapping));
            List<LocateResult.NotSearched> notSearched = mapping.unconfirmed().stream()
                    .map(field -> new LocateResult.NotSearched(
                            field.dataset(),
                            field.field(),
                            field.categories(),
                            LocateResult.NotSearched.MAPPING_UNCONFIRMED))
                    .toList();
            return counted(id, counts, notSearched);
        });
        Map<String, String> details = new LinkedHashMap<>();
        details.put(
                "identity_types",
                String.join(",", new TreeSet<>(subject.values().keySet())));
        details.put("datasets", Integer.toString(result.datasets().size()));
        details.put("records", Long.toString(result.records()));
        details.put("not_searched", Integer.toString(result.notSearched().size()));
        if (result.pending() != null) {
            details.put("pending", result.pending().id());
        }
        trail.append(new AuditEvent(
                editor.tenantId(), editor.actor(), "connector.connection.located", "connection:" + id, details));
        return result;
    }

    private static LocateResult counted(
            UUID id, List<DatasetCount> counts, List<LocateResult.NotSearched> notSearched) {
        long records = counts.stream().mapToLong(DatasetCount::records).sum();
        return new LocateResult(id, records, counts, notSearched, null);
    }

    private static DiscoveredDataset dataset(Discovery.Dataset dataset) {
        return new DiscoveredDataset(
                dataset.name(),
                dataset.kind(),
                dataset.location(),
                dataset.fields().stream()
                        .map(field -> new DiscoveredField(
                                field.path(),
                                field.dataType(),
                                field.categories(),
                                field.confidence(),
                                field.suggestedIdentity()))
                        .toList());
    }

    private StoredConnection stored(UUID tenantId, UUID id) {
        return connections.stored(tenantId, id).orElseThrow(() -> new NotFoundException("connection " + id));
    }

    private <T> T withConnector(StoredConnection connection, Function<Connector, T> work) {
        return systems.withConnector(connection, work);
    }

    private static OperationContext context(UUID tenantId, String operation) {
        return OperationContext.of(tenantId, operation + "-" + UUID.randomUUID());
    }

    /** The connection waits for a second person's approval before identities may go to it. */
    static final class AwaitingApprovalException extends RuntimeException {

        AwaitingApprovalException(UUID id) {
            super("Connection " + id + " waits for approval by a privacy officer or administrator other than"
                    + " the one who submitted it; it is not used for locate, requests or retention until then");
        }
    }

    /** The connection's type does not have the capability an operation needs. */
    static final class UnsupportedCapabilityException extends RuntimeException {

        UnsupportedCapabilityException(String type, String operation) {
            super("Connections of type " + type + " cannot " + operation);
        }
    }
}
