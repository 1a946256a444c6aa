package dev.lethe.connectors.kafka;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.ObjectBuilder;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.ingest.LocatorDocument;
import dev.lethe.ingest.LocatorEntry;
import dev.lethe.ingest.SubjectLocator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongPredicate;

/**
 * A subject's entries in ingest's locator (one Elasticsearch index per tenant), one per record whichever
 * the document shape ({@link LocatorDocument}: one record per document, or one document per subject and
 * batch): read page by page in position order, so a subject with many records is never held in memory at
 * once, each position once (a batch replayed across an upgrade may have left a record in two documents);
 * deleted by position, a document of several records rewritten with the ones that are left.
 */
final class LocatorEntries {

    static final int PAGE = 500;

    private final ElasticsearchClient client;

    LocatorEntries(ElasticsearchClient client) {
        this.client = client;
    }

    /**
     * Every entry of the subject, in pages of the records of at most {@value #PAGE} documents, ordered by
     * topic, partition and offset.
     */
    void forEachPage(OperationContext context, String subjectHash, Consumer<List<LocatorEntry>> page) {
        var seen = new Seen();
        List<FieldValue> after = null;
        while (true) {
            List<Hit<LocatorDocument>> hits = search(
                    context,
                    query -> query.term(term -> term.field("subjectHash").value(subjectHash)),
                    after);
            if (hits.isEmpty()) {
                return;
            }
            List<LocatorEntry> entries = new ArrayList<>();
            for (Hit<LocatorDocument> hit : hits) {
                seen.unseen(hit.source(), entries);
            }
            page.accept(entries);
            if (hits.size() < PAGE) {
                return;
            }
            after = hits.getLast().sort();
        }
    }

    /** All of the subject's entries; for erasure, which needs them before it changes anything. */
    List<LocatorEntry> all(OperationContext context, String subjectHash) {
        List<LocatorEntry> entries = new ArrayList<>();
        forEachPage(context, subjectHash, entries::addAll);
        return entries;
    }

    /**
     * Deletes the entries of every subject's records in a partition before {@code offset} (records a
     * purge deleted), page by page: a document of several records reaching past the cut keeps the ones
     * from the cut on. A tenant without a locator index has none.
     *
     * @return how many records' entries were deleted
     */
    long deleteBefore(OperationContext context, String topic, int partition, long offset) {
        long deleted = 0;
        while (true) {
            // Documents rewritten start at or after the cut, so each round finds only what is left.
            List<Hit<LocatorDocument>> hits = search(
                    context,
                    query -> query.bool(bool -> bool.filter(
                                    f -> f.term(term -> term.field("topic").value(topic)))
                            .filter(f -> f.term(term -> term.field("partition").value(partition)))
                            .filter(f -> f.range(range -> range.number(
                                    number -> number.field("offset").lt((double) offset))))),
                    null);
            if (hits.isEmpty()) {
                return deleted;
            }
            long removed = rewrite(context, hits, position -> position < offset);
            if (removed == 0) {
                return deleted; // a document whose first offset is not its first record's: nothing to cut
            }
            deleted += removed;
        }
    }

    /** Deletes entries and waits until searches no longer see them; deleting one already gone is no error. */
    void delete(OperationContext context, Collection<LocatorEntry> entries) {
        Map<String, TreeSet<Long>> byDocuments = new LinkedHashMap<>();
        Map<String, LocatorEntry> anyOf = new HashMap<>();
        for (LocatorEntry entry : entries) {
            String group = entry.subjectHash() + "/" + entry.topic() + "/" + entry.partition();
            byDocuments.computeIfAbsent(group, g -> new TreeSet<>()).add(entry.offset());
            anyOf.putIfAbsent(group, entry);
        }
        for (var group : byDocuments.entrySet()) {
            LocatorEntry entry = anyOf.get(group.getKey());
            TreeSet<Long> offsets = group.getValue();
            // The documents that may hold them: the subject's in the partition that start at or before the last.
            List<FieldValue> after = null;
            List<Hit<LocatorDocument>> holding = new ArrayList<>();
            while (true) {
                List<Hit<LocatorDocument>> hits = search(
                        context,
                        query -> query.bool(bool -> bool.filter(f ->
                                        f.term(term -> term.field("subjectHash").value(entry.subjectHash())))
                                .filter(f -> f.term(term -> term.field("topic").value(entry.topic())))
                                .filter(f ->
                                        f.term(term -> term.field("partition").value(entry.partition())))
                                .filter(f -> f.range(range -> range.number(
                                        number -> number.field("offset").lte((double) offsets.last()))))),
                        after);
                holding.addAll(hits);
                if (hits.size() < PAGE) {
                    break;
                }
                after = hits.getLast().sort();
            }
            rewrite(context, holding, offsets::contains);
        }
    }

    /**
     * Removes the records {@code gone} selects from the documents: a document left empty is deleted, one
     * left with some is written back under its id. Waits until searches see the change.
     *
     * @return how many records were removed
     */
    private long rewrite(OperationContext context, List<Hit<LocatorDocument>> hits, LongPredicate gone) {
        String index = SubjectLocator.indexFor(context.tenant().toString());
        List<BulkOperation> operations = new ArrayList<>();
        long removed = 0;
        for (Hit<LocatorDocument> hit : hits) {
            LocatorDocument document = hit.source();
            List<LocatorDocument.Located> kept = document.located().stream()
                    .filter(record -> !gone.test(record.offset()))
                    .toList();
            if (kept.size() == document.size()) {
                continue;
            }
            removed += document.size() - kept.size();
            LocatorDocument left = document.keeping(kept);
            String id = hit.id();
            // Written back under the version it was read with: a write of ingest in between (a replay
            // of the batch) makes this one fail, and the operation is retried on what is there now.
            operations.add(
                    left == null
                            ? BulkOperation.of(
                                    op -> op.delete(d -> d.index(index).id(id)))
                            : BulkOperation.of(op -> op.index(i -> {
                                i.index(index).id(id).document(left);
                                return hit.version() == null
                                        ? i
                                        : i.version(hit.version()).versionType(VersionType.ExternalGte);
                            })));
        }
        if (operations.isEmpty()) {
            return 0;
        }
        try {
            BulkResponse response =
                    client.bulk(bulk -> bulk.operations(operations).refresh(Refresh.WaitFor));
            boolean failed = response.items().stream().anyMatch(item -> item.error() != null && item.status() != 404);
            if (failed) {
                throw ConnectorException.retriable("Elasticsearch refused to delete some locator entries", null);
            }
        } catch (IOException e) {
            throw ConnectorException.retriable("Deleting locator entries failed: Elasticsearch unreachable", null);
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            throw refused("Deleting locator entries", e);
        }
        return removed;
    }

    /** One page of documents, in position order, after {@code after} (null: from the start). */
    private List<Hit<LocatorDocument>> search(
            OperationContext context, Function<Query.Builder, ObjectBuilder<Query>> query, List<FieldValue> after) {
        context.checkpoint();
        String index = SubjectLocator.indexFor(context.tenant().toString());
        SearchResponse<LocatorDocument> response;
        try {
            response = client.search(
                    search -> {
                        search.index(index)
                                .ignoreUnavailable(true)
                                .size(PAGE)
                                .version(true)
                                .query(query)
                                .sort(sort -> sort.field(f -> f.field("topic").order(SortOrder.Asc)))
                                .sort(sort ->
                                        sort.field(f -> f.field("partition").order(SortOrder.Asc)))
                                .sort(sort -> sort.field(f -> f.field("offset").order(SortOrder.Asc)));
                        if (after != null) {
                            search.searchAfter(after);
                        }
                        return search;
                    },
                    LocatorDocument.class);
        } catch (IOException e) {
            throw ConnectorException.retriable("Reading the subject locator failed: Elasticsearch unreachable", null);
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            throw refused("Reading the subject locator", e);
        }
        return response.hits().hits();
    }

    /**
     * The positions already handed out, per partition. Documents come in order of their first offset and
     * hold no record before it, so a position below a document's first offset cannot come again: only the
     * ones from there on are kept.
     */
    private static final class Seen {
        private final Map<String, TreeSet<Long>> byPartition = new HashMap<>();

        void unseen(LocatorDocument document, List<LocatorEntry> into) {
            TreeSet<Long> seen =
                    byPartition.computeIfAbsent(document.topic() + "/" + document.partition(), p -> new TreeSet<>());
            seen.headSet(document.offset()).clear();
            for (LocatorEntry entry : document.entries()) {
                if (seen.add(entry.offset())) {
                    into.add(entry);
                }
            }
        }
    }

    /** Lethe's own credentials refused (401, 403) need a person; anything else may pass. */
    private static ConnectorException refused(
            String what, co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
        String message = what + " failed: Elasticsearch answered " + e.status();
        return e.status() == 401 || e.status() == 403
                ? ConnectorException.fatal(message, null)
                : ConnectorException.retriable(message, null);
    }
}
