package dev.lethe.connectors.kafka;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.ingest.LocatorEntry;
import dev.lethe.ingest.SubjectLocator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * A subject's entries in ingest's locator (one Elasticsearch index per tenant): read page by page in
 * position order, so a subject with many records is never held in memory at once, and deleted by id;
 * and the entries of records a retention purge deleted, by position.
 */
final class LocatorEntries {

    static final int PAGE = 500;

    private final ElasticsearchClient client;

    LocatorEntries(ElasticsearchClient client) {
        this.client = client;
    }

    /** Every entry of the subject, in pages of at most {@value #PAGE}, ordered by topic, partition, offset. */
    void forEachPage(OperationContext context, String subjectHash, Consumer<List<LocatorEntry>> page) {
        String index = SubjectLocator.indexFor(context.tenant().toString());
        List<FieldValue> after = null;
        while (true) {
            context.checkpoint();
            List<FieldValue> from = after;
            SearchResponse<LocatorEntry> response;
            try {
                response = client.search(
                        search -> {
                            search.index(index)
                                    .ignoreUnavailable(true)
                                    .size(PAGE)
                                    .query(query -> query.term(
                                            term -> term.field("subjectHash").value(subjectHash)))
                                    .sort(sort ->
                                            sort.field(f -> f.field("topic").order(SortOrder.Asc)))
                                    .sort(sort ->
                                            sort.field(f -> f.field("partition").order(SortOrder.Asc)))
                                    .sort(sort ->
                                            sort.field(f -> f.field("offset").order(SortOrder.Asc)));
                            if (from != null) {
                                search.searchAfter(from);
                            }
                            return search;
                        },
                        LocatorEntry.class);
            } catch (IOException e) {
                throw ConnectorException.retriable(
                        "Reading the subject locator failed: Elasticsearch unreachable", null);
            } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
                throw refused("Reading the subject locator", e);
            }
            List<Hit<LocatorEntry>> hits = response.hits().hits();
            if (hits.isEmpty()) {
                return;
            }
            page.accept(hits.stream().map(Hit::source).toList());
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
     * purge deleted), page by page; a tenant without a locator index has none.
     *
     * @return how many entries were deleted
     */
    long deleteBefore(OperationContext context, String topic, int partition, long offset) {
        String index = SubjectLocator.indexFor(context.tenant().toString());
        long deleted = 0;
        while (true) {
            context.checkpoint();
            SearchResponse<LocatorEntry> response;
            try {
                response = client.search(
                        search -> search.index(index)
                                .ignoreUnavailable(true)
                                .size(PAGE)
                                .query(query -> query.bool(bool -> bool.filter(f -> f.term(
                                                term -> term.field("topic").value(topic)))
                                        .filter(f -> f.term(
                                                term -> term.field("partition").value(partition)))
                                        .filter(f -> f.range(range -> range.number(
                                                number -> number.field("offset").lt((double) offset)))))),
                        LocatorEntry.class);
            } catch (IOException e) {
                throw ConnectorException.retriable(
                        "Reading the subject locator failed: Elasticsearch unreachable", null);
            } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
                throw refused("Reading the subject locator", e);
            }
            List<LocatorEntry> entries =
                    response.hits().hits().stream().map(Hit::source).toList();
            if (entries.isEmpty()) {
                return deleted;
            }
            delete(context, entries);
            deleted += entries.size();
        }
    }

    /** Deletes entries and waits until searches no longer see them; deleting one already gone is no error. */
    void delete(OperationContext context, Collection<LocatorEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String index = SubjectLocator.indexFor(context.tenant().toString());
        List<BulkOperation> operations = entries.stream()
                .map(entry ->
                        BulkOperation.of(op -> op.delete(d -> d.index(index).id(entry.id()))))
                .toList();
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
