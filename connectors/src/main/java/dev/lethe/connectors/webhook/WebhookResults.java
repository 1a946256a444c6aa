package dev.lethe.connectors.webhook;

import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.Deferring.AccessedRecord;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.Locating.DatasetCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The result JSON a service answers with ({@code 200}) or posts to its callback URL, one schema per
 * action, each with an optional {@code "note"} for people:
 *
 * <ul>
 *   <li>locate: {@code {"datasets": [{"dataset": "orders", "records": 3}]}}
 *   <li>access: {@code {"records": [{"dataset": "orders", "values": {"id": 7, "email": "…"}}]}}
 *   <li>erase: {@code {"outcomes": [{"dataset": "orders", "field": null, "strategy": "DELETE_ROW",
 *       "records": 3, "reason": null}]}} ({@code field} and {@code reason} optional; {@code reason}
 *       required for RETAIN)
 *   <li>rectify: {@code {"records": 1}}
 * </ul>
 *
 * Problems are described without quoting values (they may be personal data).
 */
public final class WebhookResults {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookResults() {}

    /** What is wrong with {@code json} as the result of {@code action}, or empty when it fits. */
    public static Optional<String> problemWith(Capability action, String json) {
        try {
            parse(action, json);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The note, if the result has one. */
    static String note(String json) {
        JsonNode note = tree(json).path("note");
        return note.isString() ? note.stringValue() : null;
    }

    /** The typed result: a list of counts, of records, a report or a count. */
    static Object parse(Capability action, String json) {
        JsonNode root = tree(json);
        return switch (action) {
            case LOCATE -> locate(root);
            case ACCESS -> access(root);
            case ERASE -> erase(root);
            case RECTIFY -> count(root, "records", "the result");
            default -> throw new IllegalArgumentException("a webhook has no result for " + action);
        };
    }

    private static List<DatasetCount> locate(JsonNode root) {
        List<DatasetCount> counts = new ArrayList<>();
        for (JsonNode entry : array(root, "datasets")) {
            counts.add(new DatasetCount(text(entry, "dataset"), count(entry, "records", "a dataset")));
        }
        return counts;
    }

    private static List<AccessedRecord> access(JsonNode root) {
        List<AccessedRecord> records = new ArrayList<>();
        for (JsonNode entry : array(root, "records")) {
            JsonNode values = entry.path("values");
            if (!values.isObject()) {
                throw new IllegalArgumentException("a record has no \"values\" object");
            }
            Map<String, Object> map = new LinkedHashMap<>();
            values.properties()
                    .forEach(field -> map.put(field.getKey(), JSON.treeToValue(field.getValue(), Object.class)));
            records.add(new AccessedRecord(text(entry, "dataset"), map));
        }
        return records;
    }

    private static ErasureReport erase(JsonNode root) {
        List<ErasureReport.Outcome> outcomes = new ArrayList<>();
        for (JsonNode entry : array(root, "outcomes")) {
            ErasureStrategy strategy;
            try {
                strategy = ErasureStrategy.valueOf(text(entry, "strategy"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("an outcome names an unknown strategy", e);
            }
            String reason = optionalText(entry, "reason");
            if (strategy == ErasureStrategy.RETAIN && reason == null) {
                throw new IllegalArgumentException("a RETAIN outcome needs a reason");
            }
            outcomes.add(new ErasureReport.Outcome(
                    text(entry, "dataset"),
                    optionalText(entry, "field"),
                    strategy,
                    count(entry, "records", "an outcome"),
                    reason));
        }
        return new ErasureReport(outcomes);
    }

    private static JsonNode tree(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the result is not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the result is not JSON");
        }
    }

    private static Iterable<JsonNode> array(JsonNode root, String name) {
        JsonNode array = root.path(name);
        if (!array.isArray()) {
            throw new IllegalArgumentException("the result has no \"" + name + "\" array");
        }
        return array.values();
    }

    private static String text(JsonNode node, String name) {
        String value = optionalText(node, name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an entry has no \"" + name + "\" text");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException("\"" + name + "\" is not text");
        }
        return value.stringValue();
    }

    private static long count(JsonNode node, String name, String what) {
        JsonNode value = node.path(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new IllegalArgumentException(what + " has no \"" + name + "\" count (a whole number, 0 or more)");
        }
        return value.longValue();
    }
}
