package dev.lethe.catalog.change;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Who made a catalog row and who changed it last. {@code version} starts at 1 and grows by one
 * with every update; an update must name the version it read (optimistic locking).
 */
public record Revision(int version, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    /** The revision columns of a row of {@code table}. */
    public static Revision of(Record record, Table<?> table) {
        return new Revision(
                record.get(table.field("version", Integer.class)),
                record.get(table.field("created_at", OffsetDateTime.class)).toInstant(),
                record.get(table.field("created_by", String.class)),
                record.get(table.field("updated_at", OffsetDateTime.class)).toInstant(),
                record.get(table.field("updated_by", String.class)));
    }
}
