package dev.lethe.ingest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes locator entries to Elasticsearch, one index per tenant ({@code lethe-locator-<tenant>}), in
 * bulk. A batch either is acknowledged completely or throws, so the caller can retry it before it
 * commits its offsets: no entry is lost, and replays overwrite (ids are per record).
 */
public final class SubjectLocator {

    private static final int FORGET_PAGE = 1_000;

    private final ElasticsearchClient client;
    private final Set<String> knownIndexes = ConcurrentHashMap.newKeySet();

    public SubjectLocator(ElasticsearchClient client) {
        this.client = client;
    }

    public static String indexFor(String tenant) {
        return "lethe-locator-" + tenant.toLowerCase(Locale.ROOT);
    }

    public void write(String tenant, List<LocatorEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String index = indexFor(tenant);
        try {
            ensureIndex(index);
            List<BulkOperation> operations = entries.stream()
                    .map(entry -> BulkOperation.of(
                            op -> op.index(i -> i.index(index).id(entry.id()).document(entry))))
                    .toList();
            BulkResponse response = client.bulk(bulk -> bulk.operations(operations));
            if (response.errors()) {
                throw new LocatorUnavailableException("Elasticsearch refused part of a locator batch");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not take a locator batch", e);
        }
    }

    /**
     * Deletes every entry of the subject (by its keyed hash), page by page, and waits until searches no
     * longer see them: an erased subject is forgotten. Idempotent; a tenant without an index has none.
     *
     * @return how many entries were deleted
     */
    public long forget(String tenant, String subjectHash) {
        String index = indexFor(tenant);
        long deleted = 0;
        try {
            while (true) {
                SearchResponse<Void> page = client.search(
                        search -> search.index(index)
                                .ignoreUnavailable(true)
                                .size(FORGET_PAGE)
                                .source(source -> source.fetch(false))
                                .query(query -> query.term(
                                        term -> term.field("subjectHash").value(subjectHash))),
                        Void.class);
                List<BulkOperation> deletes = page.hits().hits().stream()
                        .map(hit -> BulkOperation.of(
                                op -> op.delete(d -> d.index(index).id(hit.id()))))
                        .toList();
                if (deletes.isEmpty()) {
                    return deleted;
                }
                BulkResponse response =
                        client.bulk(bulk -> bulk.operations(deletes).refresh(Refresh.WaitFor));
                if (response.items().stream().anyMatch(item -> item.error() != null && item.status() != 404)) {
                    throw new LocatorUnavailableException(
                            "Elasticsearch refused to delete part of a subject's entries");
                }
                deleted += deletes.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer while forgetting a subject", e);
        }
    }

    private void ensureIndex(String index) throws IOException {
        if (knownIndexes.contains(index)) {
            return;
        }
        if (!client.indices().exists(exists -> exists.index(index)).value()) {
            try {
                client.indices()
                        .create(create -> create.index(index)
                                .mappings(mappings -> mappings.properties("subjectHash", p -> p.keyword(k -> k))
                                        .properties("system", p -> p.keyword(k -> k))
                                        .properties("dataset", p -> p.keyword(k -> k))
                                        .properties("topic", p -> p.keyword(k -> k))
                                        .properties("partition", p -> p.integer(i -> i))
                                        .properties("offset", p -> p.long_(l -> l))
                                        .properties("categories", p -> p.keyword(k -> k))
                                        // Mapped here rather than guessed per document: a guessed string
                                        // is indexed twice (text and keyword), at every record's cost. The
                                        // key and the times are only read back from the source, and the
                                        // record time aggregated (first and last seen): nothing searches
                                        // them, so no index (and no doc values where nothing aggregates).
                                        .properties(
                                                "recordKey",
                                                p -> p.keyword(
                                                        k -> k.index(false).docValues(false)))
                                        .properties("recordTime", p -> p.date(d -> d.index(false)))
                                        .properties(
                                                "seenAt",
                                                p -> p.date(d -> d.index(false).docValues(false)))));
            } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
                // Another worker created it first.
                if (!client.indices().exists(exists -> exists.index(index)).value()) {
                    throw e;
                }
            }
        }
        knownIndexes.add(index);
    }

    /** The batch was not (completely) acknowledged; retry it. */
    public static final class LocatorUnavailableException extends RuntimeException {
        LocatorUnavailableException(String message) {
            super(message);
        }
    }
}
