package dev.lethe.connectors.jdbc;

import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A retention purge in bounded batches: each batch picks at most {@code batchSize} expired records
 * (how is the dialect's: by physical address, or in key order), changes them and commits, so locks
 * are held for one batch only and an interrupted purge loses nothing that was committed. The next
 * run simply finds fewer expired records.
 */
final class Retention {

    private final Connection connection;
    private final SchemaSnapshot schema;
    private final OperationContext context;

    Retention(Connection connection, SchemaSnapshot schema, OperationContext context) {
        this.connection = connection;
        this.schema = schema;
        this.context = context;
    }

    PurgeResult purge(Purge purge) throws SQLException {
        Dialect dialect = schema.dialect();
        String table = schema.table(purge.dataset());
        String clockType = schema.type(purge.dataset(), purge.clockField());
        if (!dialect.isTime(clockType)) {
            throw ConnectorException.fatal(
                    "The clock field " + purge.dataset() + "." + purge.clockField() + " is " + clockType
                            + ", not a date or timestamp",
                    null);
        }
        String expired = schema.column(purge.dataset(), purge.clockField()) + " < " + dialect.typed("?", clockType);
        String pending = expired;
        StringBuilder change = new StringBuilder();
        if (purge.anonymize().isEmpty()) {
            change.append("delete from ").append(table);
        } else {
            change.append("update ").append(table).append(" set ");
            StringBuilder notDone = new StringBuilder();
            for (int i = 0; i < purge.anonymize().size(); i++) {
                ErasureRule rule = purge.anonymize().get(i);
                String column = schema.column(purge.dataset(), rule.field());
                String type = schema.type(purge.dataset(), rule.field());
                String mask = dialect.typed("'" + ErasurePlan.MASK + "'", type);
                boolean masked = rule.strategy() == ErasureStrategy.MASK;
                change.append(i == 0 ? "" : ", ").append(column).append(masked ? " = " + mask : " = null");
                notDone.append(i == 0 ? "" : " or ")
                        .append(masked ? dialect.differs(column, mask, type) : column + " is not null");
            }
            // Only records still to anonymize, so each batch makes progress and a rerun finds none.
            pending = expired + " and (" + notDone + ")";
        }
        String batchSql = dialect.batched(change.toString(), table, pending, schema.primaryKey(purge.dataset()));
        long records = 0;
        int batches = 0;
        try (PreparedStatement batch = connection.prepareStatement(batchSql)) {
            while (true) {
                context.checkpoint();
                batch.setString(1, dialect.timeValue(purge.cutoff(), clockType));
                batch.setInt(2, purge.batchSize());
                long changed = batch.executeLargeUpdate();
                if (changed == 0) {
                    return new PurgeResult(records, batches);
                }
                records += changed;
                batches++;
                if (changed < purge.batchSize()) {
                    return new PurgeResult(records, batches);
                }
            }
        }
    }
}
