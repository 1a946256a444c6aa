package dev.lethe.bench.requests;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.lethe.ingest.LocatorDocument;
import dev.lethe.ingest.LocatorEntry;
import dev.lethe.ingest.SubjectLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subject locator at size: entries written through ingest's {@link SubjectLocator} (bulk
 * requests, many subjects, positions spread over topics and partitions), then one subject located by
 * its keyed hash with the query the Kafka connector runs (a term on {@code subjectHash}, sorted by
 * topic, partition and offset, pages of 500), against the cheapest request Elasticsearch answers — one
 * entry fetched by its id — in the same rounds.
 */
final class LocatorRun {

    /** What the locator run measured. */
    record Figures(
            long entries,
            long subjects,
            double indexSeconds,
            double entriesPerSecond,
            long indexBytes,
            Percentiles locate,
            Percentiles byId,
            long entriesFound) {}

    private static final int BATCH = 5_000;
    private static final int WRITERS = 2;
    private static final int PAGE = 500;
    private static final int TOPICS = 8;
    private static final int PARTITIONS = 12;

    private final ElasticsearchClient client;
    private final String tenant;

    LocatorRun(ElasticsearchClient client, String tenant) {
        this.client = client;
        this.tenant = tenant;
    }

    Figures run(long entries, int perSubject, int locates) throws Exception {
        long subjects = entries / perSubject;
        var locator = new SubjectLocator(client);
        long start = System.nanoTime();
        AtomicLong next = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                running.add(writers.submit(() -> {
                    for (long from = next.getAndAdd(BATCH);
                            from < subjects * perSubject;
                            from = next.getAndAdd(BATCH)) {
                        locator.write(tenant, batch(from, Math.min(from + BATCH, subjects * perSubject), subjects));
                        if (from / BATCH % 100 == 0) {
                            System.out.printf("locator: %,d entries written%n", from + BATCH);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : running) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }
        String index = SubjectLocator.indexFor(tenant);
        client.indices().refresh(refresh -> refresh.index(index));
        double indexSeconds = (System.nanoTime() - start) / 1e9;
        long documents = client.count(count -> count.index(index)).count();
        long written = locator.written().records();
        long bytes = client.indices()
                .stats(stats -> stats.index(index))
                .all()
                .total()
                .store()
                .sizeInBytes();
        System.out.printf(
                "locator: %,d entries indexed in %.1f s, as %,d documents%n", written, indexSeconds, documents);

        var random = new SplittableRandom(7);
        int warmUp = Math.max(10, locates / 10);
        List<Double> locate = new ArrayList<>();
        List<Double> byId = new ArrayList<>();
        long found = 0;
        for (int i = 0; i < warmUp + locates; i++) {
            long subject = random.nextLong(subjects);
            long t0 = System.nanoTime();
            int hits = locate(index, hash(subject));
            long t1 = System.nanoTime();
            client.get(get -> get.index(index).id(id(subject)), LocatorDocument.class);
            long t2 = System.nanoTime();
            if (i >= warmUp) {
                locate.add((t1 - t0) / 1e6);
                byId.add((t2 - t1) / 1e6);
                found += hits;
            }
        }
        return new Figures(
                written,
                subjects,
                indexSeconds,
                written / indexSeconds,
                bytes,
                Percentiles.of(locate),
                Percentiles.of(byId),
                found);
    }

    /**
     * Every entry of one subject, page by page, as the Kafka connector's {@code LocatorEntries} reads them
     * (documents of either shape; the count is of records).
     */
    private int locate(String index, String subjectHash) throws IOException {
        int total = 0;
        List<co.elastic.clients.elasticsearch._types.FieldValue> after = null;
        while (true) {
            var from = after;
            SearchResponse<LocatorDocument> page = client.search(
                    search -> {
                        search.index(index)
                                .ignoreUnavailable(true)
                                .size(PAGE)
                                .query(query -> query.term(
                                        term -> term.field("subjectHash").value(subjectHash)))
                                .sort(sort -> sort.field(f -> f.field("topic").order(SortOrder.Asc)))
                                .sort(sort ->
                                        sort.field(f -> f.field("partition").order(SortOrder.Asc)))
                                .sort(sort -> sort.field(f -> f.field("offset").order(SortOrder.Asc)));
                        if (from != null) {
                            search.searchAfter(from);
                        }
                        return search;
                    },
                    LocatorDocument.class);
            var hits = page.hits().hits();
            total += hits.stream().mapToInt(hit -> hit.source().size()).sum();
            if (hits.size() < PAGE) {
                return total;
            }
            after = hits.getLast().sort();
        }
    }

    /**
     * Entries {@code from} (inclusive) to {@code to}: entry {@code n} belongs to subject {@code n %
     * subjects}, so a subject's entries are spread over the whole run (and over segments), as a customer's
     * records are spread over a topic's life.
     */
    private static List<LocatorEntry> batch(long from, long to, long subjects) {
        List<LocatorEntry> entries = new ArrayList<>((int) (to - from));
        String now = Instant.now().toString();
        for (long n = from; n < to; n++) {
            long subject = n % subjects;
            entries.add(new LocatorEntry(
                    hash(subject),
                    "orders-stream",
                    "orders",
                    topic(n),
                    partition(n),
                    n,
                    "order-" + n,
                    Set.of("contact.email", "identity.name"),
                    now,
                    now));
        }
        return entries;
    }

    /**
     * The id of the document holding entry {@code n} when it is the first of its subject in its batch,
     * topic and partition (as the first entry of subject {@code n} is, when {@code n < subjects}).
     */
    private static String id(long n) {
        return LocatorDocument.id(topic(n), partition(n), n);
    }

    private static String topic(long n) {
        return "bench.orders-" + (n % TOPICS) + ".raw";
    }

    private static int partition(long n) {
        return (int) (n / TOPICS % PARTITIONS);
    }

    /** A subject's keyed hash as the locator holds it: 64 hex digits. */
    static String hash(long subject) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(("bench-subject-" + subject).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
