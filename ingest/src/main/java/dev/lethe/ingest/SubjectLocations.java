package dev.lethe.ingest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.TermsAggregation;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.util.ObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Answers "where is this subject's data" from the locator index: one aggregation over the subject's
 * documents, per system, dataset and topic, however many records there are. Reads both document
 * shapes ({@link LocatorDocument}): a document without a count locates one record, one without a
 * latest time has only its record time. Thread-safe.
 */
public final class SubjectLocations {

    private static final int MAX_BUCKETS = 1000;

    private final ElasticsearchClient client;

    public SubjectLocations(ElasticsearchClient client) {
        this.client = client;
    }

    /**
     * Where the subject's records are, by system, dataset and topic.
     *
     * @param subjectHash the vault's keyed hash of the subject id
     */
    public List<Location> find(String tenant, String subjectHash) {
        SearchResponse<Void> response;
        try {
            response = client.search(
                    search -> search.index(SubjectLocator.indexFor(tenant))
                            .ignoreUnavailable(true)
                            .size(0)
                            .query(query ->
                                    query.term(term -> term.field("subjectHash").value(subjectHash)))
                            .aggregations(
                                    "systems",
                                    systems -> systems.terms(terms("system"))
                                            .aggregations(
                                                    "datasets",
                                                    datasets -> datasets.terms(terms("dataset"))
                                                            .aggregations("topics", SubjectLocations::perTopic))),
                    Void.class);
        } catch (IOException e) {
            throw new UncheckedIOException("The subject locator (Elasticsearch) did not answer", e);
        }
        List<Location> locations = new ArrayList<>();
        for (StringTermsBucket system : buckets(response.aggregations(), "systems")) {
            for (StringTermsBucket dataset : buckets(system.aggregations(), "datasets")) {
                for (StringTermsBucket topic : buckets(dataset.aggregations(), "topics")) {
                    Set<String> categories = new TreeSet<>();
                    buckets(topic.aggregations(), "categories")
                            .forEach(category -> categories.add(category.key().stringValue()));
                    locations.add(new Location(
                            system.key().stringValue(),
                            dataset.key().stringValue(),
                            topic.key().stringValue(),
                            records(topic),
                            categories,
                            epochMillis(topic.aggregations().get("first").min().value()),
                            later(
                                    epochMillis(topic.aggregations()
                                            .get("last")
                                            .max()
                                            .value()),
                                    epochMillis(topic.aggregations()
                                            .get("lastOfMany")
                                            .max()
                                            .value()))));
                }
            }
        }
        return locations;
    }

    private static Aggregation.Builder.ContainerBuilder perTopic(Aggregation.Builder topics) {
        return topics.terms(terms("topic"))
                .aggregations("first", first -> first.min(min -> min.field("recordTime")))
                .aggregations("last", last -> last.max(max -> max.field("recordTime")))
                .aggregations("lastOfMany", last -> last.max(max -> max.field("lastRecordTime")))
                // A document without a count locates one record; counted this way rather than with a
                // "missing" value, which an index made before the field existed does not map.
                .aggregations("counted", counted -> counted.valueCount(count -> count.field("count")))
                .aggregations("records", records -> records.sum(sum -> sum.field("count")))
                .aggregations("categories", categories -> categories.terms(terms("categories")));
    }

    private static Function<TermsAggregation.Builder, ObjectBuilder<TermsAggregation>> terms(String field) {
        return terms -> terms.field(field).size(MAX_BUCKETS);
    }

    private static Instant epochMillis(Double value) {
        return value == null ? null : Instant.ofEpochMilli(value.longValue());
    }

    private static long records(StringTermsBucket topic) {
        Double sum = topic.aggregations().get("records").sum().value();
        Double counted = topic.aggregations().get("counted").valueCount().value();
        return topic.docCount() - round(counted) + round(sum);
    }

    private static long round(Double value) {
        return value == null ? 0 : Math.round(value);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static List<StringTermsBucket> buckets(Map<String, Aggregate> aggregations, String name) {
        Aggregate aggregate = aggregations == null ? null : aggregations.get(name);
        return aggregate == null ? List.of() : aggregate.sterms().buckets().array();
    }

    /**
     * The subject's records in one topic of one dataset.
     *
     * @param firstSeen the earliest record's timestamp
     * @param lastSeen the latest record's timestamp
     */
    public record Location(
            String system,
            String dataset,
            String topic,
            long records,
            Set<String> categories,
            Instant firstSeen,
            Instant lastSeen) {}
}
