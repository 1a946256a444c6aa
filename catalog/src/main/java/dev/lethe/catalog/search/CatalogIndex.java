package dev.lethe.catalog.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog's search index of each tenant, read and written through the alias
 * {@code lethe-catalog-<tenant id>} (see {@link IndexGenerations} for the concrete indexes behind
 * it), with an explicit mapping on built-in analyzers only. Thread-safe.
 */
public final class CatalogIndex {

    /** How long a search waits for a shard that is not active yet before it answers 503. */
    private static final Duration SHARD_WAIT = Duration.ofSeconds(10);

    private final ElasticsearchClient client;
    private final IndexGenerations generations;
    private final Set<UUID> known = ConcurrentHashMap.newKeySet();

    public CatalogIndex(ElasticsearchClient client) {
        this.client = client;
        this.generations = new IndexGenerations(client);
    }

    static String name(UUID tenantId) {
        return IndexGenerations.alias(tenantId);
    }

    /** Creates the tenant's first index, behind its alias, unless the alias (or a pre-alias index) exists. */
    void ensure(UUID tenantId) {
        if (known.contains(tenantId)) {
            return;
        }
        try {
            if (!exists(tenantId)) {
                generations.create(tenantId, true);
            }
        } catch (ElasticsearchException e) {
            // Another instance created one in between: as good as our own.
            if (!exists(tenantId)) {
                throw e;
            }
        }
        known.add(tenantId);
    }

    /** Starts a rebuild: a new, empty index that searches do not see until {@link #publish}. */
    String createGeneration(UUID tenantId) {
        return generations.create(tenantId, false);
    }

    /** Points the tenant's alias to {@code generation} atomically and deletes the index it replaces. */
    void publish(UUID tenantId, String generation) {
        generations.publish(tenantId, generation);
        known.add(tenantId);
    }

    /** Deletes a generation whose rebuild failed, unless it was published after all. */
    void discard(UUID tenantId, String generation) {
        generations.discard(tenantId, generation);
    }

    /** Indexes {@code documents} and deletes the documents with {@code deleted} ids through the tenant's alias. */
    void write(UUID tenantId, Collection<SearchDocument> documents, Collection<String> deleted) {
        writeTo(name(tenantId), documents, deleted);
    }

    /** Indexes {@code documents} and deletes the documents with {@code deleted} ids, in one bulk request. */
    void writeTo(String index, Collection<SearchDocument> documents, Collection<String> deleted) {
        if (documents.isEmpty() && deleted.isEmpty()) {
            return;
        }
        List<BulkOperation> operations = new ArrayList<>();
        for (SearchDocument document : documents) {
            operations.add(BulkOperation.of(
                    o -> o.index(i -> i.index(index).id(document.id()).document(document))));
        }
        for (String id : deleted) {
            operations.add(BulkOperation.of(o -> o.delete(d -> d.index(index).id(id))));
        }
        try {
            BulkResponse response = client.bulk(b -> b.operations(operations));
            if (response.errors()) {
                List<String> errors = response.items().stream()
                        .filter(item -> item.error() != null)
                        .map(CatalogIndex::describe)
                        .limit(5)
                        .toList();
                if (!errors.isEmpty()) {
                    throw new IllegalStateException("Bulk indexing into " + index + " failed: " + errors);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void refresh(UUID tenantId) {
        try {
            client.indices().refresh(r -> r.index(name(tenantId)).ignoreUnavailable(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The best matches of {@code text} by name, words of names and category codes, category
     * names, context and description; the last word also matches as a prefix (type-ahead). A
     * tenant with no index yet has no hits.
     *
     * @throws SearchUnavailable when the index can't answer yet (its shard is not active a while
     *     after it was created, Elasticsearch is busy or unreachable): after one bounded wait for the
     *     shard and one retry
     */
    public List<SearchHit> search(UUID tenantId, String text, int limit) {
        try {
            return query(tenantId, text, limit);
        } catch (IOException | RuntimeException e) {
            if (!SearchUnavailable.isTransient(e)) {
                throw unchecked(e);
            }
        }
        // An index created a moment ago may not have its shard yet (on a loaded machine this took
        // longer than 5 s once): wait for it, within bounds, then ask once more.
        generations.awaitActive(name(tenantId), SHARD_WAIT);
        try {
            return query(tenantId, text, limit);
        } catch (IOException | RuntimeException e) {
            if (SearchUnavailable.isTransient(e)) {
                throw new SearchUnavailable("The catalog search index is not available yet", e);
            }
            throw unchecked(e);
        }
    }

    private static RuntimeException unchecked(Exception e) {
        return e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }

    private List<SearchHit> query(UUID tenantId, String text, int limit) throws IOException {
        SearchResponse<SearchDocument> response = client.search(
                s -> s.index(name(tenantId))
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .size(limit)
                        .query(q -> q.multiMatch(m -> m.query(text)
                                .type(TextQueryType.BoolPrefix)
                                .fields("name^3", "terms^2", "context", "description"))),
                SearchDocument.class);
        return response.hits().hits().stream()
                .filter(hit -> hit.source() != null)
                .map(hit -> {
                    SearchDocument document = hit.source();
                    return new SearchHit(
                            document.kind(),
                            document.id(),
                            document.name(),
                            document.context(),
                            document.categories(),
                            hit.score() == null ? 0 : hit.score());
                })
                .toList();
    }

    private boolean exists(UUID tenantId) {
        try {
            return client.indices().exists(e -> e.index(name(tenantId))).value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(BulkResponseItem item) {
        return item.id() + ": " + item.error().type() + " " + item.error().reason();
    }
}
