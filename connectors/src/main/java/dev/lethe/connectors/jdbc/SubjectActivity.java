package dev.lethe.connectors.jdbc;

import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Purging.ActivityScan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The identities of the subjects active since a cutoff (an EVENT clock's purge asks): for each identity field,
 * its distinct values on the records whose activity field is at or after the cutoff, streamed one fetch of
 * {@code batchSize} rows at a time with a checkpoint between fetches. A plain read: it takes no locks that
 * would block writers (PostgreSQL and InnoDB read a snapshot), and changes nothing.
 */
final class SubjectActivity {

    private final Connection connection;
    private final SchemaSnapshot schema;
    private final OperationContext context;

    SubjectActivity(Connection connection, SchemaSnapshot schema, OperationContext context) {
        this.connection = connection;
        this.schema = schema;
        this.context = context;
    }

    void scan(ActivityScan scan, BiConsumer<String, String> sink) throws SQLException {
        Dialect dialect = schema.dialect();
        String table = schema.table(scan.dataset());
        String clockType = schema.type(scan.dataset(), scan.activityField());
        if (!dialect.isTime(clockType)) {
            throw ConnectorException.fatal(
                    "The activity field " + scan.dataset() + "." + scan.activityField() + " is " + clockType
                            + ", not a date or timestamp",
                    null);
        }
        String clock = schema.column(scan.dataset(), scan.activityField());
        String cutoff = dialect.timeValue(scan.cutoff(), clockType);
        // PostgreSQL streams a result only inside a transaction; elsewhere this changes nothing.
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (Map.Entry<String, String> field : scan.identityFields().entrySet()) {
                String column = schema.column(scan.dataset(), field.getKey());
                String sql = "select distinct " + dialect.asText(column) + " from " + table + " where " + clock + " >= "
                        + dialect.typed("?", clockType) + " and " + column + " is not null";
                try (PreparedStatement query = connection.prepareStatement(sql)) {
                    query.setFetchSize(scan.batchSize());
                    query.setString(1, cutoff);
                    try (ResultSet rows = query.executeQuery()) {
                        long read = 0;
                        while (rows.next()) {
                            if (++read % scan.batchSize() == 0) {
                                context.checkpoint();
                            }
                            String value = rows.getString(1);
                            if (value != null && !value.isBlank()) {
                                sink.accept(field.getValue(), value);
                            }
                        }
                    }
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }
}
