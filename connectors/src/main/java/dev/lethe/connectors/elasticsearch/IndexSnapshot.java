package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The indices of the configured patterns and their mappings' fields as the cluster reports them
 * right now. Every dataset and field name that comes from the catalog is checked against it before
 * it is put into a request: a name the cluster does not have is a fatal error, never a query.
 *
 * <p>A dataset is an index name, or a pattern with {@code *} over the indices of the snapshot (so
 * that it can never reach beyond the configured patterns).
 */
final class IndexSnapshot {

    /** Types whose indexed value is the value itself, so a term query finds it exactly. */
    private static final Set<String> EXACT = Set.of(
            "keyword",
            "constant_keyword",
            "wildcard",
            "long",
            "integer",
            "short",
            "byte",
            "double",
            "float",
            "half_float",
            "scaled_float",
            "unsigned_long",
            "date",
            "date_nanos",
            "boolean",
            "ip",
            "version");

    static final Set<String> INTEGRAL = Set.of("long", "integer", "short", "byte", "unsigned_long");
    static final Set<String> DECIMAL = Set.of("double", "float", "half_float", "scaled_float");
    static final Set<String> TEXT = Set.of("text", "match_only_text", "keyword", "wildcard");

    /**
     * One field of a mapping.
     *
     * @param exactPath what a term query uses: the field, its keyword sub-field for text, or {@code
     *     null} when only a phrase query can find it
     * @param nested the path of the nested object it lives in, or {@code null}
     */
    record FieldMapping(String path, String type, String exactPath, String nested) {}

    private static final int MAX_TARGET = 3_000;

    private final Map<String, Map<String, FieldMapping>> indices;

    private final Set<String> withoutSource;

    private IndexSnapshot(Map<String, Map<String, FieldMapping>> indices, Set<String> withoutSource) {
        this.indices = indices;
        this.withoutSource = withoutSource;
    }

    static IndexSnapshot read(ClusterClient client, ElasticsearchConnectorConfig config) {
        JsonNode mappings = client.request(
                "Reading the indices' mappings",
                "GET",
                "/" + config.target() + "/_mapping",
                Map.of("expand_wildcards", "open", "allow_no_indices", "true", "ignore_unavailable", "true"),
                null);
        Map<String, Map<String, FieldMapping>> indices = new TreeMap<>();
        Set<String> withoutSource = new TreeSet<>();
        for (var index : mappings.properties()) {
            if (index.getKey().startsWith(".")) {
                continue;
            }
            Map<String, FieldMapping> fields = new LinkedHashMap<>();
            flatten(index.getValue().path("mappings").path("properties"), "", null, fields);
            indices.put(index.getKey(), fields);
            if (!index.getValue()
                    .path("mappings")
                    .path("_source")
                    .path("enabled")
                    .asBoolean(true)) {
                withoutSource.add(index.getKey());
            }
        }
        return new IndexSnapshot(indices, withoutSource);
    }

    private static void flatten(JsonNode properties, String prefix, String nested, Map<String, FieldMapping> fields) {
        for (var property : properties.properties()) {
            String path = prefix + property.getKey();
            JsonNode definition = property.getValue();
            String type = definition.path("type").asString("object");
            if (definition.has("properties")) {
                flatten(definition.path("properties"), path + ".", type.equals("nested") ? path : nested, fields);
            } else if (!type.equals("alias") && !type.equals("object")) {
                fields.put(path, new FieldMapping(path, type, exactPath(path, type, definition), nested));
            }
        }
    }

    private static String exactPath(String path, String type, JsonNode definition) {
        if (EXACT.contains(type)) {
            return path;
        }
        for (var sub : definition.path("fields").properties()) {
            if (sub.getValue().path("type").asString("").equals("keyword")) {
                return path + "." + sub.getKey();
            }
        }
        return null;
    }

    /** Every index, by name. */
    Set<String> indexNames() {
        return indices.keySet();
    }

    /** The fields of one index of the snapshot, in mapping order. */
    Map<String, FieldMapping> fields(String index) {
        return indices.get(index);
    }

    /** The indices a dataset names; fatal when none. */
    List<String> indices(String dataset) {
        List<String> matched = new ArrayList<>();
        if (dataset.contains("*")) {
            indices.keySet().stream()
                    .filter(name -> Glob.matches(dataset, name))
                    .forEach(matched::add);
        } else if (indices.containsKey(dataset)) {
            matched.add(dataset);
        }
        if (matched.isEmpty()) {
            throw ConnectorException.fatal(
                    "The dataset " + dataset + " is not an index of the configured index patterns", null);
        }
        return matched;
    }

    /**
     * Fatal when an index of the dataset keeps no {@code _source}: its documents could be found but
     * neither checked exactly, exported nor changed in part, and an erasure must not report them as
     * absent.
     */
    void requireSource(String dataset) {
        for (String index : indices(dataset)) {
            if (withoutSource.contains(index)) {
                throw ConnectorException.fatal(
                        "The index " + index + " keeps no _source; Lethe cannot read or change its documents", null);
            }
        }
    }

    /**
     * The indices of a dataset as a request path segment: named one by one, so that a pattern never
     * reaches an index the configured patterns leave out (one created since, say). A request line has
     * room for a few thousand characters (Elasticsearch's default limit is 4 KB).
     */
    String target(String dataset) {
        String target = String.join(",", indices(dataset));
        if (target.length() > MAX_TARGET) {
            throw ConnectorException.fatal(
                    "The dataset " + dataset + " matches " + indices(dataset).size()
                            + " indices, too many to name in one request; split it into narrower patterns",
                    null);
        }
        return target;
    }

    /** A field of a dataset that exists (in at least one of its indices). */
    FieldMapping field(String dataset, String path) {
        for (String index : indices(dataset)) {
            FieldMapping field = indices.get(index).get(path);
            if (field != null) {
                return field;
            }
        }
        throw ConnectorException.fatal("The field " + path + " is not a field of " + dataset, null);
    }
}
