package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ErasedValues;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Pacing;
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgePreview;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A retention purge in bounded batches: the expired documents (clock field before the cutoff) are
 * read through a point in time one page of at most {@code batchSize} at a time, and each page is
 * deleted or anonymized in place with one refreshed bulk request. Documents of held subjects (an
 * identity field holding a held identity) are left as they are and counted; the scan moves on past
 * them, so they never block progress. With an EVENT clock the documents of subjects active since the
 * cutoff have not expired: left as they are, not counted. A stop request ends the purge between
 * batches, also during a pause; what was written stays, and the next run finds only what is left
 * (anonymized values are recognised and not counted again). Run dry, the same scan changes nothing:
 * the preview.
 */
final class IndexRetention {

    /** A page is at most this many documents (index.max_result_window's default). */
    private static final int MAX_PAGE = 10_000;

    private final ClusterClient client;
    private final IndexSnapshot snapshot;
    private final OperationContext context;
    private final ErasedValues erasedValues;

    IndexRetention(ClusterClient client, IndexSnapshot snapshot, OperationContext context, ErasedValues erasedValues) {
        this.client = client;
        this.snapshot = snapshot;
        this.context = context;
        this.erasedValues = erasedValues;
    }

    /** What the scan found or did. */
    private static final class Tally {
        long records;
        long held;
        int batches;
        Instant oldest;
        Instant newest;

        void going(Instant clock) {
            records++;
            if (clock != null) {
                oldest = oldest == null || clock.isBefore(oldest) ? clock : oldest;
                newest = newest == null || clock.isAfter(newest) ? clock : newest;
            }
        }
    }

    PurgeResult purge(Purge purge) {
        Tally tally = scan(purge, false);
        return new PurgeResult(tally.records, tally.batches, tally.held);
    }

    PurgePreview preview(Purge purge) {
        if (!purge.readsEachRecord() && purge.anonymize().isEmpty()) {
            return counted(purge);
        }
        Tally tally = scan(purge, true);
        return new PurgePreview(tally.records, tally.held, tally.oldest, tally.newest);
    }

    private Tally scan(Purge purge, boolean dry) {
        String target = check(purge);
        boolean delete = purge.anonymize().isEmpty();
        Set<String> read = new LinkedHashSet<>();
        purge.anonymize().forEach(rule -> read.add(rule.field()));
        read.addAll(purge.held().identityFields().keySet());
        read.addAll(purge.active().identityFields().keySet());
        if (dry) {
            read.add(purge.clockField());
        }
        BulkWrites writes = new BulkWrites(client);
        Pacing pacing = new Pacing(purge.pace(), context);
        int pageSize = Math.min(pacing.batchSize(purge.batchSize()), MAX_PAGE);
        String what = (dry ? "Previewing a purge of " : "Purging ") + purge.dataset();
        Tally tally = new Tally();
        new DocumentScan(client, context)
                .scan(
                        what,
                        target,
                        expired(purge),
                        read.isEmpty() ? Boolean.FALSE : List.copyOf(read),
                        pageSize,
                        hits -> {
                            for (var hit : hits) {
                                // Before anonymized(), which changes the source in place (identity fields too).
                                boolean held = held(purge, hit);
                                boolean active = active(purge, hit);
                                Map<String, Object> changes = delete ? Map.of() : anonymized(hit, purge.anonymize());
                                if (!delete && changes.isEmpty()) {
                                    continue; // anonymized already
                                }
                                if (active) {
                                    continue; // the subject was active since the cutoff: not expired (EVENT clock)
                                }
                                if (held) {
                                    tally.held++;
                                } else if (dry) {
                                    tally.going(clock(hit, purge.clockField()));
                                } else if (delete) {
                                    writes.delete(hit);
                                } else {
                                    writes.update(hit, changes);
                                }
                            }
                            if (!dry) {
                                long changed = writes.flush(what);
                                tally.records += changed;
                                tally.batches += changed > 0 ? 1 : 0;
                                if (hits.size() == pageSize) {
                                    pacing.afterBatch(hits.size());
                                }
                            }
                        });
        return tally;
    }

    /** A purge that deletes whatever is expired: counted and dated by the cluster, nothing read. */
    private PurgePreview counted(Purge purge) {
        String target = check(purge);
        Map<String, Object> body = Map.of(
                "size",
                0,
                "track_total_hits",
                true,
                "query",
                expired(purge),
                "aggs",
                Map.of(
                        "oldest", Map.of("min", Map.of("field", purge.clockField())),
                        "newest", Map.of("max", Map.of("field", purge.clockField()))));
        JsonNode result = client.request(
                "Previewing a purge of " + purge.dataset(), "POST", "/" + target + "/_search", Map.of(), body);
        long records = result.path("hits").path("total").path("value").asLong(0);
        return new PurgePreview(records, 0, aggregated(result, "oldest"), aggregated(result, "newest"));
    }

    /** The dataset's indices, once the purge's fields are checked against their mappings. */
    private String check(Purge purge) {
        String target = snapshot.target(purge.dataset());
        String clockType = snapshot.field(purge.dataset(), purge.clockField()).type();
        if (!clockType.equals("date") && !clockType.equals("date_nanos")) {
            throw ConnectorException.fatal(
                    "The clock field " + purge.dataset() + "." + purge.clockField() + " is " + clockType
                            + ", not a date",
                    null);
        }
        if (!purge.anonymize().isEmpty() || purge.held().any() || purge.active().any()) {
            snapshot.requireSource(purge.dataset());
        }
        for (ErasureRule rule : purge.anonymize()) {
            String type = snapshot.field(purge.dataset(), rule.field()).type();
            if (rule.strategy() != ErasureStrategy.NULL && !IndexSnapshot.TEXT.contains(type)) {
                throw ConnectorException.fatal(
                        rule.strategy() + " writes text, and " + purge.dataset() + "." + rule.field() + " is " + type,
                        null);
            }
        }
        purge.held().identityFields().keySet().forEach(field -> snapshot.field(purge.dataset(), field));
        purge.active().identityFields().keySet().forEach(field -> snapshot.field(purge.dataset(), field));
        return target;
    }

    private static Map<String, Object> expired(Purge purge) {
        return Map.of(
                "range", Map.of(purge.clockField(), Map.of("lt", purge.cutoff().toString())));
    }

    private static boolean held(Purge purge, DocumentScan.Hit hit) {
        for (var field : purge.held().identityFields().entrySet()) {
            for (String value : SourceValues.strings(hit.source(), field.getKey())) {
                if (!value.isBlank() && purge.held().isHeld().test(field.getValue(), value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean active(Purge purge, DocumentScan.Hit hit) {
        for (var field : purge.active().identityFields().entrySet()) {
            for (String value : SourceValues.strings(hit.source(), field.getKey())) {
                if (!value.isBlank() && purge.active().isActive().test(field.getValue(), value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The top-level fields the rules change, with their new values; empty when nothing changes. */
    private Map<String, Object> anonymized(DocumentScan.Hit hit, List<ErasureRule> rules) {
        Map<String, Object> source = hit.source();
        Set<String> changed = new LinkedHashSet<>();
        for (ErasureRule rule : rules) {
            changed.addAll(SourceValues.transform(source, rule.field(), value -> erasedValues.erased(rule, value)));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        changed.forEach(key -> doc.put(key, source.get(key)));
        return doc;
    }

    /** The clock as the source spells it: ISO text (with or without zone, UTC then) or epoch millis. */
    private static Instant clock(DocumentScan.Hit hit, String field) {
        List<String> values = new ArrayList<>(SourceValues.strings(hit.source(), field));
        Instant earliest = null;
        for (String value : values) {
            Instant instant = Clocks.parse(value);
            if (instant != null && (earliest == null || instant.isBefore(earliest))) {
                earliest = instant;
            }
        }
        return earliest;
    }

    private static Instant aggregated(JsonNode result, String aggregation) {
        JsonNode value = result.path("aggregations").path(aggregation).path("value");
        return value.isNumber() ? Instant.ofEpochMilli(value.asLong()) : null;
    }
}
