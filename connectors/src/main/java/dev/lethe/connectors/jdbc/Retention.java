package dev.lethe.connectors.jdbc;

import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ErasedValues;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Pacing;
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgePreview;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * A retention purge in bounded batches: each batch picks at most {@code batchSize} expired records
 * (how is the dialect's: by physical address, or in key order), changes them and commits, so locks
 * are held for one batch only and an interrupted purge loses nothing that was committed. The next
 * run simply finds fewer expired records. Each batch is one statement, one round trip: the fast
 * path. A purge with subject holds or HASH must read the records first and goes through {@link
 * KeyedPurge} instead. Between batches the purge keeps its pace.
 */
final class Retention {

    private final Connection connection;
    private final SchemaSnapshot schema;
    private final OperationContext context;
    private final ErasedValues erasedValues;

    /** @param erasedValues {@link ErasedValues#forPurge} or {@link ErasedValues#forPreview} */
    Retention(Connection connection, SchemaSnapshot schema, OperationContext context, ErasedValues erasedValues) {
        this.connection = connection;
        this.schema = schema;
        this.context = context;
        this.erasedValues = erasedValues;
    }

    PurgeResult purge(Purge purge) throws SQLException {
        Selection selection = select(purge);
        if (KeyedPurge.needed(purge)) {
            return new KeyedPurge(connection, schema, context, erasedValues).purge(purge, selection);
        }
        Dialect dialect = schema.dialect();
        String batchSql = dialect.batched(
                connection,
                selection.change(),
                selection.table(),
                selection.pending(),
                schema.primaryKey(purge.dataset()));
        Pacing pacing = new Pacing(purge.pace(), context);
        int batchSize = pacing.batchSize(purge.batchSize());
        long records = 0;
        int batches = 0;
        try (PreparedStatement batch = connection.prepareStatement(batchSql)) {
            while (true) {
                context.checkpoint();
                batch.setString(1, selection.cutoff());
                batch.setInt(2, batchSize);
                long changed = batch.executeLargeUpdate();
                if (changed == 0) {
                    return new PurgeResult(records, batches, 0);
                }
                records += changed;
                batches++;
                if (changed < batchSize) {
                    return new PurgeResult(records, batches, 0);
                }
                pacing.afterBatch(changed);
            }
        }
    }

    PurgePreview preview(Purge purge) throws SQLException {
        Selection selection = select(purge);
        if (KeyedPurge.needed(purge)) {
            return new KeyedPurge(connection, schema, context, erasedValues).preview(purge, selection);
        }
        try (PreparedStatement query = connection.prepareStatement("select count(*), min(" + selection.clock()
                + "), max(" + selection.clock() + ") from " + selection.table() + " where " + selection.pending())) {
            query.setString(1, selection.cutoff());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new PurgePreview(row.getLong(1), 0, instant(row, 2), instant(row, 3));
            }
        }
    }

    /** Clock values are read as UTC where the column has no zone (Lethe's sessions run in UTC). */
    private static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp value = row.getTimestamp(column, Calendar.getInstance(TimeZone.getTimeZone("UTC")));
        return value == null ? null : value.toInstant();
    }

    /**
     * What a purge selects and how it changes it.
     *
     * @param expired the condition of the expired records, one bind marker: the cutoff
     * @param pending the condition of the expired records still to change, one bind marker: the cutoff
     * @param change {@code delete from t} or {@code update t set ...}
     */
    record Selection(String table, String clock, String cutoff, String expired, String pending, String change) {}

    private Selection select(Purge purge) {
        Dialect dialect = schema.dialect();
        String table = schema.table(purge.dataset());
        String clockType = schema.type(purge.dataset(), purge.clockField());
        if (!dialect.isTime(clockType)) {
            throw ConnectorException.fatal(
                    "The clock field " + purge.dataset() + "." + purge.clockField() + " is " + clockType
                            + ", not a date or timestamp",
                    null);
        }
        String clock = schema.column(purge.dataset(), purge.clockField());
        String expired = clock + " < " + dialect.typed("?", clockType);
        String cutoff = dialect.timeValue(purge.cutoff(), clockType);
        if (purge.anonymize().isEmpty()) {
            return new Selection(table, clock, cutoff, expired, expired, "delete from " + table);
        }
        StringBuilder change = new StringBuilder("update ").append(table).append(" set ");
        StringBuilder notDone = new StringBuilder();
        for (int i = 0; i < purge.anonymize().size(); i++) {
            ErasureRule rule = purge.anonymize().get(i);
            String column = schema.column(purge.dataset(), rule.field());
            String type = schema.type(purge.dataset(), rule.field());
            String mask = dialect.typed("'" + ErasurePlan.MASK + "'", type);
            boolean masked = rule.strategy() == ErasureStrategy.MASK;
            change.append(i == 0 ? "" : ", ").append(column).append(masked ? " = " + mask : " = null");
            // A hash cannot be recognised in SQL: any value is a candidate, the vault tells (KeyedPurge).
            notDone.append(i == 0 ? "" : " or ")
                    .append(masked ? dialect.differs(column, mask, type) : column + " is not null");
        }
        // Only records still to anonymize, so each batch makes progress and a rerun finds none.
        return new Selection(table, clock, cutoff, expired, expired + " and (" + notDone + ")", change.toString());
    }
}
