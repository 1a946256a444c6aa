package dev.lethe.ingest;

import dev.lethe.classifier.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The confirmed fields of each stream whose values detection found, value after value, to be wholly of
 * the confirmed category: once {@link #AGREEING_VALUES} values of a field agreed and none disagreed, the
 * classifier no longer scans that field, and its values are tokenized whole as the confirmed category (what
 * a person confirmed and detection kept finding). Detection was most of the classifier's work on records
 * whose personal data sits in such fields. A field where detection ever found anything else — a span
 * inside free text, two findings, another category — is scanned in every record, as are fields not
 * confirmed, so free text is always detected span by span. A value detection finds nothing in neither
 * agrees nor disagrees (the confirmed category protects it whole either way). A known field's later values
 * are therefore never protected less than detection would have: the whole value is replaced, whatever it
 * holds. Thread-safe; bounded (a stream's confirmed fields are few).
 */
final class KnownFields {

    /** Values detection must agree on before a field is no longer scanned. */
    static final int AGREEING_VALUES = 8;

    private static final int MAX_FIELDS = 10_000;

    /** A confirmed field's value that was not scanned, to be tokenized whole as {@code category}. */
    record Value(JsonPath path, String pathText, JsonNode node, String category, double score) {}

    private record Key(String stream, String path, String category) {}

    /** What detection said about one confirmed field's values so far. */
    private static final class Field {
        private int agreed;
        private boolean disagreed;
        private volatile double score;
        private volatile boolean known;

        synchronized void saw(boolean agrees, double findingScore) {
            if (!agrees) {
                disagreed = true;
                known = false;
                return;
            }
            if (disagreed) {
                return;
            }
            score = Math.max(score, findingScore);
            if (++agreed >= AGREEING_VALUES) {
                known = true;
            }
        }

        boolean settled() {
            return known || disagreed;
        }
    }

    private final Map<Key, Field> fields = new ConcurrentHashMap<>();

    /** People often enter a field by its name ("email", "customer.email"): a JSON path from the root. */
    static String pathFromRoot(String confirmedPath) {
        return confirmedPath.startsWith("$") ? confirmedPath : "$." + confirmedPath;
    }

    /** The category a confirmed field's values are protected as: the first of its categories. */
    static String category(Set<String> categories) {
        return categories.size() == 1 ? categories.iterator().next() : new TreeSet<>(categories).first();
    }

    /** The values of known fields in this record (strings that are not empty, one per concrete path). */
    List<Value> values(
            StreamDefinition stream,
            JsonNode root,
            Map<String, Set<String>> confirmed,
            Function<String, JsonPath> paths) {
        List<Value> values = List.of();
        Set<String> taken = null;
        for (Map.Entry<String, Set<String>> field : confirmed.entrySet()) {
            if (field.getValue().isEmpty()) {
                continue;
            }
            String path = pathFromRoot(field.getKey());
            String category = category(field.getValue());
            Field seen = fields.get(new Key(stream.name(), path, category));
            if (seen == null || !seen.known) {
                continue;
            }
            for (JsonPath concrete : paths.apply(path).expand(root)) {
                JsonNode node = concrete.find(root);
                if (node == null || !node.isString() || node.asString().isEmpty()) {
                    continue;
                }
                if (taken == null) {
                    values = new ArrayList<>();
                    taken = new HashSet<>();
                }
                String text = concrete.toString();
                if (taken.add(text)) { // two confirmed paths may match one value: it is tokenized once
                    values.add(new Value(concrete, text, node, category, seen.score));
                }
            }
        }
        return values;
    }

    /**
     * Learns from what detection found in this record's confirmed fields; call before any finding is
     * replaced.
     *
     * @param found the findings by the path of the string they are in
     */
    void learn(
            StreamDefinition stream,
            JsonNode root,
            Map<String, Set<String>> confirmed,
            Map<String, List<Finding>> found,
            Function<String, JsonPath> paths) {
        for (Map.Entry<String, Set<String>> field : confirmed.entrySet()) {
            if (field.getValue().isEmpty()) {
                continue;
            }
            String path = pathFromRoot(field.getKey());
            String category = category(field.getValue());
            var key = new Key(stream.name(), path, category);
            Field seen = fields.get(key);
            if (seen != null && seen.settled()) {
                continue;
            }
            JsonPath parsed;
            try {
                parsed = paths.apply(path);
            } catch (IllegalArgumentException e) {
                continue; // not a path this reader understands: never known, always scanned
            }
            for (JsonPath concrete : parsed.expand(root)) {
                JsonNode node = concrete.find(root);
                List<Finding> findings = found.get(concrete.toString());
                if (node == null || !node.isString() || findings == null) {
                    continue;
                }
                if (seen == null) {
                    seen = field(key);
                }
                Finding first = findings.getFirst();
                seen.saw(
                        findings.size() == 1
                                && first.start() == 0
                                && first.end() == node.asString().length()
                                && first.category().equals(category),
                        first.score());
            }
        }
    }

    private Field field(Key key) {
        if (fields.size() >= MAX_FIELDS && !fields.containsKey(key)) {
            fields.clear(); // relearnt from the next records; only confirmed fields are ever kept
        }
        return fields.computeIfAbsent(key, k -> new Field());
    }
}
