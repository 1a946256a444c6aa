package dev.lethe.ingest;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A read-only view of a record tree as the maps, lists and strings the classifier's {@code scanRecord}
 * walks, so the protector's one parse serves both. Only strings are passed on: the protector replaces
 * strings only, so findings in numbers and booleans were never used (nulls and those values are null
 * here, which the classifier skips). Member order is the tree's, as in its text. Strings the protector
 * already knows how to protect ({@link KnownFields}) can be left out the same way.
 */
final class JsonTreeView {
    private JsonTreeView() {}

    static Object of(JsonNode node) {
        return of(node, List.of());
    }

    /** @param skipped string nodes (by identity) seen as null: the classifier does not scan them */
    static Object of(JsonNode node, List<JsonNode> skipped) {
        if (node.isObject()) {
            return new ObjectView(node, skipped);
        }
        if (node.isArray()) {
            return new ArrayView(node, skipped);
        }
        return node.isString() && !isSkipped(node, skipped) ? node.asString() : null;
    }

    /** A few nodes per record at most: a scan by identity beats hashing. */
    private static boolean isSkipped(JsonNode node, List<JsonNode> skipped) {
        for (int i = 0; i < skipped.size(); i++) {
            if (skipped.get(i) == node) {
                return true;
            }
        }
        return false;
    }

    private static final class ObjectView extends AbstractMap<String, Object> {
        private final JsonNode node;
        private final List<JsonNode> skipped;

        ObjectView(JsonNode node, List<JsonNode> skipped) {
            this.node = node;
            this.skipped = skipped;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Map.Entry<String, JsonNode>> members =
                            node.properties().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return members.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            Map.Entry<String, JsonNode> member = members.next();
                            return new SimpleImmutableEntry<>(member.getKey(), of(member.getValue(), skipped));
                        }
                    };
                }

                @Override
                public int size() {
                    return node.size();
                }
            };
        }
    }

    private static final class ArrayView extends AbstractList<Object> {
        private final JsonNode node;
        private final List<JsonNode> skipped;

        ArrayView(JsonNode node, List<JsonNode> skipped) {
            this.node = node;
            this.skipped = skipped;
        }

        @Override
        public Object get(int index) {
            return of(node.get(index), skipped);
        }

        @Override
        public int size() {
            return node.size();
        }
    }
}
