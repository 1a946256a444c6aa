package dev.lethe.connectors.elasticsearch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Values at a mapping path such as {@code customer.email} in a document's {@code _source}, which
 * may spell it as nested objects, as a dotted key, or both, with arrays anywhere on the way.
 */
final class SourceValues {

    private SourceValues() {}

    /** The scalar values at {@code path} (array elements one by one), as strings; nulls left out. */
    static List<String> strings(Map<String, Object> source, String path) {
        List<String> found = new ArrayList<>();
        visit(source, path, (map, key) -> {
            Object value = map.get(key);
            if (value instanceof List<?> list) {
                list.stream()
                        .filter(SourceValues::isScalar)
                        .map(String::valueOf)
                        .forEach(found::add);
            } else if (isScalar(value)) {
                found.add(String.valueOf(value));
            }
        });
        return found;
    }

    /**
     * Replaces each scalar at {@code path} by {@code change} of it; an array whose elements all become
     * null becomes null. Changes {@code source} in place.
     *
     * @return the top-level keys of {@code source} under which something changed
     */
    static Set<String> transform(Map<String, Object> source, String path, UnaryOperator<Object> change) {
        Set<String> changed = new LinkedHashSet<>();
        for (String top : List.copyOf(source.keySet())) {
            if (!top.equals(path) && !path.startsWith(top + ".")) {
                continue;
            }
            Map<String, Object> single = new java.util.HashMap<>();
            single.put(top, source.get(top));
            boolean[] any = {false};
            visit(single, path, (map, key) -> {
                Object before = map.get(key);
                Object after = changed(before, change);
                if (!Objects.equals(before, after)) {
                    map.put(key, after);
                    any[0] = true;
                }
            });
            if (any[0]) {
                source.put(top, single.get(top));
                changed.add(top);
            }
        }
        return changed;
    }

    private static Object changed(Object value, UnaryOperator<Object> change) {
        if (value instanceof List<?> list) {
            List<Object> elements = new ArrayList<>();
            for (Object element : list) {
                elements.add(isScalar(element) ? change.apply(element) : element);
            }
            return elements.stream().allMatch(Objects::isNull) ? null : elements;
        }
        return isScalar(value) ? change.apply(value) : value;
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    @FunctionalInterface
    private interface Leaf {
        void at(Map<String, Object> map, String key);
    }

    @SuppressWarnings("unchecked")
    private static void visit(Object node, String path, Leaf leaf) {
        if (node instanceof List<?> list) {
            list.forEach(element -> visit(element, path, leaf));
            return;
        }
        if (!(node instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> map = (Map<String, Object>) node;
        if (map.containsKey(path)) {
            leaf.at(map, path);
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            String head = path.substring(0, dot);
            if (map.containsKey(head)) {
                visit(map.get(head), path.substring(dot + 1), leaf);
            }
        }
    }
}
