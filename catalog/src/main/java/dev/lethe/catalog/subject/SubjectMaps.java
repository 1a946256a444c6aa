package dev.lethe.catalog.subject;

import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATASET_REFERENCE;
import static dev.lethe.catalog.jooq.Tables.DATA_FIELD;

import dev.lethe.catalog.dataset.FieldStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Builds the {@link SubjectMapping} of a system from the catalog: only CONFIRMED fields with an
 * identity type say where a subject is found; every reference between the system's datasets
 * (discovered or added by hand) is followed; DISCOVERED fields that hold personal data are listed as
 * unconfirmed. REJECTED fields play no part. Thread-safe; call it as the tenant.
 */
public final class SubjectMaps {

    private final DSLContext dsl;

    public SubjectMaps(DSLContext dsl) {
        this.dsl = dsl;
    }

    public SubjectMapping forSystem(UUID tenantId, UUID systemId) {
        Map<UUID, String> names = new HashMap<>();
        dsl.select(DATASET.ID, DATASET.NAME)
                .from(DATASET)
                .where(DATASET.TENANT_ID.eq(tenantId))
                .and(DATASET.SYSTEM_ID.eq(systemId))
                .forEach(row -> names.put(row.value1(), row.value2()));
        if (names.isEmpty()) {
            return new SubjectMapping(Map.of(), List.of(), List.of());
        }
        Map<String, Map<String, String>> identities = new TreeMap<>();
        List<SubjectMapping.Unconfirmed> unconfirmed = new ArrayList<>();
        dsl.select(
                        DATA_FIELD.DATASET_ID,
                        DATA_FIELD.PATH,
                        DATA_FIELD.STATUS,
                        DATA_FIELD.IDENTITY_TYPE,
                        DATA_FIELD.CATEGORIES)
                .from(DATA_FIELD)
                .where(DATA_FIELD.TENANT_ID.eq(tenantId))
                .and(DATA_FIELD.DATASET_ID.in(names.keySet()))
                .and(DATA_FIELD
                        .STATUS
                        .eq(FieldStatus.CONFIRMED.name())
                        .and(DATA_FIELD.IDENTITY_TYPE.isNotNull())
                        .or(DATA_FIELD
                                .STATUS
                                .eq(FieldStatus.DISCOVERED.name())
                                .and(DSL.cardinality(DATA_FIELD.CATEGORIES).gt(0))))
                .orderBy(DATA_FIELD.DATASET_ID, DATA_FIELD.PATH)
                .forEach(row -> {
                    String dataset = names.get(row.value1());
                    if (FieldStatus.CONFIRMED.name().equals(row.value3())) {
                        identities
                                .computeIfAbsent(dataset, name -> new TreeMap<>())
                                .put(row.value2(), row.value4());
                    } else {
                        unconfirmed.add(new SubjectMapping.Unconfirmed(dataset, row.value2(), List.of(row.value5())));
                    }
                });
        unconfirmed.sort(java.util.Comparator.comparing(SubjectMapping.Unconfirmed::dataset)
                .thenComparing(SubjectMapping.Unconfirmed::field));
        List<SubjectMapping.Link> links = dsl.select(
                        DATASET_REFERENCE.FROM_DATASET_ID,
                        DATASET_REFERENCE.FROM_FIELDS,
                        DATASET_REFERENCE.TO_DATASET_ID,
                        DATASET_REFERENCE.TO_FIELDS)
                .from(DATASET_REFERENCE)
                .where(DATASET_REFERENCE.TENANT_ID.eq(tenantId))
                .and(DATASET_REFERENCE.FROM_DATASET_ID.in(names.keySet()))
                .and(DATASET_REFERENCE.TO_DATASET_ID.in(names.keySet()))
                .orderBy(DATASET_REFERENCE.CREATED_AT, DATASET_REFERENCE.ID)
                .fetch(row -> new SubjectMapping.Link(
                        names.get(row.value1()),
                        List.of(row.value2()),
                        names.get(row.value3()),
                        List.of(row.value4())));
        return new SubjectMapping(identities, links, unconfirmed);
    }
}
