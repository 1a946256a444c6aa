package dev.lethe.catalog.erasure;

import static dev.lethe.catalog.jooq.Tables.ERASURE_RULE;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.Revision;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.taxonomy.TermKind;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * The tenant's erasure rules: one per dataset's records, per dataset field, per data category (a second
 * one for the same target is a conflict). Every change goes through {@link CatalogChanges}, so it is
 * versioned and audited. Thread-safe.
 */
public final class ErasureRules {

    private static final String KIND = "erasure_rule";

    private final DSLContext dsl;
    private final CatalogChanges changes;
    private final Taxonomy taxonomy;

    public ErasureRules(DSLContext dsl, CatalogChanges changes, Taxonomy taxonomy) {
        this.dsl = dsl;
        this.changes = changes;
        this.taxonomy = taxonomy;
    }

    /** Every rule of the tenant, datasets' rules before categories', in a stable order. */
    public List<ErasureRule> list(UUID tenantId) {
        return dsl.selectFrom(ERASURE_RULE)
                .where(ERASURE_RULE.TENANT_ID.eq(tenantId))
                .orderBy(
                        ERASURE_RULE.DATASET_ID.asc().nullsLast(),
                        ERASURE_RULE.FIELD_PATH.asc().nullsFirst(),
                        ERASURE_RULE.DATA_CATEGORY,
                        ERASURE_RULE.ID)
                .fetch(ErasureRules::toRule);
    }

    public Optional<ErasureRule> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(ERASURE_RULE)
                .where(ERASURE_RULE.TENANT_ID.eq(tenantId))
                .and(ERASURE_RULE.ID.eq(id))
                .fetchOptional(ErasureRules::toRule);
    }

    public ErasureRule create(Editor editor, ErasureRuleDraft draft) {
        UUID id = UUID.randomUUID();
        Map<Field<?>, Object> values = values(editor.tenantId(), draft);
        values.put(ERASURE_RULE.ID, id);
        oneRulePerTarget(() -> changes.insert(editor, ERASURE_RULE, KIND, id.toString(), values));
        return get(editor.tenantId(), id);
    }

    public ErasureRule update(Editor editor, UUID id, int expectedVersion, ErasureRuleDraft draft) {
        Map<Field<?>, Object> values = values(editor.tenantId(), draft);
        oneRulePerTarget(() -> changes.update(
                editor, ERASURE_RULE, KIND, id.toString(), ERASURE_RULE.ID.eq(id), expectedVersion, values));
        return get(editor.tenantId(), id);
    }

    public void delete(Editor editor, UUID id, int expectedVersion) {
        changes.delete(editor, ERASURE_RULE, KIND, id.toString(), ERASURE_RULE.ID.eq(id), expectedVersion);
    }

    /** A write refused by a unique index: another rule has the same target. */
    private static void oneRulePerTarget(Runnable write) {
        try {
            write.run();
        } catch (ConflictException e) {
            throw new ConflictException(
                    "An erasure rule for this target (dataset records, dataset field or data category) exists already: change that one");
        }
    }

    private ErasureRule get(UUID tenantId, UUID id) {
        return find(tenantId, id).orElseThrow(() -> new NotFoundException("erasure rule " + id));
    }

    private Map<Field<?>, Object> values(UUID tenantId, ErasureRuleDraft draft) {
        if (draft.dataCategory() != null) {
            taxonomy.requireKnown(tenantId, TermKind.DATA_CATEGORY, List.of(draft.dataCategory()));
        }
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(ERASURE_RULE.DATASET_ID, draft.datasetId());
        values.put(ERASURE_RULE.DATA_CATEGORY, draft.dataCategory());
        values.put(ERASURE_RULE.FIELD_PATH, draft.fieldPath());
        values.put(ERASURE_RULE.STRATEGY, draft.strategy());
        values.put(ERASURE_RULE.REASON, draft.reason());
        values.put(ERASURE_RULE.RETAIN_PERIOD, draft.retainPeriod());
        values.put(
                ERASURE_RULE.RETAIN_UNTIL,
                draft.retainUntil() == null ? null : draft.retainUntil().atOffset(ZoneOffset.UTC));
        return values;
    }

    static ErasureRule toRule(Record record) {
        OffsetDateTime until = record.get(ERASURE_RULE.RETAIN_UNTIL);
        return new ErasureRule(
                record.get(ERASURE_RULE.ID),
                record.get(ERASURE_RULE.DATASET_ID),
                record.get(ERASURE_RULE.DATA_CATEGORY),
                record.get(ERASURE_RULE.FIELD_PATH),
                Strategy.valueOf(record.get(ERASURE_RULE.STRATEGY)),
                record.get(ERASURE_RULE.REASON),
                record.get(ERASURE_RULE.RETAIN_PERIOD),
                until == null ? null : until.toInstant(),
                Revision.of(record, ERASURE_RULE));
    }
}
