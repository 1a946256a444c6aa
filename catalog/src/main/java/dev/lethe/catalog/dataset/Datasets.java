package dev.lethe.catalog.dataset;

import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATA_FIELD;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.selectFrom;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.change.Revision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;

/** The tenant's datasets: listed as summaries, read one by one with their fields. Thread-safe. */
public final class Datasets {

    private final DSLContext dsl;
    private final CatalogChanges changes;

    public Datasets(DSLContext dsl, CatalogChanges changes) {
        this.dsl = dsl;
        this.changes = changes;
    }

    /**
     * The tenant's datasets in name order, of one system when {@code systemId} is not null, from the
     * one after the dataset {@code after} when it is not null (a cursor: every page then costs the
     * same, however deep), then skipping {@code page.offset()}.
     */
    public List<DatasetSummary> list(UUID tenantId, UUID systemId, UUID after, PageRequest page) {
        Condition bySystem = systemId == null ? DSL.noCondition() : DATASET.SYSTEM_ID.eq(systemId);
        if (after != null) {
            if (!dsl.fetchExists(DATASET, DATASET.TENANT_ID.eq(tenantId).and(DATASET.ID.eq(after)))) {
                throw new InvalidInputException("after names no dataset of this tenant (was it deleted? start again)");
            }
            bySystem = bySystem.and(DSL.row(DATASET.NAME, DATASET.ID)
                    .gt(DSL.select(DATASET.NAME, DATASET.ID)
                            .from(DATASET)
                            .where(DATASET.TENANT_ID.eq(tenantId))
                            .and(DATASET.ID.eq(after))));
        }
        var ofDataset = DATA_FIELD.TENANT_ID.eq(tenantId).and(DATA_FIELD.DATASET_ID.eq(DATASET.ID));
        Field<Integer> fieldCount = DSL.field(DSL.selectCount().from(DATA_FIELD).where(ofDataset));
        var category = DSL.field(DSL.name("category"), String.class);
        Field<String[]> categories = DSL.field(
                DSL.select(DSL.coalesce(DSL.arrayAggDistinct(category).orderBy(category), DSL.val(new String[0])))
                        .from(DATA_FIELD, DSL.unnest(DATA_FIELD.CATEGORIES).as("c", "category"))
                        .where(ofDataset)
                        .and(DATA_FIELD.STATUS.ne(FieldStatus.REJECTED.name())));
        return dsl.select(DATASET.asterisk(), fieldCount, categories)
                .from(DATASET)
                .where(DATASET.TENANT_ID.eq(tenantId))
                .and(DATASET.ID.eq(DSL.any(DSL.array(pageIds(tenantId, bySystem, page)))))
                .orderBy(DATASET.NAME, DATASET.ID)
                .fetch(record -> new DatasetSummary(
                        record.get(DATASET.ID),
                        record.get(DATASET.SYSTEM_ID),
                        record.get(DATASET.NAME),
                        DatasetKind.valueOf(record.get(DATASET.KIND)),
                        record.get(DATASET.LOCATION),
                        record.get(DATASET.DESCRIPTION),
                        Revision.of(record, DATASET),
                        record.get(fieldCount),
                        List.of(record.get(categories))));
    }

    /** A dataset with its fields. */
    public Optional<Dataset> find(UUID tenantId, UUID id) {
        return select(tenantId, DATASET.ID.eq(id), PageRequest.ALL).stream().findFirst();
    }

    public Dataset create(Editor editor, DatasetDraft draft) {
        UUID id = UUID.randomUUID();
        Map<Field<?>, Object> values = values(draft);
        values.put(DATASET.ID, id);
        changes.insert(editor, DATASET, "dataset", id.toString(), values);
        return get(editor.tenantId(), id);
    }

    public Dataset update(Editor editor, UUID id, int expectedVersion, DatasetDraft draft) {
        changes.update(editor, DATASET, "dataset", id.toString(), DATASET.ID.eq(id), expectedVersion, values(draft));
        return get(editor.tenantId(), id);
    }

    /** Deletes a dataset without fields; fields are deleted one by one, each audited. */
    public void delete(Editor editor, UUID id, int expectedVersion) {
        List<String> fields = dsl.select(DATA_FIELD.PATH)
                .from(DATA_FIELD)
                .where(DATA_FIELD.TENANT_ID.eq(editor.tenantId()))
                .and(DATA_FIELD.DATASET_ID.eq(id))
                .orderBy(DATA_FIELD.PATH)
                .limit(20)
                .fetch(DATA_FIELD.PATH);
        if (!fields.isEmpty()) {
            throw new ConflictException("The dataset still has fields " + fields + ": delete them first");
        }
        changes.delete(editor, DATASET, "dataset", id.toString(), DATASET.ID.eq(id), expectedVersion);
    }

    private List<Dataset> select(UUID tenantId, Condition condition, PageRequest page) {
        Field<List<DataField>> fields = multiset(selectFrom(DATA_FIELD)
                        .where(DATA_FIELD.TENANT_ID.eq(tenantId))
                        .and(DATA_FIELD.DATASET_ID.eq(DATASET.ID))
                        .orderBy(DATA_FIELD.PATH))
                .as("fields")
                .convertFrom(result -> result.map(DataFields::toField));
        return dsl.select(DATASET.asterisk(), fields)
                .from(DATASET)
                .where(DATASET.TENANT_ID.eq(tenantId))
                .and(DATASET.ID.eq(DSL.any(DSL.array(pageIds(tenantId, condition, page)))))
                .orderBy(DATASET.NAME, DATASET.ID)
                .fetch(record -> toDataset(record, record.get(fields)));
    }

    /**
     * The page's ids (an index-only scan in name order, V11), so that the rows and what is computed
     * per dataset are read for those ids only: in one query PostgreSQL computes it for every dataset
     * the offset skips (640 ms instead of 17 for the last page of 10,000).
     */
    private static Select<Record1<UUID>> pageIds(UUID tenantId, Condition condition, PageRequest page) {
        return DSL.select(DATASET.ID)
                .from(DATASET)
                .where(DATASET.TENANT_ID.eq(tenantId))
                .and(condition)
                .orderBy(DATASET.NAME, DATASET.ID)
                .offset(page.offset())
                .limit(page.limit());
    }

    private Dataset get(UUID tenantId, UUID id) {
        return find(tenantId, id).orElseThrow(() -> new NotFoundException("dataset " + id));
    }

    private static Map<Field<?>, Object> values(DatasetDraft draft) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(DATASET.SYSTEM_ID, draft.systemId());
        values.put(DATASET.NAME, draft.name());
        values.put(DATASET.KIND, draft.kind());
        values.put(DATASET.LOCATION, draft.location());
        values.put(DATASET.DESCRIPTION, draft.description());
        return values;
    }

    private static Dataset toDataset(Record record, List<DataField> fields) {
        return new Dataset(
                record.get(DATASET.ID),
                record.get(DATASET.SYSTEM_ID),
                record.get(DATASET.NAME),
                DatasetKind.valueOf(record.get(DATASET.KIND)),
                record.get(DATASET.LOCATION),
                record.get(DATASET.DESCRIPTION),
                Revision.of(record, DATASET),
                fields);
    }
}
