package dev.lethe.connectors.jdbc;

import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ErasedValues;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureReport.Outcome;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.SubjectMap;
import dev.lethe.connectors.spi.Verifying.Remaining;
import dev.lethe.connectors.spi.Verifying.Verification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Erasing and verifying a subject's records by a plan, in one transaction. Datasets are erased
 * children first (records that refer to others before those they refer to), so a record is still
 * found through its parent when its turn comes, and a delete never trips a foreign key of a child
 * that was going to go anyway. Field rules are applied row by row with one update per row, and a
 * value that is already erased is left alone: a second run changes nothing.
 */
final class SubjectErasure {

    private static final Set<ErasureStrategy> TEXT_ONLY =
            Set.of(ErasureStrategy.MASK, ErasureStrategy.HASH, ErasureStrategy.TOKENIZE, ErasureStrategy.REDACT_TEXT);

    private final Connection connection;
    private final SchemaSnapshot schema;
    private final OperationContext context;
    private final ErasedValues erasedValues;

    SubjectErasure(
            Connection connection,
            SchemaSnapshot schema,
            OperationContext context,
            Identities subject,
            ConnectorRuntime runtime) {
        this.connection = connection;
        this.schema = schema;
        this.context = context;
        this.erasedValues = new ErasedValues(runtime, context, subject);
    }

    ErasureReport erase(Map<String, SubjectQuery.Where> clauses, SubjectMap map, ErasurePlan plan) throws SQLException {
        check(map, plan);
        Map<String, List<ErasureRule>> rules = plan.byDataset();
        List<Outcome> outcomes = new ArrayList<>();
        for (String dataset : map.childrenFirst()) {
            List<ErasureRule> datasetRules = rules.get(dataset);
            if (datasetRules == null) {
                continue;
            }
            context.checkpoint();
            SubjectQuery.Where where = clauses.get(dataset);
            ErasureRule first = datasetRules.getFirst();
            if (where == null) {
                datasetRules.forEach(rule -> outcomes.add(Outcome.of(rule, 0)));
            } else if (first.field() == null && first.strategy() == ErasureStrategy.DELETE_ROW) {
                outcomes.add(Outcome.of(first, delete(dataset, where)));
            } else if (first.field() == null) {
                outcomes.add(Outcome.of(first, count(dataset, where, "1 = 1")));
            } else {
                outcomes.addAll(eraseFields(dataset, where, datasetRules));
            }
        }
        return new ErasureReport(outcomes);
    }

    Verification verify(Map<String, SubjectQuery.Where> clauses, SubjectMap map, ErasurePlan plan) throws SQLException {
        check(map, plan);
        Map<String, List<ErasureRule>> rules = plan.byDataset();
        List<Remaining> remaining = new ArrayList<>();
        for (String dataset : map.datasets()) {
            context.checkpoint();
            SubjectQuery.Where where = clauses.get(dataset);
            if (where == null) {
                continue;
            }
            List<ErasureRule> datasetRules = rules.getOrDefault(dataset, List.of());
            if (datasetRules.isEmpty() || datasetRules.getFirst().field() == null) {
                long records = count(dataset, where, "1 = 1");
                if (records > 0) {
                    remaining.add(
                            datasetRules.isEmpty()
                                    ? new Remaining(dataset, null, records, false, "no rule in the plan")
                                    : datasetRules.getFirst().strategy() == ErasureStrategy.RETAIN
                                            ? new Remaining(
                                                    dataset,
                                                    null,
                                                    records,
                                                    true,
                                                    datasetRules.getFirst().reason())
                                            : new Remaining(dataset, null, records, false, "records still there"));
                }
            } else {
                remaining.addAll(remainingFields(dataset, where, datasetRules));
            }
        }
        return new Verification(remaining);
    }

    private List<Outcome> eraseFields(String dataset, SubjectQuery.Where where, List<ErasureRule> rules)
            throws SQLException {
        List<ErasureRule> changing = rules.stream()
                .filter(rule -> rule.strategy() != ErasureStrategy.RETAIN)
                .toList();
        long[] changed = new long[changing.size()];
        if (!changing.isEmpty()) {
            Dialect.RowKey key = schema.dialect().rowKey(dataset, schema.primaryKey(dataset));
            int keys = key.columns().size();
            String select = "select " + String.join(", ", key.columns()) + ", " + textColumns(dataset, changing)
                    + " from " + schema.table(dataset) + " where " + where.sql() + " for update";
            StringBuilder update =
                    new StringBuilder("update ").append(schema.table(dataset)).append(" set ");
            for (int i = 0; i < changing.size(); i++) {
                String field = changing.get(i).field();
                update.append(i == 0 ? "" : ", ")
                        .append(schema.column(dataset, field))
                        .append(" = ")
                        .append(schema.dialect().typed("?", schema.type(dataset, field)));
            }
            update.append(" where ").append(key.match());
            try (PreparedStatement rows = connection.prepareStatement(select);
                    PreparedStatement write = connection.prepareStatement(update.toString())) {
                where.bind(rows, 1);
                try (ResultSet row = rows.executeQuery()) {
                    while (row.next()) {
                        String[] values = new String[changing.size()];
                        boolean rowChanged = false;
                        for (int i = 0; i < changing.size(); i++) {
                            String before = row.getString(keys + i + 1);
                            values[i] = erasedValues.erased(changing.get(i), before);
                            if (!Objects.equals(before, values[i])) {
                                changed[i]++;
                                rowChanged = true;
                            }
                        }
                        if (rowChanged) {
                            for (int i = 0; i < values.length; i++) {
                                write.setString(i + 1, values[i]);
                            }
                            for (int k = 0; k < keys; k++) {
                                write.setString(values.length + k + 1, row.getString(k + 1));
                            }
                            write.addBatch();
                        }
                    }
                }
                write.executeBatch();
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (ErasureRule rule : rules) {
            int index = changing.indexOf(rule);
            outcomes.add(Outcome.of(
                    rule,
                    index >= 0
                            ? changed[index]
                            : count(dataset, where, schema.column(dataset, rule.field()) + " is not null")));
        }
        return outcomes;
    }

    private List<Remaining> remainingFields(String dataset, SubjectQuery.Where where, List<ErasureRule> rules)
            throws SQLException {
        long[] left = new long[rules.size()];
        String select =
                "select " + textColumns(dataset, rules) + " from " + schema.table(dataset) + " where " + where.sql();
        try (PreparedStatement rows = connection.prepareStatement(select)) {
            where.bind(rows, 1);
            try (ResultSet row = rows.executeQuery()) {
                while (row.next()) {
                    for (int i = 0; i < rules.size(); i++) {
                        String value = row.getString(i + 1);
                        boolean stillThere = rules.get(i).strategy() == ErasureStrategy.RETAIN
                                ? value != null
                                : !Objects.equals(value, erasedValues.erased(rules.get(i), value));
                        if (stillThere) {
                            left[i]++;
                        }
                    }
                }
            }
        }
        List<Remaining> remaining = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            ErasureRule rule = rules.get(i);
            if (left[i] > 0) {
                boolean retained = rule.strategy() == ErasureStrategy.RETAIN;
                remaining.add(new Remaining(
                        dataset, rule.field(), left[i], retained, retained ? rule.reason() : "not erased"));
            }
        }
        return remaining;
    }

    private long delete(String dataset, SubjectQuery.Where where) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("delete from " + schema.table(dataset) + " where " + where.sql())) {
            where.bind(delete, 1);
            return delete.executeLargeUpdate();
        }
    }

    private long count(String dataset, SubjectQuery.Where where, String condition) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select count(*) from " + schema.table(dataset) + " where " + where.sql() + " and " + condition)) {
            where.bind(query, 1);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private String textColumns(String dataset, List<ErasureRule> rules) {
        return String.join(
                ", ",
                rules.stream()
                        .map(rule -> schema.dialect().asText(schema.column(dataset, rule.field())))
                        .toList());
    }

    /** Every dataset and field of the plan exists, is in the map, and fits its strategy. */
    private void check(SubjectMap map, ErasurePlan plan) {
        for (ErasureRule rule : plan.rules()) {
            if (!map.datasets().contains(rule.dataset())) {
                throw ConnectorException.fatal(
                        "The plan names " + rule.dataset() + ", which the subject map does not", null);
            }
            schema.table(rule.dataset());
            if (rule.field() != null) {
                String type = schema.type(rule.dataset(), rule.field());
                if (TEXT_ONLY.contains(rule.strategy()) && !schema.dialect().isText(type)) {
                    throw ConnectorException.fatal(
                            rule.strategy() + " writes text, and " + rule.dataset() + "." + rule.field() + " is "
                                    + type,
                            null);
                }
            }
        }
    }
}
