package dev.lethe.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The simple JSON paths the classifier reports and streams name their subject by: {@code $},
 * then {@code .name}, {@code ['name']} or {@code [index]} steps; and the wildcard steps of the paths
 * sightings report ({@code [*]} any element, {@code .*} any member), which people confirm in the
 * catalog: {@link #expand} turns those into the concrete paths of one record.
 */
final class JsonPath {

    /** A wildcard step. */
    private static final Object ANY = new Object();

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
                String name = path.substring(i + 1, end);
                steps.add(name.equals("*") ? ANY : name);
                i = end;
            } else if (c == '[' && i + 1 < path.length() && path.charAt(i + 1) == '\'') {
                i = quoted(path, i + 2, steps);
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("Unclosed [index] step in a JSON path");
                }
                String index = path.substring(i + 1, end);
                steps.add(index.equals("*") ? ANY : Integer.parseInt(index));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("Unexpected character in a JSON path at " + i);
            }
        }
        return new JsonPath(List.copyOf(steps));
    }

    /**
     * Reads a quoted name from {@code from} (after {@code ['}) up to {@code ']}, undoing the
     * backslash before a quote or a backslash that the classifier writes (without it, a value under
     * the name {@code o'brien} was never found again, so never protected); returns the index after it.
     */
    private static int quoted(String path, int from, List<Object> steps) {
        var name = new StringBuilder();
        int i = from;
        while (true) {
            if (i >= path.length()) {
                throw new IllegalArgumentException("Unclosed ['name'] step in a JSON path");
            }
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length()) {
                name.append(path.charAt(i + 1));
                i += 2;
            } else if (c == '\'' && i + 1 < path.length() && path.charAt(i + 1) == ']') {
                steps.add(name.toString());
                return i + 2;
            } else {
                name.append(c);
                i++;
            }
        }
    }

    /** One name step as the classifier writes it: {@code .name} for identifiers, else {@code ['it\'s']}. */
    static String step(String name) {
        if (isIdentifier(name)) {
            return "." + name;
        }
        var step = new StringBuilder(name.length() + 4).append("['");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\'' || c == '\\') {
                step.append('\\');
            }
            step.append(c);
        }
        return step.append("']").toString();
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * This path as the catalog may see it: array indexes as {@code [*]}, and every member of a map
     * keyed by data (one of {@code maps}, by identity) as {@code .*}, whatever its name.
     */
    String sightingPath(JsonNode root, String rootPath, Set<JsonNode> maps) {
        var path = new StringBuilder(rootPath);
        JsonNode node = root;
        for (Object step : steps) {
            if (step == ANY) {
                throw new IllegalStateException("A sighting is reported at a concrete path");
            } else if (step instanceof Integer index) {
                path.append("[*]");
                node = node == null ? null : node.get(index);
            } else {
                path.append(node != null && maps.contains(node) ? ".*" : step((String) step));
                node = node == null ? null : node.get((String) step);
            }
        }
        return path.toString();
    }

    boolean isRoot() {
        return steps.isEmpty();
    }

    /** How many steps follow the {@code $}. */
    int steps() {
        return steps.size();
    }

    /** The node at this path, or null (always for a path with wildcards: see {@link #expand}). */
    JsonNode find(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            node = step == ANY ? null : child(node, step);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static JsonNode child(JsonNode node, Object step) {
        return step instanceof Integer index ? node.get(index) : node.get((String) step);
    }

    /** The concrete paths this one matches in {@code root}: itself without wildcards, else one per match. */
    List<JsonPath> expand(JsonNode root) {
        if (!steps.contains(ANY)) {
            return List.of(this);
        }
        List<JsonPath> matches = new ArrayList<>();
        expand(root, 0, new ArrayList<>(), matches);
        return matches;
    }

    private void expand(JsonNode node, int at, List<Object> prefix, List<JsonPath> matches) {
        if (node == null) {
            return;
        }
        if (at == steps.size()) {
            matches.add(new JsonPath(List.copyOf(prefix)));
            return;
        }
        Object step = steps.get(at);
        List<Object> children = new ArrayList<>();
        if (step != ANY) {
            children.add(step);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                children.add(i);
            }
        } else if (node.isObject()) {
            children.addAll(node.propertyNames());
        }
        for (Object child : children) {
            prefix.add(child);
            expand(child(node, child), at + 1, prefix, matches);
            prefix.removeLast();
        }
    }

    /** The path as the classifier writes it ({@code $.customer['o\'brien'][0]}); wildcards as {@code .*}. */
    @Override
    public String toString() {
        var path = new StringBuilder("$");
        for (Object step : steps) {
            if (step == ANY) {
                path.append(".*");
            } else if (step instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(step((String) step));
            }
        }
        return path.toString();
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
