package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.spi.OperationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads every document a query selects, page by page, through a point in time with {@code
 * search_after}: one page in memory at a time, a consistent view even while the pages are being
 * deleted or updated, and a checkpoint before each page. The point in time is closed at the end.
 */
final class DocumentScan {

    /** One document: where it is, the version a write must match, and its source (as asked for). */
    record Hit(String index, String id, long seqNo, long primaryTerm, Map<String, Object> source) {}

    @FunctionalInterface
    interface Page {
        void accept(List<Hit> hits);
    }

    private final ClusterClient client;
    private final OperationContext context;

    DocumentScan(ClusterClient client, OperationContext context) {
        this.client = client;
        this.context = context;
    }

    /**
     * @param source {@code true} for the whole source, {@code false} for none, or a list of paths
     */
    void scan(String what, String target, Map<String, Object> query, Object source, int pageSize, Page page) {
        JsonNode opened = client.request(
                what,
                "POST",
                "/" + target + "/_pit",
                Map.of("keep_alive", "2m", "allow_partial_search_results", "false"),
                null);
        String pit = opened.path("id").asString();
        try {
            JsonNode after = null;
            while (true) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("size", pageSize);
                body.put("query", query);
                body.put("_source", source);
                body.put("seq_no_primary_term", true);
                body.put("track_total_hits", false);
                body.put("pit", Map.of("id", pit, "keep_alive", "2m"));
                body.put("sort", List.of(Map.of("_shard_doc", "asc")));
                if (after != null) {
                    body.put("search_after", after);
                }
                JsonNode result = client.request(what, "POST", "/_search", Map.of(), body);
                pit = result.path("pit_id").asString(pit);
                JsonNode hits = result.path("hits").path("hits");
                if (hits.isEmpty()) {
                    return;
                }
                List<Hit> pageHits = new ArrayList<>(hits.size());
                for (JsonNode hit : hits) {
                    pageHits.add(hit(hit));
                }
                context.checkpoint();
                page.accept(pageHits);
                if (hits.size() < pageSize) {
                    return;
                }
                after = hits.get(hits.size() - 1).path("sort");
            }
        } finally {
            closeQuietly(pit);
        }
    }

    @SuppressWarnings("unchecked")
    private static Hit hit(JsonNode hit) {
        JsonNode source = hit.path("_source");
        return new Hit(
                hit.path("_index").asString(),
                hit.path("_id").asString(),
                hit.path("_seq_no").asLong(-1),
                hit.path("_primary_term").asLong(-1),
                source.isObject()
                        ? ClusterClient.JSON.convertValue(source, LinkedHashMap.class)
                        : new LinkedHashMap<>());
    }

    private void closeQuietly(String pit) {
        try {
            client.exchange("Closing a point in time", "DELETE", "/_pit", Map.of(), Map.of("id", pit));
        } catch (RuntimeException e) {
            // It expires on its own after its keep-alive; the scan's outcome stands.
        }
    }
}
