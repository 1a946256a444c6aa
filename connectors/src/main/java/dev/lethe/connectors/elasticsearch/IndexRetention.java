package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgePreview;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A retention purge in bounded batches: the expired documents (clock field before the cutoff) are
 * read through a point in time one page of at most {@code batchSize} at a time, and each page is
 * deleted or anonymized in place with one refreshed bulk request. A stop request ends the purge
 * between batches; what was written stays, and the next run finds only what is left (anonymized
 * values are recognised and not counted again).
 */
final class IndexRetention {

    /** A page is at most this many documents (index.max_result_window's default). */
    private static final int MAX_PAGE = 10_000;

    private final ClusterClient client;
    private final IndexSnapshot snapshot;
    private final OperationContext context;

    IndexRetention(ClusterClient client, IndexSnapshot snapshot, OperationContext context) {
        this.client = client;
        this.snapshot = snapshot;
        this.context = context;
    }

    PurgeResult purge(Purge purge) {
        String target = snapshot.target(purge.dataset());
        String clockType = snapshot.field(purge.dataset(), purge.clockField()).type();
        if (!clockType.equals("date") && !clockType.equals("date_nanos")) {
            throw ConnectorException.fatal(
                    "The clock field " + purge.dataset() + "." + purge.clockField() + " is " + clockType
                            + ", not a date",
                    null);
        }
        if (purge.held().any()) {
            throw ConnectorException.fatal("Subject holds are not supported by this connector yet", null);
        }
        if (!purge.anonymize().isEmpty()) {
            snapshot.requireSource(purge.dataset());
        }
        for (ErasureRule rule : purge.anonymize()) {
            String type = snapshot.field(purge.dataset(), rule.field()).type();
            if (rule.strategy() == ErasureStrategy.HASH) {
                throw ConnectorException.fatal("HASH is not supported by this connector's purge yet", null);
            }
            if (rule.strategy() == ErasureStrategy.MASK && !IndexSnapshot.TEXT.contains(type)) {
                throw ConnectorException.fatal(
                        "MASK writes text, and " + purge.dataset() + "." + rule.field() + " is " + type, null);
            }
        }
        Map<String, Object> expired = Map.of(
                "range", Map.of(purge.clockField(), Map.of("lt", purge.cutoff().toString())));
        boolean delete = purge.anonymize().isEmpty();
        BulkWrites writes = new BulkWrites(client);
        long[] records = {0};
        int[] batches = {0};
        Object source = delete
                ? Boolean.FALSE
                : purge.anonymize().stream().map(ErasureRule::field).toList();
        new DocumentScan(client, context)
                .scan(
                        "Purging " + purge.dataset(),
                        target,
                        expired,
                        source,
                        Math.min(purge.batchSize(), MAX_PAGE),
                        hits -> {
                            for (var hit : hits) {
                                if (delete) {
                                    writes.delete(hit);
                                } else {
                                    anonymize(writes, hit, purge.anonymize());
                                }
                            }
                            long changed = writes.flush("Purging " + purge.dataset());
                            if (changed > 0) {
                                records[0] += changed;
                                batches[0]++;
                            }
                        });
        return new PurgeResult(records[0], batches[0], 0);
    }

    PurgePreview preview(Purge purge) {
        String target = snapshot.target(purge.dataset());
        snapshot.field(purge.dataset(), purge.clockField());
        Map<String, Object> body = Map.of(
                "size",
                0,
                "track_total_hits",
                true,
                "query",
                Map.of(
                        "range",
                        Map.of(purge.clockField(), Map.of("lt", purge.cutoff().toString()))),
                "aggs",
                Map.of(
                        "oldest", Map.of("min", Map.of("field", purge.clockField())),
                        "newest", Map.of("max", Map.of("field", purge.clockField()))));
        JsonNode result = client.request(
                "Previewing a purge of " + purge.dataset(), "POST", "/" + target + "/_search", Map.of(), body);
        long records = result.path("hits").path("total").path("value").asLong(0);
        return new PurgePreview(records, 0, instant(result, "oldest"), instant(result, "newest"));
    }

    private static Instant instant(JsonNode result, String aggregation) {
        JsonNode value = result.path("aggregations").path(aggregation).path("value");
        return value.isNumber() ? Instant.ofEpochMilli(value.asLong()) : null;
    }

    private static void anonymize(BulkWrites writes, DocumentScan.Hit hit, List<ErasureRule> rules) {
        Map<String, Object> source = hit.source();
        Set<String> changed = new LinkedHashSet<>();
        for (ErasureRule rule : rules) {
            Object replacement = rule.strategy() == ErasureStrategy.MASK ? ErasurePlan.MASK : null;
            changed.addAll(SourceValues.transform(source, rule.field(), value -> replacement));
        }
        if (!changed.isEmpty()) {
            Map<String, Object> doc = new java.util.LinkedHashMap<>();
            changed.forEach(key -> doc.put(key, source.get(key)));
            writes.update(hit, doc);
        }
    }
}
