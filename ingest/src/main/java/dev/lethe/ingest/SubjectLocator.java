package dev.lethe.ingest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes locator documents to Elasticsearch, one index per tenant ({@code lethe-locator-<tenant>}), in
 * bulk: one document per subject, topic and partition of a batch ({@link LocatorDocument}). A batch
 * either is acknowledged completely or throws, so the caller can retry it before it commits its
 * offsets: no record is lost, and a replay overwrites (a document's id is its first record's
 * position). An index made before documents were aggregated gets the new fields' mapping on first
 * use and keeps its per-record documents, which every reader still reads. Thread-safe.
 */
public final class SubjectLocator {

    private static final int FORGET_PAGE = 1_000;

    private final ElasticsearchClient client;
    private final Set<String> knownIndexes = ConcurrentHashMap.newKeySet();
    private final LongAdder documentsWritten = new LongAdder();
    private final LongAdder recordsWritten = new LongAdder();

    public SubjectLocator(ElasticsearchClient client) {
        this.client = client;
    }

    public static String indexFor(String tenant) {
        return "lethe-locator-" + tenant.toLowerCase(Locale.ROOT);
    }

    /** Per-record entries of one batch, grouped per subject, topic and partition as {@link LocatorBatch} does. */
    public void write(String tenant, List<LocatorEntry> entries) {
        write(tenant, LocatorBatch.of(entries));
    }

    /**
     * One batch's documents; call once per batch, so that a replay of it overwrites them. A document's
     * version is its last record's offset ({@code external_gte}): a write that would shrink a document
     * (an aborted attempt of the batch that read fewer records, arriving late from a worker that lost
     * its partitions) is refused and the longer one kept, so a position is never lost; the price is
     * that after such a replay a position may be in two documents, which readers dedupe.
     */
    public void write(String tenant, LocatorBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        String index = indexFor(tenant);
        try {
            ensureIndex(index);
            List<LocatorDocument> documents = batch.documents();
            List<BulkOperation> operations = new ArrayList<>(documents.size());
            for (LocatorDocument document : documents) {
                operations.add(BulkOperation.of(op -> op.index(i -> i.index(index)
                        .id(document.id())
                        .version(document.lastOffset())
                        .versionType(VersionType.ExternalGte)
                        .document(LocatorJson.of(document)))));
            }
            BulkResponse response = client.bulk(bulk -> bulk.operations(operations));
            // 409: the document already holds at least these records (see above).
            if (response.errors()
                    && response.items().stream().anyMatch(item -> item.error() != null && item.status() != 409)) {
                throw new LocatorUnavailableException("Elasticsearch refused part of a locator batch");
            }
            documentsWritten.add(documents.size());
            recordsWritten.add(batch.size());
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not take a locator batch", e);
        }
    }

    /** How many documents this locator wrote for how many records, since it was made (for benches). */
    public Written written() {
        return new Written(documentsWritten.sum(), recordsWritten.sum());
    }

    /** Documents written and the records they locate. */
    public record Written(long documents, long records) {}

    /**
     * Deletes every entry of the subject (by its keyed hash), page by page, and waits until searches no
     * longer see them: an erased subject is forgotten. Idempotent; a tenant without an index has none.
     *
     * @return how many records' entries were deleted (a document may locate several)
     */
    public long forget(String tenant, String subjectHash) {
        String index = indexFor(tenant);
        long deleted = 0;
        try {
            while (true) {
                SearchResponse<Counted> page = client.search(
                        search -> search.index(index)
                                .ignoreUnavailable(true)
                                .size(FORGET_PAGE)
                                .source(source -> source.filter(filter -> filter.includes("count")))
                                .query(query -> query.term(
                                        term -> term.field("subjectHash").value(subjectHash))),
                        Counted.class);
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
                deleted += page.hits().hits().stream()
                        .mapToLong(hit -> hit.source() == null || hit.source().count() == null
                                ? 1
                                : hit.source().count())
                        .sum();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer while forgetting a subject", e);
        }
    }

    /** The one field {@link #forget} reads: a document without it locates one record. */
    record Counted(Integer count) {}

    private void ensureIndex(String index) throws IOException {
        if (knownIndexes.contains(index)) {
            return;
        }
        if (client.indices().exists(exists -> exists.index(index)).value()) {
            // Made before documents were aggregated: the new fields get their mapping (adding fields is
            // allowed on a live index), rather than a guessed one at every document's cost.
            client.indices()
                    .putMapping(mapping -> mapping.index(index)
                            .properties("lastRecordTime", p -> p.date(d -> d.index(false)))
                            .properties("count", p -> p.integer(i -> i.index(false)))
                            .properties("records", p -> p.object(o -> o.enabled(false))));
        } else {
            try {
                client.indices()
                        .create(create -> create.index(index)
                                .mappings(mappings -> mappings.properties("subjectHash", p -> p.keyword(k -> k))
                                        // Only aggregated (the locator search), never searched: doc values,
                                        // no index (a query on them still works, from the doc values).
                                        .properties("system", p -> p.keyword(k -> k.index(false)))
                                        .properties("dataset", p -> p.keyword(k -> k.index(false)))
                                        .properties("topic", p -> p.keyword(k -> k))
                                        .properties("partition", p -> p.integer(i -> i))
                                        .properties("offset", p -> p.long_(l -> l))
                                        .properties("categories", p -> p.keyword(k -> k.index(false)))
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
                                                p -> p.date(d -> d.index(false).docValues(false)))
                                        // A document of several records: the latest time and the count are
                                        // aggregated (doc values, no index); the records themselves are only
                                        // read back, so Elasticsearch does not even parse them.
                                        .properties("lastRecordTime", p -> p.date(d -> d.index(false)))
                                        .properties("count", p -> p.integer(i -> i.index(false)))
                                        .properties("records", p -> p.object(o -> o.enabled(false)))));
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
