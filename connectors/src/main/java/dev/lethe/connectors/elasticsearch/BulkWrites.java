package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.elasticsearch.DocumentScan.Hit;
import dev.lethe.connectors.spi.ConnectorException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Deletes and partial updates of documents found by a scan, sent as one {@code _bulk} request per
 * page and refreshed at once, so that what follows (a verification, the next run) sees them. Each
 * write names the version it was read at: a document changed in between fails the write with a
 * retriable conflict instead of being overwritten. {@code _delete_by_query} is not used: clusters
 * without the reindex module do not have it.
 */
final class BulkWrites {

    private final ClusterClient client;
    private final StringBuilder body = new StringBuilder();
    private int operations;

    BulkWrites(ClusterClient client) {
        this.client = client;
    }

    void delete(Hit hit) {
        line(Map.of("delete", target(hit)));
    }

    /** Sets the top-level fields of {@code doc} in the document (objects are merged, arrays replaced). */
    void update(Hit hit, Map<String, Object> doc) {
        line(Map.of("update", target(hit)));
        Map<String, Object> partial = new LinkedHashMap<>();
        partial.put("doc", doc);
        line(partial);
    }

    /**
     * Sends what was collected, refreshing the indices.
     *
     * @return how many documents were deleted or changed (a document already gone counts nothing)
     */
    long flush(String what) {
        if (operations == 0) {
            return 0;
        }
        JsonNode result = client.request(what, "POST", "/_bulk", Map.of("refresh", "true"), body.toString());
        body.setLength(0);
        operations = 0;
        long changed = 0;
        for (JsonNode item : result.path("items")) {
            JsonNode outcome = item.properties().iterator().next().getValue();
            String done = outcome.path("result").asString("");
            if (done.equals("deleted") || done.equals("updated")) {
                changed++;
            } else if (outcome.has("error") && !(done.equals("not_found"))) {
                throw failure(what, outcome);
            }
        }
        return changed;
    }

    private static ConnectorException failure(String what, JsonNode outcome) {
        String type = outcome.path("error").path("type").asString("");
        int status = outcome.path("status").asInt(500);
        if (type.equals("document_missing_exception")) {
            // Deleted since it was found: the erasure's picture is stale, the next attempt sees the truth.
            return ConnectorException.retriable(what + " failed: a document went away while it was changed", null);
        }
        return ClusterErrors.status(what, status, type);
    }

    private static Map<String, Object> target(Hit hit) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("_index", hit.index());
        target.put("_id", hit.id());
        if (hit.seqNo() >= 0 && hit.primaryTerm() > 0) {
            target.put("if_seq_no", hit.seqNo());
            target.put("if_primary_term", hit.primaryTerm());
        }
        return target;
    }

    private void line(Map<String, Object> json) {
        body.append(ClusterClient.JSON.writeValueAsString(json)).append('\n');
        operations++;
    }
}
