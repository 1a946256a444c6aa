package dev.lethe.connectors.jdbc;

import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ErasedValues;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.HeldSubjects;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Pacing;
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgePreview;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;

/**
 * A purge that must look at each record before it changes it: with subject holds (a held subject's
 * records stay), with an EVENT clock (an active subject's records have not expired) or with HASH or
 * TOKENIZE (the value is computed here, through the vault). It walks the expired
 * records in primary-key order, one page of at most {@code batchSize} at a time, reads their
 * identity fields, leaves the held ones and changes the rest by key. The walk always moves past
 * the page it read, so records left in place never block progress; a rerun finds only what is left.
 * Run dry, it changes nothing and reports what it would do (the preview).
 */
final class KeyedPurge {

    /** Keys per statement that changes records by key: well below every database's bind limit. */
    private static final int KEYS_PER_STATEMENT = 500;

    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    private final Connection connection;
    private final SchemaSnapshot schema;
    private final OperationContext context;
    private final ErasedValues erasedValues;

    KeyedPurge(Connection connection, SchemaSnapshot schema, OperationContext context, ErasedValues erasedValues) {
        this.connection = connection;
        this.schema = schema;
        this.context = context;
        this.erasedValues = erasedValues;
    }

    /** Whether a purge needs this walk rather than whole batches changed by one statement. */
    static boolean needed(Purge purge) {
        return purge.readsEachRecord();
    }

    /** One expired record read: its key (as text), clock, identity values and anonymized fields' values. */
    private record Row(String[] key, Instant clock, Map<String, String> identities, String[] values) {}

    /** What the walk found or did. */
    private static final class Tally {
        long records;
        long held;
        int batches;
        Instant oldest;
        Instant newest;

        void going(Instant clock) {
            records++;
            if (clock != null) {
                oldest = oldest == null || clock.isBefore(oldest) ? clock : oldest;
                newest = newest == null || clock.isAfter(newest) ? clock : newest;
            }
        }
    }

    PurgeResult purge(Purge purge, Retention.Selection selection) throws SQLException {
        Tally tally = walk(purge, selection, false);
        return new PurgeResult(tally.records, tally.batches, tally.held);
    }

    PurgePreview preview(Purge purge, Retention.Selection selection) throws SQLException {
        Tally tally = walk(purge, selection, true);
        return new PurgePreview(tally.records, tally.held, tally.oldest, tally.newest);
    }

    private Tally walk(Purge purge, Retention.Selection selection, boolean dry) throws SQLException {
        String dataset = purge.dataset();
        Dialect dialect = schema.dialect();
        List<String> keyColumns = schema.primaryKey(dataset);
        if (keyColumns.isEmpty()) {
            throw ConnectorException.fatal(
                    "The dataset " + dataset + " has no primary key: a purge with subject holds, an EVENT clock,"
                            + " HASH or TOKENIZE walks"
                            + " the records by their key",
                    null);
        }
        List<String> key = keyColumns.stream().map(dialect::quote).toList();
        List<String> keyTypes =
                keyColumns.stream().map(column -> schema.type(dataset, column)).toList();
        Set<String> identityFieldSet =
                new LinkedHashSet<>(purge.held().identityFields().keySet());
        identityFieldSet.addAll(purge.active().identityFields().keySet());
        List<String> identityFields = List.copyOf(identityFieldSet);
        List<ErasureRule> rules = purge.anonymize();
        for (ErasureRule rule : rules) {
            String type = schema.type(dataset, rule.field());
            if (rule.strategy() != ErasureStrategy.NULL && !dialect.isText(type)) {
                throw ConnectorException.fatal(
                        rule.strategy() + " writes text, and " + dataset + "." + rule.field() + " is " + type, null);
            }
        }
        List<String> selected = new ArrayList<>();
        key.forEach(column -> selected.add(dialect.asText(column)));
        selected.add(selection.clock());
        identityFields.forEach(field -> selected.add(dialect.asText(schema.column(dataset, field))));
        rules.forEach(rule -> selected.add(dialect.asText(schema.column(dataset, rule.field()))));
        String order = String.join(", ", key);
        // Aliased: PostgreSQL would otherwise order by the selected text ("id"::text is named id), not the key.
        List<String> aliased = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            aliased.add(selected.get(i) + " as lethe_" + i);
        }
        String from =
                "select " + String.join(", ", aliased) + " from " + selection.table() + " where " + selection.pending();
        String first = from + " order by " + order + " limit ?";
        String next = from + " and (" + order + ") > (" + typedMarkers(keyTypes) + ") order by " + order + " limit ?";

        Pacing pacing = new Pacing(purge.pace(), context);
        int pageSize = pacing.batchSize(purge.batchSize());
        Tally tally = new Tally();
        String[] after = null;
        while (true) {
            context.checkpoint();
            List<Row> page =
                    read(after == null ? first : next, selection, after, key.size(), pageSize, identityFields, rules);
            List<Row> going = new ArrayList<>();
            List<String[]> newValues = new ArrayList<>();
            for (Row row : page) {
                String[] values = changed(rules, row.values());
                if (!rules.isEmpty() && values == null) {
                    continue; // anonymized already (a hash, or values an earlier run wrote)
                }
                if (purge.active().any() && purge.active().active(row.identities())) {
                    continue; // the subject was active since the cutoff: not expired (EVENT clock)
                }
                if (held(purge.held(), row)) {
                    tally.held++;
                    continue;
                }
                going.add(row);
                newValues.add(values);
                if (dry) {
                    tally.going(row.clock());
                }
            }
            if (!dry && !going.isEmpty()) {
                long changed = rules.isEmpty()
                        ? delete(selection, key, keyTypes, going)
                        : update(purge, selection, key, keyTypes, going, newValues);
                tally.records += changed;
                tally.batches += changed > 0 ? 1 : 0;
            }
            if (page.size() < pageSize) {
                return tally;
            }
            after = page.getLast().key();
            if (!dry) {
                pacing.afterBatch(page.size());
            }
        }
    }

    private List<Row> read(
            String sql,
            Retention.Selection selection,
            String[] after,
            int keys,
            int pageSize,
            List<String> identityFields,
            List<ErasureRule> rules)
            throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int marker = 1;
            query.setString(marker++, selection.cutoff());
            if (after != null) {
                for (String value : after) {
                    query.setString(marker++, value);
                }
            }
            query.setInt(marker, pageSize);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    String[] key = new String[keys];
                    for (int i = 0; i < keys; i++) {
                        key[i] = result.getString(i + 1);
                    }
                    Timestamp clock = result.getTimestamp(keys + 1, UTC);
                    Map<String, String> identities = new HashMap<>();
                    for (int i = 0; i < identityFields.size(); i++) {
                        identities.put(identityFields.get(i), result.getString(keys + 2 + i));
                    }
                    String[] values = new String[rules.size()];
                    for (int i = 0; i < rules.size(); i++) {
                        values[i] = result.getString(keys + 2 + identityFields.size() + i);
                    }
                    rows.add(new Row(key, clock == null ? null : clock.toInstant(), identities, values));
                }
            }
        }
        return rows;
    }

    private static boolean held(HeldSubjects held, Row row) {
        return held.any() && held.holds(row.identities());
    }

    /** The values the rules leave, or null when they leave every value as it is. */
    private String[] changed(List<ErasureRule> rules, String[] values) {
        String[] erased = new String[rules.size()];
        boolean differs = false;
        for (int i = 0; i < rules.size(); i++) {
            erased[i] = erasedValues.erased(rules.get(i), values[i]);
            differs |= !Objects.equals(erased[i], values[i]);
        }
        return differs ? erased : null;
    }

    /** Deletes by key, still expired (a record whose clock moved since it was read stays). */
    private long delete(Retention.Selection selection, List<String> key, List<String> keyTypes, List<Row> rows)
            throws SQLException {
        long deleted = 0;
        for (int from = 0; from < rows.size(); from += KEYS_PER_STATEMENT) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + KEYS_PER_STATEMENT));
            String sql = "delete from " + selection.table() + " where " + selection.pending() + " and ("
                    + String.join(", ", key) + ") in ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "(" + typedMarkers(keyTypes) + ")"))
                    + ")";
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                int marker = 1;
                delete.setString(marker++, selection.cutoff());
                for (Row row : chunk) {
                    for (String value : row.key()) {
                        delete.setString(marker++, value);
                    }
                }
                deleted += delete.executeLargeUpdate();
            }
        }
        return deleted;
    }

    /** Writes each record's erased values by key, in one batch of statements, if still expired. */
    private long update(
            Purge purge,
            Retention.Selection selection,
            List<String> key,
            List<String> keyTypes,
            List<Row> rows,
            List<String[]> values)
            throws SQLException {
        Dialect dialect = schema.dialect();
        StringBuilder sql =
                new StringBuilder("update ").append(selection.table()).append(" set ");
        for (int i = 0; i < purge.anonymize().size(); i++) {
            String field = purge.anonymize().get(i).field();
            sql.append(i == 0 ? "" : ", ")
                    .append(schema.column(purge.dataset(), field))
                    .append(" = ")
                    .append(dialect.typed("?", schema.type(purge.dataset(), field)));
        }
        sql.append(" where ").append(selection.expired());
        for (int k = 0; k < key.size(); k++) {
            sql.append(" and ").append(key.get(k)).append(" = ").append(dialect.typed("?", keyTypes.get(k)));
        }
        try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
            for (int r = 0; r < rows.size(); r++) {
                int marker = 1;
                for (String value : values.get(r)) {
                    update.setString(marker++, value);
                }
                update.setString(marker++, selection.cutoff());
                for (String value : rows.get(r).key()) {
                    update.setString(marker++, value);
                }
                update.addBatch();
            }
            long updated = 0;
            for (long count : update.executeLargeBatch()) {
                updated += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
            }
            return updated;
        }
    }

    private String typedMarkers(List<String> types) {
        return String.join(
                ", ",
                types.stream().map(type -> schema.dialect().typed("?", type)).toList());
    }
}
