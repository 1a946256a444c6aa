package dev.lethe.connectors.jdbc;

import dev.lethe.connectors.spi.Accessing.RecordSink;
import dev.lethe.connectors.spi.Locating.DatasetCount;
import dev.lethe.connectors.spi.OperationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Counting and reading a subject's records with the clauses of a {@link SubjectQuery}. */
final class SubjectRecords {

    private static final int FETCH_SIZE = 500;
    private static final int ROWS_PER_CHECKPOINT = 1000;

    private final Connection connection;
    private final SchemaSnapshot schema;
    private final OperationContext context;

    SubjectRecords(Connection connection, SchemaSnapshot schema, OperationContext context) {
        this.connection = connection;
        this.schema = schema;
        this.context = context;
    }

    List<DatasetCount> count(Map<String, SubjectQuery.Where> clauses, Iterable<String> datasets) throws SQLException {
        List<DatasetCount> counts = new ArrayList<>();
        for (String dataset : datasets) {
            context.checkpoint();
            SubjectQuery.Where where = clauses.get(dataset);
            if (where == null) {
                counts.add(new DatasetCount(dataset, 0));
                continue;
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "select count(*) from " + schema.table(dataset) + " where " + where.sql())) {
                where.bind(query, 1);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    counts.add(new DatasetCount(dataset, rows.getLong(1)));
                }
            }
        }
        return counts;
    }

    /** Streams through a cursor: the driver holds {@value #FETCH_SIZE} rows at a time, never the result. */
    void read(Map<String, SubjectQuery.Where> clauses, RecordSink sink) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL's driver uses a cursor only inside a transaction
        try {
            for (var clause : clauses.entrySet()) {
                context.checkpoint();
                read(clause.getKey(), clause.getValue(), sink);
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private void read(String dataset, SubjectQuery.Where where, RecordSink sink) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select * from " + schema.table(dataset) + " where " + where.sql())) {
            where.bind(query, 1);
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                ResultSetMetaData columns = rows.getMetaData();
                long read = 0;
                while (rows.next()) {
                    Map<String, Object> record = new LinkedHashMap<>();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        record.put(columns.getColumnLabel(i), value(rows, i, columns.getColumnTypeName(i)));
                    }
                    sink.accept(dataset, record);
                    if (++read % ROWS_PER_CHECKPOINT == 0) {
                        context.checkpoint();
                    }
                }
            }
        }
    }

    /** Strings, numbers, booleans and null as they are; times as ISO-8601; bytes as Base64; the rest as text. */
    private static Object value(ResultSet rows, int column, String typeName) throws SQLException {
        Object value = switch (typeName.toLowerCase(Locale.ROOT)) {
            case "timestamptz" -> rows.getObject(column, OffsetDateTime.class);
            case "timestamp", "datetime" -> rows.getObject(column, LocalDateTime.class);
            case "date" -> rows.getObject(column, LocalDate.class);
            case "time" -> rows.getObject(column, LocalTime.class);
            default -> rows.getObject(column);
        };
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }
}
