package dev.lethe.catalog.dataset;

import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATA_FIELD;
import static dev.lethe.catalog.jooq.Tables.DATA_SYSTEM;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.CatalogChanges.BulkWrite;
import dev.lethe.catalog.change.Editor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * Fields that ingest finds personal data in, and the fields people confirmed, by system and
 * dataset name. {@link #record} turns what a flush counted into DISCOVERED fields, with the
 * categories, the highest confidence and the number of findings, never a value. Thread-safe; call
 * it as the tenant (row-level security).
 */
public final class FieldDiscovery {

    /** Who discovered the fields, in their created_by/updated_by columns and the audit entry. */
    public static final Actor ACTOR = Actor.system("ingest");

    /** Ids named in one audit entry at most; the counts beside them are always complete. */
    static final int AUDITED_IDS = 100;

    private static final System.Logger log = System.getLogger(FieldDiscovery.class.getName());
    private static final int ROWS_PER_STATEMENT = 1000;

    /** What ingest counted for one path and category since its last flush. */
    public record Sighting(String path, String category, long count, double confidence) {}

    /** What one flush did: fields new to the catalog, DISCOVERED fields that grew, and all it saw. */
    public record Outcome(int created, int changed, int seen) {

        public static final Outcome NOTHING = new Outcome(0, 0, 0);
    }

    private final DSLContext dsl;
    private final CatalogChanges changes;

    public FieldDiscovery(DSLContext dsl, CatalogChanges changes) {
        this.dsl = dsl;
        this.changes = changes;
    }

    /** Path → categories of the dataset's CONFIRMED fields; empty when there is no such dataset. */
    public Map<String, Set<String>> confirmed(UUID tenantId, String system, String dataset) {
        Map<String, Set<String>> confirmed = new HashMap<>();
        dsl.select(DATA_FIELD.PATH, DATA_FIELD.CATEGORIES)
                .from(DATA_FIELD)
                .join(DATASET)
                .on(DATASET.TENANT_ID.eq(DATA_FIELD.TENANT_ID))
                .and(DATASET.ID.eq(DATA_FIELD.DATASET_ID))
                .join(DATA_SYSTEM)
                .on(DATA_SYSTEM.TENANT_ID.eq(DATASET.TENANT_ID))
                .and(DATA_SYSTEM.ID.eq(DATASET.SYSTEM_ID))
                .where(DATA_FIELD.TENANT_ID.eq(tenantId))
                .and(DATA_SYSTEM.NAME.eq(system))
                .and(DATASET.NAME.eq(dataset))
                .and(DATA_FIELD.STATUS.eq(FieldStatus.CONFIRMED.name()))
                .forEach(row -> confirmed.put(row.value1(), Set.of(row.value2())));
        return confirmed;
    }

    /**
     * Records one flush of sightings in one transaction. A new path becomes a DISCOVERED field; a
     * DISCOVERED field gains the categories it lacked and keeps the highest confidence; CONFIRMED
     * and REJECTED fields keep their categories (a rejected path is never proposed again). Every
     * field seen gets its last-seen time and its findings added to its sample count, without a new
     * version: a person editing the field is not interrupted by traffic. One upsert per batch of
     * paths (in path order, so concurrent flushes of the same dataset neither deadlock nor lose
     * counts); one audit entry for what was created or changed, naming field ids and categories,
     * never paths or values. Does nothing when the system or dataset does not exist.
     */
    public Outcome record(UUID tenantId, String system, String dataset, Collection<Sighting> sightings) {
        if (sightings.isEmpty()) {
            return Outcome.NOTHING;
        }
        UUID datasetId = datasetId(tenantId, system, dataset);
        if (datasetId == null) {
            log.log(
                    System.Logger.Level.DEBUG,
                    "No dataset {0}/{1} for discovered fields; flush of {2} sightings skipped",
                    system,
                    dataset,
                    sightings.size());
            return Outcome.NOTHING;
        }
        Collection<Seen> seen = byPath(sightings);
        var editor = new Editor(tenantId, ACTOR);
        BulkWrite written = changes.bulk(
                editor, "field", "discovered", "dataset:" + datasetId, tx -> upsert(tx, editor, datasetId, seen));
        return new Outcome(written.created().size(), written.changed().size(), seen.size());
    }

    private UUID datasetId(UUID tenantId, String system, String dataset) {
        return dsl.select(DATASET.ID)
                .from(DATASET)
                .join(DATA_SYSTEM)
                .on(DATA_SYSTEM.TENANT_ID.eq(DATASET.TENANT_ID))
                .and(DATA_SYSTEM.ID.eq(DATASET.SYSTEM_ID))
                .where(DATASET.TENANT_ID.eq(tenantId))
                .and(DATA_SYSTEM.NAME.eq(system))
                .and(DATASET.NAME.eq(dataset))
                .fetchOne(DATASET.ID);
    }

    /** One path's sightings: its categories, their highest confidence and how many findings. */
    private record Seen(String path, String[] categories, BigDecimal confidence, long count) {}

    private static Collection<Seen> byPath(Collection<Sighting> sightings) {
        Map<String, List<Sighting>> byPath = new TreeMap<>();
        for (Sighting sighting : sightings) {
            byPath.computeIfAbsent(sighting.path(), path -> new ArrayList<>()).add(sighting);
        }
        List<Seen> seen = new ArrayList<>(byPath.size());
        byPath.forEach((path, ofPath) -> {
            Set<String> categories = new TreeSet<>();
            double confidence = 0;
            long count = 0;
            for (Sighting sighting : ofPath) {
                categories.add(sighting.category());
                confidence = Math.max(confidence, sighting.confidence());
                count += sighting.count();
            }
            seen.add(new Seen(
                    path,
                    categories.toArray(String[]::new),
                    BigDecimal.valueOf(Math.clamp(confidence, 0, 1)).setScale(3, RoundingMode.HALF_UP),
                    count));
        });
        return seen;
    }

    private static BulkWrite upsert(DSLContext tx, Editor editor, UUID datasetId, Collection<Seen> seen) {
        List<UUID> created = new ArrayList<>();
        List<UUID> changed = new ArrayList<>();
        Set<String> categories = new TreeSet<>();
        List<Seen> all = List.copyOf(seen);
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            List<Seen> rows = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
            for (Record4<UUID, String[], Boolean, Boolean> row : upsertRows(tx, editor, datasetId, rows)) {
                if (row.value3() || row.value4()) {
                    (row.value3() ? created : changed).add(row.value1());
                    categories.addAll(List.of(row.value2()));
                }
            }
        }
        return new BulkWrite(created, changed, details(datasetId, created, changed, categories, all));
    }

    /**
     * Upserts one batch of paths and returns, for each, its id and categories, whether this
     * statement inserted it and whether it changed it: both tell by the row's created_at and
     * updated_at being this transaction's start time, which only this transaction writes.
     */
    private static Result<Record4<UUID, String[], Boolean, Boolean>> upsertRows(
            DSLContext tx, Editor editor, UUID datasetId, List<Seen> rows) {
        var insert = tx.insertInto(
                DATA_FIELD,
                DATA_FIELD.ID,
                DATA_FIELD.TENANT_ID,
                DATA_FIELD.DATASET_ID,
                DATA_FIELD.PATH,
                DATA_FIELD.CATEGORIES,
                DATA_FIELD.STATUS,
                DATA_FIELD.CONFIDENCE,
                DATA_FIELD.SAMPLE_COUNT,
                DATA_FIELD.CREATED_BY,
                DATA_FIELD.UPDATED_BY);
        for (Seen row : rows) {
            insert = insert.values(
                    UUID.randomUUID(),
                    editor.tenantId(),
                    datasetId,
                    row.path(),
                    row.categories(),
                    FieldStatus.DISCOVERED.name(),
                    row.confidence(),
                    row.count(),
                    editor.by(),
                    editor.by());
        }
        Field<OffsetDateTime> now = currentOffsetDateTime();
        Condition grows = DATA_FIELD
                .STATUS
                .eq(inline(FieldStatus.DISCOVERED.name()))
                .and(DSL.condition("not ({0} @> {1})", DATA_FIELD.CATEGORIES, excluded(DATA_FIELD.CATEGORIES))
                        .or(DATA_FIELD.CONFIDENCE.isNull())
                        .or(excluded(DATA_FIELD.CONFIDENCE).gt(DATA_FIELD.CONFIDENCE)));
        return insert.onConflict(DATA_FIELD.DATASET_ID, DATA_FIELD.PATH)
                .doUpdate()
                .set(DATA_FIELD.CATEGORIES, when(grows, merged()).otherwise(DATA_FIELD.CATEGORIES))
                .set(
                        DATA_FIELD.CONFIDENCE,
                        when(grows, greatest(DATA_FIELD.CONFIDENCE, excluded(DATA_FIELD.CONFIDENCE)))
                                .otherwise(DATA_FIELD.CONFIDENCE))
                .set(DATA_FIELD.VERSION, when(grows, DATA_FIELD.VERSION.plus(1)).otherwise(DATA_FIELD.VERSION))
                .set(DATA_FIELD.UPDATED_AT, when(grows, now).otherwise(DATA_FIELD.UPDATED_AT))
                .set(
                        DATA_FIELD.UPDATED_BY,
                        when(grows, excluded(DATA_FIELD.UPDATED_BY)).otherwise(DATA_FIELD.UPDATED_BY))
                .set(DATA_FIELD.SAMPLE_COUNT, DATA_FIELD.SAMPLE_COUNT.plus(excluded(DATA_FIELD.SAMPLE_COUNT)))
                .set(DATA_FIELD.LAST_SEEN_AT, now)
                .returningResult(
                        DATA_FIELD.ID,
                        DATA_FIELD.CATEGORIES,
                        DSL.field(DATA_FIELD.CREATED_AT.eq(now)),
                        DSL.field(DATA_FIELD.CREATED_AT.ne(now).and(DATA_FIELD.UPDATED_AT.eq(now))))
                .fetch();
    }

    /** The field's categories with the newly seen ones, sorted, each once. */
    private static Field<String[]> merged() {
        return DSL.field(
                "array(select distinct c from unnest({0} || {1}) as t(c) order by c)",
                DATA_FIELD.CATEGORIES.getDataType(), DATA_FIELD.CATEGORIES, excluded(DATA_FIELD.CATEGORIES));
    }

    private static Map<String, String> details(
            UUID datasetId, List<UUID> created, List<UUID> changed, Set<String> categories, List<Seen> seen) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("dataset", datasetId.toString());
        details.put("created", Integer.toString(created.size()));
        details.put("changed", Integer.toString(changed.size()));
        details.put("seen", Integer.toString(seen.size()));
        details.put("categories", String.join(",", categories));
        List<String> ids = new ArrayList<>();
        created.forEach(id -> ids.add(id.toString()));
        changed.forEach(id -> ids.add(id.toString()));
        details.put("fields", String.join(",", ids.subList(0, Math.min(ids.size(), AUDITED_IDS))));
        if (ids.size() > AUDITED_IDS) {
            details.put("fields_omitted", Integer.toString(ids.size() - AUDITED_IDS));
        }
        return details;
    }
}
