package dev.lethe.catalog.search;

import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATA_FIELD;
import static dev.lethe.catalog.jooq.Tables.DATA_SYSTEM;
import static dev.lethe.catalog.jooq.Tables.PROCESSING_ACTIVITY;
import static dev.lethe.catalog.jooq.Tables.TAXONOMY_TERM;
import static dev.lethe.catalog.jooq.Tables.TENANT_TAXONOMY_TERM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Reads the current state of indexed catalog entities from PostgreSQL as search documents. Works
 * on the {@link DSLContext} it is given (the caller's transaction and tenant).
 */
final class SearchDocuments {

    private final DSLContext tx;
    private final UUID tenantId;
    private final Map<String, String> categoryNames;

    SearchDocuments(DSLContext tx, UUID tenantId) {
        this.tx = tx;
        this.tenantId = tenantId;
        this.categoryNames = categoryNames(tx, tenantId);
    }

    /** Every indexed entity of the tenant, in order of kind; fields are streamed. */
    void all(Consumer<SearchDocument> sink) {
        systems(DSL.trueCondition()).forEach(sink);
        datasets(DSL.trueCondition()).forEach(sink);
        activities(DSL.trueCondition()).forEach(sink);
        try (Stream<SearchDocument> fields = fields(DSL.trueCondition())) {
            fields.forEach(sink);
        }
    }

    /**
     * The current documents of the entities of {@code kind}, and of what names them in its context
     * (a system's datasets and fields, a dataset's fields); ids with no row are absent.
     */
    List<SearchDocument> current(String kind, Set<UUID> ids) {
        List<SearchDocument> documents = new ArrayList<>();
        switch (kind) {
            case "system" -> {
                documents.addAll(systems(DATA_SYSTEM.ID.in(ids)));
                documents.addAll(datasets(DATASET.SYSTEM_ID.in(ids)));
                collect(fields(DATASET.SYSTEM_ID.in(ids)), documents);
            }
            case "dataset" -> {
                documents.addAll(datasets(DATASET.ID.in(ids)));
                collect(fields(DATA_FIELD.DATASET_ID.in(ids)), documents);
            }
            case "field" -> collect(fields(DATA_FIELD.ID.in(ids)), documents);
            case "activity" -> documents.addAll(activities(PROCESSING_ACTIVITY.ID.in(ids)));
            default -> throw new IllegalArgumentException("Not an indexed kind: " + kind);
        }
        return documents;
    }

    private List<SearchDocument> systems(Condition condition) {
        return tx.select(DATA_SYSTEM.ID, DATA_SYSTEM.NAME, DATA_SYSTEM.DESCRIPTION, DATA_SYSTEM.OWNER_TEAM)
                .from(DATA_SYSTEM)
                .where(DATA_SYSTEM.TENANT_ID.eq(tenantId))
                .and(condition)
                .fetch(row -> document(
                        "system", row.value1(), row.value2(), row.value3(), List.of(), row.value4(), row.value4()));
    }

    private List<SearchDocument> datasets(Condition condition) {
        return tx.select(DATASET.ID, DATASET.NAME, DATASET.DESCRIPTION, DATASET.LOCATION, DATA_SYSTEM.NAME)
                .from(DATASET)
                .join(DATA_SYSTEM)
                .on(DATA_SYSTEM.TENANT_ID.eq(DATASET.TENANT_ID))
                .and(DATA_SYSTEM.ID.eq(DATASET.SYSTEM_ID))
                .where(DATASET.TENANT_ID.eq(tenantId))
                .and(condition)
                .fetch(row -> document(
                        "dataset",
                        row.value1(),
                        row.value2(),
                        row.value3(),
                        List.of(),
                        row.value4(),
                        row.value5() + " / " + row.value4()));
    }

    private Stream<SearchDocument> fields(Condition condition) {
        return tx.select(
                        DATA_FIELD.ID,
                        DATA_FIELD.PATH,
                        DATA_FIELD.DATA_TYPE,
                        DATA_FIELD.CATEGORIES,
                        DATASET.NAME,
                        DATA_SYSTEM.NAME)
                .from(DATA_FIELD)
                .join(DATASET)
                .on(DATASET.TENANT_ID.eq(DATA_FIELD.TENANT_ID))
                .and(DATASET.ID.eq(DATA_FIELD.DATASET_ID))
                .join(DATA_SYSTEM)
                .on(DATA_SYSTEM.TENANT_ID.eq(DATASET.TENANT_ID))
                .and(DATA_SYSTEM.ID.eq(DATASET.SYSTEM_ID))
                .where(DATA_FIELD.TENANT_ID.eq(tenantId))
                .and(condition)
                .fetchSize(1000)
                .fetchStream()
                .map(row -> document(
                        "field",
                        row.get(DATA_FIELD.ID),
                        row.get(DATA_FIELD.PATH),
                        "",
                        List.of(row.get(DATA_FIELD.CATEGORIES)),
                        row.get(DATA_FIELD.DATA_TYPE),
                        row.get(DATA_SYSTEM.NAME) + " / " + row.get(DATASET.NAME)));
    }

    private List<SearchDocument> activities(Condition condition) {
        return tx.select(
                        PROCESSING_ACTIVITY.ID,
                        PROCESSING_ACTIVITY.NAME,
                        PROCESSING_ACTIVITY.DESCRIPTION,
                        PROCESSING_ACTIVITY.PURPOSE_CODE,
                        PROCESSING_ACTIVITY.DATA_CATEGORIES,
                        PROCESSING_ACTIVITY.SUBJECT_CATEGORIES)
                .from(PROCESSING_ACTIVITY)
                .where(PROCESSING_ACTIVITY.TENANT_ID.eq(tenantId))
                .and(condition)
                .fetch(row -> {
                    List<String> categories = new ArrayList<>(Arrays.asList(row.value5()));
                    categories.addAll(Arrays.asList(row.value6()));
                    categories.add(row.value4());
                    return document("activity", row.value1(), row.value2(), row.value3(), categories, "", "");
                });
    }

    private SearchDocument document(
            String kind,
            UUID id,
            String name,
            String description,
            List<String> categories,
            String extra,
            String context) {
        Set<String> terms = new LinkedHashSet<>(Words.of(name));
        terms.addAll(Words.of(extra));
        for (String code : categories) {
            terms.addAll(Words.of(code));
            String categoryName = categoryNames.get(code);
            if (categoryName != null) {
                terms.add(categoryName);
            }
        }
        return new SearchDocument(
                kind, id.toString(), name, description, List.copyOf(categories), String.join(" ", terms), context);
    }

    private static void collect(Stream<SearchDocument> stream, List<SearchDocument> into) {
        try (stream) {
            stream.forEach(into::add);
        }
    }

    /** Taxonomy codes to names, the tenant's own terms over the shipped ones. */
    private static Map<String, String> categoryNames(DSLContext tx, UUID tenantId) {
        Map<String, String> names = new HashMap<>();
        tx.select(TAXONOMY_TERM.CODE, TAXONOMY_TERM.NAME)
                .from(TAXONOMY_TERM)
                .forEach(row -> names.put(row.value1(), row.value2()));
        tx.select(TENANT_TAXONOMY_TERM.CODE, TENANT_TAXONOMY_TERM.NAME)
                .from(TENANT_TAXONOMY_TERM)
                .where(TENANT_TAXONOMY_TERM.TENANT_ID.eq(tenantId))
                .forEach(row -> names.put(row.value1(), row.value2()));
        return names;
    }
}
