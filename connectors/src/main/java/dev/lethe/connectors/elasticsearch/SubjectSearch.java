package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.elasticsearch.IndexSnapshot.FieldMapping;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Reference;
import dev.lethe.connectors.spi.SubjectMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How to find a subject's documents in each dataset of a {@link SubjectMap}: term queries on the
 * identity fields (a text field through its keyword sub-field, or a phrase query when it has none),
 * and for a dataset that refers to another, a terms query with the referred values of the subject's
 * documents there, as far as references lead (no cycles). Every hit is then checked exactly against
 * its source, so a phrase query or an analyzer never makes another person's document the subject's.
 *
 * <p>All names are checked against the {@link IndexSnapshot} when this is made; referred values are
 * collected when {@link #byDataset()} runs, before anything is changed.
 */
final class SubjectSearch {

    /** The most values a terms query takes (Elasticsearch's index.max_terms_count default). */
    static final int MAX_TERMS = 65_536;

    /** The most phrase queries one clause combines, below the default bool clause limit. */
    private static final int MAX_PHRASES = 1_000;

    private static final int PAGE = 500;

    /** Documents whose {@code path} holds one of {@code values}. */
    record Clause(String path, Set<String> values) {

        boolean matches(Map<String, Object> source) {
            return SourceValues.strings(source, path).stream().anyMatch(values::contains);
        }
    }

    /** A dataset's indices, the query that finds the subject's documents, and the exact check. */
    record Selector(String target, Map<String, Object> query, List<Clause> clauses) {

        boolean matches(Map<String, Object> source) {
            return clauses.stream().anyMatch(clause -> clause.matches(source));
        }

        /** The source paths the check needs. */
        List<String> paths() {
            return clauses.stream().map(Clause::path).distinct().toList();
        }
    }

    private final DocumentScan scan;
    private final IndexSnapshot snapshot;
    private final SubjectMap map;
    private final Identities subject;

    SubjectSearch(
            ClusterClient client,
            IndexSnapshot snapshot,
            OperationContext context,
            SubjectMap map,
            Identities subject) {
        this.scan = new DocumentScan(client, context);
        this.snapshot = snapshot;
        this.map = map;
        this.subject = subject;
        map.datasets().forEach(snapshot::requireSource);
        map.identityFields().forEach((dataset, fields) -> fields.keySet().forEach(path -> searchable(dataset, path)));
        for (Reference reference : map.references()) {
            if (reference.fromFields().size() != 1) {
                throw ConnectorException.fatal(
                        "A reference from " + reference.from() + " to " + reference.to()
                                + " pairs several fields; Elasticsearch references pair one field on each side",
                        null);
            }
            searchable(reference.from(), reference.fromFields().getFirst());
            searchable(reference.to(), reference.toFields().getFirst());
        }
    }

    /** Each dataset that can hold the subject's documents, with how to find them. */
    Map<String, Selector> byDataset() {
        Map<String, Selector> selectors = new LinkedHashMap<>();
        for (String dataset : map.datasets()) {
            selector(dataset, new HashSet<>()).ifPresent(selector -> selectors.put(dataset, selector));
        }
        return selectors;
    }

    /**
     * Scans the subject's documents of a selector, page by page, only those that match exactly.
     *
     * @param source {@code true}: the whole source; a list: these paths (and those the check needs)
     */
    void scan(String what, Selector selector, Object source, DocumentScan.Page page) {
        Object fetched = source instanceof List<?> paths
                ? union(paths, selector.paths())
                : Boolean.TRUE.equals(source) ? Boolean.TRUE : selector.paths();
        scan.scan(what, selector.target(), selector.query(), fetched, PAGE, hits -> {
            List<DocumentScan.Hit> matching =
                    hits.stream().filter(hit -> selector.matches(hit.source())).toList();
            if (!matching.isEmpty()) {
                page.accept(matching);
            }
        });
    }

    private Optional<Selector> selector(String dataset, Set<String> path) {
        path.add(dataset);
        List<Clause> clauses = new ArrayList<>();
        map.identityFields()
                .getOrDefault(dataset, Map.of())
                .forEach((field, identityType) ->
                        subject.get(identityType).ifPresent(value -> clauses.add(new Clause(field, Set.of(value)))));
        for (Reference reference : map.references()) {
            if (!reference.from().equals(dataset) || path.contains(reference.to())) {
                continue;
            }
            selector(reference.to(), path).ifPresent(parent -> {
                Set<String> referred =
                        referredValues(parent, reference.toFields().getFirst());
                if (!referred.isEmpty()) {
                    clauses.add(new Clause(reference.fromFields().getFirst(), referred));
                }
            });
        }
        path.remove(dataset);
        List<Map<String, Object>> queries = new ArrayList<>();
        List<Clause> usable = new ArrayList<>();
        for (Clause clause : clauses) {
            query(snapshot.field(dataset, clause.path()), clause.values()).ifPresent(query -> {
                queries.add(query);
                usable.add(clause);
            });
        }
        if (queries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Selector(
                snapshot.target(dataset),
                Map.of("bool", Map.of("should", queries, "minimum_should_match", 1)),
                List.copyOf(usable)));
    }

    /** The values of {@code field} in the subject's documents of a referred dataset. */
    private Set<String> referredValues(Selector parent, String field) {
        Set<String> values = new LinkedHashSet<>();
        scan("Following a reference", parent, List.of(field), hits -> {
            hits.forEach(hit -> values.addAll(SourceValues.strings(hit.source(), field)));
            if (values.size() > MAX_TERMS) {
                throw ConnectorException.fatal(
                        "A reference leads to more than " + MAX_TERMS + " values; follow it in smaller steps", null);
            }
        });
        return values;
    }

    /** A query for the values a field may hold; empty when none of them fits the field's type. */
    private static Optional<Map<String, Object>> query(FieldMapping field, Set<String> values) {
        List<String> fitting =
                values.stream().filter(value -> fits(field.type(), value)).toList();
        if (fitting.isEmpty()) {
            return Optional.empty();
        }
        if (field.exactPath() != null) {
            return Optional.of(
                    fitting.size() == 1
                            ? Map.of("term", Map.of(field.exactPath(), Map.of("value", fitting.getFirst())))
                            : Map.of("terms", Map.of(field.exactPath(), fitting)));
        }
        if (fitting.size() > MAX_PHRASES) {
            throw ConnectorException.fatal(
                    "The text field " + field.path() + " has no keyword sub-field, and a reference to it carries more"
                            + " than " + MAX_PHRASES + " values; give it a keyword sub-field",
                    null);
        }
        List<Map<String, Object>> phrases = fitting.stream()
                .map(value -> Map.<String, Object>of("match_phrase", Map.of(field.path(), value)))
                .toList();
        return Optional.of(Map.of("bool", Map.of("should", phrases, "minimum_should_match", 1)));
    }

    /** Whether a value can be asked of a field of this type without the cluster refusing the query. */
    private static boolean fits(String type, String value) {
        try {
            if (IndexSnapshot.INTEGRAL.contains(type)) {
                Long.parseLong(value);
            } else if (IndexSnapshot.DECIMAL.contains(type)) {
                Double.parseDouble(value);
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private FieldMapping searchable(String dataset, String path) {
        FieldMapping field = snapshot.field(dataset, path);
        if (field.nested() != null) {
            throw ConnectorException.fatal(
                    "The field " + path + " of " + dataset + " is inside the nested object " + field.nested()
                            + ", which subjects are not looked up in",
                    null);
        }
        return field;
    }

    private static List<String> union(List<?> first, List<String> second) {
        Set<String> all = new LinkedHashSet<>();
        first.forEach(item -> all.add(String.valueOf(item)));
        all.addAll(second);
        return List.copyOf(all);
    }
}
