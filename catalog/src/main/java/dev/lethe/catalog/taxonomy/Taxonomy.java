package dev.lethe.catalog.taxonomy;

import static dev.lethe.catalog.jooq.Tables.TAXONOMY_TERM;
import static dev.lethe.catalog.jooq.Tables.TENANT_TAXONOMY_TERM;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.Revision;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * The taxonomy a tenant sees: Lethe's built-in terms plus the tenant's own. Built-in terms cannot
 * be changed; a tenant's term cannot reuse a built-in code. Thread-safe.
 */
public final class Taxonomy {

    private final DSLContext dsl;
    private final CatalogChanges changes;

    public Taxonomy(DSLContext dsl, CatalogChanges changes) {
        this.dsl = dsl;
        this.changes = changes;
    }

    /** Built-in and tenant terms of one kind, by code. */
    public List<Term> list(UUID tenantId, TermKind kind) {
        List<Term> terms = new ArrayList<>(dsl.selectFrom(TAXONOMY_TERM)
                .where(TAXONOMY_TERM.KIND.eq(kind.name()))
                .fetch(record -> new Term(
                        kind,
                        record.getCode(),
                        record.getParentCode(),
                        record.getName(),
                        record.getDescription(),
                        record.getSpecial(),
                        basis(record.getLegalBasis()),
                        true,
                        null)));
        terms.addAll(dsl.selectFrom(TENANT_TAXONOMY_TERM)
                .where(TENANT_TAXONOMY_TERM.TENANT_ID.eq(tenantId))
                .and(TENANT_TAXONOMY_TERM.KIND.eq(kind.name()))
                .fetch(Taxonomy::toTenantTerm));
        terms.sort(Comparator.comparing(Term::code));
        return terms;
    }

    public Optional<Term> find(UUID tenantId, TermKind kind, String code) {
        return list(tenantId, kind).stream()
                .filter(term -> term.code().equals(code))
                .findFirst();
    }

    /** Throws an {@link InvalidInputException} listing the valid codes when one of {@code codes} is unknown. */
    public void requireKnown(UUID tenantId, TermKind kind, Collection<String> codes) {
        if (codes.isEmpty()) {
            return;
        }
        Set<String> known = list(tenantId, kind).stream().map(Term::code).collect(Collectors.toSet());
        TreeSet<String> unknown = new TreeSet<>(codes);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(
                    "Unknown " + label(kind) + " " + unknown + "; valid are " + new TreeSet<>(known));
        }
    }

    public Term create(Editor editor, TermKind kind, TermDraft draft) {
        validate(editor.tenantId(), kind, draft);
        if (dsl.fetchExists(
                TAXONOMY_TERM, TAXONOMY_TERM.KIND.eq(kind.name()).and(TAXONOMY_TERM.CODE.eq(draft.code())))) {
            throw new ConflictException(draft.code() + " is a built-in " + label(kind));
        }
        Map<Field<?>, Object> values = values(draft);
        values.put(TENANT_TAXONOMY_TERM.KIND, kind.name());
        values.put(TENANT_TAXONOMY_TERM.CODE, draft.code());
        changes.insert(editor, TENANT_TAXONOMY_TERM, kindName(kind), draft.code(), values);
        return tenantTerm(editor.tenantId(), kind, draft.code());
    }

    public Term update(Editor editor, TermKind kind, String code, int expectedVersion, TermDraft draft) {
        if (!draft.code().equals(code)) {
            throw new InvalidInputException("code cannot change; create a new term instead");
        }
        validate(editor.tenantId(), kind, draft);
        changes.update(
                editor,
                TENANT_TAXONOMY_TERM,
                kindName(kind),
                code,
                identity(kind, code),
                expectedVersion,
                values(draft));
        return tenantTerm(editor.tenantId(), kind, code);
    }

    public void delete(Editor editor, TermKind kind, String code, int expectedVersion) {
        changes.delete(editor, TENANT_TAXONOMY_TERM, kindName(kind), code, identity(kind, code), expectedVersion);
    }

    private Term tenantTerm(UUID tenantId, TermKind kind, String code) {
        return dsl.selectFrom(TENANT_TAXONOMY_TERM)
                .where(TENANT_TAXONOMY_TERM.TENANT_ID.eq(tenantId))
                .and(identity(kind, code))
                .fetchOptional(Taxonomy::toTenantTerm)
                .orElseThrow(() -> new NotFoundException(label(kind) + " " + code));
    }

    private void validate(UUID tenantId, TermKind kind, TermDraft draft) {
        LegalBasis basis = draft.basis();
        if ((kind == TermKind.PURPOSE) != (basis != null)) {
            throw new InvalidInputException(
                    kind == TermKind.PURPOSE ? "A purpose needs a legalBasis" : "Only purposes have a legalBasis");
        }
        if (draft.special() && kind != TermKind.DATA_CATEGORY) {
            throw new InvalidInputException("Only data categories can be special");
        }
        if (draft.parentCode() != null) {
            requireKnown(tenantId, kind, List.of(draft.parentCode()));
        }
    }

    private static Map<Field<?>, Object> values(TermDraft draft) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(TENANT_TAXONOMY_TERM.PARENT_CODE, draft.parentCode());
        values.put(TENANT_TAXONOMY_TERM.NAME, draft.name());
        values.put(TENANT_TAXONOMY_TERM.DESCRIPTION, draft.description());
        values.put(TENANT_TAXONOMY_TERM.SPECIAL, draft.special());
        LegalBasis basis = draft.basis();
        values.put(TENANT_TAXONOMY_TERM.LEGAL_BASIS, basis == null ? null : basis.name());
        return values;
    }

    private static Condition identity(TermKind kind, String code) {
        return TENANT_TAXONOMY_TERM.KIND.eq(kind.name()).and(TENANT_TAXONOMY_TERM.CODE.eq(code));
    }

    private static Term toTenantTerm(Record record) {
        var term = record.into(TENANT_TAXONOMY_TERM);
        return new Term(
                TermKind.valueOf(term.getKind()),
                term.getCode(),
                term.getParentCode(),
                term.getName(),
                term.getDescription(),
                term.getSpecial(),
                basis(term.getLegalBasis()),
                false,
                new Revision(
                        term.getVersion(),
                        term.getCreatedAt().toInstant(),
                        term.getCreatedBy(),
                        term.getUpdatedAt().toInstant(),
                        term.getUpdatedBy()));
    }

    private static LegalBasis basis(String name) {
        return name == null ? null : LegalBasis.valueOf(name);
    }

    private static String kindName(TermKind kind) {
        return switch (kind) {
            case DATA_CATEGORY -> "category";
            case SUBJECT_CATEGORY -> "subject_category";
            case PURPOSE -> "purpose";
        };
    }

    private static String label(TermKind kind) {
        return kindName(kind).replace('_', ' ');
    }
}
