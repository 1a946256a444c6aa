package dev.lethe.classifier.internal;

import dev.lethe.classifier.Finding;
import dev.lethe.classifier.InvalidInputException;
import dev.lethe.classifier.SpecialCategory;
import java.util.List;
import java.util.Map;

/** Walks a record already parsed into maps, lists and scalars (e.g. by Jackson), as {@link JsonScanner} does text. */
final class TreeWalker {

    private final FieldScanner fields;
    private final int maxDepth;
    private final List<Finding> out;
    private final PathBuilder path = new PathBuilder();

    TreeWalker(FieldScanner fields, int maxDepth, List<Finding> out) {
        this.fields = fields;
        this.maxDepth = maxDepth;
        this.out = out;
    }

    void walk(Object value, FieldHint hint, SpecialCategory inherited, int depth) {
        if (value instanceof Map<?, ?> map) {
            checkDepth(depth + 1);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                FieldHint child = FieldNames.hint(key).inheriting(inherited);
                path.pushKey(key);
                walk(e.getValue(), child, child.special(), depth + 1);
                path.pop();
            }
        } else if (value instanceof Iterable<?> list) {
            checkDepth(depth + 1);
            int index = 0;
            for (Object element : list) {
                path.pushIndex(index++);
                walk(element, hint, inherited, depth + 1);
                path.pop();
            }
        } else if (value instanceof Boolean b) {
            fields.special(path, hint, b.toString(), out);
        } else if (value instanceof CharSequence || value instanceof Number) {
            fields.scan(path, hint, value.toString(), out);
        }
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw new InvalidInputException("nesting deeper than " + maxDepth);
        }
    }
}
