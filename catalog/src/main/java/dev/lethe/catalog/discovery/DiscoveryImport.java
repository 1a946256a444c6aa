package dev.lethe.catalog.discovery;

import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATASET_REFERENCE;
import static dev.lethe.catalog.jooq.Tables.DATA_FIELD;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.CatalogChanges.BulkWrite;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.Require;
import dev.lethe.catalog.dataset.DatasetKind;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.catalog.dataset.IdentityTypes;
import dev.lethe.catalog.discovery.ImportSummary.DatasetOutcome;
import dev.lethe.catalog.reference.ReferenceSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Brings what a connector discovered into the catalog: datasets upserted by system and name (kind and
 * location), their fields as DISCOVERED with categories, confidence and the suggested identity type,
 * and the references between them. A DISCOVERED field gains categories it lacked and keeps the highest
 * confidence; a CONFIRMED or REJECTED field is never changed (a person decided). Audited in bulk like
 * {@link dev.lethe.catalog.dataset.FieldDiscovery}: one entry for the datasets, one per dataset for its
 * fields, one for the references, with ids, counts and category codes, never values. Each of those is
 * its own transaction; importing the same discovery again changes nothing, so a failed import is
 * completed by running it again. Thread-safe; call it as the tenant.
 */
public final class DiscoveryImport {

    private final DSLContext dsl;
    private final CatalogChanges changes;

    public DiscoveryImport(DSLContext dsl, CatalogChanges changes) {
        this.dsl = dsl;
        this.changes = changes;
    }

    public ImportSummary importInto(
            Editor editor, UUID systemId, List<DiscoveredDataset> datasets, List<DiscoveredReference> references) {
        for (DiscoveredDataset dataset : datasets) {
            Require.text(dataset.name(), "dataset name");
            Require.oneOf(DatasetKind.class, dataset.kind(), "dataset kind");
        }
        Map<String, UUID> ids = new LinkedHashMap<>();
        Set<UUID> createdDatasets = new java.util.HashSet<>();
        BulkWrite datasetWrite = changes.bulk(
                editor,
                "dataset",
                "discovered",
                "system:" + systemId,
                tx -> upsertDatasets(tx, editor, systemId, datasets, ids));
        createdDatasets.addAll(datasetWrite.created());
        List<DatasetOutcome> outcomes = new ArrayList<>();
        int fieldsCreated = 0;
        int fieldsChanged = 0;
        int fieldsKept = 0;
        int fieldsFound = 0;
        for (DiscoveredDataset dataset : datasets) {
            UUID id = ids.get(dataset.name());
            int[] kept = new int[1];
            BulkWrite fieldWrite = changes.bulk(
                    editor,
                    "field",
                    "discovered",
                    "dataset:" + id,
                    tx -> upsertFields(tx, editor, id, dataset.fields(), kept));
            fieldsFound += dataset.fields().size();
            fieldsCreated += fieldWrite.created().size();
            fieldsChanged += fieldWrite.changed().size();
            fieldsKept += kept[0];
            Set<String> categories = new TreeSet<>();
            Set<String> identities = new TreeSet<>();
            dataset.fields().forEach(field -> {
                categories.addAll(field.categories());
                if (IdentityTypes.valid(field.suggestedIdentity())) {
                    identities.add(field.suggestedIdentity());
                }
            });
            outcomes.add(new DatasetOutcome(
                    id,
                    dataset.name(),
                    createdDatasets.contains(id),
                    dataset.fields().size(),
                    fieldWrite.created().size(),
                    fieldWrite.changed().size(),
                    kept[0],
                    List.copyOf(categories),
                    List.copyOf(identities)));
        }
        BulkWrite referenceWrite = changes.bulk(
                editor,
                "reference",
                "discovered",
                "system:" + systemId,
                tx -> insertReferences(tx, editor, systemId, references, ids));
        return new ImportSummary(
                systemId,
                datasets.size(),
                datasetWrite.created().size(),
                datasetWrite.changed().size(),
                fieldsFound,
                fieldsCreated,
                fieldsChanged,
                fieldsKept,
                references.size(),
                referenceWrite.created().size(),
                outcomes);
    }

    private static BulkWrite upsertDatasets(
            DSLContext tx, Editor editor, UUID systemId, List<DiscoveredDataset> datasets, Map<String, UUID> ids) {
        List<UUID> created = new ArrayList<>();
        List<UUID> changed = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (DiscoveredDataset dataset : datasets) {
            String kind = DatasetKind.valueOf(dataset.kind().strip().toUpperCase(java.util.Locale.ROOT))
                    .name();
            String location = Objects.toString(dataset.location(), "");
            Record current = tx.select(DATASET.ID, DATASET.KIND, DATASET.LOCATION)
                    .from(DATASET)
                    .where(DATASET.TENANT_ID.eq(editor.tenantId()))
                    .and(DATASET.SYSTEM_ID.eq(systemId))
                    .and(DATASET.NAME.eq(dataset.name()))
                    .forUpdate()
                    .fetchOne();
            if (current == null) {
                UUID id = UUID.randomUUID();
                tx.insertInto(DATASET)
                        .set(DATASET.ID, id)
                        .set(DATASET.TENANT_ID, editor.tenantId())
                        .set(DATASET.SYSTEM_ID, systemId)
                        .set(DATASET.NAME, dataset.name())
                        .set(DATASET.KIND, kind)
                        .set(DATASET.LOCATION, location)
                        .set(DATASET.CREATED_BY, editor.by())
                        .set(DATASET.UPDATED_BY, editor.by())
                        .execute();
                created.add(id);
                ids.put(dataset.name(), id);
                continue;
            }
            UUID id = current.get(DATASET.ID);
            ids.put(dataset.name(), id);
            if (!kind.equals(current.get(DATASET.KIND)) || !location.equals(current.get(DATASET.LOCATION))) {
                tx.update(DATASET)
                        .set(DATASET.KIND, kind)
                        .set(DATASET.LOCATION, location)
                        .set(DATASET.VERSION, DATASET.VERSION.plus(1))
                        .set(DATASET.UPDATED_AT, now)
                        .set(DATASET.UPDATED_BY, editor.by())
                        .where(DATASET.TENANT_ID.eq(editor.tenantId()))
                        .and(DATASET.ID.eq(id))
                        .execute();
                changed.add(id);
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("system", systemId.toString());
        details.put("found", Integer.toString(datasets.size()));
        details.put("created", Integer.toString(created.size()));
        details.put("changed", Integer.toString(changed.size()));
        details.put("datasets", ids(created, changed));
        return new BulkWrite(created, changed, details);
    }

    /** A DISCOVERED field as stored, to compare with what was found again. */
    private record Stored(
            UUID id,
            FieldStatus status,
            String dataType,
            Set<String> categories,
            BigDecimal confidence,
            String identity) {}

    private static BulkWrite upsertFields(
            DSLContext tx, Editor editor, UUID datasetId, List<DiscoveredField> fields, int[] kept) {
        Map<String, Stored> stored = new HashMap<>();
        tx.select(
                        DATA_FIELD.ID,
                        DATA_FIELD.PATH,
                        DATA_FIELD.STATUS,
                        DATA_FIELD.DATA_TYPE,
                        DATA_FIELD.CATEGORIES,
                        DATA_FIELD.CONFIDENCE,
                        DATA_FIELD.IDENTITY_TYPE)
                .from(DATA_FIELD)
                .where(DATA_FIELD.TENANT_ID.eq(editor.tenantId()))
                .and(DATA_FIELD.DATASET_ID.eq(datasetId))
                .forUpdate()
                .forEach(row -> stored.put(
                        row.value2(),
                        new Stored(
                                row.value1(),
                                FieldStatus.valueOf(row.value3()),
                                row.value4(),
                                new TreeSet<>(Arrays.asList(row.value5())),
                                row.value6(),
                                row.value7())));
        List<UUID> created = new ArrayList<>();
        List<UUID> changed = new ArrayList<>();
        Set<String> categories = new TreeSet<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (DiscoveredField field : fields) {
            Require.text(field.path(), "field path");
            String dataType = Objects.toString(field.dataType(), "");
            String identity = IdentityTypes.valid(field.suggestedIdentity()) ? field.suggestedIdentity() : null;
            BigDecimal confidence = field.categories().isEmpty()
                    ? null
                    : BigDecimal.valueOf(Math.clamp(field.confidence(), 0, 1)).setScale(3, RoundingMode.HALF_UP);
            Stored current = stored.get(field.path());
            if (current == null) {
                UUID id = UUID.randomUUID();
                tx.insertInto(DATA_FIELD)
                        .set(DATA_FIELD.ID, id)
                        .set(DATA_FIELD.TENANT_ID, editor.tenantId())
                        .set(DATA_FIELD.DATASET_ID, datasetId)
                        .set(DATA_FIELD.PATH, field.path())
                        .set(DATA_FIELD.DATA_TYPE, dataType)
                        .set(DATA_FIELD.CATEGORIES, field.categories().toArray(String[]::new))
                        .set(DATA_FIELD.STATUS, FieldStatus.DISCOVERED.name())
                        .set(DATA_FIELD.CONFIDENCE, confidence)
                        .set(DATA_FIELD.IDENTITY_TYPE, identity)
                        .set(DATA_FIELD.CREATED_BY, editor.by())
                        .set(DATA_FIELD.UPDATED_BY, editor.by())
                        .execute();
                created.add(id);
                categories.addAll(field.categories());
                continue;
            }
            if (current.status() != FieldStatus.DISCOVERED) {
                kept[0]++;
                touch(tx, current.id(), now);
                continue;
            }
            Set<String> merged = new TreeSet<>(current.categories());
            merged.addAll(field.categories());
            BigDecimal best = current.confidence() == null
                    ? confidence
                    : confidence == null || current.confidence().compareTo(confidence) >= 0
                            ? current.confidence()
                            : confidence;
            String identityNow = current.identity() != null ? current.identity() : identity;
            boolean differs = !merged.equals(current.categories())
                    || !dataType.equals(current.dataType())
                    || !Objects.equals(identityNow, current.identity())
                    || (best != null && (current.confidence() == null || best.compareTo(current.confidence()) != 0));
            if (!differs) {
                touch(tx, current.id(), now);
                continue;
            }
            tx.update(DATA_FIELD)
                    .set(DATA_FIELD.DATA_TYPE, dataType)
                    .set(DATA_FIELD.CATEGORIES, merged.toArray(String[]::new))
                    .set(DATA_FIELD.CONFIDENCE, best)
                    .set(DATA_FIELD.IDENTITY_TYPE, identityNow)
                    .set(DATA_FIELD.LAST_SEEN_AT, now)
                    .set(DATA_FIELD.VERSION, DATA_FIELD.VERSION.plus(1))
                    .set(DATA_FIELD.UPDATED_AT, now)
                    .set(DATA_FIELD.UPDATED_BY, editor.by())
                    .where(DATA_FIELD.TENANT_ID.eq(editor.tenantId()))
                    .and(DATA_FIELD.ID.eq(current.id()))
                    .execute();
            changed.add(current.id());
            categories.addAll(field.categories());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("dataset", datasetId.toString());
        details.put("created", Integer.toString(created.size()));
        details.put("changed", Integer.toString(changed.size()));
        details.put("kept", Integer.toString(kept[0]));
        details.put("seen", Integer.toString(fields.size()));
        details.put("categories", String.join(",", categories));
        details.put("fields", ids(created, changed));
        return new BulkWrite(created, changed, details);
    }

    /** Records that discovery saw the field again; not a change of the field (no new version). */
    private static void touch(DSLContext tx, UUID fieldId, OffsetDateTime now) {
        tx.update(DATA_FIELD)
                .set(DATA_FIELD.LAST_SEEN_AT, now)
                .where(DATA_FIELD.ID.eq(fieldId))
                .execute();
    }

    private BulkWrite insertReferences(
            DSLContext tx, Editor editor, UUID systemId, List<DiscoveredReference> references, Map<String, UUID> ids) {
        List<UUID> created = new ArrayList<>();
        for (DiscoveredReference reference : references) {
            UUID from = datasetId(tx, editor, systemId, reference.fromDataset(), ids);
            UUID to = datasetId(tx, editor, systemId, reference.toDataset(), ids);
            if (reference.fromFields().isEmpty()
                    || reference.fromFields().size() != reference.toFields().size()) {
                throw new InvalidInputException("a discovered reference pairs one or more fields on each side");
            }
            UUID id = UUID.randomUUID();
            tx.insertInto(DATASET_REFERENCE)
                    .set(DATASET_REFERENCE.ID, id)
                    .set(DATASET_REFERENCE.TENANT_ID, editor.tenantId())
                    .set(DATASET_REFERENCE.FROM_DATASET_ID, from)
                    .set(DATASET_REFERENCE.FROM_FIELDS, reference.fromFields().toArray(String[]::new))
                    .set(DATASET_REFERENCE.TO_DATASET_ID, to)
                    .set(DATASET_REFERENCE.TO_FIELDS, reference.toFields().toArray(String[]::new))
                    .set(DATASET_REFERENCE.SOURCE, ReferenceSource.DISCOVERED.name())
                    .set(DATASET_REFERENCE.CREATED_BY, editor.by())
                    .set(DATASET_REFERENCE.UPDATED_BY, editor.by())
                    .onConflictDoNothing()
                    .returningResult(DATASET_REFERENCE.ID)
                    .fetchOptional()
                    .ifPresent(row -> created.add(row.value1()));
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("system", systemId.toString());
        details.put("found", Integer.toString(references.size()));
        details.put("created", Integer.toString(created.size()));
        details.put("references", ids(created, List.of()));
        return new BulkWrite(created, List.of(), details);
    }

    private UUID datasetId(DSLContext tx, Editor editor, UUID systemId, String name, Map<String, UUID> ids) {
        UUID known = ids.get(name);
        if (known != null) {
            return known;
        }
        return tx.select(DATASET.ID)
                .from(DATASET)
                .where(DATASET.TENANT_ID.eq(editor.tenantId()))
                .and(DATASET.SYSTEM_ID.eq(systemId))
                .and(DATASET.NAME.eq(name))
                .fetchOptional(DATASET.ID)
                .orElseThrow(() ->
                        new InvalidInputException("a discovered reference names a dataset that was not discovered"));
    }

    private static String ids(List<UUID> created, List<UUID> changed) {
        List<String> ids = new ArrayList<>();
        created.forEach(id -> ids.add(id.toString()));
        changed.forEach(id -> ids.add(id.toString()));
        String listed = String.join(",", ids.subList(0, Math.min(ids.size(), 100)));
        return ids.size() > 100 ? listed + ",…(" + (ids.size() - 100) + " more)" : listed;
    }
}
