package dev.lethe.catalog.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import co.elastic.clients.elasticsearch.indices.CreateIndexResponse;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The concrete indexes behind a tenant's alias {@code lethe-catalog-<tenant>}: each is a
 * generation {@code lethe-catalog-<tenant>-<n>} with the catalog's mapping, and the alias points
 * to exactly one of them (its write index). A rebuild fills a new generation while searches still
 * read the current one, then {@linkplain #publish publishes} it by moving the alias in one atomic
 * {@code _aliases} request. A deployment from before the alias, where {@code lethe-catalog-<tenant>}
 * is itself a concrete index, is migrated by the first publish: that index is removed and the
 * alias added in the same request. Thread-safe; callers serialize the generations of one tenant.
 */
final class IndexGenerations {

    private static final Logger log = LoggerFactory.getLogger(IndexGenerations.class);
    private static final String PREFIX = "lethe-catalog-";
    /** How long a new generation may take to get its shard active before it is published. */
    static final Duration PUBLISH_WAIT = Duration.ofSeconds(30);

    private final ElasticsearchClient client;
    private final Duration publishWait;
    private final AtomicLong lastNumber = new AtomicLong();

    IndexGenerations(ElasticsearchClient client) {
        this(client, PUBLISH_WAIT);
    }

    /** @param publishWait how long {@link #publish} waits for the generation's shard */
    IndexGenerations(ElasticsearchClient client, Duration publishWait) {
        this.client = client;
        this.publishWait = publishWait;
    }

    /** The name searches and the outbox indexer use: an alias (or, before migration, an index). */
    static String alias(UUID tenantId) {
        return PREFIX + tenantId.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Creates a new, empty generation. As the tenant's first index it carries the alias at once;
     * otherwise it is invisible to searches, and refreshes only when asked, until published.
     *
     * @throws SearchUnavailable when a rebuild's generation gets no active shard within the publish
     *     wait: it is deleted again (filling it would only fail later, after a minute per bulk)
     */
    String create(UUID tenantId, boolean first) {
        String generation = alias(tenantId) + "-" + nextNumber();
        CreateIndexResponse created;
        try {
            created = client.indices().create(c -> {
                c.index(generation)
                        .waitForActiveShards(w -> w.count(1))
                        .timeout(t -> t.time(publishWait.toMillis() + "ms"))
                        .settings(s -> s.numberOfShards("1")
                                .numberOfReplicas("0")
                                .refreshInterval(t -> t.time(first ? "1s" : "-1")))
                        .mappings(m -> m.dynamic(DynamicMapping.Strict)
                                .properties("kind", p -> p.keyword(k -> k))
                                .properties("id", p -> p.keyword(k -> k))
                                .properties("name", p -> p.text(t -> t.analyzer("standard")))
                                .properties("description", p -> p.text(t -> t.analyzer("standard")))
                                .properties("categories", p -> p.keyword(k -> k))
                                .properties("terms", p -> p.text(t -> t.analyzer("standard")))
                                .properties("context", p -> p.text(t -> t.analyzer("standard"))));
                if (first) {
                    c.aliases(alias(tenantId), a -> a.isWriteIndex(true));
                }
                return c;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!first && !created.shardsAcknowledged()) {
            discard(tenantId, generation);
            throw new SearchUnavailable(
                    "The new search index did not get its shard within " + publishWait.toSeconds()
                            + " s; searches still use the current index",
                    null);
        }
        return generation;
    }

    /**
     * Makes {@code generation} searchable and moves the tenant's alias to it in one request, so
     * every search sees either the old index or the new one; then deletes the indexes it
     * replaces, and generations left behind by failed rebuilds. A pre-alias concrete index of the
     * alias's name is deleted inside the alias request (it cannot coexist with the alias).
     *
     * @throws SearchUnavailable when the generation's shard is not active within the publish wait
     *     ({@link #PUBLISH_WAIT} by default): the alias then stays where it was (a search must never land on an index
     *     that can't answer)
     */
    void publish(UUID tenantId, String generation) {
        String alias = alias(tenantId);
        if (!awaitActive(generation, publishWait)) {
            throw new SearchUnavailable(
                    "The rebuilt search index did not get its shard within " + publishWait.toSeconds()
                            + " s; searches still use the current index",
                    null);
        }
        try {
            client.indices().putSettings(p -> p.index(generation).settings(s -> s.refreshInterval(t -> t.time("1s"))));
            client.indices().refresh(r -> r.index(generation));
            Set<String> current = client.indices()
                    .get(g -> g.index(alias).ignoreUnavailable(true))
                    .indices()
                    .keySet();
            List<Action> actions = new ArrayList<>();
            for (String index : current) {
                if (index.equals(alias)) {
                    actions.add(Action.of(a -> a.removeIndex(r -> r.index(index))));
                } else {
                    actions.add(Action.of(a -> a.remove(r -> r.index(index).alias(alias))));
                }
            }
            actions.add(Action.of(
                    a -> a.add(add -> add.index(generation).alias(alias).isWriteIndex(true))));
            client.indices().updateAliases(u -> u.actions(actions));
            deleteOthers(tenantId, generation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits up to {@code timeout} for the primary shards of {@code index} (an index or an alias)
     * to be active (cluster health yellow for it); true when they are. A wait that times out, in
     * whatever form the client reports it, is false.
     */
    boolean awaitActive(String index, Duration timeout) {
        try {
            HealthResponse health = client.cluster()
                    .health(h -> h.index(index)
                            .waitForStatus(HealthStatus.Yellow)
                            .timeout(t -> t.time(timeout.toMillis() + "ms")));
            return !health.timedOut() && health.status() != HealthStatus.Red;
        } catch (IOException | RuntimeException e) {
            if (SearchUnavailable.isTransient(e)) {
                return false;
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Deletes a generation that was never published (a failed rebuild); a published one stays. */
    void discard(UUID tenantId, String generation) {
        try {
            boolean published = client.indices()
                    .get(g -> g.index(alias(tenantId)).ignoreUnavailable(true))
                    .indices()
                    .containsKey(generation);
            if (!published) {
                client.indices().delete(d -> d.index(generation).ignoreUnavailable(true));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete the unpublished search index {}: {}", generation, e.toString());
        }
    }

    /** The tenant's generations other than {@code kept}; best effort, the next publish retries. */
    private void deleteOthers(UUID tenantId, String kept) {
        try {
            List<String> others = client
                    .indices()
                    .get(g -> g.index(alias(tenantId) + "-*").allowNoIndices(true))
                    .indices()
                    .keySet()
                    .stream()
                    .filter(index -> !index.equals(kept))
                    .toList();
            if (!others.isEmpty()) {
                client.indices().delete(d -> d.index(others).ignoreUnavailable(true));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete the replaced search indexes of tenant {}: {}", tenantId, e.toString());
        }
    }

    /** Increasing within the process and across restarts (milliseconds since the epoch, or more). */
    private long nextNumber() {
        return lastNumber.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    }
}
