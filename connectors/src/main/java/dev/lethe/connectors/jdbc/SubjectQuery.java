package dev.lethe.connectors.jdbc;

import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.Reference;
import dev.lethe.connectors.spi.SubjectMap;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where-clauses that select a subject's records in each dataset of a {@link SubjectMap}: a dataset
 * that holds identities matches on them ({@code email = ?}); a dataset that refers to matched
 * records follows the reference ({@code customer_id in (select id from customers where …)}), as far
 * as references lead. Self-references and cycles are not followed: a record that refers to another
 * record of its own kind (an employee's manager) is not the subject's for that.
 *
 * <p>Identifiers are checked against the {@link SchemaSnapshot} and quoted; identity values are
 * bind values, typed as the column (a cast where the database needs one) so that an index on the
 * column is used.
 */
final class SubjectQuery {

    /** A where-clause and its bind values, in order. */
    record Where(String sql, List<String> values) {

        int bind(PreparedStatement statement, int first) throws SQLException {
            int index = first;
            for (String value : values) {
                statement.setString(index++, value);
            }
            return index;
        }
    }

    private final SubjectMap map;
    private final Identities subject;
    private final SchemaSnapshot schema;

    SubjectQuery(SubjectMap map, Identities subject, SchemaSnapshot schema) {
        this.map = map;
        this.subject = subject;
        this.schema = schema;
        map.datasets().forEach(schema::table);
        map.identityFields()
                .forEach((dataset, fields) -> fields.keySet().forEach(field -> schema.type(dataset, field)));
        for (Reference reference : map.references()) {
            reference.fromFields().forEach(field -> schema.type(reference.from(), field));
            reference.toFields().forEach(field -> schema.type(reference.to(), field));
        }
    }

    /** Each dataset that can hold the subject's records, with the clause that selects them. */
    Map<String, Where> byDataset() {
        Map<String, Where> clauses = new LinkedHashMap<>();
        for (String dataset : map.datasets()) {
            where(dataset, new HashSet<>()).ifPresent(where -> clauses.put(dataset, where));
        }
        return clauses;
    }

    private Optional<Where> where(String dataset, Set<String> path) {
        path.add(dataset);
        List<String> parts = new ArrayList<>();
        List<String> values = new ArrayList<>();
        map.identityFields()
                .getOrDefault(dataset, Map.of())
                .forEach((field, identityType) -> subject.get(identityType).ifPresent(value -> {
                    parts.add(schema.column(dataset, field) + " = "
                            + schema.dialect().typed("?", schema.type(dataset, field)));
                    values.add(value);
                }));
        for (Reference reference : map.references()) {
            if (!reference.from().equals(dataset) || path.contains(reference.to())) {
                continue;
            }
            where(reference.to(), path).ifPresent(parent -> {
                parts.add(tuple(reference.fromFields()) + " in (select " + list(reference.toFields()) + " from "
                        + schema.table(reference.to()) + " where " + parent.sql() + ")");
                values.addAll(parent.values());
            });
        }
        path.remove(dataset);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Where(parts.size() == 1 ? parts.getFirst() : "(" + String.join(" or ", parts) + ")", values));
    }

    private String tuple(List<String> fields) {
        return fields.size() == 1 ? schema.dialect().quote(fields.getFirst()) : "(" + list(fields) + ")";
    }

    private String list(List<String> fields) {
        return String.join(", ", fields.stream().map(schema.dialect()::quote).toList());
    }
}
