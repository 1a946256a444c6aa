package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Purging.ActivityScan;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The identities of the subjects active since a cutoff (an EVENT clock's purge asks): the identity fields of
 * every document whose activity field is at or after the cutoff, read through a point in time one page of at
 * most {@code batchSize} at a time (only those fields of the source). Changes nothing.
 */
final class IndexActivity {

    /** A page is at most this many documents (index.max_result_window's default). */
    private static final int MAX_PAGE = 10_000;

    private final ClusterClient client;
    private final IndexSnapshot snapshot;
    private final OperationContext context;

    IndexActivity(ClusterClient client, IndexSnapshot snapshot, OperationContext context) {
        this.client = client;
        this.snapshot = snapshot;
        this.context = context;
    }

    void scan(ActivityScan scan, BiConsumer<String, String> sink) {
        String target = snapshot.target(scan.dataset());
        String clockType = snapshot.field(scan.dataset(), scan.activityField()).type();
        if (!clockType.equals("date") && !clockType.equals("date_nanos")) {
            throw ConnectorException.fatal(
                    "The activity field " + scan.dataset() + "." + scan.activityField() + " is " + clockType
                            + ", not a date",
                    null);
        }
        snapshot.requireSource(scan.dataset());
        scan.identityFields().keySet().forEach(field -> snapshot.field(scan.dataset(), field));
        Map<String, Object> recent = Map.of(
                "range",
                Map.of(scan.activityField(), Map.of("gte", scan.cutoff().toString())));
        new DocumentScan(client, context)
                .scan(
                        "Reading the subjects' activity in " + scan.dataset(),
                        target,
                        recent,
                        List.copyOf(scan.identityFields().keySet()),
                        Math.min(scan.batchSize(), MAX_PAGE),
                        hits -> {
                            for (var hit : hits) {
                                for (var field : scan.identityFields().entrySet()) {
                                    for (String value : SourceValues.strings(hit.source(), field.getKey())) {
                                        if (!value.isBlank()) {
                                            sink.accept(field.getValue(), value);
                                        }
                                    }
                                }
                            }
                        });
    }
}
