package dev.lethe.connectors.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a subject is found in one system, as the catalog knows it: which fields of which datasets
 * hold which identity type, and which references lead from those records to others. Built by the
 * caller from CONFIRMED catalog fields; a connector validates every dataset and field name against
 * the system's own schema before using it.
 *
 * @param identityFields dataset → (field → identity type), e.g. {@code public.customers → {email →
 *     email, id → customer_id}}
 * @param references references to follow from a subject's records to the records referring to them
 */
public record SubjectMap(Map<String, Map<String, String>> identityFields, List<Reference> references) {

    public SubjectMap {
        var copied = new TreeMap<String, Map<String, String>>();
        identityFields.forEach((dataset, fields) -> copied.put(dataset, Map.copyOf(fields)));
        identityFields = Collections.unmodifiableMap(copied);
        references = List.copyOf(references);
    }

    /** Every dataset named, whether it holds identities or is reached by a reference. */
    public Set<String> datasets() {
        var names = new TreeSet<>(identityFields.keySet());
        references.forEach(reference -> {
            names.add(reference.from());
            names.add(reference.to());
        });
        return names;
    }

    /**
     * Every dataset, each before the datasets it refers to (an order's items before the order, the
     * order before its customer): the order in which erasure deletes, so that a child is still found
     * through its parent and no delete trips a reference of a child that goes too.
     */
    public List<String> childrenFirst() {
        List<String> order = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (String dataset : datasets()) {
            visit(dataset, visited, order);
        }
        return order;
    }

    private void visit(String dataset, Set<String> visited, List<String> order) {
        if (!visited.add(dataset)) {
            return;
        }
        for (Reference reference : references) {
            if (reference.to().equals(dataset) && !reference.from().equals(dataset)) {
                visit(reference.from(), visited, order);
            }
        }
        order.add(dataset);
    }
}
