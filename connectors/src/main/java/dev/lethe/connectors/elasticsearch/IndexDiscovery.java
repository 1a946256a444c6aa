package dev.lethe.connectors.elasticsearch;

import dev.lethe.classifier.ColumnClassification;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.classifier.PiiType;
import dev.lethe.connectors.elasticsearch.IndexSnapshot.FieldMapping;
import dev.lethe.connectors.spi.Discovery;
import dev.lethe.connectors.spi.IdentitySuggestions;
import dev.lethe.connectors.spi.OperationContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One discovery run: each index of the configured patterns as a dataset of kind {@code INDEX}, its
 * mapping's fields as paths ({@code customer.email}), and the first documents of the index as a
 * bounded sample, classified in memory. Sampled values live only inside {@link #sample}; nothing of
 * them leaves but the classification. Elasticsearch has no references between indices to find.
 */
final class IndexDiscovery {

    /** Field types that never hold text worth classifying. */
    private static final Set<String> OPAQUE =
            Set.of("binary", "boolean", "dense_vector", "sparse_vector", "geo_point", "geo_shape", "point", "shape");

    /** The most a search returns without scrolling (index.max_result_window's default). */
    private static final int MAX_SAMPLE = 10_000;

    private final ClusterClient client;
    private final IndexSnapshot snapshot;
    private final PiiClassifier classifier;
    private final OperationContext context;

    IndexDiscovery(ClusterClient client, IndexSnapshot snapshot, PiiClassifier classifier, OperationContext context) {
        this.client = client;
        this.snapshot = snapshot;
        this.classifier = classifier;
        this.context = context;
    }

    Discovery discover(int samplePerField) {
        List<Discovery.Dataset> datasets = new ArrayList<>();
        for (String index : snapshot.indexNames()) {
            context.checkpoint();
            Map<String, FieldMapping> mapping = snapshot.fields(index);
            Map<String, List<String>> samples = sample(index, mapping, Math.min(samplePerField, MAX_SAMPLE));
            List<Discovery.Field> fields = new ArrayList<>();
            mapping.values().forEach(field -> fields.add(field(index, field, samples.get(field.path()))));
            datasets.add(new Discovery.Dataset(index, "INDEX", index, fields));
        }
        return new Discovery(datasets, List.of());
    }

    private Discovery.Field field(String index, FieldMapping field, List<String> values) {
        List<String> sample = values == null ? List.of() : values;
        ColumnClassification classification = classifier.classifyColumn(field.path(), sample);
        return Discovery.Field.classified(
                field.path(), field.type(), classification, identity(index, field.path(), classification.type()));
    }

    /** The identity type a field holds: a contact value, or the id of an index of people. */
    private static String identity(String index, String path, PiiType type) {
        String contact = IdentitySuggestions.contact(type);
        if (contact != null) {
            return contact;
        }
        String[] words = index.split("[-_.]");
        return IdentitySuggestions.person(words[words.length - 1])
                .filter(person -> path.equals("id") || path.equals(person + "_id"))
                .map(person -> person + "_id")
                .orElse(null);
    }

    /** Up to {@code limit} values of each classifiable field, from the first {@code limit} documents. */
    @SuppressWarnings("unchecked")
    private Map<String, List<String>> sample(String index, Map<String, FieldMapping> mapping, int limit) {
        Map<String, List<String>> values = new HashMap<>();
        List<String> sampled = mapping.values().stream()
                .filter(field -> !OPAQUE.contains(field.type()))
                .map(FieldMapping::path)
                .toList();
        if (sampled.isEmpty() || limit == 0) {
            return values;
        }
        JsonNode result = client.request(
                "Sampling " + index,
                "POST",
                "/" + index + "/_search",
                Map.of(),
                Map.of("size", limit, "_source", sampled, "track_total_hits", false));
        for (JsonNode hit : result.path("hits").path("hits")) {
            if (!hit.path("_source").isObject()) {
                continue;
            }
            Map<String, Object> source = ClusterClient.JSON.convertValue(hit.path("_source"), Map.class);
            for (String path : sampled) {
                List<String> found = SourceValues.strings(source, path);
                if (!found.isEmpty()) {
                    List<String> kept = values.computeIfAbsent(path, k -> new ArrayList<>());
                    found.stream().limit(limit - kept.size()).forEach(kept::add);
                }
            }
        }
        return values;
    }
}
