package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.guard.GuardedTarget;
import dev.lethe.connectors.guard.OutboundRefusedException;
import dev.lethe.connectors.spi.Accessing;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Discovering;
import dev.lethe.connectors.spi.Discovery;
import dev.lethe.connectors.spi.ErasedValues;
import dev.lethe.connectors.spi.Erasing;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.Locating;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Purging;
import dev.lethe.connectors.spi.Rectifying;
import dev.lethe.connectors.spi.SubjectMap;
import dev.lethe.connectors.spi.TestResult;
import dev.lethe.connectors.spi.TestResult.Check;
import dev.lethe.connectors.spi.Verifying;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A connection to one Elasticsearch cluster. Each operation checks the URL's host with the outbound
 * guard and talks to the checked address only, with the configured credentials and request timeout.
 * Thread-safe: each operation makes its own client.
 */
final class ElasticsearchConnector
        implements Connector, Discovering, Locating, Accessing, Erasing, Verifying, Rectifying, Purging {

    private final ElasticsearchConnectorConfig config;
    private final ConnectorRuntime runtime;

    ElasticsearchConnector(ElasticsearchConnectorConfig config, ConnectorRuntime runtime) {
        this.config = config;
        this.runtime = runtime;
    }

    @Override
    public TestResult test(OperationContext context) {
        List<Check> checks = new ArrayList<>();
        GuardedTarget target;
        try {
            target = runtime.guard().check(config.url());
            checks.add(Check.passed("address allowed"));
        } catch (OutboundRefusedException e) {
            checks.add(Check.failed("address allowed", e.getMessage()));
            return new TestResult(checks);
        }
        try (ClusterClient client = new ClusterClient(config, target)) {
            new ClusterChecks(client, config).run(checks);
        }
        return new TestResult(checks);
    }

    @Override
    public Discovery discover(OperationContext context, int samplePerField) {
        if (samplePerField < 0) {
            throw new IllegalArgumentException("a sample has zero or more values");
        }
        return withCluster(
                client -> new IndexDiscovery(client, IndexSnapshot.read(client, config), runtime.classifier(), context)
                        .discover(samplePerField));
    }

    @Override
    public List<DatasetCount> locate(OperationContext context, Identities subject, SubjectMap map) {
        return withSubject(
                context,
                subject,
                map,
                (client, snapshot, search, selectors) -> new SubjectRecords(search).count(selectors, map.datasets()));
    }

    @Override
    public void access(OperationContext context, Identities subject, SubjectMap map, RecordSink sink) {
        withSubject(context, subject, map, (client, snapshot, search, selectors) -> {
            new SubjectRecords(search).read(selectors, sink);
            return null;
        });
    }

    @Override
    public ErasureReport erase(OperationContext context, Identities subject, SubjectMap map, ErasurePlan plan) {
        return withSubject(
                context,
                subject,
                map,
                (client, snapshot, search, selectors) -> new DocumentErasure(
                                client, snapshot, search, context, subject, runtime)
                        .erase(selectors, map, plan));
    }

    @Override
    public Verification verify(OperationContext context, Identities subject, SubjectMap map, ErasurePlan plan) {
        return withSubject(
                context,
                subject,
                map,
                (client, snapshot, search, selectors) -> new DocumentErasure(
                                client, snapshot, search, context, subject, runtime)
                        .verify(selectors, map, plan));
    }

    @Override
    public long rectify(
            OperationContext context,
            Identities subject,
            SubjectMap map,
            String dataset,
            String field,
            String newValue) {
        return withSubject(context, subject, map, (client, snapshot, search, selectors) -> {
            if (!map.datasets().contains(dataset)) {
                throw ConnectorException.fatal("The subject map does not name " + dataset, null);
            }
            snapshot.field(dataset, field);
            var selector = selectors.get(dataset);
            if (selector == null) {
                return 0L;
            }
            return new DocumentErasure(client, snapshot, search, context, subject, runtime)
                    .rectify(selector, dataset, field, newValue);
        });
    }

    @Override
    public PurgeResult purge(OperationContext context, Purge purge) {
        PurgeResult result = withCluster(client -> new IndexRetention(
                        client, IndexSnapshot.read(client, config), context, ErasedValues.forPurge(runtime, context))
                .purge(purge));
        Purging.shredTokens(runtime, context, purge);
        return result;
    }

    @Override
    public PurgePreview preview(OperationContext context, Purge purge) {
        return withCluster(client -> new IndexRetention(
                        client, IndexSnapshot.read(client, config), context, ErasedValues.forPreview(runtime, context))
                .preview(purge));
    }

    @Override
    public void activeIdentities(OperationContext context, ActivityScan scan, BiConsumer<String, String> sink) {
        withCluster(client -> {
            new IndexActivity(client, IndexSnapshot.read(client, config), context).scan(scan, sink);
            return null;
        });
    }

    /** The indices as they are now, the subject map checked against them, and the subject's selectors. */
    private <T> T withSubject(OperationContext context, Identities subject, SubjectMap map, SubjectWork<T> work) {
        return withCluster(client -> {
            var snapshot = IndexSnapshot.read(client, config);
            var search = new SubjectSearch(client, snapshot, context, map, subject);
            return work.apply(client, snapshot, search, search.byDataset());
        });
    }

    @FunctionalInterface
    private interface SubjectWork<T> {
        T apply(
                ClusterClient client,
                IndexSnapshot snapshot,
                SubjectSearch search,
                Map<String, SubjectSearch.Selector> selectors);
    }

    /** A client to the checked address for one operation. */
    private <T> T withCluster(Function<ClusterClient, T> work) {
        GuardedTarget target;
        try {
            target = runtime.guard().check(config.url());
        } catch (OutboundRefusedException e) {
            throw ConnectorException.fatal(e.getMessage(), null);
        }
        try (ClusterClient client = new ClusterClient(config, target)) {
            return work.apply(client);
        }
    }

    @Override
    public void close() {
        // Nothing is held between operations.
    }
}
