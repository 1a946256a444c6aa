package dev.lethe.ingest;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The simple JSON paths the classifier reports and streams name their subject by: {@code $},
 * then {@code .name}, {@code ['name']} or {@code [index]} steps.
 */
final class JsonPath {

    private final List<Object> steps;

    private JsonPath(List<Object> steps) {
        this.steps = steps;
    }

    static JsonPath parse(String path) {
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("A JSON path starts with $");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                steps.add(path.substring(i + 1, end));
                i = end;
            } else if (c == '[' && i + 1 < path.length() && path.charAt(i + 1) == '\'') {
                int end = path.indexOf("']", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("Unclosed ['name'] step in a JSON path");
                }
                steps.add(path.substring(i + 2, end));
                i = end + 2;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("Unclosed [index] step in a JSON path");
                }
                steps.add(Integer.parseInt(path.substring(i + 1, end)));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("Unexpected character in a JSON path at " + i);
            }
        }
        return new JsonPath(List.copyOf(steps));
    }

    boolean isRoot() {
        return steps.isEmpty();
    }

    /** The node at this path, or null. */
    JsonNode find(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** Replaces the string at this path (null removes its value, keeping the field as null). */
    void replace(JsonNode root, String value) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("The root of a record is not a string");
        }
        JsonNode parent = new JsonPath(steps.subList(0, steps.size() - 1)).find(root);
        Object last = steps.getLast();
        JsonNode replacement = value == null ? null : StringNode.valueOf(value);
        if (parent instanceof ObjectNode object && last instanceof String name) {
            if (replacement == null) {
                object.putNull(name);
            } else {
                object.set(name, replacement);
            }
        } else if (parent instanceof ArrayNode array && last instanceof Integer index) {
            array.set(index, replacement == null ? array.nullNode() : replacement);
        }
    }
}
