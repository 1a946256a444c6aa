package dev.lethe.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.json.JsonData;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.UniqueNames;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The rebuild fills a new index behind the tenant's alias and swaps it in atomically: searches
 * never see a missing or empty index, and changes made during the rebuild still arrive.
 */
class CatalogIndexRebuildIT extends AppIntegrationTest {

    private static final int DATASETS = 200;
    private static final int FIELDS_PER_DATASET = 100;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration FAST_POLL = Duration.ofMillis(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    CatalogIndexer indexer;

    Tenant tenant;
    String key;
    ExecutorService executor;

    @BeforeEach
    void newTenant() {
        tenant = tenants.create(UniqueNames.of("rebuild"), "Rebuild Test GmbH");
        key = UniqueNames.of("catalog-rebuild-test-key-0123456789abcdef");
        as(tenant.id(), () -> apiKeys.ensure(tenant.id(), "officer", key, Set.of(Role.PRIVACY_OFFICER)));
        executor = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    @Test
    void searchesAnswerFromTheOldIndexThroughoutARebuildAndChangesMadeMeanwhileArrive() throws Exception {
        seed(DATASETS, FIELDS_PER_DATASET);
        assertThat(rebuild().get("indexed").asInt()).isEqualTo(1 + DATASETS + DATASETS * FIELDS_PER_DATASET);
        String before = onlyIndexBehindAlias();

        AtomicBoolean searching = new AtomicBoolean(true);
        var failures = new ConcurrentLinkedQueue<String>();
        var searches = new AtomicInteger();
        List<CompletableFuture<Void>> searchers = List.of(
                searchUntilStopped(searching, searches, failures), searchUntilStopped(searching, searches, failures));
        awaitAtLeast(searches, 5);
        int searchesBefore = searches.get();
        CompletableFuture<Integer> rebuilt = CompletableFuture.supplyAsync(this::rebuild, executor)
                .thenApply(result -> {
                    assertThat(result.get("indexed").asInt())
                            .isGreaterThanOrEqualTo(1 + DATASETS + DATASETS * FIELDS_PER_DATASET);
                    return searches.get();
                });

        awaitSecondIndex();
        String witness = createField("rebuildWitness");
        assertThat(as(tenant.id(), () -> indexer.drain(tenant.id())))
                .as("the indexer leaves the tenant alone during its rebuild")
                .isZero();
        assertThat(pendingOutboxRows()).isPositive();
        assertThat(rebuilt)
                .as("the rebuild was still running while the field was created")
                .isNotDone();

        int searchesUntilSwap = rebuilt.get(2, TimeUnit.MINUTES);
        searching.set(false);
        CompletableFuture.allOf(searchers.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);

        assertThat(failures).isEmpty();
        assertThat(searchesUntilSwap - searchesBefore)
                .as("searches during the rebuild")
                .isGreaterThan(10);
        String after = onlyIndexBehindAlias();
        assertThat(after).isNotEqualTo(before).startsWith(CatalogIndex.name(tenant.id()) + "-");
        assertThat(exists(before)).isFalse();
        assertThat(tenantIndexes()).containsExactly(after);
        awaitHit("witness", witness);
    }

    @Test
    void aPreAliasIndexIsMigratedToTheAliasOnTheFirstRebuild() throws Exception {
        String name = CatalogIndex.name(tenant.id());
        elasticsearch.indices().create(c -> c.index(name));
        elasticsearch.index(i -> i.index(name)
                .id("stale")
                .document(Map.of("kind", "system", "id", "stale", "name", "leftover"))
                .refresh(Refresh.True));
        seed(1, 3);
        String systemId = owner().fetchValue("select id from data_system where tenant_id = ?", tenant.id())
                .toString();
        awaitHit("leftover", "stale");

        assertThat(rebuild().get("indexed").asInt()).isEqualTo(1 + 1 + 3);

        assertThat(elasticsearch.indices().existsAlias(e -> e.name(name)).value())
                .isTrue();
        assertThat(onlyIndexBehindAlias()).startsWith(name + "-");
        assertThat(hits("leftover")).isEmpty();
        awaitHit("warehouse", systemId);
    }

    @Test
    void aRebuiltIndexWhoseShardIsNotActiveIsNeverPublished() throws Exception {
        seed(1, 3);
        rebuild();
        String before = onlyIndexBehindAlias();
        String stuck = CatalogIndex.name(tenant.id()) + "-" + Long.MAX_VALUE;
        createIndexWithoutAShard(stuck, false);
        var generations = new IndexGenerations(elasticsearch, Duration.ofSeconds(2));

        try {
            assertThatThrownBy(() -> generations.publish(tenant.id(), stuck))
                    .isInstanceOf(SearchUnavailable.class)
                    .hasMessageContaining("searches still use the current index");

            assertThat(onlyIndexBehindAlias()).isEqualTo(before);
            assertThat(hits("warehouse")).isNotEmpty();
        } finally {
            generations.discard(tenant.id(), stuck);
        }
        assertThat(exists(stuck)).isFalse();
    }

    @Test
    void aRebuildWhoseNewIndexGetsNoShardIsRefusedAndLeavesNothingBehind() throws Exception {
        seed(1, 3);
        rebuild();
        String before = onlyIndexBehindAlias();
        var generations = new IndexGenerations(elasticsearch, Duration.ofSeconds(2));
        // This test JVM's own Elasticsearch: no new shard is allocated until the finally block.
        allocation("none");
        try {
            assertThatThrownBy(() -> generations.create(tenant.id(), false))
                    .isInstanceOf(SearchUnavailable.class)
                    .hasMessageContaining("searches still use the current index");
        } finally {
            allocation("all");
        }

        assertThat(tenantIndexes()).containsExactly(before);
        assertThat(onlyIndexBehindAlias()).isEqualTo(before);
        assertThat(hits("warehouse")).isNotEmpty();
    }

    private void allocation(String enable) throws IOException {
        elasticsearch
                .cluster()
                .putSettings(s -> s.transient_("cluster.routing.allocation.enable", JsonData.of(enable)));
    }

    @Test
    void aSearchWhileTheIndexHasNoActiveShardAnswers503WithRetryAfterNever500() throws Exception {
        String alias = CatalogIndex.name(tenant.id());
        String stuck = alias + "-1";
        createIndexWithoutAShard(stuck, true);
        try {
            // The shape the client really throws for it, classified once.
            Throwable thrown = catchThrowable(() ->
                    elasticsearch.search(s -> s.index(alias).query(q -> q.matchAll(m -> m)), Void.class));
            assertThat(SearchUnavailable.isTransient(thrown))
                    .as("transient: %s", thrown)
                    .isTrue();

            HttpResponse<String> search =
                    send(request("/api/v1/catalog/search?q=ware").GET());

            assertThat(search.statusCode()).as(search.body()).isEqualTo(503);
            assertThat(search.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(search.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(search.body()).get("status").asInt()).isEqualTo(503);
        } finally {
            elasticsearch.indices().delete(d -> d.index(stuck).ignoreUnavailable(true));
        }
    }

    /** An index whose only shard can never be allocated (no such node): it stays without an active shard. */
    private void createIndexWithoutAShard(String index, boolean withAlias) throws IOException {
        String alias =
                withAlias ? ",\"aliases\":{\"" + CatalogIndex.name(tenant.id()) + "\":{\"is_write_index\":true}}" : "";
        elasticsearch
                .indices()
                .create(c -> c.index(index)
                        .waitForActiveShards(w -> w.count(0))
                        .withJson(new StringReader("{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0,"
                                + "\"index.routing.allocation.require._name\":\"no-such-node\"}" + alias + "}")));
    }

    /** One system, its datasets and their fields, inserted as the owner (no outbox rows: only a rebuild indexes them). */
    private void seed(int datasets, int fieldsPerDataset) {
        UUID systemId = UUID.randomUUID();
        owner().execute(
                        "insert into data_system (id, tenant_id, name, created_by, updated_by) "
                                + "values (?, ?, 'warehouse', 'it', 'it')",
                        systemId,
                        tenant.id());
        owner().execute(
                        "insert into dataset (id, tenant_id, system_id, name, kind, created_by, updated_by) "
                                + "select gen_random_uuid(), ?, ?, 'table_' || n, 'TABLE', 'it', 'it' "
                                + "from generate_series(1, ?) n",
                        tenant.id(),
                        systemId,
                        datasets);
        owner().execute(
                        "insert into data_field (id, tenant_id, dataset_id, path, categories, status, created_by, updated_by) "
                                + "select gen_random_uuid(), d.tenant_id, d.id, 'column_' || n, "
                                + "case when n % 10 = 0 then array['contact.phone'] else array[]::text[] end, "
                                + "'CONFIRMED', 'it', 'it' "
                                + "from dataset d cross join generate_series(1, ?) n where d.tenant_id = ?",
                        fieldsPerDataset, tenant.id());
    }

    private CompletableFuture<Void> searchUntilStopped(
            AtomicBoolean searching, AtomicInteger searches, ConcurrentLinkedQueue<String> failures) {
        return CompletableFuture.runAsync(
                () -> {
                    while (searching.get()) {
                        HttpResponse<String> response =
                                send(request("/api/v1/catalog/search?q=phone").GET());
                        if (response.statusCode() != 200) {
                            failures.add(response.statusCode() + " " + response.body());
                        } else if (JSON.readTree(response.body()).get("hits").isEmpty()) {
                            failures.add("no hits");
                        }
                        searches.incrementAndGet();
                    }
                },
                executor);
    }

    private JsonNode rebuild() {
        HttpResponse<String> response =
                send(request("/api/v1/catalog/search/rebuild").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String createField(String path) {
        String datasetId = owner().fetchValue(
                        "select id from dataset where tenant_id = ? order by name limit 1", tenant.id())
                .toString();
        HttpResponse<String> response = send(request("/api/v1/fields")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("datasetId", datasetId, "path", path, "categories", List.of())))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asString();
    }

    private List<String> hits(String query) {
        HttpResponse<String> response =
                send(request("/api/v1/catalog/search?q=" + query).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("hits").findValuesAsString("id");
    }

    private void awaitHit(String query, String id) {
        Eventually.require(
                "search for '" + query + "' never found " + id, () -> hits(query), hits -> hits.contains(id), PATIENCE);
    }

    /** Polled often: the test must see the rebuild while it runs. */
    private static void awaitAtLeast(AtomicInteger count, int least) {
        Eventually.require("too few searches", count::get, n -> n >= least, PATIENCE, FAST_POLL);
    }

    private void awaitSecondIndex() {
        Eventually.require(
                "the rebuild never created its index",
                this::tenantIndexes,
                indexes -> indexes.size() >= 2,
                PATIENCE,
                FAST_POLL);
    }

    private String onlyIndexBehindAlias() throws IOException {
        Set<String> indexes = elasticsearch
                .indices()
                .getAlias(a -> a.name(CatalogIndex.name(tenant.id())))
                .aliases()
                .keySet();
        assertThat(indexes).hasSize(1);
        return indexes.iterator().next();
    }

    private List<String> tenantIndexes() {
        try {
            return elasticsearch
                    .indices()
                    .get(g -> g.index(CatalogIndex.name(tenant.id()) + "-*").allowNoIndices(true))
                    .indices()
                    .keySet()
                    .stream()
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean exists(String index) throws IOException {
        return elasticsearch.indices().exists(e -> e.index(index)).value();
    }

    private int pendingOutboxRows() {
        return owner().fetchCount(
                        DSL.table("catalog_outbox"), DSL.field("tenant_id").eq(tenant.id()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
