package dev.lethe.catalog.change;

import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.outbox.CatalogOutbox;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.postgresql.util.PSQLException;

/**
 * Writes one catalog row and its audit entry in one transaction. Every row is addressed within
 * the editor's tenant; updates and deletes are optimistic-locked on the row's {@code version}.
 * The audit entry names the action ({@code catalog.<kind>.created|updated|deleted}), the target
 * ({@code <kind>:<key>}), the new version and the names of the columns that changed, never
 * their values. Changes of systems, datasets, fields and processing activities also append a
 * row to the {@link CatalogOutbox} in the same transaction, for the search index. Thread-safe.
 */
public final class CatalogChanges {

    private final DSLContext dsl;
    private final AuditTrail trail;

    /**
     * The trail must run on the same transaction manager as {@code dsl} (in the application both
     * use Spring's, so the audit entry commits or rolls back with the row it describes).
     */
    public CatalogChanges(DSLContext dsl, AuditTrail trail) {
        this.dsl = dsl;
        this.trail = trail;
    }

    /**
     * Rows that belong to the one being written (e.g. join rows), written in the same transaction
     * after it; returns the names of what it changed, for the audit entry.
     */
    @FunctionalInterface
    public interface Related {
        Set<String> write(DSLContext tx);

        Related NONE = tx -> Set.of();
    }

    /** Inserts a row; {@code values} hold the row's own columns (its id too, where it has one). */
    public void insert(Editor editor, Table<?> table, String kind, String key, Map<Field<?>, Object> values) {
        insert(editor, table, kind, key, values, Related.NONE);
    }

    /** Inserts a row and its related rows. */
    public void insert(
            Editor editor, Table<?> table, String kind, String key, Map<Field<?>, Object> values, Related related) {
        Map<Field<?>, Object> row = new LinkedHashMap<>(values);
        row.put(column(table, "tenant_id"), editor.tenantId());
        row.put(column(table, "created_by"), editor.by());
        row.put(column(table, "updated_by"), editor.by());
        write(
                kind,
                "insert",
                () -> dsl.transaction(configuration -> {
                    DSLContext tx = DSL.using(configuration);
                    tx.insertInto(table).set(row).execute();
                    outbox(tx, editor, kind, key, "created");
                    TreeSet<String> names = names(values.keySet());
                    names.addAll(related.write(tx));
                    audit(editor, kind, key, "created", 1, String.join(",", names));
                }));
    }

    /** Updates a row at {@code expectedVersion} and returns its new version. */
    public int update(
            Editor editor,
            Table<?> table,
            String kind,
            String key,
            Condition identity,
            int expectedVersion,
            Map<Field<?>, Object> values) {
        return update(editor, table, kind, key, identity, expectedVersion, values, Related.NONE);
    }

    /** Updates a row at {@code expectedVersion} and its related rows; returns its new version. */
    public int update(
            Editor editor,
            Table<?> table,
            String kind,
            String key,
            Condition identity,
            int expectedVersion,
            Map<Field<?>, Object> values,
            Related related) {
        int[] version = new int[1];
        write(
                kind,
                "update",
                () -> dsl.transaction(configuration -> {
                    DSLContext tx = DSL.using(configuration);
                    Record current = current(tx, editor, table, kind, key, identity, expectedVersion);
                    Map<Field<?>, Object> changed = new LinkedHashMap<>();
                    values.forEach((field, value) -> {
                        if (!same(current.get(field), value)) {
                            changed.put(field, value);
                        }
                    });
                    Field<Integer> versionField = column(table, "version", Integer.class);
                    Map<Field<?>, Object> row = new LinkedHashMap<>(values);
                    row.put(versionField, versionField.plus(1));
                    row.put(column(table, "updated_at"), OffsetDateTime.now(ZoneOffset.UTC));
                    row.put(column(table, "updated_by"), editor.by());
                    int rows = tx.update(table)
                            .set(row)
                            .where(tenant(table, editor))
                            .and(identity)
                            .and(versionField.eq(expectedVersion))
                            .execute();
                    if (rows == 0) {
                        throw new VersionConflictException(kind + " " + key, expectedVersion, expectedVersion + 1);
                    }
                    version[0] = expectedVersion + 1;
                    outbox(tx, editor, kind, key, "updated");
                    TreeSet<String> names = names(changed.keySet());
                    names.addAll(related.write(tx));
                    audit(editor, kind, key, "updated", version[0], String.join(",", names));
                }));
        return version[0];
    }

    /** Deletes a row at {@code expectedVersion}. */
    public void delete(
            Editor editor, Table<?> table, String kind, String key, Condition identity, int expectedVersion) {
        write(
                kind,
                "delete",
                () -> dsl.transaction(configuration -> {
                    DSLContext tx = DSL.using(configuration);
                    current(tx, editor, table, kind, key, identity, expectedVersion);
                    int rows = tx.deleteFrom(table)
                            .where(tenant(table, editor))
                            .and(identity)
                            .and(column(table, "version", Integer.class).eq(expectedVersion))
                            .execute();
                    if (rows == 0) {
                        throw new VersionConflictException(kind + " " + key, expectedVersion, expectedVersion + 1);
                    }
                    outbox(tx, editor, kind, key, "deleted");
                    audit(editor, kind, key, "deleted", expectedVersion, "");
                }));
    }

    /**
     * What a bulk write did: the rows it created and changed (each goes to the outbox) and the
     * details of its one audit entry (counts, ids, category codes: never values).
     */
    public record BulkWrite(List<UUID> created, List<UUID> changed, Map<String, String> details) {

        public BulkWrite {
            created = List.copyOf(created);
            changed = List.copyOf(changed);
            details = Map.copyOf(details);
        }
    }

    /**
     * Writes many rows of one kind in one transaction with one audit entry for the lot, for
     * writers that are not a person editing a row (discovery). {@code work} writes the rows in the
     * transaction it is given and says which it created and changed; those go to the outbox, and
     * one entry ({@code catalog.<kind>.<verb>}, {@code target}) carries the work's details. A bulk
     * write that created and changed nothing leaves no entry.
     */
    public BulkWrite bulk(
            Editor editor, String kind, String verb, String target, Function<DSLContext, BulkWrite> work) {
        List<BulkWrite> done = new ArrayList<>(1);
        write(
                kind,
                "bulk",
                () -> dsl.transaction(configuration -> {
                    DSLContext tx = DSL.using(configuration);
                    BulkWrite result = work.apply(tx);
                    if (CatalogOutbox.indexes(kind)) {
                        CatalogOutbox.appendAll(tx, editor.tenantId(), kind, result.created(), "created");
                        CatalogOutbox.appendAll(tx, editor.tenantId(), kind, result.changed(), "updated");
                    }
                    if (!result.created().isEmpty() || !result.changed().isEmpty()) {
                        trail.append(new AuditEvent(
                                editor.tenantId(),
                                editor.actor(),
                                "catalog." + kind + "." + verb,
                                target,
                                result.details()));
                    }
                    done.add(result);
                }));
        return done.getFirst();
    }

    private static Record current(
            DSLContext tx,
            Editor editor,
            Table<?> table,
            String kind,
            String key,
            Condition identity,
            int expectedVersion) {
        Record current = tx.select()
                .from(table)
                .where(tenant(table, editor))
                .and(identity)
                .forUpdate()
                .fetchOne();
        if (current == null) {
            throw new NotFoundException(kind + " " + key);
        }
        int actual = current.get(column(table, "version", Integer.class));
        if (actual != expectedVersion) {
            throw new VersionConflictException(kind + " " + key, expectedVersion, actual);
        }
        return current;
    }

    /** Tells the search index about the change, in the change's own transaction. */
    private static void outbox(DSLContext tx, Editor editor, String kind, String key, String op) {
        if (CatalogOutbox.indexes(kind)) {
            CatalogOutbox.append(tx, editor.tenantId(), kind, UUID.fromString(key), op);
        }
    }

    private void audit(Editor editor, String kind, String key, String verb, int version, String changed) {
        Map<String, String> details = new LinkedHashMap<>();
        if (version > 0) {
            details.put("version", Integer.toString(version));
        }
        if (!changed.isEmpty()) {
            details.put("changed", changed);
        }
        trail.append(new AuditEvent(
                editor.tenantId(), editor.actor(), "catalog." + kind + "." + verb, kind + ":" + key, details));
    }

    private static TreeSet<String> names(Set<Field<?>> fields) {
        TreeSet<String> names = new TreeSet<>();
        fields.forEach(field -> names.add(field.getName()));
        names.remove("id");
        return names;
    }

    private static boolean same(Object current, Object proposed) {
        if (current instanceof BigDecimal a && proposed instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        return Objects.deepEquals(current, proposed);
    }

    private static Condition tenant(Table<?> table, Editor editor) {
        return column(table, "tenant_id", UUID.class).eq(editor.tenantId());
    }

    private static Field<?> column(Table<?> table, String name) {
        return Objects.requireNonNull(table.field(name), () -> table.getName() + " has no column " + name);
    }

    private static <T> Field<T> column(Table<?> table, String name, Class<T> type) {
        return Objects.requireNonNull(table.field(name, type), () -> table.getName() + " has no column " + name);
    }

    /** Turns PostgreSQL's integrity errors into the catalog's own exceptions. */
    private static void write(String kind, String operation, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            PSQLException sql = psql(e);
            if (sql == null || sql.getSQLState() == null) {
                throw e;
            }
            String constraint = sql.getServerErrorMessage() == null
                    ? ""
                    : Objects.toString(sql.getServerErrorMessage().getConstraint(), "");
            switch (sql.getSQLState()) {
                case "23505" -> throw new ConflictException("A " + kind + " with this name already exists");
                case "23503" ->
                    throw operation.equals("delete")
                            ? new ConflictException("The " + kind + " is still referenced (" + constraint
                                    + "): remove what uses it first")
                            : new InvalidInputException(
                                    "The " + kind + " refers to something that does not exist (" + constraint + ")");
                case "23514", "23502" ->
                    throw new InvalidInputException("The " + kind + " is not valid (" + constraint + ")");
                default -> throw e;
            }
        }
    }

    private static PSQLException psql(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql) {
                return psql;
            }
            if (cause instanceof SQLException sql && sql.getNextException() instanceof PSQLException next) {
                return next;
            }
        }
        return null;
    }
}
